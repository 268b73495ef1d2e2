import { abortOnSignals } from '../core/cancel.js'
import { askWamo, type ObservationsRun, type Settled } from '../core/observations.js'
import { readWorkspaceText, WorkspaceFileError } from '../core/workspace-file.js'
import type { ObservationRow } from '../core/wamo-answer.js'
import { plural } from '../core/text.js'
import { jsonText, logText } from '../report/escape.js'
import {
  CLI_NAME,
  createCliClient,
  EXIT_FAILED,
  EXIT_INTERRUPTED,
  FlagProblems,
  NETWORK_HELP,
  NETWORK_OPTIONS,
  operatorBase,
  readCommandLine,
  readNetworkFlags,
  UsageError,
  type Io
} from './common.js'
import { painter, renderTable, useColour, type Cell, type Paint } from './terminal.js'

export const WAMO_HELP = `Usage: ${CLI_NAME} wamo [IDENTIFIERS...] [--file PATH]... [options]

Asks the MPC's WAMO ("Where Are My Observations") where observations went: published (with which
designation, in which MPS), accepted and waiting, or in the Isolated Tracklet File (ITF). Prints a
table of every observation, or --json.

IDENTIFIERS, mixed freely, one per argument (quote those with spaces):
  a trkSub and station code        "5T0D452 703"
  an observation ID (obsID)        L4eBVG000000CfiO010000A9a
  a submission ID or block ID      2024-05-02T21:03:35.001_0000FzZw  2024-05-02T21:03:35.001_0000FzZw_01
  an 80-column MPC1992 line        exactly as submitted

Options:
  -f, --file PATH            read identifiers from a file, one per line (blank lines skipped; lines are
                             kept as they are, an 80-column line's spaces included); a UTF-8 text file of
                             at most 16 MiB inside the current folder. With neither IDENTIFIERS nor
                             --file, identifiers are read from standard input the same way.
${NETWORK_HELP}

Identifiers are sent 100 to a request, under the same rate limit as every other request.

Exit status: 0 when WAMO answered (found or not), 1 when it could not be asked (or a file could not be
read), 2 for a mistake on the command line, 130 when interrupted.

Examples:
  ${CLI_NAME} wamo "5T0D452 703"
  ${CLI_NAME} wamo --file submitted.txt --json | jq '.[] | select(.answer == "found") | .observations | length'
`

/** Identifiers one command asks about; the MPC takes about 50,000 per request. */
export const MAX_WAMO_IDENTIFIERS = 50_000
/** An identifier longer than a 160-column line is not one WAMO parses: refused here, not sent. */
const MAX_IDENTIFIER_CHARS = 200
const MAX_INPUT_BYTES = 16 * 1024 * 1024

const WAMO_OPTIONS = {
  ...NETWORK_OPTIONS,
  file: { type: 'string', short: 'f', multiple: true }
} as const

/** What the command prints for one identifier (the `--json` shape). */
export interface WamoLine {
  identifier: string
  answer: 'found' | 'not-found' | 'malformed' | 'error'
  message: string | null
  observations: ObservationRow[]
}

const linesOf = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '')

async function readStdin(stdin: AsyncIterable<string | Buffer>): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    size += buffer.length
    if (size > MAX_INPUT_BYTES) throw new UsageError('standard input is larger than 16 MiB', 'wamo')
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function lineOf(identifier: string, settled: Settled | undefined): WamoLine {
  if (settled === undefined) {
    return { identifier, answer: 'error', message: 'not asked: interrupted', observations: [] }
  }
  if ('error' in settled) return { identifier, answer: 'error', message: settled.error, observations: [] }
  const { answer } = settled
  switch (answer.kind) {
    case 'found':
      return { identifier, answer: 'found', message: null, observations: answer.observations }
    case 'not-found':
      return { identifier, answer: 'not-found', message: null, observations: [] }
    case 'malformed':
      return { identifier, answer: 'malformed', message: answer.message, observations: [] }
    case 'garbage':
      return { identifier, answer: 'error', message: answer.message, observations: [] }
    case 'missing':
      return { identifier, answer: 'error', message: "WAMO's answer did not mention it", observations: [] }
  }
}

const STATUS_WORDS: Record<string, string> = { P: 'published', p: 'waiting', I: 'ITF' }

function tableRows(lines: readonly WamoLine[]): Cell[][] {
  return lines.flatMap((line): Cell[][] => {
    const identifier = { text: logText(line.identifier, 90) }
    if (line.answer !== 'found' || line.observations.length === 0) {
      const word = line.answer === 'found' ? 'no observations' : line.answer === 'not-found' ? 'not found' : line.answer
      const colour = line.answer === 'error' || line.answer === 'malformed' ? ('red' as const) : ('yellow' as const)
      const details = line.message ? logText(line.message, 300) : ''
      return [[identifier, { text: '—' }, { text: word, colour }, { text: '' }, { text: '' }, { text: details }]]
    }
    return line.observations.map((row): Cell[] => {
      const status = row.status ?? '—'
      const word = STATUS_WORDS[status]
      return [
        identifier,
        { text: logText(row.obsid ?? '—', 64) },
        {
          text: logText(word ? `${status} ${word}` : status, 40),
          colour: status === 'P' ? 'green' : status === 'p' ? 'yellow' : undefined
        },
        { text: logText(row.designation ?? '—', 64) },
        { text: logText(row.reference ?? '—', 64) },
        { text: logText(row.submission_block_id ?? '—', 64), colour: 'dim' }
      ]
    })
  })
}

export async function runWamo(args: string[], io: Io): Promise<number> {
  const usage = new FlagProblems('wamo')
  const { values, positionals } = readCommandLine(usage, args, WAMO_OPTIONS)
  if (values.help) {
    io.stdout.write(WAMO_HELP)
    return 0
  }
  const network = readNetworkFlags(values, usage)
  usage.check()
  const controller = new AbortController()
  const client = createCliClient(network, io, controller.signal)
  const removeHandlers = abortOnSignals(controller, { exitOnSecond: EXIT_INTERRUPTED })
  try {
    const identifiers: string[] = [...positionals]
    for (const file of values.file ?? []) {
      try {
        const { text } = await readWorkspaceText(operatorBase(io), file, { maxBytes: MAX_INPUT_BYTES })
        identifiers.push(...linesOf(text))
      } catch (error) {
        if (!(error instanceof WorkspaceFileError)) throw error
        io.stderr.write(`${CLI_NAME}: ${logText(file, 300)} was not read: ${logText(error.reason, 300)}\n`)
        return EXIT_FAILED
      }
    }
    if (positionals.length === 0 && (values.file ?? []).length === 0) {
      if (!io.stdin) throw new UsageError('give identifiers, --file PATH, or identifiers on standard input', 'wamo')
      identifiers.push(...linesOf(await readStdin(io.stdin())))
    }
    const distinct = [...new Set(identifiers)]
    if (distinct.length === 0) throw new UsageError('no identifiers given', 'wamo')
    if (distinct.length > MAX_WAMO_IDENTIFIERS) {
      throw new UsageError(`${distinct.length} identifiers; at most ${MAX_WAMO_IDENTIFIERS} at a time`, 'wamo')
    }
    const tooLong = distinct.filter((id) => id.length > MAX_IDENTIFIER_CHARS)
    const sendable = distinct.filter((id) => id.length <= MAX_IDENTIFIER_CHARS)
    const { answers } = await askWamo(sendable, client, { signal: controller.signal })
    for (const id of tooLong) {
      const message = `not sent: longer than ${MAX_IDENTIFIER_CHARS} characters, so no identifier WAMO parses`
      answers.set(id, { answer: { kind: 'malformed', message }, checkedAt: new Date().toISOString() })
    }
    const lines = distinct.map((id) => lineOf(id, answers.get(id)))
    if (values.json) {
      io.stdout.write(`${jsonText(lines, 2)}\n`)
    } else {
      const paint = painter(useColour(io.stdout, io.env))
      const header = ['Identifier', 'Observation', 'Status', 'Designation', 'Reference', 'Submission block']
      // On a narrow terminal the submission block goes first, then the reference: never the identifier.
      const fit = { columns: io.stdout.columns, droppable: [5, 4] }
      io.stdout.write(`${renderTable(header, tableRows(lines), paint, fit)}\n`)
    }
    if (controller.signal.aborted) return EXIT_INTERRUPTED
    const failed = lines.filter((line) => line.answer === 'error')
    if (failed.length > 0) {
      const [first] = failed
      io.stderr.write(
        `${CLI_NAME}: WAMO could not be asked about ${plural(failed.length, 'identifier')}: ${logText(first?.message ?? '', 300)}\n`
      )
      return EXIT_FAILED
    }
    return 0
  } finally {
    removeHandlers()
    await client.close()
  }
}

/** `check --observations`: one row per accepted submission, then the totals (WAMO's text escaped). */
export function renderObservationsTable(run: ObservationsRun, paint: Paint): string {
  const rows = [...run.bySubmission].map(([id, summary]): Cell[] => {
    const note =
      summary.error !== null
        ? { text: `not followed: ${logText(summary.error, 300)}`, colour: 'red' as const }
        : { text: summary.found ? '' : 'not known to WAMO yet', colour: 'yellow' as const }
    return [
      { text: id },
      { text: String(summary.total) },
      { text: String(summary.published), colour: summary.published > 0 ? ('green' as const) : undefined },
      { text: String(summary.waiting) },
      { text: String(summary.itf) },
      { text: String(summary.other) },
      { text: logText(summary.designations.join(', '), 200) || '—' },
      { text: logText(summary.references.join(', '), 200) || '—' },
      note
    ]
  })
  const header = [
    'Submission',
    'Observations',
    'Published',
    'Waiting',
    'ITF',
    'Other',
    'Designations',
    'References',
    ''
  ]
  const { totals } = run
  const total = `Where the observations went: ${totals.total} in all, ${totals.published} published, ${totals.waiting} waiting, ${totals.itf} in the ITF, ${totals.other} other, of ${plural(totals.submissions, 'accepted submission')}.`
  return `${rows.length > 0 ? `${renderTable(header, rows, paint)}\n\n` : ''}${total}\n`
}
