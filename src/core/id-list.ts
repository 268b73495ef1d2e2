import { classifySubmissionId, EXPECTED_ID, type IdClassification } from './ids.js'
import { lastSentenceToken, MAX_REPLY_TOKEN } from './reply-sentence.js'
import type { Source } from './source.js'
import { cutChars } from './text.js'
import type { FileBase, WorkspaceText } from './workspace-file.js'

/** An ID file larger than this is refused before it is read. */
export const MAX_ID_FILE_BYTES = 16 * 1024 * 1024
/** Invalid entries beyond this many are counted, not echoed: a junk file must not flood the log. */
export const MAX_INVALID_LISTED = 100
/** The line for invalid entries counted but not echoed, the same in the action's log and on the command line. */
export const describeUnlistedInvalid = (count: number): string =>
  `${count} more invalid ${count === 1 ? 'entry is' : 'entries are'} counted but not listed (only the first ${MAX_INVALID_LISTED} are)`
/** An invalid entry is echoed cut to this many characters. */
export const MAX_INVALID_CHARS = 100
/** More distinct submission IDs than this in one run are not checked (at 5/s they would take 14 hours). */
export const MAX_IDS = 250_000
/** All ID files of a run together: a file listed many times, or many large ones, must not exhaust memory. */
export const MAX_ID_BYTES_TOTAL = 64 * 1024 * 1024
/** Distinct invalid entries counted exactly up to here; beyond, each further one counts (an upper bound). */
const MAX_INVALID_COUNTED = 100_000
/** Lines between two yields to the event loop, so a cancel is heard while a large file is taken apart. */
const LINES_PER_YIELD = 20_000

/** One distinct ID to check, with where it was first seen. */
export interface IdEntry {
  /** The text as the user wrote it. */
  raw: string
  /** The submission ID to ask about; for an invalid entry, the raw text. */
  id: string
  source: Source
  valid: boolean
  /** Why an invalid entry is invalid. */
  reason?: string
  /** Set when a submission block ID was reduced to its submission ID. */
  blockOf?: string
}

export interface IdList {
  entries: IdEntry[]
  /** Files that could not be read or parsed, each as a full sentence naming the file. */
  problems: string[]
  /** Where IDs were looked for, for the "No submission IDs found" message. */
  lookedIn: string[]
  /** Distinct invalid entries beyond the first MAX_INVALID_LISTED, counted but not listed. */
  invalidNotListed: number
}

export interface IdListOptions {
  /** IDs separated by newlines, commas or spaces. */
  text?: string
  /** Paths as the user wrote them, taken from `workspace` (see FileBase); the current folder by default. */
  files?: string[]
  workspace?: FileBase
  /** Stops reading further files (and the current one) once aborted. */
  signal?: AbortSignal
  /** How the user gave the text and the files, for the messages; the action's inputs by default. */
  names?: IdListNames
}

/** The action's `submission-ids` and `submission-ids-file`; the command line's IDS arguments and `--file`. */
export interface IdListNames {
  /** Where "No submission IDs found in ..." looked when the text held some: "the submission-ids input". */
  text: string
  /** Before a file that cannot be read: "Cannot read submission-ids-file ids.txt: ...". */
  file: string
}

export const ACTION_ID_NAMES: IdListNames = { text: 'the submission-ids input', file: 'submission-ids-file' }

/** A line of an ID file without its comment: `#` starts one anywhere on the line. */
export const withoutComment = (line: string): string => line.split('#', 1)[0] ?? ''

/**
 * What one line of an ID list holds, comments dropped. The MPC's submission endpoint replies with a sentence
 * ending in "Submission ID is <ID>"; a workflow can append each reply to the ID file as it submits, and the
 * submit action's receipts hold the same sentence. A line with that phrase gives only the token of its last
 * one (`sentence`: it must be a submission ID, or the line gives no ID); any other line is split on
 * whitespace and commas.
 */
export function readIdLine(line: string): { sentence: boolean; tokens: string[] } {
  const content = withoutComment(line)
  const token = lastSentenceToken(content)
  if (token !== undefined) return { sentence: true, tokens: [token] }
  return { sentence: false, tokens: content.split(/[\s,]+/).filter((part) => part.length > 0) }
}

/** Tokens of one line of an ID list: comments dropped, split on whitespace and commas. */
export const tokensOfLine = (line: string): string[] => readIdLine(line).tokens

/** The token of the MPC's sentence names a submission ID or nothing: a block ID there is not taken either. */
function sentenceClassification(token: string): IdClassification {
  if (token === '')
    return { kind: 'invalid', reason: `the last "Submission ID is" of its line is followed by no ID; ${EXPECTED_ID}` }
  const classified = classifySubmissionId(token)
  if (classified.kind !== 'block-id') return classified
  return {
    kind: 'invalid',
    reason: `a submission block ID after "Submission ID is", where the MPC's sentence gives a submission ID; ${EXPECTED_ID}`
  }
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * The distinct entries of a run, gathered token by token as files are read: memory grows with the
 * distinct IDs kept (at most MAX_IDS and MAX_INVALID_LISTED), not with the size of the files.
 */
class EntryCollector {
  readonly seen = new Map<string, IdEntry>()
  private readonly unlisted = new Set<string>()
  private unlistedBeyond = 0
  private invalidListed = 0
  overLimit = 0

  /** `sentence`: the token of the MPC's sentence, which gives an ID only when it is a submission ID. */
  add(token: string, source: Source, sentence = false): void {
    const raw = sentence && token === '' ? 'Submission ID is' : token
    const classified = sentence ? sentenceClassification(token) : classifySubmissionId(token)
    if (classified.kind === 'invalid') {
      const shown = cutChars(raw, MAX_INVALID_CHARS)
      if (this.seen.has(shown) || this.unlisted.has(shown)) return
      if (this.invalidListed >= MAX_INVALID_LISTED) {
        if (this.unlisted.size < MAX_INVALID_COUNTED) this.unlisted.add(shown)
        else this.unlistedBeyond += 1
        return
      }
      this.invalidListed += 1
      this.seen.set(shown, { raw: shown, id: shown, source, valid: false, reason: classified.reason })
      return
    }
    if (this.seen.has(classified.id)) return
    if (this.seen.size - this.invalidListed >= MAX_IDS) {
      this.overLimit += 1
      return
    }
    this.seen.set(
      classified.id,
      classified.kind === 'block-id'
        ? { raw, id: classified.id, source, valid: true, blockOf: raw }
        : { raw, id: classified.id, source, valid: true }
    )
  }

  get invalidNotListed(): number {
    return this.unlisted.size + this.unlistedBeyond
  }
}

async function collectText(
  text: string,
  sourceOf: (line: number) => Source,
  into: EntryCollector,
  signal: AbortSignal | undefined
): Promise<void> {
  let line = 0
  let start = 0
  while (start <= text.length) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    const content = text.slice(start, end).replace(/\r$/, '')
    line += 1
    const { sentence, tokens } = readIdLine(content)
    for (const raw of tokens) into.add(raw, sourceOf(line), sentence)
    start = end + 1
    if (line % LINES_PER_YIELD === 0) {
      await nextTurn()
      if (signal?.aborted) throw new Error('reading was cancelled')
    }
  }
}

/**
 * The line each string value first appears on, in one pass over the text (a search per item would make a
 * large file cost quadratic time). A loop, not a regex: a regex over a string of millions of characters
 * overflows its stack. The text is valid JSON, so every `"` outside a string opens one.
 */
function firstLinesOfStrings(text: string): Map<string, number> {
  const lines = new Map<string, number>()
  let line = 1
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i)
    if (ch === 10) line += 1
    if (ch !== 34) continue
    let end = i + 1
    while (end < text.length && text.charCodeAt(end) !== 34) end += text.charCodeAt(end) === 92 ? 2 : 1
    const literal = text.slice(i, end + 1)
    // Only strings that can be IDs are worth a line number; the others are skipped, not parsed.
    if (literal.length <= MAX_REPLY_TOKEN + 2) {
      const value = JSON.parse(literal) as string
      if (!lines.has(value)) lines.set(value, line)
    }
    i = end
  }
  return lines
}

/** A `.json` file: an array of IDs, or of objects with `submission_id` (such as a previous results file). */
async function collectJson(
  text: string,
  file: string,
  relative: string,
  into: EntryCollector,
  signal: AbortSignal | undefined
): Promise<void> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    // Not the parser's message: it quotes the file's content.
    throw new Error(`${file} is not valid JSON`)
  }
  if (!Array.isArray(parsed)) {
    throw new Error(`${file} must hold a JSON array of submission IDs or of objects with "submission_id"`)
  }
  const lines = firstLinesOfStrings(text)
  for (const [index, item] of (parsed as unknown[]).entries()) {
    const raw =
      typeof item === 'string'
        ? item
        : typeof item === 'object' && item !== null && 'submission_id' in item
          ? (item as { submission_id: unknown }).submission_id
          : undefined
    if (typeof raw !== 'string') {
      throw new Error(
        `${file}: item ${index} is neither a submission ID string nor an object with a "submission_id" string`
      )
    }
    into.add(raw.trim(), { file: relative, line: lines.get(raw) ?? 1 })
    if (index % LINES_PER_YIELD === LINES_PER_YIELD - 1) {
      await nextTurn()
      if (signal?.aborted) throw new Error('reading was cancelled')
    }
  }
}

/**
 * Gathers the IDs to check from the input text and the files, each distinct submission once, in the order
 * first seen. A file that cannot be read is recorded as a problem; the others are still used.
 */
export async function collectIds(options: IdListOptions): Promise<IdList> {
  const workspace = options.workspace ?? process.cwd()
  const { signal } = options
  const collector = new EntryCollector()
  const problems: string[] = []
  const lookedIn: string[] = []
  const names = options.names ?? ACTION_ID_NAMES
  const cannotRead = (file: string, why: string): string => `Cannot read ${names.file} ${file}: ${why}`
  if (options.text !== undefined && options.text.trim() !== '') {
    lookedIn.push(names.text)
    await collectText(options.text, () => 'input', collector, undefined)
  }
  const read = new Set<string>()
  let bytesRead = 0
  for (const file of options.files ?? []) {
    lookedIn.push(file)
    if (signal?.aborted) {
      problems.push(cannotRead(file, 'reading was cancelled'))
      continue
    }
    const room = MAX_ID_BYTES_TOTAL - bytesRead
    let content: WorkspaceText
    // Loaded only when a file is named: a run of IDs given in the input starts without it.
    const { readWorkspaceText, WorkspaceFileError } = await import('./workspace-file.js')
    try {
      content = await readWorkspaceText(workspace, file, { maxBytes: Math.min(MAX_ID_FILE_BYTES, room), signal })
    } catch (error) {
      if (!(error instanceof WorkspaceFileError)) throw error
      const why =
        /^it is larger than/.test(error.reason) && room < MAX_ID_FILE_BYTES
          ? 'the ID files together are larger than 64 MiB'
          : error.reason
      problems.push(cannotRead(file, why))
      continue
    }
    // The same file listed twice (or through two links) is read once.
    if (read.has(content.relative)) continue
    read.add(content.relative)
    bytesRead += Buffer.byteLength(content.text, 'utf8')
    let text = content.text
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    try {
      if (file.toLowerCase().endsWith('.json')) await collectJson(text, file, content.relative, collector, signal)
      else await collectText(text, (line) => ({ file: content.relative, line }), collector, signal)
    } catch (error) {
      const message = (error as Error).message
      problems.push(message === 'reading was cancelled' ? cannotRead(file, message) : message)
    }
  }
  if (collector.overLimit > 0) {
    const more = collector.overLimit
    problems.push(
      `More than ${MAX_IDS.toLocaleString('en-US')} distinct submission IDs: ${more.toLocaleString('en-US')} more ${more === 1 ? 'was' : 'were'} not checked`
    )
  }
  return {
    entries: [...collector.seen.values()],
    problems,
    lookedIn,
    invalidNotListed: collector.invalidNotListed
  }
}
