// The one way tests build a transport (and a client over it), listen on loopback, and run the MPC stand-in
// in a process of its own: real undici, a real limiter, short timeouts and backoff so that fault tests run
// quickly. Each test file passes what it varies.
import { fork } from 'node:child_process'
import type { Server } from 'node:http'
import type { Server as TcpServer } from 'node:net'
import path from 'node:path'
import { MpcClient } from '../../src/core/client.js'
import { RequestLimiter, type LimiterOptions, type Slot } from '../../src/core/limiter.js'
import { Transport, type TransportOptions } from '../../src/core/transport.js'
import { REPO_ROOT } from './run-action.js'

export interface Grant {
  /** When the limiter granted the slot (performance.now()). */
  grantedAt: number
  /** When the transport first marked the request sent; absent if it never did. */
  sentAt?: number
  /** How many times it was marked sent (once at most is right). */
  sentCalls: number
}

/** A limiter (no rate limit) that records, for each grant, when it was granted and when it was marked sent. */
export class RecordingLimiter extends RequestLimiter {
  readonly grants: Grant[] = []

  constructor(concurrency = 4) {
    super({ ratePerSecond: 0, concurrency })
  }

  override acquire(options: { signal?: AbortSignal; notAfter?: number } = {}): Promise<Slot> {
    return super.acquire(options).then((slot) => {
      const record: Grant = { grantedAt: performance.now(), sentCalls: 0 }
      this.grants.push(record)
      return {
        markSent: () => {
          record.sentCalls += 1
          record.sentAt ??= performance.now()
          slot.markSent()
        },
        release: () => slot.release()
      }
    })
  }
}

/** A transport with test defaults: no rate limit, a 10 s timeout, no retries, 5 ms backoff. */
export function makeTransport(baseUrl: string, options: Partial<TransportOptions> = {}): Transport {
  return new Transport({
    baseUrl,
    userAgent: 'mpc-submission-status-tests',
    limiter: options.limiter ?? new RequestLimiter({ ratePerSecond: 0, concurrency: 4 }),
    requestTimeoutMs: 10_000,
    retries: 0,
    retryBaseMs: 5,
    ...options
  })
}

/** A real client over a real limiter, with short timeouts and backoff so fault tests run quickly. */
export function makeClient(
  baseUrl: string,
  options: Partial<Omit<TransportOptions, 'limiter'>> & { limiter?: Partial<LimiterOptions> } = {}
): MpcClient {
  const limiterOptions = { ratePerSecond: 0, concurrency: 8, ...options.limiter }
  const { limiter: _ignored, ...transportOptions } = options
  return new MpcClient(
    makeTransport(baseUrl, {
      connections: limiterOptions.concurrency,
      requestTimeoutMs: 2000,
      retries: 3,
      ...transportOptions,
      limiter: new RequestLimiter(limiterOptions)
    })
  )
}

/** Listens on 127.0.0.1 at a free port and returns the port. */
export async function listen(server: Server | TcpServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as { port: number }).port
}

export interface RemoteServer {
  url: string
  /** Requests as the server saw them, arrival times from the server's own clock. */
  requests(): Promise<{ json?: Record<string, unknown> | unknown[]; startedAt: number }[]>
  close(): Promise<void>
}

/** The MPC stand-in in a child process: its arrival times do not wait for the test's own event loop. */
export async function startRemoteMpcServer(options: {
  answers: Record<string, unknown>
  latencyMs?: number
  /** WAMO's observations by identifier (see __fixtures__/wamo-answers.mjs). */
  wamo?: Record<string, unknown>
}): Promise<RemoteServer> {
  const child = fork(path.join(REPO_ROOT, '__fixtures__/mpc-server-process.mjs'), [], { stdio: 'inherit' })
  const next = <T>(): Promise<T> => new Promise((resolve) => child.once('message', (message) => resolve(message as T)))
  const started = next<{ url: string }>()
  child.send(options)
  const { url } = await started
  return {
    url,
    async requests() {
      const reply = next<{ requests: { json?: Record<string, unknown> | unknown[]; startedAt: number }[] }>()
      child.send('requests')
      return (await reply).requests
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.send('close')
      await exited
    }
  }
}
