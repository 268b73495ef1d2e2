// The README's input and output tables are what users read instead of action.yml: they must name the same
// inputs and outputs, and give the same defaults, so that the two cannot drift apart.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { ACTION_FILES, defaultText, readAction, type ActionFile } from './helpers/action-metadata.js'
import { elements, elementsIn, renderGfm, textOf, type HtmlNode } from './helpers/gfm.js'
import { REPO_ROOT } from './helpers/run-action.js'

/** The README lists every declared name, nothing else, and each once. */
function expectSameNames(documented: string[], declared: string[]): void {
  expect({ missing: declared.filter((name) => !documented.includes(name)) }).toEqual({ missing: [] })
  expect({ unknown: documented.filter((name) => !declared.includes(name)) }).toEqual({ unknown: [] })
  expect({ duplicated: documented.filter((name, i) => documented.indexOf(name) !== i) }).toEqual({ duplicated: [] })
}

const HEADING = /^h[1-6]$/

interface Cell {
  text: string
  /** The text of the cell's code span when the cell is exactly one code span. */
  code: string | undefined
}

function cell(node: HtmlNode): Cell {
  const children = (node.childNodes ?? []).filter((child) => child.nodeName !== '#text' || textOf(child).trim() !== '')
  const only = children.length === 1 ? children[0] : undefined
  return { text: textOf(node).trim(), code: only?.nodeName === 'code' ? textOf(only) : undefined }
}

/** The body rows of the first table after the heading `title`, before any further heading. */
function tableUnder(readme: string, title: string): Cell[][] {
  const blocks = elements(renderGfm(readme)).filter((node) => HEADING.test(node.nodeName) || node.nodeName === 'table')
  const start = blocks.findIndex((node) => node.nodeName === 'h3' && textOf(node).trim() === title)
  if (start < 0) throw new Error(`README.md has no "### ${title}" heading`)
  const table = blocks[start + 1]
  if (table?.nodeName !== 'table') throw new Error(`README.md has no table under "### ${title}"`)
  const body = elementsIn(table, 'tbody')[0]
  if (!body) return []
  return elementsIn(body, 'tr').map((row) => elementsIn(row, 'td').map(cell))
}

/** Names from a table's first column, which must hold each name as one code span. */
function namesIn(rows: Cell[][], title: string): string[] {
  return rows.map((row) => {
    const first = row[0]
    if (first?.code === undefined) throw new Error(`"### ${title}": "${first?.text ?? ''}" is not a \`name\` cell`)
    return first.code
  })
}

const README = path.join(REPO_ROOT, 'README.md')
const readme = (): string => readFileSync(README, 'utf8')

const SECTIONS: { file: ActionFile; inputs: string; outputs: string }[] = [
  { file: 'action.yml', inputs: 'Inputs', outputs: 'Outputs' },
  { file: 'action-codes/action.yml', inputs: 'Action codes inputs', outputs: 'Action codes outputs' },
  { file: 'submit/action.yml', inputs: 'Submit inputs', outputs: 'Submit outputs' },
  { file: 'validate/action.yml', inputs: 'Validate inputs', outputs: 'Validate outputs' }
]

test('README.md exists', () => {
  expect(existsSync(README)).toBe(true)
})

test('every action of the repository has its reference in the README', () => {
  expect(SECTIONS.map((section) => section.file).sort()).toEqual([...ACTION_FILES].sort())
})

describe.each(SECTIONS)('README reference of $file', ({ file, inputs, outputs }) => {
  test(`"### ${inputs}" lists exactly the inputs of ${file}`, () => {
    const documented = namesIn(tableUnder(readme(), inputs), inputs)
    const declared = Object.keys(readAction(file).inputs ?? {})
    expectSameNames(documented, declared)
  })

  test(`"### ${inputs}" gives the defaults of ${file}`, () => {
    const declared = readAction(file).inputs ?? {}
    const rows = tableUnder(readme(), inputs)
    const names = namesIn(rows, inputs)
    const mismatches = rows.flatMap((row, i) => {
      const name = names[i] as string
      if (!(name in declared)) return []
      const expected = defaultText(declared[name] ?? null)
      const second = row[1]
      // A default is shown as one code span; an empty default as an empty cell.
      const shown = second?.code ?? (second?.text === '' ? '' : `not a code span: ${second?.text ?? 'no cell'}`)
      return shown === expected ? [] : [{ name, readme: shown, actionYml: expected }]
    })
    expect(mismatches).toEqual([])
  })

  test(`"### ${outputs}" lists exactly the outputs of ${file}`, () => {
    const documented = namesIn(tableUnder(readme(), outputs), outputs)
    const declared = Object.keys(readAction(file).outputs ?? {})
    expectSameNames(documented, declared)
  })
})

test('every picture in docs/ is shown in the README, and every picture the README shows exists', () => {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')
  const shown = [...readme.matchAll(/!\[[^\]]+\]\((docs\/[^)]+\.png)\)/g)].map((match) => match[1])
  const inDocs = readdirSync(path.join(REPO_ROOT, 'docs'))
    .filter((name) => name.endsWith('.png'))
    .map((name) => `docs/${name}`)
  expect([...new Set(shown)].sort()).toEqual(inDocs.sort())
})
