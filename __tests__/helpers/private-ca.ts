// A private certificate authority made at test time with openssl, as an observatory's own CA or a
// TLS-inspecting gateway's: its certificate is trusted only where a test passes it (NODE_EXTRA_CA_CERTS or
// a transport's `ca`), and it signs one server certificate for the names a test gives.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isIP } from 'node:net'
import path from 'node:path'

export interface PrivateCa {
  folder: string
  /** The CA's certificate (PEM), and the file that holds it. */
  caCert: string
  caFile: string
  /** The server's key and certificate (PEM), signed by the CA. */
  key: string
  cert: string
  remove(): void
}

export function makePrivateCa(names: string[]): PrivateCa {
  const folder = mkdtempSync(path.join(tmpdir(), 'mpc-ca-'))
  const file = (name: string): string => path.join(folder, name)
  const openssl = (args: string[]): void => {
    execFileSync('openssl', args, { stdio: 'ignore' })
  }
  openssl(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Test Observatory CA'].concat([
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.pem')
    ])
  )
  openssl(
    ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${names[0]}`, '-keyout', file('server.key')].concat([
      '-out',
      file('server.csr')
    ])
  )
  const san = names.map((name) => (isIP(name) ? `IP:${name}` : `DNS:${name}`)).join(',')
  writeFileSync(file('server.ext'), `subjectAltName=${san}\nextendedKeyUsage=serverAuth\n`)
  openssl(
    ['x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key')].concat([
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      file('server.ext'),
      '-out',
      file('server.pem')
    ])
  )
  return {
    folder,
    caCert: readFileSync(file('ca.pem'), 'utf8'),
    caFile: file('ca.pem'),
    key: readFileSync(file('server.key'), 'utf8'),
    cert: readFileSync(file('server.pem'), 'utf8'),
    remove: () => rmSync(folder, { recursive: true, force: true })
  }
}
