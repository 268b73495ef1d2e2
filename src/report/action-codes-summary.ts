import type { ActionCodeResult, ActionCodeStatus, ActionCodesVerdict } from '../core/action-codes.js'
import { describeActionCodeCounts } from '../core/action-codes.js'
import { ANNOTATIONS_PER_LEVEL, type Annotation } from './annotations.js'
import { annotationText, markdownText } from './escape.js'
import { SUMMARY_MAX_BYTES } from './summary.js'

export const ACTION_CODES_PAGE = 'https://www.minorplanetcenter.net/submit_action_code'

/** How a person sees an action-code request's outcome, in the summary and the terminal. */
export function actionCodeStatusLabel(status: ActionCodeStatus): string {
  switch (status) {
    case 'requested':
      return '📨 requested'
    case 'malformed':
      return '🚫 malformed'
    case 'not-sent':
      return '✋ not sent'
    case 'refused':
      return '⛔ refused'
    case 'error':
      return '🛑 error'
  }
}

/** Where the codes go, and what they are for: the reason a person reads this summary at all. */
export const WHERE_THE_CODES_GO =
  'The MPC sends action codes by e-mail to the address of the original submitter; they are never in this log ' +
  `or in the API's answer. Use them on the [MPC action codes submission page](${ACTION_CODES_PAGE}) to ` +
  'retract or replace observations.'

function labelCell(result: ActionCodeResult): string {
  // A label that fits a format holds only [-A-Za-z0-9_:.]: safe in a code span. Anything else is untrusted.
  return result.status === 'malformed' ? markdownText(result.label, 200) : `\`${result.label}\``
}

function row(result: ActionCodeResult): string {
  const details = result.status === 'requested' ? '' : markdownText(result.message, 500)
  return `| ${labelCell(result)} | ${result.format ?? '—'} | ${actionCodeStatusLabel(result.status)} | ${details} |`
}

const HEADER = ['| Label | Format | Result | Details |', '| --- | --- | --- | --- |']

export interface ActionCodesSummaryInput {
  results: readonly ActionCodeResult[]
  verdict: ActionCodesVerdict
  cancelled?: boolean
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8')

/** The job summary as GitHub Flavored Markdown, within `maxBytes` (rows that do not fit are counted instead). */
export function renderActionCodesSummary(input: ActionCodesSummaryInput, maxBytes = SUMMARY_MAX_BYTES): string {
  const { verdict, results } = input
  // ✅ only when every label was requested; a cancel or anything else fails, and says so.
  const word = input.cancelled ? 'Cancelled' : verdict.failed ? 'Failed' : 'Passed'
  const icon = input.cancelled || verdict.failed ? '❌' : '✅'
  const head = [
    '## MPC action codes',
    '',
    `${icon} **${word}**: ${describeActionCodeCounts(verdict.counts, results.length)}.`
  ]
  if (input.cancelled) head.push('', '> **The run was cancelled.** Labels without an answer are shown as errors.')
  if (verdict.problems.length > 0) {
    // A run sends every label or none: say why this one sent none, every reason (each bounded).
    head.push(
      '',
      '**Nothing was sent**, so no e-mail went out:',
      '',
      ...verdict.problems.slice(0, 25).map((problem) => `- ${markdownText(problem, 300)}`)
    )
  }
  const tail = ['', WHERE_THE_CODES_GO, '']

  const rows = results.map(row)
  const fixed = bytes([...head, '', ...HEADER, ...tail].join('\n')) + 300
  const kept: string[] = []
  let used = fixed
  for (const line of rows) {
    used += bytes(line) + 1
    if (used > maxBytes) break
    kept.push(line)
  }
  const table = kept.length > 0 ? ['', ...HEADER, ...kept] : []
  const cut =
    kept.length < rows.length
      ? [
          '',
          `✂️ ${rows.length - kept.length} of ${rows.length} labels are not shown to keep this summary within GitHub's size limit; the full list is in the \`results\` output.`
        ]
      : []
  return [...head, ...table, ...cut, ...tail].join('\n')
}

/** Every step output, by its name in action-codes/action.yml; the CLI's --json prints `results`. */
export function buildActionCodesOutputs(
  results: readonly ActionCodeResult[],
  verdict: { requested: number; failedCount: number; notSent: number }
): Record<string, string> {
  return {
    results: JSON.stringify(results),
    'requested-count': String(verdict.requested),
    'failed-count': String(verdict.failedCount),
    'not-sent-count': String(verdict.notSent)
  }
}

/** Error annotations for the labels that failed, at most ten plus one saying how many more. */
export function actionCodeAnnotations(results: readonly ActionCodeResult[]): Annotation[] {
  // A withheld label failed nothing of its own: the malformed ones that held it back are annotated.
  const failing = results.filter((result) => result.status !== 'requested' && result.status !== 'not-sent')
  const titles: Record<Exclude<ActionCodeStatus, 'requested' | 'not-sent'>, string> = {
    malformed: 'Not an MPC label',
    refused: 'The MPC refused the action-code request',
    error: 'Could not request action codes'
  }
  const annotations: Annotation[] = failing.slice(0, ANNOTATIONS_PER_LEVEL).map((result) => ({
    level: 'error',
    title: titles[result.status as Exclude<ActionCodeStatus, 'requested' | 'not-sent'>],
    message: annotationText(`${result.label.slice(0, 200)}: ${result.message}`)
  }))
  const left = failing.length - ANNOTATIONS_PER_LEVEL
  if (left > 0) {
    annotations.push({
      level: 'error',
      title: `${left} more errors`,
      message: `${left} more labels failed; see the job summary and the results output.`
    })
  }
  return annotations
}
