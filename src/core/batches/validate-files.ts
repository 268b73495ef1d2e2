import { MAX_BATCH_BYTES, type FormatChoice } from '../batch.js'
import { readWorkspaceText, WorkspaceFileError, type FileBase } from '../workspace-file.js'
import { validateBatch, type Validation } from './validate.js'

// Several batches from the workspace (the validate action) or the current folder (the CLI): each read under
// the workspace-file rules (inside, regular, bounded, UTF-8) and validated; a file that cannot be read is
// one problem of its own, and the others are still checked.

export interface FilesValidation {
  files: Validation[]
  /** Problems of every file, listed or not. */
  errors: number
  notices: number
}

export interface ValidateFilesOptions {
  format?: FormatChoice
  /** How messages name the format setting. */
  setting?: string
  signal?: AbortSignal
}

export async function validateFiles(
  workspace: FileBase,
  files: readonly string[],
  options: ValidateFilesOptions = {}
): Promise<FilesValidation> {
  const results: Validation[] = []
  for (const file of files) {
    options.signal?.throwIfAborted()
    try {
      const read = await readWorkspaceText(workspace, file, { maxBytes: MAX_BATCH_BYTES, signal: options.signal })
      results.push(validateBatch(read.text, read.relative, options.format ?? 'auto', options.setting))
    } catch (error) {
      if (!(error instanceof WorkspaceFileError)) throw error
      results.push({
        file,
        observations: 0,
        problems: [{ file, severity: 'error', message: `cannot be read: ${error.reason}` }],
        errors: 1,
        notices: 0,
        unlisted: 0
      })
    }
  }
  return {
    files: results,
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    notices: results.reduce((sum, result) => sum + result.notices, 0)
  }
}
