// The near-duplicate check: ADES observations as the 80-column lines the MPC's pages show, and the CND API
// asked through a real client against a loopback stand-in: warn, refuse, off, a failure, and more than
// 10,000 observations split into requests.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { startCndServer, type CndServer } from '../__fixtures__/cnd-server.mjs'
import { obs80Entries } from '../src/core/batches/obs80-entries.js'
import { adesToObs80, packNumber, packProvisional } from '../src/core/batches/to-obs80.js'
import {
  CND_MAX_LINES,
  CND_MAX_VALUES,
  checkNearDuplicates,
  decideNearDuplicates,
  interpretCndAnswer
} from '../src/core/cnd.js'
import type { MpcClient } from '../src/core/client.js'
import { makeClient } from './helpers/client.js'
import { REPO_ROOT } from './helpers/run-action.js'

const VALID = path.join(REPO_ROOT, '__fixtures__/batches/valid')
const read = (name: string): string => readFileSync(path.join(VALID, name), 'utf8')

// The line the MPC's CND page shows (apis/cnd.md): 2010 CD226 from F51; its columns 72-77 (catalogue and
// reference) are the MPC's, left blank in a line made from a submission.
const DOC_LINE = '     K10CM6D  C2023 05 16.43686615 56 36.807-23 12 43.67         21.55wX~6o8oF51'

describe('ADES to 80 columns', () => {
  test("the CND page's example line, from its ADES fields", () => {
    const fields = new Map([
      ['provID', '2010 CD226'],
      ['mode', 'CCD'],
      ['stn', 'F51'],
      ['obsTime', '2023-05-16T10:29:05.235Z'],
      ['ra', '239.1533625'],
      ['dec', '-23.2121306'],
      ['mag', '21.55'],
      ['band', 'w']
    ])
    const line = adesToObs80(fields) as string
    expect(line).toHaveLength(80)
    expect(line.slice(0, 71)).toBe(DOC_LINE.slice(0, 71))
    expect(line.slice(71, 77)).toBe('      ')
    expect(line.slice(77)).toBe('F51')
  })

  test('the packed forms of the MPC1992 page and the packed-designations page', () => {
    expect(packNumber(3202)).toBe('03202')
    expect(packNumber(100345)).toBe('A0345')
    expect(packNumber(360017)).toBe('a0017')
    expect(packNumber(620000)).toBe('~0000')
    expect(packNumber(3140113)).toBe('~AZaz')
    expect(packProvisional('1995 XA')?.packed).toBe('J95X00A')
    expect(packProvisional('2016 AA1')?.packed).toBe('K16A01A')
    expect(packProvisional('C/1995 A1')).toEqual({ col5: 'C', packed: 'J95A010' })
    expect(packProvisional('P/1994 P1-B')).toEqual({ col5: 'P', packed: 'J94P01b' })
  })

  test('the example MPC1992 batch, from its ADES twin, gives its own lines to their precision', () => {
    const obs = read('basic.obs')
      .split('\n')
      .filter((line) => line.startsWith('     K16'))
    const { entries, unconverted } = obs80Entries(read('basic-2017.psv'), 'basic-2017.psv', 'psv')
    expect(unconverted).toBe(0)
    expect(entries.map((entry) => entry.line)).toEqual([16, 17, 18])
    // The 80-column example gives the time to 0.00001 day (compared to 0.0001: rounding), RA to 0.01 s and Decl. to 0.1": compared at that.
    const shown = (line: string) => [line.slice(0, 30), line.slice(32, 42), line.slice(44, 54), line.slice(70, 80)]
    expect(entries.map((entry) => shown(entry.obs80))).toEqual(obs.map(shown))
    expect(entries[0]?.obs80.slice(65, 70)).toBe('20.5 ')
  })

  test('a roving station or an unpackable designation has no one-line form', () => {
    const base = new Map([
      ['provID', '2016 AA1'],
      ['mode', 'CCD'],
      ['stn', '291'],
      ['obsTime', '2016-01-01T12:00:00Z'],
      ['ra', '1'],
      ['dec', '1']
    ])
    expect(adesToObs80(base)).toHaveLength(80)
    expect(adesToObs80(new Map([...base, ['sys', 'WGS84']]))).toBeUndefined()
    expect(adesToObs80(new Map([...base, ['provID', '2040 P-L']]))).toBeUndefined()
  })
})

describe('the CND API, against the stand-in', () => {
  let server: CndServer | undefined
  let client: MpcClient | undefined
  afterEach(async () => {
    await client?.close()
    await server?.close()
  })
  const start = async (options: Parameters<typeof startCndServer>[0]) => {
    server = await startCndServer(options)
    client = makeClient(server.url, { maxBodyBytes: 32 * 1024 * 1024, retries: 0 })
    return { server, client }
  }
  const { entries } = obs80Entries(read('survey-2022.psv'), 'survey-2022.psv', 'psv')
  const published = (line: string) =>
    new Map([
      [line, [{ obs80: line.replace('  C2023', '  C2023'), time_separation_s: 0.4, angle_separation_arcsec: 0.12 }]]
    ])

  test('warn: a warning per near-duplicate with the match and its separations; the batch is sent', async () => {
    const target = entries[1] as { line: number; obs80: string }
    const { server, client } = await start({ published: published(target.obs80) })
    const check = await checkNearDuplicates(client, entries)
    expect(server.requests).toHaveLength(1)
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/api/cnd', json: { time_separation_s: 60 } })
    expect(server.requests[0]?.json?.obs).toEqual(entries.map((entry) => entry.obs80))
    const decision = decideNearDuplicates('warn', check)
    expect(decision.send).toBe(true)
    expect(decision.warnings).toEqual([
      `line ${target.line} is a near-duplicate of the published observation "${target.obs80}" (0.4 s and 0.12" apart)`
    ])
  })

  test('refuse: a near-duplicate sends nothing', async () => {
    const { client } = await start({ published: published((entries[0] as { obs80: string }).obs80) })
    const decision = decideNearDuplicates('refuse', await checkNearDuplicates(client, entries))
    expect(decision).toMatchObject({ send: false, warnings: [] })
    expect(decision.refusals[0]).toMatch(/^line 25 is a near-duplicate/)
  })

  test('off: nothing to say, whatever the check found', async () => {
    const { client } = await start({ published: published((entries[0] as { obs80: string }).obs80) })
    expect(decideNearDuplicates('off', await checkNearDuplicates(client, entries))).toEqual({
      send: true,
      warnings: [],
      refusals: []
    })
  })

  test('a failure is a warning under warn (never a silent pass) and refuses under refuse', async () => {
    const { client } = await start({ fail: 503 })
    const check = await checkNearDuplicates(client, entries)
    expect(check.failures).toEqual([`observations 1-${entries.length}: HTTP 503 after 1 attempt`])
    expect(decideNearDuplicates('warn', check)).toEqual({
      send: true,
      warnings: [`the near-duplicate check failed for observations 1-${entries.length}: HTTP 503 after 1 attempt`],
      refusals: []
    })
    expect(decideNearDuplicates('refuse', check).send).toBe(false)
  })

  test('an answer that leaves out lines asked about is a failure, never a silent pass under refuse', async () => {
    // The CND page: "An attribute for each search term is included in the results attribute". An answer
    // without a line (an empty {"results": {}} from a broken proxy, a garbage answer) has not checked it.
    const target = entries[0] as { line: number; obs80: string }
    const { client } = await start({ published: published(target.obs80), answerOnly: (line) => line !== target.obs80 })
    const check = await checkNearDuplicates(client, entries)
    expect(check.checked).toBe(entries.length - 1)
    expect(check.failures).toEqual([
      `observations 1-${entries.length}: the answer does not mention 1 of the lines asked about`
    ])
    const decision = decideNearDuplicates('refuse', check)
    expect(decision.send).toBe(false)
    expect(decision.refusals).toEqual([
      `the near-duplicate check failed for observations 1-${entries.length}: the answer does not mention 1 of the lines asked about`
    ])
  })

  test('the two lines of a 160-column observation answered as one search term: matched on its first line', async () => {
    // The CND page's own example pair (a satellite observation, S then s).
    const first = '     K10HB1E  S2010 04 24.76254008 07 33.34 -16 07 52.4                W     C51'
    const second = '     K10HB1E  s2010 04 24.7625401 - 3527.1820 + 5686.2015 - 1729.5218        C51'
    const pair = [
      { line: 7, obs80: first },
      { line: 8, obs80: second }
    ]
    const { client } = await start({ joinPairs: true, published: new Map([[first + second, [{ obs80: first }]]]) })
    const check = await checkNearDuplicates(client, pair)
    expect(check).toMatchObject({ checked: 2, failures: [] })
    expect(check.nearDuplicates.map((duplicate) => duplicate.line)).toEqual([7])
  })

  test('more than 10,000 observations: split into requests of at most 10,000', async () => {
    const one = entries[0] as { line: number; obs80: string }
    const many = Array.from({ length: CND_MAX_LINES * 2 + 5 }, (_, i) => ({ line: i + 1, obs80: one.obs80 }))
    const { server, client } = await start({})
    const check = await checkNearDuplicates(client, many)
    expect(server.requests.map((request) => request.json?.obs?.length)).toEqual([10_000, 10_000, 5])
    expect(check).toMatchObject({ checked: many.length, requests: 3, failures: [], nearDuplicates: [] })
  })
})

test('a hostile answer: shapes checked, sizes capped', () => {
  expect(interpretCndAnswer(200, 'nope')).toEqual({ status: 'error', message: 'the answer is not JSON' })
  expect(interpretCndAnswer(200, '{"results": {"x": "y"}}')).toMatchObject({ status: 'error' })
  const many = JSON.stringify({ results: { x: Array.from({ length: 100 }, () => ({ obs80: 'z'.repeat(5000) })) } })
  const finding = interpretCndAnswer(200, many)
  if (finding.status !== 'answered') throw new Error('not answered')
  expect(finding.results.get('x')).toHaveLength(20)
  expect(finding.results.get('x')?.[0]?.obs80.length).toBeLessThanOrEqual(200)
  // Millions of empty lists fit the byte cap but not in memory once parsed: refused before parsing.
  const flood = JSON.stringify({ results: { x: Array.from({ length: CND_MAX_VALUES }, () => []) } })
  expect(interpretCndAnswer(200, flood)).toEqual({
    status: 'error',
    message: `the answer holds more than ${CND_MAX_VALUES} JSON values`
  })
})
