// Which account the token acts as, so that only comments it wrote are ever edited. GraphQL `viewer { login }`
// answers for every kind of token: for the workflow's GITHUB_TOKEN it is `github-actions[bot]`, the same login
// the REST API gives as the author (`user.login`) of that token's comments. REST `GET /user` would refuse an
// installation token such as GITHUB_TOKEN, so it is not asked.
import { logText } from '../report/escape.js'
import type { Octokit } from './pull-request.js'

export type Identity = { known: true; login: string } | { known: false; reason: string }

const VIEWER_QUERY = 'query { viewer { login } }'

interface ErrorLike {
  status?: unknown
  message?: unknown
  response?: unknown
  errors?: unknown
}

/** Why the identity is unknown, in a few words for the log. */
function reasonOf(error: unknown): string {
  const e = (error ?? {}) as ErrorLike
  const message = logText(typeof e.message === 'string' ? e.message : String(error), 200)
  // Octokit reports a failure to connect as status 500 without a response: that is no answer from GitHub.
  if (typeof e.status === 'number' && e.response) return `GitHub answered ${e.status} "${message}"`
  if (Array.isArray(e.errors)) {
    const first = (e.errors[0] ?? {}) as ErrorLike
    return `GitHub answered with an error: "${logText(String(first.message ?? 'unknown'), 200)}"`
  }
  return `GitHub could not be reached: ${message}`
}

/**
 * Asks GitHub who the token is. Never throws for GitHub's answer or a network failure: those make the
 * identity unknown, and the caller then edits nothing. An aborted `signal` (the comment's time is up) is
 * rethrown, since every request after it would fail the same way.
 */
export async function learnIdentity(octokit: Octokit, signal?: AbortSignal): Promise<Identity> {
  try {
    const data = await octokit.graphql<{ viewer?: { login?: unknown } | null }>(VIEWER_QUERY, {
      request: { signal }
    })
    const login = data?.viewer?.login
    if (typeof login === 'string' && login.trim() !== '') return { known: true, login: login.trim() }
    return { known: false, reason: 'GitHub answered without a login' }
  } catch (error) {
    if (signal?.aborted) throw error
    return { known: false, reason: reasonOf(error) }
  }
}

/** Whether `author` is the login `login`: GitHub logins are case-insensitive. */
export function sameLogin(login: string, author: string | null | undefined): boolean {
  return typeof author === 'string' && author.toLowerCase() === login.toLowerCase()
}
