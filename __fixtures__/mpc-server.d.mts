import type { IncomingHttpHeaders } from 'node:http'

export interface Reply {
  status?: number
  json?: unknown
  body?: string
  headers?: Record<string, string>
  delayMs?: number
  hang?: boolean
  bodyBytes?: number
}

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: string
  json: Record<string, unknown> | undefined
  startedAt: number
  endedAt?: number
}

export interface MpcServer {
  url: string
  requests: RecordedRequest[]
  readonly peakInFlight: number
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
export const PENDING: { accepted: false; pipeline_entry_time: null; fault_events: [] }

export function startMpcServer(options?: {
  answers?: Record<string, Reply | Reply[]>
  answer?: (request: RecordedRequest) => Reply | undefined
  latencyMs?: number
  port?: number
}): Promise<MpcServer>
