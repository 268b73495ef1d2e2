import type { BatchFormat } from './batch.js'
import { MAX_ID_FILE_BYTES, withoutComment } from './id-list.js'
import { submissionIdInReply } from './reply-sentence.js'
import { readWorkspaceText, WorkspaceFileError, writeWorkspaceFile, type FileBase } from './workspace-file.js'

// The receipts file: one line per submission, which the status action reads as an ID file as it is. A line
// holds the date, test or production, the format, the observation count, the content's SHA-256, the MPC's
// sentence "Submission ID is <ID>", and the file name, last and quoted: `#` starts a comment in an ID file,
// so nothing the user chose (the file name) may come before the sentence. A test submission's receipt is a
// comment line, so that a gate on the receipts file skips IDs the MPC never processed. A production batch
// whose request was written without an answer saying what became of it is recorded as possibly submitted, a
// comment too (it has no ID), which the duplicate guard still reads:
//
//   2026-02-09T11:42:21Z production psv 3 observations sha256=9f86…08 Submission ID is 2026-02-09T11:42:17.655_00000FrY file "out/tonight.psv"
//   # 2026-02-09T11:40:02Z test psv 3 observations sha256=9f86…08 Submission ID is 2026-02-09T11:40:01.210_00000FqX file "out/tonight.psv"
//   # 2026-02-09T11:45:30Z possibly-submitted psv 3 observations sha256=9f86…08 file "out/tonight.psv"
//
// The reader takes the last "Submission ID is" of a line, and the phrase needs whitespace between its words;
// the quoted name has none (each whitespace character is a \uXXXX escape), so a file named
// "Submission ID is <another ID>.psv" cannot give the gate another ID.

/** The receipts file is an ID file: read within the same limit the status action reads it. */
export const MAX_RECEIPTS_BYTES = MAX_ID_FILE_BYTES

/**
 * Room kept for the receipt of the submission about to be made (a receipt line is a few hundred bytes; a file
 * name of 4,096 characters, each escaped, still fits): a file with less room left is refused before anything is
 * sent, since a receipt past MAX_RECEIPTS_BYTES would make the file unreadable to every later run and gate.
 */
export const RECEIPT_ROOM_BYTES = 64 * 1024

/** The word of a possibly-submitted line, where the others say test or production. */
const POSSIBLY = 'possibly-submitted'

export interface ReceiptFacts {
  date: Date
  test: boolean
  format: BatchFormat
  observations: number
  sha256: string
  /** Undefined: the request was written and no answer said whether the MPC took the batch (production only). */
  submissionId?: string
  /** The batch's path as the user gave it. */
  file: string
}

const escaped = (ch: string): string => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`

/**
 * A file name on one line with no whitespace in it: JSON's quoting, every whitespace character (and the
 * Unicode line breaks) as a \uXXXX escape. It still reads back with JSON.parse.
 */
export const quotedName = (text: string): string => JSON.stringify(text).replace(/[\s\u0085]/g, escaped)

export function receiptLine(facts: ReceiptFacts): string {
  const date = facts.date.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const counted = `${facts.format} ${facts.observations} observations sha256=${facts.sha256}`
  const file = `file ${quotedName(facts.file)}`
  if (facts.submissionId === undefined) return `# ${date} ${POSSIBLY} ${counted} ${file}`
  const line = `${date} ${facts.test ? 'test' : 'production'} ${counted} Submission ID is ${facts.submissionId} ${file}`
  return facts.test ? `# ${line}` : line
}

/** An earlier production submission found in the receipts file, or a possibly submitted one. */
export interface Receipt {
  sha256: string
  /** Undefined for a possibly submitted batch: the request was written, and what became of it is unknown. */
  submissionId?: string
  /** The line it is on, for the annotation and the message. */
  line: number
  /** The date at the start of the line, if there is one. */
  date?: string
}

const SHA = /(?:^|\s)sha256=([0-9a-f]{64})(?=\s|$)/i
const DATE = /^\s*(\d{4}-\d\d-\d\dT[\d:.]+Z)\s/
const POSSIBLY_LINE = new RegExp(`^#\\s*(\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z)\\s+${POSSIBLY}\\s`)

/**
 * Production receipts: lines that are not comments and hold both `sha256=<64 hex digits>` and a valid
 * submission ID after their last "Submission ID is"; and possibly-submitted comment lines, dated, with a
 * SHA-256. Anything else (test receipts, replies appended by hand, junk) is skipped: the file is read as
 * hostile, like any ID file. A forged possibly-submitted line can only hold content back, never let it through.
 */
export function parseReceipts(text: string): Receipt[] {
  const receipts: Receipt[] = []
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    const possibly = POSSIBLY_LINE.exec(line)
    if (possibly) {
      const sha = SHA.exec(line)?.[1]
      if (sha !== undefined) receipts.push({ sha256: sha.toLowerCase(), line: index + 1, date: possibly[1] as string })
      return
    }
    const content = withoutComment(line)
    const sha = SHA.exec(content)?.[1]
    const id = submissionIdInReply(content)
    if (sha === undefined || id === undefined) return
    const date = DATE.exec(content)?.[1]
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
