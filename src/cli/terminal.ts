// Terminal output for the command line: a plain-text table, colour only where a person is looking.

export type Colour = 'red' | 'green' | 'yellow' | 'dim' | 'bold'

const CODES: Record<Colour, [number, number]> = {
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  dim: [2, 22],
  bold: [1, 22]
}

/** Colour only on a TTY, never when NO_COLOR is set to anything (no-color.org), never on a dumb terminal. */
export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.TERM === 'dumb') return false
  return stream.isTTY === true
}

export type Paint = (text: string, colour: Colour) => string

export function painter(enabled: boolean): Paint {
  return (text, colour) => (enabled ? `\u001b[${CODES[colour][0]}m${text}\u001b[${CODES[colour][1]}m` : text)
}

/**
 * Columns a string takes in a terminal, close enough for our labels: emoji are two wide, variation
 * selectors and zero-width joiners none, everything else one.
 */
export function displayWidth(text: string): number {
  let width = 0
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    if (code === 0xfe0f || code === 0xfe0e || code === 0x200d || (code >= 0x300 && code < 0x370)) continue
    if (code >= 0x1f000 || (code >= 0x2300 && code <= 0x27bf) || (code >= 0x2b00 && code <= 0x2bff)) width += 2
    else width += 1
  }
  return width
}

export interface Cell {
  text: string
  colour?: Colour
}

/** `text` cut to at most `width` terminal columns, its last one an ellipsis when cut. */
export function cutToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text
  let kept = ''
  let used = 0
  for (const char of text) {
    const next = displayWidth(char)
    if (used + next > width - 1) break
    kept += char
    used += next
  }
  return `${kept}…`
}

export interface TableFit {
  /** The terminal's width; absent (not a terminal), nothing is cut. */
  columns?: number
  /**
   * Columns that may be left out, first to go first, while the last column would have less than 30 columns
   * of room. An ID column is never among them, nor cut.
   */
  droppable?: readonly number[]
}

/** The last column is never cut narrower than this (or its header), so what is left of it still reads. */
const MIN_LAST_WIDTH = 10
/** Droppable columns are left out until the last column has this much room (or all it needs). */
const WANTED_LAST_WIDTH = 30
const GAP = 2

/**
 * A table with aligned columns. The last column (the details) is not padded; on a terminal (`fit.columns`)
 * it is cut with an ellipsis so that every row fits on one line, and columns in `fit.droppable` are left
 * out when even that is not enough: a wrapped row would break an ID or a header word in two. Other columns
 * are never cut: on a terminal narrower than them, their lines wrap whole.
 */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  paint: Paint,
  fit: TableFit = {}
): string {
  // A loop, not Math.max(...rows): spreading 150,000 rows into one call overflows the stack.
  const widths = header.map((title, column) =>
    rows.reduce((widest, row) => Math.max(widest, displayWidth(row[column]?.text ?? '')), displayWidth(title))
  )
  const lastColumn = header.length - 1
  let shown = header.map((_, column) => column)
  let lastWidth = widths[lastColumn] ?? 0
  const { columns } = fit
  if (columns !== undefined && columns > 0) {
    const before = (kept: readonly number[]): number =>
      kept.filter((column) => column !== lastColumn).reduce((sum, column) => sum + (widths[column] ?? 0) + GAP, 0)
    const headerWidth = displayWidth(header[lastColumn] ?? '')
    const minLast = Math.min(lastWidth, Math.max(MIN_LAST_WIDTH, headerWidth))
    const wantedLast = Math.min(lastWidth, Math.max(WANTED_LAST_WIDTH, headerWidth))
    for (const column of fit.droppable ?? []) {
      if (before(shown) + wantedLast <= columns) break
      shown = shown.filter((kept) => kept !== column)
    }
    // At least the last column's minimum: on a terminal too narrow even for that, lines wrap as they must.
    lastWidth = Math.max(minLast, Math.min(lastWidth, columns - before(shown)))
  }
  const line = (cells: readonly Cell[]): string =>
    shown
      .map((column) => {
        const cell = cells[column] ?? { text: '' }
        const text = column === lastColumn ? cutToWidth(cell.text, lastWidth) : cell.text
        const padded = column === lastColumn ? text : text + ' '.repeat((widths[column] ?? 0) - displayWidth(text))
        return cell.colour ? paint(padded, cell.colour) : padded
      })
      .join(' '.repeat(GAP))
      .trimEnd()
  return [line(header.map((text) => ({ text, colour: 'bold' as const }))), ...rows.map(line)].join('\n')
}
