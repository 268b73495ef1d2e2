import { setMaxListeners } from 'node:events'

/**
 * Every queued request and every polling submission listens on the run's one cancel signal, so a run of more
 * than ten submissions would trip Node's "possible EventTarget memory leak" warning in the user's log.
 */
export function allowManyListeners(signal: AbortSignal | undefined): void {
  if (signal) setMaxListeners(0, signal)
}
