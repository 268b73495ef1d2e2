// Summary tables as HTML, not Markdown pipes: a Markdown table cannot keep a cell on one line, and in the
// width GitHub gives a job summary (about 1,000 px) every submission ID broke at its first hyphen. `nowrap`
// (an attribute GitHub's sanitizer keeps) holds a cell on one line; an ID is shown in `<samp>`, monospace
// like a code span but without the `white-space: break-spaces` GitHub's stylesheet gives `<code>`. Each row
// is one line with no blank line inside, so the HTML block never ends early. Cells take our own words or
// text already made inert by escape.ts: nothing here escapes.

export const NOWRAP = ' nowrap'
export const RIGHT = ' align="right"'

export const cell = (content: string, attributes = ''): string => `<td${attributes}>${content}</td>`
export const heading = (title: string, attributes = ''): string => `<th${attributes}>${title}</th>`
export const row = (cells: readonly string[]): string => `<tr>${cells.join('')}</tr>`

/** A submission ID (regex-checked, so safe as it is) that never wraps. */
export const idCell = (id: string): string => cell(`<samp>${id}</samp>`, NOWRAP)

/**
 * A status emoji never parts from its word ("⏳&nbsp;pending"); the words after it may wrap, so a long
 * label such as "accepted with warnings" does not widen the table past the summary's width.
 */
export const iconCell = (label: string): string => cell(label.replace(' ', '&nbsp;'))

/** The lines that open a table, up to its first row. */
export const tableHead = (headings: readonly string[]): string[] => [
  '<table>',
  `<thead>${row(headings)}</thead>`,
  '<tbody>'
]
export const TABLE_END = '</tbody></table>'
