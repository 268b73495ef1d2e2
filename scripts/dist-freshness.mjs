// Is dist/ older than src/? The end-to-end tests run the bundles in dist/, so a source edit tested against an
// old bundle passes or fails for the wrong reason. Used by the tests' jest globalSetup (jest-global-setup.mjs).
//
// Modification times alone cannot tell: a fresh `git clone` writes every file at checkout time, in any
// order, so a source file may be a little newer than the bundle built from it. A bundle is stale only when a
// source file is newer than it (beyond a tolerance) AND git says that file is not what HEAD holds, or the
// last commit that changed src/ is itself newer than the bundle (a change committed without rebuilding).
// In a fresh clone neither holds: the tree is HEAD's, and every commit predates the checkout.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

/** Filesystems store times coarsely (some to the second or two); a clone writes files over a few seconds. */
export const TOLERANCE_MS = 2000

/** The bundles the tests run: dist/index.js and each dist/<entry>/index.js. */
function bundles(root) {
  const dist = path.join(root, 'dist')
  if (!existsSync(dist)) return []
  const found = []
  if (existsSync(path.join(dist, 'index.js'))) found.push('dist/index.js')
  for (const entry of readdirSync(dist, { withFileTypes: true })) {
    if (entry.isDirectory() && existsSync(path.join(dist, entry.name, 'index.js'))) {
      found.push(`dist/${entry.name}/index.js`)
    }
  }
  return found
}

/** Every file under src/, as a path relative to root with its modification time. */
function sourceFiles(root, dir = 'src') {
  const files = []
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`
    if (entry.isDirectory()) files.push(...sourceFiles(root, relative))
    else if (entry.isFile()) files.push({ file: relative, mtimeMs: statSync(path.join(root, relative)).mtimeMs })
  }
  return files
}

function git(root, args) {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
}

/**
 * Undefined when dist/ may be used as it is; otherwise the sentence that says why not and what to do.
 * Without dist/ or src/ there is nothing to compare; without git (not a clone), times alone cannot tell a
 * fresh copy from a stale one, so nothing is said either.
 */
export function staleDist(root, { toleranceMs = TOLERANCE_MS } = {}) {
  if (!existsSync(path.join(root, 'src'))) return undefined
  const built = bundles(root).map((file) => ({ file, mtimeMs: statSync(path.join(root, file)).mtimeMs }))
  if (built.length === 0) return 'dist/ holds no bundle: run npm run bundle'
  const oldest = built.reduce((a, b) => (b.mtimeMs < a.mtimeMs ? b : a))
  const newer = sourceFiles(root)
    .filter((source) => source.mtimeMs > oldest.mtimeMs + toleranceMs)
    .sort((a, b) => b.mtimeMs - a.mtimeMs)
  if (newer.length === 0) return undefined

  let changed
  let lastCommitMs
  try {
    // Paths relative to root (--relative; ls-files is relative to its folder already).
    changed = new Set(
      [
        ...git(root, ['diff', '--name-only', '--relative', 'HEAD', '--', 'src']).split('\n'),
        ...git(root, ['ls-files', '--others', '--exclude-standard', '--', 'src']).split('\n')
      ].filter(Boolean)
    )
    lastCommitMs = Number(git(root, ['log', '-1', '--format=%ct', '--', 'src']).trim()) * 1000
  } catch {
    return undefined
  }
  const edited = newer.find((source) => changed.has(source.file))
  if (edited) return message(edited.file, oldest.file)
  if (lastCommitMs > oldest.mtimeMs + toleranceMs) return message(newer[0].file, oldest.file)
  return undefined
}

const message = (source, bundle) =>
  `dist/ is older than src/ (${source} changed after ${bundle} was built): run npm run bundle`
