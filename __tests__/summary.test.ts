import { decideVerdict, DEFAULT_FAIL_ON } from '../src/core/verdict.js'
import type { SubmissionResult } from '../src/core/submission-result.js'
import { renderSummary } from '../src/report/summary.js'
import { elements, elementsIn, renderGfm, tables, textOf, type HtmlNode } from './helpers/gfm.js'
import { submissionResult } from './helpers/factories.js'

const id = (n: number): string => `2026-01-01T00:05:07.${String(n).padStart(3, '0')}_0000BhCE`

const result = (n: number, status: SubmissionResult['status'], faults: string[] = []): SubmissionResult =>
  submissionResult(id(n), status, { faults, source: { file: 'mpc/ids.txt', line: n + 1 } })

const render = (results: SubmissionResult[], maxSize = 900_000, resultsFile?: string): string =>
  renderSummary(
    { title: 'MPC submission status', results, verdict: decideVerdict(results, DEFAULT_FAIL_ON), resultsFile },
    { maxSize }
  )

test('worst first: rejected, then warnings, then accepted; fault table covers rejections and warnings', () => {
  const html = renderGfm(
    render([
      result(1, 'accepted'),
      result(2, 'accepted', ['deprecated code']),
      result(3, 'rejected', ['duplicate', 'ingest failed'])
    ])
  )
  expect(elements(html, 'h2').length).toBe(1)
  const [submissions, faults] = tables(html)
  expect(submissions?.[0]).toEqual([
    'Submission',
    'Status',
    'Fails the step',
    'Pipeline entry time (UTC)',
    'Fault events',
    'Details',
    'From'
  ])
  // The rejection fails the step; the warning is tolerated under the default fail-on, and says so.
  expect(submissions?.slice(1).map((row) => [row[0], row[1], row[2], row[4]])).toEqual([
    [id(3), '❌ rejected', '❌ yes', '2'],
    [id(2), '⚠️ accepted with warnings', 'no (not in fail-on)', '1'],
    [id(1), '✅ accepted', '', '0']
  ])
  expect(submissions?.[3]?.[6]).toBe('mpc/ids.txt:2')
  expect(faults?.[0]).toEqual(['Submission', 'Kind', 'Fails the step', 'Phase', 'Failure code', 'Message'])
  expect(faults?.slice(1)).toEqual([
    [id(3), 'rejection', '❌ yes', '2', '5', 'duplicate'],
    [id(3), 'rejection', '❌ yes', '2', '6', 'ingest failed'],
    [id(2), 'warning', 'no (not in fail-on)', '2', '5', 'deprecated code']
  ])
})

test.each([
  ['pipes and a fake row', 'a | b |\n| --- | --- |\n| forged | row |'],
  ['HTML', '<script>alert(1)</script><img src=x onerror=alert(1)><details open>'],
  [
    'links, autolinks, mentions and references',
    '[click](https://evil.example) https://evil.example www.evil.example @octocat #12 x@y.example'
  ],
  ['emphasis, code and math', '**bold** _it_ `code` ~~gone~~ $x^2$ \\| \\'],
  ['a heading and a list after a line break', 'first\n# heading\n- item\n> quote\n\n\nafter blank lines'],
  ['entities', '&lt;b&gt; &amp; &#124;']
])('untrusted text stays inert and inside its cell: %s', (_name, message) => {
  const html = renderGfm(render([result(1, 'rejected', [message])]))
  const [submissions, faults] = tables(html)
  expect(submissions).toHaveLength(2)
  expect(faults).toHaveLength(2)
  expect(faults?.[1]).toHaveLength(6)
  expect(faults?.[1]?.[5]).toBe(message.trim())
  const tags = ['script', 'img', 'a', 'strong', 'em', 'code', 'samp', 'del', 'h1', 'li', 'blockquote', 'details']
  for (const tag of [...tags, 'table', 'tr', 'td']) {
    // Only our own markup may appear: the two tables (a header and a row each, 7 and 6 cells), the
    // submission IDs in samp and the bold verdict word.
    const ours: Record<string, number> = { samp: 2, strong: 1, table: 2, tr: 4, td: 13 }
    const found = elements(html, tag).length
    expect({ tag, found }).toEqual({ tag, found: ours[tag] ?? 0 })
  }
})

test('the verdict line and the row marks follow fail-on: warnings and pending tolerated, or failing', () => {
  const results = [result(1, 'accepted', ['deprecated code']), result(2, 'pending'), result(3, 'accepted')]
  const tolerant = renderSummary(
    { title: 'MPC submission status', results, verdict: decideVerdict(results, DEFAULT_FAIL_ON) },
    { maxSize: 10_000 }
  )
  const tolerantHtml = renderGfm(tolerant)
  expect(tolerantHtml).toContain(
    '⚠️ <strong>Passed, with exceptions</strong>: 3 submissions: 1 pending, 2 accepted (1 with warnings) — 1 pending, 1 accepted with warnings not in fail-on.'
  )
  expect(
    tables(tolerantHtml)[0]
      ?.slice(1)
      .map((row) => row[2])
  ).toEqual(['no (not in fail-on)', 'no (not in fail-on)', ''])
  const strict = renderSummary(
    {
      title: 'MPC submission status',
      results,
      verdict: decideVerdict(results, [...DEFAULT_FAIL_ON, 'pending', 'warning'])
    },
    { maxSize: 10_000 }
  )
  const strictHtml = renderGfm(strict)
  expect(strictHtml).toContain('❌ <strong>Failed</strong>: 3 submissions: 1 pending, 2 accepted (1 with warnings).')
  expect(
    tables(strictHtml)[0]
      ?.slice(1)
      .map((row) => [row[1], row[2]])
  ).toEqual([
    ['⏳ pending', '❌ yes'],
    ['⚠️ accepted with warnings', '❌ yes'],
    ['✅ accepted', '']
  ])
  expect(
    tables(strictHtml)[1]
      ?.slice(1)
      .map((row) => row[2])
  ).toEqual(['❌ yes'])
})

test('a cancelled run is never shown as passed, even with nothing failing so far', () => {
  const results = [result(1, 'accepted'), result(2, 'pending')]
  const markdown = renderSummary(
    {
      title: 'MPC submission status',
      results,
      verdict: decideVerdict(results, DEFAULT_FAIL_ON, { cancelled: true }),
      cancelled: true
    },
    { maxSize: 10_000 }
  )
  expect(markdown).toContain('❌ **Cancelled**: 2 submissions: 1 pending, 1 accepted.')
  expect(markdown).not.toMatch(/passed/i)
})

test('the title is user text and is escaped too', () => {
  const markdown = renderSummary(
    {
      title: 'Night <b>1</b> | run',
      results: [result(1, 'accepted')],
      verdict: decideVerdict([result(1, 'accepted')], DEFAULT_FAIL_ON)
    },
    { maxSize: 10_000 }
  )
  const headings = elements(renderGfm(markdown), 'h2')
  expect(headings.map(textOf)).toEqual(['Night <b>1</b> | run'])
  expect(elements(renderGfm(markdown), 'b')).toHaveLength(0)
})

describe('size budget', () => {
  const many = (): SubmissionResult[] => [
    ...Array.from({ length: 40 }, (_, n) => result(n, 'accepted')),
    ...Array.from({ length: 40 }, (_, n) => result(100 + n, 'rejected', [`fault ${'x'.repeat(200)}`, 'ingest failed']))
  ]
  const full = render(many())
  const size = Buffer.byteLength(full)

  test('everything fits: nothing is cut', () => {
    expect(tables(renderGfm(full))[0]).toHaveLength(81)
    expect(full).not.toMatch(/not listed|not shown/)
  })

  test('stage 1: plainly accepted rows collapse into one line', () => {
    const markdown = render(many(), size - 100)
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(size - 100)
    const [submissions, faults] = tables(renderGfm(markdown))
    expect(submissions).toHaveLength(41)
    expect(faults).toHaveLength(81)
    expect(markdown).toContain('40 accepted submissions without fault events are not listed here')
  })

  test('stage 2: the fault table is cut, saying how many rows and where the full list is', () => {
    const budget = Math.floor(size / 2)
    const markdown = render(many(), budget, 'out/results.json')
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(budget)
    const [submissions, faults] = tables(renderGfm(markdown))
    expect(submissions).toHaveLength(41)
    const shown = (faults?.length ?? 1) - 1
    expect(shown).toBeGreaterThan(0)
    expect(shown).toBeLessThan(80)
    expect(markdown).toContain(`${80 - shown} of 80 fault events are not shown`)
    expect(markdown).toContain('out/results.json')
    // The verdict line always has the full counts.
    expect(markdown).toContain('80 submissions: 40 rejected, 40 accepted')
  })

  test('stage 3: even the submission table is cut when it alone is too large', () => {
    const markdown = render(many(), 3000)
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(3000)
    expect(markdown).toMatch(
      /\d+ of 40 submissions that are not plainly accepted, and all 80 fault events, are not shown/
    )
    expect(markdown).toContain('80 submissions: 40 rejected, 40 accepted')
  })
})

test('at the width GitHub gives a summary, an ID never wraps and a status emoji stays with its word; entry times are short', () => {
  const html = renderGfm(
    render([result(1, 'accepted'), result(2, 'accepted', ['deprecated code']), result(3, 'rejected', ['duplicate'])])
  )
  const nowrap = (cell: HtmlNode): boolean => (cell.attrs ?? []).some((attr) => attr.name === 'nowrap')
  for (const table of elements(html, 'table')) {
    for (const row of elementsIn(table, 'tr').slice(1)) {
      const [idCell] = elementsIn(row, 'td')
      // The ID cell holds the ID in samp (no break-spaces, unlike GitHub's code style) and may not wrap.
      expect(idCell && nowrap(idCell)).toBe(true)
      expect(elementsIn(idCell as HtmlNode, 'samp').map(textOf)).toEqual([textOf(idCell as HtmlNode)])
    }
  }
  const [submissions] = elements(html, 'table')
  for (const row of elementsIn(submissions as HtmlNode, 'tr').slice(1)) {
    const status = elementsIn(row, 'td')[1] as HtmlNode
    // The raw text joins the emoji to its word with a no-break space.
    const raw = elementsIn(status, '#text')
      .map((node) => node.value)
      .join('')
    expect(raw).toMatch(/^\S+\u00a0\S/)
  }
  // The MPC's pipeline entry time, to the second, may break between date and time.
  const accepted = tables(html)[0]?.find((row) => row[0] === id(1))
  expect(accepted?.[3]).toBe('2026-01-01 00:06:00')
})
