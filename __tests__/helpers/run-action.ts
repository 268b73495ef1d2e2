import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

export const REPO_ROOT = path.resolve(
  import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname),
  '..',
  '..'
)

export interface ActionRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  summary: string
  outputs: Record<string, string>
  workspace: string
}

/** Reads a GITHUB_OUTPUT file as @actions/core writes it: `name<<DELIMITER`, the value, `DELIMITER`. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i += 1) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!match) continue
    const [, name, delimiter] = match as unknown as [string, string, string]
    const value: string[] = []
    for (i += 1; i < lines.length && lines[i] !== delimiter; i += 1) value.push(lines[i] as string)
    outputs[name] = value.join('\n')
  }
  return outputs
}

export interface RunOptions {
  /** Inputs by their action.yml names. */
  inputs?: Record<string, string>
  /** Files to create in the workspace, by relative path. */
  files?: Record<string, string>
  /** Entry relative to the repository root. */
  entry?: string
  /** Called with the child once it has started (to send signals). */
  onStart?: (child: ReturnType<typeof spawn>, output: { stdout: () => string }) => void
  node?: string
  /** Extra environment variables (GITHUB_EVENT_PATH, GITHUB_API_URL…), set after the defaults. */
  env?: Record<string, string>
}

/** Runs a committed bundle the way the runner does: inputs as INPUT_* variables, file commands in temp files. */
export async function runAction(options: RunOptions = {}): Promise<ActionRun> {
  const workspace = await mkdtemp(path.join(tmpdir(), 'mpc-action-'))
  for (const [name, content] of Object.entries(options.files ?? {})) {
    await mkdir(path.dirname(path.join(workspace, name)), { recursive: true })
    await writeFile(path.join(workspace, name), content)
  }
  const summaryFile = path.join(workspace, '.step-summary.md')
  const outputFile = path.join(workspace, '.github-output')
  await writeFile(summaryFile, '')
  await writeFile(outputFile, '')
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    RUNNER_TEMP: workspace,
    ...options.env
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  const child = spawn(options.node ?? process.execPath, [path.join(REPO_ROOT, options.entry ?? 'dist/index.js')], {
    cwd: workspace,
    env
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  options.onStart?.(child, { stdout: () => stdout })
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s]))
  )
  return {
    code,
    signal,
    stdout,
    stderr,
    summary: await readFile(summaryFile, 'utf8'),
    outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
    workspace
  }
}
