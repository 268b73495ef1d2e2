// The command line's verdict store: a plain JSON file (`--cache FILE`), read if it exists and written after
// the check. The same store as the action keeps in the Actions cache, read with the same distrust.
import { MAX_STORE_BYTES, openStoreSession } from '../core/verdict-store.js'
import type { VerdictStore } from '../core/remembered-verdicts.js'
import type { ObservationsSummary } from '../core/observations.js'
import type { SubmissionResult } from '../core/submission-result.js'
import { readWorkspaceText, WorkspaceFileError, writeWorkspaceFile, type FileBase } from '../core/workspace-file.js'

export interface VerdictFile {
  remembered: VerdictStore
  /** Writes the store with this run's newly accepted answers; a sentence when it could not. */
  save(
    results: readonly SubmissionResult[],
    observations?: ReadonlyMap<string, ObservationsSummary>
  ): Promise<string | undefined>
}

export async function openVerdictFile(
  cwd: FileBase,
  file: string,
  maxAgeMs: number,
  notice: (message: string) => void
): Promise<VerdictFile> {
  let text: string | undefined
  try {
    text = (await readWorkspaceText(cwd, file, { maxBytes: MAX_STORE_BYTES })).text
  } catch (error) {
    if (!(error instanceof WorkspaceFileError)) throw error
    // A first run has no store yet: that is no news. Anything else is said, and the run goes on uncached.
    if (!error.missing) notice(`The verdict store ${file} was not read: ${error.reason}.`)
  }
  const session = openStoreSession(text, maxAgeMs)
  if (session.notice) notice(`${file}: ${session.notice}`)
  return {
    remembered: session.remembered,
    async save(results, observations) {
      try {
        await writeWorkspaceFile(cwd, file, session.next(results, observations).lines())
        return undefined
      } catch (error) {
        const why = error instanceof WorkspaceFileError ? error.reason : (error as Error).message
        return `The verdict store ${file} was not written: ${why}.`
      }
    }
  }
}
