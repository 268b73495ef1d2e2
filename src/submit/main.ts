import { FORMAT_NAMES } from '../core/batch.js'
import { abortOnSignals } from '../core/cancel.js'
import { createSubmitClients } from '../core/client.js'
import { nearDuplicateCheck } from '../core/near-duplicates-step.js'
import { decideSubmitVerdict, submitBatch, type SubmitRun } from '../core/submit.js'
import { emitAnnotations, exitWhenDone, log, setOutputs, writeJobSummary } from '../report/runner.js'
import {
  buildSubmitOutputs,
  renderSubmitSummary,
  replyOf,
  submitAnnotations,
  submitHeadline
} from '../report/submit-summary.js'
import { USER_AGENT } from '../version.js'
import { readSubmitSettings, type SubmitActionSettings } from './settings.js'

function sendingLine(run: Readonly<SubmitRun>): string {
  const what = `${run.file} (${run.format ? FORMAT_NAMES[run.format] : ''}, ${run.observations ?? 0} observations)`
  const mode = run.test ? 'test: the MPC checks it and never processes it' : 'production: observations are submitted'
  return `Sending ${what} to ${run.endpoint ?? ''} (${mode})`
}

/** The submit action: settings → checks → the one request → reporters → the step's verdict. */
export async function run(): Promise<void> {
  let settings: SubmitActionSettings
  try {
    settings = readSubmitSettings()
  } catch (error) {
    log.failed((error as Error).message)
    return
  }
  const controller = new AbortController()
  const removeHandlers = abortOnSignals(controller, {
    onFirst: (signal) => log.info(`Received ${signal}: stopping and reporting what is known so far.`)
  })
  const { submit: client, data: dataClient } = createSubmitClients({
    ...settings,
    userAgent: USER_AGENT,
    signal: controller.signal,
    debug: log.debug
  })
  try {
    log.info(`Checking ${settings.file} before sending anything`)
    const result = await submitBatch(settings, client, {
      signal: controller.signal,
      onSending: (sending) => log.info(sendingLine(sending)),
      // The test endpoint never processes a batch: nothing can be held against it as a duplicate.
      beforeSending: settings.test ? undefined : nearDuplicateCheck(dataClient, settings.nearDuplicates, settings.file)
    })
    const verdict = decideSubmitVerdict(result, settings.names)
    emitAnnotations(submitAnnotations(result))
    setOutputs(buildSubmitOutputs(result))
    await writeJobSummary(renderSubmitSummary(result, verdict))
    const reply = replyOf(result)
    if (reply !== '') log.info(`The MPC's reply: ${reply}`)
    const closing = `${submitHeadline(result, verdict)}: ${verdict.detail}`
    if (verdict.failed) log.failed(closing)
    else log.info(closing)
  } finally {
    removeHandlers()
    await client.close()
    await dataClient.close()
    exitWhenDone()
  }
}
