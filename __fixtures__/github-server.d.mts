import type { IncomingHttpHeaders } from 'node:http'

export interface GitHubRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  json: Record<string, unknown> | undefined
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

export interface GitHubServer {
  url: string
  requests: GitHubRequest[]
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

export function startGitHubServer(options?: {
  pulls?: Record<string, PullFixture[]>
  deny?: 'write' | 'all'
  rateLimited?: boolean
  login?: string
  viewer?: ViewerFailure
  answer?: (request: GitHubRequest) => GitHubReply | undefined
}): Promise<GitHubServer>
