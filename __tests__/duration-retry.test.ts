import { formatDuration, parseDuration } from '../src/core/duration.js'
import { backoffMs, isRetryableStatus, parseRetryAfter } from '../src/core/retry.js'

test('durations: bare seconds and units, a clear error otherwise', () => {
  expect(parseDuration('0', 'wait-timeout')).toBe(0)
  expect(parseDuration('90', 'wait-timeout')).toBe(90_000)
  expect(parseDuration(' 90s ', 'wait-timeout')).toBe(90_000)
  expect(parseDuration('10m', 'wait-timeout')).toBe(600_000)
  expect(parseDuration('1h30m', 'wait-timeout')).toBe(5_400_000)
  expect(parseDuration('2.5', 'request-timeout')).toBe(2500)
  expect(() => parseDuration('ten minutes', 'wait-timeout')).toThrow(/^wait-timeout: "ten minutes" is not a duration/)
  expect(() => parseDuration('-5', 'wait-timeout')).toThrow(/not a duration/)
})

test('durations read back for people', () => {
  expect(formatDuration(850)).toBe('850 ms')
  expect(formatDuration(2500)).toBe('2.5 s')
  expect(formatDuration(30_000)).toBe('30 s')
  expect(formatDuration(125_000)).toBe('2m 05s')
  expect(formatDuration(3_600_000)).toBe('1h 00m')
})

test('which answers are retried', () => {
  expect([408, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true)
  expect([400, 401, 403, 404, 409, 422, 501, 505].some(isRetryableStatus)).toBe(false)
})

test('Retry-After as seconds or as an HTTP date', () => {
  const now = Date.parse('2026-11-25T12:00:00Z')
  expect(parseRetryAfter('7', now)).toBe(7000)
  expect(parseRetryAfter('Wed, 25 Nov 2026 12:00:30 GMT', now)).toBe(30_000)
  expect(parseRetryAfter('Wed, 25 Nov 2026 11:00:00 GMT', now)).toBe(0)
  expect(parseRetryAfter('soon', now)).toBeUndefined()
  expect(parseRetryAfter(undefined, now)).toBeUndefined()
})

test('backoff doubles with jitter and is capped', () => {
  expect(backoffMs(1, 1000, 30_000, () => 0)).toBe(500)
  expect(backoffMs(1, 1000, 30_000, () => 1)).toBe(1000)
  expect(backoffMs(3, 1000, 30_000, () => 1)).toBe(4000)
  expect(backoffMs(10, 1000, 30_000, () => 1)).toBe(30_000)
})
