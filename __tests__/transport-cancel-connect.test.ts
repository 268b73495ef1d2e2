// The run's cancel given to the transport (TransportOptions.signal) ends its connections at every stage: the
// TCP connect, the TLS handshake, a proxy's CONNECT and the handshake inside its tunnel, kept-alive idle
// connections; it opens none once aborted; and the signal's listeners do not grow with reconnections. The
// servers here are loopback ones that stall at the stage under test; a connection counts as ended when the
// server's side of it closes.
import { getEventListeners } from 'node:events'
import { createServer as createHttpServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { TLSSocket } from 'node:tls'
import { createServer as createTcpServer, type LookupFunction, type Server, type Socket } from 'node:net'
import { RequestLimiter } from '../src/core/limiter.js'
import type { Transport, TransportOptions } from '../src/core/transport.js'
import { listen, makeClient, makeTransport } from './helpers/client.js'
import { makePrivateCa, type PrivateCa } from './helpers/private-ca.js'
import { listenerThatNeverAccepts } from './helpers/unaccepting-listener.js'

let ca: PrivateCa
beforeAll(() => {
  ca = makePrivateCa(['127.0.0.1'])
})
afterAll(() => ca.remove())

const closers: (() => Promise<unknown> | void)[] = []
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.()
})

const warnings: string[] = []
const onWarning = (warning: Error): void => {
  warnings.push(`${warning.name}: ${warning.message}`)
}
beforeEach(() => {
  warnings.length = 0
  process.on('warning', onWarning)
})
afterEach(() => {
  process.off('warning', onWarning)
})

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** A TCP server that accepts and then does what `onSocket` says (by default reads and never answers). */
async function stallingServer(onSocket: (socket: Socket) => void = (socket) => socket.resume()) {
  const open = new Set<Socket>()
  let accepted = 0
  const server: Server = createTcpServer((socket) => {
    accepted += 1
    open.add(socket)
    socket.on('error', () => undefined)
    socket.on('close', () => open.delete(socket))
    onSocket(socket)
  })
  const port = await listen(server)
  closers.push(() => {
    for (const socket of open) socket.destroy()
    return new Promise((resolve) => server.close(resolve))
  })
  return { port, open, accepted: () => accepted }
}

// Through a proxy the transport resolves no name (the proxy does); a test name still resolves to loopback here.
const lookup: LookupFunction = (_hostname, options, callback) => {
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }])
  else callback(null, '127.0.0.1', 4)
}

function transport(baseUrl: string, extra: Partial<TransportOptions> = {}): Transport {
  const client = makeTransport(baseUrl, { ca: ca.caCert, lookup, ...extra })
  closers.push(() => client.close())
  return client
}

async function until(condition: () => boolean, ms = 1000): Promise<void> {
  for (let waited = 0; waited < ms && !condition(); waited += 10) await delay(10)
}

/** Waits up to a second for `value` to come to `expected`, then expects it there. */
async function eventually(value: () => number, expected: number): Promise<void> {
  await until(() => value() === expected)
  expect(value()).toBe(expected)
}

/** This process's TCP sockets, a connection still being made among them. */
const tcpSockets = (): number => process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length

test('a cancel during the TCP connect ends the connection, not only its request', async () => {
  const listener = await listenerThatNeverAccepts()
  closers.push(() => listener.close())
  const before = tcpSockets()
  const controller = new AbortController()
  const client = transport(`http://127.0.0.1:${listener.port}`, { signal: controller.signal })
  const sending = client.send('GET', '/x', {}, { signal: controller.signal })
  await delay(100)
  expect(tcpSockets()).toBe(before + 1)
  controller.abort(new Error('cancelled by SIGINT'))
  await expect(sending).rejects.toThrow('cancelled by SIGINT')
  // Gone within a second: undici's own connect timeout here is the request timeout, 10 s.
  await eventually(tcpSockets, before)
})

test('a cancel during the TLS handshake ends the connection at once', async () => {
  const server = await stallingServer()
  const controller = new AbortController()
  const client = transport(`https://127.0.0.1:${server.port}`, { signal: controller.signal })
  const sending = client.send('GET', '/x', {}, { signal: controller.signal })
  await eventually(() => server.open.size, 1)
  controller.abort(new Error('cancelled by SIGTERM'))
  await expect(sending).rejects.toThrow('cancelled by SIGTERM')
  await eventually(() => server.open.size, 0)
  expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
})

test("a cancel while a proxy has not answered the CONNECT ends the proxy's connection", async () => {
  const proxy = await stallingServer((socket) => socket.resume())
  const controller = new AbortController()
  const client = transport('https://mpc.test:1', {
    env: { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}` },
    signal: controller.signal
  })
  const sending = client.send('GET', '/x', {}, { signal: controller.signal })
  await eventually(() => proxy.open.size, 1)
  controller.abort(new Error('cancelled by SIGTERM'))
  await expect(sending).rejects.toThrow('cancelled by SIGTERM')
  await eventually(() => proxy.open.size, 0)
})

test('a cancel during the TLS handshake inside a CONNECT tunnel ends the tunnel', async () => {
  // The proxy grants the tunnel, then swallows the ClientHello: the handshake inside it never ends.
  const proxy = await stallingServer((socket) => {
    socket.once('data', () => {
      socket.write('HTTP/1.1 200 Connection established\r\n\r\n')
      socket.resume()
    })
  })
  const controller = new AbortController()
  const client = transport('https://mpc.test:1', {
    env: { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}` },
    signal: controller.signal
  })
  const sending = client.send('GET', '/x', {}, { signal: controller.signal })
  await until(() => proxy.open.size === 1)
  await delay(200)
  expect(proxy.open.size).toBe(1)
  controller.abort(new Error('cancelled by SIGTERM'))
  await expect(sending).rejects.toThrow('cancelled by SIGTERM')
  await eventually(() => proxy.open.size, 0)
})

test('a cancel ends kept-alive idle connections without the pool being closed', async () => {
  const open = new Set<Socket>()
  const server = createHttpServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    req.resume()
    req.on('end', () => setTimeout(() => res.end('{}'), 20))
  })
  server.on('connection', (socket: Socket) => {
    open.add(socket)
    socket.on('close', () => open.delete(socket))
  })
  const port = await listen(server)
  closers.push(() => {
    server.closeAllConnections()
    return new Promise((resolve) => server.close(resolve))
  })
  const controller = new AbortController()
  const client = transport(`http://127.0.0.1:${port}`, {
    signal: controller.signal,
    connections: 4,
    keepAliveTimeoutMs: 60_000
  })
  await Promise.all([1, 2, 3, 4].map(() => client.send('GET', '/x', {}, { signal: controller.signal })))
  expect(open.size).toBe(4)
  controller.abort(new Error('cancelled by SIGTERM'))
  await eventually(() => open.size, 0)
  expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
})

test('a transport whose cancel has already come opens no connection, even for a send without a signal', async () => {
  const server = await stallingServer()
  const controller = new AbortController()
  controller.abort(new Error('cancelled by SIGTERM'))
  const client = transport(`http://127.0.0.1:${server.port}`, { signal: controller.signal, retries: 2 })
  await expect(client.send('GET', '/x', {})).rejects.toThrow()
  await delay(300)
  // Node's net.connect with an aborted signal reports the abort, then connects anyway: a socket undici has
  // let go of, open (and holding the process) until the server ends it.
  expect(server.open.size).toBe(0)
})

test("the signal's listeners do not grow with reconnections", async () => {
  // Every answer closes its connection: each request opens a new one.
  let connections = 0
  const server = createHttpServer((req, res) => {
    req.resume()
    req.on('end', () => res.writeHead(200, { connection: 'close' }).end('{}'))
  })
  server.on('connection', () => (connections += 1))
  const port = await listen(server)
  closers.push(() => {
    server.closeAllConnections()
    return new Promise((resolve) => server.close(resolve))
  })
  const controller = new AbortController()
  const limiter = new RequestLimiter({ ratePerSecond: 0, concurrency: 16 })
  const client = transport(`http://127.0.0.1:${port}`, { signal: controller.signal, connections: 16, limiter })
  const counts: number[] = []
  const REQUESTS = 3000
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < REQUESTS) {
      next += 1
      await client.send('GET', '/x', {}, { signal: controller.signal })
      if (next % 500 === 0) counts.push(getEventListeners(controller.signal, 'abort').length)
    }
  }
  await Promise.all(Array.from({ length: 16 }, worker))
  expect(connections).toBeGreaterThanOrEqual(REQUESTS)
  // About one per connection open at a time (16; one closing may not have said so yet), whatever the number made.
  expect(Math.max(...counts)).toBeLessThanOrEqual(32)
  // Every connection closed: what is left is the limiter's one listener for the signal, none per connection.
  await until(() => getEventListeners(controller.signal, 'abort').length <= 1)
  expect(getEventListeners(controller.signal, 'abort').length).toBeLessThanOrEqual(1)
  expect(warnings).toEqual([])
}, 60_000)

test("WAMO's own pool (a larger answer cap) ends a connection still being made at the cancel too", async () => {
  const listener = await listenerThatNeverAccepts()
  closers.push(() => listener.close())
  const before = tcpSockets()
  const controller = new AbortController()
  const client = makeClient(`http://127.0.0.1:${listener.port}`, {
    signal: controller.signal,
    requestTimeoutMs: 10_000
  })
  closers.push(() => client.close())
  const asking = client.wamo(['2026-01-01T00:05:07.453_0000BhCE'], { signal: controller.signal }).catch(() => undefined)
  await delay(100)
  expect(tcpSockets()).toBe(before + 1)
  controller.abort(new Error('cancelled by SIGTERM'))
  await asking
  await eventually(tcpSockets, before)
})

test.each(['TLSv1.3', 'TLSv1.2'] as const)(
  'with a cancel signal, a new %s connection still resumes the session of an earlier one',
  async (version) => {
    // Every answer closes its connection, so each request makes a new one; the server says whether it resumed.
    const reused: boolean[] = []
    const server = createHttpsServer({ key: ca.key, cert: ca.cert, maxVersion: version }, (req, res) => {
      req.resume()
      req.on('end', () => res.writeHead(200, { connection: 'close' }).end('{}'))
    })
    server.on('secureConnection', (socket: TLSSocket) => reused.push(socket.isSessionReused()))
    const port = await listen(server)
    closers.push(() => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(resolve))
    })
    const controller = new AbortController()
    const client = transport(`https://127.0.0.1:${port}`, { signal: controller.signal })
    for (let n = 0; n < 4; n += 1) await client.send('GET', '/x', {}, { signal: controller.signal })
    // The first is a full handshake; undici's own connector resumes the later ones, and so must this transport.
    expect(reused).toEqual([false, true, true, true])
  }
)

test('connections that fail leave no listener on the signal either', async () => {
  // A port nothing listens on any more: every attempt is refused, and retried.
  const closed = createTcpServer()
  const port = await listen(closed)
  await new Promise((resolve) => closed.close(resolve))
  const controller = new AbortController()
  const client = transport(`http://127.0.0.1:${port}`, { signal: controller.signal, retries: 5 })
  await expect(client.send('GET', '/x', {}, { signal: controller.signal })).rejects.toThrow(/ECONNREFUSED/)
  // The limiter's one listener for the signal at most, none per attempt.
  expect(getEventListeners(controller.signal, 'abort').length).toBeLessThanOrEqual(1)
})

test('http through a proxy in absolute form: a cancel ends the connection to the proxy still being made', async () => {
  const listener = await listenerThatNeverAccepts()
  closers.push(() => listener.close())
  const before = tcpSockets()
  const controller = new AbortController()
  const client = transport('http://mpc.test:1', {
    env: { HTTP_PROXY: `http://127.0.0.1:${listener.port}` },
    signal: controller.signal
  })
  const sending = client.send('GET', '/x', {}, { signal: controller.signal })
  await delay(100)
  expect(tcpSockets()).toBe(before + 1)
  controller.abort(new Error('cancelled by SIGTERM'))
  await expect(sending).rejects.toThrow('cancelled by SIGTERM')
  await eventually(tcpSockets, before)
})
