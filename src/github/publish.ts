// The pull-request comment, end to end: find the pull request, render, write the sticky comment.
// @actions/github (Octokit) is imported only here and only when a comment is wanted, so a run with
// pr-comment off starts without loading it and never talks to GitHub.
import { afterCancelSignal } from '../core/cancel.js'
import { logText } from '../report/escape.js'
import { USER_AGENT } from '../version.js'
import { commentMarker, renderComment } from '../report/comment.js'
import type { SummaryInput } from '../report/summary.js'
import { findPullRequest } from './pull-request.js'
import { repositoryOf, runFooter, type GitHubContext } from './run-context.js'
import { COMMENTS_PER_PAGE, MAX_COMMENT_PAGES, upsertStickyComment, type StickyAction } from './sticky-comment.js'

export type CommentMode = 'always' | 'on-failure'

export interface PublishRequest {
  mode: CommentMode
  tag: string
  token: string
  /** Whether the step fails (verdict or cancellation): decides what on-failure does. */
  failed: boolean
  /** The job summary's input; the footer is made here from the context. */
  summary: Omit<SummaryInput, 'footer'>
  /** Defaults to @actions/github's `context`. */
  context?: GitHubContext
  /** Bounds every request to GitHub; defaults to COMMENT_TIME_LIMIT_MS for the whole comment. */
  signal?: AbortSignal
  info?: (message: string) => void
  /** What the person should look at (the search for our comment stopped at its bound); defaults to info. */
  warning?: (message: string) => void
}

export interface PublishOutcome {
  action: StickyAction | 'no-pull-request'
  pullRequest?: number
  url?: string
}

/** The whole comment's bound, every request to GitHub included (README, SECURITY.md). */
export const COMMENT_TIME_LIMIT_MS = 60_000

/** How long GitHub requests may go on after a cancel. */
const COMMENT_GRACE_MS = 3000

/** The signal every request of the step's comment carries: the comment's bound, and 3 s after a cancel at most. */
export const commentSignal = (cancel: AbortSignal): AbortSignal =>
  afterCancelSignal(cancel, COMMENT_GRACE_MS, COMMENT_TIME_LIMIT_MS)

/** Posts or updates our comment. Throws on any GitHub failure; the caller turns that into a warning. */
export async function publishComment(request: PublishRequest): Promise<PublishOutcome> {
  const info = request.info ?? (() => undefined)
  const warning = request.warning ?? info
  if (!request.token) {
    throw new Error('github-token is empty; pass a token with pull-requests: write (the default is github.token)')
  }
  const github = await import('@actions/github')
  const context = request.context ?? github.context
  const repo = repositoryOf(context)
  if (!repo) {
    info('Not commenting: the repository is unknown (GITHUB_REPOSITORY is not set).')
    return { action: 'no-pull-request' }
  }
  const signal = request.signal ?? AbortSignal.timeout(COMMENT_TIME_LIMIT_MS)
  // baseUrl from the context, not the module default, so a GITHUB_API_URL set after loading still counts.
  const octokit = github.getOctokit(request.token, {
    baseUrl: context.apiUrl.replace(/\/+$/, ''),
    userAgent: USER_AGENT
  })
  const target = await findPullRequest(octokit, context, repo, signal)
  if (!target) {
    info(`No pull request for this ${logText(context.eventName || 'run', 60)} event: no comment is posted.`)
    return { action: 'no-pull-request' }
  }
  const marker = commentMarker(request.tag)
  const body = renderComment({ ...request.summary, footer: runFooter(context), tag: request.tag })
  const createIfMissing = request.mode === 'always' || request.failed
  const result = await upsertStickyComment(octokit, target, marker, body, { createIfMissing, signal })
  const where = `pull request #${target.number} (found from ${target.via})`
  if (result.identityUnknown !== undefined) {
    info(
      `A comment on ${where} opens with our marker, but which account the token acts as could not be learned ` +
        `(${result.identityUnknown}), so it is not edited: it may not be ours.`
    )
  }
  if (result.searchCut !== undefined) {
    warning(
      `Our comment was looked for among the first ${result.searchCut.toLocaleString('en-US')} comments on ` +
        `${where} only (${MAX_COMMENT_PAGES} pages of ${COMMENTS_PER_PAGE}) and is not among them, so ` +
        (result.action === 'created' ? 'a new one is posted.' : 'nothing is posted.')
    )
  }
  const messages: Record<StickyAction, string> = {
    created: `Commented on ${where}: ${result.url ?? ''}`,
    updated: `Updated our comment on ${where}: ${result.url ?? ''}`,
    unchanged: `Our comment on ${where} already says this: ${result.url ?? ''}`,
    skipped:
      result.identityUnknown === undefined
        ? `Passed and ${where} has no comment of ours to correct: nothing posted (pr-comment: on-failure).`
        : `Passed and no comment on ${where} is known to be ours: nothing posted (pr-comment: on-failure).`
  }
  info(messages[result.action])
  return { action: result.action, pullRequest: target.number, ...(result.url ? { url: result.url } : {}) }
}

interface HttpErrorLike {
  status?: unknown
  message?: unknown
  response?: { headers?: Record<string, string | number | undefined> }
}

/** A warning that says what went wrong with GitHub and what to do about it. */
export function describeCommentFailure(error: unknown): string {
  const e = (error ?? {}) as HttpErrorLike
  // Octokit reports a failure to connect as status 500 without a response: that is no answer from GitHub.
  const status = typeof e.status === 'number' && e.response ? e.status : undefined
  const message = logText(typeof e.message === 'string' ? e.message : String(error), 300)
  const headers = e.response?.headers ?? {}
  const lead = 'The pull-request comment was not posted'
  if (
    (status === 403 || status === 429) &&
    (String(headers['x-ratelimit-remaining']) === '0' || /rate limit/i.test(message))
  ) {
    const reset = Number(headers['x-ratelimit-reset'])
    const when = Number.isFinite(reset) && reset > 0 ? ` (it resets at ${new Date(reset * 1000).toISOString()})` : ''
    return `${lead}: GitHub's API rate limit is spent${when}. ${message}`
  }
  if (status === 401) {
    return `${lead}: GitHub refused the token (401 "${message}"); check the github-token input.`
  }
  if (status === 403) {
    return (
      `${lead}: GitHub answered ${status} "${message}". The token needs \`pull-requests: write\` ` +
      "(set it in the workflow's permissions block); a pull request from a fork only gets a read-only token, " +
      'so comment from a workflow_run workflow instead (see the README).'
    )
  }
  if (status === 404) {
    return `${lead}: GitHub answered 404 "${message}" (is the token allowed to see this repository?).`
  }
  return status
    ? `${lead}: GitHub answered ${status} "${message}".`
    : `${lead}: GitHub could not be reached: ${message}`
}
