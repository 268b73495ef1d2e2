import { parseArgs, type ParseArgsConfig } from 'node:util'
import { createMpcClient, type MpcClient } from '../core/client.js'
import { DEFAULT_API_URL, STATUS_DEFAULTS } from '../core/defaults.js'
import {
  MAX_RATE_LIMIT,
  parseApiUrl,
  parseRateLimit,
  parseRequestTimeout,
  parseWholeNumber
} from '../core/setting-values.js'
import { cutChars } from '../core/text.js'
import type { OperatorBase } from '../core/workspace-file.js'
import { logText } from '../report/escape.js'
import { USER_AGENT } from '../version.js'

export const CLI_NAME = 'mpc-submission-status'

/** Exit statuses: 1 is what a failing action step would be; 2 is a mistake on the command line. */
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2
export const EXIT_INTERRUPTED = 130

/**
 * Mistakes in how the command was called: each printed on its own line (all of them, so one run shows every
 * bad flag), with a pointer to --help, exit 2.
 */
export class UsageError extends Error {
  readonly lines: readonly string[]
  constructor(
    message: string | readonly string[],
    readonly command?: string
  ) {
    const lines = typeof message === 'string' ? [message] : message
    super(lines.join('\n'))
    this.lines = lines
    this.name = 'UsageError'
  }
}

/**
 * Collects what is wrong with a command's flag values, so that one run reports every bad flag rather than the
 * first. The core's parsers throw a sentence naming the flag (each takes the name to use, `--wait`, as the
 * actions pass their input's name); `value` keeps the sentence and returns the fallback, and `check` throws
 * them all as one UsageError once every flag has been read. Every command reads its arguments the same way:
 *
 *   const usage = new FlagProblems('wamo')
 *   const { values, positionals } = readCommandLine(usage, args, OPTIONS)
 *   const wait = usage.value(() => parseWaitTimeout(values.wait ?? '0', '--wait'), 0)
 *   usage.check()
 */
export class FlagProblems {
  private readonly problems: string[] = []
  constructor(readonly command: string) {}

  value<T>(parse: () => T, fallback: T): T {
    try {
      return parse()
    } catch (error) {
      this.add(error instanceof Error ? error.message : String(error))
      return fallback
    }
  }

  add(problem: string): void {
    this.problems.push(problem)
  }

  /** Throws every problem found so far; returns when there were none. */
  check(): void {
    if (this.problems.length > 0) throw new UsageError(this.problems, this.command)
  }
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>
type CommandLine<O extends OptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>

/** Edits between two names, a swap of neighbours counting as one, for "did you mean". */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  )
  const at = (i: number, j: number): number => rows[i]?.[j] ?? 0
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1)
      const row = rows[i]
      if (row) row[j] = best
    }
  }
  return at(a.length, b.length)
}

const commonStart = (a: string, b: string): number => {
  let n = 0
  while (n < a.length && n < b.length && a[n] === b[n]) n += 1
  return n
}

/**
 * The known name an unknown one most likely meant: the only one it begins (--poll), the only one sharing
 * its first four letters (--retry), or the one nearest, a slip or two away (--fial-on); none when unsure.
 */
export function nearestFlag(name: string, known: readonly string[]): string | undefined {
  const typed = name.toLowerCase().replaceAll('_', '-')
  const only = (candidates: readonly string[]): string | undefined =>
    candidates.length === 1 ? candidates[0] : undefined
  const prefixed = only(known.filter((flag) => typed.length >= 2 && flag.startsWith(typed)))
  if (prefixed !== undefined) return prefixed
  const sharing = only(known.filter((flag) => commonStart(typed, flag) >= 4))
  if (sharing !== undefined) return sharing
  const near = known
    .map((flag) => ({ flag, edits: distance(typed, flag) }))
    .filter(({ flag, edits }) => edits <= Math.min(2, Math.floor(flag.length / 3)))
  const fewest = Math.min(...near.map(({ edits }) => edits))
  // Two equally near (--ac: --ac2 or --ack) is a guess; the full list follows instead.
  return only(near.filter(({ edits }) => edits === fewest).map(({ flag }) => flag))
}

/** An argument shown in a message: cut, and as the user typed it (the caller makes it inert). */
const shown = (text: string): string => cutChars(text, 40)

/**
 * Reads a command's arguments with node:util parseArgs, but says every mistake in our own words, naming the
 * flag: the parser's own messages speak of positional arguments and "-- \"--x\"" quoting, and it stops at the
 * first. The arguments are first read leniently as tokens, so that each unknown option, missing value and
 * value given to a switch is added to `problems`; the arguments left are then read strictly, so that the
 * command still judges every flag value that was given well (all of them reported together at its check).
 */
export function readCommandLine<O extends OptionsConfig>(
  problems: FlagProblems,
  args: string[],
  options: O
): CommandLine<O> {
  const known = Object.keys(options)
  const dropped = new Set<number>()
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true })
  for (const token of tokens) {
    if (token.kind !== 'option') continue
    const config = options[token.name]
    const raw = token.rawName
    const problem = (message: string): void => {
      problems.add(message)
      // Only the option's own argument: "--wait --json" keeps --json.
      dropped.add(token.index)
    }
    if (config === undefined) {
      const nearest = raw.startsWith('--') ? nearestFlag(token.name, known) : undefined
      problem(
        `unknown option ${shown(raw)}; ` +
          (nearest === undefined
            ? `the options are ${known.map((flag) => `--${flag}`).join(', ')}`
            : `did you mean --${nearest}?`)
      )
    } else if (config.type === 'string' && token.value === undefined) {
      problem(`${raw} needs a value`)
    } else if (config.type === 'string' && !token.inlineValue && /^-./.test(token.value ?? '')) {
      // "--wait --json": the parser would take the next option as the value; the user forgot the value.
      const value = shown(token.value ?? '')
      problem(`${raw} needs a value, and is followed by ${value}; if that is the value, write --${token.name}=${value}`)
    } else if (config.type === 'boolean' && token.value !== undefined) {
      problem(`${raw} takes no value`)
    }
  }
  try {
    const rest = args.filter((_, index) => !dropped.has(index))
    return parseArgs({ args: rest, options, allowPositionals: true, strict: true })
  } catch (error) {
    // Not reached after the checks above; should a parser version differ, its code is said, never its text.
    const code = (error as { code?: unknown }).code
    problems.add(`the options could not be read (${typeof code === 'string' ? code : 'unknown error'})`)
    problems.check()
    throw error
  }
}

/** Where a command writes; tests and the entry pass the real streams. */
export interface Io {
  /** `columns` is the terminal's width when stdout is one: the table is fitted to it. */
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }
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

/** The shared flags, read and checked (each bad one added to `problems`). */
export interface NetworkSettings {
  apiUrl: string
  rateLimit: number
  requestTimeoutMs: number
  retries: number
  verbose: boolean
}

/** Reads the shared flags, each bad one added to `problems` (so that all are reported together). */
export function readNetworkFlags(values: NetworkValues, problems: FlagProblems): NetworkSettings {
  const apiUrl = problems.value(() => parseApiUrl(values['api-url'] ?? DEFAULT_API_URL, '--api-url'), undefined)
  const rateText = values['rate-limit'] ?? STATUS_DEFAULTS['rate-limit']
  // Without a good --api-url, the MPC's own bound cannot be judged; the number itself still can.
  const rateLimit = problems.value(
    () =>
      apiUrl === undefined
        ? parseWholeNumber(rateText, '--rate-limit', 0, MAX_RATE_LIMIT)
        : parseRateLimit(rateText, '--rate-limit', apiUrl),
    0
  )
  const requestTimeoutMs = problems.value(
    () => parseRequestTimeout(values['request-timeout'] ?? STATUS_DEFAULTS['request-timeout'], '--request-timeout'),
    0
  )
  const retries = problems.value(
    () => parseWholeNumber(values.retries ?? STATUS_DEFAULTS.retries, '--retries', 0, 10),
    0
  )
  return { apiUrl: apiUrl ?? DEFAULT_API_URL, rateLimit, requestTimeoutMs, retries, verbose: values.verbose === true }
}

/** The client for flags read by readNetworkFlags (after FlagProblems.check); `signal` is the command's cancel. */
export function createCliClient(settings: NetworkSettings, io: Io, signal: AbortSignal): MpcClient {
  return createMpcClient({
    apiUrl: settings.apiUrl,
    userAgent: USER_AGENT,
    rateLimit: settings.rateLimit,
    concurrency: Number(STATUS_DEFAULTS.concurrency),
    requestTimeoutMs: settings.requestTimeoutMs,
    retries: settings.retries,
    env: io.env,
    signal,
    debug: settings.verbose ? (message) => io.stderr.write(`${logText(message)}\n`) : undefined
  })
}
