import { fork } from 'node:child_process'
import path from 'node:path'
import { MpcClient } from '../../src/core/client.js'
import { RequestLimiter, type LimiterOptions } from '../../src/core/limiter.js'
import { Transport, type TransportOptions } from '../../src/core/transport.js'
import { REPO_ROOT } from './run-action.js'

/** A real client over a real limiter, with short timeouts and backoff so fault tests run quickly. */
export function makeClient(
  baseUrl: string,
  options: Partial<Omit<TransportOptions, 'limiter'>> & { limiter?: Partial<LimiterOptions> } = {}
): MpcClient {
  const limiterOptions = { ratePerSecond: 0, concurrency: 8, ...options.limiter }
  const limiter = new RequestLimiter(limiterOptions)
  const { limiter: _ignored, ...transportOptions } = options
  return new MpcClient(
    new Transport({
      baseUrl,
      userAgent: 'mpc-submission-status-tests',
      connections: limiterOptions.concurrency,
      requestTimeoutMs: 2000,
      retries: 3,
      retryBaseMs: 5,
      ...transportOptions,
      limiter
    })
  )
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
