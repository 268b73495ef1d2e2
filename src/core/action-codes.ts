import { allowManyListeners } from './listen-widely.js'
import type { MpcClient } from './client.js'
import { labelFormats, type LabelFormat } from './ids.js'

/**
 * requested: the MPC took the request (2xx) and e-mails the codes to the original submitter.
 * malformed: the label fits none of the documented formats; it was never sent.
 * refused: the MPC answered with a final status (a 4xx but 408 and 429, or 501 or 505: not retried).
 * error: no usable answer (network, timeout, 429/5xx after the retries), or the run was cancelled.
 */
export type ActionCodeStatus = 'requested' | 'malformed' | 'refused' | 'error'

/** One distinct label's outcome; this is exactly what the `results` output holds. */
export interface ActionCodeResult {
  label: string
  /** The documented formats the label fits, joined by " or " ("trksub or trkid" for 8 characters); null if none. */
  format: string | null
  status: ActionCodeStatus
  message: string
}

export interface LabelPlan {
  label: string
  formats: LabelFormat[]
}

const FORMAT_EXAMPLES =
  'trksub (A10cnQO), trkid (00000DwbEz), submission block id (2024-05-02T21:03:35.001_0000FzZw_01) or submission id (2024-05-02T21:03:35.001_0000FzZw)'

/** Labels as a user writes them: separated by newlines, commas or spaces. */
export function splitLabels(text: string): string[] {
  return text.split(/[\s,]+/).filter((label) => label !== '')
}

/** Each label asked for sends an e-mail: more distinct labels than this in one run is surely a mistake. */
export const MAX_LABELS = 1000

/** The labels of a run, refused whole (nothing sent) when there are more distinct ones than MAX_LABELS. */
export function labelsWithinLimit(labels: readonly string[], name: string): readonly string[] {
  const distinct = new Set(labels).size
  if (distinct > MAX_LABELS) {
    throw new Error(
      `${name}: ${distinct} distinct labels, more than the ${MAX_LABELS} one run may ask for (each sends an e-mail); nothing was sent`
    )
  }
  return labels
}

/** Each distinct label once, in the order first seen, with every format it fits. Labels are case-sensitive. */
export function planLabels(labels: readonly string[]): LabelPlan[] {
  return [...new Set(labels)].map((label) => ({ label, formats: labelFormats(label) }))
}

export function describeFormats(formats: readonly LabelFormat[]): string | null {
  return formats.length > 0 ? formats.join(' or ') : null
}

function malformedMessage(label: string): string {
  const why = /^\d{4}-\d\d-\d\dT/.test(label)
    ? 'starts like a submission ID but does not match its format'
    : label.length > 12 && /^[-A-Za-z0-9_]+$/.test(label)
      ? `is ${label.length} characters long, more than the 12 of a trkid`
      : 'fits none of the label formats'
  return `not sent: the label ${why}; the MPC accepts a ${FORMAT_EXAMPLES}`
}

export interface ActionCodesOptions {
  /** Cancels the run: labels not yet sent are reported as not sent. */
  signal?: AbortSignal
  /** Called for each label as its outcome is known (malformed ones first, before any request). */
  onResult?: (result: ActionCodeResult) => void
}

export interface ActionCodesRun {
  /** One per distinct label, in the order first seen. */
  results: ActionCodeResult[]
  cancelled: boolean
}

/**
 * Asks the MPC to resend the action codes of each distinct label, exactly once per label: every request sends
 * an e-mail. Malformed labels are refused before any request is made. Never throws for one label's sake.
 */
export async function requestActionCodes(
  labels: readonly string[],
  client: MpcClient,
  options: ActionCodesOptions = {}
): Promise<ActionCodesRun> {
  const { signal } = options
  allowManyListeners(signal)
  const plans = planLabels(labels)
  const results: ActionCodeResult[] = plans.map(({ label, formats }) =>
    formats.length === 0
      ? { label, format: null, status: 'malformed', message: malformedMessage(label) }
      : {
          label,
          format: describeFormats(formats),
          status: 'error',
          message: 'not sent: the run was cancelled first'
        }
  )
  for (const result of results) if (result.status === 'malformed') options.onResult?.(result)

  await Promise.all(
    results.map(async (result) => {
      if (result.status === 'malformed') return
      try {
        const finding = await client.requestActionCodes(result.label, { signal })
        result.status = finding.status
        result.message = finding.message
      } catch (error) {
        if (!signal?.aborted) throw error
        // Cancelled while waiting for a slot or for the answer: whether the MPC got it is unknown.
        result.message = 'cancelled before the MPC answered; the request may or may not have reached it'
      }
      options.onResult?.(result)
    })
  )
  return { results, cancelled: signal?.aborted ?? false }
}

export interface ActionCodesVerdict {
  failed: boolean
  requested: number
  /** malformed + refused + error */
  failedCount: number
  counts: Record<ActionCodeStatus, number>
  /** The step's failure message, or '' when it passes. */
  message: string
}

export const ACTION_CODE_STATUSES: readonly ActionCodeStatus[] = ['malformed', 'refused', 'error', 'requested']

/** The step fails when any label was malformed, refused or could not be sent; an empty list fails too. */
export function decideActionCodesVerdict(results: readonly ActionCodeResult[]): ActionCodesVerdict {
  const counts = { requested: 0, malformed: 0, refused: 0, error: 0 } as Record<ActionCodeStatus, number>
  for (const result of results) counts[result.status] += 1
  const failedCount = counts.malformed + counts.refused + counts.error
  const reasons: string[] = []
  if (failedCount > 0) {
    const failing = results.filter((result) => result.status !== 'requested')
    const listed = failing.slice(0, 20).map((result) => `${result.label} (${result.status})`)
    const more = failing.length > listed.length ? ` and ${failing.length - listed.length} more` : ''
    reasons.push(`${describeActionCodeCounts(counts, results.length)}. Failing: ${listed.join(', ')}${more}`)
  }
  return {
    failed: failedCount > 0,
    requested: counts.requested,
    failedCount,
    counts,
    message: reasons.join('. ')
  }
}

export function describeActionCodeCounts(counts: Record<ActionCodeStatus, number>, total: number): string {
  const parts = ACTION_CODE_STATUSES.filter((status) => counts[status] > 0).map(
    (status) => `${counts[status]} ${status}`
  )
  return `${total} label${total === 1 ? '' : 's'}: ${parts.join(', ') || 'none'}`
}
