// A loopback stand-in for the GitHub Actions cache service, as @actions/cache 6 talks to it, for the verdict
// cache's tests. Plain JavaScript like the other fixtures; types are in cache-server.d.mts.
//
// @actions/cache picks the service from the environment the runner sets (lib/internal/config.js):
// - v2, on github.com (GITHUB_SERVER_URL unset, github.com, *.ghe.com or *.localhost) when
//   ACTIONS_CACHE_SERVICE_V2 is set: Twirp JSON calls to ACTIONS_RESULTS_URL
//   (POST /twirp/github.actions.results.api.v1.CacheService/{CreateCacheEntry,FinalizeCacheEntryUpload,
//   GetCacheEntryDownloadURL}); the archive goes up to the signed URL that CreateCacheEntry returns with the
//   Azure Blob SDK (a single-shot PUT of a block blob below 128 MiB) and comes down from the signed download URL
//   with a plain GET (the SDK is used only for *.blob.core.windows.net hosts).
// - v1, on GHES (any other GITHUB_SERVER_URL): REST calls under ACTIONS_CACHE_URL + _apis/artifactcache/
//   (GET cache?keys=&version=, POST caches, PATCH caches/{id} with Content-Range, POST caches/{id}).
// Both authenticate with ACTIONS_RUNTIME_TOKEN as a bearer token. The stand-in serves both, and every URL it
// hands out is on itself.
import { createServer } from 'node:http'

const TOKEN = 'stand-in-runtime-token'
const TWIRP = '/twirp/github.actions.results.api.v1.CacheService/'
const V1 = '/v1/_apis/artifactcache/'

/**
 * Starts the stand-in on 127.0.0.1 at a free port. Entries live in memory for the server's life: keys are
 * matched as the service does, by version first (it hashes the paths and the compression method), then the
 * exact key, then the newest entry whose key starts with the key, for the primary key and then each restore key.
 */
export const STAND_IN_SIGNATURE = 'c3RhbmQtaW4tc2lnbmF0dXJlK2Zvcg=='

export async function startCacheServer() {
  const requests = []
  const sockets = new Set()
  /** Answers held back by a `hang` failure: refused (not retried) on close, so no client retries on. */
  const held = new Set()
  /** Every reserved entry; `blob` is set once uploaded, `committed` once finalized. */
  const entries = []
  let nextId = 1
  let clock = 0
  let failure

  const send = (res, status, json, headers = {}) => {
    const body = json === undefined ? '' : JSON.stringify(json)
    res.writeHead(status, { ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...headers })
    res.end(body)
  }
  const twirpError = (res, status, code, msg) => send(res, status, { code, msg })

  /** The newest committed entry for the keys, by the service's matching rules. */
  const match = (keys, version) => {
    const candidates = entries.filter((entry) => entry.committed && entry.version === version)
    for (const key of keys) {
      const exact = candidates.find((entry) => entry.key === key)
      if (exact) return exact
      const prefixed = candidates.filter((entry) => entry.key.startsWith(key))
      if (prefixed.length > 0) return prefixed.reduce((a, b) => (b.committedAt > a.committedAt ? b : a))
    }
    return undefined
  }
  const reserve = (key, version) => {
    if (entries.some((entry) => entry.key === key && entry.version === version)) return undefined
    const entry = { id: nextId++, key, version, blob: undefined, committed: false, committedAt: 0 }
    entries.push(entry)
    return entry
  }
  const commit = (entry, size) => {
    if (!entry.blob || entry.blob.length !== size) return false
    entry.committed = true
    entry.committedAt = ++clock
    return true
  }
  // A signature as Azure's are (base64): the library masks it, and that mask is one of the lines that act.
  const blobUrl = (base, entry) => `${base}/blob/${entry.id}?sig=${STAND_IN_SIGNATURE}&se=2099-01-01`

  const handleTwirp = (req, res, method, json, base) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return twirpError(res, 401, 'unauthenticated', 'bad token')
    if (!json) return twirpError(res, 400, 'malformed', 'the body is not JSON')
    if (method === 'CreateCacheEntry') {
      const entry = reserve(String(json.key), String(json.version))
      if (!entry) {
        return twirpError(
          res,
          409,
          'already_exists',
          'cache entry with the same key, version, and scope already exists'
        )
      }
      return send(res, 200, { ok: true, signed_upload_url: blobUrl(base, entry) })
    }
    if (method === 'FinalizeCacheEntryUpload') {
      const entry = entries.find((e) => e.key === json.key && e.version === json.version && !e.committed)
      if (!entry || !commit(entry, Number(json.size_bytes))) {
        return send(res, 200, { ok: false, entry_id: '0', message: 'no upload of that size for this entry' })
      }
      return send(res, 200, { ok: true, entry_id: String(entry.id) })
    }
    if (method === 'GetCacheEntryDownloadURL') {
      const keys = [String(json.key), ...(Array.isArray(json.restore_keys) ? json.restore_keys.map(String) : [])]
      const entry = match(keys, String(json.version))
      if (!entry) return send(res, 200, { ok: false, signed_download_url: '', matched_key: '' })
      return send(res, 200, { ok: true, signed_download_url: blobUrl(base, entry), matched_key: entry.key })
    }
    return twirpError(res, 404, 'bad_route', `no method ${method}`)
  }

  const handleV1 = (req, res, resource, url, body, json, base) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(res, 401, { message: 'bad token' })
    if (req.method === 'GET' && resource === 'cache') {
      const keys = (url.searchParams.get('keys') ?? '').split(',')
      const entry = match(keys, url.searchParams.get('version') ?? '')
      if (!entry) return send(res, 204)
      return send(res, 200, { cacheKey: entry.key, scope: 'refs/heads/main', archiveLocation: blobUrl(base, entry) })
    }
    if (req.method === 'GET' && resource === 'caches') return send(res, 200, { totalCount: 0, artifactCaches: [] })
    if (req.method === 'POST' && resource === 'caches') {
      const entry = json && reserve(String(json.key), String(json.version))
      if (!entry) return send(res, 409, { message: 'Cache already exists.' })
      return send(res, 201, { cacheId: entry.id })
    }
    const idMatch = /^caches\/(\d+)$/.exec(resource)
    const entry = idMatch && entries.find((e) => e.id === Number(idMatch[1]) && !e.committed)
    if (!entry) return send(res, 404, { message: 'no such cache' })
    if (req.method === 'PATCH') {
      const range = /^bytes (\d+)-(\d+)\/\*$/.exec(req.headers['content-range'] ?? '')
      if (!range || Number(range[2]) - Number(range[1]) + 1 !== body.length) return send(res, 400, { message: 'range' })
      const start = Number(range[1])
      const old = entry.blob ?? Buffer.alloc(0)
      const blob = Buffer.alloc(Math.max(old.length, start + body.length))
      old.copy(blob)
      body.copy(blob, start)
      entry.blob = blob
      return send(res, 204)
    }
    if (req.method === 'POST') return commit(entry, Number(json?.size)) ? send(res, 204) : send(res, 400, {})
    return send(res, 405, { message: 'method' })
  }

  const handleBlob = (req, res, id, body) => {
    const entry = entries.find((e) => e.id === id)
    if (!entry) return send(res, 404)
    if (req.method === 'PUT') {
      // The Blob SDK's Put Blob: one request with the whole body (uploads over 128 MiB would use blocks).
      if (req.headers['x-ms-blob-type'] !== 'BlockBlob' || entry.committed) return send(res, 400)
      entry.blob = body
      return send(res, 201, undefined, {
        etag: `"0x${entry.id.toString(16)}"`,
        'last-modified': new Date().toUTCString(),
        'x-ms-request-id': `stand-in-${entry.id}`,
        'x-ms-version': '2025-01-05',
        'x-ms-request-server-encrypted': 'true'
      })
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && entry.committed) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': entry.blob.length })
      return res.end(req.method === 'GET' ? entry.blob : undefined)
    }
    return send(res, 404)
  }

  const server = createServer((req, res) => {
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const url = new URL(req.url ?? '/', 'http://stand-in')
      const record = { method: req.method ?? '', path: url.pathname, failed: false }
      requests.push(record)
      if (failure && (!failure.match || failure.match(record))) {
        record.failed = true
        if (failure.hang) {
          held.add(res) // never answers while the server runs: the client has to give up
          return
        }
        if (failure.reset) return req.socket.destroy()
        return twirpError(res, failure.status ?? 500, 'internal', 'the stand-in was told to fail')
      }
      const base = `http://127.0.0.1:${server.address().port}`
      let json
      try {
        json = body.length > 0 ? JSON.parse(body.toString('utf8')) : undefined
      } catch {
        json = undefined
      }
      if (req.method === 'POST' && url.pathname.startsWith(TWIRP)) {
        return handleTwirp(req, res, url.pathname.slice(TWIRP.length), json, base)
      }
      if (url.pathname.startsWith(V1)) return handleV1(req, res, url.pathname.slice(V1.length), url, body, json, base)
      const blob = /^\/blob\/(\d+)$/.exec(url.pathname)
      if (blob) return handleBlob(req, res, Number(blob[1]), body)
      return send(res, 404, { message: 'not a cache service route' })
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${server.address().port}`
  return {
    url,
    env: {
      ACTIONS_CACHE_SERVICE_V2: 'True',
      ACTIONS_RESULTS_URL: `${url}/`,
      ACTIONS_CACHE_URL: `${url}/v1/`,
      ACTIONS_RUNTIME_TOKEN: TOKEN
    },
    requests,
    /** Forgets the requests seen so far, so a test can look at its next step alone; what the service holds stays. */
    reset() {
      requests.length = 0
    },
    entries() {
      return entries
        .filter((entry) => entry.committed)
        .sort((a, b) => a.committedAt - b.committedAt)
        .map((entry) => ({ key: entry.key, version: entry.version, size: entry.blob.length }))
    },
    /** The archive a committed entry holds (to plant a copy of it under another key). */
    blobOf(key) {
      const entry = entries.find((candidate) => candidate.committed && candidate.key === key)
      if (!entry) throw new Error(`no committed entry ${key}`)
      return entry.blob
    },
    /** An entry as another run with write access to the same scope could leave: any bytes at all. */
    plant({ key, version, blob }) {
      const entry = reserve(key, version)
      if (!entry) throw new Error(`an entry ${key} already exists`)
      entry.blob = blob
      commit(entry, blob.length)
    },
    setFailure(next) {
      failure = next
    },
    async close() {
      // A client that was given up on is still waiting: a refusal it does not retry lets it end at once.
      for (const res of held) twirpError(res, 401, 'unauthenticated', 'the stand-in is closing')
      held.clear()
      await new Promise((resolve) => setTimeout(resolve, 50))
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    }
  }
}
