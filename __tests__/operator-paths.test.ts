// The two path rules of workspace-file.ts side by side: a workspace (the actions') keeps every path inside it;
// the command line's OperatorBase takes its operator's own paths as given and standard input for `-`, and
// still keeps a relative path inside the current folder there.
import { link, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { readWorkspaceText, WorkspaceFileError, writeWorkspaceFile } from '../src/core/workspace-file.js'

const LIMITS = { maxBytes: 1024 * 1024 }
let cwd: string
let elsewhere: string
beforeEach(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'mpc-operator-'))
  elsewhere = await mkdtemp(path.join(tmpdir(), 'mpc-elsewhere-'))
  await writeFile(path.join(elsewhere, 'ids.txt'), 'outside\n')
})

const reason = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'read',
    (error: unknown) => (error instanceof WorkspaceFileError ? error.reason : String(error))
  )

test('an absolute path is read as given on the command line and refused in a workspace', async () => {
  const file = path.join(elsewhere, 'ids.txt')
  expect((await readWorkspaceText({ operator: cwd }, file, LIMITS)).text).toBe('outside\n')
  expect(await reason(readWorkspaceText(cwd, file, LIMITS))).toBe('it is outside the workspace')
})

test('the operator’s own file may have other hard links; one inside the current folder may not', async () => {
  await link(path.join(elsewhere, 'ids.txt'), path.join(elsewhere, 'second.txt'))
  await link(path.join(elsewhere, 'ids.txt'), path.join(cwd, 'third.txt'))
  expect((await readWorkspaceText({ operator: cwd }, path.join(elsewhere, 'second.txt'), LIMITS)).text).toBe(
    'outside\n'
  )
  expect(await reason(readWorkspaceText({ operator: cwd }, 'third.txt', LIMITS))).toBe(
    'it has other hard links, so it may be a file outside the current folder'
  )
})

test('- is standard input, within the same size limit; without a stdin it is a file named -', async () => {
  const stdin =
    (...chunks: string[]) =>
    () =>
      Readable.from(chunks.map((chunk) => Buffer.from(chunk)))
  expect((await readWorkspaceText({ operator: cwd, stdin: stdin('a\n', 'b\n') }, '-', LIMITS)).text).toBe('a\nb\n')
  expect(
    await reason(readWorkspaceText({ operator: cwd, stdin: stdin('x'.repeat(1024 * 1024), 'x') }, '-', LIMITS))
  ).toBe('it is larger than 1 MiB')
  expect(await reason(readWorkspaceText({ operator: cwd, stdin: stdin('\u0000') }, '-', LIMITS))).toMatch(
    /^it is not UTF-8 text/
  )
  expect(await reason(readWorkspaceText({ operator: cwd }, '-', LIMITS))).toBe('it does not exist')
})

test('the operator’s path is written with its folders created, through the operator’s own symlink', async () => {
  await writeWorkspaceFile({ operator: cwd }, path.join(elsewhere, 'a', 'b', 'store.json'), '{}\n')
  expect(await readFile(path.join(elsewhere, 'a', 'b', 'store.json'), 'utf8')).toBe('{}\n')
  const real = path.join(elsewhere, 'real.json')
  await writeFile(real, 'old\n')
  await symlink(real, path.join(elsewhere, 'link.json'))
  await writeWorkspaceFile({ operator: cwd }, path.join(elsewhere, 'link.json'), 'new\n')
  expect(await readFile(real, 'utf8')).toBe('new\n')
})

test('a relative path inside the current folder is not written through a planted link, nor out of it', async () => {
  const real = path.join(elsewhere, 'real.json')
  await writeFile(real, 'keep\n')
  await symlink(real, path.join(cwd, 'store.json'))
  await symlink(elsewhere, path.join(cwd, 'out'))
  expect(await reason(writeWorkspaceFile({ operator: cwd }, 'store.json', 'x'))).toBe(
    'it is a symbolic link; it is not written through'
  )
  expect(await reason(writeWorkspaceFile({ operator: cwd }, 'out/new.json', 'x'))).toBe(
    'a folder on its path leads outside the current folder'
  )
  expect(await readFile(real, 'utf8')).toBe('keep\n')
})

test('a folder or a non-regular file is refused for the operator too', async () => {
  await mkdir(path.join(elsewhere, 'dir'))
  expect(await reason(readWorkspaceText({ operator: cwd }, path.join(elsewhere, 'dir'), LIMITS))).toBe(
    'it is a directory'
  )
  expect(await reason(readWorkspaceText({ operator: cwd }, '/dev/null', LIMITS))).toBe(
    'it is not a regular file (a device, FIFO or socket)'
  )
  expect(await reason(writeWorkspaceFile({ operator: cwd }, path.join(elsewhere, 'dir'), 'x'))).toBe(
    'it exists and is not a regular file'
  )
})

test('an absolute path inside the current folder keeps the rule: a planted link there is refused, never read', async () => {
  await writeFile(path.join(elsewhere, 'secret.txt'), 'extraheader = AUTHORIZATION: basic SECRET\n')
  await symlink(path.join(elsewhere, 'secret.txt'), path.join(cwd, 'a.psv'))
  await writeFile(path.join(cwd, 'ids.txt'), 'inside\n')
  // "$PWD/a.psv", as a glob of "$GITHUB_WORKSPACE"/... expands, is the same repository file as "a.psv".
  const refused = await reason(readWorkspaceText({ operator: cwd }, path.join(cwd, 'a.psv'), LIMITS))
  expect(refused).toBe(await reason(readWorkspaceText({ operator: cwd }, 'a.psv', LIMITS)))
  expect(refused).not.toBe('read')
  expect(refused).not.toContain('SECRET')
  expect((await readWorkspaceText({ operator: cwd }, path.join(cwd, 'ids.txt'), LIMITS)).text).toBe('inside\n')
})
