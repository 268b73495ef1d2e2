import * as core from '@actions/core'
import { parseFormatChoice, type FormatChoice } from '../core/batch.js'
import { VALIDATE_DEFAULTS } from '../core/defaults.js'
import { inputsWithDefaults } from '../report/runner.js'

/** Everything the validate action reads from its inputs, checked once. */
export interface ValidateSettings {
  workspace: string
  /** Glob patterns, one per line of the input, blank lines and # comments dropped. */
  patterns: string[]
  format: FormatChoice
}

/** More patterns than this is a mistake, not a batch list. */
export const MAX_PATTERNS = 100

const { input } = inputsWithDefaults(VALIDATE_DEFAULTS)

/** Reads and checks every input; throws one Error naming the first bad one. */
export function readValidateSettings(env: NodeJS.ProcessEnv = process.env): ValidateSettings {
  const patterns = core
    .getInput('files')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
  if (patterns.length === 0) {
    throw new Error(
      'files: no pattern given; give the batches as glob patterns, one per line (such as batches/**/*.psv)'
    )
  }
  if (patterns.length > MAX_PATTERNS) throw new Error(`files: ${patterns.length} patterns; at most ${MAX_PATTERNS}`)
  return {
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    patterns,
    format: parseFormatChoice(input('format'), 'format')
  }
}
