// `npm run stand-in`: the loopback stand-in of the MPC API, for trying the action or the command line
// without sending anything to the MPC. It answers the two examples of the MPC's documentation and 404 for
// any other ID; every action-code request gets the MPC's empty answer; a batch sent to /submit_psv,
// /submit_xml or /submit_obs (or their _test twins) gets a submission ID, which the status endpoint then knows
// as accepted unless it came from a _test endpoint. GET /api/wamo answers from the MPC tutorial's recorded
// observations, for a published, a waiting and an ITF example submission (see __fixtures__/wamo-answers.mjs).
//
//   npm run stand-in [-- PORT]        (default 8080; PORT=0 picks a free one)
import { EXAMPLE_ACCEPTED, EXAMPLE_REJECTED, startMpcServer } from '../__fixtures__/mpc-server.mjs'
import { STAND_IN_WAMO, TUTORIAL_TRKSUB, WAMO_EXAMPLES } from '../__fixtures__/wamo-answers.mjs'

const port = Number(process.argv[2] ?? process.env.MPC_STAND_IN_PORT ?? 8080)
const server = await startMpcServer({
  port,
  answers: {
    '2026-01-01T00:05:07.453_0000BhCE': { json: EXAMPLE_ACCEPTED },
    '2025-11-12T21:11:49.579_0000Ba8V': { json: EXAMPLE_REJECTED },
    [WAMO_EXAMPLES.waiting]: { json: EXAMPLE_ACCEPTED },
    [WAMO_EXAMPLES.itf]: { json: EXAMPLE_ACCEPTED }
  },
  wamo: STAND_IN_WAMO
})
console.log(`MPC stand-in listening on ${server.url} (Ctrl-C to stop)`)
console.log('  accepted: 2026-01-01T00:05:07.453_0000BhCE   rejected: 2025-11-12T21:11:49.579_0000Ba8V   others: 404')
console.log(
  `  WAMO: published ${WAMO_EXAMPLES.published}, waiting ${WAMO_EXAMPLES.waiting}, ITF ${WAMO_EXAMPLES.itf}, "${TUTORIAL_TRKSUB}"`
)
console.log('  submissions: POST /submit_psv, /submit_xml, /submit_obs (and _test) answer with a submission ID')
const stop = async () => {
  await server.close()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
