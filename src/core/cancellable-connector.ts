import { buildConnector, errors } from 'undici'

/** How undici makes a connection: a connector's options, the `connect` of a Pool's options. */
export type ConnectOptions = buildConnector.BuildOptions

/** The error a connection refused after the cancel fails with: the cancel's own reason when it is an Error. */
function cancelled(cancel: AbortSignal): Error {
  return cancel.reason instanceof Error ? cancel.reason : new errors.RequestAbortedError()
}

/**
 * undici's connector for `options`, with `cancel` (the run's cancel) ending every connection it makes, one still
 * being made (TCP connect, TLS handshake) too, and making none once it has aborted. Each connection is given an
 * AbortSignal of its own, which this connector's one listener on `cancel` aborts and which goes with the
 * connection; not `cancel` itself in the options (net.connect and tls.connect take a signal): Node's socket
 * (20 and 24) leaves a listener on the signal it is given until that signal aborts, so each connection a run
 * ever made stayed reachable from the run's signal (3,016 listeners after 3,000 reconnections), and a socket
 * given a signal already aborted reports the abort and then connects anyway, a connection undici has let go of.
 * undici keeps TLS sessions per connector, so this one keeps the latest itself, as undici does for a pool's
 * one origin, and a new connection resumes it (a full handshake cost about 0.6 ms more on loopback).
 */
export function cancellableConnector(options: ConnectOptions, cancel: AbortSignal): buildConnector.connector {
  let session: Buffer | undefined
  const keep = (latest: Buffer): void => {
    session = latest
  }
  return (target, callback) => {
    if (cancel.aborted) {
      callback(cancelled(cancel), null)
      return
    }
    const own = new AbortController()
    const onCancel = (): void => own.abort(cancel.reason)
    cancel.addEventListener('abort', onCancel, { once: true })
    const connect = buildConnector({ ...options, ...(session === undefined ? {} : { session }), signal: own.signal })
    connect(target, (...result) => {
      const [error, socket] = result
      if (error !== null) {
        cancel.removeEventListener('abort', onCancel)
        callback(error, null)
        return
      }
      // 'close' comes however the connection ends: the server's close, undici's destroy, the cancel itself.
      socket.once('close', () => cancel.removeEventListener('abort', onCancel))
      // A TLS socket says 'session' once its session can be resumed, after its handshake (TLS 1.2 and 1.3 alike);
      // a plain one never does, so the two need not be told apart.
      socket.on('session', keep)
      callback(null, socket)
    })
  }
}
