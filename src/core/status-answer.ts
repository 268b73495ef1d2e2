import type { FaultEvent, SubmissionResult } from './submission-result.js'
import { cutChars } from './text.js'

// What one answer may leave in memory and in the outputs, whatever the MPC (or a stand-in) sends: a run of
// thousands of submissions must not hold thousands of megabyte-sized answers.
/** Fault events kept per submission; the count of the others goes into the message. */
export const MAX_FAULT_EVENTS = 100
/** A fault event's message is cut to this many characters. */
export const MAX_FAULT_MESSAGE_CHARS = 1000
/** The `rejected: ...` message repeats at most this many fault messages, each cut shorter. */
const MESSAGE_FAULTS = 3
const MESSAGE_FAULT_CHARS = 200

/**
 * The fault events of every answer that has none (most of them), shared: an empty array per submission is
 * megabytes in a run of 150,000. Frozen, so that code changing it would fail loudly instead of changing all.
 */
export const NO_FAULT_EVENTS = Object.freeze([]) as unknown as FaultEvent[]

/** The part of a result that one answer of the status endpoint decides. */
export type StatusFinding = Pick<
  SubmissionResult,
  'status' | 'accepted' | 'pipeline_entry_time' | 'fault_events' | 'message'
>

export interface StatusAnswer {
  accepted: boolean
  pipeline_entry_time: string | null
  fault_events: FaultEvent[]
  /** Well-formed fault events beyond MAX_FAULT_EVENTS, not kept. */
  faultsNotKept: number
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Checks the documented shape; returns what is wrong in words, or the answer. */
export function parseStatusAnswer(value: unknown): StatusAnswer | string {
  if (!isRecord(value)) return 'answer is not a JSON object'
  if (typeof value.accepted !== 'boolean') return 'answer has no boolean "accepted"'
  const entry = value.pipeline_entry_time
  if (entry !== null && typeof entry !== 'string') return 'answer\'s "pipeline_entry_time" is neither a string nor null'
  if (typeof entry === 'string' && entry.length > 64) return 'answer\'s "pipeline_entry_time" is longer than a time'
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
    // The documented fields only, the message bounded; the events beyond the first MAX_FAULT_EVENTS are
    // counted (every one was checked above, so the count is of well-formed events).
    if (faults.length < MAX_FAULT_EVENTS) {
      faults.push({
        message: cutChars(event.message, MAX_FAULT_MESSAGE_CHARS),
        phase: event.phase as number,
        failure_code: event.failure_code as number
      })
    }
  }
  return {
    accepted: value.accepted,
    pipeline_entry_time: entry,
    fault_events: faults.length > 0 ? faults : NO_FAULT_EVENTS,
    faultsNotKept: value.fault_events.length - faults.length
  }
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`

/** Turns an HTTP answer of the status endpoint into a finding. */
export function interpretStatusAnswer(statusCode: number, body: string): StatusFinding {
  const empty = { accepted: null, pipeline_entry_time: null, fault_events: NO_FAULT_EVENTS }
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
  return findingOfAnswer(answer)
}

/** The finding a well-formed answer gives: accepted (with or without warnings), pending or rejected. */
export function findingOfAnswer(answer: StatusAnswer): StatusFinding {
  const { faultsNotKept, ...kept } = answer
  const faults = kept.fault_events
  const total = faults.length + faultsNotKept
  const notKept = faultsNotKept > 0 ? `; the first ${faults.length} are kept` : ''
  if (kept.accepted) {
    const message = total > 0 ? `accepted with ${plural(total, 'fault event')} (warnings)${notKept}` : 'accepted'
    return { ...kept, status: 'accepted', message }
  }
  if (total === 0) {
    return { ...kept, status: 'pending', message: 'not decided yet: not accepted and no fault events so far' }
  }
  const quoted = faults.slice(0, MESSAGE_FAULTS).map((event) => cutChars(event.message, MESSAGE_FAULT_CHARS))
  const more = total > quoted.length ? `; and ${plural(total - quoted.length, 'more fault event')}` : ''
  return { ...kept, status: 'rejected', message: `rejected: ${quoted.join('; ')}${more}${notKept}` }
}
