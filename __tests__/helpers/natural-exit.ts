// Whether an action's process ended on its own (nothing left holding it), not by process.exit() such as the
// action's fallback two seconds after it reported: __fixtures__/natural-exit.mjs, preloaded, writes a marker file
// on 'beforeExit', which never comes when the process is ended.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { REPO_ROOT } from './run-action.js'

const PRELOAD = pathToFileURL(path.join(REPO_ROOT, '__fixtures__', 'natural-exit.mjs')).href

export interface NaturalExitWatch {
  /** The run's environment and node arguments that preload the marker. */
  env: { NATURAL_EXIT_FILE: string }
  nodeArgs: string[]
  /** Once the run is over: whether it ended on its own. Removes the marker's folder. */
  endedOnItsOwn(): Promise<boolean>
}

export async function watchNaturalExit(): Promise<NaturalExitWatch> {
  const folder = await mkdtemp(path.join(tmpdir(), 'mpc-exit-'))
  const marker = path.join(folder, 'natural.txt')
  return {
    env: { NATURAL_EXIT_FILE: marker },
    nodeArgs: ['--import', PRELOAD],
    async endedOnItsOwn() {
      const text = await readFile(marker, 'utf8').catch(() => '')
      await rm(folder, { recursive: true, force: true })
      return text === 'natural'
    }
  }
}
