import {
  actionCodesLine,
  decideActionCodesVerdict,
  labelProblems,
  requestActionCodes,
  splitLabels,
  type ActionCodeResult
} from '../core/action-codes.js'
import { createMpcClient } from '../core/client.js'
import { beginRun, emitAnnotations, exitWhenDone, log, setOutputs, writeJobSummary } from '../report/runner.js'
import { USER_AGENT } from '../version.js'
import {
  actionCodeAnnotations,
  actionCodeStatusLabel,
  buildActionCodesOutputs,
  renderActionCodesSummary,
  WHERE_THE_CODES_GO
} from '../report/action-codes-summary.js'
import { logText } from '../report/escape.js'
import { readActionCodesSettings } from './settings.js'
import { plural } from '../core/text.js'

function logResult(result: ActionCodeResult): void {
  const format = result.format ? ` (${result.format})` : ''
  log.info(
    `${actionCodeStatusLabel(result.status)}  ${logText(result.label, 200)}${format}  ${logText(result.message)}`
  )
}

/** The action-codes action: settings → one request per distinct label → reporters → the step's verdict. */
export async function run(): Promise<void> {
  const begun = beginRun(readActionCodesSettings)
  if (!begun) return
  const { settings, controller, done: removeHandlers } = begun
  const client = createMpcClient({ ...settings, userAgent: USER_AGENT, signal: controller.signal, debug: log.debug })
  try {
    const labels = splitLabels(settings.labels)
    if (labelProblems(labels, 'labels').length === 0) {
      log.info(`Requesting action codes for ${plural(new Set(labels).size, 'label')} at ${settings.apiUrl}`)
    }
    const { results, problems, cancelled } = await requestActionCodes(labels, client, {
      name: 'labels',
      signal: controller.signal,
      onResult: logResult
    })
    const verdict = decideActionCodesVerdict(results, problems)
    emitAnnotations(actionCodeAnnotations(results))
    setOutputs(buildActionCodesOutputs(results, verdict))
    await writeJobSummary(renderActionCodesSummary({ results, verdict, cancelled }))
    if (verdict.requested > 0) log.info(WHERE_THE_CODES_GO.replace(/\[([^\]]+)\]\(([^)]+)\)/, '$1 ($2)'))
    // One message with every problem when nothing was sent; the summary and outputs are written first.
    const closing = actionCodesLine(verdict, cancelled)
    if (cancelled || verdict.failed) log.failed(closing)
    else log.info(closing)
  } finally {
    removeHandlers()
    await client.close()
    exitWhenDone()
  }
}
