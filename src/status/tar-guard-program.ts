// The program that stands in for `tar` while a verdict cache call runs (tar-guard.ts puts it on the PATH and
// says why). Restoring, it reads the archive's headers itself from the decompressor's output and writes the
// one member it checked; saving, it runs the real tar in a process group of its own. It records its pid and
// that group in the call's folder (MPC_VERDICT_GUARD_STATE) so that a call given up can end them, ends the
// group itself when signalled or when its parent goes away, and refuses everything once the call is stopped.
//
// Plain CommonJS run by this same node: it needs nothing of the bundle. (String.raw: no backticks or
// template placeholders inside.)
export const GUARD_SOURCE = String.raw`'use strict'
const { spawn } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const stateDir = process.env.MPC_VERDICT_GUARD_STATE || ''
if (!path.isAbsolute(stateDir)) {
  process.stderr.write('mpc-submission-status: tar is only available to the verdict cache here\n')
  process.exit(2)
}
const args = process.argv.slice(2)
let group = 0
let ending = false

function finish(code) {
  if (ending) return
  ending = true
  if (group > 0) {
    try { process.kill(-group, 'SIGKILL') } catch {}
    try { fs.rmSync(path.join(stateDir, 'group-' + group), { force: true }) } catch {}
  }
  try { fs.rmSync(path.join(stateDir, 'pid-' + process.pid), { force: true }) } catch {}
  process.exit(code)
}

function refuse(why) {
  try { fs.writeFileSync(path.join(stateDir, 'refused'), why) } catch {}
  process.stderr.write('mpc-submission-status: the cache entry was refused: ' + why + '\n')
  finish(2)
}

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => finish(143))
const parent = process.ppid
setInterval(() => { if (process.ppid !== parent) finish(1) }, 200).unref()

let call
try {
  // The pid is on record before "stopped" is looked at: a stop either sees this guard or this guard sees it.
  fs.writeFileSync(path.join(stateDir, 'pid-' + process.pid), '')
  call = JSON.parse(fs.readFileSync(path.join(stateDir, 'call.json'), 'utf8'))
} catch {
  process.stderr.write('mpc-submission-status: tar is only available to the verdict cache here\n')
  finish(2)
}
if (fs.existsSync(path.join(stateDir, 'stopped'))) refuse('the call was given up')

/** Starts a program in a process group of its own and records the group; ends it if the call stopped since. */
function startGroup(command, list, stdio) {
  const child = spawn(command, list, { stdio, detached: true })
  if (child.pid === undefined) refuse('could not start ' + command)
  group = child.pid
  try { fs.writeFileSync(path.join(stateDir, 'group-' + group), '') } catch {}
  if (fs.existsSync(path.join(stateDir, 'stopped'))) refuse('the call was given up')
  child.on('error', () => refuse('could not start ' + command))
  return child
}

const extracting = args.includes('-xf')
const listing = args.includes('-tf')
if (args.includes('-cf')) {
  if (call.mode !== 'save') refuse('tar may not create an archive in a restore')
  const child = startGroup(call.realTar, args, ['ignore', 'inherit', 'inherit'])
  child.on('exit', (code) => {
    group = 0
    finish(code === null ? 1 : code)
  })
} else if (extracting || listing) {
  if (extracting && call.mode !== 'restore') refuse('tar may not extract in a save')
  readArchive(args[args.indexOf(extracting ? '-xf' : '-tf') + 1]).then(
    (member) => {
      if (extracting) {
        // Created anew (never through whatever is at that name), with the bytes that were checked.
        const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW || 0)
        try {
          const fd = fs.openSync(call.file, flags, 0o600)
          try { fs.writeSync(fd, member.data) } finally { fs.closeSync(fd) }
        } catch (error) {
          refuse('the store could not be written: ' + (error.code || error.message))
        }
      } else {
        process.stdout.write(member.name + '\n')
      }
      finish(0)
    },
    (error) => refuse(error && error.message ? error.message : String(error))
  )
} else {
  refuse('tar was asked for something other than create, list or extract')
}

/** The one member the archive holds, read from the decompressed stream: refused unless it is the store. */
async function readArchive(archive) {
  const max = call.maxBytes
  const at = args.indexOf('-C')
  // Names are resolved as the library's extraction resolves them: against -C, its GITHUB_WORKSPACE (a listing
  // has no -C).
  const base = at >= 0 ? args[at + 1] : process.env.GITHUB_WORKSPACE || process.cwd()
  const program = args.indexOf('--use-compress-program')
  const fd = fs.openSync(path.resolve(archive), 'r')
  let stream
  if (program >= 0 || args.includes('-z')) {
    const command = program >= 0 ? args[program + 1] : 'gzip'
    stream = startGroup(command, ['-d'], [fd, 'pipe', 'ignore']).stdout
  } else {
    stream = fs.createReadStream('', { fd })
  }
  // Nothing larger than the cap plus 1 MiB of headers and padding is read.
  const budget = max + 1024 * 1024
  const chunks = []
  let buffered = 0
  let consumed = 0
  let ended = false
  let wake = () => {}
  stream.on('data', (chunk) => {
    chunks.push(chunk)
    buffered += chunk.length
    if (buffered > 8 * 1024 * 1024) stream.pause()
    wake()
  })
  stream.on('end', () => { ended = true; wake() })
  stream.on('error', () => { ended = true; wake() })
  const take = async (n) => {
    consumed += n
    if (consumed > budget) throw new Error('it holds more than ' + budget + ' bytes')
    while (buffered < n && !ended) {
      stream.resume()
      await new Promise((resolve) => { wake = resolve })
    }
    if (buffered < n) return buffered === 0 ? null : undefined
    const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)
    chunks.length = 0
    if (all.length > n) chunks.push(all.subarray(n))
    buffered = all.length - n
    return all.subarray(0, n)
  }
  const takePadded = async (size) => {
    const block = await take(Math.ceil(size / 512) * 512)
    if (!block) throw new Error('it is truncated')
    return block.subarray(0, size)
  }
  const text = (field) => {
    const end = field.indexOf(0)
    return field.subarray(0, end < 0 ? field.length : end).toString('utf8')
  }
  const number = (field) => {
    if (field[0] & 0x80) {
      let value = field[0] & 0x7f
      for (const byte of field.subarray(1)) value = value * 256 + byte
      return value
    }
    const digits = text(field).trim()
    if (!/^[0-7]+$/.test(digits)) throw new Error('it has a header with a malformed number')
    return parseInt(digits, 8)
  }
  const TYPES = {
    1: 'a hard link', 2: 'a symbolic link', 3: 'a character device', 4: 'a block device', 5: 'a directory',
    6: 'a FIFO', 7: 'a contiguous file', g: 'a global pax header', K: 'a long link name', S: 'a sparse file',
    V: 'a volume label', M: 'a multi-volume continuation', D: 'a directory listing'
  }
  let member
  let pax = {}
  let longName
  let headers = 0
  for (;;) {
    const block = await take(512)
    if (block === null && member) break
    if (!block) throw new Error(member ? 'it is truncated' : 'it holds no file')
    if (block.every((byte) => byte === 0)) {
      if (!member) throw new Error('it holds no file')
      break
    }
    if (member) throw new Error('it holds more than one member')
    if (++headers > 8) throw new Error('it holds too many headers')
    let sum = 0
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : block[i]
    const checksum = text(block.subarray(148, 156)).trim()
    if (!/^[0-7]+$/.test(checksum) || parseInt(checksum, 8) !== sum) {
      throw new Error('it is not a tar archive (a header checksum is wrong)')
    }
    const magic = block.subarray(257, 263).toString('latin1')
    if (magic !== 'ustar\0' && magic !== 'ustar ') throw new Error('it is not a ustar archive')
    const type = block[156] === 0 ? '0' : String.fromCharCode(block[156])
    let size = number(block.subarray(124, 136))
    if (type === 'x' || type === 'L') {
      if (size > 65536) throw new Error('it has a header of ' + size + ' bytes')
      const data = await takePadded(size)
      if (type === 'L') {
        longName = text(data)
        continue
      }
      // Records of "LENGTH key=value\n", LENGTH counting bytes.
      let offset = 0
      while (offset < data.length) {
        const space = data.indexOf(32, offset)
        const length = space < 0 ? NaN : Number(data.subarray(offset, space).toString('latin1'))
        if (!(length > 0) || offset + length > data.length || data[offset + length - 1] !== 10) {
          throw new Error('it has a malformed pax header')
        }
        const record = data.subarray(space + 1, offset + length - 1).toString('utf8')
        const equals = record.indexOf('=')
        if (equals < 0) throw new Error('it has a malformed pax header')
        pax[record.slice(0, equals)] = record.slice(equals + 1)
        offset += length
      }
      continue
    }
    if (type !== '0') throw new Error('it holds ' + (TYPES[type] || 'a member of type ' + JSON.stringify(type)))
    if (Object.keys(pax).some((key) => key.startsWith('GNU.sparse'))) throw new Error('it holds a sparse file')
    if (pax.size !== undefined) {
      if (!/^[0-9]+$/.test(pax.size)) throw new Error('it has a malformed pax header')
      size = Number(pax.size)
    }
    const prefix = magic === 'ustar\0' ? text(block.subarray(345, 500)) : ''
    const name = pax.path !== undefined ? pax.path : longName !== undefined ? longName : (prefix ? prefix + '/' : '') + text(block.subarray(0, 100))
    if (!(size <= max)) throw new Error('its member is ' + size + ' bytes, over the cap of ' + max)
    if (path.resolve(base, name) !== call.file) {
      throw new Error('it holds another file than the verdict store: ' + JSON.stringify(name.slice(0, 200)))
    }
    member = { name, data: await takePadded(size) }
    pax = {}
    longName = undefined
  }
  return member
}
`
