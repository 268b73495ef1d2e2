import { createHash } from 'node:crypto'
import path from 'node:path'
import { checkBatch, MAX_BATCH_BYTES, type BatchFormat, type FormatChoice } from './batch.js'
import { submitProblems } from './batches/validate.js'
import type { MpcClient } from './client.js'
import {
  appendReceipt,
  MAX_RECEIPTS_BYTES,
  RECEIPT_ROOM_BYTES,
  readReceipts,
  receiptLine,
  type Receipt,
  type ReceiptsFile
} from './receipts.js'
import { withoutUnsafeAckText } from './reply-sentence.js'
import { checkFields, submitForm, submitPath, type FieldNames, type SubmitFinding } from './submit-request.js'
import { readWorkspaceText, WorkspaceFileError, writeWorkspaceFile, type FileBase } from './workspace-file.js'

// Submitting one batch, for the submit action and the command line alike: every check before anything is
// sent, the request (never sent twice), and the receipt. Plain options in, plain data out.

/** How the user names each setting in messages: the action's inputs or the command line's flags. */
export interface SettingNames extends FieldNames {
  file: string
  format: string
  receipts: string
  /** How to say "allow a resubmission", e.g. `allow-resubmit: true`. */
  allowResubmit: string
  /** How to say "submit for real", e.g. `test: false`. */
  production: string
}

export interface SubmitSettings {
  /** The actions' workspace, where files are read and written only inside it, or the command line's base. */
  workspace: FileBase
  /** The batch, relative to the workspace, as the user gave it. */
  file: string
  format: FormatChoice
  ack: string
  ac2: string
  objType: string
  /** Which of ack, ac2 and obj-type the user gave (an MPC1992 batch sends none; the user is told). */
  given: { ack: boolean; ac2: boolean; objType: boolean }
  /** true: the `_test` endpoint, which checks the batch and never processes it. */
  test: boolean
  /** '' for none. */
  receiptsFile: string
  allowResubmit: boolean
  /** The base URL, checked (no credentials, query or fragment); the endpoint path is appended. */
  submitUrl: string
  names: SettingNames
}

/** Something to show the user, with where it points when it is at a line of a file. */
export interface SubmitNote {
  title: string
  message: string
  /** Relative to the workspace, `/` separators, for an annotation. */
  file?: string
  line?: number
  /** A notice that deserves a warning annotation (a near-duplicate). */
  warning?: boolean
}

export interface SubmitRun {
  file: string
  test: boolean
  format?: BatchFormat
  observations?: number
  sha256?: string
  /** The URL the batch was (or would have been) sent to. */
  endpoint?: string
  /** Why nothing was sent; empty when the batch passed every check. */
  refusals: SubmitNote[]
  notices: SubmitNote[]
  /** What the MPC said; absent when nothing was sent. */
  finding?: SubmitFinding
  /** `possibly`: a production batch recorded as possibly submitted (no ID: the outcome is unknown). */
  receipt?: { file: string; line: string; written: boolean; error?: string; possibly?: boolean }
  cancelled: boolean
}

export interface SubmitHooks {
  signal?: AbortSignal
  now?: () => Date
  /** Called just before the request is made, with what is known by then (format, count, endpoint ...). */
  onSending?: (run: Readonly<SubmitRun>) => void
  /** A last check of a batch that passed the others (the near-duplicate check): a refusal sends nothing. */
  beforeSending?: (
    batch: { text: string; format: BatchFormat },
    signal?: AbortSignal
  ) => Promise<{ refusals: SubmitNote[]; notices: SubmitNote[] }>
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

/**
 * The acknowledgement message when none is given: the repository, workflow and run number on a runner,
 * else the batch's file name. Never a `#`: a reply appended to an ID file would hide its ID behind it. Never
 * what the ack check refuses (a workflow's name is anyone's to choose): "Submission ID is" loses its spaces,
 * brackets become parentheses, line breaks spaces.
 */
export function defaultAck(env: NodeJS.ProcessEnv, file: string): string {
  const { GITHUB_REPOSITORY: repository, GITHUB_WORKFLOW: workflow, GITHUB_RUN_NUMBER: runNumber } = env
  const parts = repository ? [repository, workflow, runNumber ? `run ${runNumber}` : undefined] : [path.basename(file)]
  const text = parts
    .filter((part): part is string => part !== undefined && part.trim() !== '')
    .join(' ')
    .replace(/[#\s\u0085]+/g, ' ')
  return withoutUnsafeAckText(text).trim()
}

const refusal = (message: string, where: { file?: string; line?: number } = {}): SubmitNote => ({
  title: 'Not submitted',
  message,
  ...where
})

/** The MPC's "Where Are My Observations" service, which finds observations by trkSub and station, or line. */
export const WAMO_URL = 'https://data.minorplanetcenter.net/api/wamo'

/** How the user learns what became of a batch that may have been taken. */
function whereToLook(settings: SubmitSettings, format: BatchFormat | undefined): string {
  const address = format === 'obs80' ? "the AC2 address in the batch's header" : settings.ac2 || 'the ac2 address'
  return (
    `If it did, its acknowledgement e-mail to ${address} gives the submission ID; check that ID with the ` +
    'Submission Status API (the status action of this repository). WAMO, the MPC\'s "Where Are My Observations" ' +
    `(${WAMO_URL}, or its page on minorplanetcenter.net), finds the batch's observations by trkSub and station ` +
    'code (MPC1992: by observation line) once the MPC has them.'
  )
}

const howToFindOut = (settings: SubmitSettings, format: BatchFormat): string =>
  `Not repeated: the MPC may have taken the batch. ${whereToLook(settings, format)} Submit it again only once you know it was not taken.`

/** Reads the batch and runs its format's checks and the fields' into `run`; the text and format when known. */
async function checkBatchFile(
  settings: SubmitSettings,
  run: SubmitRun,
  signal: AbortSignal | undefined
): Promise<{ text?: string; format?: BatchFormat }> {
  const { names } = settings
  let read: { text: string; relative: string } | undefined
  try {
    read = await readWorkspaceText(settings.workspace, settings.file, { maxBytes: MAX_BATCH_BYTES, signal })
  } catch (error) {
    if (!(error instanceof WorkspaceFileError)) throw error
    run.refusals.push(refusal(`Cannot read ${names.file} ${settings.file}: ${error.reason}`))
  }
  let format = settings.format === 'auto' ? undefined : settings.format
  if (read !== undefined) {
    run.sha256 = sha256(read.text)
    const check = checkBatch(read.text, settings.file, settings.format, names.format)
    format = run.format = check.format
    run.observations = check.observations
    for (const { message, line } of check.problems) {
      const where = line === undefined ? { file: read.relative } : { file: read.relative, line }
      run.refusals.push(refusal(`${settings.file}${line === undefined ? '' : ` line ${line}`}: ${message}`, where))
    }
    // The ADES and MPC1992 rules (the validate action's) once the outline holds: a problem sends nothing.
    const rules =
      check.format && check.problems.length === 0 ? submitProblems(read.text, settings.file, check.format) : undefined
    for (const { message, line } of rules?.errors ?? [])
      run.refusals.push(refusal(message, { file: read.relative, line }))
    for (const { message, line } of rules?.notices ?? [])
      run.notices.push({ title: 'Batch notice', message, file: read.relative, line })
  }
  for (const problem of checkFields(format, settings, names)) run.refusals.push(refusal(problem))
  if (format === 'obs80') {
    const given = (['ack', 'ac2', 'objType'] as const).filter((field) => settings.given[field])
    if (given.length > 0) {
      run.notices.push({
        title: 'Not sent for MPC1992',
        message: `${given.map((field) => names[field]).join(', ')}: not sent: an MPC1992 batch is sent as its source only, and its header's ACK and AC2 lines take their place`
      })
    }
  }
  return { text: read?.text, format }
}

/** The receipt that holds `sha256` back: a submission with an ID before a possibly submitted one. */
function earlierReceipt(receipts: readonly Receipt[], sha256: string | undefined): Receipt | undefined {
  const same = receipts.filter((receipt) => receipt.sha256 === sha256)
  return same.find((receipt) => receipt.submissionId !== undefined) ?? same[0]
}

/** Reads the receipts file and applies the duplicate guard (production only) into `run`. */
async function checkReceipts(
  settings: SubmitSettings,
  run: SubmitRun,
  signal: AbortSignal | undefined
): Promise<ReceiptsFile | undefined> {
  const { names } = settings
  let receipts: ReceiptsFile
  try {
    receipts = await readReceipts(settings.workspace, settings.receiptsFile, signal)
  } catch (error) {
    if (!(error instanceof WorkspaceFileError)) throw error
    run.refusals.push(refusal(`Cannot read ${names.receipts} ${settings.receiptsFile}: ${error.reason}`))
    return undefined
  }
  const bytes = Buffer.byteLength(receipts.text, 'utf8')
  if (bytes + RECEIPT_ROOM_BYTES > MAX_RECEIPTS_BYTES) {
    run.refusals.push(
      refusal(
        `${names.receipts} ${settings.receiptsFile} holds ${bytes} bytes, too near the ${MAX_RECEIPTS_BYTES / 1024 / 1024} MiB it may hold: this submission's receipt could take it past that, and no later run (nor the status gate) could read it. Move older receipts to another file, then submit again`
      )
    )
    return undefined
  }
  const earlier = settings.test ? undefined : earlierReceipt(receipts.receipts, run.sha256)
  if (earlier) {
    const when = earlier.date ? ` on ${earlier.date}` : ''
    const at = `(${settings.receiptsFile} line ${earlier.line})`
    const where = { file: receipts.relative, line: earlier.line }
    const said =
      earlier.submissionId === undefined
        ? `This content (sha256 ${run.sha256}) was possibly submitted to the MPC${when} ${at}: the request was sent, and no answer said whether the MPC took it`
        : `This content (sha256 ${run.sha256}) was already submitted to the MPC as ${earlier.submissionId}${when} ${at}`
    if (settings.allowResubmit) {
      run.notices.push({
        title: 'Submitted again',
        message: `${said}; submitting it again, as ${names.allowResubmit} asks`,
        ...where
      })
    } else if (earlier.submissionId === undefined) {
      run.refusals.push({
        title: 'Possibly submitted',
        message: `${said}. Not sent again: if the MPC took it, it rejects a second copy as an exact duplicate. ${whereToLook(settings, run.format)} Once you know it was not taken, set ${names.allowResubmit} to submit it.`,
        ...where
      })
    } else {
      run.refusals.push({
        title: 'Already submitted',
        message: `${said}. Not sent again: the MPC rejects an exact duplicate. Set ${names.allowResubmit} to submit it anyway.`,
        ...where
      })
    }
  }
  return receipts
}

/**
 * Checks the batch, the fields and the receipts file; sends the batch when nothing is wrong; appends the
 * receipt. Never throws for the user's or the network's sake: everything is in the returned run.
 */
export async function submitBatch(
  settings: SubmitSettings,
  client: MpcClient,
  hooks: SubmitHooks = {}
): Promise<SubmitRun> {
  const { signal } = hooks
  const { names } = settings
  const run: SubmitRun = { file: settings.file, test: settings.test, refusals: [], notices: [], cancelled: false }
  const { text, format } = await checkBatchFile(settings, run, signal)
  const receipts = settings.receiptsFile === '' ? undefined : await checkReceipts(settings, run, signal)

  if (signal?.aborted) run.cancelled = true
  if (run.refusals.length > 0 || run.cancelled || text === undefined || format === undefined) return run
  if (hooks.beforeSending) {
    const found = await hooks.beforeSending({ text, format }, signal)
    run.notices.push(...found.notices)
    run.refusals.push(...found.refusals)
    if (run.refusals.length > 0) return run
  }

  if (receipts) {
    // Written back unchanged (or created empty) before anything is sent: a receipts file that cannot be
    // written (a symlink, a folder leading elsewhere) is found now, not after the MPC has the batch.
    try {
      await writeWorkspaceFile(settings.workspace, settings.receiptsFile, receipts.text)
    } catch (error) {
      if (!(error instanceof WorkspaceFileError)) throw error
      run.refusals.push(refusal(`Cannot write ${names.receipts} ${settings.receiptsFile}: ${error.reason}`))
      return run
    }
  }

  const endpointPath = submitPath(format, settings.test)
  run.endpoint = `${settings.submitUrl}${endpointPath}`
  hooks.onSending?.(run)
  const finding = await client.submit(endpointPath, submitForm(format, settings, text), { signal })
  if (finding.status === 'unknown') finding.message = `${finding.message}. ${howToFindOut(settings, format)}`
  run.finding = finding
  run.cancelled = signal?.aborted ?? false

  // A receipt for a batch with an ID; and for a production batch whose outcome is unknown, a possibly-submitted
  // line, so that the next run's duplicate guard holds the same content back. A test batch of unknown outcome
  // gets none: the test endpoint never processes a batch, so sending it again harms nothing.
  const possibly = finding.status === 'unknown' && !settings.test
  if ((finding.status === 'submitted' || possibly) && settings.receiptsFile !== '') {
    const line = receiptLine({
      date: hooks.now?.() ?? new Date(),
      test: settings.test,
      format,
      observations: run.observations ?? 0,
      sha256: run.sha256 as string,
      ...(finding.status === 'submitted' ? { submissionId: finding.submissionId } : {}),
      file: settings.file
    })
    run.receipt = { file: settings.receiptsFile, line, written: false, ...(possibly ? { possibly } : {}) }
    try {
      await appendReceipt(settings.workspace, settings.receiptsFile, line)
      run.receipt.written = true
    } catch (error) {
      run.receipt.error = error instanceof WorkspaceFileError ? error.reason : (error as Error).message
    }
  }
  return run
}

export interface SubmitVerdict {
  failed: boolean
  /** What happened, in a few words: "Submitted", "Not submitted", "Unknown whether the MPC took the batch". */
  headline: string
  /** The rest: the submission ID, or why it failed and what to do. */
  detail: string
  /** `headline: detail`, the step's failure message or its closing line. */
  message: string
}

function verdict(failed: boolean, headline: string, detail: string): SubmitVerdict {
  return { failed, headline, detail, message: `${headline}: ${detail}` }
}

/** What became of the possibly-submitted line, for the verdict's detail. */
function possiblyRecorded(run: SubmitRun, names: SettingNames): string {
  const { receipt } = run
  if (run.test) return ''
  if (receipt === undefined) {
    return ` Without ${names.receipts}, nothing will hold this content back from being sent again.`
  }
  if (receipt.written) {
    return ` Recorded as possibly submitted in ${receipt.file}: the duplicate guard refuses this content until ${names.allowResubmit} is set.`
  }
  return ` It could not be recorded as possibly submitted in ${receipt.file} (${receipt.error ?? 'unknown error'}), so the duplicate guard does not know it: add this line by hand: ${receipt.line}`
}

/** The step passes when the MPC gave the batch a submission ID and its receipt, if asked for, was written. */
export function decideSubmitVerdict(run: SubmitRun, names: SettingNames): SubmitVerdict {
  const { finding } = run
  if (finding === undefined && run.cancelled) {
    return verdict(true, 'Not submitted', 'cancelled before sending; nothing was sent.')
  }
  if (run.refusals.length > 0 || finding === undefined) {
    const count = run.refusals.length
    const first = run.refusals[0]?.message ?? ''
    return verdict(
      true,
      'Not submitted',
      `${count} problem${count === 1 ? '' : 's'} found before sending; nothing was sent. ${first}`.trim()
    )
  }
  switch (finding.status) {
    case 'submitted': {
      const mode = run.test ? 'the test endpoint: checked, never processed' : 'production'
      const submitted = `Submission ID is ${finding.submissionId}, for ${run.file} (${mode}).`
      if (run.receipt && !run.receipt.written) {
        return verdict(
          true,
          'Submitted, but the receipt was not written',
          `${submitted} Its receipt could not be added to ${run.receipt.file} (${run.receipt.error ?? 'unknown error'}), so the duplicate guard does not know it: add this line by hand: ${run.receipt.line}`
        )
      }
      if (run.test) {
        return verdict(
          false,
          'Checked by the MPC (test submission)',
          `${submitted} Set ${names.production} to submit it for real.`
        )
      }
      return verdict(false, 'Submitted', submitted)
    }
    case 'refused':
      return verdict(true, 'Not submitted', `${finding.message}.`)
    case 'unknown':
      return verdict(
        true,
        'Unknown whether the MPC took the batch',
        `${finding.message}${possiblyRecorded(run, names)}`
      )
    case 'not-sent':
      return verdict(true, 'Not submitted', `${finding.message}; the MPC did not take the batch.`)
  }
}
