import type { BatchFormat } from './batch.js'
import { MAX_ID_FILE_BYTES, submissionIdInReply, withoutComment } from './id-list.js'
import { classifySubmissionId } from './ids.js'
import { readWorkspaceText, WorkspaceFileError, writeWorkspaceFile, type FileBase } from './workspace-file.js'

// The receipts file: one line per submission, which the status action reads as an ID file as it is. A line
// holds the date, test or production, the format, the observation count, the content's SHA-256, the MPC's
// sentence "Submission ID is <ID>", and the file name, last and quoted: `#` starts a comment in an ID file,
// so nothing the user chose (the file name) may come before the sentence. A test submission's receipt is a
// comment line, so that a gate on the receipts file skips IDs the MPC never processed:
//
//   2026-02-09T11:42:21Z production psv 3 observations sha256=9f86…08 Submission ID is 2026-02-09T11:42:17.655_00000FrY file "out/tonight.psv"
//   # 2026-02-09T11:40:02Z test psv 3 observations sha256=9f86…08 Submission ID is 2026-02-09T11:40:01.210_00000FqX file "out/tonight.psv"

/** The receipts file is an ID file: read within the same limit the status action reads it. */
export const MAX_RECEIPTS_BYTES = MAX_ID_FILE_BYTES

export interface ReceiptFacts {
  date: Date
  test: boolean
  format: BatchFormat
  observations: number
  sha256: string
  submissionId: string
  /** The batch's path as the user gave it. */
  file: string
}

/** A file name on one line: JSON's quoting, and the Unicode line separators escaped as well. */
const quoted = (text: string): string =>
  JSON.stringify(text).replace(/[\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16)}`)

export function receiptLine(facts: ReceiptFacts): string {
  const date = facts.date.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const mode = facts.test ? 'test' : 'production'
  const line = `${date} ${mode} ${facts.format} ${facts.observations} observations sha256=${facts.sha256} Submission ID is ${facts.submissionId} file ${quoted(facts.file)}`
  return facts.test ? `# ${line}` : line
}

/** An earlier production submission found in the receipts file. */
export interface Receipt {
  sha256: string
  submissionId: string
  /** The line it is on, for the annotation and the message. */
  line: number
  /** The date at the start of the line, if there is one. */
  date?: string
}

/**
 * Production receipts: lines that are not comments and hold both `sha256=<64 hex digits>` and a valid
 * submission ID after "Submission ID is". Anything else (test receipts, replies appended by hand, junk) is
 * skipped: the file is read as hostile, like any ID file.
 */
export function parseReceipts(text: string): Receipt[] {
  const receipts: Receipt[] = []
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    const content = withoutComment(line)
    const sha = /(?:^|\s)sha256=([0-9a-f]{64})(?=\s|$)/i.exec(content)?.[1]
    const id = submissionIdInReply(content)
    if (sha === undefined || id === undefined || classifySubmissionId(id).kind !== 'submission-id') return
    const date = /^\s*(\d{4}-\d\d-\d\dT[\d:.]+Z)\s/.exec(content)?.[1]
    receipts.push({ sha256: sha.toLowerCase(), submissionId: id, line: index + 1, ...(date ? { date } : {}) })
  })
  return receipts
}

export interface ReceiptsFile {
  /** Its text; '' when it does not exist yet. */
  text: string
  /** Relative to the workspace, for annotations; undefined when it does not exist yet. */
  relative?: string
  receipts: Receipt[]
}

/**
 * Reads the receipts file as the status action reads an ID file (inside the workspace, regular, bounded,
 * UTF-8). A missing file is an empty one; any other refusal throws WorkspaceFileError.
 */
export async function readReceipts(workspace: FileBase, file: string, signal?: AbortSignal): Promise<ReceiptsFile> {
  try {
    const read = await readWorkspaceText(workspace, file, { maxBytes: MAX_RECEIPTS_BYTES, signal })
    return { text: read.text, relative: read.relative, receipts: parseReceipts(read.text) }
  } catch (error) {
    if (error instanceof WorkspaceFileError && error.missing) return { text: '', receipts: [] }
    throw error
  }
}

/** The file's content with `line` appended, on a line of its own. */
export const withReceipt = (text: string, line: string): string =>
  `${text}${text === '' || /[\r\n]$/.test(text) ? '' : '\n'}${line}\n`

/**
 * Appends one receipt: the file is read afresh and written whole through writeWorkspaceFile (inside the
 * workspace, never through a symlink). Throws WorkspaceFileError when it cannot be.
 */
export async function appendReceipt(workspace: FileBase, file: string, line: string): Promise<void> {
  const { text } = await readReceipts(workspace, file)
  await writeWorkspaceFile(workspace, file, withReceipt(text, line))
}
