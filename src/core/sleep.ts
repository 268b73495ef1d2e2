/** Waits `ms`, or less when `signal` aborts (it then resolves early; callers check `signal.aborted`). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const done = (): void => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    // Clamped to Node's timer range: a longer delay would fire after 1 ms instead.
    const timer = setTimeout(done, Math.min(Math.max(0, ms), 2 ** 31 - 1))
    signal?.addEventListener('abort', done, { once: true })
  })
}

/**
 * Many sleeps that one signal cuts short, with one listener on the signal in all: a listener per sleep
 * would make each removal scan thousands of others.
 */
export function sleeperFor(signal?: AbortSignal): (ms: number) => Promise<void> {
  const sleeping = new Set<() => void>()
  signal?.addEventListener(
    'abort',
    () => {
      for (const wake of sleeping) wake()
      sleeping.clear()
    },
    { once: true }
  )
  return (ms) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve()
      const wake = (): void => {
        clearTimeout(timer)
        sleeping.delete(wake)
        resolve()
      }
      const timer = setTimeout(wake, Math.min(Math.max(0, ms), 2 ** 31 - 1))
      sleeping.add(wake)
    })
}
