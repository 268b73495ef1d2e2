// The submit step runs the validator before sending: a batch whose outline is fine but that breaks an ADES or
// MPC1992 rule is refused at its line and nothing reaches the (loopback) MPC; a notice alone sends.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startCndServer, type CndServer } from '../__fixtures__/cnd-server.mjs'
import { startMpcServer, type MpcServer } from '../__fixtures__/mpc-server.mjs'
import { obs80Entries } from '../src/core/batches/obs80-entries.js'
import { submitBatch } from '../src/core/submit.js'
import type { MpcClient } from '../src/core/client.js'
import { makeClient } from './helpers/client.js'
import { REPO_ROOT, runAction } from './helpers/run-action.js'
import { submitSettings } from './helpers/factories.js'

const example = (name: string): Promise<string> =>
  readFile(path.join(REPO_ROOT, '__fixtures__/batches/valid', name), 'utf8')

let server: MpcServer
let client: MpcClient
let workspace: string
beforeEach(async () => {
  server = await startMpcServer()
  client = makeClient(server.url, { requestTimeoutMs: 1500 })
  workspace = await mkdtemp(path.join(tmpdir(), 'mpc-submit-validate-'))
})
afterEach(async () => {
  await client.close()
  await server.close()
})

async function submit(file: string, text: string) {
  await writeFile(path.join(workspace, file), text)
  return submitBatch(submitSettings(workspace, server.url, { file, test: true }), client, {})
}

test('a PSV batch with stn other than its mpcCode and rmsCorr without rmsDec: refused at the lines, nothing sent', async () => {
  const psv = (await example('survey-2022.psv'))
    .replace('|0.11 |0.12  |-0.05  |', '|0.11 |      |-0.05  |')
    .replace('1P||CCD|568|', '1P||CCD|J95|')
  const run = await submit('tonight.psv', psv)
  expect(server.requests).toEqual([])
  expect(run.finding).toBeUndefined()
  expect(run.refusals.map((note) => [note.file, note.line, note.message.replace(/ \(found.*/, '')])).toEqual([
    [
      'tonight.psv',
      25,
      expect.stringMatching(/^tonight\.psv line 25 column \d+: rmsCorr: rmsCorr is given without rmsDec/)
    ],
    [
      'tonight.psv',
      41,
      expect.stringMatching(
        /^tonight\.psv line 41 column \d+: stn: stn must be the block's observatory code \(mpcCode 568\)/
      )
    ]
  ])
})

test('an XML batch with a trkSub of 9 characters: refused, nothing sent', async () => {
  const xml = (await example('survey-2022.xml')).replace('<trkSub>JX12ab</trkSub>', '<trkSub>JX12abcde</trkSub>')
  const run = await submit('tonight.xml', xml)
  expect(server.requests).toEqual([])
  expect(run.refusals).toEqual([
    expect.objectContaining({
      file: 'tonight.xml',
      line: 43,
      message: expect.stringMatching(/trkSub must be at most 8/)
    })
  ])
})

test('an MPC1992 batch with a catalogue code in column 72: a notice, and it is sent', async () => {
  const lines = (await example('basic.obs')).split('\n')
  lines[8] = `${(lines[8] as string).slice(0, 71)}V${(lines[8] as string).slice(72)}`
  const run = await submit('tonight.obs', lines.join('\n'))
  expect(run.refusals).toEqual([])
  expect(run.notices).toContainEqual(
    expect.objectContaining({
      title: 'Batch notice',
      file: 'tonight.obs',
      line: 9,
      message: expect.stringMatching(/column 72/)
    })
  )
  expect(server.requests.map((request) => request.path)).toEqual(['/submit_obs_test'])
})

test('the submit action (the bundle) sends nothing for an invalid batch and annotates the line', async () => {
  const psv = (await example('basic-2017.psv')).replace('|Gaia2 |20.6 |G   |', '|Gaia9 |20.6 |G   |')
  const run = await runAction({
    entry: 'dist/submit/index.js',
    inputs: { file: 'out/tonight.psv', ac2: 'astrometry@example.org', 'submit-url': server.url },
    files: { 'out/tonight.psv': psv }
  })
  expect(run.code).toBe(1)
  expect(server.requests).toEqual([])
  expect(run.stdout).toMatch(
    /^::error title=Not submitted,file=out\/tonight\.psv,line=17::out\/tonight\.psv line 17 column \d+: astCat: astCat must be one of Gaia3/m
  )
  expect(run.outputs['submission-id']).toBe('')
})

describe('the submit action asks the near-duplicate check before a production submission', () => {
  let cnd: CndServer
  afterEach(() => cnd.close())
  const psvLine = (psv: string): string => {
    const { entries } = obs80Entries(psv, 'a.psv', 'psv')
    return (entries[1] as { obs80: string }).obs80
  }

  test.each([
    ['warn', 0, 1],
    ['refuse', 1, 0],
    ['off', 0, 1]
  ])('near-duplicates: %s', async (mode, code, sent) => {
    const psv = await example('basic-2017.psv')
    const line = psvLine(psv)
    cnd = await startCndServer({
      published: new Map([[line, [{ obs80: line, time_separation_s: 0, angle_separation_arcsec: 0.02 }]]])
    })
    const run = await runAction({
      entry: 'dist/submit/index.js',
      inputs: {
        file: 'a.psv',
        ac2: 'a@example.org',
        test: 'false',
        'submit-url': server.url,
        'api-url': cnd.url,
        'near-duplicates': mode
      },
      files: { 'a.psv': psv }
    })
    expect(run.code).toBe(code)
    expect(cnd.requests).toHaveLength(mode === 'off' ? 0 : 1)
    expect(server.requests).toHaveLength(sent)
    const found = `line 17 is a near-duplicate of the published observation`
    if (mode === 'warn')
      expect(run.stdout).toMatch(new RegExp(`^::warning title=Near-duplicate,file=a\\.psv,line=17::${found}`, 'm'))
    if (mode === 'refuse')
      expect(run.stdout).toMatch(
        new RegExp(`^::error title=Not submitted%3A near-duplicate,file=a\\.psv,line=17::${found}`, 'm')
      )
    if (mode === 'off') expect(run.stdout).not.toContain('near-duplicate')
  })

  test('a failed check is a warning and the batch is still sent under warn', async () => {
    cnd = await startCndServer({ fail: 500 })
    const run = await runAction({
      entry: 'dist/submit/index.js',
      inputs: { file: 'a.psv', ac2: 'a@example.org', test: 'false', 'submit-url': server.url, 'api-url': cnd.url },
      files: { 'a.psv': await example('basic-2017.psv') }
    })
    expect(run.code).toBe(0)
    expect(server.requests).toHaveLength(1)
    expect(run.stdout).toMatch(
      /^::warning title=Near-duplicate,file=a\.psv::the near-duplicate check failed for observations 1-3: HTTP 500/m
    )
  })
})
