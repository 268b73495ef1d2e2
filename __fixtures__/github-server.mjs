// A loopback stand-in for the part of the GitHub API the pull-request comment uses: issue comments (list with
// pagination, create, update), the two ways of finding a pull request from a commit, and the GraphQL query
// `viewer { login }` that names the token's identity. It records every request and keeps comments in memory.
// Types are in github-server.d.mts.
import { createServer } from 'node:http'

const FORBIDDEN = {
  message: 'Resource not accessible by integration',
  documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
  status: '403'
}

const BAD_CREDENTIALS = {
  message: 'Bad credentials',
  documentation_url: 'https://docs.github.com/graphql',
  status: '401'
}

const GRAPHQL_FAILURES = {
  401: BAD_CREDENTIALS,
  403: { ...FORBIDDEN, documentation_url: 'https://docs.github.com/graphql' },
  500: { message: 'Server Error' },
  502: { message: 'Server Error' }
}

const RATE_LIMITED = {
  message: 'API rate limit exceeded for installation ID 1.',
  documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
  status: '403'
}

/**
 * Starts the stand-in on 127.0.0.1 at a free port.
 * options.pulls: { [sha]: pull[] } answers GET /repos/{o}/{r}/commits/{sha}/pulls (unknown sha: []);
 *   the same pulls answer GET /repos/{o}/{r}/pulls?head=owner:branch when head.label matches.
 * options.deny: 'write' answers 403 "Resource not accessible by integration" to POST and PATCH (a fork's
 *   read-only token); 'all' to every request.
 * options.rateLimited: answers every request with the 403 GitHub sends when the rate limit is spent.
 * options.login: the token's identity (default 'github-actions[bot]', as for the workflow's GITHUB_TOKEN): the
 *   author of comments created through the API, and what POST /graphql answers to `viewer { login }`.
 * options.viewer: how POST /graphql answers instead: { status: 401 | 403 | 500 | 502 } that HTTP failure;
 *   'errors' a 200 carrying GraphQL errors and no data; 'hang' never answers (until close).
 *   A GraphQL query is a read, so deny: 'write' lets it through, as GitHub does for a read-only token.
 * options.listing: how GET /repos/{o}/{r}/issues/{n}/comments answers instead of from the stored comments:
 *   'hang' never answers (until close); { endless: true, linkBase } answers every page with 100 comments by
 *   someone else and a `Link` whose rel="next" is the following page, at `linkBase` (another origin standing
 *   for "elsewhere") or by default at the stand-in itself: an API whose listing never ends.
 * options.answer(request): a function returning { status, json, headers } to override anything, or HANG.
 * Each recorded request carries `at`, the performance.now() when it arrived.
 */
export async function startGitHubServer(options = {}) {
  const requests = []
  const comments = []
  const sockets = new Set()
  let nextId = 1000
  const state = {
    deny: options.deny,
    rateLimited: options.rateLimited ?? false,
    login: options.login ?? 'github-actions[bot]',
    viewer: options.viewer,
    listing: options.listing
  }

  const server = createServer((req, res) => {
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      let json
      try {
        json = raw ? JSON.parse(raw) : undefined
      } catch {
        json = undefined
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const record = {
        method: req.method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        json,
        at: performance.now()
      }
      requests.push(record)
      const reply = options.answer?.(record) ?? route(record)
      if (reply === HANG) return // the socket stays open until the client gives up or the server closes
      const headers = { 'content-type': 'application/json; charset=utf-8', ...(reply.headers ?? {}) }
      res.writeHead(reply.status ?? 200, headers)
      res.end(reply.status === 204 ? undefined : JSON.stringify(reply.json ?? {}))
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  const base = `http://127.0.0.1:${port}`

  const makeComment = (owner, repo, issue, body, login) => {
    const id = nextId++
    const now = new Date(Date.UTC(2026, 0, 1, 0, 0, id - 1000)).toISOString()
    return {
      id,
      owner,
      repo,
      issue_number: issue,
      body,
      user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
      html_url: `https://github.example/${owner}/${repo}/pull/${issue}#issuecomment-${id}`,
      url: `${base}/repos/${owner}/${repo}/issues/comments/${id}`,
      created_at: now,
      updated_at: now
    }
  }

  function route(record) {
    if (state.rateLimited) {
      return {
        status: 403,
        json: RATE_LIMITED,
        headers: { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1767225600' }
      }
    }
    const graphql = record.path === '/graphql' && record.method === 'POST'
    const writing = (record.method === 'POST' && !graphql) || record.method === 'PATCH'
    if (state.deny === 'all' || (state.deny === 'write' && writing)) return { status: 403, json: FORBIDDEN }
    if (graphql) return answerGraphql(record)

    let match = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(record.path)
    if (match) {
      const [, owner, repo, issueText] = match
      const issue = Number(issueText)
      if (record.method === 'GET' && state.listing === 'hang') return HANG
      if (record.method === 'GET' && state.listing?.endless) return endlessPage(record, owner, repo, issue)
      if (record.method === 'GET') {
        const all = comments.filter((c) => c.owner === owner && c.repo === repo && c.issue_number === issue)
        return page(record, all)
      }
      if (record.method === 'POST') {
        if (typeof record.json?.body !== 'string') return { status: 422, json: { message: 'body is missing' } }
        const comment = makeComment(owner, repo, issue, record.json.body, state.login)
        comments.push(comment)
        return { status: 201, json: publicView(comment) }
      }
    }
    match = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(record.path)
    if (match && record.method === 'PATCH') {
      const comment = comments.find((c) => c.id === Number(match[3]))
      if (!comment) return { status: 404, json: { message: 'Not Found' } }
      comment.body = record.json?.body
      comment.updated_at = new Date(Date.parse(comment.updated_at) + 60_000).toISOString()
      return { json: publicView(comment) }
    }
    match = /^\/repos\/([^/]+)\/([^/]+)\/commits\/([^/]+)\/pulls$/.exec(record.path)
    if (match && record.method === 'GET') return page(record, options.pulls?.[match[3]] ?? [])
    match = /^\/repos\/([^/]+)\/([^/]+)\/pulls$/.exec(record.path)
    if (match && record.method === 'GET') {
      const head = record.query.get('head')
      const wanted = record.query.get('state') ?? 'open'
      const all = Object.values(options.pulls ?? {}).flat()
      const unique = [...new Map(all.map((pull) => [pull.number, pull])).values()]
      return page(
        record,
        unique.filter(
          (pull) => (head === null || pull.head?.label === head) && (wanted === 'all' || pull.state === wanted)
        )
      )
    }
    return { status: 404, json: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } }
  }

  /** Answers `viewer { login }` only: the one query the action sends. */
  function answerGraphql(record) {
    const query = typeof record.json?.query === 'string' ? record.json.query : ''
    if (!/\bviewer\s*\{\s*login\s*\}/.test(query)) {
      return { json: { errors: [{ message: `The stand-in answers only viewer { login }, not: ${query}` }] } }
    }
    const viewer = state.viewer
    if (viewer === 'hang') return HANG
    if (viewer === 'errors') {
      return {
        json: { data: null, errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }] }
      }
    }
    if (viewer?.status) {
      return { status: viewer.status, json: GRAPHQL_FAILURES[viewer.status] ?? { message: 'Error' } }
    }
    return { json: { data: { viewer: { login: state.login } } } }
  }

  /** One page of `items` with a Link header, as GitHub paginates (per_page defaults to 30, at most 100). */
  function page(record, items) {
    const perPage = Math.min(Number(record.query.get('per_page') ?? 30) || 30, 100)
    const number = Math.max(Number(record.query.get('page') ?? 1) || 1, 1)
    const last = Math.max(Math.ceil(items.length / perPage), 1)
    const slice = items.slice((number - 1) * perPage, number * perPage).map(publicView)
    const headers = {}
    if (number < last) {
      const link = (n, rel) => {
        const url = new URL(`${base}${record.path}`)
        for (const [key, value] of record.query) url.searchParams.set(key, value)
        url.searchParams.set('page', String(n))
        return `<${url}>; rel="${rel}"`
      }
      headers.link = [link(number + 1, 'next'), link(last, 'last')].join(', ')
    }
    return { json: slice, headers }
  }

  /** A full page of comments by someone else, always with a next page (see options.listing). */
  function endlessPage(record, owner, repo, issue) {
    const number = Math.max(Number(record.query.get('page') ?? 1) || 1, 1)
    const items = Array.from({ length: 100 }, (_, i) => {
      const id = number * 100 + i
      return {
        id,
        body: `comment ${id}`,
        user: { login: 'octocat', type: 'User' },
        html_url: `https://github.example/${owner}/${repo}/pull/${issue}#issuecomment-${id}`,
        url: `${base}/repos/${owner}/${repo}/issues/comments/${id}`,
        issue_url: `${base}/repos/${owner}/${repo}/issues/${issue}`
      }
    })
    const next = new URL(`${state.listing.linkBase ?? base}${record.path}`)
    next.searchParams.set('per_page', '100')
    next.searchParams.set('page', String(number + 1))
    return { json: items, headers: { link: `<${next}>; rel="next"` } }
  }

  return {
    url: base,
    requests,
    comments,
    /** Forgets the requests seen so far, so a test can look at its next step alone; what the service holds stays. */
    reset() {
      requests.length = 0
    },
    /** Adds a comment as if someone had written it (login defaults to a person). */
    addComment(target, body, login = 'octocat') {
      const comment = makeComment(target.owner, target.repo, target.issue, body, login)
      comments.push(comment)
      return comment
    },
    commentsOn(target) {
      return comments.filter(
        (c) => c.owner === target.owner && c.repo === target.repo && c.issue_number === target.issue
      )
    },
    setDeny(deny) {
      state.deny = deny
    },
    setRateLimited(value) {
      state.rateLimited = value
    },
    setViewer(viewer) {
      state.viewer = viewer
    },
    /** The GraphQL queries received, in order. */
    graphqlQueries() {
      return requests.filter((r) => r.method === 'POST' && r.path === '/graphql').map((r) => r.json?.query)
    },
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}

/** What options.answer returns for a request that is never answered (until the client gives up or close). */
export const HANG = Symbol('hang')

function publicView(item) {
  if (item.issue_number === undefined) return item
  // GitHub's comment objects name the issue by URL, not by these bookkeeping fields.
  const { owner, repo, issue_number: issue, ...rest } = item
  return { ...rest, issue_url: `${rest.url.replace(/\/issues\/comments\/\d+$/, '')}/issues/${issue}` }
}
