// The command line's verdict store: a plain JSON file (`--cache FILE`), read if it exists and written after
// the check. The same store as the action keeps in the Actions cache, read with the same distrust.
import {
  freshVerdicts,
  MAX_STORE_BYTES,
  newlyAccepted,
  readVerdictStore,
  updateVerdictStore,
  writeVerdictStore,
  type VerdictStore
} from '../core/verdict-store.js'
import type { SubmissionResult } from '../core/submission-result.js'
import { readWorkspaceText, WorkspaceFileError, writeWorkspaceFile } from '../core/workspace-file.js'

export interface VerdictFile {
  remembered: VerdictStore
  /** Writes the store with this run's newly accepted answers; a sentence when it could not. */
  save(results: readonly SubmissionResult[]): Promise<string | undefined>
}

export async function openVerdictFile(
  cwd: string,
  file: string,
  maxAgeMs: number,
  notice: (message: string) => void
): Promise<VerdictFile> {
  let store: VerdictStore = new Map()
  try {
    const { text } = await readWorkspaceText(cwd, file, { maxBytes: MAX_STORE_BYTES })
    const read = readVerdictStore(text)
    store = read.store
    if (read.notice) notice(`${file}: ${read.notice}`)
  } catch (error) {
    if (!(error instanceof WorkspaceFileError)) throw error
    // A first run has no store yet: that is no news. Anything else is said, and the run goes on uncached.
    if (!error.missing) notice(`The verdict store ${file} was not read: ${error.reason}.`)
  }
  const remembered = freshVerdicts(store, maxAgeMs)
  return {
    remembered,
    async save(results) {
      const next = updateVerdictStore(store, newlyAccepted(results, remembered), maxAgeMs)
      try {
        await writeWorkspaceFile(cwd, file, writeVerdictStore(next))
        return undefined
      } catch (error) {
        const why = error instanceof WorkspaceFileError ? error.reason : (error as Error).message
        return `The verdict store ${file} was not written: ${why}.`
      }
    }
  }
}
