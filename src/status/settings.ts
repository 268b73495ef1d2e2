import * as core from '@actions/core'
import { inputsWithDefaults } from '../report/runner.js'
import { STATUS_DEFAULTS } from '../core/defaults.js'
import {
  parseApiUrl,
  parsePollInterval,
  parseRateLimit,
  parseRequestTimeout,
  parseVerdictMaxAge,
  parseWaitTimeout,
  parseWholeNumber
} from '../core/setting-values.js'
import { cutChars } from '../core/text.js'
import { parseFailOn, type FailOnItem } from '../core/verdict.js'

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
  verdictCache: boolean
  verdictMaxAgeMs: number
  verdictCacheKey: string
  /** Ask WAMO where the observations of accepted submissions went. */
  observations: boolean
}

export type PrCommentMode = 'off' | 'always' | 'on-failure'
const PR_COMMENT_MODES: readonly PrCommentMode[] = ['off', 'always', 'on-failure']

function parsePrComment(text: string): PrCommentMode {
  const value = text.trim().toLowerCase()
  const mode = PR_COMMENT_MODES.find((m) => m === value)
  if (!mode) throw new Error(`pr-comment: "${cutChars(text, 40)}" is not one of ${PR_COMMENT_MODES.join(', ')}`)
  return mode
}

const { input, booleanInput } = inputsWithDefaults(STATUS_DEFAULTS)

/** Reads and checks every input; throws one Error naming the first bad input. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const apiUrl = parseApiUrl(input('api-url'))
  const githubToken = core.getInput('github-token')
  // Masked in the log from here on, whatever later prints it.
  if (githubToken !== '') core.setSecret(githubToken)
  return {
    submissionIds: core.getInput('submission-ids'),
    submissionIdsFiles: core.getMultilineInput('submission-ids-file'),
    apiUrl,
    failOn: parseFailOn(input('fail-on')),
    summary: booleanInput('summary'),
    summaryTitle: input('summary-title'),
    resultsFile: core.getInput('results-file'),
    requestTimeoutMs: parseRequestTimeout(input('request-timeout'), 'request-timeout'),
    retries: parseWholeNumber(input('retries'), 'retries', 0, 10),
    concurrency: parseWholeNumber(input('concurrency'), 'concurrency', 1, 64),
    rateLimit: parseRateLimit(input('rate-limit'), 'rate-limit', apiUrl),
    waitTimeoutMs: parseWaitTimeout(input('wait-timeout'), 'wait-timeout'),
    pollIntervalMs: parsePollInterval(input('poll-interval'), 'poll-interval'),
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    prComment: parsePrComment(input('pr-comment')),
    commentTag: core.getInput('comment-tag'),
    githubToken,
    verdictCache: booleanInput('verdict-cache'),
    verdictMaxAgeMs: parseVerdictMaxAge(input('verdict-max-age'), 'verdict-max-age'),
    verdictCacheKey: core.getInput('verdict-cache-key'),
    observations: booleanInput('observations')
  }
}
