// The stale-bundle guard's decision (scripts/dist-freshness.mjs), on real git repositories in temp folders:
// a fresh clone is never flagged however its checkout ordered the files; a source file edited, added or
// committed after the bundle was built is.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { staleDist } from '../scripts/dist-freshness.mjs'

let folder: string
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'mpc-dist-freshness-'))
})
afterEach(() => rmSync(folder, { recursive: true, force: true }))

const git = (cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): string =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env }
  })

function write(root: string, file: string, text: string, mtimeMs?: number): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
  writeFileSync(path.join(root, file), text)
  if (mtimeMs !== undefined) utimesSync(path.join(root, file), mtimeMs / 1000, mtimeMs / 1000)
}

/** A repository whose commit (an hour ago) holds src/ and the dist/ built from it. */
function repository(): string {
  const root = path.join(folder, 'origin')
  mkdirSync(root)
  git(root, ['init', '-q', '-b', 'main'])
  write(root, 'src/core/x.ts', 'export const x = 1\n')
  write(root, 'src/cli/cli.ts', 'export const cli = 1\n')
  write(root, 'dist/index.js', 'bundle\n')
  write(root, 'dist/cli/index.js', 'cli bundle\n')
  git(root, ['add', '.'])
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString()
  git(root, ['commit', '-qm', 'first'], { GIT_AUTHOR_DATE: hourAgo, GIT_COMMITTER_DATE: hourAgo })
  return root
}

const mtime = (root: string, file: string): number => statSync(path.join(root, file)).mtimeMs

test('a fresh clone is never flagged, whatever order the checkout wrote the files in', () => {
  const clone = path.join(folder, 'clone')
  git(folder, ['clone', '-q', repository(), clone])
  expect(staleDist(clone)).toBeUndefined()
  // A slow checkout: the sources written a minute after the bundles. Nothing differs from HEAD, and HEAD
  // is older than the bundles' checkout: not stale.
  const later = Date.now() + 60_000
  utimesSync(path.join(clone, 'src/core/x.ts'), later / 1000, later / 1000)
  expect(staleDist(clone)).toBeUndefined()
})

test('a source file edited after the bundle was built is named, with the bundle', () => {
  const root = repository()
  write(root, 'src/core/x.ts', 'export const x = 2\n', mtime(root, 'dist/index.js') + 10_000)
  expect(staleDist(root)).toBe(
    'dist/ is older than src/ (src/core/x.ts changed after dist/index.js was built): run npm run bundle'
  )
})

test('the oldest bundle counts: one entry rebuilt does not make the others fresh', () => {
  const root = repository()
  const built = mtime(root, 'dist/index.js')
  write(root, 'src/cli/cli.ts', 'export const cli = 2\n', built + 10_000)
  utimesSync(path.join(root, 'dist/index.js'), (built + 20_000) / 1000, (built + 20_000) / 1000)
  expect(staleDist(root)).toMatch(/\(src\/cli\/cli\.ts changed after dist\/cli\/index\.js was built\)/)
})

test('an edit followed by npm run bundle is fresh, though git still shows the edit', () => {
  const root = repository()
  const edited = mtime(root, 'dist/index.js') + 10_000
  write(root, 'src/core/x.ts', 'export const x = 2\n', edited)
  for (const bundle of ['dist/index.js', 'dist/cli/index.js']) write(root, bundle, 'rebuilt\n', edited + 30_000)
  expect(staleDist(root)).toBeUndefined()
})

test('a new source file, not yet in git, made after the bundle is stale', () => {
  const root = repository()
  write(root, 'src/core/new.ts', 'export const y = 1\n', mtime(root, 'dist/index.js') + 10_000)
  expect(staleDist(root)).toMatch(/\(src\/core\/new\.ts changed after/)
})

test('a change committed without rebuilding is stale: the commit is newer than the bundle', () => {
  const root = repository()
  const built = mtime(root, 'dist/index.js') - 600_000
  for (const bundle of ['dist/index.js', 'dist/cli/index.js'])
    utimesSync(path.join(root, bundle), built / 1000, built / 1000)
  write(root, 'src/core/x.ts', 'export const x = 3\n')
  git(root, ['commit', '-qam', 'second'])
  expect(staleDist(root)).toMatch(/^dist\/ is older than src\/ \(src\/core\/x\.ts changed after dist\/[a-z/]*index\.js/)
})

test('within the tolerance, and outside git, nothing is said; no bundle at all is', () => {
  const root = repository()
  write(root, 'src/core/x.ts', 'export const x = 2\n', mtime(root, 'dist/index.js') + 500)
  expect(staleDist(root)).toBeUndefined()
  // A copy without .git (an unpacked archive): times alone cannot tell a fresh copy from a stale one.
  const copy = path.join(folder, 'copy')
  cpSync(root, copy, { recursive: true, filter: (source) => !source.includes(`${path.sep}.git`) })
  write(copy, 'src/core/x.ts', 'export const x = 4\n', mtime(copy, 'dist/index.js') + 60_000)
  expect(staleDist(copy)).toBeUndefined()
  rmSync(path.join(root, 'dist'), { recursive: true })
  expect(staleDist(root)).toBe('dist/ holds no bundle: run npm run bundle')
})
