import { checkBatch, FORMAT_NAMES, MAX_BATCH_PROBLEMS, type BatchFormat, type FormatChoice } from '../batch.js'
import type { AdesVersion } from './ades-rules.js'
import { validateAdesXml } from './ades-xml.js'
import { validateObs80 } from './mpc1992.js'
import { MAX_PROBLEMS, ProblemCollector, ProblemLimitReached, type ValidationProblem } from './problems.js'
import { validatePsv, type ObservationHook } from './psv.js'

// The one entry of the validator: a batch's text and name → every problem, for the three formats the MPC
// takes (ADES PSV and XML, 2017 and 2022; MPC1992). The format is told the same way the submit action tells
// it (batch.ts), so the two never disagree about what a file is.

export type { ValidationProblem } from './problems.js'

export interface Validation {
  file: string
  format?: BatchFormat
  /** The ADES version the batch declares, when it is ADES and declares one the rules know. */
  version?: AdesVersion
  observations: number
  /** At most MAX_LISTED_PROBLEMS, errors and notices in the order found. */
  problems: ValidationProblem[]
  errors: number
  notices: number
  /** Problems found beyond the listed ones. */
  unlisted: number
}

/** True when nothing stands in the way of sending: notices do not. */
export const isValid = (validation: Validation): boolean => validation.errors === 0

/** Validates `text`, named `file` (as the user gave it, for messages; its ending may tell the format). */
export function validateBatch(
  text: string,
  file: string,
  choice: FormatChoice = 'auto',
  setting = 'format',
  /** Called with each ADES observation's fields, for the 80-column conversion. */
  onObservation?: ObservationHook
): Validation {
  const problems = new ProblemCollector(file)
  const outline = checkBatch(text, file, choice, setting)
  const result = (format: BatchFormat | undefined, observations: number, version?: AdesVersion): Validation => ({
    file,
    ...(format ? { format } : {}),
    ...(version ? { version } : {}),
    observations,
    problems: problems.listed,
    errors: problems.errors,
    notices: problems.notices,
    unlisted: problems.unlisted
  })
  if (outline.format === undefined || text.trim() === '') {
    for (const problem of outline.problems) problems.add(problem)
    return result(undefined, 0)
  }
  const { format } = outline
  try {
    switch (format) {
      case 'psv': {
        const { version, observations } = validatePsv(text, problems, onObservation)
        return result(format, observations, version)
      }
      case 'xml': {
        const { version, observations } = validateAdesXml(text, problems, onObservation)
        return result(format, observations, version)
      }
      case 'obs80':
        return result(format, validateObs80(text, problems).observations)
    }
  } catch (error) {
    if (!(error instanceof ProblemLimitReached)) throw error
    // The one problem past the limit: where checking stopped, so the file is never taken for checked whole.
    problems.errors += 1
    problems.listed.push({
      file,
      severity: 'error',
      message: `checking stopped after ${MAX_PROBLEMS.toLocaleString('en')} problems; the rest of the file was not checked: fix these and check it again`
    })
    return result(format, 0)
  }
}

/** "file:line:column" for a terminal or a log, the way compilers point. */
export function problemPlace(problem: ValidationProblem): string {
  return [problem.file, problem.line, problem.line === undefined ? undefined : problem.column]
    .filter((part) => part !== undefined)
    .join(':')
}

/** One line per problem: where, severity, field, message, the value. */
export function describeProblem(problem: ValidationProblem): string {
  const field = problem.field ? `${problem.field}: ` : ''
  const value = problem.value === undefined ? '' : ` (found "${problem.value}")`
  return `${problemPlace(problem)}: ${problem.severity}: ${field}${problem.message}${value}`
}

export const formatName = (format: BatchFormat | undefined): string =>
  format ? FORMAT_NAMES[format] : 'unknown format'

/** A problem as one sentence for the submit step: column, field, message, value. */
export function problemSentence(problem: ValidationProblem): string {
  const column = problem.column === undefined ? '' : ` column ${problem.column}`
  const where = problem.line === undefined ? '' : ` line ${problem.line}${column}`
  const field = problem.field ? `${problem.field}: ` : ''
  const value = problem.value === undefined ? '' : ` (found "${problem.value}")`
  return `${problem.file}${where}: ${field}${problem.message}${value}`
}

/**
 * The rules as the submit step applies them to a batch whose outline already passed (batch.ts): errors
 * (nothing is sent) and notices, each at most `cap` and then one counting the rest, in the outline's shape.
 */
export function submitProblems(
  text: string,
  file: string,
  format: BatchFormat,
  cap = MAX_BATCH_PROBLEMS
): { errors: { message: string; line?: number }[]; notices: { message: string; line?: number }[] } {
  const validation = validateBatch(text, file, format)
  const pick = (severity: 'error' | 'notice', total: number): { message: string; line?: number }[] => {
    const listed = validation.problems.filter((problem) => problem.severity === severity).slice(0, cap)
    const out = listed.map((problem) => ({
      message: problemSentence(problem),
      ...(problem.line === undefined ? {} : { line: problem.line })
    }))
    if (total > listed.length)
      out.push({ message: `${total - listed.length} more ${severity}s like these are not listed` })
    return out
  }
  return { errors: pick('error', validation.errors), notices: pick('notice', validation.notices) }
}
