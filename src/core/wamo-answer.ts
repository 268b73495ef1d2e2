// The MPC's WAMO ("Where Are My Observations") answer, read as hostile text: a JSON object
// {"found": [{"<identifier>": [observation, ...]}], "not_found": [...], "malformed": [[identifier, message]]}.
// Every identifier that was asked gets its own reading, so one odd entry costs that identifier only; the
// whole answer is refused only when it is not that object at all. Strings are cut to a few dozen characters,
// lists to what was asked, and nothing in an answer is ever trusted as markup (the reporters escape it).
import { cutChars } from './text.js'

export const WAMO_PATH = '/api/wamo'

/** One observation as this project keeps it: the fields a person follows, each cut short. */
export interface ObservationRow {
  obsid: string | null
  /** `P` published, `p` accepted and waiting, `I` in the Isolated Tracklet File; anything else is "other". */
  status: string | null
  /** `iau_desig`: the designation it is identified with. */
  designation: string | null
  /** `ref`: the publication reference, e.g. `MPS   145016`. */
  reference: string | null
  submission_block_id: string | null
}

export interface WamoFlags {
  /** Observations whose sentence says they are on the NEOCP or PCCP. */
  neocp: number
  near_duplicate: number
  deleted: number
}

/** What WAMO said about one identifier that was asked. */
export type IdentifierAnswer =
  | { kind: 'found'; observations: ObservationRow[]; flags: WamoFlags }
  | { kind: 'not-found' }
  | { kind: 'malformed'; message: string }
  /** The answer named the identifier, but not with a list of observations. */
  | { kind: 'garbage'; message: string }
  /** The answer did not mention the identifier at all. */
  | { kind: 'missing' }

/** Characters kept of each field of an observation (designations and references are far shorter). */
const FIELD_CHARS = 64
/**
 * Objects and arrays an answer may hold. The byte cap alone does not bound memory: 32 MiB of `{},` is 11
 * million objects, about 2 GB once parsed and read. A real observation is about 500 bytes with a dozen
 * fields, so an answer at the byte cap holds far fewer; one over this count is treated as over the cap.
 */
export const WAMO_MAX_VALUES = 200_000

/** Characters of a `status_decoded` sentence looked at for the flags: the documented phrases come early. */
const SENTENCE_CHARS = 2000
/** Characters kept of a malformed identifier's message. */
const MESSAGE_CHARS = 300

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function field(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value !== 'string') return null
  const trimmed = value.trim()
  return trimmed === '' ? null : cutChars(trimmed, FIELD_CHARS)
}

// The sentences WAMO is seen to use ("is on the NEOCP/PCCP", "was flagged as a near-duplicate", "has been
// deleted"). They are text for people, not a contract: what matches is counted, nothing fails on wording.
const NEOCP = /\b(NEOCP|PCCP)\b/i
const NEAR_DUPLICATE = /near[- ]?duplicate/i
const DELETED = /\bdeleted\b/i

/** The observations WAMO gave for one identifier, or why they cannot be read. */
function readObservations(value: unknown): IdentifierAnswer {
  if (!Array.isArray(value)) return { kind: 'garbage', message: 'WAMO answered it with something other than a list' }
  const observations: ObservationRow[] = []
  const flags: WamoFlags = { neocp: 0, near_duplicate: 0, deleted: 0 }
  for (const item of value) {
    if (!isRecord(item)) return { kind: 'garbage', message: 'WAMO answered it with a list of non-observations' }
    observations.push({
      obsid: field(item.obsid),
      status: field(item.status),
      designation: field(item.iau_desig),
      reference: field(item.ref),
      submission_block_id: field(item.submission_block_id)
    })
    const sentence = typeof item.status_decoded === 'string' ? item.status_decoded.slice(0, SENTENCE_CHARS) : ''
    if (NEOCP.test(sentence)) flags.neocp += 1
    if (NEAR_DUPLICATE.test(sentence)) flags.near_duplicate += 1
    if (DELETED.test(sentence)) flags.deleted += 1
  }
  return { kind: 'found', observations, flags }
}

/**
 * Reads a WAMO answer for the identifiers `asked`: one IdentifierAnswer each. A string when the answer as a
 * whole is unusable (not JSON, not the documented object); keys that were not asked are ignored, so an
 * answer cannot grow what is kept beyond what was asked.
 */
export function parseWamoAnswer(body: string, asked: readonly string[]): Map<string, IdentifierAnswer> | string {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return 'WAMO answered with something that is not JSON'
  }
  if (!isRecord(parsed)) return 'WAMO answered with JSON that is not its documented object'
  const { found, not_found: notFound, malformed } = parsed
  if (!Array.isArray(found) && !Array.isArray(notFound) && !Array.isArray(malformed)) {
    return 'WAMO answered without any of "found", "not_found" and "malformed"'
  }
  const wanted = new Set(asked)
  const answers = new Map<string, IdentifierAnswer>()
  const settle = (id: unknown, answer: IdentifierAnswer): void => {
    // The first word about an identifier stands; a repeat cannot turn found into not found.
    if (typeof id === 'string' && wanted.has(id) && !answers.has(id)) answers.set(id, answer)
  }
  for (const entry of Array.isArray(found) ? found : []) {
    if (!isRecord(entry)) continue
    for (const [id, observations] of Object.entries(entry)) {
      if (wanted.has(id) && !answers.has(id)) settle(id, readObservations(observations))
    }
  }
  for (const id of Array.isArray(notFound) ? notFound : []) settle(id, { kind: 'not-found' })
  for (const entry of Array.isArray(malformed) ? malformed : []) {
    if (!Array.isArray(entry)) continue
    const [id, message] = entry as unknown[]
    const text = typeof message === 'string' ? cutChars(message.trim(), MESSAGE_CHARS) : ''
    settle(id, { kind: 'malformed', message: text || 'WAMO could not parse it' })
  }
  for (const id of asked) if (!answers.has(id)) answers.set(id, { kind: 'missing' })
  return answers
}
