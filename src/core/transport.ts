import http from 'node:http'
import https from 'node:https'
import type { Socket } from 'node:net'
import type { TLSSocket } from 'node:tls'
import { formatDuration } from './duration.js'
import { SlotTooLateError, type RequestLimiter, type Slot } from './limiter.js'
import { backoffMs, isRetryableStatus, parseRetryAfter } from './retry.js'
import { sleep } from './sleep.js'

export const MAX_BODY_BYTES = 1024 * 1024
const IDLE_TIMEOUT_MS = 4_000

// A POST (an action-code request sends an e-mail) that reached the MPC but got no answer may have been taken:
// sending it again could send a second e-mail. Only a POST that never left, or a 429/5xx answer, is retried.
const NOT_REPEATED = 'not repeated, since the MPC may have taken the request (each one sends an e-mail)'

export interface TransportOptions {
  /** Base URL, http or https; endpoint paths are appended. */
  baseUrl: string
  userAgent: string
  limiter: RequestLimiter
  /** One attempt, from connecting to the last byte of the answer. */
  requestTimeoutMs: number
  /** Extra attempts after a network error, a timeout, 408, 429 or 5xx. */
  retries: number
  /** First backoff; tests shorten it. */
  retryBaseMs?: number
  /** A Retry-After longer than this is not waited for: the request fails instead. */
  maxRetryAfterMs?: number
  maxBodyBytes?: number
  /** Extra trusted certificates for https (tests use a self-signed one); the system's are always trusted. */
  ca?: string | Buffer
  debug?: (message: string) => void
}

export interface SendOptions {
  signal?: AbortSignal
  /** No attempt may start after this time (performance.now() clock); polls stop at the deadline. */
  notAfter?: number
}

export interface HttpAnswer {
  statusCode: number
  body: string
  attempts: number
}

/** A request that produced no usable HTTP answer; `message` is the sentence the user sees. */
export class RequestFailure extends Error {
  constructor(
    message: string,
    readonly attempts: number,
    readonly statusCode?: number
  ) {
    super(message)
    this.name = 'RequestFailure'
  }
}

type AttemptResult =
  | { kind: 'answer'; statusCode: number; body: string; retryAfterMs?: number }
  | { kind: 'timeout'; sent: boolean }
  | { kind: 'network'; detail: string; sent: boolean }
  | { kind: 'too-large' }

function networkDetail(error: unknown): string {
  const err = error as { code?: string; message?: string; errors?: { message?: string }[] }
  const code = err.code
  // Happy eyeballs (several addresses tried) fails with an AggregateError whose own message is empty.
  let message = err.message || (err.errors ?? []).map((inner) => inner.message).join('; ') || String(error)
  if (message === '' || message === 'Error') message = 'connection failed'
  return code && !message.includes(code) ? `${code}: ${message}` : message
}

/**
 * HTTP to the MPC with the run's shared limiter, per-attempt timeouts, bounded bodies and retries.
 * Every attempt, retries included, takes a limiter slot, so retries count against the rate limit.
 */
export class Transport {
  private readonly agent: http.Agent
  private readonly baseUrl: string
  private readonly secure: boolean
  private readonly maxBodyBytes: number

  constructor(private readonly options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.secure = new URL(this.baseUrl).protocol === 'https:'
    this.maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES
    // Connections are kept alive and reused; an idle one is closed after 4 s (or a second before the
    // server's own Keep-Alive timeout, when it announces a shorter one), so the server rarely closes a
    // connection just as a request is written on it. The timeout only applies to idle connections.
    const agentOptions = { keepAlive: true, timeout: IDLE_TIMEOUT_MS, scheduling: 'lifo' as const }
    this.agent = this.secure
      ? new https.Agent({ ...agentOptions, ...(options.ca === undefined ? {} : { ca: options.ca }) })
      : new http.Agent(agentOptions)
  }

  get limiter(): RequestLimiter {
    return this.options.limiter
  }

  /**
   * Sends until a final answer: any status that is not retryable is returned (the caller interprets 404
   * or 400); a retryable failure that outlasts the retries throws RequestFailure. An abort or a missed
   * `notAfter` rejects with the signal's reason or SlotTooLateError.
   */
  async send(method: 'GET' | 'POST', path: string, payload: unknown, options: SendOptions = {}): Promise<HttpAnswer> {
    const attemptsAllowed = this.options.retries + 1
    const body = JSON.stringify(payload)
    for (let attempt = 1; ; attempt += 1) {
      const result = await this.options.limiter.run(
        (slot) => this.attempt(method, path, body, slot, options.signal),
        options
      )
      const last = attempt >= attemptsAllowed
      const tries = `${attempt} attempt${attempt === 1 ? '' : 's'}`
      let waitMs = backoffMs(attempt, this.options.retryBaseMs ?? 1000)
      switch (result.kind) {
        case 'answer':
          if (!isRetryableStatus(result.statusCode)) {
            return { statusCode: result.statusCode, body: result.body, attempts: attempt }
          }
          this.options.debug?.(
            `${method} ${path}: HTTP ${result.statusCode} on attempt ${attempt}: ${result.body.slice(0, 300)}`
          )
          if (last) throw new RequestFailure(`HTTP ${result.statusCode} after ${tries}`, attempt, result.statusCode)
          if (result.retryAfterMs !== undefined) {
            const maxWait = this.options.maxRetryAfterMs ?? 300_000
            if (result.retryAfterMs > maxWait) {
              throw new RequestFailure(
                `HTTP ${result.statusCode}: the MPC asked to retry after ${formatDuration(result.retryAfterMs)}, longer than the ${formatDuration(maxWait)} this action waits`,
                attempt,
                result.statusCode
              )
            }
            waitMs = result.retryAfterMs
            if (result.statusCode === 429) this.options.limiter.pauseUntil(performance.now() + waitMs)
          }
          break
        case 'too-large':
          throw new RequestFailure(`answer is larger than ${this.maxBodyBytes / 1024 / 1024} MiB; refused`, attempt)
        case 'timeout':
          this.options.debug?.(`${method} ${path}: timed out on attempt ${attempt}`)
          if (method === 'POST' && result.sent) {
            throw new RequestFailure(
              `timed out after ${formatDuration(this.options.requestTimeoutMs)}; ${NOT_REPEATED}`,
              attempt
            )
          }
          if (last) {
            throw new RequestFailure(
              `timed out after ${formatDuration(this.options.requestTimeoutMs)} (${tries})`,
              attempt
            )
          }
          break
        case 'network':
          this.options.debug?.(`${method} ${path}: network error on attempt ${attempt}: ${result.detail}`)
          if (method === 'POST' && result.sent)
            throw new RequestFailure(`network error: ${result.detail}; ${NOT_REPEATED}`, attempt)
          if (last) throw new RequestFailure(`network error: ${result.detail} (${tries})`, attempt)
          break
      }
      if (options.notAfter !== undefined && performance.now() + waitMs > options.notAfter) {
        // The retry could not start before the caller's deadline anyway; stop now rather than sleep.
        throw new SlotTooLateError()
      }
      await sleep(waitMs, options.signal)
      if (options.signal?.aborted) throw options.signal.reason
    }
  }

  /**
   * One request on a kept-alive connection. Resolves with what happened; rejects only with the caller's
   * abort reason. `slot.markSent()` is called when the request is written on a connected socket: at once
   * on a reused connection, after the TCP connect (and the TLS handshake) on a new one.
   */
  private attempt(
    method: string,
    path: string,
    body: string,
    slot: Slot,
    signal?: AbortSignal
  ): Promise<AttemptResult> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error)
    return new Promise<AttemptResult>((resolve, reject) => {
      let sent = false
      let done = false
      let timedOut = false
      const markSent = (): void => {
        if (done || sent) return
        sent = true
        slot.markSent()
      }
      const payload = Buffer.from(body, 'utf8')
      const request = (this.secure ? https : http).request(`${this.baseUrl}${path}`, {
        method,
        agent: this.agent,
        headers: {
          'content-type': 'application/json',
          'content-length': payload.length,
          accept: 'application/json',
          'user-agent': this.options.userAgent
        }
      })
      const finish = (outcome: AttemptResult | { kind: 'aborted' }): void => {
        if (done) return
        done = true
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        if (outcome.kind === 'aborted') reject(signal?.reason as Error)
        else resolve(outcome)
        // An answer cut short (too large, timed out, aborted) closes its connection: never reused.
        if (outcome.kind !== 'answer') request.destroy()
      }
      const fail = (error: unknown): void => {
        if (signal?.aborted) finish({ kind: 'aborted' })
        else if (timedOut) finish({ kind: 'timeout', sent })
        else finish({ kind: 'network', detail: networkDetail(error), sent })
      }
      const onAbort = (): void => fail(signal?.reason)
      const timer = setTimeout(() => {
        timedOut = true
        fail(new Error('timeout'))
      }, this.options.requestTimeoutMs)
      signal?.addEventListener('abort', onAbort, { once: true })

      request.on('socket', (socket: Socket) => {
        if (request.reusedSocket || !socket.connecting) {
          markSent()
        } else if (this.secure) {
          ;(socket as TLSSocket).once('secureConnect', markSent)
        } else {
          socket.once('connect', markSent)
        }
      })
      request.on('error', fail)
      request.on('response', (response) => {
        response.on('error', fail)
        response.on('close', () => {
          if (!response.complete) fail(new Error('the connection closed before the answer was complete'))
        })
        const declared = Number(response.headers['content-length'])
        if (Number.isFinite(declared) && declared > this.maxBodyBytes) {
          finish({ kind: 'too-large' })
          return
        }
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > this.maxBodyBytes) {
            finish({ kind: 'too-large' })
            return
          }
          chunks.push(chunk)
        })
        response.on('end', () =>
          finish({
            kind: 'answer',
            statusCode: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            retryAfterMs: parseRetryAfter(response.headers['retry-after'])
          })
        )
      })
      request.end(payload)
    })
  }

  /** Closes the kept-alive connections; call it once no request is in flight. */
  async close(): Promise<void> {
    this.agent.destroy()
  }
}
