import type { BatchFormat } from './batch.js'
import { obs80Entries } from './batches/obs80-entries.js'
import type { MpcClient } from './client.js'
import { checkNearDuplicates, decideNearDuplicates, type NearDuplicateMode } from './cnd.js'
import type { SubmitNote } from './submit.js'

// The near-duplicate check as the submit step's last check before sending (SubmitHooks.beforeSending): the
// batch's observations as 80-column lines, asked of the CND API on the data API's host, and what `mode` makes
// of the answer. Under warn a near-duplicate or a failure is a warning and the batch is still sent.

export function nearDuplicateCheck(
  client: MpcClient,
  mode: NearDuplicateMode,
  file: string,
  settingName = 'near-duplicates'
): (
  batch: { text: string; format: BatchFormat },
  signal?: AbortSignal
) => Promise<{ refusals: SubmitNote[]; notices: SubmitNote[] }> {
  return async ({ text, format }, signal) => {
    if (mode === 'off') return { refusals: [], notices: [] }
    const { entries, unconverted } = obs80Entries(text, file, format)
    const notices: SubmitNote[] = []
    if (unconverted > 0) {
      notices.push({
        title: 'Near-duplicates',
        message: `${unconverted} observations have no 80-column form (offsets, occultations, radar, roving or space-based stations) and were not checked for near-duplicates`
      })
    }
    if (entries.length === 0) return { refusals: [], notices }
    const check = await checkNearDuplicates(client, entries, { signal })
    const decision = decideNearDuplicates(mode, check)
    const at = (message: string): { file: string; line?: number } => {
      const line = /^line (\d+) /.exec(message)?.[1]
      return line === undefined ? { file } : { file, line: Number(line) }
    }
    const refusals = decision.refusals.map((message) => ({
      title: 'Not submitted: near-duplicate',
      message: `${message} (${settingName}: refuse)`,
      ...at(message)
    }))
    for (const message of decision.warnings) {
      notices.push({ title: 'Near-duplicate', message, warning: true, ...at(message) })
    }
    return { refusals, notices }
  }
}
