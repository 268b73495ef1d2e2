// The bundled command line (dist/cli/index.js, package.json's bin) in a child process, as a user runs it: a
// bare environment (PATH and HOME, plus what a test adds), standard input given or closed at once.
import { spawn, type ChildProcess } from 'node:child_process'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { assertFreshDist } from './dist.js'
import { REPO_ROOT } from './run-action.js'

export const CLI = path.join(REPO_ROOT, 'dist', 'cli', 'index.js')

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

export interface CliOptions {
  /** The current folder; the system's temporary folder when absent. */
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** What standard input holds; it is closed empty when absent. */
  stdin?: string
  /** Called as stderr grows, e.g. to send a signal once a line shows. */
  onStderr?: (stderr: string, child: ChildProcess) => void
  /** Called once the process is started, e.g. to send a signal after a while. */
  onSpawn?: (child: ChildProcess) => void
}

/** Runs dist/cli/index.js; fails at once when dist/ is older than src/. */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  assertFreshDist()
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? tmpdir(),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env }
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
    options.onStderr?.(stderr, child)
  })
  child.stdin.end(options.stdin ?? '')
  options.onSpawn?.(child)
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return { code, stdout, stderr }
}
