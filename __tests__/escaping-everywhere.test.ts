// One hostile string in every untrusted field of the three job summaries (status, submit, action codes),
// rendered as GitHub renders Markdown (helpers/gfm): each must show the string as text, in its place, and
// make exactly the elements a harmless string makes there. A field whose escaping is dropped fails its row.
import type { ActionCodeResult } from '../src/core/action-codes.js'
import { decideActionCodesVerdict } from '../src/core/action-codes.js'
import type { ObservationsRun, ObservationsSummary } from '../src/core/observations.js'
import { quotedName, receiptLine } from '../src/core/receipts.js'
import type { SubmissionResult } from '../src/core/submission-result.js'
import { decideSubmitVerdict, type SubmitRun } from '../src/core/submit.js'
import { decideVerdict, DEFAULT_FAIL_ON } from '../src/core/verdict.js'
import { renderActionCodesSummary } from '../src/report/action-codes-summary.js'
import { renderSubmitSummary } from '../src/report/submit-summary.js'
import { renderSummary, type SummaryInput } from '../src/report/summary.js'
import { SUBMIT_INPUT_NAMES } from '../src/submit/settings.js'
import { elements, renderGfm, textOf, type HtmlNode } from './helpers/gfm.js'

// Closes a table cell, opens a script and an image, a table pipe, emphasis, a line break, a code span, a
// mention, a reference, a workflow command and a right-to-left override; short enough that no field cuts it.
const HOSTILE = '</td><script>x</script>|**b**<img src>\n`c` @user #1 ::error::\u202Ex'
// The same shape (one line break) and nothing else: what a field makes with text that means no harm.
const HARMLESS = 'plain\ntext'
// As a reader sees a text: every character as written, the override shown as its escape, a break a break.
const asShown = (text: string): string => text.replace('\u202E', '\\u202E')

const ID = '2026-01-01T00:05:07.453_0000BhCE'
// Tags no summary has of its own; any other tag must be exactly as many as with the harmless string.
const FOREIGN = ['script', 'img']

function result(over: Partial<SubmissionResult> = {}): SubmissionResult {
  return {
    submission_id: ID,
    status: 'accepted',
    accepted: true,
    pipeline_entry_time: '2026-01-01T00:06:00.696565+00:00',
    fault_events: [],
    message: 'accepted',
    source: { file: 'mpc/ids.txt', line: 3 },
    checked_at: null,
    ...over
  }
}

function statusSummary(results: SubmissionResult[], over: Partial<SummaryInput> = {}, maxSize = 900_000): string {
  const verdict = decideVerdict(results, DEFAULT_FAIL_ON)
  return renderSummary({ title: 'MPC submission status', results, verdict, ...over }, { maxSize })
}

const wamo = (over: Partial<ObservationsSummary>): ObservationsRun => {
  const summary: ObservationsSummary = {
    total: 1,
    published: 1,
    waiting: 0,
    itf: 0,
    other: 0,
    designations: ['2026 AB'],
    references: ['MPS 145016'],
    flags: { neocp: 0, near_duplicate: 0, deleted: 0 },
    checked_at: '2026-02-02T00:00:00.000Z',
    found: true,
    error: null,
    ...over
  }
  const totals = { submissions: 1, total: 1, published: 1, waiting: 0, itf: 0, other: 0 }
  return { bySubmission: new Map([[ID, summary]]), totals, unfollowed: [], remembered: 0, requests: 1 }
}

function submitSummary(over: Partial<SubmitRun>): string {
  const run: SubmitRun = {
    file: 'out/tonight.psv',
    test: false,
    format: 'psv',
    observations: 3,
    sha256: 'a'.repeat(64),
    endpoint: 'https://minorplanetcenter.net/submit_psv',
    refusals: [],
    notices: [],
    finding: { status: 'submitted', submissionId: ID, statusCode: 200, reply: `[tonight].  Submission ID is ${ID}` },
    cancelled: false,
    ...over
  }
  return renderSubmitSummary(run, decideSubmitVerdict(run, SUBMIT_INPUT_NAMES))
}

const receipt = (file: string) =>
  receiptLine({ date: new Date(0), test: false, format: 'psv', observations: 3, sha256: 'a'.repeat(64), file })

function actionCodesSummary(results: ActionCodeResult[], problems: string[] = []): string {
  return renderActionCodesSummary({ results, verdict: decideActionCodesVerdict(results, problems) })
}

const requested: ActionCodeResult = {
  label: 'A10cnQO',
  format: 'trksub',
  status: 'requested',
  message: 'request taken; the codes go by e-mail to the original submitter'
}

// Many plainly accepted rows and a small budget: the summary collapses them and names the results file.
const manyAccepted = Array.from({ length: 60 }, (_, n) =>
  result({ submission_id: `2026-01-01T00:05:07.${String(n).padStart(3, '0')}_0000BhCE` })
)

/** One row per untrusted field: the summary with `text` in that field, and how the field shows it. */
const FIELDS: [string, (text: string) => string, (shown: string) => string][] = [
  // The status summary (and the pull-request comment, which is the same rendering).
  ['status: title', (text) => statusSummary([result()], { title: text }), (s) => s],
  [
    'status: fault message',
    (text) =>
      statusSummary([
        result({
          status: 'rejected',
          accepted: false,
          fault_events: [{ message: text, phase: 2, failure_code: 5 }],
          message: 'rejected'
        })
      ]),
    (s) => s
  ],
  [
    'status: invalid-ID cell',
    (text) =>
      statusSummary([
        result({ submission_id: text, status: 'invalid', accepted: null, pipeline_entry_time: null, message: 'x' })
      ]),
    (s) => s
  ],
  [
    'status: Details',
    (text) => statusSummary([result({ status: 'error', accepted: null, pipeline_entry_time: null, message: text })]),
    (s) => s
  ],
  // An ID file's name is a pull request's to choose.
  ['status: From', (text) => statusSummary([result({ source: { file: text, line: 3 } })]), (s) => `${s}:3`],
  ['status: pipeline entry time', (text) => statusSummary([result({ pipeline_entry_time: text })]), (s) => s],
  [
    'status: problems',
    (text) => statusSummary([result()], { verdict: decideVerdict([result()], DEFAULT_FAIL_ON, { problems: [text] }) }),
    (s) => s
  ],
  ['status: results-file', (text) => statusSummary(manyAccepted, { resultsFile: text }, 4000), (s) => s],
  [
    'status: WAMO designations',
    (text) => statusSummary([result()], { observations: wamo({ designations: [text] }) }),
    (s) => s
  ],
  [
    'status: WAMO references',
    (text) => statusSummary([result()], { observations: wamo({ references: [text] }) }),
    (s) => s
  ],
  [
    'status: WAMO error',
    (text) => statusSummary([result()], { observations: wamo({ found: false, published: 0, error: text }) }),
    (s) => s
  ],
  // The submit summary.
  ['submit: file', (text) => submitSummary({ file: text }), (s) => s],
  [
    'submit: receipt file',
    (text) => submitSummary({ receipt: { file: text, line: receipt('out/tonight.psv'), written: true } }),
    (s) => s
  ],
  [
    'submit: receipt error',
    (text) =>
      submitSummary({
        receipt: { file: 'receipts.txt', line: receipt('out/tonight.psv'), written: false, error: text }
      }),
    (s) => s
  ],
  // The line to add by hand quotes the file name as JSON: its break is the two characters \n there.
  [
    'submit: receipt line',
    (text) =>
      submitSummary({
        file: 'out/tonight.psv',
        receipt: { file: 'receipts.txt', line: receipt(text), written: false }
      }),
    (s) => quotedName(s)
  ],
  ['submit: endpoint', (text) => submitSummary({ endpoint: text }), (s) => s],
  [
    'submit: refusal',
    (text) => submitSummary({ refusals: [{ title: 'Not submitted', message: text }], finding: undefined }),
    (s) => s
  ],
  ['submit: notice', (text) => submitSummary({ notices: [{ title: 'Submitted again', message: text }] }), (s) => s],
  [
    'submit: the MPC’s reply',
    (text) => submitSummary({ finding: { status: 'refused', statusCode: 400, reply: text, message: 'HTTP 400' } }),
    (s) => s
  ],
  // The action-codes summary: its table is a Markdown pipe table, where a `|` would open a cell.
  [
    'action codes: malformed label',
    (text) =>
      actionCodesSummary([
        requested,
        { label: text, format: null, status: 'malformed', message: 'fits none of the documented formats' }
      ]),
    (s) => s
  ],
  [
    'action codes: the MPC’s refusal',
    (text) => actionCodesSummary([requested, { label: 'A10cnQP', format: 'trksub', status: 'refused', message: text }]),
    (s) => s
  ],
  ['action codes: problems', (text) => actionCodesSummary([requested], [text]), (s) => s]
]

/** How many of each element the rendered page holds. */
function census(html: string): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const node of elements(html)) counts[node.nodeName] = (counts[node.nodeName] ?? 0) + 1
  return counts
}

const body = (html: string): HtmlNode => elements(html, 'body')[0] as HtmlNode
const childElements = (node: HtmlNode): HtmlNode[] =>
  (node.childNodes ?? []).filter((child) => !child.nodeName.startsWith('#'))

/** Where `text` shows: the child-element indices down to the innermost element that holds all of it. */
function placeOf(node: HtmlNode, text: string): number[] | undefined {
  if (!textOf(node).includes(text)) return undefined
  for (const [index, child] of childElements(node).entries()) {
    const below = placeOf(child, text)
    if (below) return [index, ...below]
  }
  return []
}

const elementAt = (node: HtmlNode, place: readonly number[]): HtmlNode | undefined =>
  place.reduce<HtmlNode | undefined>((at, index) => (at ? childElements(at)[index] : undefined), node)

test.each(FIELDS)(
  '%s: shown as text, in its place, with the elements a harmless string makes',
  (_name, render, shows) => {
    const harmless = renderGfm(render(HARMLESS))
    const markdown = render(HOSTILE)
    const hostile = renderGfm(markdown)
    // GitHub links @mentions and #references after rendering, which micromark does not: in the Markdown itself,
    // their characters are character references already.
    for (const raw of ['@user', ' #1 ']) expect({ raw, found: markdown.includes(raw) }).toEqual({ raw, found: false })
    // The field is there at all, and this is where: a heading, a list item, a table cell ...
    const place = placeOf(body(harmless), shows(HARMLESS))
    expect(place).toBeInstanceOf(Array)
    // Exactly the same markup, table cells and rows included; none of the hostile string's own.
    expect(census(hostile)).toEqual(census(harmless))
    for (const tag of FOREIGN) expect({ tag, found: elements(hostile, tag).length }).toEqual({ tag, found: 0 })
    // And every character of it shows, as written, in the same place.
    const there = elementAt(body(hostile), place ?? [])
    expect(there?.nodeName).toBe(elementAt(body(harmless), place ?? [])?.nodeName)
    expect(textOf(there as HtmlNode)).toContain(asShown(shows(HOSTILE)))
    expect(textOf(body(hostile))).not.toContain('\u202E')
    // Wherever else the field shows (a verdict line and a list, say), it shows whole there too.
    const count = (text: string, part: string): number => text.split(part).length - 1
    expect(count(textOf(body(hostile)), asShown(shows(HOSTILE)))).toBe(count(textOf(body(harmless)), shows(HARMLESS)))
  }
)
