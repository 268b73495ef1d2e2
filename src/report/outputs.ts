import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { SubmissionResult } from '../core/submission-result.js'
import type { Verdict } from '../core/verdict.js'

/** Every step output, by its name in action.yml. */
export function buildOutputs(results: readonly SubmissionResult[], verdict: Verdict): Record<string, string> {
  const { counts } = verdict
  return {
    results: JSON.stringify(results),
    'all-accepted': String(verdict.allAccepted),
    'accepted-count': String(counts.accepted),
    'rejected-count': String(counts.rejected),
    'pending-count': String(counts.pending),
    'not-found-count': String(counts['not-found']),
    'invalid-count': String(counts.invalid),
    'error-count': String(counts.error),
    'warning-count': String(counts.warning),
    'rejected-ids': results
      .filter((result) => result.status === 'rejected')
      .map((result) => result.submission_id)
      .join('\n')
  }
}

/** Writes every result, whatever the summary had room for, creating the folder if needed. */
export async function writeResultsFile(file: string, results: readonly SubmissionResult[]): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true })
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`, 'utf8')
}
