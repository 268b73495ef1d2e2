import type { IncomingHttpHeaders } from 'node:http'

export interface Reply {
  status?: number
  json?: unknown
  body?: string
  headers?: Record<string, string>
  delayMs?: number
  hang?: boolean
  /** Drop the connection once the whole request was read, without answering. */
  reset?: boolean
  bodyBytes?: number
  /** A `body` is sent as text/plain rather than text/html. */
  text?: boolean
}

/** One part of a multipart/form-data body; `filename` is absent for a plain field. */
export interface FormPart {
  name: string
  filename?: string
  contentType?: string
  value: string
}

/** A submission the stand-in answered with an ID. */
export interface StandInSubmission {
  id: string
  path: string
  test: boolean
  parts: FormPart[] | undefined
}

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: string
  json: Record<string, unknown> | undefined
  /** For a POST to a submission endpoint: its multipart parts, or undefined when the body is not multipart. */
  parts?: FormPart[]
  startedAt: number
  endedAt?: number
}

export interface MpcServer {
  url: string
  requests: RecordedRequest[]
  submissions: StandInSubmission[]
  readonly peakInFlight: number
  /** Requests received, kept or not (see keepRequests). */
  readonly received: number
  /** Forgets the requests seen so far (and the peak in flight); the answers and issued IDs stay. */
  reset(): void
  setAnswers(answers: Record<string, Reply | Reply[]>): void
  asked(id: string): number
  close(): Promise<void>
}

export const EXAMPLE_ACCEPTED: { accepted: true; pipeline_entry_time: string; fault_events: [] }
export const EXAMPLE_REJECTED: {
  accepted: false
  pipeline_entry_time: null
  fault_events: { message: string; phase: number; failure_code: number }[]
}
export const SUBMIT_PATH: RegExp
export function parseMultipart(contentType: string | undefined, raw: string): FormPart[] | undefined
export const PENDING: { accepted: false; pipeline_entry_time: null; fault_events: [] }

export function startMpcServer(options?: {
  answers?: Record<string, Reply | Reply[]>
  answer?: (request: RecordedRequest) => Reply | undefined
  latencyMs?: number
  port?: number
  /** false: requests are counted (`received`) but not kept in `requests`. */
  keepRequests?: boolean
  /** Answer over https with this key and certificate. */
  tls?: { key: string; cert: string }
  /** WAMO's observations by identifier (see wamo-answers.mjs). */
  wamo?: Record<string, unknown>
}): Promise<MpcServer>
