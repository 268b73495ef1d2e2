// How the actions' reports reach the runner: through @actions/core, and every piece of text through the
// escaping module first. The command line never imports this file, so its bundle carries no @actions/*.
import * as core from '@actions/core'
import { once } from 'node:events'
import { abortOnSignals } from '../core/cancel.js'
import type { Annotation } from './annotations.js'
import { cutChars } from '../core/text.js'
import { annotationText, logText, revealInvisibles } from './escape.js'

// A message built from our own words can still carry a path, a label or a server's text: every log line,
// annotation and debug line is escaped and capped here, whatever it holds.
const LOG_LINE_CHARS = 4000
const ANNOTATION_CHARS = 4000

export const log = {
  info: (message: string): void => core.info(logText(message, LOG_LINE_CHARS)),
  debug: (message: string): void => core.debug(logText(message, LOG_LINE_CHARS)),
  warning: (message: string, properties: core.AnnotationProperties = {}): void =>
    core.warning(annotationText(message, ANNOTATION_CHARS), properties),
  notice: (message: string, properties: core.AnnotationProperties = {}): void =>
    core.notice(annotationText(message, ANNOTATION_CHARS), properties),
  /** An error annotation, and the step fails. */
  failed: (message: string): void => core.setFailed(annotationText(message, ANNOTATION_CHARS)),
  /** A foldable group in the log; `title` is escaped like any line. */
  group: (title: string): void => core.startGroup(logText(title, 200)),
  endGroup: (): void => core.endGroup()
}

/** The one wait for the log's drain in progress, and the cancel it ends on. */
let drainWait: { signal: AbortSignal | undefined; wait: Promise<void> } | undefined

/**
 * Resolves once the log has taken what was written (at once when it has): a loop that logs a line per
 * submission awaits it, so that 150,000 lines written faster than the runner reads them wait in the pipe,
 * not in this process's memory. Ends early on `signal` (a cancel must not wait for a reader that is gone).
 */
export async function logDrained(signal?: AbortSignal): Promise<void> {
  if (!process.stdout.writableNeedDrain || signal?.aborted) return
  // Every ask that has its answer waits here at once (twice the concurrency): one wait for them all, since a
  // listener each on stdout and on the signal makes Node warn of a leak on stderr, in the user's log.
  let current = drainWait
  if (current === undefined || current.signal !== signal) {
    const wait = once(process.stdout, 'drain', { signal }).then(
      () => undefined,
      () => undefined
    )
    current = { signal, wait }
    drainWait = current
    // Registered before any caller's await, so it runs first: a caller after the drain starts a new wait.
    void wait.then(() => {
      if (drainWait?.wait === wait) drainWait = undefined
    })
  }
  await current.wait
}

export function emitAnnotations(annotations: readonly Annotation[]): void {
  for (const annotation of annotations) {
    const properties: core.AnnotationProperties = { title: annotation.title }
    if (annotation.file !== undefined) {
      // A file name is the repository's text too: shown, never acting (the toolkit escapes `,` and `:`).
      properties.file = revealInvisibles(annotation.file)
      properties.startLine = annotation.line
    }
    const emit = annotation.level === 'error' ? core.error : annotation.level === 'warning' ? core.warning : core.notice
    emit(annotationText(annotation.message, ANNOTATION_CHARS), properties)
  }
}

export function setOutputs(outputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
}

/** Writes the job summary; outside a runner (no summary file) it says so instead of failing. */
export async function writeJobSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown).write()
  } catch (error) {
    core.summary.emptyBuffer()
    const message = (error as Error).message
    // @actions/core names the variable when the runner gave no summary file: a local run, not a fault.
    if (message.includes('GITHUB_STEP_SUMMARY')) {
      log.info('No job summary file here (not on a runner?): the job summary is not written.')
    } else {
      log.warning(`Could not write the job summary: ${message}`)
    }
  }
}

/**
 * The opening every action shares: its settings read (a bad input fails the step, naming it, and the run
 * ends there), and a cancel signal the runner's SIGINT/SIGTERM aborts. `done` removes the handlers.
 */
export function beginRun<T>(
  readSettings: () => T
): { settings: T; controller: AbortController; done: () => void } | undefined {
  let settings: T
  try {
    settings = readSettings()
  } catch (error) {
    log.failed((error as Error).message)
    return undefined
  }
  const controller = new AbortController()
  const done = abortOnSignals(controller, {
    onFirst: (signal) => log.info(`Received ${signal}: stopping and reporting what is known so far.`)
  })
  return { settings, controller, done }
}

// The exit code is the one setFailed chose (process.exitCode).
export { exitWhenDone } from '../core/cancel.js'

/** The inputs of an action with their defaults (from src/core/defaults.ts), read through @actions/core. */
export function inputsWithDefaults<Name extends string>(
  defaults: Readonly<Record<Name, string>>
): { input: (name: Name) => string; booleanInput: (name: Name) => boolean } {
  return {
    // The default when the input is not set (a local run; the runner always passes action.yml's).
    input: (name) => core.getInput(name) || defaults[name],
    // As @actions/core reads a boolean (YAML 1.2: true, True, TRUE, false, False, FALSE), in our words.
    booleanInput: (name) => {
      if (core.getInput(name) === '') return defaults[name] === 'true'
      try {
        return core.getBooleanInput(name)
      } catch {
        throw new Error(`${name}: "${cutChars(core.getInput(name), 40)}" is not true or false (write true or false)`)
      }
    }
  }
}
