// The bundled dist/index.js with pr-comment, run as the runner runs it: Octokit finds the GitHub API through
// GITHUB_API_URL (here a loopback stand-in) and the pull request through the event file.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { HANG, startGitHubServer, type GitHubRequest, type GitHubServer } from '../__fixtures__/github-server.mjs'
import { EXAMPLE_ACCEPTED, EXAMPLE_REJECTED, startMpcServer, type MpcServer } from '../__fixtures__/mpc-server.mjs'
import { assertFreshDist } from './helpers/dist.js'
import { renderGfm } from './helpers/gfm.js'
import { cancelWhen, REPO_ROOT, runAction, type RunOptions } from './helpers/run-action.js'

const ACCEPTED = '2026-01-01T00:05:07.453_0000BhCE'
const REJECTED = '2025-11-12T21:11:49.579_0000Ba8V'
const HEAD_SHA = '0123456789abcdef0123456789abcdef01234567'
const PR = { owner: 'octo-org', repo: 'observations', issue: 5 }

let mpc: MpcServer
let github: GitHubServer
let eventPath: string

beforeEach(async () => {
  mpc = await startMpcServer({
    answers: { [ACCEPTED]: { json: EXAMPLE_ACCEPTED }, [REJECTED]: { json: EXAMPLE_REJECTED } }
  })
  github = await startGitHubServer()
  const dir = await mkdtemp(path.join(tmpdir(), 'gh-event-'))
  eventPath = path.join(dir, 'event.json')
  await writeFile(eventPath, JSON.stringify({ number: 5, pull_request: { number: 5, head: { sha: HEAD_SHA } } }))
})
afterEach(async () => {
  await mpc.close()
  await github.close()
})

function runWith(ids: string, inputs: Record<string, string>, options: Partial<RunOptions> = {}) {
  return runAction({
    ...options,
    inputs: { 'submission-ids': ids, 'api-url': mpc.url, 'github-token': 'ghs_e2e', ...inputs },
    env: {
      GITHUB_API_URL: github.url,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REPOSITORY: 'octo-org/observations',
      GITHUB_SHA: 'ffffffffffffffffffffffffffffffffffffffff',
      GITHUB_RUN_ID: '777',
      GITHUB_SERVER_URL: 'https://github.example',
      ...options.env
    }
  })
}

const warnings = (stdout: string): string[] => stdout.split('\n').filter((line) => line.startsWith('::warning'))

test('the bundle creates the comment on the first run and updates it on the second', async () => {
  const first = await runWith(REJECTED, { 'pr-comment': 'always' })
  expect(first.code).toBe(1)
  expect(warnings(first.stdout)).toEqual([])
  expect(github.commentsOn(PR)).toHaveLength(1)
  expect(github.commentsOn(PR)[0]!.body).toMatch(/^<!-- mpc-submission-status: -->\n## MPC submission status\n/)
  expect(github.commentsOn(PR)[0]!.body).toContain('❌ **Failed**')
  expect(first.stdout).toContain('Commented on pull request #5 (found from the pull_request event)')

  const second = await runWith(ACCEPTED, { 'pr-comment': 'always' })
  expect(second.code).toBe(0)
  const comments = github.commentsOn(PR)
  expect(comments).toHaveLength(1)
  expect(comments[0]!.body).toContain('✅ **Passed**')
  expect(second.stdout).toContain('Updated our comment on pull request #5')
})

test('the job summary gains a footer with the repository, the pull request’s head commit and the run', async () => {
  const run = await runWith(ACCEPTED, {})
  const html = renderGfm(run.summary)
  expect(html).toContain('href="https://github.example/octo-org/observations"')
  expect(html).toContain(`href="https://github.example/octo-org/observations/commit/${HEAD_SHA}"`)
  expect(html).toContain('href="https://github.example/octo-org/observations/actions/runs/777"')
})

test.each([
  [REJECTED, 1],
  [ACCEPTED, 0]
])('a 403 from GitHub is a warning and leaves the step’s result to the MPC (%s → exit %d)', async (id, code) => {
  github.setDeny('write')
  const run = await runWith(id, { 'pr-comment': 'always' })

  expect(run.code).toBe(code)
  const [warning, ...others] = warnings(run.stdout)
  expect(others).toEqual([])
  expect(warning).toMatch(
    /^::warning title=Pull-request comment::The pull-request comment was not posted: GitHub answered 403/
  )
  expect(warning).toContain('Resource not accessible by integration')
  expect(run.outputs['all-accepted']).toBe(code === 0 ? 'true' : 'false')
  expect(run.summary).toContain(code === 0 ? '✅ **Passed**' : '❌ **Failed**')
})

test('an unreachable GitHub API is a warning, not a failure', async () => {
  await github.close()
  const run = await runWith(ACCEPTED, { 'pr-comment': 'on-failure' })
  expect(run.code).toBe(0)
  expect(warnings(run.stdout)).toHaveLength(1)
  expect(warnings(run.stdout)[0]).toMatch(
    /The pull-request comment was not posted: GitHub could not be reached: .*ECONNREFUSED/
  )
})

test('pr-comment off (the default) makes no request to GitHub', async () => {
  const failing = await runWith(REJECTED, {})
  const explicit = await runWith(ACCEPTED, { 'pr-comment': 'off' })
  expect(failing.code).toBe(1)
  expect(explicit.code).toBe(0)
  expect(github.requests).toEqual([])
  expect(`${failing.stdout}${explicit.stdout}`).not.toMatch(/pull request/i)
})

test('a bad pr-comment value fails the step with a message naming the input', async () => {
  const run = await runWith(ACCEPTED, { 'pr-comment': 'sometimes' })
  expect(run.code).toBe(1)
  expect(run.stdout).toContain('::error::pr-comment: "sometimes" is not one of off, always, on-failure')
  expect(mpc.requests).toEqual([])
  expect(github.requests).toEqual([])
})

test('Octokit is bundled apart from the entry, so a run without a comment does not load it', async () => {
  assertFreshDist()
  const entry = await readFile(path.join(REPO_ROOT, 'dist', 'index.js'), 'utf8')
  // @octokit/core names itself in its User-Agent trail; the entry must not hold it.
  const OCTOKIT_CORE = 'octokit-core.js/'
  expect(entry.includes(OCTOKIT_CORE)).toBe(false)
  const chunks = (await readdir(path.join(REPO_ROOT, 'dist'))).filter((name) => /^\d+\.index\.js$/.test(name))
  const texts = await Promise.all(chunks.map((name) => readFile(path.join(REPO_ROOT, 'dist', name), 'utf8')))
  expect(texts.some((text) => text.includes(OCTOKIT_CORE))).toBe(true)
})

describe('the comment’s requests to GitHub are bounded', () => {
  const COMMENTS_PATH = `/repos/${PR.owner}/${PR.repo}/issues/${PR.issue}/comments`
  const isListing = (r: GitHubRequest): boolean => r.method === 'GET' && r.path === COMMENTS_PATH
  const listings = (server: GitHubServer): GitHubRequest[] => server.requests.filter(isListing)
  const pagesAsked = (server: GitHubServer): string[] =>
    listings(server).map((r) => `${r.query.get('page')}/${r.query.get('per_page')}`)
  const FIFTY_PAGES = Array.from({ length: 50 }, (_, i) => `${i + 1}/100`)

  test('a listing whose Link always names a next page is read 50 pages of 100, then a new comment is posted', async () => {
    await github.close()
    github = await startGitHubServer({ listing: { endless: true } })
    const run = await runWith(REJECTED, { 'pr-comment': 'always' })

    expect(run.code).toBe(1)
    expect(pagesAsked(github)).toEqual(FIFTY_PAGES)
    expect(github.commentsOn(PR)).toHaveLength(1)
    expect(warnings(run.stdout)).toEqual([
      '::warning title=Pull-request comment::Our comment was looked for among the first 5,000 comments on pull ' +
        'request #5 (found from the pull_request event) only (50 pages of 100) and is not among them, so a new ' +
        'one is posted.'
    ])
    expect(run.stdout).toContain('Commented on pull request #5')
    expect(run.summary).toContain('❌ **Failed**')
  }, 30_000)

  test('a next link to another origin is never followed: it gets no request and never the token', async () => {
    const elsewhere = await startGitHubServer()
    try {
      await github.close()
      github = await startGitHubServer({ listing: { endless: true, linkBase: elsewhere.url } })
      const run = await runWith(ACCEPTED, { 'pr-comment': 'always' })

      expect(run.code).toBe(0)
      expect(elsewhere.requests).toEqual([])
      // Every page was asked for at the API's own origin, each with the token, as GitHub needs it.
      expect(pagesAsked(github)).toEqual(FIFTY_PAGES)
      expect(new Set(github.requests.map((r) => r.headers.authorization))).toEqual(new Set(['token ghs_e2e']))
      expect(github.commentsOn(PR)).toHaveLength(1)
    } finally {
      await elsewhere.close()
    }
  }, 30_000)

  // A listing that never answers is given up at the comment's 60 s bound: comment-signal.test.ts, on fake time.

  const PUSH_SHA = 'abcdefabcdefabcdefabcdefabcdefabcdefabcd'
  const hangs: Array<[string, (r: GitHubRequest) => boolean]> = [
    ['the pull-request lookup', (r) => r.method === 'GET' && r.path.endsWith(`/commits/${PUSH_SHA}/pulls`)],
    ['the comment listing', isListing],
    ['the identity query', (r) => r.method === 'POST' && r.path === '/graphql'],
    ['updating our comment', (r) => r.method === 'PATCH']
  ]
  test.each(hangs)(
    'a SIGTERM while %s hangs ends the step, summary and outputs written',
    async (_, hang) => {
      await github.close()
      github = await startGitHubServer({
        pulls: { [PUSH_SHA]: [{ number: PR.issue, state: 'open', head: { sha: PUSH_SHA } }] },
        answer: (r) => (hang(r) ? HANG : undefined)
      })
      // A comment of ours from an earlier run, so that the identity is asked for.
      github.addComment(PR, '<!-- mpc-submission-status: -->\nan earlier run', 'github-actions[bot]')
      github.addComment(PR, 'a person’s comment')
      await writeFile(eventPath, JSON.stringify({ after: PUSH_SHA }))
      const cancel = cancelWhen(() => github.requests.some(hang), { delayMs: 0 })
      const run = await runWith(
        REJECTED,
        { 'pr-comment': 'always' },
        { env: { GITHUB_EVENT_NAME: 'push' }, onStart: cancel.onStart }
      )

      expect(cancel.sentAt()).toBeGreaterThan(0)
      // The hung request never answers, and the comment's own bound is 60 s, past this test's timeout: the step
      // ended because of the cancel, as the warning says ("cancelled", not "timed out").
      expect(run.stdout).toContain('Received SIGTERM')
      expect(warnings(run.stdout)).toEqual([
        '::warning title=Pull-request comment::The pull-request comment was not posted: GitHub could not be ' +
          'reached: cancelled'
      ])
      expect(run.outputs['all-accepted']).toBe('false')
      expect(run.outputs['rejected-ids']).toContain(REJECTED)
      expect(run.summary).toContain('❌ **Failed**')
    },
    20_000
  )
})
