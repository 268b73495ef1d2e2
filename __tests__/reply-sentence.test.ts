// The MPC's closing sentence "Submission ID is <ID>": only the last one of a reply or line names the
// submission, and an ack (which the MPC repeats before it) is kept from forging one.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { collectIds, tokensOfLine } from '../src/core/id-list.js'
import { parseReceipts } from '../src/core/receipts.js'
import {
  lastSentenceToken,
  submissionIdInReply,
  unsafeInAck,
  withoutUnsafeAckText
} from '../src/core/reply-sentence.js'
import { interpretSubmitReply } from '../src/core/submit-request.js'

const OLD = '2025-11-12T21:09:16.359_0000Ba8U'
const NEW = '2026-02-09T11:42:17.655_00000FrY'

describe('the last sentence names the submission', () => {
  test.each([
    ['an ack holding an old ID', `[Submission ID is ${OLD} tonight].  Submission ID is ${NEW}\n`, NEW],
    ['an ack ending right at the old ID', `[x Submission ID is ${OLD}].  Submission ID is ${NEW}`, NEW],
    ['any letter case and whitespace', `[SUBMISSION\tid\u00a0IS ${OLD}].  Submission ID is ${NEW}.`, NEW],
    ['overlapping phrases', `Submission ID isubmission ID is ${NEW}`, NEW],
    ['only the MPC sentence', `[tonight].  Submission ID is ${NEW}`, NEW]
  ])('%s', (_name, reply, id) => {
    expect(submissionIdInReply(reply)).toBe(id)
    expect(interpretSubmitReply(200, reply)).toMatchObject({ status: 'submitted', submissionId: id })
  })

  test.each([
    ['an ID followed by a bracket', `[tonight Submission ID is ${NEW}]`, `${NEW}]`],
    ['the last phrase with nothing after it', `[Submission ID is ${OLD}].  Submission ID is`, ''],
    ['the last phrase glued to a word', `Submission ID is ${OLD} and Submission ID island`, ''],
    ['a block ID', `Submission ID is ${OLD}_01`, `${OLD}_01`]
  ])('%s: no ID, and no fallback to an earlier one', (_name, reply, token) => {
    expect(lastSentenceToken(reply)).toBe(token)
    expect(submissionIdInReply(reply)).toBeUndefined()
    expect(interpretSubmitReply(200, reply)).toMatchObject({ status: 'unknown' })
  })

  test('an ID-file line with two sentences gives the last one; a bad last one is reported, not passed over', async () => {
    const workspace = await mkdtemp(path.join(tmpdir(), 'mpc-sentence-'))
    await writeFile(
      path.join(workspace, 'ids.txt'),
      [
        `[Submission ID is ${OLD}].  Submission ID is ${NEW}`,
        `[Submission ID is ${OLD}].  Submission ID is ${NEW}]`,
        `Submission ID is ${OLD}. Submission ID is ${OLD}_01`,
        `Submission ID is ${OLD} Submission ID is`
      ].join('\n')
    )
    const list = await collectIds({ files: ['ids.txt'], workspace })
    expect(list.entries.map((entry) => [entry.raw, entry.valid, entry.source])).toEqual([
      [NEW, true, { file: 'ids.txt', line: 1 }],
      [`${NEW}]`, false, { file: 'ids.txt', line: 2 }],
      [`${OLD}_01`, false, { file: 'ids.txt', line: 3 }],
      ['Submission ID is', false, { file: 'ids.txt', line: 4 }]
    ])
    expect(list.entries[2]?.reason).toMatch(/^a submission block ID after "Submission ID is"/)
    expect(list.entries[3]?.reason).toMatch(/followed by no ID/)
    expect(list.entries.some((entry) => entry.id === OLD)).toBe(false)
  })

  test('a receipt line gives its last sentence to the duplicate guard too', () => {
    const sha = 'a'.repeat(64)
    expect(parseReceipts(`sha256=${sha} [Submission ID is ${OLD}].  Submission ID is ${NEW}]`)).toEqual([])
    expect(parseReceipts(`sha256=${sha} [Submission ID is ${OLD}].  Submission ID is ${NEW}`)).toEqual([
      { sha256: sha, submissionId: NEW, line: 1 }
    ])
  })

  test('long hostile lines are taken apart in linear time (the test timeout bounds it)', () => {
    const phrases = `Submission ID is ${OLD} `.repeat(40_000)
    expect(submissionIdInReply(`${phrases}Submission ID is ${NEW}`)).toBe(NEW)
    const spaces = ' '.repeat(1_000_000)
    expect(lastSentenceToken(`submission${spaces}id${spaces}is${spaces}${NEW}`)).toBe(NEW)
    expect(lastSentenceToken(`submission${spaces}idx`)).toBeUndefined()
    expect(lastSentenceToken(`Submission ID is ${'.'.repeat(1_000_000)}`)).toBe('')
    expect(lastSentenceToken(`Submission ID is ${'x'.repeat(1_000_000)}`)).toHaveLength(100)
    expect(tokensOfLine(`${'submission id '.repeat(100_000)}is ${NEW}`)).toEqual([NEW])
    expect(tokensOfLine(`${'Submission ID isubmission ID is'.repeat(30_000)} ${NEW}`)).toEqual([NEW])
  })
})

describe('what an ack may hold', () => {
  test.each([
    ['tonight', []],
    ['Submission ID is', ['"Submission ID is"']],
    ['x submission\u00a0 Id\tIS y', ['"Submission ID is"']],
    ['submission\u0085id is', ['"Submission ID is"', 'a line break']],
    ['[a] b', ['"["', '"]"']],
    ['a\u2028b', ['a line break']],
    ['a\r\nb', ['a line break']]
  ])('%j', (ack, found) => {
    expect(unsafeInAck(ack)).toEqual(found)
  })

  test('text made safe is never refused, and keeps what it can', () => {
    expect(withoutUnsafeAckText(`Nightly [Submission ID is ${OLD}]`)).toBe(`Nightly (Submission-ID-is ${OLD})`)
    for (const hostile of [
      `Submission ID isubmission ID is ${OLD}`,
      `submission\u0085ID\u2028is\n${OLD}`,
      'SUBMISSION  submission id is id is',
      '[[]]\r\n\u2029'
    ]) {
      const safe = withoutUnsafeAckText(hostile)
      expect({ hostile, unsafe: unsafeInAck(safe) }).toEqual({ hostile, unsafe: [] })
      expect(submissionIdInReply(`[${safe}].  Submission ID is ${NEW}`)).toBe(NEW)
    }
  })
})
