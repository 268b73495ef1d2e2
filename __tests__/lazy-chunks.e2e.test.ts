// What a plain run does not use is not loaded: the comment (Octokit), the verdict cache, WAMO, the near-duplicate
// check, the workspace file code (ID files, the results file) and the wait for undecided submissions are chunks
// of their own beside dist/index.js, read only when a run asks for them. Shown by running the
// status action from a copy of dist/ without those chunks: a plain run still works, and a run that asks for one
// finds it missing.
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { EXAMPLE_ACCEPTED, PENDING, startMpcServer, type MpcServer } from '../__fixtures__/mpc-server.mjs'
import { REPO_ROOT, runAction } from './helpers/run-action.js'

const ACCEPTED = '2026-01-01T00:05:07.453_0000BhCE'
const WAITING = '2026-02-03T10:20:30.400_0000Cc01'
let folder: string
let mpc: MpcServer

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'mpc-lazy-'))
  const chunk = /^\d+\.index\.js$/
  // The entry alone: every chunk left out.
  await cp(path.join(REPO_ROOT, 'dist'), folder, {
    recursive: true,
    filter: (source) => !(path.dirname(source) === path.join(REPO_ROOT, 'dist') && chunk.test(path.basename(source)))
  })
  expect((await readdir(folder)).filter((name) => chunk.test(name))).toEqual([])
  mpc = await startMpcServer({ answers: { [ACCEPTED]: { json: EXAMPLE_ACCEPTED }, [WAITING]: { json: PENDING } } })
})
afterAll(async () => {
  await mpc.close()
  await rm(folder, { recursive: true, force: true })
})

test('a run without a comment, a cache service or observations loads no chunk', async () => {
  const run = await runAction({
    entry: path.join(folder, 'index.js'),
    inputs: { 'submission-ids': ACCEPTED, 'api-url': mpc.url }
  })
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  expect(run.outputs['accepted-count']).toBe('1')
  expect(run.summary).toContain('✅ **Passed**')
  // Without a cache service the cache's code is not needed to say so.
  expect(run.stdout).toContain('ACTIONS_RUNTIME_TOKEN is not set')
})

test('a run that asks WAMO needs a chunk (the test above would pass for the wrong reason otherwise)', async () => {
  const run = await runAction({
    entry: path.join(folder, 'index.js'),
    inputs: { 'submission-ids': ACCEPTED, 'api-url': mpc.url, observations: 'true' }
  })
  expect(run.code).toBe(1)
  expect(run.stdout).toMatch(/^::error::Unexpected failure: Cannot find module '.*\d+\.index\.js'/m)
})

test('a run that writes a results file needs a chunk too', async () => {
  const run = await runAction({
    entry: path.join(folder, 'index.js'),
    inputs: { 'submission-ids': ACCEPTED, 'api-url': mpc.url, 'results-file': 'results.json' }
  })
  expect(run.code).toBe(1)
  expect(run.stdout).toMatch(/^::error::Unexpected failure: Cannot find module '.*\d+\.index\.js'/m)
})

test('a run that waits for an undecided submission needs a chunk; one asked to wait with nothing undecided does not', async () => {
  const waiting = await runAction({
    entry: path.join(folder, 'index.js'),
    inputs: { 'submission-ids': WAITING, 'api-url': mpc.url, 'wait-timeout': '2s', 'poll-interval': '1s' }
  })
  expect(waiting.code).toBe(1)
  expect(waiting.stdout).toMatch(/^::error::Unexpected failure: Cannot find module '.*\d+\.index\.js'/m)
  const decided = await runAction({
    entry: path.join(folder, 'index.js'),
    inputs: { 'submission-ids': ACCEPTED, 'api-url': mpc.url, 'wait-timeout': '2s' }
  })
  expect(decided.code).toBe(0)
  expect(decided.outputs['accepted-count']).toBe('1')
})
