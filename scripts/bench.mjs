// `npm run bench`: runs the built action (dist/index.js) as a child process, the way the runner does,
// against the loopback MPC stand-in, and prints how close it gets to what the rate limit allows.
// Figures are measured on this machine every time; nothing here is a recorded result.
//
//   node scripts/bench.mjs [--n1=40] [--n2=1200] [--startup-runs=41] [--json] [--no-bundle] [--dist=DIR]
//
// dist/ is rebuilt first when it is missing or older than src/, then copied to a temp directory: other
// work rebuilding dist/ during the minutes a run takes must not swap the code under measurement.
// --dist=DIR measures another build (e.g. of an older commit) instead.
//
// Run it under another Node to get that Node's figures, e.g. `npx -y node@24 scripts/bench.mjs`:
// the action is started with the same node binary as the script.
import { execFileSync, spawn } from 'node:child_process'
import diagnostics from 'node:diagnostics_channel'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { request } from 'undici'
import { runAction } from '../__fixtures__/action-runner.mjs'
import { startCacheServer } from '../__fixtures__/cache-server.mjs'
import { EXAMPLE_ACCEPTED, PENDING, startMpcServer } from '../__fixtures__/mpc-server.mjs'
import { observationsScenario } from './bench/observations.mjs'
import { validateScenario } from './bench/validate-batch.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const BARE_CLIENT = path.join(ROOT, 'scripts', 'bench', 'bare-client.mjs')
const REFERENCE_ACTION = path.join(ROOT, 'scripts', 'bench', 'reference-action.mjs')
const REPORTING_REFERENCE = path.join(ROOT, 'scripts', 'bench', 'reference-reporting.mjs')
const CPU_TIME_PRELOAD = pathToFileURL(path.join(ROOT, 'scripts', 'bench', 'cpu-time.mjs')).href
const MAX_RSS_PRELOAD = pathToFileURL(path.join(ROOT, 'scripts', 'bench', 'max-rss.mjs')).href
const DIST = path.join(ROOT, 'dist')

const args = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [name, value] = arg.replace(/^--/, '').split('=')
    return [name, value ?? 'true']
  })
)
const N1 = Number(args.n1 ?? 40)
const N2 = Number(args.n2 ?? 1200)
// 41 rounds: at 15, the ratio of the medians moved between 1.08x and 1.14x from one run to the next on the idle
// machine. At 41 (about 20 s) it still moves about 1.5% with the machine from one batch to the next (README).
const STARTUP_RUNS = Number(args['startup-runs'] ?? 41)

// ---------------------------------------------------------------------------------------------------------
// Helpers

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }
  return newest
}

/**
 * Rebuilds dist/ when it is missing or older than any source file, so the figures are for this code,
 * and returns a private copy of it.
 */
async function snapshotBundle() {
  let origin = 'dist/, up to date'
  let from = DIST
  if (args.dist) {
    from = path.resolve(args.dist)
    origin = from
  } else if (args['no-bundle'] !== 'true') {
    const entry = path.join(DIST, 'index.js')
    if (!existsSync(entry) || statSync(entry).mtimeMs < newestMtime(path.join(ROOT, 'src'))) {
      process.stderr.write('bench: dist/ is missing or older than src/: running npm run bundle\n')
      try {
        execFileSync('npm', ['run', 'bundle', '--silent'], { cwd: ROOT, stdio: 'inherit' })
      } catch {
        throw new Error('npm run bundle failed (see above); fix the build or pass --dist=DIR')
      }
      origin = 'dist/, rebuilt by npm run bundle'
    }
  } else {
    origin = 'dist/ as found (--no-bundle)'
  }
  if (!existsSync(path.join(from, 'index.js'))) throw new Error(`no index.js in ${from}`)
  const copy = await mkdtemp(path.join(os.tmpdir(), 'mpc-bench-dist-'))
  await cp(from, copy, { recursive: true })
  // The start-up reference: @actions/core + undici, one input read and one request, bundled the same way.
  const referenceDir = path.join(copy, 'reference-action')
  execFileSync('npx', ['ncc', 'build', REFERENCE_ACTION, '-o', referenceDir, '--quiet'], { cwd: ROOT })
  const reportingDir = path.join(copy, 'reference-reporting')
  execFileSync('npx', ['ncc', 'build', REPORTING_REFERENCE, '-o', reportingDir, '--quiet'], { cwd: ROOT })
  return {
    entry: path.join(copy, 'index.js'),
    referenceEntry: path.join(referenceDir, 'index.mjs'),
    reportingEntry: path.join(reportingDir, 'index.mjs'),
    dir: copy,
    origin
  }
}

/** Distinct, well-formed submission IDs: one per second of a day, so every one is sent. */
function submissionIds(n) {
  return Array.from({ length: n }, (_, i) => {
    const h = String(Math.floor(i / 3600) % 24).padStart(2, '0')
    const m = String(Math.floor(i / 60) % 60).padStart(2, '0')
    const s = String(i % 60).padStart(2, '0')
    return `2026-01-01T${h}:${m}:${s}.${String(Math.floor(i / 86400) % 1000).padStart(3, '0')}_0000BNCH`
  })
}

/**
 * Starts the bundle as the runner does (the shared runner stand-in), with the CPU-time preload when asked.
 * Times are on this process's performance.now() clock, the same one the MPC stand-in records.
 */
async function runBundle(inputs, { cpuTime = false, maxRss = false, files = {}, env = {}, entry = ENTRY } = {}) {
  const scratch = path.join(os.tmpdir(), `mpc-bench-${process.pid}-${Math.random().toString(36).slice(2)}`)
  const cpuFile = `${scratch}.cpu`
  const rssFile = `${scratch}.rss`
  const run = await runAction({
    entry,
    inputs,
    files,
    env: { ...env, ...(cpuTime ? { BENCH_CPU_FILE: cpuFile } : {}), ...(maxRss ? { BENCH_RSS_FILE: rssFile } : {}) },
    nodeArgs: [...(cpuTime ? ['--import', CPU_TIME_PRELOAD] : []), ...(maxRss ? ['--import', MAX_RSS_PRELOAD] : [])],
    removeWorkspace: true
  })
  const cpuMs = cpuTime ? Number(await readFile(cpuFile, 'utf8')) : undefined
  // ru_maxrss is in KiB.
  const maxRssBytes = maxRss ? Number(await readFile(rssFile, 'utf8')) * 1024 : undefined
  await rm(cpuFile, { force: true })
  await rm(rssFile, { force: true })
  return { ...run, cpuMs, maxRssBytes }
}

/** Times `node file` (with the CPU-time preload, like the action's start-up runs). */
async function timeBareNode(file, cpuFile = `${file}.cpu-ms`) {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, BENCH_CPU_FILE: cpuFile }
  const startedAt = performance.now()
  const child = spawn(process.execPath, ['--import', CPU_TIME_PRELOAD, file], { env, stdio: 'ignore' })
  const code = await new Promise((resolve) => child.on('close', resolve))
  const wallMs = performance.now() - startedAt
  if (code !== 0) throw new Error(`node ${file} exited with ${code}`)
  return { wallMs, cpuMs: Number(await readFile(cpuFile, 'utf8')) }
}

/** Throws unless every submission came back accepted: a broken run must not pass for a fast one. */
function assertAllAccepted(run, n, what) {
  if (run.code !== 0 || Number(run.outputs['accepted-count']) !== n) {
    throw new Error(
      `${what}: the action did not check all ${n} submissions (exit ${run.code}, ` +
        `accepted-count ${run.outputs['accepted-count']})\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`
    )
  }
}

/** Most request starts in any half-open window [t, t + windowMs), and the shortest gap from request k to k+rate. */
function slidingWindow(starts, windowMs, rate) {
  const sorted = [...starts].sort((a, b) => a - b)
  let most = 0
  let j = 0
  for (let i = 0; i < sorted.length; i += 1) {
    while (j < sorted.length && sorted[j] < sorted[i] + windowMs) j += 1
    most = Math.max(most, j - i)
  }
  let shortestGap = Infinity
  for (let k = 0; k + rate < sorted.length; k += 1) shortestGap = Math.min(shortestGap, sorted[k + rate] - sorted[k])
  return { most, shortestGap }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const ms = (value) => `${Math.round(value)} ms`
const s = (value) => `${(value / 1000).toFixed(2)} s`
const x = (value) => `${value.toFixed(3)}x`
const mb = (bytes) => `${Math.round(bytes / 2 ** 20)} MiB`

function table(header, rows) {
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((row) => String(row[c]).length)))
  const line = (row) => `| ${row.map((cell, c) => String(cell).padEnd(widths[c])).join(' | ')} |`
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n')
}

const accepted = () => ({ json: EXAMPLE_ACCEPTED })

// Connections the stand-in accepted: a client that reuses its connections opens about `concurrency`.
let connectionsAccepted = 0
diagnostics.subscribe('net.server.socket', () => (connectionsAccepted += 1))

// ---------------------------------------------------------------------------------------------------------
// 1. Default rate limit: the action against the floor and against one blocking request after another.

async function rateLimited() {
  const latencyMs = 250
  const rate = 5
  const ids = submissionIds(N1)
  const server = await startMpcServer({ latencyMs, answer: accepted })
  try {
    connectionsAccepted = 0
    const run = await runBundle({
      'submission-ids': ids.join('\n'),
      'api-url': server.url,
      'rate-limit': String(rate),
      concurrency: '4'
    })
    assertAllAccepted(run, N1, 'rate-limited run')
    const connections = connectionsAccepted
    const starts = server.requests.map((r) => r.startedAt)
    const window = slidingWindow(starts, 1000, rate)
    const firstStart = Math.min(...starts)
    const lastEnd = Math.max(...server.requests.map((r) => r.endedAt ?? r.startedAt))

    // What the API documentation's example does, in a loop: one blocking request, then the next. Like
    // `requests.get` without a session, undici's default closes the connection after a GET with a body.
    server.reset()
    const sequentialStartedAt = performance.now()
    for (const id of ids) {
      const answer = await request(`${server.url}/api/submission-status`, {
        method: 'GET',
        body: JSON.stringify({ submission_id: id }),
        headers: { 'content-type': 'application/json' }
      })
      await answer.body.json()
    }
    const sequentialMs = performance.now() - sequentialStartedAt

    const floorMs = ((N1 - 1) / rate) * 1000 + latencyMs
    return {
      n: N1,
      latencyMs,
      wallMs: run.wallMs,
      checkMs: lastEnd - firstStart,
      floorMs,
      ratio: run.wallMs / floorMs,
      sequentialMs,
      sequentialModelMs: N1 * latencyMs,
      speedup: sequentialMs / run.wallMs,
      requests: starts.length,
      connections,
      mostPerSecond: window.most,
      shortestGapMs: window.shortestGap,
      pass: run.wallMs <= floorMs * 1.05 && window.most <= rate
    }
  } finally {
    await server.close()
  }
}

// ---------------------------------------------------------------------------------------------------------
// 2. Rate limit lifted: concurrency is the only bound.

async function unlimited() {
  const latencyMs = 25
  const concurrency = 16
  const server = await startMpcServer({ latencyMs, answer: accepted })
  try {
    connectionsAccepted = 0
    const run = await runBundle({
      'submission-ids': submissionIds(N2).join('\n'),
      'api-url': server.url,
      'rate-limit': '0',
      concurrency: String(concurrency)
    })
    assertAllAccepted(run, N2, 'unlimited run')
    const firstStart = Math.min(...server.requests.map((r) => r.startedAt))
    const lastEnd = Math.max(...server.requests.map((r) => r.endedAt ?? r.startedAt))
    const requests = server.requests.length
    const connections = connectionsAccepted
    const peakInFlight = server.peakInFlight

    // The same work by the barest client, in its own process, against a fresh stand-in.
    const bareServer = await startMpcServer({ latencyMs, answer: accepted })
    let bareClient
    try {
      const env = {
        PATH: process.env.PATH,
        BENCH_API_URL: bareServer.url,
        BENCH_IDS: submissionIds(N2).join('\n'),
        BENCH_CONCURRENCY: String(concurrency)
      }
      const spawnedAt = performance.now()
      const child = spawn(process.execPath, [BARE_CLIENT], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] })
      const code = await new Promise((resolve) => child.on('close', resolve))
      if (code !== 0 || bareServer.requests.length !== N2) throw new Error('the bare client failed')
      const wallMs = performance.now() - spawnedAt
      const first = Math.min(...bareServer.requests.map((r) => r.startedAt))
      const last = Math.max(...bareServer.requests.map((r) => r.endedAt ?? r.startedAt))
      bareClient = { wallMs, checkMs: last - first }
    } finally {
      await bareServer.close()
    }
    const idealMs = (N2 / concurrency) * latencyMs
    return {
      n: N2,
      latencyMs,
      concurrency,
      wallMs: run.wallMs,
      checkMs: lastEnd - firstStart,
      beforeFirstRequestMs: firstStart - run.spawnedAt,
      afterLastAnswerMs: run.endedAt - lastEnd,
      idealMs,
      ratio: run.wallMs / idealMs,
      checkRatio: (lastEnd - firstStart) / idealMs,
      requests,
      connections,
      peakInFlight,
      bareClient,
      pass: run.wallMs <= idealMs * 1.3 && peakInFlight <= concurrency
    }
  } finally {
    await server.close()
  }
}

// ---------------------------------------------------------------------------------------------------------
// 4. Scale: huge ID files read, checked and reported (rate limit lifted, a stand-in that answers at once).
// Work must grow linearly with the number of IDs: the time per ID at 100k is compared with that at 10k.
// Memory is bounded: the action's peak RSS (its own process, started without flags) at 150,000 and
// 250,000 IDs, and at 150,000 with a verdict store of 150,000 entries.

/** Peak resident set size allowed: 300 MB at 150,000 IDs, 450 MB at 250,000 (MiB, as RSS tools count). */
const RSS_TARGETS = { 150_000: 300 * 2 ** 20, 250_000: 450 * 2 ** 20 }

async function scaleRun(textIds, jsonIds, { env = {}, mpc } = {}) {
  // 200,000 recorded requests would only measure the stand-in's memory: it counts them instead.
  const server = mpc ?? (await startMpcServer({ answer: accepted, keepRequests: false }))
  server.reset()
  try {
    const ids = submissionIds(textIds + jsonIds)
    const files = { 'ids.txt': ids.slice(0, textIds).join('\n') }
    if (jsonIds > 0) files['ids.json'] = JSON.stringify(ids.slice(textIds), null, 1)
    const run = await runBundle(
      {
        'submission-ids-file': jsonIds > 0 ? 'ids.txt\nids.json' : 'ids.txt',
        'api-url': server.url,
        'rate-limit': '0',
        concurrency: '16',
        'results-file': 'results.json'
      },
      { files, env, maxRss: true }
    )
    assertAllAccepted(run, textIds + jsonIds, `scale run of ${textIds} + ${jsonIds} IDs`)
    if (run.stderr !== '') throw new Error(`scale run wrote to stderr: ${run.stderr.slice(0, 500)}`)
    const requests = server.received
    const outputBytes = Math.max(...Object.values(run.outputs).map((value) => Buffer.byteLength(value)))
    const count = textIds + jsonIds
    return {
      ids: count,
      wallMs: run.wallMs,
      requests,
      outputBytes,
      summaryBytes: Buffer.byteLength(run.summary),
      maxRssBytes: run.maxRssBytes,
      kibPerId: run.maxRssBytes / 1024 / count,
      rssTarget: RSS_TARGETS[count]
    }
  } finally {
    if (!mpc) await server.close()
  }
}

/**
 * 150,000 IDs with the verdict store on (the cache stand-in): the first run asks them all and saves a store
 * of 150,000 entries, the second restores it and answers every ID from it. Both peaks count.
 */
async function storeRuns(n) {
  const cache = await startCacheServer()
  const runnerTemp = await mkdtemp(path.join(os.tmpdir(), 'mpc-bench-runner-temp-'))
  const env = { ...cache.env, RUNNER_TEMP: runnerTemp, GITHUB_REPOSITORY: 'bench/scale', GITHUB_RUN_ATTEMPT: '1' }
  // One MPC stand-in for both runs: the store's cache key names the API's URL.
  const mpc = await startMpcServer({ answer: accepted, keepRequests: false })
  try {
    const fill = await scaleRun(n, 0, { env: { ...env, GITHUB_RUN_ID: '1' }, mpc })
    if (cache.entries().length !== 1) throw new Error(`the ${n}-ID run saved no verdict store`)
    const reuse = await scaleRun(n, 0, { env: { ...env, GITHUB_RUN_ID: '2' }, mpc })
    if (reuse.requests !== 0) throw new Error(`the remembered ${n}-ID run still asked ${reuse.requests} IDs`)
    return { fill, reuse }
  } finally {
    await mpc.close()
    await cache.close()
    await rm(runnerTemp, { recursive: true, force: true })
  }
}

const withinRss = (run) => run.rssTarget === undefined || run.maxRssBytes <= run.rssTarget

/** Every ID asked once, every output under GitHub's 1 MB, the summary under its 1 MiB (the suite's 2,000-ID test is the small case). */
const completes = (run) => run.requests === run.ids && run.outputBytes < 1_000_000 && run.summaryBytes < 1024 * 1024

/**
 * The command line's table of 150,000 rows (`check --file`, no rate limit): every ID asked, every row
 * printed. Its column widths are found by a loop, since spreading 150,000 rows into one call overflows the
 * stack; the suite's renderTable tests stay small.
 */
async function cliTable(n) {
  const server = await startMpcServer({ answer: accepted, keepRequests: false })
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'mpc-bench-cli-'))
  try {
    await writeFile(path.join(cwd, 'ids.txt'), submissionIds(n).join('\n'))
    const cli = path.join(bundle.dir, 'cli', 'index.js')
    const env = { PATH: process.env.PATH, HOME: process.env.HOME }
    const startedAt = performance.now()
    const child = spawn(
      process.execPath,
      [cli, 'check', '--file', 'ids.txt', '--api-url', server.url, '--rate-limit', '0'],
      {
        cwd,
        env,
        stdio: ['ignore', 'pipe', 'pipe']
      }
    )
    let rows = 0
    let stderr = ''
    let rest = ''
    // Decoded as a stream: a chunk may end inside a character.
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n')
      rest = lines.pop() ?? ''
      rows += lines.filter((line) => line.includes('✅ accepted')).length
    })
    child.stderr.on('data', (chunk) => (stderr += chunk.toString()))
    const code = await new Promise((resolve) => child.on('close', resolve))
    const wallMs = performance.now() - startedAt
    if (code !== 0) throw new Error(`the ${n}-ID command line check exited ${code}\n${stderr.slice(-2000)}`)
    return { ids: n, wallMs, rows, requests: server.received, pass: rows === n && server.received === n }
  } finally {
    await server.close()
    await rm(cwd, { recursive: true, force: true })
  }
}

async function scale() {
  const small = await scaleRun(10_000, 0)
  const large = await scaleRun(100_000, 0)
  const mid = await scaleRun(150_000, 0)
  const huge = await scaleRun(200_000, 50_000)
  const store = await storeRuns(150_000)
  const cli = await cliTable(150_000)
  const perIdSmall = small.wallMs / small.ids
  const perIdLarge = large.wallMs / large.ids
  const growth = perIdLarge / perIdSmall
  const memory = [mid, huge, store.fill, store.reuse].every(withinRss)
  return {
    small,
    large,
    mid,
    huge,
    store,
    cli,
    growth,
    memory,
    pass: growth <= 1.5 && completes(huge) && memory && cli.pass
  }
}

// ---------------------------------------------------------------------------------------------------------
// 5. Remembered verdicts: 3,000 IDs, 2,990 of them accepted in the verdict store (the Actions cache, a
// loopback stand-in of its service), default rate limit. Only the 10 others may reach the MPC.

async function remembered() {
  const n = 3000
  const open = 10
  const ids = submissionIds(n)
  const pending = new Set(ids.slice(n - open))
  const server = await startMpcServer({
    answer: (request) => (pending.has(request.json?.submission_id) ? { json: PENDING } : { json: EXAMPLE_ACCEPTED })
  })
  const cache = await startCacheServer()
  const runnerTemp = await mkdtemp(path.join(os.tmpdir(), 'mpc-bench-runner-temp-'))
  const env = { ...cache.env, RUNNER_TEMP: runnerTemp, GITHUB_REPOSITORY: 'bench/verdicts', GITHUB_RUN_ATTEMPT: '1' }
  const inputs = { 'submission-ids': ids.join('\n'), 'api-url': server.url, 'fail-on': 'rejected' }
  try {
    // Filling the store: the first run asks everything, with the rate limit lifted to keep the bench short.
    const fill = await runAction({
      entry: ENTRY,
      inputs: { ...inputs, 'rate-limit': '0' },
      env: { ...env, GITHUB_RUN_ID: '1' },
      removeWorkspace: true
    })
    if (fill.code !== 0 || cache.entries().length !== 1)
      throw new Error(`filling the verdict store failed\n${fill.stdout.slice(-2000)}`)
    server.reset()
    const run = await runAction({ entry: ENTRY, inputs, env: { ...env, GITHUB_RUN_ID: '2' }, removeWorkspace: true })
    const asked = server.requests.map((request) => request.json?.submission_id)
    if (run.code !== 0 || Number(run.outputs['accepted-count']) !== n - open) {
      throw new Error(`the remembered run did not report every submission\n${run.stdout.slice(-2000)}`)
    }
    return {
      n,
      open,
      wallMs: run.wallMs,
      requests: asked.length,
      onlyOpen: asked.every((id) => pending.has(id)),
      uncachedMs: ((n - 1) / 5) * 1000,
      pass: run.wallMs < 3000 && asked.length === open && asked.every((id) => pending.has(id))
    }
  } finally {
    await server.close()
    await cache.close()
    await rm(runnerTemp, { recursive: true, force: true })
  }
}

// ---------------------------------------------------------------------------------------------------------
// 3. Start-up: the whole process for one submission against the least an action on the same stack does.

async function startup() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mpc-bench-empty-'))
  const empty = path.join(dir, 'empty.js')
  await writeFile(empty, '')
  const server = await startMpcServer({ answer: accepted })
  const [id] = submissionIds(1)
  const bare = []
  const inputs = { 'submission-ids': id, 'api-url': server.url }
  // Timed in this order each round: the reference, the reference with reporting, the action.
  const timed = {
    reference: { entry: bundle.referenceEntry, what: 'reference run', runs: [] },
    reporting: { entry: bundle.reportingEntry, what: 'reporting reference run', runs: [] },
    action: { entry: ENTRY, what: 'start-up run', runs: [] }
  }
  const runOnce = async ({ entry, what }) => {
    const run = await runBundle(inputs, { cpuTime: true, entry })
    assertAllAccepted(run, 1, what)
    return run
  }
  try {
    // One unmeasured round of each warms the file cache; then they alternate so drift hits all alike.
    await timeBareNode(empty)
    for (const one of Object.values(timed)) await runOnce(one)
    for (let i = 0; i < STARTUP_RUNS; i += 1) {
      bare.push(await timeBareNode(empty))
      for (const one of Object.values(timed)) one.runs.push(await runOnce(one))
    }
  } finally {
    await server.close()
    await rm(dir, { recursive: true, force: true })
  }
  const [reference, reporting, action] = [timed.reference.runs, timed.reporting.runs, timed.action.runs]
  const wall = (runs) => runs.map((run) => run.wallMs)
  const bareMs = median(wall(bare))
  const referenceMs = median(wall(reference))
  const actionMs = median(wall(action))
  const reportingMs = median(wall(reporting))
  return {
    runs: STARTUP_RUNS,
    bareMs,
    referenceMs,
    actionMs,
    ratio: actionMs / referenceMs,
    reportingMs,
    reportingCpuMs: median(reporting.map((run) => run.cpuMs)),
    bareCpuMs: median(bare.map((run) => run.cpuMs)),
    referenceCpuMs: median(reference.map((run) => run.cpuMs)),
    actionCpuMs: median(action.map((run) => run.cpuMs)),
    bareRange: [Math.min(...wall(bare)), Math.max(...wall(bare))],
    referenceRange: [Math.min(...wall(reference)), Math.max(...wall(reference))],
    actionRange: [Math.min(...wall(action)), Math.max(...wall(action))],
    bundleBytes: statSync(ENTRY).size,
    referenceBytes: statSync(bundle.referenceEntry).size,
    pass: actionMs <= referenceMs * 1.1
  }
}

// ---------------------------------------------------------------------------------------------------------

let bundle
try {
  bundle = await snapshotBundle()
} catch (error) {
  process.stderr.write(`bench: ${error.message}\n`)
  process.exit(1)
}
const ENTRY = bundle.entry
const cpus = os.cpus()
const machine = `node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}`
const loadBefore = os.loadavg()[0]
process.stderr.write(`bench: ${machine}; dist/index.js from ${bundle.origin}; load average ${loadBefore.toFixed(2)}\n`)

process.stderr.write(`bench: 1/5 rate-limited run (${N1} submissions)...\n`)
const one = await rateLimited()
process.stderr.write(`bench: 2/5 unlimited run (${N2} submissions)...\n`)
const two = await unlimited()
process.stderr.write(`bench: 3/5 start-up (${STARTUP_RUNS} runs each)...\n`)
const three = await startup()
process.stderr.write(
  'bench: 4/5 scale (10k, 100k, 150k, 200k + 50k IDs from files; 150k twice with the verdict store; the command line with 150k)...\n'
)
const four = await scale()
process.stderr.write('bench: 5/5 remembered verdicts (3000 IDs, 2990 in the store)...\n')
const five = await remembered()
process.stderr.write('bench: 6. observations (3000 accepted IDs, WAMO asked too)...\n')
const six = await observationsScenario({ entry: ENTRY, ids: submissionIds(3000), slidingWindow })
process.stderr.write('bench: and validating PSV batches of 10,000 and 100,000 observations...\n')
const seven = await validateScenario(bundle.dir)
const loadAfter = os.loadavg()[0]
const load = { before: loadBefore, after: loadAfter, cpus: cpus.length }

if (args.json === 'true') {
  console.log(
    JSON.stringify(
      {
        machine,
        load,
        bundle: bundle.origin,
        rateLimited: one,
        unlimited: two,
        startup: three,
        scale: four,
        remembered: five,
        observations: six,
        validate: seven
      },
      null,
      2
    )
  )
} else {
  const verdict = (pass) => (pass ? 'PASS' : 'FAIL')
  console.log(`\nmpc-submission-status benchmark — ${machine}`)
  const busy = Math.max(loadBefore, loadAfter) > cpus.length * 0.75
  console.log(
    `load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after, on ${cpus.length} CPUs` +
      (busy ? ': the machine is busy, so wall times are inflated; compare with a run on an idle machine' : '') +
      '\n'
  )
  console.log(
    table(
      ['scenario', 'measured', 'reference', 'ratio', 'target', 'result'],
      [
        [
          `1. rate limit 5/s, concurrency 4, ${one.n} IDs, latency ${one.latencyMs} ms`,
          s(one.wallMs),
          `floor (N-1)/5 s + latency = ${s(one.floorMs)}`,
          x(one.ratio),
          '<= 1.05x, <= 5 starts/s',
          verdict(one.pass)
        ],
        [
          '   same IDs, one blocking request after another',
          s(one.sequentialMs),
          `N x latency = ${s(one.sequentialModelMs)}`,
          x(one.sequentialMs / one.sequentialModelMs),
          '',
          `speed-up ${x(one.speedup)}`
        ],
        [
          `2. no rate limit, concurrency ${two.concurrency}, ${two.n} IDs, latency ${two.latencyMs} ms`,
          s(two.wallMs),
          `N / concurrency x latency = ${s(two.idealMs)}`,
          x(two.ratio),
          '<= 1.3x',
          verdict(two.pass)
        ],
        [
          '   the check alone (first request to last answer)',
          s(two.checkMs),
          s(two.idealMs),
          x(two.checkRatio),
          '',
          ''
        ],
        [
          '   bare undici client, same work, own process',
          s(two.bareClient.wallMs),
          s(two.idealMs),
          x(two.bareClient.wallMs / two.idealMs),
          '',
          `its check alone ${x(two.bareClient.checkMs / two.idealMs)}`
        ],
        [
          `3. start-up, 1 ID (median of ${three.runs})`,
          ms(three.actionMs),
          `@actions/core + undici, 1 request = ${ms(three.referenceMs)}`,
          x(three.ratio),
          '<= 1.1x',
          verdict(three.pass)
        ],
        [
          '   the reference + a log line, 15 outputs, a job summary',
          ms(three.reportingMs),
          ms(three.referenceMs),
          x(three.reportingMs / three.referenceMs),
          '',
          `action against it ${x(three.actionMs / three.reportingMs)}`
        ],
        ['   node running an empty file', ms(three.bareMs), '', '', '', ''],
        [
          '4. scale: 200,000 IDs in a text file + 50,000 in a .json file, no rate limit, c=16',
          s(four.huge.wallMs),
          `${four.huge.requests} requests, largest output ${(four.huge.outputBytes / 1000).toFixed(0)} kB, summary ${(four.huge.summaryBytes / 1024).toFixed(0)} KiB`,
          '',
          'completes, outputs < 1 MB, summary < 1 MiB',
          verdict(completes(four.huge))
        ],
        ...[
          ['   peak RSS, 10,000 IDs (text file, results-file, summary)', four.small],
          ['   peak RSS, 100,000 IDs', four.large],
          ['   peak RSS, 150,000 IDs', four.mid],
          ['   peak RSS, 250,000 IDs (the run above)', four.huge],
          ['   peak RSS, 150,000 IDs, verdict store on: asks all, saves 150,000', four.store.fill],
          ['   peak RSS, 150,000 IDs, all 150,000 from the verdict store', four.store.reuse]
        ].map(([what, run]) => [
          what,
          mb(run.maxRssBytes),
          `${run.kibPerId.toFixed(2)} KiB per ID (${s(run.wallMs)})`,
          '',
          run.rssTarget === undefined ? '' : `<= ${mb(run.rssTarget)}`,
          run.rssTarget === undefined ? '' : verdict(withinRss(run))
        ]),
        [
          `   command line table, ${four.cli.ids.toLocaleString('en')} IDs from a file, no rate limit`,
          s(four.cli.wallMs),
          `${four.cli.rows} rows, ${four.cli.requests} requests`,
          '',
          'every ID asked and shown',
          verdict(four.cli.pass)
        ],
        [
          '   linear: time per ID at 100,000 IDs against 10,000',
          `${((four.large.wallMs / four.large.ids) * 1000).toFixed(0)} µs/ID (${s(four.large.wallMs)})`,
          `${((four.small.wallMs / four.small.ids) * 1000).toFixed(0)} µs/ID (${s(four.small.wallMs)})`,
          x(four.growth),
          '<= 1.5x',
          verdict(four.growth <= 1.5)
        ],
        [
          `5. ${five.n} IDs, ${five.n - five.open} accepted in the verdict store, rate limit 5/s`,
          s(five.wallMs),
          `uncached: (N-1)/5 s = ${s(five.uncachedMs)}`,
          x(five.wallMs / five.uncachedMs),
          `< 3 s, only the ${five.open} others asked`,
          `${verdict(five.pass)} (${five.requests} requests${five.onlyOpen ? ', all of them open' : ', NOT only the open ones'})`
        ],
        [
          `6. ${six.n} accepted IDs, observations: true, rate limit ${six.rate}/s, latency ${six.latencyMs} ms`,
          s(six.wallMs),
          `floor (requests-1)/rate + latency = ${s(six.floorMs)}`,
          x(six.ratio),
          '<= 1.1x, <= 30 WAMO requests',
          `${verdict(six.pass)} (${six.wamoRequests} WAMO of ${six.requests} requests, peak RSS ${(six.maxRssBytes / 1024 / 1024).toFixed(0)} MiB)`
        ],
        [
          `7. validate a PSV batch of ${seven.large.observations.toLocaleString('en')} observations (${(seven.large.bytes / 1e6).toFixed(1)} MB), CLI process`,
          s(seven.large.wallMs),
          `10,000: ${s(seven.small.wallMs)}; start-up ${ms(seven.startupMs)}`,
          x(seven.growth),
          '< 2 s; per observation <= 1.5x',
          verdict(seven.pass)
        ]
      ]
    )
  )
  console.log(`
1. ${one.requests} requests over ${one.connections} connections; most starts in any 1 s window at the server: ${one.mostPerSecond} (limit 5);
   shortest time from request k to request k+5: ${ms(one.shortestGapMs)}; first request to last answer: ${s(one.checkMs)}.
   The floor assumes evenly spaced starts; a sliding window allows bursts, so the action can beat it.
2. ${two.requests} requests over ${two.connections} connections; peak in flight at the server: ${two.peakInFlight} (concurrency ${two.concurrency});
   process start to first request: ${ms(two.beforeFirstRequestMs)}; last answer to process exit: ${ms(two.afterLastAnswerMs)}.
3. wall: bare node ${ms(three.bareRange[0])}–${ms(three.bareRange[1])}, reference ${ms(three.referenceRange[0])}–${ms(three.referenceRange[1])}, action ${ms(three.actionRange[0])}–${ms(three.actionRange[1])};
   CPU time (all threads, median): bare node ${ms(three.bareCpuMs)}, reference ${ms(three.referenceCpuMs)}, reference with reporting ${ms(three.reportingCpuMs)}, action ${ms(three.actionCpuMs)};
   dist/index.js is ${(three.bundleBytes / 1024).toFixed(0)} KiB, the reference ${(three.referenceBytes / 1024).toFixed(0)} KiB.`)
}
await rm(bundle.dir, { recursive: true, force: true })
if (!(one.pass && two.pass && three.pass && four.pass && five.pass && six.pass && seven.pass)) process.exitCode = 1
