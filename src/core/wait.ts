// Waiting for undecided submissions (the `wait-timeout` input): polls only the pending and not-yet-visible
// ones, each an interval after its last answer, until they are decided or the deadline passes. Loaded only
// when a run waits and something is undecided after the first answers: a run that needs no wait starts
// without it.
import { sleeperFor } from './sleep.js'
import { isUndecided, type SubmissionResult } from './submission-result.js'
import type { WaitProgress } from './check.js'

export interface WaitPlan {
  /** One per entry as the check fills them; undefined until answered. */
  results: readonly (SubmissionResult | undefined)[]
  /** The entries that were asked (not invalid, not remembered), by index. */
  asked: readonly number[]
  /** Asks again; false when no answer came (cancelled, or no slot before the deadline). */
  ask: (index: number, poll: boolean) => Promise<boolean>
  /** When the first answers were all in, and when the wait ends (performance.now() clock). */
  firstAnswersAt: number
  deadline: number
  pollIntervalMs: number
  /** Polls at most this many at once (the limiter alone decides when each request goes). */
  workers: number
  /** Asks made after the first one per submission, so far. */
  polls: () => number
  signal?: AbortSignal
  onProgress?: (progress: WaitProgress) => void
  progressEveryMs?: number
}

/** The undecided results so far. */
const undecidedOf = (results: readonly (SubmissionResult | undefined)[]): SubmissionResult[] =>
  results.filter((result): result is SubmissionResult => result !== undefined && isUndecided(result.status))

export async function waitForDecisions(plan: WaitPlan): Promise<void> {
  const { results, signal, deadline } = plan
  const report = (): void =>
    plan.onProgress?.({
      undecided: undecidedOf(results),
      remainingMs: Math.max(0, deadline - performance.now()),
      polls: plan.polls()
    })
  report()
  const progressTimer = setInterval(report, plan.progressEveryMs ?? 30_000)
  const sleep = sleeperFor(signal)
  // The polls due, earliest first: each answer puts its submission back at the end, due an interval after
  // it, and answers come in time order, so the queue stays in order of due time with no sorting.
  const dueIndex: number[] = []
  const dueAt: number[] = []
  let head = 0
  for (const index of plan.asked) {
    if (!isUndecided(results[index]?.status ?? 'error')) continue
    dueIndex.push(index)
    dueAt.push(plan.firstAnswersAt + plan.pollIntervalMs)
  }
  const poller = async (): Promise<void> => {
    while (head < dueIndex.length && !signal?.aborted) {
      const index = dueIndex[head] as number
      const next = dueAt[head] as number
      head += 1
      if (head > 1024 && head * 2 > dueIndex.length) {
        dueIndex.splice(0, head)
        dueAt.splice(0, head)
        head = 0
      }
      if (next > deadline) continue
      await sleep(next - performance.now())
      if (signal?.aborted || !(await plan.ask(index, true))) continue
      if (isUndecided(results[index]?.status ?? 'error')) {
        dueIndex.push(index)
        dueAt.push(performance.now() + plan.pollIntervalMs)
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(plan.workers, dueIndex.length) }, poller))
  } finally {
    clearInterval(progressTimer)
  }
}
