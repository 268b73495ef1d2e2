// The retry decision on its own: a pure function of the method, the attempt number and what the attempt
// came to.
import { decideRetry, isPermanentNetworkError, type AttemptOutcome, type RetryPolicy } from '../src/core/retry.js'

const policy: RetryPolicy = { retries: 3, baseMs: 1000, maxRetryAfterMs: 300_000, random: () => 1 }
const decide = (method: 'GET' | 'POST', attempt: number, outcome: AttemptOutcome, over: Partial<RetryPolicy> = {}) =>
  decideRetry(method, attempt, outcome, { ...policy, ...over })

const retry = (waitMs: number, pauseAll = false) => ({ action: 'retry', waitMs, pauseAll })
const fail = (kind: string, reason: string) => ({ action: 'fail', kind, reason })

test('a final status is handed back at once, GET or POST', () => {
  for (const statusCode of [200, 204, 400, 401, 403, 404, 409, 422, 501, 505]) {
    for (const method of ['GET', 'POST'] as const) {
      expect({ statusCode, method, ...decide(method, 1, { kind: 'answer', statusCode }) }).toEqual({
        statusCode,
        method,
        action: 'answer'
      })
    }
  }
})

test('408, 429 and other 5xx are retried with a doubling backoff, POST included, until the retries run out', () => {
  for (const statusCode of [408, 429, 500, 502, 503, 504, 599]) {
    for (const method of ['GET', 'POST'] as const) {
      const answer: AttemptOutcome = { kind: 'answer', statusCode }
      expect(decide(method, 1, answer)).toEqual(retry(1000))
      expect(decide(method, 2, answer)).toEqual(retry(2000))
      expect(decide(method, 3, answer)).toEqual(retry(4000))
      expect(decide(method, 4, answer)).toEqual(fail('http', 'exhausted'))
    }
  }
  expect(decide('GET', 1, { kind: 'answer', statusCode: 503 }, { retries: 0 })).toEqual(fail('http', 'exhausted'))
  expect(decide('GET', 1, { kind: 'answer', statusCode: 503 }, { random: () => 0 })).toEqual(retry(500))
  expect(decide('GET', 10, { kind: 'answer', statusCode: 503 }, { retries: 20 })).toEqual(retry(30_000))
})

test('Retry-After sets the wait; a 429 pauses every request, a 503 only this one; too long a wait fails', () => {
  expect(decide('GET', 1, { kind: 'answer', statusCode: 429, retryAfterMs: 7000 })).toEqual(retry(7000, true))
  expect(decide('POST', 1, { kind: 'answer', statusCode: 429, retryAfterMs: 0 })).toEqual(retry(0, true))
  expect(decide('GET', 1, { kind: 'answer', statusCode: 503, retryAfterMs: 7000 })).toEqual(retry(7000, false))
  expect(decide('GET', 1, { kind: 'answer', statusCode: 429, retryAfterMs: 300_000 })).toEqual(retry(300_000, true))
  expect(decide('GET', 1, { kind: 'answer', statusCode: 429, retryAfterMs: 300_001 })).toEqual(
    fail('retry-after-too-long', 'not-retryable')
  )
  // The last attempt's answer is the failure, whatever it asks.
  expect(decide('GET', 4, { kind: 'answer', statusCode: 429, retryAfterMs: 3_600_000 })).toEqual(
    fail('http', 'exhausted')
  )
  // A final status with a Retry-After is still final.
  expect(decide('GET', 1, { kind: 'answer', statusCode: 501, retryAfterMs: 1000 })).toEqual({ action: 'answer' })
})

test('timeouts and network errors before the request was written are retried, GET or POST', () => {
  for (const method of ['GET', 'POST'] as const) {
    for (const outcome of [
      { kind: 'timeout', sent: false },
      { kind: 'network', sent: false, code: 'ECONNREFUSED' },
      { kind: 'network', sent: false, code: 'ECONNRESET' },
      { kind: 'network', sent: false, code: 'EAI_AGAIN' },
      { kind: 'network', sent: false }
    ] as AttemptOutcome[]) {
      expect(decide(method, 1, outcome)).toEqual(retry(1000))
      expect(decide(method, 4, outcome)).toEqual(fail(outcome.kind, 'exhausted'))
    }
  }
})

test('a GET that was written and got no answer is retried; a POST is not: the server may have taken it', () => {
  for (const outcome of [
    { kind: 'timeout', sent: true },
    { kind: 'network', sent: true, code: 'ECONNRESET' },
    { kind: 'network', sent: true, code: 'UND_ERR_SOCKET' }
  ] as AttemptOutcome[]) {
    expect(decide('GET', 1, outcome)).toEqual(retry(1000))
    expect(decide('GET', 4, outcome)).toEqual(fail(outcome.kind, 'exhausted'))
    expect(decide('POST', 1, outcome)).toEqual(fail(outcome.kind, 'maybe-taken'))
    expect(decide('POST', 4, outcome)).toEqual(fail(outcome.kind, 'maybe-taken'))
  }
})

test('certificate errors and a name that does not exist are not retried', () => {
  for (const code of [
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'CERT_HAS_EXPIRED',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'ENOTFOUND'
  ]) {
    expect(isPermanentNetworkError(code)).toBe(true)
    for (const method of ['GET', 'POST'] as const) {
      expect({ code, ...decide(method, 1, { kind: 'network', sent: false, code }) }).toEqual({
        code,
        ...fail('network', 'not-retryable')
      })
    }
  }
  for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET', undefined]) {
    expect(isPermanentNetworkError(code)).toBe(false)
  }
})

test('an answer over the size cap is never retried', () => {
  expect(decide('GET', 1, { kind: 'too-large' })).toEqual(fail('too-large', 'not-retryable'))
  expect(decide('POST', 1, { kind: 'too-large' })).toEqual(fail('too-large', 'not-retryable'))
})

describe('onceWritten: an observation batch never reaches the MPC twice', () => {
  const once = { onceWritten: true }

  test('every answer but a 429 is final once written, 408 and 5xx included', () => {
    for (const statusCode of [200, 400, 408, 500, 502, 503, 504, 599]) {
      expect({ statusCode, ...decide('POST', 1, { kind: 'answer', statusCode }, once) }).toEqual({
        statusCode,
        action: 'answer'
      })
    }
    // Retry-After on a 503 does not make it worth another submission either.
    expect(decide('POST', 1, { kind: 'answer', statusCode: 503, retryAfterMs: 1000 }, once)).toEqual({
      action: 'answer'
    })
  })

  test('a 429 was turned away unread: retried as any request is, pausing every request', () => {
    expect(decide('POST', 1, { kind: 'answer', statusCode: 429 }, once)).toEqual(retry(1000))
    expect(decide('POST', 1, { kind: 'answer', statusCode: 429, retryAfterMs: 5000 }, once)).toEqual(retry(5000, true))
    expect(decide('POST', 4, { kind: 'answer', statusCode: 429 }, once)).toEqual(fail('http', 'exhausted'))
  })

  test('written without an answer, or with one too large to read, is never repeated, whatever the method', () => {
    for (const method of ['GET', 'POST'] as const) {
      expect(decide(method, 1, { kind: 'timeout', sent: true }, once)).toEqual(fail('timeout', 'maybe-taken'))
      expect(decide(method, 1, { kind: 'network', sent: true, code: 'ECONNRESET' }, once)).toEqual(
        fail('network', 'maybe-taken')
      )
      expect(decide(method, 1, { kind: 'too-large' }, once)).toEqual(fail('too-large', 'maybe-taken'))
    }
  })

  test('a failure before anything was written is retried; a permanent one is not', () => {
    expect(decide('POST', 1, { kind: 'network', sent: false, code: 'ECONNREFUSED' }, once)).toEqual(retry(1000))
    expect(decide('POST', 1, { kind: 'timeout', sent: false }, once)).toEqual(retry(1000))
    expect(decide('POST', 4, { kind: 'timeout', sent: false }, once)).toEqual(fail('timeout', 'exhausted'))
    expect(decide('POST', 1, { kind: 'network', sent: false, code: 'ENOTFOUND' }, once)).toEqual(
      fail('network', 'not-retryable')
    )
  })
})
