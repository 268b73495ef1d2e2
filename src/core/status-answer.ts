import type { FaultEvent, SubmissionResult } from './submission-result.js'

/** The part of a result that one answer of the status endpoint decides. */
export type StatusFinding = Pick<
  SubmissionResult,
  'status' | 'accepted' | 'pipeline_entry_time' | 'fault_events' | 'message'
>

export interface StatusAnswer {
  accepted: boolean
  pipeline_entry_time: string | null
  fault_events: FaultEvent[]
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Checks the documented shape; returns what is wrong in words, or the answer. */
export function parseStatusAnswer(value: unknown): StatusAnswer | string {
  if (!isRecord(value)) return 'answer is not a JSON object'
  if (typeof value.accepted !== 'boolean') return 'answer has no boolean "accepted"'
  const entry = value.pipeline_entry_time
  if (entry !== null && typeof entry !== 'string') return 'answer\'s "pipeline_entry_time" is neither a string nor null'
  if (!Array.isArray(value.fault_events)) return 'answer has no "fault_events" array'
  const faults: FaultEvent[] = []
  for (const [index, event] of value.fault_events.entries()) {
    if (
      !isRecord(event) ||
      typeof event.message !== 'string' ||
      !Number.isInteger(event.phase) ||
      (event.phase as number) < 0 ||
      !Number.isInteger(event.failure_code) ||
      event.failure_code === 0
    ) {
      return `answer's fault event ${index} is not {message: string, phase: integer >= 0, failure_code: non-zero integer}`
    }
    // Kept as the API gave it, extra fields included: `results` reports what the MPC said.
    faults.push(event as unknown as FaultEvent)
  }
  return { accepted: value.accepted, pipeline_entry_time: entry, fault_events: faults }
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`

/** Turns an HTTP answer of the status endpoint into a finding. */
export function interpretStatusAnswer(statusCode: number, body: string): StatusFinding {
  const empty = { accepted: null, pipeline_entry_time: null, fault_events: [] }
  if (statusCode === 404) {
    return { ...empty, status: 'not-found', message: 'the MPC does not know this submission ID (HTTP 404)' }
  }
  if (statusCode < 200 || statusCode >= 300) {
    return { ...empty, status: 'error', message: `HTTP ${statusCode}` }
  }
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    const looksHtml = /^\s*</.test(body)
    return {
      ...empty,
      status: 'error',
      message: `answer is not JSON (HTTP ${statusCode}${looksHtml ? ', an HTML page' : ''})`
    }
  }
  const answer = parseStatusAnswer(json)
  if (typeof answer === 'string') return { ...empty, status: 'error', message: `${answer} (HTTP ${statusCode})` }
  const faults = answer.fault_events
  if (answer.accepted) {
    const message = faults.length > 0 ? `accepted with ${plural(faults.length, 'fault event')} (warnings)` : 'accepted'
    return { ...answer, status: 'accepted', message }
  }
  if (faults.length === 0) {
    return { ...answer, status: 'pending', message: 'not decided yet: not accepted and no fault events so far' }
  }
  return {
    ...answer,
    status: 'rejected',
    message: `rejected: ${faults.map((event) => event.message).join('; ')}`
  }
}
