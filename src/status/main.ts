import os from 'node:os'
import { afterCancelSignal } from '../core/cancel.js'
import { checkSubmissions, type CheckRun, type WaitProgress } from '../core/check.js'
import { createMpcClient } from '../core/client.js'
import { collectIds, describeUnlistedInvalid, type IdEntry } from '../core/id-list.js'
import type * as ObservationsCode from '../core/observations.js'
import type { ObservationsRun } from '../core/observations.js'
import { isUndecided, type SubmissionResult } from '../core/submission-result.js'
import { decideVerdict, verdictLine } from '../core/verdict.js'
import type { VerdictStore } from '../core/remembered-verdicts.js'
import type { CommentMode, PublishRequest } from '../github/publish.js'
import { contextFromEnv, runFooter } from '../github/run-context.js'
import { blockIdNotices, planAnnotations, type Annotation } from '../report/annotations.js'
import { logText } from '../report/escape.js'
import { describeObservationTotals } from '../report/observations-summary.js'
import { buildOutputs, observationsOutputs, writeResultsFile } from '../report/outputs.js'
import { describeProgress } from '../report/progress.js'
import {
  beginRun,
  emitAnnotations,
  exitWhenDone,
  log,
  logDrained,
  setOutputs,
  writeJobSummary
} from '../report/runner.js'
import { statusLabel } from '../report/status-label.js'
import { renderSummary, SUMMARY_MAX_BYTES } from '../report/summary.js'
import { USER_AGENT } from '../version.js'
import { cacheUnavailableMessage, noCacheServiceReason } from './cache-service.js'
import { readSettings, type Settings } from './settings.js'
import type { VerdictMemory } from './verdict-memory.js'

function logFinding(
  entry: IdEntry,
  result: SubmissionResult,
  poll: boolean,
  remembered: boolean,
  signal: AbortSignal
): Promise<void> | undefined {
  // While waiting, only a decision is news; an unchanged undecided answer would repeat every poll.
  if (poll && isUndecided(result.status)) return undefined
  const id = entry.valid ? entry.id : logText(entry.raw, 200)
  const from = remembered ? `  (remembered, checked ${result.checked_at ?? ''})` : ''
  log.info(`${statusLabel(result)}  ${id}  ${logText(result.message)}${from}`)
  // A line per submission: the check goes on once the runner has read them (not 150,000 held here).
  return logDrained(signal)
}

/** Where the observations went, with WAMO's code, loaded only when the observations input is on. */
interface Followed {
  observations: ObservationsRun
  code: typeof ObservationsCode
}

function noIdsMessage(lookedIn: readonly string[]): string {
  return lookedIn.length > 0
    ? `No submission IDs found in ${lookedIn.join(', ')}`
    : 'No submission IDs found: both the submission-ids and submission-ids-file inputs are empty'
}

async function check(
  settings: Settings,
  signal: AbortSignal,
  remembered: VerdictStore | undefined
): Promise<{
  run: CheckRun
  problems: string[]
  blockNotices: Annotation[]
  invalidNotListed: number
  followed?: Followed
}> {
  const ids = await collectIds({
    text: settings.submissionIds,
    files: settings.submissionIdsFiles,
    workspace: settings.workspace,
    signal
  })
  const problems = [...ids.problems]
  if (ids.entries.length === 0 && ids.invalidNotListed === 0) problems.push(noIdsMessage(ids.lookedIn))
  // Each on its own line: the summary shows the first few and the verdict's line is cut, so the log holds them all.
  for (const problem of problems) log.info(`❌ ${problem}`)
  for (const entry of ids.entries) {
    if (!entry.valid) log.info(`🚫 invalid  ${logText(entry.raw)}  ${logText(entry.reason ?? '')}`)
  }
  if (ids.invalidNotListed > 0) {
    log.info(`🚫 ${describeUnlistedInvalid(ids.invalidNotListed)}`)
  }
  const client = createMpcClient({ ...settings, userAgent: USER_AGENT, signal, debug: log.debug })
  // The first answers, one line each, fold into a group; the wait's progress lines stay in sight.
  let grouped = false
  const endGroup = (): void => {
    if (grouped) log.endGroup()
    grouped = false
  }
  try {
    const valid = ids.entries.filter((entry) => entry.valid).length
    if (valid > 0) {
      log.group(`Checking ${valid} submission${valid === 1 ? '' : 's'} at ${settings.apiUrl}`)
      grouped = true
    }
    const run = await checkSubmissions(ids.entries, client, {
      waitTimeoutMs: settings.waitTimeoutMs,
      pollIntervalMs: settings.pollIntervalMs,
      signal,
      remembered,
      onFinding: (entry, result, poll, fromStore) => logFinding(entry, result, poll, fromStore, signal),
      onProgress: (progress: WaitProgress) => {
        endGroup()
        log.info(describeProgress(progress))
      }
    })
    endGroup()
    // Through the same client: one limiter, so status and WAMO requests share the 5/s budget. WAMO's code is
    // loaded only when asked for, like the comment's.
    const code = settings.observations ? await import('../core/observations.js') : undefined
    const followed = code && {
      code,
      observations: await code.followObservations(run.results, client, {
        signal,
        remembered: remembered?.observations()
      })
    }
    if (followed) log.info(describeObservationTotals(followed.observations))
    // The notices, not the entries: the results hold what the reporters need of them.
    return {
      run,
      problems,
      blockNotices: blockIdNotices(ids.entries),
      invalidNotListed: ids.invalidNotListed,
      followed
    }
  } finally {
    endGroup()
    // Closed only after a cancel, whose signal has already destroyed every connection, one still being made too
    // (the client's `signal`); this ends what undici still holds. Otherwise every connection is idle here, and
    // undici unrefs idle connections, so none holds the process, which ends once it has reported; closing them
    // would only compile undici's teardown, about a millisecond of a one-ID run.
    if (signal.aborted) await client.close()
  }
}

/** The sticky pull-request comment; GitHub's answer never changes the step's result, so failures warn. */
async function postComment(
  settings: Settings,
  mode: CommentMode,
  summary: PublishRequest['summary'],
  failed: boolean,
  cancel: AbortSignal
): Promise<void> {
  // Loaded only when a comment is wanted: a run without one starts without this code (see the bench's start-up).
  const { commentSignal, describeCommentFailure, publishComment } = await import('../github/publish.js')
  // Every GitHub request carries it: the comment's bound, and 3 s after a cancel at most.
  const signal = commentSignal(cancel)
  try {
    await publishComment({
      mode,
      tag: settings.commentTag,
      token: settings.githubToken,
      failed,
      summary,
      signal,
      info: (message) => log.info(message),
      warning: (message) => log.warning(message, { title: 'Pull-request comment' })
    })
  } catch (error) {
    log.warning(describeCommentFailure(error), { title: 'Pull-request comment' })
  }
}

/** The verdict store from the Actions cache; one notice, and none, when the cache cannot serve. */
async function openMemory(settings: Settings, signal: AbortSignal): Promise<VerdictMemory | undefined> {
  const env = process.env
  // Loaded only when the cache is on and the runner has a cache service, like the comment's code.
  const noService = noCacheServiceReason(env)
  if (noService) {
    log.notice(cacheUnavailableMessage(noService), { title: 'Verdict cache' })
    return undefined
  }
  const { openVerdictMemory } = await import('./verdict-memory.js')
  return openVerdictMemory({
    repository: env.GITHUB_REPOSITORY ?? '',
    apiUrl: settings.apiUrl,
    userKey: settings.verdictCacheKey,
    maxAgeMs: settings.verdictMaxAgeMs,
    folder: env.RUNNER_TEMP || os.tmpdir(),
    runKey: `${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`,
    notice: (message) => log.notice(message, { title: 'Verdict cache' }),
    debug: log.debug,
    // Each cache call has its own bound (30 s to restore, 60 s to save); a cancel ends them within seconds.
    signal: afterCancelSignal(signal, 3000)
  })
}

/** The status action: settings → check → reporters → the step's verdict. */
export async function run(): Promise<void> {
  const begun = beginRun(readSettings)
  if (!begun) return
  const { settings, controller, done: removeHandlers } = begun
  try {
    const memory = settings.verdictCache ? await openMemory(settings, controller.signal) : undefined
    const { run, problems, blockNotices, invalidNotListed, followed } = await check(
      settings,
      controller.signal,
      memory?.remembered
    )
    const verdict = decideVerdict(run.results, settings.failOn, {
      problems,
      unlistedInvalid: invalidNotListed,
      cancelled: run.cancelled
    })
    const observations = followed?.observations
    const withObservations = (withList: boolean): SubmissionResult[] =>
      followed
        ? run.results.map((result) => followed.code.withObservations(result, followed.observations, withList))
        : run.results
    let resultsFileWritten = false
    if (settings.resultsFile) {
      try {
        const withList = withObservations(true)
        await writeResultsFile(settings.workspace, settings.resultsFile, withList)
        resultsFileWritten = true
      } catch (error) {
        const { WorkspaceFileError } = await import('../core/workspace-file.js')
        const why = error instanceof WorkspaceFileError ? error.reason : (error as Error).message
        log.warning(`Could not write results-file ${settings.resultsFile}: ${why}`)
      }
    }
    const reported = withObservations(false)
    const outputs = buildOutputs(reported, verdict, resultsFileWritten ? settings.resultsFile : undefined)
    const outputCut = outputs.cut.map((message) => ({
      level: 'warning' as const,
      title: 'Output cut to 1 MB',
      message
    }))
    emitAnnotations(planAnnotations(run.results, blockNotices, outputCut))
    setOutputs({ ...outputs.values, ...observationsOutputs(observations) })
    const unfollowed = followed ? followed.code.describeUnfollowed(followed.observations) : ''
    if (unfollowed) log.warning(unfollowed, { title: 'Where the observations went' })
    const summaryInput = {
      title: settings.summaryTitle,
      results: run.results,
      verdict,
      waitedMs: run.waitedMs,
      polls: run.polls,
      remembered: run.oldestRemembered ? { count: run.remembered, oldest: run.oldestRemembered } : undefined,
      cancelled: run.cancelled,
      resultsFile: settings.resultsFile || undefined,
      observations
    }
    if (settings.summary) {
      const footer = runFooter(contextFromEnv())
      const markdown = renderSummary({ ...summaryInput, footer }, { maxSize: SUMMARY_MAX_BYTES })
      await writeJobSummary(markdown)
    }
    if (settings.prComment !== 'off') {
      await postComment(settings, settings.prComment, summaryInput, verdict.failed, controller.signal)
    }
    if (memory) await memory.save(run.results, observations?.bySubmission)
    // The log's last line: the same verdict as the summary's, with the full counts.
    if (verdict.failed) log.failed(verdictLine(verdict))
    else log.info(verdictLine(verdict))
  } finally {
    removeHandlers()
    exitWhenDone()
  }
}
