// Waiting and cancelling through the committed bundle.
import { EXAMPLE_ACCEPTED, PENDING, startMpcServer, type MpcServer } from '../__fixtures__/mpc-server.mjs'
import { renderGfm, tables } from './helpers/gfm.js'
import { cancelWhen, runAction } from './helpers/run-action.js'

const A = '2026-01-01T00:05:07.453_0000BhCE'
const B = '2025-11-12T21:11:49.579_0000Ba8V'

let server: MpcServer
afterEach(() => server?.close())

test('waits for a pending submission, logs progress, and the summary says how long and how many polls', async () => {
  server = await startMpcServer({
    answers: { [A]: [{ json: PENDING }, { json: PENDING }, { json: EXAMPLE_ACCEPTED }] }
  })
  const run = await runAction({
    inputs: { 'submission-ids': A, 'api-url': server.url, 'wait-timeout': '1m', 'poll-interval': '1' }
  })
  expect(run.code).toBe(0)
  expect(run.outputs['all-accepted']).toBe('true')
  expect(run.stdout).toMatch(/⏳ 1 undecided \(1 pending, 0 not found yet\); .* left of the wait/)
  expect(run.summary).toMatch(/Waited \d+(\.\d)? s for undecided submissions \(2 polls\)/)
  // One line for the first answer and one for the decision, not one per poll.
  expect(run.stdout.split('\n').filter((line) => line.includes(`  ${A}  `))).toEqual([
    expect.stringMatching(/^⏳ pending/),
    expect.stringMatching(/^✅ accepted/)
  ])
})

test('a submission not visible yet is logged once when missing and once when decided, not at every poll', async () => {
  server = await startMpcServer({ answers: { [A]: [{ status: 404 }, { status: 404 }, { json: EXAMPLE_ACCEPTED }] } })
  const run = await runAction({
    inputs: { 'submission-ids': A, 'api-url': server.url, 'wait-timeout': '1m', 'poll-interval': '1' }
  })
  expect(run.code).toBe(0)
  expect(server.asked(A)).toBe(3)
  expect(run.stdout.split('\n').filter((line) => line.includes(`  ${A}  `))).toEqual([
    expect.stringMatching(/^🔍 not found/),
    expect.stringMatching(/^✅ accepted/)
  ])
})

test('still pending at the deadline: a warning annotation, and the step passes under the default fail-on', async () => {
  server = await startMpcServer({ answers: { [A]: { json: PENDING } } })
  const run = await runAction({
    inputs: { 'submission-ids': A, 'api-url': server.url, 'wait-timeout': '2', 'poll-interval': '1' }
  })
  expect(run.code).toBe(0)
  expect(run.outputs['pending-count']).toBe('1')
  expect(run.stdout).toMatch(/::warning title=Submission still pending::.*still pending at the end of the wait/)
  // It passes, but never as a plain ✅: the pending one is named as what the pass tolerated.
  expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
    '⚠️ Passed, with exceptions: 1 submission: 1 pending — 1 pending not in fail-on.'
  )
  expect(run.summary).toContain('⚠️ **Passed, with exceptions**: 1 submission: 1 pending — 1 pending not in fail-on.')
  const strict = await runAction({
    inputs: {
      'submission-ids': A,
      'api-url': server.url,
      'wait-timeout': '1',
      'poll-interval': '1',
      'fail-on': 'pending'
    }
  })
  expect(strict.code).toBe(1)
  expect(strict.summary).toContain('❌ **Failed**: 1 submission: 1 pending.')
  const [submissions] = tables(renderGfm(strict.summary))
  expect(submissions?.slice(1).map((row) => [row[1], row[2]])).toEqual([['⏳ pending', '❌ yes']])
})

test('SIGINT then SIGTERM during the wait still leaves a complete summary and outputs, and exits non-zero', async () => {
  server = await startMpcServer({ answers: { [A]: { json: PENDING }, [B]: { json: EXAMPLE_ACCEPTED } } })
  // Cancel like the runner does, once the action is visibly waiting: SIGINT, then SIGTERM.
  const cancel = cancelWhen((stdout) => stdout.includes('undecided'), { delayMs: 0, signals: ['SIGINT', 'SIGTERM'] })
  const run = await runAction({
    inputs: { 'submission-ids': `${A} ${B}`, 'api-url': server.url, 'wait-timeout': '10m', 'poll-interval': '1' },
    onStart: cancel.onStart
  })
  // The wait was 10 minutes: the step ended because of the cancel, with an exit code of its own (not killed).
  expect(cancel.sentAt()).toBeGreaterThan(0)
  expect(run.code).not.toBe(0)
  expect(run.code).not.toBeNull()
  expect(run.outputs['pending-count']).toBe('1')
  expect(run.outputs['accepted-count']).toBe('1')
  const results = JSON.parse(run.outputs.results ?? '[]') as { status: string; message: string }[]
  expect(results.map((result) => result.status)).toEqual(['pending', 'accepted'])
  expect(results[0]?.message).toBe('still pending when the run was cancelled')
  expect(run.summary).toContain('The run was cancelled')
  // Nothing decided so far fails under fail-on, yet a cancel never says passed: not in the summary, not in the log.
  expect(run.summary).toContain('❌ **Cancelled**: 2 submissions: 1 pending, 1 accepted.')
  expect(run.summary).not.toMatch(/passed/i)
  expect(run.stdout).not.toMatch(/passed/i)
  expect(run.stdout).toMatch(
    /^::error::❌ Cancelled before every submission was decided: 2 submissions: 1 pending, 1 accepted\.$/m
  )
  const [submissions] = tables(renderGfm(run.summary))
  expect(submissions?.slice(1).map((row) => row[1])).toEqual(['⏳ pending', '✅ accepted'])
})
