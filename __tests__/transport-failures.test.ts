// Failures and what the transport does about them: which are retried, the POST that is never repeated once
// written, the timeout that covers the whole answer, the size cap on an answer of undeclared length. Every
// server is on loopback; host names are resolved by the test's own lookup, so nothing leaves this machine.
import type { LookupFunction } from 'node:net'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { EXAMPLE_ACCEPTED } from '../__fixtures__/mpc-server.mjs'
import { MpcClient } from '../src/core/client.js'
import { RequestFailure, type Transport, type TransportOptions } from '../src/core/transport.js'
import { makeTransport } from './helpers/client.js'

const closers: (() => Promise<unknown> | void)[] = []
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.()
})

type Handler = (req: IncomingMessage, res: ServerResponse, body: string, n: number) => void

/** A loopback server that hands each request, its body read, to `handler`; `requests` counts them. */
async function serve(handler: Handler): Promise<{ url: string; port: number; requests: () => number }> {
  let requests = 0
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      requests += 1
      handler(req, res, Buffer.concat(chunks).toString('utf8'), requests)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => {
    server.closeAllConnections()
    return new Promise((resolve) => server.close(resolve))
  })
  const { port } = server.address() as { port: number }
  return { url: `http://127.0.0.1:${port}`, port, requests: () => requests }
}

function transport(baseUrl: string, extra: Partial<TransportOptions> = {}): Transport {
  const client = makeTransport(baseUrl, { requestTimeoutMs: 5_000, retries: 3, ...extra })
  closers.push(() => client.close())
  return client
}

/** Rejects with the RequestFailure a send ends with. */
async function failure(promise: Promise<unknown>): Promise<RequestFailure> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason
  )
  expect(error).toBeInstanceOf(RequestFailure)
  return error as RequestFailure
}

test('HTTP 501 and 505 are final answers, not retried', async () => {
  const server = await serve((req, res) => {
    res.writeHead(req.url === '/501' ? 501 : 505)
    res.end('no')
  })
  const client = transport(server.url)
  expect(await client.send('GET', '/501', {})).toEqual({ statusCode: 501, body: 'no', attempts: 1 })
  expect(await client.send('POST', '/505', {})).toEqual({ statusCode: 505, body: 'no', attempts: 1 })
  expect(server.requests()).toBe(2)
})

test('a retryable status that outlasts the retries fails as kind http, with its status', async () => {
  const server = await serve((_req, res) => {
    res.writeHead(503)
    res.end('busy')
  })
  const error = await failure(transport(server.url, { retries: 2 }).send('GET', '/x', {}))
  expect(error).toMatchObject({
    message: 'HTTP 503 after 3 attempts',
    kind: 'http',
    reason: 'exhausted',
    statusCode: 503,
    attempts: 3
  })
  expect(server.requests()).toBe(3)
})

describe('host names, resolved by the test', () => {
  const lookups: string[] = []
  // Names under .invalid (RFC 6761) do not exist, as the system resolver reports it; any other goes to loopback.
  const lookup: LookupFunction = (hostname, options, callback) => {
    lookups.push(hostname)
    if (hostname.endsWith('.invalid')) {
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
        code: 'ENOTFOUND',
        errno: -3008,
        syscall: 'getaddrinfo',
        hostname
      })
      callback(error, '')
    } else if (options.all) {
      callback(null, [{ address: '127.0.0.1', family: 4 }])
    } else {
      callback(null, '127.0.0.1', 4)
    }
  }
  beforeEach(() => (lookups.length = 0))

  test('a name that resolves reaches the server under that name', async () => {
    let host: string | undefined
    const server = await serve((req, res) => {
      host = req.headers.host
      res.end('{}')
    })
    const answer = await transport(`http://mpc-stand-in.test:${server.port}`, { lookup }).send('GET', '/x', {})
    expect(answer.statusCode).toBe(200)
    expect(host).toBe(`mpc-stand-in.test:${server.port}`)
    expect(lookups).toEqual(['mpc-stand-in.test'])
  })

  test('a name that does not exist (ENOTFOUND) fails at once, not retried', async () => {
    const client = transport('http://mpc-stand-in.invalid', { lookup, retries: 3 })
    const error = await failure(client.send('GET', '/api/submission-status', {}))
    expect(error.message).toMatch(/^network error: .*ENOTFOUND mpc-stand-in\.invalid.*\(1 attempt\)$/)
    expect(error).toMatchObject({ kind: 'network', reason: 'not-retryable', attempts: 1 })
    expect((error.cause as { code?: string }).code).toBe('ENOTFOUND')
    expect(lookups).toEqual(['mpc-stand-in.invalid'])
  })
})

test('a refused connection is retried, POST included: the request never left', async () => {
  const server = await serve((_req, res) => res.end('{}'))
  await closers.pop()?.() // closed again at once: connections to its port are now refused
  const client = new MpcClient(transport(server.url, { retries: 2 }))
  const finding = await client.requestActionCodes('A10cnQO')
  expect(finding.status).toBe('error')
  expect(finding.message).toMatch(/^network error: .*ECONNREFUSED.*\(3 attempts\)$/)
})

test('a connection reset after the request was written: a GET is asked again, a POST is not', async () => {
  // The first request of each method is cut off after it arrived; the second is answered.
  const seen: Record<string, number> = {}
  const server = await serve((req, res) => {
    const method = req.method ?? ''
    seen[method] = (seen[method] ?? 0) + 1
    if (seen[method] === 1) req.socket.destroy()
    else res.end('{}')
  })
  const http = transport(server.url)
  expect(await http.send('GET', '/api/submission-status', {})).toEqual({ statusCode: 200, body: '{}', attempts: 2 })
  expect(seen.GET).toBe(2)

  const codes = await new MpcClient(http).requestActionCodes('A10cnQO')
  expect(codes.status).toBe('error')
  expect(codes.message).toMatch(
    /^network error: .+; not repeated, since the MPC may have taken the request \(each one sends an e-mail\)$/
  )
  expect(seen.POST).toBe(1)
})

test('a POST that times out after it was written is not repeated; the failure says why', async () => {
  const server = await serve(() => undefined) // never answers
  const error = await failure(transport(server.url, { requestTimeoutMs: 300 }).send('POST', '/x', {}))
  expect(error).toMatchObject({ kind: 'timeout', reason: 'maybe-taken', attempts: 1, detail: 'timed out after 300 ms' })
  expect(server.requests()).toBe(1)
})

test('the request timeout covers the whole answer: one that trickles in is cut off', async () => {
  // Headers at once, then a byte every 100 ms: undici's headers and body timeouts alone would wait forever.
  let cutOff = 0
  const server = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    const timer = setInterval(() => res.write(' '), 100)
    res.on('close', () => {
      clearInterval(timer)
      cutOff += 1
    })
  })
  const error = await failure(transport(server.url, { requestTimeoutMs: 500, retries: 1 }).send('GET', '/x', {}))
  expect(error).toMatchObject({ message: 'timed out after 500 ms (2 attempts)', kind: 'timeout', attempts: 2 })
  // Both answers were cut off by the client (each connection closed while the server still trickled).
  expect(server.requests()).toBe(2)
  for (let waited = 0; cutOff < 2 && waited < 2_000; waited += 20) await new Promise((r) => setTimeout(r, 20))
  expect(cutOff).toBe(2)
})

test('an answer of undeclared length is cut off past the cap and not retried', async () => {
  let written = 0
  const server = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }) // chunked: no content-length
    const chunk = Buffer.alloc(64 * 1024, 'x')
    const pump = (): void => {
      while (written < 8 * 1024 * 1024) {
        written += chunk.length
        if (!res.write(chunk)) return void res.once('drain', pump)
      }
      res.end()
    }
    pump()
  })
  const error = await failure(transport(server.url).send('GET', '/x', {}))
  expect(error).toMatchObject({
    message: 'answer is larger than 1 MiB; refused',
    kind: 'too-large',
    reason: 'not-retryable',
    attempts: 1
  })
  expect((error.cause as { code?: string }).code).toBe('UND_ERR_RES_EXCEEDED_MAX_SIZE')
  expect(server.requests()).toBe(1)
  // The connection was closed early: the server could not write all 8 MiB.
  expect(written).toBeLessThan(8 * 1024 * 1024)
})

test.each(['retry-after', 'Retry-After', 'RETRY-AFTER'])(
  'a %s beyond the limit fails as its own kind, naming the wait asked for',
  async (name) => {
    const server = await serve((_req, res) => {
      res.writeHead(429, { [name]: '600' })
      res.end()
    })
    const error = await failure(transport(server.url).send('GET', '/x', {}))
    expect(error).toMatchObject({
      kind: 'retry-after-too-long',
      reason: 'not-retryable',
      statusCode: 429,
      retryAfter: { askedMs: 600_000, limitMs: 300_000 },
      message: 'HTTP 429: asked to retry after 10m 00s, longer than the 5m 00s this transport waits'
    })
    expect(server.requests()).toBe(1)
  }
)

test('an answer that opens with a UTF-8 byte-order mark, in pieces, is read as its JSON; bytes that are not UTF-8 are replaced', async () => {
  // The transport decodes the body itself: the mark arrives split from the JSON (and itself split), as a proxy
  // may forward it, and a fault message holds a byte that is no UTF-8.
  const json = JSON.stringify({
    ...EXAMPLE_ACCEPTED,
    fault_events: [{ message: 'bad \u0000', phase: 1, failure_code: 2 }]
  })
  const [before, after] = json.split('\\u0000')
  const pieces = [
    Buffer.from([0xef, 0xbb]),
    Buffer.from([0xbf]),
    Buffer.from(before as string),
    Buffer.from([0xff]),
    Buffer.from(after as string)
  ]
  const server = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    const next = (): void => {
      const piece = pieces.shift()
      if (piece === undefined) return void res.end()
      res.write(piece)
      setTimeout(next, 10)
    }
    next()
  })
  const finding = await new MpcClient(transport(server.url)).status('2026-01-01T00:05:07.453_0000BhCE')
  expect(finding).toMatchObject({
    status: 'accepted',
    pipeline_entry_time: EXAMPLE_ACCEPTED.pipeline_entry_time,
    fault_events: [{ message: 'bad \ufffd', phase: 1, failure_code: 2 }]
  })
})

test('an answer sent in one-byte pieces costs about its size in memory, not a hundred times it', async () => {
  // 1 MiB as a million chunked-encoding pieces of one byte each, to two requests at once: a hostile server's way
  // to make a reader that keeps every piece hold ~110 MiB per answer (a WAMO answer may be 32 MiB).
  const pieces = Buffer.from(`${'1\r\nx\r\n'.repeat(1024 * 1024 - 1)}0\r\n\r\n`)
  const server = await serve((_req, res) => {
    res.socket?.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n')
    res.socket?.end(pieces)
  })
  const client = transport(server.url)
  const base = process.memoryUsage().heapUsed
  let peak = base
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 2)
  const answers = await Promise.all([client.send('GET', '/x', {}), client.send('GET', '/x', {})])
  clearInterval(sampler)
  expect(answers.map((answer) => answer.body.length)).toEqual([1024 * 1024 - 1, 1024 * 1024 - 1])
  expect((peak - base) / 1024 / 1024).toBeLessThan(100)
})
