// The verdict store in memory: accepted answers of earlier runs by submission ID, as a run reads and uses
// them. verdict-store.ts reads and writes the store's text.
import { SUBMISSION_ID_PATTERN } from './ids.js'
import type { ObservationsSummary } from './observations.js'
import { NO_FAULT_EVENTS } from './status-answer.js'
import type { FaultEvent } from './submission-result.js'

/** An accepted answer as the API gave it (fault events bounded as every answer is), and when it was asked. */
export interface RememberedVerdict {
  pipelineEntryTime: string | null
  faultEvents: FaultEvent[]
  /** When we asked, as an ISO 8601 time. */
  checkedAt: string
  /** WAMO's answer once every observation is published (final, so not asked again); absent before. */
  observations?: ObservationsSummary
}

/** Every submission ID is this many ASCII characters (SUBMISSION_ID_PATTERN). */
const ID_BYTES = 32

/** One store's entries, row by row in ID order. */
interface Columns {
  count: number
  /** Each row's ID, ID_BYTES bytes each. */
  ids: Buffer
  /** Each row's pipeline_entry_time as UTF-8, at its start and length (NO_PIPELINE: null). */
  pipelineText: Buffer
  pipelineStart: Uint32Array
  pipelineLength: Int32Array
  /** Each row's checked_at, in ms since the epoch (the store keeps it to the millisecond). */
  checkedAt: Float64Array
  /** Only the rows that have them, by ID. */
  faultEvents: ReadonlyMap<string, FaultEvent[]>
  /** A pipeline_entry_time UTF-8 cannot hold (a lone surrogate, which JSON can carry), by ID; its length is -2. */
  oddPipelines: ReadonlyMap<string, string>
  observations: ReadonlyMap<string, ObservationsSummary>
}

const EMPTY: Columns = {
  count: 0,
  ids: Buffer.alloc(0),
  pipelineText: Buffer.alloc(0),
  pipelineStart: new Uint32Array(0),
  pipelineLength: new Int32Array(0),
  checkedAt: new Float64Array(0),
  faultEvents: new Map(),
  oddPipelines: new Map(),
  observations: new Map()
}

/**
 * Remembered verdicts by submission ID, with the part of a Map's interface a run uses; read-only once made
 * (VerdictStoreBuilder makes one). The entries are held outside V8's heap: the IDs as bytes in ID order,
 * found by binary search, and the time texts as bytes, decoded into a verdict when one is asked for; only
 * fault events and WAMO's answers, which few entries have, stay JavaScript objects.
 *
 * Why: a store of 150,000 entries is read at the start of a run and lives through it. Held as strings,
 * objects and a Map's tables, all of it outlives the young generation's first collections, and Node 24's
 * V8 doubles that generation (to 64 MiB semi-spaces, 128 MiB resident) once more than its size has survived
 * since it last grew: with the run's own IDs and results, a store-answered run of 150,000 went over 300 MiB
 * in about half of its runs (README, Performance). Outside the heap the store counts toward nothing but its
 * own bytes.
 */
export class VerdictStore implements Iterable<[string, RememberedVerdict]> {
  readonly #columns: Columns
  /** The last checked_at text made, for the next entry of the same time (a run's answers share theirs). */
  #lastTime = NaN
  #lastTimeText = ''

  /** An empty store, or (from VerdictStoreBuilder) its columns. */
  constructor(columns: Columns = EMPTY) {
    this.#columns = columns
  }

  /** A store of these entries; an ID given twice keeps its first verdict. */
  static of(entries: Iterable<readonly [string, RememberedVerdict]>): VerdictStore {
    const builder = new VerdictStoreBuilder()
    for (const [id, verdict] of entries) builder.add(id, verdict)
    return builder.build().store
  }

  get size(): number {
    return this.#columns.count
  }

  has(id: string): boolean {
    return this.#rowOf(id) >= 0
  }

  get(id: string): RememberedVerdict | undefined {
    const row = this.#rowOf(id)
    return row < 0 ? undefined : this.#verdict(row, id)
  }

  /** The IDs, in ID order. */
  *keys(): Generator<string> {
    for (let row = 0; row < this.#columns.count; row += 1) yield this.#idAt(row)
  }

  /** The entries, in ID order. */
  *entries(): Generator<[string, RememberedVerdict]> {
    for (let row = 0; row < this.#columns.count; row += 1) {
      const id = this.#idAt(row)
      yield [id, this.#verdict(row, id)]
    }
  }

  [Symbol.iterator](): Generator<[string, RememberedVerdict]> {
    return this.entries()
  }

  /** The earliest checked_at of any entry, in ms since the epoch (Infinity when empty). */
  oldestCheckedAt(): number {
    let oldest = Infinity
    for (const time of this.#columns.checkedAt.subarray(0, this.#columns.count)) oldest = Math.min(oldest, time)
    return oldest
  }

  /** The entries with a final WAMO answer, by ID: without a verdict made for every other entry. */
  observations(): ReadonlyMap<string, ObservationsSummary> {
    return this.#columns.observations
  }

  #idAt(row: number): string {
    return this.#columns.ids.toString('latin1', row * ID_BYTES, (row + 1) * ID_BYTES)
  }

  /** The row of `id`, or -1. Characters are compared with bytes as they are: a non-ASCII one matches none. */
  #rowOf(id: string): number {
    if (id.length !== ID_BYTES) return -1
    const { ids } = this.#columns
    let low = 0
    let high = this.#columns.count - 1
    while (low <= high) {
      const middle = (low + high) >>> 1
      const base = middle * ID_BYTES
      let difference = 0
      for (let at = 0; at < ID_BYTES && difference === 0; at += 1) {
        difference = (ids[base + at] as number) - id.charCodeAt(at)
      }
      if (difference === 0) return middle
      if (difference < 0) low = middle + 1
      else high = middle - 1
    }
    return -1
  }

  #verdict(row: number, id: string): RememberedVerdict {
    const columns = this.#columns
    const length = columns.pipelineLength[row] as number
    const start = columns.pipelineStart[row] as number
    const time = columns.checkedAt[row] as number
    if (time !== this.#lastTime) {
      this.#lastTime = time
      this.#lastTimeText = new Date(time).toISOString()
    }
    const verdict: RememberedVerdict = {
      pipelineEntryTime:
        length >= 0
          ? columns.pipelineText.toString('utf8', start, start + length)
          : length === ODD_PIPELINE
            ? (columns.oddPipelines.get(id) as string)
            : null,
      faultEvents: columns.faultEvents.get(id) ?? NO_FAULT_EVENTS,
      checkedAt: this.#lastTimeText
    }
    const observations = columns.observations.get(id)
    if (observations) verdict.observations = observations
    return verdict
  }
}

/** A pipeline_entry_time is at most 64 characters (parseStatusAnswer), so at most this many UTF-8 bytes. */
const MAX_PIPELINE_CHARS = 64
const MAX_PIPELINE_BYTES = MAX_PIPELINE_CHARS * 3
/** The length column's mark of a null pipeline_entry_time. */
const NO_PIPELINE = -1
/** The length column's mark of a text kept aside in oddPipelines. */
const ODD_PIPELINE = -2
/** A lone surrogate: UTF-8 would write it as U+FFFD, and the verdict would not be the one read. */
const LONE_SURROGATE = /\p{Cs}/u

/**
 * Gathers entries in any order, then makes the store: in ID order, an ID added more than once keeping the
 * verdict added first. Its columns grow by doubling, outside V8's heap.
 */
export class VerdictStoreBuilder {
  #count = 0
  #ids: Buffer = Buffer.allocUnsafe(ID_BYTES * 256)
  #pipelineText: Buffer = Buffer.allocUnsafe(MAX_PIPELINE_BYTES * 256)
  #pipelineBytes = 0
  #pipelineStart = new Uint32Array(256)
  #pipelineLength = new Int32Array(256)
  #checkedAt = new Float64Array(256)
  /** By the row added (an ID may come twice until build()). */
  readonly #faultEvents = new Map<number, FaultEvent[]>()
  readonly #observations = new Map<number, ObservationsSummary>()
  readonly #oddPipelines = new Map<number, string>()

  /**
   * `id` must be a submission ID, and `verdict.checkedAt` an ISO 8601 time (the store reader checks both);
   * `checkedAt` is that time in ms when the caller has it already.
   */
  add(id: string, verdict: RememberedVerdict, checkedAt: number = Date.parse(verdict.checkedAt)): void {
    if (!SUBMISSION_ID_PATTERN.test(id)) throw new Error('a verdict store is keyed by submission IDs')
    if (Number.isNaN(checkedAt)) throw new Error('a remembered verdict needs a checked_at time')
    const pipeline = verdict.pipelineEntryTime
    if (pipeline !== null && pipeline.length > MAX_PIPELINE_CHARS) throw new Error('a pipeline_entry_time is a time')
    if (this.#count === this.#checkedAt.length) this.#grow()
    if (this.#pipelineText.length - this.#pipelineBytes < MAX_PIPELINE_BYTES) {
      this.#pipelineText = grown(this.#pipelineText, this.#pipelineBytes, this.#pipelineText.length * 2)
    }
    const row = this.#count
    this.#ids.write(id, row * ID_BYTES, ID_BYTES, 'latin1')
    this.#pipelineStart[row] = this.#pipelineBytes
    if (pipeline === null) this.#pipelineLength[row] = NO_PIPELINE
    else if (LONE_SURROGATE.test(pipeline)) {
      this.#pipelineLength[row] = ODD_PIPELINE
      this.#oddPipelines.set(row, pipeline)
    } else {
      const length = this.#pipelineText.write(pipeline, this.#pipelineBytes, MAX_PIPELINE_BYTES, 'utf8')
      this.#pipelineLength[row] = length
      this.#pipelineBytes += length
    }
    this.#checkedAt[row] = checkedAt
    if (verdict.faultEvents.length > 0) this.#faultEvents.set(row, verdict.faultEvents)
    if (verdict.observations) this.#observations.set(row, verdict.observations)
    this.#count += 1
  }

  /** The store, and how many entries repeated an ID added before (left out). */
  build(): { store: VerdictStore; repeated: number } {
    const count = this.#count
    const ids = this.#ids
    const compare = (a: number, b: number): number => compareIds(ids, a, b)
    // A store this action wrote is in ID order already; only another one needs sorting (ties by row, so
    // that the first of an ID stays first).
    let sorted = true
    for (let row = 1; row < count && sorted; row += 1) sorted = compare(row - 1, row) <= 0
    const order = new Uint32Array(count)
    for (let row = 0; row < count; row += 1) order[row] = row
    if (!sorted) order.sort((a, b) => compare(a, b) || a - b)
    const kept = new Uint32Array(count)
    let keptCount = 0
    for (const row of order) {
      if (keptCount > 0 && compare(kept[keptCount - 1] as number, row) === 0) continue
      kept[keptCount] = row
      keptCount += 1
    }
    const faultEvents = new Map<string, FaultEvent[]>()
    const observations = new Map<string, ObservationsSummary>()
    const oddPipelines = new Map<string, string>()
    const columns: Columns = {
      count: keptCount,
      ids: Buffer.allocUnsafe(keptCount * ID_BYTES),
      pipelineText: Buffer.allocUnsafe(this.#pipelineBytes),
      pipelineStart: new Uint32Array(keptCount),
      pipelineLength: new Int32Array(keptCount),
      checkedAt: new Float64Array(keptCount),
      faultEvents,
      oddPipelines,
      observations
    }
    let text = 0
    for (let at = 0; at < keptCount; at += 1) {
      const row = kept[at] as number
      ids.copy(columns.ids, at * ID_BYTES, row * ID_BYTES, (row + 1) * ID_BYTES)
      const length = this.#pipelineLength[row] as number
      const start = this.#pipelineStart[row] as number
      columns.pipelineLength[at] = length
      columns.pipelineStart[at] = text
      if (length > 0) text += this.#pipelineText.copy(columns.pipelineText, text, start, start + length)
      columns.checkedAt[at] = this.#checkedAt[row] as number
      const faults = this.#faultEvents.get(row)
      const summary = this.#observations.get(row)
      const odd = length === ODD_PIPELINE ? this.#oddPipelines.get(row) : undefined
      if (faults || summary || odd !== undefined) {
        const id = ids.toString('latin1', row * ID_BYTES, (row + 1) * ID_BYTES)
        if (faults) faultEvents.set(id, faults)
        if (summary) observations.set(id, summary)
        if (odd !== undefined) oddPipelines.set(id, odd)
      }
    }
    return { store: new VerdictStore(columns), repeated: count - keptCount }
  }

  #grow(): void {
    const capacity = this.#checkedAt.length * 2
    this.#ids = grown(this.#ids, this.#count * ID_BYTES, capacity * ID_BYTES)
    const start = new Uint32Array(capacity)
    start.set(this.#pipelineStart)
    this.#pipelineStart = start
    const length = new Int32Array(capacity)
    length.set(this.#pipelineLength)
    this.#pipelineLength = length
    const checkedAt = new Float64Array(capacity)
    checkedAt.set(this.#checkedAt)
    this.#checkedAt = checkedAt
  }
}

/** The order of two rows' IDs (ASCII, so byte order is the order of the strings). */
function compareIds(ids: Buffer, a: number, b: number): number {
  const baseA = a * ID_BYTES
  const baseB = b * ID_BYTES
  for (let at = 0; at < ID_BYTES; at += 1) {
    const difference = (ids[baseA + at] as number) - (ids[baseB + at] as number)
    if (difference !== 0) return difference
  }
  return 0
}

/** A larger buffer holding the first `used` bytes of `buffer`. */
function grown(buffer: Buffer, used: number, size: number): Buffer {
  const larger = Buffer.allocUnsafe(size)
  buffer.copy(larger, 0, 0, used)
  return larger
}
