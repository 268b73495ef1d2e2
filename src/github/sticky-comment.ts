// One comment per marker on a pull request: found again by its hidden marker and its author, updated in place,
// created only when none exists. A comment is ours when it opens with our marker AND the token's own identity
// wrote it: a person (or another bot) whose comment opens with our marker, say by quoting ours whole, is never
// written to. When the identity cannot be learned, no existing comment is edited.
import { opensWithMarker } from '../report/comment.js'
import { learnIdentity, sameLogin, type Identity } from './identity.js'
import type { Octokit, PullRequestTarget } from './pull-request.js'

export interface FoundComment {
  id: number
  body: string
  url: string
}

export interface StickySearch {
  found?: FoundComment
  /**
   * Set when a comment opens with our marker but the token's identity could not be learned, so none can be
   * told to be ours: why the identity is unknown.
   */
  identityUnknown?: string
}

/**
 * The oldest comment of ours with `marker`, reading page by page and stopping as soon as it is found. The
 * token's identity is asked for only once a comment opens with the marker, so a first run asks nothing.
 */
export async function findStickyComment(
  octokit: Octokit,
  target: PullRequestTarget,
  marker: string,
  signal?: AbortSignal
): Promise<StickySearch> {
  let identity: Identity | undefined
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    per_page: 100,
    request: { signal }
  })
  for await (const page of pages) {
    const marked = page.data.filter((comment) => opensWithMarker(comment.body, marker))
    if (marked.length === 0) continue
    identity ??= await learnIdentity(octokit, signal)
    if (!identity.known) return { identityUnknown: identity.reason }
    const { login } = identity
    const ours = marked.find((comment) => sameLogin(login, comment.user?.login))
    if (ours) return { found: { id: ours.id, body: ours.body ?? '', url: ours.html_url } }
  }
  return {}
}

export type StickyAction = 'created' | 'updated' | 'unchanged' | 'skipped'

export interface StickyResult {
  action: StickyAction
  url?: string
  /** See StickySearch: why no existing comment could be told to be ours. */
  identityUnknown?: string
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
  const { found: existing, identityUnknown } = await findStickyComment(octokit, target, marker, options.signal)
  const why = identityUnknown === undefined ? {} : { identityUnknown }
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
  if (!options.createIfMissing) return { action: 'skipped', ...why }
  const { data } = await octokit.rest.issues.createComment({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    body,
    request: { signal: options.signal }
  })
  return { action: 'created', url: data.html_url, ...why }
}
