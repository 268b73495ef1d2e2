import type { IncomingHttpHeaders } from 'node:http'

export interface GitHubRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  json: Record<string, unknown> | undefined
  /** performance.now() when the request arrived. */
  at: number
}

export interface GitHubReply {
  status?: number
  json?: unknown
  headers?: Record<string, string>
}

export interface StoredComment {
  id: number
  owner: string
  repo: string
  issue_number: number
  body: string
  user: { login: string; type: string }
  html_url: string
  url: string
  created_at: string
  updated_at: string
}

export interface PullFixture {
  number: number
  state: 'open' | 'closed'
  head: { sha: string; label?: string; ref?: string }
  [key: string]: unknown
}

export interface IssueTarget {
  owner: string
  repo: string
  issue: number
}

/** How POST /graphql answers `viewer { login }` instead of naming the login. */
export type ViewerFailure = { status: 401 | 403 | 500 | 502 } | 'errors' | 'hang'

/** How the comment listing answers instead of from the stored comments (see github-server.mjs). */
export type ListingMode = 'hang' | { endless: true; linkBase?: string }

export interface GitHubServer {
  url: string
  requests: GitHubRequest[]
  /** Forgets the requests seen so far, so a test can look at its next step alone; what the service holds stays. */
  reset(): void
  comments: StoredComment[]
  addComment(target: IssueTarget, body: string, login?: string): StoredComment
  commentsOn(target: IssueTarget): StoredComment[]
  setDeny(deny: 'write' | 'all' | undefined): void
  setRateLimited(value: boolean): void
  setViewer(viewer: ViewerFailure | undefined): void
  /** The GraphQL queries received, in order. */
  graphqlQueries(): unknown[]
  close(): Promise<void>
}

/** What options.answer returns for a request that is never answered (until the client gives up or close). */
export declare const HANG: unique symbol

export function startGitHubServer(options?: {
  pulls?: Record<string, PullFixture[]>
  deny?: 'write' | 'all'
  rateLimited?: boolean
  login?: string
  viewer?: ViewerFailure
  listing?: ListingMode
  answer?: (request: GitHubRequest) => GitHubReply | typeof HANG | undefined
}): Promise<GitHubServer>
