import { allowManyListeners } from './listen-widely.js'
import type { MpcClient } from './client.js'
import type { IdEntry } from './id-list.js'
import { SlotTooLateError } from './limiter.js'
import { findingOfAnswer, type StatusFinding } from './status-answer.js'
import { cutChars, plural } from './text.js'
import { isUndecided, type SubmissionResult } from './submission-result.js'
import type { VerdictStore } from './remembered-verdicts.js'

export interface CheckOptions {
  /** Keep polling undecided (pending, not-found) submissions until this long after the first request; 0 asks once. */
  waitTimeoutMs: number
  /** Between two asks about the same submission. */
  pollIntervalMs: number
  /** Cancels the run: what is known so far is returned. */
  signal?: AbortSignal
  /**
   * Called for each answer as it arrives (first asks and polls). What it returns is awaited before the next
   * submission is taken: a reporter that writes faster than its reader takes can hold the run back.
   */
  onFinding?: (entry: IdEntry, result: SubmissionResult, poll: boolean, remembered: boolean) => void | Promise<void>
  /** Called every `progressEveryMs` while waiting, so a person watching the log sees progress. */
  onProgress?: (progress: WaitProgress) => void
  progressEveryMs?: number
  /** Accepted answers of earlier runs, young enough to stand for a fresh answer: those IDs are not asked. */
  remembered?: Pick<VerdictStore, 'get'>
  /** The wall clock for `checked_at` (tests set it). */
  clock?: () => number
}

export interface WaitProgress {
  undecided: SubmissionResult[]
  remainingMs: number
  polls: number
}

export interface CheckRun {
  /** One per entry, in the order of the entries. */
  results: SubmissionResult[]
  /** Time spent waiting for undecided submissions after the first answers, in ms. */
  waitedMs: number
  /** Asks after the first one per submission. */
  polls: number
  /** Results answered from the verdict store, not asked. */
  remembered: number
  /** The oldest `checked_at` among them. */
  oldestRemembered?: string
  cancelled: boolean
}

/**
 * Fault message characters kept over a whole run. Each answer is bounded already (100 events of 1,000
 * characters), but a run of many submissions at a hostile server would still add up; past this, an answer
 * keeps its first fault event only, cut to 200 characters, and says so.
 */
export const MAX_RUN_FAULT_CHARS = 16 * 1024 * 1024

function withinRunBudget(finding: StatusFinding, spent: number): StatusFinding {
  const chars = finding.fault_events.reduce((sum, event) => sum + event.message.length, 0)
  if (spent + chars <= MAX_RUN_FAULT_CHARS) return finding
  const [first] = finding.fault_events
  if (!first) return finding
  // The message names no fault (it would hold the first one twice, and two more): what is kept is the first.
  // One text per status and count, shared: past the budget, tens of thousands of answers may read the same.
  const key = `${finding.status} ${finding.fault_events.length}`
  let message = budgetMessages.get(key)
  if (message === undefined) {
    message = `${finding.status} with ${plural(finding.fault_events.length, 'fault event')}; only its first fault event is kept (this run's fault text passed 16 MiB)`
    budgetMessages.set(key, message)
  }
  return { ...finding, fault_events: [{ ...first, message: cutChars(first.message, 200) }], message }
}

/** At most a status per count of kept fault events (at most 100). */
const budgetMessages = new Map<string, string>()

const invalidResult = (entry: IdEntry): SubmissionResult => ({
  submission_id: entry.id,
  status: 'invalid',
  accepted: null,
  pipeline_entry_time: null,
  fault_events: [],
  message: `not checked: "${entry.raw}" ${entry.reason ?? 'is not a submission ID'}`,
  source: entry.source,
  checked_at: null
})

/** A result in the documented key order of the `results` output, the ID first. */
function resultOf(entry: IdEntry, finding: StatusFinding, checkedAt: string | null): SubmissionResult {
  return {
    submission_id: entry.id,
    status: finding.status,
    accepted: finding.accepted,
    pipeline_entry_time: finding.pipeline_entry_time,
    fault_events: finding.fault_events,
    message: finding.message,
    source: entry.source,
    checked_at: checkedAt
  }
}

/**
 * Checks each entry once, then, if asked to wait, polls only the undecided ones until they are decided or
 * the deadline passes. A decided submission is never asked again. Never throws for one submission's sake.
 */
export async function checkSubmissions(
  entries: readonly IdEntry[],
  client: MpcClient,
  options: CheckOptions
): Promise<CheckRun> {
  const startedAt = performance.now()
  const deadline = startedAt + Math.max(0, options.waitTimeoutMs)
  const { signal } = options
  allowManyListeners(signal)
  const clock = options.clock ?? Date.now
  const notAnswered: StatusFinding = {
    status: 'error',
    accepted: null,
    pipeline_entry_time: null,
    fault_events: [],
    message: 'not checked: the run was cancelled before the MPC answered'
  }
  // Filled as answers come; an entry still without one at the end gets the not-answered result then, so a
  // run holds one result per submission, not a placeholder and its answer too.
  const results: (SubmissionResult | undefined)[] = entries.map((entry) =>
    entry.valid ? undefined : invalidResult(entry)
  )
  let polls = 0
  let remembered = 0
  let faultChars = 0
  let oldestRemembered: string | undefined
  // Answers arriving in the same millisecond share one checked_at text (thousands of answers a second).
  let lastTime = NaN
  let lastTimeText = ''
  const timeText = (time: number): string => {
    if (time !== lastTime) {
      lastTime = time
      lastTimeText = new Date(time).toISOString()
    }
    return lastTimeText
  }

  const ask = async (index: number, poll: boolean): Promise<boolean> => {
    const entry = entries[index] as IdEntry
    let finding: StatusFinding
    try {
      finding = await client.status(entry.id, { signal, notAfter: poll ? deadline : undefined })
    } catch (error) {
      if (error instanceof SlotTooLateError || signal?.aborted) return false
      // A bug of ours must not cost the other submissions their answers.
      finding = {
        status: 'error',
        accepted: null,
        pipeline_entry_time: null,
        fault_events: [],
        message: `unexpected failure: ${error instanceof Error ? error.message : String(error)}`
      }
    }
    if (poll) polls += 1
    finding = withinRunBudget(finding, faultChars)
    faultChars += finding.fault_events.reduce((sum, event) => sum + event.message.length, 0)
    const result = resultOf(entry, finding, timeText(clock()))
    results[index] = result
    await options.onFinding?.(entry, result, poll, false)
    return true
  }

  // A remembered accepted answer stands for a fresh one: it is not sent, and counts exactly as if it were.
  const valid: number[] = []
  for (const [index, entry] of entries.entries()) {
    if (!entry.valid) continue
    const known = options.remembered?.get(entry.id)
    if (!known) {
      valid.push(index)
      continue
    }
    remembered += 1
    if (oldestRemembered === undefined || known.checkedAt < oldestRemembered) oldestRemembered = known.checkedAt
    const answer = {
      accepted: true,
      pipeline_entry_time: known.pipelineEntryTime,
      fault_events: known.faultEvents,
      faultsNotKept: 0
    }
    const result = resultOf(entry, findingOfAnswer(answer), known.checkedAt)
    results[index] = result
    await options.onFinding?.(entry, result, false, true)
  }
  // A few asks at a time, each taking the next submission when it is done: one pending ask (its promise,
  // its place in the limiter's queue) per submission up front would hold a run of 150,000 in memory at once.
  // Twice the limiter's concurrency keeps a waiter queued for each slot that frees, and slots busy while
  // some asks sleep out a retry's backoff; the limiter alone decides when each request goes.
  const workers = Math.max(1, client.concurrency * 2)
  const inTurn = async (indices: readonly number[], task: (index: number) => Promise<boolean>): Promise<void> => {
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < indices.length && !signal?.aborted) {
        const index = indices[next] as number
        next += 1
        await task(index)
      }
    }
    await Promise.all(Array.from({ length: Math.min(workers, indices.length) }, worker))
  }
  await inTurn(valid, (index) => ask(index, false))
  const firstAnswersAt = performance.now()

  // Something undecided worth waiting for: only then is the wait's code loaded (src/core/wait.ts).
  const waits =
    options.waitTimeoutMs > 0 &&
    results.some((result) => result !== undefined && isUndecided(result.status)) &&
    !signal?.aborted
  if (waits) {
    const { waitForDecisions } = await import('./wait.js')
    await waitForDecisions({
      results,
      asked: valid,
      ask,
      firstAnswersAt,
      deadline,
      pollIntervalMs: options.pollIntervalMs,
      workers,
      polls: () => polls,
      signal,
      onProgress: options.onProgress,
      progressEveryMs: options.progressEveryMs
    })
  }
  const endedAt = performance.now()

  const all = results.map((result, index) => result ?? resultOf(entries[index] as IdEntry, notAnswered, null))
  if (options.waitTimeoutMs > 0 || signal?.aborted) {
    const why = signal?.aborted ? 'when the run was cancelled' : 'at the end of the wait'
    for (const result of all) {
      if (result.status === 'pending') result.message = `still pending ${why}`
      if (result.status === 'not-found') result.message = `still unknown to the MPC (HTTP 404) ${why}`
    }
  }
  return {
    results: all,
    waitedMs: waits ? endedAt - firstAnswersAt : 0,
    polls,
    remembered,
    oldestRemembered,
    cancelled: signal?.aborted ?? false
  }
}
