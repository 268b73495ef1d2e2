// Runs a bundled action the way the GitHub runner does: inputs as INPUT_* variables, a fresh workspace, and
// the file commands (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY) in temp files. Plain JavaScript so that the tests,
// the benchmark and the screenshot script share it; types are in action-runner.d.mts.
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Reads a GITHUB_OUTPUT file as @actions/core writes it: `name<<DELIMITER`, the value, `DELIMITER`. */
export function parseOutputFile(text) {
  const outputs = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i += 1) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i])
    if (!match) continue
    const value = []
    for (i += 1; i < lines.length && lines[i] !== match[2]; i += 1) value.push(lines[i])
    outputs[match[1]] = value.join('\n')
  }
  return outputs
}

/** The variable the runner sets for an input: `INPUT_` and the name upper-cased, spaces as underscores. */
export const inputVariable = (name) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`

export async function runAction(options = {}) {
  const workspace = options.workspace ?? (await mkdtemp(path.join(tmpdir(), 'mpc-action-')))
  for (const [name, content] of Object.entries(options.files ?? {})) {
    await mkdir(path.dirname(path.join(workspace, name)), { recursive: true })
    await writeFile(path.join(workspace, name), content)
  }
  await options.prepare?.(workspace)
  const summaryFile = path.join(workspace, '.step-summary.md')
  const outputFile = path.join(workspace, '.github-output')
  await writeFile(summaryFile, '')
  await writeFile(outputFile, '')
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    RUNNER_TEMP: workspace,
    ...options.env
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[inputVariable(name)] = value
  const entry = path.resolve(REPO_ROOT, options.entry ?? 'dist/index.js')
  const spawnedAt = performance.now()
  const child = spawn(options.node ?? process.execPath, [...(options.nodeArgs ?? []), entry], {
    cwd: workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk) => (stderr += chunk.toString()))
  options.onStart?.(child, { stdout: () => stdout })
  const [code, signal] = await new Promise((resolve) => child.on('close', (c, s) => resolve([c, s])))
  const endedAt = performance.now()
  const run = {
    code,
    signal,
    stdout,
    stderr,
    summary: await readFile(summaryFile, 'utf8'),
    outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
    workspace,
    spawnedAt,
    endedAt,
    wallMs: endedAt - spawnedAt
  }
  if (options.removeWorkspace) await rm(workspace, { recursive: true, force: true })
  return run
}
