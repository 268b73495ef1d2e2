// The "Where the observations went" section: bounded like the rest of the summary, totals always shown.
import type { ObservationsRun, ObservationsSummary } from '../src/core/observations.js'
import type { SubmissionResult } from '../src/core/submission-result.js'
import { decideVerdict } from '../src/core/verdict.js'
import { OBSERVATIONS_HEADING, renderObservationsSection } from '../src/report/observations-summary.js'
import { renderSummary, SUMMARY_MAX_BYTES } from '../src/report/summary.js'
import { renderGfm, tables } from './helpers/gfm.js'
import { submissionResult } from './helpers/factories.js'

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8')

const summary = (i: number): ObservationsSummary => ({
  total: 4,
  published: 3,
  waiting: 1,
  itf: 0,
  other: 0,
  designations: [`2026 A${i}`, '29149'],
  references: ['MPS   145016'],
  flags: { neocp: 0, near_duplicate: i === 0 ? 1 : 0, deleted: 0 },
  checked_at: '2026-02-02T00:00:00.000Z',
  found: true,
  error: null
})

function runOf(n: number): { run: ObservationsRun; results: SubmissionResult[] } {
  const ids = Array.from(
    { length: n },
    (_, i) => `2026-02-01T10:00:00.${String(i % 1000).padStart(3, '0')}_S${String(i).padStart(7, '0')}`
  )
  const bySubmission = new Map(ids.map((id, i) => [id, summary(i)]))
  const results = ids.map((id) => submissionResult(id, 'accepted', { pipeline_entry_time: null }))
  const totals = { submissions: n, total: 4 * n, published: 3 * n, waiting: n, itf: 0, other: 0 }
  return { run: { bySubmission, totals, unfollowed: [], remembered: 0, requests: Math.ceil(n / 100) }, results }
}

test('rows with counts, designations, references and flags, then the totals', () => {
  const { run } = runOf(2)
  const section = renderObservationsSection(run, 100_000, bytes)
  expect(section.startsWith(OBSERVATIONS_HEADING)).toBe(true)
  const [table] = tables(renderGfm(section))
  expect(table?.slice(1)).toEqual([
    ['2026-02-01T10:00:00.000_S0000000', '4', '3', '1', '0', '0', '2026 A0, 29149', 'MPS   145016', '1 near-duplicate'],
    ['2026-02-01T10:00:00.001_S0000001', '4', '3', '1', '0', '0', '2026 A1, 29149', 'MPS   145016', ''],
    ['Total (2 accepted submissions)', '8', '6', '2', '0', '0', '', '', '']
  ])
})

test('6,000 submissions: the section keeps to its third of the summary, says what it left out, keeps the totals', () => {
  const { run, results } = runOf(6000)
  const markdown = renderSummary(
    {
      title: 'MPC submission status',
      results,
      verdict: decideVerdict(results, ['rejected']),
      observations: run
    },
    { maxSize: SUMMARY_MAX_BYTES }
  )
  expect(bytes(markdown)).toBeLessThanOrEqual(SUMMARY_MAX_BYTES)
  const section = markdown.slice(markdown.indexOf(OBSERVATIONS_HEADING))
  expect(bytes(section)).toBeLessThanOrEqual(SUMMARY_MAX_BYTES / 3)
  const shown = (section.match(/^<tr><td nowrap><samp>2026-/gm) ?? []).length
  expect(shown).toBeGreaterThan(1000)
  expect(shown).toBeLessThan(6000)
  expect(section).toContain(`✂️ ${6000 - shown} of 6000 submissions are not listed here`)
  expect(tables(renderGfm(section))[0]?.at(-1)?.slice(0, 6)).toEqual([
    'Total (6000 accepted submissions)',
    '24000',
    '18000',
    '6000',
    '0',
    '0'
  ])
})
