export declare const STAND_IN_SIGNATURE: string
export interface CacheRequest {
  method: string
  /** The path without the query (the signed URLs' `sig` stays out of the record). */
  path: string
  /** Whether setFailure's failure answered it. */
  failed: boolean
}

export interface CacheEntry {
  key: string
  version: string
  /** Bytes of the archive @actions/cache uploaded. */
  size: number
}

export interface CacheFailure {
  /** Which requests fail; default every one. */
  match?: (request: CacheRequest) => boolean
  /** Answer with this status and a Twirp error body (default 500). */
  status?: number
  /** Never answer while the server runs (close() then refuses with a 401, which no client retries). */
  hang?: boolean
  /** Close the connection without an answer (ECONNRESET). */
  reset?: boolean
}

export interface CacheServer {
  url: string
  /**
   * The variables a current runner sets for the cache, pointing at the stand-in: ACTIONS_CACHE_SERVICE_V2,
   * ACTIONS_RESULTS_URL (v2), ACTIONS_CACHE_URL (v1, used when GITHUB_SERVER_URL names a GHES host) and
   * ACTIONS_RUNTIME_TOKEN.
   */
  env: Record<string, string>
  requests: CacheRequest[]
  /** Forgets the requests seen so far, so a test can look at its next step alone; what the service holds stays. */
  reset(): void
  /** Committed entries, oldest first. */
  entries(): CacheEntry[]
  /** The archive a committed entry holds (to plant a copy of it under another key). */
  blobOf(key: string): Buffer
  /** Plants a committed entry holding `blob` as its archive (as another run of the same cache scope could). */
  plant(entry: { key: string; version: string; blob: Buffer }): void
  /** Makes requests fail from now on; undefined heals the service. */
  setFailure(failure: CacheFailure | undefined): void
  close(): Promise<void>
}

export function startCacheServer(): Promise<CacheServer>
