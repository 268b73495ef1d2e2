// Where the observations went: WAMO asked through the real client against the loopback stand-in, which
// replays the MPC tutorial's recorded answers.
import { checkSubmissions } from '../src/core/check.js'
import type { IdEntry } from '../src/core/id-list.js'
import {
  askWamo,
  describeUnfollowed,
  firstBlockId,
  followObservations,
  isFinal,
  WAMO_BATCH,
  withObservations,
  type ObservationsSummary
} from '../src/core/observations.js'
import type { SubmissionResult } from '../src/core/submission-result.js'
import { openStoreSession } from '../src/core/verdict-store.js'
import { EXAMPLE_ACCEPTED, startMpcServer, type MpcServer, type Reply } from '../__fixtures__/mpc-server.mjs'
import {
  malformedMessage,
  observationsOf,
  TUTORIAL_MALFORMED,
  TUTORIAL_OBSERVATIONS,
  TUTORIAL_TRKSUB
} from '../__fixtures__/wamo-answers.mjs'
import { WAMO_MAX_VALUES } from '../src/core/wamo-answer.js'
import { makeClient, startRemoteMpcServer } from './helpers/client.js'
import { submissionResult } from './helpers/factories.js'

let server: MpcServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** Distinct submission IDs, one per second. */
const ids = (n: number, tag = 'WAMO0000'): string[] =>
  Array.from({ length: n }, (_, i) => {
    const s = String(i % 60).padStart(2, '0')
    const m = String(Math.floor(i / 60) % 60).padStart(2, '0')
    return `2026-02-01T10:${m}:${s}.001_${tag}`
  })

const accepted = (id: string): SubmissionResult =>
  submissionResult(id, 'accepted', {
    pipeline_entry_time: '2026-02-01T10:00:00Z',
    checked_at: '2026-02-01T10:00:01.000Z'
  })

const wamoRequests = (s: MpcServer): string[][] =>
  s.requests.filter((request) => request.path === '/api/wamo').map((request) => request.json as unknown as string[])

test('the tutorial recorded answer: found, not found and malformed identifiers, each read on its own', async () => {
  server = await startMpcServer({ wamo: { [TUTORIAL_TRKSUB]: TUTORIAL_OBSERVATIONS } })
  const client = makeClient(server.url)
  try {
    const asked = [TUTORIAL_TRKSUB, 'L4eBVG000111CfiO010111A9a', TUTORIAL_MALFORMED]
    const finding = await client.wamo(asked)
    if (finding.status !== 'answered') throw new Error(finding.message)
    expect(finding.answers.get(TUTORIAL_TRKSUB)).toEqual({
      kind: 'found',
      flags: { neocp: 0, near_duplicate: 0, deleted: 0 },
      observations: ['Te', 'Tf', 'Tg', 'Th'].map((suffix) => ({
        obsid: `JueAhg010000566w0100000${suffix}`,
        status: 'P',
        designation: '29149',
        reference: 'MPS   145016',
        submission_block_id: '2005-10-10T11:25:48.001_0000566w_01'
      }))
    })
    expect(finding.answers.get('L4eBVG000111CfiO010111A9a')).toEqual({ kind: 'not-found' })
    expect(finding.answers.get(TUTORIAL_MALFORMED)).toEqual({
      kind: 'malformed',
      message: malformedMessage(TUTORIAL_MALFORMED)
    })
    // A GET with the JSON list as its body, as the API documentation's curl example sends it.
    const [request] = server.requests
    expect(request).toMatchObject({ method: 'GET', path: '/api/wamo', json: asked })
    expect(request?.headers['content-type']).toBe('application/json')
  } finally {
    await client.close()
  }
})

test('counts by status, distinct designations and references, flags, in batches of at most 100', async () => {
  const submissions = ids(250)
  const wamo: Record<string, unknown> = {}
  submissions.forEach((id, i) => {
    wamo[id] =
      i % 3 === 0 ? observationsOf(id, 'P') : i % 3 === 1 ? observationsOf(id, 'p', 2) : observationsOf(id, 'I', 1)
  })
  // One on the NEOCP: a status outside P/p/I, counted as other and flagged.
  wamo[submissions[4] as string] = observationsOf(submissions[4] as string, 'N', 3)
  server = await startMpcServer({ wamo })
  const client = makeClient(server.url)
  try {
    const run = await followObservations(submissions.map(accepted), client, { clock: () => Date.UTC(2026, 1, 2) })
    const batches = wamoRequests(server)
    expect(batches.map((batch) => batch.length)).toEqual([WAMO_BATCH, WAMO_BATCH, 50])
    expect(batches.flat().sort()).toEqual([...submissions].sort())
    expect(run.requests).toBe(3)
    expect(run.bySubmission.get(submissions[0] as string)).toMatchObject({
      total: 4,
      published: 4,
      waiting: 0,
      itf: 0,
      other: 0,
      designations: ['29149'],
      references: ['MPS   145016'],
      checked_at: '2026-02-02T00:00:00.000Z',
      found: true,
      error: null
    })
    expect(run.bySubmission.get(submissions[1] as string)).toMatchObject({ total: 2, waiting: 2, references: [] })
    expect(run.bySubmission.get(submissions[2] as string)).toMatchObject({ total: 1, itf: 1, designations: [] })
    expect(run.bySubmission.get(submissions[4] as string)).toMatchObject({
      total: 3,
      other: 3,
      flags: { neocp: 3, near_duplicate: 0, deleted: 0 }
    })
    // 84 published (4 each), 83 waiting (2 each) less the NEOCP one's, 83 in the ITF.
    expect(run.totals).toEqual({
      submissions: 250,
      total: 84 * 4 + 82 * 2 + 83 + 3,
      published: 84 * 4,
      waiting: 82 * 2,
      itf: 83,
      other: 3
    })
    expect(run.unfollowed).toEqual([])
  } finally {
    await client.close()
  }
})

test('not known by its submission ID: asked again by its first block ID; unknown either way is found: false', async () => {
  const [byId, byBlock, unknown, malformedId] = ids(4)
  const wamo = {
    [byId as string]: observationsOf(byId as string, 'P', 1),
    [firstBlockId(byBlock as string)]: observationsOf(byBlock as string, 'p', 2),
    [firstBlockId(malformedId as string)]: observationsOf(malformedId as string, 'P', 3)
  }
  server = await startMpcServer({
    wamo,
    // WAMO refusing to parse one submission ID as such: it comes back in "malformed", with HTTP 200.
    answer: (request) => {
      const list = request.json as unknown as string[] | undefined
      if (request.path !== '/api/wamo' || !list?.includes(malformedId as string)) return undefined
      const rest = list.filter((id) => id !== malformedId)
      return {
        json: {
          found: rest.filter((id) => id in wamo).map((id) => ({ [id]: wamo[id] })),
          not_found: rest.filter((id) => !(id in wamo)),
          malformed: [[malformedId, malformedMessage(malformedId as string)]]
        }
      }
    }
  })
  const client = makeClient(server.url)
  try {
    const run = await followObservations(
      [byId, byBlock, unknown, malformedId].map((id) => accepted(id as string)),
      client
    )
    expect(wamoRequests(server)).toEqual([
      [byId, byBlock, unknown, malformedId],
      [byBlock, unknown, malformedId].map((id) => firstBlockId(id as string))
    ])
    expect(run.bySubmission.get(byId as string)).toMatchObject({ total: 1, published: 1, found: true })
    expect(run.bySubmission.get(byBlock as string)).toMatchObject({ total: 2, waiting: 2, found: true })
    expect(run.bySubmission.get(malformedId as string)).toMatchObject({ total: 3, published: 3, found: true })
    expect(run.bySubmission.get(unknown as string)).toMatchObject({ total: 0, found: false, error: null })
    expect(run.unfollowed).toEqual([])
  } finally {
    await client.close()
  }
})

test('garbage for one identifier costs that submission only; a garbage answer costs its batch only', async () => {
  const submissions = ids(150)
  const [odd, fine] = submissions
  const wamo = Object.fromEntries(submissions.map((id) => [id, observationsOf(id, 'P', 1)]))
  server = await startMpcServer({
    wamo: { ...wamo, [odd as string]: 'not a list' },
    // The second batch (the last 50) gets an HTML error page with HTTP 200.
    answer: (request) =>
      request.path === '/api/wamo' && (request.json as unknown as string[]).includes(submissions[149] as string)
        ? { body: '<html><body>Bad gateway</body></html>' }
        : undefined
  })
  const client = makeClient(server.url)
  try {
    const run = await followObservations(submissions.map(accepted), client)
    expect(run.bySubmission.get(odd as string)).toMatchObject({
      total: 0,
      found: false,
      error: 'WAMO answered it with something other than a list'
    })
    expect(run.bySubmission.get(fine as string)).toMatchObject({ total: 1, published: 1, error: null })
    expect(run.bySubmission.get(submissions[120] as string)).toMatchObject({
      found: false,
      error: 'WAMO answered with something that is not JSON'
    })
    expect(run.unfollowed).toHaveLength(51)
    const sentence = describeUnfollowed(run)
    expect(sentence).toContain('Could not follow where the observations of 51 accepted submissions went')
    expect(sentence).toContain('the acceptance verdict is unchanged')
    expect(sentence).toContain(`${odd}: WAMO answered it with something other than a list`)
    expect(sentence).toContain('and 45 more: WAMO answered with something that is not JSON')
  } finally {
    await client.close()
  }
})

test('an answer over the cap is split until it fits; a single submission still over it gets an error', async () => {
  const submissions = ids(8)
  const huge = submissions[5] as string
  const wamo = Object.fromEntries(submissions.map((id) => [id, observationsOf(id, 'P', id === huge ? 400 : 2)]))
  server = await startMpcServer({ wamo })
  const client = makeClient(server.url)
  try {
    const run = await followObservations(submissions.map(accepted), client, { maxAnswerBytes: 64 * 1024 })
    const sizes = wamoRequests(server).map((batch) => batch.length)
    // Depth first: 8 is over; its first 4 fit, its last 4 (the huge one among them) are over; of those, the
    // first 2 are over, split into 1 that fits and the huge one alone, still over; the last 2 fit.
    expect(sizes).toEqual([8, 4, 4, 2, 1, 1, 2])
    expect(run.bySubmission.get(huge)).toMatchObject({
      total: 0,
      found: false,
      error: "WAMO's answer is larger than 0.0625 MiB"
    })
    for (const id of submissions.filter((other) => other !== huge)) {
      expect(run.bySubmission.get(id)).toMatchObject({ total: 2, published: 2, error: null })
    }
  } finally {
    await client.close()
  }
})

test('an answer of many tiny values under the byte cap is split like an oversized one, before it is parsed', async () => {
  // 32 MiB of `{},` is 11 million objects: parsed and kept, 2 GB of memory and 7 s for one answer. A real
  // observation is about 500 bytes, so the count of values an answer may hold is bounded as its size is.
  const submissions = ids(4)
  const flood = submissions[2] as string
  const wamo = Object.fromEntries(
    submissions.map((id) => [
      id,
      id === flood ? Array.from({ length: WAMO_MAX_VALUES + 1 }, () => ({})) : observationsOf(id, 'P', 2)
    ])
  )
  server = await startMpcServer({ wamo })
  const client = makeClient(server.url)
  try {
    const run = await followObservations(submissions.map(accepted), client)
    expect(wamoRequests(server).map((batch) => batch.length)).toEqual([4, 2, 2, 1, 1])
    expect(run.bySubmission.get(flood)).toMatchObject({
      total: 0,
      found: false,
      error: `WAMO's answer holds more than ${WAMO_MAX_VALUES} JSON values`
    })
    for (const id of submissions.filter((other) => other !== flood)) {
      expect(run.bySubmission.get(id)).toMatchObject({ total: 2, published: 2, error: null })
    }
  } finally {
    await client.close()
  }
})

test('WAMO failing (HTTP 500 after retries) leaves every acceptance verdict as it was', async () => {
  const submissions = ids(3)
  server = await startMpcServer({
    answers: Object.fromEntries(submissions.map((id) => [id, { json: EXAMPLE_ACCEPTED }])),
    answer: (request) => (request.path === '/api/wamo' ? ({ status: 500, body: 'oops' } as Reply) : undefined)
  })
  const client = makeClient(server.url, { retries: 1 })
  try {
    const entries: IdEntry[] = submissions.map((id) => ({ raw: id, id, source: 'input', valid: true }))
    const check = await checkSubmissions(entries, client, { waitTimeoutMs: 0, pollIntervalMs: 1000 })
    const before = JSON.stringify(check.results)
    const run = await followObservations(check.results, client)
    expect(JSON.stringify(check.results)).toBe(before)
    expect(check.results.every((result) => result.status === 'accepted')).toBe(true)
    expect(wamoRequests(server)).toHaveLength(2) // one attempt and one retry
    expect(run.unfollowed.map((item) => item.error)).toEqual(Array(3).fill('WAMO: HTTP 500 after 2 attempts'))
  } finally {
    await client.close()
  }
})

test('only accepted submissions are asked; remembered final summaries are not asked again', async () => {
  const [known, fresh, rejected] = ids(3)
  server = await startMpcServer({ wamo: { [fresh as string]: observationsOf(fresh as string, 'p', 1) } })
  const client = makeClient(server.url)
  const remembered: ObservationsSummary = {
    total: 1,
    published: 1,
    waiting: 0,
    itf: 0,
    other: 0,
    designations: ['29149'],
    references: ['MPS   145016'],
    flags: { neocp: 0, near_duplicate: 0, deleted: 0 },
    checked_at: '2026-01-01T00:00:00.000Z',
    found: true,
    error: null,
    list: []
  }
  try {
    const results = [
      accepted(known as string),
      accepted(fresh as string),
      { ...accepted(rejected as string), status: 'rejected' as const }
    ]
    const run = await followObservations(results, client, { remembered: new Map([[known as string, remembered]]) })
    expect(wamoRequests(server)).toEqual([[fresh]])
    expect(run.remembered).toBe(1)
    expect(run.bySubmission.get(known as string)).toBe(remembered)
    expect(run.bySubmission.has(rejected as string)).toBe(false)
    const fresher = run.bySubmission.get(fresh as string) as ObservationsSummary
    expect(isFinal(fresher)).toBe(false) // waiting, not published
    expect(isFinal(remembered)).toBe(true)
    // The list is for the results file only.
    expect(withObservations(results[1] as SubmissionResult, run, false).observations).not.toHaveProperty('list')
    expect(withObservations(results[1] as SubmissionResult, run, true).observations?.list).toHaveLength(1)
    expect(withObservations(results[2] as SubmissionResult, run, true).observations).toBeNull()
  } finally {
    await client.close()
  }
})

test('hostile fields are cut short and at most 20 distinct designations and references are kept', async () => {
  const [id] = ids(1)
  const observations = Array.from({ length: 30 }, (_, i) => ({
    ...observationsOf(id as string, 'P', 1)[0],
    iau_desig: `<img src=x onerror=alert(1)> ${i} ${'A'.repeat(500)}`,
    ref: `MPS ${i}`
  }))
  server = await startMpcServer({ wamo: { [id as string]: observations } })
  const client = makeClient(server.url)
  try {
    const run = await followObservations([accepted(id as string)], client)
    const summary = run.bySubmission.get(id as string) as ObservationsSummary
    expect(summary.total).toBe(30)
    expect(summary.designations).toHaveLength(20)
    expect(summary.references).toHaveLength(20)
    expect(summary.designations.every((designation) => designation.length <= 64)).toBe(true)
  } finally {
    await client.close()
  }
})

test('status and WAMO requests share one limit: no more than 5 start in any second', async () => {
  const submissions = ids(9)
  const remote = await startRemoteMpcServer({
    answers: Object.fromEntries(submissions.map((id) => [id, { json: EXAMPLE_ACCEPTED }])),
    // Only the block IDs are known: every submission is asked twice, by ID and then by block.
    wamo: Object.fromEntries(submissions.map((id) => [firstBlockId(id), observationsOf(id, 'P', 1)]))
  })
  const client = makeClient(remote.url, { limiter: { ratePerSecond: 5, concurrency: 4 } })
  try {
    const entries: IdEntry[] = submissions.map((id) => ({ raw: id, id, source: 'input', valid: true }))
    const check = await checkSubmissions(entries, client, { waitTimeoutMs: 0, pollIntervalMs: 1000 })
    const run = await followObservations(check.results, client)
    expect(run.totals.published).toBe(9)
    const requests = await remote.requests()
    expect(requests.filter((request) => Array.isArray(request.json))).toHaveLength(2)
    const starts = requests.map((request) => request.startedAt).sort((a, b) => a - b)
    expect(starts).toHaveLength(11)
    // Loosely: the limiter's window is 1 s on the client's clock; the server's clock sees it a little skewed.
    for (let i = 0; i + 5 < starts.length; i += 1) {
      expect((starts[i + 5] as number) - (starts[i] as number)).toBeGreaterThan(950)
    }
  } finally {
    await client.close()
    await remote.close()
  }
})

/** Accepted just now: young enough for the store's 30-day age. */
const recent = (id: string): SubmissionResult => ({ ...accepted(id), checked_at: new Date().toISOString() })

describe('remembered with the verdict once all published', () => {
  const [published, waiting] = ids(2, 'STORE000')
  const summaries = async (): Promise<Map<string, ObservationsSummary>> => {
    server = await startMpcServer({
      wamo: {
        [published as string]: observationsOf(published as string, 'P', 4),
        [waiting as string]: observationsOf(waiting as string, 'p', 2)
      }
    })
    const client = makeClient(server.url)
    try {
      return (await followObservations([recent(published as string), recent(waiting as string)], client)).bySubmission
    } finally {
      await client.close()
    }
  }

  test('a final answer is written with its verdict and read back; a waiting one is asked again', async () => {
    const observations = await summaries()
    const first = openStoreSession(undefined, 30 * 86_400_000)
    const { text } = first.next([recent(published as string), recent(waiting as string)], observations)
    const second = openStoreSession(text, 30 * 86_400_000)
    expect(second.notice).toBe('')
    expect(second.remembered.get(published as string)?.observations).toEqual(observations.get(published as string))
    expect(second.remembered.get(waiting as string)?.observations).toBeUndefined()
    // A remembered verdict learns its final observations in a later run, under its own checked_at.
    const later = openStoreSession(first.next([recent(waiting as string)]).text, 30 * 86_400_000)
    const checkedAt = later.remembered.get(waiting as string)?.checkedAt
    const final = { ...(observations.get(published as string) as ObservationsSummary) }
    const { text: third, learned } = later.next([recent(waiting as string)], new Map([[waiting as string, final]]))
    expect(learned).toBe(1)
    const reread = openStoreSession(third, 30 * 86_400_000).remembered.get(waiting as string)
    expect(reread).toMatchObject({ checkedAt, observations: final })
  })

  test('observations in the store that fail the checks are left out, and the verdict stays', async () => {
    const observations = await summaries()
    const { text } = openStoreSession(undefined, 30 * 86_400_000).next([recent(published as string)], observations)
    const [header, line] = text.split('\n')
    const entry = JSON.parse(line)
    expect(entry.id).toBe(published)
    for (const bad of [
      { ...entry.observations, published: 3 }, // not all published: not final
      { ...entry.observations, designations: ['x'.repeat(65)] },
      { ...entry.observations, list: 'nope' },
      { ...entry.observations, total: -1 }
    ]) {
      const hostile = `${header}\n${JSON.stringify({ ...entry, observations: bad })}\n`
      const remembered = openStoreSession(hostile, 30 * 86_400_000).remembered.get(published as string)
      expect(remembered?.checkedAt).toBe(entry.checked_at)
      expect(remembered?.observations).toBeUndefined()
    }
  })
})

test('the magic identifier "string" is never sent: it would turn the whole answer into plain text', async () => {
  server = await startMpcServer({ wamo: { [TUTORIAL_TRKSUB]: TUTORIAL_OBSERVATIONS } })
  const client = makeClient(server.url)
  try {
    const { answers, requests } = await askWamo(['string', TUTORIAL_TRKSUB, ' String '], client)
    expect(requests).toBe(1)
    expect(wamoRequests(server)).toEqual([[TUTORIAL_TRKSUB]])
    expect(answers.get('string')).toMatchObject({ answer: { kind: 'malformed' } })
    expect(answers.get(' String ')).toMatchObject({ answer: { kind: 'malformed' } })
    expect(answers.get(TUTORIAL_TRKSUB)).toMatchObject({ answer: { kind: 'found' } })
  } finally {
    await client.close()
  }
})

test('a cancel ends the WAMO phase at once, its submissions marked as not asked', async () => {
  const submissions = ids(3)
  server = await startMpcServer({ answer: (request) => (request.path === '/api/wamo' ? { hang: true } : undefined) })
  const client = makeClient(server.url, { requestTimeoutMs: 60_000 })
  const controller = new AbortController()
  try {
    setTimeout(() => controller.abort(new Error('cancelled')), 200)
    // WAMO never answers and the request timeout is 60 s, past this test's timeout: returning is the cancel's doing.
    const run = await followObservations(submissions.map(accepted), client, { signal: controller.signal })
    expect(run.unfollowed.map((item) => item.error)).toEqual(Array(3).fill('not asked: the run was cancelled'))
  } finally {
    await client.close()
  }
})
