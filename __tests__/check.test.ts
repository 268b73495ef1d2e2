// Waiting for a verdict, against a loopback MPC whose answers change over time.
import { checkSubmissions, type CheckOptions } from '../src/core/check.js'
import {
  EXAMPLE_ACCEPTED,
  EXAMPLE_REJECTED,
  PENDING,
  startMpcServer,
  type MpcServer,
  type Reply
} from '../__fixtures__/mpc-server.mjs'
import { makeClient } from './helpers/client.js'
import { entry } from './helpers/factories.js'

const A = '2026-01-01T00:05:07.453_0000BhCE'
const B = '2025-11-12T21:11:49.579_0000Ba8V'
const NOT_FOUND: Reply = { status: 404 }

let server: MpcServer
afterEach(() => server?.close())

async function check(answers: Record<string, Reply | Reply[]>, ids: string[], options: Partial<CheckOptions>) {
  server = await startMpcServer({ answers })
  const client = makeClient(server.url)
  try {
    const run = await checkSubmissions(ids.map(entry), client, { waitTimeoutMs: 5000, pollIntervalMs: 50, ...options })
    return { run }
  } finally {
    await client.close()
  }
}

test('pending then accepted passes, with the polls counted', async () => {
  const { run } = await check({ [A]: [{ json: PENDING }, { json: PENDING }, { json: EXAMPLE_ACCEPTED }] }, [A], {})
  expect(run.results[0]).toMatchObject({ status: 'accepted', accepted: true })
  expect(server.asked(A)).toBe(3)
  expect(run.polls).toBe(2)
  expect(run.waitedMs).toBeGreaterThan(0)
})

test('404 then accepted passes', async () => {
  const { run } = await check({ [A]: [NOT_FOUND, NOT_FOUND, { json: EXAMPLE_ACCEPTED }] }, [A], {})
  expect(run.results[0]?.status).toBe('accepted')
  expect(server.asked(A)).toBe(3)
})

test('pending then rejected ends the wait as soon as it is rejected', async () => {
  const { run } = await check({ [A]: [{ json: PENDING }, { json: EXAMPLE_REJECTED }] }, [A], { waitTimeoutMs: 600_000 })
  expect(run.results[0]).toMatchObject({ status: 'rejected', fault_events: EXAMPLE_REJECTED.fault_events })
  expect(server.asked(A)).toBe(2)
})

test('still pending at the deadline: stops on time, keeps pending, says so', async () => {
  const { run } = await check({ [A]: { json: PENDING }, [B]: NOT_FOUND }, [A, B], {
    waitTimeoutMs: 400,
    pollIntervalMs: 100
  })
  expect(run.results.map((result) => result.status)).toEqual(['pending', 'not-found'])
  expect(run.results[0]?.message).toBe('still pending at the end of the wait')
  expect(run.results[1]?.message).toMatch(/still unknown to the MPC/)
  // No ask after the deadline: a 400 ms wait with a poll every 100 ms has room for the first ask and four
  // polls of each at most (a loaded machine gets fewer, never more), and every ask is counted as a poll.
  for (const id of [A, B]) expect(server.asked(id)).toBeGreaterThanOrEqual(2)
  for (const id of [A, B]) expect(server.asked(id)).toBeLessThanOrEqual(1 + 400 / 100)
  expect(run.polls).toBe(server.asked(A) + server.asked(B) - 2)
  // Once the run has answered, nothing more is asked.
  const asked = server.requests.length
  await new Promise((resolve) => setTimeout(resolve, 250))
  expect(server.requests.length).toBe(asked)
})

test('decided submissions are never asked again; only the undecided are polled', async () => {
  const { run } = await check(
    {
      [A]: { json: EXAMPLE_ACCEPTED },
      [B]: [{ json: PENDING }, { json: PENDING }, { json: PENDING }, { json: EXAMPLE_ACCEPTED }]
    },
    [A, B],
    {}
  )
  expect(run.results.map((result) => result.status)).toEqual(['accepted', 'accepted'])
  expect(server.asked(A)).toBe(1)
  expect(server.asked(B)).toBe(4)
})

test('an error while polling is final for that submission', async () => {
  const { run } = await check({ [A]: [{ json: PENDING }, { status: 400 }, { json: EXAMPLE_ACCEPTED }] }, [A], {})
  expect(run.results[0]).toMatchObject({ status: 'error', message: 'HTTP 400' })
  expect(server.asked(A)).toBe(2)
})

test('progress is reported while waiting', async () => {
  const progress: number[] = []
  await check({ [A]: [{ json: PENDING }, { json: PENDING }, { json: PENDING }, { json: EXAMPLE_ACCEPTED }] }, [A], {
    pollIntervalMs: 100,
    progressEveryMs: 60,
    onProgress: ({ undecided }) => progress.push(undecided.length)
  })
  expect(progress.length).toBeGreaterThanOrEqual(2)
  expect(progress[0]).toBe(1)
})

test('wait-timeout 0 asks once and does not poll', async () => {
  const { run } = await check({ [A]: [{ json: PENDING }, { json: EXAMPLE_ACCEPTED }] }, [A], { waitTimeoutMs: 0 })
  expect(run.results[0]?.status).toBe('pending')
  expect(server.asked(A)).toBe(1)
  expect(run.polls).toBe(0)
})

test('cancelling returns what is known at once, undecided marked as such', async () => {
  const controller = new AbortController()
  const pending = check({ [A]: { json: PENDING }, [B]: { json: EXAMPLE_ACCEPTED } }, [A, B], {
    waitTimeoutMs: 600_000,
    pollIntervalMs: 100,
    signal: controller.signal,
    onFinding: (_entry, result, poll) => {
      if (poll && result.status === 'pending') controller.abort(new Error('cancelled'))
    }
  })
  const { run } = await pending
  expect(run.cancelled).toBe(true)
  expect(run.results.map((result) => result.status)).toEqual(['pending', 'accepted'])
  expect(run.results[0]?.message).toBe('still pending when the run was cancelled')
})
