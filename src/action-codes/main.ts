import * as runner from '../runner/toolkit.js'
import {
  decideActionCodesVerdict,
  requestActionCodes,
  splitLabels,
  type ActionCodeResult
} from '../core/action-codes.js'
import { abortOnCancel, createClient, emitAnnotations, setOutputs, writeJobSummary } from '../action-io.js'
import {
  actionCodeAnnotations,
  actionCodeStatusLabel,
  buildActionCodesOutputs,
  renderActionCodesSummary,
  WHERE_THE_CODES_GO
} from '../report/action-codes-summary.js'
import { annotationText, logText } from '../report/escape.js'
import { readActionCodesSettings, type ActionCodesSettings } from './settings.js'

function logResult(result: ActionCodeResult): void {
  const format = result.format ? ` (${result.format})` : ''
  runner.info(
    `${actionCodeStatusLabel(result.status)}  ${logText(result.label, 200)}${format}  ${logText(result.message)}`
  )
}

/** The action-codes action: settings → one request per distinct label → reporters → the step's verdict. */
export async function run(): Promise<void> {
  let settings: ActionCodesSettings
  try {
    settings = readActionCodesSettings()
  } catch (error) {
    runner.setFailed((error as Error).message)
    return
  }
  const controller = new AbortController()
  const removeHandlers = abortOnCancel(controller)
  const client = createClient(settings)
  try {
    const labels = splitLabels(settings.labels)
    runner.info(`Requesting action codes for ${new Set(labels).size} label(s) at ${settings.apiUrl}`)
    const { results, cancelled } = await requestActionCodes(labels, client, {
      signal: controller.signal,
      onResult: logResult
    })
    const verdict = decideActionCodesVerdict(results)
    emitAnnotations(actionCodeAnnotations(results))
    setOutputs(buildActionCodesOutputs(results, verdict))
    await writeJobSummary(renderActionCodesSummary({ results, verdict, cancelled }))
    if (verdict.requested > 0) runner.info(WHERE_THE_CODES_GO.replace(/\[([^\]]+)\]\(([^)]+)\)/, '$1 ($2)'))
    if (cancelled) {
      runner.setFailed(annotationText(`Cancelled before every label was answered. ${verdict.message}`.trim()))
    } else if (verdict.failed) {
      runner.setFailed(annotationText(verdict.message))
    } else {
      runner.info(`✅ Passed: action codes requested for ${verdict.requested} label(s).`)
    }
  } finally {
    removeHandlers()
    await client.close()
  }
}
