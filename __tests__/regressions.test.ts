// Behaviour that the other tests would let go unnoticed (issue 22): each test here fails when the line it
// names is removed. Real clients against the loopback MPC stand-in; the waits are kept short through options
// (a 1 s Retry-After is the shortest HTTP can say), and times are compared with each other, from the
// stand-in's own log (it runs in this process, on the same performance.now() clock as the client).
import { mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { checkSubmissions } from '../src/core/check.js'
import type { IdEntry } from '../src/core/id-list.js'
import { MAX_RECEIPTS_BYTES, RECEIPT_ROOM_BYTES } from '../src/core/receipts.js'
import { decideSubmitVerdict, submitBatch } from '../src/core/submit.js'
import { SUBMIT_INPUT_NAMES } from '../src/submit/settings.js'
import { EXAMPLE_ACCEPTED, PENDING, startMpcServer, type MpcServer } from '../__fixtures__/mpc-server.mjs'
import { makeClient } from './helpers/client.js'
import { REPO_ROOT } from './helpers/run-action.js'
import { submitSettings } from './helpers/factories.js'

const A = '2026-01-01T00:05:07.453_0000BhCE'
const B = '2025-11-12T21:11:49.579_0000Ba8V'
const C = '2025-11-12T21:09:16.359_0000Ba8U'
const entry = (id: string): IdEntry => ({ raw: id, id, source: 'input', valid: true })

let server: MpcServer
afterEach(() => server?.close())

const requestsFor = (id: string) => server.requests.filter((request) => request.json?.submission_id === id)

// Catches the removal of `limiter.pauseUntil(...)` in Transport.exchange (src/core/transport.ts): each
// earlier 429 test gave every ID its own 429, so every ID waited for its own Retry-After anyway. The second
// row catches the pause being set only after the 429's slot is released (as it was): the slot went at once to
// the request waiting behind the concurrency cap, which was sent 6 ms after the 429.
test.each([
  // One request per 300 ms: B waits for its turn in the window when A's 429 comes back.
  ['behind the rate limit', { ratePerSecond: 1, concurrency: 8, windowMs: 300 }],
  // One request at a time: B waits for A's slot.
  ['behind the concurrency cap', { ratePerSecond: 0, concurrency: 1 }]
])('a 429 holds every request: one queued for another ID %s waits out the Retry-After', async (_name, limiter) => {
  server = await startMpcServer({
    answers: {
      [A]: [{ status: 429, headers: { 'retry-after': '1' } }, { json: EXAMPLE_ACCEPTED }],
      [B]: { json: EXAMPLE_ACCEPTED }
    }
  })
  const client = makeClient(server.url, { limiter })
  try {
    const run = await checkSubmissions([entry(A), entry(B)], client, { waitTimeoutMs: 0, pollIntervalMs: 1000 })
    expect(run.results.map((result) => result.status)).toEqual(['accepted', 'accepted'])
  } finally {
    await client.close()
  }
  expect(server.requests.map((request) => request.json?.submission_id)).toEqual([A, B, A])
  const [tooMany, retry] = requestsFor(A)
  const [other] = requestsFor(B)
  // The server asked everyone to wait a second from its 429, which it sent after A's request arrived.
  expect((other?.startedAt ?? 0) - (tooMany?.startedAt ?? Infinity)).toBeGreaterThanOrEqual(1000)
  expect((retry?.startedAt ?? 0) - (tooMany?.startedAt ?? Infinity)).toBeGreaterThanOrEqual(1000)
})

// Catches the removal of the deadline check before a retry's wait in Transport.exchange
// (`if (options.notAfter !== undefined && performance.now() + decision.waitMs > options.notAfter)`), and of
// `notAfter: poll ? deadline : undefined` in checkSubmissions (src/core/check.ts), which then sends the retry.
test('a poll whose retry would come after the wait’s deadline is not retried, and the run ends without waiting for it', async () => {
  server = await startMpcServer({
    answers: {
      [A]: [
        { json: PENDING },
        { status: 503, body: 'busy', headers: { 'retry-after': '240' } },
        { json: EXAMPLE_ACCEPTED }
      ],
      [B]: [{ json: PENDING }, { json: EXAMPLE_ACCEPTED }]
    }
  })
  const client = makeClient(server.url)
  let run
  try {
    run = await checkSubmissions([entry(A), entry(B)], client, { waitTimeoutMs: 1000, pollIntervalMs: 100 })
  } finally {
    await client.close()
  }
  expect(run.results.map((result) => [result.status, result.message])).toEqual([
    ['pending', 'still pending at the end of the wait'],
    ['accepted', 'accepted']
  ])
  // A's poll met the 503; its retry, due 240 s later, was never sent, nor waited for: without the check the
  // run sleeps the 240 s through (only then does the limiter refuse the late slot), past this test's timeout.
  expect(requestsFor(A)).toHaveLength(2)
}, 30_000)

// Catches the removal of the notAfter refusal in RequestLimiter.pump (src/core/limiter.ts,
// `if (Math.max(now, earliest) > next.notAfter)`) as the check meets it: the poll would be sent after the deadline.
test('a poll whose slot in the rate-limit window comes after the deadline is not sent', async () => {
  server = await startMpcServer({ answers: { [A]: [{ json: PENDING }, { json: EXAMPLE_ACCEPTED }] } })
  // One request per 3 s: after the first ask, the next slot is 3 s away, past the 1 s wait.
  const client = makeClient(server.url, { limiter: { ratePerSecond: 1, concurrency: 8, windowMs: 3000 } })
  let run
  try {
    run = await checkSubmissions([entry(A)], client, { waitTimeoutMs: 1000, pollIntervalMs: 100 })
  } finally {
    await client.close()
  }
  expect(run.results[0]).toMatchObject({ status: 'pending', message: 'still pending at the end of the wait' })
  expect(run.polls).toBe(0)
  expect(server.asked(A)).toBe(1)
})

// Catches the removal of the catch branch in checkSubmissions' ask (src/core/check.ts, the finding with
// "unexpected failure: ..."): a bug of ours for one submission would reject the whole run. A real client against
// the stand-in; the bug is a debug hook that throws on one answer (the log writer is ours, so is its bug).
test('an unexpected error for one submission becomes its error result; the others still get their answers', async () => {
  server = await startMpcServer({
    answers: {
      [A]: { json: EXAMPLE_ACCEPTED },
      [B]: [{ status: 503, body: 'boom' }, { json: EXAMPLE_ACCEPTED }],
      [C]: { json: PENDING }
    }
  })
  const client = makeClient(server.url, {
    debug: (message) => {
      if (message.includes('boom')) throw new TypeError('the log writer broke')
    }
  })
  let run
  try {
    run = await checkSubmissions([entry(A), entry(B), entry(C)], client, { waitTimeoutMs: 0, pollIntervalMs: 1000 })
  } finally {
    await client.close()
  }
  expect(run.results.map((result) => [result.submission_id, result.status, result.message])).toEqual([
    [A, 'accepted', 'accepted'],
    [B, 'error', 'unexpected failure: the log writer broke'],
    [C, 'pending', 'not decided yet: not accepted and no fault events so far']
  ])
  expect(run.results[1]?.checked_at).toMatch(/^\d{4}-\d\d-\d\dT/)
  expect(server.asked(B)).toBe(1)
})

// Catches the removal of the cap in readReceipts (src/core/receipts.ts, `maxBytes: MAX_RECEIPTS_BYTES`): a
// receipts file over it would be read whole, and the batch sent, on a duplicate guard it never finished reading.
describe('the receipts file is read within its cap', () => {
  let workspace: string
  beforeEach(async () => {
    workspace = await mkdtemp(path.join(tmpdir(), 'mpc-receipts-'))
    const batch = await readFile(path.join(REPO_ROOT, '__fixtures__/batches/tonight.psv'), 'utf8')
    await writeFile(path.join(workspace, 'tonight.psv'), batch)
    server = await startMpcServer()
  })
  afterEach(() => rm(workspace, { recursive: true, force: true }))

  const submit = async () => {
    const settings = submitSettings(workspace, server.url, { file: 'tonight.psv', receiptsFile: 'receipts.txt' })
    const client = makeClient(server.url)
    try {
      return await submitBatch(settings, client)
    } finally {
      await client.close()
    }
  }

  test('too near its cap for one more receipt: refused before sending, the file left as it was; with room left, sent and appended', async () => {
    const receipts = path.join(workspace, 'receipts.txt')
    const line = `# ${'x'.repeat(1021)}\n`
    const near = line.repeat(Math.floor((MAX_RECEIPTS_BYTES - RECEIPT_ROOM_BYTES + 1) / line.length) + 1)
    await writeFile(receipts, near)
    const refused = await submit()
    expect(refused.refusals.map((note) => note.message)).toEqual([
      expect.stringMatching(
        /^receipts-file receipts\.txt holds \d+ bytes, too near the 16 MiB it may hold: .*Move older receipts/
      )
    ])
    expect(server.requests).toHaveLength(0)
    expect((await stat(receipts)).size).toBe(near.length)

    const roomy = line.repeat(Math.floor((MAX_RECEIPTS_BYTES - RECEIPT_ROOM_BYTES) / line.length))
    await writeFile(receipts, roomy)
    const sent = await submit()
    expect(sent.refusals).toEqual([])
    expect(server.requests.filter((request) => request.path.startsWith('/submit_'))).toHaveLength(1)
    expect((await readFile(receipts, 'utf8')).slice(roomy.length)).toMatch(/ production psv .* Submission ID is /)
  })

  test('one byte over 16 MiB: refused with the reason, nothing sent, the file left as it was', async () => {
    const receipts = path.join(workspace, 'receipts.txt')
    await writeFile(receipts, '')
    await truncate(receipts, MAX_RECEIPTS_BYTES + 1)
    const run = await submit()
    expect(run.refusals.map((note) => note.message)).toEqual([
      'Cannot read receipts-file receipts.txt: it is larger than 16 MiB'
    ])
    expect(run.finding).toBeUndefined()
    expect(server.requests).toHaveLength(0)
    expect(decideSubmitVerdict(run, SUBMIT_INPUT_NAMES)).toMatchObject({ failed: true, headline: 'Not submitted' })
    expect((await stat(receipts)).size).toBe(MAX_RECEIPTS_BYTES + 1)
  })

  test('exactly 16 MiB is read (its size is what refuses it, not a read that failed), and nothing is sent', async () => {
    const receipts = path.join(workspace, 'receipts.txt')
    await writeFile(receipts, `# ${'x'.repeat(MAX_RECEIPTS_BYTES - 3)}\n`)
    const run = await submit()
    expect(run.refusals.map((note) => note.message)).toEqual([
      expect.stringMatching(/^receipts-file receipts\.txt holds 16777216 bytes, too near the 16 MiB/)
    ])
    expect(run.finding).toBeUndefined()
    expect(server.submissions).toHaveLength(0)
  })
})
