// A loopback stand-in for the MPC API, for tests, the benchmark and the documentation screenshots.
// Plain JavaScript so that scripts run by plain `node` can use it too; types are in mpc-server.d.mts.
import { createServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { wamoAnswer } from './wamo-answers.mjs'

/** The two example answers of the MPC's API documentation. */
export const EXAMPLE_ACCEPTED = {
  accepted: true,
  pipeline_entry_time: '2026-01-01T00:06:00.696565+00:00',
  fault_events: []
}
export const EXAMPLE_REJECTED = {
  accepted: false,
  pipeline_entry_time: null,
  fault_events: [
    { message: 'exact duplicate of submission 2025-11-12T21:09:16.359_0000Ba8U', phase: 2, failure_code: 5 },
    { message: 'ingest failed', phase: 2, failure_code: 7 }
  ]
}
export const PENDING = { accepted: false, pipeline_entry_time: null, fault_events: [] }

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** The submission endpoints of minorplanetcenter.net: `/submit_psv`, `/submit_xml`, `/submit_obs`, each with `_test`. */
export const SUBMIT_PATH = /^\/submit_(psv|xml|obs)(_test)?$/

/**
 * A multipart/form-data body as its parts: name, filename (absent for a plain field, as `curl -F name=<file`
 * sends it), content type and value. Undefined when the body is not well-formed multipart.
 */
export function parseMultipart(contentType, raw) {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '')
  if (!boundary) return undefined
  const delimiter = `--${boundary[1] ?? boundary[2]}`
  const sections = raw.split(delimiter)
  if (sections.length < 3 || !sections.at(-1).startsWith('--')) return undefined
  const parts = []
  for (const section of sections.slice(1, -1)) {
    if (!section.startsWith('\r\n') || !section.endsWith('\r\n')) return undefined
    const end = section.indexOf('\r\n\r\n')
    if (end < 0) return undefined
    const headers = section.slice(2, end).split('\r\n')
    const disposition = headers.find((line) => /^content-disposition:/i.test(line)) ?? ''
    const name = /\bname="([^"]*)"/.exec(disposition)?.[1]
    const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1]
    const type = headers.find((line) => /^content-type:/i.test(line))?.replace(/^content-type:\s*/i, '')
    if (name === undefined) return undefined
    parts.push({ name, filename, contentType: type, value: section.slice(end + 4, -2) })
  }
  return parts
}

/** How the MPC answers a submission: `[ack].  Submission ID is <ID>`, or its 400 for a missing ack. */
function submitReply(format, parts, id) {
  const field = (name) => parts.find((part) => part.name === name)?.value
  const source = field('source') ?? ''
  const ack =
    format === 'obs' ? (/^ACK (.*)$/m.exec(source)?.[1] ?? '').replace(/\r$/, '') : (field('ack') ?? '').trim()
  if (format !== 'obs' && ack === '') return { status: 400, body: 'error: no `ack` value provided', text: true }
  return { body: `[${ack}].  Submission ID is ${id}\n`, text: true }
}

/**
 * Starts the stand-in on 127.0.0.1 at a free port.
 * options.answers: { [submission_id or label]: reply | reply[] }; an array is played in order, its last
 *   reply repeating. A reply is { status = 200, json, body, headers, delayMs, hang, bodyBytes }.
 * options.answer(request): a function returning a reply, consulted before `answers`.
 * options.latencyMs: added to every reply.
 * options.port: where to listen on 127.0.0.1 (default 0: any free port).
 * options.tls: { key, cert } to answer over https instead of http.
 * options.keepRequests: false to count requests (`received`) without keeping them (a scale run's 200,000
 *   records would measure the stand-in's memory, not the action's).
 * options.wamo: { [identifier]: observation[] } for GET /api/wamo (see wamo-answers.mjs); what is not in it
 *   is not_found, or malformed when it does not parse. `answer` may still answer a WAMO request first.
 * Unknown status IDs get 404; unknown action-code labels get 200 with an empty JSON object.
 * A POST to a submission endpoint (SUBMIT_PATH) gets the MPC's reply with a new submission ID, or its 400 for
 *   a PSV or XML batch without `ack`; the request's multipart parts are recorded as `parts`, and each
 *   answered submission in `submissions`. An ID from a production endpoint is then known to the status
 *   endpoint as accepted (unless `answers` says otherwise); one from a `_test` endpoint is not.
 */
export async function startMpcServer(options = {}) {
  const requests = []
  const submissions = []
  const issued = new Map()
  const served = new Map()
  const sockets = new Set()
  let inFlight = 0
  const state = { peakInFlight: 0, received: 0, answers: options.answers ?? {} }

  const pick = (key) => {
    const script = state.answers[key]
    if (script === undefined) return undefined
    if (!Array.isArray(script)) return script
    const index = served.get(key) ?? 0
    served.set(key, index + 1)
    return script[Math.min(index, script.length - 1)]
  }

  const listener = (req, res) => {
    const startedAt = performance.now()
    inFlight += 1
    state.peakInFlight = Math.max(state.peakInFlight, inFlight)
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('end', async () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      let json
      try {
        json = JSON.parse(raw)
      } catch {
        json = undefined
      }
      const record = { method: req.method, path: req.url, headers: req.headers, body: raw, json, startedAt }
      const submitPath = req.method === 'POST' ? SUBMIT_PATH.exec(req.url ?? '') : null
      if (submitPath) record.parts = parseMultipart(req.headers['content-type'], raw)
      state.received += 1
      if (options.keepRequests !== false) requests.push(record)
      const key = json?.submission_id ?? json?.label
      let reply = options.answer?.(record) ?? (key === undefined ? undefined : pick(key))
      if (reply === undefined && submitPath) {
        const id = `${new Date().toISOString().slice(0, 23)}_S${String(submissions.length + 1).padStart(7, '0')}`
        reply = submitReply(submitPath[1], record.parts ?? [], id)
        if (reply.status === undefined) {
          const test = submitPath[2] !== undefined
          submissions.push({ id, path: req.url, test, parts: record.parts })
          if (!test) issued.set(id, { ...EXAMPLE_ACCEPTED, pipeline_entry_time: new Date().toISOString() })
        }
      }
      if (reply === undefined && issued.has(key)) reply = { json: issued.get(key) }
      if (reply === undefined && req.url === '/api/wamo') reply = wamoAnswer(options.wamo ?? {}, json)
      if (reply === undefined) {
        reply = req.url?.startsWith('/api/action-codes/')
          ? { json: {} }
          : { status: 404, json: { detail: 'Not found' } }
      }
      const delay = (options.latencyMs ?? 0) + (reply.delayMs ?? 0)
      if (delay > 0) await sleep(delay)
      if (reply.hang) return // never answers; the client must time out
      if (reply.reset) {
        // The whole request was read, then the connection drops: the MPC may have taken the batch.
        inFlight -= 1
        req.socket.destroy()
        return
      }
      const headers = { ...(reply.headers ?? {}) }
      let body
      if (reply.bodyBytes !== undefined) body = Buffer.alloc(reply.bodyBytes, 'x')
      else if (reply.body !== undefined) body = reply.body
      else body = JSON.stringify(reply.json ?? {})
      if (!headers['content-type'])
        headers['content-type'] =
          reply.body === undefined ? 'application/json' : reply.text ? 'text/plain' : 'text/html'
      res.writeHead(reply.status ?? 200, headers)
      res.end(body, () => {
        inFlight -= 1
        record.endedAt = performance.now()
      })
    })
  }
  const server = options.tls ? createHttpsServer(options.tls, listener) : createServer(listener)
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address()
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    submissions,
    get peakInFlight() {
      return state.peakInFlight
    },
    get received() {
      return state.received
    },
    /** Forgets the requests seen so far (and the peak in flight); the answers and issued IDs stay. */
    reset() {
      requests.length = 0
      state.received = 0
      state.peakInFlight = inFlight
    },
    setAnswers(answers) {
      state.answers = answers
      served.clear()
    },
    /** How many times the status endpoint was asked about one ID. */
    asked(id) {
      return requests.filter((request) => request.json?.submission_id === id).length
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    }
  }
}
