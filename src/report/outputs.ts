import type { ObservationsRun } from '../core/observations.js'
import { worstFirst, type SubmissionResult } from '../core/submission-result.js'
import type { Verdict } from '../core/verdict.js'
import { jsonText } from './escape.js'

/** GitHub refuses a step output over 1 MB; stay under it with room for the file command's framing. */
export const OUTPUT_MAX_BYTES = 1_000_000 - 4096

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8')

/**
 * Every result as JSON, piece by piece: the `results` output when it fits, the results file, and the CLI's
 * `--json`. Joined, the pieces are exactly jsonText(results); kept apart, no piece is larger than one
 * result, so a run whose whole JSON would exceed what a JavaScript string can hold is still written.
 */
export function* resultsJsonPieces(results: readonly SubmissionResult[], space?: number): Generator<string> {
  if (results.length === 0) {
    yield '[]'
    return
  }
  for (const [index, result] of results.entries()) {
    // Indented, an item is what JSON.stringify writes for it inside an array: made so in one pass, without
    // re-indenting a copy (this runs once per result, 150,000 times in a large run).
    const item = space ? jsonText([result], space).slice(2, -2) : jsonText(result)
    yield `${index === 0 ? '[' : ','}${space ? '\n' : ''}${item}`
  }
  yield space ? '\n]' : ']'
}

export interface StepOutputs {
  /** Every step output, by its name in action.yml. */
  values: Record<string, string>
  /** Sentences for a warning, when an output had to hold less than everything. */
  cut: string[]
}

/**
 * The `results` output: every result, or, when that is over GitHub's limit, as many as fit worst first
 * (rejected, error, invalid, not-found, pending, accepted with warnings, then plainly accepted).
 */
function resultsOutput(results: readonly SubmissionResult[]): { json: string; kept: number } {
  // Measured as it is built: stop as soon as it is too large, never build the whole of a huge run.
  const pieces: string[] = []
  let size = 0
  for (const piece of resultsJsonPieces(results)) {
    size += bytes(piece)
    if (size > OUTPUT_MAX_BYTES) break
    pieces.push(piece)
  }
  if (size <= OUTPUT_MAX_BYTES) return { json: pieces.join(''), kept: results.length }
  const kept: string[] = []
  let used = 2
  for (const result of worstFirst(results)) {
    const item = jsonText(result)
    used += bytes(item) + 1
    if (used > OUTPUT_MAX_BYTES) break
    kept.push(item)
  }
  return { json: `[${kept.join(',')}]`, kept: kept.length }
}

function linesWithin(lines: readonly string[], maxBytes: number): string[] {
  const kept: string[] = []
  let used = 0
  for (const line of lines) {
    used += bytes(line) + 1
    if (used > maxBytes) break
    kept.push(line)
  }
  return kept
}

export function buildOutputs(
  results: readonly SubmissionResult[],
  verdict: Verdict,
  resultsFile?: string
): StepOutputs {
  const { counts } = verdict
  const cut: string[] = []
  const everything = resultsFile ? `${resultsFile} holds all of them` : 'set results-file to keep all of them'
  const { json, kept } = resultsOutput(results)
  if (kept < results.length) {
    cut.push(
      `The results output holds ${kept} of ${results.length} results, worst first (GitHub allows 1 MB per output); ${everything}.`
    )
  }
  const rejected = results.filter((result) => result.status === 'rejected').map((result) => result.submission_id)
  const rejectedKept = linesWithin(rejected, OUTPUT_MAX_BYTES)
  if (rejectedKept.length < rejected.length) {
    cut.push(
      `The rejected-ids output holds the first ${rejectedKept.length} of ${rejected.length} rejected IDs; ${everything}.`
    )
  }
  return {
    values: {
      results: json,
      'results-truncated': String(kept < results.length),
      'all-accepted': String(verdict.allAccepted),
      'accepted-count': String(counts.accepted),
      'rejected-count': String(counts.rejected),
      'pending-count': String(counts.pending),
      'not-found-count': String(counts['not-found']),
      'invalid-count': String(counts.invalid),
      'error-count': String(counts.error),
      'warning-count': String(counts.warning),
      'rejected-ids': rejectedKept.join('\n')
    },
    cut
  }
}

/**
 * Writes every result, whatever the summary and the outputs had room for: only inside the workspace, never
 * through a symlink, folders created as needed.
 */
export async function writeResultsFile(
  workspace: string,
  file: string,
  results: readonly SubmissionResult[]
): Promise<void> {
  // Loaded only when a results file is asked for: a run without one starts without it.
  const { writeWorkspaceFile } = await import('../core/workspace-file.js')
  await writeWorkspaceFile(
    workspace,
    file,
    (function* () {
      yield* resultsJsonPieces(results, 2)
      yield '\n'
    })()
  )
}

/** The observations-* outputs: WAMO's totals, or empty strings when the `observations` input is off. */
export function observationsOutputs(run: ObservationsRun | undefined): Record<string, string> {
  const value = (count: number | undefined): string => (count === undefined ? '' : String(count))
  return {
    'observations-total': value(run?.totals.total),
    'observations-published': value(run?.totals.published),
    'observations-waiting': value(run?.totals.waiting),
    'observations-itf': value(run?.totals.itf)
  }
}
