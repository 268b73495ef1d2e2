// Submitting a batch (src/core/submit.ts and MpcClient.submit) against the loopback MPC stand-in: the request
// as the MPC's documented curl call sends it, the checks before sending, the never-twice rule, receipts and
// the duplicate guard.
import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, symlink, truncate, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startMpcServer, type MpcServer, type RecordedRequest, type Reply } from '../__fixtures__/mpc-server.mjs'
import { collectIds } from '../src/core/id-list.js'
import { parseReceipts, receiptLine } from '../src/core/receipts.js'
import {
  decideSubmitVerdict,
  defaultAck,
  submitBatch,
  type SubmitRun,
  type SubmitSettings
} from '../src/core/submit.js'
import { createSubmitClients, type MpcClient } from '../src/core/client.js'
import { SUBMIT_INPUT_NAMES } from '../src/submit/settings.js'
import { makeClient } from './helpers/client.js'
import { REPO_ROOT } from './helpers/run-action.js'
import { submitSettings } from './helpers/factories.js'

const example = (name: string): Promise<string> => readFile(path.join(REPO_ROOT, '__fixtures__/batches', name), 'utf8')
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')
const ID_PATTERN = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}_\w{8}$/

// The action's names: messages name its inputs (the command line's test names its flags).
const NAMES = SUBMIT_INPUT_NAMES

let server: MpcServer
let client: MpcClient
let workspace: string
let PSV: string

beforeEach(async () => {
  server = await startMpcServer()
  client = makeClient(server.url, { requestTimeoutMs: 1500 })
  workspace = await mkdtemp(path.join(tmpdir(), 'mpc-submit-'))
  PSV = await example('tonight.psv')
  await mkdir(path.join(workspace, 'out'))
  await writeFile(path.join(workspace, 'out/tonight.psv'), PSV)
  await writeFile(path.join(workspace, 'out/tonight.xml'), await example('tonight.xml'))
  await writeFile(path.join(workspace, 'out/tonight.obs'), await example('tonight.obs'))
})
afterEach(async () => {
  await client.close()
  await server.close()
})

const settings = (over: Partial<SubmitSettings> = {}): SubmitSettings => submitSettings(workspace, server.url, over)

const submit = (over: Partial<SubmitSettings> = {}, signal?: AbortSignal): Promise<SubmitRun> =>
  submitBatch(settings(over), client, { signal, now: () => new Date('2026-02-09T11:42:21.123Z') })

const partsOf = (request: RecordedRequest | undefined) =>
  request?.parts?.map((part) => ({ name: part.name, filename: part.filename, value: part.value }))

describe('the request is the documented one', () => {
  test('PSV: POST multipart/form-data with ack, ac2, obj_type and source as plain fields, the batch byte for byte', async () => {
    const run = await submit({ objType: 'NEO' })

    expect(server.requests).toHaveLength(1)
    const [request] = server.requests
    expect(request?.method).toBe('POST')
    expect(request?.path).toBe('/submit_psv')
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(request?.headers['user-agent']).toBe('mpc-submission-status-tests')
    expect(partsOf(request)).toEqual([
      { name: 'ack', filename: undefined, value: 'tonight' },
      { name: 'ac2', filename: undefined, value: 'astrometry@example.org' },
      { name: 'obj_type', filename: undefined, value: 'NEO' },
      // Not a file part: no filename. LF line ends unchanged, as curl -F "source=<file" sends them.
      { name: 'source', filename: undefined, value: PSV }
    ])
    expect(request?.parts?.[3]?.value).not.toContain('\r')

    expect(run.finding).toEqual({
      status: 'submitted',
      submissionId: server.submissions[0]?.id,
      statusCode: 200,
      reply: `[tonight].  Submission ID is ${server.submissions[0]?.id}\n`
    })
    expect(run.finding?.status === 'submitted' && run.finding.submissionId).toMatch(ID_PATTERN)
    expect(run).toMatchObject({ format: 'psv', observations: 3, sha256: sha256(PSV), refusals: [], notices: [] })
    expect(run.endpoint).toBe(`${server.url}/submit_psv`)
  })

  test('obj_type is left out when not set', async () => {
    await submit()
    expect(server.requests[0]?.parts?.map((part) => part.name)).toEqual(['ack', 'ac2', 'source'])
  })

  test('a CRLF batch is sent with its CRLF, as it is', async () => {
    const crlf = PSV.replace(/\n/g, '\r\n')
    await writeFile(path.join(workspace, 'out/tonight.psv'), crlf)
    const run = await submit()
    expect(server.requests[0]?.parts?.at(-1)?.value).toBe(crlf)
    expect(run.sha256).toBe(sha256(crlf))
  })

  test.each([
    [true, 'out/tonight.psv', '/submit_psv_test'],
    [false, 'out/tonight.xml', '/submit_xml'],
    [true, 'out/tonight.xml', '/submit_xml_test'],
    [false, 'out/tonight.obs', '/submit_obs'],
    [true, 'out/tonight.obs', '/submit_obs_test']
  ])('test: %s, %s goes to %s', async (test, file, endpoint) => {
    const run = await submit({ test, file })
    expect(server.requests.map((request) => request.path)).toEqual([endpoint])
    expect(run.finding?.status).toBe('submitted')
    expect(decideSubmitVerdict(run, NAMES).failed).toBe(false)
  })

  test('a test submission says so, and how to submit for real', async () => {
    const run = await submit({ test: true })
    expect(decideSubmitVerdict(run, NAMES).message).toMatch(
      /^Checked by the MPC \(test submission\): Submission ID is \S+, for out\/tonight\.psv \(the test endpoint: checked, never processed\)\. Set test: false to submit it for real\.$/
    )
  })

  test('MPC1992 sends source only; ack, ac2 and obj-type given for it get a notice', async () => {
    const OBS = await example('tonight.obs')
    const run = await submit({
      file: 'out/tonight.obs',
      objType: 'NEO',
      given: { ack: true, ac2: false, objType: true }
    })
    expect(partsOf(server.requests[0])).toEqual([{ name: 'source', filename: undefined, value: OBS }])
    expect(run.notices).toEqual([
      {
        title: 'Not sent for MPC1992',
        message:
          "ack, obj-type: not sent: an MPC1992 batch is sent as its source only, and its header's ACK and AC2 lines take their place"
      }
    ])
    // The stand-in, like the MPC, takes the ack from the batch's ACK line.
    expect(run.finding?.status === 'submitted' && run.finding.reply).toMatch(
      /^\[Example batch\]\. {2}Submission ID is /
    )
  })
})

describe('checked before anything is sent', () => {
  const cases: [string, (ws: string) => Promise<Partial<SubmitSettings>>, RegExp, number | undefined][] = [
    [
      'a file that does not exist',
      async () => ({ file: 'out/nope.psv' }),
      /^Cannot read file out\/nope\.psv: it does not exist$/,
      undefined
    ],
    [
      'a symlink out of the workspace',
      async (ws) => {
        await symlink('/etc/passwd', path.join(ws, 'out/link.psv'))
        return { file: 'out/link.psv' }
      },
      /^Cannot read file out\/link\.psv: it is outside the workspace$/,
      undefined
    ],
    [
      'a file over 64 MiB',
      async (ws) => {
        await writeFile(path.join(ws, 'big.psv'), '')
        await truncate(path.join(ws, 'big.psv'), 64 * 1024 * 1024 + 1)
        return { file: 'big.psv' }
      },
      /^Cannot read file big\.psv: it is larger than 64 MiB$/,
      undefined
    ],
    [
      'an empty file',
      async (ws) => {
        await writeFile(path.join(ws, 'empty.psv'), '')
        return { file: 'empty.psv' }
      },
      /^empty\.psv: it is empty$/,
      undefined
    ],
    [
      'a binary file',
      async (ws) => {
        await writeFile(path.join(ws, 'bin.psv'), Buffer.from([0x23, 0x00, 0xff]))
        return { file: 'bin.psv' }
      },
      /^Cannot read file bin\.psv: it is not UTF-8 text \(it holds NUL bytes/,
      undefined
    ],
    [
      'a PSV data row with a field too many',
      async (ws) => {
        await writeFile(path.join(ws, 'out/tonight.psv'), PSV.replace(/Gaia2\n$/, 'Gaia2|x\n'))
        return {}
      },
      /^out\/tonight\.psv line 18: this data row has 13 fields/,
      18
    ],
    [
      'XML that is not well-formed',
      async (ws) => {
        await writeFile(path.join(ws, 'out/tonight.xml'), (await example('tonight.xml')).replace('</mode>', ''))
        return { file: 'out/tonight.xml' }
      },
      /^out\/tonight\.xml line 15: not well-formed XML: the end tag <\/optical> closes <mode>, opened on line 13$/,
      15
    ],
    [
      'an MPC1992 batch without an AC2 line',
      async (ws) => {
        await writeFile(path.join(ws, 'out/tonight.obs'), (await example('tonight.obs')).replace(/^AC2 .*\n/m, ''))
        return { file: 'out/tonight.obs' }
      },
      /^out\/tonight\.obs: the header has no "AC2" line/,
      undefined
    ],
    [
      'PSV without ac2',
      async () => ({ ac2: '' }),
      /^ac2: required for an ADES PSV batch: the e-mail address the MPC sends its acknowledgement to$/,
      undefined
    ],
    [
      'an ack with a line break',
      async () => ({ ack: 'one\ntwo' }),
      /^ack: holds a line break\. The MPC's reply repeats the ack in brackets before its own "Submission ID is <ID>", so an ack must hold neither that phrase \(in any letter case\), nor a bracket, nor a line break$/,
      undefined
    ],
    [
      'an ack that names another submission',
      async () => ({ ack: 'SUBMISSION  id\tis 2025-11-12T21:09:16.359_0000Ba8U tonight' }),
      /^ack: holds "Submission ID is"\. The MPC's reply repeats the ack/,
      undefined
    ],
    [
      'an ack with brackets and a line break',
      async () => ({ ack: '[x]\u2028' }),
      /^ack: holds "\[", "\]", a line break\. /,
      undefined
    ],
    [
      'an MPC1992 batch whose ACK line names another submission (the ack input is not sent, so not checked)',
      async (ws) => {
        const obs = (await example('tonight.obs')).replace(
          /^ACK .*$/m,
          'ACK Submission ID is 2025-11-12T21:09:16.359_0000Ba8U tonight'
        )
        await writeFile(path.join(ws, 'out/tonight.obs'), obs)
        return { file: 'out/tonight.obs', ack: '[not sent]' }
      },
      /^out\/tonight\.obs line 7: its ACK line holds "Submission ID is"\. The MPC's reply repeats the ack/,
      7
    ],
    [
      'an empty ack',
      async () => ({ ack: ' ' }),
      /^ack: empty; the MPC refuses an ADES PSV batch without an acknowledgement message$/,
      undefined
    ],
    ['an obj-type with a line break', async () => ({ objType: 'NEO\r\n' }), /^obj-type: holds a line break/, undefined],
    [
      'a receipts file outside the workspace',
      async () => ({ receiptsFile: '../receipts.txt' }),
      /^Cannot write receipts-file \.\.\/receipts\.txt: it is outside the workspace$/,
      undefined
    ],
    [
      'a receipts file that leads out of the workspace',
      async (ws) => {
        await symlink('/etc/passwd', path.join(ws, 'receipts.txt'))
        return { receiptsFile: 'receipts.txt' }
      },
      /^Cannot read receipts-file receipts\.txt: it is outside the workspace$/,
      undefined
    ],
    [
      'a receipts file that is a symlink inside the workspace (it would not be written through)',
      async (ws) => {
        await writeFile(path.join(ws, 'real.txt'), '')
        await symlink(path.join(ws, 'real.txt'), path.join(ws, 'receipts.txt'))
        return { receiptsFile: 'receipts.txt' }
      },
      /^Cannot write receipts-file receipts\.txt: it is a symbolic link; it is not written through$/,
      undefined
    ]
  ]

  test.each(cases)('%s: refused, nothing sent', async (_name, prepare, message, line) => {
    const run = await submit(await prepare(workspace))
    expect(server.requests).toHaveLength(0)
    expect(run.finding).toBeUndefined()
    expect(run.refusals[0]?.message).toMatch(message)
    if (line !== undefined) expect(run.refusals[0]).toMatchObject({ line })
    const verdict = decideSubmitVerdict(run, NAMES)
    expect(verdict.failed).toBe(true)
    expect(verdict.message).toMatch(/^Not submitted: \d+ problems? found before sending; nothing was sent\. /)
  })

  test('every problem is reported at once', async () => {
    await writeFile(path.join(workspace, 'out/tonight.psv'), PSV.replace(/Gaia2\n$/, 'Gaia2|x\n'))
    const run = await submit({ ac2: '', ack: 'a\nb' })
    expect(run.refusals.map((refusal) => refusal.message.split(':')[0])).toEqual([
      'out/tonight.psv line 18',
      'ack',
      'ac2'
    ])
    expect(run.refusals[0]).toMatchObject({ file: 'out/tonight.psv', line: 18 })
  })
})

describe('never sent twice', () => {
  async function sentOnce(reply: Reply) {
    server = await restart({ answer: (request) => (request.path.startsWith('/submit_') ? reply : undefined) })
    const run = await submit()
    // Long enough for a retry with the tests' 5 ms backoff to have arrived.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(server.requests).toHaveLength(1)
    return run
  }

  async function restart(options: Parameters<typeof startMpcServer>[0]): Promise<MpcServer> {
    await client.close()
    await server.close()
    const next = await startMpcServer(options)
    client = makeClient(next.url, { requestTimeoutMs: 1500 })
    return next
  }

  test('a timeout after the request was written is not repeated, and says how to find out', async () => {
    const run = await sentOnce({ hang: true })
    expect(run.finding).toMatchObject({ status: 'unknown' })
    const { message } = decideSubmitVerdict(run, NAMES)
    expect(message).toMatch(
      /^Unknown whether the MPC took the batch: timed out after 1\.5 s\. Not repeated: the MPC may have taken the batch\./
    )
    expect(message).toContain('acknowledgement e-mail to astrometry@example.org')
    expect(message).toContain('Submission Status API')
  })

  test.each([500, 502, 503, 408])('HTTP %s is not repeated either, and the reply is kept', async (status) => {
    const run = await sentOnce({ status, body: 'try later', text: true })
    expect(run.finding).toMatchObject({
      status: status === 408 ? 'refused' : 'unknown',
      statusCode: status,
      reply: 'try later'
    })
  })

  test('a connection dropped after the request was written is not repeated', async () => {
    const raw = createServer((socket) => socket.once('data', () => socket.destroy()))
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve))
    let connections = 0
    raw.on('connection', () => (connections += 1))
    const port = (raw.address() as { port: number }).port
    const dropping = makeClient(`http://127.0.0.1:${port}`, { requestTimeoutMs: 1500 })
    const run = await submitBatch(settings({ submitUrl: `http://127.0.0.1:${port}` }), dropping)
    await dropping.close()
    await new Promise((resolve) => raw.close(resolve))
    expect(connections).toBe(1)
    expect(run.finding).toMatchObject({ status: 'unknown' })
    expect(run.finding?.status === 'unknown' && run.finding.message).toMatch(/may have taken the batch/)
  })

  test('a reset after the body was sent records the batch as possibly submitted; the guard holds it back', async () => {
    let reset = true
    server = await restart({
      answer: (request) => (request.path.startsWith('/submit_') && reset ? { reset: true } : undefined)
    })
    const run = await submit({ receiptsFile: 'mpc/receipts.txt' })
    expect(server.requests).toHaveLength(1)
    expect(run.finding).toMatchObject({ status: 'unknown' })
    const line = `# 2026-02-09T11:42:21Z possibly-submitted psv 3 observations sha256=${sha256(PSV)} file "out/tonight.psv"`
    expect(await readFile(path.join(workspace, 'mpc/receipts.txt'), 'utf8')).toBe(`${line}\n`)
    expect(run.receipt).toEqual({ file: 'mpc/receipts.txt', line, written: true, possibly: true })
    const verdict = decideSubmitVerdict(run, NAMES)
    expect(verdict).toMatchObject({ failed: true, headline: 'Unknown whether the MPC took the batch' })
    expect(verdict.detail).toContain('acknowledgement e-mail to astrometry@example.org')
    expect(verdict.detail).toContain('https://data.minorplanetcenter.net/api/wamo')
    expect(verdict.detail).toMatch(
      /Recorded as possibly submitted in mpc\/receipts\.txt: the duplicate guard refuses this content until allow-resubmit: true is set\.$/
    )
    // The gate reading the receipts file finds no ID in it.
    expect((await collectIds({ files: ['mpc/receipts.txt'], workspace })).entries).toEqual([])

    reset = false
    const again = await submit({ receiptsFile: 'mpc/receipts.txt' })
    expect(server.requests).toHaveLength(1)
    expect(again.refusals).toEqual([
      expect.objectContaining({ title: 'Possibly submitted', file: 'mpc/receipts.txt', line: 1 })
    ])
    expect(again.refusals[0]?.message).toMatch(
      new RegExp(
        `^This content \\(sha256 ${sha256(PSV)}\\) was possibly submitted to the MPC on 2026-02-09T11:42:21Z \\(mpc/receipts\\.txt line 1\\): the request was sent, and no answer said whether the MPC took it\\. Not sent again: .*WAMO.* Once you know it was not taken, set allow-resubmit: true to submit it\\.$`
      )
    )
    // A test submission of the same content is harmless and still goes.
    expect((await submit({ receiptsFile: 'mpc/receipts.txt', test: true })).finding?.status).toBe('submitted')

    const forced = await submit({ receiptsFile: 'mpc/receipts.txt', allowResubmit: true })
    expect(forced.finding?.status).toBe('submitted')
    expect(forced.notices[0]).toMatchObject({ title: 'Submitted again', line: 1 })
    const id = forced.finding?.status === 'submitted' ? forced.finding.submissionId : ''
    // From now on the guard names the submission the MPC took, not the possibly submitted line.
    const after = await submit({ receiptsFile: 'mpc/receipts.txt' })
    expect(after.refusals[0]?.message).toMatch(new RegExp(`already submitted to the MPC as ${id} `))
    expect(after.refusals[0]).toMatchObject({ title: 'Already submitted', line: 3 })
  })

  test.each([
    ['a 5xx', { status: 503, body: 'busy', text: true }],
    ['a 2xx without an ID', { body: '[x].  Submission ID is', text: true }],
    ['a timeout', { hang: true }]
  ] as [string, Reply][])('%s is recorded as possibly submitted too', async (_name, reply) => {
    server = await restart({ answer: (request) => (request.path.startsWith('/submit_') ? reply : undefined) })
    const run = await submit({ receiptsFile: 'mpc/receipts.txt' })
    expect(run.finding?.status).toBe('unknown')
    expect(parseReceipts(await readFile(path.join(workspace, 'mpc/receipts.txt'), 'utf8'))).toEqual([
      { sha256: sha256(PSV), line: 1, date: '2026-02-09T11:42:21Z' }
    ])
  })

  test('a test submission of unknown outcome writes no receipt: the test endpoint never processes it', async () => {
    server = await restart({ answer: (request) => (request.path.startsWith('/submit_') ? { reset: true } : undefined) })
    const run = await submit({ receiptsFile: 'mpc/receipts.txt', test: true })
    expect(run.finding?.status).toBe('unknown')
    expect(run.receipt).toBeUndefined()
    expect(await readFile(path.join(workspace, 'mpc/receipts.txt'), 'utf8')).toBe('')
    expect(decideSubmitVerdict(run, NAMES).detail).not.toContain('possibly submitted')
  })

  test('without a receipts file the step says that nothing holds the content back', async () => {
    server = await restart({ answer: (request) => (request.path.startsWith('/submit_') ? { reset: true } : undefined) })
    const run = await submit()
    expect(decideSubmitVerdict(run, NAMES).detail).toMatch(
      /Without receipts-file, nothing will hold this content back from being sent again\.$/
    )
  })

  test('a 429 was not taken: it is retried, and the retry is the one submission', async () => {
    server = await restart({
      answer: (request) =>
        request.path.startsWith('/submit_') && server.requests.length === 1
          ? { status: 429, headers: { 'retry-after': '0' } }
          : undefined
    })
    const run = await submit()
    expect(server.requests).toHaveLength(2)
    expect(server.submissions).toHaveLength(1)
    expect(run.finding?.status).toBe('submitted')
  })

  test('a refused connection (nothing written) is retried, then reported as not sent', async () => {
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const port = (probe.address() as { port: number }).port
    await new Promise((resolve) => probe.close(resolve))
    const refused = makeClient(`http://127.0.0.1:${port}`, { retries: 2 })
    const run = await submitBatch(settings({ submitUrl: `http://127.0.0.1:${port}` }), refused)
    await refused.close()
    expect(run.finding).toMatchObject({
      status: 'not-sent',
      message: expect.stringMatching(/ECONNREFUSED.*\(3 attempts\)$/)
    })
    expect(decideSubmitVerdict(run, NAMES).message).toMatch(/the MPC did not take the batch\.$/)
  })

  test("the MPC's 400 for a missing ack is shown, and a 2xx without an ID fails", async () => {
    const refused = await sentOnce({ status: 400, body: 'error: no `ack` value provided', text: true })
    expect(refused.finding).toMatchObject({ status: 'refused', reply: 'error: no `ack` value provided' })
    expect(decideSubmitVerdict(refused, NAMES).message).toBe('Not submitted: the MPC refused the batch: HTTP 400.')
  })

  test.each([
    ['Thank you', /without the sentence "Submission ID is <ID>"/],
    ['[x].  Submission ID is $(id)', /followed by "\$\(id\)", which is not a submission ID/]
  ])('a 2xx reply %j gives no ID: unknown, never sent again', async (body, why) => {
    const run = await sentOnce({ body, text: true })
    expect(run.finding).toMatchObject({ status: 'unknown', reply: body })
    expect(decideSubmitVerdict(run, NAMES)).toMatchObject({ failed: true, message: expect.stringMatching(why) })
  })

  test('a cancel while the request is out: unknown, recorded as possibly submitted; a cancel before: nothing sent', async () => {
    server = await restart({ answer: (request) => (request.path.startsWith('/submit_') ? { hang: true } : undefined) })
    client = makeClient(server.url, { requestTimeoutMs: 60_000 })
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error('SIGTERM')), 200)
    // The MPC never answers and the request timeout is 60 s, past this test's timeout: returning is the cancel's doing.
    const run = await submit({}, controller.signal)
    expect(run.finding).toMatchObject({ status: 'unknown' })
    expect(run.finding?.status === 'unknown' && run.finding.message).toMatch(/^cancelled after the batch was sent/)
    expect(run.cancelled).toBe(true)
    const recorded = await submit({ receiptsFile: 'mpc/receipts.txt' }, AbortSignal.timeout(200))
    expect(recorded.finding?.status).toBe('unknown')
    expect(recorded.receipt).toMatchObject({ written: true, possibly: true })

    const before = await submit({}, AbortSignal.abort(new Error('SIGTERM')))
    expect(before.finding).toBeUndefined()
    expect(decideSubmitVerdict(before, NAMES).message).toBe(
      'Not submitted: cancelled before sending; nothing was sent.'
    )
    expect(server.requests).toHaveLength(2)
  })
})

describe('receipts and the duplicate guard', () => {
  const receipts = (): Promise<string> => readFile(path.join(workspace, 'mpc/receipts.txt'), 'utf8')

  test('a production receipt is one line the status action reads as the submission ID; folders are created', async () => {
    const run = await submit({ receiptsFile: 'mpc/receipts.txt' })
    const id = server.submissions[0]?.id as string
    expect(await receipts()).toBe(
      `2026-02-09T11:42:21Z production psv 3 observations sha256=${sha256(PSV)} Submission ID is ${id} file "out/tonight.psv"\n`
    )
    expect(run.receipt).toMatchObject({ file: 'mpc/receipts.txt', written: true })
    const ids = await collectIds({ files: ['mpc/receipts.txt'], workspace })
    expect(ids.entries.map((entry) => [entry.id, entry.valid])).toEqual([[id, true]])
  })

  test('a test receipt is a comment: the status action skips it', async () => {
    await submit({ receiptsFile: 'mpc/receipts.txt', test: true })
    expect(await receipts()).toMatch(
      /^# 2026-02-09T11:42:21Z test psv 3 observations sha256=[0-9a-f]{64} Submission ID is \S+ file "out\/tonight\.psv"\n$/
    )
    const ids = await collectIds({ files: ['mpc/receipts.txt'], workspace })
    expect(ids.entries).toEqual([])
  })

  test('a # in the file name cannot hide the sentence; receipts are appended after what the file holds', async () => {
    await writeFile(path.join(workspace, 'out/#1 tonight.psv'), PSV)
    await mkdir(path.join(workspace, 'mpc'))
    await writeFile(
      path.join(workspace, 'mpc/receipts.txt'),
      '# kept by hand\nSubmission ID is 2026-01-01T00:05:07.453_0000BhCE'
    )
    await submit({ receiptsFile: 'mpc/receipts.txt', file: 'out/#1 tonight.psv', ack: '#2 tonight' })
    const text = await receipts()
    expect(text.split('\n')).toHaveLength(4)
    expect(text).toMatch(
      /^# kept by hand\nSubmission ID is 2026-01-01T00:05:07\.453_0000BhCE\n\S+ production .* file "out\/#1\\u0020tonight\.psv"\n$/
    )
    const ids = await collectIds({ files: ['mpc/receipts.txt'], workspace })
    expect(ids.entries.map((entry) => entry.id)).toEqual([
      '2026-01-01T00:05:07.453_0000BhCE',
      server.submissions[0]?.id
    ])
  })

  test('a file name holding "Submission ID is <another ID>" gives the gate only the ID the MPC gave', async () => {
    const named = 'out/Submission ID is 2025-11-12T21:09:16.359_0000Ba8U.psv'
    await writeFile(path.join(workspace, named), PSV)
    await submit({ receiptsFile: 'mpc/receipts.txt', file: named })
    const id = server.submissions[0]?.id as string
    const line = (await receipts()).trimEnd()
    expect(line).toBe(
      `2026-02-09T11:42:21Z production psv 3 observations sha256=${sha256(PSV)} Submission ID is ${id} file "out/Submission\\u0020ID\\u0020is\\u00202025-11-12T21:09:16.359_0000Ba8U.psv"`
    )
    // The name still reads back as it was.
    expect(JSON.parse(line.slice(line.indexOf(' file ') + 6))).toBe(named)
    const ids = await collectIds({ files: ['mpc/receipts.txt'], workspace })
    expect(ids.entries.map((entry) => [entry.id, entry.valid])).toEqual([[id, true]])
    expect(parseReceipts(await receipts())).toEqual([
      { sha256: sha256(PSV), submissionId: id, line: 1, date: '2026-02-09T11:42:21Z' }
    ])
  })

  test('every whitespace character of a file name is escaped on the receipt line', () => {
    const line = receiptLine({
      date: new Date(0),
      test: false,
      format: 'psv',
      observations: 1,
      sha256: 'a'.repeat(64),
      submissionId: '2026-01-01T00:05:07.453_0000BhCE',
      file: 'a b\tc\u00a0d\u2028e\u0085f\u3000g\nh'
    })
    expect(line).toMatch(/ file "a\\u0020b\\tc\\u00a0d\\u2028e\\u0085f\\u3000g\\nh"$/)
    expect(line.slice(line.indexOf(' file "') + 6)).not.toMatch(/[\s\u0085]/)
  })

  test('content already submitted for real is refused, naming the earlier ID; allow-resubmit overrides', async () => {
    await submit({ receiptsFile: 'mpc/receipts.txt' })
    const first = server.submissions[0]?.id
    const again = await submit({ receiptsFile: 'mpc/receipts.txt' })
    expect(server.requests).toHaveLength(1)
    expect(again.refusals).toEqual([
      {
        title: 'Already submitted',
        message: `This content (sha256 ${sha256(PSV)}) was already submitted to the MPC as ${first} on 2026-02-09T11:42:21Z (mpc/receipts.txt line 1). Not sent again: the MPC rejects an exact duplicate. Set allow-resubmit: true to submit it anyway.`,
        file: 'mpc/receipts.txt',
        line: 1
      }
    ])

    // A test submission of the same content is harmless: the guard lets it through.
    expect((await submit({ receiptsFile: 'mpc/receipts.txt', test: true })).finding?.status).toBe('submitted')

    const forced = await submit({ receiptsFile: 'mpc/receipts.txt', allowResubmit: true })
    expect(forced.finding?.status).toBe('submitted')
    expect(forced.notices[0]?.message).toMatch(
      /already submitted to the MPC as .*; submitting it again, as allow-resubmit: true asks$/
    )
    expect(server.submissions).toHaveLength(3)
    expect(parseReceipts(await receipts()).map((receipt) => receipt.line)).toEqual([1, 3])
  })

  test('different content is not held back by the guard', async () => {
    await submit({ receiptsFile: 'mpc/receipts.txt' })
    await writeFile(path.join(workspace, 'out/tonight.psv'), `${PSV}`.replace('20.6', '20.7'))
    expect((await submit({ receiptsFile: 'mpc/receipts.txt' })).finding?.status).toBe('submitted')
  })

  test('test receipts, junk and hand-written replies never count as production receipts', () => {
    const sha = 'a'.repeat(64)
    const text = [
      receiptLine({
        date: new Date(0),
        test: true,
        format: 'psv',
        observations: 1,
        sha256: sha,
        submissionId: '2026-01-01T00:05:07.453_0000BhCE',
        file: 'a'
      }),
      `sha256=${sha} Submission ID is not-an-id`,
      `sha256=${sha.slice(1)} Submission ID is 2026-01-01T00:05:07.453_0000BhCE`,
      'Submission ID is 2026-01-01T00:05:07.453_0000BhCE',
      `1970-01-01T00:00:00Z production psv 1 observations sha256=${sha.toUpperCase()} Submission ID is 2026-01-01T00:05:07.453_0000BhCE file "a"`
    ].join('\n')
    expect(parseReceipts(text)).toEqual([
      { sha256: sha, submissionId: '2026-01-01T00:05:07.453_0000BhCE', line: 5, date: '1970-01-01T00:00:00Z' }
    ])
  })

  test('a receipt that cannot be written after the MPC took the batch fails, giving the line to add by hand', async () => {
    // The receipts folder becomes a file between the check and the append: the MPC has the batch by then.
    await server.close()
    server = await startMpcServer({
      answer: (request) => {
        if (request.path.startsWith('/submit_'))
          execFileSync('sh', ['-c', `rm -rf "${workspace}/mpc" && echo x > "${workspace}/mpc"`])
        return undefined
      }
    })
    await client.close()
    client = makeClient(server.url)
    const run = await submit({ receiptsFile: 'mpc/receipts.txt', submitUrl: server.url })
    expect(run.finding?.status).toBe('submitted')
    expect(run.receipt).toMatchObject({ written: false, error: 'a folder on its path is a file' })
    const verdict = decideSubmitVerdict(run, NAMES)
    expect(verdict.failed).toBe(true)
    expect(verdict.message).toMatch(
      /^Submitted, but the receipt was not written: Submission ID is \S+, for out\/tonight\.psv \(production\)\. Its receipt could not be added to mpc\/receipts\.txt \(a folder on its path is a file\), so the duplicate guard does not know it: add this line by hand: 2026-02-09T11:42:21Z production /
    )
  })
})

test("a submission's two clients keep to the MPC's 5 requests per second together, whatever the hosts", async () => {
  const { submit, data } = createSubmitClients({
    submitUrl: server.url,
    apiUrl: server.url,
    userAgent: 'tests',
    requestTimeoutMs: 5000
  })
  const separations = { timeSeparationS: 60, angleSeparationArcsec: 5 }
  const [runs] = await Promise.all([
    Promise.all(Array.from({ length: 3 }, () => submitBatch(settings({ test: true }), submit))),
    Promise.all(Array.from({ length: 3 }, () => data.nearDuplicates(['line'], separations)))
  ])
  await Promise.all([submit.close(), data.close()])
  expect(runs.map((run) => run.finding?.status)).toEqual(Array(3).fill('submitted'))
  expect(server.requests).toHaveLength(6)
  const starts = server.requests.map((request) => request.startedAt).sort((a, b) => a - b)
  // The sixth request may start only when the first has left the sliding window (1.05 s).
  expect((starts[5] as number) - (starts[0] as number)).toBeGreaterThanOrEqual(1000)
})

test('the default ack: repository, workflow and run number on a runner, else the file name; never a #', () => {
  expect(defaultAck({ GITHUB_REPOSITORY: 'octo/obs', GITHUB_WORKFLOW: 'Nightly', GITHUB_RUN_NUMBER: '42' }, 'x')).toBe(
    'octo/obs Nightly run 42'
  )
  expect(defaultAck({ GITHUB_REPOSITORY: 'octo/obs', GITHUB_WORKFLOW: 'Night #2' }, 'x')).toBe('octo/obs Night 2')
  expect(defaultAck({}, 'out/tonight.psv')).toBe('tonight.psv')
})

test.each([
  [
    'Submission ID is 2025-11-12T21:09:16.359_0000Ba8U',
    'octo/obs Submission-ID-is 2025-11-12T21:09:16.359_0000Ba8U run 7'
  ],
  ['[x] SUBMISSION\u00a0id\nIS y', 'octo/obs (x) SUBMISSION-id-IS y run 7'],
  ['a\u2028b\u0085c\r\nd', 'octo/obs a b c d run 7']
])('the default ack from the workflow name %j holds nothing the ack check refuses', async (workflow, ack) => {
  const env = { GITHUB_REPOSITORY: 'octo/obs', GITHUB_WORKFLOW: workflow, GITHUB_RUN_NUMBER: '7' }
  expect(defaultAck(env, 'x')).toBe(ack)
  const run = await submit({ ack: defaultAck(env, 'x') })
  expect(run.refusals).toEqual([])
  expect(run.finding?.status === 'submitted' && run.finding.submissionId).toBe(server.submissions[0]?.id)
})
