// The least a client can do for the unlimited scenario: `concurrency` loops over undici.request with kept-alive
// connections, no limiter, no reporting. Run as its own process like the action, it shows how much of the
// gap to N / concurrency x latency belongs to this machine (timers, loopback, the stand-in) and not to the action.
import { Agent, request } from 'undici'

const url = `${process.env.BENCH_API_URL}/api/submission-status`
const ids = (process.env.BENCH_IDS ?? '').split('\n')
const agent = new Agent({ keepAliveTimeout: 4_000 })
let next = 0
const worker = async () => {
  while (next < ids.length) {
    const id = ids[next]
    next += 1
    const answer = await request(url, {
      method: 'GET',
      reset: false,
      body: JSON.stringify({ submission_id: id }),
      headers: { 'content-type': 'application/json' },
      dispatcher: agent
    })
    await answer.body.json()
  }
}
await Promise.all(Array.from({ length: Number(process.env.BENCH_CONCURRENCY) }, worker))
await agent.close()
