// The one place tests make what the check takes and gives: an ID entry as read from an input, and a
// SubmissionResult as the check gives it for a status, with what a test varies on top.
import type { IdEntry } from '../../src/core/id-list.js'
import type { FaultEvent, Status, SubmissionResult } from '../../src/core/submission-result.js'
import type { SubmitSettings } from '../../src/core/submit.js'
import { SUBMIT_INPUT_NAMES } from '../../src/submit/settings.js'
import { EXAMPLE_ACCEPTED } from '../../__fixtures__/mpc-server.mjs'

export interface ResultOptions extends Partial<SubmissionResult> {
  /** Fault events, or just their messages (phase 2, failure codes 5, 6, …); a rejection's message names them. */
  faults?: readonly (string | FaultEvent)[]
}

export function submissionResult(
  id: string,
  status: Status = 'accepted',
  { faults = [], ...overrides }: ResultOptions = {}
): SubmissionResult {
  const fault_events = faults.map((fault, i) =>
    typeof fault === 'string' ? { message: fault, phase: 2, failure_code: 5 + i } : fault
  )
  return {
    submission_id: id,
    status,
    // As the MPC answers: a pending submission is not accepted (yet); the others have no answer.
    accepted: status === 'accepted' ? true : status === 'rejected' || status === 'pending' ? false : null,
    pipeline_entry_time: status === 'accepted' ? EXAMPLE_ACCEPTED.pipeline_entry_time : null,
    fault_events,
    message:
      status === 'rejected' && fault_events.length > 0
        ? `rejected: ${fault_events.map((event) => event.message).join('; ')}`
        : status,
    source: 'input',
    checked_at: null,
    ...overrides
  }
}

/** A well-formed ID given in the submission-ids input. */
export const entry = (id: string): IdEntry => ({ raw: id, id, source: 'input', valid: true })

/**
 * The submit settings a test starts from: `file` in `workspace`, sent to `submitUrl` as a production PSV batch
 * with the acknowledgement fields given and no receipts file, as the submit action's inputs name them.
 */
export const submitSettings = (
  workspace: string,
  submitUrl: string,
  over: Partial<SubmitSettings> = {}
): SubmitSettings => ({
  workspace,
  file: 'out/tonight.psv',
  format: 'auto',
  ack: 'tonight',
  ac2: 'astrometry@example.org',
  objType: '',
  given: { ack: true, ac2: true, objType: false },
  test: false,
  receiptsFile: '',
  allowResubmit: false,
  submitUrl,
  names: SUBMIT_INPUT_NAMES,
  ...over
})
