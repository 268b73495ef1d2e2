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
 * A signal for work after the check (the pull-request comment, the verdict cache): it ends `graceMs` after
 * a cancellation, so the step still stops within seconds of the runner's signal, and after `timeoutMs` in
 * any case (0: no such bound). Our own timers, not AbortSignal.timeout(), whose timer can be collected with
 * the signal before it fires (nodejs/node#57736), leaving the work unbounded.
 */
export function afterCancelSignal(cancel: AbortSignal, graceMs: number, timeoutMs = 0): AbortSignal {
  const controller = new AbortController()
  const abort = (why: string) => (): void => controller.abort(new Error(why))
  if (timeoutMs > 0) setTimeout(abort(`timed out after ${timeoutMs} ms`), timeoutMs).unref()
  const start = (): void => {
    setTimeout(abort('cancelled'), graceMs).unref()
  }
  if (cancel.aborted) start()
  else cancel.addEventListener('abort', start, { once: true })
  return controller.signal
}

/**
 * Everything is reported: if something a library left behind (a retry timer, a socket, a connect undici cannot
 * end) still holds the process after a moment, end it, so that a run never outlives its work (or a cancel) by
 * the library's own timeouts. The exit code is process.exitCode, as the caller set it.
 */
export function exitWhenDone(graceMs = 2000): void {
  setTimeout(() => process.exit(), graceMs).unref()
}
