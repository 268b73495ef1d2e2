// The GitHub side of both actions: how plans made by the reporters reach the runner.
import * as runner from './runner/toolkit.js'
import { createMpcClient, type MpcClient } from './core/client.js'
import type { Annotation } from './report/annotations.js'
import { USER_AGENT } from './version.js'

export interface NetworkSettings {
  apiUrl: string
  rateLimit: number
  concurrency: number
  requestTimeoutMs: number
  retries: number
}

export function createClient(settings: NetworkSettings): MpcClient {
  return createMpcClient({ ...settings, userAgent: USER_AGENT, debug: (message) => runner.debug(message) })
}

export function emitAnnotations(annotations: readonly Annotation[]): void {
  for (const annotation of annotations) {
    const properties: runner.AnnotationProperties = { title: annotation.title }
    if (annotation.file !== undefined) {
      properties.file = annotation.file
      properties.startLine = annotation.line
    }
    runner[annotation.level](annotation.message, properties)
  }
}

export function setOutputs(outputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(outputs)) runner.setOutput(name, value)
}

/** Writes the job summary; outside a runner (no GITHUB_STEP_SUMMARY) it says so instead of failing. */
export async function writeJobSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    runner.info('No GITHUB_STEP_SUMMARY file (not on a runner?): the job summary is not written.')
    return
  }
  try {
    await runner.appendSummary(markdown)
  } catch (error) {
    runner.warning(`Could not write the job summary: ${(error as Error).message}`)
  }
}

/**
 * Aborts `controller` when the runner cancels the job (SIGINT first, then SIGTERM), so the action can still
 * write what it knows. Returns a function that removes the handlers; after a cancellation they stay, so a
 * later signal cannot kill the process before it exits with its own failure code.
 */
export function abortOnCancel(controller: AbortController): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!controller.signal.aborted) runner.info(`Received ${signal}: stopping and reporting what is known so far.`)
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
