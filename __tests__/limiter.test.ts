// The rate limiter on its own, on fake time: jest's fake timers drive both its wake-up timer and the clock
// it is given (`now`), so every time below is exact and no test waits for real.
import { getEventListeners } from 'node:events'
import { DEFAULT_WINDOW_MS, RequestLimiter, SlotTooLateError, type Slot } from '../src/core/limiter.js'

// Jest's ES-module mode does not inject the `jest` object as a global.
const fake = (import.meta as unknown as { jest: typeof jest }).jest

beforeEach(() => fake.useFakeTimers({ now: 0 }))
afterEach(() => fake.useRealTimers())

const now = (): number => Date.now()
const advanceTo = (time: number): Promise<void> => fake.advanceTimersByTimeAsync(time - now())

interface Waiter {
  slot?: Slot
  grantedAt?: number
  error?: unknown
}

/** Asks for a slot; the returned record fills in when it is granted (or refused). */
function ask(
  limiter: RequestLimiter,
  options: { signal?: AbortSignal; notAfter?: number; sendAtOnce?: boolean } = {}
): Waiter {
  const waiter: Waiter = {}
  limiter.acquire(options).then(
    (slot) => {
      waiter.slot = slot
      waiter.grantedAt = now()
      if (options.sendAtOnce) {
        slot.markSent()
        slot.release()
      }
    },
    (error: unknown) => (waiter.error = error)
  )
  return waiter
}

const grantTimes = (waiters: Waiter[]): (number | undefined)[] => waiters.map((waiter) => waiter.grantedAt)

test('by default the window is a second and a margin: at 5/s the sixth request starts 1.05 s after the first', async () => {
  const limiter = new RequestLimiter({ ratePerSecond: 5, concurrency: 100, now })
  const waiters = Array.from({ length: 6 }, () => ask(limiter, { sendAtOnce: true }))
  await advanceTo(1049)
  expect(grantTimes(waiters)).toEqual([0, 0, 0, 0, 0, undefined])
  await advanceTo(2000)
  expect(waiters[5]?.grantedAt).toBeGreaterThanOrEqual(1050)
  expect(waiters[5]?.grantedAt).toBeLessThanOrEqual(1052)
})

test('at most `rate` requests start in any 1.05 s window, and the next ones start as soon as it allows', async () => {
  const limiter = new RequestLimiter({ ratePerSecond: 5, concurrency: 100, now })
  const waiters = Array.from({ length: 12 }, () => ask(limiter, { sendAtOnce: true }))
  await advanceTo(10_000)

  const times = grantTimes(waiters) as number[]
  expect(times.every((time) => time !== undefined)).toBe(true)
  expect(times.slice(0, 5)).toEqual([0, 0, 0, 0, 0])
  // Request k+5 never starts less than a window after request k ...
  times.slice(5).forEach((time, k) => expect(time - (times[k] as number)).toBeGreaterThanOrEqual(DEFAULT_WINDOW_MS))
  // ... and not much later either (the wake-up timer may add a millisecond).
  for (const time of times.slice(5, 10)) expect(time).toBeLessThanOrEqual(DEFAULT_WINDOW_MS + 2)
  for (const time of times.slice(10)) expect(time).toBeLessThanOrEqual(2 * DEFAULT_WINDOW_MS + 4)
})

test('the window slides: a start frees its place a window after it happened, not at a fixed boundary', async () => {
  const limiter = new RequestLimiter({ ratePerSecond: 5, concurrency: 100, now })
  const early = [ask(limiter, { sendAtOnce: true }), ask(limiter, { sendAtOnce: true })]
  await advanceTo(600)
  const later = [1, 2, 3].map(() => ask(limiter, { sendAtOnce: true }))
  await advanceTo(601)
  expect(grantTimes([...early, ...later])).toEqual([0, 0, 600, 600, 600])

  // Two places free up at 1050 (the starts at 0), the next ones at 1650 (the starts at 600).
  const next = [1, 2, 3, 4].map(() => ask(limiter, { sendAtOnce: true }))
  await advanceTo(5000)
  const times = grantTimes(next) as number[]
  expect(times[0]).toBeGreaterThanOrEqual(1050)
  expect(times[1]).toBeLessThanOrEqual(1052)
  expect(times[2]).toBeGreaterThanOrEqual(1650)
  expect(times[3]).toBeLessThanOrEqual(1652)
})

test('no more than `concurrency` requests are in flight; a release lets the next one start', async () => {
  const limiter = new RequestLimiter({ ratePerSecond: 0, concurrency: 2, now })
  const waiters = [1, 2, 3, 4].map(() => ask(limiter))
  await advanceTo(5000)
  expect(grantTimes(waiters)).toEqual([0, 0, undefined, undefined])

  waiters[0]?.slot?.release()
  await advanceTo(5001)
  expect(grantTimes(waiters)).toEqual([0, 0, 5000, undefined])
  // Releasing twice frees one place, not two.
  waiters[0]?.slot?.release()
  await advanceTo(5002)
  expect(waiters[3]?.grantedAt).toBeUndefined()
})

test('pauseUntil holds every start until then; an earlier pause does not shorten it', async () => {
  const limiter = new RequestLimiter({ ratePerSecond: 0, concurrency: 10, now })
  const before = ask(limiter)
  await advanceTo(1)
  expect(before.grantedAt).toBe(0)

  limiter.pauseUntil(500)
  limiter.pauseUntil(200)
  const waiters = [1, 2, 3].map(() => ask(limiter))
  await advanceTo(499)
  expect(grantTimes(waiters)).toEqual([undefined, undefined, undefined])
  await advanceTo(1000)
  const times = grantTimes(waiters) as number[]
  for (const time of times) expect(time).toBeGreaterThanOrEqual(500)
  for (const time of times) expect(time).toBeLessThanOrEqual(502)
})

test('a start counts from markSent, when the request goes out, not from the grant', async () => {
  const limiter = new RequestLimiter({ ratePerSecond: 1, concurrency: 10, now })
  const first = ask(limiter)
  await advanceTo(300) // a slow connect (TCP, TLS) before the request is written
  first.slot?.markSent()
  const second = ask(limiter, { sendAtOnce: true })
  await advanceTo(5000)
  expect(first.grantedAt).toBe(0)
  expect(second.grantedAt).toBeGreaterThanOrEqual(300 + DEFAULT_WINDOW_MS)
  expect(second.grantedAt).toBeLessThanOrEqual(300 + DEFAULT_WINDOW_MS + 2)
})

test('a request not yet sent may go out at any moment: the next waits for it; one released unsent counts from its grant', async () => {
  const limiter = new RequestLimiter({ ratePerSecond: 1, concurrency: 10, now })
  const connecting = ask(limiter)
  const next = ask(limiter)
  await advanceTo(3000)
  expect(connecting.grantedAt).toBe(0)
  expect(next.grantedAt).toBeUndefined()
  connecting.slot?.markSent()
  await advanceTo(10_000)
  expect(next.grantedAt).toBeGreaterThanOrEqual(3000 + DEFAULT_WINDOW_MS)
  expect(next.grantedAt).toBeLessThanOrEqual(3000 + DEFAULT_WINDOW_MS + 2)

  const other = new RequestLimiter({ ratePerSecond: 1, concurrency: 10, now })
  const failed = ask(other) // e.g. its connection was refused: never sent, but it might have been seen
  await advanceTo(10_200)
  failed.slot?.release()
  const after = ask(other)
  await advanceTo(20_000)
  expect(after.grantedAt).toBeGreaterThanOrEqual(10_000 + DEFAULT_WINDOW_MS)
  expect(after.grantedAt).toBeLessThanOrEqual(10_000 + DEFAULT_WINDOW_MS + 2)
})

test('an abort takes the waiter out of the queue with the signal’s reason; the others keep their turn', async () => {
  const limiter = new RequestLimiter({ ratePerSecond: 0, concurrency: 1, now })
  const holder = ask(limiter)
  const controller = new AbortController()
  const aborted = ask(limiter, { signal: controller.signal })
  const after = ask(limiter)
  await advanceTo(100)
  const reason = new Error('cancelled by SIGINT')
  controller.abort(reason)
  await advanceTo(200)
  expect(aborted.error).toBe(reason)

  holder.slot?.release()
  await advanceTo(300)
  expect(aborted.grantedAt).toBeUndefined()
  expect(after.grantedAt).toBe(200)

  // A signal aborted before asking rejects at once, without queueing.
  const already = ask(limiter, { signal: AbortSignal.abort(reason) })
  await advanceTo(301)
  expect(already.error).toBe(reason)
})

test('a waiter whose slot would come after its notAfter time is refused with SlotTooLateError, at once', async () => {
  const limiter = new RequestLimiter({ ratePerSecond: 1, concurrency: 10, now })
  ask(limiter, { sendAtOnce: true })
  const tooLate = ask(limiter, { notAfter: 500 })
  const inTime = ask(limiter, { notAfter: 2000, sendAtOnce: true })
  await advanceTo(1)
  expect(tooLate.error).toBeInstanceOf(SlotTooLateError)
  await advanceTo(5000)
  expect(inTime.grantedAt).toBeGreaterThanOrEqual(DEFAULT_WINDOW_MS)
  expect(inTime.grantedAt).toBeLessThanOrEqual(2000)

  // A pause counts too.
  limiter.pauseUntil(8000)
  const paused = ask(limiter, { notAfter: 7000 })
  await advanceTo(5001)
  expect(paused.error).toBeInstanceOf(SlotTooLateError)
})

// Catches `options.windowMs ??` being dropped from the constructor (the window would stay 1.05 s).
test('the window option sets the window: with 300 ms, request k+rate starts 300 ms after request k', async () => {
  const limiter = new RequestLimiter({ ratePerSecond: 2, concurrency: 100, windowMs: 300, now })
  const waiters = Array.from({ length: 6 }, () => ask(limiter, { sendAtOnce: true }))
  await advanceTo(299)
  expect(grantTimes(waiters)).toEqual([0, 0, undefined, undefined, undefined, undefined])
  await advanceTo(2000)
  const times = grantTimes(waiters) as number[]
  times.slice(2).forEach((time, k) => expect(time - (times[k] as number)).toBeGreaterThanOrEqual(300))
  // The wake-up timer may add a millisecond per window; the default window would put these at 1050 and 2100.
  expect(times[3]).toBeLessThanOrEqual(302)
  expect(times[5]).toBeLessThanOrEqual(604)
})

// Each row catches the removal of its guard in the constructor.
test.each([
  ['no concurrency', { ratePerSecond: 5, concurrency: 0 }, 'concurrency must be at least 1'],
  ['a fractional concurrency below 1', { ratePerSecond: 5, concurrency: 0.5 }, 'concurrency must be at least 1'],
  ['a concurrency that is not a number', { ratePerSecond: 5, concurrency: NaN }, 'concurrency must be at least 1'],
  ['a negative rate', { ratePerSecond: -1, concurrency: 1 }, 'rate limit must not be negative'],
  ['a rate that is not a number', { ratePerSecond: NaN, concurrency: 1 }, 'rate limit must not be negative'],
  ['a window of 0', { ratePerSecond: 5, concurrency: 1, windowMs: 0 }, 'window must be a positive number of ms'],
  ['a negative window', { ratePerSecond: 5, concurrency: 1, windowMs: -1 }, 'window must be a positive number of ms'],
  [
    'a window that is not a number',
    { ratePerSecond: 5, concurrency: 1, windowMs: NaN },
    'window must be a positive number of ms'
  ],
  [
    'an endless window',
    { ratePerSecond: 5, concurrency: 1, windowMs: Infinity },
    'window must be a positive number of ms'
  ]
])('a limiter with %s is refused, saying which setting is wrong', (_name, options, message) => {
  expect(() => new RequestLimiter({ ...options, now })).toThrow(new Error(message))
})

// Catches the removal of `waiter.signal === signal` in the abort listener (every waiter would fail with the
// first abort) and of the watched-signal check (one listener per waiter instead of one per signal).
test('waiters with two signals: either abort ends only the waits on that signal, with its reason', async () => {
  const limiter = new RequestLimiter({ ratePerSecond: 0, concurrency: 1, now })
  const holder = ask(limiter)
  const run = new AbortController()
  const step = new AbortController()
  const onRun = [ask(limiter, { signal: run.signal }), ask(limiter, { signal: run.signal })]
  const onStep = ask(limiter, { signal: step.signal })
  const unsignalled = ask(limiter)
  await advanceTo(100)
  // One listener on each signal, however many waiters share it.
  expect(getEventListeners(run.signal, 'abort')).toHaveLength(1)
  expect(getEventListeners(step.signal, 'abort')).toHaveLength(1)

  const stepReason = new Error('step timed out')
  step.abort(stepReason)
  await advanceTo(101)
  expect(onStep.error).toBe(stepReason)
  expect(onRun.map((waiter) => waiter.error)).toEqual([undefined, undefined])

  const runReason = new Error('cancelled by SIGTERM')
  run.abort(runReason)
  await advanceTo(102)
  expect(onRun.map((waiter) => waiter.error)).toEqual([runReason, runReason])

  // The waiter without a signal keeps its place, and takes the slot when it frees.
  holder.slot?.release()
  await advanceTo(103)
  expect(unsignalled.grantedAt).toBe(102)
  expect([...onRun, onStep].map((waiter) => waiter.grantedAt)).toEqual([undefined, undefined, undefined])
})
