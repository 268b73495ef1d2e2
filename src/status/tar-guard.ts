// @actions/cache extracts an entry with `tar -xf ARCHIVE -P -C $GITHUB_WORKSPACE`: `-P` keeps absolute and
// `../` member names, so an entry planted in the cache (by any run that can write the same cache scope)
// could write anywhere on the runner, or replace an ID file before it is read. The library offers no hook
// between download and extraction, so for the one restore of the verdict store a guard stands in for `tar`
// on the PATH: it lists the archive first and lets the extraction go ahead only when the archive holds
// exactly one member, the store's own file; anything else fails the restore (one notice, nothing written).
import { constants } from 'node:fs'
import { access, chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

// Plain CommonJS run by this same node: it needs nothing of the bundle.
const GUARD_SOURCE = `'use strict'
const { spawnSync } = require('node:child_process')
const path = require('node:path')
const args = process.argv.slice(2)
const real = process.env.MPC_VERDICT_REAL_TAR
const run = (list) => spawnSync(real, list, { stdio: 'inherit' }).status ?? 1
const extract = args.indexOf('-xf')
if (extract < 0) process.exit(run(args))
const list = args.map((arg) => (arg === '-xf' ? '-tf' : arg))
let folder = process.cwd()
const at = list.indexOf('-C')
if (at >= 0) {
  folder = list[at + 1]
  list.splice(at, 2)
}
const listed = spawnSync(real, list, { encoding: 'utf8', maxBuffer: 1024 * 1024 })
if (listed.status !== 0) process.exit(listed.status ?? 1)
const names = listed.stdout.split('\\n').filter((name) => name !== '')
if (names.length !== 1 || path.resolve(folder, names[0]) !== process.env.MPC_VERDICT_FILE) {
  process.stderr.write('refused: the cache entry holds other files than the verdict store\\n')
  process.exit(2)
}
process.exit(run(args))
`

/** The first executable called `name` on the PATH. */
async function which(name: string): Promise<string | undefined> {
  for (const folder of (process.env.PATH ?? '').split(path.delimiter)) {
    if (folder === '') continue
    const candidate = path.join(folder, name)
    try {
      await access(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }
  return undefined
}

/**
 * Runs `restore` with the guard first on the PATH as `tar` (and `gtar`, which the library prefers on
 * macOS). Throws, restoring nothing, where no guard can be put in place (Windows, where the library runs tar
 * by its full path; or no tar at all).
 */
export async function withTarGuard<T>(file: string, scratch: string, restore: () => Promise<T>): Promise<T> {
  if (process.platform === 'win32') throw new Error('the archive cannot be checked before extraction on Windows')
  const real = (process.platform === 'darwin' ? await which('gtar') : undefined) ?? (await which('tar'))
  if (real === undefined) throw new Error('no tar on the PATH')
  const folder = await mkdtemp(path.join(scratch, 'tar-guard-'))
  const savedPath = process.env.PATH
  const saved = { real: process.env.MPC_VERDICT_REAL_TAR, file: process.env.MPC_VERDICT_FILE }
  try {
    const guard = path.join(folder, 'guard.cjs')
    await writeFile(guard, GUARD_SOURCE, { mode: 0o600 })
    const shim = `#!/bin/sh\nexec '${process.execPath.replace(/'/g, "'\\''")}' '${guard.replace(/'/g, "'\\''")}' "$@"\n`
    for (const name of ['tar', 'gtar']) {
      await writeFile(path.join(folder, name), shim)
      await chmod(path.join(folder, name), 0o700)
    }
    process.env.PATH = `${folder}${path.delimiter}${savedPath ?? ''}`
    process.env.MPC_VERDICT_REAL_TAR = real
    process.env.MPC_VERDICT_FILE = path.resolve(file)
    return await restore()
  } finally {
    process.env.PATH = savedPath
    if (saved.real === undefined) delete process.env.MPC_VERDICT_REAL_TAR
    else process.env.MPC_VERDICT_REAL_TAR = saved.real
    if (saved.file === undefined) delete process.env.MPC_VERDICT_FILE
    else process.env.MPC_VERDICT_FILE = saved.file
    await rm(folder, { recursive: true, force: true })
  }
}
