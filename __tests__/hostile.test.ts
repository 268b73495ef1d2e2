// Hostile cases: a pull request controls the repository's files (symlinks, FIFOs, huge or binary files),
// the server may be broken or hostile, and inputs may be absurd. Each case runs the committed bundle the way
// the runner does, or the core directly where the bundle adds nothing.
import { execFileSync } from 'node:child_process'
import { lstat, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { collectIds } from '../src/core/id-list.js'
import { EXAMPLE_ACCEPTED, startMpcServer, type MpcServer, type Reply } from '../__fixtures__/mpc-server.mjs'
import { REPO_ROOT, runAction, type ActionRun, sigtermOnceLogged } from './helpers/run-action.js'
import { runCli, type CliRun } from './helpers/run-cli.js'

const ACCEPTED = '2026-01-01T00:05:07.453_0000BhCE'
/** Preloaded into a bundle: every host name resolves to 127.0.0.1, so naming the MPC's hosts sends nothing out. */
const LOOPBACK_DNS = path.join(REPO_ROOT, '__fixtures__/loopback-dns.mjs')
const SECRET = 'ghs_SeCrEtToKeN0123456789abcdefXYZ'

let server: MpcServer
beforeEach(async () => {
  server = await startMpcServer({ answers: { [ACCEPTED]: { json: EXAMPLE_ACCEPTED } } })
})
afterEach(() => server.close())

/** A folder outside every workspace holding a secret, as the runner's environment or ~/.ssh would. */
async function secretOutside(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'mpc-vault-'))
  const file = path.join(folder, 'credentials')
  await writeFile(file, `${SECRET}\ntoken=${SECRET}\n`)
  return file
}

/** Everything a person or a later step can see of a run. */
async function everythingShown(run: ActionRun): Promise<string> {
  const files: string[] = []
  for (const name of await readdir(run.workspace, { recursive: true })) {
    const full = path.join(run.workspace, name)
    // What the action wrote, not what the test planted (the links and the fake .git are the bait).
    if (name.split(path.sep)[0] === '.git' || name.startsWith('mpc')) continue
    if ((await lstat(full)).isFile()) files.push(await readFile(full, 'utf8'))
  }
  return [run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs), ...files].join('\n')
}

/** 300 submissions, each rejected with 100 fault events carrying `message`, checked with a results file. */
async function runRejectionFlood(message: string): Promise<ActionRun> {
  const ids = Array.from({ length: 300 }, (_, i) => `2026-01-01T00:05:07.${String(i).padStart(3, '0')}_0000BhCE`)
  const faults = Array.from({ length: 100 }, (_, i) => ({ message, phase: 1, failure_code: i + 1 }))
  const answer: Reply = { json: { accepted: false, pipeline_entry_time: null, fault_events: faults } }
  server.setAnswers(Object.fromEntries(ids.map((id) => [id, answer])))
  return runAction({
    inputs: {
      'submission-ids': ids.join('\n'),
      'api-url': server.url,
      'rate-limit': '0',
      concurrency: '16',
      'results-file': 'all.json'
    }
  })
}

const errorLines = (stdout: string): string[] => stdout.split('\n').filter((line) => line.startsWith('::error'))

describe('ID files: only bounded UTF-8 regular files inside the workspace are read', () => {
  test.each([
    ['a symlink to a file outside the workspace', 'link', 'it is outside the workspace'],
    ['a ../ path out of the workspace', 'dotdot', 'it is outside the workspace'],
    ['an absolute path outside the workspace', 'absolute', 'it is outside the workspace'],
    ['a symlink to /proc/self/environ', 'environ', 'it is outside the workspace'],
    ["a symlink into the checkout's .git folder", 'git', "it is in the repository's .git folder"]
  ])('%s is refused, naming the path as given and nothing of its content', async (_name, kind, reason) => {
    const secretFile = await secretOutside()
    // The workspace is a folder of tmpdir(), as the secret's folder is: `../` climbs into the secret's.
    const given =
      kind === 'dotdot'
        ? `../${path.relative(tmpdir(), secretFile)}`
        : kind === 'absolute'
          ? secretFile
          : 'mpc/submissions.txt'
    const run = await runAction({
      inputs: {
        'submission-ids': ACCEPTED,
        'submission-ids-file': given,
        'api-url': server.url,
        'results-file': 'results.json'
      },
      env: { SECRET_IN_ENV: SECRET },
      prepare: async (workspace) => {
        await mkdir(path.join(workspace, 'mpc'))
        if (kind === 'git') {
          await mkdir(path.join(workspace, '.git'))
          await writeFile(
            path.join(workspace, '.git/config'),
            `[http]\n\textraheader = AUTHORIZATION: basic ${SECRET}\n`
          )
          await symlink('../.git/config', path.join(workspace, 'mpc/submissions.txt'))
        } else if (kind === 'link') {
          await symlink(secretFile, path.join(workspace, 'mpc/submissions.txt'))
        } else if (kind === 'environ') {
          await symlink('/proc/self/environ', path.join(workspace, 'mpc/submissions.txt'))
        }
      }
    })
    expect(run.code).toBe(1)
    const shown = await everythingShown(run)
    expect(shown).not.toContain(SECRET)
    expect(errorLines(run.stdout).join('\n')).toContain(`Cannot read submission-ids-file`)
    expect(run.stdout).toContain(reason)
    // The other submission is still checked and reported.
    expect(server.asked(ACCEPTED)).toBe(1)
    expect(JSON.parse(run.outputs.results as string)).toHaveLength(1)
    expect(run.outputs['all-accepted']).toBe('false')
  })

  test('a symlink to a file inside the workspace is followed, and annotations name the real file', async () => {
    const run = await runAction({
      inputs: { 'submission-ids-file': 'ids.txt', 'api-url': server.url },
      files: { 'data/real.txt': `x-not-an-id\n${ACCEPTED}\n` },
      prepare: (workspace) => symlink('data/real.txt', path.join(workspace, 'ids.txt'))
    })
    expect(server.asked(ACCEPTED)).toBe(1)
    expect(run.stdout).toMatch(/^::error title=Not a submission ID,file=data\/real\.txt,line=1::/m)
  })

  test('a FIFO, a device and an oversize file are refused at once; reading never blocks', async () => {
    // The FIFO has no writer and /dev/zero never ends: a read that blocked would never finish, so the step
    // ending at all (within the test's timeout) is the proof, with each file named below.
    const run = await runAction({
      inputs: {
        'submission-ids': ACCEPTED,
        'submission-ids-file': 'fifo\nzero\nbig.txt\nstdin',
        'api-url': server.url
      },
      prepare: async (workspace) => {
        execFileSync('mkfifo', [path.join(workspace, 'fifo')])
        await symlink('/dev/zero', path.join(workspace, 'zero'))
        await symlink('/dev/stdin', path.join(workspace, 'stdin'))
        await writeFile(path.join(workspace, 'big.txt'), Buffer.alloc(16 * 1024 * 1024 + 1, 0x41))
      }
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('Cannot read submission-ids-file fifo: it is not a regular file')
    expect(run.stdout).toContain('Cannot read submission-ids-file zero: it is outside the workspace')
    expect(run.stdout).toContain('Cannot read submission-ids-file stdin: it is outside the workspace')
    expect(run.stdout).toContain('Cannot read submission-ids-file big.txt: it is larger than 16 MiB')
    expect(server.asked(ACCEPTED)).toBe(1)
    expect(run.summary).toContain('Cannot read submission')
  })

  test.each([
    ['NUL bytes (a binary file)', Buffer.from(`${ACCEPTED}\n\u0000\u0001\u0002garbage`), 'holds NUL bytes'],
    ['a UTF-16 byte-order mark', Buffer.from(`\ufeff${ACCEPTED}\n`, 'utf16le'), 'UTF-16 byte-order mark'],
    ['bytes that are not UTF-8', Buffer.from([0x32, 0x30, 0xff, 0xfe, 0x0a, 0xc3]), 'not valid UTF-8']
  ])('a file holding %s is refused as not UTF-8 text, with no junk rows', async (_name, content, why) => {
    const workspace = await mkdtemp(path.join(tmpdir(), 'mpc-ws-'))
    await writeFile(path.join(workspace, 'ids.txt'), content)
    const list = await collectIds({ files: ['ids.txt'], workspace })
    expect(list.entries).toEqual([])
    expect(list.problems).toEqual([expect.stringContaining('ids.txt: it is not UTF-8 text')])
    expect(list.problems[0]).toContain(why)
  })

  test('at most 100 invalid entries are echoed, each cut to 100 characters, then a count', async () => {
    const junk = Array.from({ length: 300 }, (_, i) => `junk-${i}-${'z'.repeat(500)}`).join('\n')
    const huge = `${'Q'.repeat(10 * 1024 * 1024)}\n`
    const run = await runAction({
      inputs: { 'submission-ids-file': 'ids.txt\nhuge.txt', 'api-url': server.url, 'results-file': 'r.json' },
      files: { 'ids.txt': `${ACCEPTED}\n${junk}\n`, 'huge.txt': huge }
    })
    expect(run.code).toBe(1)
    expect(run.outputs['invalid-count']).toBe('301')
    const results = JSON.parse(run.outputs.results as string) as { status: string; submission_id: string }[]
    expect(results.filter((result) => result.status === 'invalid')).toHaveLength(100)
    for (const result of results) expect([...result.submission_id].length).toBeLessThanOrEqual(100)
    expect(run.stdout).toContain('201 more invalid entries are counted but not listed (only the first 100 are)')
    expect(run.stdout).not.toContain('Q'.repeat(101))
    expect(run.stdout).not.toContain('z'.repeat(101))
    expect(Math.max(...run.stdout.split('\n').map((line) => line.length))).toBeLessThan(5000)
    expect(run.summary).not.toContain('Q'.repeat(101))
  })
})

describe('results-file is written only inside the workspace, never through a symlink', () => {
  test.each([
    ['an absolute path outside', 'absolute'],
    ['a ../ path', 'dotdot'],
    ['/proc/self/fd/1 (the log)', 'fd'],
    ['a planted symlink at the target', 'symlink'],
    ['a folder on its path that links outside', 'folder'],
    ["the checkout's .git folder", 'git']
  ])('%s is refused with a warning and nothing outside is touched', async (_name, kind) => {
    const outside = await mkdtemp(path.join(tmpdir(), 'mpc-outside-'))
    const victim = path.join(outside, 'victim.txt')
    await writeFile(victim, 'untouched')
    const resultsFile = {
      absolute: victim,
      dotdot: `../${path.basename(outside)}/victim.txt`,
      fd: '/proc/self/fd/1',
      symlink: 'out/results.json',
      folder: 'out/deeper/results.json',
      git: '.git/hooks/post-checkout'
    }[kind] as string
    const run = await runAction({
      inputs: { 'submission-ids': ACCEPTED, 'api-url': server.url, 'results-file': resultsFile },
      prepare: async (workspace) => {
        if (kind === 'symlink') {
          await mkdir(path.join(workspace, 'out'))
          await symlink(victim, path.join(workspace, 'out/results.json'))
        }
        if (kind === 'folder') {
          await mkdir(path.join(workspace, 'out'))
          await symlink(outside, path.join(workspace, 'out/deeper'))
        }
        if (kind === 'git') await mkdir(path.join(workspace, '.git/hooks'), { recursive: true })
      }
    })
    expect(run.code).toBe(0)
    expect(await readFile(victim, 'utf8')).toBe('untouched')
    expect(await readdir(outside)).toEqual(['victim.txt'])
    expect(run.stdout).toMatch(/^::warning::Could not write results-file .*: (it|a folder)/m)
    expect(run.stdout).not.toMatch(/^\[\s*\{/m)
    expect(run.outputs['all-accepted']).toBe('true')
    if (kind === 'git') await expect(stat(path.join(run.workspace, '.git/hooks/post-checkout'))).rejects.toThrow()
  })

  test('a new nested path inside the workspace is created', async () => {
    const run = await runAction({
      inputs: { 'submission-ids': ACCEPTED, 'api-url': server.url, 'results-file': 'a/b/c/results.json' }
    })
    expect(run.code).toBe(0)
    const written = JSON.parse(await readFile(path.join(run.workspace, 'a/b/c/results.json'), 'utf8'))
    expect(written).toEqual(JSON.parse(run.outputs.results as string))
    expect(await readdir(path.join(run.workspace, 'a/b/c'))).toEqual(['results.json'])
  })
})

describe('api-url and numbers are checked before anything is sent', () => {
  test('credentials in api-url are refused, never printed and never sent', async () => {
    const withCredentials = server.url.replace('http://', `http://mpcuser:${SECRET}@`)
    const run = await runAction({ inputs: { 'submission-ids': ACCEPTED, 'api-url': withCredentials } })
    expect(run.code).toBe(1)
    expect(server.requests).toHaveLength(0)
    expect(await everythingShown(run)).not.toContain(SECRET)
    expect(run.stdout).toContain('api-url: must not hold a user name or password')
  })

  test.each([
    ['a query', '?x=1', 'must not hold a query'],
    ['a fragment', '#frag', 'must not hold a fragment']
  ])('api-url with %s is refused', async (_name, tail, message) => {
    const run = await runAction({ inputs: { 'submission-ids': ACCEPTED, 'api-url': `${server.url}/${tail}` } })
    expect(run.code).toBe(1)
    expect(server.requests).toHaveLength(0)
    expect(run.stdout).toContain(message)
  })

  test.each([
    'https://DATA.MinorPlanetCenter.net./',
    'https://data.minorplanetcenter.net..',
    'https://MINORPLANETCENTER.NET'
  ])('the MPC host %s cannot lift the rate limit (no request is made: the check is on the input)', async (apiUrl) => {
    const run = await runAction({ inputs: { 'submission-ids': ACCEPTED, 'api-url': apiUrl, 'rate-limit': '50' } })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('rate-limit: the MPC allows at most 5 requests per second')
  })

  test.each([
    ['the status action', 'dist/index.js', 'api-url', 'data.minorplanetcenter.net', { 'submission-ids': ACCEPTED }],
    [
      'the action-codes action',
      'dist/action-codes/index.js',
      'api-url',
      'DATA.minorplanetcenter.net.',
      { labels: 'A10cnQO' }
    ],
    [
      'the submit action',
      'dist/submit/index.js',
      'submit-url',
      'minorplanetcenter.net',
      { file: 'a.psv', ac2: 'a@x.org' }
    ]
  ])('%s refuses http:// to the MPC host (%s %s) before any request', async (_name, entry, input, host, inputs) => {
    // Every name resolves to 127.0.0.1 in the bundle, and the port is the stand-in's: a request that got out
    // would reach the stand-in, never the MPC.
    const port = new URL(server.url).port
    const run = await runAction({
      entry,
      inputs: { ...inputs, [input]: `http://${host}:${port}`, 'rate-limit': '5' },
      files: { 'a.psv': await readFile(path.join(REPO_ROOT, '__fixtures__/batches/tonight.psv'), 'utf8') },
      nodeArgs: ['--import', LOOPBACK_DNS]
    })
    expect(run.code).toBe(1)
    expect(server.requests).toHaveLength(0)
    const shown = host.toLowerCase()
    expect(errorLines(run.stdout)).toContainEqual(
      `::error::${input}: http:// to the MPC's own host ${shown} is refused: it would send everything in clear; use https://${shown} (http is only for a stand-in or mirror elsewhere)`
    )
  })

  test('the loopback resolver of these tests works: http to a name elsewhere reaches the stand-in', async () => {
    const port = new URL(server.url).port
    const run = await runAction({
      inputs: {
        'submission-ids': ACCEPTED,
        'api-url': `http://mpc-mirror.example.org:${port}`,
        'verdict-cache': 'false'
      },
      nodeArgs: ['--import', LOOPBACK_DNS]
    })
    expect(run.code).toBe(0)
    expect(server.asked(ACCEPTED)).toBe(1)
  })

  test.each([
    ['request-timeout', '2592000', 'request-timeout: "2592000" is out of range; use 1 ms to 10m 00s'],
    ['poll-interval', '99999999999', 'poll-interval: "99999999999" is out of range'],
    ['wait-timeout', '9'.repeat(400), `wait-timeout: "${'9'.repeat(39)}…" is not a duration`],
    ['wait-timeout', '7h', 'wait-timeout: "7h" is out of range; use 0 to 6h 00m'],
    ['concurrency', '1'.repeat(30), 'is not a whole number from 1 to 64']
  ])('%s: %s is refused with its range', async (name, value, message) => {
    const run = await runAction({ inputs: { 'submission-ids': ACCEPTED, 'api-url': server.url, [name]: value } })
    expect(run.code).toBe(1)
    expect(server.requests).toHaveLength(0)
    expect(run.stdout).toContain(message)
    expect(run.stdout).not.toMatch(/Infinity|NaN/)
  })
})

describe('raw text never reaches the log, and invisibles are shown', () => {
  const FORGED = '\u001b[31m##[error]forged\u202egnissecorp\u200b\u0085::error::x'

  test('invalid tokens, server bodies and fault messages pass through the escaping module', async () => {
    const REJECTED = '2025-11-12T21:11:49.579_0000Ba8V'
    const RETRIED = '2025-11-12T21:11:49.579_0000Ba8W'
    server.setAnswers({
      [REJECTED]: {
        json: {
          accepted: false,
          pipeline_entry_time: null,
          fault_events: [{ message: FORGED, phase: 1, failure_code: 2 }]
        }
      },
      [RETRIED]: [{ status: 503, body: `busy\n::error::forged-by-body\u202e` }, { json: EXAMPLE_ACCEPTED }]
    })
    const run = await runAction({
      inputs: {
        'submission-ids-file': 'ids.txt',
        'api-url': server.url,
        'results-file': 'r.json',
        retries: '1'
      },
      files: { 'ids.txt': `${REJECTED}\n${RETRIED}\nbad\u202etoken\u001b[2J::error::y\n` },
      env: { RUNNER_DEBUG: '1' }
    })
    expect(run.code).toBe(1)
    const everything = `${run.stdout}${run.summary}${JSON.stringify(run.outputs)}${await readFile(path.join(run.workspace, 'r.json'), 'utf8')}`
    for (const raw of ['\u001b', '\u202e', '\u200b', '\u0085']) {
      const at = everything.indexOf(raw)
      expect({ raw, around: at < 0 ? '' : everything.slice(at - 80, at + 20) }).toEqual({ raw, around: '' })
    }
    expect(run.stdout).not.toContain('##[')
    for (const line of run.stdout.split('\n')) {
      expect(line).not.toMatch(/^\s*::error::(forged|x)/)
    }
    expect(run.stdout).toContain('\\u202E')
    expect(run.stdout).toMatch(/^::debug::.*HTTP 503.*forged-by-body\\u202E/m)
    const results = JSON.parse(run.outputs.results as string) as { fault_events: { message: string }[] }[]
    // The JSON still means what the MPC sent: only its spelling changed.
    expect(results.find((result) => result.fault_events.length > 0)?.fault_events[0]?.message).toBe(FORGED)
    expect(run.outputs.results).toContain('\\u202E')
  })
})

describe('the command line holds the same lines', () => {
  const cli = (args: string[], cwd: string): Promise<CliRun> => runCli(args, { cwd })

  test('a FIFO, or a planted link leading out of the current folder, is refused at once, never echoed', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'mpc-cli-'))
    execFileSync('mkfifo', [path.join(cwd, 'fifo')])
    await symlink('/etc/passwd', path.join(cwd, 'ids.txt'))
    const run = await cli(['check', ACCEPTED, '--file', 'fifo', '--file', 'ids.txt', '--api-url', server.url], cwd)
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('Cannot read --file fifo: it is not a regular file')
    expect(run.stdout).toContain('Cannot read --file ids.txt: it is outside the current folder')
    expect(run.stdout).not.toContain('root:')
  })

  test('--json and the table show invisibles as escapes; the JSON still means what the MPC sent', async () => {
    const REJECTED = '2025-11-12T21:11:49.579_0000Ba8V'
    const message = 'dup\u202eetacilpud\u200b\u009b31m\u2028x'
    server.setAnswers({
      [REJECTED]: {
        json: { accepted: false, pipeline_entry_time: null, fault_events: [{ message, phase: 1, failure_code: 2 }] }
      }
    })
    const cwd = await mkdtemp(path.join(tmpdir(), 'mpc-cli-'))
    const json = await cli(['check', REJECTED, '--json', '--api-url', server.url], cwd)
    const table = await cli(['check', REJECTED, '--api-url', server.url], cwd)
    for (const output of [json.stdout, json.stderr, table.stdout]) {
      for (const raw of ['\u202e', '\u200b', '\u009b', '\u2028']) expect(output).not.toContain(raw)
    }
    expect(json.stdout).toContain('dup\\u202Eetacilpud\\u200B\\u009B31m\\u2028x')
    expect((JSON.parse(json.stdout) as { fault_events: { message: string }[] }[])[0]?.fault_events[0]?.message).toBe(
      message
    )
    expect(table.stdout).toContain('dup\\u202Eetacilpud')
  })
})

describe('unbounded answers and huge runs', () => {
  // The same run at 200,000 + 50,000 IDs is in the bench (npm run bench, scenario 4), which fails unless every
  // ID is asked and the outputs and summary stay under GitHub's limits; so is the command line's table of
  // 150,000 rows (more than one call's arguments can hold).
  test('1,500 IDs from a text file and 500 from a .json file are read, checked and reported', async () => {
    const ids = Array.from({ length: 2_000 }, (_, i) => {
      const clock = [0, Math.floor(i / 60), i % 60].map((n) => String(n).padStart(2, '0'))
      return `2026-01-01T${clock.join(':')}.${String(i % 1000).padStart(3, '0')}_0000BhCE`
    })
    const scaleServer = await startMpcServer({ answer: () => ({ json: EXAMPLE_ACCEPTED }) })
    try {
      const run = await runAction({
        inputs: {
          'submission-ids-file': 'ids.txt\nids.json',
          'api-url': scaleServer.url,
          'rate-limit': '0',
          concurrency: '16',
          'results-file': 'results.json'
        },
        files: { 'ids.txt': ids.slice(0, 1_500).join('\n'), 'ids.json': JSON.stringify(ids.slice(1_500), null, 1) }
      })
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(run.outputs['accepted-count']).toBe('2000')
      // Each ID asked once, from both files.
      expect(scaleServer.requests.map((request) => request.json?.submission_id).sort()).toEqual([...ids].sort())
      const written = JSON.parse(await readFile(path.join(run.workspace, 'results.json'), 'utf8')) as unknown[]
      expect(written).toHaveLength(2_000)
      expect(run.summary).toContain('✅ **Passed**: 2000 submissions: 2000 accepted.')
    } finally {
      await scaleServer.close()
    }
  })

  test('300 answers of 1 MiB each: summary and outputs written, every output under 1 MB', async () => {
    const run = await runRejectionFlood('m'.repeat(10_000))
    expect(run.code).toBe(1)
    expect(run.stderr).toBe('')
    expect(run.outputs['rejected-count']).toBe('300')
    for (const value of Object.values(run.outputs)) expect(Buffer.byteLength(value)).toBeLessThan(1_000_000)
    expect(run.outputs['results-truncated']).toBe('true')
    expect(run.stdout).toMatch(
      /^::warning title=Output cut to 1 MB::The results output holds \d+ of 300 results.*all\.json holds all of them/m
    )
    const all = JSON.parse(await readFile(path.join(run.workspace, 'all.json'), 'utf8')) as {
      fault_events: { message: string }[]
    }[]
    expect(all).toHaveLength(300)
    expect(all[0]?.fault_events).toHaveLength(100)
    expect(all[0]?.fault_events[0]?.message.length).toBe(1000)
    expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024)
  })
})

describe('cancellation', () => {
  test('SIGTERM while requests hang ends the step with summary and outputs written', async () => {
    server.setAnswers({ [ACCEPTED]: { hang: true } })
    const cancel = sigtermOnceLogged('Checking 1 submission')
    const run = await runAction({
      inputs: { 'submission-ids': ACCEPTED, 'api-url': server.url, 'request-timeout': '600' },
      onStart: cancel.onStart
    })
    // The request never answers and may take 600 s: only the cancel can have ended the step this soon.
    expect(cancel.sentAt()).toBeGreaterThan(0)
    expect(run.code).toBe(1)
    expect(run.summary).toContain('The run was cancelled')
    expect(run.outputs['error-count']).toBe('1')
  })

  test('reading stops at a cancel: files not yet read are reported as not read', async () => {
    const workspace = await mkdtemp(path.join(tmpdir(), 'mpc-ws-'))
    await writeFile(path.join(workspace, 'ids.txt'), `${ACCEPTED}\n`)
    const controller = new AbortController()
    controller.abort(new Error('SIGTERM'))
    const list = await collectIds({ files: ['ids.txt'], workspace, signal: controller.signal })
    expect(list.entries).toEqual([])
    expect(list.problems).toEqual(['Cannot read submission-ids-file ids.txt: reading was cancelled'])
  })
})

describe('found by an attacker after the first round', () => {
  test('a reply line with a long run of dots is taken apart at once, not in quadratic time', async () => {
    const run = await runAction({
      inputs: { 'submission-ids-file': 'ids.txt', 'api-url': server.url },
      files: { 'ids.txt': `Submission ID is x${'.'.repeat(150_000)}y\n${ACCEPTED}\n` },
      onStart: (child) => setTimeout(() => child.kill('SIGKILL'), 20_000).unref()
    })
    expect(run.signal).toBeNull()
    expect(run.code).toBe(1)
    expect(server.asked(ACCEPTED)).toBe(1)
    expect(run.outputs['invalid-count']).toBe('1')
  })

  test('a hard link (a second name of a file that may be outside the workspace) is refused', async () => {
    const secretFile = await secretOutside()
    const run = await runAction({
      inputs: { 'submission-ids': ACCEPTED, 'submission-ids-file': 'ids.txt', 'api-url': server.url },
      prepare: async (workspace) => {
        // Hard links cannot cross file systems; the secret's folder is a sibling of the workspace in tmpdir().
        const { link } = await import('node:fs/promises')
        await link(secretFile, path.join(workspace, 'ids.txt'))
      }
    })
    expect(run.stdout).toContain('Cannot read submission-ids-file ids.txt: it has other hard links')
    // What the action wrote (the link itself is the bait).
    expect(`${run.stdout}${run.stderr}${run.summary}${JSON.stringify(run.outputs)}`).not.toContain(SECRET)
  })

  test('a user name that parses as the scheme (user:token@host) is never repeated', async () => {
    const token = 'SeCrEtToKeN0123456789abcdef'
    const run = await runAction({ inputs: { 'submission-ids': ACCEPTED, 'api-url': `${token}:@example.org` } })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('api-url: only http:// and https:// URLs are allowed')
    expect(run.stdout.toLowerCase()).not.toContain(token.toLowerCase())
  })

  test('a .json ID file: a huge string is one invalid entry, and a parse error never quotes the content', async () => {
    const run = await runAction({
      inputs: { 'submission-ids-file': 'big.json\nbad.json', 'api-url': server.url },
      files: {
        'big.json': JSON.stringify([ACCEPTED, 'S'.repeat(12_000_000)]),
        'bad.json': `["${SECRET}" oops]`
      }
    })
    expect(run.stdout).not.toContain('Maximum call stack')
    expect(server.asked(ACCEPTED)).toBe(1)
    expect(run.outputs['invalid-count']).toBe('1')
    expect(run.stdout).toContain('bad.json is not valid JSON')
    expect(run.stdout).not.toContain(SECRET)
  })

  test('hundreds of unreadable files: the summary lists ten and counts the rest; the comment-sized render fits too', async () => {
    const files = Array.from({ length: 270 }, (_, i) => `missing-\u0001\u0001\u0001-${'x'.repeat(400)}-${i}.txt`)
    const run = await runAction({
      inputs: { 'submission-ids': ACCEPTED, 'submission-ids-file': files.join('\n'), 'api-url': server.url }
    })
    expect(run.code).toBe(1)
    expect(Buffer.byteLength(run.summary)).toBeLessThan(100_000)
    expect(run.summary).toContain('and 260 more problems; the log lists them all')
    // The log lists them all, one line each, its control characters shown as escapes; the failure line names
    // them too, from the first.
    const listed = run.stdout.split('\n').filter((line) => line.startsWith('❌ Cannot read submission-ids-file'))
    expect(listed).toHaveLength(270)
    listed.forEach((line, i) =>
      expect(line).toBe(
        `❌ Cannot read submission-ids-file missing-${'\\u0001'.repeat(3)}-${'x'.repeat(400)}-${i}.txt: its name is too long`
      )
    )
    const failed = run.stdout.split('\n').filter((line) => line.startsWith('::error::'))
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatch(
      /^::error::❌ Failed: 1 submission: 1 accepted\. Cannot read submission-ids-file missing-(\\u0001){3}-x{400}-0\.txt: its name is too long\. Cannot read submission-ids-file missing-(\\u0001){3}-x{400}-1\.txt/
    )
  })

  test('the same file listed again is read once; the ID files together are bounded', async () => {
    const block = `${ACCEPTED}\n${'# padding\n'.repeat(1_400_000)}` // about 14 MiB
    const run = await runAction({
      inputs: { 'submission-ids-file': 'a.txt\na.txt\n./a.txt\nb.txt\nc.txt\nd.txt\ne.txt', 'api-url': server.url },
      files: { 'a.txt': block, 'b.txt': block, 'c.txt': block, 'd.txt': block, 'e.txt': block }
    })
    expect(run.stdout).toContain('Cannot read submission-ids-file e.txt: the ID files together are larger than 64 MiB')
    expect(run.stdout).not.toMatch(/Cannot read submission-ids-file (a|b|c|d)\.txt/)
    expect(server.asked(ACCEPTED)).toBe(1)
  }, 60_000)

  test('answers full of control characters: past the run budget each keeps one fault event, and everything is written', async () => {
    const run = await runRejectionFlood('\u0001'.repeat(1000))
    expect(run.stderr).toBe('')
    expect(run.outputs['rejected-count']).toBe('300')
    expect(run.summary).toContain('300 submissions: 300 rejected')
    const all = JSON.parse(await readFile(path.join(run.workspace, 'all.json'), 'utf8')) as {
      fault_events: unknown[]
      message: string
    }[]
    expect(all).toHaveLength(300)
    const cut = all.filter((result) => result.fault_events.length === 1)
    expect(cut.length).toBeGreaterThan(100)
    // The message counts the faults and quotes none: the one kept is in fault_events, not held twice.
    expect(cut[0]?.message).toMatch(
      /^rejected with \d+ fault events; only its first fault event is kept \(this run's fault text passed 16 MiB\)$/
    )
  }, 60_000)
})

describe('the submit action: the batch and receipts file are repository files, the reply is untrusted', () => {
  const SUBMIT = 'dist/submit/index.js'
  const ID = '2026-02-09T11:42:17.655_00000FrY'
  const FORGED =
    '\u001b[31m##[error]forged\u202egnissecorp\u200b\n::error::x <img src=x onerror=alert(1)> @octocat [link](https://evil.example)'
  const batch = (): Promise<string> => readFile(path.join(REPO_ROOT, '__fixtures__/batches/tonight.psv'), 'utf8')

  test.each([
    ['a batch that is a symlink out of the workspace', 'batch'],
    ['a batch in .git', 'git'],
    ['a receipts file that is a symlink out of the workspace', 'receipts']
  ])('%s is refused before anything is sent, and nothing of it is shown', async (_name, kind) => {
    const secretFile = await secretOutside()
    const run = await runAction({
      entry: SUBMIT,
      inputs: {
        file: kind === 'git' ? '.git/config' : 'out/tonight.psv',
        ac2: 'a@example.org',
        'receipts-file': 'mpc/receipts.txt',
        'submit-url': server.url
      },
      files: { 'out/tonight.psv': kind === 'batch' ? '' : await batch() },
      prepare: async (workspace) => {
        await mkdir(path.join(workspace, 'mpc'))
        await mkdir(path.join(workspace, '.git'))
        await writeFile(path.join(workspace, '.git/config'), `# version=2017\n${SECRET}|x\n${SECRET}|y\n`)
        if (kind === 'batch') {
          await rm(path.join(workspace, 'out/tonight.psv'))
          await symlink(secretFile, path.join(workspace, 'out/tonight.psv'))
        }
        if (kind === 'receipts') await symlink(secretFile, path.join(workspace, 'mpc/receipts.txt'))
      }
    })
    expect(run.code).toBe(1)
    expect(server.requests).toHaveLength(0)
    expect(await everythingShown(run)).not.toContain(SECRET)
    expect(errorLines(run.stdout)[0]).toMatch(
      kind === 'git'
        ? /Cannot read file \.git\/config: it is in the repository's \.git folder$/
        : kind === 'batch'
          ? /Cannot read file out\/tonight\.psv: it is outside the workspace$/
          : /Cannot read receipts-file mpc\/receipts\.txt: it is outside the workspace$/
    )
  })

  test('a forged reply acts nowhere: log, annotations, summary and the reply output are inert and bounded', async () => {
    await server.close()
    const reply = `[${FORGED}].  Submission ID is ${ID}\n${'\u202e'.repeat(3000)}${'y'.repeat(1024 * 1024 - 20_000)}`
    server = await startMpcServer({
      answer: (request) => (request.path.startsWith('/submit_') ? { body: reply, text: true } : undefined)
    })
    const run = await runAction({
      entry: SUBMIT,
      inputs: { file: 'b.psv', ac2: 'a@example.org', 'submit-url': server.url },
      files: { 'b.psv': await batch() }
    })
    expect(run.code).toBe(0)
    expect(run.outputs['submission-id']).toBe(ID)
    const everything = `${run.stdout}${run.summary}${JSON.stringify(run.outputs)}`
    for (const raw of ['\u001b', '\u202e', '\u200b']) expect(everything).not.toContain(raw)
    expect(run.stdout).not.toContain('##[')
    for (const line of run.stdout.split('\n')) expect(line).not.toMatch(/^\s*::error::x/)
    expect(run.summary).not.toMatch(/<img|\]\(https|@octocat/)
    expect(run.outputs.reply?.length).toBeLessThanOrEqual(10_000)
    expect(run.outputs.reply).toContain('\\u202E')
    expect(Buffer.byteLength(run.summary)).toBeLessThan(20_000)
    expect(Buffer.byteLength(run.stdout)).toBeLessThan(20_000)
  })
})
