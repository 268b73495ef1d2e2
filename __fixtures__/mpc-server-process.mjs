// The MPC stand-in in a process of its own, so that the times it records at arrival are not delayed by the
// client's work on a shared event loop. Driven over the IPC channel of child_process.fork():
//   {answers, latencyMs} -> {url};  'requests' -> {requests};  'close' -> exits.
import { startMpcServer } from './mpc-server.mjs'

let server
process.on('message', async (message) => {
  if (message === 'requests') {
    const requests = server.requests.map(({ method, path, json, startedAt, endedAt }) => ({
      method,
      path,
      json,
      startedAt,
      endedAt
    }))
    process.send({ requests, peakInFlight: server.peakInFlight })
  } else if (message === 'close') {
    await server?.close()
    process.exit(0)
  } else {
    server = await startMpcServer(message)
    process.send({ url: server.url })
  }
})
