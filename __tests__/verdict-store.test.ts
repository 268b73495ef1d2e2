// The verdict store: which answers are remembered, which are asked again, and what a corrupt or foreign
// store does (nothing but a notice). Checks run against the loopback MPC stand-in.
import { checkSubmissions } from '../src/core/check.js'
import type { IdEntry } from '../src/core/id-list.js'
import { decideVerdict, DEFAULT_FAIL_ON } from '../src/core/verdict.js'
import {
  freshVerdicts,
  newlyAccepted,
  readVerdictStore,
  STORE_FORMAT,
  updateVerdictStore,
  writeVerdictStore,
  type VerdictStore
} from '../src/core/verdict-store.js'
import { EXAMPLE_ACCEPTED, EXAMPLE_REJECTED, startMpcServer, type MpcServer } from '../__fixtures__/mpc-server.mjs'
import { makeClient } from './helpers/client.js'

const ACCEPTED = '2026-01-01T00:05:07.453_0000BhCE'
const REJECTED = '2025-11-12T21:11:49.579_0000Ba8V'
const WARNED = '2026-02-03T10:20:30.400_0000Cc01'
const OLD = '2026-03-04T05:06:07.800_0000Dd02'
const WARNED_ANSWER = {
  accepted: true,
  pipeline_entry_time: '2026-02-03T10:21:00.000000+00:00',
  fault_events: [{ message: 'observatory code 999 is deprecated', phase: 1, failure_code: 12 }]
}
const DAY = 86_400_000
const NOW = Date.parse('2026-11-26T12:00:00Z')
const entry = (id: string): IdEntry => ({ raw: id, id, source: 'input', valid: true })
const iso = (ms: number): string => new Date(ms).toISOString()

let server: MpcServer
afterEach(() => server?.close())

async function run(ids: string[], remembered: VerdictStore) {
  const client = makeClient(server.url)
  try {
    return await checkSubmissions(ids.map(entry), client, {
      waitTimeoutMs: 0,
      pollIntervalMs: 1000,
      remembered,
      clock: () => NOW
    })
  } finally {
    await client.close()
  }
}

test('a second run asks only what the first did not find accepted; a rejection is asked again and still fails', async () => {
  server = await startMpcServer({
    answers: {
      [ACCEPTED]: { json: EXAMPLE_ACCEPTED },
      [REJECTED]: { json: EXAMPLE_REJECTED },
      [WARNED]: { json: WARNED_ANSWER }
    }
  })
  const ids = [ACCEPTED, REJECTED, WARNED, OLD]
  const first = await run(ids, new Map())
  expect(first.results.map((result) => result.checked_at)).toEqual([iso(NOW), iso(NOW), iso(NOW), iso(NOW)])
  const stored = updateVerdictStore(new Map(), newlyAccepted(first.results, new Map()), 30 * DAY, NOW)
  expect([...stored.keys()].sort()).toEqual([ACCEPTED, WARNED].sort())

  // Through the text form, as it travels between runs.
  const { store, notice } = readVerdictStore(writeVerdictStore(stored), NOW + DAY)
  expect(notice).toBe('')
  const second = await run(ids, freshVerdicts(store, 30 * DAY, NOW + DAY))
  expect(server.requests.map((request) => request.json?.submission_id)).toEqual([...ids, REJECTED, OLD])
  expect(second.remembered).toBe(2)
  expect(second.oldestRemembered).toBe(iso(NOW))
  // A remembered answer counts exactly as a fresh one: accepted with warnings stays a warning.
  const strip = (results: typeof first.results) => results.map(({ checked_at: _at, ...rest }) => rest)
  expect(strip(second.results)).toEqual(strip(first.results))
  expect(second.results.find((result) => result.submission_id === WARNED)).toMatchObject({
    status: 'accepted',
    message: 'accepted with 1 fault event (warnings)',
    checked_at: iso(NOW)
  })
  const verdict = decideVerdict(second.results, [...DEFAULT_FAIL_ON, 'warning'])
  expect(verdict.failed).toBe(true)
  expect(verdict.counts).toMatchObject({ accepted: 2, warning: 1, rejected: 1, 'not-found': 1 })
  expect(verdict.failing.map((result) => result.submission_id)).toEqual([REJECTED, WARNED, OLD])
})

test('a stale entry is asked again, and re-confirmed with a new checked_at; stale entries are dropped on save', () => {
  const old: VerdictStore = new Map([
    [ACCEPTED, { answer: EXAMPLE_ACCEPTED, checkedAt: iso(NOW - 40 * DAY) }],
    [WARNED, { answer: WARNED_ANSWER, checkedAt: iso(NOW - 10 * DAY) }]
  ])
  expect([...freshVerdicts(old, 30 * DAY, NOW).keys()]).toEqual([WARNED])
  expect(freshVerdicts(old, 0, NOW).size).toBe(0)
  const next = updateVerdictStore(old, [], 30 * DAY, NOW)
  expect([...next.keys()]).toEqual([WARNED])
  // 0 turns reuse off but keeps (and saves) what is known.
  expect(updateVerdictStore(old, [], 0, NOW).size).toBe(2)
  const reconfirmed = updateVerdictStore(
    old,
    [[ACCEPTED, { answer: EXAMPLE_ACCEPTED, checkedAt: iso(NOW) }]],
    30 * DAY,
    NOW
  )
  expect(reconfirmed.get(ACCEPTED)?.checkedAt).toBe(iso(NOW))
})

test.each([
  ['not JSON', '{"format":', /ignored: it is not valid JSON/],
  ['a foreign JSON file', '[1,2,3]', /ignored: it is not a store of this action/],
  ['another version', JSON.stringify({ format: STORE_FORMAT, version: 99, entries: {} }), /its version is not 1/]
])('a store that is %s is ignored whole, with a notice', (_name, text, notice) => {
  const read = readVerdictStore(text, NOW)
  expect(read.store.size).toBe(0)
  expect(read.notice).toMatch(notice)
})

test('a corrupt store is ignored entry by entry, with one notice counting each reason', () => {
  const good = { checked_at: iso(NOW - DAY), answer: EXAMPLE_ACCEPTED }
  const text = JSON.stringify({
    format: STORE_FORMAT,
    version: 1,
    entries: {
      [ACCEPTED]: good,
      'not-an-id': good,
      [REJECTED]: { checked_at: iso(NOW - DAY), answer: EXAMPLE_REJECTED },
      [WARNED]: { checked_at: iso(NOW + 10 * DAY), answer: WARNED_ANSWER },
      [OLD]: { checked_at: 'yesterday', answer: EXAMPLE_ACCEPTED },
      '2026-05-05T05:05:05.555_0000Ee05': { checked_at: iso(NOW), answer: { accepted: true, fault_events: 'none' } },
      '2026-06-06T06:06:06.666_0000Ff06': {
        checked_at: iso(NOW),
        answer: { ...EXAMPLE_ACCEPTED, fault_events: [{ message: 'x', phase: -1, failure_code: 0 }] }
      },
      '2026-07-07T07:07:07.777_0000Gg07': 'accepted'
    }
  })
  const { store, notice } = readVerdictStore(text, NOW)
  expect([...store.keys()]).toEqual([ACCEPTED])
  expect(notice).toBe(
    'The verdict store held 7 entries that were ignored (1 not keyed by a submission ID, ' +
      '1 that are not accepted answers as this action stores them, 1 checked in the future, ' +
      '1 with an unreadable checked_at time, 2 whose answer fails the API answer checks, ' +
      '1 without a checked_at time); they are asked afresh.'
  )
})
