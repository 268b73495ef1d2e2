// A loopback stand-in for an HTTP proxy, as observatories run them: plain HTTP requests in absolute form
// ("GET http://host:port/path") are forwarded, and CONNECT opens a tunnel (how https goes through a proxy).
// Every host name is taken to mean 127.0.0.1, whatever it is: the proxy resolves no name and connects
// nowhere else, so a test may name any host and nothing leaves this machine. It records what it carried.
// Types are in proxy-server.d.mts.
import { createServer, request as httpRequest } from 'node:http'
import { connect } from 'node:net'

/** "host:port" of a CONNECT line or an absolute URL, split; the host as given (brackets kept). */
function splitTarget(target) {
  const match = /^(.*):(\d+)$/.exec(target)
  return match ? { host: match[1], port: Number(match[2]) } : undefined
}

/**
 * Starts the proxy on 127.0.0.1 at a free port.
 * options.authorization: when set, a request or CONNECT without exactly this Proxy-Authorization header
 *   gets 407 and is not carried.
 * options.connectDelayMs: how long a CONNECT waits before the proxy answers it (a slow proxy).
 */
export async function startProxyServer(options = {}) {
  const carried = []
  const refused = []
  const established = []
  const sockets = new Set()
  let open = 0
  const state = { peakOpen: 0 }

  const authorized = (req) =>
    options.authorization === undefined || req.headers['proxy-authorization'] === options.authorization

  const server = createServer((req, res) => {
    let target
    try {
      target = new URL(req.url ?? '')
    } catch {
      target = undefined
    }
    if (!target || target.protocol !== 'http:') {
      // An origin-form request ("GET /path"): the client spoke to the proxy as if it were the server.
      refused.push({ method: req.method, target: req.url, status: 400 })
      res.writeHead(400).end('not a proxy request')
      return
    }
    if (!authorized(req)) {
      refused.push({ method: req.method, target: target.host, status: 407 })
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="stand-in"' }).end()
      return
    }
    const port = Number(target.port || 80)
    carried.push({
      method: req.method,
      target: `${target.hostname}:${port}`,
      path: `${target.pathname}${target.search}`,
      host: req.headers.host,
      authorization: req.headers['proxy-authorization']
    })
    const headers = { ...req.headers }
    delete headers['proxy-authorization']
    delete headers['proxy-connection']
    const upstream = httpRequest(
      { host: '127.0.0.1', port, method: req.method, path: `${target.pathname}${target.search}`, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502)
      res.end()
    })
    req.pipe(upstream)
  })

  server.on('connect', (req, client, head) => {
    const target = splitTarget(req.url ?? '')
    client.on('error', () => undefined)
    if (!target) {
      refused.push({ method: 'CONNECT', target: req.url, status: 400 })
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n')
      return
    }
    if (!authorized(req)) {
      refused.push({ method: 'CONNECT', target: req.url, status: 407 })
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="stand-in"\r\n\r\n')
      return
    }
    carried.push({
      method: 'CONNECT',
      target: req.url,
      host: req.headers.host,
      authorization: req.headers['proxy-authorization']
    })
    const upstream = connect(target.port, '127.0.0.1')
    sockets.add(upstream)
    open += 1
    state.peakOpen = Math.max(state.peakOpen, open)
    upstream.on('close', () => {
      open -= 1
      sockets.delete(upstream)
      client.destroy()
    })
    upstream.on('error', () => client.destroy())
    client.on('close', () => upstream.destroy())
    upstream.on('connect', async () => {
      if (options.connectDelayMs) await new Promise((resolve) => setTimeout(resolve, options.connectDelayMs))
      established.push(performance.now())
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
  })

  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  return {
    url: `http://127.0.0.1:${port}`,
    carried,
    refused,
    established,
    /** Forgets what was carried, refused and established, so a test can look at its next step alone. */
    reset() {
      carried.length = 0
      refused.length = 0
      established.length = 0
    },
    get peakTunnels() {
      return state.peakOpen
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    }
  }
}
