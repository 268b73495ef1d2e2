import { abortOnSignals } from '../core/cancel.js'
import {
  actionCodesLine,
  decideActionCodesVerdict,
  requestActionCodes,
  splitLabels,
  type ActionCodeResult,
  type ActionCodesVerdict
} from '../core/action-codes.js'
import { ACTION_CODES_PAGE, actionCodeStatusLabel, buildActionCodesOutputs } from '../report/action-codes-summary.js'
import { logText } from '../report/escape.js'
import {
  CLI_NAME,
  createCliClient,
  EXIT_FAILED,
  EXIT_INTERRUPTED,
  NETWORK_HELP,
  NETWORK_OPTIONS,
  FlagProblems,
  readCommandLine,
  readNetworkFlags,
  type Io
} from './common.js'
import { painter, renderTable, useColour, type Cell, type Colour, type Paint } from './terminal.js'

export const ACTION_CODES_HELP = `Usage: ${CLI_NAME} action-codes LABEL... [options]

Asks the MPC to e-mail the action codes of each LABEL to the address of its original submitter. The
codes never appear in this output: they arrive by e-mail, for use at ${ACTION_CODES_PAGE}
to retract or replace observations.

A LABEL is a trksub (A10cnQO), trkid (00000DwbEz), submission block ID
(2024-05-02T21:03:35.001_0000FzZw_01) or submission ID (2024-05-02T21:03:35.001_0000FzZw); labels may
also be separated by commas. Each distinct label is sent once (every request sends an e-mail). It is
all or nothing: when any label fits none of these formats (a label is never split, so "not/a label" is
one malformed label), or none is given, nothing is sent. An 8-character label fits both trksub and trkid.

Options:
${NETWORK_HELP}

Exit status: 0 when every label was requested, 1 when one was malformed (then none is sent), none was
given, or one was refused by the MPC or could not be sent, 2 for a mistake on the command line (an
unknown option, no LABEL argument at all), 130 when interrupted.
`

const COLOURS: Record<ActionCodeResult['status'], Colour> = {
  requested: 'green',
  malformed: 'red',
  'not-sent': 'red',
  refused: 'red',
  error: 'red'
}

export function renderActionCodesReport(
  results: readonly ActionCodeResult[],
  verdict: ActionCodesVerdict,
  paint: Paint,
  cancelled = false,
  columns?: number
): string {
  const rows = results.map((result): Cell[] => [
    { text: logText(result.label, 60) },
    { text: result.format ?? '—' },
    { text: actionCodeStatusLabel(result.status), colour: COLOURS[result.status] },
    { text: result.status === 'requested' ? '' : logText(result.message, 500) }
  ])
  const lines =
    rows.length > 0
      ? [renderTable(['Label', 'Format', 'Result', 'Details'], rows, paint, { columns, droppable: [1] }), '']
      : []
  const closing = logText(actionCodesLine(verdict, cancelled), 3000)
  lines.push(paint(closing, cancelled || verdict.failed ? 'red' : 'green'))
  if (verdict.requested > 0) {
    lines.push(
      `The MPC e-mails the codes to the original submitter's address; they are never shown here or in its answer. Use them at ${ACTION_CODES_PAGE}`
    )
  }
  return `${lines.join('\n')}\n`
}

export async function runActionCodes(args: string[], io: Io): Promise<number> {
  const usage = new FlagProblems('action-codes')
  const { values, positionals } = readCommandLine(usage, args, NETWORK_OPTIONS)
  if (values.help) {
    io.stdout.write(ACTION_CODES_HELP)
    return 0
  }
  // No LABEL argument at all is a usage mistake; arguments that hold no label ("," or "") are judged like the
  // action's input: nothing is sent and the exit status is 1.
  if (positionals.length === 0) usage.add('give at least one label')
  const network = readNetworkFlags(values, usage)
  usage.check()
  const labels = positionals.flatMap(splitLabels)
  const controller = new AbortController()
  const client = createCliClient(network, io, controller.signal)
  const removeHandlers = abortOnSignals(controller, { exitOnSecond: EXIT_INTERRUPTED })
  try {
    const run = await requestActionCodes(labels, client, { name: 'LABEL', signal: controller.signal })
    const verdict = decideActionCodesVerdict(run.results, run.problems)
    if (values.json) {
      io.stdout.write(`${buildActionCodesOutputs(run.results, verdict).results}\n`)
      if (run.cancelled || verdict.failed) {
        const closing = logText(actionCodesLine(verdict, run.cancelled), 3000)
        io.stderr.write(`${painter(useColour(io.stderr, io.env))(closing, 'red')}\n`)
      }
    } else {
      io.stdout.write(
        renderActionCodesReport(
          run.results,
          verdict,
          painter(useColour(io.stdout, io.env)),
          run.cancelled,
          io.stdout.columns
        )
      )
    }
    if (run.cancelled) return EXIT_INTERRUPTED
    return verdict.failed ? EXIT_FAILED : 0
  } finally {
    removeHandlers()
    await client.close()
  }
}
