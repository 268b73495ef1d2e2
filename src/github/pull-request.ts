// Which pull request a run belongs to, from the event that started it.
import type { getOctokit } from '@actions/github'
import type { GitHubContext } from './run-context.js'

export type Octokit = ReturnType<typeof getOctokit>

export interface PullRequestTarget {
  owner: string
  repo: string
  number: number
  /** How it was found, for the log. */
  via: string
}

interface PullLike {
  number?: unknown
  state?: unknown
  head?: { sha?: unknown } | null
}

const isNumber = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0

/** Prefers the open pull request whose head is `sha` (the one being worked on), then any open one. */
function pickOpen(pulls: readonly PullLike[], sha: string | undefined): number | undefined {
  const open = pulls.filter((pull) => pull.state === 'open' && isNumber(pull.number))
  const atHead = open.find((pull) => sha !== undefined && pull.head?.sha === sha)
  return (atHead ?? open[0])?.number as number | undefined
}

const PULL_REQUEST_EVENTS = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment'
])

/**
 * Finds the pull request for this run: from the payload of a pull-request event (or a comment on one),
 * through "list pull requests associated with a commit" for a push, and for workflow_run (the fork
 * pattern) from the triggering run's pull requests or its head branch. Undefined when there is none.
 */
export async function findPullRequest(
  octokit: Octokit,
  context: GitHubContext,
  repo: { owner: string; repo: string },
  signal?: AbortSignal
): Promise<PullRequestTarget | undefined> {
  const { payload, eventName } = context
  const found = (number: unknown, via: string): PullRequestTarget | undefined =>
    isNumber(number) ? { ...repo, number, via } : undefined

  if (PULL_REQUEST_EVENTS.has(eventName)) return found(payload.pull_request?.number, `the ${eventName} event`)
  if (eventName === 'issue_comment' && payload.issue?.pull_request) {
    return found(payload.issue.number, 'the comment on it')
  }
  if (eventName === 'push') {
    const sha = typeof payload.after === 'string' ? payload.after : context.sha
    if (!sha || /^0+$/.test(sha)) return undefined // a deleted branch has no commit
    const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
      ...repo,
      commit_sha: sha,
      per_page: 100,
      request: { signal }
    })
    return found(pickOpen(data, sha), `commit ${sha.slice(0, 7)}`)
  }
  if (eventName === 'workflow_run') {
    const run = payload.workflow_run ?? {}
    const headSha = typeof run.head_sha === 'string' ? run.head_sha : undefined
    // Filled for pull requests from branches of this repository; GitHub leaves it empty for forks.
    const listed: PullLike[] = Array.isArray(run.pull_requests) ? run.pull_requests : []
    const fromRun = listed.find((pull) => isNumber(pull.number))
    if (fromRun) return found(fromRun.number, 'the triggering workflow run')
    const headOwner = run.head_repository?.owner?.login
    const headBranch = run.head_branch
    if (typeof headOwner === 'string' && typeof headBranch === 'string' && headBranch !== '') {
      const { data } = await octokit.rest.pulls.list({
        ...repo,
        state: 'open',
        head: `${headOwner}:${headBranch}`,
        per_page: 100,
        request: { signal }
      })
      return found(pickOpen(data, headSha), `branch ${headOwner}:${headBranch} of the triggering workflow run`)
    }
  }
  return undefined
}
