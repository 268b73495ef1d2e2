import { File, FormData } from 'undici'
import { formatDuration } from './duration.js'
import type { CndFinding } from './cnd.js'
import { interpretStatusAnswer, type StatusFinding } from './status-answer.js'
import { RequestLimiter } from './limiter.js'
import type { ProxyEnv } from './proxy.js'
import { MPC_MAX_RATE } from './setting-values.js'
import type { FormField, SubmitFinding } from './submit-request.js'
import { RequestFailure, Transport, type SendOptions } from './transport.js'
import { opensMoreThan } from './text.js'
import type { IdentifierAnswer } from './wamo-answer.js'

export const STATUS_PATH = '/api/submission-status'
export const ACTION_CODES_PATH = '/api/action-codes/retrieve'

// A POST (an action-code request sends an e-mail) that reached the MPC but got no answer may have been taken:
// sending it again could send a second e-mail. The transport never repeats such a request (see decideRetry);
// this says why, in the MPC's terms.
const NOT_REPEATED = 'not repeated, since the MPC may have taken the request (each one sends an e-mail)'

/** A failure as the user reads it: the transport's sentence, with the MPC named where it matters. */
export function describeFailure(failure: RequestFailure): string {
  if (failure.reason === 'maybe-taken') return `${failure.detail}; ${NOT_REPEATED}`
  if (failure.kind === 'retry-after-too-long' && failure.retryAfter) {
    const { askedMs, limitMs } = failure.retryAfter
    return `${failure.detail}: the MPC asked to retry after ${formatDuration(askedMs)}, longer than the ${formatDuration(limitMs)} this action waits`
  }
  return failure.message
}

/** Most bytes of one WAMO answer; a batch whose answer is larger is asked again in halves. */
export const WAMO_MAX_ANSWER_BYTES = 32 * 1024 * 1024

export type WamoFinding =
  | { status: 'answered'; answers: Map<string, IdentifierAnswer> }
  /** The answer was over the cap and was not read. */
  | { status: 'too-large'; message: string }
  | { status: 'error'; message: string }

export type ActionCodesFinding =
  | { status: 'requested'; message: string }
  | { status: 'refused'; message: string }
  | { status: 'error'; message: string }

/** The MPC endpoints the project uses, over one shared transport (and so one rate limit). */
export class MpcClient {
  constructor(readonly transport: Transport) {}

  /** Most requests in flight at once: callers keep about this many asks going, not one per submission. */
  get concurrency(): number {
    return this.transport.concurrency
  }

  /** Asks the status endpoint; network and HTTP failures become an `error` finding, never a throw. */
  async status(submissionId: string, options: SendOptions = {}): Promise<StatusFinding> {
    try {
      const answer = await this.transport.send('GET', STATUS_PATH, { submission_id: submissionId }, options)
      return interpretStatusAnswer(answer.statusCode, answer.body)
    } catch (error) {
      if (error instanceof RequestFailure) {
        const message = describeFailure(error)
        return { status: 'error', accepted: null, pipeline_entry_time: null, fault_events: [], message }
      }
      throw error
    }
  }

  /** Asks the MPC to e-mail a label's action codes to its original submitter. Its body carries nothing. */
  async requestActionCodes(label: string, options: SendOptions = {}): Promise<ActionCodesFinding> {
    try {
      const answer = await this.transport.send('POST', ACTION_CODES_PATH, { label }, options)
      if (answer.statusCode >= 200 && answer.statusCode < 300) {
        return { status: 'requested', message: 'request taken; the codes go by e-mail to the original submitter' }
      }
      const detail = answer.body.trim().slice(0, 200)
      return { status: 'refused', message: `HTTP ${answer.statusCode}${detail ? `: ${detail}` : ''}` }
    } catch (error) {
      if (error instanceof RequestFailure) return { status: 'error', message: describeFailure(error) }
      throw error
    }
  }

  /**
   * Submits an observation batch: a multipart/form-data POST of `fields` (each a plain form field, no file
   * part, as `curl -F "source=<file"` sends them) to a submission endpoint. Never sent twice: once the request was
   * written, whatever follows is final (see Transport.postFormOnce). Never throws for the network's sake.
   */
  async submit(path: string, fields: readonly FormField[], options: SendOptions = {}): Promise<SubmitFinding> {
    // Loaded here, not with the client, so the status action (which never submits) starts without the batch
    // formats the reply is read with; and before anything is sent, so a load failure cannot lose a reply.
    const { interpretSubmitReply } = await import('./submit-request.js')
    const form = new FormData()
    for (const { name, value, verbatim } of fields) {
      // undici writes a string value with every line break turned into CRLF (the HTML form encoding), where
      // curl's `-F "source=<file"` sends the file's bytes unchanged. A File without a name keeps the bytes
      // and, having no filename in its Content-Disposition, is still a plain field to the server (as
      // Django, werkzeug and Python's cgi tell fields from files); its Content-Type line is the one
      // difference from curl's part.
      if (verbatim) form.append(name, new File([value], '', { type: 'text/plain; charset=utf-8' }))
      else form.append(name, value)
    }
    let written = false
    const onWritten = (): void => {
      written = true
      options.onWritten?.()
    }
    try {
      const answer = await this.transport.postFormOnce(path, form, { ...options, onWritten })
      return interpretSubmitReply(answer.statusCode, answer.body)
    } catch (error) {
      if (options.signal?.aborted) {
        return written
          ? { status: 'unknown', reply: '', message: 'cancelled after the batch was sent, before the MPC answered' }
          : { status: 'not-sent', message: 'cancelled before the batch was sent' }
      }
      if (!(error instanceof RequestFailure)) throw error
      if (error.reason === 'maybe-taken') return { status: 'unknown', reply: '', message: error.detail }
      return { status: 'not-sent', message: describeFailure(error) }
    }
  }

  /**
   * Asks WAMO where the observations of `identifiers` went: one GET with the JSON list as its body, through
   * the same limiter, retries and timeouts as every other request, its answer capped at `maxAnswerBytes`.
   * Network and HTTP failures become a finding, never a throw.
   */
  async wamo(
    identifiers: readonly string[],
    options: SendOptions & { maxAnswerBytes?: number } = {}
  ): Promise<WamoFinding> {
    // Loaded here, like the near-duplicate check's reading: a run that never asks WAMO starts without it.
    const { parseWamoAnswer, WAMO_MAX_VALUES, WAMO_PATH } = await import('./wamo-answer.js')
    const cap = options.maxAnswerBytes ?? WAMO_MAX_ANSWER_BYTES
    let transport = this.wamoTransports.get(cap)
    if (!transport) {
      transport = this.transport.withMaxBodyBytes(cap)
      this.wamoTransports.set(cap, transport)
    }
    try {
      const answer = await transport.send('GET', WAMO_PATH, identifiers, options)
      if (answer.statusCode < 200 || answer.statusCode >= 300) {
        return { status: 'error', message: `WAMO answered HTTP ${answer.statusCode}` }
      }
      if (opensMoreThan(answer.body, WAMO_MAX_VALUES)) {
        return { status: 'too-large', message: `WAMO's answer holds more than ${WAMO_MAX_VALUES} JSON values` }
      }
      const answers = parseWamoAnswer(answer.body, identifiers)
      return typeof answers === 'string' ? { status: 'error', message: answers } : { status: 'answered', answers }
    } catch (error) {
      if (!(error instanceof RequestFailure)) throw error
      if (error.kind === 'too-large') {
        return { status: 'too-large', message: `WAMO's answer is larger than ${cap / 1024 / 1024} MiB` }
      }
      return { status: 'error', message: `WAMO: ${describeFailure(error)}` }
    }
  }

  private readonly wamoTransports = new Map<number, Transport>()

  /** Asks the near-duplicate check (CND) about up to 10,000 80-column lines; failures become an `error`. */
  async nearDuplicates(
    obs: readonly string[],
    separations: { timeSeparationS: number; angleSeparationArcsec: number },
    options: SendOptions = {}
  ): Promise<CndFinding> {
    // Loaded here: the status action, which never asks it, starts without the check's answer reading.
    const { CND_PATH, interpretCndAnswer } = await import('./cnd.js')
    const payload = {
      obs,
      time_separation_s: separations.timeSeparationS,
      angle_separation_arcsec: separations.angleSeparationArcsec
    }
    try {
      const answer = await this.transport.send('GET', CND_PATH, payload, options)
      return interpretCndAnswer(answer.statusCode, answer.body)
    } catch (error) {
      if (error instanceof RequestFailure) return { status: 'error', message: describeFailure(error) }
      throw error
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.transport.close(), ...[...this.wamoTransports.values()].map((t) => t.close())])
  }
}

export interface ClientSettings {
  apiUrl: string
  userAgent: string
  /** Most request starts in any sliding window; 0 lifts the limit. */
  rateLimit: number
  concurrency: number
  requestTimeoutMs: number
  retries: number
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read (see proxy.ts); process.env when absent. */
  env?: ProxyEnv
  /** Largest answer read; the near-duplicate check's answers for 10,000 lines outgrow the 1 MiB default. */
  maxBodyBytes?: number
  /** Shared with another client of the same run; a new one of its own when absent. */
  limiter?: RequestLimiter
  /** The run's cancel: every connection is destroyed with it, one still being made too (see TransportOptions). */
  signal?: AbortSignal
  debug?: (message: string) => void
}

/** A client with its own limiter: every request it makes, of either endpoint, shares one rate limit. */
export function createMpcClient(settings: ClientSettings): MpcClient {
  const limiter =
    settings.limiter ?? new RequestLimiter({ ratePerSecond: settings.rateLimit, concurrency: settings.concurrency })
  return new MpcClient(
    new Transport({
      baseUrl: settings.apiUrl,
      userAgent: settings.userAgent,
      limiter,
      connections: settings.concurrency,
      requestTimeoutMs: settings.requestTimeoutMs,
      retries: settings.retries,
      env: settings.env ?? process.env,
      ...(settings.maxBodyBytes === undefined ? {} : { maxBodyBytes: settings.maxBodyBytes }),
      ...(settings.signal === undefined ? {} : { signal: settings.signal }),
      debug: settings.debug
    })
  )
}

/** Attempts after a failure before sending or a 429; nothing written is ever sent again. */
export const SUBMIT_RETRIES = 3

/** The near-duplicate check's answers for 10,000 lines outgrow the 1 MiB default. */
const CND_MAX_ANSWER_BYTES = 64 * 1024 * 1024

/**
 * The two clients of a submission: `submit` for the submission endpoints at `submitUrl` (retries only where
 * decideRetry's onceWritten rule allows them) and `data` for the data API at `apiUrl` (the near-duplicate
 * check). One request at a time, under one limiter at the MPC's own rate whatever the hosts: the MPC's
 * 5 requests a second are the caller's, not an endpoint's.
 */
export function createSubmitClients(settings: {
  submitUrl: string
  apiUrl: string
  userAgent: string
  requestTimeoutMs: number
  env?: ProxyEnv
  signal?: AbortSignal
  debug?: (message: string) => void
}): { submit: MpcClient; data: MpcClient } {
  const limiter = new RequestLimiter({ ratePerSecond: MPC_MAX_RATE, concurrency: 1 })
  const common = {
    userAgent: settings.userAgent,
    rateLimit: MPC_MAX_RATE,
    concurrency: 1,
    requestTimeoutMs: settings.requestTimeoutMs,
    retries: SUBMIT_RETRIES,
    limiter,
    env: settings.env,
    signal: settings.signal,
    debug: settings.debug
  }
  return {
    submit: createMpcClient({ ...common, apiUrl: settings.submitUrl }),
    data: createMpcClient({ ...common, apiUrl: settings.apiUrl, maxBodyBytes: CND_MAX_ANSWER_BYTES })
  }
}
