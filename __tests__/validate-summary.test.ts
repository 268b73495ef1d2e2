// The validate action's job summary holds the batches' own text (file names, values), escaped: it must stay
// under GitHub's 1 MiB for a step summary whatever the files are called, or the runner drops all of it.
import { validateBatch } from '../src/core/batches/validate.js'
import { renderValidateSummary } from '../src/report/validate-summary.js'
import { elements, renderGfm, tables } from './helpers/gfm.js'

test("1,000 files named with '<' (five bytes each, escaped) keep the summary under 1 MiB, saying what is left out", () => {
  const name = (i: number): string => `b/${'<'.repeat(240)}${i}.psv`
  const rows = Array.from({ length: 50 }, () => ['<'.repeat(100), '<'.repeat(100), '<'.repeat(100)].join('|'))
  const body = ['# version=2017', `# ${'<'.repeat(100)}`, 'permID|ra|dec', ...rows, ''].join('\n')
  const files = Array.from({ length: 1000 }, (_, i) => validateBatch(body, name(i)))
  const errors = files.reduce((sum, file) => sum + file.errors, 0)
  const markdown = renderValidateSummary(
    { files, errors, notices: 0 },
    { refused: [], truncated: false, maxFiles: 1000 }
  )
  expect(Buffer.byteLength(markdown, 'utf8')).toBeLessThan(1024 * 1024)
  const html = renderGfm(markdown)
  const [fileTable] = tables(html)
  const listed = (fileTable?.length ?? 1) - 1
  expect(listed).toBeGreaterThan(100)
  expect(listed).toBeLessThan(1000)
  expect(markdown).toContain(`${1000 - listed} more files are not listed here`)
  expect(markdown).toContain(`${errors} more problems and notices are not listed.`)
  // Still inert: the names show as text, no element comes from them.
  expect(
    elements(html).filter(
      (element) =>
        !['html', 'head', 'body', 'h2', 'p', 'table', 'thead', 'tbody', 'tr', 'th', 'td'].includes(element.nodeName)
    )
  ).toEqual([])
  expect(fileTable?.[1]?.[0]).toMatch(/^b\/<+…$/)
})
