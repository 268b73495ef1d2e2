// The signal every GitHub request of the step's comment carries, on fake time (no socket is involved): the
// comment is given up 60 s after it starts, or 3 s after a cancel. The end-to-end tests show the bundle's
// requests carry it (a SIGTERM while GitHub hangs ends the step); github-comment.test.ts what a request
// aborted by it becomes (the warning, nothing written).
import { commentSignal } from '../src/github/publish.js'

// Jest's ES-module mode does not inject the `jest` object as a global.
const fake = (import.meta as unknown as { jest: typeof jest }).jest

beforeEach(() => fake.useFakeTimers({ now: 0 }))
afterEach(() => fake.useRealTimers())

const reason = (signal: AbortSignal): string => (signal.reason as Error).message

test('without a cancel, the comment is given up at its 60 s bound, not before', () => {
  const signal = commentSignal(new AbortController().signal)
  fake.advanceTimersByTime(59_999)
  expect(signal.aborted).toBe(false)
  fake.advanceTimersByTime(1)
  expect(signal.aborted).toBe(true)
  expect(reason(signal)).toBe('timed out after 60000 ms')
})

test('a cancel leaves GitHub requests 3 s, then ends them as cancelled', () => {
  const cancel = new AbortController()
  const signal = commentSignal(cancel.signal)
  fake.advanceTimersByTime(10_000)
  cancel.abort(new Error('cancelled by SIGTERM'))
  fake.advanceTimersByTime(2_999)
  expect(signal.aborted).toBe(false)
  fake.advanceTimersByTime(1)
  expect(signal.aborted).toBe(true)
  expect(reason(signal)).toBe('cancelled')
})

test('a run cancelled before the comment starts still gets its 3 s', () => {
  const cancel = new AbortController()
  cancel.abort(new Error('cancelled by SIGINT'))
  const signal = commentSignal(cancel.signal)
  expect(signal.aborted).toBe(false)
  fake.advanceTimersByTime(3_000)
  expect(reason(signal)).toBe('cancelled')
})
