import * as core from '@actions/core'
import { ACTION_CODES_DEFAULTS } from '../core/defaults.js'
import { parseApiUrl, parseRateLimit, parseRequestTimeout, parseWholeNumber } from '../core/setting-values.js'

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

/** An input, or its default when it is not set (a local run; the runner always passes action.yml's). */
const input = (name: keyof typeof ACTION_CODES_DEFAULTS): string => core.getInput(name) || ACTION_CODES_DEFAULTS[name]

/**
 * Reads and checks every input; throws one Error naming the first bad input. The labels themselves are judged
 * by the run (none, too many, malformed), so that such a run still writes its summary and outputs.
 */
export function readActionCodesSettings(): ActionCodesSettings {
  const labels = core.getInput('labels')
  const apiUrl = parseApiUrl(input('api-url'))
  return {
    labels,
    apiUrl,
    requestTimeoutMs: parseRequestTimeout(input('request-timeout'), 'request-timeout'),
    retries: parseWholeNumber(input('retries'), 'retries', 0, 10),
    rateLimit: parseRateLimit(input('rate-limit'), 'rate-limit', apiUrl),
    concurrency: 4
  }
}
