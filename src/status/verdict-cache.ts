// The verdict store's way into the GitHub Actions cache, through @actions/cache: one text restored before the
// check and saved after it. The cache is a convenience: it never throws, never fails the step and never
// changes a verdict. Where it cannot be used, one notice says so and every later call is a no-op.
//
// @actions/cache is used through its public API only (restoreCache, saveCache, isFeatureAvailable), in a
// process of its own (cache-worker.ts, one per call): loaded here, its modules would stay live through the
// whole check and V8 would size the heap of a large run by them. A call given up is ended with that
// process's group (the worker, tar, zstd), so nothing of it runs on.
// - It speaks for itself: its own lines (the cache hit, the size, "Failed to restore: ...") appear in the log
//   as it writes them, line by line, but only its debug lines and masks act (see passOn). It then returns as if nothing was
//   found (restore) or -1 (save); a save that was not taken costs our one notice, a restore that found
//   nothing usable is a miss (its warning already said why).
// - It has no time limit and no cancellation: its Twirp client retries five times (about 30 s on a 5xx) and
//   a silent socket is given up only after 3 minutes, per attempt. Each call is therefore raced against a
//   bound (30 s to restore, 60 s to save) and the caller's AbortSignal; when that ends first we stop
//   waiting, end every process the call started (the tar guard and its process group: tar-guard.ts), and the
//   step goes on to report; what the library still has open ends with the process (exitWhenDone, 2 s after
//   reporting).
// - It archives files with tar (and zstd where installed) and hashes their paths into the entry's version,
//   so the store's file lives at one fixed path, `folder`/verdicts.json, that must be the same in every run.
//   The archive is checked before anything is extracted (tar-guard.ts).
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { constants, existsSync } from 'node:fs'
import { mkdir, open, rm } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { logText } from '../report/escape.js'
import { cacheMode, cacheUnavailableMessage, noCacheServiceReason } from './cache-service.js'
import type { WorkerAnswer, WorkerRequest } from './cache-worker.js'
import { guardTar, type GuardedCall } from './tar-guard.js'

export interface VerdictCacheOptions {
  /** From verdictCacheKeyPrefix: what every entry's key starts with; restore takes the newest entry under it. */
  keyPrefix: string
  /**
   * This run, e.g. `${GITHUB_RUN_ID}-${GITHUB_RUN_ATTEMPT}` (characters outside [A-Za-z0-9._-] become `_`).
   * Restore looks first under prefix + runKey, then under the prefix: keep the attempt in it, or a re-run
   * would prefer its first attempt's entry to a newer one of another run.
   */
  runKey: string
  /**
   * A folder for the one file the cache archives, e.g. under RUNNER_TEMP. The cache entry's version hashes
   * the file's path, so it must be the same path in every run (an absolute path without glob characters).
   */
  folder: string
  /** Said once per run at most: the cache is unavailable (or read-only) and the run goes on without it. */
  notice: (message: string) => void
  debug?: (message: string) => void
  /** The run's cancellation: a call in progress stops waiting at once, and later calls do nothing. */
  signal?: AbortSignal
  /** Bounds on one call; defaults 30 s and 60 s. */
  restoreTimeoutMs?: number
  saveTimeoutMs?: number
  /** The worker script (cache-worker.ts bundled); default: `cache-worker/index.js` beside this bundle. */
  workerEntry?: string
}

export interface VerdictCallOptions {
  /** Stops waiting for this call (e.g. a grace period after the run's cancellation). */
  signal?: AbortSignal
}

export interface VerdictCache {
  /** False once the cache is known to be unavailable: then every call is a no-op. */
  readonly available: boolean
  /** The text of the newest saved store under the prefix, or undefined (nothing saved, unavailable, refused). */
  restore(options?: VerdictCallOptions): Promise<string | undefined>
  /**
   * The newest saved store under the prefix, handed to `read` as its bytes come off the disk (chunks of
   * 64 KiB, never the whole file at once; one buffer reused, so a chunk holds its bytes only until the next
   * is asked for: copy what is kept); what `read` returns, or undefined (nothing saved, unavailable,
   * refused, or reading it failed: then a notice).
   */
  restoreInto<T>(
    read: (chunks: AsyncIterable<Buffer>) => Promise<T>,
    options?: VerdictCallOptions
  ): Promise<T | undefined>
  /**
   * Saves `content` (a text, or its pieces in order, taken one by one as they are written) under a new key
   * (entries are immutable); true when the service took it.
   */
  save(content: string | Iterable<string>, options?: VerdictCallOptions): Promise<boolean>
}

/** The largest store restored or saved; a restored file over it is ignored. */
export const VERDICT_CACHE_MAX_BYTES = 32 * 1024 * 1024
export const VERDICT_CACHE_FILE = 'verdicts.json'
const RESTORE_TIMEOUT_MS = 30_000
const SAVE_TIMEOUT_MS = 60_000
/** The cache service's own limit on a key. */
const MAX_KEY_LENGTH = 512

const safeKeyText = (text: string, max: number): string => text.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, max)

/**
 * The prefix of every key this action saves for one repository, MPC API and `verdict-cache-key`. The three
 * are hashed into a fixed-length part right after a fixed label, so no prefix is the start of another one
 * (restore matches by prefix); the user's key follows in safe characters only, for people reading the
 * repository's cache list. Cache keys are at most 512 characters and hold no commas: this is at most 105.
 */
export function verdictCacheKeyPrefix(parts: { repository: string; apiUrl: string; userKey: string }): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([parts.repository, parts.apiUrl, parts.userKey]))
    .digest('hex')
    .slice(0, 24)
  const label = safeKeyText(parts.userKey.trim(), 64)
  return `mpc-verdicts-1-${digest}-${label === '' ? '' : `${label}-`}`
}

// ---- The worker ------------------------------------------------------------------------------------------

/** dist/cache-worker/index.js: the bundle that runs this code is dist/index.js or a chunk beside it. */
const defaultWorkerEntry = (): string =>
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'cache-worker', 'index.js')

interface WorkerCall {
  answer: Promise<WorkerAnswer>
  /** Ends the worker and every process of its group (tar, zstd), at once. */
  kill(): void
}

/**
 * What of the library's command lines acts as one: its debug lines, and the masks it puts on the signatures of
 * the storage URLs it is given (base64 or its URL-encoded form, never shorter than this).
 */
const PASSED_COMMAND = /^::debug::|^::add-mask::[A-Za-z0-9+/=%]{20,}$/

/**
 * Passes the worker's output on line by line, as it comes. The library logs text it was given by the cache
 * service (the key an entry was matched by, a GHES server's error) with core.info, unescaped: a line break in
 * a key would start a workflow command of anyone's choosing (`::add-mask::` on our words, `::stop-commands::`,
 * a forged annotation). So only its debug lines and its masks act; every other line is shown as it is written,
 * through logText (a leading `::` split, invisibles shown), never acting. Its warnings show as text; our own
 * notice says when the cache could not serve.
 */
function passOn(from: Readable, to: NodeJS.WriteStream): void {
  let partial = ''
  const emit = (line: string): void => {
    to.write(`${PASSED_COMMAND.test(line) ? line : logText(line, 4000)}\n`)
  }
  from.setEncoding('utf8')
  from.on('data', (piece: string) => {
    const lines = (partial + piece).split(/\r?\n/)
    partial = lines.pop() ?? ''
    // A line with no end in sight is shown in pieces rather than held.
    if (partial.length > 64 * 1024) {
      lines.push(partial)
      partial = ''
    }
    lines.forEach(emit)
  })
  from.on('end', () => {
    if (partial !== '') emit(partial)
  })
}

const liveWorkers = new Set<ChildProcess>()
let workerExitHook = false

function killWorker(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    // Its own process group (detached): tar and zstd, which the library starts, go with it.
    if (process.platform === 'win32') child.kill('SIGKILL')
    else process.kill(-child.pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

/**
 * Runs one library call in the worker. Its lines (the library's own) are passed on to our stdout and stderr
 * as they come; its answer is one JSON line on file descriptor 3. Never rejects.
 */
function startWorker(entry: string, request: WorkerRequest): WorkerCall {
  if (!workerExitHook) {
    workerExitHook = true
    // The step's exit (exitWhenDone ends it 2 s after reporting) must not leave a worker running.
    process.on('exit', () => liveWorkers.forEach(killWorker))
  }
  let child: ChildProcess
  try {
    child = spawn(process.execPath, [entry, JSON.stringify(request)], {
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      // As it is now: the tar guard has just put itself first on the PATH.
      env: process.env,
      detached: process.platform !== 'win32',
      windowsHide: true
    })
  } catch (error) {
    const message = `the cache worker could not be started: ${describeError(error)}`
    return { answer: Promise.resolve({ kind: 'threw', message }), kill: () => undefined }
  }
  liveWorkers.add(child)
  if (child.stdout) passOn(child.stdout, process.stdout)
  if (child.stderr) passOn(child.stderr, process.stderr)
  let reply = ''
  const replies = child.stdio[3] as Readable | null
  replies?.setEncoding('utf8')
  replies?.on('data', (piece: string) => {
    // One short JSON line is all it sends; more is not ours.
    if (reply.length < 64 * 1024) reply += piece
  })
  const answer = new Promise<WorkerAnswer>((resolve) => {
    let started = true
    child.once('error', (error) => {
      started = false
      liveWorkers.delete(child)
      resolve({ kind: 'threw', message: `the cache worker could not be started: ${describeError(error)}` })
    })
    child.once('close', (code, signal) => {
      liveWorkers.delete(child)
      if (!started) return
      try {
        const value = JSON.parse(reply) as WorkerAnswer
        if (typeof value === 'object' && value !== null && typeof value.kind === 'string') return resolve(value)
      } catch {
        // no answer: said below
      }
      resolve({ kind: 'threw', message: `the cache worker ended (${signal ?? `exit ${code}`}) without an answer` })
    })
  })
  return { answer, kill: () => killWorker(child) }
}

// ---- A call raced against its bound and the cancel ---------------------------------------------------

type Outcome<T> =
  { kind: 'done'; value: T } | { kind: 'threw'; error: unknown } | { kind: 'timeout' } | { kind: 'aborted' }

/**
 * Waits for one library call for at most `timeoutMs` and until a signal aborts; `onGiveUp` ends what the call
 * started when we stop waiting. A call that is given up is left to settle (or to end with the process):
 * `settled` says when.
 */
async function raceLibraryCall<T>(
  running: Promise<T>,
  timeoutMs: number,
  signals: (AbortSignal | undefined)[],
  onGiveUp: () => void
): Promise<{ outcome: Outcome<T>; settled: Promise<void> }> {
  const settled = running.then(
    () => undefined,
    () => undefined
  )
  let timer: NodeJS.Timeout | undefined
  let onAbort: (() => void) | undefined
  const stopped = new Promise<'timeout' | 'aborted'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs)
    onAbort = () => resolve('aborted')
    for (const signal of signals) {
      if (signal?.aborted) resolve('aborted')
      signal?.addEventListener('abort', onAbort, { once: true })
    }
  })
  try {
    const outcome = await Promise.race([
      running.then(
        (value): Outcome<T> => ({ kind: 'done', value }),
        (error: unknown): Outcome<T> => ({ kind: 'threw', error })
      ),
      stopped
    ])
    if (typeof outcome !== 'string') return { outcome, settled }
    onGiveUp()
    return { outcome: { kind: outcome }, settled }
  } finally {
    clearTimeout(timer)
    for (const signal of signals) if (onAbort) signal?.removeEventListener('abort', onAbort)
  }
}

// ---- The store's file ----------------------------------------------------------------------------------

const firstLine = (text: string): string => text.trim().split(/\r?\n/)[0].slice(0, 300)

const describeError = (error: unknown): string =>
  (error as NodeJS.ErrnoException).code ?? firstLine(error instanceof Error ? error.message : String(error))

const UTF8 = new TextDecoder('utf-8', { fatal: true })

const READ_CHUNK_BYTES = 64 * 1024

/**
 * The restored file's bytes in chunks; refused (an Error saying why) unless it is a regular file within the
 * cap (checked before and while reading: it may grow).
 */
async function* restoredChunks(file: string): AsyncGenerator<Buffer> {
  // O_NOFOLLOW: a symlink in the archive is not followed; O_NONBLOCK: a FIFO does not wait for a writer.
  const flags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)
  const handle = await open(file, flags)
  try {
    const stats = await handle.stat()
    if (!stats.isFile()) throw new Error('it is not a regular file')
    if (stats.size > VERDICT_CACHE_MAX_BYTES) throw new Error(`it is larger than ${VERDICT_CACHE_MAX_BYTES} bytes`)
    let length = 0
    // One buffer for every chunk: each is read before the next is asked for (see restoreInto).
    const chunk = Buffer.allocUnsafe(READ_CHUNK_BYTES)
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null)
      if (bytesRead === 0) return
      length += bytesRead
      if (length > VERDICT_CACHE_MAX_BYTES) throw new Error(`it is larger than ${VERDICT_CACHE_MAX_BYTES} bytes`)
      yield chunk.subarray(0, bytesRead)
    }
  } finally {
    await handle.close()
  }
}

/** The chunks as one UTF-8 text; an Error unless they decode strictly. */
async function readText(chunks: AsyncIterable<Buffer>): Promise<string> {
  const pieces: Buffer[] = []
  for await (const chunk of chunks) pieces.push(Buffer.from(chunk))
  try {
    return UTF8.decode(Buffer.concat(pieces))
  } catch {
    throw new Error('it is not UTF-8 text')
  }
}

/** Writes the store's file anew; the number of bytes written, or undefined past `maxBytes` (then it is removed). */
async function writeStoreFile(
  folder: string,
  file: string,
  content: string | Iterable<string>,
  maxBytes: number
): Promise<number | undefined> {
  await mkdir(folder, { recursive: true, mode: 0o700 })
  await rm(file, { recursive: true, force: true })
  // 'wx': created anew, never through whatever was at that name.
  const handle = await open(file, 'wx', 0o600)
  let bytes = 0
  try {
    // In pieces of about 64 KiB (as the results file is written): the store's text is never made whole.
    const pieces = typeof content === 'string' ? [content] : content
    let chunk: string[] = []
    let size = 0
    const flush = async (): Promise<boolean> => {
      const buffer = Buffer.from(chunk.join(''), 'utf8')
      chunk = []
      size = 0
      bytes += buffer.length
      if (bytes > maxBytes) return false
      await handle.write(buffer)
      return true
    }
    for (const piece of pieces) {
      chunk.push(piece)
      size += piece.length
      if (size >= READ_CHUNK_BYTES && !(await flush())) break
    }
    if (bytes <= maxBytes && chunk.length > 0) await flush()
  } finally {
    await handle.close()
  }
  if (bytes <= maxBytes) return bytes
  await rm(file, { force: true })
  return undefined
}

// ---- The cache -----------------------------------------------------------------------------------------

const NO_SERVICE =
  'the runner provides no Actions cache service here: ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL is not set'

/** The library's outcome from the worker's: what it returned, what it threw, or that there is no service. */
function fromWorker<T>(outcome: Outcome<WorkerAnswer>, value: (answer: WorkerAnswer) => T): Outcome<T> | 'unavailable' {
  if (outcome.kind !== 'done') return outcome
  const answer = outcome.value
  if (answer.kind === 'unavailable') return 'unavailable'
  if (answer.kind === 'threw') return { kind: 'threw', error: new Error(answer.message) }
  return { kind: 'done', value: value(answer) }
}

/**
 * Opens the verdict cache. Never throws: where the Actions cache cannot be used it says so once through
 * `notice` and returns a cache whose calls do nothing. @actions/cache is imported here, and only where the
 * runner provides a cache service, so a run with the cache off (or without a service) never loads it.
 */
export async function openVerdictCache(options: VerdictCacheOptions): Promise<VerdictCache> {
  const debug = (message: string): void => options.debug?.(message)
  const folder = path.resolve(options.folder)
  const file = path.join(folder, VERDICT_CACHE_FILE)
  const run = safeKeyText(options.runKey, 100) || 'run'
  // Each part ends in `-` so that one run's key is never the start of another's (run 12 against run 123).
  const restoreKey = `${options.keyPrefix}${run}-`
  const mode = cacheMode()
  const workerEntry = options.workerEntry ?? defaultWorkerEntry()
  let usable = false
  let noticed = false
  let saved = 0

  const noticeOnce = (message: string): void => {
    if (noticed) return
    noticed = true
    options.notice(message)
  }
  const disable = (why: string): void => {
    usable = false
    noticeOnce(cacheUnavailableMessage(why))
  }
  const signalsFor = (call?: VerdictCallOptions): (AbortSignal | undefined)[] => [options.signal, call?.signal]
  /**
   * One library call in a worker, raced against its bound and the cancels; given up, the worker and the guard's
   * processes are ended. `settled` says when the worker is gone (the guard's folder may go then).
   */
  const inWorker = async <T>(
    request: WorkerRequest,
    timeoutMs: number,
    call: VerdictCallOptions | undefined,
    guard: GuardedCall | undefined,
    value: (answer: WorkerAnswer) => T
  ): Promise<{ outcome: Outcome<T> | 'unavailable'; settled: Promise<void> }> => {
    const worker = startWorker(workerEntry, request)
    const race = await raceLibraryCall(worker.answer, timeoutMs, signalsFor(call), () => {
      worker.kill()
      guard?.stop()
    })
    return { outcome: fromWorker(race.outcome, value), settled: race.settled }
  }
  const aborted = (call?: VerdictCallOptions): boolean =>
    (options.signal?.aborted ?? false) || (call?.signal?.aborted ?? false)
  const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`
  const describeFailure = (outcome: Outcome<unknown>, timeoutMs: number, fallback: string): string => {
    if (outcome.kind === 'timeout') return `the cache service did not answer within ${seconds(timeoutMs)}`
    if (outcome.kind === 'threw') return describeError(outcome.error)
    return fallback
  }

  const cache: VerdictCache = {
    get available() {
      return usable
    },

    async restore(call) {
      return cache.restoreInto(readText, call)
    },

    async restoreInto(read, call) {
      if (!usable) return undefined
      if (!mode.readable) {
        debug(`Verdict cache: not restored, the run's cache-mode '${mode.name}' permits no reads.`)
        return undefined
      }
      if (aborted(call)) return undefined
      try {
        await mkdir(folder, { recursive: true, mode: 0o700 })
        await rm(file, { recursive: true, force: true })
      } catch (error) {
        disable(`its folder cannot be used: ${describeError(error)}`)
        return undefined
      }
      let guard: GuardedCall
      try {
        // Only an archive holding the store's file alone, within the cap, is extracted (see tar-guard.ts).
        guard = await guardTar({ mode: 'restore', file, maxBytes: VERDICT_CACHE_MAX_BYTES, scratch: folder })
      } catch (error) {
        disable(describeError(error))
        return undefined
      }
      const timeoutMs = options.restoreTimeoutMs ?? RESTORE_TIMEOUT_MS
      const { outcome, settled } = await inWorker(
        { op: 'restore', paths: [file], primaryKey: restoreKey, restoreKeys: [options.keyPrefix] },
        timeoutMs,
        call,
        guard,
        (answer) => (answer.kind === 'restored' ? answer.key : undefined)
      )
      // Read before the guard's folder goes with it.
      const refusal = outcome !== 'unavailable' && outcome.kind === 'done' ? await guard.refusal() : undefined
      void settled.then(() => guard.end())
      try {
        if (outcome === 'unavailable') {
          disable(NO_SERVICE)
          return undefined
        }
        if (outcome.kind === 'aborted') {
          debug('Verdict cache: stopped waiting for the restore (cancelled).')
          return undefined
        }
        if (outcome.kind !== 'done') {
          disable(describeFailure(outcome, timeoutMs, 'the restore failed'))
          return undefined
        }
        if (refusal !== undefined) {
          options.notice(`The verdict store in the cache was refused before extraction: ${refusal}.`)
          return undefined
        }
        if (outcome.value === undefined) {
          // Nothing saved yet, or a failure @actions/cache has just reported in its own words.
          debug(`Verdict cache: nothing restored under ${options.keyPrefix}`)
          return undefined
        }
        try {
          let bytes = 0
          const counted = async function* (): AsyncGenerator<Buffer> {
            for await (const chunk of restoredChunks(file)) {
              bytes += chunk.length
              yield chunk
            }
          }
          const value = await read(counted())
          debug(`Verdict cache: restored ${bytes} bytes from key ${outcome.value}`)
          return value
        } catch (error) {
          options.notice(`The verdict store restored from the cache was ignored: ${describeError(error)}.`)
          return undefined
        }
      } finally {
        // The store's file does not stay behind (a call given up may still write it; the next call removes it).
        await rm(file, { recursive: true, force: true }).catch(() => undefined)
      }
    },

    async save(content, call) {
      if (!usable) return false
      if (!mode.writable) {
        noticeOnce(
          `The verdict cache is read-only in this run (cache-mode '${mode.name}'): verdicts confirmed now are not saved for later runs.`
        )
        return false
      }
      if (aborted(call)) return false
      let bytes: number | undefined
      try {
        bytes = await writeStoreFile(folder, file, content, VERDICT_CACHE_MAX_BYTES)
      } catch (error) {
        await rm(file, { recursive: true, force: true }).catch(() => undefined)
        disable(`its file cannot be written: ${describeError(error)}`)
        return false
      }
      if (bytes === undefined) {
        debug(`Verdict cache: not saved, the store is over the ${VERDICT_CACHE_MAX_BYTES}-byte cap.`)
        return false
      }
      // Entries are immutable: every save takes a key of its own (the time and a random part keep two saves
      // of one run, or two jobs of one matrix, apart).
      saved += 1
      const key = `${restoreKey}${Date.now().toString(36)}-${saved}${randomBytes(3).toString('hex')}`
      const timeoutMs = options.saveTimeoutMs ?? SAVE_TIMEOUT_MS
      let guard: GuardedCall | undefined
      try {
        // The guard runs tar in a process group of its own, so that a save given up leaves nothing running.
        guard = await guardTar({ mode: 'save', file, maxBytes: VERDICT_CACHE_MAX_BYTES, scratch: folder })
      } catch {
        guard = undefined // Windows: the library's tar runs unguarded (it only packs our own file).
      }
      const { outcome, settled } = await inWorker(
        { op: 'save', paths: [file], key },
        timeoutMs,
        call,
        guard,
        (answer) => (answer.kind === 'saved' ? answer.id : -1)
      )
      void settled.then(() => guard?.end())
      await rm(file, { recursive: true, force: true }).catch(() => undefined)
      if (outcome === 'unavailable') {
        disable(NO_SERVICE)
        return false
      }
      if (outcome.kind === 'aborted') {
        debug('Verdict cache: stopped waiting for the save (cancelled).')
        return false
      }
      // saveCache answers -1 for every failure it reported itself (a refused reservation is an info line).
      if (outcome.kind !== 'done' || outcome.value === -1) {
        disable(describeFailure(outcome, timeoutMs, '@actions/cache did not save it; its own lines above say why'))
        return false
      }
      debug(`Verdict cache: saved ${bytes} bytes under key ${key}`)
      return true
    }
  }

  const keyProblem =
    restoreKey.length + 40 > MAX_KEY_LENGTH || restoreKey.includes(',') ? 'its key is too long or holds a comma' : ''
  const pathProblem = /[*?[\]\r\n]/.test(file) ? 'its folder path holds glob characters' : ''
  if (keyProblem || pathProblem) {
    disable(keyProblem || pathProblem)
    return cache
  }
  const noService = noCacheServiceReason()
  if (noService) {
    disable(noService)
    return cache
  }
  if (!existsSync(workerEntry)) {
    disable('its worker, cache-worker/index.js beside the action’s bundle, is missing')
    return cache
  }
  if (aborted()) return cache
  // Whether the runner names a cache service is the library's to say (isFeatureAvailable): the first call's
  // worker asks it.
  usable = true
  return cache
}
