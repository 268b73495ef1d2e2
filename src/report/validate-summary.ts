import type { FilesValidation } from '../core/batches/validate-files.js'
import { formatName, type ValidationProblem } from '../core/batches/validate.js'
import { ANNOTATIONS_PER_LEVEL, type Annotation } from './annotations.js'
import { markdownText } from './escape.js'

// The validate action's reporters: an annotation at each problem's file and line (GitHub shows ten per level
// and step; the rest are counted), the outputs, and the job summary with every listed problem. Every file
// name, value and message holds the batch's text, so each goes through the escaping module.

/** What the run found besides the files' own problems: patterns refused, nothing matched, too many. */
export interface ValidateRunNotes {
  refused: { pattern: string; reason: string }[]
  truncated: boolean
  maxFiles: number
}

/** GitHub drops a step summary over 1 MiB; this one stays under it as the status summary does. */
const SUMMARY_MAX_BYTES = 900_000

/** Problems shown in the job summary; the rest are counted there. */
export const MAX_SUMMARY_PROBLEMS = 300

const describe = (problem: ValidationProblem): string => {
  const column = problem.column === undefined ? '' : `column ${problem.column}: `
  const value = problem.value === undefined ? '' : ` (found "${problem.value}")`
  return `${column}${problem.message}${value}`
}

/** The problems a run notes of itself (no file): refused patterns, no match, a cut walk. */
export function runProblems(result: FilesValidation, notes: ValidateRunNotes): string[] {
  const messages = notes.refused.map(({ pattern, reason }) => `files: the pattern "${pattern}" is refused: ${reason}`)
  if (result.files.length === 0) messages.push('files: no file matches the patterns; nothing was checked')
  if (notes.truncated)
    messages.push(`files: more than ${notes.maxFiles} files match; only the first ${notes.maxFiles} were checked`)
  return messages
}

export function validateAnnotations(result: FilesValidation, notes: ValidateRunNotes): Annotation[] {
  const leading: Annotation[] = runProblems(result, notes).map((message) => ({
    level: 'error',
    title: 'Validate',
    message
  }))
  const annotations: Annotation[] = []
  for (const level of ['error', 'notice'] as const) {
    const all = [
      ...(level === 'error' ? leading : []),
      ...result.files.flatMap((file) =>
        file.problems
          .filter((problem) => problem.severity === level)
          .map((problem): Annotation => ({
            level,
            title: `${formatName(file.format)}${problem.field ? `: ${problem.field}` : ''}`,
            message: describe(problem),
            file: problem.file,
            ...(problem.line === undefined ? {} : { line: problem.line })
          }))
      )
    ]
    const total =
      (level === 'error' ? leading.length : 0) +
      result.files.reduce((sum, file) => sum + (level === 'error' ? file.errors : file.notices), 0)
    annotations.push(...all.slice(0, ANNOTATIONS_PER_LEVEL))
    const left = total - Math.min(all.length, ANNOTATIONS_PER_LEVEL)
    if (left > 0) {
      annotations.push({
        level,
        title: `${left} more ${level}s`,
        message: `${left} more ${level}s are not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} per step); the job summary lists them.`
      })
    }
  }
  return annotations
}

export function isRunValid(result: FilesValidation, notes: ValidateRunNotes): boolean {
  return result.errors === 0 && runProblems(result, notes).length === 0
}

export function buildValidateOutputs(result: FilesValidation, notes: ValidateRunNotes): Record<string, string> {
  return {
    valid: String(isRunValid(result, notes)),
    'problem-count': String(result.errors + runProblems(result, notes).length),
    'files-checked': String(result.files.length)
  }
}

const cell = (text: string, max = 300): string => markdownText(text, max)

export function renderValidateSummary(result: FilesValidation, notes: ValidateRunNotes): string {
  const valid = isRunValid(result, notes)
  const count = result.errors + runProblems(result, notes).length
  const lines = [
    `## ${valid ? '✅ Observation batches valid' : `❌ ${count} problem${count === 1 ? '' : 's'} in the observation batches`}`,
    ''
  ]
  // Every row holds the batches' text, escaped (a `<` is five bytes): 1,000 files with long names would pass
  // GitHub's 1 MiB, and the runner then drops the whole summary. Rows stop at the budget, and a line says so.
  const reserve = 2000
  let used = 0
  const fits = (line: string): boolean => {
    const size = Buffer.byteLength(line, 'utf8') + 1
    if (used + size > SUMMARY_MAX_BYTES - reserve) return false
    used += size
    return true
  }
  for (const line of lines) fits(line)
  for (const message of runProblems(result, notes)) {
    const line = `- ❌ ${cell(message, 500)}`
    if (fits(line)) lines.push(line)
  }
  let filesLeft = 0
  if (result.files.length > 0) {
    const head = ['', '| File | Format | Observations | Problems | Notices |', '| --- | --- | ---: | ---: | ---: |']
    head.forEach(fits)
    lines.push(...head)
    for (const file of result.files) {
      const version = file.version ? ` ${file.version}` : ''
      const line = `| ${cell(file.file, 200)} | ${formatName(file.format)}${version} | ${file.observations} | ${file.errors === 0 ? '✅ 0' : `❌ ${file.errors}`} | ${file.notices} |`
      if (filesLeft === 0 && fits(line)) lines.push(line)
      else filesLeft += 1
    }
  }
  if (filesLeft > 0)
    lines.push(
      '',
      `${filesLeft} more files are not listed here, to keep this summary within GitHub's size limit; the log lists them all.`
    )
  const problems = result.files.flatMap((file) => file.problems)
  let listed = 0
  if (problems.length > 0 && filesLeft === 0) {
    const head = ['', '| Where | Field | Problem | Value |', '| --- | --- | --- | --- |']
    head.forEach(fits)
    lines.push(...head)
    for (const problem of problems.slice(0, MAX_SUMMARY_PROBLEMS)) {
      const where = [problem.file, problem.line, problem.line === undefined ? undefined : problem.column]
        .filter((part) => part !== undefined)
        .join(':')
      const icon = problem.severity === 'error' ? '❌' : 'ℹ️'
      const line = `| ${cell(where, 200)} | ${problem.field ? cell(problem.field, 60) : ''} | ${icon} ${cell(problem.message, 400)} | ${problem.value === undefined ? '' : cell(problem.value, 80)} |`
      if (!fits(line)) break
      lines.push(line)
      listed += 1
    }
  }
  const found = result.errors + result.notices
  const left = found - listed
  if (left > 0 && (listed > 0 || filesLeft > 0 || problems.length > 0)) {
    lines.push('', `${left} more problems and notices are not listed.`)
  }
  return `${lines.join('\n')}\n`
}
