// The action-codes core and its summary, against the loopback MPC stand-in over real HTTP.
import { startMpcServer, type MpcServer } from '../__fixtures__/mpc-server.mjs'
import {
  actionCodesLine,
  decideActionCodesVerdict,
  planLabels,
  requestActionCodes,
  splitLabels,
  type ActionCodeResult
} from '../src/core/action-codes.js'
import { MpcClient } from '../src/core/client.js'
import { actionCodeAnnotations, renderActionCodesSummary } from '../src/report/action-codes-summary.js'
import { makeClient as makeLoopbackClient, makeTransport } from './helpers/client.js'
import { elements, renderGfm, tables, textOf } from './helpers/gfm.js'

const TRKSUB = 'A10cnQO'
const TRKID = '00000DwbEz'
const EIGHT = '0000FzZw'
const BLOCK = '2024-05-02T21:03:35.001_0000FzZw_01'
const SUBMISSION = '2024-05-02T21:03:35.001_0000FzZw'

let server: MpcServer
let client: MpcClient
const clients: MpcClient[] = []

function makeClient(retries = 3): MpcClient {
  const made = new MpcClient(makeTransport(server.url, { requestTimeoutMs: 5000, retries, retryBaseMs: 1 }))
  clients.push(made)
  return made
}

beforeEach(async () => {
  server = await startMpcServer()
  client = makeClient()
})
afterEach(async () => {
  await Promise.all(clients.splice(0).map((made) => made.close()))
  await server.close()
})

const posted = (): unknown[] => server.requests.map((request) => request.json)

test('labels are split on line breaks and commas and trimmed, but an entry is never split at a space', () => {
  expect(splitLabels(` ${TRKSUB},${TRKID}\n\n${BLOCK}  ,, ${SUBMISSION}\r\n`)).toEqual([
    TRKSUB,
    TRKID,
    BLOCK,
    SUBMISSION
  ])
  // "label" is a well-formed trksub: a part of an entry must never become a request of its own.
  expect(splitLabels('not/a label')).toEqual(['not/a label'])
  expect(splitLabels(`${TRKSUB} ${TRKID}`)).toEqual([`${TRKSUB} ${TRKID}`])
  expect(splitLabels('')).toEqual([])
  expect(splitLabels('  ,  \n ')).toEqual([])
})

test('every documented format is accepted, named, and POSTed once as {"label": ...}', async () => {
  const run = await requestActionCodes([TRKSUB, TRKID, EIGHT, BLOCK, SUBMISSION], client)

  expect(run.results.map(({ label, format, status }) => ({ label, format, status }))).toEqual([
    { label: TRKSUB, format: 'trksub', status: 'requested' },
    { label: TRKID, format: 'trkid', status: 'requested' },
    { label: EIGHT, format: 'trksub or trkid', status: 'requested' },
    { label: BLOCK, format: 'submission block id', status: 'requested' },
    { label: SUBMISSION, format: 'submission id', status: 'requested' }
  ])
  expect(server.requests).toHaveLength(5)
  for (const request of server.requests) {
    expect(request.method).toBe('POST')
    expect(request.path).toBe('/api/action-codes/retrieve')
    expect(request.headers['content-type']).toBe('application/json')
    expect(Object.keys(request.json ?? {})).toEqual(['label'])
  }
  expect(new Set(posted())).toEqual(new Set([TRKSUB, TRKID, EIGHT, BLOCK, SUBMISSION].map((label) => ({ label }))))
  expect(decideActionCodesVerdict(run.results)).toMatchObject({ failed: false, requested: 5, failedCount: 0 })
})

test('a label given several times is sent once; labels differing only in case are distinct', async () => {
  const run = await requestActionCodes([TRKSUB, TRKSUB, TRKID, TRKSUB, TRKSUB.toLowerCase()], client)

  expect(run.results.map((result) => result.label)).toEqual([TRKSUB, TRKID, TRKSUB.toLowerCase()])
  expect(server.requests.filter((request) => request.json?.label === TRKSUB)).toHaveLength(1)
  expect(server.requests).toHaveLength(3)
})

test('any malformed label sends nothing at all: the well-formed ones are withheld as not-sent', async () => {
  const seen: string[] = []
  const run = await requestActionCodes(
    ['2024-25-02T21:03:35.001_0000FzZw', 'ABCDEFGHIJKLM', 'not/a label', TRKSUB, '<b>x</b>'],
    client,
    { onResult: (result) => seen.push(`${result.label}:${result.status}`) }
  )

  expect(server.requests).toHaveLength(0)
  expect(seen).toEqual([
    '2024-25-02T21:03:35.001_0000FzZw:malformed',
    'ABCDEFGHIJKLM:malformed',
    'not/a label:malformed',
    `${TRKSUB}:not-sent`,
    '<b>x</b>:malformed'
  ])
  const byLabel = Object.fromEntries(run.results.map((result) => [result.label, result]))
  expect(byLabel['2024-25-02T21:03:35.001_0000FzZw']).toMatchObject({
    format: null,
    status: 'malformed',
    message: expect.stringContaining('starts like a submission ID')
  })
  expect(byLabel['ABCDEFGHIJKLM']?.message).toContain('13 characters long')
  expect(byLabel['not/a label']?.message).toMatch(/^not sent: the label holds a blank .*trksub \(A10cnQO\)/)
  expect(byLabel[TRKSUB]).toMatchObject({ format: 'trksub', status: 'not-sent', message: /withheld/ })
  const verdict = decideActionCodesVerdict(run.results, run.problems)
  expect(verdict).toMatchObject({ failed: true, requested: 0, failedCount: 4, notSent: 1 })
  // One message naming every problem.
  expect(verdict.message).toMatch(/^Nothing was sent \(5 labels: 4 malformed, 1 not-sent\): /)
  for (const label of ['2024-25-02T21:03:35.001_0000FzZw', 'ABCDEFGHIJKLM', 'not/a label', '<b>x</b>']) {
    expect(verdict.message).toContain(`labels: "${label}"`)
  }
  expect(actionCodesLine(verdict, false)).toMatch(/^❌ Failed: Nothing was sent/)
})

test('no label at all, or more than 1000, sends nothing and fails with a message naming the input', async () => {
  for (const labels of [[], splitLabels('  ,  ')]) {
    const run = await requestActionCodes(labels, client, { name: 'LABEL' })
    expect(run.results).toEqual([])
    const verdict = decideActionCodesVerdict(run.results, run.problems)
    expect(verdict.failed).toBe(true)
    expect(verdict.message).toMatch(/^Nothing was sent \(0 labels: none\): LABEL: no labels given/)
  }
  const many = Array.from({ length: 1001 }, (_, i) => `L${String(i).padStart(6, '0')}`)
  const run = await requestActionCodes(many, client)
  expect(run.results.every((result) => result.status === 'not-sent')).toBe(true)
  expect(decideActionCodesVerdict(run.results, run.problems).message).toContain(
    '1001 distinct labels, more than the 1000'
  )
  expect(server.requests).toHaveLength(0)
})

test('a 400 is reported with its body and not retried; a 503 is retried until the MPC takes it', async () => {
  server.setAnswers({
    [TRKSUB]: { status: 400, json: { detail: 'unknown label' } },
    [TRKID]: [{ status: 503, body: 'busy' }, { status: 503 }, { json: {} }]
  })
  const run = await requestActionCodes([TRKSUB, TRKID], client)

  expect(server.requests.filter((request) => request.json?.label === TRKSUB)).toHaveLength(1)
  expect(server.requests.filter((request) => request.json?.label === TRKID)).toHaveLength(3)
  expect(run.results).toEqual([
    { label: TRKSUB, format: 'trksub', status: 'refused', message: 'HTTP 400: {"detail":"unknown label"}' },
    expect.objectContaining({ label: TRKID, status: 'requested' })
  ])
  expect(decideActionCodesVerdict(run.results)).toMatchObject({ failed: true, requested: 1, failedCount: 1 })
})

test('a 429 that outlasts the retries is an error, after exactly retries + 1 attempts', async () => {
  server.setAnswers({ [TRKSUB]: { status: 429 } })
  const run = await requestActionCodes([TRKSUB], makeClient(2))

  expect(server.requests).toHaveLength(3)
  expect(run.results[0]).toMatchObject({ status: 'error', message: 'HTTP 429 after 3 attempts' })
})

test('a request that reached the MPC but timed out is not sent again: it may already have sent the e-mail', async () => {
  server.setAnswers({ [TRKSUB]: { hang: true } })
  const patient = makeLoopbackClient(server.url, { requestTimeoutMs: 300, retries: 3, retryBaseMs: 1 })
  clients.push(patient)
  const run = await requestActionCodes([TRKSUB], patient)

  expect(server.requests).toHaveLength(1)
  expect(run.results[0]).toMatchObject({
    status: 'error',
    message: expect.stringMatching(/^timed out after 300 ms; not repeated/)
  })
})

test('a cancelled run reports the unanswered labels as errors and says so', async () => {
  server.setAnswers({ [TRKSUB]: { hang: true } })
  const controller = new AbortController()
  const pending = requestActionCodes([TRKSUB], client, { signal: controller.signal })
  while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
  controller.abort(new Error('cancelled by SIGTERM'))
  const run = await pending

  expect(run.cancelled).toBe(true)
  expect(run.results[0]).toMatchObject({ status: 'error', message: expect.stringContaining('cancelled') })
})

test('planLabels keeps the first-seen order and every fitting format', () => {
  expect(planLabels([EIGHT, TRKSUB, EIGHT])).toEqual([
    { label: EIGHT, formats: ['trksub', 'trkid'] },
    { label: TRKSUB, formats: ['trksub'] }
  ])
})

describe('the job summary', () => {
  const results: ActionCodeResult[] = [
    { label: EIGHT, format: 'trksub or trkid', status: 'requested', message: 'request taken' },
    { label: TRKID, format: 'trkid', status: 'refused', message: 'HTTP 400: <img src=x onerror=alert(1)> @team' },
    { label: '[x](https://evil.example)|', format: null, status: 'malformed', message: 'not sent' },
    { label: TRKSUB, format: 'trksub', status: 'not-sent', message: 'not sent: withheld' }
  ]

  test('is a table of label, format and result, says where the codes go, and renders untrusted text inert', () => {
    const problems = ['labels: "[x](https://evil.example)|" fits none of the label formats']
    const markdown = renderActionCodesSummary({ results, verdict: decideActionCodesVerdict(results, problems) })
    const html = renderGfm(markdown)

    expect(markdown).toContain('❌ **Failed**: 4 labels: 1 malformed, 1 refused, 1 not-sent, 1 requested.')
    expect(html).toContain('<strong>Nothing was sent</strong>, so no e-mail went out:')
    expect(elements(html, 'li').map(textOf)).toEqual(problems)
    const [table] = tables(html)
    expect(table).toEqual([
      ['Label', 'Format', 'Result', 'Details'],
      [EIGHT, 'trksub or trkid', '📨 requested', ''],
      [TRKID, 'trkid', '⛔ refused', 'HTTP 400: <img src=x onerror=alert(1)> @team'],
      ['[x](https://evil.example)|', '—', '🚫 malformed', 'not sent'],
      [TRKSUB, 'trksub', '✋ not sent', 'not sent: withheld']
    ])
    expect(elements(html, 'img')).toHaveLength(0)
    const links = elements(html, 'a').map((a) => (a as unknown as { attrs: { value: string }[] }).attrs[0]?.value)
    expect(links).toEqual(['https://www.minorplanetcenter.net/submit_action_code'])
    expect(html).toMatch(/sends action codes by e-mail to the address of the original submitter/)
    expect(html).toMatch(/never in this log or in the API/)
  })

  test('cuts rows beyond the size budget and says how many', () => {
    const many: ActionCodeResult[] = Array.from({ length: 200 }, (_, i) => ({
      label: `L${String(i).padStart(6, '0')}`,
      format: 'trksub',
      status: 'requested',
      message: 'request taken'
    }))
    const markdown = renderActionCodesSummary({ results: many, verdict: decideActionCodesVerdict(many) }, 4000)
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(4000)
    expect(markdown).toMatch(/✂️ \d+ of 200 labels are not shown/)
    expect(markdown).toContain('sends action codes by e-mail')
  })
})

test('annotations name each failing label, at most ten plus a count of the rest', () => {
  const failing: ActionCodeResult[] = Array.from({ length: 12 }, (_, i) => ({
    label: `bad/${i}`,
    format: null,
    status: 'malformed',
    message: 'not sent'
  }))
  const withheld: ActionCodeResult = { label: TRKSUB, format: 'trksub', status: 'not-sent', message: 'withheld' }
  const annotations = actionCodeAnnotations([...failing, withheld])
  expect(annotations).toHaveLength(11)
  expect(annotations[0]).toMatchObject({ level: 'error', message: 'bad/0: not sent' })
  expect(annotations[10]?.message).toContain('2 more labels failed')
})
