// Runs the committed dist/action-codes/index.js as the runner does and reads what it wrote.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { startMpcServer, type MpcServer } from '../__fixtures__/mpc-server.mjs'
import { renderGfm, tables } from './helpers/gfm.js'
import { REPO_ROOT, runAction } from './helpers/run-action.js'

const ENTRY = 'dist/action-codes/index.js'
const REJECTED = '2025-11-12T21:11:49.579_0000Ba8V'
const BLOCK = '2024-05-02T21:03:35.001_0000FzZw_01'

let server: MpcServer
beforeEach(async () => {
  server = await startMpcServer({ answers: { NOSUCH1: { status: 400, json: { detail: 'label not found' } } } })
})
afterEach(() => server.close())

test('action.yml runs the bundle on node24 from its subfolder', async () => {
  const yml = await readFile(path.join(REPO_ROOT, 'action-codes', 'action.yml'), 'utf8')
  expect(yml).toMatch(/^ {2}using: node24$/m)
  const main = /^ {2}main: (.+)$/m.exec(yml)?.[1]
  expect(path.resolve(REPO_ROOT, 'action-codes', main ?? '')).toBe(path.join(REPO_ROOT, ENTRY))
})

test('requests each distinct label once, writes outputs and a summary, and passes', async () => {
  const run = await runAction({
    entry: ENTRY,
    inputs: {
      labels: `${REJECTED}\n${BLOCK}, 0000FzZw\n${REJECTED}\n`,
      'api-url': server.url,
      'rate-limit': '0'
    }
  })

  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  expect(server.requests.map((request) => [request.method, request.path, request.json])).toEqual(
    expect.arrayContaining([
      ['POST', '/api/action-codes/retrieve', { label: REJECTED }],
      ['POST', '/api/action-codes/retrieve', { label: BLOCK }],
      ['POST', '/api/action-codes/retrieve', { label: '0000FzZw' }]
    ])
  )
  expect(server.requests).toHaveLength(3)
  expect(JSON.parse(run.outputs.results ?? '')).toEqual([
    { label: REJECTED, format: 'submission id', status: 'requested', message: expect.any(String) },
    { label: BLOCK, format: 'submission block id', status: 'requested', message: expect.any(String) },
    { label: '0000FzZw', format: 'trksub or trkid', status: 'requested', message: expect.any(String) }
  ])
  expect(run.outputs['requested-count']).toBe('3')
  expect(run.outputs['failed-count']).toBe('0')

  const [table] = tables(renderGfm(run.summary))
  expect(table?.slice(1).map((row) => row.slice(0, 3))).toEqual([
    [REJECTED, 'submission id', '📨 requested'],
    [BLOCK, 'submission block id', '📨 requested'],
    ['0000FzZw', 'trksub or trkid', '📨 requested']
  ])
  expect(run.summary).toContain('by e-mail to the address of the original submitter')
  expect(run.stdout).toContain('https://www.minorplanetcenter.net/submit_action_code')
})

test('fails on a malformed label (never sent) and on a refused one (sent once), and annotates both', async () => {
  const run = await runAction({
    entry: ENTRY,
    inputs: { labels: 'NOSUCH1 not/a/label A10cnQO', 'api-url': server.url, retries: '3' }
  })

  expect(run.code).toBe(1)
  expect(server.requests.map((request) => request.json)).toEqual(
    expect.arrayContaining([{ label: 'NOSUCH1' }, { label: 'A10cnQO' }])
  )
  expect(server.requests).toHaveLength(2)
  expect(run.outputs['requested-count']).toBe('1')
  expect(run.outputs['failed-count']).toBe('2')
  const results = JSON.parse(run.outputs.results ?? '')
  expect(results[0]).toEqual({
    label: 'NOSUCH1',
    format: 'trksub',
    status: 'refused',
    message: 'HTTP 400: {"detail":"label not found"}'
  })
  expect(results[1]).toMatchObject({ label: 'not/a/label', format: null, status: 'malformed' })
  expect(run.stdout).toMatch(/^::error title=Not an MPC label::not\/a\/label: not sent/m)
  expect(run.stdout).toMatch(/^::error title=The MPC refused the action-code request::NOSUCH1: HTTP 400/m)
  expect(run.stdout).toMatch(/^::error::.*Failing: NOSUCH1 \(refused\), not\/a\/label \(malformed\)/m)
})

test('an empty labels input fails the step without any request', async () => {
  const run = await runAction({ entry: ENTRY, inputs: { labels: ' \n ', 'api-url': server.url } })
  expect(run.code).toBe(1)
  expect(run.stdout).toMatch(/^::error::labels: no labels given/m)
  expect(server.requests).toHaveLength(0)
})

test('a bad input is named and nothing is sent', async () => {
  const run = await runAction({ entry: ENTRY, inputs: { labels: 'A10cnQO', 'api-url': server.url, retries: 'x' } })
  expect(run.code).toBe(1)
  expect(run.stdout).toMatch(/^::error::retries: "x" is not a whole number/m)
  expect(server.requests).toHaveLength(0)
})
