import * as runner from './runner/toolkit.js'
import { cutChars } from './core/text.js'
import { parseFailOn, type FailOnItem } from './core/verdict.js'
import {
  DEFAULT_API_URL,
  parseApiUrl,
  parsePollInterval,
  parseRateLimit,
  parseRequestTimeout,
  parseWaitTimeout,
  parseWholeNumber
} from './core/setting-values.js'

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
  prComment: PrCommentMode
  commentTag: string
  githubToken: string
}

export type PrCommentMode = 'off' | 'always' | 'on-failure'
const PR_COMMENT_MODES: readonly PrCommentMode[] = ['off', 'always', 'on-failure']

function parsePrComment(text: string): PrCommentMode {
  const value = text.trim().toLowerCase()
  const mode = PR_COMMENT_MODES.find((m) => m === value)
  if (!mode) throw new Error(`pr-comment: "${cutChars(text, 40)}" is not one of ${PR_COMMENT_MODES.join(', ')}`)
  return mode
}

// The value parsers live in the core so that the command line can use them without the runner toolkit.
export { DEFAULT_API_URL, parseApiUrl, parseRequestTimeout, parseRateLimit, parseWholeNumber }

function parseBoolean(text: string, name: string): boolean {
  const value = text.trim().toLowerCase()
  if (['true', 'yes', '1', 'on'].includes(value)) return true
  if (['false', 'no', '0', 'off'].includes(value)) return false
  throw new Error(`${name}: "${cutChars(text, 40)}" is not true or false`)
}

const input = (name: string, fallback: string): string => runner.getInput(name) || fallback

/** Reads and checks every input; throws one Error naming the first bad input. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const pollIntervalMs = parsePollInterval(input('poll-interval', '30'), 'poll-interval')
  const apiUrl = parseApiUrl(input('api-url', DEFAULT_API_URL))
  return {
    submissionIds: runner.getInput('submission-ids'),
    submissionIdsFiles: runner
      .getInput('submission-ids-file')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    apiUrl,
    failOn: parseFailOn(runner.getInput('fail-on')),
    summary: parseBoolean(input('summary', 'true'), 'summary'),
    summaryTitle: input('summary-title', 'MPC submission status').trim(),
    resultsFile: runner.getInput('results-file').trim(),
    requestTimeoutMs: parseRequestTimeout(input('request-timeout', '30'), 'request-timeout'),
    retries: parseWholeNumber(input('retries', '3'), 'retries', 0, 10),
    concurrency: parseWholeNumber(input('concurrency', '4'), 'concurrency', 1, 64),
    rateLimit: parseRateLimit(input('rate-limit', '5'), 'rate-limit', apiUrl),
    waitTimeoutMs: parseWaitTimeout(input('wait-timeout', '0'), 'wait-timeout'),
    pollIntervalMs,
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    prComment: parsePrComment(input('pr-comment', 'off')),
    commentTag: runner.getInput('comment-tag').trim(),
    githubToken: runner.getInput('github-token').trim()
  }
}
