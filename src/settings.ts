import * as core from '@actions/core'
import { parseDuration } from './core/duration.js'
import { parseFailOn, type FailOnItem } from './core/verdict.js'

/** Everything the status action reads from its inputs, checked once. */
export interface Settings {
  submissionIds: string
  submissionIdsFiles: string[]
  apiUrl: string
  failOn: FailOnItem[]
  summary: boolean
  summaryTitle: string
  resultsFile: string
  requestTimeoutMs: number
  retries: number
  concurrency: number
  rateLimit: number
  waitTimeoutMs: number
  pollIntervalMs: number
  workspace: string
}

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
function parsePositiveSeconds(text: string, name: string): number {
  const ms = parseDuration(text, name)
  if (ms <= 0) throw new Error(`${name}: must be more than 0`)
  return ms
}

function parseBoolean(text: string, name: string): boolean {
  const value = text.trim().toLowerCase()
  if (['true', 'yes', '1', 'on'].includes(value)) return true
  if (['false', 'no', '0', 'off'].includes(value)) return false
  throw new Error(`${name}: "${text}" is not true or false`)
}

const input = (name: string, fallback: string): string => core.getInput(name) || fallback

/** Reads and checks every input; throws one Error naming the first bad input. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const pollIntervalMs = parseDuration(input('poll-interval', '30'), 'poll-interval')
  if (pollIntervalMs < 1000) throw new Error('poll-interval: must be at least 1 second')
  return {
    submissionIds: core.getInput('submission-ids'),
    submissionIdsFiles: core
      .getInput('submission-ids-file')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    apiUrl: parseApiUrl(input('api-url', DEFAULT_API_URL)),
    failOn: parseFailOn(core.getInput('fail-on')),
    summary: parseBoolean(input('summary', 'true'), 'summary'),
    summaryTitle: input('summary-title', 'MPC submission status').trim(),
    resultsFile: core.getInput('results-file').trim(),
    requestTimeoutMs: parsePositiveSeconds(input('request-timeout', '30'), 'request-timeout'),
    retries: parseWholeNumber(input('retries', '3'), 'retries', 0, 10),
    concurrency: parseWholeNumber(input('concurrency', '4'), 'concurrency', 1, 64),
    rateLimit: parseWholeNumber(input('rate-limit', '5'), 'rate-limit', 0),
    waitTimeoutMs: parseDuration(input('wait-timeout', '0'), 'wait-timeout'),
    pollIntervalMs,
    workspace: env.GITHUB_WORKSPACE || process.cwd()
  }
}
