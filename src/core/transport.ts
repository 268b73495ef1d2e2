import type { LookupFunction } from 'node:net'
import { Pool, ProxyAgent, errors, type Dispatcher, type FormData } from 'undici'
import { cancellableConnector } from './cancellable-connector.js'
import { formatDuration } from './duration.js'
import { SlotTooLateError, type RequestLimiter, type Slot } from './limiter.js'
import { proxyFor, ProxySettingError, type ProxyChoice, type ProxyEnv } from './proxy.js'
import {
  decideRetry,
  parseRetryAfter,
  type AttemptOutcome,
  type FailureKind,
  type RetryDecision,
  type RetryPolicy,
  type StopReason
} from './retry.js'
import { sleep } from './sleep.js'
import { trimEnd } from './text.js'

export const MAX_BODY_BYTES = 1024 * 1024

export interface TransportOptions {
  /** Base URL, http or https; endpoint paths are appended. */
  baseUrl: string
  userAgent: string
  limiter: RequestLimiter
  /** One attempt, from connecting to the last byte of the answer; at most 2^31-1 (a Node timer). */
  requestTimeoutMs: number
  /** Extra attempts after a network error, a timeout, 408, 429 or 5xx (see decideRetry for the exceptions). */
  retries: number
  /** Most connections kept open; the run's concurrency. Unlimited when absent (the limiter still caps). */
  connections?: number
  /** First backoff; tests shorten it. */
  retryBaseMs?: number
  /** How long an idle connection is kept open (4 s by default); tests shorten it. */
  keepAliveTimeoutMs?: number
  /** A Retry-After longer than this is not waited for: the request fails instead. */
  maxRetryAfterMs?: number
  maxBodyBytes?: number
  /** Trusted certificates for https instead of Node's bundled ones; tests trust their self-signed one. */
  ca?: string | Buffer
  /** Host name resolution instead of dns.lookup; tests resolve names to loopback so that nothing leaves. */
  lookup?: LookupFunction
  /**
   * The variables that name a proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, either case; see proxy.ts); the
   * entry points pass process.env. Absent: every connection is direct.
   */
  env?: ProxyEnv
  /**
   * The run's cancel: every connection the pool makes is destroyed with it, one still being made too, and none
   * is made once it has aborted (see cancellableConnector). Closing the pool ends only connected sockets
   * (undici 6), and a connect to a host that never answers would otherwise hold the process until the request
   * timeout.
   */
  signal?: AbortSignal
  debug?: (message: string) => void
}

export interface SendOptions {
  signal?: AbortSignal
  /** No attempt may start after this time (performance.now() clock); polls stop at the deadline. */
  notAfter?: number
  /** Called when an attempt's request is being written to the connection (it may reach the server now). */
  onWritten?: () => void
}

/** What one request carries: its body and the headers that describe it. */
interface RequestBody {
  body: string | FormData
  headers: Record<string, string>
}

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' }

export interface HttpAnswer {
  statusCode: number
  body: string
  attempts: number
}

export interface RequestFailureDetails {
  kind: FailureKind
  reason: StopReason
  attempts: number
  /** What went wrong, without the attempt count: "timed out after 2.0 s", "network error: ...", "HTTP 503". */
  detail: string
  statusCode?: number
  /** For kind 'retry-after-too-long': the wait the server asked for and the longest this transport waits. */
  retryAfter?: { askedMs: number; limitMs: number }
  /** The error the last attempt ended with (undici's, or the socket's), if any. */
  cause?: unknown
}

/** A request that produced no usable HTTP answer; `message` is a sentence a user can read. */
export class RequestFailure extends Error {
  readonly kind: FailureKind
  readonly reason: StopReason
  readonly attempts: number
  readonly detail: string
  readonly statusCode?: number
  readonly retryAfter?: { askedMs: number; limitMs: number }

  constructor(message: string, details: RequestFailureDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.name = 'RequestFailure'
    this.kind = details.kind
    this.reason = details.reason
    this.attempts = details.attempts
    this.detail = details.detail
    this.statusCode = details.statusCode
    this.retryAfter = details.retryAfter
  }
}

interface AttemptResult {
  outcome: AttemptOutcome
  /** The answer's body; '' when there is no answer. */
  body: string
  cause?: unknown
}

// undici's connect timeout (and, on a proxy's CONNECT, its headers and body timeouts) are the request timeout,
// so that they end an attempt no earlier than its overall timer does; if one of them comes first it is still a
// timeout.
const UNDICI_TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])

function errorCode(error: unknown): string | undefined {
  const err = error as { code?: unknown; cause?: { code?: unknown }; errors?: { code?: unknown }[] } | undefined
  // Happy eyeballs (several addresses tried) fails with an AggregateError that carries the codes inside.
  const code = err?.code ?? err?.cause?.code ?? err?.errors?.[0]?.code
  return typeof code === 'string' ? code : undefined
}

function networkDetail(error: unknown): string {
  const err = error as { code?: string; message?: string; errors?: { message?: string }[] }
  const code = errorCode(error)
  // An AggregateError's own message is empty: its inner errors say what happened.
  let message = err.message || (err.errors ?? []).map((inner) => inner.message).join('; ') || String(error)
  if (message === '' || message === 'Error') message = 'connection failed'
  return code && !message.includes(code) ? `${code}: ${message}` : message
}

function classify(error: unknown, timedOut: boolean, sent: boolean): AttemptOutcome {
  const code = errorCode(error)
  if (timedOut) return { kind: 'timeout', sent }
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return { kind: 'too-large' }
  if (code !== undefined && UNDICI_TIMEOUT_CODES.has(code)) return { kind: 'timeout', sent }
  return { kind: 'network', sent, code }
}

/**
 * What the pool's sockets are destroyed with at close. undici would make its own error there, and Node reads
 * the stack of an error a socket is destroyed with: the first stack formatted in a run maps code positions
 * to lines over the whole bundle, about 2 ms of a one-submission run. An error with its stack already written
 * says the same and costs nothing.
 */
function closedError(): Error {
  const error = new errors.ClientDestroyedError()
  error.stack = `${error.name}: ${error.message}`
  return error
}

/** Whether a raw header name is `lower` (lower-case ASCII), in any case, without making a string of it. */
function isHeader(name: Buffer | string, lower: string): boolean {
  if (name.length !== lower.length) return false
  for (let i = 0; i < lower.length; i += 1) {
    const code = typeof name === 'string' ? name.charCodeAt(i) : (name[i] as number)
    const want = lower.charCodeAt(i)
    // An ASCII capital differs from its small letter in the 0x20 bit only.
    const isLetter = want >= 0x61 && want <= 0x7a
    if (code !== want && !(isLetter && (code | 0x20) === want)) return false
  }
  return true
}

/**
 * The first value of a header in an answer's raw headers (name, value, name, value ...), if it is there. Only
 * the value asked for becomes a string: this runs twice for every answer, 150,000 times in a large run.
 */
function headerValue(rawHeaders: Buffer[] | string[], lower: string): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (isHeader(rawHeaders[i] as Buffer | string, lower)) return String(rawHeaders[i + 1])
  }
  return undefined
}

/** An answer as the attempt's handler read it: the status, its Retry-After, and the body decoded. */
interface RawAnswer {
  statusCode: number
  retryAfter: string | undefined
  body: string
}

/** UTF-8 with a leading byte-order mark skipped and bad bytes replaced, as undici's body.text() reads it. */
function decodeBody(body: Buffer, length: number): string {
  if (length === 0) return ''
  const start = length > 2 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0
  return body.toString('utf8', start, length)
}

/**
 * How often an attempt in flight looks at the run's cancel. Looked at, not listened for: a listener per
 * request on the run's one signal (or an AbortSignal per request handed to undici) keeps each request's state
 * reachable from the old generation until the scavenger has promoted it; at 150,000 requests that was a
 * twelfth of everything allocated, and the heap grew by it (see README, Performance).
 */
const CANCEL_LOOK_MS = 200

/** The attempt's timer: its own time limit, and a look at the run's cancel every CANCEL_LOOK_MS. */
function look(attempt: Attempt): void {
  attempt.look()
}

/**
 * One attempt: its request, handed to undici's dispatch as the handler that reads its answer (without a body
 * stream), its timer, and the promise of its answer. One object with no closure of its own, since its state
 * lives as long as the request is in flight: at a concurrency of 16, the closures, contexts and promises of
 * the six nested calls this replaced were what Node 24's young generation copied most at each collection.
 * On top of undici's request handling:
 * - the limiter's slot is marked sent in onConnect, which undici calls right before it writes the request
 *   on a connected socket: at once on a kept-alive connection, after the TCP connect (and the TLS handshake)
 *   on a new one. Without pipelining (undici's default of 1), a request whose connection fails after it was
 *   written fails with it: undici writes a request once, and only decideRetry may send it again;
 * - an answer whose declared Content-Length is over the cap is refused at its headers, before any of its
 *   body is read (undici's maxResponseSize, the pool's, counts the bytes as they come, whatever is declared);
 * - a stop (its time, the run's cancel) rejects the answer at once, and aborts the request once undici has
 *   connected it (a request still connecting hears of it only then, and is aborted unwritten; on a cancel the
 *   connection being made is destroyed too, by the transport's `signal`).
 */
class Attempt implements Dispatcher.DispatchHandlers {
  /** Settles once: with the answer, undici's error, or the reason the attempt was stopped. */
  readonly answer: Promise<RawAnswer>
  /** The request may have reached the server: undici was writing it. */
  sent = false
  timedOut = false
  private settle!: { resolve: (answer: RawAnswer) => void; reject: (error: Error) => void }
  private stopped: Error | undefined
  private answered = false
  private abort: ((error?: Error) => void) | undefined
  private readonly deadline: number
  private timer: NodeJS.Timeout
  private statusCode = 0
  private retryAfter: string | undefined
  /**
   * The body so far: undici's first piece as it is (most answers are one), then a copy that grows. Not a list
   * of the pieces: a server that sends its answer in one-byte pieces would make each a Buffer of its own,
   * ~110 bytes of heap per byte of body (a megabyte took 113 MiB).
   */
  private body: Buffer = Buffer.alloc(0)
  private length = 0

  constructor(
    private readonly slot: Slot,
    private readonly options: SendOptions,
    private readonly maxBodyBytes: number,
    private readonly timeoutMs: number
  ) {
    this.answer = new Promise((resolve, reject) => {
      this.settle = { resolve, reject }
    })
    this.deadline = performance.now() + timeoutMs
    this.timer = setTimeout(look, Math.min(CANCEL_LOOK_MS, timeoutMs), this)
  }

  look(): void {
    const { signal } = this.options
    if (signal?.aborted) return this.stop(signal.reason as Error)
    const left = this.deadline - performance.now()
    if (left <= 0) {
      this.timedOut = true
      return this.stop(new Error(`timed out after ${formatDuration(this.timeoutMs)}`))
    }
    this.timer = setTimeout(look, Math.min(CANCEL_LOOK_MS, left), this)
  }

  /** The attempt is over, answered or not: its timer ends. */
  end(): void {
    clearTimeout(this.timer)
  }

  private stop(reason: Error): void {
    // Once answered, the answer stands (it only waits out the turn described in onComplete).
    if (this.stopped !== undefined || this.answered) return
    this.stopped = reason
    const abort = this.abort
    this.abort = undefined
    abort?.(reason)
    // Not waiting for undici to notice: a request still connecting hears of it only once connected.
    this.settle.reject(reason)
  }

  onConnect(abort: (error?: Error) => void): void {
    if (this.stopped !== undefined) return abort(this.stopped)
    this.abort = abort
    this.sent = true
    this.slot.markSent()
    this.options.onWritten?.()
  }

  onHeaders(statusCode: number, headers: Buffer[] | string[] | null): boolean {
    // 1xx answers (100 Continue and the like) come before the real one.
    if (statusCode < 200) return true
    const raw = headers ?? []
    const declared = headerValue(raw, 'content-length')
    if (declared !== undefined && Number(declared) > this.maxBodyBytes) {
      // undici aborts the request with what a handler throws, and closes its connection.
      throw new errors.ResponseExceededMaxSizeError(`declared Content-Length ${declared} is over the limit`)
    }
    this.statusCode = statusCode
    this.retryAfter = headerValue(raw, 'retry-after')
    return true
  }

  onData(chunk: Buffer): boolean {
    if (this.length === 0) {
      this.body = chunk
      this.length = chunk.length
      return true
    }
    const needed = this.length + chunk.length
    // undici's first piece is exactly `length` long, so the next piece always makes the first copy. Doubling, so
    // each byte is copied about twice at most; never past the cap, which undici enforces first.
    if (needed > this.body.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, Math.min(2 * needed, this.maxBodyBytes)))
      this.body.copy(grown, 0, 0, this.length)
      this.body = grown
    }
    chunk.copy(this.body, this.length)
    this.length = needed
    return true
  }

  onComplete(): void {
    const answer = {
      statusCode: this.statusCode,
      retryAfter: this.retryAfter,
      body: decodeBody(this.body, this.length)
    }
    this.abort = undefined
    this.answered = true
    // undici takes a connection back one event-loop turn after its answer (the setImmediate it queues right
    // after this call returns), in case the server closes it after all; a request dispatched before then opens
    // another connection. Answering in the turn after (an immediate queued once this call has returned) keeps
    // the slot until then, so the next request reuses this connection instead of paying a new handshake.
    process.nextTick(setImmediate, this.settle.resolve, answer)
  }

  onError(error: Error): void {
    this.abort = undefined
    this.settle.reject(error)
  }
}

/**
 * undici's ProxyAgent with our pool in place of its own, so a proxied run keeps the same connection count,
 * timeouts and size cap, and every request still passes the transport's handler: through a CONNECT tunnel
 * (https, the MPC's case) onConnect comes once the tunnel and the TLS handshake inside it are up, just
 * before the request is written into it; without a tunnel (http through an http proxy, sent in absolute
 * form as curl does) once it is written to the proxy's connection. Either way "sent" means what it means
 * without a proxy: from then on the request may reach the server.
 */
function proxyDispatcher(
  proxy: ProxyChoice,
  targetProtocol: string,
  poolOptions: Pool.Options,
  tls: { timeout: number; ca?: string | Buffer; lookup?: LookupFunction },
  signal: AbortSignal | undefined
): Dispatcher {
  const timeout = tls.timeout
  const tunnel = !(targetProtocol === 'http:' && proxy.url.protocol === 'http:')
  // Every connection to the proxy is made by a connector that the cancel ends (see cancellableConnector): the
  // ones that ask for a tunnel, and the ones that carry requests in absolute form. A tunnel is such a
  // connection, so a cancel ends it with the TLS handshake inside it, and once aborted no tunnel is asked for.
  const toProxy = (connect: unknown): Pool.Options['connect'] =>
    signal === undefined ? (connect as Pool.Options['connect']) : cancellableConnector(tls, signal)
  const pool = (origin: string | URL, factoryOptions: object): Dispatcher => {
    const { connect } = factoryOptions as { connect?: Pool.Options['connect'] }
    return new Pool(origin, { ...poolOptions, connect: tunnel ? connect : toProxy(connect) })
  }
  return new ProxyAgent({
    uri: proxy.url.href,
    ...(proxy.authorization === undefined ? {} : { token: proxy.authorization }),
    proxyTunnel: tunnel,
    // Per origin (the tunnelled case) or to the proxy itself (the absolute-form case): our pool either way.
    factory: pool,
    // The connections that ask the proxy for a tunnel: its answer is bounded by the request timeout too.
    clientFactory: (origin, factoryOptions) =>
      new Pool(origin, {
        ...(factoryOptions as Pool.Options),
        connect: toProxy((factoryOptions as Pool.Options).connect),
        headersTimeout: timeout,
        bodyTimeout: timeout
      }),
    proxyTls: tls,
    requestTls: { timeout, ...(tls.ca === undefined ? {} : { ca: tls.ca }) }
  })
}

/**
 * HTTP to the MPC over undici: one connection pool per run with kept-alive connections, the run's shared
 * limiter for every attempt (retries included, so they count against the rate limit), a timeout per
 * attempt, bounded bodies, and retries as decideRetry (retry.ts) rules.
 */
export class Transport {
  private readonly pool: Dispatcher
  /** A proxy variable that cannot be used: every request fails with it at once, before the limiter. */
  private readonly proxyError?: ProxySettingError
  private readonly origin: string
  private readonly basePath: string
  private readonly maxBodyBytes: number
  private readonly policy: RetryPolicy

  constructor(private readonly options: TransportOptions) {
    const base = new URL(options.baseUrl)
    this.origin = base.origin
    this.basePath = trimEnd(base.pathname, '/')
    this.maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES
    this.policy = {
      retries: options.retries,
      baseMs: options.retryBaseMs ?? 1000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 300_000
    }
    const timeout = options.requestTimeoutMs
    const poolOptions: Pool.Options = {
      connections: options.connections ?? null,
      // An idle connection is closed after 4 s, or a second before the server's own Keep-Alive timeout when
      // it announces a shorter one, so the server rarely closes a connection just as a request is written.
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 4_000,
      keepAliveTimeoutThreshold: 1_000,
      // Off: the attempt's own timer bounds the whole answer (see attempt). undici's would be a timer and a WeakRef
      // per request, held in its timer list until its next tick (every half second) even when cleared: at
      // 150,000 requests a quarter of what survived V8's young-generation collections (README, Performance).
      headersTimeout: 0,
      bodyTimeout: 0,
      maxResponseSize: this.maxBodyBytes
    }
    // No `ca` unless a test gives one: Node's default trust store, which holds NODE_EXTRA_CA_CERTS too.
    const tls = {
      timeout,
      ...(options.ca === undefined ? {} : { ca: options.ca }),
      ...(options.lookup === undefined ? {} : { lookup: options.lookup })
    }
    let proxy: ProxyChoice | undefined
    try {
      proxy = proxyFor(base, options.env ?? {})
    } catch (error) {
      if (!(error instanceof ProxySettingError)) throw error
      this.proxyError = error
    }
    if (proxy === undefined) {
      const connect = options.signal === undefined ? tls : cancellableConnector(tls, options.signal)
      this.pool = new Pool(this.origin, { ...poolOptions, connect })
    } else {
      options.debug?.(`Requests to ${this.origin} go through the proxy ${proxy.url.origin}`)
      this.pool = proxyDispatcher(proxy, base.protocol, poolOptions, tls, options.signal)
    }
  }

  /** Most requests its limiter lets run at once. */
  get concurrency(): number {
    return this.options.limiter.concurrency
  }

  /**
   * Sends until a final answer: any status that is not retryable is returned (the caller interprets 404
   * or 400); a failure that is not retried, or outlasts the retries, throws RequestFailure. An abort or a
   * missed `notAfter` rejects with the signal's reason or SlotTooLateError.
   */
  send(method: 'GET' | 'POST', path: string, payload: unknown, options: SendOptions = {}): Promise<HttpAnswer> {
    return this.exchange(method, path, { body: JSON.stringify(payload), headers: JSON_HEADERS }, this.policy, options)
  }

  /**
   * POSTs a multipart/form-data body (undici sets its content type and boundary) that must never reach the
   * server twice: once written, any answer but a 429 is returned as it is, 5xx included, and a failure
   * without an answer throws RequestFailure with reason 'maybe-taken' (see RetryPolicy.onceWritten).
   */
  postFormOnce(path: string, form: FormData, options: SendOptions = {}): Promise<HttpAnswer> {
    const request = { body: form, headers: { accept: 'text/plain, */*' } }
    return this.exchange('POST', path, request, { ...this.policy, onceWritten: true }, options)
  }

  private async exchange(
    method: 'GET' | 'POST',
    path: string,
    request: RequestBody,
    policy: RetryPolicy,
    options: SendOptions
  ): Promise<HttpAnswer> {
    if (this.proxyError) {
      const detail = `${this.proxyError.message}; nothing was sent`
      throw new RequestFailure(detail, { kind: 'network', reason: 'not-retryable', attempts: 0, detail })
    }
    const { limiter } = this.options
    for (let attempt = 1; ; attempt += 1) {
      // The slot is taken and given back here, and the attempt awaited here, rather than in calls of their own:
      // each async call is a frame, a promise and closures kept while the request is in flight.
      const slot = await limiter.acquire(options)
      let result: AttemptResult
      let decision: RetryDecision
      try {
        if (options.signal?.aborted) throw options.signal.reason
        const sending = this.dispatch(method, path, request, slot, options)
        try {
          // Bounded by maxResponseSize: past it undici destroys the connection and the request fails.
          const answer = await sending.answer
          const retryAfterMs = parseRetryAfter(answer.retryAfter)
          result = { outcome: { kind: 'answer', statusCode: answer.statusCode, retryAfterMs }, body: answer.body }
        } catch (error) {
          if (options.signal?.aborted) throw options.signal.reason
          result = { outcome: classify(error, sending.timedOut, sending.sent), body: '', cause: error }
        } finally {
          sending.end()
        }
        decision = decideRetry(method, attempt, result.outcome, policy)
        // A 429's pause starts before this slot is released: released first, the slot would go at once to
        // the next waiter, whose request would then be sent inside the pause the server asked for.
        if (decision.action === 'retry' && decision.pauseAll) limiter.pauseUntil(performance.now() + decision.waitMs)
      } finally {
        slot.release()
      }
      const { outcome } = result
      if (decision.action === 'answer') {
        if (outcome.kind !== 'answer') throw new Error('decideRetry returned a final answer for no answer')
        return { statusCode: outcome.statusCode, body: result.body, attempts: attempt }
      }
      this.options.debug?.(`${method} ${path}: ${this.describe(result)} on attempt ${attempt}`)
      if (decision.action === 'fail') throw this.failure(decision, result, attempt)
      if (options.notAfter !== undefined && performance.now() + decision.waitMs > options.notAfter) {
        // The retry could not start before the caller's deadline anyway; stop now rather than sleep.
        throw new SlotTooLateError()
      }
      await sleep(decision.waitMs, options.signal)
      if (options.signal?.aborted) throw options.signal.reason
    }
  }

  private describe(result: AttemptResult): string {
    switch (result.outcome.kind) {
      case 'answer':
        return `HTTP ${result.outcome.statusCode}: ${result.body.slice(0, 300)}`
      case 'timeout':
        return `timed out after ${formatDuration(this.options.requestTimeoutMs)}`
      case 'network':
        return `network error: ${networkDetail(result.cause)}`
      case 'too-large':
        return `answer is larger than ${this.maxBodyBytes / 1024 / 1024} MiB; refused`
    }
  }

  private failure(
    decision: Extract<RetryDecision, { action: 'fail' }>,
    result: AttemptResult,
    attempts: number
  ): RequestFailure {
    const { kind, reason } = decision
    const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`
    const common = { kind, reason, attempts, cause: result.cause }
    if (result.outcome.kind === 'answer') {
      const { statusCode, retryAfterMs } = result.outcome
      const detail = `HTTP ${statusCode}`
      if (kind === 'retry-after-too-long' && retryAfterMs !== undefined) {
        const retryAfter = { askedMs: retryAfterMs, limitMs: this.policy.maxRetryAfterMs }
        return new RequestFailure(
          `${detail}: asked to retry after ${formatDuration(retryAfter.askedMs)}, longer than the ${formatDuration(retryAfter.limitMs)} this transport waits`,
          { ...common, detail, statusCode, retryAfter }
        )
      }
      return new RequestFailure(`${detail} after ${tries}`, { ...common, detail, statusCode })
    }
    const detail = this.describe(result)
    if (result.outcome.kind === 'too-large') return new RequestFailure(detail, { ...common, detail })
    const message =
      reason === 'maybe-taken'
        ? `${detail}; not repeated, since the request was sent and may have been taken`
        : `${detail} (${tries})`
    return new RequestFailure(message, { ...common, detail })
  }

  /**
   * One attempt's request on the pool. Its answer settles with what happened; its own timer covers it all,
   * from connecting to the last byte of the answer: undici's headers and body timeouts alone would let a
   * slowly trickling answer run on.
   */
  private dispatch(
    method: 'GET' | 'POST',
    path: string,
    request: RequestBody,
    slot: Slot,
    options: SendOptions
  ): Attempt {
    const attempt = new Attempt(slot, options, this.maxBodyBytes, this.options.requestTimeoutMs)
    this.pool.dispatch(
      {
        origin: this.origin,
        path: `${this.basePath}${path}`,
        method,
        body: request.body,
        // undici closes the connection after a GET that carries a body unless told otherwise, and the
        // status endpoint is exactly that: without this, every request pays a new TCP (and TLS) handshake.
        reset: false,
        headers: { ...request.headers, 'user-agent': this.options.userAgent }
      },
      attempt
    )
    return attempt
  }

  /** Closes the kept-alive connections; call it once no request is in flight. */
  async close(): Promise<void> {
    await this.pool.destroy(closedError())
  }

  /**
   * The same transport (limiter, retries, timeouts, everything else) with another cap on answers: WAMO's
   * answers are far larger than a status answer. It has its own pool, since undici sets the cap per pool.
   */
  withMaxBodyBytes(maxBodyBytes: number): Transport {
    return new Transport({ ...this.options, maxBodyBytes })
  }
}
