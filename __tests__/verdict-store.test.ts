// The verdict store: which answers are remembered, which are asked again, and what a corrupt or foreign
// store does (nothing but a notice). Checks run against the loopback MPC stand-in.
import { checkSubmissions } from '../src/core/check.js'
import { decideVerdict, DEFAULT_FAIL_ON } from '../src/core/verdict.js'
import type { FaultEvent } from '../src/core/submission-result.js'
import {
  MAX_ENTRY_BYTES,
  MAX_STORE_BYTES,
  openStoreSession,
  readVerdictStore,
  STORE_FORMAT,
  STORE_VERSION,
  VerdictStoreReader,
  writeVerdictStore
} from '../src/core/verdict-store.js'
import { VerdictStore } from '../src/core/remembered-verdicts.js'
import { EXAMPLE_ACCEPTED, EXAMPLE_REJECTED, startMpcServer, type MpcServer } from '../__fixtures__/mpc-server.mjs'
import { makeClient } from './helpers/client.js'
import { entry, submissionResult } from './helpers/factories.js'

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
  const first = await run(ids, new VerdictStore())
  expect(first.results.map((result) => result.checked_at)).toEqual([iso(NOW), iso(NOW), iso(NOW), iso(NOW)])
  // What the first run saves, through the text form, as it travels between runs.
  const saved = openStoreSession(undefined, 30 * DAY, NOW).next(first.results).text
  const session = openStoreSession(saved, 30 * DAY, NOW + DAY)
  expect(session.notice).toBe('')
  expect([...session.remembered.keys()]).toEqual([ACCEPTED, WARNED])
  const second = await run(ids, session.remembered)
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

const HEADER = JSON.stringify({ format: STORE_FORMAT, version: STORE_VERSION })
/** A store's text: the header line, then one line per entry as given (objects are written as JSON). */
const storeText = (...entries: unknown[]): string =>
  [HEADER, ...entries.map((line) => (typeof line === 'string' ? line : JSON.stringify(line)))].join('\n') + '\n'
const good = (id: string, at = NOW - DAY) => ({ id, checked_at: iso(at), answer: EXAMPLE_ACCEPTED })
/** A result of this run for `id`, accepted and asked at `at` (what the store learns). */
const askedAccepted = (id: string, at = NOW) => submissionResult(id, 'accepted', { checked_at: iso(at) })
const savedIds = (text: string): string[] => [...readVerdictStore(text, NOW + DAY).store.keys()]

test('a stale entry is asked again, and re-confirmed with a new checked_at; stale entries are dropped on save', () => {
  const text = storeText(good(ACCEPTED, NOW - 40 * DAY), good(WARNED, NOW - 10 * DAY))
  const session = openStoreSession(text, 30 * DAY, NOW)
  expect([...session.remembered.keys()]).toEqual([WARNED])
  expect(openStoreSession(text, 0, NOW).remembered.size).toBe(0)
  // Re-confirmed: ACCEPTED was asked again, and saved with this run's time.
  const next = session.next([askedAccepted(ACCEPTED), askedAccepted(WARNED, NOW - 10 * DAY)])
  expect(next.learned).toBe(1)
  expect(readVerdictStore(next.text, NOW).store.get(ACCEPTED)?.checkedAt).toBe(iso(NOW))
  // verdict-max-age 0 turns reuse off but keeps (and saves) what is known.
  expect(savedIds(openStoreSession(text, 0, NOW).next([askedAccepted(OLD)]).text)).toEqual([ACCEPTED, WARNED, OLD])
})

// Catches the old entries' half of the merge in openStoreSession's lines() (`id = old[i]`, the `else` branch):
// without it a run saves only what it checked, and every other workflow's verdicts are lost.
test("a run's save keeps the entries of IDs it did not check, and merges its own in ID order", () => {
  const text = storeText(good(ACCEPTED), good(OLD))
  const next = openStoreSession(text, 30 * DAY, NOW).next([askedAccepted(WARNED)])
  expect(next.learned).toBe(1)
  expect(savedIds(next.text)).toEqual([ACCEPTED, WARNED, OLD])
  expect(next.text.split('\n')[0]).toBe(HEADER)
})

// Catches `<` becoming `<=` in freshVerdicts and `>=` becoming `>` in lines(): an entry exactly
// verdict-max-age old is stale, asked again and not saved; a millisecond younger it still stands.
test('verdict-max-age is a strict bound: exactly that old is stale (asked, not saved); a millisecond younger stands', () => {
  const maxAge = 30 * DAY
  const text = storeText(good(ACCEPTED, NOW - maxAge), good(WARNED, NOW - maxAge + 1))
  const session = openStoreSession(text, maxAge, NOW)
  expect([...session.remembered.keys()]).toEqual([WARNED])
  // Something is learned, so the store is saved: the stale entry is left out of it, the young one kept.
  expect(savedIds(session.next([askedAccepted(OLD)]).text)).toEqual([WARNED, OLD])
})

// Catches the `learned === 0` test in verdict-memory.ts's save (and what feeds it here): a run that learns
// nothing must not make a new cache entry, nor prune the store it restored.
test('a run that learns nothing has nothing to save: learned is 0, so no new cache entry is made', () => {
  const text = storeText(good(ACCEPTED), good(WARNED, NOW - 40 * DAY))
  const session = openStoreSession(text, 30 * DAY, NOW)
  const remembered = submissionResult(ACCEPTED, 'accepted', { checked_at: iso(NOW - DAY) })
  const rejected = submissionResult(REJECTED, 'rejected', { checked_at: iso(NOW) })
  expect(session.next([remembered, rejected]).learned).toBe(0)
})

/** A remembered verdict as the store keeps an accepted API answer. */
const rememberedOf = (answer: { pipeline_entry_time: string; fault_events: FaultEvent[] }, checkedAt: string) => ({
  pipelineEntryTime: answer.pipeline_entry_time,
  faultEvents: answer.fault_events,
  checkedAt
})

test('the store is written one entry per line, in ID order, after a header line', () => {
  const store = VerdictStore.of([
    [WARNED, rememberedOf(WARNED_ANSWER, iso(NOW))],
    [ACCEPTED, rememberedOf(EXAMPLE_ACCEPTED, iso(NOW - DAY))]
  ])
  const lines = writeVerdictStore(store).split('\n')
  expect(lines).toEqual([
    HEADER,
    JSON.stringify({ id: ACCEPTED, checked_at: iso(NOW - DAY), answer: EXAMPLE_ACCEPTED }),
    JSON.stringify({ id: WARNED, checked_at: iso(NOW), answer: WARNED_ANSWER }),
    ''
  ])
  // A run's learned entries replace older ones; stale ones are left out.
  const session = openStoreSession(writeVerdictStore(store), 1.5 * DAY, NOW + 1.5 * DAY)
  const next = session.next([
    submissionResult(WARNED, 'accepted', { ...WARNED_ANSWER, checked_at: iso(NOW + 1000) })
  ]).text
  expect([...readVerdictStore(next, NOW + 2 * DAY).store]).toEqual([
    [WARNED, rememberedOf(WARNED_ANSWER, iso(NOW + 1000))]
  ])
})

test('a store read in chunks of any size, split anywhere (inside a line, inside a character), is read the same', () => {
  const faults = { ...WARNED_ANSWER, fault_events: [{ message: 'Ĉu ĝi? 観測 🔭', phase: 1, failure_code: 12 }] }
  const store = VerdictStore.of([
    [ACCEPTED, rememberedOf(EXAMPLE_ACCEPTED, iso(NOW - DAY))],
    [WARNED, rememberedOf(faults, iso(NOW - DAY))]
  ])
  const bytes = Buffer.from(writeVerdictStore(store), 'utf8')
  for (const size of [1, 2, 3, 7, 64, bytes.length]) {
    const reader = new VerdictStoreReader(NOW)
    for (let at = 0; at < bytes.length; at += size) reader.push(bytes.subarray(at, at + size))
    const read = reader.end()
    expect([...read.store]).toEqual([...store])
    expect(read.notice).toBe('')
  }
})

test.each([
  ['empty', '', /ignored: it is empty/],
  ['not JSON', '{"format":', /ignored: it is not a store of this action/],
  ['a foreign JSON file', '[1,2,3]', /ignored: it is not a store of this action/],
  [
    'a foreign header',
    `${JSON.stringify({ format: 'other', version: STORE_VERSION })}\n`,
    /not a store of this action/
  ],
  ['headless (entries only)', `${JSON.stringify(good(ACCEPTED))}\n`, /not a store of this action/],
  ['another version', `${JSON.stringify({ format: STORE_FORMAT, version: 99 })}\n`, /its version is not 2/],
  // A store of version 1 (one JSON object) is ignored, its IDs asked afresh and the store saved anew.
  [
    'of version 1',
    JSON.stringify({ format: STORE_FORMAT, version: 1, entries: { [ACCEPTED]: good(ACCEPTED) } }),
    /its version is not 2/
  ],
  ['one huge first line', `{"format":"${'x'.repeat(MAX_ENTRY_BYTES)}"}\n`, /not a store of this action/]
])('a store that is %s is ignored whole, with a notice', (_name, text, notice) => {
  const read = readVerdictStore(text, NOW)
  expect(read.store.size).toBe(0)
  expect(read.notice).toMatch(notice)
})

test('a store over 64 MiB is ignored whole, even the entries read before the cap was passed', () => {
  const reader = new VerdictStoreReader(NOW)
  reader.push(storeText(good(ACCEPTED)))
  const filler = Buffer.alloc(1024 * 1024, 0x20) // spaces without a newline: one line over 4 MiB, dropped
  for (let sent = 0; sent <= MAX_STORE_BYTES; sent += filler.length) reader.push(filler)
  reader.push(`\n${JSON.stringify(good(WARNED))}\n`)
  const read = reader.end()
  expect(read.store.size).toBe(0)
  expect(read.notice).toBe('The verdict store was ignored: it is larger than 64 MiB.')
})

test('a corrupt store is ignored entry by entry, with one notice counting each reason', () => {
  const text = storeText(
    good(ACCEPTED),
    { ...good(ACCEPTED), checked_at: iso(NOW - 2 * DAY) }, // a second entry for one ID: the first stands
    { ...good(ACCEPTED), id: 'not-an-id' },
    { checked_at: iso(NOW - DAY), answer: EXAMPLE_ACCEPTED }, // no ID
    { id: REJECTED, checked_at: iso(NOW - DAY), answer: EXAMPLE_REJECTED },
    { id: WARNED, checked_at: iso(NOW + 10 * DAY), answer: WARNED_ANSWER },
    { id: OLD, checked_at: 'yesterday', answer: EXAMPLE_ACCEPTED },
    { id: '2026-04-04T04:04:04.444_0000Hh04', answer: EXAMPLE_ACCEPTED },
    { id: '2026-05-05T05:05:05.555_0000Ee05', checked_at: iso(NOW), answer: { accepted: true, fault_events: 'none' } },
    {
      id: '2026-06-06T06:06:06.666_0000Ff06',
      checked_at: iso(NOW),
      answer: { ...EXAMPLE_ACCEPTED, fault_events: [{ message: 'x', phase: -1, failure_code: 0 }] }
    },
    '"accepted"',
    `[${JSON.stringify(good('2026-07-07T07:07:07.777_0000Gg07'))}]`,
    // Duplicate keys in one line: JSON's last one counts, and the entry is checked as that.
    `{"id":"${OLD}","checked_at":"${iso(NOW - DAY)}","answer":${JSON.stringify(EXAMPLE_ACCEPTED)},"id":"x"}`,
    `{"id":"${OLD}","checked_at":"${iso(NOW - DAY)}","answer":${JSON.stringify(EXAMPLE_ACCEPTED)}`, // cut short
    '',
    '   \r'
  )
  const { store, notice } = readVerdictStore(text, NOW)
  expect([...store.keys()]).toEqual([ACCEPTED])
  expect(store.get(ACCEPTED)?.checkedAt).toBe(iso(NOW - DAY))
  expect(notice).toBe(
    'The verdict store held 13 entries that were ignored (' +
      '3 not keyed by a submission ID, 1 that are not accepted answers as this action stores them, ' +
      '1 checked in the future, 1 with an unreadable checked_at time, 1 without a checked_at time, ' +
      '2 whose answer fails the API answer checks, 2 that are not JSON objects, ' +
      '1 that are not JSON (cut short, or not UTF-8), 1 repeating a submission ID read before); they are asked afresh.'
  )
})

test('a line that is not UTF-8 or longer than 4 MiB is skipped on its own; the entries around it are read', () => {
  const bytes = Buffer.concat([
    Buffer.from(storeText(good(ACCEPTED))),
    Buffer.from(`{"id":"${OLD}","checked_at":"`),
    Buffer.from([0xc3, 0x28, 0xff]),
    Buffer.from(`"}\n{"id":"${REJECTED}","pad":"${'x'.repeat(MAX_ENTRY_BYTES)}"}\n`),
    Buffer.from(storeText(good(WARNED)).slice(HEADER.length + 1))
  ])
  for (const size of [bytes.length, 4096]) {
    const reader = new VerdictStoreReader(NOW)
    for (let at = 0; at < bytes.length; at += size) reader.push(bytes.subarray(at, at + size))
    const { store, notice } = reader.end()
    expect([...store.keys()]).toEqual([ACCEPTED, WARNED])
    expect(notice).toBe(
      'The verdict store held 2 entries that were ignored (1 that are not JSON (cut short, or not UTF-8), ' +
        '1 longer than 4 MiB); they are asked afresh.'
    )
  }
})

test('a pipeline_entry_time with a lone surrogate (valid JSON, escaped) is remembered and saved as it was read', () => {
  // JSON.stringify writes a lone surrogate as \udXXX and JSON.parse reads it back; held as UTF-8 it would
  // come back as U+FFFD, so the remembered answer and the saved store would differ from what was read.
  const now = Date.parse('2026-11-30T10:00:00.000Z')
  const id = '2026-01-01T00:05:07.453_0000BhCE'
  const entry = {
    id,
    checked_at: '2026-11-30T09:00:00.000Z',
    answer: { accepted: true, pipeline_entry_time: 'a\ud800b\udfff', fault_events: [] }
  }
  const text = `${JSON.stringify({ format: STORE_FORMAT, version: STORE_VERSION })}\n${JSON.stringify(entry)}\n`
  const { store, notice } = readVerdictStore(text, now)
  expect(notice).toBe('')
  expect(store.get(id)?.pipelineEntryTime).toBe('a\ud800b\udfff')
  expect(writeVerdictStore(store)).toBe(text)
})
