import { formatDuration } from '../core/duration.js'
import type { WaitProgress } from '../core/check.js'
import { plural } from '../core/text.js'

/** The progress line while waiting, the same in the action's log and on the command line. */
export function describeProgress(progress: WaitProgress): string {
  const pending = progress.undecided.filter((result) => result.status === 'pending').length
  const missing = progress.undecided.length - pending
  return (
    `⏳ ${progress.undecided.length} undecided (${pending} pending, ${missing} not found yet); ` +
    `${formatDuration(progress.remainingMs)} left of the wait, ${plural(progress.polls, 'poll')} so far`
  )
}
