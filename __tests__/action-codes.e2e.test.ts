// Runs the committed dist/action-codes/index.js as the runner does and reads what it wrote.
import { startMpcServer, type MpcServer } from '../__fixtures__/mpc-server.mjs'
import { actionBundle } from './helpers/action-metadata.js'
import { elements, renderGfm, tables, textOf } from './helpers/gfm.js'
import { runAction } from './helpers/run-action.js'

const ENTRY = actionBundle('action-codes/action.yml')
const REJECTED = '2025-11-12T21:11:49.579_0000Ba8V'
const BLOCK = '2024-05-02T21:03:35.001_0000FzZw_01'

let server: MpcServer
beforeEach(async () => {
  server = await startMpcServer({ answers: { NOSUCH1: { status: 400, json: { detail: 'label not found' } } } })
})
afterEach(() => server.close())

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
  expect(run.outputs['not-sent-count']).toBe('0')
  // ✅ only because every label was requested; the last line keeps the counts.
  expect(run.summary).toContain('✅ **Passed**: 3 labels: 3 requested.')
  expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('✅ Passed: 3 labels: 3 requested.')

  const [table] = tables(renderGfm(run.summary))
  expect(table?.slice(1).map((row) => row.slice(0, 3))).toEqual([
    [REJECTED, 'submission id', '📨 requested'],
    [BLOCK, 'submission block id', '📨 requested'],
    ['0000FzZw', 'trksub or trkid', '📨 requested']
  ])
  expect(run.summary).toContain('by e-mail to the address of the original submitter')
  expect(run.stdout).toContain('https://www.minorplanetcenter.net/submit_action_code')
})

test('a refused label fails the step, sent once, and is annotated', async () => {
  const run = await runAction({
    entry: ENTRY,
    inputs: { labels: 'NOSUCH1, A10cnQO', 'api-url': server.url, retries: '3' }
  })

  expect(run.code).toBe(1)
  expect(server.requests.map((request) => request.json)).toEqual(
    expect.arrayContaining([{ label: 'NOSUCH1' }, { label: 'A10cnQO' }])
  )
  expect(server.requests).toHaveLength(2)
  expect(run.outputs).toMatchObject({ 'requested-count': '1', 'failed-count': '1', 'not-sent-count': '0' })
  expect(JSON.parse(run.outputs.results ?? '')[0]).toEqual({
    label: 'NOSUCH1',
    format: 'trksub',
    status: 'refused',
    message: 'HTTP 400: {"detail":"label not found"}'
  })
  expect(run.stdout).toMatch(/^::error title=The MPC refused the action-code request::NOSUCH1: HTTP 400/m)
  expect(run.stdout).toMatch(/^::error::❌ Failed: 2 labels: 1 refused, 1 requested\. Failing: NOSUCH1 \(refused\)$/m)
  expect(run.summary).toContain('❌ **Failed**: 2 labels: 1 refused, 1 requested.')
})

test('one malformed label sends nothing: the step fails, the others are not-sent, summary and outputs are written', async () => {
  // "label" is a well-formed trksub: the entry "not/a label" must never send it.
  const run = await runAction({
    entry: ENTRY,
    inputs: { labels: 'K25A00A, not/a label\nbad|x', 'api-url': server.url, 'rate-limit': '0' }
  })

  expect(run.code).toBe(1)
  expect(server.requests).toHaveLength(0)
  expect(JSON.parse(run.outputs.results ?? '')).toEqual([
    { label: 'K25A00A', format: 'trksub', status: 'not-sent', message: expect.stringContaining('withheld') },
    { label: 'not/a label', format: null, status: 'malformed', message: expect.stringContaining('holds a blank') },
    { label: 'bad|x', format: null, status: 'malformed', message: expect.stringContaining('fits none') }
  ])
  expect(run.outputs).toMatchObject({ 'requested-count': '0', 'failed-count': '2', 'not-sent-count': '1' })
  // One failure message naming every problem, as the step's last line.
  const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error::'))
  expect(errors).toHaveLength(1)
  expect(errors[0]).toMatch(
    /^::error::❌ Failed: Nothing was sent \(3 labels: 2 malformed, 1 not-sent\): labels: "not\/a label" holds a blank .*; labels: "bad\|x" fits none of the label formats; the MPC accepts a trksub/
  )
  expect(run.stdout).not.toContain('Requesting action codes')
  expect(run.stdout).not.toMatch(/Passed/)

  const html = renderGfm(run.summary)
  const [table] = tables(html)
  expect(table?.slice(1).map((row) => row.slice(0, 3))).toEqual([
    ['K25A00A', 'trksub', '✋ not sent'],
    ['not/a label', '—', '🚫 malformed'],
    ['bad|x', '—', '🚫 malformed']
  ])
  expect(run.summary).toContain('❌ **Failed**: 3 labels: 2 malformed, 1 not-sent.')
  expect(html).toContain('<strong>Nothing was sent</strong>, so no e-mail went out:')
})

test.each([
  ['empty', ''],
  ['blanks and commas', '  ,  '],
  ['line breaks', ' \n \n']
])(
  'no label at all (%s) sends nothing, fails with one message, and writes the summary and outputs',
  async (_name, labels) => {
    const run = await runAction({ entry: ENTRY, inputs: { labels, 'api-url': server.url } })
    expect(run.code).toBe(1)
    expect(server.requests).toHaveLength(0)
    expect(run.stdout).toMatch(/^::error::❌ Failed: Nothing was sent \(0 labels: none\): labels: no labels given/m)
    expect(run.outputs).toEqual({
      results: '[]',
      'requested-count': '0',
      'failed-count': '0',
      'not-sent-count': '0'
    })
    expect(run.summary).toContain('❌ **Failed**: 0 labels: none.')
    expect(elements(renderGfm(run.summary), 'li').map(textOf)).toEqual([
      'labels: no labels given; pass trksubs, trkids or submission (block) IDs, separated by commas or line breaks'
    ])
  }
)

test('more than 1000 distinct labels send nothing, and every one is reported not-sent', async () => {
  const labels = Array.from({ length: 1001 }, (_, i) => `L${i}`).join('\n')
  const run = await runAction({ entry: ENTRY, inputs: { labels, 'api-url': server.url } })
  expect(run.code).toBe(1)
  expect(server.requests).toHaveLength(0)
  expect(run.outputs['not-sent-count']).toBe('1001')
  expect(run.stdout).toMatch(/^::error::.*labels: 1001 distinct labels, more than the 1000 one run may ask for/m)
  expect(run.summary).toContain('1001 labels: 1001 not-sent')
})

test('a bad input is named and nothing is sent', async () => {
  const run = await runAction({ entry: ENTRY, inputs: { labels: 'A10cnQO', 'api-url': server.url, retries: 'x' } })
  expect(run.code).toBe(1)
  expect(run.stdout).toMatch(/^::error::retries: "x" is not a whole number/m)
  expect(server.requests).toHaveLength(0)
})
