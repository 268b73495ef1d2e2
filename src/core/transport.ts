import { Agent, DecoratorHandler, request, type Dispatcher } from 'undici'
import { formatDuration } from './duration.js'
import { SlotTooLateError, type RequestLimiter, type Slot } from './limiter.js'
import { backoffMs, isRetryableStatus, parseRetryAfter } from './retry.js'
import { sleep } from './sleep.js'

export const MAX_BODY_BYTES = 1024 * 1024

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

// undici 6 types DecoratorHandler without its methods; it forwards every handler callback.
const ForwardingHandler = DecoratorHandler as unknown as new (
  handler: Dispatcher.DispatchHandlers
) => Dispatcher.DispatchHandlers

/** undici calls a handler's onConnect right before it writes the request on a connected socket. */
class SentMarker extends ForwardingHandler {
  constructor(
    handler: Dispatcher.DispatchHandlers,
    private readonly slot: Slot
  ) {
    super(handler)
  }

  override onConnect(abort: (error?: Error) => void): void {
    this.slot.markSent()
    super.onConnect?.(abort)
  }
}

function reportWhenSent(slot: Slot): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (options, handler) => dispatch(options, new SentMarker(handler, slot))
}

function networkDetail(error: unknown): string {
  const err = error as { code?: string; message?: string; cause?: { code?: string; message?: string } }
  const code = err.cause?.code ?? err.code
  const message = err.cause?.message ?? err.message ?? String(error)
  return code && !message.includes(code) ? `${code}: ${message}` : message
}

/**
 * HTTP to the MPC with the run's shared limiter, per-attempt timeouts, bounded bodies and retries.
 * Every attempt, retries included, takes a limiter slot, so retries count against the rate limit.
 */
export class Transport {
  private readonly agent: Agent
  private readonly baseUrl: string
  private readonly maxBodyBytes: number

  constructor(private readonly options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES
    this.agent = new Agent({
      headersTimeout: options.requestTimeoutMs,
      bodyTimeout: options.requestTimeoutMs,
      keepAliveTimeout: 4_000
    })
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

  private async attempt(
    method: string,
    path: string,
    body: string,
    slot: Slot,
    signal?: AbortSignal
  ): Promise<AttemptResult> {
    let sent = false
    const sentSlot: Slot = {
      markSent: () => {
        sent = true
        slot.markSent()
      },
      release: () => slot.release()
    }
    const timeout = new AbortController()
    const timer = setTimeout(() => timeout.abort(new Error('timeout')), this.options.requestTimeoutMs)
    const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal
    try {
      const response = await request(`${this.baseUrl}${path}`, {
        method: method as 'GET' | 'POST',
        // undici closes the connection after a GET that carries a body unless told otherwise, and the
        // status endpoint is exactly that: without this, every request pays a new TCP (and TLS) handshake.
        reset: false,
        body,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'user-agent': this.options.userAgent
        },
        signal: combined,
        dispatcher: this.agent.compose(reportWhenSent(sentSlot))
      })
      // An oversized answer is cut off, not buffered: destroying the body closes its connection. The
      // listener keeps undici's abort error from surfacing as an unhandled 'error' event.
      response.body.on('error', () => undefined)
      const declared = Number(response.headers['content-length'])
      if (Number.isFinite(declared) && declared > this.maxBodyBytes) {
        response.body.destroy()
        return { kind: 'too-large' }
      }
      const chunks: Buffer[] = []
      let size = 0
      for await (const chunk of response.body) {
        size += (chunk as Buffer).length
        if (size > this.maxBodyBytes) {
          response.body.destroy()
          return { kind: 'too-large' }
        }
        chunks.push(chunk as Buffer)
      }
      return {
        kind: 'answer',
        statusCode: response.statusCode,
        body: Buffer.concat(chunks).toString('utf8'),
        retryAfterMs: parseRetryAfter(response.headers['retry-after'])
      }
    } catch (error) {
      if (signal?.aborted) throw signal.reason
      if (timeout.signal.aborted) return { kind: 'timeout', sent }
      return { kind: 'network', detail: networkDetail(error), sent }
    } finally {
      clearTimeout(timer)
    }
  }

  async close(): Promise<void> {
    await this.agent.close()
  }
}
