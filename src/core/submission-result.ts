import type { Source } from './source.js'

/** Statuses, worst first: the order of the summary's table and of annotations. */
export const STATUSES = ['rejected', 'error', 'invalid', 'not-found', 'pending', 'accepted'] as const
export type Status = (typeof STATUSES)[number]

export interface FaultEvent {
  message: string
  phase: number
  failure_code: number
}

/** One distinct submission's outcome; this is exactly what the `results` output holds. */
export interface SubmissionResult {
  submission_id: string
  status: Status
  accepted: boolean | null
  pipeline_entry_time: string | null
  fault_events: FaultEvent[]
  /** A one-line explanation; for a plainly accepted submission, "accepted". */
  message: string
  source: Source
  /** When the answer was obtained (ISO 8601): in this run, or by an earlier one for a remembered answer. */
  checked_at: string | null
}

export const isUndecided = (status: Status): boolean => status === 'pending' || status === 'not-found'

/** An accepted submission with fault events: the MPC took it but logged problems. */
export const hasWarnings = (result: SubmissionResult): boolean =>
  result.status === 'accepted' && result.fault_events.length > 0

/** Worst first, and in the order first seen within a status (Array.prototype.sort is stable). */
export function worstFirst(results: readonly SubmissionResult[]): SubmissionResult[] {
  const rank = (result: SubmissionResult): number =>
    STATUSES.indexOf(result.status) * 2 + (result.status === 'accepted' && !hasWarnings(result) ? 1 : 0)
  return [...results].sort((a, b) => rank(a) - rank(b))
}
