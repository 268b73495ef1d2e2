// The checks a batch passes before anything is sent: the format, and the mistakes that would waste a
// submission. Each refusal names the line; nothing a valid batch holds is refused.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { checkBatch, MAX_BATCH_PROBLEMS, parseFormatChoice, type FormatChoice } from '../src/core/batch.js'
import { REPO_ROOT } from './helpers/run-action.js'

const example = (name: string): string => readFileSync(path.join(REPO_ROOT, '__fixtures__/batches', name), 'utf8')
const PSV = example('tonight.psv')
const XML = example('tonight.xml')
const OBS = example('tonight.obs')

const lines = (text: string): string[] => text.split('\n')
const problems = (text: string, name: string, choice: FormatChoice = 'auto') => checkBatch(text, name, choice).problems

describe('the examples pass, with their observations counted', () => {
  test.each([
    ['tonight.psv', PSV, 'psv', 3],
    ['tonight.xml', XML, 'xml', 2],
    ['tonight.obs', OBS, 'obs80', 3]
  ])('%s', (name, text, format, observations) => {
    expect(checkBatch(text, name, 'auto')).toEqual({ format, decidedBy: 'extension', observations, problems: [] })
  })

  test('CRLF line ends and trailing blank lines are fine', () => {
    for (const [name, text] of [
      ['a.psv', PSV],
      ['a.xml', XML],
      ['a.obs', OBS]
    ] as const) {
      expect(problems(`${text.replace(/\n/g, '\r\n')}\r\n\r\n`, name)).toEqual([])
    }
  })
})

describe('format', () => {
  test('an unknown ending leaves it to the content', () => {
    expect(checkBatch(PSV, 'batch.txt', 'auto')).toMatchObject({ format: 'psv', decidedBy: 'content' })
    expect(checkBatch(XML, 'batch', 'auto')).toMatchObject({ format: 'xml', decidedBy: 'content' })
    expect(checkBatch(OBS, 'batch.dat', 'auto')).toMatchObject({ format: 'obs80', decidedBy: 'content' })
  })

  test('an ending the content contradicts is refused, asking for format', () => {
    expect(checkBatch(XML, 'out/tonight.psv', 'auto')).toEqual({
      observations: 0,
      problems: [
        {
          message: 'its name ends in .psv (ADES PSV), but it starts like ADES XML; set format to say which it is',
          line: 1
        }
      ]
    })
  })

  test('content of no known format is refused, saying how each starts', () => {
    expect(problems('hello\n', 'notes.txt')).toEqual([
      { message: expect.stringMatching(/^its format cannot be told: .*set format to psv, xml or obs80$/) }
    ])
  })

  test('an explicit format is checked as that format, whatever the name', () => {
    expect(checkBatch(PSV, 'batch.obs', 'psv')).toMatchObject({ format: 'psv', decidedBy: 'input', problems: [] })
    expect(problems(XML, 'batch.xml', 'psv')[0]).toEqual({
      message: 'an ADES PSV batch starts with its "# version=" line (such as "# version=2017")',
      line: 1
    })
  })

  test('the format input takes auto, psv, xml or obs80, in any case', () => {
    expect(parseFormatChoice(' PSV ', 'format')).toBe('psv')
    expect(parseFormatChoice('obs80', 'format')).toBe('obs80')
    expect(() => parseFormatChoice('mpc', 'format')).toThrow('format: "mpc" is not one of auto, psv, xml, obs80')
  })

  test('an empty or blank file is refused', () => {
    expect(problems('', 'a.psv')).toEqual([{ message: 'it is empty' }])
    expect(problems(' \n\n\t\n', 'a.psv')).toEqual([{ message: 'it is empty' }])
  })
})

describe('ADES PSV', () => {
  test('a data row with a field too many or too few is refused at its line', () => {
    const rows = lines(PSV)
    rows[16] = `${rows[16]}|extra`
    rows[17] = (rows[17] as string).replace(/\|Gaia2$/, '')
    expect(problems(rows.join('\n'), 'a.psv')).toEqual([
      { message: 'this data row has 13 fields separated by "|", its header row (line 15) 12', line: 17 },
      { message: 'this data row has 11 fields separated by "|", its header row (line 15) 12', line: 18 }
    ])
  })

  test('each block has its own header row', () => {
    const second = ['# observatory', '! mpcCode 568', 'provID|obsTime', 'X|2016-01-01T12:00:00Z', '']
    expect(checkBatch(`${PSV}${second.join('\n')}`, 'a.psv', 'auto')).toMatchObject({ observations: 4, problems: [] })
    expect(problems(`${PSV}${second.join('\n').replace('X|2016', 'X|Y|2016')}`, 'a.psv')).toEqual([
      { message: 'this data row has 3 fields separated by "|", its header row (line 21) 2', line: 22 }
    ])
  })

  test('a header only, or a header row that is no list of fields, is refused', () => {
    const headerOnly = lines(PSV).slice(0, 15).join('\n')
    expect(problems(headerOnly, 'a.psv')).toEqual([
      { message: 'it holds no observations; the MPC would still give it a submission ID, so it is not sent' }
    ])
    const noFields = lines(PSV).slice(0, 14).concat(['permID provID', '1|2']).join('\n')
    expect(problems(noFields, 'a.psv')[0]).toEqual({
      message: 'this should be the header row, the field names separated by "|"',
      line: 15
    })
  })

  test(`at most ${MAX_BATCH_PROBLEMS} problems are listed, then a count`, () => {
    const bad = lines(PSV)
      .slice(0, 15)
      .concat(Array.from({ length: 25 }, () => 'a|b'))
      .join('\n')
    const found = problems(bad, 'a.psv')
    expect(found).toHaveLength(MAX_BATCH_PROBLEMS + 1)
    expect(found.at(-1)).toEqual({ message: '15 more problems like these are not listed' })
  })
})

describe('ADES XML', () => {
  const broken: [string, (xml: string) => string, string, number][] = [
    [
      'an unclosed element',
      (x) => x.replace('</obsData>', ''),
      'the end tag </obsBlock> closes <obsData>, opened on line 11',
      21
    ],
    [
      'a mismatched end tag',
      (x) => x.replace('</mode>', '</mood>'),
      'the end tag </mood> closes <mode>, opened on line 13',
      13
    ],
    [
      'an unquoted attribute',
      (x) => x.replace('version="2017"', 'version=2017'),
      'a malformed attribute in the <ades> tag',
      2
    ],
    [
      'a repeated attribute',
      (x) => x.replace('version="2017"', 'version="2017" version="2022"'),
      'the attribute "version" appears twice in <ades>',
      2
    ],
    [
      'a bare ampersand',
      (x) => x.replace('&amp;', '&'),
      'a "&" that starts no entity reference (write &amp; for the character)',
      6
    ],
    ['an unknown entity', (x) => x.replace('&amp;', '&nbsp;'), 'unknown entity "&nbsp;"', 6],
    [
      'a bare less-than sign',
      (x) => x.replace('<provID>2016 AA1', '<provID>2016 < AA1'),
      'a "<" that starts no tag (write &lt; for the character)',
      13
    ],
    ['a second root', (x) => `${x}<ades/>\n`, 'a second root element <ades>', 23],
    ['text after the root', (x) => `${x}trailing\n`, 'text outside the root element', 23],
    ['an unclosed comment', (x) => x.replace('<obsData>', '<!-- obsData'), 'a comment is never closed (no "-->")', 11],
    ['a truncated file', (x) => x.slice(0, x.indexOf('</optical>')), '<optical> is never closed', 12]
  ]

  test.each(broken)('%s is refused at its line', (_name, breakIt, message, line) => {
    expect(problems(breakIt(XML), 'a.xml')).toEqual([{ message: `not well-formed XML: ${message}`, line }])
  })

  test('the root must be ades', () => {
    const other = '<?xml version="1.0"?>\n<observations><obsData><optical/></obsData></observations>\n'
    expect(problems(other, 'a.xml')).toEqual([
      { message: "not well-formed XML: the root element is <observations>; an ADES document's is <ades>", line: 2 }
    ])
  })

  test('no observation in obsData is refused; comments, CDATA, character references and a prefix are fine', () => {
    expect(problems('<ades version="2017"><obsBlock><obsData/></obsBlock></ades>', 'a.xml')).toEqual([
      { message: 'it holds no observations; the MPC would still give it a submission ID, so it is not sent' }
    ])
    const fancy = [
      '<?xml version="1.0"?>',
      '<!-- tonight -->',
      "<a:ades xmlns:a='urn:ades' version='2022'>",
      '<a:obsBlock><a:obsData>',
      '<a:optical><a:remarks><![CDATA[5 < 6 & so on]]> &#233;&#xE9;</a:remarks></a:optical>',
      '<a:radar/>',
      '</a:obsData></a:obsBlock>',
      '</a:ades>'
    ].join('\n')
    expect(checkBatch(fancy, 'a.xml', 'auto')).toMatchObject({ observations: 2, problems: [] })
  })
})

describe('MPC1992', () => {
  test('an observation line that is not 80 columns is refused at its line', () => {
    const rows = lines(OBS)
    rows[8] = (rows[8] as string).slice(0, 79)
    rows[9] = `${rows[9]}X`
    expect(problems(rows.join('\n'), 'a.obs')).toEqual([
      { message: 'this observation line is 79 columns wide; an MPC1992 line has exactly 80', line: 9 },
      { message: 'this observation line is 81 columns wide; an MPC1992 line has exactly 80', line: 10 }
    ])
  })

  test('trailing spaces are not counted', () => {
    expect(problems(OBS.replace(/291\n/g, '291   \n'), 'a.obs')).toEqual([])
  })

  test('a header without an AC2 line is refused', () => {
    expect(problems(OBS.replace(/^AC2 .*\n/m, ''), 'a.obs')).toEqual([
      {
        message:
          'the header has no "AC2" line: an MPC1992 batch carries the e-mail address for acknowledgements there (the ac2 field is not sent for it)'
      }
    ])
    expect(problems(OBS.replace(/^AC2 .*$/m, 'AC2 '), 'a.obs')).toHaveLength(1)
  })

  test('a header only is refused', () => {
    expect(problems(lines(OBS).slice(0, 8).join('\n'), 'a.obs')).toEqual([
      { message: 'it holds no observations; the MPC would still give it a submission ID, so it is not sent' }
    ])
  })
})
