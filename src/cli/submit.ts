import { FORMAT_NAMES, parseFormatChoice } from '../core/batch.js'
import { abortOnSignals } from '../core/cancel.js'
import { createSubmitClients } from '../core/client.js'
import { parseNearDuplicateMode, type NearDuplicateMode } from '../core/cnd.js'
import { nearDuplicateCheck } from '../core/near-duplicates-step.js'
import { DEFAULT_API_URL, DEFAULT_SUBMIT_URL, SUBMIT_DEFAULTS } from '../core/defaults.js'
import { isMpcHost, parseApiUrl, parseRequestTimeout } from '../core/setting-values.js'
import {
  decideSubmitVerdict,
  defaultAck,
  submitBatch,
  type SettingNames,
  type SubmitRun,
  type SubmitSettings,
  type SubmitVerdict
} from '../core/submit.js'
import { jsonText, logText } from '../report/escape.js'
import { buildSubmitOutputs, replyOf, submitHeadline, submissionIdOf } from '../report/submit-summary.js'
import { USER_AGENT } from '../version.js'
import {
  CLI_NAME,
  EXIT_FAILED,
  EXIT_INTERRUPTED,
  FlagProblems,
  operatorBase,
  readCommandLine,
  type Io
} from './common.js'
import { painter, useColour, type Paint } from './terminal.js'

export const SUBMIT_HELP = `Usage: ${CLI_NAME} submit FILE --ac2 ADDR [options]

Submits an observation batch (ADES PSV, ADES XML or MPC1992) to the Minor Planet Center, the same way
the submit action does: to the MPC's test endpoint, which checks it and never processes it, unless
--production is given.

Before anything is sent, FILE must be a non-empty UTF-8 text file of at most 64 MiB (a relative
path inside the current folder must stay inside it, symlinks included) and pass the checks of its
format (a PSV batch starts with "# version=" and each data row has as many "|" fields as its header
row; XML is well-formed with an <ades> root; MPC1992 lines are 80 columns and the header has an AC2
line). The batch is sent once: a request that was written is
never repeated, whatever happens after; only a failure before sending, or a 429, is retried.

Options:
      --ac2 ADDR             e-mail address for acknowledgements; required for PSV and XML (an
                             MPC1992 batch carries its own AC2 line, and ack, ac2 and obj-type are
                             not sent for it)
      --ack TEXT             acknowledgement message (default: on a GitHub runner the repository,
                             workflow and run number, elsewhere the file's name); never holding
                             "Submission ID is", "[", "]" or a line break
      --obj-type T           passed through as obj_type, e.g. NEO
      --format F             auto, psv, xml or obs80 (default ${SUBMIT_DEFAULTS.format}: from the file name's ending,
                             confirmed by the content)
      --production           submit the observations for real (default: the test endpoint)
      --receipts FILE        append a receipt line to FILE (an ID file for the check command; a test
                             receipt is a comment there; the same path rule as FILE); content it
                             holds as a production submission is refused. A production request that
                             was sent without an answer is recorded there as possibly submitted,
                             and refused again too
      --allow-resubmit       submit content that --receipts holds as a production submission (or as
                             possibly submitted) again
      --submit-url URL       base URL of the submission endpoints (default ${DEFAULT_SUBMIT_URL});
                             https on the MPC's own hosts
      --near-duplicates M    before a --production submission, ask the MPC's near-duplicate check:
                             warn (default: a warning per near-duplicate; sent anyway), refuse
                             (nothing sent on a near-duplicate or a failed check) or off
      --api-url URL          the data API for that check (default ${DEFAULT_API_URL}, or
                             --submit-url when that is not the MPC's)
      --request-timeout SEC  the request, from connecting to the last byte, at most 10m
                             (default ${SUBMIT_DEFAULTS['request-timeout']})
      --json                 print the action's outputs (submission-id, test, sha256, observations,
                             reply) as one JSON object instead of the report
      --verbose              log each retry to stderr
  -h, --help                 show this help

Exit status: 0 when the MPC gave the batch a submission ID (and its receipt, if asked for, was
written); 1 when it did not, or when it is unknown whether it took the batch; 2 for a mistake on the
command line (nothing is sent); 130 when interrupted.

Examples:
  ${CLI_NAME} submit out/tonight.psv --ac2 astrometry@example.org
  ${CLI_NAME} submit out/tonight.psv --ac2 astrometry@example.org --production --receipts mpc/receipts.txt
  ${CLI_NAME} check --file mpc/receipts.txt --wait 15m
`

const OPTIONS = {
  ac2: { type: 'string' },
  ack: { type: 'string' },
  'obj-type': { type: 'string' },
  format: { type: 'string' },
  production: { type: 'boolean' },
  receipts: { type: 'string' },
  'allow-resubmit': { type: 'boolean' },
  'submit-url': { type: 'string' },
  'near-duplicates': { type: 'string' },
  'api-url': { type: 'string' },
  'request-timeout': { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

export const SUBMIT_FLAG_NAMES: SettingNames = {
  file: 'FILE',
  format: '--format',
  ack: '--ack',
  ac2: '--ac2',
  objType: '--obj-type',
  receipts: '--receipts',
  allowResubmit: '--allow-resubmit',
  production: '--production'
}

/** The report: what was sent where, problems and notices, the reply, then the verdict. */
export function renderSubmitReport(run: SubmitRun, verdict: SubmitVerdict, paint: Paint): string {
  const rows: [string, string][] = [
    ['File', logText(run.file, 200)],
    ['Format', run.format ? FORMAT_NAMES[run.format] : '—'],
    ['Observations', run.observations === undefined ? '—' : String(run.observations)],
    ['SHA-256', run.sha256 ?? '—'],
    ['Endpoint', run.endpoint ? logText(run.endpoint, 200) : '— (nothing was sent)'],
    ['Submission ID', submissionIdOf(run) || '—']
  ]
  if (run.receipt) {
    const { file, written, error } = run.receipt
    const appended = `appended to ${logText(file, 200)}${run.receipt.possibly ? ' (as possibly submitted)' : ''}`
    rows.push(['Receipt', written ? appended : `not written: ${logText(error ?? '', 200)}`])
  }
  const width = Math.max(...rows.map(([name]) => name.length))
  const lines = [...rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`), '']
  for (const refusal of run.refusals) lines.push(paint(`✗ ${logText(refusal.message, 1000)}`, 'red'))
  for (const notice of run.notices) lines.push(`ℹ️ ${logText(notice.message, 1000)}`)
  const reply = replyOf(run)
  if (reply !== '') lines.push(`The MPC's reply: ${logText(reply, 2000)}`)
  const closing = `${submitHeadline(run, verdict)}: ${logText(verdict.detail, 3000)}`
  lines.push(paint(closing, verdict.failed ? 'red' : run.test ? 'yellow' : 'green'))
  return `${lines.join('\n')}\n`
}

/**
 * The action's outputs with their JSON types: a step output is always a string ("true", "3"), but a JSON
 * reader expects `test` to be a boolean and `observations` a number (null when the batch was not counted).
 */
export function submitJson(run: SubmitRun): Record<string, string | number | boolean | null> {
  return { ...buildSubmitOutputs(run), test: run.test, observations: run.observations ?? null }
}

function readFlags(
  args: string[],
  io: Io
):
  | {
      settings: SubmitSettings
      requestTimeoutMs: number
      json: boolean
      verbose: boolean
      apiUrl: string
      nearDuplicates: NearDuplicateMode
    }
  | undefined {
  const usage = new FlagProblems('submit')
  const { values, positionals } = readCommandLine(usage, args, OPTIONS)
  if (values.help) {
    io.stdout.write(SUBMIT_HELP)
    return undefined
  }
  if (positionals.length !== 1) {
    usage.add(positionals.length === 0 ? 'give the batch FILE to submit' : 'give one batch FILE at a time')
  }
  const format = usage.value(() => parseFormatChoice(values.format ?? SUBMIT_DEFAULTS.format, '--format'), 'auto')
  const submitUrl = usage.value(
    () => parseApiUrl(values['submit-url'] ?? DEFAULT_SUBMIT_URL, '--submit-url', DEFAULT_SUBMIT_URL),
    DEFAULT_SUBMIT_URL
  )
  const requestTimeoutMs = usage.value(
    () => parseRequestTimeout(values['request-timeout'] ?? SUBMIT_DEFAULTS['request-timeout'], '--request-timeout'),
    0
  )
  const nearDuplicates = usage.value(
    () => parseNearDuplicateMode(values['near-duplicates'] ?? SUBMIT_DEFAULTS['near-duplicates'], '--near-duplicates'),
    'off'
  )
  // The near-duplicate check asks the data API: the MPC's, or a stand-in's or mirror's at --submit-url.
  const given = values['api-url']
  const apiUrl = usage.value(
    () => (given !== undefined ? parseApiUrl(given, '--api-url') : isMpcHost(submitUrl) ? DEFAULT_API_URL : submitUrl),
    DEFAULT_API_URL
  )
  usage.check()
  const file = positionals[0] as string
  const { ack, ac2, 'obj-type': objType } = values
  return {
    settings: {
      workspace: operatorBase(io),
      file,
      format,
      ack: ack ?? defaultAck(io.env, file),
      ac2: ac2 ?? '',
      objType: objType ?? '',
      given: { ack: ack !== undefined, ac2: ac2 !== undefined, objType: objType !== undefined },
      test: !values.production,
      receiptsFile: values.receipts ?? '',
      allowResubmit: values['allow-resubmit'] ?? false,
      submitUrl,
      names: SUBMIT_FLAG_NAMES
    },
    requestTimeoutMs,
    json: values.json ?? false,
    verbose: values.verbose ?? false,
    nearDuplicates,
    apiUrl
  }
}

export async function runSubmit(args: string[], io: Io): Promise<number> {
  const flags = readFlags(args, io)
  if (flags === undefined) return 0
  const { settings, json } = flags
  const controller = new AbortController()
  const { submit: client, data: dataClient } = createSubmitClients({
    submitUrl: settings.submitUrl,
    apiUrl: flags.apiUrl,
    userAgent: USER_AGENT,
    requestTimeoutMs: flags.requestTimeoutMs,
    env: io.env,
    signal: controller.signal,
    debug: flags.verbose ? (message) => io.stderr.write(`${logText(message)}\n`) : undefined
  })
  const removeHandlers = abortOnSignals(controller, { exitOnSecond: EXIT_INTERRUPTED })
  try {
    const run = await submitBatch(settings, client, {
      signal: controller.signal,
      beforeSending: settings.test
        ? undefined
        : nearDuplicateCheck(dataClient, flags.nearDuplicates, settings.file, '--near-duplicates')
    })
    const verdict = decideSubmitVerdict(run, settings.names)
    if (json) {
      io.stdout.write(`${jsonText(submitJson(run))}\n`)
      const report = renderSubmitReport(run, verdict, painter(useColour(io.stderr, io.env)))
      if (verdict.failed) io.stderr.write(report)
    } else {
      io.stdout.write(renderSubmitReport(run, verdict, painter(useColour(io.stdout, io.env))))
    }
    if (run.cancelled) return EXIT_INTERRUPTED
    return verdict.failed ? EXIT_FAILED : 0
  } finally {
    removeHandlers()
    await client.close()
    await dataClient.close()
  }
}
