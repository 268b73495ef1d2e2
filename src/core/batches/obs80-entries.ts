import type { BatchFormat } from '../batch.js'
import type { Obs80Entry } from '../cnd.js'
import { splitLines } from './problems.js'
import { adesToObs80 } from './to-obs80.js'
import { validateBatch } from './validate.js'

// A batch's observations as the 80-column lines the near-duplicate check takes: MPC1992 lines as they are
// (the two lines of a satellite, radar or roving observation in order), ADES optical observations converted.
// Observations without a one-line form (offsets, occultations, radar, roving stations) are counted, not sent.

export interface Obs80Entries {
  entries: Obs80Entry[]
  /** ADES observations that have no 80-column form. */
  unconverted: number
}

const HEADER_LINE = /^[A-Z][A-Z0-9]{2}( |$)/

export function obs80Entries(text: string, file: string, format: BatchFormat): Obs80Entries {
  const entries: Obs80Entry[] = []
  if (format === 'obs80') {
    splitLines(text).forEach((line, index) => {
      if (line.trim() !== '' && !HEADER_LINE.test(line))
        entries.push({ line: index + 1, obs80: line.trimEnd().padEnd(80) })
    })
    return { entries, unconverted: 0 }
  }
  let unconverted = 0
  validateBatch(text, file, format, 'format', (kind, fields, line) => {
    const obs80 = kind === 'optical' ? adesToObs80(fields) : undefined
    if (obs80 === undefined) unconverted += 1
    else entries.push({ line, obs80 })
  })
  return { entries, unconverted }
}
