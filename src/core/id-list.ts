import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { classifySubmissionId } from './ids.js'
import type { Source } from './source.js'

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
}

export interface IdListOptions {
  /** IDs separated by newlines, commas or spaces. */
  text?: string
  /** Paths relative to `workspace`, as the user wrote them. */
  files?: string[]
  workspace?: string
}

interface Token {
  raw: string
  source: Source
}

// The MPC's submission endpoint replies with a sentence ending in "Submission ID is <ID>"; a workflow can
// append each reply to the ID file as it submits.
const REPLY_PATTERN = /submission id is\s+([^\s,;'"]+)/i

/** Tokens of one line of an ID list: comments dropped, split on whitespace and commas. */
export function tokensOfLine(line: string): string[] {
  const content = line.split('#', 1)[0] ?? ''
  const reply = REPLY_PATTERN.exec(content)
  if (reply?.[1]) return [reply[1].replace(/[.:]+$/, '')]
  return content.split(/[\s,]+/).filter((token) => token.length > 0)
}

function tokensOfText(text: string, sourceOf: (line: number) => Source): Token[] {
  const tokens: Token[] = []
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    for (const raw of tokensOfLine(line)) tokens.push({ raw, source: sourceOf(index + 1) })
  })
  return tokens
}

function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle)
  return at < 0 ? 1 : text.slice(0, at).split('\n').length
}

/** A `.json` file: an array of IDs, or of objects with `submission_id` (such as a previous results file). */
function tokensOfJson(text: string, file: string): Token[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message})`)
  }
  if (!Array.isArray(parsed)) {
    throw new Error(`${file} must hold a JSON array of submission IDs or of objects with "submission_id"`)
  }
  return parsed.map((item: unknown, index) => {
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
    return { raw: raw.trim(), source: { file, line: lineOf(text, JSON.stringify(raw)) } }
  })
}

async function tokensOfFile(file: string, workspace: string): Promise<Token[]> {
  let text: string
  try {
    text = await readFile(path.resolve(workspace, file), 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'it does not exist'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message
    throw new Error(`Cannot read submission-ids-file ${file}: ${why}`)
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (file.toLowerCase().endsWith('.json')) return tokensOfJson(text, file)
  return tokensOfText(text, (line) => ({ file, line }))
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
    tokens.push(...tokensOfText(options.text, () => 'input'))
  }
  for (const file of options.files ?? []) {
    lookedIn.push(file)
    try {
      tokens.push(...(await tokensOfFile(file, workspace)))
    } catch (error) {
      problems.push((error as Error).message)
    }
  }

  const seen = new Map<string, IdEntry>()
  for (const { raw, source } of tokens) {
    const classified = classifySubmissionId(raw)
    const entry: IdEntry =
      classified.kind === 'invalid'
        ? { raw, id: raw, source, valid: false, reason: classified.reason }
        : classified.kind === 'block-id'
          ? { raw, id: classified.id, source, valid: true, blockOf: raw }
          : { raw, id: classified.id, source, valid: true }
    if (!seen.has(entry.id)) seen.set(entry.id, entry)
  }
  return { entries: [...seen.values()], problems, lookedIn }
}
