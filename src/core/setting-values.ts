import { DEFAULT_API_URL } from './defaults.js'
import { parseBoundedDuration } from './duration.js'
import { cutChars, trimEnd } from './text.js'

// Parsers for setting values, shared by the actions' inputs and the command line's flags. They live in the
// core, free of @actions/*, so the CLI bundle does not pull in the runner toolkit. `name` is what the user
// typed (an input name or a --flag) so that the error points at it.

/**
 * An http(s) base URL without a trailing slash; anything else throws naming the input. A URL with a user
 * name or password, a query or a fragment is refused: credentials would be logged and sent as Basic auth,
 * and a query or fragment would silently swallow the endpoint path appended to it. Errors never repeat the
 * URL, since it may hold a credential.
 */
export function parseApiUrl(text: string, name = 'api-url', example = DEFAULT_API_URL): string {
  if (text.length > MAX_URL_CHARS) throw new Error(`${name}: longer than ${MAX_URL_CHARS} characters`)
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    throw new Error(`${name}: not a URL; give the base URL, such as ${example}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    // The scheme is not repeated: in "user:token@host" without one, the user name parses as the scheme.
    throw new Error(`${name}: only http:// and https:// URLs are allowed`)
  }
  if (url.username !== '' || url.password !== '') {
    throw new Error(
      `${name}: must not hold a user name or password (the MPC's API needs none); it is not repeated here`
    )
  }
  if (url.search !== '' || text.includes('?')) throw new Error(`${name}: must not hold a query (?...)`)
  if (url.hash !== '' || text.includes('#')) throw new Error(`${name}: must not hold a fragment (#...)`)
  const base = trimEnd(url.toString(), '/')
  // A batch, its ac2 address and the IDs asked about would cross the network in clear; the MPC serves https.
  if (url.protocol === 'http:' && isMpcHost(base)) {
    throw new Error(
      `${name}: http:// to the MPC's own host ${url.hostname} is refused: it would send everything in clear; use https://${url.hostname}` +
        ' (http is only for a stand-in or mirror elsewhere)'
    )
  }
  return base
}

/** A base URL is never longer than this (and a long one could only be an attack on the parsers). */
const MAX_URL_CHARS = 2048

// Upper bounds of the durations, all well inside Node's timer range (2^31-1 ms, about 24.8 days).

/** `request-timeout`: one attempt, from connecting to the last byte. */
export const MAX_REQUEST_TIMEOUT_MS = 10 * 60_000
/** `wait-timeout`: a job on a GitHub-hosted runner may run at most 6 hours. */
export const MAX_WAIT_TIMEOUT_MS = 6 * 3_600_000
export const MIN_POLL_INTERVAL_MS = 1000
export const MAX_POLL_INTERVAL_MS = 3_600_000

/** `verdict-max-age`: how long a remembered accepted answer stands for a fresh one. */
export const MAX_VERDICT_AGE_MS = 365 * 86_400_000

export function parseVerdictMaxAge(text: string, name: string): number {
  return parseBoundedDuration(text, name, 0, MAX_VERDICT_AGE_MS)
}

export function parseRequestTimeout(text: string, name: string): number {
  return parseBoundedDuration(text, name, 1, MAX_REQUEST_TIMEOUT_MS)
}

export function parseWaitTimeout(text: string, name: string): number {
  return parseBoundedDuration(text, name, 0, MAX_WAIT_TIMEOUT_MS)
}

export function parsePollInterval(text: string, name: string): number {
  return parseBoundedDuration(text, name, MIN_POLL_INTERVAL_MS, MAX_POLL_INTERVAL_MS)
}

export function parseWholeNumber(text: string, name: string, min: number, max: number): number {
  const trimmed = text.trim()
  const value = Number(trimmed)
  if (!/^\d{1,15}$/.test(trimmed) || value < min || value > max) {
    throw new Error(`${name}: "${cutChars(text, 40)}" is not a whole number from ${min} to ${max}`)
  }
  return value
}

/** The MPC's own limit; its hosts are the ones this action must never push past it. */
export const MPC_MAX_RATE = 5
/** Most requests per second `rate-limit` may ask for, against a stand-in or mirror. */
export const MAX_RATE_LIMIT = 1000

/** The MPC's hosts, whatever the letter case and with or without the DNS root's trailing dot. */
export const isMpcHost = (apiUrl: string): boolean =>
  /(^|\.)minorplanetcenter\.net$/i.test(trimEnd(new URL(apiUrl).hostname, '.'))

/**
 * `rate-limit` for a given API: any whole number for a stand-in or mirror, but at most 5 (and not 0, which
 * lifts the limit) against the MPC itself, which may block an IP that sends more.
 */
export function parseRateLimit(text: string, name: string, apiUrl: string): number {
  const value = parseWholeNumber(text, name, 0, MAX_RATE_LIMIT)
  if (isMpcHost(apiUrl) && (value === 0 || value > MPC_MAX_RATE)) {
    const asked = value === 0 ? '0 (no limit)' : String(value)
    throw new Error(
      `${name}: the MPC allows at most ${MPC_MAX_RATE} requests per second and may block an IP that sends more; ` +
        `${asked} is only for a stand-in or mirror of the API, not ${new URL(apiUrl).hostname}`
    )
  }
  return value
}
