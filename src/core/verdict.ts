import { hasWarnings, STATUSES, type Status, type SubmissionResult } from './submission-result.js'

/** What `fail-on` may name: any status except accepted, plus `warning`, or `none` alone. */
export type FailOnItem = Exclude<Status, 'accepted'> | 'warning'
export const DEFAULT_FAIL_ON: readonly FailOnItem[] = ['rejected', 'not-found', 'invalid', 'error']
const FAIL_ON_ITEMS: readonly string[] = [...STATUSES.filter((s) => s !== 'accepted'), 'warning']

/** Parses `fail-on` ("rejected, not-found" or "none"); throws with the allowed values on anything else. */
export function parseFailOn(text: string): FailOnItem[] {
  const items = text
    .split(/[\s,]+/)
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '')
  if (items.length === 0) return [...DEFAULT_FAIL_ON]
  if (items.includes('none')) {
    if (items.length > 1) throw new Error('fail-on: "none" cannot be combined with other values')
    return []
  }
  for (const item of items) {
    if (!FAIL_ON_ITEMS.includes(item)) {
      throw new Error(`fail-on: unknown value "${item}"; use any of ${FAIL_ON_ITEMS.join(', ')}, or none`)
    }
  }
  return [...new Set(items)] as FailOnItem[]
}

export type Counts = Record<Status, number> & { warning: number; total: number }

export function countResults(results: readonly SubmissionResult[]): Counts {
  const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Counts
  counts.warning = 0
  counts.total = results.length
  for (const result of results) {
    counts[result.status] += 1
    if (hasWarnings(result)) counts.warning += 1
  }
  return counts
}

export interface Verdict {
  failed: boolean
  counts: Counts
  /** The submissions that make the step fail under `fail-on`, worst first as given. */
  failing: SubmissionResult[]
  allAccepted: boolean
  /** Input problems (an unreadable file, no IDs): they fail the step whatever `fail-on` says. */
  problems: string[]
  /** The step's failure message, or '' when it passes. */
  message: string
}

/** "5 submissions: 1 rejected, 4 accepted (1 with warnings)" — the verdict line's full counts. */
export function describeCounts(counts: Counts): string {
  const parts = STATUSES.filter((status) => counts[status] > 0).map((status) => {
    const warned = status === 'accepted' && counts.warning > 0 ? ` (${counts.warning} with warnings)` : ''
    return `${counts[status]} ${status}${warned}`
  })
  const noun = counts.total === 1 ? 'submission' : 'submissions'
  return `${counts.total} ${noun}: ${parts.join(', ') || 'none checked'}`
}

/**
 * `unlistedInvalid`: invalid entries counted but not among `results` (an ID list echoes only its first
 * hundred); they count as invalid, and fail the step as those do.
 */
export function decideVerdict(
  results: readonly SubmissionResult[],
  failOn: readonly FailOnItem[],
  problems: readonly string[] = [],
  unlistedInvalid = 0
): Verdict {
  const counts = countResults(results)
  counts.invalid += unlistedInvalid
  counts.total += unlistedInvalid
  const failing = results.filter(
    (result) =>
      (result.status !== 'accepted' && failOn.includes(result.status)) ||
      (failOn.includes('warning') && hasWarnings(result))
  )
  const failed = failing.length > 0 || problems.length > 0
  const allAccepted =
    results.length > 0 && problems.length === 0 && results.every((result) => result.status === 'accepted')
  // The step's failure message: at most ten problems (the summary and the log have them all).
  const reasons: string[] = problems.slice(0, 10)
  if (problems.length > 10) reasons.push(`and ${problems.length - 10} more problems`)
  if (failing.length > 0) {
    const listed = failing.slice(0, 20).map((result) => `${result.submission_id} (${result.status})`)
    const unlisted = failOn.includes('invalid') ? unlistedInvalid : 0
    const moreCount = failing.length - listed.length + unlisted
    const more = moreCount > 0 ? ` and ${moreCount} more` : ''
    reasons.push(`${describeCounts(counts)}. Failing under fail-on: ${listed.join(', ')}${more}`)
  }
  return {
    failed,
    counts,
    failing,
    allAccepted,
    problems: [...problems],
    message: reasons.join('. ')
  }
}
