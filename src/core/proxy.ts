// Which proxy a request to a URL goes through, by the same rules as @actions/http-client (lib/proxy.js),
// which @actions/github and @actions/cache follow: so the MPC, GitHub and the Actions cache are reached the
// same way on one runner. undici 6's EnvHttpProxyAgent is not used because its rules differ: it never
// bypasses loopback names, matches a NO_PROXY entry without a leading dot only exactly (not its
// subdomains), treats `*` only as the whole value, splits on spaces too, lets an empty lower-case variable
// hide the upper-case one, sends https through HTTP_PROXY when HTTPS_PROXY is unset, and warns on stderr
// that it is experimental.

/** The environment variables that name a proxy; process.env in production. */
export type ProxyEnv = Readonly<Record<string, string | undefined>>

/** A proxy to use: where it is, and its Basic credentials from the URL (decoded), if any. */
export interface ProxyChoice {
  /** The proxy's URL without credentials, safe to log. */
  url: URL
  /** `Basic …` for the Proxy-Authorization header when the proxy URL holds a user or password. */
  authorization?: string
}

function isLoopback(host: string): boolean {
  const lower = host.toLowerCase()
  return (
    lower === 'localhost' ||
    lower.startsWith('127.') ||
    lower.startsWith('[::1]') ||
    lower.startsWith('[0:0:0:0:0:0:0:1]')
  )
}

/** True when NO_PROXY (or the target being a loopback name) says to connect to `target` directly. */
export function bypassesProxy(target: URL, env: ProxyEnv): boolean {
  if (!target.hostname) return false
  if (isLoopback(target.hostname)) return true
  const noProxy = env.no_proxy || env.NO_PROXY || ''
  if (!noProxy) return false
  const port = target.port
    ? Number(target.port)
    : target.protocol === 'http:'
      ? 80
      : target.protocol === 'https:'
        ? 443
        : undefined
  const host = target.hostname.toUpperCase()
  const hosts = port === undefined ? [host] : [host, `${host}:${port}`]
  return noProxy
    .split(',')
    .map((entry) => entry.trim().toUpperCase())
    .filter((entry) => entry !== '')
    .some(
      (entry) =>
        entry === '*' ||
        hosts.some(
          (candidate) =>
            candidate === entry ||
            candidate.endsWith(`.${entry}`) ||
            (entry.startsWith('.') && candidate.endsWith(entry))
        )
    )
}

/** A proxy variable that cannot be used; the message names the variable, never its value (it may hold a password). */
export class ProxySettingError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ProxySettingError'
  }
}

/**
 * The proxy for a request to `target`, or undefined to connect directly: https_proxy or HTTPS_PROXY for an
 * https URL, http_proxy or HTTP_PROXY for an http one (the lower-case name first, an empty value counting
 * as unset), unless bypassesProxy. A value without a scheme ("proxy.example:3128") is taken as http://.
 * Throws ProxySettingError for a value that is no http(s) URL.
 */
export function proxyFor(target: URL | string, env: ProxyEnv): ProxyChoice | undefined {
  const url = typeof target === 'string' ? new URL(target) : target
  if (bypassesProxy(url, env)) return undefined
  const names = url.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY']
  const name = names.find((candidate) => env[candidate])
  const value = name === undefined ? undefined : env[name]
  if (name === undefined || value === undefined) return undefined
  // http-client parses the value as it is first, so "proxy.example:3128" comes out with the scheme
  // "proxy.example:" and no host, and it then connects directly without a word; taking a value without
  // "://" as http:// proxies every value http-client proxies, and these as well.
  let proxy: URL
  try {
    proxy = new URL(value.includes('://') ? value : `http://${value}`)
  } catch {
    throw new ProxySettingError(`${name} is not a valid URL`)
  }
  if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') {
    throw new ProxySettingError(`${name} must be an http:// or https:// URL (undici speaks to no other proxy)`)
  }
  if (!proxy.hostname) throw new ProxySettingError(`${name} names no host`)
  let user: string
  let password: string
  try {
    user = decodeURIComponent(proxy.username)
    password = decodeURIComponent(proxy.password)
  } catch {
    throw new ProxySettingError(`${name} holds credentials that are not valid percent-encoding`)
  }
  proxy.username = ''
  proxy.password = ''
  if (!user && !password) return { url: proxy }
  return { url: proxy, authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` }
}
