import {
  ADES_VERSIONS,
  checkContext,
  checkObservation,
  type AdesVersion,
  type ContextGroup,
  type FieldValue,
  type ObservationKind,
  type RuleProblem
} from './ades-rules.js'
import { splitLines, type ProblemCollector, type ProblemPosition } from './problems.js'

// ADES PSV: a "# version=" line; then blocks, each its context ("# group" lines with "! field value" lines
// under them), its header row (the field names between "|") and its data rows (the values, in the same
// order). A value's surrounding spaces are padding; an empty value is an absent field. One pass over the
// lines; each row is checked as it is read, so memory stays one block's header however long the batch.

const VERSION_LINE = /^#\s*version\s*=\s*(\S*)\s*$/

/** The kind of the block's observations, as its header row's fields say (PSV has no element names). */
function kindOf(fields: readonly string[]): ObservationKind {
  const has = (name: string): boolean => fields.includes(name)
  if (has('trx') || has('rcv') || has('delay') || has('doppler')) return 'radar'
  if (has('raStar') || has('decStar')) return 'occultation'
  if (has('obsCenter') || has('deltaRA') || has('deltaDec') || has('dist')) return 'offset'
  return 'optical'
}

interface Header {
  names: string[]
  /** The 1-based column where each field starts, for pointing at a value. */
  line: number
  kind: ObservationKind
}

export interface PsvResult {
  version?: AdesVersion
  observations: number
}

/** The 1-based columns where the "|"-separated parts of `line` start, with the parts. */
function splitFields(line: string): { text: string; column: number }[] {
  const parts: { text: string; column: number }[] = []
  let start = 0
  for (;;) {
    const bar = line.indexOf('|', start)
    const end = bar < 0 ? line.length : bar
    parts.push({ text: line.slice(start, end), column: start + 1 })
    if (bar < 0) return parts
    start = bar + 1
  }
}

/** Called with each observation's fields (name → value) and its line, for those who need the records. */
export type ObservationHook = (kind: ObservationKind, fields: ReadonlyMap<string, string>, line: number) => void

export function validatePsv(text: string, problems: ProblemCollector, onObservation?: ObservationHook): PsvResult {
  const lines = splitLines(text)
  const report = (problem: RuleProblem<ProblemPosition>): void => problems.add({ ...problem, ...problem.at })

  let index = 0
  while (index < lines.length && (lines[index] as string).trim() === '') index += 1
  const first = lines[index] ?? ''
  const versionMatch = VERSION_LINE.exec(first)
  let version: AdesVersion | undefined
  if (!versionMatch) {
    problems.add({
      line: index + 1,
      value: first,
      message: 'an ADES PSV batch starts with its version line, "# version=2022" or "# version=2017"'
    })
  } else {
    const given = versionMatch[1] as string
    version = ADES_VERSIONS.find((candidate) => candidate === given)
    if (!version) {
      problems.add({
        line: index + 1,
        field: 'version',
        value: given,
        message: `version must be ${ADES_VERSIONS.join(' or ')}`
      })
    }
    index += 1
  }
  // The rules of an unknown version would be guesses; the newer ones are the stricter.
  const rules: AdesVersion = version ?? '2022'

  let groups: ContextGroup<ProblemPosition>[] = []
  let contextLine = index + 1
  let header: Header | undefined
  let mpcCode: string | undefined
  let observations = 0
  let blockObservations = 0
  let inContext = false

  const endBlock = (): void => {
    if (header && blockObservations === 0) {
      problems.add({ line: header.line, message: 'this block has a header row but no observations' })
    }
  }
  const startContext = (line: number): void => {
    endBlock()
    groups = []
    header = undefined
    mpcCode = undefined
    blockObservations = 0
    contextLine = line
    inContext = true
  }

  for (; index < lines.length; index += 1) {
    const raw = lines[index] as string
    const lineNumber = index + 1
    if (raw.trim() === '') continue
    if (raw.startsWith('#')) {
      if (!inContext) startContext(lineNumber)
      const match = /^#\s*(\S+)(?:\s+(.*\S))?\s*$/.exec(raw)
      const name = match?.[1] ?? ''
      if (VERSION_LINE.test(raw)) {
        problems.add({ line: lineNumber, value: raw, message: 'the version line comes once, first in the batch' })
        continue
      }
      const group: ContextGroup<ProblemPosition> = { name, at: { line: lineNumber }, fields: [] }
      if (match?.[2] !== undefined) group.value = { value: match[2], at: { line: lineNumber } }
      groups.push(group)
      continue
    }
    if (raw.startsWith('!')) {
      const group = groups.at(-1)
      if (!inContext || !group) {
        problems.add({
          line: lineNumber,
          value: raw,
          message: 'a "!" line belongs under a "# group" line of the context, before the header row'
        })
        continue
      }
      const match = /^!\s*(\S+)(?:\s+(.*\S))?\s*$/.exec(raw)
      if (!match || match[2] === undefined) {
        problems.add({
          line: lineNumber,
          value: raw,
          message: 'a "!" line gives a field and its value, such as "! mpcCode 568"'
        })
        continue
      }
      group.fields.push({ name: match[1] as string, value: match[2], at: { line: lineNumber } })
      continue
    }
    if (inContext) {
      // The first other line after a context is its header row.
      inContext = false
      mpcCode = checkContext(rules, groups, { line: contextLine }, report)
      const parts = splitFields(raw)
      const names = parts.map((part) => part.text.trim())
      const seen = new Set<string>()
      parts.forEach((part, i) => {
        const name = names[i] as string
        if (name === '')
          problems.add({
            line: lineNumber,
            column: part.column,
            message: 'a header row names every field; this one is empty'
          })
        else if (seen.has(name))
          problems.add({
            line: lineNumber,
            column: part.column,
            field: name,
            message: `the field ${name} is named twice in the header row`
          })
        seen.add(name)
      })
      header = { names, line: lineNumber, kind: kindOf(names) }
      continue
    }
    if (!header) {
      // Data before any context: the version line was missing or the context was left out.
      if (observations === 0 && groups.length === 0) {
        checkContext(rules, [], { line: lineNumber }, report)
        header = { names: splitFields(raw).map((part) => part.text.trim()), line: lineNumber, kind: 'optical' }
        header.kind = kindOf(header.names)
      }
      continue
    }
    observations += 1
    blockObservations += 1
    const parts = splitFields(raw)
    if (parts.length !== header.names.length) {
      problems.add({
        line: lineNumber,
        message: `this data row has ${parts.length} fields separated by "|", its header row (line ${header.line}) ${header.names.length}`
      })
      continue
    }
    const fields = new Map<string, FieldValue<ProblemPosition>>()
    parts.forEach((part, i) => {
      const value = part.text.trim()
      const name = header?.names[i] as string
      if (value !== '' && name !== '') fields.set(name, { value, at: { line: lineNumber, column: part.column } })
    })
    checkObservation(header.kind, rules, fields, mpcCode, { line: lineNumber }, report)
    if (onObservation) {
      onObservation(header.kind, new Map([...fields].map(([name, field]) => [name, field.value])), lineNumber)
    }
  }
  if (inContext) {
    problems.add({ line: contextLine, message: 'this block has a context but no header row and no observations' })
  }
  endBlock()
  if (observations === 0) {
    problems.add({ message: 'it holds no observations; the MPC would still give it a submission ID' })
  }
  return { version, observations }
}
