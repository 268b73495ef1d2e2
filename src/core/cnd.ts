import type { MpcClient } from './client.js'
import type { SendOptions } from './transport.js'
import { cutChars, opensMoreThan } from './text.js'

// The MPC's Check Near-Duplicates API (GET /api/cnd with a JSON body; Smithsonian/mpc-public,
// apis/cnd.md): which of a batch's observations lie within a few seconds and arcseconds of published ones.
// Asked before sending, so a batch that repeats what the MPC already holds is caught while it can still be
// fixed. At most 10,000 lines per request, each request through the client's one rate limiter. The answer is
// the MPC's text: shapes are checked and sizes capped, nothing is trusted.

export const CND_PATH = '/api/cnd'
/** The API's limit of observations per request. */
export const CND_MAX_LINES = 10_000
/**
 * Objects and arrays an answer may hold: a list and a few matches for each of 10,000 lines, with room to
 * spare. Counted before parsing, as the 64 MiB byte cap alone lets an answer of 20 million empty lists through.
 */
export const CND_MAX_VALUES = 500_000
/** Matches kept per observation; the rest are counted. */
export const MAX_MATCHES_PER_LINE = 20

export type NearDuplicateMode = 'warn' | 'refuse' | 'off'
export const NEAR_DUPLICATE_MODES: readonly NearDuplicateMode[] = ['warn', 'refuse', 'off']

export function parseNearDuplicateMode(text: string, name: string): NearDuplicateMode {
  const value = text.trim().toLowerCase()
  const mode = NEAR_DUPLICATE_MODES.find((candidate) => candidate === value)
  if (!mode) throw new Error(`${name}: "${cutChars(text, 40)}" is not one of ${NEAR_DUPLICATE_MODES.join(', ')}`)
  return mode
}

export interface CndMatch {
  obs80: string
  timeSeparationS?: number
  angleSeparationArcsec?: number
}

export type CndFinding = { status: 'answered'; results: Map<string, CndMatch[]> } | { status: 'error'; message: string }

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The API's answer, checked: `{"results": {"<line>": [{obs80, time_separation_s, angle_separation_arcsec}]}}`. */
export function interpretCndAnswer(statusCode: number, body: string): CndFinding {
  if (statusCode < 200 || statusCode >= 300) {
    const detail = cutChars(body.trim(), 200)
    return { status: 'error', message: `HTTP ${statusCode}${detail ? `: ${detail}` : ''}` }
  }
  if (opensMoreThan(body, CND_MAX_VALUES)) {
    return { status: 'error', message: `the answer holds more than ${CND_MAX_VALUES} JSON values` }
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return { status: 'error', message: 'the answer is not JSON' }
  }
  if (!isRecord(parsed) || !isRecord(parsed.results)) {
    return { status: 'error', message: 'the answer has no "results" object' }
  }
  const results = new Map<string, CndMatch[]>()
  for (const [line, matches] of Object.entries(parsed.results)) {
    if (!Array.isArray(matches)) return { status: 'error', message: 'a result is not a list of matches' }
    const kept: CndMatch[] = []
    for (const match of matches.slice(0, MAX_MATCHES_PER_LINE)) {
      if (!isRecord(match) || typeof match.obs80 !== 'string') {
        return { status: 'error', message: 'a match has no obs80 line' }
      }
      const entry: CndMatch = { obs80: cutChars(match.obs80, 200) }
      if (typeof match.time_separation_s === 'number') entry.timeSeparationS = match.time_separation_s
      if (typeof match.angle_separation_arcsec === 'number') entry.angleSeparationArcsec = match.angle_separation_arcsec
      kept.push(entry)
    }
    results.set(line, kept)
  }
  return { status: 'answered', results }
}

/** One observation of the batch as its 80-column line, with the batch line it came from. */
export interface Obs80Entry {
  line: number
  obs80: string
}

export interface NearDuplicate {
  line: number
  obs80: string
  match: CndMatch
}

export interface NearDuplicateCheck {
  /** Observations asked about. */
  checked: number
  /** Requests made. */
  requests: number
  nearDuplicates: NearDuplicate[]
  /** Why a part of the batch could not be checked; empty when every request was answered. */
  failures: string[]
}

export interface NearDuplicateOptions extends SendOptions {
  timeSeparationS?: number
  angleSeparationArcsec?: number
}

/** Asks the CND API about every entry, 10,000 per request, one request after another. */
export async function checkNearDuplicates(
  client: MpcClient,
  entries: readonly Obs80Entry[],
  options: NearDuplicateOptions = {}
): Promise<NearDuplicateCheck> {
  const result: NearDuplicateCheck = { checked: 0, requests: 0, nearDuplicates: [], failures: [] }
  for (let start = 0; start < entries.length; start += CND_MAX_LINES) {
    options.signal?.throwIfAborted()
    const chunk = entries.slice(start, start + CND_MAX_LINES)
    result.requests += 1
    const finding = await client.nearDuplicates(
      chunk.map((entry) => entry.obs80),
      { timeSeparationS: options.timeSeparationS ?? 60, angleSeparationArcsec: options.angleSeparationArcsec ?? 5 },
      options
    )
    const span = `observations ${start + 1}-${start + chunk.length}`
    if (finding.status === 'error') {
      result.failures.push(`${span}: ${finding.message}`)
      continue
    }
    // The answer names every search term (the CND page); a line it does not name was not checked, and
    // counting it as "no match" would let a broken or hostile answer pass a batch under refuse.
    let unanswered = 0
    chunk.forEach((entry, index) => {
      const matches = matchesOf(finding.results, chunk, index)
      if (matches === undefined) unanswered += 1
      for (const match of matches ?? []) result.nearDuplicates.push({ line: entry.line, obs80: entry.obs80, match })
    })
    result.checked += chunk.length - unanswered
    if (unanswered > 0) {
      result.failures.push(`${span}: the answer does not mention ${unanswered} of the lines asked about`)
    }
  }
  return result
}

/**
 * The matches the answer gives for `chunk[index]`; undefined when it does not name that line. The two lines
 * of a 160-column observation, sent in order, may come back as one search term (their concatenation): its
 * matches then go to the first line, and the second counts as answered.
 */
function matchesOf(
  results: ReadonlyMap<string, CndMatch[]>,
  chunk: readonly Obs80Entry[],
  index: number
): CndMatch[] | undefined {
  const own = (chunk[index] as Obs80Entry).obs80
  const direct = results.get(own)
  if (direct !== undefined) return direct
  const next = chunk[index + 1]
  const asFirst = next === undefined ? undefined : results.get(own + next.obs80)
  if (asFirst !== undefined) return asFirst
  const previous = chunk[index - 1]
  return previous !== undefined && results.has(previous.obs80 + own) ? [] : undefined
}

/** A near-duplicate as a sentence: the batch line, the published line, its separations. */
export function describeNearDuplicate(duplicate: NearDuplicate): string {
  const separations = [
    duplicate.match.timeSeparationS === undefined ? undefined : `${duplicate.match.timeSeparationS} s`,
    duplicate.match.angleSeparationArcsec === undefined ? undefined : `${duplicate.match.angleSeparationArcsec}"`
  ].filter(Boolean)
  const apart = separations.length > 0 ? ` (${separations.join(' and ')} apart)` : ''
  return `line ${duplicate.line} is a near-duplicate of the published observation "${duplicate.match.obs80}"${apart}`
}

/**
 * What the mode makes of a check: under `warn` a warning per near-duplicate and per failure, and the batch
 * is sent; under `refuse` any near-duplicate, or a part that could not be checked, sends nothing.
 */
export function decideNearDuplicates(
  mode: NearDuplicateMode,
  check: NearDuplicateCheck
): { send: boolean; warnings: string[]; refusals: string[] } {
  const found = check.nearDuplicates.map(describeNearDuplicate)
  const failed = check.failures.map((failure) => `the near-duplicate check failed for ${failure}`)
  if (mode === 'refuse' && (found.length > 0 || failed.length > 0)) {
    return { send: false, warnings: [], refusals: [...found, ...failed] }
  }
  return { send: true, warnings: mode === 'off' ? [] : [...found, ...failed], refusals: [] }
}
