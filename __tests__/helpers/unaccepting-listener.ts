// A loopback port where a connection never completes, as with a host that never answers, and nothing leaves this
// machine: a process whose event loop is blocked once it listens never accepts, and once its backlog is full the
// kernel drops further SYNs, so a connect stays pending until the connecting side gives up.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import net from 'node:net'
import { setTimeout as delay } from 'node:timers/promises'

const LISTENER = `
const server = require('node:net').createServer()
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  require('node:fs').writeSync(1, server.address().port + '\\n')
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)
})`

export interface UnacceptingListener {
  port: number
  close(): void
}

export async function listenerThatNeverAccepts(): Promise<UnacceptingListener> {
  const child = spawn(process.execPath, ['-e', LISTENER], { stdio: ['ignore', 'pipe', 'inherit'] })
  const fillers: net.Socket[] = []
  const close = (): void => {
    for (const socket of fillers) socket.destroy()
    child.kill('SIGKILL')
  }
  const [line] = (await once(child.stdout, 'data')) as [Buffer]
  const port = Number(String(line).trim())
  // Connections until one stays pending: those before it fill the accept queue the stopped process never empties.
  for (let i = 0; i < 16; i += 1) {
    const socket = net.connect({ port, host: '127.0.0.1' }).on('error', () => {})
    fillers.push(socket)
    const connected = await Promise.race([once(socket, 'connect').then(() => true), delay(300).then(() => false)])
    if (!connected) return { port, close }
  }
  close()
  throw new Error('the stopped listener went on taking connections')
}
