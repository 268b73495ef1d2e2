// The WAMO part of the MPC stand-in: answers GET /api/wamo the way the MPC's tutorial notebook recorded it
// (docs-public/docs/tutorials/notebooks/mpc_tutorial_api_wamo.ipynb in Smithsonian/mpc-public). Types are
// in wamo-answers.d.mts.

/** The four observations the tutorial recorded for the identifier `5T0D452 703`, all published in MPS 145016. */
export const TUTORIAL_TRKSUB = '5T0D452 703'
const TUTORIAL_LINES = [
  ['2005 10 10.39002 02 57 12.16 +09 01 47.3          16.5', 'Te'],
  ['2005 10 10.39767 02 57 11.91 +09 01 42.1          16.4', 'Tf'],
  ['2005 10 10.40533 02 57 11.66 +09 01 37.1          16.5', 'Tg'],
  ['2005 10 10.41303 02 57 11.41 +09 01 31.8          16.4', 'Th']
]
export const TUTORIAL_OBSERVATIONS = TUTORIAL_LINES.map(([middle, suffix]) => {
  const obs80 = `29149         C${middle} Vro5016703`
  const obsid = `JueAhg010000566w0100000${suffix}`
  return {
    iau_desig: '29149',
    input_type: 'trkSub',
    obs80,
    obsid,
    obssubid: null,
    ref: 'MPS   145016',
    status: 'P',
    status_decoded: `${obs80} (${obsid}) has been identified as (29149) and published in MPS   145016.`,
    submission_block_id: '2005-10-10T11:25:48.001_0000566w_01',
    submission_id: '2005-10-10T11:25:48.001_0000566w'
  }
})

/** The tutorial's malformed example and WAMO's sentence for it. */
export const TUTORIAL_MALFORMED = 'bi#_%_&ldvfanoj48034803480'
export const malformedMessage = (id) =>
  `Note that one or more of your lines including "${id}" could not be parsed as an obsid, trksub, submission_id, or submission_block_id.`

/**
 * The tutorial's observations as if they belonged to `submissionId`, with `status` ('P' published, 'p'
 * waiting, 'I' in the ITF) and the sentence WAMO uses for it. Astrometry is suppressed for unpublished
 * observations, as the API documentation says. The sentences for waiting and ITF observations are the
 * phrases observers' scripts look for, not recorded answers.
 */
export function observationsOf(submissionId, status = 'P', count = TUTORIAL_OBSERVATIONS.length) {
  return Array.from({ length: count }, (_, i) => {
    const base = TUTORIAL_OBSERVATIONS[i % TUTORIAL_OBSERVATIONS.length]
    const obsid = `${base.obsid.slice(0, -2)}${String(i).padStart(2, '0')}`
    const published = status === 'P'
    const sentence = published
      ? base.status_decoded.replace(base.obsid, obsid)
      : status === 'p'
        ? `(${obsid}) has been identified as (29149), publication is pending.`
        : status === 'I'
          ? `(${obsid}) is in the Isolated Tracklet File (ITF).`
          : `(${obsid}) is on the NEOCP/PCCP.`
    return {
      ...base,
      input_type: 'submission_id',
      obs80: published ? base.obs80 : '',
      obsid,
      iau_desig: status === 'I' ? null : base.iau_desig,
      ref: published ? base.ref : null,
      status,
      status_decoded: sentence,
      submission_block_id: `${submissionId}_01`,
      submission_id: submissionId
    }
  })
}

const PARSEABLE = [
  /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}_\w{8}(_\d\d)?$/, // submission ID, submission block ID
  /^[A-Za-z0-9]{25}$/, // obsID
  /^\S{1,8} \S{3}$/, // trkSub and station
  /^.{80}$|^.{160}$/ // an MPC1992 line
]

/**
 * WAMO's answer to the JSON body `list`, from `table` ({identifier: observation[]}): found, not_found for
 * what parses but is not in the table, malformed (with HTTP 200) for what does not parse.
 */
export function wamoAnswer(table, list) {
  if (!Array.isArray(list)) return { status: 400, json: { detail: 'expected a JSON list of identifiers' } }
  const answer = { found: [], malformed: [], not_found: [] }
  for (const id of list) {
    if (typeof id === 'string' && Object.hasOwn(table, id)) answer.found.push({ [id]: table[id] })
    else if (typeof id === 'string' && PARSEABLE.some((pattern) => pattern.test(id))) answer.not_found.push(id)
    else answer.malformed.push([id, malformedMessage(id)])
  }
  return { json: answer }
}

/** The submissions `npm run stand-in` (and the documentation's picture) knows WAMO answers for. */
export const WAMO_EXAMPLES = {
  published: '2026-01-01T00:05:07.453_0000BhCE',
  waiting: '2026-01-02T03:04:05.678_0000BhWT',
  itf: '2026-01-03T04:05:06.789_0000BhIT'
}

/** WAMO's table for them, and the tutorial's own trkSub identifier. */
export const STAND_IN_WAMO = {
  [TUTORIAL_TRKSUB]: TUTORIAL_OBSERVATIONS,
  [WAMO_EXAMPLES.published]: observationsOf(WAMO_EXAMPLES.published, 'P'),
  [WAMO_EXAMPLES.waiting]: observationsOf(WAMO_EXAMPLES.waiting, 'p', 3),
  [WAMO_EXAMPLES.itf]: observationsOf(WAMO_EXAMPLES.itf, 'I', 2)
}
