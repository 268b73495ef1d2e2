// Faults a real network produces, injected by a loopback server: each ends as described for its own
// submission only.
import { createServer } from 'node:net'
import { checkSubmissions } from '../src/core/check.js'
import { EXAMPLE_ACCEPTED, startMpcServer, type MpcServer, type Reply } from '../__fixtures__/mpc-server.mjs'
import { makeClient, startRemoteMpcServer } from './helpers/client.js'
import { entry } from './helpers/factories.js'

const id = (n: number): string => `2026-01-01T00:05:07.${String(n).padStart(3, '0')}_0000BhCE`

let server: MpcServer
afterEach(() => server?.close())

const FAULTS: Record<string, { reply: Reply | Reply[]; status: string; message: RegExp; asked: number }> = {
  'a 503 every time': {
    reply: { status: 503, body: 'busy' },
    status: 'error',
    message: /^HTTP 503 after 4 attempts$/,
    asked: 4
  },
  'a 502 with an HTML body': {
    reply: { status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
    status: 'error',
    message: /^HTTP 502 after 4 attempts$/,
    asked: 4
  },
  'a 503 that recovers': {
    reply: [{ status: 503 }, { status: 503 }, { json: EXAMPLE_ACCEPTED }],
    status: 'accepted',
    message: /^accepted$/,
    asked: 3
  },
  'a 200 that is HTML': {
    reply: { body: '<!doctype html><p>maintenance</p>' },
    status: 'error',
    message: /^answer is not JSON \(HTTP 200, an HTML page\)$/,
    asked: 1
  },
  'JSON of the wrong shape': {
    reply: { json: { accepted: 'yes', fault_events: [] } },
    status: 'error',
    message: /no boolean "accepted"/,
    asked: 1
  },
  'a fault event of the wrong shape': {
    reply: {
      json: { accepted: false, pipeline_entry_time: null, fault_events: [{ message: 'x', phase: -1, failure_code: 0 }] }
    },
    status: 'error',
    message: /fault event 0 is not/,
    asked: 1
  },
  'a huge body': { reply: { bodyBytes: 2 * 1024 * 1024 + 5 }, status: 'error', message: /larger than 1 MiB/, asked: 1 },
  'a 400 (not retried)': {
    reply: { status: 400, json: { detail: 'bad' } },
    status: 'error',
    message: /^HTTP 400$/,
    asked: 1
  },
  'a 501 (not retried: asking again cannot change it)': {
    reply: { status: 501, body: 'not implemented' },
    status: 'error',
    message: /^HTTP 501$/,
    asked: 1
  },
  'a 505 (not retried)': { reply: { status: 505 }, status: 'error', message: /^HTTP 505$/, asked: 1 },
  'a 404': { reply: { status: 404 }, status: 'not-found', message: /HTTP 404/, asked: 1 }
}

test('every injected fault ends as described, and the other submissions are unaffected', async () => {
  const names = Object.keys(FAULTS)
  const answers: Record<string, Reply | Reply[]> = {}
  names.forEach((name, i) => (answers[id(i)] = (FAULTS[name] as { reply: Reply | Reply[] }).reply))
  const healthy = id(900)
  answers[healthy] = { json: EXAMPLE_ACCEPTED }
  server = await startMpcServer({ answers })
  const client = makeClient(server.url, { requestTimeoutMs: 10_000 })
  const ids = [...names.map((_, i) => id(i)), healthy]
  const run = await checkSubmissions(ids.map(entry), client, { waitTimeoutMs: 0, pollIntervalMs: 1000 })
  await client.close()

  names.forEach((name, i) => {
    const expected = FAULTS[name] as (typeof FAULTS)[string]
    const result = run.results[i]
    expect({ name, status: result?.status }).toEqual({ name, status: expected.status })
    expect(result?.message).toMatch(expected.message)
    expect({ name, asked: server.asked(id(i)) }).toEqual({ name, asked: expected.asked })
  })
  expect(run.results.at(-1)).toMatchObject({ submission_id: healthy, status: 'accepted', accepted: true })
  expect(server.asked(healthy)).toBe(1)
})

test('a request that never answers times out on each attempt; the others are unaffected', async () => {
  server = await startMpcServer({ answers: { [id(1)]: { hang: true }, [id(2)]: { json: EXAMPLE_ACCEPTED } } })
  // Short enough to keep the test quick, long enough for a loaded machine to answer the healthy one.
  const client = makeClient(server.url, { requestTimeoutMs: 1500, retries: 1 })
  const run = await checkSubmissions([entry(id(1)), entry(id(2))], client, { waitTimeoutMs: 0, pollIntervalMs: 1000 })
  await client.close()
  expect(run.results.map((result) => [result.status, result.message])).toEqual([
    ['error', 'timed out after 1.5 s (2 attempts)'],
    ['accepted', 'accepted']
  ])
  expect(server.asked(id(1))).toBe(2)
  expect(server.asked(id(2))).toBe(1)
})

test('a 429 Retry-After (seconds or HTTP date) is honoured before the next attempt', async () => {
  const retryAt = new Date(Date.now() + 2000).toUTCString()
  server = await startMpcServer({
    answers: {
      [id(1)]: [{ status: 429, headers: { 'retry-after': '1' } }, { json: EXAMPLE_ACCEPTED }],
      [id(2)]: [{ status: 429, headers: { 'retry-after': retryAt } }, { json: EXAMPLE_ACCEPTED }]
    }
  })
  const client = makeClient(server.url)
  const run = await checkSubmissions([entry(id(1)), entry(id(2))], client, { waitTimeoutMs: 0, pollIntervalMs: 1000 })
  await client.close()
  expect(run.results.map((result) => result.status)).toEqual(['accepted', 'accepted'])
  for (const submission of [id(1), id(2)]) {
    const [first, second] = server.requests.filter((request) => request.json?.submission_id === submission)
    // The backoff alone would be a few milliseconds; the server asked for about a second or more.
    expect((second?.startedAt ?? 0) - (first?.endedAt ?? Infinity)).toBeGreaterThanOrEqual(900)
  }
})

test('a Retry-After longer than the action waits ends as an error saying so', async () => {
  server = await startMpcServer({ answers: { [id(1)]: { status: 429, headers: { 'retry-after': '3600' } } } })
  const client = makeClient(server.url)
  const [result] = (await checkSubmissions([entry(id(1))], client, { waitTimeoutMs: 0, pollIntervalMs: 1000 })).results
  await client.close()
  expect(result?.status).toBe('error')
  expect(result?.message).toMatch(/HTTP 429: the MPC asked to retry after 1h 00m/)
  expect(server.asked(id(1))).toBe(1)
})

test('a refused connection is a network error after the retries', async () => {
  // A port that was free a moment ago: nothing listens there.
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = (probe.address() as { port: number }).port
  await new Promise((resolve) => probe.close(resolve))
  const client = makeClient(`http://127.0.0.1:${port}`, { retries: 1 })
  const [result] = (await checkSubmissions([entry(id(1))], client, { waitTimeoutMs: 0, pollIntervalMs: 1000 })).results
  await client.close()
  expect(result?.status).toBe('error')
  expect(result?.message).toMatch(/^network error: .*ECONNREFUSED.*\(2 attempts\)$/)
})

test('the sliding-window rate limit holds at the server, retries included', async () => {
  const WINDOW_MS = 300
  const answers: Record<string, Reply | Reply[]> = {}
  for (let i = 0; i < 24; i += 1) {
    answers[id(i)] = i % 4 === 0 ? [{ status: 503 }, { json: EXAMPLE_ACCEPTED }] : { json: EXAMPLE_ACCEPTED }
  }
  const remote = await startRemoteMpcServer({ answers })
  try {
    // A 300 ms window instead of the 1.05 s one, so the 30 requests take 2 s rather than 6; the rule is the same.
    const client = makeClient(remote.url, { limiter: { ratePerSecond: 5, concurrency: 16, windowMs: WINDOW_MS } })
    const run = await checkSubmissions(Object.keys(answers).map(entry), client, {
      waitTimeoutMs: 0,
      pollIntervalMs: 1000
    })
    await client.close()
    expect(run.results.every((result) => result.status === 'accepted')).toBe(true)
    const starts = (await remote.requests()).map((request) => request.startedAt).sort((a, b) => a - b)
    expect(starts).toHaveLength(30)
    // Request k+5 never reaches the server less than a window after request k (less the 50 ms the default
    // window keeps for latency that varies, as 1,050 ms keeps a second).
    const gaps = starts.slice(5).map((start, k) => start - (starts[k] as number))
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(WINDOW_MS - 50)
  } finally {
    await remote.close()
  }
})

test('concurrency caps the requests in flight at the server', async () => {
  const answers: Record<string, Reply> = {}
  for (let i = 0; i < 20; i += 1) answers[id(i)] = { json: EXAMPLE_ACCEPTED, delayMs: 40 }
  server = await startMpcServer({ answers })
  const client = makeClient(server.url, { limiter: { ratePerSecond: 0, concurrency: 3 } })
  await checkSubmissions(Object.keys(answers).map(entry), client, { waitTimeoutMs: 0, pollIntervalMs: 1000 })
  await client.close()
  expect(server.peakInFlight).toBe(3)
})
