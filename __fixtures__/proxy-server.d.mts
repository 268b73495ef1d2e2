/** One request the proxy carried: a CONNECT tunnel, or a plain HTTP request forwarded in absolute form. */
export interface CarriedRequest {
  /** 'CONNECT', or the forwarded request's method. */
  method: string
  /** "host:port" as the client named it (the proxy connects to 127.0.0.1 at that port whatever the host). */
  target: string
  /** A forwarded request's path and query; absent for CONNECT. */
  path?: string
  /** The Host header the client sent. */
  host?: string
  /** The Proxy-Authorization header the client sent, if any. */
  authorization?: string
}

/** A request the proxy did not carry: not a proxy request (400), or without the right credentials (407). */
export interface RefusedRequest {
  method: string | undefined
  target: string | undefined
  status: number
}

export interface ProxyServer {
  url: string
  carried: CarriedRequest[]
  refused: RefusedRequest[]
  /** When each tunnel was answered "200 Connection Established" (performance.now() of the proxy's process). */
  established: number[]
  /** Forgets what was carried, refused and established, so a test can look at its next step alone. */
  reset(): void
  /** Most CONNECT tunnels open at once. */
  readonly peakTunnels: number
  close(): Promise<void>
}

export function startProxyServer(options?: { authorization?: string; connectDelayMs?: number }): Promise<ProxyServer>
