// Tar archives built byte by byte for the verdict cache's hostile cases: what another run with write access
// to the same cache scope could plant (any member type, any size claimed in a header), compressed as
// @actions/cache compresses on this machine.
import { execFileSync, spawn } from 'node:child_process'

export interface Member {
  name: string
  /** '0' a regular file (default), '1' a hard link, '2' a symbolic link, '5' a directory, '6' a FIFO. */
  type?: string
  data?: string | Buffer
  linkName?: string
  /** The size the header claims (default: the data's). */
  size?: number
}

/** One 512-byte ustar header, its checksum right. */
export function ustarHeader(member: Member & { size: number }): Buffer {
  const block = Buffer.alloc(512)
  const put = (text: string, at: number, length: number): void => {
    block.write(text.slice(0, length), at, length, 'utf8')
  }
  const octal = (value: number, length: number): string => value.toString(8).padStart(length - 1, '0')
  put(member.name, 0, 100)
  put(octal(0o644, 8), 100, 8)
  put(octal(0, 8), 108, 8)
  put(octal(0, 8), 116, 8)
  put(octal(member.size, 12), 124, 12)
  put(octal(1_700_000_000, 12), 136, 12)
  block.fill(' ', 148, 156)
  put(member.type ?? '0', 156, 1)
  put(member.linkName ?? '', 157, 100)
  put('ustar\0', 257, 6)
  put('00', 263, 2)
  let sum = 0
  for (const byte of block) sum += byte
  put(`${octal(sum, 7)}\0`, 148, 8)
  return block
}

const padded = (data: Buffer): Buffer => Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)])

/** A pax extended header (type x) setting `records` for the member that follows. */
export function paxHeader(records: Record<string, string>): Buffer {
  let body = ''
  for (const [key, value] of Object.entries(records)) {
    const rest = ` ${key}=${value}\n`
    let length = Buffer.byteLength(rest) + 1
    while (String(length).length + Buffer.byteLength(rest) !== length) length += 1
    body += `${length}${rest}`
  }
  const data = Buffer.from(body, 'utf8')
  return Buffer.concat([ustarHeader({ name: 'PaxHeaders/x', type: 'x', size: data.length }), padded(data)])
}

/** A whole archive of `members`, ended by the two zero blocks. */
export function tarOf(members: Member[]): Buffer {
  const parts: Buffer[] = []
  for (const member of members) {
    const data = Buffer.from(member.data ?? '')
    if (Buffer.byteLength(member.name) > 100) parts.push(paxHeader({ path: member.name }))
    parts.push(ustarHeader({ ...member, size: member.size ?? data.length }), padded(data))
  }
  parts.push(Buffer.alloc(1024))
  return Buffer.concat(parts)
}

/** Compressed as @actions/cache compresses where zstd is installed (it is, on this machine and on runners). */
export const zstd = (archive: Buffer): Buffer => execFileSync('zstd', ['-q', '-c'], { input: archive })

/**
 * `header` followed by `zeros` zero bytes, through zstd as a stream: a member that claims (and holds)
 * gigabytes compresses to a few hundred kilobytes, and nothing of that size is ever held in memory or on disk.
 */
export function zstdOfZeros(header: Buffer, zeros: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `cat; head -c ${zeros} /dev/zero`], { stdio: ['pipe', 'pipe', 'inherit'] })
    const compressor = spawn('zstd', ['-q', '-1', '-c'], { stdio: [child.stdout, 'pipe', 'inherit'] })
    const chunks: Buffer[] = []
    compressor.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    compressor.on('error', reject)
    compressor.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`zstd ${code}`))))
    child.stdin.end(header)
  })
}
