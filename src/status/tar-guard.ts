// @actions/cache runs `tar` itself (found on the PATH) to pack and unpack an entry, and extracts with
// `tar -xf ARCHIVE -P -C $GITHUB_WORKSPACE`: `-P` keeps absolute and `../` member names, so an entry planted
// in the cache (by any run that can write the same cache scope) could write anywhere on the runner, or fill
// the disk with one member of the store's name and gigabytes of zeros. The library has no hook between
// download and extraction, so while one of its calls runs a guard stands in for `tar` (and `gtar`, which it
// prefers on macOS) on the PATH.
//
// Restoring, the guard does not hand the archive to tar at all. It runs the decompressor the library asked
// for (`gzip -d` for `-z`, `unzstd -d` for `--use-compress-program unzstd`) and reads the tar headers itself
// from that stream: sizes and types come from the headers (and pax records), not from parsing `tar -tv`
// text, whose layout differs between GNU and BSD tar and whose names are quoted. It accepts exactly one
// regular file, the store's own path, no larger than the cap, followed by the end of the archive; anything
// else (another member, a directory, a symbolic or hard link, a device, a sparse file, an oversized member)
// is refused before a byte is written. It reads at most the cap plus 1 MiB of the decompressed stream, and
// then writes the member it read (at most the cap) itself: the bytes that are checked are the bytes that are
// written, with no second parser (tar's) that could see the archive differently. Saving, it runs the real
// tar, in a process group of its own.
//
// Every process of a call can be ended: the guard records its pid, and the process group of the program it
// starts (the decompressor, or tar with its compressor), in the call's folder. A call that is given up is
// stopped (its guards and their groups are signalled, and a guard started later refuses at once), and the
// same happens to every call still unsettled when the action's process exits. A guard also ends its group
// when it is signalled or when its parent (the action) goes away.
import { randomBytes } from 'node:crypto'
import { constants, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { access, chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { GUARD_SOURCE } from './tar-guard-program.js'

/** The first executable called `name` on the PATH. */
async function which(name: string, searchPath: string): Promise<string | undefined> {
  for (const folder of searchPath.split(path.delimiter)) {
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

export interface GuardedCall {
  /** Ends every process of the call (its guards and their groups); a guard started later refuses at once. */
  stop(): void
  /** Why the guard refused the archive, if it did. */
  refusal(): Promise<string | undefined>
  /** Once the library's call has settled: the PATH is given back and the call's folder removed. */
  end(): Promise<void>
}

interface LiveCall {
  folder: string
  bin: string
}

/**
 * Calls whose library work has not settled: ended, and their folders removed, when the process exits. While
 * one is live a guard stays first on the PATH (a call given up during its download may still run tar later:
 * it must meet a guard, which then refuses), that of the call begun last.
 */
const live = new Set<LiveCall>()
/** Every bin folder of a guard this process put on the PATH. */
const bins = new Set<string>()

const STATE = 'MPC_VERDICT_GUARD_STATE'

/** The PATH with `call`'s guard first (none: the PATH as it was, whatever else changed it meanwhile). */
function putFirstOnPath(call: LiveCall | undefined): void {
  const rest = (process.env.PATH ?? '').split(path.delimiter).filter((entry) => !bins.has(entry))
  process.env.PATH = (call ? [call.bin, ...rest] : rest).join(path.delimiter)
  if (call) process.env[STATE] = call.folder
  else delete process.env[STATE]
}

function killRecorded(folder: string): void {
  let names: string[]
  try {
    names = readdirSync(folder)
  } catch {
    return
  }
  // The groups first (SIGKILL: nothing of theirs is worth waiting for), then the guards, which end their own
  // groups too when signalled.
  for (const name of names) {
    const group = /^group-(\d+)$/.exec(name)
    if (group) {
      try {
        process.kill(-Number(group[1]), 'SIGKILL')
      } catch {
        // already gone
      }
    }
  }
  for (const name of names) {
    const pid = /^pid-(\d+)$/.exec(name)
    if (pid) {
      try {
        process.kill(Number(pid[1]), 'SIGTERM')
      } catch {
        // already gone
      }
    }
  }
}

let exitHookInstalled = false
function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  // The step's exit (exitWhenDone ends it 2 s after reporting) must not leave a guard or its tar running.
  process.on('exit', () => {
    for (const call of live) {
      try {
        writeFileSync(path.join(call.folder, 'stopped'), '')
      } catch {
        // its folder is gone
      }
      killRecorded(call.folder)
      rmSync(call.folder, { recursive: true, force: true })
    }
  })
}

/**
 * Puts the guard first on the PATH for one library call: `restore` lets it list and extract (the one file
 * `file`, at most `maxBytes`), `save` lets it create (with the real tar) and list. Throws where no guard can
 * be put in place (Windows, where the library runs tar by its full path; or no tar at all).
 */
export async function guardTar(options: {
  mode: 'restore' | 'save'
  file: string
  maxBytes: number
  /** A folder of ours for the call's own folder (the guard, its record of processes). */
  scratch: string
}): Promise<GuardedCall> {
  if (process.platform === 'win32') throw new Error('the archive cannot be checked before extraction on Windows')
  const searchPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((entry) => !bins.has(entry))
    .join(path.delimiter)
  const realTar =
    (process.platform === 'darwin' ? await which('gtar', searchPath) : undefined) ?? (await which('tar', searchPath))
  if (realTar === undefined) throw new Error('no tar on the PATH')
  const folder = path.join(options.scratch, `tar-guard-${randomBytes(6).toString('hex')}`)
  const bin = path.join(folder, 'bin')
  await mkdir(bin, { recursive: true, mode: 0o700 })
  const call: LiveCall = { folder, bin }
  installExitHook()
  try {
    const guard = path.join(folder, 'guard.cjs')
    await writeFile(guard, GUARD_SOURCE, { mode: 0o600 })
    await writeFile(
      path.join(folder, 'call.json'),
      JSON.stringify({ mode: options.mode, file: path.resolve(options.file), maxBytes: options.maxBytes, realTar }),
      { mode: 0o600 }
    )
    const quote = (text: string): string => `'${text.replace(/'/g, "'\\''")}'`
    const shim = `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(guard)} "$@"\n`
    for (const name of ['tar', 'gtar']) {
      await writeFile(path.join(bin, name), shim)
      await chmod(path.join(bin, name), 0o700)
    }
  } catch (error) {
    await rm(folder, { recursive: true, force: true })
    throw error
  }
  live.add(call)
  bins.add(bin)
  putFirstOnPath(call)

  return {
    stop() {
      try {
        writeFileSync(path.join(folder, 'stopped'), '')
      } catch {
        // its folder is gone: nothing of it runs
      }
      killRecorded(folder)
    },
    async refusal() {
      try {
        return (await readFile(path.join(folder, 'refused'), 'utf8')).slice(0, 500)
      } catch {
        return undefined
      }
    },
    async end() {
      if (!live.delete(call)) return
      if (process.env[STATE] === folder) putFirstOnPath([...live].pop())
      await rm(folder, { recursive: true, force: true })
    }
  }
}
