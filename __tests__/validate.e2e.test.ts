// Runs dist/validate/index.js as the runner does: files matched by glob in the workspace, an error
// annotation at each problem's file and line (ten at most, the rest counted), outputs and a job summary.
import { readFile, symlink } from 'node:fs/promises'
import path from 'node:path'
import { actionBundle } from './helpers/action-metadata.js'
import { REPO_ROOT, runAction, type ActionRun } from './helpers/run-action.js'

const ENTRY = actionBundle('validate/action.yml')
const VALID = path.join(REPO_ROOT, '__fixtures__/batches/valid')
const example = (name: string): Promise<string> => readFile(path.join(VALID, name), 'utf8')
const commands = (run: ActionRun, level: string): string[] =>
  run.stdout.split('\n').filter((line) => line.startsWith(`::${level}`))

test('valid batches: the step passes, with outputs and a summary', async () => {
  const run = await runAction({
    entry: ENTRY,
    inputs: { files: 'batches/**/*.psv\nbatches/**/*.xml\n# a comment\nbatches/*.obs' },
    files: {
      'batches/2024/a.psv': await example('survey-2022.psv'),
      'batches/b.xml': await example('survey-2022.xml'),
      'batches/c.obs': await example('basic.obs'),
      'notes/readme.txt': 'not a batch'
    }
  })
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  expect(run.outputs).toEqual({ valid: 'true', 'problem-count': '0', 'files-checked': '3' })
  expect(commands(run, 'error')).toEqual([])
  expect(run.summary).toContain('✅ Observation batches valid')
  expect(run.summary).toContain('| batches/2024/a.psv | ADES PSV 2022 | 7 | ✅ 0 | 0 |')
})

test('problems: an error annotation at file and line each, the step fails', async () => {
  const psv = await example('survey-2022.psv')
  const run = await runAction({
    entry: ENTRY,
    inputs: { files: '*.psv' },
    files: {
      'bad.psv': psv.replace('273.13141  ', '373.13141  ').replace('|JX12ab  |', '|JX12abcd9|'),
      'good.psv': psv
    }
  })
  expect(run.code).toBe(1)
  expect(run.outputs).toEqual({ valid: 'false', 'problem-count': '2', 'files-checked': '2' })
  const errors = commands(run, 'error')
  expect(errors[0]).toMatch(
    /^::error title=ADES PSV%3A ra,file=bad\.psv,line=25::column \d+: ra must be a number from 0 below 360 \(found "373\.13141"\)$/
  )
  expect(errors[1]).toMatch(/^::error title=ADES PSV%3A trkSub,file=bad\.psv,line=28::/)
  expect(errors.at(-1)).toMatch(/^::error::2 problems in the observation batches/)
  expect(run.summary).toContain('❌ 2 problems in the observation batches')
  expect(run.summary).toContain('| bad.psv&#58;25&#58;')
})

test("GitHub's cap: ten error annotations, the rest counted, all in the summary", async () => {
  const psv = await example('basic-2017.psv')
  const bad = psv.replace(/-12\.3/g, '-92.3')
  const files = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`b${i}.psv`, bad]))
  const run = await runAction({ entry: ENTRY, inputs: { files: '*.psv' }, files })
  expect(run.outputs['problem-count']).toBe('15')
  const errors = commands(run, 'error')
  expect(errors.filter((line) => line.includes(',line='))).toHaveLength(10)
  expect(errors).toContainEqual(expect.stringMatching(/^::error title=5 more errors::5 more errors are not annotated/))
  expect(run.summary.match(/\| b\d\.psv&#58;1\d&#58;/g)).toHaveLength(15)
})

test('no match, a pattern outside the workspace, a symlink out: refused, the step fails', async () => {
  const run = await runAction({
    entry: ENTRY,
    inputs: { files: '../*.psv\n/etc/passwd\nnothing/*.psv\nlink.psv' },
    prepare: async (workspace) => symlink('/etc/hostname', path.join(workspace, 'link.psv'))
  })
  expect(run.code).toBe(1)
  const errors = commands(run, 'error').join('\n')
  expect(errors).toContain('the pattern "../*.psv" is refused')
  expect(errors).toContain('the pattern "/etc/passwd" is refused: it is absolute')
  expect(errors).toContain('file=link.psv::cannot be read: it is outside the workspace')
  expect(run.outputs).toMatchObject({ valid: 'false', 'files-checked': '1' })
})

test('a hostile batch: its text is inert in annotations and summary', async () => {
  const psv = await example('basic-2017.psv')
  const run = await runAction({
    entry: ENTRY,
    inputs: { files: 'x.psv' },
    files: { 'x.psv': psv.replace('2016 AA1', '<img src=x>::warning::@someone') }
  })
  expect(run.code).toBe(1)
  expect(run.stdout.split('\n').filter((line) => line.startsWith('::warning'))).toEqual([])
  expect(run.summary).not.toContain('<img')
  expect(run.summary).not.toContain('@someone')
})

test('nothing matched: the step fails rather than passing on nothing', async () => {
  const run = await runAction({ entry: ENTRY, inputs: { files: 'batches/*.psv' } })
  expect(run.code).toBe(1)
  expect(run.outputs).toEqual({ valid: 'false', 'problem-count': '1', 'files-checked': '0' })
  expect(commands(run, 'error')[0]).toContain('no file matches the patterns')
})
