// Paths typed on the command line are the operator's: the bundled command reads and writes absolute paths
// and paths outside the current folder as given (--cache in a folder of its own, -f ../ids.txt), reads IDs
// from standard input with -f -, and still refuses, without echoing it, a relative path that a repository
// checked out in the current folder could plant (a symlink leading out), a FIFO or a folder.
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { EXAMPLE_ACCEPTED, EXAMPLE_REJECTED, startMpcServer, type MpcServer } from '../__fixtures__/mpc-server.mjs'
import { REPO_ROOT } from './helpers/run-action.js'
import { runCli as runCliIn, type CliRun } from './helpers/run-cli.js'

const ACCEPTED = '2026-01-01T00:05:07.453_0000BhCE'
const REJECTED = '2025-11-12T21:11:49.579_0000Ba8V'

const runCli = (args: string[], cwd: string, stdin?: string): Promise<CliRun> => runCliIn(args, { cwd, stdin })

let server: MpcServer
/** The current folder of each run, and a folder elsewhere that the operator names by its path. */
let cwd: string
let elsewhere: string
beforeEach(async () => {
  server = await startMpcServer({
    answers: { [ACCEPTED]: { json: EXAMPLE_ACCEPTED }, [REJECTED]: { json: EXAMPLE_REJECTED } }
  })
  const root = await mkdtemp(path.join(tmpdir(), 'mpc-cli-paths-'))
  cwd = path.join(root, 'work')
  await mkdir(cwd)
  elsewhere = await mkdtemp(path.join(tmpdir(), 'mpc-cli-elsewhere-'))
})
afterEach(() => server.close())

const statuses = (stdout: string): Record<string, string> =>
  Object.fromEntries(
    (JSON.parse(stdout) as { submission_id: string; status: string }[]).map((r) => [r.submission_id, r.status])
  )

test('--cache outside the current folder is written, its folders created, and read on the next run', async () => {
  const cache = path.join(elsewhere, 'cache', 'mpc', 'verdicts.json')
  const first = await runCli(['check', ACCEPTED, '--cache', cache, '--api-url', server.url], cwd)
  expect(first.stdout).not.toContain('not written')
  expect(first.code).toBe(0)
  expect(await readFile(cache, 'utf8')).toContain(ACCEPTED)
  const second = await runCli(['check', ACCEPTED, '--cache', cache, '--api-url', server.url, '--json'], cwd)
  expect(second.code).toBe(0)
  expect(statuses(second.stdout)).toEqual({ [ACCEPTED]: 'accepted' })
  // The second run took the answer from the file: the MPC was asked once in all.
  expect(server.asked(ACCEPTED)).toBe(1)
})

test('-f reads an absolute path and a ../ path as given', async () => {
  await writeFile(path.join(elsewhere, 'ids.txt'), `${ACCEPTED}\n`)
  await writeFile(path.join(cwd, '..', 'more.txt'), `${REJECTED}\n`)
  const run = await runCli(
    ['check', '-f', path.join(elsewhere, 'ids.txt'), '-f', '../more.txt', '--api-url', server.url, '--json'],
    cwd
  )
  expect(run.stderr).not.toContain('Cannot read')
  expect(statuses(run.stdout)).toEqual({ [ACCEPTED]: 'accepted', [REJECTED]: 'rejected' })
  expect(run.code).toBe(1)
})

test('-f - reads the IDs from standard input, replies and comments as in a file', async () => {
  const input = `# tonight\n${ACCEPTED}\nThank you. Submission ID is ${REJECTED}\n`
  const run = await runCli(['check', '-f', '-', '--api-url', server.url, '--json'], cwd, input)
  expect(statuses(run.stdout)).toEqual({ [ACCEPTED]: 'accepted', [REJECTED]: 'rejected' })
  expect(run.code).toBe(1)
})

test('a relative link inside the current folder that leads out of it is refused, never echoed', async () => {
  await writeFile(path.join(elsewhere, 'secret.txt'), 'SECRET-LINE-1\n')
  await symlink(path.join(elsewhere, 'secret.txt'), path.join(cwd, 'ids.txt'))
  await symlink(elsewhere, path.join(cwd, 'linked'))
  const run = await runCli(
    ['check', ACCEPTED, '-f', 'ids.txt', '-f', 'linked/secret.txt', '--api-url', server.url],
    cwd
  )
  expect(run.code).toBe(1)
  expect(run.stdout).toContain('Cannot read --file ids.txt: it is outside the current folder')
  expect(run.stdout).toContain('Cannot read --file linked/secret.txt: it is outside the current folder')
  expect(`${run.stdout}${run.stderr}`).not.toContain('SECRET')
})

test('a planted --cache link inside the current folder is not written through', async () => {
  const target = path.join(elsewhere, 'precious.txt')
  await writeFile(target, 'keep me\n')
  await symlink(target, path.join(cwd, 'verdicts.json'))
  const run = await runCli(['check', ACCEPTED, '--cache', 'verdicts.json', '--api-url', server.url], cwd)
  expect(run.stdout + run.stderr).toMatch(/verdict store verdicts\.json was not (read|written)/)
  expect(await readFile(target, 'utf8')).toBe('keep me\n')
})

test('a FIFO and a folder are refused wherever they are, and the other IDs are still checked', async () => {
  const fifo = path.join(elsewhere, 'fifo')
  execFileSync('mkfifo', [fifo])
  const run = await runCli(['check', ACCEPTED, '-f', fifo, '-f', elsewhere, '--api-url', server.url, '--json'], cwd)
  expect(run.code).toBe(1)
  expect(run.stdout + run.stderr).toContain(`Cannot read --file ${fifo}: it is not a regular file`)
  expect(run.stdout + run.stderr).toContain(`Cannot read --file ${elsewhere}: it is a directory`)
  expect(server.asked(ACCEPTED)).toBe(1)
})

test('submit reads a batch and appends receipts outside the current folder', async () => {
  const batch = path.join(elsewhere, 'tonight.psv')
  await writeFile(batch, await readFile(path.join(REPO_ROOT, '__fixtures__/batches/tonight.psv'), 'utf8'))
  const receipts = path.join(elsewhere, 'log', 'receipts.txt')
  const run = await runCli(
    ['submit', batch, '--ac2', 'a@example.org', '--receipts', receipts, '--submit-url', server.url],
    cwd
  )
  expect(run.code).toBe(0)
  const id = server.submissions[0]?.id as string
  expect(await readFile(receipts, 'utf8')).toContain(id)
})
