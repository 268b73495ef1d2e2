// The GitHub side of both actions: how plans made by the reporters reach the runner.
import * as runner from './runner/toolkit.js'
import { createMpcClient, type MpcClient } from './core/client.js'
import type { Annotation } from './report/annotations.js'
import { annotationText, logText } from './report/escape.js'
import { USER_AGENT } from './version.js'

// Every line the actions log, every annotation and every debug line goes through the escaping module here,
// whatever it holds: a message built from our own words can still carry a path, a label or a server's text.
const LOG_LINE_CHARS = 4000
const ANNOTATION_CHARS = 4000

export const log = {
  info: (message: string): void => runner.info(logText(message, LOG_LINE_CHARS)),
  debug: (message: string): void => runner.debug(logText(message, LOG_LINE_CHARS)),
  warning: (message: string, properties: runner.AnnotationProperties = {}): void =>
    runner.warning(annotationText(message, ANNOTATION_CHARS), properties),
  /** An error annotation, and the step fails. */
  failed: (message: string): void => runner.setFailed(annotationText(message, ANNOTATION_CHARS))
}

export interface NetworkSettings {
  apiUrl: string
  rateLimit: number
  concurrency: number
  requestTimeoutMs: number
  retries: number
}

export function createClient(settings: NetworkSettings): MpcClient {
  return createMpcClient({ ...settings, userAgent: USER_AGENT, debug: log.debug })
}

export function emitAnnotations(annotations: readonly Annotation[]): void {
  for (const annotation of annotations) {
    const properties: runner.AnnotationProperties = { title: annotation.title }
    if (annotation.file !== undefined) {
      properties.file = annotation.file
      properties.startLine = annotation.line
    }
    runner[annotation.level](annotationText(annotation.message, ANNOTATION_CHARS), properties)
  }
}

export function setOutputs(outputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(outputs)) runner.setOutput(name, value)
}

/** Writes the job summary; outside a runner (no GITHUB_STEP_SUMMARY) it says so instead of failing. */
export async function writeJobSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    log.info('No GITHUB_STEP_SUMMARY file (not on a runner?): the job summary is not written.')
    return
  }
  try {
    await runner.appendSummary(markdown)
  } catch (error) {
    log.warning(`Could not write the job summary: ${(error as Error).message}`)
  }
}

/**
 * Aborts `controller` when the runner cancels the job (SIGINT first, then SIGTERM), so the action can still
 * write what it knows. Returns a function that removes the handlers; after a cancellation they stay, so a
 * later signal cannot kill the process before it exits with its own failure code.
 */
export function abortOnCancel(controller: AbortController): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!controller.signal.aborted) log.info(`Received ${signal}: stopping and reporting what is known so far.`)
    controller.abort(new Error(`cancelled by ${signal}`))
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return () => {
    if (controller.signal.aborted) return
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

/**
 * A signal for work after the check (the pull-request comment): it ends `graceMs` after a cancellation, so
 * the step still stops within seconds of the runner's signal, or after `timeoutMs` in any case.
 */
export function afterCancelSignal(cancel: AbortSignal, graceMs: number, timeoutMs: number): AbortSignal {
  const grace = new AbortController()
  const start = (): void => {
    setTimeout(() => grace.abort(new Error('cancelled')), graceMs).unref()
  }
  if (cancel.aborted) start()
  else cancel.addEventListener('abort', start, { once: true })
  return AbortSignal.any([grace.signal, AbortSignal.timeout(timeoutMs)])
}
