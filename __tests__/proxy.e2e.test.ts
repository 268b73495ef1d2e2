// The bundles behind a proxy, as on a self-hosted runner inside an observatory's network: the status action
// and the command line reach the MPC stand-in through the proxy stand-in, over plain HTTP (absolute form)
// and over HTTPS (a CONNECT tunnel) with a certificate from a private CA trusted only through
// NODE_EXTRA_CA_CERTS; NO_PROXY sends them directly; GitHub (the pull-request comment) goes through it too.
//
// The servers are named by the IPv4-mapped IPv6 form of 127.0.0.1, [::ffff:127.0.0.1]: the proxy rule
// (@actions/http-client's) never proxies loopback names such as localhost or 127.0.0.1, and a made-up name
// would be looked up in DNS, off this machine, by a bundle that wrongly went direct. This one is loopback
// either way, and only the proxy or NO_PROXY decides the route.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startGitHubServer } from '../__fixtures__/github-server.mjs'
import { EXAMPLE_ACCEPTED, EXAMPLE_REJECTED, startMpcServer, type MpcServer } from '../__fixtures__/mpc-server.mjs'
import { startProxyServer, type ProxyServer } from '../__fixtures__/proxy-server.mjs'
import { makePrivateCa, type PrivateCa } from './helpers/private-ca.js'
import { runAction } from './helpers/run-action.js'
import { runCli as runCliIn, type CliRun } from './helpers/run-cli.js'

const ACCEPTED = '2026-01-01T00:05:07.453_0000BhCE'
const REJECTED = '2025-11-12T21:11:49.579_0000Ba8V'
const HOST = '[::ffff:127.0.0.1]'
const NO_PROXY_HOST = '[::ffff:7f00:1]'
const answers = { [ACCEPTED]: { json: EXAMPLE_ACCEPTED }, [REJECTED]: { json: EXAMPLE_REJECTED } }

let ca: PrivateCa
let proxy: ProxyServer
let plain: MpcServer
let secure: MpcServer
beforeAll(() => {
  ca = makePrivateCa(['::ffff:127.0.0.1', 'mpc.test'])
})
afterAll(() => ca.remove())
beforeEach(async () => {
  proxy = await startProxyServer()
  plain = await startMpcServer({ answers })
  secure = await startMpcServer({ answers, tls: { key: ca.key, cert: ca.cert } })
})
afterEach(async () => {
  await Promise.all([proxy.close(), plain.close(), secure.close()])
})

const urlOf = (server: MpcServer): string => {
  const url = new URL(server.url)
  return `${url.protocol}//${HOST}:${url.port}`
}
const targetOf = (server: MpcServer): string => `${NO_PROXY_HOST}:${new URL(server.url).port}`

function runStatus(server: MpcServer, env: Record<string, string>) {
  return runAction({
    inputs: { 'submission-ids': `${ACCEPTED}\n${REJECTED}`, 'api-url': urlOf(server), 'verdict-cache': 'false' },
    env,
    removeWorkspace: true
  })
}

const runCli = (args: string[], env: Record<string, string>): Promise<CliRun> => runCliIn(args, { env })

describe('the status action', () => {
  test('over http, through the proxy in absolute form', async () => {
    const run = await runStatus(plain, { HTTP_PROXY: proxy.url })
    expect(run.code).toBe(1)
    expect(run.outputs['accepted-count']).toBe('1')
    expect(run.outputs['rejected-count']).toBe('1')
    expect(proxy.carried.map((request) => [request.method, request.target, request.path])).toEqual([
      ['GET', targetOf(plain), '/api/submission-status'],
      ['GET', targetOf(plain), '/api/submission-status']
    ])
    expect(plain.requests).toHaveLength(2)
  })

  test('over https, through a CONNECT tunnel, trusting the private CA from NODE_EXTRA_CA_CERTS', async () => {
    const run = await runStatus(secure, { https_proxy: proxy.url, NODE_EXTRA_CA_CERTS: ca.caFile })
    expect(run.code).toBe(1)
    expect(run.outputs['accepted-count']).toBe('1')
    expect(run.outputs['rejected-count']).toBe('1')
    expect(proxy.carried.every((request) => request.method === 'CONNECT' && request.target === targetOf(secure))).toBe(
      true
    )
    expect(proxy.carried.length).toBeGreaterThanOrEqual(1)
    expect(secure.requests).toHaveLength(2)
  })

  test('without the private CA the tunnel leads to a certificate error, and nothing is sent', async () => {
    const run = await runStatus(secure, { HTTPS_PROXY: proxy.url })
    expect(run.code).toBe(1)
    expect(run.outputs['error-count']).toBe('2')
    expect(run.stdout).toMatch(/certificate/i)
    expect(proxy.carried.length).toBeGreaterThanOrEqual(1)
    expect(secure.requests).toHaveLength(0)
  })

  test('NO_PROXY sends the requests directly', async () => {
    const run = await runStatus(plain, { HTTP_PROXY: proxy.url, NO_PROXY: `mpc.example,${NO_PROXY_HOST}` })
    expect(run.code).toBe(1)
    expect(run.outputs['accepted-count']).toBe('1')
    expect(plain.requests).toHaveLength(2)
    expect(proxy.carried).toEqual([])
  })

  test('the pull-request comment goes to GitHub through the proxy too', async () => {
    const github = await startGitHubServer()
    try {
      const folder = await mkdtemp(path.join(tmpdir(), 'gh-event-'))
      const eventPath = path.join(folder, 'event.json')
      await writeFile(
        eventPath,
        JSON.stringify({ number: 5, pull_request: { number: 5, head: { sha: 'a'.repeat(40) } } })
      )
      const githubUrl = new URL(github.url)
      const run = await runAction({
        inputs: {
          'submission-ids': REJECTED,
          'api-url': urlOf(plain),
          'verdict-cache': 'false',
          'github-token': 'ghs_e2e',
          'pr-comment': 'always'
        },
        env: {
          HTTP_PROXY: proxy.url,
          GITHUB_API_URL: `http://${HOST}:${githubUrl.port}`,
          GITHUB_EVENT_PATH: eventPath,
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_REPOSITORY: 'octo-org/observations'
        },
        removeWorkspace: true
      })
      expect(run.stdout).toContain('Commented on pull request #5')
      expect(github.commentsOn({ owner: 'octo-org', repo: 'observations', issue: 5 })).toHaveLength(1)
      const githubTarget = `${NO_PROXY_HOST}:${githubUrl.port}`
      expect(proxy.carried.some((request) => request.target === githubTarget)).toBe(true)
      expect(proxy.carried.some((request) => request.target === targetOf(plain))).toBe(true)
    } finally {
      await github.close()
    }
  })
})

describe('the command line', () => {
  test('check over http, through the proxy in absolute form', async () => {
    const run = await runCli(['check', ACCEPTED, REJECTED, '--api-url', urlOf(plain), '--json'], {
      HTTP_PROXY: proxy.url
    })
    expect(run.code).toBe(1)
    const results = JSON.parse(run.stdout) as { submission_id: string; status: string }[]
    expect(results.map((result) => result.status)).toEqual(['accepted', 'rejected'])
    expect(proxy.carried.map((request) => [request.method, request.target])).toEqual([
      ['GET', targetOf(plain)],
      ['GET', targetOf(plain)]
    ])
  })

  test('check over https, through a CONNECT tunnel, trusting the private CA from NODE_EXTRA_CA_CERTS', async () => {
    const run = await runCli(['check', ACCEPTED, '--api-url', urlOf(secure)], {
      HTTPS_PROXY: proxy.url,
      NODE_EXTRA_CA_CERTS: ca.caFile
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(ACCEPTED)
    expect(proxy.carried).toEqual([expect.objectContaining({ method: 'CONNECT', target: targetOf(secure) })])
    expect(secure.requests).toHaveLength(1)
  })

  test('NO_PROXY=* sends the check directly', async () => {
    const run = await runCli(['check', ACCEPTED, '--api-url', urlOf(plain)], { HTTP_PROXY: proxy.url, NO_PROXY: '*' })
    expect(run.code).toBe(0)
    expect(plain.requests).toHaveLength(1)
    expect(proxy.carried).toEqual([])
  })

  test('a proxy variable that is no http URL is named in the result, its value never shown', async () => {
    const run = await runCli(['check', ACCEPTED, '--api-url', urlOf(plain), '--json'], {
      HTTP_PROXY: 'socks5://observer:s3cret@proxy.example:1080'
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('HTTP_PROXY must be an http:// or https:// URL')
    expect(`${run.stdout}${run.stderr}`).not.toContain('s3cret')
    expect(plain.requests).toHaveLength(0)
  })
})
