import { formatDuration } from '../core/duration.js'
import { describeSource } from '../core/source.js'
import { hasWarnings, worstFirst, type SubmissionResult } from '../core/submission-result.js'
import { failsUnder, verdictHeadline, type FailOnItem, type Verdict } from '../core/verdict.js'
import type { ObservationsRun } from '../core/observations.js'
import { markdownText } from './escape.js'
import { cell, heading, iconCell, idCell, NOWRAP, RIGHT, row, TABLE_END, tableHead } from './html-table.js'
import { renderObservationsSection } from './observations-summary.js'
import { statusLabel } from './status-label.js'
import { plural } from '../core/text.js'

/** GitHub refuses a step summary over 1 MiB; stay well under it. */
export const SUMMARY_MAX_BYTES = 900_000
/** Input problems listed in the summary (each cut to 300 characters); the rest are counted. */
const SUMMARY_PROBLEMS = 10

export interface SummaryInput {
  title: string
  results: readonly SubmissionResult[]
  verdict: Verdict
  waitedMs?: number
  polls?: number
  /** How many answers came from the verdict store, and the oldest one's checked_at. */
  remembered?: { count: number; oldest: string }
  cancelled?: boolean
  /** Path of the results file, named where rows had to be left out. */
  resultsFile?: string
  /** Trusted Markdown appended at the end (run and commit links). */
  footer?: string
  /** Where the observations went (the `observations` input): a section of its own before the footer. */
  observations?: ObservationsRun
}

export interface RenderOptions {
  /** Size budget in UTF-8 bytes (the step summary) or UTF-16 units (a comment). */
  maxSize: number
  measure?: (text: string) => number
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8')

const isPlainAccepted = (result: SubmissionResult): boolean => result.status === 'accepted' && !hasWarnings(result)

function submissionCell(result: SubmissionResult): string {
  // A valid ID is regex-checked and safe as it is; anything invalid is untrusted text, and may wrap.
  return result.status === 'invalid' ? cell(markdownText(result.submission_id, 200)) : idCell(result.submission_id)
}

/**
 * The MPC's pipeline entry time (`2026-01-01T00:06:00.696565+00:00`) as `2026-01-01 00:06:00`, which may
 * break at its space: the full value is in the results. Anything else is untrusted text, shown as it is.
 */
function entryTimeCell(time: string | null | undefined): string {
  if (!time) return cell('—')
  const utc = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d{1,9})?(?:Z|\+00:00)$/.exec(time)
  return cell(utc ? `${utc[1]} ${utc[2]}` : markdownText(time, 64))
}

function detailCell(result: SubmissionResult): string {
  if (result.status === 'rejected' || hasWarnings(result)) return 'see fault events'
  if (isPlainAccepted(result)) return ''
  return markdownText(result.message, 500)
}

/**
 * The mark on a row: whether this submission makes the step fail, or was passed over because its status is
 * not in `fail-on`. Our own fixed words only.
 */
function failsCell(result: SubmissionResult, failOn: readonly FailOnItem[]): string {
  if (failsUnder(result, failOn)) return cell('❌&nbsp;yes', NOWRAP)
  return cell(isPlainAccepted(result) ? '' : 'no (not in fail-on)')
}

function submissionRow(result: SubmissionResult, failOn: readonly FailOnItem[]): string {
  const cells = [
    submissionCell(result),
    iconCell(statusLabel(result)),
    failsCell(result, failOn),
    entryTimeCell(result.pipeline_entry_time),
    cell(String(result.fault_events.length), RIGHT),
    cell(detailCell(result)),
    cell(markdownText(describeSource(result.source), 200))
  ]
  return row(cells)
}

function faultRows(result: SubmissionResult, failOn: readonly FailOnItem[]): string[] {
  // Most results have none: no cells made for them (this is asked of every result of a run).
  if (result.fault_events.length === 0) return []
  const kind = result.status === 'accepted' ? 'warning' : 'rejection'
  const start = [submissionCell(result), cell(kind), failsCell(result, failOn)]
  return result.fault_events.map((event) =>
    row([
      ...start,
      cell(String(event.phase), RIGHT),
      cell(String(event.failure_code), RIGHT),
      cell(markdownText(event.message))
    ])
  )
}

const SUBMISSION_HEADINGS = [
  heading('Submission'),
  heading('Status'),
  heading('Fails the step'),
  heading('Pipeline entry time (UTC)'),
  heading('Fault events', RIGHT),
  heading('Details'),
  heading('From')
]
const SUBMISSION_HEADER = tableHead(SUBMISSION_HEADINGS)
/** No submission row is shorter than this: a cell per column, empty; content and attributes only add. */
const LEAST_ROW = row(SUBMISSION_HEADINGS.map(() => cell('')))
const FAULT_HEADER = [
  '### Fault events',
  '',
  ...tableHead([
    heading('Submission'),
    heading('Kind'),
    heading('Fails the step'),
    heading('Phase', RIGHT),
    heading('Failure code', RIGHT),
    heading('Message')
  ])
]

/** "2990 remembered from earlier runs, the oldest checked on 2026-11-20 14:02 UTC": trusted text only. */
export function describeRemembered(remembered: { count: number; oldest: string }): string {
  const oldest = `${remembered.oldest.slice(0, 10)} ${remembered.oldest.slice(11, 16)} UTC`
  return `${remembered.count} remembered from earlier runs (accepted answers not asked again), the oldest checked on ${oldest}.`
}

/** Where the rows that did not fit can be read. */
function fullListHint(resultsFile: string | undefined): string {
  return resultsFile
    ? `the full list is in the \`results\` output and in ${markdownText(resultsFile, 300)}`
    : 'the full list is in the `results` output (set `results-file` to keep it as a file)'
}

function headLines(input: SummaryInput): string[] {
  const { verdict } = input
  // The headline is our own words and numbers: no untrusted text, so nothing to escape.
  const { icon, word, detail } = verdictHeadline(verdict)
  const lines = [`## ${markdownText(input.title, 200)}`, '', `${icon} **${word}**: ${detail}.`]
  if (input.waitedMs !== undefined && input.waitedMs > 0) {
    lines.push(
      '',
      `Waited ${formatDuration(input.waitedMs)} for undecided submissions (${plural(input.polls ?? 0, 'poll')}).`
    )
  }
  if (input.remembered && input.remembered.count > 0) {
    lines.push('', describeRemembered(input.remembered))
  }
  if (input.cancelled) {
    lines.push('', '> **The run was cancelled.** Undecided submissions are shown as they were last seen.')
  }
  if (verdict.problems.length > 0) {
    // Problems fail the step whatever fail-on says, so they carry its mark. They are bounded like rows: a long list of missing files must not push the summary over its limit.
    const shown = verdict.problems.slice(0, SUMMARY_PROBLEMS)
    lines.push('', ...shown.map((problem) => `- ❌ ${markdownText(problem, 300)}`))
    const more = verdict.problems.length - shown.length
    if (more > 0) lines.push(`- ❌ and ${more} more problem${more === 1 ? '' : 's'}; the log lists them all`)
  }
  return lines
}

/**
 * The rows of `results` as far as they fit in `room`. When even rows of LEAST_ROW's size could not all fit, the
 * table cannot be whole, and no row is made to find that out: a run of 150,000 made a megabyte of rows at its
 * very end only to drop them.
 */
function fitRows(
  results: readonly SubmissionResult[],
  rowOf: (result: SubmissionResult) => string,
  room: number,
  measure: (text: string) => number
): { kept: string[]; all: boolean } {
  if (results.length * (measure(LEAST_ROW) + 1) > room) return { kept: [], all: false }
  return fit(mapLazily(results, rowOf), room, measure)
}

/** As many of `rows` as fit in `room` (each with its line break), built only that far: huge runs cost the budget. */
function fit(
  rows: Iterable<string>,
  room: number,
  measure: (text: string) => number
): { kept: string[]; all: boolean } {
  const kept: string[] = []
  let used = 0
  for (const row of rows) {
    used += measure(row) + 1
    if (used > room) return { kept, all: false }
    kept.push(row)
  }
  return { kept, all: true }
}

function* mapLazily<T>(items: readonly T[], map: (item: T) => string | string[]): Generator<string> {
  for (const item of items) {
    const mapped = map(item)
    if (typeof mapped === 'string') yield mapped
    else yield* mapped
  }
}

/**
 * The job summary as GitHub Flavored Markdown, within `maxSize`. When everything does not fit it degrades in
 * stages: plainly accepted rows collapse into one line, then the fault table is cut, then the submission
 * table; each cut says how many rows were left out and where the full list is. The verdict line always
 * gives the full counts. Rows are rendered only as far as they fit, so a run of 250,000 submissions costs
 * about what the budget holds, not what the whole list would.
 */
export function renderSummary(input: SummaryInput, options: RenderOptions): string {
  const measure = options.measure ?? bytes
  const ordered = worstFirst(input.results)
  const head = headLines(input).join('\n')
  // The observations section takes at most a third of the budget; what it takes, the tables cannot.
  const observations = input.observations
    ? renderObservationsSection(input.observations, Math.floor(options.maxSize / 3), measure)
    : ''
  const footer = `${observations ? `\n\n${observations}` : ''}${input.footer ? `\n\n${input.footer}` : ''}`
  const faultCount = ordered.reduce((sum, result) => sum + result.fault_events.length, 0)
  const notable = ordered.filter((result) => !isPlainAccepted(result))
  const collapsed = ordered.length - notable.length

  const assemble = (rows: string[], rowsNote: string, faults: string[], faultsNote: string): string => {
    const parts = [head]
    if (rows.length > 0) parts.push([...SUBMISSION_HEADER, ...rows, TABLE_END].join('\n'))
    if (rowsNote) parts.push(rowsNote)
    if (faults.length > 0) parts.push([...FAULT_HEADER, ...faults, TABLE_END].join('\n'))
    if (faultsNote) parts.push(faultsNote)
    return `${parts.join('\n\n')}${footer}\n`
  }
  const fixed = (rowsNote: string): number =>
    measure(assemble([], rowsNote, [], '')) +
    measure(SUBMISSION_HEADER.join('\n')) +
    measure(FAULT_HEADER.join('\n')) +
    2 * measure(TABLE_END) +
    10
  const { failOn } = input.verdict
  const faultsOf = (): Generator<string> => mapLazily(ordered, (result) => faultRows(result, failOn))
  const rowOf = (result: SubmissionResult): string => submissionRow(result, failOn)

  // Stage 0: everything.
  const room0 = options.maxSize - fixed('')
  const rows0 = fitRows(ordered, rowOf, room0, measure)
  if (rows0.all) {
    const faults0 = fit(faultsOf(), room0 - rows0.kept.reduce((sum, row) => sum + measure(row) + 1, 0), measure)
    if (faults0.all) return assemble(rows0.kept, '', faults0.kept, '')
  }

  // Stage 1: collapse the plainly accepted rows.
  const collapsedNote =
    collapsed > 0
      ? `✅ ${collapsed} accepted submission${collapsed === 1 ? '' : 's'} without fault events ${collapsed === 1 ? 'is' : 'are'} not listed here; ${fullListHint(input.resultsFile)}.`
      : ''
  const reserve = 400 // for the notes saying what was left out
  const room1 = options.maxSize - fixed(collapsedNote) - reserve
  const rows1 = fit(mapLazily(notable, rowOf), room1, measure)
  if (rows1.all) {
    const used = rows1.kept.reduce((sum, row) => sum + measure(row) + 1, 0)
    const faults1 = fit(faultsOf(), room1 - used, measure)
    if (faults1.all) return assemble(rows1.kept, collapsedNote, faults1.kept, '')
    // Stage 2: cut the fault table to what fits.
    const faultsNote = `✂️ ${faultCount - faults1.kept.length} of ${faultCount} fault events are not shown to keep this summary within GitHub's size limit; ${fullListHint(input.resultsFile)}.`
    return assemble(rows1.kept, collapsedNote, faults1.kept, faultsNote)
  }

  // Stage 3: cut the submission table too, and leave the fault table out.
  const rowsNote = [
    collapsedNote,
    `✂️ ${notable.length - rows1.kept.length} of ${notable.length} submissions that are not plainly accepted, and all ${faultCount} fault events, are not shown to keep this summary within GitHub's size limit; ${fullListHint(input.resultsFile)}.`
  ]
    .filter(Boolean)
    .join('\n\n')
  return assemble(rows1.kept, rowsNote, [], '')
}
