// Runs the bundled command line (dist/cli/index.js, package.json's bin) against the loopback MPC stand-in,
// and compares it with the bundled actions: same results, failing exactly when the action step would.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  EXAMPLE_ACCEPTED,
  EXAMPLE_REJECTED,
  PENDING,
  startMpcServer,
  type MpcServer
} from '../__fixtures__/mpc-server.mjs'
import { displayWidth, renderTable, painter, useColour } from '../src/cli/terminal.js'
import { REPO_ROOT, runAction } from './helpers/run-action.js'
import { assertFreshDist } from './helpers/dist.js'
import { CLI, runCli } from './helpers/run-cli.js'
import { listenerThatNeverAccepts } from './helpers/unaccepting-listener.js'

const ACCEPTED = '2026-01-01T00:05:07.453_0000BhCE'
const REJECTED = '2025-11-12T21:11:49.579_0000Ba8V'
const LATE = '2026-02-03T10:20:30.400_0000Cc01'
const MISSING = '2026-03-04T05:06:07.800_0000Dd02'
const ESC = '\u001b['

let server: MpcServer
beforeEach(async () => {
  server = await startMpcServer({
    answers: {
      [ACCEPTED]: { json: EXAMPLE_ACCEPTED },
      [REJECTED]: { json: EXAMPLE_REJECTED },
      [LATE]: [{ json: PENDING }, { json: PENDING }, { json: EXAMPLE_ACCEPTED }],
      NOSUCH1: { status: 400, json: { detail: 'label not found' } }
    }
  })
})
afterEach(() => server.close())

describe('package', () => {
  test('bin points at the bundle, which keeps its shebang and runs as a program', async () => {
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8'))
    expect(pkg.bin).toEqual({ 'mpc-submission-status': 'dist/cli/index.js' })
    expect((await readFile(CLI, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true)
    expect((await stat(CLI)).mode & 0o111).not.toBe(0)
    assertFreshDist()
    const direct = spawnSync(CLI, ['--version'], {
      env: { PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}` }
    })
    expect(direct.stdout.toString()).toBe(`${pkg.version}\n`)
    expect(direct.status).toBe(0)
  })

  test('the bundle does not contain the GitHub Actions toolkit', async () => {
    expect(await readFile(CLI, 'utf8')).not.toMatch(/GITHUB_OUTPUT|ACTIONS_RUNTIME|@actions\/core/)
  })
})

describe('--help', () => {
  test.each([
    [
      ['--help'],
      /Usage: mpc-submission-status <command>[\s\S]*check \[IDS\.\.\.\][\s\S]*action-codes LABEL[\s\S]*submit FILE/
    ],
    [['check', '--help'], /Usage: mpc-submission-status check[\s\S]*--file PATH[\s\S]*--wait[\s\S]*--fail-on/],
    [['action-codes', '-h'], /Usage: mpc-submission-status action-codes LABEL[\s\S]*e-mail[\s\S]*--json/],
    [['help', 'check'], /Usage: mpc-submission-status check/],
    [
      ['submit', '--help'],
      /Usage: mpc-submission-status submit FILE --ac2 ADDR[\s\S]*--production[\s\S]*--receipts FILE/
    ]
  ])('%j prints its usage and exits 0 without any request', async (args, usage) => {
    const run = await runCli(args)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(usage)
    expect(server.requests).toHaveLength(0)
  })

  test('mistakes on the command line exit 2 and point at the right help', async () => {
    const cases: [string[], RegExp][] = [
      [[], /Usage:/],
      [['nope'], /unknown command "nope"[\s\S]*mpc-submission-status --help/],
      [['check'], /give submission IDs, or --file PATH[\s\S]*check --help/],
      [['check', '--bogus', ACCEPTED], /unknown option --bogus; the options are --api-url, [\s\S]*check --help/],
      [['check', ACCEPTED, '--wait', 'soon'], /--wait: "soon" is not a duration/],
      [['check', ACCEPTED, '--fail-on', 'sometimes'], /--fail-on: unknown value "sometimes"/],
      [['check', ACCEPTED, '--api-url', 'ftp://x'], /--api-url: only http:\/\/ and https:\/\/ URLs/],
      [['action-codes'], /give at least one label[\s\S]*action-codes --help/],
      [['action-codes', 'A10cnQO', '--bogus'], /unknown option --bogus[\s\S]*action-codes --help/],
      [['action-codes', 'A10cnQO', '--retries', '99'], /--retries: "99" is not a whole number from 0 to 10/],
      [['submit'], /give the batch FILE to submit[\s\S]*submit --help/],
      [['submit', 'a.psv', 'b.psv'], /give one batch FILE at a time/],
      [['submit', 'a.psv', '--format', 'csv'], /--format: "csv" is not one of auto, psv, xml, obs80/],
      [['submit', 'a.psv', '--submit-url', 'https://u:p@example.org'], /--submit-url: must not hold a user name/],
      [['submit', 'a.psv', '--request-timeout', '1h'], /--request-timeout/],
      [['submit', 'a.psv', '--test'], /unknown option --test/]
    ]
    for (const [args, message] of cases) {
      const run = await runCli(args)
      expect({ args, code: run.code }).toEqual({ args, code: 2 })
      expect(run.stderr).toMatch(message)
    }
    expect(server.requests).toHaveLength(0)
  })
})

test.each([
  ['check', ACCEPTED, '--api-url'],
  ['action-codes', 'A10cnQO', '--api-url'],
  ['submit', 'a.psv', '--submit-url']
])('%s refuses http:// to the MPC host with exit 2, before any request', async (command, arg, flag) => {
  // Every name resolves to 127.0.0.1 and the port is the stand-in's: a request that got out would reach it.
  const url = `http://www.MinorPlanetCenter.net:${new URL(server.url).port}`
  const run = await runCli([command, arg, flag, url], {
    env: { NODE_OPTIONS: `--import=${path.join(REPO_ROOT, '__fixtures__/loopback-dns.mjs')}` }
  })
  expect(run.code).toBe(2)
  expect(run.stderr).toContain(
    `${flag}: http:// to the MPC's own host www.minorplanetcenter.net is refused: it would send everything in clear; use https://www.minorplanetcenter.net`
  )
  expect(server.requests).toHaveLength(0)
})

describe('check', () => {
  test('prints a plain table worst first with fault events and the verdict, and exits 1 on a rejection', async () => {
    const run = await runCli(['check', ACCEPTED, REJECTED, 'nonsense', '--api-url', server.url])

    expect(run.code).toBe(1)
    expect(run.stdout).not.toContain(ESC)
    const lines = run.stdout.split('\n')
    expect(lines[0]).toMatch(/^Submission +Status +Pipeline entry time +Faults +From +Details$/)
    expect(lines[1]).toMatch(new RegExp(`^${REJECTED} +❌ rejected +— +2 +argument +rejected: exact duplicate`))
    expect(lines[2]).toMatch(/^nonsense +🚫 invalid .* not checked: "nonsense" looks like a trksub or trkid/)
    expect(lines[3]).toMatch(new RegExp(`^${ACCEPTED} +✅ accepted +2026-01-01T00:06:00.696565\\+00:00 +0 +argument$`))
    // Columns line up: every row's Status starts where the header's does.
    const statusColumn = lines[0]?.indexOf('Status')
    for (const line of lines.slice(1, 4)) expect(displayWidth(line.slice(0, statusColumn))).toBe(statusColumn)
    expect(run.stdout).toMatch(new RegExp(`${REJECTED} +rejection +2 +5 +exact duplicate of submission`))
    expect(run.stdout).toMatch(
      /❌ Failed: 3 submissions: 1 rejected, 1 invalid, 1 accepted\. Failing under --fail-on: /
    )
    expect(server.asked(ACCEPTED)).toBe(1)
    expect(server.asked(REJECTED)).toBe(1)
  })

  test('--json prints exactly the results output of the action for the same IDs and files', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mpc-cli-'))
    const file = `# tonight\n${ACCEPTED}\nThank you. Submission ID is ${REJECTED}\n`
    await writeFile(path.join(dir, 'ids.txt'), file)
    const cli = await runCli(['check', MISSING, '--file', 'ids.txt', '--json', '--api-url', server.url], { cwd: dir })
    const action = await runAction({
      inputs: { 'submission-ids': MISSING, 'submission-ids-file': 'ids.txt', 'api-url': server.url },
      files: { 'ids.txt': file }
    })

    // Byte for byte, but for when each answer came (checked_at): the two runs asked at different times.
    const when = (json: string): string => json.replace(/"checked_at":"[^"]+"/g, '"checked_at":"T"')
    expect(when(cli.stdout)).toBe(when(`${action.outputs.results}\n`))
    expect(cli.stdout).toMatch(/"checked_at":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"/)
    expect(JSON.parse(cli.stdout)).toEqual([
      expect.objectContaining({ submission_id: MISSING, status: 'not-found', source: 'input' }),
      expect.objectContaining({ submission_id: ACCEPTED, status: 'accepted', source: { file: 'ids.txt', line: 2 } }),
      expect.objectContaining({ submission_id: REJECTED, status: 'rejected', source: { file: 'ids.txt', line: 3 } })
    ])
    expect(cli.code).toBe(1)
    expect(cli.stderr).toMatch(/❌ Failed: 3 submissions: 1 rejected, 1 not-found, 1 accepted\. .*not-found/)
  })

  test('--json keeps stdout pure JSON and puts the verdict line on stderr, a pass with exceptions too', async () => {
    const cli = await runCli(['check', ACCEPTED, REJECTED, '--json', '--fail-on', 'none', '--api-url', server.url])
    expect(cli.code).toBe(0)
    expect(JSON.parse(cli.stdout)).toHaveLength(2)
    expect(cli.stderr).toBe(
      '⚠️ Passed, with exceptions: 2 submissions: 1 rejected, 1 accepted — 1 rejected not in --fail-on.\n'
    )
  })

  // Each row's exit code is stated, not only compared: the two share the core, so a regression there would
  // move both alike.
  test.each([
    ['all accepted', [ACCEPTED], [], 0],
    ['a rejection', [ACCEPTED, REJECTED], [], 1],
    ['a rejection under fail-on none', [REJECTED], ['--fail-on', 'none'], 0],
    ['an unknown ID', [MISSING], [], 1],
    ['an unknown ID under fail-on rejected', [MISSING], ['--fail-on', 'rejected'], 0],
    ['a pending ID under fail-on pending', [LATE], ['--fail-on', 'pending'], 1],
    ['an invalid entry', ['nonsense', ACCEPTED], [], 1],
    ['an unreadable file', [ACCEPTED], ['--file', 'missing.txt'], 1]
  ])('fails exactly when the action would: %s', async (_name, ids, flags, code) => {
    const fileIndex = flags.indexOf('--file')
    const failOnIndex = flags.indexOf('--fail-on')
    const cli = await runCli(['check', ...ids, ...flags, '--api-url', server.url])
    server.setAnswers({
      [ACCEPTED]: { json: EXAMPLE_ACCEPTED },
      [REJECTED]: { json: EXAMPLE_REJECTED },
      [LATE]: { json: PENDING }
    })
    const action = await runAction({
      inputs: {
        'submission-ids': ids.join('\n'),
        'api-url': server.url,
        ...(fileIndex >= 0 ? { 'submission-ids-file': flags[fileIndex + 1] as string } : {}),
        ...(failOnIndex >= 0 ? { 'fail-on': flags[failOnIndex + 1] as string } : {})
      }
    })
    expect({ cli: cli.code, action: action.code }).toEqual({ cli: code, action: code })
    // And says so in the same words, with the same counts: the action's last log line is the CLI's, each
    // naming the setting as its user gave it (--fail-on and --file, the fail-on and submission-ids-file inputs).
    const last = (text: string): string => text.trimEnd().split('\n').at(-1) ?? ''
    const asInputs = (line: string): string =>
      line.replaceAll('--fail-on', 'fail-on').replaceAll('Cannot read --file', 'Cannot read submission-ids-file')
    expect(asInputs(last(cli.stdout))).toBe(last(action.stdout).replace(/^::error::/, ''))
  })

  test('a rejection under --fail-on none passes, with exceptions and the counts, never ✅', async () => {
    const run = await runCli(['check', REJECTED, ACCEPTED, '--fail-on', 'none', '--api-url', server.url])
    expect(run.code).toBe(0)
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
      '⚠️ Passed, with exceptions: 2 submissions: 1 rejected, 1 accepted — 1 rejected not in --fail-on.'
    )
    expect(run.stdout).not.toContain('✅ Passed')
  })

  test('Ctrl-C during --wait exits 130 and never says passed', async () => {
    server.setAnswers({ [LATE]: { json: PENDING }, [ACCEPTED]: { json: EXAMPLE_ACCEPTED } })
    let interrupted = false
    const run = await runCli(
      ['check', ACCEPTED, LATE, '--wait', '10m', '--poll-interval', '1', '--api-url', server.url],
      {
        onStderr: (stderr, child) => {
          if (interrupted || !stderr.includes('undecided')) return
          interrupted = true
          child.kill('SIGINT')
        }
      }
    )
    expect(interrupted).toBe(true)
    expect(run.code).toBe(130)
    expect(run.stdout).not.toMatch(/passed/i)
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
      '❌ Cancelled before every submission was decided: 2 submissions: 1 pending, 1 accepted.'
    )
    expect(run.stderr).toContain('Interrupted before every submission was decided')
  })

  test('Ctrl-C while a connection is still being made: exits 130 within seconds, not at the request timeout', async () => {
    // A listener that never accepts with its backlog filled: the CLI's connect hangs, as at a host that never answers.
    const listener = await listenerThatNeverAccepts()
    try {
      let signalledAt = 0
      const run = await runCli(
        ['check', ACCEPTED, '--api-url', `http://127.0.0.1:${listener.port}`, '--request-timeout', '40'],
        {
          onSpawn: (child) => {
            setTimeout(() => {
              signalledAt = performance.now()
              child.kill('SIGINT')
            }, 1500)
          }
        }
      )
      expect(signalledAt).toBeGreaterThan(0)
      expect(run.code).toBe(130)
      expect(run.stderr).toContain('Interrupted before every submission was decided')
      // undici's close cannot end a connect in progress: without the cancel's signal on the connection, or the
      // CLI's own exit, it waited the 40 s request timeout.
      expect(performance.now() - signalledAt).toBeLessThan(10_000)
    } finally {
      listener.close()
    }
  }, 60_000)

  test('--wait polls the undecided, shows progress on stderr, and passes once they are accepted', async () => {
    const run = await runCli([
      'check',
      ACCEPTED,
      LATE,
      '--wait',
      '30s',
      '--poll-interval',
      '1',
      '--api-url',
      server.url
    ])

    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/⏳ 1 undecided \(1 pending, 0 not found yet\); .* left of the wait, 0 polls so far/)
    expect(run.stderr).toContain(`✅ accepted  ${LATE}`)
    expect(run.stdout).toMatch(new RegExp(`${LATE} +✅ accepted`))
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('✅ Passed: 2 submissions: 2 accepted.')
    expect(server.asked(ACCEPTED)).toBe(1)
    expect(server.asked(LATE)).toBe(3)
  })

  test('untrusted text cannot reach the terminal as control sequences', async () => {
    server.setAnswers({
      [REJECTED]: {
        json: {
          ...EXAMPLE_REJECTED,
          fault_events: [{ message: 'bad\u001b[2J\u001b]0;pwned\u0007', phase: 1, failure_code: 2 }]
        }
      }
    })
    const run = await runCli(['check', REJECTED, 'x\u001b[31my', '--api-url', server.url])
    expect(run.code).toBe(1)
    expect(run.stdout).not.toContain('\u001b')
    expect(run.stdout).not.toContain('\u0007')
    expect(run.stdout).toContain('bad\\u001B[2J\\u001B]0;pwned\\u0007')
  })
})

describe('action-codes', () => {
  test('sends each distinct label once, prints a table and exits 1 on a refusal', async () => {
    const run = await runCli(['action-codes', 'NOSUCH1', 'A10cnQO,0000FzZw', 'A10cnQO', '--api-url', server.url])

    expect(run.code).toBe(1)
    expect(server.requests.map((request) => request.json?.label).sort()).toEqual(['0000FzZw', 'A10cnQO', 'NOSUCH1'])
    for (const request of server.requests) expect(request.path).toBe('/api/action-codes/retrieve')
    const lines = run.stdout.split('\n')
    expect(lines[0]).toMatch(/^Label +Format +Result +Details$/)
    expect(lines[1]).toMatch(/^NOSUCH1 +trksub +⛔ refused +HTTP 400: \{"detail":"label not found"\}$/)
    expect(lines[2]).toMatch(/^A10cnQO +trksub +📨 requested$/)
    expect(lines[3]).toMatch(/^0000FzZw +trksub or trkid +📨 requested$/)
    expect(run.stdout).toContain('❌ Failed: 3 labels: 1 refused, 2 requested. Failing: NOSUCH1 (refused)')
    expect(run.stdout).toContain('https://www.minorplanetcenter.net/submit_action_code')
  })

  test('a malformed label sends nothing and exits 1, like the step; so does an argument with no label', async () => {
    const mixed = await runCli(['action-codes', 'K25A00A', 'not/a label', '--api-url', server.url])
    expect(mixed.code).toBe(1)
    expect(server.requests).toHaveLength(0)
    const lines = mixed.stdout.split('\n')
    expect(lines[1]).toMatch(/^K25A00A +trksub +✋ not sent +not sent: withheld/)
    expect(lines[2]).toMatch(/^not\/a label +— +🚫 malformed +not sent: the label holds a blank/)
    expect(mixed.stdout).toMatch(
      /^❌ Failed: Nothing was sent \(2 labels: 1 malformed, 1 not-sent\): LABEL: "not\/a label" holds a blank/m
    )

    for (const args of [[','], [''], ['  ,  ']]) {
      const empty = await runCli(['action-codes', ...args, '--api-url', server.url])
      expect({ args, code: empty.code }).toEqual({ args, code: 1 })
      expect(empty.stdout).toMatch(/^❌ Failed: Nothing was sent \(0 labels: none\): LABEL: no labels given/m)
    }
    expect(server.requests).toHaveLength(0)
  })

  test('--json prints exactly the results output of the action, and all requested exits 0', async () => {
    const labels = ['A10cnQO', '2024-05-02T21:03:35.001_0000FzZw_01']
    const cli = await runCli(['action-codes', ...labels, '--json', '--api-url', server.url])
    const action = await runAction({
      entry: 'dist/action-codes/index.js',
      inputs: { labels: labels.join('\n'), 'api-url': server.url }
    })

    expect(cli.code).toBe(0)
    expect(action.code).toBe(0)
    expect(cli.stdout).toBe(`${action.outputs.results}\n`)
    expect(JSON.parse(cli.stdout)).toEqual([
      expect.objectContaining({ label: 'A10cnQO', format: 'trksub', status: 'requested' }),
      expect.objectContaining({ format: 'submission block id', status: 'requested' })
    ])
  })
})

describe('submit', () => {
  const PSV_FILE = path.join(REPO_ROOT, '__fixtures__/batches/tonight.psv')

  async function folderWithBatch(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'mpc-cli-submit-'))
    await writeFile(path.join(dir, 'tonight.psv'), await readFile(PSV_FILE, 'utf8'))
    return dir
  }

  test('sends to the test endpoint unless --production, prints the report, and exits 0', async () => {
    const dir = await folderWithBatch()
    const tried = await runCli(['submit', 'tonight.psv', '--ac2', 'a@example.org', '--submit-url', server.url], {
      cwd: dir
    })
    expect(tried.code).toBe(0)
    const id = server.submissions[0]?.id as string
    expect(tried.stdout).toMatch(new RegExp(`^Submission ID +${id}$`, 'm'))
    expect(tried.stdout).toMatch(/^Endpoint +http:\/\/127\.0\.0\.1:\d+\/submit_psv_test$/m)
    expect(tried.stdout).toContain(
      `⚠️ Checked by the MPC (test submission): Submission ID is ${id}, for tonight.psv (the test endpoint: checked, never processed). Set --production to submit it for real.`
    )
    expect(tried.stdout).not.toContain(ESC)

    const real = await runCli(
      [
        'submit',
        'tonight.psv',
        '--ac2',
        'a@example.org',
        '--ack',
        'batch 7',
        '--production',
        '--near-duplicates',
        'off',
        '--submit-url',
        server.url
      ],
      { cwd: dir }
    )
    expect(real.code).toBe(0)
    expect(server.requests.map((request) => request.path)).toEqual(['/submit_psv_test', '/submit_psv'])
    expect(server.requests[1]?.parts?.map((part) => [part.name, part.value.slice(0, 14)])).toEqual([
      ['ack', 'batch 7'],
      ['ac2', 'a@example.org'],
      ['source', '# version=2017']
    ])
    expect(real.stdout).toContain('✅ Submitted: Submission ID is')
  })

  test('--json prints the outputs the action sets for the same batch', async () => {
    const dir = await folderWithBatch()
    const cli = await runCli(
      ['submit', 'tonight.psv', '--ac2', 'a@example.org', '--json', '--submit-url', server.url],
      {
        cwd: dir
      }
    )
    const action = await runAction({
      entry: 'dist/submit/index.js',
      inputs: { file: 'tonight.psv', ac2: 'a@example.org', 'submit-url': server.url },
      files: { 'tonight.psv': await readFile(PSV_FILE, 'utf8') }
    })
    expect(cli.code).toBe(0)
    expect(action.code).toBe(0)
    const [first, second] = server.submissions.map((submission) => submission.id)
    // The same but for the submission ID the MPC gave each, and JSON types where a step output is a string.
    const outputs = { ...action.outputs, test: true, observations: 3 }
    expect(cli.stdout).toBe(`${JSON.stringify(outputs).replaceAll(second as string, first as string)}\n`)
    expect(JSON.parse(cli.stdout)).toMatchObject({ 'submission-id': first, test: true, observations: 3 })
  })

  test('fails as the step would: a refusal before sending (nothing sent), the duplicate guard, a timeout', async () => {
    const dir = await folderWithBatch()
    const noAc2 = await runCli(['submit', 'tonight.psv', '--submit-url', server.url], { cwd: dir })
    expect(noAc2.code).toBe(1)
    expect(noAc2.stdout).toContain(
      '✗ --ac2: required for an ADES PSV batch: the e-mail address the MPC sends its acknowledgement to'
    )
    expect(noAc2.stdout).toMatch(/^Endpoint +— \(nothing was sent\)$/m)
    expect(server.requests).toHaveLength(0)

    const flags = [
      '--ac2',
      'a@example.org',
      '--production',
      '--near-duplicates',
      'off',
      '--receipts',
      'mpc/receipts.txt',
      '--submit-url',
      server.url
    ]
    expect((await runCli(['submit', 'tonight.psv', ...flags], { cwd: dir })).code).toBe(0)
    const again = await runCli(['submit', 'tonight.psv', ...flags], { cwd: dir })
    expect(again.code).toBe(1)
    expect(again.stdout).toMatch(/Set --allow-resubmit to submit it anyway\./)
    expect((await runCli(['submit', 'tonight.psv', ...flags, '--allow-resubmit'], { cwd: dir })).code).toBe(0)
    expect(server.submissions).toHaveLength(2)
    expect(await readFile(path.join(dir, 'mpc/receipts.txt'), 'utf8')).toMatch(
      /^(\S+ production psv 3 observations .*\n){2}$/
    )

    await server.close()
    server = await startMpcServer({
      answer: (request) => (request.path.startsWith('/submit_') ? { hang: true } : undefined)
    })
    const timedOut = await runCli(
      ['submit', 'tonight.psv', '--ac2', 'a@example.org', '--request-timeout', '1', '--submit-url', server.url],
      { cwd: dir }
    )
    expect(timedOut.code).toBe(1)
    expect(server.requests).toHaveLength(1)
    expect(timedOut.stdout).toMatch(/❌ Unknown whether the MPC took the batch: timed out after 1\.0 s\. Not repeated/)
  })

  test('shares the ack check and the possibly-submitted record with the action', async () => {
    const dir = await folderWithBatch()
    const hostile = await runCli(
      [
        'submit',
        'tonight.psv',
        '--ac2',
        'a@example.org',
        '--ack',
        'x Submission ID is 2025-11-12T21:09:16.359_0000Ba8U',
        '--submit-url',
        server.url
      ],
      { cwd: dir }
    )
    expect(hostile.code).toBe(1)
    expect(hostile.stdout).toContain('✗ --ack: holds "Submission ID is". The MPC\'s reply repeats the ack in brackets')
    expect(server.requests).toHaveLength(0)

    await server.close()
    let reset = true
    server = await startMpcServer({
      answer: (request) => (request.path.startsWith('/submit_') && reset ? { reset: true } : undefined)
    })
    const flags = [
      '--ac2',
      'a@example.org',
      '--production',
      '--near-duplicates',
      'off',
      '--receipts',
      'mpc/receipts.txt',
      '--submit-url',
      server.url
    ]
    const lost = await runCli(['submit', 'tonight.psv', ...flags], { cwd: dir })
    expect(lost.code).toBe(1)
    expect(lost.stdout).toMatch(/^Receipt +appended to mpc\/receipts\.txt \(as possibly submitted\)$/m)
    expect(lost.stdout).toContain(
      'Recorded as possibly submitted in mpc/receipts.txt: the duplicate guard refuses this content until --allow-resubmit is set.'
    )
    expect(await readFile(path.join(dir, 'mpc/receipts.txt'), 'utf8')).toMatch(
      /^# \S+ possibly-submitted psv 3 observations /
    )
    reset = false
    const again = await runCli(['submit', 'tonight.psv', ...flags], { cwd: dir })
    expect(again.code).toBe(1)
    expect(again.stdout).toContain('Once you know it was not taken, set --allow-resubmit to submit it.')
    expect(server.requests).toHaveLength(1)
    expect((await runCli(['submit', 'tonight.psv', ...flags, '--allow-resubmit'], { cwd: dir })).code).toBe(0)
    expect(server.submissions).toHaveLength(1)
  })
})

describe('colour', () => {
  test('is used only on a TTY and never when NO_COLOR is set', () => {
    expect(useColour({ isTTY: true }, {})).toBe(true)
    expect(useColour({ isTTY: false }, {})).toBe(false)
    expect(useColour({}, {})).toBe(false)
    expect(useColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false)
    expect(useColour({ isTTY: true }, { NO_COLOR: '' })).toBe(true)
    expect(useColour({ isTTY: true }, { TERM: 'dumb' })).toBe(false)
  })

  test('the table aligns emoji statuses and paints only when asked', () => {
    const rows = [
      [{ text: 'a' }, { text: '✅ accepted', colour: 'green' as const }, { text: 'x' }],
      [{ text: 'bbb' }, { text: '⚠️ accepted with warnings' }, { text: 'y' }]
    ]
    const plain = renderTable(['Id', 'Status', 'More'], rows, painter(false)).split('\n')
    expect(plain).toEqual([
      'Id   Status                     More',
      'a    ✅ accepted                x',
      'bbb  ⚠️ accepted with warnings  y'
    ])
    expect(renderTable(['Id', 'Status', 'More'], rows, painter(true))).toContain(`${ESC}32m✅ accepted`)
  })

  test('on a real terminal (script(1)) the status is coloured unless NO_COLOR', async () => {
    assertFreshDist()
    // script(1) is in util-linux (bsdutils on Debian and Ubuntu, so on GitHub's runners too).
    const probe = spawnSync('script', ['--version'])
    if (probe.status !== 0) {
      throw new Error(
        `script(1) is needed for this test and did not run (${probe.error?.message ?? `exit ${probe.status}`}): install util-linux`
      )
    }
    const args = ['check', ACCEPTED, '--api-url', server.url]
    // spawnSync would block this process's loopback server; run script(1) asynchronously instead.
    const run = (env: NodeJS.ProcessEnv): Promise<string> =>
      new Promise((resolve) => {
        const child = spawn('script', ['-qec', [process.execPath, CLI, ...args].join(' '), '/dev/null'], {
          env: { PATH: process.env.PATH, TERM: 'xterm', ...env }
        })
        let out = ''
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
        child.on('close', () => resolve(out))
      })
    expect(await run({})).toContain(`${ESC}32m✅ accepted`)
    const noColour = await run({ NO_COLOR: '1' })
    expect(noColour).toMatch(/✅ accepted/)
    expect(noColour).not.toContain(ESC)
  })
})
