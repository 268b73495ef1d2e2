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

/** A table with aligned columns; the last column is not padded, so long details simply wrap. */
export function renderTable(header: readonly string[], rows: readonly (readonly Cell[])[], paint: Paint): string {
  // A loop, not Math.max(...rows): spreading 150,000 rows into one call overflows the stack.
  const widths = header.map((title, column) =>
    rows.reduce((widest, row) => Math.max(widest, displayWidth(row[column]?.text ?? '')), displayWidth(title))
  )
  const line = (cells: readonly Cell[]): string =>
    cells
      .map((cell, column) => {
        const last = column === cells.length - 1
        const padded = last ? cell.text : cell.text + ' '.repeat((widths[column] ?? 0) - displayWidth(cell.text))
        return cell.colour ? paint(padded, cell.colour) : padded
      })
      .join('  ')
      .trimEnd()
  return [line(header.map((text) => ({ text, colour: 'bold' as const }))), ...rows.map(line)].join('\n')
}
