// Runs the committed dist/submit/index.js as the runner does, against the loopback MPC stand-in, and then the
// committed status bundle on what it produced, the way the README's recipe chains the two steps.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { startMpcServer, type MpcServer } from '../__fixtures__/mpc-server.mjs'
import { actionBundle } from './helpers/action-metadata.js'
import { elements, renderGfm, textOf } from './helpers/gfm.js'
import { watchNaturalExit } from './helpers/natural-exit.js'
import { REPO_ROOT, runAction, type ActionRun, sigtermOnceLogged } from './helpers/run-action.js'
import { listenerThatNeverAccepts } from './helpers/unaccepting-listener.js'

const ENTRY = actionBundle('submit/action.yml')
const STATUS = 'dist/index.js'
const example = (name: string): Promise<string> => readFile(path.join(REPO_ROOT, '__fixtures__/batches', name), 'utf8')

let server: MpcServer
let PSV: string
beforeEach(async () => {
  server = await startMpcServer()
  PSV = await example('tonight.psv')
})
afterEach(() => server.close())

const errors = (run: ActionRun): string[] => run.stdout.split('\n').filter((line) => line.startsWith('::error'))

test('by default the batch goes to the test endpoint; outputs, summary and a test banner say so', async () => {
  const run = await runAction({
    entry: ENTRY,
    inputs: { file: 'out/tonight.psv', ac2: 'astrometry@example.org', 'submit-url': server.url },
    files: { 'out/tonight.psv': PSV },
    env: { GITHUB_REPOSITORY: 'octo/observations', GITHUB_WORKFLOW: 'Nightly', GITHUB_RUN_NUMBER: '42' }
  })

  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  expect(server.requests.map((request) => request.path)).toEqual(['/submit_psv_test'])
  const fields = Object.fromEntries((server.requests[0]?.parts ?? []).map((part) => [part.name, part.value]))
  expect(fields).toEqual({ ack: 'octo/observations Nightly run 42', ac2: 'astrometry@example.org', source: PSV })

  const id = server.submissions[0]?.id as string
  expect(run.outputs).toEqual({
    'submission-id': id,
    test: 'true',
    sha256: createHash('sha256').update(PSV).digest('hex'),
    observations: '3',
    reply: `[octo/observations Nightly run 42].  Submission ID is ${id}`
  })
  expect(run.stdout).toContain(
    `Sending out/tonight.psv (ADES PSV, 3 observations) to ${server.url}/submit_psv_test (test:`
  )

  expect(run.summary).toContain(
    '🧪 **Test submission.** The MPC checked this batch on its test endpoint but will not process it'
  )
  // What was sent where: one "Name: value" item each.
  const items = elements(renderGfm(run.summary), 'li').map((item) => /^([^:]+): (.*)$/s.exec(textOf(item)) ?? [])
  expect(Object.fromEntries(items.map(([, name, value]) => [name, value]))).toEqual({
    File: 'out/tonight.psv',
    Format: 'ADES PSV',
    Observations: '3',
    'SHA-256': run.outputs.sha256,
    Endpoint: `${server.url}/submit_psv_test`,
    'Test or production': 'test (checked, never processed)',
    'Submission ID': id
  })
})

test('test: false submits for real, to the production endpoint, without the banner', async () => {
  const run = await runAction({
    entry: ENTRY,
    inputs: {
      file: 'batch.xml',
      ac2: 'a@example.org',
      test: 'false',
      'near-duplicates': 'off',
      'obj-type': 'NEO',
      'submit-url': server.url
    },
    files: { 'batch.xml': await example('tonight.xml') }
  })
  expect(run.code).toBe(0)
  expect(server.requests.map((request) => request.path)).toEqual(['/submit_xml'])
  expect(server.requests[0]?.parts?.map((part) => [part.name, part.filename])).toEqual([
    ['ack', undefined],
    ['ac2', undefined],
    ['obj_type', undefined],
    ['source', undefined]
  ])
  expect(run.outputs).toMatchObject({
    test: 'false',
    observations: '2',
    'submission-id': server.submissions[0]?.id
  })
  expect(run.summary).not.toContain('Test submission')
  expect(run.summary).toContain('**✅ Submitted**')
})

test('a refusal before sending sends nothing and is annotated at the file and line', async () => {
  const broken = PSV.replace(/Gaia2\n$/, 'Gaia2|oops\n')
  const run = await runAction({
    entry: ENTRY,
    inputs: { file: 'out/tonight.psv', 'submit-url': server.url },
    files: { 'out/tonight.psv': broken }
  })
  expect(run.code).toBe(1)
  expect(server.requests).toHaveLength(0)
  expect(errors(run)).toEqual([
    '::error title=Not submitted,file=out/tonight.psv,line=18::out/tonight.psv line 18: this data row has 13 fields separated by "|", its header row (line 15) 12',
    '::error title=Not submitted::ac2: required for an ADES PSV batch: the e-mail address the MPC sends its acknowledgement to',
    expect.stringMatching(
      /^::error::❌ Not submitted: 2 problems found before sending; nothing was sent\. out\/tonight\.psv line 18/
    )
  ])
  expect(run.outputs).toMatchObject({ 'submission-id': '', test: 'true', observations: '3', reply: '' })
  expect(run.summary).toContain('### Found before sending (nothing was sent)')
  expect(run.summary).toContain('— (nothing was sent)')
})

test('a bad input is named and nothing is sent', async () => {
  for (const [inputs, message] of [
    [{ file: '' }, /^::error::file: no batch given/m],
    [{ file: 'a.psv', test: 'yes' }, /^::error::test: "yes" is not true or false/m],
    [{ file: 'a.psv', format: 'csv' }, /^::error::format: "csv" is not one of auto, psv, xml, obs80/m],
    [{ file: 'a.psv', 'submit-url': 'https://user:pw@example.org' }, /^::error::submit-url: must not hold a user name/m]
  ] as [Record<string, string>, RegExp][]) {
    const run = await runAction({
      entry: ENTRY,
      inputs: { 'submit-url': server.url, ...inputs },
      removeWorkspace: true
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(message)
  }
  expect(server.requests).toHaveLength(0)
})

test('a timeout after the request was written is not repeated, and the step says how to find out', async () => {
  await server.close()
  server = await startMpcServer({
    answer: (request) => (request.path.startsWith('/submit_') ? { hang: true } : undefined)
  })
  const run = await runAction({
    entry: ENTRY,
    inputs: {
      file: 'a.psv',
      ac2: 'a@example.org',
      test: 'false',
      'near-duplicates': 'off',
      'request-timeout': '1',
      'submit-url': server.url
    },
    files: { 'a.psv': PSV }
  })
  expect(run.code).toBe(1)
  expect(server.requests).toHaveLength(1)
  const failure = errors(run).at(-1) ?? ''
  expect(failure).toMatch(
    /^::error::❌ Unknown whether the MPC took the batch: timed out after 1\.0 s\. Not repeated: the MPC may have taken the batch\./
  )
  expect(failure).toContain('acknowledgement e-mail to a@example.org')
  expect(failure).toContain('Submission Status API')
  expect(run.outputs['submission-id']).toBe('')
  expect(run.summary).toContain('**❌ Unknown whether the MPC took the batch**')
})

test('the duplicate guard refuses content the receipts file holds as submitted; allow-resubmit overrides', async () => {
  const inputs = {
    file: 'a.psv',
    ac2: 'a@example.org',
    test: 'false',
    'near-duplicates': 'off',
    'receipts-file': 'mpc/receipts.txt',
    'submit-url': server.url
  }
  const first = await runAction({ entry: ENTRY, inputs, files: { 'a.psv': PSV } })
  expect(first.code).toBe(0)
  const id = first.outputs['submission-id']

  const again = await runAction({ entry: ENTRY, inputs, workspace: first.workspace })
  expect(again.code).toBe(1)
  expect(server.submissions).toHaveLength(1)
  expect(errors(again)[0]).toMatch(
    new RegExp(
      `^::error title=Already submitted,file=mpc/receipts.txt,line=1::This content \\(sha256 [0-9a-f]{64}\\) was already submitted to the MPC as ${id} on `
    )
  )

  const forced = await runAction({
    entry: ENTRY,
    inputs: { ...inputs, 'allow-resubmit': 'true' },
    workspace: first.workspace
  })
  expect(forced.code).toBe(0)
  expect(server.submissions).toHaveLength(2)
  expect(forced.stdout).toMatch(/^::notice title=Submitted again,file=mpc\/receipts.txt,line=1::/m)
  const receipts = await readFile(path.join(first.workspace, 'mpc/receipts.txt'), 'utf8')
  expect(
    receipts
      .trim()
      .split('\n')
      .map((line) => line.split(' Submission ID is ')[1]?.split(' ')[0])
  ).toEqual([id, forced.outputs['submission-id']])
})

test('SIGTERM while the request is out ends the step, with summary and outputs written', async () => {
  await server.close()
  server = await startMpcServer({
    answer: (request) => (request.path.startsWith('/submit_') ? { hang: true } : undefined)
  })
  const cancel = sigtermOnceLogged('Sending a.psv')
  const run = await runAction({
    entry: ENTRY,
    inputs: { file: 'a.psv', ac2: 'a@example.org', 'request-timeout': '600', 'submit-url': server.url },
    files: { 'a.psv': PSV },
    onStart: cancel.onStart
  })
  // The MPC never answers and request-timeout is 600 s: only the cancel can have ended the step.
  expect(cancel.sentAt()).toBeGreaterThan(0)
  expect(run.code).toBe(1)
  expect(server.requests).toHaveLength(1)
  expect(errors(run).at(-1)).toMatch(/cancelled after the batch was sent, before the MPC answered\. Not repeated/)
  expect(run.outputs).toMatchObject({ 'submission-id': '', test: 'true', observations: '3' })
  expect(run.summary).toContain('## MPC submission')
})

test('SIGTERM while the connection for the request is still being made: nothing sent, and the step ends on its own', async () => {
  // The submit endpoint never accepts: the POST's connect hangs, so the cancel comes before anything is written.
  const listener = await listenerThatNeverAccepts()
  const exit = await watchNaturalExit()
  try {
    const cancel = sigtermOnceLogged('Sending a.psv')
    const run = await runAction({
      entry: ENTRY,
      inputs: {
        file: 'a.psv',
        ac2: 'a@example.org',
        'request-timeout': '600',
        'submit-url': `http://127.0.0.1:${listener.port}`
      },
      files: { 'a.psv': PSV },
      env: exit.env,
      nodeArgs: ['--unhandled-rejections=strict', ...exit.nodeArgs],
      onStart: cancel.onStart
    })
    expect(cancel.sentAt()).toBeGreaterThan(0)
    expect(run.code).toBe(1)
    expect(run.stderr).toBe('')
    expect(errors(run).at(-1)).toMatch(/cancelled before the batch was sent; the MPC did not take the batch/)
    expect(run.outputs).toMatchObject({ 'submission-id': '', observations: '3' })
    // Not ended by the action's fallback exit two seconds after it reported: nothing held the process.
    expect(await exit.endedOnItsOwn()).toBe(true)
  } finally {
    listener.close()
  }
})

describe("only the MPC's own sentence names the submission", () => {
  const OLD = '2025-11-12T21:09:16.359_0000Ba8U'
  const gateOn = (workspace: string, inputs: Record<string, string>) =>
    runAction({
      entry: STATUS,
      inputs: { 'api-url': server.url, 'rate-limit': '0', 'verdict-cache': 'false', ...inputs },
      workspace
    })
  const statusAsked = () =>
    server.requests.filter((request) => request.path === '/api/submission-status').map((request) => request.json)

  test('an ack input naming another submission is refused before anything is sent', async () => {
    const run = await runAction({
      entry: ENTRY,
      inputs: {
        file: 'a.psv',
        ac2: 'a@example.org',
        ack: `Submission  id IS ${OLD} tonight`,
        test: 'false',
        'near-duplicates': 'off',
        'submit-url': server.url
      },
      files: { 'a.psv': PSV }
    })
    expect(run.code).toBe(1)
    expect(server.requests).toHaveLength(0)
    expect(errors(run)[0]).toBe(
      '::error title=Not submitted::ack: holds "Submission ID is". The MPC\'s reply repeats the ack in brackets before its own "Submission ID is <ID>", so an ack must hold neither that phrase (in any letter case), nor a bracket, nor a line break'
    )
    expect(run.outputs).toMatchObject({ 'submission-id': '', observations: '3' })
    expect(run.summary).toContain('### Found before sending (nothing was sent)')
  })

  test("an MPC1992 batch whose ACK line names another submission is refused, at the batch's line", async () => {
    const obs = (await example('tonight.obs')).replace(/^ACK .*$/m, `ACK Submission ID is ${OLD}]`)
    const run = await runAction({
      entry: ENTRY,
      inputs: { file: 'out/tonight.obs', test: 'false', 'near-duplicates': 'off', 'submit-url': server.url },
      files: { 'out/tonight.obs': obs }
    })
    expect(run.code).toBe(1)
    expect(server.requests).toHaveLength(0)
    expect(errors(run)[0]).toMatch(
      /^::error title=Not submitted,file=out\/tonight\.obs,line=7::out\/tonight\.obs line 7: its ACK line holds "Submission ID is", "\]"\. The MPC's reply repeats the ack/
    )
  })

  test('a workflow named after another submission gives a default ack that is sent, and the new ID', async () => {
    const run = await runAction({
      entry: ENTRY,
      inputs: {
        file: 'a.psv',
        ac2: 'a@example.org',
        test: 'false',
        'near-duplicates': 'off',
        'submit-url': server.url
      },
      files: { 'a.psv': PSV },
      env: {
        GITHUB_REPOSITORY: 'octo/observations',
        GITHUB_WORKFLOW: `[Submission ID is ${OLD}]\nNightly`,
        GITHUB_RUN_NUMBER: '42'
      }
    })
    expect(run.code).toBe(0)
    const ack = server.requests[0]?.parts?.find((part) => part.name === 'ack')?.value
    expect(ack).toBe(`octo/observations (Submission-ID-is ${OLD}) Nightly run 42`)
    expect(run.outputs['submission-id']).toBe(server.submissions[0]?.id)
  })

  test.each([
    ['an ack holding an old ID', `[tonight Submission ID is ${OLD} x].  Submission ID is `],
    ['an ack ending right at the old ID', `[Submission ID is ${OLD}].  Submission ID is `]
  ])('a reply echoing %s gives the ID of its last sentence', async (_name, head) => {
    await server.close()
    const id = '2026-02-09T11:42:17.655_00000FrY'
    server = await startMpcServer({
      answer: (request) => (request.path.startsWith('/submit_') ? { body: `${head}${id}\n`, text: true } : undefined)
    })
    const run = await runAction({
      entry: ENTRY,
      inputs: { file: 'a.psv', ac2: 'a@example.org', 'submit-url': server.url },
      files: { 'a.psv': PSV }
    })
    expect(run.code).toBe(0)
    expect(run.outputs['submission-id']).toBe(id)
  })

  test('a batch file named "Submission ID is <another ID>.psv" gives the gate only the ID the MPC gave', async () => {
    const name = `out/Submission ID is ${OLD}.psv`
    const run = await runAction({
      entry: ENTRY,
      inputs: {
        file: name,
        ac2: 'a@example.org',
        test: 'false',
        'near-duplicates': 'off',
        'receipts-file': 'mpc/receipts.txt',
        'submit-url': server.url
      },
      files: { [name]: PSV }
    })
    expect(run.code).toBe(0)
    const id = run.outputs['submission-id'] as string
    expect(await readFile(path.join(run.workspace, 'mpc/receipts.txt'), 'utf8')).toMatch(
      new RegExp(`Submission ID is ${id} file "out/Submission\\\\u0020ID\\\\u0020is\\\\u0020${OLD}\\.psv"\n$`)
    )
    const gate = await gateOn(run.workspace, { 'submission-ids-file': 'mpc/receipts.txt' })
    expect(gate.code).toBe(0)
    expect(statusAsked()).toEqual([{ submission_id: id }])
  })

  test('an ID file line with two sentences gives the gate the last one only', async () => {
    const id = '2026-02-09T11:42:17.655_00000FrY'
    server.setAnswers({ [OLD]: { json: { accepted: true, pipeline_entry_time: 'x', fault_events: [] } } })
    const gate = await runAction({
      entry: STATUS,
      inputs: { 'submission-ids-file': 'ids.txt', 'api-url': server.url, 'rate-limit': '0', 'verdict-cache': 'false' },
      files: {
        'ids.txt': `[tonight Submission ID is ${OLD}].  Submission ID is ${id}\n[Submission ID is ${OLD}].  Submission ID is ${id}]\n`
      }
    })
    expect(statusAsked()).toEqual([{ submission_id: id }])
    expect(gate.code).toBe(1)
    expect(JSON.parse(gate.outputs.results ?? '[]')).toEqual([
      expect.objectContaining({ submission_id: id, status: 'not-found', source: { file: 'ids.txt', line: 1 } }),
      expect.objectContaining({ submission_id: `${id}]`, status: 'invalid', source: { file: 'ids.txt', line: 2 } })
    ])
  })
})

describe('a production batch of unknown outcome is never sent again by accident', () => {
  test('a reset after the body was sent: possibly submitted; the rerun is refused; allow-resubmit sends it', async () => {
    await server.close()
    let reset = true
    server = await startMpcServer({
      answer: (request) => (request.path.startsWith('/submit_') && reset ? { reset: true } : undefined)
    })
    const inputs = {
      file: 'a.psv',
      ac2: 'a@example.org',
      test: 'false',
      'near-duplicates': 'off',
      'receipts-file': 'mpc/receipts.txt',
      'submit-url': server.url
    }
    const first = await runAction({ entry: ENTRY, inputs, files: { 'a.psv': PSV } })
    expect(first.code).toBe(1)
    expect(server.requests).toHaveLength(1)
    const sha = createHash('sha256').update(PSV).digest('hex')
    const receiptsPath = path.join(first.workspace, 'mpc/receipts.txt')
    expect(await readFile(receiptsPath, 'utf8')).toMatch(
      new RegExp(`^# \\S+Z possibly-submitted psv 3 observations sha256=${sha} file "a\\.psv"\n$`)
    )
    const failure = errors(first).at(-1) ?? ''
    expect(failure).toMatch(
      /^::error::❌ Unknown whether the MPC took the batch: .*Not repeated: the MPC may have taken the batch\./
    )
    expect(failure).toContain('acknowledgement e-mail to a@example.org')
    expect(failure).toContain('https://data.minorplanetcenter.net/api/wamo')
    expect(failure).toContain(
      'Recorded as possibly submitted in mpc/receipts.txt: the duplicate guard refuses this content until allow-resubmit: true is set.'
    )
    expect(first.summary).toContain('as possibly submitted')

    reset = false
    const again = await runAction({ entry: ENTRY, inputs, workspace: first.workspace })
    expect(again.code).toBe(1)
    expect(server.requests).toHaveLength(1)
    expect(errors(again)[0]).toMatch(
      new RegExp(
        `^::error title=Possibly submitted,file=mpc/receipts.txt,line=1::This content \\(sha256 ${sha}\\) was possibly submitted to the MPC on \\S+Z \\(mpc/receipts.txt line 1\\)`
      )
    )
    expect(errors(again)[0]).toContain('set allow-resubmit: true to submit it.')

    const forced = await runAction({
      entry: ENTRY,
      inputs: { ...inputs, 'allow-resubmit': 'true' },
      workspace: first.workspace
    })
    expect(forced.code).toBe(0)
    expect(server.submissions).toHaveLength(1)
    const id = forced.outputs['submission-id'] as string
    expect(id).toBe(server.submissions[0]?.id)

    // The gate on the receipts file: the possibly submitted line is a comment; only the real ID is asked.
    const gate = await runAction({
      entry: STATUS,
      inputs: {
        'submission-ids-file': 'mpc/receipts.txt',
        'api-url': server.url,
        'rate-limit': '0',
        'verdict-cache': 'false'
      },
      workspace: first.workspace
    })
    expect(gate.code).toBe(0)
    expect(
      server.requests.filter((request) => request.path === '/api/submission-status').map((request) => request.json)
    ).toEqual([{ submission_id: id }])
  })
})

describe('chained with the status gate, as the README recipe does', () => {
  test('the status bundle checks the receipts file (test receipts skipped) and the submission-id output', async () => {
    const common = { ac2: 'a@example.org', 'receipts-file': 'mpc/receipts.txt', 'submit-url': server.url }
    // A test run first, as a workflow would try the batch, then the real submission of a corrected one.
    const tried = await runAction({
      entry: ENTRY,
      inputs: { ...common, file: 'out/tonight.psv' },
      files: { 'out/tonight.psv': PSV }
    })
    expect(tried.code).toBe(0)
    const submitted = await runAction({
      entry: ENTRY,
      inputs: { ...common, file: 'out/tonight.obs', test: 'false', 'near-duplicates': 'off' },
      files: { 'out/tonight.obs': await example('tonight.obs') },
      workspace: tried.workspace
    })
    expect(submitted.code).toBe(0)
    const testId = tried.outputs['submission-id'] as string
    const id = submitted.outputs['submission-id'] as string
    expect(server.submissions.map((submission) => [submission.id, submission.test])).toEqual([
      [testId, true],
      [id, false]
    ])

    const gate = await runAction({
      entry: STATUS,
      inputs: {
        'submission-ids-file': 'mpc/receipts.txt',
        'api-url': server.url,
        'rate-limit': '0',
        'verdict-cache': 'false'
      },
      workspace: tried.workspace
    })
    expect(gate.code).toBe(0)
    const asked = server.requests.filter((request) => request.path === '/api/submission-status')
    expect(asked.map((request) => request.json)).toEqual([{ submission_id: id }])
    expect(JSON.parse(gate.outputs.results ?? '[]')).toEqual([
      expect.objectContaining({ submission_id: id, status: 'accepted', source: { file: 'mpc/receipts.txt', line: 2 } })
    ])

    const byOutput = await runAction({
      entry: STATUS,
      inputs: { 'submission-ids': id, 'api-url': server.url, 'rate-limit': '0', 'verdict-cache': 'false' },
      workspace: tried.workspace
    })
    expect(byOutput.code).toBe(0)
    expect(byOutput.outputs['all-accepted']).toBe('true')
  })

  test("a test submission's submission-id is not one the MPC processed: the gate does not pass on it", async () => {
    const tried = await runAction({
      entry: ENTRY,
      inputs: { file: 'a.psv', ac2: 'a@example.org', 'submit-url': server.url },
      files: { 'a.psv': PSV }
    })
    const gate = await runAction({
      entry: STATUS,
      inputs: {
        'submission-ids': tried.outputs['submission-id'] ?? '',
        'api-url': server.url,
        'verdict-cache': 'false'
      },
      workspace: tried.workspace
    })
    expect(gate.code).toBe(1)
    expect(gate.outputs['not-found-count']).toBe('1')
  })
})
