// A loopback stand-in for the MPC's Check Near-Duplicates API (GET /api/cnd, a JSON body
// {"obs": [...], "time_separation_s", "angle_separation_arcsec"}), answering as the MPC's documentation shows:
// {"request": <the request>, "results": {"<line>": [{"obs80", "time_separation_s", "angle_separation_arcsec"}]}}.
// `published` maps an 80-column line (as sent) to its matches; `fail` answers every request with that status;
// `answerOnly` keeps only the results of the lines it returns true for (a hostile or broken answer);
// `joinPairs` answers the two lines of a 160-column observation (the second with a lower-case column 15)
// as one search term, their concatenation, as the CND page allows.
import { createServer } from 'node:http'

export async function startCndServer({ published = new Map(), fail, answerOnly, joinPairs = false } = {}) {
  const requests = []
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      const url = new URL(request.url, 'http://localhost')
      let json
      try {
        json = JSON.parse(body)
      } catch {
        json = undefined
      }
      requests.push({ method: request.method, path: url.pathname, json })
      if (fail !== undefined) {
        response.writeHead(fail, { 'content-type': 'text/plain' })
        response.end('the stand-in fails as told')
        return
      }
      if (request.method !== 'GET' || url.pathname !== '/api/cnd' || !Array.isArray(json?.obs)) {
        response.writeHead(400, { 'content-type': 'application/json' })
        response.end(JSON.stringify({ detail: 'obs is required' }))
        return
      }
      if (json.obs.length > 10_000) {
        response.writeHead(400, { 'content-type': 'application/json' })
        response.end(JSON.stringify({ detail: 'at most 10000 observations per request' }))
        return
      }
      const terms = []
      for (const line of json.obs) {
        const second = joinPairs && /^[a-z]$/.test(line.charAt(14)) && terms.length > 0
        if (second) terms[terms.length - 1] += line
        else terms.push(line)
      }
      const answered = answerOnly === undefined ? terms : terms.filter((line) => answerOnly(line))
      const results = Object.fromEntries(answered.map((line) => [line, published.get(line) ?? []]))
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ request: json, results }))
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Forgets the requests seen so far, so a test can look at its next step alone; what the service holds stays. */
    reset() {
      requests.length = 0
    },
    close: () => new Promise((resolve) => server.close(resolve))
  }
}
