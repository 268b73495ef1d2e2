// The validate command: every problem of every file at once, exit 0 valid, 1 problems, 2 usage; --json.
import { mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { startCndServer, type CndServer } from '../__fixtures__/cnd-server.mjs'
import { runValidate } from '../src/cli/validate.js'
import { obs80Entries } from '../src/core/batches/obs80-entries.js'
import { REPO_ROOT } from './helpers/run-action.js'

const VALID = path.join(REPO_ROOT, '__fixtures__/batches/valid')

async function run(args: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  const stdout = new PassThrough()
  let out = ''
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const code = await runValidate(args, { stdout, stderr: new PassThrough(), env: {}, cwd })
  return { code, stdout: out }
}

async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'validate-'))
  for (const name of ['survey-2022.psv', 'basic.obs']) {
    await writeFile(path.join(dir, name), await readFile(path.join(VALID, name)))
  }
  const psv = await readFile(path.join(VALID, 'survey-2022.psv'), 'utf8')
  await writeFile(
    path.join(dir, 'bad.psv'),
    psv.replace('273.13141  ', '373.13141  ').replace('|+40.61402  |', '|+95.61402  |')
  )
  return dir
}

test('valid files: exit 0 and a line each', async () => {
  const dir = await folder()
  const { code, stdout } = await run(['survey-2022.psv', 'basic.obs'], dir)
  expect(code).toBe(0)
  expect(stdout).toBe(
    '✓ survey-2022.psv: valid (ADES PSV 2022, 7 observations)\n✓ basic.obs: valid (MPC1992 (80-column), 3 observations)\n'
  )
})

test('problems: every one, as file:line:column, exit 1; the other files still checked', async () => {
  const dir = await folder()
  const { code, stdout } = await run(['bad.psv', 'survey-2022.psv', 'missing.psv'], dir)
  expect(code).toBe(1)
  const lines = stdout.split('\n')
  expect(lines[0]).toMatch(/^bad\.psv:25:\d+: error: ra: ra must be a number from 0 below 360 \(found "373\.13141"\)$/)
  expect(lines[1]).toMatch(
    /^bad\.psv:26:\d+: error: dec: dec must be a number from -90 up to 90 \(found "\+95\.61402"\)$/
  )
  expect(lines[2]).toBe('missing.psv: error: cannot be read: it does not exist')
  expect(stdout).toContain('✗ bad.psv: 2 problems (ADES PSV 2022, 7 observations)')
  expect(stdout).toContain('✓ survey-2022.psv: valid')
})

test('--json: the outputs and every problem', async () => {
  const dir = await folder()
  const { code, stdout } = await run(['bad.psv', 'basic.obs', '--json'], dir)
  expect(code).toBe(1)
  const json = JSON.parse(stdout)
  expect(json).toMatchObject({ valid: false, 'problem-count': 2, 'files-checked': 2 })
  expect(json.files[0].problems.map((p: { line: number; field: string }) => [p.line, p.field])).toEqual([
    [25, 'ra'],
    [26, 'dec']
  ])
  expect(json.files[1]).toMatchObject({ file: 'basic.obs', format: 'obs80', errors: 0, problems: [] })
})

test('usage: no file, an unknown flag, a bad format: exit 2 by a UsageError', async () => {
  const dir = await folder()
  await expect(run([], dir)).rejects.toThrow('give the batch FILE')
  await expect(run(['a.psv', '--nope'], dir)).rejects.toThrow(/nope/)
  await expect(run(['a.psv', '--format', 'csv'], dir)).rejects.toThrow(/--format/)
})

test('a file outside the current folder, through a symlink, is refused by name', async () => {
  const dir = await folder()
  await symlink('/etc/passwd', path.join(dir, 'link.psv'))
  const { code, stdout } = await run(['link.psv', '../x.psv'], dir)
  expect(code).toBe(1)
  expect(stdout).toContain('link.psv: error: cannot be read: it is outside')
  expect(stdout).not.toContain('root:')
})

test('hostile text in a batch is shown inert', async () => {
  const dir = await folder()
  const psv = await readFile(path.join(VALID, 'basic-2017.psv'), 'utf8')
  await writeFile(path.join(dir, 'evil.psv'), psv.replace('2016 AA1', '\u001b[31m::error::x'))
  const { stdout } = await run(['evil.psv'], dir)
  expect(stdout).not.toContain('\u001b[31m')
  expect(stdout).toContain('\\u001B[31m')
})

describe('--near-duplicates', () => {
  let cnd: CndServer
  afterEach(() => cnd.close())

  test('a near-duplicate is a problem at its line; a failed check a warning, never a silent pass', async () => {
    const dir = await folder()
    const psv = await readFile(path.join(VALID, 'basic-2017.psv'), 'utf8')
    await writeFile(path.join(dir, 'a.psv'), psv)
    const line = (obs80Entries(psv, 'a.psv', 'psv').entries[0] as { obs80: string }).obs80
    cnd = await startCndServer({ published: new Map([[line, [{ obs80: line, time_separation_s: 1.5 }]]]) })
    const found = await run(['a.psv', '--near-duplicates', '--api-url', cnd.url], dir)
    expect(found.code).toBe(1)
    expect(found.stdout).toContain(
      `a.psv:16: error: near-duplicate: line 16 is a near-duplicate of the published observation "${line}" (1.5 s apart)`
    )
    expect(cnd.requests).toHaveLength(1)
    await cnd.close()

    cnd = await startCndServer({ fail: 502 })
    const stderr = new PassThrough()
    let err = ''
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    const code = await runValidate(['a.psv', '--near-duplicates', '--api-url', cnd.url], {
      stdout: new PassThrough(),
      stderr,
      env: {},
      cwd: dir
    })
    expect(code).toBe(0)
    expect(err).toMatch(/warning: a\.psv: the near-duplicate check failed for observations 1-3: HTTP 502/)
  })
})
