// The status action cancelled in the middle of a wide run over https (64 connections busy, each with its
// listener on the run's signal): nothing on stderr (no listener warning, no unhandled rejection under
// --unhandled-rejections=strict), the summary written, and the process ends on its own. CI runs it on both Nodes.
import { EXAMPLE_ACCEPTED, startMpcServer, type MpcServer } from '../__fixtures__/mpc-server.mjs'
import { makePrivateCa, type PrivateCa } from './helpers/private-ca.js'
import { watchNaturalExit } from './helpers/natural-exit.js'
import { runAction, sigtermOnceLogged } from './helpers/run-action.js'

// 2,000 well-formed IDs, each answered accepted after 300 ms: every one of the 64 connections is busy at the cancel.
const IDS = Array.from({ length: 2000 }, (_, n) => `2026-01-01T00:05:07.453_${String(n).padStart(8, '0')}`)

let ca: PrivateCa
let mpc: MpcServer
beforeAll(async () => {
  ca = makePrivateCa(['127.0.0.1'])
  mpc = await startMpcServer({
    tls: { key: ca.key, cert: ca.cert },
    keepRequests: false,
    answer: () => ({ json: EXAMPLE_ACCEPTED, delayMs: 300 })
  })
})
afterAll(async () => {
  await mpc.close()
  ca.remove()
})

test('a wide https run cancelled mid-way is quiet and ends on its own', async () => {
  const exit = await watchNaturalExit()
  const cancel = sigtermOnceLogged('Checking 2000 submissions', 700)
  const run = await runAction({
    inputs: {
      'submission-ids': IDS.join('\n'),
      'api-url': mpc.url,
      concurrency: '64',
      'rate-limit': '0',
      'verdict-cache': 'false',
      observations: 'true'
    },
    env: { ...exit.env, NODE_EXTRA_CA_CERTS: ca.caFile },
    nodeArgs: ['--unhandled-rejections=strict', ...exit.nodeArgs],
    onStart: cancel.onStart
  })
  expect(cancel.sentAt()).toBeGreaterThan(0)
  expect(run.stderr).toBe('')
  expect(run.summary).toContain('The run was cancelled')
  expect(await exit.endedOnItsOwn()).toBe(true)
}, 60_000)
