// One comment per marker on a pull request: found again by its hidden marker, updated in place, created only
// when none exists. Comments without our marker are never written to.
import { isOurComment } from '../report/comment.js'
import type { Octokit, PullRequestTarget } from './pull-request.js'

export interface FoundComment {
  id: number
  body: string
  url: string
}

/** The oldest comment of ours with `marker`, reading page by page and stopping as soon as it is found. */
export async function findStickyComment(
  octokit: Octokit,
  target: PullRequestTarget,
  marker: string,
  signal?: AbortSignal
): Promise<FoundComment | undefined> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    per_page: 100,
    request: { signal }
  })
  for await (const page of pages) {
    const ours = page.data.find((comment) => isOurComment(comment.body, marker))
    if (ours) return { id: ours.id, body: ours.body ?? '', url: ours.html_url }
  }
  return undefined
}

export type StickyAction = 'created' | 'updated' | 'unchanged' | 'skipped'

export interface StickyResult {
  action: StickyAction
  url?: string
}

/**
 * Writes `body` into our comment. `createIfMissing: false` only updates one that exists (on-failure after a
 * pass: correct a stale failure, never open a new comment to say all is well).
 */
export async function upsertStickyComment(
  octokit: Octokit,
  target: PullRequestTarget,
  marker: string,
  body: string,
  options: { createIfMissing: boolean; signal?: AbortSignal }
): Promise<StickyResult> {
  const existing = await findStickyComment(octokit, target, marker, options.signal)
  if (existing) {
    if (existing.body === body) return { action: 'unchanged', url: existing.url }
    const { data } = await octokit.rest.issues.updateComment({
      owner: target.owner,
      repo: target.repo,
      comment_id: existing.id,
      body,
      request: { signal: options.signal }
    })
    return { action: 'updated', url: data.html_url }
  }
  if (!options.createIfMissing) return { action: 'skipped' }
  const { data } = await octokit.rest.issues.createComment({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    body,
    request: { signal: options.signal }
  })
  return { action: 'created', url: data.html_url }
}
