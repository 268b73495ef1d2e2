import * as runner from '../runner/toolkit.js'
import { DEFAULT_API_URL, parseApiUrl, parseRequestTimeout, parseRateLimit, parseWholeNumber } from '../settings.js'

/** Everything the action-codes action reads from its inputs, checked once. */
export interface ActionCodesSettings {
  labels: string
  apiUrl: string
  requestTimeoutMs: number
  retries: number
  rateLimit: number
  /** Not an input: a handful of labels never needs more, and the rate limit is what binds. */
  concurrency: number
}

const input = (name: string, fallback: string): string => runner.getInput(name) || fallback

/** Reads and checks every input; throws one Error naming the first bad input. */
export function readActionCodesSettings(): ActionCodesSettings {
  const labels = runner.getInput('labels')
  if (labels.trim() === '') {
    throw new Error('labels: no labels given; pass trksubs, trkids or submission (block) IDs, one per line')
  }
  const apiUrl = parseApiUrl(input('api-url', DEFAULT_API_URL))
  return {
    labels,
    apiUrl,
    requestTimeoutMs: parseRequestTimeout(input('request-timeout', '30'), 'request-timeout'),
    retries: parseWholeNumber(input('retries', '3'), 'retries', 0, 10),
    rateLimit: parseRateLimit(input('rate-limit', '5'), 'rate-limit', apiUrl),
    concurrency: 4
  }
}
