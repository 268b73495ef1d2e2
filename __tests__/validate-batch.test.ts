// The validator: real-shaped batches pass; each rule, broken once, is reported at its exact line (and column
// or field) with what is allowed; every problem is listed at once, up to a cap, the rest counted.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { MAX_LISTED_PROBLEMS, MAX_PROBLEMS } from '../src/core/batches/problems.js'
import { describeProblem, validateBatch, type Validation } from '../src/core/batches/validate.js'
import { REPO_ROOT } from './helpers/run-action.js'

const VALID = path.join(REPO_ROOT, '__fixtures__/batches/valid')
const read = (name: string): string => readFileSync(path.join(VALID, name), 'utf8')

const PSV = read('basic-2017.psv')
const PSV22 = read('survey-2022.psv')
const XML22 = read('survey-2022.xml')
const OBS = read('basic.obs')

const errors = (v: Validation) => v.problems.filter((p) => p.severity === 'error')
const notices = (v: Validation) => v.problems.filter((p) => p.severity === 'notice')

/** The text with line `n` (1-based) replaced. */
function withLine(text: string, n: number, line: string): string {
  const lines = text.split('\n')
  lines[n - 1] = line
  return lines.join('\n')
}
/** The text with line `n` removed. */
function withoutLine(text: string, n: number): string {
  const lines = text.split('\n')
  lines.splice(n - 1, 1)
  return lines.join('\n')
}
const lineOf = (text: string, n: number): string => text.split('\n')[n - 1] as string

describe('real-shaped batches pass', () => {
  test.each(readdirSync(VALID))('%s', (name) => {
    const validation = validateBatch(read(name), name)
    expect(validation.problems.map(describeProblem)).toEqual([])
    expect(validation.errors).toBe(0)
    expect(validation.observations).toBeGreaterThan(0)
  })

  test('versions, formats and observations are reported', () => {
    expect(validateBatch(PSV22, 'a.psv')).toMatchObject({ format: 'psv', version: '2022', observations: 7 })
    expect(validateBatch(PSV, 'a.psv')).toMatchObject({ format: 'psv', version: '2017', observations: 3 })
    expect(validateBatch(XML22, 'a.xml')).toMatchObject({ format: 'xml', version: '2022', observations: 3 })
    expect(validateBatch(OBS, 'a.obs')).toMatchObject({ format: 'obs80', observations: 3 })
  })

  test('CRLF line ends change nothing', () => {
    for (const [name, text] of [
      ['a.psv', PSV22],
      ['a.xml', XML22],
      ['a.obs', OBS]
    ] as const) {
      expect(validateBatch(text.replace(/\n/g, '\r\n'), name).problems).toEqual([])
    }
  })
})

/** A data row of basic-2017.psv (lines 16-18) with one field set. */
const PSV_FIELDS = lineOf(PSV, 15)
  .split('|')
  .map((f) => f.trim())
function psvRow(changes: Record<string, string>, base = lineOf(PSV, 16)): string {
  const values = base.split('|')
  for (const [name, value] of Object.entries(changes)) {
    const index = PSV_FIELDS.indexOf(name)
    if (index < 0) throw new Error(`no field ${name}`)
    values[index] = value
  }
  return values.join('|')
}
const psvWith = (changes: Record<string, string>, line = 17): Validation =>
  validateBatch(withLine(PSV, line, psvRow(changes, lineOf(PSV, line))), 'batch.psv')

describe('ADES PSV: each rule reported at its line', () => {
  test.each([
    ['no object', { provID: '' }, 'provID', /permID, provID or trkSub/],
    ['a malformed permID', { permID: '433a' }, 'permID', /permanent designation/],
    ['a packed provID', { provID: 'K16A01A' }, 'provID', /provisional designation, unpacked/],
    ['a trkSub of 9 characters', { provID: '', trkSub: 'ABCDEFGHI' }, 'trkSub', /at most 8/],
    ['obsTime with a space', { obsTime: '2016-01-01 12:00:00Z' }, 'obsTime', /YYYY-MM-DDThh:mm:ss/],
    ['obsTime without Z', { obsTime: '2016-01-01T12:00:00' }, 'obsTime', /UTC/],
    ['obsTime on 30 February', { obsTime: '2016-02-30T12:00:00Z' }, 'obsTime', /real date/],
    ['obsTime at second 60 off a leap second', { obsTime: '2016-01-01T12:00:60Z' }, 'obsTime', /leap second/],
    ['ra of 360', { ra: '360.0' }, 'ra', /from 0 below 360/],
    ['ra negative', { ra: '-1.5' }, 'ra', /from 0 below 360/],
    ['dec below -90', { dec: '-90.5' }, 'dec', /from -90 up to 90/],
    ['dec not a number', { dec: '+12:20:44' }, 'dec', /number/],
    ['mode not in the list', { mode: 'CCE' }, 'mode', /one of CCD, CMO, VID, TDI, OCC/],
    ['astCat not in the list', { astCat: 'Gaia9' }, 'astCat', /one of Gaia3, Gaia3E/],
    ['band not in the list', { band: 'Q' }, 'band', /one of Lu, Lg/],
    ['band C', { band: 'C' }, 'band', /must not be used in new submissions/],
    ['mag without band', { band: '' }, 'band', /magnitude \(mag\) is given with its band/],
    ['band without mag', { mag: '', photCat: '' }, 'band', /without mag/],
    ['photCat not in the list', { photCat: 'GAIA2' }, 'photCat', /one of Gaia3/],
    ['stn other than mpcCode', { stn: '568' }, 'stn', /mpcCode 291/],
    ['stn not a code', { stn: '56' }, 'stn', /three or four letters and digits/]
  ])('%s', (_name, changes, field, message) => {
    const validation = psvWith(changes)
    const found = errors(validation)
    expect(found).toEqual([
      expect.objectContaining({ file: 'batch.psv', line: 17, field, message: expect.stringMatching(message) })
    ])
  })

  test('every problem at once, each at its own line', () => {
    let text = withLine(PSV, 16, psvRow({ ra: '400' }, lineOf(PSV, 16)))
    text = withLine(text, 18, psvRow({ dec: '95' }, lineOf(PSV, 18)))
    const validation = validateBatch(text, 'b.psv')
    expect(errors(validation).map((p) => [p.line, p.field])).toEqual([
      [16, 'ra'],
      [18, 'dec']
    ])
    expect(validation.errors).toBe(2)
  })

  test('the column of a value is where its field starts', () => {
    const row = psvRow({ ra: ' 999.1     ' })
    const [problem] = errors(validateBatch(withLine(PSV, 17, row), 'b.psv'))
    expect(problem).toMatchObject({ line: 17, column: row.indexOf(' 999.1') + 1, value: '999.1' })
  })

  test('a deprecated value is a notice, not an error', () => {
    const validation = psvWith({ mode: 'PHO', band: 'V' })
    expect(validation.errors).toBe(0)
    expect(notices(validation).map((p) => [p.line, p.field])).toEqual([
      [17, 'mode'],
      [17, 'band']
    ])
  })

  test('rms values are positive', () => {
    const text = PSV22.replace('|0.11 |0.12  |-0.05  |', '|0    |-0.12 |-0.05  |')
    const found = errors(validateBatch(text, 'b.psv'))
    expect(found.map((p) => [p.line, p.field])).toEqual([
      [25, 'rmsRA'],
      [25, 'rmsDec']
    ])
    expect(found[0]?.message).toMatch(/above 0/)
  })

  test('rmsCorr only with both rmsRA and rmsDec', () => {
    const text = PSV22.replace('|0.11 |0.12  |-0.05  |', '|0.11 |      |-0.05  |')
    const found = errors(validateBatch(text, 'b.psv'))
    expect(found).toEqual([
      expect.objectContaining({
        line: 25,
        field: 'rmsCorr',
        value: '-0.05',
        message: expect.stringMatching(/without rmsDec/)
      })
    ])
  })

  test('trkSub is at most 8 characters and obsTime at most 6 decimals in 2022', () => {
    const text = PSV22.replace('JX12ab  ', 'JX12abcd9').replace('23:59:59.999999Z', '23:59:59.9999999Z')
    expect(errors(validateBatch(text, 'b.psv')).map((p) => [p.line, p.field])).toEqual([
      [28, 'trkSub'],
      [29, 'obsTime']
    ])
  })

  test('a data row with more or fewer fields than its header row', () => {
    const found = errors(validateBatch(withLine(PSV, 17, `${lineOf(PSV, 17)}|extra`), 'b.psv'))
    expect(found).toEqual([
      expect.objectContaining({ line: 17, message: expect.stringMatching(/13 fields .*\(line 15\) 12/) })
    ])
  })

  test('a field a submission does not take, a field ADES does not know, a field named twice', () => {
    const header = lineOf(PSV, 15).replace('photCat', 'orbID')
    expect(errors(validateBatch(withLine(PSV, 15, header), 'b.psv'))).toEqual(
      [16, 17, 18].map((line) =>
        expect.objectContaining({ line, field: 'orbID', message: expect.stringMatching(/not a field/) })
      )
    )
    const twice = lineOf(PSV, 15).replace('photCat', 'astCat ')
    expect(errors(validateBatch(withLine(PSV, 15, twice), 'b.psv'))[0]).toMatchObject({
      line: 15,
      field: 'astCat',
      message: expect.stringMatching(/named twice/)
    })
  })

  test('a required field left out', () => {
    const lines = PSV.split('\n').map((line, i) =>
      i >= 14 && i <= 17 ? line.split('|').slice(0, 8).concat(line.split('|').slice(9)).join('|') : line
    )
    const found = errors(validateBatch(lines.join('\n'), 'b.psv'))
    expect(found.map((p) => [p.line, p.field, p.message.slice(0, 20)])).toEqual(
      [16, 17, 18].map((line) => [line, 'astCat', 'astCat is missing: e'])
    )
  })

  test('the version line', () => {
    expect(errors(validateBatch(withLine(PSV, 1, '# version=2019'), 'b.psv'))).toEqual([
      expect.objectContaining({ line: 1, field: 'version', value: '2019', message: 'version must be 2017 or 2022' })
    ])
    expect(errors(validateBatch(withoutLine(PSV, 1), 'b.psv'))[0]).toMatchObject({
      line: 1,
      message: expect.stringMatching(/starts with its version line/)
    })
  })

  test.each([
    ['observatory', 2, 3, 'observatory'],
    ['submitter', 4, 6, 'submitter'],
    ['measurers', 9, 10, 'measurers'],
    ['telescope', 11, 14, 'telescope']
  ])('the context without %s', (_name, from, to, field) => {
    let text = PSV
    for (let n = to; n >= from; n -= 1) text = withoutLine(text, n)
    const found = errors(validateBatch(text, 'b.psv'))
    expect(found[0]).toMatchObject({ line: 2, field, message: expect.stringMatching(/is missing: every block/) })
  })

  test('observers: required in 2017, optional in 2022', () => {
    const text = withoutLine(withoutLine(PSV, 8), 7)
    expect(errors(validateBatch(text, 'b.psv'))).toEqual([expect.objectContaining({ line: 2, field: 'observers' })])
    expect(errors(validateBatch(text.replace('version=2017', 'version=2022'), 'b.psv'))).toEqual([])
  })

  test('a context field missing, unknown or malformed', () => {
    expect(errors(validateBatch(withoutLine(PSV, 13), 'b.psv'))).toEqual([
      expect.objectContaining({ line: 11, field: 'telescope.aperture', message: expect.stringMatching(/is missing/) })
    ])
    expect(errors(validateBatch(withLine(PSV, 13, '! aperture -1.8'), 'b.psv'))).toEqual([
      expect.objectContaining({ line: 13, field: 'telescope.aperture', value: '-1.8' })
    ])
    expect(errors(validateBatch(withLine(PSV, 6, '! email j@example.org'), 'b.psv'))).toEqual([
      expect.objectContaining({
        line: 6,
        field: 'submitter.email',
        message: 'submitter holds name, institution, not email'
      })
    ])
    expect(errors(validateBatch(withLine(PSV, 3, '! mpcCode 29'), 'b.psv'))).toEqual([
      expect.objectContaining({ line: 3, field: 'observatory.mpcCode', value: '29' })
    ])
  })

  test('the second block is checked against its own observatory', () => {
    const text = PSV22.replace('1P||CCD|568|', '1P||CCD|J95|')
    expect(errors(validateBatch(text, 'b.psv'))).toEqual([
      expect.objectContaining({ line: 41, field: 'stn', message: expect.stringMatching(/mpcCode 568/) })
    ])
  })

  test('a header only: no observations', () => {
    const text = PSV.split('\n').slice(0, 15).join('\n')
    expect(errors(validateBatch(text, 'b.psv')).map((p) => p.message)).toEqual([
      'this block has a header row but no observations',
      'it holds no observations; the MPC would still give it a submission ID'
    ])
  })
})

describe('ADES XML', () => {
  const xmlLine = (needle: string): number => XML22.split('\n').findIndex((line) => line.includes(needle)) + 1

  test('not well-formed: the one mistake, at its line and column', () => {
    const text = XML22.replace('<mode>CMO</mode>', '<mode>CMO</mod>')
    expect(validateBatch(text, 'b.xml').problems).toEqual([
      expect.objectContaining({
        line: xmlLine('<mode>CMO'),
        column: 18,
        message: 'not well-formed XML: the end tag </mod> closes <mode>, opened on line 44'
      })
    ])
    expect(validateBatch(XML22.replace('&amp;', '&'), 'b.xml').problems[0]).toMatchObject({
      line: xmlLine('&amp;'),
      message: expect.stringMatching(/"&"/)
    })
    expect(validateBatch(`<!DOCTYPE x [<!ENTITY a "b">]>\n${XML22}`, 'b.xml').problems[0]?.message).toMatch(/DOCTYPE/)
  })

  test('field rules, at the element', () => {
    const text = XML22.replace('<ra>273.13141</ra>', '<ra>-3</ra>').replace('<stn>568</stn>', '<stn>J95</stn>')
    expect(errors(validateBatch(text, 'b.xml')).map((p) => [p.line, p.column, p.field])).toEqual([
      [xmlLine('<ra>273.13141'), 9, 'ra'],
      [xmlLine('<stn>568'), 45, 'stn']
    ])
  })

  test('rmsCorr without rmsRA and rmsDec (ADES-Master issue 74)', () => {
    const text = XML22.replace('<rmsRA>0.11</rmsRA>', '').replace('<rmsDec>0.12</rmsDec>', '')
    expect(errors(validateBatch(text, 'b.xml'))).toEqual([
      expect.objectContaining({
        line: xmlLine('<rmsCorr>'),
        field: 'rmsCorr',
        message: expect.stringMatching(/without rmsRA and rmsDec/)
      })
    ])
  })

  test('structure: the root, its version, the block, one kind per obsData, a field twice', () => {
    expect(errors(validateBatch(XML22.replace('<ades version="2022">', '<ades>'), 'b.xml'))[0]).toMatchObject({
      line: 3,
      field: 'version'
    })
    expect(errors(validateBatch(XML22.replace('version="2022"', 'version="2023"'), 'b.xml'))[0]).toMatchObject({
      line: 3,
      value: '2023'
    })
    const mixed = XML22.replace('<optical>\n        <trkSub>', '<radar>\n        <trkSub>').replace(
      'faint &amp; trailed]]></remarks>\n      </optical>',
      'x]]></remarks>\n      </radar>'
    )
    expect(
      errors(
        validateBatch(mixed.replace(']]></remarks>\n      </optical>', ']]></remarks>\n      </radar>'), 'b.xml')
      ).map((p) => p.message)
    ).toContain(
      "an obsData holds observations of one kind; this block's are optical, so a radar one goes in a block of its own"
    )
    const twice = XML22.replace('<mode>CCD</mode>', '<mode>CCD</mode><mode>CCD</mode>')
    expect(errors(validateBatch(twice, 'b.xml'))).toEqual([
      expect.objectContaining({
        line: xmlLine('<mode>CCD'),
        field: 'mode',
        message: 'mode is given twice in one observation'
      })
    ])
  })

  test('the context: a required group missing', () => {
    const text = XML22.replace(/<telescope>[\s\S]*?<\/telescope>/, '')
    expect(errors(validateBatch(text, 'b.xml'))).toEqual([expect.objectContaining({ line: 5, field: 'telescope' })])
  })
})

describe('MPC1992', () => {
  const OBS_LINE = lineOf(OBS, 9)
  const at = (column: number, text: string, line = OBS_LINE): string =>
    line.slice(0, column - 1) + text + line.slice(column - 1 + text.length)
  const obsWith = (line: string) => validateBatch(withLine(OBS, 9, line), 'b.obs')

  test.each([
    ['a line of 79 columns', OBS_LINE.slice(0, 79).replace(/ 291$/, '291'), 80, /79 columns wide/],
    ['no designation', at(1, '            '), 1, /names its object/],
    ['note 2 of the MPC', at(15, 'D'), 15, /MPC's own code/],
    ['a date with 13 months', at(16, '2016 13 01.50000'), 16, /YYYY MM DD/],
    ['RA hours of 24', at(33, '24'), 33, /right ascension/],
    ['Decl. without a sign', at(45, ' 12'), 45, /declination/],
    ['columns 57-65 not blank', at(57, 'x'), 57, /57-65 must be blank/],
    ['an unknown band', at(71, 'Q'), 71, /one of the bands/],
    ['band C', at(71, 'C'), 71, /no longer taken/],
    ['columns 73-77 not blank', at(73, 'ABC'), 73, /73-77 must be blank/],
    ['an observatory code of two characters', at(78, ' 29'), 78, /three capital letters or digits/]
  ])('%s', (_name, line, column, message) => {
    expect(errors(obsWith(line))).toEqual([
      expect.objectContaining({ line: 9, column, message: expect.stringMatching(message) })
    ])
  })

  test('column 72, the catalogue code, is only a notice', () => {
    const validation = obsWith(at(72, 'V'))
    expect(validation.errors).toBe(0)
    expect(notices(validation)).toEqual([expect.objectContaining({ line: 9, column: 72, value: 'V' })])
  })

  test('the header: COD first, OBS, MEA and TEL present, keywords known, AC2 for HTTP', () => {
    expect(errors(validateBatch(withoutLine(OBS, 1), 'b.obs'))[0]).toMatchObject({
      line: 1,
      message: expect.stringMatching(/first line is "COD"/)
    })
    expect(errors(validateBatch(withoutLine(OBS, 5), 'b.obs'))).toEqual([expect.objectContaining({ field: 'TEL' })])
    expect(errors(validateBatch(withLine(OBS, 6, 'XYZ something'), 'b.obs'))).toEqual([
      expect.objectContaining({ line: 6, value: 'XYZ' })
    ])
    expect(errors(validateBatch(withoutLine(OBS, 8), 'b.obs'))).toEqual([expect.objectContaining({ field: 'AC2' })])
    expect(errors(validateBatch(withLine(OBS, 1, 'COD 29'), 'b.obs'))).toEqual([
      expect.objectContaining({ line: 1, field: 'COD' })
    ])
  })

  test('a tab', () => {
    expect(errors(obsWith(OBS_LINE.replace('  C2016', '\tC2016')))).toEqual([
      expect.objectContaining({ line: 9, message: expect.stringMatching(/tab/) })
    ])
  })
})

describe('many problems', () => {
  test('listed up to the cap, every one counted', () => {
    const row = psvRow({ ra: '999' })
    const rows = Array.from({ length: MAX_LISTED_PROBLEMS + 50 }, () => row)
    const text = [...PSV.split('\n').slice(0, 15), ...rows].join('\n')
    const validation = validateBatch(text, 'b.psv')
    expect(validation.problems).toHaveLength(MAX_LISTED_PROBLEMS)
    expect(validation.errors).toBe(MAX_LISTED_PROBLEMS + 50)
    expect(validation.unlisted).toBe(50)
  })

  test('checking stops at the problem limit and says so, so a hostile batch costs no more than that', () => {
    const row = psvRow({ ra: '999' })
    const rows = Array.from({ length: MAX_PROBLEMS * 3 }, () => row)
    const text = [...PSV.split('\n').slice(0, 15), ...rows].join('\n')
    const validation = validateBatch(text, 'b.psv')
    expect(validation.errors).toBe(MAX_PROBLEMS + 1)
    expect(validation.problems.at(-1)?.message).toMatch(/^checking stopped after 10,000 problems; the rest/)
    expect(validation.problems).toHaveLength(MAX_LISTED_PROBLEMS + 1)
    expect(validation.unlisted).toBe(MAX_PROBLEMS - MAX_LISTED_PROBLEMS)
  })

  test('a long hostile value is cut short', () => {
    const long = 'Z'.repeat(10_000)
    const [problem] = errors(psvWith({ provID: long }))
    expect(problem?.value?.length).toBeLessThanOrEqual(80)
  })
})
