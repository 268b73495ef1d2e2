// The committed bundle run twice, as two workflow runs would, against loopback stand-ins of the MPC and of
// the Actions cache service (reached through the variables the runner sets): the second run asks the MPC
// only about the submissions the first did not find accepted.
import { execFileSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startCacheServer, type CacheServer } from '../__fixtures__/cache-server.mjs'
import { EXAMPLE_ACCEPTED, EXAMPLE_REJECTED, startMpcServer, type MpcServer } from '../__fixtures__/mpc-server.mjs'
import { VERDICT_CACHE_MAX_BYTES } from '../src/status/verdict-cache.js'
import { runAction, sigtermOnceLogged, type ActionRun } from './helpers/run-action.js'
import { ustarHeader, zstdOfZeros } from './helpers/tar-archives.js'

const ACCEPTED = '2026-01-01T00:05:07.453_0000BhCE'
const REJECTED = '2025-11-12T21:11:49.579_0000Ba8V'
const WARNED = '2026-02-03T10:20:30.400_0000Cc01'
const MISSING = '2026-03-04T05:06:07.800_0000Dd02'
const IDS = [ACCEPTED, REJECTED, WARNED, MISSING]
const WARNED_ANSWER = {
  accepted: true,
  pipeline_entry_time: '2026-02-03T10:21:00.000000+00:00',
  fault_events: [{ message: 'observatory code 999 is deprecated', phase: 1, failure_code: 12 }]
}

let mpc: MpcServer
let cache: CacheServer
let runnerTemp: string
beforeEach(async () => {
  mpc = await startMpcServer({
    answers: {
      [ACCEPTED]: { json: EXAMPLE_ACCEPTED },
      [REJECTED]: { json: EXAMPLE_REJECTED },
      [WARNED]: { json: WARNED_ANSWER }
    }
  })
  cache = await startCacheServer()
  // The runner's temp folder is the same path in every run of a job; the cache's entries depend on it.
  runnerTemp = await mkdtemp(path.join(tmpdir(), 'mpc-runner-temp-'))
})
afterEach(async () => {
  await mpc.close()
  await cache.close()
})

function run(
  runId: string,
  inputs: Record<string, string> = {},
  env: Record<string, string> = cache.env
): Promise<ActionRun> {
  return runAction({
    inputs: { 'submission-ids': IDS.join('\n'), 'api-url': mpc.url, 'fail-on': 'rejected, warning', ...inputs },
    env: {
      ...env,
      RUNNER_TEMP: runnerTemp,
      GITHUB_REPOSITORY: 'owner/repo',
      GITHUB_RUN_ID: runId,
      GITHUB_RUN_ATTEMPT: '1'
    }
  })
}

const askedIds = (): unknown[] => mpc.requests.map((request) => request.json?.submission_id)
const notices = (stdout: string): string[] => stdout.split('\n').filter((line) => line.startsWith('::notice'))

test('a second run asks only what the first did not find accepted, and reports the same verdict', async () => {
  const first = await run('101')
  expect(first.code).toBe(1)
  expect(askedIds()).toEqual(IDS)
  expect(cache.entries()).toHaveLength(1)
  expect(notices(first.stdout)).toEqual([])

  mpc.reset()
  const second = await run('102')
  expect(askedIds()).toEqual([REJECTED, MISSING])
  expect(second.code).toBe(1)
  // The remembered warning still fails under fail-on: warning, and the rejection is asked again and fails.
  expect(second.stdout).toMatch(
    /^::error::.*Failing under fail-on: 2025-11-12T21:11:49\.579_0000Ba8V \(rejected\), 2026-02-03T10:20:30\.400_0000Cc01 \(accepted\)/m
  )
  const strip = (json: string): unknown =>
    (JSON.parse(json) as Record<string, unknown>[]).map(({ checked_at: _at, ...rest }) => rest)
  expect(strip(second.outputs.results as string)).toEqual(strip(first.outputs.results as string))
  const results = JSON.parse(second.outputs.results as string) as { submission_id: string; checked_at: string }[]
  const firstResults = JSON.parse(first.outputs.results as string) as { submission_id: string; checked_at: string }[]
  const at = (list: typeof results, id: string): string | undefined =>
    list.find((r) => r.submission_id === id)?.checked_at
  expect(at(results, ACCEPTED)).toBe(at(firstResults, ACCEPTED))
  expect(at(results, REJECTED)).not.toBe(at(firstResults, REJECTED))
  expect(second.summary).toMatch(
    /2 remembered from earlier runs \(accepted answers not asked again\), the oldest checked on \d{4}-\d\d-\d\d \d\d:\d\d UTC\./
  )
  expect(second.stdout).toMatch(
    /✅ accepted {2}2026-01-01T00:05:07\.453_0000BhCE {2}accepted {2}\(remembered, checked /
  )
  // Nothing new was accepted: no new entry.
  expect(cache.entries()).toHaveLength(1)
})

test('verdict-max-age 0 asks every ID again; verdict-cache false touches no cache at all', async () => {
  await run('201')
  mpc.reset()
  await run('202', { 'verdict-max-age': '0' })
  expect(askedIds()).toEqual(IDS)
  expect(cache.entries()).toHaveLength(2)

  const requestsBefore = cache.requests.length
  mpc.reset()
  const off = await run('203', { 'verdict-cache': 'false' })
  expect(askedIds()).toEqual(IDS)
  expect(cache.requests.length).toBe(requestsBefore)
  expect(notices(off.stdout)).toEqual([])
})

test("an unavailable cache service: the library's own warnings, one notice of ours, nothing else changed", async () => {
  // A refusal the library does not retry (a 5xx is retried for about 30 s, the bound of a restore).
  cache.setFailure({ status: 403 })
  const failing = await run('301')
  const healthy = await run('302', {}, {})
  for (const result of [failing, healthy]) {
    expect(result.code).toBe(1)
    expect(notices(result.stdout)).toHaveLength(1)
    expect(notices(result.stdout)[0]).toMatch(/^::notice title=Verdict cache::The verdict cache is unavailable/)
    expect(result.outputs['accepted-count']).toBe('2')
  }
  const warnings = (stdout: string): string[] => stdout.split('\n').filter((line) => line.startsWith('::warning'))
  // @actions/cache speaks for itself, its lines shown as it writes them but none acting (its leading `::`
  // split: a cache key it logs could hold a line break); the action's own warning is still there.
  expect(failing.stdout).toMatch(/^: :warning::Failed to restore: .*403/m)
  expect(warnings(failing.stdout)).toEqual([expect.stringMatching(/^::warning title=Accepted with warnings::/)])
  expect(notices(failing.stdout)[0]).toMatch(/@actions\/cache did not save it/)
  // Without a cache service the library is not even loaded: only the action's own warning.
  expect(warnings(healthy.stdout)).toEqual([expect.stringMatching(/^::warning title=Accepted with warnings::/)])
})

test('the command line keeps the same store in a file: --cache asks only what is still in question', async () => {
  const { readFile, writeFile } = await import('node:fs/promises')
  const { runCli } = await import('./helpers/run-cli.js')
  const cwd = await mkdtemp(path.join(tmpdir(), 'mpc-cli-cache-'))
  const cli = (...args: string[]) => runCli(['check', ...IDS, '--api-url', mpc.url, '--json', ...args], { cwd })
  await cli('--cache', 'verdicts.json')
  mpc.reset()
  const second = await cli('--cache', 'verdicts.json')
  expect(askedIds()).toEqual([REJECTED, MISSING])
  expect(second.stderr).toContain('2 remembered from earlier runs')
  expect(JSON.parse(second.stdout)).toHaveLength(4)

  await writeFile(
    path.join(cwd, 'verdicts.json'),
    '{"format": "mpc-submission-status/verdicts", "version": 2}\n{"id": "x", "checked_at": 1}\n'
  )
  mpc.reset()
  const corrupt = await cli('--cache', 'verdicts.json')
  expect(askedIds()).toEqual(IDS)
  expect(corrupt.stderr).toContain(
    'verdicts.json: The verdict store held 1 entry that was ignored (1 not keyed by a submission ID)'
  )
  const [header, ...lines] = (await readFile(path.join(cwd, 'verdicts.json'), 'utf8')).trimEnd().split('\n')
  expect(JSON.parse(header)).toEqual({ format: 'mpc-submission-status/verdicts', version: 2 })
  expect(lines.map((line) => (JSON.parse(line) as { id: string }).id)).toEqual([ACCEPTED, WARNED].sort())
})

test('a cache entry planted with other files than the store is not extracted: nothing is written, nothing trusted', async () => {
  const { execFileSync } = await import('node:child_process')
  const { existsSync } = await import('node:fs')
  await run('401')
  const [legit] = cache.entries()
  if (!legit) throw new Error('the honest run saved nothing')
  const outside = path.join(await mkdtemp(path.join(tmpdir(), 'mpc-outside-')), 'PWNED')
  const store = `${JSON.stringify({ format: 'mpc-submission-status/verdicts', version: 2 })}\n`
  const tarFile = path.join(runnerTemp, 'evil.tar')
  // Another run with write access to the same cache scope plants an entry that also writes elsewhere.
  execFileSync('python3', [
    '-c',
    [
      'import tarfile, io, sys',
      'def add(t, name, data):',
      '    i = tarfile.TarInfo(name); b = data.encode(); i.size = len(b); t.addfile(i, io.BytesIO(b))',
      "with tarfile.open(sys.argv[1], 'w', format=tarfile.PAX_FORMAT) as t:",
      '    add(t, sys.argv[2], sys.argv[3])',
      "    add(t, sys.argv[4], 'planted')"
    ].join('\n'),
    tarFile,
    path.join(runnerTemp, 'verdicts.json'),
    store,
    outside
  ])
  // Compressed as @actions/cache compresses on this machine (the method is part of the entry's version).
  let blob: Buffer
  try {
    execFileSync('zstd', ['--quiet', '--version'])
    blob = execFileSync('zstd', ['-q', '-c', tarFile])
  } catch {
    blob = execFileSync('gzip', ['-c', tarFile])
  }
  const prefix = legit.key.replace(/401-1-.*$/, '')
  const twirp = async (method: string, body: object): Promise<Record<string, string>> => {
    const response = await fetch(`${cache.url}/twirp/github.actions.results.api.v1.CacheService/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cache.env.ACTIONS_RUNTIME_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body)
    })
    return (await response.json()) as Record<string, string>
  }
  const created = await twirp('CreateCacheEntry', { key: `${prefix}999-1-planted`, version: legit.version })
  await fetch(created.signed_upload_url as string, {
    method: 'PUT',
    headers: { 'x-ms-blob-type': 'BlockBlob' },
    body: blob
  })
  await twirp('FinalizeCacheEntryUpload', {
    key: `${prefix}999-1-planted`,
    version: legit.version,
    size_bytes: String(blob.length)
  })
  expect(cache.entries()).toHaveLength(2)

  mpc.reset()
  const second = await run('402')
  expect(existsSync(outside)).toBe(false)
  expect(askedIds()).toEqual(IDS)
  expect(notices(second.stdout)).toEqual([
    expect.stringMatching(
      /^::notice title=Verdict cache::The verdict store in the cache was refused before extraction: it holds more than one member\./
    )
  ])
  expect(second.code).toBe(1)
  // The run went on without it and saved a store of its own, newer than the planted one.
  expect(cache.entries()).toHaveLength(3)
})

/** The bytes of every file under `folder`. */
function bytesUnder(folder: string): number {
  let total = 0
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    try {
      if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size
    } catch {
      // removed meanwhile
    }
  }
  return total
}

/** The store's member name as @actions/cache's tar writes it: relative to the run's workspace. */
const storeMember = (workspace: string): string => path.relative(workspace, path.join(runnerTemp, 'verdicts.json'))

test('a planted store of 4 GiB of zeros is refused at its header: RUNNER_TEMP never holds more than the cap and the archive', async () => {
  await run('501')
  const [legit] = cache.entries()
  if (!legit) throw new Error('the honest run saved nothing')
  const workspace = await mkdtemp(path.join(tmpdir(), 'mpc-workspace-'))
  const blob = await zstdOfZeros(ustarHeader({ name: storeMember(workspace), size: 4 * 1024 ** 3 }), 4 * 1024 ** 3)
  cache.plant({ key: legit.key.replace(/501-1-.*$/, '999-1-planted'), version: legit.version, blob })

  let most = 0
  const watch = setInterval(() => {
    most = Math.max(most, bytesUnder(runnerTemp))
  }, 10)
  mpc.reset()
  const second = await runAction({
    inputs: { 'submission-ids': IDS.join('\n'), 'api-url': mpc.url, 'fail-on': 'rejected, warning' },
    workspace,
    env: { ...cache.env, RUNNER_TEMP: runnerTemp, GITHUB_REPOSITORY: 'owner/repo', GITHUB_RUN_ID: '502' }
  }).finally(() => clearInterval(watch))
  expect(notices(second.stdout)).toEqual([
    expect.stringMatching(
      /^::notice title=Verdict cache::The verdict store in the cache was refused before extraction: its member is 4294967296 bytes, over the cap of 33554432\./
    )
  ])
  // The library's own warning that its tar failed shows as it wrote it.
  expect(second.stdout).toMatch(/^: :warning::Failed to restore: .*tar/m)
  expect(most).toBeLessThanOrEqual(VERDICT_CACHE_MAX_BYTES + blob.length)
  expect(askedIds()).toEqual(IDS)
  expect(second.code).toBe(1)
}, 60_000)

test('a cancel during a restore stuck in decompression: the step ends, and no tar, guard or decompressor of it remains', async () => {
  await run('601')
  // A decompressor that never finishes (a stalled disk, a decompression bomb), found first on the PATH.
  const marker = await mkdtemp(path.join(tmpdir(), 'mpc-stuck-unzstd-'))
  await writeFile(path.join(marker, 'unzstd'), '#!/bin/sh\nwhile :; do sleep 0.05; done\n', { mode: 0o700 })
  const ours = (): string[] =>
    execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(marker) || line.includes(path.join(runnerTemp, 'tar-guard-')))
  const seen: string[] = []
  const watch = setInterval(() => seen.push(...ours()), 50)
  const cancel = sigtermOnceLogged('Cache Size:', 500)
  const cancelled = await runAction({
    inputs: { 'submission-ids': IDS.join('\n'), 'api-url': mpc.url, 'fail-on': 'rejected, warning' },
    env: {
      ...cache.env,
      PATH: `${marker}${path.delimiter}${process.env.PATH ?? ''}`,
      RUNNER_TEMP: runnerTemp,
      GITHUB_REPOSITORY: 'owner/repo',
      GITHUB_RUN_ID: '602'
    },
    onStart: cancel.onStart
  }).finally(() => clearInterval(watch))
  expect(cancel.sentAt()).toBeGreaterThan(0)
  // The guard and the stuck decompressor ran (the test can tell) ...
  expect(seen.some((line) => line.includes(marker))).toBe(true)
  expect(seen.some((line) => line.includes('guard.cjs'))).toBe(true)
  // ... the step stopped because of the cancel (the decompressor never ends), with its own exit code ...
  expect(cancelled.code).toBe(1)
  expect(cancelled.stdout).toMatch(/Received SIGTERM/)
  // ... and nothing of the restore outlived it.
  expect(ours()).toEqual([])
}, 60_000)
