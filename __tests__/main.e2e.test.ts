// Runs the committed dist/index.js as the runner does and reads what it wrote.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import {
  EXAMPLE_ACCEPTED,
  EXAMPLE_REJECTED,
  PENDING,
  startMpcServer,
  type MpcServer
} from '../__fixtures__/mpc-server.mjs'
import { renderGfm, tables } from './helpers/gfm.js'
import { runAction } from './helpers/run-action.js'

const ACCEPTED = '2026-01-01T00:05:07.453_0000BhCE'
const REJECTED = '2025-11-12T21:11:49.579_0000Ba8V'
const WARNED = '2026-02-03T10:20:30.400_0000Cc01'
const MISSING = '2026-03-04T05:06:07.800_0000Dd02'

const WARNED_ANSWER = {
  accepted: true,
  pipeline_entry_time: '2026-02-03T10:21:00.000000+00:00',
  fault_events: [{ message: 'observatory code 999 is deprecated', phase: 1, failure_code: 12 }]
}

let server: MpcServer
beforeEach(async () => {
  server = await startMpcServer({
    answers: {
      [ACCEPTED]: { json: EXAMPLE_ACCEPTED },
      [REJECTED]: { json: EXAMPLE_REJECTED },
      [WARNED]: { json: WARNED_ANSWER }
    }
  })
})
afterEach(() => server.close())

/** The log's last line: the verdict, the same words as the summary's. */
const lastLine = (stdout: string): string => stdout.trimEnd().split('\n').at(-1) ?? ''

const annotations = (stdout: string, level: string): string[] =>
  stdout.split('\n').filter((line) => line.startsWith(`::${level} `) || line.startsWith(`::${level}::`))

test('a mixed run from a file fails on the rejection, annotates it at its line, and reports everything', async () => {
  const file = [
    '# submitted tonight',
    `${ACCEPTED}`,
    `Thank you for your submission. Submission ID is ${REJECTED}`,
    `${WARNED}, ${ACCEPTED}   # duplicate, checked once`,
    ''
  ].join('\r\n')
  const run = await runAction({
    inputs: { 'submission-ids-file': 'mpc/ids.txt', 'api-url': server.url, 'results-file': 'out/results.json' },
    files: { 'mpc/ids.txt': file }
  })

  expect(run.code).toBe(1)
  expect(server.requests).toHaveLength(3)
  for (const request of server.requests) {
    expect(request.method).toBe('GET')
    expect(request.path).toBe('/api/submission-status')
    expect(request.headers['content-type']).toBe('application/json')
    expect(request.headers.accept).toBe('application/json')
    expect(request.headers['user-agent']).toMatch(/^mpc-submission-status\/\d+\.\d+\.\d+/)
  }
  expect(server.requests.map((request) => request.json)).toEqual([
    { submission_id: ACCEPTED },
    { submission_id: REJECTED },
    { submission_id: WARNED }
  ])

  const results = JSON.parse(run.outputs.results ?? '[]')
  expect(results).toEqual([
    expect.objectContaining({
      submission_id: ACCEPTED,
      status: 'accepted',
      accepted: true,
      source: { file: 'mpc/ids.txt', line: 2 }
    }),
    expect.objectContaining({
      submission_id: REJECTED,
      status: 'rejected',
      accepted: false,
      pipeline_entry_time: null,
      fault_events: EXAMPLE_REJECTED.fault_events,
      source: { file: 'mpc/ids.txt', line: 3 }
    }),
    expect.objectContaining({ submission_id: WARNED, status: 'accepted', fault_events: WARNED_ANSWER.fault_events })
  ])
  expect(run.outputs).toMatchObject({
    'all-accepted': 'false',
    'accepted-count': '2',
    'rejected-count': '1',
    'warning-count': '1',
    'pending-count': '0',
    'not-found-count': '0',
    'invalid-count': '0',
    'error-count': '0',
    'rejected-ids': REJECTED
  })
  expect(JSON.parse(await readFile(path.join(run.workspace, 'out/results.json'), 'utf8'))).toEqual(results)

  const errors = annotations(run.stdout, 'error')
  expect(errors.some((line) => line.includes('file=mpc/ids.txt,line=3') && line.includes(REJECTED))).toBe(true)
  expect(annotations(run.stdout, 'warning').some((line) => line.includes(WARNED))).toBe(true)
  // The step's failure message, its last line, names the counts and the failing ID.
  expect(lastLine(run.stdout)).toBe(
    `::error::❌ Failed: 3 submissions: 1 rejected, 2 accepted (1 with warnings). Failing under fail-on: ${REJECTED} (rejected).`
  )

  const html = renderGfm(run.summary)
  expect(html).toContain('❌ <strong>Failed</strong>: 3 submissions: 1 rejected, 2 accepted (1 with warnings).')
  const [submissions, faults] = tables(html)
  // The row that fails the step is marked; the tolerated warning says why it does not fail.
  expect(submissions?.slice(1).map((row) => [row[0], row[2]])).toEqual([
    [REJECTED, '❌ yes'],
    [WARNED, 'no (not in fail-on)'],
    [ACCEPTED, '']
  ])
  expect(faults?.slice(1).map((row) => row[2])).toEqual(['❌ yes', '❌ yes', 'no (not in fail-on)'])
  expect(faults?.slice(1).map((row) => row[5])).toEqual([
    'exact duplicate of submission 2025-11-12T21:09:16.359_0000Ba8U',
    'ingest failed',
    'observatory code 999 is deprecated'
  ])
})

test('all accepted without fault events passes with ✅, in the summary and the log, with the counts', async () => {
  const run = await runAction({ inputs: { 'submission-ids': ACCEPTED, 'api-url': server.url } })
  expect(run.code).toBe(0)
  expect(run.outputs['all-accepted']).toBe('true')
  expect(run.summary).toContain('✅ **Passed**: 1 submission: 1 accepted.')
  expect(lastLine(run.stdout)).toBe('✅ Passed: 1 submission: 1 accepted.')
})

test('a pending submission under the default fail-on passes, with exceptions naming it, never a plain ✅', async () => {
  server.setAnswers({ [MISSING]: { json: PENDING }, [ACCEPTED]: { json: EXAMPLE_ACCEPTED } })
  const run = await runAction({ inputs: { 'submission-ids': `${MISSING}\n${ACCEPTED}`, 'api-url': server.url } })
  expect(run.code).toBe(0)
  const line = '⚠️ Passed, with exceptions: 2 submissions: 1 pending, 1 accepted — 1 pending not in fail-on.'
  expect(lastLine(run.stdout)).toBe(line)
  expect(run.summary).toContain(
    '⚠️ **Passed, with exceptions**: 2 submissions: 1 pending, 1 accepted — 1 pending not in fail-on.'
  )
  expect(run.stdout + run.summary).not.toContain('✅ Passed')
  expect(run.summary).not.toContain('✅ **Passed**')
  const [submissions] = tables(renderGfm(run.summary))
  expect(submissions?.slice(1).map((row) => [row[1], row[2]])).toEqual([
    ['⏳ pending', 'no (not in fail-on)'],
    ['✅ accepted', '']
  ])
})

test('fail-on none passes over a rejection, but says so: with exceptions, never ✅', async () => {
  const run = await runAction({
    inputs: { 'submission-ids': `${REJECTED} ${ACCEPTED}`, 'api-url': server.url, 'fail-on': 'none' }
  })
  expect(run.code).toBe(0)
  expect(run.outputs['all-accepted']).toBe('false')
  expect(lastLine(run.stdout)).toBe(
    '⚠️ Passed, with exceptions: 2 submissions: 1 rejected, 1 accepted — 1 rejected not in fail-on.'
  )
  expect(run.summary).toContain('⚠️ **Passed, with exceptions**: 2 submissions: 1 rejected, 1 accepted')
  expect(run.summary).not.toContain('✅ **Passed**')
  const [submissions, faults] = tables(renderGfm(run.summary))
  expect(submissions?.slice(1).map((row) => [row[0], row[2]])).toEqual([
    [REJECTED, 'no (not in fail-on)'],
    [ACCEPTED, '']
  ])
  expect(faults?.slice(1).map((row) => row[2])).toEqual(['no (not in fail-on)', 'no (not in fail-on)'])
})

test('invalid and unknown IDs, an unreadable file: every other ID is still checked and reported', async () => {
  const run = await runAction({
    inputs: {
      'submission-ids': `${ACCEPTED}, A10cnQO ${MISSING}`,
      'submission-ids-file': 'missing.txt\nids.txt',
      'api-url': server.url
    },
    files: { 'ids.txt': `${REJECTED}\n` }
  })
  expect(run.code).toBe(1)
  expect(server.requests.map((request) => request.json?.submission_id)).toEqual([ACCEPTED, MISSING, REJECTED])
  const results = JSON.parse(run.outputs.results ?? '[]') as {
    submission_id: string
    status: string
    message: string
  }[]
  expect(results.map((result) => [result.submission_id, result.status])).toEqual([
    [ACCEPTED, 'accepted'],
    ['A10cnQO', 'invalid'],
    [MISSING, 'not-found'],
    [REJECTED, 'rejected']
  ])
  expect(results[1]?.message).toMatch(/trksub/)
  // One failure line: the full counts, the problem, the failing IDs.
  expect(run.stdout).toMatch(
    /^::error::❌ Failed: 4 submissions: 1 rejected, 1 invalid, 1 not-found, 1 accepted\. Cannot read submission-ids-file missing\.txt: it does not exist\. Failing under fail-on: A10cnQO \(invalid\), /m
  )
  expect(run.summary).toContain('missing.txt')
})

test('no IDs at all fails with a message naming where it looked, and still writes a summary', async () => {
  const run = await runAction({
    inputs: { 'submission-ids-file': 'empty.txt', 'api-url': server.url },
    files: { 'empty.txt': '# nothing yet\n\n' }
  })
  expect(run.code).toBe(1)
  expect(run.stdout).toMatch(
    /^::error::❌ Failed: 0 submissions: none checked\. No submission IDs found in empty\.txt\.$/m
  )
  expect(server.requests).toHaveLength(0)
  expect(run.summary).toContain('No submission IDs found')
  expect(run.outputs['all-accepted']).toBe('false')
})

test('a bad input fails the step naming the input, before any request', async () => {
  const run = await runAction({ inputs: { 'submission-ids': ACCEPTED, 'api-url': 'ftp://example.org' } })
  expect(run.code).toBe(1)
  expect(run.stdout).toMatch(/::error::api-url: only http:\/\/ and https:\/\/ URLs are allowed/)
  const failOn = await runAction({ inputs: { 'submission-ids': ACCEPTED, 'fail-on': 'rejected, sometimes' } })
  expect(failOn.stdout).toMatch(/::error::fail-on: unknown value "sometimes"/)
  // Against the MPC itself the rate limit cannot be lifted or raised: it may block the runner's IP.
  for (const rate of ['0', '10']) {
    const unlimited = await runAction({ inputs: { 'submission-ids': ACCEPTED, 'rate-limit': rate } })
    expect(unlimited.code).toBe(1)
    expect(unlimited.stdout).toMatch(/::error::rate-limit: the MPC allows at most 5 requests per second/)
  }
})

test('fault messages from the API stay inert in the log and the summary', async () => {
  const hostile = {
    accepted: false,
    pipeline_entry_time: null,
    fault_events: [
      { message: 'line one\n::error::forged annotation\n##[error]legacy forged', phase: 2, failure_code: 5 },
      {
        message:
          '| broken | table |\n<script>alert(1)</script> <img src=x onerror=alert(1)> [link](https://evil.example)',
        phase: 2,
        failure_code: 7
      }
    ]
  }
  server.setAnswers({ [REJECTED]: { json: hostile } })
  const run = await runAction({ inputs: { 'submission-ids': REJECTED, 'api-url': server.url } })
  expect(run.code).toBe(1)
  const lines = run.stdout.split('\n')
  // Every workflow command in the log is one the action meant: no forged annotation, no legacy command.
  expect(
    lines.filter((line) => line.trim().startsWith('::error') && line.includes('forged') && !line.includes('%0A'))
  ).toEqual([])
  expect(lines.filter((line) => line.includes('##['))).toEqual([])

  const html = renderGfm(run.summary)
  const [, faults] = tables(html)
  expect(faults?.[1]).toHaveLength(6)
  expect(faults?.[1]?.[5]).toBe('line one\n::error::forged annotation\n##[error]legacy forged')
  expect(faults?.[2]?.[5]).toBe(
    '| broken | table |\n<script>alert(1)</script> <img src=x onerror=alert(1)> [link](https://evil.example)'
  )
  expect(html).not.toMatch(/<script|<img|<a /)
})

test('annotations name the file relative to the workspace with / separators, however the path was typed', async () => {
  const run = await runAction({
    inputs: { 'submission-ids-file': './mpc//sub/../ids.txt', 'api-url': server.url },
    files: { 'mpc/ids.txt': `${REJECTED}\n`, 'mpc/sub/.keep': '' }
  })
  expect(run.stdout).toMatch(/^::error title=MPC rejected the submission,file=mpc\/ids\.txt,line=1::/m)
})

describe('input problems past what the summary shows', () => {
  test('30 unreadable ID files: the summary lists 10 and points to the log, which has a line for each of the 30', async () => {
    const missing = Array.from({ length: 30 }, (_, index) => `missing-${String(index).padStart(2, '0')}.txt`)
    const run = await runAction({
      inputs: { 'submission-ids': ACCEPTED, 'submission-ids-file': missing.join('\n'), 'api-url': server.url }
    })
    expect(run.code).toBe(1)
    expect(run.summary).toContain('and 20 more problems; the log lists them all')
    for (const name of missing) {
      const lines = run.stdout
        .split('\n')
        .filter((line) => line.startsWith(`❌ Cannot read submission-ids-file ${name}:`))
      expect(lines).toHaveLength(1)
    }
    // The one readable ID is still checked.
    expect(run.outputs['accepted-count']).toBe('1')
  })
})
