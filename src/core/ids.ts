// Identifier formats of the MPC, as the Action Codes API documentation gives them. `\w` is ASCII-only
// in JavaScript, which is the stricter reading of the documented regexes.
export const SUBMISSION_ID_PATTERN = /^\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d:[0-6]\d\.\d{3}_\w{8}$/
export const SUBMISSION_BLOCK_ID_PATTERN = /^\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d:[0-6]\d\.\d{3}_\w{8}_\d{2}$/
export const TRKSUB_PATTERN = /^[-A-Za-z0-9_]{1,8}$/
export const TRKID_PATTERN = /^[-A-Za-z0-9_]{8,12}$/

export type LabelFormat = 'trksub' | 'trkid' | 'submission block id' | 'submission id'

/** Every documented format a label fits; an 8-character label fits both trksub and trkid. */
export function labelFormats(label: string): LabelFormat[] {
  const formats: LabelFormat[] = []
  if (TRKSUB_PATTERN.test(label)) formats.push('trksub')
  if (TRKID_PATTERN.test(label)) formats.push('trkid')
  if (SUBMISSION_BLOCK_ID_PATTERN.test(label)) formats.push('submission block id')
  if (SUBMISSION_ID_PATTERN.test(label)) formats.push('submission id')
  return formats
}

export type IdClassification =
  { kind: 'submission-id'; id: string } | { kind: 'block-id'; id: string } | { kind: 'invalid'; reason: string }

/** Decides what a token from the user is, and for a non-ID, what it most likely is instead. */
export function classifySubmissionId(token: string): IdClassification {
  if (SUBMISSION_ID_PATTERN.test(token)) return { kind: 'submission-id', id: token }
  if (SUBMISSION_BLOCK_ID_PATTERN.test(token)) {
    return { kind: 'block-id', id: token.slice(0, -3) }
  }
  return { kind: 'invalid', reason: describeNonSubmissionId(token) }
}

export const EXPECTED_ID = 'a submission ID looks like 2026-01-01T00:05:07.453_0000BhCE'

function describeNonSubmissionId(token: string): string {
  const formats = labelFormats(token)
  if (formats.includes('trksub') && formats.includes('trkid')) {
    return `looks like a trksub or trkid (8 characters fit both), which is a tracklet label, not a submission ID; ${EXPECTED_ID}`
  }
  if (formats.includes('trksub')) {
    return `looks like a trksub (tracklet submission label), not a submission ID; ${EXPECTED_ID}`
  }
  if (formats.includes('trkid')) {
    return `looks like a trkid (tracklet ID), not a submission ID; ${EXPECTED_ID}`
  }
  if (/^\d{4}-\d\d-\d\dT/.test(token)) {
    return `starts like a submission ID but does not match the format; ${EXPECTED_ID}`
  }
  return `is not a submission ID; ${EXPECTED_ID}`
}
