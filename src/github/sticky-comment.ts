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
  /** Set when every page read was full and the search stopped at the bound: how many comments were read. */
  searchCut?: number
}

/** Comments asked for per page: GitHub's largest page. */
export const COMMENTS_PER_PAGE = 100
/**
 * Pages read at most (5,000 comments). Past them our comment is taken as missing: README and SECURITY.md
 * state this bound, so a listing that never ends (an API answering "next" forever) is read 50 times at most.
 */
export const MAX_COMMENT_PAGES = 50

/**
 * The oldest comment of ours with `marker`, reading page by page and stopping as soon as it is found. The
 * token's identity is asked for only once a comment opens with the marker, so a first run asks nothing.
 *
 * Pages are asked for by number on the API's own origin (the Octokit's baseUrl, GITHUB_API_URL), never by
 * the `Link` header's next URL: that URL is the server's to choose, and the token would go with it. Not
 * Octokit's paginate either, which leaves out the request's signal, so a listing that hangs would outlive
 * the comment's bound and a cancel. The last page is the first one that is not full.
 */
export async function findStickyComment(
  octokit: Octokit,
  target: PullRequestTarget,
  marker: string,
  signal?: AbortSignal
): Promise<StickySearch> {
  let identity: Identity | undefined
  for (let page = 1; page <= MAX_COMMENT_PAGES; page += 1) {
    const { data } = await octokit.rest.issues.listComments({
      owner: target.owner,
      repo: target.repo,
      issue_number: target.number,
      per_page: COMMENTS_PER_PAGE,
      page,
      request: { signal }
    })
    if (!Array.isArray(data)) throw new Error(`GitHub answered page ${page} of the comments with something not a list`)
    const marked = data.filter((comment) => opensWithMarker(comment.body, marker))
    if (marked.length > 0) {
      identity ??= await learnIdentity(octokit, signal)
      if (!identity.known) return { identityUnknown: identity.reason }
      const { login } = identity
      const ours = marked.find((comment) => sameLogin(login, comment.user?.login))
      if (ours) return { found: { id: ours.id, body: ours.body ?? '', url: ours.html_url } }
    }
    if (data.length < COMMENTS_PER_PAGE) return {}
  }
  return { searchCut: MAX_COMMENT_PAGES * COMMENTS_PER_PAGE }
}

export type StickyAction = 'created' | 'updated' | 'unchanged' | 'skipped'

export interface StickyResult {
  action: StickyAction
  url?: string
  /** See StickySearch: why no existing comment could be told to be ours. */
  identityUnknown?: string
  /** See StickySearch: the search for ours stopped at the bound after this many comments. */
  searchCut?: number
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
  const {
    found: existing,
    identityUnknown,
    searchCut
  } = await findStickyComment(octokit, target, marker, options.signal)
  const why = {
    ...(identityUnknown === undefined ? {} : { identityUnknown }),
    ...(searchCut === undefined ? {} : { searchCut })
  }
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
