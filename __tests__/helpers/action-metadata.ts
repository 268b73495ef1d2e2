import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { REPO_ROOT } from './run-action.js'

/** The actions of this repository, by the path of their metadata file. */
export const ACTION_FILES = [
  'action.yml',
  'action-codes/action.yml',
  'submit/action.yml',
  'validate/action.yml'
] as const
export type ActionFile = (typeof ACTION_FILES)[number]

export interface ActionInput {
  description?: unknown
  required?: unknown
  default?: unknown
}

export interface ActionMetadata {
  name?: unknown
  description?: unknown
  author?: unknown
  branding?: { icon?: unknown; color?: unknown }
  inputs?: Record<string, ActionInput | null>
  outputs?: Record<string, { description?: unknown } | null>
  runs?: { using?: unknown; main?: unknown; pre?: unknown; post?: unknown }
}

export const actionPath = (file: ActionFile): string => path.join(REPO_ROOT, file)

/** Parses strictly: a YAML error (GitHub would refuse the action too) throws with line and column. */
export function readAction(file: ActionFile): ActionMetadata {
  const parsed: unknown = parse(readFileSync(actionPath(file), 'utf8'), { prettyErrors: true, uniqueKeys: true })
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${file} is not a YAML mapping`)
  }
  return parsed as ActionMetadata
}

/**
 * The bundle an action runs, from its runs.main (which the runner resolves against the action.yml's
 * folder), relative to the repository root: the end-to-end tests run exactly what the runner would.
 */
export function actionBundle(file: ActionFile): string {
  const main = readAction(file).runs?.main
  if (typeof main !== 'string') throw new Error(`${file} has no runs.main`)
  return path.relative(REPO_ROOT, path.resolve(path.dirname(actionPath(file)), main))
}

/** An input's default as the runner hands it over: always a string, '' when there is none. */
export function defaultText(input: ActionInput | null): string {
  const value = input?.default
  return value === undefined || value === null ? '' : String(value)
}
