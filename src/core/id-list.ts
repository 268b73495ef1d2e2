import { classifySubmissionId } from './ids.js'
import type { Source } from './source.js'
import { cutChars } from './text.js'
import { readWorkspaceText, WorkspaceFileError, type WorkspaceText } from './workspace-file.js'

/** An ID file larger than this is refused before it is read. */
export const MAX_ID_FILE_BYTES = 16 * 1024 * 1024
/** Invalid entries beyond this many are counted, not echoed: a junk file must not flood the log. */
export const MAX_INVALID_LISTED = 100
/** An invalid entry is echoed cut to this many characters. */
export const MAX_INVALID_CHARS = 100
/** More distinct submission IDs than this in one run are not checked (at 5/s they would take 14 hours). */
export const MAX_IDS = 250_000

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
  /** Paths relative to `workspace`, as the user wrote them. */
  files?: string[]
  workspace?: string
  /** Stops reading further files (and the current one) once aborted. */
  signal?: AbortSignal
}

interface Token {
  raw: string
  source: Source
}

// The MPC's submission endpoint replies with a sentence ending in "Submission ID is <ID>"; a workflow can
// append each reply to the ID file as it submits, and the submit action's receipts hold the same sentence.
const REPLY_PATTERN = /submission id is\s+([^\s,;'"]+)/i

/** The token after "Submission ID is" in a text (the MPC's reply), trailing `.` or `:` dropped; not checked. */
export function submissionIdInReply(text: string): string | undefined {
  const reply = REPLY_PATTERN.exec(text)
  return reply?.[1] ? reply[1].replace(/[.:]+$/, '') : undefined
}

/** A line of an ID file without its comment: `#` starts one anywhere on the line. */
export const withoutComment = (line: string): string => line.split('#', 1)[0] ?? ''

/** Tokens of one line of an ID list: comments dropped, split on whitespace and commas. */
export function tokensOfLine(line: string): string[] {
  const content = withoutComment(line)
  const reply = submissionIdInReply(content)
  if (reply !== undefined) return [reply]
  return content.split(/[\s,]+/).filter((token) => token.length > 0)
}

function tokensOfText(text: string, sourceOf: (line: number) => Source, into: Token[]): void {
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    for (const raw of tokensOfLine(line)) into.push({ raw, source: sourceOf(index + 1) })
  })
}

/**
 * The line each string value first appears on, in one pass over the text (a search per item would make a
 * large file cost quadratic time). The text is valid JSON, so every `"` outside a string opens one.
 */
function firstLinesOfStrings(text: string): Map<string, number> {
  const lines = new Map<string, number>()
  let line = 1
  for (const match of text.matchAll(/"(?:[^"\\\n]|\\.)*"|\n/g)) {
    if (match[0] === '\n') {
      line += 1
      continue
    }
    const value = JSON.parse(match[0]) as string
    if (!lines.has(value)) lines.set(value, line)
  }
  return lines
}

/** A `.json` file: an array of IDs, or of objects with `submission_id` (such as a previous results file). */
function tokensOfJson(text: string, file: string, relative: string, into: Token[]): void {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message.slice(0, 200)})`)
  }
  if (!Array.isArray(parsed)) {
    throw new Error(`${file} must hold a JSON array of submission IDs or of objects with "submission_id"`)
  }
  const lines = firstLinesOfStrings(text)
  parsed.forEach((item: unknown, index) => {
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
    into.push({ raw: raw.trim(), source: { file: relative, line: lines.get(raw) ?? 1 } })
  })
}

async function tokensOfFile(file: string, workspace: string, signal: AbortSignal | undefined, into: Token[]) {
  let read: WorkspaceText
  try {
    read = await readWorkspaceText(workspace, file, { maxBytes: MAX_ID_FILE_BYTES, signal })
  } catch (error) {
    if (error instanceof WorkspaceFileError) throw new Error(`Cannot read submission-ids-file ${file}: ${error.reason}`)
    throw error
  }
  let text = read.text
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (file.toLowerCase().endsWith('.json')) tokensOfJson(text, file, read.relative, into)
  else tokensOfText(text, (line) => ({ file: read.relative, line }), into)
}

/**
 * Gathers the IDs to check from the input text and the files, each distinct submission once, in the order
 * first seen. A file that cannot be read is recorded as a problem; the others are still used.
 */
export async function collectIds(options: IdListOptions): Promise<IdList> {
  const workspace = options.workspace ?? process.cwd()
  const tokens: Token[] = []
  const problems: string[] = []
  const lookedIn: string[] = []
  if (options.text !== undefined && options.text.trim() !== '') {
    lookedIn.push('the submission-ids input')
    tokensOfText(options.text, () => 'input', tokens)
  }
  for (const file of options.files ?? []) {
    lookedIn.push(file)
    if (options.signal?.aborted) {
      problems.push(`Cannot read submission-ids-file ${file}: reading was cancelled`)
      continue
    }
    try {
      await tokensOfFile(file, workspace, options.signal, tokens)
    } catch (error) {
      problems.push((error as Error).message)
    }
  }

  const seen = new Map<string, IdEntry>()
  const unlisted = new Set<string>()
  let invalidListed = 0
  let overLimit = 0
  for (const { raw, source } of tokens) {
    const classified = classifySubmissionId(raw)
    if (classified.kind === 'invalid') {
      const shown = cutChars(raw, MAX_INVALID_CHARS)
      if (seen.has(shown) || unlisted.has(raw)) continue
      if (invalidListed >= MAX_INVALID_LISTED) {
        unlisted.add(raw)
        continue
      }
      invalidListed += 1
      seen.set(shown, { raw: shown, id: shown, source, valid: false, reason: classified.reason })
      continue
    }
    if (seen.has(classified.id)) continue
    if (seen.size - invalidListed >= MAX_IDS) {
      overLimit += 1
      continue
    }
    seen.set(
      classified.id,
      classified.kind === 'block-id'
        ? { raw, id: classified.id, source, valid: true, blockOf: raw }
        : { raw, id: classified.id, source, valid: true }
    )
  }
  if (overLimit > 0) {
    problems.push(
      `More than ${MAX_IDS.toLocaleString('en-US')} distinct submission IDs: ${overLimit.toLocaleString('en-US')} more were not checked`
    )
  }
  return { entries: [...seen.values()], problems, lookedIn, invalidNotListed: unlisted.size }
}
