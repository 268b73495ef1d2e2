// The pull-request comment against a loopback stand-in for the GitHub REST API. Each test hydrates a fresh
// @actions/github Context from the runner's variables (event file, repository, sha, run, API URL), the way
// the runner starts the action, and hands it to publishComment.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Context } from '../node_modules/@actions/github/lib/context.js'
import {
  startGitHubServer,
  type GitHubRequest,
  type GitHubServer,
  type PullFixture
} from '../__fixtures__/github-server.mjs'
import type { SubmissionResult } from '../src/core/submission-result.js'
import { decideVerdict, DEFAULT_FAIL_ON } from '../src/core/verdict.js'
import { describeCommentFailure, publishComment, type PublishRequest } from '../src/github/publish.js'
import { COMMENT_MAX_CHARS, commentMarker } from '../src/report/comment.js'
import { elements, renderGfm, tables, textOf } from './helpers/gfm.js'
import { submissionResult } from './helpers/factories.js'

const OWNER = 'octo-org'
const REPO = 'observations'
const PR = { owner: OWNER, repo: REPO, issue: 17 }
const HEAD_SHA = '1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c'
const MERGE_SHA = '9999999999999999999999999999999999999999'

const accepted = (id: string): SubmissionResult => submissionResult(id, 'accepted')
const rejected = (id: string): SubmissionResult =>
  submissionResult(id, 'rejected', {
    faults: ['exact duplicate of an earlier submission'],
    message: 'rejected',
    source: { file: 'mpc/ids.txt', line: 3 }
  })

const ACCEPTED_ID = '2026-01-01T00:05:07.453_0000BhCE'
const REJECTED_ID = '2025-11-12T21:11:49.579_0000Ba8V'

function summaryOf(results: SubmissionResult[]): PublishRequest['summary'] {
  return { title: 'MPC submission status', results, verdict: decideVerdict(results, DEFAULT_FAIL_ON) }
}
const PASSING = summaryOf([accepted(ACCEPTED_ID)])
const FAILING = summaryOf([accepted(ACCEPTED_ID), rejected(REJECTED_ID)])

let server: GitHubServer
let dir: string
const savedEnv = { ...process.env }

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gh-context-'))
})
afterEach(async () => {
  await server?.close()
  await rm(dir, { recursive: true, force: true })
  process.env = { ...savedEnv }
})

/** Sets the runner's variables for `event` with `payload` and hydrates @actions/github's Context from them. */
async function runnerContext(event: string, payload: object, env: Record<string, string> = {}): Promise<Context> {
  const eventPath = path.join(dir, 'event.json')
  await writeFile(eventPath, JSON.stringify(payload))
  Object.assign(process.env, {
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: event,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_SHA: MERGE_SHA,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_API_URL: server.url,
    ...env
  })
  return new Context()
}

const pullRequestEvent = { action: 'synchronize', number: 17, pull_request: { number: 17, head: { sha: HEAD_SHA } } }

async function publish(
  context: Context,
  overrides: Partial<PublishRequest> = {}
): Promise<Awaited<ReturnType<typeof publishComment>> & { log: string[] }> {
  const log: string[] = []
  const outcome = await publishComment({
    mode: 'always',
    tag: '',
    token: 'ghs_test-token',
    failed: false,
    summary: PASSING,
    context,
    info: (message) => log.push(message),
    ...overrides
  })
  return { ...outcome, log }
}

/** Requests that change something: not the reads, nor the GraphQL query for the token's identity. */
const writes = (s: GitHubServer): string[] =>
  s.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql').map((r) => `${r.method} ${r.path}`)
const VIEWER_QUERY = 'query { viewer { login } }'

/**
 * A comment signal that ends `ms` after the stand-in first receives a request `asked` picks, so a test of a
 * request that hangs does not depend on how long loading @actions/github took before it was sent.
 */
function abortOnceAsked(s: GitHubServer, asked: (r: GitHubRequest) => boolean, ms = 300): AbortSignal {
  const controller = new AbortController()
  const poll = setInterval(() => {
    if (!s.requests.some(asked)) return
    clearInterval(poll)
    setTimeout(() => controller.abort(new Error(`timed out after ${ms} ms`)), ms)
  }, 10)
  return controller.signal
}

test('the first run creates one comment that opens with the marker and holds the verdict, tables, run and commit', async () => {
  server = await startGitHubServer()
  const context = await runnerContext('pull_request', pullRequestEvent)
  const outcome = await publish(context, { failed: true, summary: FAILING })

  expect(outcome.action).toBe('created')
  expect(outcome.pullRequest).toBe(17)
  const comments = server.commentsOn(PR)
  expect(comments).toHaveLength(1)
  const body = comments[0]!.body
  expect(body.startsWith('<!-- mpc-submission-status: -->\n')).toBe(true)
  expect(body).toContain('❌ **Failed**')
  const html = renderGfm(body)
  // The marker is an HTML comment: in the page, but not in its text.
  expect(textOf(elements(html, 'body')[0]!)).not.toContain('mpc-submission-status')
  const [submissions, faults] = tables(html)
  // The comment marks the row that fails the step, as the job summary does.
  expect(submissions?.slice(1).map((row) => row.slice(0, 3))).toEqual([
    [REJECTED_ID, '❌ rejected', '❌ yes'],
    [ACCEPTED_ID, '✅ accepted', '']
  ])
  expect(faults?.[1]).toEqual([
    REJECTED_ID,
    'rejection',
    '❌ yes',
    '2',
    '5',
    'exact duplicate of an earlier submission'
  ])
  // The commit a person pushed (the pull request's head), not the merge commit in GITHUB_SHA.
  expect(html).toContain(`href="https://github.example/${OWNER}/${REPO}/commit/${HEAD_SHA}"`)
  expect(html).not.toContain(MERGE_SHA)
  expect(html).toContain(`href="https://github.example/${OWNER}/${REPO}/actions/runs/4242"`)

  const post = server.requests.find((r) => r.method === 'POST')
  expect(post?.path).toBe(`/repos/${OWNER}/${REPO}/issues/17/comments`)
  expect(post?.headers.authorization).toBe('token ghs_test-token')
  expect(post?.headers['user-agent']).toMatch(/^mpc-submission-status\//)
  expect(outcome.log.join('\n')).toContain('Commented on pull request #17')
})

test('a second run updates the same comment instead of adding one', async () => {
  server = await startGitHubServer()
  const context = await runnerContext('pull_request', pullRequestEvent)
  await publish(context, { failed: true, summary: FAILING })
  const first = server.commentsOn(PR)[0]!
  const second = await publish(context, { summary: PASSING })

  expect(second.action).toBe('updated')
  const comments = server.commentsOn(PR)
  expect(comments).toHaveLength(1)
  expect(comments[0]!.id).toBe(first.id)
  expect(comments[0]!.body).toContain('✅ **Passed**')
  expect(comments[0]!.body).not.toContain(REJECTED_ID)
  expect(writes(server)).toEqual([
    `POST /repos/${OWNER}/${REPO}/issues/17/comments`,
    `PATCH /repos/${OWNER}/${REPO}/issues/comments/${first.id}`
  ])
  // The first run found no comment with our marker, so only the second asked who the token is.
  expect(server.graphqlQueries()).toEqual([VIEWER_QUERY])
  const graphql = server.requests.find((r) => r.path === '/graphql')
  expect(graphql?.headers.authorization).toBe('token ghs_test-token')
})

test('each comment-tag keeps its own comment, and other people’s comments are never touched', async () => {
  server = await startGitHubServer()
  const bystanders = [
    server.addComment(PR, 'Looks good to me'),
    // Mentions our marker, but not at the start: a person quoting us is not us.
    server.addComment(PR, `> quoting the bot\n> ${commentMarker('')}\nwhy did this fail?`),
    server.addComment(PR, '<!-- some-other-bot -->\nCoverage 91%', 'coverage[bot]')
  ]
  const before = bystanders.map((c) => ({ id: c.id, body: c.body, updated_at: c.updated_at }))
  const context = await runnerContext('pull_request', pullRequestEvent)

  await publish(context, { tag: 'north site', summary: FAILING, failed: true })
  await publish(context, { tag: 'south', summary: PASSING })
  await publish(context, { tag: 'north site', summary: PASSING })
  await publish(context, { tag: 'south', summary: FAILING, failed: true })

  const comments = server.commentsOn(PR)
  expect(comments).toHaveLength(5)
  expect(comments.slice(0, 3).map((c) => ({ id: c.id, body: c.body, updated_at: c.updated_at }))).toEqual(before)
  const [north, south] = comments.slice(3)
  expect(north!.body.startsWith(commentMarker('north site'))).toBe(true)
  expect(north!.body).toContain('✅ **Passed**')
  expect(south!.body.startsWith(commentMarker('south'))).toBe(true)
  expect(south!.body).toContain('❌ **Failed**')
  const patched = server.requests.filter((r) => r.method === 'PATCH').map((r) => r.path)
  expect(patched.sort()).toEqual(
    [north!.id, south!.id].map((id) => `/repos/${OWNER}/${REPO}/issues/comments/${id}`).sort()
  )
})

test('a tag cannot close the hidden marker early, and tags that share a prefix stay apart', async () => {
  server = await startGitHubServer()
  const context = await runnerContext('pull_request', pullRequestEvent)
  await publish(context, { tag: 'a --> <b>x</b>' })
  await publish(context, { tag: 'a' })
  await publish(context, { tag: 'a --> <b>x</b>' })

  const comments = server.commentsOn(PR)
  expect(comments).toHaveLength(2)
  for (const comment of comments) {
    const firstLine = comment.body.split('\n')[0]!
    expect(firstLine.indexOf('-->')).toBe(firstLine.length - 3)
    expect(renderGfm(comment.body)).not.toContain('<b>')
  }
})

test('our comment is found past the first page of a busy pull request', async () => {
  server = await startGitHubServer()
  const context = await runnerContext('pull_request', pullRequestEvent)
  for (let i = 0; i < 120; i += 1) server.addComment(PR, `comment ${i}`)
  await publish(context)
  for (let i = 0; i < 90; i += 1) server.addComment(PR, `later comment ${i}`)
  const again = await publish(context, { summary: FAILING, failed: true })

  expect(again.action).toBe('updated')
  expect(server.commentsOn(PR)).toHaveLength(211)
  expect(writes(server)).toEqual([`POST /repos/${OWNER}/${REPO}/issues/17/comments`, expect.stringMatching(/^PATCH /)])
  expect(server.graphqlQueries()).toHaveLength(1)
  // Pages of 100: ours is the 121st comment, so the search stops on page 2 of 3.
  const pagesRead = server.requests.filter((r) => r.method === 'GET').map((r) => r.query.get('page') ?? '1')
  expect(pagesRead).toEqual(['1', '2', '1', '2'])
})

test('on-failure: a pass posts nothing; a failure posts; the next pass corrects it to say it passes now', async () => {
  server = await startGitHubServer()
  const context = await runnerContext('pull_request', pullRequestEvent)

  const quiet = await publish(context, { mode: 'on-failure', summary: PASSING })
  expect(quiet.action).toBe('skipped')
  expect(server.commentsOn(PR)).toHaveLength(0)
  expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([])

  await publish(context, { mode: 'on-failure', failed: true, summary: FAILING })
  expect(server.commentsOn(PR)[0]!.body).toContain('❌ **Failed**')

  const fixed = await publish(context, { mode: 'on-failure', summary: PASSING })
  expect(fixed.action).toBe('updated')
  expect(server.commentsOn(PR)).toHaveLength(1)
  expect(server.commentsOn(PR)[0]!.body).toContain('✅ **Passed**')
})

test('on-failure after a pass, past the 50 pages searched, posts nothing and says where it stopped', async () => {
  server = await startGitHubServer({ listing: { endless: true } })
  const context = await runnerContext('pull_request', pullRequestEvent)
  const outcome = await publish(context, { mode: 'on-failure', summary: PASSING })

  expect(outcome.action).toBe('skipped')
  expect(server.requests.map((r) => `${r.method} ${r.query.get('page')}`)).toEqual(
    Array.from({ length: 50 }, (_, i) => `GET ${i + 1}`)
  )
  expect(outcome.log[0]).toBe(
    'Our comment was looked for among the first 5,000 comments on pull request #17 (found from the ' +
      'pull_request event) only (50 pages of 100) and is not among them, so nothing is posted.'
  )
})

test('a comment listing that never answers ends with the comment’s signal and writes nothing', async () => {
  server = await startGitHubServer({ listing: 'hang' })
  const context = await runnerContext('pull_request', pullRequestEvent)
  const signal = abortOnceAsked(server, (r) => r.method === 'GET')

  const error = await publish(context, { signal }).catch((e: unknown) => e)

  expect(error).toBeInstanceOf(Error)
  expect(describeCommentFailure(error)).toBe(
    'The pull-request comment was not posted: GitHub could not be reached: timed out after 300 ms'
  )
  expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
    `GET /repos/${OWNER}/${REPO}/issues/17/comments`
  ])
}, 10_000)

test('a listing redirected to another origin does not take the token there', async () => {
  const elsewhere = await startGitHubServer()
  try {
    server = await startGitHubServer({
      answer: (r) =>
        r.method === 'GET' && r.path.endsWith('/issues/17/comments')
          ? { status: 302, headers: { location: `${elsewhere.url}${r.path}?page=1` } }
          : undefined
    })
    const context = await runnerContext('pull_request', pullRequestEvent)
    await publish(context)

    expect(elsewhere.requests.length).toBeGreaterThan(0)
    expect(elsewhere.requests.map((r) => r.headers.authorization)).toEqual(elsewhere.requests.map(() => undefined))
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(
      server.requests.map(() => 'token ghs_test-token')
    )
  } finally {
    await elsewhere.close()
  }
})

describe('only a comment the token itself wrote is ever edited', () => {
  const MARKER = commentMarker('')
  const ourOldBody = `${MARKER}\n## MPC submission status\n\n❌ **Failed**: an earlier run`
  const unchanged = (c: { id: number; body: string; updated_at: string }) => ({
    id: c.id,
    body: c.body,
    updated_at: c.updated_at
  })

  test('a person’s comment that opens with our exact marker is left alone: ours is created, then updated', async () => {
    server = await startGitHubServer()
    // A reviewer quoted our comment whole, marker first; another bot happens to open with it too.
    const quoted = server.addComment(PR, `${MARKER}\n## MPC submission status\n\nwhy did this fail?`, 'octocat')
    const otherBot = server.addComment(PR, `${MARKER}\nsomething else`, 'coverage[bot]')
    const before = [quoted, otherBot].map(unchanged)
    const context = await runnerContext('pull_request', pullRequestEvent)

    const first = await publish(context, { summary: FAILING, failed: true })
    expect(first.action).toBe('created')
    const second = await publish(context, { summary: PASSING })
    expect(second.action).toBe('updated')

    const comments = server.commentsOn(PR)
    expect(comments).toHaveLength(3)
    expect(comments.slice(0, 2).map(unchanged)).toEqual(before)
    const ours = comments[2]!
    expect(ours.user.login).toBe('github-actions[bot]')
    expect(ours.body).toContain('✅ **Passed**')
    expect(writes(server)).toEqual([
      `POST /repos/${OWNER}/${REPO}/issues/17/comments`,
      `PATCH /repos/${OWNER}/${REPO}/issues/comments/${ours.id}`
    ])
    // Asked once per run: both runs met a comment with our marker.
    expect(server.graphqlQueries()).toEqual([VIEWER_QUERY, VIEWER_QUERY])
  })

  test('our own earlier comment is updated, the login compared without regard to case', async () => {
    server = await startGitHubServer({ login: 'GitHub-Actions[bot]' })
    const quoted = server.addComment(PR, `${MARKER}\nquoted by a person`, 'octocat')
    const ours = server.addComment(PR, ourOldBody, 'github-actions[bot]')
    const context = await runnerContext('pull_request', pullRequestEvent)

    const outcome = await publish(context, { mode: 'on-failure', summary: PASSING })

    expect(outcome.action).toBe('updated')
    expect(outcome.log.join('\n')).toContain('Updated our comment on pull request #17')
    expect(writes(server)).toEqual([`PATCH /repos/${OWNER}/${REPO}/issues/comments/${ours.id}`])
    expect(server.commentsOn(PR)).toHaveLength(2)
    expect(server.commentsOn(PR)[0]!.body).toBe(quoted.body)
    expect(server.commentsOn(PR)[1]!.body).toContain('✅ **Passed**')
  })

  test('a comment by another identity (GITHUB_TOKEN before, an app’s token now) is not taken for ours', async () => {
    server = await startGitHubServer({ login: 'mpc-reporter[bot]' })
    const earlier = server.addComment(PR, ourOldBody, 'github-actions[bot]')
    const context = await runnerContext('pull_request', pullRequestEvent)

    const outcome = await publish(context)

    expect(outcome.action).toBe('created')
    expect(server.commentsOn(PR).map((c) => c.user.login)).toEqual(['github-actions[bot]', 'mpc-reporter[bot]'])
    expect(server.commentsOn(PR)[0]!.body).toBe(earlier.body)
  })

  test.each([
    [{ status: 401 } as const, 'GitHub answered 401 "Bad credentials'],
    [{ status: 403 } as const, 'GitHub answered 403 "Resource not accessible by integration'],
    [{ status: 500 } as const, 'GitHub answered 500 "Server Error'],
    ['errors' as const, 'GitHub answered with an error: "Resource not accessible by integration"']
  ])('when the identity cannot be learned (%j) no comment is edited: a new one is created', async (viewer, reason) => {
    server = await startGitHubServer({ viewer })
    const ours = server.addComment(PR, ourOldBody, 'github-actions[bot]')
    const before = unchanged(ours)
    const context = await runnerContext('pull_request', pullRequestEvent)

    const outcome = await publish(context, { summary: PASSING })

    expect(outcome.action).toBe('created')
    expect(server.requests.filter((r) => r.method === 'PATCH')).toEqual([])
    expect(writes(server)).toEqual([`POST /repos/${OWNER}/${REPO}/issues/17/comments`])
    expect(server.graphqlQueries()).toEqual([VIEWER_QUERY])
    const comments = server.commentsOn(PR)
    expect(comments).toHaveLength(2)
    expect(unchanged(comments[0]!)).toEqual(before)
    expect(comments[1]!.body).toContain('✅ **Passed**')
    const log = outcome.log.join('\n')
    expect(log).toContain('which account the token acts as could not be learned')
    expect(log).toContain(reason)
    expect(log).toContain('Commented on pull request #17')
  })

  test('on-failure after a pass with the identity unknown posts nothing and says why', async () => {
    server = await startGitHubServer({ viewer: { status: 403 } })
    const ours = server.addComment(PR, ourOldBody, 'github-actions[bot]')
    const before = unchanged(ours)
    const context = await runnerContext('pull_request', pullRequestEvent)

    const outcome = await publish(context, { mode: 'on-failure', summary: PASSING })

    expect(outcome.action).toBe('skipped')
    expect(writes(server)).toEqual([])
    expect(unchanged(server.commentsOn(PR)[0]!)).toEqual(before)
    expect(outcome.log).toEqual([
      expect.stringContaining('which account the token acts as could not be learned (GitHub answered 403'),
      'Passed and no comment on pull request #17 (found from the pull_request event) is known to be ours: ' +
        'nothing posted (pr-comment: on-failure).'
    ])
  })

  test('an identity lookup that never answers ends with the comment’s signal and writes nothing', async () => {
    server = await startGitHubServer({ viewer: 'hang' })
    server.addComment(PR, ourOldBody, 'github-actions[bot]')
    const context = await runnerContext('pull_request', pullRequestEvent)
    const signal = abortOnceAsked(server, (r) => r.path === '/graphql')

    const error = await publish(context, { signal }).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(Error)
    expect(describeCommentFailure(error)).toMatch(
      /^The pull-request comment was not posted: GitHub could not be reached/
    )
    expect(server.graphqlQueries()).toEqual([VIEWER_QUERY])
    expect(writes(server)).toEqual([])
  }, 10_000)

  test('a read-only token may still ask who it is', async () => {
    server = await startGitHubServer({ deny: 'write' })
    server.addComment(PR, ourOldBody, 'github-actions[bot]')
    const context = await runnerContext('pull_request', pullRequestEvent)

    const error = await publish(context).catch((e: unknown) => e)

    // It failed, with GitHub's 403 ...
    expect(error).toMatchObject({ status: 403 })
    // ... and the identity was learned, so the refusal is of the edit of our own comment, not of a new one.
    expect(describeCommentFailure(error)).toContain('GitHub answered 403')
    expect(server.requests.filter((r) => r.path === '/graphql' || r.method === 'PATCH').map((r) => r.method)).toEqual([
      'POST',
      'PATCH'
    ])
  })
})

test('a push finds the open pull request its commit belongs to', async () => {
  const pulls: Record<string, PullFixture[]> = {
    [HEAD_SHA]: [
      { number: 3, state: 'closed', head: { sha: 'aaaaaaa' } },
      { number: 17, state: 'open', head: { sha: HEAD_SHA } }
    ]
  }
  server = await startGitHubServer({ pulls })
  const context = await runnerContext('push', { after: HEAD_SHA, ref: 'refs/heads/feature' }, { GITHUB_SHA: HEAD_SHA })
  const outcome = await publish(context)

  expect(outcome.pullRequest).toBe(17)
  expect(server.requests[0]?.path).toBe(`/repos/${OWNER}/${REPO}/commits/${HEAD_SHA}/pulls`)
  expect(server.commentsOn(PR)).toHaveLength(1)
  expect(outcome.log.join('\n')).toContain('found from commit 1f2e3d4')
})

test('a push with no open pull request says so and writes nothing', async () => {
  server = await startGitHubServer({ pulls: { [HEAD_SHA]: [{ number: 3, state: 'closed', head: { sha: HEAD_SHA } }] } })
  const context = await runnerContext('push', { after: HEAD_SHA }, { GITHUB_SHA: HEAD_SHA })
  const outcome = await publish(context)

  expect(outcome.action).toBe('no-pull-request')
  expect(outcome.log).toEqual(['No pull request for this push event: no comment is posted.'])
  expect(writes(server)).toEqual([])
})

test('workflow_run from a fork finds the pull request by the fork’s branch and comments on the head commit', async () => {
  const forkSha = 'abcdefabcdefabcdefabcdefabcdefabcdefabcd'
  server = await startGitHubServer({
    pulls: { other: [{ number: 21, state: 'open', head: { sha: forkSha, label: 'stargazer:more-obs' } }] }
  })
  const context = await runnerContext('workflow_run', {
    workflow_run: {
      head_sha: forkSha,
      head_branch: 'more-obs',
      head_repository: { owner: { login: 'stargazer' } },
      pull_requests: []
    }
  })
  const outcome = await publish(context)

  expect(outcome.pullRequest).toBe(21)
  const list = server.requests.find((r) => r.path === `/repos/${OWNER}/${REPO}/pulls`)
  expect(list?.query.get('head')).toBe('stargazer:more-obs')
  const body = server.commentsOn({ owner: OWNER, repo: REPO, issue: 21 })[0]!.body
  expect(body).toContain(`/commit/${forkSha}`)
})

test('events without a pull request make no request at all', async () => {
  server = await startGitHubServer()
  const context = await runnerContext('schedule', { schedule: '0 3 * * *' })
  const outcome = await publish(context)

  expect(outcome.action).toBe('no-pull-request')
  expect(server.requests).toEqual([])
})

test('a read-only token (a fork’s pull request) fails with a warning text that says what to do', async () => {
  server = await startGitHubServer({ deny: 'write' })
  const context = await runnerContext('pull_request', pullRequestEvent)
  const error = await publish(context).then(
    () => undefined,
    (e: unknown) => e
  )

  expect(error).toMatchObject({ status: 403 })
  const warning = describeCommentFailure(error)
  expect(warning).toContain('403')
  expect(warning).toContain('Resource not accessible by integration')
  expect(warning).toContain('pull-requests: write')
  expect(warning).toContain('workflow_run')
  expect(server.commentsOn(PR)).toHaveLength(0)
})

test('a spent rate limit is named as such', async () => {
  server = await startGitHubServer({ rateLimited: true })
  const context = await runnerContext('pull_request', pullRequestEvent)
  const error = await publish(context).catch((e: unknown) => e)

  expect(error).toMatchObject({ status: 403, response: { headers: { 'x-ratelimit-remaining': '0' } } })
  expect(describeCommentFailure(error)).toMatch(/rate limit is spent \(it resets at 2026-01-01T00:00:00\.000Z\)/)
})

test('the comment stays within 65,536 characters, degrading like the summary', async () => {
  server = await startGitHubServer()
  const context = await runnerContext('pull_request', pullRequestEvent)
  const many: SubmissionResult[] = []
  for (let i = 0; i < 3000; i += 1) {
    const id = `2026-01-01T00:05:07.453_${String(i).padStart(8, '0')}`
    many.push(i % 3 === 0 ? rejected(id) : accepted(id))
  }
  await publish(context, { summary: summaryOf(many), failed: true })

  const body = server.commentsOn(PR)[0]!.body
  expect(body.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS)
  expect(body.length).toBeGreaterThan(COMMENT_MAX_CHARS - 2000)
  expect(body).toContain('3000 submissions: 1000 rejected, 2000 accepted')
  expect(body).toContain('accepted submissions without fault events are not listed here')
  expect(body).toContain('are not shown to keep this summary within GitHub')
  expect(body.startsWith(commentMarker(''))).toBe(true)
  expect(body).toContain('actions/runs/4242') // the footer survives the cut
})
