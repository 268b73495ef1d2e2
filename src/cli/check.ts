import { abortOnSignals } from '../core/cancel.js'
import { checkSubmissions } from '../core/check.js'
import { STATUS_DEFAULTS } from '../core/defaults.js'
import { parsePollInterval, parseVerdictMaxAge, parseWaitTimeout } from '../core/setting-values.js'
import { collectIds, describeUnlistedInvalid, type IdListNames } from '../core/id-list.js'
import { plural } from '../core/text.js'
import { describeUnfollowed, followObservations, withObservations } from '../core/observations.js'
import { describeSource } from '../core/source.js'
import { hasWarnings, worstFirst, type SubmissionResult } from '../core/submission-result.js'
import { decideVerdict, parseFailOn, verdictLine, type Verdict } from '../core/verdict.js'
import { logText } from '../report/escape.js'
import { resultsJsonPieces } from '../report/outputs.js'
import { describeProgress } from '../report/progress.js'
import { statusLabel } from '../report/status-label.js'
import { describeRemembered } from '../report/summary.js'
import {
  CLI_NAME,
  createCliClient,
  EXIT_FAILED,
  EXIT_INTERRUPTED,
  NETWORK_HELP,
  NETWORK_OPTIONS,
  FlagProblems,
  operatorBase,
  readCommandLine,
  readNetworkFlags,
  type Io
} from './common.js'
import { openVerdictFile } from './verdict-file.js'
import { renderObservationsTable } from './wamo.js'
import { painter, renderTable, useColour, type Cell, type Colour, type Paint } from './terminal.js'

export const CHECK_HELP = `Usage: ${CLI_NAME} check [IDS...] [--file PATH]... [options]

Checks MPC submission IDs against the MPC Submission Status API, the same gate as the GitHub Action:
prints a table of the results and exits 1 when a submission fails under --fail-on.

IDS are submission IDs (2026-01-01T00:05:07.453_0000BhCE); a submission block ID is checked as its
submission ID. Each distinct ID is asked about once.

Options:
  -f, --file PATH            read IDs from a file (repeatable): one or more per line, # starts a comment,
                             a line with the MPC's "Submission ID is <ID>" reply yields that ID, and a
                             .json file holds an array of IDs or of objects with submission_id; a
                             UTF-8 text file of at most 16 MiB, or - for standard input. A relative
                             path inside the current folder must stay inside it (symlinks followed
                             only within it, as the action keeps to its workspace); any other path is
                             read as given
  -w, --wait DURATION        keep polling pending and not-yet-found submissions this long: seconds or
                             90s, 10m, 1h, at most 6h (default 0: ask once)
      --poll-interval DUR    between two polls of the same submission, 1 s to 1h (default ${STATUS_DEFAULTS['poll-interval']})
      --fail-on LIST         statuses that fail, comma-separated, from rejected, not-found, invalid,
                             error, pending, warning; or none (default rejected,not-found,invalid,error)
      --cache FILE           remember accepted answers in FILE (JSON; anywhere you can write, e.g.
                             ~/.cache/mpc/verdicts.json, folders created): read if it exists, written
                             after the check; remembered IDs are not asked again
      --max-age DURATION     how long a remembered answer stands for a fresh one, e.g. 30d, 12h; 0 asks
                             every ID but still writes the file (default ${STATUS_DEFAULTS['verdict-max-age']})
      --observations         also ask WAMO where each accepted submission's observations went
                             (published, waiting, ITF); never changes the exit status
${NETWORK_HELP}

The last line is the verdict with the full counts: "✅ Passed" only when every submission was accepted
without fault events; "⚠️ Passed, with exceptions" naming what --fail-on let pass (pending, warnings, any
status not in it); "❌ Failed"; "❌ Cancelled" when interrupted.

Exit status: 0 when no submission fails under --fail-on, 1 when one does or a file cannot be read,
2 for a mistake on the command line, 130 when interrupted.

Examples:
  ${CLI_NAME} check 2026-01-01T00:05:07.453_0000BhCE
  ${CLI_NAME} check --file submitted.txt --wait 15m --fail-on rejected,pending
  grep -h 'Submission ID' replies/*.txt | ${CLI_NAME} check --file -
  ${CLI_NAME} check --file submitted.txt --json | jq -r '.[] | select(.status == "rejected") | .submission_id'
`

function statusColour(result: SubmissionResult): Colour {
  if (result.status === 'accepted') return hasWarnings(result) ? 'yellow' : 'green'
  return result.status === 'pending' ? 'yellow' : 'red'
}

function resultRow(result: SubmissionResult): Cell[] {
  const details = result.status === 'accepted' && !hasWarnings(result) ? '' : logText(result.message, 300)
  return [
    { text: result.status === 'invalid' ? logText(result.submission_id, 60) : result.submission_id },
    { text: statusLabel(result), colour: statusColour(result) },
    { text: result.pipeline_entry_time ? logText(result.pipeline_entry_time, 40) : '—' },
    { text: String(result.fault_events.length) },
    { text: logText(describeSource(result.source, 'argument'), 80), colour: 'dim' },
    { text: details }
  ]
}

const VERDICT_COLOURS: Record<Verdict['level'], Colour> = {
  passed: 'green',
  exceptions: 'yellow',
  failed: 'red',
  cancelled: 'red'
}

/** The verdict line, as the action's log ends: the same words, the full counts, --fail-on by its name here. */
const closingLine = (verdict: Verdict): string => logText(verdictLine(verdict, '--fail-on'), 3000)

/** The readable report: the table worst first, each fault event, then the verdict. */
export function renderCheckReport(
  results: readonly SubmissionResult[],
  verdict: Verdict,
  paint: Paint,
  columns?: number
): string {
  const ordered = worstFirst(results)
  const lines: string[] = []
  if (ordered.length > 0) {
    lines.push(
      renderTable(
        ['Submission', 'Status', 'Pipeline entry time', 'Faults', 'From', 'Details'],
        ordered.map(resultRow),
        paint,
        // On a narrow terminal the entry time goes first (the widest, and the MPC's bookkeeping), then the
        // file and line, then the fault count (the fault table below lists them).
        { columns, droppable: [2, 4, 3] }
      ),
      ''
    )
  }
  const faults = ordered.flatMap((result) =>
    result.fault_events.map((event): Cell[] => [
      { text: result.submission_id },
      { text: result.status === 'accepted' ? 'warning' : 'rejection', colour: statusColour(result) },
      { text: String(event.phase) },
      { text: String(event.failure_code) },
      { text: logText(event.message, 500) }
    ])
  )
  if (faults.length > 0) {
    lines.push(
      renderTable(['Submission', 'Kind', 'Phase', 'Failure code', 'Message'], faults, paint, {
        columns,
        droppable: [1, 2]
      }),
      ''
    )
  }
  for (const problem of verdict.problems) lines.push(paint(`❌ ${logText(problem, 500)}`, 'red'))
  lines.push(paint(closingLine(verdict), VERDICT_COLOURS[verdict.level]))
  return `${lines.join('\n')}\n`
}

/** A line on stderr that a TTY rewrites in place and a log receives once per update. */
class ProgressLine {
  private shown = false
  constructor(
    private readonly stream: NodeJS.WritableStream,
    readonly live: boolean
  ) {}
  show(text: string): void {
    if (this.live) {
      this.stream.write(`\r\u001b[2K${text}`)
      this.shown = true
    } else {
      this.stream.write(`${text}\n`)
    }
  }
  print(text: string): void {
    this.clear()
    this.stream.write(`${text}\n`)
  }
  clear(): void {
    if (this.shown) this.stream.write('\r\u001b[2K')
    this.shown = false
  }
}

const CHECK_OPTIONS = {
  ...NETWORK_OPTIONS,
  file: { type: 'string', short: 'f', multiple: true },
  wait: { type: 'string', short: 'w' },
  'poll-interval': { type: 'string' },
  'fail-on': { type: 'string' },
  cache: { type: 'string' },
  'max-age': { type: 'string' },
  observations: { type: 'boolean' }
} as const

/** How the command line names what the action calls its inputs, in the messages about IDs. */
export const CLI_ID_NAMES: IdListNames = { text: 'the IDS arguments', file: '--file' }

export async function runCheck(args: string[], io: Io): Promise<number> {
  const usage = new FlagProblems('check')
  const { values, positionals } = readCommandLine(usage, args, CHECK_OPTIONS)
  if (values.help) {
    io.stdout.write(CHECK_HELP)
    return 0
  }
  const files = values.file ?? []
  if (positionals.length === 0 && files.length === 0) usage.add('give submission IDs, or --file PATH')
  const waitTimeoutMs = usage.value(() => parseWaitTimeout(values.wait ?? STATUS_DEFAULTS['wait-timeout'], '--wait'), 0)
  const pollIntervalMs = usage.value(
    () => parsePollInterval(values['poll-interval'] ?? STATUS_DEFAULTS['poll-interval'], '--poll-interval'),
    0
  )
  const failOn = usage.value(() => parseFailOn(values['fail-on'] ?? '', '--fail-on'), [])
  const maxAgeMs = usage.value(
    () => parseVerdictMaxAge(values['max-age'] ?? STATUS_DEFAULTS['verdict-max-age'], '--max-age'),
    0
  )
  const network = readNetworkFlags(values, usage)
  usage.check()
  const controller = new AbortController()
  const client = createCliClient(network, io, controller.signal)
  const { apiUrl } = network

  const paint = painter(useColour(io.stdout, io.env))
  const progress = new ProgressLine(io.stderr, io.stderr.isTTY === true)
  const errPaint = painter(useColour(io.stderr, io.env))
  const removeHandlers = abortOnSignals(controller, { exitOnSecond: EXIT_INTERRUPTED })
  try {
    const ids = await collectIds({
      text: positionals.join('\n'),
      files,
      workspace: operatorBase(io),
      signal: controller.signal,
      names: CLI_ID_NAMES
    })
    const problems = [...ids.problems]
    if (ids.entries.length === 0 && ids.invalidNotListed === 0) {
      problems.push(`No submission IDs found in ${ids.lookedIn.join(', ')}`)
    }
    if (ids.invalidNotListed > 0) {
      progress.print(describeUnlistedInvalid(ids.invalidNotListed))
    }
    const store = values.cache
      ? await openVerdictFile(operatorBase(io), values.cache, maxAgeMs, (message) =>
          progress.print(errPaint(`⚠️ ${logText(message)}`, 'yellow'))
        )
      : undefined
    const valid = ids.entries.filter((entry) => entry.valid).length
    if (valid > 0 && waitTimeoutMs > 0) {
      progress.print(errPaint(`Checking ${plural(valid, 'submission')} at ${apiUrl}`, 'dim'))
    }
    const run = await checkSubmissions(ids.entries, client, {
      waitTimeoutMs,
      pollIntervalMs,
      signal: controller.signal,
      remembered: store?.remembered,
      progressEveryMs: progress.live ? 1000 : 30_000,
      onFinding: (_entry, result, poll) => {
        // While waiting, say when an undecided submission gets its verdict; the table comes at the end.
        if (poll && result.status !== 'pending' && result.status !== 'not-found') {
          progress.print(`${statusLabel(result)}  ${result.submission_id}`)
        }
      },
      onProgress: (state) => progress.show(describeProgress(state))
    })
    progress.clear()
    // The same client, so status and WAMO requests share one rate limit.
    const observations = values.observations
      ? await followObservations(run.results, client, {
          signal: controller.signal,
          remembered: store?.remembered.observations()
        })
      : undefined
    const unfollowed = observations ? describeUnfollowed(observations) : ''
    if (unfollowed) io.stderr.write(`${errPaint(`⚠️ ${logText(unfollowed)}`, 'yellow')}\n`)
    if (store) {
      const failure = await store.save(run.results, observations?.bySubmission)
      if (failure) io.stderr.write(`${errPaint(`⚠️ ${logText(failure)}`, 'yellow')}\n`)
    }
    if (run.oldestRemembered) {
      io.stderr.write(`${describeRemembered({ count: run.remembered, oldest: run.oldestRemembered })}\n`)
    }
    const verdict = decideVerdict(run.results, failOn, {
      problems,
      unlistedInvalid: ids.invalidNotListed,
      cancelled: run.cancelled,
      failOnName: '--fail-on'
    })
    if (values.json) {
      const shown = observations
        ? run.results.map((result) => withObservations(result, observations, false))
        : run.results
      for (const piece of resultsJsonPieces(shown)) io.stdout.write(piece)
      io.stdout.write('\n')
      // stdout stays pure JSON; the verdict goes where a person reads it, whatever it is.
      io.stderr.write(`${errPaint(closingLine(verdict), VERDICT_COLOURS[verdict.level])}\n`)
    } else {
      io.stdout.write(renderCheckReport(run.results, verdict, paint, io.stdout.columns))
      if (observations) io.stdout.write(`\n${renderObservationsTable(observations, paint)}`)
    }
    if (run.cancelled) {
      io.stderr.write('Interrupted before every submission was decided; undecided ones are shown as last seen.\n')
      return EXIT_INTERRUPTED
    }
    return verdict.failed ? EXIT_FAILED : 0
  } finally {
    progress.clear()
    removeHandlers()
    await client.close()
  }
}
