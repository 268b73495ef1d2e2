// The transport through a proxy (the loopback stand-in in __fixtures__/proxy-server.mjs): http in absolute
// form, https through a CONNECT tunnel to a server with a private CA, NO_PROXY going direct, the
// connection count and the "sent" mark kept, the proxy's credentials sent, a bad proxy variable failing
// at once. Every host name a test uses is carried by the proxy to 127.0.0.1.
import type { LookupFunction } from 'node:net'
import type { Transport, TransportOptions } from '../src/core/transport.js'
import { startMpcServer, type MpcServer } from '../__fixtures__/mpc-server.mjs'
import { startProxyServer, type ProxyServer } from '../__fixtures__/proxy-server.mjs'
import { makeTransport, RecordingLimiter } from './helpers/client.js'
import { makePrivateCa, type PrivateCa } from './helpers/private-ca.js'

let ca: PrivateCa
beforeAll(() => {
  ca = makePrivateCa(['mpc.test'])
})
afterAll(() => ca.remove())

const closers: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

// Names the transport itself resolves: to loopback, so that even a transport that wrongly went direct sends
// nothing away; through a proxy it must resolve none (the proxy does).
const lookups: string[] = []
beforeEach(() => (lookups.length = 0))
const lookup: LookupFunction = (hostname, options, callback) => {
  lookups.push(hostname)
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }])
  else callback(null, '127.0.0.1', 4)
}
afterEach(() => expect(lookups).toEqual([]))

async function servers(tls = false): Promise<{ mpc: MpcServer; proxy: ProxyServer; port: string }> {
  const mpc = await startMpcServer(tls ? { tls: { key: ca.key, cert: ca.cert } } : {})
  const proxy = await startProxyServer()
  closers.push(
    () => mpc.close(),
    () => proxy.close()
  )
  return { mpc, proxy, port: new URL(mpc.url).port }
}

function transport(baseUrl: string, env: Record<string, string>, extra: Partial<TransportOptions> = {}): Transport {
  const client = makeTransport(baseUrl, { limiter: new RecordingLimiter(), env, lookup, ...extra })
  closers.push(() => client.close())
  return client
}

test('http goes to the proxy in absolute form, with the Host of the server', async () => {
  const { mpc, proxy, port } = await servers()
  const client = transport(`http://mpc.test:${port}/base`, { HTTP_PROXY: proxy.url })
  const answer = await client.send('POST', '/api/submission-status', { submission_id: 'X' })
  expect(answer.statusCode).toBe(404)
  expect(proxy.carried).toEqual([
    expect.objectContaining({
      method: 'POST',
      target: `mpc.test:${port}`,
      path: '/base/api/submission-status',
      host: `mpc.test:${port}`
    })
  ])
  expect(mpc.requests).toHaveLength(1)
})

test('https goes through a CONNECT tunnel, the server certificate checked against the trusted CA', async () => {
  const { mpc, proxy, port } = await servers(true)
  const client = transport(`https://mpc.test:${port}`, { HTTPS_PROXY: proxy.url }, { ca: ca.caCert })
  expect((await client.send('POST', '/a', { submission_id: 'X' })).statusCode).toBe(404)
  expect((await client.send('POST', '/b', { submission_id: 'Y' })).statusCode).toBe(404)
  // One tunnel, kept alive for the second request; the proxy saw no request inside it.
  expect(proxy.carried).toEqual([expect.objectContaining({ method: 'CONNECT', target: `mpc.test:${port}` })])
  expect(mpc.requests.map((request) => request.path)).toEqual(['/a', '/b'])
  expect(mpc.requests[0]?.headers.host).toBe(`mpc.test:${port}`)
})

test('through a tunnel, a server certificate from no trusted CA fails, unsent and not retried', async () => {
  const { mpc, proxy, port } = await servers(true)
  const limiter = new RecordingLimiter()
  const client = transport(`https://mpc.test:${port}`, { HTTPS_PROXY: proxy.url }, { retries: 3, limiter })
  await expect(client.send('GET', '/a', {})).rejects.toThrow(/certificate.*\(1 attempt\)$/i)
  expect(limiter.grants).toHaveLength(1)
  expect(limiter.grants[0]?.sentAt).toBeUndefined()
  expect(mpc.requests).toHaveLength(0)
})

test('the connection count holds through the proxy: one tunnel per connection', async () => {
  const { mpc, proxy, port } = await servers(true)
  mpc.setAnswers({ slow: { delayMs: 150, json: {} } })
  const client = transport(`https://mpc.test:${port}`, { HTTPS_PROXY: proxy.url }, { ca: ca.caCert, connections: 2 })
  const answers = await Promise.all(
    Array.from({ length: 6 }, () => client.send('POST', '/api/submission-status', { submission_id: 'slow' }))
  )
  expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200, 200, 200])
  expect(proxy.peakTunnels).toBe(2)
  expect(mpc.peakInFlight).toBe(2)
})

test('a request is marked sent only once the tunnel and its TLS handshake are up', async () => {
  const mpc = await startMpcServer({ tls: { key: ca.key, cert: ca.cert } })
  const HOLD_MS = 300
  const proxy = await startProxyServer({ connectDelayMs: HOLD_MS })
  closers.push(
    () => mpc.close(),
    () => proxy.close()
  )
  const limiter = new RecordingLimiter()
  const client = transport(
    `https://mpc.test:${new URL(mpc.url).port}`,
    { HTTPS_PROXY: proxy.url },
    { ca: ca.caCert, limiter }
  )
  await client.send('GET', '/a', {})
  await client.send('GET', '/b', {})
  const [first, second] = limiter.grants
  // The first waited for the proxy's slow answer to CONNECT (one clock: the proxy, the server and the test
  // share this process, so these compare the order of events) ...
  expect(proxy.established).toHaveLength(1)
  expect(first?.sentAt).toBeGreaterThanOrEqual(proxy.established[0] ?? Infinity)
  expect((first?.sentAt ?? 0) - (first?.grantedAt ?? 0)).toBeGreaterThanOrEqual(HOLD_MS - 5)
  // ... the second reused the tunnel and was marked sent as it was written, before the server had it.
  expect(second?.sentAt).toBeLessThanOrEqual(mpc.requests[1]?.startedAt ?? -Infinity)
})

test('NO_PROXY sends the request directly; the proxy carries nothing', async () => {
  const { mpc, proxy, port } = await servers()
  // http-client never proxies a loopback name, so the server is named in the IPv4-mapped IPv6 form, which
  // its rule does not recognise as loopback: only NO_PROXY can send this one directly.
  const client = transport(`http://[::ffff:127.0.0.1]:${port}`, { HTTP_PROXY: proxy.url, NO_PROXY: '[::ffff:7f00:1]' })
  expect((await client.send('GET', '/a', {})).statusCode).toBe(404)
  expect(mpc.requests).toHaveLength(1)
  expect(proxy.carried).toHaveLength(0)
})

test('the proxy URL’s credentials go to the proxy, on CONNECT and in absolute form, never to the server', async () => {
  const authorization = `Basic ${Buffer.from('observer:s3cret').toString('base64')}`
  const mpc = await startMpcServer({ tls: { key: ca.key, cert: ca.cert } })
  const plain = await startMpcServer()
  const proxy = await startProxyServer({ authorization })
  closers.push(
    () => mpc.close(),
    () => plain.close(),
    () => proxy.close()
  )
  const proxyUrl = proxy.url.replace('http://', 'http://observer:s3cret@')
  const secure = transport(`https://mpc.test:${new URL(mpc.url).port}`, { HTTPS_PROXY: proxyUrl }, { ca: ca.caCert })
  const direct = transport(`http://mpc.test:${new URL(plain.url).port}`, { HTTP_PROXY: proxyUrl })
  expect((await secure.send('GET', '/a', {})).statusCode).toBe(404)
  expect((await direct.send('GET', '/b', {})).statusCode).toBe(404)
  expect(proxy.refused).toEqual([])
  expect(proxy.carried.map((request) => [request.method, request.authorization])).toEqual([
    ['CONNECT', authorization],
    ['GET', authorization]
  ])
  expect(mpc.requests[0]?.headers['proxy-authorization']).toBeUndefined()
  expect(plain.requests[0]?.headers['proxy-authorization']).toBeUndefined()
})

test('a proxy that refuses the tunnel is a network error naming its answer', async () => {
  const { mpc, port } = await servers(true)
  const proxy = await startProxyServer({ authorization: 'Basic nobody' })
  closers.push(() => proxy.close())
  const client = transport(`https://mpc.test:${port}`, { HTTPS_PROXY: proxy.url }, { ca: ca.caCert })
  await expect(client.send('GET', '/a', {})).rejects.toThrow(/407/)
  expect(mpc.requests).toHaveLength(0)
})

test('a proxy variable that is no URL fails every request at once, naming it, with nothing sent', async () => {
  const limiter = new RecordingLimiter()
  const client = transport(
    'https://mpc.test',
    { HTTPS_PROXY: 'socks5://user:pw@proxy.example' },
    { retries: 3, limiter }
  )
  const error = await client.send('GET', '/a', {}).catch((reason: unknown) => reason)
  expect(error).toMatchObject({ kind: 'network', reason: 'not-retryable', attempts: 0 })
  expect((error as Error).message).toMatch(/^HTTPS_PROXY must be an http:\/\/ or https:\/\/ URL.*; nothing was sent$/)
  expect((error as Error).message).not.toContain('pw')
  expect(limiter.grants).toHaveLength(0)
})
