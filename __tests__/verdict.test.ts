import type { SubmissionResult } from '../src/core/submission-result.js'
import { decideVerdict, DEFAULT_FAIL_ON, parseFailOn, verdictHeadline, verdictLine } from '../src/core/verdict.js'
import { submissionResult } from './helpers/factories.js'

const result = (id: string, status: SubmissionResult['status'], faults = 0): SubmissionResult =>
  submissionResult(id, status, {
    faults: Array.from({ length: faults }, (_, i) => ({ message: `fault ${i}`, phase: 1, failure_code: 3 })),
    message: status
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
  const verdict = decideVerdict([result('a', 'accepted')], [], {
    problems: ['Cannot read submission-ids-file x.txt: it does not exist']
  })
  expect(verdict.failed).toBe(true)
  expect(verdict.allAccepted).toBe(false)
  expect(verdict.message).toContain('x.txt')
})

test('only a pass with every submission accepted and no fault events is a plain pass', () => {
  const clean = decideVerdict([result('a', 'accepted'), result('b', 'accepted')], DEFAULT_FAIL_ON)
  expect(clean.level).toBe('passed')
  expect(clean.tolerated).toEqual([])
  expect(verdictLine(clean)).toBe('✅ Passed: 2 submissions: 2 accepted.')
})

test('a pass that tolerates a pending submission is a pass with exceptions naming it, with the full counts', () => {
  const verdict = decideVerdict([result('a', 'accepted'), result('b', 'pending')], DEFAULT_FAIL_ON)
  expect(verdict.failed).toBe(false)
  expect(verdict.level).toBe('exceptions')
  expect(verdict.tolerated).toEqual([{ item: 'pending', count: 1 }])
  expect(verdictLine(verdict)).toBe(
    '⚠️ Passed, with exceptions: 2 submissions: 1 pending, 1 accepted — 1 pending not in fail-on.'
  )
})

test('fail-on none with a rejection, and tolerated warnings, are exceptions, never a plain pass', () => {
  const rejected = decideVerdict([result('a', 'accepted'), result('c', 'rejected', 2)], [])
  expect(rejected.failed).toBe(false)
  expect(rejected.level).toBe('exceptions')
  expect(verdictHeadline(rejected)).toEqual({
    icon: '⚠️',
    word: 'Passed, with exceptions',
    detail: '2 submissions: 1 rejected, 1 accepted — 1 rejected not in fail-on'
  })
  const warned = decideVerdict([result('a', 'accepted', 1), result('b', 'accepted')], DEFAULT_FAIL_ON)
  expect(warned.level).toBe('exceptions')
  expect(verdictLine(warned, '--fail-on')).toBe(
    '⚠️ Passed, with exceptions: 2 submissions: 2 accepted (1 with warnings) — 1 accepted with warnings not in --fail-on.'
  )
  // Every tolerated status is named, worst first.
  const many = decideVerdict(
    [result('a', 'pending'), result('b', 'error'), result('c', 'not-found'), result('d', 'accepted', 1)],
    ['rejected']
  )
  expect(verdictHeadline(many).detail).toMatch(
    / — 1 error, 1 not-found, 1 pending, 1 accepted with warnings not in fail-on$/
  )
})

test('unlisted invalid entries under a fail-on without invalid make the pass one with exceptions', () => {
  const verdict = decideVerdict([result('a', 'accepted')], ['rejected'], { unlistedInvalid: 3 })
  expect(verdict.level).toBe('exceptions')
  expect(verdictHeadline(verdict).detail).toBe('4 submissions: 3 invalid, 1 accepted — 3 invalid not in fail-on')
})

test('a failure says Failed with the failing IDs', () => {
  const verdict = decideVerdict([result('a', 'accepted'), result('x', 'rejected', 1)], DEFAULT_FAIL_ON)
  expect(verdict.level).toBe('failed')
  expect(verdictLine(verdict)).toBe(
    '❌ Failed: 2 submissions: 1 rejected, 1 accepted. Failing under fail-on: x (rejected).'
  )
})

test('a cancel fails and never says passed, even when nothing decided so far fails under fail-on', () => {
  const verdict = decideVerdict([result('a', 'accepted'), result('b', 'pending')], DEFAULT_FAIL_ON, {
    cancelled: true
  })
  expect(verdict.failed).toBe(true)
  expect(verdict.level).toBe('cancelled')
  const line = verdictLine(verdict)
  expect(line).toBe('❌ Cancelled before every submission was decided: 2 submissions: 1 pending, 1 accepted.')
  expect(line).not.toMatch(/passed/i)
  const withRejection = decideVerdict([result('x', 'rejected', 1)], DEFAULT_FAIL_ON, { cancelled: true })
  expect(verdictLine(withRejection)).toMatch(/^❌ Cancelled .*\. Failing under fail-on: x \(rejected\)\.$/)
})
