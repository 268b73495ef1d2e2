// Where the observations of accepted submissions went: WAMO asked by submission ID, in batches, then by
// first block ID (`_01`) for those it did not know by their ID. Each answer becomes a per-submission summary
// (counts by status, distinct designations and references, flags); a failure is that batch's submissions'
// own error, never a thrown one, and never touches the acceptance verdict.
import type { MpcClient, WamoFinding } from './client.js'
import { allowManyListeners } from './listen-widely.js'
import type { SubmissionResult } from './submission-result.js'
import type { IdentifierAnswer, ObservationRow, WamoFlags } from './wamo-answer.js'

/** Identifiers in one WAMO request: the MPC takes far more, but small batches keep each answer small. */
export const WAMO_BATCH = 100
/** WAMO requests in flight at once: each answer may be tens of MiB, so few are held at a time. */
export const WAMO_IN_FLIGHT = 2
/** Designations and references kept per submission (distinct, in order of first appearance). */
export const MAX_DISTINCT = 20
/** Observations listed per submission in the results file, and over the whole run. */
export const MAX_LISTED_PER_SUBMISSION = 10_000
export const MAX_LISTED_PER_RUN = 200_000
/** A submission all published is remembered with its list only when the list is at most this long. */
export const MAX_REMEMBERED_LIST = 500

/** What a result's `observations` holds (the list only in the results file). */
export interface ObservationsSummary {
  total: number
  published: number
  waiting: number
  itf: number
  other: number
  designations: string[]
  references: string[]
  flags: WamoFlags
  /** When WAMO answered (ISO 8601); for an error, when it was asked. */
  checked_at: string | null
  /** Whether WAMO knew the submission (by its ID or its first block ID). */
  found: boolean
  /** Why its observations could not be followed; null when WAMO answered. */
  error: string | null
  /** Every observation, in the results file only; bounded (see `list_omitted`). */
  list?: ObservationRow[]
  /** Observations left out of `list` to keep the file bounded. */
  list_omitted?: number
}

export interface ObservationsRun {
  /** For every accepted submission, by ID, in the order of the results. */
  bySubmission: Map<string, ObservationsSummary>
  totals: { submissions: number; total: number; published: number; waiting: number; itf: number; other: number }
  /** Submissions whose observations could not be followed, with why. */
  unfollowed: { id: string; error: string }[]
  /** Summaries taken from the verdict store, not asked. */
  remembered: number
  /** WAMO requests made. */
  requests: number
}

export interface FollowOptions {
  signal?: AbortSignal
  /** Final summaries of earlier runs (all published), by submission ID: not asked again. */
  remembered?: ReadonlyMap<string, ObservationsSummary>
  /** A cap on one WAMO answer (tests set a small one). */
  maxAnswerBytes?: number
  clock?: () => number
}

const emptyFlags = (): WamoFlags => ({ neocp: 0, near_duplicate: 0, deleted: 0 })

function emptySummary(checkedAt: string | null, found: boolean, error: string | null): ObservationsSummary {
  return {
    total: 0,
    published: 0,
    waiting: 0,
    itf: 0,
    other: 0,
    designations: [],
    references: [],
    flags: emptyFlags(),
    checked_at: checkedAt,
    found,
    error
  }
}

/** The summary of one found identifier's observations. */
export function summarize(
  observations: readonly ObservationRow[],
  flags: WamoFlags,
  checkedAt: string,
  listRoom = MAX_LISTED_PER_SUBMISSION
): ObservationsSummary {
  const summary = emptySummary(checkedAt, true, null)
  summary.flags = { ...flags }
  const designations = new Set<string>()
  const references = new Set<string>()
  for (const row of observations) {
    summary.total += 1
    if (row.status === 'P') summary.published += 1
    else if (row.status === 'p') summary.waiting += 1
    else if (row.status === 'I') summary.itf += 1
    else summary.other += 1
    if (row.designation !== null && designations.size < MAX_DISTINCT) designations.add(row.designation)
    if (row.reference !== null && references.size < MAX_DISTINCT) references.add(row.reference)
  }
  summary.designations = [...designations]
  summary.references = [...references]
  const room = Math.max(0, Math.min(listRoom, MAX_LISTED_PER_SUBMISSION))
  summary.list = observations.slice(0, room)
  if (observations.length > room) summary.list_omitted = observations.length - room
  return summary
}

/** All published and listed whole: nothing WAMO says about it will change, so it may be remembered. */
export const isFinal = (summary: ObservationsSummary): boolean =>
  summary.found &&
  summary.error === null &&
  summary.total > 0 &&
  summary.published === summary.total &&
  (summary.list_omitted ?? 0) === 0 &&
  (summary.list?.length ?? 0) <= MAX_REMEMBERED_LIST

/** The first block ID of a submission: WAMO documents block IDs, and `_01` is a submission's first block. */
export const firstBlockId = (submissionId: string): string => `${submissionId}_01`

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))

/** Runs `work` over `items`, at most `limit` at a time. */
async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T
      next += 1
      await work(item)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

/** What became of one identifier: WAMO's word on it (and when), or why it could not be asked. */
export type Settled = { answer: IdentifierAnswer; checkedAt: string } | { error: string }

/**
 * Asks WAMO about `identifiers` in batches of WAMO_BATCH, a few at a time; a batch whose answer is over the
 * cap is asked again in halves until one identifier alone is over it. Never throws for WAMO's sake; an
 * identifier left out of the answers was not asked (the run was cancelled).
 */
export async function askWamo(
  identifiers: readonly string[],
  client: MpcClient,
  options: Pick<FollowOptions, 'signal' | 'maxAnswerBytes' | 'clock'> = {}
): Promise<{ answers: Map<string, Settled>; requests: number }> {
  const { signal } = options
  const clock = options.clock ?? Date.now
  const answers = new Map<string, Settled>()
  let requests = 0
  const ask = async (batch: string[]): Promise<void> => {
    if (signal?.aborted) return
    requests += 1
    let finding: WamoFinding
    try {
      finding = await client.wamo(batch, { signal, maxAnswerBytes: options.maxAnswerBytes })
    } catch (error) {
      if (signal?.aborted) return
      // A bug of ours must not cost the run its verdict.
      finding = { status: 'error', message: `unexpected failure: ${(error as Error).message}` }
    }
    if (finding.status === 'too-large' && batch.length > 1) {
      const half = Math.ceil(batch.length / 2)
      await ask(batch.slice(0, half))
      await ask(batch.slice(half))
      return
    }
    if (finding.status !== 'answered') {
      for (const id of batch) answers.set(id, { error: finding.message })
      return
    }
    const checkedAt = new Date(clock()).toISOString()
    for (const [id, answer] of finding.answers) answers.set(id, { answer, checkedAt })
  }
  // The list item "string" turns WAMO's whole answer into the old web tool's text: never sent as an identifier.
  const isMagic = (id: string): boolean => id.trim().toLowerCase() === 'string'
  const sendable = identifiers.filter((id) => !isMagic(id))
  for (const id of identifiers) {
    if (isMagic(id)) {
      const message = 'not sent: "string" would ask WAMO for plain text instead of JSON for the whole request'
      answers.set(id, { answer: { kind: 'malformed', message }, checkedAt: new Date(clock()).toISOString() })
    }
  }
  await inPool(chunks(sendable, WAMO_BATCH), WAMO_IN_FLIGHT, ask)
  return { answers, requests }
}

/**
 * Asks WAMO about every accepted result's submission (remembered final summaries excepted) and returns a
 * summary for each. Never throws for WAMO's sake: what could not be followed is each submission's `error`.
 */
export async function followObservations(
  results: readonly SubmissionResult[],
  client: MpcClient,
  options: FollowOptions = {}
): Promise<ObservationsRun> {
  const { signal } = options
  allowManyListeners(signal)
  const clock = options.clock ?? Date.now
  const now = (): string => new Date(clock()).toISOString()
  const bySubmission = new Map<string, ObservationsSummary>()
  let remembered = 0
  let listRoom = MAX_LISTED_PER_RUN
  const toAsk: string[] = []
  for (const result of results) {
    if (result.status !== 'accepted' || bySubmission.has(result.submission_id)) continue
    const known = options.remembered?.get(result.submission_id)
    if (known) {
      remembered += 1
      bySubmission.set(result.submission_id, known)
    } else {
      toAsk.push(result.submission_id)
      // Holds the submission's place in the order of the results until its answer comes.
      bySubmission.set(result.submission_id, emptySummary(null, false, 'not asked: the run was cancelled'))
    }
  }

  const asked = await askWamo(toAsk, client, options)
  let requests = asked.requests
  const { answers } = asked
  // Not known by its submission ID (or not parsed as one): asked once more by its first block ID.
  const unknown = (id: string): boolean => {
    const got = answers.get(id)
    return got !== undefined && 'answer' in got && (got.answer.kind === 'not-found' || got.answer.kind === 'malformed')
  }
  const again = await askWamo(toAsk.filter(unknown).map(firstBlockId), client, options)
  requests += again.requests
  for (const [id, got] of again.answers) answers.set(id, got)

  const unfollowed: { id: string; error: string }[] = []
  for (const id of toAsk) {
    const first = answers.get(id)
    const second = unknown(id) ? answers.get(firstBlockId(id)) : undefined
    const got = second ?? first
    let summary: ObservationsSummary
    if (got === undefined) {
      summary = emptySummary(null, false, 'not asked: the run was cancelled')
    } else if ('error' in got) {
      summary = emptySummary(now(), false, got.error)
    } else {
      const { answer, checkedAt } = got
      switch (answer.kind) {
        case 'found':
          summary = summarize(answer.observations, answer.flags, checkedAt, listRoom)
          listRoom -= summary.list?.length ?? 0
          break
        case 'not-found':
          summary = emptySummary(checkedAt, false, null)
          break
        case 'malformed':
          summary = emptySummary(checkedAt, false, `WAMO could not parse it: ${answer.message}`)
          break
        case 'garbage':
          summary = emptySummary(checkedAt, false, answer.message)
          break
        case 'missing':
          summary = emptySummary(checkedAt, false, "WAMO's answer did not mention it")
          break
      }
    }
    bySubmission.set(id, summary)
    if (summary.error !== null) unfollowed.push({ id, error: summary.error })
  }

  const totals = { submissions: bySubmission.size, total: 0, published: 0, waiting: 0, itf: 0, other: 0 }
  for (const summary of bySubmission.values()) {
    totals.total += summary.total
    totals.published += summary.published
    totals.waiting += summary.waiting
    totals.itf += summary.itf
    totals.other += summary.other
  }
  return { bySubmission, totals, unfollowed, remembered, requests }
}

/** One sentence for the warning: how many submissions could not be followed, and why (first reasons). */
export function describeUnfollowed(run: ObservationsRun): string {
  const { unfollowed } = run
  if (unfollowed.length === 0) return ''
  const reasons = new Map<string, string[]>()
  for (const { id, error } of unfollowed) reasons.set(error, [...(reasons.get(error) ?? []), id])
  const parts = [...reasons.entries()].slice(0, 3).map(([error, ids]) => {
    const named = ids.slice(0, 5).join(', ')
    const more = ids.length > 5 ? ` and ${ids.length - 5} more` : ''
    return `${named}${more}: ${error}`
  })
  const moreReasons = reasons.size > 3 ? `; and ${reasons.size - 3} other reasons` : ''
  const n = unfollowed.length
  return `Could not follow where the observations of ${n} accepted submission${n === 1 ? '' : 's'} went (the acceptance verdict is unchanged): ${parts.join('; ')}${moreReasons}.`
}

/** A result with its `observations` attached (null for a submission not accepted); `list` only when asked. */
export function withObservations(
  result: SubmissionResult,
  run: ObservationsRun,
  withList: boolean
): SubmissionResult & { observations: ObservationsSummary | null } {
  const summary = run.bySubmission.get(result.submission_id)
  if (result.status !== 'accepted' || !summary) return { ...result, observations: null }
  if (withList) return { ...result, observations: summary }
  const { list: _list, list_omitted: _omitted, ...short } = summary
  return { ...result, observations: short }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1e9
const isShortText = (value: unknown): value is string => typeof value === 'string' && value.length <= 64
const isShortTextOrNull = (value: unknown): boolean => value === null || isShortText(value)
const ROW_FIELDS = ['obsid', 'status', 'designation', 'reference', 'submission_block_id'] as const

/**
 * A summary read back from the verdict store (hostile, like the store): the same shape and bounds as one
 * this code writes, and final (all published), or undefined. Only what is checked is kept.
 */
export function readRememberedObservations(value: unknown): ObservationsSummary | undefined {
  if (!isRecord(value) || !isRecord(value.flags)) return undefined
  const { total, published, waiting, itf, other, designations, references, flags, checked_at: checkedAt } = value
  if (![total, published, waiting, itf, other, flags.neocp, flags.near_duplicate, flags.deleted].every(isCount)) {
    return undefined
  }
  const distinct = (list: unknown): list is string[] =>
    Array.isArray(list) && list.length <= MAX_DISTINCT && list.every(isShortText)
  if (!distinct(designations) || !distinct(references)) return undefined
  if (typeof checkedAt !== 'string' || Number.isNaN(Date.parse(checkedAt))) return undefined
  if (!Array.isArray(value.list) || value.list.length > MAX_REMEMBERED_LIST) return undefined
  const list: ObservationRow[] = []
  for (const row of value.list) {
    if (!isRecord(row) || !ROW_FIELDS.every((name) => isShortTextOrNull(row[name]))) return undefined
    list.push({
      obsid: row.obsid as string | null,
      status: row.status as string | null,
      designation: row.designation as string | null,
      reference: row.reference as string | null,
      submission_block_id: row.submission_block_id as string | null
    })
  }
  const summary: ObservationsSummary = {
    total: total as number,
    published: published as number,
    waiting: waiting as number,
    itf: itf as number,
    other: other as number,
    designations,
    references,
    flags: {
      neocp: flags.neocp as number,
      near_duplicate: flags.near_duplicate as number,
      deleted: flags.deleted as number
    },
    checked_at: new Date(Date.parse(checkedAt)).toISOString(),
    found: value.found === true,
    error: value.error === null ? null : 'not a remembered answer',
    list
  }
  return isFinal(summary) && list.length === summary.total ? summary : undefined
}
