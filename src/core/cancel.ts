/**
 * Aborts `controller` on SIGINT or SIGTERM (the runner's cancel, or Ctrl-C), so that what is known can still
 * be reported. After a cancellation the handlers stay: a follow-up signal must not kill the process before
 * it has written what it knows, unless `exitOnSecond` asks for that (a person pressing Ctrl-C twice).
 * Returns a function that removes the handlers when nothing was cancelled.
 */
export function abortOnSignals(
  controller: AbortController,
  options: { onFirst?: (signal: NodeJS.Signals) => void; exitOnSecond?: number } = {}
): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      if (options.exitOnSecond !== undefined) process.exit(options.exitOnSecond)
      return
    }
    options.onFirst?.(signal)
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
