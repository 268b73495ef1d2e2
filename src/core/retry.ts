/**
 * Which answers are worth another attempt: the server may be busy or briefly down. Other 4xx are final, and
 * so are 501 (Not Implemented) and 505 (HTTP Version Not Supported): asking again cannot change them.
 */
export function isRetryableStatus(statusCode: number): boolean {
  if (statusCode === 408 || statusCode === 429) return true
  return statusCode >= 500 && statusCode < 600 && statusCode !== 501 && statusCode !== 505
}

/**
 * Network errors that the same request would meet again at once: the certificate is not trusted (or is for
 * another name, expired ...), or the host name does not exist. Codes as Node's tls and dns give them.
 */
const PERMANENT_NETWORK_CODES = new Set([
  'ENOTFOUND',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REJECTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'HOSTNAME_MISMATCH',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE'
])

export function isPermanentNetworkError(code: string | undefined): boolean {
  return code !== undefined && PERMANENT_NETWORK_CODES.has(code)
}

/** What one attempt came to. `sent`: the request was written on a connected socket before it failed. */
export type AttemptOutcome =
  | { kind: 'answer'; statusCode: number; retryAfterMs?: number }
  | { kind: 'timeout'; sent: boolean }
  | { kind: 'network'; sent: boolean; code?: string }
  | { kind: 'too-large' }

/** The kinds of request that ends without an answer to hand back. */
export type FailureKind = 'timeout' | 'network' | 'http' | 'too-large' | 'retry-after-too-long'

/**
 * Why no further attempt is made: every allowed attempt was made; the failure would not get better (a
 * certificate, an unknown host, an oversized answer, a Retry-After beyond the limit); or a POST was
 * written and got no answer, so the server may have acted on it and must not get it twice.
 */
export type StopReason = 'exhausted' | 'not-retryable' | 'maybe-taken'

export interface RetryPolicy {
  /** Extra attempts after the first. */
  retries: number
  /** The first backoff; each next one is twice as long (with jitter), up to `capMs`. */
  baseMs: number
  capMs?: number
  /** A Retry-After longer than this is not waited for: the request fails instead. */
  maxRetryAfterMs: number
  /** For the jitter; tests pass a fixed one. */
  random?: () => number
  /**
   * A request that must never reach the server twice (an observation batch): once it was written, whatever
   * came of it is final, even a 408 or 5xx answer, which is handed back for the caller to report. Only a
   * failure before sending, or a 429 (the server turned it away unread), is retried.
   */
  onceWritten?: boolean
}

export type RetryDecision =
  /** A final answer: hand it to the caller (which interprets a 404 or a 400). */
  | { action: 'answer' }
  /** Try again after `waitMs`; `pauseAll`: the server asked every request to wait that long (429). */
  | { action: 'retry'; waitMs: number; pauseAll: boolean }
  | { action: 'fail'; kind: FailureKind; reason: StopReason }

/**
 * Retry or stop after attempt number `attempt` (1 for the first) of a `method` request ended as `outcome`;
 * pure but for `policy.random`. The rules:
 * - a status that is not retryable (2xx, most 4xx, 501, 505) is a final answer;
 * - 408, 429 and other 5xx are retried, POST included (the server answered, so it did not take the request),
 *   after Retry-After when the answer has one (a 429's applies to every request), else after the backoff;
 * - timeouts and network errors are retried, except a POST that was written (it may have been taken), a
 *   certificate error and a name that does not exist;
 * - an answer over the size cap is never retried;
 * - with `policy.onceWritten`, stricter: any answer but a 429 is final, and a request that was written and
 *   got no (usable) answer is never repeated, whatever its method.
 */
export function decideRetry(
  method: string,
  attempt: number,
  outcome: AttemptOutcome,
  policy: RetryPolicy
): RetryDecision {
  const exhausted = attempt >= policy.retries + 1
  const backoff = (): number => backoffMs(attempt, policy.baseMs, policy.capMs, policy.random)
  switch (outcome.kind) {
    case 'answer': {
      if (!isRetryableStatus(outcome.statusCode)) return { action: 'answer' }
      if (policy.onceWritten && outcome.statusCode !== 429) return { action: 'answer' }
      if (exhausted) return { action: 'fail', kind: 'http', reason: 'exhausted' }
      if (outcome.retryAfterMs === undefined) return { action: 'retry', waitMs: backoff(), pauseAll: false }
      if (outcome.retryAfterMs > policy.maxRetryAfterMs) {
        return { action: 'fail', kind: 'retry-after-too-long', reason: 'not-retryable' }
      }
      return { action: 'retry', waitMs: outcome.retryAfterMs, pauseAll: outcome.statusCode === 429 }
    }
    case 'too-large':
      // An answer came, so the request was written: for a request sent once, the server may have acted on it.
      return { action: 'fail', kind: 'too-large', reason: policy.onceWritten ? 'maybe-taken' : 'not-retryable' }
    case 'timeout':
    case 'network': {
      if ((method === 'POST' || policy.onceWritten) && outcome.sent) {
        return { action: 'fail', kind: outcome.kind, reason: 'maybe-taken' }
      }
      if (outcome.kind === 'network' && isPermanentNetworkError(outcome.code)) {
        return { action: 'fail', kind: 'network', reason: 'not-retryable' }
      }
      if (exhausted) return { action: 'fail', kind: outcome.kind, reason: 'exhausted' }
      return { action: 'retry', waitMs: backoff(), pauseAll: false }
    }
  }
}

/**
 * Exponential backoff with jitter: attempt 1 waits about `baseMs`, each next one twice as long, capped;
 * the jitter keeps many runners that failed together from retrying together.
 */
export function backoffMs(attempt: number, baseMs: number, capMs = 30_000, random = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/** A `Retry-After` header in milliseconds from now: delta-seconds or an HTTP date; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, nowEpochMs = Date.now()): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim()
  if (!text) return undefined
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const date = Date.parse(text)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - nowEpochMs)
}
