// The transport's use of connections (an undici Pool): kept alive and reused, the request counted as sent
// only once it is written on a connected socket, a slow answer outliving the idle timeout, the body cap by
// content-length. The servers here are node:http ones, on loopback.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { createServer as createTcpServer, connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { RequestLimiter } from '../src/core/limiter.js'
import { RequestFailure, type Transport, type TransportOptions } from '../src/core/transport.js'
import { listen, makeTransport, RecordingLimiter } from './helpers/client.js'

const transport = (baseUrl: string, limiter: RequestLimiter, extra: Partial<TransportOptions> = {}): Transport =>
  makeTransport(baseUrl, { limiter, ...extra })

const closers: (() => Promise<unknown> | void)[] = []
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.()
})

function jsonServer(
  handler?: (body: string) => { delayMs?: number; headers?: Record<string, string | number>; body?: string }
) {
  let connections = 0
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const reply = handler?.(Buffer.concat(chunks).toString('utf8')) ?? {}
      if (reply.delayMs === Infinity) return // never answers
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json', ...reply.headers })
        res.end(reply.body ?? Buffer.concat(chunks))
      }, reply.delayMs ?? 0)
    })
  })
  server.on('connection', () => (connections += 1))
  return { server, connections: () => connections }
}

test('a GET with a JSON body reuses kept-alive connections', async () => {
  const { server, connections } = jsonServer()
  const port = await listen(server)
  closers.push(() => new Promise((resolve) => server.close(resolve)))
  const limiter = new RecordingLimiter()
  const client = transport(`http://127.0.0.1:${port}/`, limiter)
  closers.push(() => client.close())
  for (let round = 0; round < 3; round += 1) {
    const answers = await Promise.all(
      [0, 1, 2, 3].map((n) => client.send('GET', '/api/submission-status', { submission_id: `id-${round}-${n}` }))
    )
    expect(answers.map((answer) => [answer.statusCode, JSON.parse(answer.body)])).toEqual(
      [0, 1, 2, 3].map((n) => [200, { submission_id: `id-${round}-${n}` }])
    )
  }
  expect(connections()).toBe(4)
  expect(limiter.grants.map((grant) => grant.sentCalls)).toEqual(Array(12).fill(1))
})

test('an answer slower than the idle-connection timeout is still awaited', async () => {
  // The idle timeout shortened from its 4 s to 200 ms: the answer takes more than three times as long.
  const { server, connections } = jsonServer((body) => ({ delayMs: body.includes('slow') ? 700 : 0 }))
  // No Keep-Alive hint from the server (node:http announces its own 5 s otherwise, which undici would follow).
  server.keepAliveTimeout = 0
  const port = await listen(server)
  closers.push(() => {
    server.closeAllConnections()
    return new Promise((resolve) => server.close(resolve))
  })
  const client = transport(`http://127.0.0.1:${port}`, new RecordingLimiter(), { keepAliveTimeoutMs: 200 })
  closers.push(() => client.close())
  const answer = await client.send('GET', '/api/submission-status', { submission_id: 'slow' })
  expect(answer.statusCode).toBe(200)
  expect(connections()).toBe(1)
  // The shortened timeout was in force: left idle past it, the connection is closed, and the next request
  // opens another.
  await new Promise((resolve) => setTimeout(resolve, 1_000))
  expect((await client.send('GET', '/api/submission-status', { submission_id: 'next' })).statusCode).toBe(200)
  expect(connections()).toBe(2)
})

test('a declared content-length over the cap is refused without reading the body', async () => {
  const { server } = jsonServer(() => ({
    headers: { 'content-length': 1024 * 1024 + 1 },
    body: 'x'.repeat(1024 * 1024 + 1)
  }))
  const port = await listen(server)
  closers.push(() => new Promise((resolve) => server.close(resolve)))
  const client = transport(`http://127.0.0.1:${port}`, new RecordingLimiter())
  closers.push(() => client.close())
  await expect(client.send('GET', '/api/submission-status', {})).rejects.toThrow(/larger than 1 MiB; refused/)
})

test('an abort by the caller rejects with its reason', async () => {
  const { server } = jsonServer(() => ({ delayMs: Infinity }))
  const port = await listen(server)
  closers.push(() => {
    server.closeAllConnections()
    return new Promise((resolve) => server.close(resolve))
  })
  const client = transport(`http://127.0.0.1:${port}`, new RecordingLimiter())
  closers.push(() => client.close())
  const controller = new AbortController()
  setTimeout(() => controller.abort(new Error('cancelled by SIGINT')), 100)
  await expect(client.send('GET', '/x', {}, { signal: controller.signal })).rejects.toThrow('cancelled by SIGINT')
})

describe('https', () => {
  let certDir: string
  let key: string
  let cert: string
  beforeAll(() => {
    certDir = mkdtempSync(path.join(tmpdir(), 'mpc-tls-'))
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1'].concat(
        ['-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(certDir, 'key.pem')],
        ['-out', path.join(certDir, 'cert.pem')]
      ),
      { stdio: 'ignore' }
    )
    key = readFileSync(path.join(certDir, 'key.pem'), 'utf8')
    cert = readFileSync(path.join(certDir, 'cert.pem'), 'utf8')
  })
  afterAll(() => rmSync(certDir, { recursive: true, force: true }))

  test('a new connection is marked sent after the TLS handshake, a reused one at once', async () => {
    let handshakes = 0
    // When each request reached the server, and when the proxy passed the server's bytes on: one clock
    // (this process's), so the comparisons below are of the order of events, not of durations.
    const received: number[] = []
    const delivered: number[] = []
    const server = createHttpsServer({ key, cert }, (req, res) => {
      received.push(performance.now())
      req.resume()
      req.on('end', () => res.end('{}'))
    })
    server.on('secureConnection', () => (handshakes += 1))
    const port = await listen(server)
    closers.push(() => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(resolve))
    })
    // A proxy that holds every byte from the server for 300 ms: the handshake takes at least that long.
    const HOLD_MS = 300
    const sockets: Socket[] = []
    const proxy = createTcpServer((client) => {
      const upstream = connect(port, '127.0.0.1')
      sockets.push(client, upstream)
      client.pipe(upstream)
      upstream.on('data', (chunk: Buffer) =>
        setTimeout(() => {
          delivered.push(performance.now())
          client.write(chunk)
        }, HOLD_MS)
      )
      upstream.on('close', () => setTimeout(() => client.destroy(), HOLD_MS))
      client.on('close', () => upstream.destroy())
      client.on('error', () => undefined)
      upstream.on('error', () => undefined)
    })
    const proxyPort = await listen(proxy)
    closers.push(() => {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => proxy.close(resolve))
    })

    const limiter = new RecordingLimiter()
    const client = transport(`https://127.0.0.1:${proxyPort}`, limiter, { ca: cert })
    closers.push(() => client.close())
    expect((await client.send('GET', '/a', { n: 1 })).statusCode).toBe(200)
    expect((await client.send('POST', '/b', { n: 2 })).statusCode).toBe(200)
    expect(handshakes).toBe(1)
    const [first, second] = limiter.grants
    expect(first?.sentCalls).toBe(1)
    expect(second?.sentCalls).toBe(1)
    // The first was marked sent only once the server's handshake bytes had come through the proxy, which
    // holds them for 300 ms ...
    expect(first?.sentAt).toBeGreaterThanOrEqual(delivered[0] ?? Infinity)
    expect((first?.sentAt ?? 0) - (first?.grantedAt ?? 0)).toBeGreaterThanOrEqual(HOLD_MS - 5)
    // ... the second, on the kept connection, as it was written: before the server had it, and before the
    // proxy passed on anything more (the first answer's bytes were all delivered before it was granted).
    const deliveredBefore = delivered.filter((at) => at < (second?.grantedAt ?? 0)).length
    expect(second?.sentAt).toBeLessThanOrEqual(received[1] ?? -Infinity)
    expect(second?.sentAt).toBeLessThan(delivered[deliveredBefore] ?? Infinity)
    expect(delivered.length).toBeGreaterThan(deliveredBefore)
  })

  test('an untrusted certificate is a network error naming the reason', async () => {
    const server = createHttpsServer({ key, cert }, (_req, res) => res.end('{}'))
    const port = await listen(server)
    closers.push(() => new Promise((resolve) => server.close(resolve)))
    const limiter = new RecordingLimiter()
    const client = transport(`https://127.0.0.1:${port}`, limiter)
    closers.push(() => client.close())
    await expect(client.send('POST', '/b', {})).rejects.toThrow(
      /^network error: .*(self.signed|certificate).*\(1 attempt\)$/i
    )
    // The request never left: it was not marked sent.
    expect(limiter.grants[0]?.sentCalls).toBe(0)
  })

  test('a certificate error is not retried: it would fail the same way', async () => {
    const server = createHttpsServer({ key, cert }, (_req, res) => res.end('{}'))
    let handshakesTried = 0
    server.on('connection', () => (handshakesTried += 1))
    const port = await listen(server)
    closers.push(() => new Promise((resolve) => server.close(resolve)))
    const limiter = new RecordingLimiter()
    const client = transport(`https://127.0.0.1:${port}`, limiter, { retries: 3 })
    closers.push(() => client.close())
    const error = await client.send('GET', '/a', {}).catch((reason: unknown) => reason)
    expect(error).toBeInstanceOf(RequestFailure)
    expect(error).toMatchObject({
      kind: 'network',
      reason: 'not-retryable',
      attempts: 1,
      cause: expect.objectContaining({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
    })
    expect((error as RequestFailure).message).toMatch(/^network error: .*self.signed certificate.*\(1 attempt\)$/)
    expect(handshakesTried).toBe(1)
    expect(limiter.grants).toHaveLength(1)
  })
})
