import { createMpcClient, type MpcClient } from '../core/client.js'
import { DEFAULT_API_URL, STATUS_DEFAULTS } from '../core/defaults.js'
import { parseApiUrl, parseRequestTimeout, parseRateLimit, parseWholeNumber } from '../core/setting-values.js'
import type { OperatorBase } from '../core/workspace-file.js'
import { logText } from '../report/escape.js'
import { USER_AGENT } from '../version.js'

export const CLI_NAME = 'mpc-submission-status'

/** Exit statuses: 1 is what a failing action step would be; 2 is a mistake on the command line. */
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2
export const EXIT_INTERRUPTED = 130

/** A mistake in how the command was called: printed with a pointer to --help, exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string
  ) {
    super(message)
    this.name = 'UsageError'
  }
}

/** Where a command writes; tests and the entry pass the real streams. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }
  env: NodeJS.ProcessEnv
  cwd: string
  /** Read for `--file -` (only then opened), and by the wamo command when it is given no identifiers; absent, `-` is a file of that name. */
  stdin?: () => AsyncIterable<Buffer | string>
}

/** Paths typed on the command line are the operator's (see OperatorBase); `-` is standard input. */
export const operatorBase = (io: Io): OperatorBase => ({
  operator: io.cwd,
  ...(io.stdin === undefined ? {} : { stdin: io.stdin })
})

/** Options every command that talks to the MPC shares, for node:util parseArgs. */
export const NETWORK_OPTIONS = {
  'api-url': { type: 'string' },
  'rate-limit': { type: 'string' },
  'request-timeout': { type: 'string' },
  retries: { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

export const NETWORK_HELP = `      --api-url URL          base URL of the MPC API (default ${DEFAULT_API_URL});
                             https on the MPC's own hosts
      --rate-limit N         most requests started per second, retries included (default ${STATUS_DEFAULTS['rate-limit']}, the MPC's
                             limit; 0 lifts it, only for a stand-in or mirror of the API)
      --request-timeout SEC  one request, from connecting to the last byte, at most 10m
                             (default ${STATUS_DEFAULTS['request-timeout']})
      --retries N            extra attempts after a network error, a timeout, 408, 429 or 5xx (default ${STATUS_DEFAULTS.retries})
      --json                 print the results as JSON (the action's \`results\` output) instead of a table
      --verbose              log each retry to stderr
  -h, --help                 show this help`

export interface NetworkValues {
  'api-url'?: string
  'rate-limit'?: string
  'request-timeout'?: string
  retries?: string
  verbose?: boolean
}

/** Checks the shared flags (throwing a UsageError naming the flag) and builds the client. */
export function createCliClient(values: NetworkValues, io: Io): { client: MpcClient; apiUrl: string } {
  const flag = <T>(parse: () => T): T => {
    try {
      return parse()
    } catch (error) {
      throw new UsageError((error as Error).message)
    }
  }
  const apiUrl = flag(() => parseApiUrl(values['api-url'] ?? DEFAULT_API_URL, '--api-url'))
  const rateLimit = flag(() =>
    parseRateLimit(values['rate-limit'] ?? STATUS_DEFAULTS['rate-limit'], '--rate-limit', apiUrl)
  )
  const requestTimeoutMs = flag(() =>
    parseRequestTimeout(values['request-timeout'] ?? STATUS_DEFAULTS['request-timeout'], '--request-timeout')
  )
  const retries = flag(() => parseWholeNumber(values.retries ?? STATUS_DEFAULTS.retries, '--retries', 0, 10))
  const client = createMpcClient({
    apiUrl,
    userAgent: USER_AGENT,
    rateLimit,
    concurrency: Number(STATUS_DEFAULTS.concurrency),
    requestTimeoutMs,
    retries,
    env: io.env,
    debug: values.verbose ? (message) => io.stderr.write(`${logText(message)}\n`) : undefined
  })
  return { client, apiUrl }
}
