import { allowManyListeners } from './listen-widely.js'
import type { MpcClient } from './client.js'
import { labelFormats, type LabelFormat } from './ids.js'
import { plural } from './text.js'

/**
 * requested: the MPC took the request (2xx) and e-mails the codes to the original submitter.
 * malformed: the label fits none of the documented formats; it was never sent.
 * not-sent: a well-formed label withheld because the run had a problem (a malformed label, too many labels):
 *   a run sends all of its labels or none.
 * refused: the MPC answered with a final status (a 4xx but 408 and 429, or 501 or 505: not retried).
 * error: no usable answer (network, timeout, 429/5xx after the retries), or the run was cancelled.
 */
export type ActionCodeStatus = 'requested' | 'malformed' | 'not-sent' | 'refused' | 'error'

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

/**
 * Labels as a user writes them: one per line, or separated by commas, with the blanks around each trimmed.
 * An entry is one label, whole: a space inside it does not split it in two (so "not/a label" is one malformed
 * entry, never a request for "label").
 */
export function splitLabels(text: string): string[] {
  return text
    .split(/[\r\n,]+/)
    .map((label) => label.trim())
    .filter((label) => label !== '')
}

/** Each label asked for sends an e-mail: more distinct labels than this in one run is surely a mistake. */
export const MAX_LABELS = 1000

/** Each distinct label once, in the order first seen, with every format it fits. Labels are case-sensitive. */
export function planLabels(labels: readonly string[]): LabelPlan[] {
  return [...new Set(labels)].map((label) => ({ label, formats: labelFormats(label) }))
}

export function describeFormats(formats: readonly LabelFormat[]): string | null {
  return formats.length > 0 ? formats.join(' or ') : null
}

function malformedWhy(label: string): string {
  return /\s/.test(label)
    ? 'holds a blank (labels are separated by commas or line breaks, and a label is never split)'
    : /^\d{4}-\d\d-\d\dT/.test(label)
      ? 'starts like a submission ID but does not match its format'
      : label.length > 12 && /^[-A-Za-z0-9_]+$/.test(label)
        ? `is ${label.length} characters long, more than the 12 of a trkid`
        : 'fits none of the label formats'
}

function malformedMessage(label: string): string {
  return `not sent: the label ${malformedWhy(label)}; the MPC accepts a ${FORMAT_EXAMPLES}`
}

const WITHHELD = 'not sent: withheld, since a run sends every label or none and this one has a problem'

/**
 * Why nothing may be sent, every reason at once: no label at all, more than MAX_LABELS, any malformed label.
 * `name` is what the user typed the labels into ("labels", "LABEL"). Empty when the run may go ahead.
 */
export function labelProblems(labels: readonly string[], name: string): string[] {
  if (labels.length === 0) {
    return [
      `${name}: no labels given; pass trksubs, trkids or submission (block) IDs, separated by commas or line breaks`
    ]
  }
  const problems: string[] = []
  const plans = planLabels(labels)
  if (plans.length > MAX_LABELS) {
    problems.push(
      `${name}: ${plans.length} distinct labels, more than the ${MAX_LABELS} one run may ask for (each sends an e-mail)`
    )
  }
  const malformed = plans.filter((plan) => plan.formats.length === 0)
  for (const plan of malformed.slice(0, 20))
    problems.push(`${name}: "${cutLabel(plan.label)}" ${malformedWhy(plan.label)}`)
  if (malformed.length > 20) problems.push(`${name}: and ${plural(malformed.length - 20, 'more malformed label')}`)
  if (malformed.length > 0) problems.push(`the MPC accepts a ${FORMAT_EXAMPLES}`)
  return problems
}

/** A label as quoted in a message: bounded, since it is the user's text of any length. */
const cutLabel = (label: string): string => (label.length > 80 ? `${label.slice(0, 80)}…` : label)

export interface ActionCodesOptions {
  /** What the labels were given as, for the messages: the action's "labels" input, the CLI's "LABEL". */
  name?: string
  /** Cancels the run: labels not yet sent are reported as not sent. */
  signal?: AbortSignal
  /** Called for each label as its outcome is known (malformed ones first, before any request). */
  onResult?: (result: ActionCodeResult) => void
}

export interface ActionCodesRun {
  /** One per distinct label, in the order first seen. */
  results: ActionCodeResult[]
  /** Why nothing was sent (labelProblems); empty when the labels were sent. */
  problems: string[]
  cancelled: boolean
}

/**
 * Asks the MPC to resend the action codes of each distinct label, exactly once per label: every request sends
 * an e-mail. All or nothing: when any label is malformed, or there are none or too many, no request is made,
 * the malformed labels are reported as such and every other as not-sent. Never throws for one label's sake.
 */
export async function requestActionCodes(
  labels: readonly string[],
  client: MpcClient,
  options: ActionCodesOptions = {}
): Promise<ActionCodesRun> {
  const { signal } = options
  allowManyListeners(signal)
  const plans = planLabels(labels)
  const problems = labelProblems(labels, options.name ?? 'labels')
  if (problems.length > 0) {
    const results: ActionCodeResult[] = plans.map(({ label, formats }) =>
      formats.length === 0
        ? { label, format: null, status: 'malformed', message: malformedMessage(label) }
        : { label, format: describeFormats(formats), status: 'not-sent', message: WITHHELD }
    )
    for (const result of results) options.onResult?.(result)
    return { results, problems, cancelled: false }
  }
  const results: ActionCodeResult[] = plans.map(({ label, formats }) => ({
    label,
    format: describeFormats(formats),
    status: 'error',
    message: 'not sent: the run was cancelled first'
  }))

  await Promise.all(
    results.map(async (result) => {
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
  return { results, problems: [], cancelled: signal?.aborted ?? false }
}

export interface ActionCodesVerdict {
  failed: boolean
  requested: number
  /** malformed + refused + error: the labels that failed on their own (not-sent ones were only withheld). */
  failedCount: number
  notSent: number
  counts: Record<ActionCodeStatus, number>
  /** Why nothing was sent, every reason (see labelProblems). */
  problems: string[]
  /** The step's failure message, or '' when it passes. */
  message: string
}

export const ACTION_CODE_STATUSES: readonly ActionCodeStatus[] = [
  'malformed',
  'refused',
  'error',
  'not-sent',
  'requested'
]

/**
 * The step fails when anything was not requested: a malformed label (then nothing is sent at all), no label,
 * a refusal or an error. The message lists every problem, then the labels that failed.
 */
export function decideActionCodesVerdict(
  results: readonly ActionCodeResult[],
  problems: readonly string[] = []
): ActionCodesVerdict {
  const counts = { requested: 0, malformed: 0, 'not-sent': 0, refused: 0, error: 0 } as Record<ActionCodeStatus, number>
  for (const result of results) counts[result.status] += 1
  const failedCount = counts.malformed + counts.refused + counts.error
  const counted = describeActionCodeCounts(counts, results.length)
  const reasons: string[] = []
  if (problems.length > 0) {
    reasons.push(`Nothing was sent (${counted}): ${problems.join('; ')}`)
  } else if (failedCount > 0) {
    const failing = results.filter((result) => result.status !== 'requested')
    const listed = failing.slice(0, 20).map((result) => `${result.label} (${result.status})`)
    const more = failing.length > listed.length ? ` and ${failing.length - listed.length} more` : ''
    reasons.push(`${counted}. Failing: ${listed.join(', ')}${more}`)
  }
  return {
    failed: problems.length > 0 || failedCount > 0 || counts['not-sent'] > 0,
    requested: counts.requested,
    failedCount,
    notSent: counts['not-sent'],
    counts,
    problems: [...problems],
    message: reasons.join('. ')
  }
}

export function describeActionCodeCounts(counts: Record<ActionCodeStatus, number>, total: number): string {
  const parts = ACTION_CODE_STATUSES.filter((status) => counts[status] > 0).map(
    (status) => `${counts[status]} ${status}`
  )
  return `${total} label${total === 1 ? '' : 's'}: ${parts.join(', ') || 'none'}`
}

/** The verdict as one line, the log's last and the terminal's: ✅ only when every label was requested. */
export function actionCodesLine(verdict: ActionCodesVerdict, cancelled: boolean): string {
  const counted = describeActionCodeCounts(
    verdict.counts,
    Object.values(verdict.counts).reduce((a, b) => a + b, 0)
  )
  if (cancelled) {
    return `❌ Cancelled before every label was answered: ${counted}.${verdict.message ? ` ${verdict.message}` : ''}`
  }
  return verdict.failed ? `❌ Failed: ${verdict.message}` : `✅ Passed: ${counted}.`
}
