// The status action's verdict store in the Actions cache: restored before the check, saved after it when
// anything was newly accepted or re-confirmed. The cache never fails a step and never changes a verdict:
// anything it cannot do becomes one notice, and the run goes on as if there were no store.
import type { ObservationsSummary } from '../core/observations.js'
import type { SubmissionResult } from '../core/submission-result.js'
import { openStoreSession, VerdictStoreReader } from '../core/verdict-store.js'
import type { VerdictStore } from '../core/remembered-verdicts.js'
import { openVerdictCache, verdictCacheKeyPrefix, type VerdictCache } from './verdict-cache.js'

export interface VerdictMemory {
  /** Answers young enough to stand for a fresh one, by submission ID. */
  remembered: VerdictStore
  /** Saves the store with this run's newly accepted answers; false when nothing was saved. */
  save(results: readonly SubmissionResult[], observations?: ReadonlyMap<string, ObservationsSummary>): Promise<boolean>
}

export interface VerdictMemoryOptions {
  repository: string
  apiUrl: string
  userKey: string
  maxAgeMs: number
  /** A folder for the file the cache archives (the runner's temp folder). */
  folder: string
  runKey: string
  notice: (message: string) => void
  debug: (message: string) => void
  signal?: AbortSignal
}

export async function openVerdictMemory(options: VerdictMemoryOptions): Promise<VerdictMemory> {
  const cache: VerdictCache = await openVerdictCache({
    keyPrefix: verdictCacheKeyPrefix({
      repository: options.repository,
      apiUrl: options.apiUrl,
      userKey: options.userKey
    }),
    runKey: options.runKey,
    folder: options.folder,
    notice: options.notice,
    debug: options.debug,
    signal: options.signal
  })
  // Read entry by entry as the file is read: a store of 150,000 entries is never held as text or as a
  // parsed tree beside its entries.
  const now = Date.now()
  const read = await cache.restoreInto(async (chunks) => {
    const reader = new VerdictStoreReader(now)
    for await (const chunk of chunks) reader.push(chunk)
    return reader.end()
  })
  const session = openStoreSession(read, options.maxAgeMs, now)
  if (session.notice) options.notice(session.notice)
  return {
    remembered: session.remembered,
    async save(results, observations) {
      // Nothing to do when the cache cannot take it.
      if (!cache.available) return false
      // Saved only when something was learned: every save is a new cache entry. Its lines are made as the
      // file is written, never the whole text.
      const next = session.next(results, observations)
      return next.learned === 0 ? false : cache.save(next.lines())
    }
  }
}
