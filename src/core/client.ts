import { File, FormData } from 'undici'
import { formatDuration } from './duration.js'
import { interpretStatusAnswer, type StatusFinding } from './status-answer.js'
import { RequestLimiter } from './limiter.js'
import { MPC_MAX_RATE } from './setting-values.js'
import type { FormField, SubmitFinding } from './submit-request.js'
import { RequestFailure, Transport, type SendOptions } from './transport.js'

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

  close(): Promise<void> {
    return this.transport.close()
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
  debug?: (message: string) => void
}

/** A client with its own limiter: every request it makes, of either endpoint, shares one rate limit. */
export function createMpcClient(settings: ClientSettings): MpcClient {
  const limiter = new RequestLimiter({ ratePerSecond: settings.rateLimit, concurrency: settings.concurrency })
  return new MpcClient(
    new Transport({
      baseUrl: settings.apiUrl,
      userAgent: settings.userAgent,
      limiter,
      connections: settings.concurrency,
      requestTimeoutMs: settings.requestTimeoutMs,
      retries: settings.retries,
      debug: settings.debug
    })
  )
}

/** Attempts after a failure before sending or a 429; nothing written is ever sent again. */
export const SUBMIT_RETRIES = 3

/**
 * A client for the submission endpoints at `submitUrl`: one request at a time, under the MPC's own rate
 * limit whatever the host, and retries only where decideRetry's onceWritten rule allows them.
 */
export function createSubmitClient(settings: {
  submitUrl: string
  userAgent: string
  requestTimeoutMs: number
  debug?: (message: string) => void
}): MpcClient {
  return createMpcClient({
    apiUrl: settings.submitUrl,
    userAgent: settings.userAgent,
    rateLimit: MPC_MAX_RATE,
    concurrency: 1,
    requestTimeoutMs: settings.requestTimeoutMs,
    retries: SUBMIT_RETRIES,
    debug: settings.debug
  })
}
