import { cutChars } from './text.js'
import { hasWarnings, STATUSES, type Status, type SubmissionResult } from './submission-result.js'

/** What `fail-on` may name: any status except accepted, plus `warning`, or `none` alone. */
export type FailOnItem = Exclude<Status, 'accepted'> | 'warning'
export const DEFAULT_FAIL_ON: readonly FailOnItem[] = ['rejected', 'not-found', 'invalid', 'error']
const FAIL_ON_ITEMS: readonly string[] = [...STATUSES.filter((s) => s !== 'accepted'), 'warning']

/** Parses `fail-on` ("rejected, not-found" or "none"); throws with the allowed values on anything else. */
/** `name` is how the user gave the list (the action's `fail-on` input, the command line's `--fail-on`). */
export function parseFailOn(text: string, name = 'fail-on'): FailOnItem[] {
  const items = text
    .split(/[\s,]+/)
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '')
  if (items.length === 0) return [...DEFAULT_FAIL_ON]
  if (items.includes('none')) {
    if (items.length > 1) throw new Error(`${name}: "none" cannot be combined with other values`)
    return []
  }
  for (const item of items) {
    if (!FAIL_ON_ITEMS.includes(item)) {
      throw new Error(`${name}: unknown value "${cutChars(item, 40)}"; use any of ${FAIL_ON_ITEMS.join(', ')}, or none`)
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

/**
 * What a person is told, in every reporter alike: `passed` only when the step passes and every submission was
 * accepted without fault events; `exceptions` when it passes while tolerating something (a pending one, a
 * warning, any status not in `fail-on`); `failed` when it fails; `cancelled` when the run was stopped before
 * every submission was decided (the step fails then too, and never says it passed).
 */
export type VerdictLevel = 'passed' | 'exceptions' | 'failed' | 'cancelled'

/** What the step passed over: a status not in `fail-on` (or `warning`, for accepted with fault events). */
export interface Tolerated {
  item: FailOnItem
  count: number
}

export interface Verdict {
  level: VerdictLevel
  /** Whether the step fails: `level` is failed or cancelled. */
  failed: boolean
  counts: Counts
  /** The `fail-on` this verdict was decided under, so a reporter can mark each failing row (failsUnder). */
  failOn: readonly FailOnItem[]
  /** The submissions that make the step fail under `fail-on`, worst first as given. */
  failing: SubmissionResult[]
  /** What the step tolerated, worst first; empty when there is nothing to except. */
  tolerated: Tolerated[]
  allAccepted: boolean
  /** Input problems (an unreadable file, no IDs): they fail the step whatever `fail-on` says. */
  problems: string[]
  /** The step's failure message, the full counts first, or '' when it passes. */
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

/** Whether this one result makes the step fail under `failOn`: the mark on a summary row. */
export function failsUnder(result: SubmissionResult, failOn: readonly FailOnItem[]): boolean {
  return (
    (result.status !== 'accepted' && failOn.includes(result.status)) ||
    (failOn.includes('warning') && hasWarnings(result))
  )
}

function toleratedOf(counts: Counts, failOn: readonly FailOnItem[]): Tolerated[] {
  const items: FailOnItem[] = [...STATUSES.filter((status) => status !== 'accepted'), 'warning']
  return items
    .filter((item) => !failOn.includes(item) && counts[item] > 0)
    .map((item) => ({ item, count: counts[item] }))
}

/** "1 pending, 1 accepted with warnings not in fail-on": what a pass with exceptions passed over. */
export function describeTolerated(tolerated: readonly Tolerated[], failOnName = 'fail-on'): string {
  const parts = tolerated.map(({ item, count }) => `${count} ${item === 'warning' ? 'accepted with warnings' : item}`)
  return parts.length > 0 ? `${parts.join(', ')} not in ${failOnName}` : ''
}

const VERDICT_WORDS: Record<VerdictLevel, { icon: string; word: string }> = {
  passed: { icon: '✅', word: 'Passed' },
  exceptions: { icon: '⚠️', word: 'Passed, with exceptions' },
  failed: { icon: '❌', word: 'Failed' },
  cancelled: { icon: '❌', word: 'Cancelled' }
}

export interface VerdictHeadline {
  icon: string
  /** "Passed", "Passed, with exceptions", "Failed" or "Cancelled". */
  word: string
  /** The full counts, and for a pass with exceptions what it tolerated: our own words and numbers only. */
  detail: string
}

/** The verdict's head, the same in the summary, the comment, the log and the terminal. */
export function verdictHeadline(verdict: Verdict, failOnName = 'fail-on'): VerdictHeadline {
  const { icon, word } = VERDICT_WORDS[verdict.level]
  const counts = describeCounts(verdict.counts)
  const detail =
    verdict.level === 'exceptions' ? `${counts} — ${describeTolerated(verdict.tolerated, failOnName)}` : counts
  return { icon, word, detail }
}

/**
 * The verdict as one line of plain text, the log's last line and the terminal's: the headline, and when the
 * step fails, the full counts, then the reasons (problems, failing IDs).
 */
export function verdictLine(verdict: Verdict, failOnName = 'fail-on'): string {
  const { icon, word, detail } = verdictHeadline(verdict, failOnName)
  if (!verdict.failed) return `${icon} ${word}: ${detail}.`
  const message = verdict.level === 'cancelled' ? `${word} before every submission was decided` : word
  return `${icon} ${message}: ${verdict.message}${verdict.message.endsWith('.') ? '' : '.'}`
}

export interface VerdictOptions {
  /** Input problems (an unreadable file, no IDs): they fail the step whatever `fail-on` says. */
  problems?: readonly string[]
  /**
   * Invalid entries counted but not among `results` (an ID list echoes only its first hundred); they count as
   * invalid, and fail the step as those do.
   */
  unlistedInvalid?: number
  /** The run was stopped before every submission was decided. */
  cancelled?: boolean
  /** How the user names `fail-on` in the failure message (the command line's `--fail-on`). */
  failOnName?: string
}

export function decideVerdict(
  results: readonly SubmissionResult[],
  failOn: readonly FailOnItem[],
  options: VerdictOptions = {}
): Verdict {
  const problems = options.problems ?? []
  const unlistedInvalid = options.unlistedInvalid ?? 0
  const counts = countResults(results)
  counts.invalid += unlistedInvalid
  counts.total += unlistedInvalid
  const failing = results.filter((result) => failsUnder(result, failOn))
  const unlistedFailing = failOn.includes('invalid') ? unlistedInvalid : 0
  const cancelled = options.cancelled === true
  const failed = failing.length > 0 || unlistedFailing > 0 || problems.length > 0 || cancelled
  const allAccepted =
    results.length > 0 && problems.length === 0 && results.every((result) => result.status === 'accepted')
  const tolerated = toleratedOf(counts, failOn)
  const level: VerdictLevel = cancelled
    ? 'cancelled'
    : failed
      ? 'failed'
      : allAccepted && counts.warning === 0 && unlistedInvalid === 0
        ? 'passed'
        : 'exceptions'
  // The step's failure message: the full counts, at most ten problems (the summary and the log have them all),
  // then the failing IDs.
  const reasons: string[] = []
  if (failed) reasons.push(describeCounts(counts), ...problems.slice(0, 10))
  if (problems.length > 10) reasons.push(`and ${problems.length - 10} more problems`)
  if (failing.length > 0 || unlistedFailing > 0) {
    const listed = failing.slice(0, 20).map((result) => `${result.submission_id} (${result.status})`)
    const moreCount = failing.length - listed.length + unlistedFailing
    const more = moreCount > 0 ? `${listed.length > 0 ? ' and ' : ''}${moreCount} more` : ''
    reasons.push(`Failing under ${options.failOnName ?? 'fail-on'}: ${listed.join(', ')}${more}`)
  }
  return {
    level,
    failed,
    counts,
    failOn: [...failOn],
    failing,
    tolerated,
    allAccepted,
    problems: [...problems],
    message: reasons.join('. ')
  }
}
