// The bundled command line's `wamo` command and `check --observations`, against the loopback stand-in
// answering WAMO from the MPC tutorial's recorded observations.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { EXAMPLE_ACCEPTED, startMpcServer, type MpcServer } from '../__fixtures__/mpc-server.mjs'
import {
  malformedMessage,
  STAND_IN_WAMO,
  TUTORIAL_MALFORMED,
  TUTORIAL_TRKSUB,
  WAMO_EXAMPLES
} from '../__fixtures__/wamo-answers.mjs'
import { runCli } from './helpers/run-cli.js'

let server: MpcServer
beforeEach(async () => {
  server = await startMpcServer({
    answers: Object.fromEntries(Object.values(WAMO_EXAMPLES).map((id) => [id, { json: EXAMPLE_ACCEPTED }])),
    wamo: STAND_IN_WAMO
  })
})
afterEach(() => server.close())

const NOT_THERE = 'L4eBVG000111CfiO010111A9a'

test('wamo --json: every observation of the tutorial identifier, and not found and malformed ones as such', async () => {
  const run = await runCli([
    'wamo',
    TUTORIAL_TRKSUB,
    NOT_THERE,
    TUTORIAL_MALFORMED,
    '--json',
    '--api-url',
    server.url,
    '--rate-limit',
    '0'
  ])
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  const lines = JSON.parse(run.stdout)
  expect(lines).toEqual([
    {
      identifier: TUTORIAL_TRKSUB,
      answer: 'found',
      message: null,
      observations: ['Te', 'Tf', 'Tg', 'Th'].map((suffix) => ({
        obsid: `JueAhg010000566w0100000${suffix}`,
        status: 'P',
        designation: '29149',
        reference: 'MPS   145016',
        submission_block_id: '2005-10-10T11:25:48.001_0000566w_01'
      }))
    },
    { identifier: NOT_THERE, answer: 'not-found', message: null, observations: [] },
    {
      identifier: TUTORIAL_MALFORMED,
      answer: 'malformed',
      message: malformedMessage(TUTORIAL_MALFORMED),
      observations: []
    }
  ])
  const wamo = server.requests.filter((request) => request.path === '/api/wamo')
  expect(wamo.map((request) => request.json)).toEqual([[TUTORIAL_TRKSUB, NOT_THERE, TUTORIAL_MALFORMED]])
})

test('wamo reads identifiers from a file, or from standard input when given none, and prints a table', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'mpc-wamo-cli-'))
  await writeFile(path.join(dir, 'ids.txt'), `${WAMO_EXAMPLES.waiting}\r\n\r\n${WAMO_EXAMPLES.itf}\n`)
  const fromFile = await runCli(['wamo', '-f', 'ids.txt', '--api-url', server.url], { cwd: dir })
  expect(fromFile.code).toBe(0)
  const rows = fromFile.stdout.trim().split('\n')
  expect(rows[0]).toMatch(/^Identifier\s+Observation\s+Status\s+Designation\s+Reference\s+Submission block$/)
  expect(rows.filter((row) => row.startsWith(WAMO_EXAMPLES.waiting) && row.includes('p waiting'))).toHaveLength(3)
  expect(rows.filter((row) => row.startsWith(WAMO_EXAMPLES.itf) && row.includes('I ITF'))).toHaveLength(2)

  const fromStdin = await runCli(['wamo', '--api-url', server.url, '--json'], {
    stdin: `${WAMO_EXAMPLES.published}\n`
  })
  expect(fromStdin.code).toBe(0)
  const [line] = JSON.parse(fromStdin.stdout)
  expect(line).toMatchObject({ identifier: WAMO_EXAMPLES.published, answer: 'found' })
  expect(line.observations).toHaveLength(4)
})

test('wamo exits 1 when WAMO could not be asked, and 2 for a usage mistake', async () => {
  const closed = await startMpcServer()
  const url = closed.url
  await closed.close()
  const unreachable = await runCli(['wamo', TUTORIAL_TRKSUB, '--api-url', url, '--retries', '0'])
  expect(unreachable.code).toBe(1)
  expect(unreachable.stderr).toContain('WAMO could not be asked about 1 identifier:')

  const usage = await runCli(['wamo', '--bogus'])
  expect(usage.code).toBe(2)
  expect(usage.stderr).toContain('mpc-submission-status wamo --help')

  const nothing = await runCli(['wamo', '--api-url', server.url], { stdin: '\n\n' })
  expect(nothing.code).toBe(2)
  expect(nothing.stderr).toContain('no identifiers given')
})

test('check --observations adds where the observations went, and never changes the exit status', async () => {
  const ids = Object.values(WAMO_EXAMPLES)
  const run = await runCli(['check', ...ids, '--observations', '--api-url', server.url])
  expect(run.code).toBe(0)
  expect(run.stdout).toContain(
    'Where the observations went: 9 in all, 4 published, 3 waiting, 2 in the ITF, 0 other, of 3 accepted submissions.'
  )
  const row = run.stdout.split('\n').find((line) => line.startsWith(WAMO_EXAMPLES.published) && line.includes('MPS'))
  expect(row).toMatch(/\s4\s+4\s+0\s+0\s+0\s+29149\s+MPS {3}145016/)

  const json = await runCli(['check', ...ids, '--observations', '--json', '--api-url', server.url])
  const results = JSON.parse(json.stdout)
  expect(results.map((result: { observations: { total: number } }) => result.observations.total)).toEqual([4, 3, 2])

  const failing = await startMpcServer({
    answers: Object.fromEntries(ids.map((id) => [id, { json: EXAMPLE_ACCEPTED }])),
    answer: (request) => (request.path === '/api/wamo' ? { status: 500, body: 'down' } : undefined)
  })
  try {
    const down = await runCli(['check', ...ids, '--observations', '--retries', '0', '--api-url', failing.url])
    expect(down.code).toBe(0)
    expect(down.stderr).toContain('Could not follow where the observations of 3 accepted submissions went')
  } finally {
    await failing.close()
  }
})
