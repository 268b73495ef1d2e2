#!/usr/bin/env node
// The status gate, the action-codes request and a submission from a terminal, cron or another CI: the same
// core as the actions, without @actions/*. Exit status 1 exactly when the corresponding action step would fail.
import { runActionCodes } from './action-codes.js'
import { runCheck } from './check.js'
import { runSubmit } from './submit.js'
import { runWamo } from './wamo.js'
import { runValidate } from './validate.js'
import { CLI_NAME, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE, nearestFlag, UsageError, type Io } from './common.js'
import { exitWhenDone } from '../core/cancel.js'
import { logText } from '../report/escape.js'
import { VERSION } from '../version.js'

export const MAIN_HELP = `Usage: ${CLI_NAME} <command> [options]

Checks Minor Planet Center observation submissions from the command line, the same way the
mpc-submission-status GitHub Actions do, and submits them.

Commands:
  check [IDS...] [--file PATH]   check submission IDs; exit 1 when one fails under --fail-on
  action-codes LABEL...          ask the MPC to e-mail the action codes of labels to their submitter
  submit FILE --ac2 ADDR         submit an observation batch (to the MPC's test endpoint unless
                                 --production); exit 1 when it got no submission ID
  wamo [IDENTIFIERS...]          ask WAMO where observations went (published, waiting, ITF)
  validate FILE...               check batches by the ADES and MPC1992 rules, sending nothing;
                                 exit 1 when one has a problem

Options:
  -h, --help                     show this help; "${CLI_NAME} <command> --help" for a command's
  -V, --version                  print the version

Colour is used only on a terminal, and never when NO_COLOR is set.
`

const COMMANDS: Record<string, ((args: string[], io: Io) => Promise<number>) | undefined> = {
  check: runCheck,
  'action-codes': runActionCodes,
  submit: runSubmit,
  wamo: runWamo,
  validate: runValidate
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined) {
    io.stderr.write(MAIN_HELP)
    return EXIT_USAGE
  }
  if (command === '-h' || command === '--help' || command === 'help') {
    const topic = command === 'help' ? rest[0] : undefined
    const helpOf = topic === undefined ? undefined : COMMANDS[topic]
    if (helpOf) return helpOf(['--help'], io)
    io.stdout.write(MAIN_HELP)
    return 0
  }
  if (command === '-V' || command === '--version') {
    io.stdout.write(`${VERSION}\n`)
    return 0
  }
  const run = COMMANDS[command]
  try {
    if (!run) {
      const nearest = nearestFlag(command, Object.keys(COMMANDS))
      throw new UsageError(
        `unknown command "${logText(command, 60)}"; ${nearest === undefined ? '' : `did you mean ${nearest}? `}the commands are check, action-codes, submit, validate and wamo`
      )
    }
    return await run(rest, io)
  } catch (error) {
    if (error instanceof UsageError) {
      const topic = error.command ?? (run ? command : undefined)
      const help = topic ? `${CLI_NAME} ${topic} --help` : `${CLI_NAME} --help`
      // One line per mistake, each made inert on its own (a line break inside one would print as ⏎).
      for (const line of error.lines) io.stderr.write(`${CLI_NAME}: ${logText(line, 500)}\n`)
      io.stderr.write(`See "${help}".\n`)
      return EXIT_USAGE
    }
    io.stderr.write(
      `${CLI_NAME}: unexpected failure: ${logText(error instanceof Error ? error.message : String(error), 500)}\n`
    )
    return EXIT_FAILED
  }
}

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  stdin: () => process.stdin
}).then((code) => {
  // exitCode rather than exit(): a piped stdout is flushed before the process ends.
  process.exitCode = code
  // Interrupted, everything is said; but a connection still being made (a host that never answers the TCP
  // handshake, or a proxy's) would hold the process until its connect timeout, the request timeout: undici
  // cannot end a connect in progress. As the actions do, the process ends a moment later.
  if (code === EXIT_INTERRUPTED) exitWhenDone()
})
