// The one place @actions/cache runs: a process of its own, started by verdict-cache.ts for one call (restore
// or save) and ended with its process group when that call is given up. The status action's own process
// never loads the library: its modules (the Azure SDK, Twirp, protobuf) would stay live through the whole
// check, and V8 sizes the heap of a 150,000-ID run at a multiple of what is live (see README, Performance).
//
// The request comes as one JSON argument; the answer goes back as one JSON line on file descriptor 3. The
// library's own lines go to this process's stdout and stderr, which the caller passes on as they come.
import * as cache from '@actions/cache'
import { createWriteStream } from 'node:fs'

export type WorkerRequest =
  | { op: 'restore'; paths: string[]; primaryKey: string; restoreKeys: string[] }
  | { op: 'save'; paths: string[]; key: string }

export type WorkerAnswer =
  | { kind: 'unavailable' }
  | { kind: 'restored'; key: string | undefined }
  | { kind: 'saved'; id: number }
  | { kind: 'threw'; message: string }

async function answer(request: WorkerRequest): Promise<WorkerAnswer> {
  if (!cache.isFeatureAvailable()) return { kind: 'unavailable' }
  try {
    if (request.op === 'restore') {
      return { kind: 'restored', key: await cache.restoreCache(request.paths, request.primaryKey, request.restoreKeys) }
    }
    return { kind: 'saved', id: await cache.saveCache(request.paths, request.key) }
  } catch (error) {
    return { kind: 'threw', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
  }
}

const request = JSON.parse(process.argv[2] ?? '{}') as WorkerRequest
void answer(request).then((result) => {
  const reply = createWriteStream('', { fd: 3 })
  // Ended at once once answered: the library may leave sockets open, and the caller waits for this exit.
  reply.end(`${JSON.stringify(result)}\n`, () => process.exit(0))
})
