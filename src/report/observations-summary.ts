// The job summary's "Where the observations went" section: one row per accepted submission with its
// counts, designations and references as WAMO gave them, and the totals. Everything WAMO returned is
// untrusted text: it goes through markdownText, cut short, and the section keeps within the room it is given.
import type { ObservationsRun, ObservationsSummary } from '../core/observations.js'
import { markdownText } from './escape.js'
import { cell, heading, idCell, RIGHT, row, TABLE_END, tableHead } from './html-table.js'

export const OBSERVATIONS_HEADING = '### Where the observations went'

// 'All' rather than 'Observations': one long header more and the table is wider than GitHub shows a summary.
const COUNTS = ['All', 'Published', 'Waiting', 'ITF', 'Other']
const HEADER = tableHead([
  heading('Submission'),
  ...COUNTS.map((title) => heading(title, RIGHT)),
  heading('Designations'),
  heading('References'),
  heading('Notes')
])
const numbers = (summary: ObservationsRun['totals'] | ObservationsSummary): string[] =>
  [summary.total, summary.published, summary.waiting, summary.itf, summary.other].map((n) => cell(String(n), RIGHT))

/** Distinct values as a cell: each escaped and cut, the cell cut again as a whole. */
function listCell(values: readonly string[]): string {
  if (values.length === 0) return '—'
  const shown = values.slice(0, 20).map((value) => markdownText(value, 64))
  return shown.join(', ')
}

function notesCell(summary: ObservationsSummary): string {
  if (summary.error !== null) return `⚠️ not followed: ${markdownText(summary.error, 300)}`
  const notes: string[] = []
  if (!summary.found) notes.push('not known to WAMO yet')
  if (summary.flags.neocp > 0) notes.push(`${summary.flags.neocp} on the NEOCP/PCCP`)
  if (summary.flags.near_duplicate > 0) notes.push(`${summary.flags.near_duplicate} near-duplicate`)
  if (summary.flags.deleted > 0) notes.push(`${summary.flags.deleted} deleted`)
  if (summary.found && summary.total > 0 && summary.published === summary.total) notes.push('all published')
  return notes.join('; ')
}

function submissionRow(id: string, summary: ObservationsSummary): string {
  // Keys are the submission IDs of accepted results: regex-checked, safe as they are.
  return row([
    idCell(id),
    ...numbers(summary),
    cell(listCell(summary.designations)),
    cell(listCell(summary.references)),
    cell(notesCell(summary))
  ])
}

/**
 * The section within `room` (measured by `measure`, as the rest of the summary is): the rows that fit, in
 * the order of the results, then the totals; a note says how many rows were left out. '' when there is no
 * room even for the totals.
 */
export function renderObservationsSection(
  run: ObservationsRun,
  room: number,
  measure: (text: string) => number
): string {
  const { totals } = run
  const n = totals.submissions
  const totalRow = row([
    cell(`<b>Total</b> (${n} accepted submission${n === 1 ? '' : 's'})`),
    ...numbers(totals),
    cell(''),
    cell(''),
    cell('')
  ])
  const intro =
    n === 0
      ? 'No accepted submission to follow.'
      : `Where WAMO (the MPC's "Where Are My Observations") places the observations of each accepted submission.` +
        (run.remembered > 0 ? ` ${run.remembered} all published, remembered from earlier runs.` : '')
  const fixed = [OBSERVATIONS_HEADING, '', intro, '', ...HEADER, totalRow, TABLE_END].join('\n')
  const reserve = 300
  let used = measure(fixed) + reserve
  if (used > room) return ''
  const rows: string[] = []
  for (const [id, summary] of run.bySubmission) {
    const line = submissionRow(id, summary)
    used += measure(line) + 1
    if (used > room) break
    rows.push(line)
  }
  const left = n - rows.length
  const note =
    left > 0
      ? `\n\n✂️ ${left} of ${n} submissions are not listed here to keep this summary within its size limit; each result's \`observations\` holds them all.`
      : ''
  return `${[OBSERVATIONS_HEADING, '', intro, '', ...HEADER, ...rows, totalRow, TABLE_END].join('\n')}${note}`
}

/** The log's one line about WAMO (trusted text: numbers only). */
export function describeObservationTotals(run: ObservationsRun): string {
  const { totals } = run
  const asked = `${run.requests} WAMO request${run.requests === 1 ? '' : 's'}`
  const remembered = run.remembered > 0 ? `, ${run.remembered} remembered` : ''
  return `🔭 Observations of ${totals.submissions} accepted submission${totals.submissions === 1 ? '' : 's'}: ${totals.total} in all, ${totals.published} published, ${totals.waiting} waiting, ${totals.itf} in the ITF, ${totals.other} other (${asked}${remembered}).`
}
