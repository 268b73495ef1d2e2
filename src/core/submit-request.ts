import { FORMAT_NAMES, type BatchFormat } from './batch.js'
import { classifySubmissionId } from './ids.js'
import { ackRefusal, lastSentenceToken, unsafeInAck } from './reply-sentence.js'
import { cutChars } from './text.js'

// The MPC's submission request, as its documentation gives it:
//   curl https://minorplanetcenter.net/submit_psv -F "ack=..." -F "ac2=..." -F "obj_type=NEO" -F "source=<myobs.psv"
// a multipart/form-data POST whose `source` field holds the batch's content as a plain value (no filename).

const ENDPOINTS: Record<BatchFormat, string> = { psv: '/submit_psv', xml: '/submit_xml', obs80: '/submit_obs' }

/** The endpoint path: `_test` checks a batch and never passes it on for processing. */
export const submitPath = (format: BatchFormat, test: boolean): string => `${ENDPOINTS[format]}${test ? '_test' : ''}`

export interface SubmitFields {
  ack: string
  ac2: string
  /** Passed through as `obj_type` when not empty; the MPC publishes no closed list, so it is not checked. */
  objType: string
}

/** How the user names each field: the action's inputs or the command line's flags. */
export interface FieldNames {
  ack: string
  ac2: string
  objType: string
}

/** One form field; `verbatim`: its bytes must reach the server unchanged, line breaks included. */
export interface FormField {
  name: string
  value: string
  verbatim?: boolean
}

/**
 * The form, in the documented call's order. MPC1992 sends `source` only: its header carries ACK and AC2.
 * `source` is the batch as it is, as curl's `-F "source=<file"` sends it: verbatim.
 */
export function submitForm(format: BatchFormat, fields: SubmitFields, source: string): FormField[] {
  const batch = { name: 'source', value: source, verbatim: true }
  if (format === 'obs80') return [batch]
  return [
    { name: 'ack', value: fields.ack },
    { name: 'ac2', value: fields.ac2 },
    ...(fields.objType === '' ? [] : [{ name: 'obj_type', value: fields.objType }]),
    batch
  ]
}

/**
 * Mistakes in the fields that would waste a submission, as sentences naming the field: for PSV and XML,
 * `ack` and `ac2` are required (the MPC answers 400 without an ack), and no field may hold a line break
 * (a form value cannot carry one unchanged). The ack, which the MPC repeats before its own "Submission ID is
 * <ID>", may hold neither that phrase nor a bracket (see reply-sentence.ts). With the format unknown, only
 * what a field holds is checked, not whether it is empty.
 */
export function checkFields(format: BatchFormat | undefined, fields: SubmitFields, names: FieldNames): string[] {
  if (format === 'obs80') return []
  const problems: string[] = []
  const check = (value: string, name: string, required: string | undefined, ack = false): void => {
    const unsafe = ack ? unsafeInAck(value) : []
    if (unsafe.length > 0) {
      problems.push(`${name}: ${ackRefusal(unsafe)}`)
    } else if (value.trim() === '') {
      if (required !== undefined && format !== undefined) problems.push(`${name}: ${required}`)
    } else if (/[\r\n\u0085\u2028\u2029]/.test(value)) {
      problems.push(`${name}: holds a line break; give it on one line`)
    }
  }
  const kind = format === undefined ? '' : FORMAT_NAMES[format]
  check(fields.ack, names.ack, `empty; the MPC refuses an ${kind} batch without an acknowledgement message`, true)
  check(fields.ac2, names.ac2, `required for an ${kind} batch: the e-mail address the MPC sends its acknowledgement to`)
  check(fields.objType, names.objType, undefined)
  return problems
}

/**
 * What became of a submission:
 * - submitted: a 2xx whose last `Submission ID is <ID>`, the MPC's own closing sentence, names a submission
 *   ID (an earlier one is in the ack, which the submitter chose);
 * - refused: an answer that says the batch was not taken (a 4xx such as the MPC's 400 for a missing ack, or
 *   a redirect, which is not followed);
 * - unknown: the batch may have been taken (written and no answer, a 5xx, a 2xx without an ID, a cancel
 *   after sending): never sent again;
 * - not-sent: it never left (the connection failed before sending, a 429 outlasted the retries, a cancel).
 */
export type SubmitFinding =
  | { status: 'submitted'; submissionId: string; statusCode: number; reply: string }
  | { status: 'refused'; statusCode: number; reply: string; message: string }
  | { status: 'unknown'; statusCode?: number; reply: string; message: string }
  | { status: 'not-sent'; message: string }

/** The MPC's answer to a submission, read as the finding it is. */
export function interpretSubmitReply(statusCode: number, reply: string): SubmitFinding {
  if (statusCode >= 200 && statusCode < 300) {
    const token = lastSentenceToken(reply)
    if (token !== undefined && classifySubmissionId(token).kind === 'submission-id') {
      return { status: 'submitted', submissionId: token, statusCode, reply }
    }
    const why =
      token === undefined
        ? 'without the sentence "Submission ID is <ID>"'
        : token === ''
          ? 'with nothing after its last "Submission ID is"'
          : `with its last "Submission ID is" followed by "${cutChars(token, 60)}", which is not a submission ID`
    return { status: 'unknown', statusCode, reply, message: `the MPC answered HTTP ${statusCode} ${why}` }
  }
  if (statusCode >= 300 && statusCode < 400) {
    return {
      status: 'refused',
      statusCode,
      reply,
      message: `the server answered HTTP ${statusCode}, a redirect, which is not followed for a submission: check the submit URL`
    }
  }
  if (statusCode >= 400 && statusCode < 500) {
    return { status: 'refused', statusCode, reply, message: `the MPC refused the batch: HTTP ${statusCode}` }
  }
  return { status: 'unknown', statusCode, reply, message: `the MPC answered HTTP ${statusCode}` }
}
