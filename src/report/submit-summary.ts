import { FORMAT_NAMES } from '../core/batch.js'
import type { SubmitNote, SubmitRun, SubmitVerdict } from '../core/submit.js'
import { cutChars } from '../core/text.js'
import { ANNOTATIONS_PER_LEVEL, type Annotation } from './annotations.js'
import { markdownText, revealInvisibles } from './escape.js'

/** The `reply` output: the MPC's text, untrusted, bounded. */
export const MAX_REPLY_OUTPUT_CHARS = 10_000

/** The MPC's reply, when there was one. */
export function replyOf(run: SubmitRun): string {
  const { finding } = run
  return finding === undefined || finding.status === 'not-sent' ? '' : finding.reply.trim()
}

/** The reply as inert text: invisible and control characters shown as escapes, at most `maxChars`. */
export const inertReply = (reply: string, maxChars = MAX_REPLY_OUTPUT_CHARS): string =>
  cutChars(revealInvisibles(reply), maxChars)

export const submissionIdOf = (run: SubmitRun): string =>
  run.finding?.status === 'submitted' ? run.finding.submissionId : ''

/** Every step output, by its name in submit/action.yml; the command line's --json prints the same. */
export function buildSubmitOutputs(run: SubmitRun): Record<string, string> {
  return {
    'submission-id': submissionIdOf(run),
    test: String(run.test),
    sha256: run.sha256 ?? '',
    observations: run.observations === undefined ? '' : String(run.observations),
    reply: inertReply(replyOf(run))
  }
}

function annotationOf(note: SubmitNote, level: Annotation['level']): Annotation {
  const where =
    note.file === undefined ? {} : { file: note.file, ...(note.line === undefined ? {} : { line: note.line }) }
  return { level: note.warning ? 'warning' : level, title: note.title, message: note.message, ...where }
}

/** Errors for the refusals and notices, each at its file and line where it has one; ten of each at most. */
export function submitAnnotations(run: SubmitRun): Annotation[] {
  const capped = (notes: readonly SubmitNote[], level: Annotation['level']): Annotation[] => {
    const shown = notes.slice(0, ANNOTATIONS_PER_LEVEL).map((note) => annotationOf(note, level))
    const left = notes.length - shown.length
    if (left > 0) {
      shown.push({ level, title: `${left} more`, message: `${left} more, listed in the job summary.` })
    }
    return shown
  }
  return [...capped(run.refusals, 'error'), ...capped(run.notices, 'notice')]
}

/**
 * The verdict's headline with its icon, as a person reads it first. The same three symbols as the status
 * gate: ✅ only for a production submission that passed, ⚠️ for a pass that submitted nothing for real (a test
 * submission), ❌ whenever the step fails (a refusal, an unknown outcome, a receipt not written).
 */
export function submitHeadline(run: SubmitRun, verdict: SubmitVerdict): string {
  const icon = verdict.failed ? '❌' : run.test ? '⚠️' : '✅'
  return `${icon} ${verdict.headline}`
}

export const TEST_BANNER =
  '> 🧪 **Test submission.** The MPC checked this batch on its test endpoint but will not process it: no observations ' +
  'were submitted. Set `test: false` to submit them for real.'

const code = (text: string): string => `\`${text}\``

/** The job summary: what was sent where, the submission ID, and why it failed when it did. */
export function renderSubmitSummary(run: SubmitRun, verdict: SubmitVerdict): string {
  const { finding } = run
  const lines = ['## MPC submission', '']
  if (run.test) lines.push(TEST_BANNER, '')
  lines.push(`**${submitHeadline(run, verdict)}**: ${markdownText(verdict.detail, 3000)}`, '')
  const submissionId = submissionIdOf(run)
  const receipt = run.receipt
    ? run.receipt.written
      ? `appended to ${markdownText(run.receipt.file, 300)}${run.receipt.possibly ? ' (as possibly submitted: a comment with no ID, which the duplicate guard reads)' : run.test ? ' (as a comment: a test ID is never checked)' : ''}`
      : `**not written** to ${markdownText(run.receipt.file, 300)}: ${markdownText(run.receipt.error ?? '', 300)}`
    : undefined
  const rows: [string, string][] = [
    ['File', markdownText(run.file, 300)],
    ['Format', run.format ? FORMAT_NAMES[run.format] : '—'],
    ['Observations', run.observations === undefined ? '—' : String(run.observations)],
    ['SHA-256', run.sha256 ? code(run.sha256) : '—'],
    ['Endpoint', run.endpoint ? markdownText(run.endpoint, 300) : '— (nothing was sent)'],
    ['Test or production', run.test ? 'test (checked, never processed)' : 'production'],
    ['Submission ID', submissionId ? code(submissionId) : '—'],
    ...(receipt === undefined ? [] : [['Receipt', receipt] as [string, string]])
  ]
  // A list, not a two-column table: a Markdown table must have a header row, and this one had none to give.
  lines.push(...rows.map(([name, value]) => `- **${name}:** ${value}`))
  if (run.refusals.length > 0) {
    lines.push('', '### Found before sending (nothing was sent)', '')
    lines.push(...run.refusals.map((note) => `- ${markdownText(note.message, 1000)}`))
  }
  if (run.notices.length > 0) {
    lines.push('', ...run.notices.map((note) => `ℹ️ ${markdownText(note.message, 1000)}`))
  }
  const reply = replyOf(run)
  if (reply !== '') {
    const status =
      finding && 'statusCode' in finding && finding.statusCode !== undefined ? ` (HTTP ${finding.statusCode})` : ''
    lines.push('', `**The MPC's reply**${status}:`, '', `> ${markdownText(reply, 2000)}`)
  }
  return `${lines.join('\n')}\n`
}
