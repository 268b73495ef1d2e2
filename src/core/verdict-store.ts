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
import { VerdictStore, VerdictStoreBuilder, type RememberedVerdict } from './remembered-verdicts.js'
import { parseStatusAnswer } from './status-answer.js'
import type { SubmissionResult } from './submission-result.js'

export const STORE_FORMAT = 'mpc-submission-status/verdicts'
/**
 * 2: one JSON line of header (`{"format":…,"version":2}`), then one JSON line per entry, so a store is read
 * and written entry by entry. A store of version 1 (one JSON object of every entry) is ignored with a notice,
 * its IDs asked afresh and the store saved anew in this form.
 */
export const STORE_VERSION = 2
/** A store larger than this is not read (it would hold far more entries than any run checks). */
export const MAX_STORE_BYTES = 64 * 1024 * 1024
/**
 * One entry's line: far more than the largest valid entry (100 fault events of 1,000 characters, 500 rows of
 * observations of 64-character fields, all escaped), so only a hostile line is over it, and it is skipped.
 */
export const MAX_ENTRY_BYTES = 4 * 1024 * 1024
/** A clock a little ahead of ours is not "the future"; a day ahead is. */
const CLOCK_SKEW_MS = 5 * 60_000

export interface ReadStore {
  store: VerdictStore
  /** One sentence when anything was ignored; '' when the store was read whole. */
  notice: string
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const UTF8 = new TextDecoder('utf-8', { fatal: true })
const NEWLINE = 0x0a

/**
 * Reads a store entry by entry as its bytes arrive (push, then end), so that a large store is never held
 * whole: neither its text nor a parsed tree of it, only the entries that pass. Never throws: what cannot be
 * trusted is left out and counted in the notice. Lines are split at the newline byte, which is never part of
 * a multi-byte UTF-8 character, so each line is decoded (strictly) and parsed on its own, bounded by
 * MAX_ENTRY_BYTES; the whole by MAX_STORE_BYTES.
 */
export class VerdictStoreReader {
  readonly #now: number
  #builder = new VerdictStoreBuilder()
  readonly #ignored = new Map<string, number>()
  /** Why the store is ignored whole; set once, then every byte after is dropped. */
  #wholly: string | undefined
  #header = false
  #bytes = 0
  /** The start of the current line, from earlier chunks (copied: a caller may reuse its buffers). */
  #partial: Buffer[] = []
  #partialBytes = 0
  /** The current line is over MAX_ENTRY_BYTES: its bytes are dropped up to its newline. */
  #overlong = false

  constructor(now: number = Date.now()) {
    this.#now = now
  }

  push(chunk: Uint8Array | string): void {
    if (this.#wholly !== undefined) return
    const bytes =
      typeof chunk === 'string'
        ? Buffer.from(chunk, 'utf8')
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    this.#bytes += bytes.length
    if (this.#bytes > MAX_STORE_BYTES) return this.#ignoreWhole('it is larger than 64 MiB')
    let start = 0
    for (;;) {
      const end = bytes.indexOf(NEWLINE, start)
      if (end === -1) return this.#keep(bytes.subarray(start))
      if (this.#partialBytes === 0 && !this.#overlong) {
        this.#line(end - start > MAX_ENTRY_BYTES ? undefined : bytes.subarray(start, end))
      } else {
        this.#keep(bytes.subarray(start, end))
        this.#line(this.#overlong ? undefined : Buffer.concat(this.#partial, this.#partialBytes))
        this.#partial = []
        this.#partialBytes = 0
        this.#overlong = false
      }
      if (this.#wholly !== undefined) return
      start = end + 1
    }
  }

  /** The entries read; the store text ends here (a last line without its newline still counts). */
  end(): ReadStore {
    if (this.#wholly === undefined && (this.#partialBytes > 0 || this.#overlong)) {
      this.#line(this.#overlong ? undefined : Buffer.concat(this.#partial, this.#partialBytes))
    }
    this.#partial = []
    this.#partialBytes = 0
    if (this.#wholly === undefined && !this.#header) this.#ignoreWhole('it is empty')
    if (this.#wholly !== undefined) {
      return { store: new VerdictStore(), notice: `The verdict store was ignored: ${this.#wholly}.` }
    }
    const { store, repeated } = this.#builder.build()
    if (repeated > 0) this.#ignored.set('repeating a submission ID read before', repeated)
    if (this.#ignored.size === 0) return { store, notice: '' }
    const total = [...this.#ignored.values()].reduce((sum, count) => sum + count, 0)
    const reasons = [...this.#ignored.entries()].map(([why, count]) => `${count} ${why}`).join(', ')
    return {
      store,
      notice: `The verdict store held ${total} ${total === 1 ? 'entry' : 'entries'} that ${total === 1 ? 'was' : 'were'} ignored (${reasons}); they are asked afresh.`
    }
  }

  #keep(piece: Buffer): void {
    if (this.#overlong || piece.length === 0) return
    if (this.#partialBytes + piece.length > MAX_ENTRY_BYTES) {
      this.#overlong = true
      this.#partial = []
      this.#partialBytes = 0
      return
    }
    this.#partial.push(Buffer.from(piece))
    this.#partialBytes += piece.length
  }

  #ignoreWhole(why: string): void {
    this.#wholly = why
    this.#builder = new VerdictStoreBuilder()
    this.#partial = []
    this.#partialBytes = 0
  }

  #ignore(why: string): void {
    this.#ignored.set(why, (this.#ignored.get(why) ?? 0) + 1)
  }

  /** One line's bytes without its newline; undefined: it was longer than MAX_ENTRY_BYTES. */
  #line(bytes: Buffer | undefined): void {
    const header = !this.#header
    const foreign = `it is not a store of this action (its first line is no {"format": "${STORE_FORMAT}"} header)`
    if (bytes === undefined) {
      if (header) this.#ignoreWhole(foreign)
      else this.#ignore(`longer than ${MAX_ENTRY_BYTES / 1024 / 1024} MiB`)
      return
    }
    let value: unknown
    try {
      value = JSON.parse(UTF8.decode(bytes))
    } catch {
      // A blank line (a final newline, \r\n line ends) is no entry.
      if (bytes.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0d)) return
      if (header) this.#ignoreWhole(foreign)
      else this.#ignore('that are not JSON (cut short, or not UTF-8)')
      return
    }
    if (header) {
      if (!isRecord(value) || value.format !== STORE_FORMAT) return this.#ignoreWhole(foreign)
      if (value.version !== STORE_VERSION) {
        return this.#ignoreWhole(`its version is not ${STORE_VERSION} (a store of another version of this action)`)
      }
      this.#header = true
      return
    }
    this.#entry(value)
  }

  #entry(entry: unknown): void {
    if (!isRecord(entry)) return this.#ignore('that are not JSON objects')
    const id = entry.id
    if (typeof id !== 'string' || !SUBMISSION_ID_PATTERN.test(id)) return this.#ignore('not keyed by a submission ID')
    if (typeof entry.checked_at !== 'string') return this.#ignore('without a checked_at time')
    const checkedAt = Date.parse(entry.checked_at)
    if (!/^\d{4}-\d\d-\d\dT/.test(entry.checked_at) || Number.isNaN(checkedAt)) {
      return this.#ignore('with an unreadable checked_at time')
    }
    if (checkedAt > this.#now + CLOCK_SKEW_MS) return this.#ignore('checked in the future')
    const answer = parseStatusAnswer(entry.answer)
    if (typeof answer === 'string') return this.#ignore('whose answer fails the API answer checks')
    if (!answer.accepted || answer.faultsNotKept > 0) {
      return this.#ignore('that are not accepted answers as this action stores them')
    }
    // Observations that fail their checks are only left out: the verdict stands, WAMO is asked afresh.
    const observations = readRememberedObservations(entry.observations)
    const verdict: RememberedVerdict = {
      pipelineEntryTime: answer.pipeline_entry_time,
      faultEvents: answer.fault_events,
      checkedAt: entry.checked_at
    }
    if (observations) verdict.observations = observations
    // A second entry of an ID is found (and counted) when the store is made: the first one stands.
    this.#builder.add(id, verdict, checkedAt)
  }
}

/** Reads a store's whole text (the command line's file, tests); see VerdictStoreReader. */
export function readVerdictStore(text: string, now: number = Date.now()): ReadStore {
  const reader = new VerdictStoreReader(now)
  reader.push(text)
  return reader.end()
}

/** The entries younger than `maxAgeMs` (0: none, reuse is off), by submission ID. */
function freshVerdicts(store: VerdictStore, maxAgeMs: number, now: number = Date.now()): VerdictStore {
  if (maxAgeMs <= 0) return new VerdictStore()
  // Every entry fresh (the usual case): the store itself, not a second one of 150,000 entries. Neither is
  // changed afterwards (a run's save merges into new lines).
  if (now - store.oldestCheckedAt() < maxAgeMs) return store
  const fresh = new VerdictStoreBuilder()
  for (const [id, verdict] of store) {
    const checkedAt = Date.parse(verdict.checkedAt)
    if (now - checkedAt < maxAgeMs) fresh.add(id, verdict, checkedAt)
  }
  return fresh.build().store
}

/** A store's first line. */
const HEADER_LINE = `${JSON.stringify({ format: STORE_FORMAT, version: STORE_VERSION })}\n`

const entryLine = (id: string, verdict: RememberedVerdict): string =>
  `${JSON.stringify({
    id,
    checked_at: verdict.checkedAt,
    answer: { accepted: true, pipeline_entry_time: verdict.pipelineEntryTime, fault_events: verdict.faultEvents },
    ...(verdict.observations ? { observations: verdict.observations } : {})
  })}\n`

/** A store's whole text, entries in ID order so equal stores are equal files (tests, small stores). */
export function writeVerdictStore(store: VerdictStore): string {
  const lines = [HEADER_LINE]
  // The store keeps its entries in ID order.
  for (const [id, verdict] of store) lines.push(entryLine(id, verdict))
  return lines.join('')
}

/** One run's view of a store: what it may reuse, and the lines to save once its results are known. */
export interface StoreSession {
  /** Answers young enough to stand for a fresh one, by submission ID. */
  remembered: VerdictStore
  /** One sentence when anything in the store was ignored; ''. */
  notice: string
  /**
   * The store's next content: this run's newly accepted answers added (with their WAMO answers when those
   * are final), stale entries dropped.
   */
  next(results: readonly SubmissionResult[], observations?: ReadonlyMap<string, ObservationsSummary>): NextStore
}

export interface NextStore {
  /** How many entries this run adds or replaces (0: nothing worth saving). */
  learned: number
  /** The store's lines, made as they are taken, never the whole text at once. */
  lines(): Generator<string>
  /** The whole text (tests, small stores). */
  readonly text: string
}

/**
 * Opens a store for a run: its text, or what a VerdictStoreReader read of it as it arrived (undefined: there
 * is none yet). The action and the CLI both use this.
 */
export function openStoreSession(
  source: string | ReadStore | undefined,
  maxAgeMs: number,
  now: number = Date.now()
): StoreSession {
  const { store, notice } =
    source === undefined
      ? { store: new VerdictStore(), notice: '' }
      : typeof source === 'string'
        ? readVerdictStore(source, now)
        : source
  const remembered = freshVerdicts(store, maxAgeMs, now)
  return {
    remembered,
    notice,
    next(results, observations) {
      // What this run adds, found without a second copy of its results: the asked accepted answers (by
      // index, in ID order), and remembered verdicts whose WAMO answer is now final (few: each is final once).
      const finalFor = (id: string): ObservationsSummary | undefined => {
        const summary = observations?.get(id)
        return summary && isFinal(summary) ? summary : undefined
      }
      const asked: number[] = []
      const completed = new Map<string, RememberedVerdict>()
      results.forEach((result, index) => {
        const verdict = remembered.get(result.submission_id)
        if (verdict === undefined) {
          if (result.status === 'accepted' && result.checked_at !== null) asked.push(index)
          return
        }
        const summary = verdict.observations ? undefined : finalFor(result.submission_id)
        // Under the verdict's own checked_at: its age rules stay.
        if (summary) completed.set(result.submission_id, { ...verdict, observations: summary })
      })
      const idAt = (index: number): string => results[index].submission_id
      const order = Uint32Array.from(asked).sort((a, b) => (idAt(a) < idAt(b) ? -1 : idAt(a) > idAt(b) ? 1 : 0))
      const learnedAt = (index: number): RememberedVerdict => {
        const result = results[index]
        const summary = finalFor(result.submission_id)
        return {
          pipelineEntryTime: result.pipeline_entry_time,
          faultEvents: result.fault_events,
          checkedAt: result.checked_at as string,
          ...(summary ? { observations: summary } : {})
        }
      }
      // The old entries and the asked ones merged in ID order (an asked one replaces an old one), one line
      // at a time as the writer takes them.
      function* lines(): Generator<string> {
        yield HEADER_LINE
        // The old entries come in ID order, as the store keeps them.
        const old = store.entries()
        let next = old.next()
        let j = 0
        let last: string | undefined
        while (!next.done || j < order.length) {
          let id: string
          let verdict: RememberedVerdict
          if (j < order.length && (next.done || idAt(order[j]) <= next.value[0])) {
            id = idAt(order[j])
            if (!next.done && id === next.value[0]) next = old.next()
            verdict = learnedAt(order[j])
            j += 1
          } else {
            id = next.value[0]
            verdict = completed.get(id) ?? next.value[1]
            next = old.next()
          }
          if (id === last) continue
          last = id
          if (maxAgeMs > 0 && now - Date.parse(verdict.checkedAt) >= maxAgeMs) continue
          yield entryLine(id, verdict)
        }
      }
      return {
        learned: order.length + completed.size,
        lines,
        get text() {
          return [...lines()].join('')
        }
      }
    }
  }
}
