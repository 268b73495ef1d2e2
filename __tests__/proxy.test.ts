// Which proxy a request goes through: the same choice as @actions/http-client, which @actions/github and
// @actions/cache make, so that the MPC, GitHub and the cache are reached the same way on one runner. Each
// case is put to http-client's own functions too, and the two must agree.
import { checkBypass, getProxyUrl } from '@actions/http-client/lib/proxy'
import { bypassesProxy, proxyFor, ProxySettingError } from '../src/core/proxy.js'

const VARIABLES = ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY']
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]))
afterEach(() => {
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name]
    else process.env[name] = saved[name]
  }
})

/** http-client reads process.env; ours takes the variables as an argument. */
function withEnv<T>(env: Record<string, string>, read: () => T): T {
  for (const name of VARIABLES) delete process.env[name]
  Object.assign(process.env, env)
  return read()
}

describe('NO_PROXY, as http-client reads it', () => {
  test.each([
    // [target, NO_PROXY, bypassed]
    ['https://data.minorplanetcenter.net', 'minorplanetcenter.net', true],
    ['https://data.minorplanetcenter.net', '.minorplanetcenter.net', true],
    ['https://minorplanetcenter.net', '.minorplanetcenter.net', false],
    ['https://minorplanetcenter.net', 'minorplanetcenter.net', true],
    ['https://notminorplanetcenter.net', 'minorplanetcenter.net', false],
    ['https://data.minorplanetcenter.net', 'DATA.MinorPlanetCenter.NET', true],
    ['https://data.minorplanetcenter.net', 'example.org, minorplanetcenter.net', true],
    ['https://data.minorplanetcenter.net', 'example.org minorplanetcenter.net', false],
    ['https://data.minorplanetcenter.net', 'data.minorplanetcenter.net:443', true],
    ['https://data.minorplanetcenter.net', 'data.minorplanetcenter.net:8443', false],
    ['https://data.minorplanetcenter.net:8443', 'data.minorplanetcenter.net:8443', true],
    ['http://data.minorplanetcenter.net', 'minorplanetcenter.net:80', true],
    ['https://data.minorplanetcenter.net', '*', true],
    ['https://data.minorplanetcenter.net', 'example.org,*', true],
    ['https://data.minorplanetcenter.net', '*.minorplanetcenter.net', false],
    ['https://data.minorplanetcenter.net', ' , ,', false],
    ['https://data.minorplanetcenter.net', '', false],
    ['http://localhost:8080', '', true],
    ['http://127.0.0.1:8080', '', true],
    ['http://127.8.9.1:8080', '', true],
    ['http://[::1]:8080', '', true],
    ['http://[::ffff:127.0.0.1]:8080', '', false],
    ['http://mpc.localhost:8080', '', false],
    ['http://[::ffff:127.0.0.1]:8080', '[::ffff:7f00:1]', true],
    ['http://10.1.2.3:8080', '10.1.2.3', true]
  ])('%s with NO_PROXY=%j: bypassed %s', (target, noProxy, bypassed) => {
    const url = new URL(target)
    expect(bypassesProxy(url, { NO_PROXY: noProxy })).toBe(bypassed)
    expect(withEnv({ NO_PROXY: noProxy }, () => checkBypass(url))).toBe(bypassed)
  })

  test('no_proxy is read before NO_PROXY, an empty one not hiding the other', () => {
    const url = new URL('https://data.minorplanetcenter.net')
    for (const env of [
      { no_proxy: 'minorplanetcenter.net', NO_PROXY: 'example.org' },
      { no_proxy: 'example.org', NO_PROXY: 'minorplanetcenter.net' },
      { no_proxy: '', NO_PROXY: 'minorplanetcenter.net' }
    ]) {
      expect(bypassesProxy(url, env)).toBe(withEnv(env, () => checkBypass(url)))
    }
    expect(bypassesProxy(url, { no_proxy: '', NO_PROXY: 'minorplanetcenter.net' })).toBe(true)
    expect(bypassesProxy(url, { no_proxy: 'example.org', NO_PROXY: 'minorplanetcenter.net' })).toBe(false)
  })
})

describe('the proxy variable', () => {
  test.each([
    // [target, variables, proxy origin or undefined]
    ['https://data.minorplanetcenter.net', { HTTPS_PROXY: 'http://proxy.example:3128' }, 'http://proxy.example:3128'],
    [
      'https://data.minorplanetcenter.net',
      { https_proxy: 'http://lower.example:3128', HTTPS_PROXY: 'http://upper.example:3128' },
      'http://lower.example:3128'
    ],
    [
      'https://data.minorplanetcenter.net',
      { https_proxy: '', HTTPS_PROXY: 'http://upper.example:3128' },
      'http://upper.example:3128'
    ],
    ['https://data.minorplanetcenter.net', { HTTP_PROXY: 'http://plain.example:3128' }, undefined],
    ['http://data.minorplanetcenter.net', { HTTP_PROXY: 'http://plain.example:3128' }, 'http://plain.example:3128'],
    ['http://data.minorplanetcenter.net', { HTTPS_PROXY: 'http://proxy.example:3128' }, undefined],
    ['https://data.minorplanetcenter.net', { HTTPS_PROXY: '10.0.0.1:3128' }, 'http://10.0.0.1:3128'],
    ['https://data.minorplanetcenter.net', { HTTPS_PROXY: 'https://secure.example' }, 'https://secure.example'],
    [
      'https://data.minorplanetcenter.net',
      { HTTPS_PROXY: 'http://proxy.example:3128', NO_PROXY: '.minorplanetcenter.net' },
      undefined
    ],
    ['https://127.0.0.1:8443', { HTTPS_PROXY: 'http://proxy.example:3128' }, undefined]
  ])('%s with %j: %s', (target, env, expected) => {
    const url = new URL(target)
    expect(proxyFor(url, env)?.url.origin).toBe(expected)
    expect(withEnv(env, () => getProxyUrl(url))?.origin).toBe(expected)
  })

  test('a value without a scheme is taken as http://, where http-client would silently go direct', () => {
    const url = new URL('https://data.minorplanetcenter.net')
    expect(proxyFor(url, { HTTPS_PROXY: 'proxy.example:3128' })?.url.href).toBe('http://proxy.example:3128/')
    // http-client parses "proxy.example:" as a scheme, finds no host and uses no proxy.
    expect(withEnv({ HTTPS_PROXY: 'proxy.example:3128' }, () => getProxyUrl(url))?.hostname).toBeFalsy()
  })

  test('credentials in the URL become the Proxy-Authorization header and leave the URL', () => {
    const choice = proxyFor('https://data.minorplanetcenter.net', {
      HTTPS_PROXY: 'http://observer:p%40ss%3Aword@proxy.example:3128'
    })
    expect(choice?.url.href).toBe('http://proxy.example:3128/')
    expect(choice?.authorization).toBe(`Basic ${Buffer.from('observer:p@ss:word').toString('base64')}`)
    expect(proxyFor('https://x.example', { HTTPS_PROXY: 'http://token@proxy.example' })?.authorization).toBe(
      `Basic ${Buffer.from('token:').toString('base64')}`
    )
  })

  test.each([
    ['socks5://proxy.example:1080', /^HTTPS_PROXY must be an http:\/\/ or https:\/\/ URL/],
    ['http://[oops', /^HTTPS_PROXY is not a valid URL$/],
    ['http://user:%zz@proxy.example', /^HTTPS_PROXY holds credentials that are not valid percent-encoding$/]
  ])('%s is refused, naming the variable and not its value', (value, message) => {
    let error: unknown
    try {
      proxyFor('https://data.minorplanetcenter.net', { HTTPS_PROXY: value })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ProxySettingError)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).not.toContain('proxy.example')
  })
})
