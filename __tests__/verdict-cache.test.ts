// The verdict cache's I/O against a loopback stand-in of the Actions cache service, through the real
// @actions/cache (its Twirp client, tar and zstd, the Azure Blob SDK's upload): what is saved comes back,
// the newest entry under the prefix wins, the library's own lines show as it writes them, an unavailable,
// failing or hanging service costs one notice of ours and a bounded wait (never a throw or a hung process),
// and a planted entry is refused before anything of it is extracted.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { STAND_IN_SIGNATURE, startCacheServer, type CacheServer } from '../__fixtures__/cache-server.mjs'
import {
  openVerdictCache,
  VERDICT_CACHE_FILE,
  VERDICT_CACHE_MAX_BYTES,
  verdictCacheKeyPrefix,
  type VerdictCache,
  type VerdictCacheOptions
} from '../src/status/verdict-cache.js'
import { paxHeader, tarOf, ustarHeader, zstd, zstdOfZeros } from './helpers/tar-archives.js'

// Jest's ES-module mode does not inject the `jest` object as a global.
const { spyOn } = (import.meta as unknown as { jest: typeof jest }).jest

const VARIABLES = [
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_MODE',
  'GITHUB_SERVER_URL',
  'GITHUB_WORKSPACE',
  'RUNNER_TEMP',
  'RUNNER_DEBUG'
]
const PREFIX = verdictCacheKeyPrefix({
  repository: 'octo/repo',
  apiUrl: 'https://data.minorplanetcenter.net',
  userKey: ''
})

let server: CacheServer
let root: string
let folder: string
let savedEnv: Record<string, string | undefined>

beforeAll(async () => {
  server = await startCacheServer()
})
afterAll(async () => {
  await server.close()
})

beforeEach(() => {
  savedEnv = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]))
  for (const name of VARIABLES) delete process.env[name]
  root = mkdtempSync(path.join(tmpdir(), 'verdict-cache-'))
  mkdirSync(path.join(root, 'workspace'))
  mkdirSync(path.join(root, 'temp'))
  process.env.GITHUB_WORKSPACE = path.join(root, 'workspace')
  process.env.RUNNER_TEMP = path.join(root, 'temp')
  folder = path.join(root, 'temp', 'mpc-verdict-cache')
  server.setFailure(undefined)
})
afterEach(() => {
  for (const name of VARIABLES) {
    if (savedEnv[name] === undefined) delete process.env[name]
    else process.env[name] = savedEnv[name]
  }
  rmSync(root, { recursive: true, force: true })
})

const useStandIn = (): void => {
  Object.assign(process.env, server.env)
}

interface Opened {
  cache: VerdictCache
  notices: string[]
  debug: string[]
}

// @actions/cache runs in the worker process the status bundle starts (dist/cache-worker/index.js).
const WORKER = path.resolve('dist', 'cache-worker', 'index.js')

const open = async (overrides: Partial<VerdictCacheOptions> = {}): Promise<Opened> => {
  const notices: string[] = []
  const debug: string[] = []
  const cache = await openVerdictCache({
    keyPrefix: PREFIX,
    runKey: '1234-1',
    folder,
    workerEntry: WORKER,
    notice: (message) => notices.push(message),
    debug: (message) => debug.push(message),
    ...overrides
  })
  return { cache, notices, debug }
}

/**
 * Runs `work` with what is written to stdout and stderr (the library's own lines: @actions/core writes them
 * there) caught for the test to read, instead of shown.
 */
async function captured<T>(work: () => Promise<T>): Promise<{ value: T; output: string }> {
  let output = ''
  const catcher = (chunk: unknown, ...rest: unknown[]): boolean => {
    output += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8')
    const callback = rest.find((arg): arg is () => void => typeof arg === 'function')
    if (callback) process.nextTick(callback)
    return true
  }
  const spies = [
    spyOn(process.stdout, 'write').mockImplementation(catcher as typeof process.stdout.write),
    spyOn(process.stderr, 'write').mockImplementation(catcher as typeof process.stderr.write)
  ]
  try {
    return { value: await work(), output }
  } finally {
    for (const spy of spies) spy.mockRestore()
  }
}

/**
 * The library's warnings and errors as they reach the log: shown as it wrote them, with the leading `::` split
 * (`: :warning::…`), so that no line from it but its debug lines and masks acts as a workflow command.
 */
const libraryProblems = (output: string): string[] =>
  output
    .split('\n')
    .filter((line) => /^: :(warning|error)::/.test(line))
    .map((line) => line.replace(/^: :/, '::'))

describe('verdictCacheKeyPrefix', () => {
  it('is stable, short and made of safe characters only', () => {
    const parts = { repository: 'octo/repo', apiUrl: 'https://data.minorplanetcenter.net', userKey: 'nightly, v2 ✓' }
    const prefix = verdictCacheKeyPrefix(parts)
    expect(verdictCacheKeyPrefix({ ...parts })).toBe(prefix)
    expect(prefix).toMatch(/^mpc-verdicts-1-[0-9a-f]{24}-nightly__v2__-$/)
    expect(prefix.length).toBeLessThanOrEqual(105)
    expect(verdictCacheKeyPrefix({ ...parts, userKey: 'x'.repeat(1000) }).length).toBeLessThanOrEqual(105)
    expect(verdictCacheKeyPrefix({ ...parts, userKey: '' })).toMatch(/^mpc-verdicts-1-[0-9a-f]{24}-$/)
  })

  it('differs with each part, and no prefix starts another one', () => {
    const base = { repository: 'octo/repo', apiUrl: 'https://data.minorplanetcenter.net', userKey: '' }
    const prefixes = [
      base,
      { ...base, repository: 'octo/other' },
      { ...base, apiUrl: 'http://127.0.0.1:8080' },
      { ...base, userKey: 'x' },
      { ...base, userKey: 'x-y' },
      // The same safe text from a different key: the hash still tells them apart.
      { ...base, userKey: 'x y' }
    ].map(verdictCacheKeyPrefix)
    expect(new Set(prefixes).size).toBe(prefixes.length)
    for (const a of prefixes) for (const b of prefixes) if (a !== b) expect(b.startsWith(a)).toBe(false)
  })
})

describe('the verdict cache against the stand-in service', () => {
  it('restores what was saved; the library speaks for itself, and nothing of ours is said', async () => {
    useStandIn()
    const run = await captured(async () => {
      const first = await open({ runKey: '1000-1' })
      expect(first.cache.available).toBe(true)
      expect(await first.cache.restore()).toBeUndefined()
      expect(await first.cache.save('{"verdicts":1}')).toBe(true)
      const second = await open({ runKey: '1001-1' })
      return { text: await second.cache.restore(), first, second }
    })
    expect(run.value.text).toBe('{"verdicts":1}')
    expect(run.value.first.notices).toEqual([])
    expect(run.value.second.notices).toEqual([])
    // The library's own lines appear as it writes them; its masks on the storage URL's signature act.
    expect(run.output).toMatch(new RegExp(`^::add-mask::${STAND_IN_SIGNATURE.replace(/[+=]/g, '\\$&')}$`, 'm'))
    expect(run.output).toMatch(/^Cache hit for restore-key: /m)
    expect(run.output).toMatch(/^Cache restored successfully$/m)
    // Its exec echoes the commands it runs: tar, the guard standing in for it (see tar-guard.ts).
    expect(run.output).toMatch(/^\[command\]\S*\/tar-guard-\w+\/bin\/tar --posix -cf /m)
    expect(run.output).toMatch(/^\[command\]\S*\/tar-guard-\w+\/bin\/tar -xf /m)
    expect(libraryProblems(run.output)).toEqual([])
    const entries = server.entries().filter((entry) => entry.key.startsWith(`${PREFIX}1000-1-`))
    expect(entries).toHaveLength(1)
    expect(entries[0].key).toMatch(/^[A-Za-z0-9._-]+$/)
    // The store's file does not stay behind.
    expect(existsSync(path.join(folder, VERDICT_CACHE_FILE))).toBe(false)
  })

  it('a key holding line breaks (a hostile cache service, or a run that can write the same scope) starts no workflow command', async () => {
    useStandIn()
    const prefix = verdictCacheKeyPrefix({ repository: 'octo/inject', apiUrl: 'https://mpc.example', userKey: '' })
    await captured(async () => (await open({ keyPrefix: prefix, runKey: '3000-1' })).cache.save('honest'))
    const [honest] = server.entries().filter((entry) => entry.key.startsWith(prefix))
    const key = `${prefix}zzz\n::error title=Injected::from a key\n::add-mask::accepted\n::stop-commands::x\n`
    server.plant({ key, version: honest.version, blob: server.blobOf(honest.key) })
    const run = await captured(async () => (await open({ keyPrefix: prefix, runKey: '3001-1' })).cache.restore())
    // The library logged the key it was given, line breaks and all: each line shows, none acts.
    expect(run.value).toBe('honest')
    const lines = run.output.split('\n')
    expect(lines).toContain(': :error title=Injected::from a key')
    expect(lines).toContain(': :add-mask::accepted')
    expect(lines).toContain(': :stop-commands::x')
    expect(lines.filter((line) => /^::(?!debug::|add-mask::[A-Za-z0-9+/=%]{20,}$)/.test(line))).toEqual([])
  })

  it('restores the newest of several saves, each under a key of its own', async () => {
    useStandIn()
    const prefix = verdictCacheKeyPrefix({ repository: 'octo/newest', apiUrl: 'https://mpc.example', userKey: '' })
    const run = await captured(async () => {
      const first = await open({ keyPrefix: prefix, runKey: '2000-1' })
      expect(await first.cache.save('first')).toBe(true)
      expect(await first.cache.save('second, same run')).toBe(true)
      const later = await open({ keyPrefix: prefix, runKey: '2001-1' })
      expect(await later.cache.restore()).toBe('second, same run')
      expect(await later.cache.save('third')).toBe(true)
      // A run whose key is a prefix of another run's (20 of 2000) still gets the newest under the prefix.
      const next = await open({ keyPrefix: prefix, runKey: '20' })
      return next.cache.restore()
    })
    expect(run.value).toBe('third')
    const keys = server.entries().filter((entry) => entry.key.startsWith(prefix))
    expect(keys).toHaveLength(3)
    expect(new Set(keys.map((entry) => entry.key)).size).toBe(3)
    expect(libraryProblems(run.output)).toEqual([])
  })

  it('saves a store given in pieces, hands it back in chunks of at most 64 KiB, and saves nothing over the cap', async () => {
    useStandIn()
    const prefix = verdictCacheKeyPrefix({ repository: 'octo/pieces', apiUrl: 'https://mpc.example', userKey: '' })
    const line = `${'x'.repeat(99)}\n`
    const run = await captured(async () => {
      const writer = await open({ keyPrefix: prefix, runKey: '1' })
      // 2 MiB made line by line: never one text.
      const lines = function* (count: number): Generator<string> {
        for (let index = 0; index < count; index += 1) yield line
      }
      expect(await writer.cache.save(lines(20_000))).toBe(true)
      // Over the cap: the file is cut short of it, removed, and nothing is saved.
      expect(await writer.cache.save(lines(VERDICT_CACHE_MAX_BYTES / line.length + 1))).toBe(false)
      const reader = await open({ keyPrefix: prefix, runKey: '2' })
      const sizes: number[] = []
      const text = await reader.cache.restoreInto(async (chunks) => {
        const pieces: Buffer[] = []
        for await (const chunk of chunks) {
          sizes.push(chunk.length)
          pieces.push(Buffer.from(chunk))
        }
        return Buffer.concat(pieces).toString('utf8')
      })
      return { text, sizes, notices: [...writer.notices, ...reader.notices] }
    })
    expect(run.value.text).toBe(line.repeat(20_000))
    expect(run.value.sizes.length).toBeGreaterThan(1)
    expect(Math.max(...run.value.sizes)).toBeLessThanOrEqual(64 * 1024)
    expect(run.value.notices).toEqual([])
    expect(server.entries().filter((entry) => entry.key.startsWith(prefix))).toHaveLength(1)
    expect(existsSync(path.join(folder, VERDICT_CACHE_FILE))).toBe(false)
  })

  it('does not see the entries of another prefix', async () => {
    useStandIn()
    const base = { repository: 'octo/apart', apiUrl: 'https://mpc.example', userKey: '' }
    const run = await captured(async () => {
      const writer = await open({ keyPrefix: verdictCacheKeyPrefix(base) })
      expect(await writer.cache.save('mine')).toBe(true)
      const found: (string | undefined)[] = []
      for (const other of [
        { ...base, userKey: 'x' },
        { ...base, apiUrl: 'https://mpc.example/' }
      ]) {
        const reader = await open({ keyPrefix: verdictCacheKeyPrefix(other) })
        found.push(await reader.cache.restore())
      }
      const same = await open({ keyPrefix: verdictCacheKeyPrefix(base) })
      found.push(await same.cache.restore())
      return found
    })
    expect(run.value).toEqual([undefined, undefined, 'mine'])
  })

  it('works the same with the GHES protocol (v1), which @actions/cache picks for a GHES server URL', async () => {
    useStandIn()
    process.env.GITHUB_SERVER_URL = 'https://ghe.example.com'
    const prefix = verdictCacheKeyPrefix({ repository: 'octo/ghes', apiUrl: 'https://mpc.example', userKey: '' })
    const before = server.requests.length
    const run = await captured(async () => {
      expect(await (await open({ keyPrefix: prefix, runKey: '1' })).cache.save('on GHES')).toBe(true)
      return (await open({ keyPrefix: prefix, runKey: '2' })).cache.restore()
    })
    expect(run.value).toBe('on GHES')
    expect(server.requests.slice(before).some((request) => request.path.startsWith('/v1/_apis/artifactcache/'))).toBe(
      true
    )
    expect(libraryProblems(run.output)).toEqual([])
  })

  it('refuses, before extraction, an entry tar made of a symbolic link or of a file over the size cap', async () => {
    useStandIn()
    const { saveCache } = await import('@actions/cache')
    const file = path.join(folder, VERDICT_CACHE_FILE)
    mkdirSync(folder, { recursive: true })
    const plant = async (prefix: string, make: () => void): Promise<void> => {
      rmSync(file, { force: true })
      make()
      expect(await saveCache([file], `${prefix}planted-1`)).toBeGreaterThan(0)
      rmSync(file, { force: true })
    }
    const linked = verdictCacheKeyPrefix({ repository: 'octo/link', apiUrl: 'https://mpc.example', userKey: '' })
    const large = verdictCacheKeyPrefix({ repository: 'octo/large', apiUrl: 'https://mpc.example', userKey: '' })
    const secret = path.join(root, 'secret.txt')
    writeFileSync(secret, 'not for the store')
    const run = await captured(async () => {
      await plant(linked, () => symlinkSync(secret, file))
      await plant(large, () => writeFileSync(file, Buffer.alloc(VERDICT_CACHE_MAX_BYTES + 1, 'a')))
      const results: { text: string | undefined; opened: Opened }[] = []
      for (const prefix of [linked, large]) {
        const opened = await open({ keyPrefix: prefix })
        results.push({ text: await opened.cache.restore(), opened })
      }
      return results
    })
    const reasons = [
      /it holds a symbolic link/,
      new RegExp(`its member is ${VERDICT_CACHE_MAX_BYTES + 1} bytes, over the cap`)
    ]
    for (const [index, { text, opened }] of run.value.entries()) {
      expect(text).toBeUndefined()
      // Refused with a notice: a store that cannot be used is worth a word, as a corrupt one is.
      expect(opened.notices).toEqual([
        expect.stringMatching(/^The verdict store in the cache was refused before extraction: /)
      ])
      expect(opened.notices[0]).toMatch(reasons[index])
      expect(opened.cache.available).toBe(true)
    }
    // Nothing was extracted: no link, no file; the library said that its tar failed, in its own words.
    expect(existsSync(file)).toBe(false)
    expect(libraryProblems(run.output)).toEqual([
      expect.stringMatching(/^::warning::Failed to restore: .*tar/),
      expect.stringMatching(/^::warning::Failed to restore: .*tar/)
    ])
  }, 60_000)

  it('works the same where zstd is not installed: gzip, which the guard runs as tar would (-z)', async () => {
    useStandIn()
    // A zstd that answers nothing: @actions/cache then compresses with gzip (and hashes that into the version).
    const noZstd = mkdtempSync(path.join(root, 'no-zstd-'))
    writeFileSync(path.join(noZstd, 'zstd'), '#!/bin/sh\nexit 1\n', { mode: 0o700 })
    const originalPath = process.env.PATH
    process.env.PATH = `${noZstd}${path.delimiter}${originalPath ?? ''}`
    try {
      const prefix = verdictCacheKeyPrefix({ repository: 'octo/gzip', apiUrl: 'https://mpc.example', userKey: '' })
      const run = await captured(async () => {
        expect(await (await open({ keyPrefix: prefix, runKey: '1' })).cache.save('{"gzip":1}')).toBe(true)
        return (await open({ keyPrefix: prefix, runKey: '2' })).cache.restore()
      })
      expect(run.value).toBe('{"gzip":1}')
      expect(run.output).toMatch(/^\[command\]\S*\/tar-guard-\w+\/bin\/tar -xf \S*cache\.tgz .* -z$/m)
    } finally {
      process.env.PATH = originalPath
    }
  })

  it('with RUNNER_DEBUG the library lists the archive after saving and before extracting: the guard answers', async () => {
    useStandIn()
    const prefix = verdictCacheKeyPrefix({ repository: 'octo/debug', apiUrl: 'https://mpc.example', userKey: '' })
    process.env.RUNNER_DEBUG = '1'
    const run = await captured(async () => {
      const saved = await (await open({ keyPrefix: prefix, runKey: '1' })).cache.save('{"debug":1}')
      return { saved, text: await (await open({ keyPrefix: prefix, runKey: '2' })).cache.restore() }
    })
    expect(run.value).toEqual({ saved: true, text: '{"debug":1}' })
    expect(run.output.match(/^\[command\]\S*\/tar-guard-\w+\/bin\/tar -tf /gm)).toHaveLength(2)
    expect(run.output.match(/^\.\.\/temp\/mpc-verdict-cache\/verdicts\.json$/gm)).toHaveLength(2)
  })

  it('restores but does not save where the run is read-only (ACTIONS_CACHE_MODE=read)', async () => {
    useStandIn()
    const prefix = verdictCacheKeyPrefix({ repository: 'octo/read', apiUrl: 'https://mpc.example', userKey: '' })
    const run = await captured(async () => {
      expect(await (await open({ keyPrefix: prefix })).cache.save('before')).toBe(true)
      process.env.ACTIONS_CACHE_MODE = 'read'
      const reader = await open({ keyPrefix: prefix })
      const text = await reader.cache.restore()
      const saves = [await reader.cache.save('after'), await reader.cache.save('again')]
      return { text, saves, notices: reader.notices }
    })
    expect(run.value.text).toBe('before')
    expect(run.value.saves).toEqual([false, false])
    expect(run.value.notices).toEqual([expect.stringMatching(/read-only in this run \(cache-mode 'read'\)/)])
    expect(libraryProblems(run.output)).toEqual([])
  })
})

describe("an unavailable cache service: the library's own warnings, one notice of ours, no throw, a bounded wait", () => {
  /** Restore and save twice each: every call must answer "nothing", and only one notice be said. */
  const useUnavailable = async (
    opened: Opened
  ): Promise<{ restored: (string | undefined)[]; saved: boolean[]; notices: string[] }> => {
    const restored = [await opened.cache.restore(), await opened.cache.restore()]
    const saved = [await opened.cache.save('x'), await opened.cache.save('y')]
    return { restored, saved, notices: opened.notices }
  }
  const expectUnavailable = (
    result: { restored: (string | undefined)[]; saved: boolean[]; notices: string[] },
    reason: RegExp
  ): void => {
    expect(result.restored).toEqual([undefined, undefined])
    expect(result.saved).toEqual([false, false])
    expect(result.notices).toHaveLength(1)
    expect(result.notices[0]).toMatch(/^The verdict cache is unavailable \(/)
    expect(result.notices[0]).toMatch(/this run goes on without it/)
    expect(result.notices[0]).toMatch(reason)
  }

  it('without the runner variables (a local run, GHES without a cache): no request at all', async () => {
    const before = server.requests.length
    const run = await captured(async () => useUnavailable(await open()))
    expectUnavailable(run.value, /ACTIONS_RUNTIME_TOKEN is not set/)
    expect(run.output).toBe('')
    expect(server.requests.length).toBe(before)
  })

  it('with a token but no service URL', async () => {
    process.env.ACTIONS_RUNTIME_TOKEN = 'token'
    const run = await captured(async () => useUnavailable(await open()))
    expectUnavailable(run.value, /ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL is not set/)
    expect(run.output).toBe('')
  })

  it('when the service refuses connections', async () => {
    const closed = await startCacheServer()
    await closed.close()
    Object.assign(process.env, closed.env)
    const run = await captured(async () => useUnavailable(await open()))
    // A failed restore looks like a miss through the public API; the failed save is what we notice.
    expectUnavailable(run.value, /@actions\/cache did not save it; its own lines above say why/)
    // The library's own warnings name the cause, as it wrote them.
    expect(libraryProblems(run.output).join('\n')).toMatch(/ECONNREFUSED/)
  })

  it('when the service answers an error it does not retry (401)', async () => {
    useStandIn()
    server.setFailure({ status: 401 })
    const run = await captured(async () => useUnavailable(await open()))
    expectUnavailable(run.value, /@actions\/cache did not save it/)
    expect(libraryProblems(run.output)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^::warning::Failed to restore: .*401/)])
    )
  })

  it('when every request fails with a 500: the retries are cut at the bound', async () => {
    useStandIn()
    server.setFailure({ status: 500 })
    const run = await captured(async () => useUnavailable(await open({ restoreTimeoutMs: 1500, saveTimeoutMs: 1500 })))
    // Given up at the bound, not after the library's own retries: the notice names the bound.
    expectUnavailable(run.value, /did not answer within 1.5 s/)
  })

  it('when the service hangs on restore: given up at the bound, and its request closed', async () => {
    useStandIn()
    server.setFailure({ hang: true })
    const run = await captured(async () => {
      const opened = await open({ restoreTimeoutMs: 1000 })
      const started = Date.now()
      return { result: await useUnavailable(opened), answeredAfter: Date.now() - started }
    })
    expectUnavailable(run.value.result, /did not answer within 1 s/)
    expect(run.value.answeredAfter).toBeGreaterThanOrEqual(900)
  })

  it('when the upload hangs on save: given up at the bound, and the upload closed', async () => {
    useStandIn()
    server.setFailure({ hang: true, match: (request) => request.path.startsWith('/blob/') })
    const run = await captured(async () => {
      const opened = await open({ saveTimeoutMs: 1000 })
      const saved = await opened.cache.save('x')
      return { saved, notices: opened.notices }
    })
    expect(run.value.saved).toBe(false)
    expect(run.value.notices).toEqual([expect.stringMatching(/did not answer within 1 s/)])
  })

  it('stops waiting at once when the run is cancelled, without a notice', async () => {
    useStandIn()
    server.setFailure({ hang: true })
    const controller = new AbortController()
    const run = await captured(async () => {
      const opened = await open({ signal: controller.signal })
      setTimeout(() => controller.abort(), 300)
      const text = await opened.cache.restore()
      return { text, saved: await opened.cache.save('x'), opened }
    })
    // No notice: the restore's own 30 s bound never came (it would say so), the cancel ended it.
    expect(run.value.text).toBeUndefined()
    expect(run.value.saved).toBe(false)
    expect(run.value.opened.notices).toEqual([])
  })

  it('a call of its own can be given a shorter signal, e.g. a grace period after cancellation', async () => {
    useStandIn()
    server.setFailure({ hang: true, match: (request) => request.path.startsWith('/blob/') })
    const run = await captured(async () => {
      const opened = await open()
      const saved = await opened.cache.save('x', { signal: AbortSignal.timeout(300) })
      return { saved, notices: opened.notices }
    })
    // No notice: the save's own 60 s bound never came (it would say so), the shorter signal ended it.
    expect(run.value.saved).toBe(false)
    expect(run.value.notices).toEqual([])
  })
})

describe('a planted entry is refused before anything of it is extracted', () => {
  /** The version @actions/cache gives this test's store path and compression: an honest save tells it. */
  const honestVersion = async (): Promise<string> => {
    const prefix = verdictCacheKeyPrefix({ repository: 'octo/honest', apiUrl: 'https://mpc.example', userKey: '' })
    await captured(async () => (await open({ keyPrefix: prefix, runKey: `honest-${Date.now()}` })).cache.save('{}'))
    const honest = server.entries().at(-1)
    if (!honest) throw new Error('the honest save was not taken')
    return honest.version
  }
  /** The store's member name as the library's tar writes it: relative to the workspace (`-C`), `-P` kept. */
  const storeName = (): string =>
    path.relative(process.env.GITHUB_WORKSPACE ?? '', path.join(folder, VERDICT_CACHE_FILE))
  let planted = 0
  const restorePlanted = async (
    blob: Buffer,
    watch?: () => void
  ): Promise<{ text: string | undefined; notices: string[]; output: string }> => {
    const version = await honestVersion()
    planted += 1
    const prefix = verdictCacheKeyPrefix({ repository: `octo/planted-${planted}`, apiUrl: 'https://x', userKey: '' })
    server.plant({ key: `${prefix}999-1-planted`, version, blob })
    const timer = watch ? setInterval(watch, 10) : undefined
    try {
      const run = await captured(async () => {
        const opened = await open({ keyPrefix: prefix })
        return { text: await opened.cache.restore(), notices: opened.notices }
      })
      return { ...run.value, output: run.output }
    } finally {
      clearInterval(timer)
    }
  }
  const outside = (): string => path.join(root, 'outside.txt')

  const cases: [string, () => Buffer, RegExp][] = [
    [
      'a second member beside the store',
      () =>
        tarOf([
          { name: storeName(), data: '{}' },
          { name: path.relative(process.env.GITHUB_WORKSPACE ?? '', outside()), data: 'planted' }
        ]),
      /it holds more than one member/
    ],
    ['a directory of the store name', () => tarOf([{ name: storeName(), type: '5' }]), /it holds a directory/],
    [
      'a symbolic link of the store name',
      () => tarOf([{ name: storeName(), type: '2', linkName: '/etc/passwd' }]),
      /it holds a symbolic link/
    ],
    [
      'a hard link of the store name',
      () => tarOf([{ name: storeName(), type: '1', linkName: '/etc/passwd' }]),
      /it holds a hard link/
    ],
    ['a FIFO of the store name', () => tarOf([{ name: storeName(), type: '6' }]), /it holds a FIFO/],
    ['a character device', () => tarOf([{ name: storeName(), type: '3' }]), /it holds a character device/],
    [
      'one file elsewhere',
      () => tarOf([{ name: path.relative(process.env.GITHUB_WORKSPACE ?? '', outside()), data: 'planted' }]),
      /it holds another file than the verdict store/
    ],
    [
      'a pax header that names another path for the store member',
      () =>
        Buffer.concat([
          paxHeader({ path: path.relative(process.env.GITHUB_WORKSPACE ?? '', outside()) }),
          tarOf([{ name: storeName(), data: 'planted' }])
        ]),
      /it holds another file than the verdict store/
    ],
    ['no member at all', () => tarOf([]), /it holds no file/],
    ['bytes that are not a tar archive', () => Buffer.from('not a tar archive '.repeat(200)), /not a tar archive/]
  ]

  it.each(cases)('%s', async (_name, make, reason) => {
    useStandIn()
    const result = await restorePlanted(zstd(make()))
    expect(result.text).toBeUndefined()
    expect(result.notices).toEqual([
      expect.stringMatching(/^The verdict store in the cache was refused before extraction: /)
    ])
    expect(result.notices[0]).toMatch(reason)
    expect(existsSync(path.join(folder, VERDICT_CACHE_FILE))).toBe(false)
    expect(existsSync(outside())).toBe(false)
    // The library says in its own words that its tar failed.
    expect(libraryProblems(result.output)).toEqual([expect.stringMatching(/^::warning::Failed to restore: .*tar/)])
  })

  /** The bytes of every file under RUNNER_TEMP. */
  const bytesUnder = (folderPath: string): number => {
    let total = 0
    for (const entry of readdirSync(folderPath, { withFileTypes: true, recursive: true })) {
      try {
        if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size
      } catch {
        // removed meanwhile
      }
    }
    return total
  }

  it('one member of the store name holding 4 GiB of zeros: refused at its header, RUNNER_TEMP stays small', async () => {
    useStandIn()
    const header = ustarHeader({ name: storeName(), size: 4 * 1024 ** 3 })
    const blob = await zstdOfZeros(header, 4 * 1024 ** 3)
    // Compressed it is small: what matters is what is written, not what is downloaded.
    expect(blob.length).toBeLessThan(1024 * 1024)
    const temp = process.env.RUNNER_TEMP ?? ''
    let most = 0
    const result = await restorePlanted(blob, () => {
      most = Math.max(most, bytesUnder(temp))
    })
    expect(result.text).toBeUndefined()
    expect(result.notices).toEqual([
      expect.stringMatching(/refused before extraction: its member is 4294967296 bytes, over the cap of 33554432/)
    ])
    most = Math.max(most, bytesUnder(temp))
    expect(most).toBeLessThanOrEqual(VERDICT_CACHE_MAX_BYTES + blob.length)
    // Refused at the first header (the notice says so): nothing of the 4 GiB is written.
    expect(existsSync(path.join(folder, VERDICT_CACHE_FILE))).toBe(false)
  }, 60_000)

  it('a member followed by far more than its header claims: only what the header claims is written', async () => {
    useStandIn()
    // 256 MiB of zeros after a 1 KiB member read as the end of the archive (as tar reads them too).
    const header = ustarHeader({ name: storeName(), size: 1024 })
    const blob = await zstdOfZeros(header, 256 * 1024 ** 2)
    const temp = process.env.RUNNER_TEMP ?? ''
    let most = 0
    const result = await restorePlanted(blob, () => {
      most = Math.max(most, bytesUnder(temp))
    })
    expect(result.text).toBe('\0'.repeat(1024))
    expect(most).toBeLessThanOrEqual(VERDICT_CACHE_MAX_BYTES + blob.length)
  }, 60_000)

  it('a member holding more than its header claims, not zeros: refused, at most the cap read', async () => {
    useStandIn()
    const header = ustarHeader({ name: storeName(), size: 512 })
    const archive = Buffer.concat([header, Buffer.alloc(8 * 1024 * 1024, 'a')])
    const result = await restorePlanted(zstd(archive))
    expect(result.text).toBeUndefined()
    // What follows the member's claimed size is read as the next header: a second member.
    expect(result.notices[0]).toMatch(/refused before extraction: it holds more than one member/)
    expect(existsSync(path.join(folder, VERDICT_CACHE_FILE))).toBe(false)
  })
})

describe('a call given up ends every process it started', () => {
  it('a restore stuck in decompression: at the bound the guard and the decompressor are gone', async () => {
    useStandIn()
    const prefix = verdictCacheKeyPrefix({ repository: 'octo/stuck', apiUrl: 'https://mpc.example', userKey: '' })
    await captured(async () => (await open({ keyPrefix: prefix, runKey: '1' })).cache.save('{"saved":1}'))
    // A decompressor that never finishes (a stalled disk, a decompression bomb), found first on the PATH.
    const marker = mkdtempSync(path.join(root, 'stuck-unzstd-'))
    writeFileSync(path.join(marker, 'unzstd'), '#!/bin/sh\nwhile :; do sleep 0.05; done\n', { mode: 0o700 })
    const originalPath = process.env.PATH
    process.env.PATH = `${marker}${path.delimiter}${originalPath ?? ''}`
    const ours = (): string[] =>
      execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => line.includes(marker) || line.includes(path.join(folder, 'tar-guard-')))
    const seen: string[] = []
    const watch = setInterval(() => seen.push(...ours()), 50)
    try {
      const run = await captured(async () => {
        // A bound well above the second or so the download takes, so that a loaded machine still gets there.
        const opened = await open({ keyPrefix: prefix, runKey: '2', restoreTimeoutMs: 5000 })
        return { text: await opened.cache.restore(), notices: opened.notices }
      })
      clearInterval(watch)
      expect(run.value.text).toBeUndefined()
      expect(run.value.notices).toEqual([expect.stringMatching(/did not answer within 5 s/)])
      // The guard and the stuck decompressor ran (the test can tell), and were ended at the bound.
      expect(seen.some((line) => line.includes(marker))).toBe(true)
      expect(seen.some((line) => line.includes('guard.cjs'))).toBe(true)
      let left = ours()
      for (let waited = 0; left.length > 0 && waited < 2000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50))
        left = ours()
      }
      expect(left).toEqual([])
    } finally {
      clearInterval(watch)
      process.env.PATH = originalPath
    }
  }, 30_000)

  it('a save stuck in compression, cancelled: the guard, tar and the compressor are gone', async () => {
    useStandIn()
    // A compressor that never finishes, found first on the PATH by the real tar the guard runs.
    const marker = mkdtempSync(path.join(root, 'stuck-zstdmt-'))
    writeFileSync(path.join(marker, 'zstdmt'), '#!/bin/sh\nwhile :; do sleep 0.05; done\n', { mode: 0o700 })
    const originalPath = process.env.PATH
    process.env.PATH = `${marker}${path.delimiter}${originalPath ?? ''}`
    const ours = (): string[] =>
      execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => line.includes(marker) || line.includes(path.join(folder, 'tar-guard-')))
    const seen: string[] = []
    // The run is cancelled once the compressor is running (a fixed bound could come before it on a busy machine).
    const controller = new AbortController()
    const watch = setInterval(() => {
      seen.push(...ours())
      if (seen.some((line) => line.includes(marker))) controller.abort()
    }, 50)
    try {
      const run = await captured(async () => {
        const opened = await open({ saveTimeoutMs: 20_000, signal: controller.signal })
        return { saved: await opened.cache.save('{"stuck":1}'), notices: opened.notices }
      })
      clearInterval(watch)
      expect(controller.signal.aborted).toBe(true)
      expect(run.value.saved).toBe(false)
      expect(run.value.notices).toEqual([])
      expect(seen.some((line) => line.includes(marker))).toBe(true)
      expect(seen.some((line) => / --posix -cf /.test(line))).toBe(true)
      let left = ours()
      for (let waited = 0; left.length > 0 && waited < 2000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50))
        left = ours()
      }
      expect(left).toEqual([])
    } finally {
      clearInterval(watch)
      process.env.PATH = originalPath
    }
  }, 30_000)
})
