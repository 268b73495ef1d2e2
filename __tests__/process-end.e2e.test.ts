// A run ends as soon as it has reported, on its own: nothing it opened (a kept-alive connection, a timer)
// holds the process. The action's fallback, process.exit() two seconds after reporting, is for a library that
// leaves something behind; a run that needed it would take two seconds longer every time.
import { EXAMPLE_ACCEPTED, EXAMPLE_REJECTED, startMpcServer, type MpcServer } from '../__fixtures__/mpc-server.mjs'
import { watchNaturalExit } from './helpers/natural-exit.js'
import { runAction, sigtermOnceLogged, type RunOptions } from './helpers/run-action.js'
import { listenerThatNeverAccepts } from './helpers/unaccepting-listener.js'

const ACCEPTED = '2026-01-01T00:05:07.453_0000BhCE'
const REJECTED = '2025-11-12T21:11:49.579_0000Ba8V'
let mpc: MpcServer

beforeAll(async () => {
  mpc = await startMpcServer({
    answers: { [ACCEPTED]: { json: EXAMPLE_ACCEPTED }, [REJECTED]: { json: EXAMPLE_REJECTED } }
  })
})
afterAll(async () => {
  await mpc.close()
})

/** Runs the status action; whether its process ended on its own. */
async function endsOnItsOwn(
  inputs: Record<string, string>,
  { nodeArgs = [], onStart }: Pick<RunOptions, 'nodeArgs' | 'onStart'> = {}
) {
  const exit = await watchNaturalExit()
  const run = await runAction({
    inputs: { 'api-url': mpc.url, ...inputs },
    env: exit.env,
    nodeArgs: [...exit.nodeArgs, ...nodeArgs],
    onStart
  })
  return { run, natural: await exit.endedOnItsOwn() }
}

test.each([
  ['a pass', { 'submission-ids': ACCEPTED }, 0],
  [
    'a failure, with a results file',
    { 'submission-ids': `${ACCEPTED}\n${REJECTED}`, 'results-file': 'results.json' },
    1
  ]
])('%s ends with nothing left holding the process', async (_name, inputs, code) => {
  const { run, natural } = await endsOnItsOwn(inputs)
  expect(run.code).toBe(code)
  expect(run.outputs['accepted-count']).toBe('1')
  expect(natural).toBe(true)
})

test('a process held by something left open is ended by the fallback, which the marker tells apart', async () => {
  // A preloaded interval that is never cleared: the run reports, then only process.exit() ends it.
  const hold = `data:text/javascript,${encodeURIComponent('setInterval(() => {}, 1000)')}`
  const { run, natural } = await endsOnItsOwn(
    { 'submission-ids': ACCEPTED },
    {
      nodeArgs: ['--import', hold]
    }
  )
  expect(run.code).toBe(0)
  expect(natural).toBe(false)
})

describe('runs that met trouble end on their own too', () => {
  const HANGS = '2026-01-02T00:05:07.453_0000Hang'
  const RETRIED = '2026-01-03T00:05:07.453_0000Rtry'
  beforeAll(() => {
    mpc.setAnswers({
      [ACCEPTED]: { json: EXAMPLE_ACCEPTED },
      [HANGS]: { hang: true },
      [RETRIED]: [{ status: 503, json: { detail: 'busy' } }, { json: EXAMPLE_ACCEPTED }]
    })
  })

  test('a run with a retry, a timed-out request and observations on', async () => {
    const { run, natural } = await endsOnItsOwn({
      'submission-ids': `${ACCEPTED}\n${RETRIED}\n${HANGS}`,
      'request-timeout': '1',
      retries: '1',
      observations: 'true'
    })
    expect(run.outputs['accepted-count']).toBe('2')
    expect(run.outputs['error-count']).toBe('1')
    expect(natural).toBe(true)
  })

  test('a run cancelled while a request hangs (the pool closed) ends on its own', async () => {
    const cancel = sigtermOnceLogged('Checking 2 submissions')
    const { run, natural } = await endsOnItsOwn(
      { 'submission-ids': `${ACCEPTED}\n${HANGS}`, 'request-timeout': '600' },
      { onStart: cancel.onStart }
    )
    expect(cancel.sentAt()).toBeGreaterThan(0)
    expect(run.summary).toContain('The run was cancelled')
    expect(natural).toBe(true)
  })

  test('a run cancelled while its connection is still being made ends on its own', async () => {
    // undici's destroy() ends only connected sockets: this one would hold the process for its whole timeout.
    const listener = await listenerThatNeverAccepts()
    try {
      const cancel = sigtermOnceLogged('Checking 1 submission')
      const { run, natural } = await endsOnItsOwn(
        { 'submission-ids': ACCEPTED, 'api-url': `http://127.0.0.1:${listener.port}`, 'request-timeout': '600' },
        { onStart: cancel.onStart }
      )
      expect(cancel.sentAt()).toBeGreaterThan(0)
      expect(run.summary).toContain('The run was cancelled')
      expect(natural).toBe(true)
    } finally {
      listener.close()
    }
  })
})
