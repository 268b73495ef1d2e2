import type { ChildProcess } from 'node:child_process'

export const REPO_ROOT: string

export interface ActionRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  summary: string
  outputs: Record<string, string>
  workspace: string
  /** performance.now() when the process was spawned and when it closed. */
  spawnedAt: number
  endedAt: number
  wallMs: number
}

export interface RunOptions {
  /** Inputs by their action.yml names. */
  inputs?: Record<string, string>
  /** Run in this workspace (a later step of the same job) instead of a fresh one. */
  workspace?: string
  /** Files to create in the workspace, by relative path. */
  files?: Record<string, string>
  /** Called with the workspace after `files` are written, before the action starts (symlinks, FIFOs…). */
  prepare?: (workspace: string) => Promise<void>
  /** The bundle, relative to the repository root (or absolute); default dist/index.js. */
  entry?: string
  /** Extra environment variables (GITHUB_EVENT_PATH, GITHUB_API_URL…), set after the defaults. */
  env?: Record<string, string>
  node?: string
  nodeArgs?: string[]
  /** Called with the child once it has started (to send signals). */
  onStart?: (child: ChildProcess, output: { stdout: () => string }) => void
  /** Delete the workspace once its files are read. */
  removeWorkspace?: boolean
}

export function parseOutputFile(text: string): Record<string, string>
export function inputVariable(name: string): string
export function runAction(options?: RunOptions): Promise<ActionRun>
