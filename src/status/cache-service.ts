// Whether this run has an Actions cache to use at all, decided from the runner's environment alone. It is
// its own small module so the status action can answer it before loading the cache's code: a run without a
// cache service (a local run, a self-hosted runner without one, cache-mode none) never loads verdict-cache.ts.

export interface CacheMode {
  readable: boolean
  writable: boolean
  name: string
}

/** The run's cache-mode (ACTIONS_CACHE_MODE), read the way @actions/cache reads it; unset or unknown: both. */
export function cacheMode(env: NodeJS.ProcessEnv = process.env): CacheMode {
  const name = (env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase()
  if (!['none', 'read', 'write', 'write-only'].includes(name)) return { readable: true, writable: true, name }
  return { readable: name === 'read' || name === 'write', writable: name === 'write' || name === 'write-only', name }
}

/** Why the runner offers this run no cache, or undefined when it may (the library has the last word). */
export function noCacheServiceReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!env.ACTIONS_RUNTIME_TOKEN) {
    return 'the runner provides no Actions cache service here: ACTIONS_RUNTIME_TOKEN is not set'
  }
  const mode = cacheMode(env)
  if (!mode.readable && !mode.writable) return `the run's cache-mode is '${mode.name}'`
  return undefined
}

export const cacheUnavailableMessage = (why: string): string =>
  `The verdict cache is unavailable (${why}): this run goes on without it.`
