import { parseDuration } from './duration.js'

// Parsers for setting values, shared by the actions' inputs and the command line's flags. They live in the
// core, free of @actions/*, so the CLI bundle does not pull in the runner toolkit. `name` is what the user
// typed (an input name or a --flag) so that the error points at it.

export const DEFAULT_API_URL = 'https://data.minorplanetcenter.net'

/** An http(s) base URL without a trailing slash; anything else throws naming the input. */
export function parseApiUrl(text: string, name = 'api-url'): string {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    throw new Error(`${name}: "${text}" is not a URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${name}: only http and https are allowed, not ${url.protocol.replace(':', '')}`)
  }
  return url.toString().replace(/\/+$/, '')
}

export function parseWholeNumber(text: string, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const trimmed = text.trim()
  const value = Number(trimmed)
  if (!/^\d+$/.test(trimmed) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`
    throw new Error(`${name}: "${text}" is not a whole number ${range}`)
  }
  return value
}

/** Seconds for `request-timeout`, which may be fractional but must be positive. */
export function parsePositiveSeconds(text: string, name: string): number {
  const ms = parseDuration(text, name)
  if (ms <= 0) throw new Error(`${name}: must be more than 0`)
  return ms
}

/** The MPC's own limit; its hosts are the ones this action must never push past it. */
export const MPC_MAX_RATE = 5
const isMpcHost = (apiUrl: string): boolean => /(^|\.)minorplanetcenter\.net$/i.test(new URL(apiUrl).hostname)

/**
 * `rate-limit` for a given API: any whole number for a stand-in or mirror, but at most 5 (and not 0, which
 * lifts the limit) against the MPC itself, which may block an IP that sends more.
 */
export function parseRateLimit(text: string, name: string, apiUrl: string): number {
  const value = parseWholeNumber(text, name, 0)
  if (isMpcHost(apiUrl) && (value === 0 || value > MPC_MAX_RATE)) {
    const asked = value === 0 ? '0 (no limit)' : String(value)
    throw new Error(
      `${name}: the MPC allows at most ${MPC_MAX_RATE} requests per second and may block an IP that sends more; ` +
        `${asked} is only for a stand-in or mirror of the API, not ${new URL(apiUrl).hostname}`
    )
  }
  return value
}
