// The status action (dist/index.js) with `observations: true`, against the loopback stand-in answering WAMO
// from the MPC tutorial's recorded observations: summary, outputs and results-file.
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startCacheServer } from '../__fixtures__/cache-server.mjs'
import {
  EXAMPLE_ACCEPTED,
  EXAMPLE_REJECTED,
  startMpcServer,
  type MpcServer,
  type Reply
} from '../__fixtures__/mpc-server.mjs'
import { observationsOf } from '../__fixtures__/wamo-answers.mjs'
import { elements, renderGfm, tables, textOf } from './helpers/gfm.js'
import { runAction } from './helpers/run-action.js'

const PUBLISHED = '2026-01-01T00:05:07.453_0000BhCE'
const WAITING = '2026-01-02T01:02:03.004_0000WAIT'
const ITF = '2026-01-03T01:02:03.004_0000ITF0'
const UNKNOWN = '2026-01-04T01:02:03.004_0000UNKN'
const REJECTED = '2025-11-12T21:11:49.579_0000Ba8V'

const WAMO = {
  [PUBLISHED]: observationsOf(PUBLISHED, 'P', 4),
  [WAITING]: observationsOf(WAITING, 'p', 2),
  [ITF]: observationsOf(ITF, 'I', 1)
}

let server: MpcServer
const start = (answer?: (request: { path: string; json: unknown }) => Reply | undefined): Promise<MpcServer> =>
  startMpcServer({
    answers: {
      ...Object.fromEntries([PUBLISHED, WAITING, ITF, UNKNOWN].map((id) => [id, { json: EXAMPLE_ACCEPTED }])),
      [REJECTED]: { json: EXAMPLE_REJECTED }
    },
    wamo: WAMO,
    answer
  })
afterEach(() => server?.close())

const IDS = [PUBLISHED, WAITING, ITF, UNKNOWN, REJECTED].join('\n')
const warnings = (stdout: string): string[] => stdout.split('\n').filter((line) => line.startsWith('::warning'))

test('counts, designations and references in the summary, the outputs and the results file', async () => {
  server = await start()
  const run = await runAction({
    inputs: {
      'submission-ids': IDS,
      'api-url': server.url,
      observations: 'true',
      'results-file': 'out/results.json',
      'fail-on': 'rejected'
    }
  })
  // The rejection fails the step as it would without WAMO.
  expect(run.code).toBe(1)
  const wamo = server.requests.filter((request) => request.path === '/api/wamo')
  // The four accepted ones by submission ID, then the one WAMO did not know by its first block ID.
  expect(wamo.map((request) => request.json)).toEqual([[PUBLISHED, WAITING, ITF, UNKNOWN], [`${UNKNOWN}_01`]])
  expect(run.outputs).toMatchObject({
    'observations-total': '7',
    'observations-published': '4',
    'observations-waiting': '2',
    'observations-itf': '1'
  })

  const results = JSON.parse(run.outputs.results ?? '[]')
  const byId = Object.fromEntries(results.map((result: { submission_id: string }) => [result.submission_id, result]))
  expect(byId[PUBLISHED].observations).toEqual({
    total: 4,
    published: 4,
    waiting: 0,
    itf: 0,
    other: 0,
    designations: ['29149'],
    references: ['MPS   145016'],
    flags: { neocp: 0, near_duplicate: 0, deleted: 0 },
    checked_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    found: true,
    error: null
  })
  expect(byId[UNKNOWN].observations).toMatchObject({ total: 0, found: false, error: null })
  expect(byId[REJECTED].observations).toBeNull()

  // The file adds every observation.
  const file = JSON.parse(await readFile(path.join(run.workspace, 'out/results.json'), 'utf8'))
  const published = file.find((result: { submission_id: string }) => result.submission_id === PUBLISHED)
  expect(published.observations.list).toHaveLength(4)
  expect(published.observations.list[0]).toEqual({
    obsid: 'JueAhg010000566w010000000',
    status: 'P',
    designation: '29149',
    reference: 'MPS   145016',
    submission_block_id: `${PUBLISHED}_01`
  })

  const html = renderGfm(run.summary)
  expect(run.summary).toContain('### Where the observations went')
  const section = tables(html).find((table) => table[0]?.[0] === 'Submission' && table[0]?.[1] === 'All')
  expect(section?.slice(1)).toEqual([
    [PUBLISHED, '4', '4', '0', '0', '0', '29149', 'MPS   145016', 'all published'],
    [WAITING, '2', '0', '2', '0', '0', '29149', '—', ''],
    [ITF, '1', '0', '0', '1', '0', '—', '—', ''],
    [UNKNOWN, '0', '0', '0', '0', '0', '—', '—', 'not known to WAMO yet'],
    ['Total (4 accepted submissions)', '7', '4', '2', '1', '0', '', '', '']
  ])
  expect(run.stdout).toContain(
    '🔭 Observations of 4 accepted submissions: 7 in all, 4 published, 2 waiting, 1 in the ITF'
  )
  expect(warnings(run.stdout)).toEqual([])
})

test('off by default: no WAMO request, no section, the observations outputs empty', async () => {
  server = await start()
  const run = await runAction({ inputs: { 'submission-ids': PUBLISHED, 'api-url': server.url } })
  expect(run.code).toBe(0)
  expect(server.requests.filter((request) => request.path === '/api/wamo')).toEqual([])
  expect(run.summary).not.toContain('Where the observations went')
  expect(run.outputs['observations-total']).toBe('')
  expect(run.outputs['observations-published']).toBe('')
  expect(JSON.parse(run.outputs.results ?? '[]')[0]).not.toHaveProperty('observations')
})

test('WAMO failing never changes the verdict: one warning names what could not be followed', async () => {
  server = await start((request) => (request.path === '/api/wamo' ? { status: 503, body: 'down' } : undefined))
  const run = await runAction({
    inputs: {
      'submission-ids': [PUBLISHED, WAITING].join('\n'),
      'api-url': server.url,
      observations: 'true',
      retries: '0'
    }
  })
  expect(run.code).toBe(0)
  expect(run.outputs['accepted-count']).toBe('2')
  expect(run.outputs['observations-total']).toBe('0')
  const [warning, ...more] = warnings(run.stdout)
  expect(more).toEqual([])
  expect(warning).toContain('title=Where the observations went')
  expect(warning).toContain('Could not follow where the observations of 2 accepted submissions went')
  expect(warning).toContain(`${PUBLISHED}, ${WAITING}: WAMO: HTTP 503`)
  const section = tables(renderGfm(run.summary)).find((table) => table[0]?.[1] === 'All')
  expect(section?.[1]?.[8]).toBe('⚠️ not followed: WAMO: HTTP 503 after 1 attempt')
})

test("WAMO's text is shown, never acted on: markup, mentions and links in a designation stay text", async () => {
  const hostile = observationsOf(PUBLISHED, 'P', 1).map((observation) => ({
    ...observation,
    iau_desig: '<img src=x onerror=alert(1)> @octocat [x](https://evil.example)',
    ref: '**MPS** | 1'
  }))
  server = await startMpcServer({
    answers: { [PUBLISHED]: { json: EXAMPLE_ACCEPTED } },
    wamo: { [PUBLISHED]: hostile }
  })
  const run = await runAction({ inputs: { 'submission-ids': PUBLISHED, 'api-url': server.url, observations: 'true' } })
  expect(run.code).toBe(0)
  const html = renderGfm(run.summary)
  expect(elements(html, 'img')).toEqual([])
  expect(elements(html, 'a').filter((a) => textOf(a).includes('x'))).toEqual([])
  expect(elements(html, 'strong').filter((node) => textOf(node).includes('MPS'))).toEqual([])
  const section = tables(html).find((table) => table[0]?.[1] === 'All')
  expect(section?.[1]?.slice(6, 8)).toEqual([
    '<img src=x onerror=alert(1)> @octocat [x](https://evil.example)',
    '**MPS** | 1'
  ])
})

test('all published is remembered with the verdict (Actions cache): the next run asks WAMO only about the others', async () => {
  server = await start()
  const cache = await startCacheServer()
  const runnerTemp = await mkdtemp(path.join(tmpdir(), 'mpc-runner-temp-'))
  const runOnce = (runId: string) =>
    runAction({
      inputs: { 'submission-ids': [PUBLISHED, WAITING].join('\n'), 'api-url': server.url, observations: 'true' },
      env: {
        ...cache.env,
        RUNNER_TEMP: runnerTemp,
        GITHUB_REPOSITORY: 'owner/repo',
        GITHUB_RUN_ID: runId,
        GITHUB_RUN_ATTEMPT: '1'
      }
    })
  try {
    const first = await runOnce('1')
    expect(first.code).toBe(0)
    server.reset()
    const second = await runOnce('2')
    expect(second.code).toBe(0)
    // Both verdicts were remembered; of the observations only the waiting submission's are asked again.
    expect(server.requests.map((request) => request.json)).toEqual([[WAITING]])
    expect(second.outputs).toMatchObject({
      'observations-total': '6',
      'observations-published': '4',
      'observations-waiting': '2'
    })
    expect(second.summary).toContain('1 all published, remembered from earlier runs.')
  } finally {
    await cache.close()
  }
})
