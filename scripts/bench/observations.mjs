// Bench scenario 6: 3,000 accepted submissions with `observations: true`. The stand-in answers the status
// API and WAMO (two waiting observations per submission, so nothing becomes final and is remembered). The
// run must make at most 30 WAMO requests (batches of 100), keep every request of both APIs under the one
// rate limit, and finish within 1.1 x the floor that limit sets for all the requests it made.
import { readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { runAction } from '../../__fixtures__/action-runner.mjs'
import { EXAMPLE_ACCEPTED, startMpcServer } from '../../__fixtures__/mpc-server.mjs'
import { wamoAnswer } from '../../__fixtures__/wamo-answers.mjs'

const MAX_RSS_PRELOAD = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'max-rss.mjs')).href

/** Two waiting observations of one submission, as WAMO gives them for an unpublished one. */
function waiting(id) {
  return [0, 1].map((i) => ({
    iau_desig: '2026 AB1',
    input_type: 'submission_id',
    obs80: '',
    obsid: `Bench${id.slice(-8)}${String(i).padStart(12, '0')}`,
    obssubid: null,
    ref: null,
    status: 'p',
    status_decoded: 'identified as (2026 AB1), publication is pending.',
    submission_block_id: `${id}_01`,
    submission_id: id
  }))
}

/**
 * Runs the scenario with the bench's own helpers: `entry` (the bundle under test), `ids` (distinct
 * submission IDs) and `slidingWindow(starts, windowMs, rate)`.
 */
export async function observationsScenario({ entry, ids, slidingWindow, rate = 100, latencyMs = 20 }) {
  const known = new Set(ids)
  const server = await startMpcServer({
    latencyMs,
    answer: (request) => {
      if (request.path === '/api/wamo') {
        const list = Array.isArray(request.json) ? request.json : []
        return wamoAnswer(Object.fromEntries(list.filter((id) => known.has(id)).map((id) => [id, waiting(id)])), list)
      }
      return { json: EXAMPLE_ACCEPTED }
    }
  })
  const rssFile = path.join(os.tmpdir(), `mpc-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`)
  try {
    const run = await runAction({
      entry,
      inputs: {
        'submission-ids': ids.join('\n'),
        'api-url': server.url,
        'rate-limit': String(rate),
        concurrency: '16',
        observations: 'true',
        'results-file': 'results.json'
      },
      env: { BENCH_RSS_FILE: rssFile },
      nodeArgs: ['--import', MAX_RSS_PRELOAD],
      removeWorkspace: true
    })
    if (run.code !== 0 || Number(run.outputs['accepted-count']) !== ids.length) {
      throw new Error(
        `observations run failed (exit ${run.code})\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`
      )
    }
    const wamoRequests = server.requests.filter((request) => request.path === '/api/wamo')
    const starts = server.requests.map((request) => request.startedAt)
    const window = slidingWindow(starts, 1000, rate)
    const ends = (requests) => requests.map((request) => request.endedAt ?? request.startedAt)
    const statusEnds = ends(server.requests.filter((request) => request.path !== '/api/wamo'))
    const wamoEnds = ends(wamoRequests)
    const requests = starts.length
    const floorMs = ((requests - 1) / rate) * 1000 + latencyMs
    const observations = Number(run.outputs['observations-total'])
    // max-rss.mjs records KiB, as getrusage counts them.
    const maxRssBytes = Number(await readFile(rssFile, 'utf8')) * 1024
    return {
      n: ids.length,
      rate,
      latencyMs,
      requests,
      wamoRequests: wamoRequests.length,
      largestBatch: Math.max(...wamoRequests.map((request) => (Array.isArray(request.json) ? request.json.length : 0))),
      observations,
      wallMs: run.wallMs,
      floorMs,
      ratio: run.wallMs / floorMs,
      mostPerSecond: window.most,
      beforeFirstRequestMs: Math.min(...starts) - run.spawnedAt,
      statusPhaseMs: Math.max(...statusEnds) - Math.min(...starts),
      wamoPhaseMs: Math.max(...wamoEnds) - Math.min(...wamoRequests.map((request) => request.startedAt)),
      afterLastAnswerMs: run.endedAt - Math.max(...wamoEnds),
      maxRssBytes,
      pass:
        wamoRequests.length <= 30 &&
        observations === ids.length * 2 &&
        run.wallMs <= floorMs * 1.1 &&
        window.most <= rate
    }
  } finally {
    await server.close()
    await rm(rssFile, { force: true })
  }
}
