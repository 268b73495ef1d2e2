// Thousands of submissions through the committed bundle: the summary stays within GitHub's limit, the
// annotations within what GitHub shows, and nothing is missing from the results.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { EXAMPLE_ACCEPTED, startMpcServer, type MpcServer, type Reply } from '../__fixtures__/mpc-server.mjs'
import { renderGfm, tables } from './helpers/gfm.js'
import { runAction } from './helpers/run-action.js'

const id = (n: number): string =>
  `2026-01-01T00:${String(Math.floor(n / 1000) % 60).padStart(2, '0')}:07.${String(n % 1000).padStart(3, '0')}_0000BhCE`
const COUNT = 3000

let server: MpcServer
afterAll(() => server?.close())

test('3000 submissions: bounded summary, capped annotations, complete results', async () => {
  const answers: Record<string, Reply> = {}
  const longMessage = 'exact duplicate of an earlier submission; '.repeat(12)
  for (let n = 0; n < COUNT; n += 1) {
    if (n % 3 === 0) {
      answers[id(n)] = {
        json: {
          accepted: false,
          pipeline_entry_time: null,
          fault_events: [
            { message: `${longMessage}#${n}`, phase: 2, failure_code: 5 },
            { message: 'ingest failed', phase: 2, failure_code: 7 }
          ]
        }
      }
    } else if (n % 3 === 1) {
      answers[id(n)] = {
        json: { ...EXAMPLE_ACCEPTED, fault_events: [{ message: `warning ${n}`, phase: 1, failure_code: 9 }] }
      }
    } else {
      answers[id(n)] = { json: EXAMPLE_ACCEPTED }
    }
  }
  server = await startMpcServer({ answers })
  const ids = Array.from({ length: COUNT }, (_, n) => id(n))
  const run = await runAction({
    inputs: {
      'submission-ids-file': 'ids.txt',
      'api-url': server.url,
      'rate-limit': '0',
      concurrency: '32',
      'results-file': 'results.json'
    },
    files: { 'ids.txt': ids.join('\n') }
  })
  expect(run.code).toBe(1)
  expect(server.requests).toHaveLength(COUNT)
  // Nothing in the user's log but what the action says (no Node warnings about listeners).
  expect(run.stderr).toBe('')

  const summaryBytes = Buffer.byteLength(run.summary, 'utf8')
  expect(summaryBytes).toBeLessThan(1_000_000)
  // The verdict line gives the full counts even though rows were left out.
  expect(run.summary).toContain('3000 submissions: 1000 rejected, 2000 accepted (1000 with warnings)')
  expect(run.summary).toMatch(/1000 accepted submissions without fault events are not listed here/)
  expect(run.summary).toMatch(/of 3000 fault events are not shown.*results\.json/)
  const [submissions] = tables(renderGfm(run.summary))
  expect(submissions?.length).toBe(1 + 2000) // header + every rejected or warned row

  const lines = run.stdout.split('\n')
  const errors = lines.filter((line) => line.startsWith('::error'))
  const warnings = lines.filter((line) => line.startsWith('::warning'))
  expect(errors).toHaveLength(10 + 1 + 1) // ten, the "more" note, and the step's failure message
  expect(errors[10]).toMatch(/990 more error annotations were left out/)
  expect(warnings).toHaveLength(11)
  // The results output is over GitHub's 1 MB: the warning saying so comes first, so it is never dropped.
  expect(warnings[0]).toMatch(
    /^::warning title=Output cut to 1 MB::The results output holds \d+ of 3000 results.*results\.json holds all/
  )
  expect(warnings[10]).toMatch(/991 more warning annotations were left out/)

  const saved = JSON.parse(await readFile(path.join(run.workspace, 'results.json'), 'utf8')) as {
    submission_id: string
  }[]
  expect(saved.map((result) => result.submission_id)).toEqual(ids)
  expect(run.outputs['results-truncated']).toBe('true')
  expect(Buffer.byteLength(run.outputs.results ?? '')).toBeLessThan(1_000_000)
  // Worst first: the part that fits holds rejections before anything else.
  const kept = JSON.parse(run.outputs.results ?? '[]') as { status: string }[]
  expect(kept.length).toBeGreaterThan(500)
  expect(new Set(kept.map((result) => result.status))).toEqual(new Set(['rejected']))
  expect(run.outputs['rejected-ids']?.split('\n')).toHaveLength(1000)
})

test('a log the runner stops reading for a while: the check waits for it, every line arrives, and no Node warning', async () => {
  const count = 3000
  const slow = await startMpcServer({ answer: () => ({ json: EXAMPLE_ACCEPTED }) })
  try {
    const ids = Array.from({ length: count }, (_, n) => id(n))
    let resumedAfter = 0
    const run = await runAction({
      inputs: { 'submission-ids-file': 'ids.txt', 'api-url': slow.url, 'rate-limit': '0', concurrency: '16' },
      files: { 'ids.txt': ids.join('\n') },
      onStart: (child) => {
        // The runner stops reading: once the pipe is full every ask that has its answer waits for the log,
        // so the requests stop coming; then it reads again.
        child.stdout?.pause()
        let seen = -1
        const poll = setInterval(() => {
          const asked = slow.requests.length
          if (asked > 0 && asked === seen) {
            clearInterval(poll)
            resumedAfter = asked
            child.stdout?.resume()
          }
          seen = asked
        }, 300)
      }
    })
    // The log held the check back (it did not queue 3000 lines in the action's memory) ...
    expect(resumedAfter).toBeGreaterThan(0)
    expect(resumedAfter).toBeLessThan(count)
    // ... and the 32 asks waiting on it at once are one wait, not 32 listeners Node warns about.
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout.split('\n').filter((line) => line.startsWith('✅ accepted'))).toHaveLength(count)
    expect(run.outputs['accepted-count']).toBe(String(count))
  } finally {
    await slow.close()
  }
})
