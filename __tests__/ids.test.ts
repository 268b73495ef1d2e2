import { mkdtemp, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { collectIds, tokensOfLine } from '../src/core/id-list.js'
import { classifySubmissionId, labelFormats } from '../src/core/ids.js'

const ID = '2026-01-01T00:05:07.453_0000BhCE'
const OTHER = '2025-11-12T21:11:49.579_0000Ba8V'

describe('formats', () => {
  test('the four documented label formats, with the 8-character overlap', () => {
    expect(labelFormats('A10cnQO')).toEqual(['trksub'])
    expect(labelFormats('00000DwbEz')).toEqual(['trkid'])
    expect(labelFormats('ABCD1234')).toEqual(['trksub', 'trkid'])
    expect(labelFormats('2024-05-02T21:03:35.001_0000FzZw_01')).toEqual(['submission block id'])
    expect(labelFormats('2024-05-02T21:03:35.001_0000FzZw')).toEqual(['submission id'])
    expect(labelFormats('not a label!')).toEqual([])
  })

  test('a block ID is checked as its submission ID; a label is named for what it is', () => {
    expect(classifySubmissionId(`${ID}_07`)).toEqual({ kind: 'block-id', id: ID })
    const trksub = classifySubmissionId('A10cnQO')
    expect(trksub.kind === 'invalid' && trksub.reason).toMatch(/trksub/)
    const both = classifySubmissionId('ABCD1234')
    expect(both.kind === 'invalid' && both.reason).toMatch(/trksub or trkid/)
    const typo = classifySubmissionId('2026-01-01T00:05:07_0000BhCE')
    expect(typo.kind === 'invalid' && typo.reason).toMatch(/starts like a submission ID/)
  })
})

describe('lines of an ID file', () => {
  test('comments, commas, spaces and the MPC reply sentence', () => {
    expect(tokensOfLine(`  ${ID}, ${OTHER}  # tonight`)).toEqual([ID, OTHER])
    expect(tokensOfLine('# only a comment')).toEqual([])
    expect(tokensOfLine(`Submission received. Submission ID is ${ID}.`)).toEqual([ID])
    expect(tokensOfLine(`${ID}#no space before the comment`)).toEqual([ID])
  })
})

describe('collectIds', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ids-'))
  })

  test('input and files, first-seen order, duplicates once, provenance kept', async () => {
    await mkdir(path.join(dir, 'mpc'))
    await writeFile(path.join(dir, 'mpc/a.txt'), `\uFEFF# header\r\n\r\n${OTHER}\r\n  ${ID}_02  \r\n`)
    const list = await collectIds({ text: `${ID}\n${ID}`, files: ['mpc/a.txt'], workspace: dir })
    expect(list.problems).toEqual([])
    expect(list.entries.map((entry) => [entry.id, entry.source])).toEqual([
      [ID, 'input'],
      [OTHER, { file: 'mpc/a.txt', line: 3 }]
    ])
  })

  test('a block ID first seen in a file carries the block it came from', async () => {
    await writeFile(path.join(dir, 'b.txt'), `${ID}_02\n`)
    const list = await collectIds({ files: ['b.txt'], workspace: dir })
    expect(list.entries).toEqual([
      { raw: `${ID}_02`, id: ID, source: { file: 'b.txt', line: 1 }, valid: true, blockOf: `${ID}_02` }
    ])
  })

  test('a .json file of IDs or of previous results, with the line of each', async () => {
    const results = [{ submission_id: ID, status: 'pending' }, { submission_id: OTHER }]
    await writeFile(path.join(dir, 'results.json'), JSON.stringify(results, null, 2))
    await writeFile(path.join(dir, 'plain.json'), JSON.stringify([OTHER, 'trk1']))
    const list = await collectIds({ files: ['results.json', 'plain.json'], workspace: dir })
    expect(list.entries.map((entry) => [entry.id, entry.valid, entry.source])).toEqual([
      [ID, true, { file: 'results.json', line: 3 }],
      [OTHER, true, { file: 'results.json', line: 7 }],
      ['trk1', false, { file: 'plain.json', line: 1 }]
    ])
  })

  test('unreadable and malformed files are named; the readable ones still count', async () => {
    await writeFile(path.join(dir, 'ok.txt'), ID)
    await writeFile(path.join(dir, 'bad.json'), '{"submission_id": ')
    await writeFile(path.join(dir, 'object.json'), '{"submission_id": "x"}')
    await mkdir(path.join(dir, 'folder'))
    const list = await collectIds({
      files: ['missing.txt', 'bad.json', 'object.json', 'folder', 'ok.txt'],
      workspace: dir
    })
    expect(list.entries.map((entry) => entry.id)).toEqual([ID])
    expect(list.problems).toEqual([
      'Cannot read submission-ids-file missing.txt: it does not exist',
      expect.stringMatching(/^bad\.json is not valid JSON/),
      'object.json must hold a JSON array of submission IDs or of objects with "submission_id"',
      'Cannot read submission-ids-file folder: it is a directory'
    ])
    expect(list.lookedIn).toEqual(['missing.txt', 'bad.json', 'object.json', 'folder', 'ok.txt'])
  })
})
