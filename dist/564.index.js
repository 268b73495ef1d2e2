export const id = 564;
export const ids = [564];
export const modules = {

/***/ 1564:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  openVerdictMemory: () => (/* binding */ openVerdictMemory)
});

// EXTERNAL MODULE: ./src/core/ids.ts
var ids = __webpack_require__(9921);
// EXTERNAL MODULE: ./src/core/observations.ts
var core_observations = __webpack_require__(2552);
// EXTERNAL MODULE: ./src/core/status-answer.ts
var status_answer = __webpack_require__(840);
;// CONCATENATED MODULE: ./src/core/verdict-store.ts
// The verdict store: accepted answers remembered between runs, so a run asks the MPC only about the
// submissions still in question. Only `accepted` answers are kept: an accepted submission stays accepted,
// while a rejection is the one answer a person acts on (the MPC may re-ingest a batch after a fix), so it is
// asked afresh every run, like pending, not-found and error ones.
//
// The store comes back from a cache or a file that anyone with write access to either could have made, so
// it is read as hostile: every entry passes the same shape checks as an answer of the API, and an entry
// that does not is ignored on its own, with a notice. Nothing in it can fail a run or change a verdict
// other than by being a valid accepted answer.



const STORE_FORMAT = 'mpc-submission-status/verdicts';
/**
 * 2: one JSON line of header (`{"format":…,"version":2}`), then one JSON line per entry, so a store is read
 * and written entry by entry. A store of version 1 (one JSON object of every entry) is ignored with a notice,
 * its IDs asked afresh and the store saved anew in this form.
 */
const STORE_VERSION = 2;
/** A store larger than this is not read (it would hold far more entries than any run checks). */
const MAX_STORE_BYTES = 64 * 1024 * 1024;
/**
 * One entry's line: far more than the largest valid entry (100 fault events of 1,000 characters, 500 rows of
 * observations of 64-character fields, all escaped), so only a hostile line is over it, and it is skipped.
 */
const MAX_ENTRY_BYTES = 4 * 1024 * 1024;
/** A clock a little ahead of ours is not "the future"; a day ahead is. */
const CLOCK_SKEW_MS = 5 * 60_000;
const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const UTF8 = new TextDecoder('utf-8', { fatal: true });
const NEWLINE = 0x0a;
/**
 * Reads a store entry by entry as its bytes arrive (push, then end), so that a large store is never held
 * whole: neither its text nor a parsed tree of it, only the entries that pass. Never throws: what cannot be
 * trusted is left out and counted in the notice. Lines are split at the newline byte, which is never part of
 * a multi-byte UTF-8 character, so each line is decoded (strictly) and parsed on its own, bounded by
 * MAX_ENTRY_BYTES; the whole by MAX_STORE_BYTES.
 */
class VerdictStoreReader {
    #now;
    #store = new Map();
    #ignored = new Map();
    /** Why the store is ignored whole; set once, then every byte after is dropped. */
    #wholly;
    #header = false;
    #bytes = 0;
    /** The start of the current line, from earlier chunks (copied: a caller may reuse its buffers). */
    #partial = [];
    #partialBytes = 0;
    /** The current line is over MAX_ENTRY_BYTES: its bytes are dropped up to its newline. */
    #overlong = false;
    /** The checked_at kept for the entry before (shared by the next entry of the same time). */
    #lastTime = '';
    constructor(now = Date.now()) {
        this.#now = now;
    }
    push(chunk) {
        if (this.#wholly !== undefined)
            return;
        const bytes = typeof chunk === 'string'
            ? Buffer.from(chunk, 'utf8')
            : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        this.#bytes += bytes.length;
        if (this.#bytes > MAX_STORE_BYTES)
            return this.#ignoreWhole('it is larger than 64 MiB');
        let start = 0;
        for (;;) {
            const end = bytes.indexOf(NEWLINE, start);
            if (end === -1)
                return this.#keep(bytes.subarray(start));
            if (this.#partialBytes === 0 && !this.#overlong) {
                this.#line(end - start > MAX_ENTRY_BYTES ? undefined : bytes.subarray(start, end));
            }
            else {
                this.#keep(bytes.subarray(start, end));
                this.#line(this.#overlong ? undefined : Buffer.concat(this.#partial, this.#partialBytes));
                this.#partial = [];
                this.#partialBytes = 0;
                this.#overlong = false;
            }
            if (this.#wholly !== undefined)
                return;
            start = end + 1;
        }
    }
    /** The entries read; the store text ends here (a last line without its newline still counts). */
    end() {
        if (this.#wholly === undefined && (this.#partialBytes > 0 || this.#overlong)) {
            this.#line(this.#overlong ? undefined : Buffer.concat(this.#partial, this.#partialBytes));
        }
        this.#partial = [];
        this.#partialBytes = 0;
        if (this.#wholly === undefined && !this.#header)
            this.#ignoreWhole('it is empty');
        if (this.#wholly !== undefined)
            return { store: this.#store, notice: `The verdict store was ignored: ${this.#wholly}.` };
        const store = this.#store;
        if (this.#ignored.size === 0)
            return { store, notice: '' };
        const total = [...this.#ignored.values()].reduce((sum, count) => sum + count, 0);
        const reasons = [...this.#ignored.entries()].map(([why, count]) => `${count} ${why}`).join(', ');
        return {
            store,
            notice: `The verdict store held ${total} ${total === 1 ? 'entry' : 'entries'} that ${total === 1 ? 'was' : 'were'} ignored (${reasons}); they are asked afresh.`
        };
    }
    #keep(piece) {
        if (this.#overlong || piece.length === 0)
            return;
        if (this.#partialBytes + piece.length > MAX_ENTRY_BYTES) {
            this.#overlong = true;
            this.#partial = [];
            this.#partialBytes = 0;
            return;
        }
        this.#partial.push(Buffer.from(piece));
        this.#partialBytes += piece.length;
    }
    #ignoreWhole(why) {
        this.#wholly = why;
        this.#store = new Map();
        this.#partial = [];
        this.#partialBytes = 0;
    }
    #ignore(why) {
        this.#ignored.set(why, (this.#ignored.get(why) ?? 0) + 1);
    }
    /** One line's bytes without its newline; undefined: it was longer than MAX_ENTRY_BYTES. */
    #line(bytes) {
        const header = !this.#header;
        const foreign = `it is not a store of this action (its first line is no {"format": "${STORE_FORMAT}"} header)`;
        if (bytes === undefined) {
            if (header)
                this.#ignoreWhole(foreign);
            else
                this.#ignore(`longer than ${MAX_ENTRY_BYTES / 1024 / 1024} MiB`);
            return;
        }
        let value;
        try {
            value = JSON.parse(UTF8.decode(bytes));
        }
        catch {
            // A blank line (a final newline, \r\n line ends) is no entry.
            if (bytes.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0d))
                return;
            if (header)
                this.#ignoreWhole(foreign);
            else
                this.#ignore('that are not JSON (cut short, or not UTF-8)');
            return;
        }
        if (header) {
            if (!isRecord(value) || value.format !== STORE_FORMAT)
                return this.#ignoreWhole(foreign);
            if (value.version !== STORE_VERSION) {
                return this.#ignoreWhole(`its version is not ${STORE_VERSION} (a store of another version of this action)`);
            }
            this.#header = true;
            return;
        }
        this.#entry(value);
    }
    #entry(entry) {
        if (!isRecord(entry))
            return this.#ignore('that are not JSON objects');
        const id = entry.id;
        if (typeof id !== 'string' || !ids/* SUBMISSION_ID_PATTERN */.EO.test(id))
            return this.#ignore('not keyed by a submission ID');
        if (this.#store.has(id))
            return this.#ignore('repeating a submission ID read before');
        if (typeof entry.checked_at !== 'string')
            return this.#ignore('without a checked_at time');
        const checkedAt = Date.parse(entry.checked_at);
        if (!/^\d{4}-\d\d-\d\dT/.test(entry.checked_at) || Number.isNaN(checkedAt)) {
            return this.#ignore('with an unreadable checked_at time');
        }
        if (checkedAt > this.#now + CLOCK_SKEW_MS)
            return this.#ignore('checked in the future');
        const answer = (0,status_answer/* parseStatusAnswer */.ie)(entry.answer);
        if (typeof answer === 'string')
            return this.#ignore('whose answer fails the API answer checks');
        if (!answer.accepted || answer.faultsNotKept > 0) {
            return this.#ignore('that are not accepted answers as this action stores them');
        }
        // What is kept per entry is small (150,000 of them live through the run): one object for the answer in
        // its three fields (an empty fault list is the one array parseStatusAnswer shares), and the time in
        // the same string as the entry before when it is the same time (a run's answers share their seconds).
        const kept = { accepted: true, pipeline_entry_time: answer.pipeline_entry_time, fault_events: answer.fault_events };
        const time = new Date(checkedAt).toISOString();
        if (time !== this.#lastTime)
            this.#lastTime = time;
        // Observations that fail their checks are only left out: the verdict stands, WAMO is asked afresh.
        const observations = (0,core_observations/* readRememberedObservations */.s9)(entry.observations);
        this.#store.set(id, observations
            ? { answer: kept, checkedAt: this.#lastTime, observations }
            : { answer: kept, checkedAt: this.#lastTime });
    }
}
/** Reads a store's whole text (the command line's file, tests); see VerdictStoreReader. */
function readVerdictStore(text, now = Date.now()) {
    const reader = new VerdictStoreReader(now);
    reader.push(text);
    return reader.end();
}
/** The entries younger than `maxAgeMs` (0: none, reuse is off), by submission ID. */
function freshVerdicts(store, maxAgeMs, now = Date.now()) {
    if (maxAgeMs <= 0)
        return new Map();
    const isFresh = (verdict) => now - Date.parse(verdict.checkedAt) < maxAgeMs;
    // Every entry fresh (the usual case): the store itself, not a second map of 150,000 entries. Neither is
    // changed afterwards (a run's save merges into new lines).
    let stale = 0;
    for (const verdict of store.values())
        if (!isFresh(verdict))
            stale += 1;
    if (stale === 0)
        return store;
    const fresh = new Map();
    for (const [id, verdict] of store)
        if (isFresh(verdict))
            fresh.set(id, verdict);
    return fresh;
}
/** A store's first line. */
const HEADER_LINE = `${JSON.stringify({ format: STORE_FORMAT, version: STORE_VERSION })}\n`;
const entryLine = (id, verdict) => `${JSON.stringify({
    id,
    checked_at: verdict.checkedAt,
    answer: verdict.answer,
    ...(verdict.observations ? { observations: verdict.observations } : {})
})}\n`;
/** A store's whole text, entries in ID order so equal stores are equal files (tests, small stores). */
function writeVerdictStore(store) {
    const lines = [HEADER_LINE];
    for (const id of [...store.keys()].sort())
        lines.push(entryLine(id, store.get(id)));
    return lines.join('');
}
/**
 * Opens a store for a run: its text, or what a VerdictStoreReader read of it as it arrived (undefined: there
 * is none yet). The action and the CLI both use this.
 */
function openStoreSession(source, maxAgeMs, now = Date.now()) {
    const { store, notice } = source === undefined
        ? { store: new Map(), notice: '' }
        : typeof source === 'string'
            ? readVerdictStore(source, now)
            : source;
    const remembered = freshVerdicts(store, maxAgeMs, now);
    return {
        remembered,
        notice,
        next(results, observations) {
            // What this run adds, found without a second copy of its results: the asked accepted answers (by
            // index, in ID order), and remembered verdicts whose WAMO answer is now final (few: each is final once).
            const finalFor = (id) => {
                const summary = observations?.get(id);
                return summary && (0,core_observations/* isFinal */.dR)(summary) ? summary : undefined;
            };
            const asked = [];
            const completed = new Map();
            results.forEach((result, index) => {
                const verdict = remembered.get(result.submission_id);
                if (verdict === undefined) {
                    if (result.status === 'accepted' && result.checked_at !== null)
                        asked.push(index);
                    return;
                }
                const summary = verdict.observations ? undefined : finalFor(result.submission_id);
                // Under the verdict's own checked_at: its age rules stay.
                if (summary)
                    completed.set(result.submission_id, { ...verdict, observations: summary });
            });
            const idAt = (index) => results[index].submission_id;
            const order = Uint32Array.from(asked).sort((a, b) => (idAt(a) < idAt(b) ? -1 : idAt(a) > idAt(b) ? 1 : 0));
            const learnedAt = (index) => {
                const result = results[index];
                const summary = finalFor(result.submission_id);
                return {
                    answer: {
                        accepted: true,
                        pipeline_entry_time: result.pipeline_entry_time,
                        fault_events: result.fault_events
                    },
                    checkedAt: result.checked_at,
                    ...(summary ? { observations: summary } : {})
                };
            };
            // The old entries and the asked ones merged in ID order (an asked one replaces an old one), one line
            // at a time as the writer takes them.
            function* lines() {
                yield HEADER_LINE;
                const old = [...store.keys()].sort();
                let i = 0;
                let j = 0;
                let last;
                while (i < old.length || j < order.length) {
                    let id;
                    let verdict;
                    if (j < order.length && (i >= old.length || idAt(order[j]) <= old[i])) {
                        id = idAt(order[j]);
                        if (id === old[i])
                            i += 1;
                        verdict = learnedAt(order[j]);
                        j += 1;
                    }
                    else {
                        id = old[i];
                        verdict = completed.get(id) ?? store.get(id);
                        i += 1;
                    }
                    if (id === last)
                        continue;
                    last = id;
                    if (maxAgeMs > 0 && now - Date.parse(verdict.checkedAt) >= maxAgeMs)
                        continue;
                    yield entryLine(id, verdict);
                }
            }
            return {
                learned: order.length + completed.size,
                lines,
                get text() {
                    return [...lines()].join('');
                }
            };
        }
    };
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(6412);
;// CONCATENATED MODULE: ./src/status/tar-guard-program.ts
// The program that stands in for `tar` while a verdict cache call runs (tar-guard.ts puts it on the PATH and
// says why). Restoring, it reads the archive's headers itself from the decompressor's output and writes the
// one member it checked; saving, it runs the real tar in a process group of its own. It records its pid and
// that group in the call's folder (MPC_VERDICT_GUARD_STATE) so that a call given up can end them, ends the
// group itself when signalled or when its parent goes away, and refuses everything once the call is stopped.
//
// Plain CommonJS run by this same node: it needs nothing of the bundle. (String.raw: no backticks or
// template placeholders inside.)
const GUARD_SOURCE = String.raw `'use strict'
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
`;

;// CONCATENATED MODULE: ./src/status/tar-guard.ts
// @actions/cache runs `tar` itself (found on the PATH) to pack and unpack an entry, and extracts with
// `tar -xf ARCHIVE -P -C $GITHUB_WORKSPACE`: `-P` keeps absolute and `../` member names, so an entry planted
// in the cache (by any run that can write the same cache scope) could write anywhere on the runner, or fill
// the disk with one member of the store's name and gigabytes of zeros. The library has no hook between
// download and extraction, so while one of its calls runs a guard stands in for `tar` (and `gtar`, which it
// prefers on macOS) on the PATH.
//
// Restoring, the guard does not hand the archive to tar at all. It runs the decompressor the library asked
// for (`gzip -d` for `-z`, `unzstd -d` for `--use-compress-program unzstd`) and reads the tar headers itself
// from that stream: sizes and types come from the headers (and pax records), not from parsing `tar -tv`
// text, whose layout differs between GNU and BSD tar and whose names are quoted. It accepts exactly one
// regular file, the store's own path, no larger than the cap, followed by the end of the archive; anything
// else (another member, a directory, a symbolic or hard link, a device, a sparse file, an oversized member)
// is refused before a byte is written. It reads at most the cap plus 1 MiB of the decompressed stream, and
// then writes the member it read (at most the cap) itself: the bytes that are checked are the bytes that are
// written, with no second parser (tar's) that could see the archive differently. Saving, it runs the real
// tar, in a process group of its own.
//
// Every process of a call can be ended: the guard records its pid, and the process group of the program it
// starts (the decompressor, or tar with its compressor), in the call's folder. A call that is given up is
// stopped (its guards and their groups are signalled, and a guard started later refuses at once), and the
// same happens to every call still unsettled when the action's process exits. A guard also ends its group
// when it is signalled or when its parent (the action) goes away.





/** The first executable called `name` on the PATH. */
async function which(name, searchPath) {
    for (const folder of searchPath.split((external_node_path_default()).delimiter)) {
        if (folder === '')
            continue;
        const candidate = external_node_path_default().join(folder, name);
        try {
            await (0,promises_.access)(candidate, external_node_fs_.constants.X_OK);
            return candidate;
        }
        catch {
            // not here
        }
    }
    return undefined;
}
/**
 * Calls whose library work has not settled: ended, and their folders removed, when the process exits. While
 * one is live a guard stays first on the PATH (a call given up during its download may still run tar later:
 * it must meet a guard, which then refuses), that of the call begun last.
 */
const live = new Set();
/** Every bin folder of a guard this process put on the PATH. */
const bins = new Set();
const STATE = 'MPC_VERDICT_GUARD_STATE';
/** The PATH with `call`'s guard first (none: the PATH as it was, whatever else changed it meanwhile). */
function putFirstOnPath(call) {
    const rest = (process.env.PATH ?? '').split((external_node_path_default()).delimiter).filter((entry) => !bins.has(entry));
    process.env.PATH = (call ? [call.bin, ...rest] : rest).join((external_node_path_default()).delimiter);
    if (call)
        process.env[STATE] = call.folder;
    else
        delete process.env[STATE];
}
function killRecorded(folder) {
    let names;
    try {
        names = (0,external_node_fs_.readdirSync)(folder);
    }
    catch {
        return;
    }
    // The groups first (SIGKILL: nothing of theirs is worth waiting for), then the guards, which end their own
    // groups too when signalled.
    for (const name of names) {
        const group = /^group-(\d+)$/.exec(name);
        if (group) {
            try {
                process.kill(-Number(group[1]), 'SIGKILL');
            }
            catch {
                // already gone
            }
        }
    }
    for (const name of names) {
        const pid = /^pid-(\d+)$/.exec(name);
        if (pid) {
            try {
                process.kill(Number(pid[1]), 'SIGTERM');
            }
            catch {
                // already gone
            }
        }
    }
}
let exitHookInstalled = false;
function installExitHook() {
    if (exitHookInstalled)
        return;
    exitHookInstalled = true;
    // The step's exit (exitWhenDone ends it 2 s after reporting) must not leave a guard or its tar running.
    process.on('exit', () => {
        for (const call of live) {
            try {
                (0,external_node_fs_.writeFileSync)(external_node_path_default().join(call.folder, 'stopped'), '');
            }
            catch {
                // its folder is gone
            }
            killRecorded(call.folder);
            (0,external_node_fs_.rmSync)(call.folder, { recursive: true, force: true });
        }
    });
}
/**
 * Puts the guard first on the PATH for one library call: `restore` lets it list and extract (the one file
 * `file`, at most `maxBytes`), `save` lets it create (with the real tar) and list. Throws where no guard can
 * be put in place (Windows, where the library runs tar by its full path; or no tar at all).
 */
async function guardTar(options) {
    if (process.platform === 'win32')
        throw new Error('the archive cannot be checked before extraction on Windows');
    const searchPath = (process.env.PATH ?? '')
        .split((external_node_path_default()).delimiter)
        .filter((entry) => !bins.has(entry))
        .join((external_node_path_default()).delimiter);
    const realTar = (process.platform === 'darwin' ? await which('gtar', searchPath) : undefined) ?? (await which('tar', searchPath));
    if (realTar === undefined)
        throw new Error('no tar on the PATH');
    const folder = external_node_path_default().join(options.scratch, `tar-guard-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`);
    const bin = external_node_path_default().join(folder, 'bin');
    await (0,promises_.mkdir)(bin, { recursive: true, mode: 0o700 });
    const call = { folder, bin };
    installExitHook();
    try {
        const guard = external_node_path_default().join(folder, 'guard.cjs');
        await (0,promises_.writeFile)(guard, GUARD_SOURCE, { mode: 0o600 });
        await (0,promises_.writeFile)(external_node_path_default().join(folder, 'call.json'), JSON.stringify({ mode: options.mode, file: external_node_path_default().resolve(options.file), maxBytes: options.maxBytes, realTar }), { mode: 0o600 });
        const quote = (text) => `'${text.replace(/'/g, "'\\''")}'`;
        const shim = `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(guard)} "$@"\n`;
        for (const name of ['tar', 'gtar']) {
            await (0,promises_.writeFile)(external_node_path_default().join(bin, name), shim);
            await (0,promises_.chmod)(external_node_path_default().join(bin, name), 0o700);
        }
    }
    catch (error) {
        await (0,promises_.rm)(folder, { recursive: true, force: true });
        throw error;
    }
    live.add(call);
    bins.add(bin);
    putFirstOnPath(call);
    return {
        stop() {
            try {
                (0,external_node_fs_.writeFileSync)(external_node_path_default().join(folder, 'stopped'), '');
            }
            catch {
                // its folder is gone: nothing of it runs
            }
            killRecorded(folder);
        },
        async refusal() {
            try {
                return (await (0,promises_.readFile)(external_node_path_default().join(folder, 'refused'), 'utf8')).slice(0, 500);
            }
            catch {
                return undefined;
            }
        },
        async end() {
            if (!live.delete(call))
                return;
            if (process.env[STATE] === folder)
                putFirstOnPath([...live].pop());
            await (0,promises_.rm)(folder, { recursive: true, force: true });
        }
    };
}

;// CONCATENATED MODULE: ./src/status/verdict-cache.ts
// The verdict store's way into the GitHub Actions cache, through @actions/cache: one text restored before the
// check and saved after it. The cache is a convenience: it never throws, never fails the step and never
// changes a verdict. Where it cannot be used, one notice says so and every later call is a no-op.
//
// @actions/cache is used through its public API only (restoreCache, saveCache, isFeatureAvailable), in a
// process of its own (cache-worker.ts, one per call): loaded here, its modules would stay live through the
// whole check and V8 would size the heap of a large run by them. A call given up is ended with that
// process's group (the worker, tar, zstd), so nothing of it runs on.
// - It speaks for itself: its own lines (the cache hit, the size, "Failed to restore: ...") appear in the log
//   as it writes them, line by line, but only its debug lines and masks act (see passOn). It then returns as if nothing was
//   found (restore) or -1 (save); a save that was not taken costs our one notice, a restore that found
//   nothing usable is a miss (its warning already said why).
// - It has no time limit and no cancellation: its Twirp client retries five times (about 30 s on a 5xx) and
//   a silent socket is given up only after 3 minutes, per attempt. Each call is therefore raced against a
//   bound (30 s to restore, 60 s to save) and the caller's AbortSignal; when that ends first we stop
//   waiting, end every process the call started (the tar guard and its process group: tar-guard.ts), and the
//   step goes on to report; what the library still has open ends with the process (exitWhenDone, 2 s after
//   reporting).
// - It archives files with tar (and zstd where installed) and hashes their paths into the entry's version,
//   so the store's file lives at one fixed path, `folder`/verdicts.json, that must be the same in every run.
//   The archive is checked before anything is extracted (tar-guard.ts).








/** The largest store restored or saved; a restored file over it is ignored. */
const VERDICT_CACHE_MAX_BYTES = 32 * 1024 * 1024;
const VERDICT_CACHE_FILE = 'verdicts.json';
const RESTORE_TIMEOUT_MS = 30_000;
const SAVE_TIMEOUT_MS = 60_000;
/** The cache service's own limit on a key. */
const MAX_KEY_LENGTH = 512;
const safeKeyText = (text, max) => text.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, max);
/**
 * The prefix of every key this action saves for one repository, MPC API and `verdict-cache-key`. The three
 * are hashed into a fixed-length part right after a fixed label, so no prefix is the start of another one
 * (restore matches by prefix); the user's key follows in safe characters only, for people reading the
 * repository's cache list. Cache keys are at most 512 characters and hold no commas: this is at most 105.
 */
function verdictCacheKeyPrefix(parts) {
    const digest = (0,external_node_crypto_.createHash)('sha256')
        .update(JSON.stringify([parts.repository, parts.apiUrl, parts.userKey]))
        .digest('hex')
        .slice(0, 24);
    const label = safeKeyText(parts.userKey.trim(), 64);
    return `mpc-verdicts-1-${digest}-${label === '' ? '' : `${label}-`}`;
}
// ---- The worker ------------------------------------------------------------------------------------------
/** dist/cache-worker/index.js: the bundle that runs this code is dist/index.js or a chunk beside it. */
const defaultWorkerEntry = () => external_node_path_default().join(external_node_path_default().dirname((0,external_node_url_.fileURLToPath)(import.meta.url)), 'cache-worker', 'index.js');
/**
 * What of the library's command lines acts as one: its debug lines, and the masks it puts on the signatures of
 * the storage URLs it is given (base64 or its URL-encoded form, never shorter than this).
 */
const PASSED_COMMAND = /^::debug::|^::add-mask::[A-Za-z0-9+/=%]{20,}$/;
/**
 * Passes the worker's output on line by line, as it comes. The library logs text it was given by the cache
 * service (the key an entry was matched by, a GHES server's error) with core.info, unescaped: a line break in
 * a key would start a workflow command of anyone's choosing (`::add-mask::` on our words, `::stop-commands::`,
 * a forged annotation). So only its debug lines and its masks act; every other line is shown as it is written,
 * through logText (a leading `::` split, invisibles shown), never acting. Its warnings show as text; our own
 * notice says when the cache could not serve.
 */
function passOn(from, to) {
    let partial = '';
    const emit = (line) => {
        to.write(`${PASSED_COMMAND.test(line) ? line : (0,report_escape/* logText */.kc)(line, 4000)}\n`);
    };
    from.setEncoding('utf8');
    from.on('data', (piece) => {
        const lines = (partial + piece).split(/\r?\n/);
        partial = lines.pop() ?? '';
        // A line with no end in sight is shown in pieces rather than held.
        if (partial.length > 64 * 1024) {
            lines.push(partial);
            partial = '';
        }
        lines.forEach(emit);
    });
    from.on('end', () => {
        if (partial !== '')
            emit(partial);
    });
}
const liveWorkers = new Set();
let workerExitHook = false;
function killWorker(child) {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null)
        return;
    try {
        // Its own process group (detached): tar and zstd, which the library starts, go with it.
        if (process.platform === 'win32')
            child.kill('SIGKILL');
        else
            process.kill(-child.pid, 'SIGKILL');
    }
    catch {
        // already gone
    }
}
/**
 * Runs one library call in the worker. Its lines (the library's own) are passed on to our stdout and stderr
 * as they come; its answer is one JSON line on file descriptor 3. Never rejects.
 */
function startWorker(entry, request) {
    if (!workerExitHook) {
        workerExitHook = true;
        // The step's exit (exitWhenDone ends it 2 s after reporting) must not leave a worker running.
        process.on('exit', () => liveWorkers.forEach(killWorker));
    }
    let child;
    try {
        child = (0,external_node_child_process_.spawn)(process.execPath, [entry, JSON.stringify(request)], {
            stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
            // As it is now: the tar guard has just put itself first on the PATH.
            env: process.env,
            detached: process.platform !== 'win32',
            windowsHide: true
        });
    }
    catch (error) {
        const message = `the cache worker could not be started: ${describeError(error)}`;
        return { answer: Promise.resolve({ kind: 'threw', message }), kill: () => undefined };
    }
    liveWorkers.add(child);
    if (child.stdout)
        passOn(child.stdout, process.stdout);
    if (child.stderr)
        passOn(child.stderr, process.stderr);
    let reply = '';
    const replies = child.stdio[3];
    replies?.setEncoding('utf8');
    replies?.on('data', (piece) => {
        // One short JSON line is all it sends; more is not ours.
        if (reply.length < 64 * 1024)
            reply += piece;
    });
    const answer = new Promise((resolve) => {
        let started = true;
        child.once('error', (error) => {
            started = false;
            liveWorkers.delete(child);
            resolve({ kind: 'threw', message: `the cache worker could not be started: ${describeError(error)}` });
        });
        child.once('close', (code, signal) => {
            liveWorkers.delete(child);
            if (!started)
                return;
            try {
                const value = JSON.parse(reply);
                if (typeof value === 'object' && value !== null && typeof value.kind === 'string')
                    return resolve(value);
            }
            catch {
                // no answer: said below
            }
            resolve({ kind: 'threw', message: `the cache worker ended (${signal ?? `exit ${code}`}) without an answer` });
        });
    });
    return { answer, kill: () => killWorker(child) };
}
/**
 * Waits for one library call for at most `timeoutMs` and until a signal aborts; `onGiveUp` ends what the call
 * started when we stop waiting. A call that is given up is left to settle (or to end with the process):
 * `settled` says when.
 */
async function raceLibraryCall(running, timeoutMs, signals, onGiveUp) {
    const settled = running.then(() => undefined, () => undefined);
    let timer;
    let onAbort;
    const stopped = new Promise((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
        onAbort = () => resolve('aborted');
        for (const signal of signals) {
            if (signal?.aborted)
                resolve('aborted');
            signal?.addEventListener('abort', onAbort, { once: true });
        }
    });
    try {
        const outcome = await Promise.race([
            running.then((value) => ({ kind: 'done', value }), (error) => ({ kind: 'threw', error })),
            stopped
        ]);
        if (typeof outcome !== 'string')
            return { outcome, settled };
        onGiveUp();
        return { outcome: { kind: outcome }, settled };
    }
    finally {
        clearTimeout(timer);
        for (const signal of signals)
            if (onAbort)
                signal?.removeEventListener('abort', onAbort);
    }
}
// ---- The store's file ----------------------------------------------------------------------------------
const firstLine = (text) => text.trim().split(/\r?\n/)[0].slice(0, 300);
const describeError = (error) => error.code ?? firstLine(error instanceof Error ? error.message : String(error));
const verdict_cache_UTF8 = new TextDecoder('utf-8', { fatal: true });
const READ_CHUNK_BYTES = 64 * 1024;
/**
 * The restored file's bytes in chunks; refused (an Error saying why) unless it is a regular file within the
 * cap (checked before and while reading: it may grow).
 */
async function* restoredChunks(file) {
    // O_NOFOLLOW: a symlink in the archive is not followed; O_NONBLOCK: a FIFO does not wait for a writer.
    const flags = external_node_fs_.constants.O_RDONLY | (external_node_fs_.constants.O_NOFOLLOW ?? 0) | (external_node_fs_.constants.O_NONBLOCK ?? 0);
    const handle = await (0,promises_.open)(file, flags);
    try {
        const stats = await handle.stat();
        if (!stats.isFile())
            throw new Error('it is not a regular file');
        if (stats.size > VERDICT_CACHE_MAX_BYTES)
            throw new Error(`it is larger than ${VERDICT_CACHE_MAX_BYTES} bytes`);
        let length = 0;
        // One buffer for every chunk: each is read before the next is asked for (see restoreInto).
        const chunk = Buffer.allocUnsafe(READ_CHUNK_BYTES);
        for (;;) {
            const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
            if (bytesRead === 0)
                return;
            length += bytesRead;
            if (length > VERDICT_CACHE_MAX_BYTES)
                throw new Error(`it is larger than ${VERDICT_CACHE_MAX_BYTES} bytes`);
            yield chunk.subarray(0, bytesRead);
        }
    }
    finally {
        await handle.close();
    }
}
/** The chunks as one UTF-8 text; an Error unless they decode strictly. */
async function readText(chunks) {
    const pieces = [];
    for await (const chunk of chunks)
        pieces.push(Buffer.from(chunk));
    try {
        return verdict_cache_UTF8.decode(Buffer.concat(pieces));
    }
    catch {
        throw new Error('it is not UTF-8 text');
    }
}
/** Writes the store's file anew; the number of bytes written, or undefined past `maxBytes` (then it is removed). */
async function writeStoreFile(folder, file, content, maxBytes) {
    await (0,promises_.mkdir)(folder, { recursive: true, mode: 0o700 });
    await (0,promises_.rm)(file, { recursive: true, force: true });
    // 'wx': created anew, never through whatever was at that name.
    const handle = await (0,promises_.open)(file, 'wx', 0o600);
    let bytes = 0;
    try {
        // In pieces of about 64 KiB (as the results file is written): the store's text is never made whole.
        const pieces = typeof content === 'string' ? [content] : content;
        let chunk = [];
        let size = 0;
        const flush = async () => {
            const buffer = Buffer.from(chunk.join(''), 'utf8');
            chunk = [];
            size = 0;
            bytes += buffer.length;
            if (bytes > maxBytes)
                return false;
            await handle.write(buffer);
            return true;
        };
        for (const piece of pieces) {
            chunk.push(piece);
            size += piece.length;
            if (size >= READ_CHUNK_BYTES && !(await flush()))
                break;
        }
        if (bytes <= maxBytes && chunk.length > 0)
            await flush();
    }
    finally {
        await handle.close();
    }
    if (bytes <= maxBytes)
        return bytes;
    await (0,promises_.rm)(file, { force: true });
    return undefined;
}
// ---- The cache -----------------------------------------------------------------------------------------
/** The runner's cache-mode (ACTIONS_CACHE_MODE), read the way @actions/cache reads it. */
function cacheMode() {
    const name = (process.env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase();
    if (!['none', 'read', 'write', 'write-only'].includes(name))
        return { readable: true, writable: true, name };
    return { readable: name === 'read' || name === 'write', writable: name === 'write' || name === 'write-only', name };
}
const NO_SERVICE = 'the runner provides no Actions cache service here: ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL is not set';
/** The library's outcome from the worker's: what it returned, what it threw, or that there is no service. */
function fromWorker(outcome, value) {
    if (outcome.kind !== 'done')
        return outcome;
    const answer = outcome.value;
    if (answer.kind === 'unavailable')
        return 'unavailable';
    if (answer.kind === 'threw')
        return { kind: 'threw', error: new Error(answer.message) };
    return { kind: 'done', value: value(answer) };
}
const unavailableMessage = (why) => `The verdict cache is unavailable (${why}): this run goes on without it.`;
/**
 * Opens the verdict cache. Never throws: where the Actions cache cannot be used it says so once through
 * `notice` and returns a cache whose calls do nothing. @actions/cache is imported here, and only where the
 * runner provides a cache service, so a run with the cache off (or without a service) never loads it.
 */
async function openVerdictCache(options) {
    const debug = (message) => options.debug?.(message);
    const folder = external_node_path_default().resolve(options.folder);
    const file = external_node_path_default().join(folder, VERDICT_CACHE_FILE);
    const run = safeKeyText(options.runKey, 100) || 'run';
    // Each part ends in `-` so that one run's key is never the start of another's (run 12 against run 123).
    const restoreKey = `${options.keyPrefix}${run}-`;
    const mode = cacheMode();
    const workerEntry = options.workerEntry ?? defaultWorkerEntry();
    let usable = false;
    let noticed = false;
    let saved = 0;
    const noticeOnce = (message) => {
        if (noticed)
            return;
        noticed = true;
        options.notice(message);
    };
    const disable = (why) => {
        usable = false;
        noticeOnce(unavailableMessage(why));
    };
    const signalsFor = (call) => [options.signal, call?.signal];
    /**
     * One library call in a worker, raced against its bound and the cancels; given up, the worker and the guard's
     * processes are ended. `settled` says when the worker is gone (the guard's folder may go then).
     */
    const inWorker = async (request, timeoutMs, call, guard, value) => {
        const worker = startWorker(workerEntry, request);
        const race = await raceLibraryCall(worker.answer, timeoutMs, signalsFor(call), () => {
            worker.kill();
            guard?.stop();
        });
        return { outcome: fromWorker(race.outcome, value), settled: race.settled };
    };
    const aborted = (call) => (options.signal?.aborted ?? false) || (call?.signal?.aborted ?? false);
    const seconds = (ms) => `${Math.round(ms / 100) / 10} s`;
    const describeFailure = (outcome, timeoutMs, fallback) => {
        if (outcome.kind === 'timeout')
            return `the cache service did not answer within ${seconds(timeoutMs)}`;
        if (outcome.kind === 'threw')
            return describeError(outcome.error);
        return fallback;
    };
    const cache = {
        get available() {
            return usable;
        },
        async restore(call) {
            return cache.restoreInto(readText, call);
        },
        async restoreInto(read, call) {
            if (!usable)
                return undefined;
            if (!mode.readable) {
                debug(`Verdict cache: not restored, the run's cache-mode '${mode.name}' permits no reads.`);
                return undefined;
            }
            if (aborted(call))
                return undefined;
            try {
                await (0,promises_.mkdir)(folder, { recursive: true, mode: 0o700 });
                await (0,promises_.rm)(file, { recursive: true, force: true });
            }
            catch (error) {
                disable(`its folder cannot be used: ${describeError(error)}`);
                return undefined;
            }
            let guard;
            try {
                // Only an archive holding the store's file alone, within the cap, is extracted (see tar-guard.ts).
                guard = await guardTar({ mode: 'restore', file, maxBytes: VERDICT_CACHE_MAX_BYTES, scratch: folder });
            }
            catch (error) {
                disable(describeError(error));
                return undefined;
            }
            const timeoutMs = options.restoreTimeoutMs ?? RESTORE_TIMEOUT_MS;
            const { outcome, settled } = await inWorker({ op: 'restore', paths: [file], primaryKey: restoreKey, restoreKeys: [options.keyPrefix] }, timeoutMs, call, guard, (answer) => (answer.kind === 'restored' ? answer.key : undefined));
            // Read before the guard's folder goes with it.
            const refusal = outcome !== 'unavailable' && outcome.kind === 'done' ? await guard.refusal() : undefined;
            void settled.then(() => guard.end());
            try {
                if (outcome === 'unavailable') {
                    disable(NO_SERVICE);
                    return undefined;
                }
                if (outcome.kind === 'aborted') {
                    debug('Verdict cache: stopped waiting for the restore (cancelled).');
                    return undefined;
                }
                if (outcome.kind !== 'done') {
                    disable(describeFailure(outcome, timeoutMs, 'the restore failed'));
                    return undefined;
                }
                if (refusal !== undefined) {
                    options.notice(`The verdict store in the cache was refused before extraction: ${refusal}.`);
                    return undefined;
                }
                if (outcome.value === undefined) {
                    // Nothing saved yet, or a failure @actions/cache has just reported in its own words.
                    debug(`Verdict cache: nothing restored under ${options.keyPrefix}`);
                    return undefined;
                }
                try {
                    let bytes = 0;
                    const counted = async function* () {
                        for await (const chunk of restoredChunks(file)) {
                            bytes += chunk.length;
                            yield chunk;
                        }
                    };
                    const value = await read(counted());
                    debug(`Verdict cache: restored ${bytes} bytes from key ${outcome.value}`);
                    return value;
                }
                catch (error) {
                    options.notice(`The verdict store restored from the cache was ignored: ${describeError(error)}.`);
                    return undefined;
                }
            }
            finally {
                // The store's file does not stay behind (a call given up may still write it; the next call removes it).
                await (0,promises_.rm)(file, { recursive: true, force: true }).catch(() => undefined);
            }
        },
        async save(content, call) {
            if (!usable)
                return false;
            if (!mode.writable) {
                noticeOnce(`The verdict cache is read-only in this run (cache-mode '${mode.name}'): verdicts confirmed now are not saved for later runs.`);
                return false;
            }
            if (aborted(call))
                return false;
            let bytes;
            try {
                bytes = await writeStoreFile(folder, file, content, VERDICT_CACHE_MAX_BYTES);
            }
            catch (error) {
                await (0,promises_.rm)(file, { recursive: true, force: true }).catch(() => undefined);
                disable(`its file cannot be written: ${describeError(error)}`);
                return false;
            }
            if (bytes === undefined) {
                debug(`Verdict cache: not saved, the store is over the ${VERDICT_CACHE_MAX_BYTES}-byte cap.`);
                return false;
            }
            // Entries are immutable: every save takes a key of its own (the time and a random part keep two saves
            // of one run, or two jobs of one matrix, apart).
            saved += 1;
            const key = `${restoreKey}${Date.now().toString(36)}-${saved}${(0,external_node_crypto_.randomBytes)(3).toString('hex')}`;
            const timeoutMs = options.saveTimeoutMs ?? SAVE_TIMEOUT_MS;
            let guard;
            try {
                // The guard runs tar in a process group of its own, so that a save given up leaves nothing running.
                guard = await guardTar({ mode: 'save', file, maxBytes: VERDICT_CACHE_MAX_BYTES, scratch: folder });
            }
            catch {
                guard = undefined; // Windows: the library's tar runs unguarded (it only packs our own file).
            }
            const { outcome, settled } = await inWorker({ op: 'save', paths: [file], key }, timeoutMs, call, guard, (answer) => (answer.kind === 'saved' ? answer.id : -1));
            void settled.then(() => guard?.end());
            await (0,promises_.rm)(file, { recursive: true, force: true }).catch(() => undefined);
            if (outcome === 'unavailable') {
                disable(NO_SERVICE);
                return false;
            }
            if (outcome.kind === 'aborted') {
                debug('Verdict cache: stopped waiting for the save (cancelled).');
                return false;
            }
            // saveCache answers -1 for every failure it reported itself (a refused reservation is an info line).
            if (outcome.kind !== 'done' || outcome.value === -1) {
                disable(describeFailure(outcome, timeoutMs, '@actions/cache did not save it; its own lines above say why'));
                return false;
            }
            debug(`Verdict cache: saved ${bytes} bytes under key ${key}`);
            return true;
        }
    };
    const keyProblem = restoreKey.length + 40 > MAX_KEY_LENGTH || restoreKey.includes(',') ? 'its key is too long or holds a comma' : '';
    const pathProblem = /[*?[\]\r\n]/.test(file) ? 'its folder path holds glob characters' : '';
    if (keyProblem || pathProblem) {
        disable(keyProblem || pathProblem);
        return cache;
    }
    if (!process.env.ACTIONS_RUNTIME_TOKEN) {
        disable('the runner provides no Actions cache service here: ACTIONS_RUNTIME_TOKEN is not set');
        return cache;
    }
    if (!mode.readable && !mode.writable) {
        disable(`the run's cache-mode is '${mode.name}'`);
        return cache;
    }
    if (!(0,external_node_fs_.existsSync)(workerEntry)) {
        disable('its worker, cache-worker/index.js beside the action’s bundle, is missing');
        return cache;
    }
    if (aborted())
        return cache;
    // Whether the runner names a cache service is the library's to say (isFeatureAvailable): the first call's
    // worker asks it.
    usable = true;
    return cache;
}

;// CONCATENATED MODULE: ./src/status/verdict-memory.ts


async function openVerdictMemory(options) {
    const cache = await openVerdictCache({
        keyPrefix: verdictCacheKeyPrefix({
            repository: options.repository,
            apiUrl: options.apiUrl,
            userKey: options.userKey
        }),
        runKey: options.runKey,
        folder: options.folder,
        notice: options.notice,
        debug: options.debug,
        signal: options.signal
    });
    // Read entry by entry as the file is read: a store of 150,000 entries is never held as text or as a
    // parsed tree beside its entries.
    const now = Date.now();
    const read = await cache.restoreInto(async (chunks) => {
        const reader = new VerdictStoreReader(now);
        for await (const chunk of chunks)
            reader.push(chunk);
        return reader.end();
    });
    const session = openStoreSession(read, options.maxAgeMs, now);
    if (session.notice)
        options.notice(session.notice);
    return {
        remembered: session.remembered,
        async save(results, observations) {
            // Nothing to do when the cache cannot take it.
            if (!cache.available)
                return false;
            // Saved only when something was learned: every save is a new cache entry. Its lines are made as the
            // file is written, never the whole text.
            const next = session.next(results, observations);
            return next.learned === 0 ? false : cache.save(next.lines());
        }
    };
}


/***/ })

};
