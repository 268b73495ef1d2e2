// The command line speaks its own language: its messages name its flags (--file, --fail-on), every bad flag
// is said in one run with the values allowed, the option parser's own text never shows, counts have their
// plural right, the table fits the terminal, and --json values have their JSON types. Runs the bundle
// (dist/cli/index.js) against the loopback MPC stand-in; the table is rendered directly at a given width, as
// a child process has no terminal.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  EXAMPLE_ACCEPTED,
  EXAMPLE_REJECTED,
  PENDING,
  startMpcServer,
  type MpcServer
} from '../__fixtures__/mpc-server.mjs'
import { renderActionCodesReport } from '../src/cli/action-codes.js'
import { renderCheckReport } from '../src/cli/check.js'
import { nearestFlag } from '../src/cli/common.js'
import { displayWidth, painter, renderTable } from '../src/cli/terminal.js'
import { describeUnlistedInvalid } from '../src/core/id-list.js'
import { decideActionCodesVerdict, type ActionCodeResult } from '../src/core/action-codes.js'
import type { SubmissionResult } from '../src/core/submission-result.js'
import { DEFAULT_FAIL_ON, decideVerdict } from '../src/core/verdict.js'
import { describeProgress } from '../src/report/progress.js'
import { renderSummary } from '../src/report/summary.js'
import { REPO_ROOT } from './helpers/run-action.js'
import { runCli as runCliIn, type CliRun } from './helpers/run-cli.js'
import { submissionResult } from './helpers/factories.js'

const ACCEPTED = '2026-01-01T00:05:07.453_0000BhCE'
const REJECTED = '2025-11-12T21:11:49.579_0000Ba8V'
const LATE = '2026-02-03T10:20:30.400_0000Cc01'

const runCli = (args: string[], cwd?: string, stdin?: string): Promise<CliRun> => runCliIn(args, { cwd, stdin })

/** What the action would call its inputs, which a command-line user never typed. */
const ACTION_WORDS = /submission-ids-file|submission-ids input|(^|[^-])fail-on:|\binput\b/
/** node:util parseArgs's own text, and a line break made visible inside one message. */
const PARSER_TEXT = /To specify a|Unknown option|argument missing|ambiguous|'-- |⏎/

let server: MpcServer
beforeEach(async () => {
  server = await startMpcServer({
    answers: {
      [ACCEPTED]: { json: EXAMPLE_ACCEPTED },
      [REJECTED]: { json: EXAMPLE_REJECTED },
      [LATE]: [{ json: PENDING }, { json: EXAMPLE_ACCEPTED }]
    }
  })
})
afterEach(() => server.close())

describe('messages name the flags', () => {
  test('an unreadable --file, and IDS arguments that hold none, are named as typed', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mpc-cli-messages-'))
    const run = await runCli(['check', ',', '--file', 'missing.txt', '--api-url', server.url], dir)
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('❌ Cannot read --file missing.txt: it does not exist')
    expect(run.stdout).toContain('No submission IDs found in the IDS arguments, missing.txt')
    expect(run.stdout + run.stderr).not.toMatch(ACTION_WORDS)
  })

  test('--fail-on by its name in the failure, and the From column says "argument"', async () => {
    const run = await runCli(['check', REJECTED, '--api-url', server.url])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(new RegExp(`^${REJECTED} +❌ rejected +— +2 +argument +rejected`, 'm'))
    expect(run.stdout).toContain(`Failing under --fail-on: ${REJECTED} (rejected).`)
    expect(run.stdout + run.stderr).not.toMatch(ACTION_WORDS)
  })

  test('every bad flag value is reported in one run, each with what is allowed, and nothing is asked', async () => {
    const run = await runCli(['check', ACCEPTED, '--fail-on', 'bogus', '--rate-limit', 'x', '--wait', 'maybe'])
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')).toEqual([
      'mpc-submission-status: --wait: "maybe" is not a duration; use seconds (90) or 90s, 10m, 1h',
      'mpc-submission-status: --fail-on: unknown value "bogus"; use any of rejected, error, invalid, not-found, pending, warning, or none',
      'mpc-submission-status: --rate-limit: "x" is not a whole number from 0 to 1000',
      'See "mpc-submission-status check --help".',
      ''
    ])
    expect(run.stdout).toBe('')
    expect(server.requests).toHaveLength(0)
  })

  test('an unknown option is said together with the bad values, and the flag after a missing value still counts', async () => {
    const run = await runCli(['check', '--fail-on', 'bogus', '--wiat', '10m', '--max-age', 'forever', '-f', '--json'])
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')).toEqual([
      'mpc-submission-status: unknown option --wiat; did you mean --wait?',
      'mpc-submission-status: -f needs a value, and is followed by --json; if that is the value, write --file=--json',
      expect.stringMatching(/^mpc-submission-status: --fail-on: unknown value "bogus"; use any of /),
      'mpc-submission-status: --max-age: "forever" is not a duration; use seconds (90) or 90s, 10m, 1h',
      'See "mpc-submission-status check --help".',
      ''
    ])
  })

  test('a missing ID argument is said together with the bad flags; action-codes and submit alike', async () => {
    const check = await runCli(['check', '--retries', '99', '--max-age', 'forever'])
    expect(check.code).toBe(2)
    expect(check.stderr).toMatch(
      /give submission IDs, or --file PATH\n.*--max-age: "forever"[^\n]*\n.*--retries: "99" is not a whole number from 0 to 10\n/
    )
    const codes = await runCli(['action-codes', '--request-timeout', '2h', '--api-url', 'ftp://x'])
    expect(codes.code).toBe(2)
    expect(codes.stderr).toMatch(
      /give at least one label\n.*--api-url: only http[^\n]*\n.*--request-timeout: "2h" is out of range/
    )
    const submit = await runCli(['submit', '--format', 'csv', '--submit-url', 'https://u:p@example.org'])
    expect(submit.code).toBe(2)
    expect(submit.stderr).toMatch(
      /give the batch FILE to submit\n.*--format: "csv" is not one of auto, psv, xml, obs80\n.*--submit-url: must not hold a user name/
    )
    expect(server.requests).toHaveLength(0)
  })
})

describe('no raw parser text', () => {
  test('unknown options, a missing value, a value taken for an option and a value given to a switch, all at once', async () => {
    const run = await runCli([
      'check',
      ACCEPTED,
      '--fial-on',
      'none',
      '--json=yes',
      '-x',
      '--wait',
      '--verbose',
      '--file'
    ])
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')).toEqual([
      'mpc-submission-status: unknown option --fial-on; did you mean --fail-on?',
      'mpc-submission-status: --json takes no value',
      expect.stringMatching(
        /^mpc-submission-status: unknown option -x; the options are --api-url, --rate-limit, .*--max-age, --observations$/
      ),
      'mpc-submission-status: --wait needs a value, and is followed by --verbose; if that is the value, write --wait=--verbose',
      'mpc-submission-status: --file needs a value',
      'See "mpc-submission-status check --help".',
      ''
    ])
    expect(run.stderr).not.toMatch(PARSER_TEXT)
    expect(server.requests).toHaveLength(0)
  })

  test.each([
    [['action-codes', 'A10cnQO', '--retry', '3'], /unknown option --retry; did you mean --retries\?/],
    [['submit', 'a.psv', '--ac'], /unknown option --ac; the options are --ac2, --ack, --obj-type,/],
    [['submit', 'a.psv', '--productoin'], /unknown option --productoin; did you mean --production\?/],
    [['chekc', ACCEPTED], /unknown command "chekc"; did you mean check\? the commands are/]
  ])('%j is said in our words', async (args, message) => {
    const run = await runCli(args)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stderr).not.toMatch(PARSER_TEXT)
  })

  test('the nearest flag is a prefix or a slip or two away, else none', () => {
    const known = ['file', 'wait', 'fail-on', 'poll-interval', 'api-url', 'retries']
    expect(nearestFlag('poll', known)).toBe('poll-interval')
    expect(nearestFlag('fail_on', known)).toBe('fail-on')
    expect(nearestFlag('retires', known)).toBe('retries')
    expect(nearestFlag('colour', known)).toBeUndefined()
    expect(nearestFlag('w', known)).toBeUndefined()
  })
})

describe('plurals', () => {
  test('the command line counts "1 submission" and "2 submissions"', async () => {
    const one = await runCli(['check', ACCEPTED, '--wait', '5s', '--api-url', server.url])
    expect(one.code).toBe(0)
    expect(one.stderr).toContain(`Checking 1 submission at ${server.url}`)
    const two = await runCli(['check', ACCEPTED, LATE, '--wait', '5s', '--poll-interval', '1', '--api-url', server.url])
    expect(two.code).toBe(0)
    expect(two.stderr).toContain(`Checking 2 submissions at ${server.url}`)
    expect(one.stderr + two.stderr).not.toContain('(s)')
  })

  test('polls and unlisted entries, shared with the action log and summary', () => {
    const progress = (polls: number): string => describeProgress({ undecided: [], remainingMs: 60_000, polls })
    expect(progress(1)).toMatch(/, 1 poll so far$/)
    expect(progress(2)).toMatch(/, 2 polls so far$/)
    expect(describeUnlistedInvalid(1)).toBe('1 more invalid entry is counted but not listed (only the first 100 are)')
    expect(describeUnlistedInvalid(3)).toMatch(/^3 more invalid entries are counted/)
    const summary = (polls: number): string =>
      renderSummary(
        { title: 'MPC', results: [], verdict: decideVerdict([], DEFAULT_FAIL_ON), waitedMs: 60_000, polls },
        { maxSize: 100_000 }
      )
    expect(summary(1)).toContain('for undecided submissions (1 poll).')
    expect(summary(4)).toContain('for undecided submissions (4 polls).')
  })
})

describe('the table fits the terminal', () => {
  const result = (id: string, status: SubmissionResult['status']): SubmissionResult =>
    submissionResult(id, status, {
      faults: status === 'rejected' ? EXAMPLE_REJECTED.fault_events : [],
      source: { file: 'mpc/ids.txt', line: 3 }
    })
  const results = [result(REJECTED, 'rejected'), result(ACCEPTED, 'accepted'), result(LATE, 'pending')]
  const verdict = decideVerdict(results, DEFAULT_FAIL_ON)
  const plain = painter(false)
  const HEADER_WORDS = ['Submission', 'Status', 'Pipeline', 'entry', 'time', 'Faults', 'From', 'Details']

  test.each([100, 60])(
    'at %i columns: whole IDs and header words, every line within the width, Details cut',
    (columns) => {
      const report = renderCheckReport(results, verdict, plain, columns)
      const [table = '', faults = ''] = report.split('\n\n')
      const lines = table.split('\n')
      for (const line of [...lines, ...faults.split('\n')]) expect(displayWidth(line)).toBeLessThanOrEqual(columns)
      // Every header word is whole (a column left out is left out whole), and the IDs are.
      for (const word of lines[0]?.split(/ +/) ?? []) expect(HEADER_WORDS).toContain(word)
      expect(lines[0]).toMatch(/^Submission +Status .*Details$/)
      for (const id of [REJECTED, ACCEPTED, LATE]) expect(table).toMatch(new RegExp(`^${id} `, 'm'))
      expect(faults).toMatch(new RegExp(`^${REJECTED} `, 'm'))
      // The rejection's details are cut, with an ellipsis; uncut they are longer than the room left.
      const rejected = lines.find((line) => line.startsWith(REJECTED)) ?? ''
      expect(rejected).toMatch(/rejected: ex[^\n]*…$/)
      expect(displayWidth(rejected)).toBe(columns)
    }
  )

  test('without a terminal width nothing is cut or left out', () => {
    const report = renderCheckReport(results, verdict, plain)
    expect(report.split('\n')[0]).toMatch(/^Submission +Status +Pipeline entry time +Faults +From +Details$/)
    expect(report).not.toContain('…')
    expect(report).toContain(EXAMPLE_REJECTED.fault_events[0]?.message.slice(0, 60))
  })

  test('a column wider than the terminal wraps whole; only the last column is ever cut', () => {
    const rows = [[{ text: 'x'.repeat(50) }, { text: 'a long detail '.repeat(5) }]]
    const table = renderTable(['ID', 'Details'], rows, plain, { columns: 40 })
    expect(table.split('\n')[1]).toBe(`${'x'.repeat(50)}  a long de…`)
  })

  test('action-codes cuts its Details, never a label', () => {
    const result: ActionCodeResult = {
      label: 'A10cnQO',
      format: 'trksub',
      status: 'refused',
      message: 'the MPC refused the request: '.repeat(5)
    }
    const verdict = decideActionCodesVerdict([result], [])
    const [header, row] = renderActionCodesReport([result], verdict, plain, false, 70).split('\n')
    expect(header).toMatch(/^Label +Format +Result +Details$/)
    expect(row).toMatch(/^A10cnQO +trksub +⛔ refused +the MPC refused the request: the MPC ref…$/)
    expect(displayWidth(row ?? '')).toBe(70)
    // Narrower, the format goes before the details are cut to nothing; the label stays.
    const [narrowHeader, narrowRow] = renderActionCodesReport([result], verdict, plain, false, 45).split('\n')
    expect(narrowHeader).toMatch(/^Label +Result +Details$/)
    expect(narrowRow).toMatch(/^A10cnQO +.*refused.*…$/)
    expect(displayWidth(narrowRow ?? '')).toBe(45)
  })
})

describe('--json has JSON types', () => {
  test('submit --json: test a boolean, observations a number', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mpc-cli-json-'))
    await writeFile(
      path.join(dir, 'tonight.psv'),
      await readFile(path.join(REPO_ROOT, '__fixtures__/batches/tonight.psv'), 'utf8')
    )
    const run = await runCli(
      ['submit', 'tonight.psv', '--ac2', 'a@example.org', '--json', '--submit-url', server.url],
      dir
    )
    expect(run.code).toBe(0)
    const printed = JSON.parse(run.stdout) as Record<string, unknown>
    expect(printed).toMatchObject({ test: true, observations: 3 })
    expect(printed['submission-id']).toMatch(/_/)
    // Refused before sending: nothing counted is null, not "".
    const refused = await runCli(['submit', 'tonight.psv', '--json', '--submit-url', server.url], dir)
    expect(refused.code).toBe(1)
    expect(JSON.parse(refused.stdout)).toMatchObject({ test: true, 'submission-id': '' })
  })

  test('check and action-codes --json: numbers and nulls stay JSON', async () => {
    const check = JSON.parse((await runCli(['check', REJECTED, '--json', '--api-url', server.url])).stdout) as {
      fault_events: { phase: unknown; failure_code: unknown }[]
    }[]
    expect(typeof check[0]?.fault_events[0]?.failure_code).toBe('number')
    const codes = await runCli(['action-codes', 'A10cnQO', '--json', '--api-url', server.url])
    expect(JSON.parse(codes.stdout)).toEqual([expect.objectContaining({ label: 'A10cnQO', format: 'trksub' })])
  })
})
