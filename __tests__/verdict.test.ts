import type { SubmissionResult } from '../src/core/submission-result.js'
import { decideVerdict, DEFAULT_FAIL_ON, parseFailOn } from '../src/core/verdict.js'

const result = (id: string, status: SubmissionResult['status'], faults = 0): SubmissionResult => ({
  submission_id: id,
  status,
  accepted: status === 'accepted' ? true : status === 'rejected' || status === 'pending' ? false : null,
  pipeline_entry_time: null,
  fault_events: Array.from({ length: faults }, (_, i) => ({ message: `fault ${i}`, phase: 1, failure_code: 3 })),
  message: status,
  source: 'input',
  checked_at: null
})

test('fail-on parses lists, rejects unknown values, and none', () => {
  expect(parseFailOn('')).toEqual(DEFAULT_FAIL_ON)
  expect(parseFailOn('Rejected,\n pending  warning')).toEqual(['rejected', 'pending', 'warning'])
  expect(parseFailOn('none')).toEqual([])
  expect(() => parseFailOn('none, rejected')).toThrow(/cannot be combined/)
  expect(() => parseFailOn('accepted')).toThrow(/unknown value "accepted"/)
})

test('the default fails on rejected, not-found, invalid and error, not on pending or warnings', () => {
  const passing = decideVerdict([result('a', 'accepted', 2), result('b', 'pending')], DEFAULT_FAIL_ON)
  expect(passing.failed).toBe(false)
  expect(passing.allAccepted).toBe(false)
  expect(passing.counts).toMatchObject({ accepted: 1, pending: 1, warning: 1, total: 2 })
  for (const status of ['rejected', 'not-found', 'invalid', 'error'] as const) {
    const verdict = decideVerdict([result('a', 'accepted'), result('x', status)], DEFAULT_FAIL_ON)
    expect(verdict.failed).toBe(true)
    expect(verdict.message).toContain(`x (${status})`)
  }
})

test('warning and pending fail only when asked; none never fails on statuses', () => {
  expect(decideVerdict([result('a', 'accepted', 1)], ['warning']).failed).toBe(true)
  expect(decideVerdict([result('a', 'accepted', 0)], ['warning']).failed).toBe(false)
  expect(decideVerdict([result('b', 'pending')], ['pending']).failed).toBe(true)
  expect(decideVerdict([result('c', 'rejected')], []).failed).toBe(false)
})

test('an input problem fails the step whatever fail-on says, and all-accepted is false', () => {
  const verdict = decideVerdict(
    [result('a', 'accepted')],
    [],
    ['Cannot read submission-ids-file x.txt: it does not exist']
  )
  expect(verdict.failed).toBe(true)
  expect(verdict.allAccepted).toBe(false)
  expect(verdict.message).toContain('x.txt')
})
