// The verdict store: accepted answers remembered between runs, so a run asks the MPC only about the
// submissions still in question. Only `accepted` answers are kept: an accepted submission stays accepted,
// while a rejection is the one answer a person acts on (the MPC may re-ingest a batch after a fix), so it is
// asked afresh every run, like pending, not-found and error ones.
//
// The store comes back from a cache or a file that anyone with write access to either could have made, so
// it is read as hostile: every entry passes the same shape checks as an answer of the API, and an entry
// that does not is ignored on its own, with a notice. Nothing in it can fail a run or change a verdict
// other than by being a valid accepted answer.
import { SUBMISSION_ID_PATTERN } from './ids.js'
import { isFinal, readRememberedObservations, type ObservationsSummary } from './observations.js'
import { parseStatusAnswer, type StatusAnswer } from './status-answer.js'
import type { SubmissionResult } from './submission-result.js'

export const STORE_FORMAT = 'mpc-submission-status/verdicts'
export const STORE_VERSION = 1
/** A store larger than this is not read (it would hold far more entries than any run checks). */
export const MAX_STORE_BYTES = 64 * 1024 * 1024
/** A clock a little ahead of ours is not "the future"; a day ahead is. */
const CLOCK_SKEW_MS = 5 * 60_000

export interface RememberedVerdict {
  /** The answer as the API gave it (fault events bounded as every answer is): `accepted` is true. */
  answer: Omit<StatusAnswer, 'faultsNotKept'>
  /** When we asked, as an ISO 8601 time. */
  checkedAt: string
  /** WAMO's answer once every observation is published (final, so not asked again); absent before. */
  observations?: ObservationsSummary
}

export type VerdictStore = Map<string, RememberedVerdict>

export interface ReadStore {
  store: VerdictStore
  /** One sentence when anything was ignored; '' when the store was read whole. */
  notice: string
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Reads a store's text; never throws: what cannot be trusted is left out and counted in `notice`. */
export function readVerdictStore(text: string, now: number = Date.now()): ReadStore {
  const store: VerdictStore = new Map()
  const ignoredWhole = (why: string): ReadStore => ({ store, notice: `The verdict store was ignored: ${why}.` })
  if (Buffer.byteLength(text, 'utf8') > MAX_STORE_BYTES) return ignoredWhole('it is larger than 64 MiB')
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return ignoredWhole('it is not valid JSON')
  }
  if (!isRecord(parsed) || parsed.format !== STORE_FORMAT || !isRecord(parsed.entries)) {
    return ignoredWhole(`it is not a store of this action (no "format": "${STORE_FORMAT}" with "entries")`)
  }
  if (parsed.version !== STORE_VERSION) return ignoredWhole(`its version is not ${STORE_VERSION}`)
  const ignored = new Map<string, number>()
  const ignore = (why: string): void => {
    ignored.set(why, (ignored.get(why) ?? 0) + 1)
  }
  for (const [id, entry] of Object.entries(parsed.entries)) {
    if (!SUBMISSION_ID_PATTERN.test(id)) {
      ignore('not keyed by a submission ID')
      continue
    }
    if (!isRecord(entry) || typeof entry.checked_at !== 'string') {
      ignore('without a checked_at time')
      continue
    }
    const checkedAt = Date.parse(entry.checked_at)
    if (!/^\d{4}-\d\d-\d\dT/.test(entry.checked_at) || Number.isNaN(checkedAt)) {
      ignore('with an unreadable checked_at time')
      continue
    }
    if (checkedAt > now + CLOCK_SKEW_MS) {
      ignore('checked in the future')
      continue
    }
    const answer = parseStatusAnswer(entry.answer)
    if (typeof answer === 'string') {
      ignore('whose answer fails the API answer checks')
      continue
    }
    if (!answer.accepted || answer.faultsNotKept > 0) {
      ignore('that are not accepted answers as this action stores them')
      continue
    }
    const { faultsNotKept: _none, ...kept } = answer
    // Observations that fail their checks are only left out: the verdict stands, WAMO is asked afresh.
    const observations = readRememberedObservations(entry.observations)
    store.set(id, {
      answer: kept,
      checkedAt: new Date(checkedAt).toISOString(),
      ...(observations ? { observations } : {})
    })
  }
  if (ignored.size === 0) return { store, notice: '' }
  const total = [...ignored.values()].reduce((sum, count) => sum + count, 0)
  const reasons = [...ignored.entries()].map(([why, count]) => `${count} ${why}`).join(', ')
  return {
    store,
    notice: `The verdict store held ${total} ${total === 1 ? 'entry' : 'entries'} that ${total === 1 ? 'was' : 'were'} ignored (${reasons}); they are asked afresh.`
  }
}

/** The entries younger than `maxAgeMs` (0: none, reuse is off), by submission ID. */
export function freshVerdicts(store: VerdictStore, maxAgeMs: number, now: number = Date.now()): VerdictStore {
  if (maxAgeMs <= 0) return new Map()
  const isFresh = (verdict: RememberedVerdict): boolean => now - Date.parse(verdict.checkedAt) < maxAgeMs
  // Every entry fresh (the usual case): the store itself, not a second map of 150,000 entries. Neither is
  // changed afterwards (updateVerdictStore makes a new map).
  let stale = 0
  for (const verdict of store.values()) if (!isFresh(verdict)) stale += 1
  if (stale === 0) return store
  const fresh: VerdictStore = new Map()
  for (const [id, verdict] of store) if (isFresh(verdict)) fresh.set(id, verdict)
  return fresh
}

/**
 * The store to save: the old entries, then each newly accepted answer (replacing an older one), less the
 * entries older than `maxAgeMs` (kept all when it is 0, which only turns reuse off). Entries of IDs not in
 * this run stay: another workflow may check them.
 */
export function updateVerdictStore(
  store: VerdictStore,
  accepted: Iterable<[string, RememberedVerdict]>,
  maxAgeMs: number,
  now: number = Date.now()
): VerdictStore {
  const next: VerdictStore = new Map(store)
  for (const [id, verdict] of accepted) next.set(id, verdict)
  if (maxAgeMs > 0) {
    for (const [id, verdict] of next) if (now - Date.parse(verdict.checkedAt) >= maxAgeMs) next.delete(id)
  }
  return next
}

/** This run's accepted answers that were asked (not remembered): what the store learns. */
export function newlyAccepted(
  results: readonly SubmissionResult[],
  remembered: ReadonlyMap<string, RememberedVerdict>
): [string, RememberedVerdict][] {
  return results.flatMap((result): [string, RememberedVerdict][] =>
    result.status === 'accepted' && result.checked_at !== null && !remembered.has(result.submission_id)
      ? [
          [
            result.submission_id,
            {
              answer: {
                accepted: true,
                pipeline_entry_time: result.pipeline_entry_time,
                fault_events: result.fault_events
              },
              checkedAt: result.checked_at
            }
          ]
        ]
      : []
  )
}

/** The store as JSON text, entries in ID order so equal stores are equal files. */
export function writeVerdictStore(store: VerdictStore): string {
  const entries: Record<
    string,
    { checked_at: string; answer: RememberedVerdict['answer']; observations?: ObservationsSummary }
  > = {}
  for (const id of [...store.keys()].sort()) {
    const verdict = store.get(id) as RememberedVerdict
    entries[id] = { checked_at: verdict.checkedAt, answer: verdict.answer }
    if (verdict.observations) entries[id].observations = verdict.observations
  }
  return `${JSON.stringify({ format: STORE_FORMAT, version: STORE_VERSION, entries })}\n`
}

/** One run's view of a store: what it may reuse, and the text to save once its results are known. */
export interface StoreSession {
  /** Answers young enough to stand for a fresh one, by submission ID. */
  remembered: VerdictStore
  /** One sentence when anything in the store was ignored; ''. */
  notice: string
  /**
   * The store's next text: this run's newly accepted answers added (with their WAMO answers when those
   * are final), stale entries dropped.
   */
  next(
    results: readonly SubmissionResult[],
    observations?: ReadonlyMap<string, ObservationsSummary>
  ): { text: string; learned: number }
}

/**
 * Accepted verdicts of this run (asked or remembered) whose WAMO answer is final and not yet in the store:
 * the verdict entry again, with its observations, under the verdict's own checked_at (its age rules stay).
 */
function finalObservations(
  results: readonly SubmissionResult[],
  observations: ReadonlyMap<string, ObservationsSummary>,
  learned: ReadonlyMap<string, RememberedVerdict>,
  remembered: ReadonlyMap<string, RememberedVerdict>
): [string, RememberedVerdict][] {
  return results.flatMap((result): [string, RememberedVerdict][] => {
    const summary = observations.get(result.submission_id)
    const verdict = learned.get(result.submission_id) ?? remembered.get(result.submission_id)
    if (!summary || !verdict || verdict.observations || !isFinal(summary)) return []
    return [[result.submission_id, { ...verdict, observations: summary }]]
  })
}

/** Opens a store's text (undefined: there is none yet) for a run; the action and the CLI both use this. */
export function openStoreSession(text: string | undefined, maxAgeMs: number, now: number = Date.now()): StoreSession {
  const { store, notice } =
    text === undefined ? { store: new Map() as VerdictStore, notice: '' } : readVerdictStore(text, now)
  const remembered = freshVerdicts(store, maxAgeMs, now)
  return {
    remembered,
    notice,
    next(results, observations) {
      let learned = newlyAccepted(results, remembered)
      if (observations) {
        const final = finalObservations(results, observations, new Map(learned), remembered)
        learned = [...new Map([...learned, ...final])]
      }
      return {
        learned: learned.length,
        // Written only when asked for: a caller that saves nothing when nothing was learned never builds
        // the text of a large store.
        get text() {
          return writeVerdictStore(updateVerdictStore(store, learned, maxAgeMs, now))
        }
      }
    }
  }
}
