import { splitLines, type ProblemCollector } from './problems.js'

// MPC1992, the 80-column format (Smithsonian/mpc-public, observations/mpc1992-format.md and
// observational-details.md): header lines of a keyword and a space, then observation lines of exactly
// 80 columns with fixed fields. Every line is checked; each problem names its column and field.

/** The header keywords the format defines. */
export const HEADER_KEYWORDS = ['COD', 'CON', 'OBS', 'MEA', 'TEL', 'NET', 'BND', 'COM', 'NUM', 'ACK', 'AC2'] as const
const KEYWORDS = new Set<string>(HEADER_KEYWORDS)
const HEADER_LINE = /^[A-Z][A-Z0-9]{2}( |$)/

/** Magnitude bands the MPC takes on a new 80-column observation (N and T: a comet's nuclear or total). */
export const OBS80_BANDS = 'B V R I J W U H K Y G g r i w y z o c v u N T'.split(' ')

/** Column 15 (note 2) codes that are the MPC's own and never in a submission. */
const REFUSED_NOTE2 = new Set(['c', 'D', 'Z', 'W', 'w', 'Q', 'q', 't', 'X', 'x'])
/** Second lines of two-line observations (satellite, radar, roving): their own layouts. */
const SECOND_LINES = new Set(['s', 'r', 'v'])

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

export interface Obs80Result {
  observations: number
}

/** Columns `from`-`to` (1-based, inclusive) of `line`. */
const cols = (line: string, from: number, to: number): string => line.slice(from - 1, to)

export function validateObs80(text: string, problems: ProblemCollector): Obs80Result {
  const lines = splitLines(text)
  let observations = 0
  let headerLines = 0
  let firstContent = true
  let cod: string | undefined
  let conSeen = false
  const keywords = new Set<string>()

  lines.forEach((raw, index) => {
    const line = index + 1
    if (raw.trim() === '') return
    const tab = raw.indexOf('\t')
    if (tab >= 0) {
      problems.add({ line, column: tab + 1, message: 'a tab: MPC1992 lines use spaces only' })
      return
    }
    const isFirst = firstContent
    firstContent = false
    if (HEADER_LINE.test(raw)) {
      const keyword = raw.slice(0, 3)
      headerLines += 1
      keywords.add(keyword)
      const width = Array.from(raw.trimEnd()).length
      if (width > 80)
        problems.add({
          line,
          column: 81,
          field: keyword,
          message: `a header line is at most 80 columns wide; this one is ${width}`
        })
      if (!KEYWORDS.has(keyword)) {
        problems.add({
          line,
          column: 1,
          field: 'keyword',
          value: keyword,
          message: `not a header keyword of the format: ${HEADER_KEYWORDS.join(', ')}`
        })
        return
      }
      const value = raw.slice(4).trim()
      if (isFirst && keyword !== 'COD') {
        problems.add({
          line,
          column: 1,
          value: keyword,
          message: 'the header\'s first line is "COD" and the observatory code'
        })
      }
      if (keyword === 'COD') {
        if (!/^[A-Z0-9]{3}$/.test(value)) {
          problems.add({
            line,
            column: 5,
            field: 'COD',
            value,
            message: 'COD gives a three-character observatory code, such as "COD 568" (XXX for a new site)'
          })
        } else cod = value
      } else if (value === '') {
        problems.add({ line, column: 5, field: keyword, message: `${keyword} is followed by its text` })
      }
      if (keyword === 'CON' && !conSeen && headerLines !== 2) {
        problems.add({
          line,
          column: 1,
          field: 'CON',
          message: "the CON line is the header's second line, after COD",
          severity: 'notice'
        })
      }
      if (keyword === 'CON') conSeen = true
      return
    }
    if (isFirst) {
      problems.add({
        line,
        column: 1,
        message: 'an MPC1992 batch starts with its header, "COD" and the observatory code first'
      })
    }
    observations += 1
    const width = Array.from(raw.trimEnd()).length
    if (width !== 80) {
      problems.add({
        line,
        column: Math.min(width, 80) + 1,
        message: `this observation line is ${width} columns wide; an MPC1992 line has exactly 80`
      })
      return
    }
    checkObservationLine(raw, line, cod, problems)
  })
  for (const keyword of ['OBS', 'MEA', 'TEL'] as const) {
    if (headerLines > 0 && !keywords.has(keyword)) {
      problems.add({
        field: keyword,
        message: `the header has no ${keyword} line: every submission gives its observers (OBS), measurers (MEA) and telescope (TEL)`
      })
    }
  }
  if (!keywords.has('AC2')) {
    problems.add({
      field: 'AC2',
      message:
        'the header has no AC2 line: a batch sent over HTTP carries the e-mail address for acknowledgements there'
    })
  }
  if (observations === 0) {
    problems.add({ message: 'it holds no observations; the MPC would still give it a submission ID' })
  }
  return { observations }
}

function checkObservationLine(raw: string, line: number, cod: string | undefined, problems: ProblemCollector): void {
  const field = (
    from: number,
    to: number,
    name: string,
    message: string,
    severity: 'error' | 'notice' = 'error'
  ): void =>
    problems.add({
      line,
      column: from,
      field: `${name} (columns ${from}-${to})`,
      value: cols(raw, from, to),
      message,
      severity
    })

  const note2 = cols(raw, 15, 15)
  const station = cols(raw, 78, 80)
  if (!/^[A-Z0-9]{3}$/.test(station)) field(78, 80, 'observatory code', 'three capital letters or digits, such as 568')
  else if (cod !== undefined && cod !== 'XXX' && station !== cod && note2 !== 'r' && note2 !== 'R') {
    field(78, 80, 'observatory code', `differs from the header's COD ${cod}; is the line in the right batch?`, 'notice')
  }
  if (SECOND_LINES.has(note2)) return
  if (cols(raw, 1, 12).trim() === '')
    field(
      1,
      12,
      'designation',
      'every observation names its object: a packed number (columns 1-5) or a packed provisional or temporary designation (6-12)'
    )
  if (!/^[ *]$/.test(cols(raw, 13, 13))) field(13, 13, 'discovery asterisk', 'blank or "*"')
  if (REFUSED_NOTE2.has(note2))
    field(15, 15, 'note 2', `"${note2}" is the MPC's own code and must not be used in a submission`)

  const date = /^(\d{4}) (\d{2}) (\d{2})(\.\d*)? *$/.exec(cols(raw, 16, 32))
  const year = Number(date?.[1])
  const month = Number(date?.[2])
  const day = Number(date?.[3])
  const feb = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28
  if (!date || month < 1 || month > 12 || day < 1 || day > (month === 2 ? feb : (DAYS_IN_MONTH[month - 1] as number))) {
    field(16, 32, 'date', 'the UTC date as "YYYY MM DD.ddddd", such as "2024 03 01.17122"')
  }
  if (note2 === 'R') return
  const ra = /^(\d{2}) (\d{2})(?: (\d{2})(\.\d*)?|(\.\d*))? *$/.exec(cols(raw, 33, 44))
  if (!ra || Number(ra[1]) > 23 || Number(ra[2]) > 59 || Number(ra[3] ?? 0) > 59) {
    field(33, 44, 'RA', 'the J2000.0 right ascension as "HH MM SS.ddd", hours below 24')
  }
  const dec = /^([+-])(\d{2}) (\d{2})(?: (\d{2})(\.\d*)?|(\.\d*))? *$/.exec(cols(raw, 45, 56))
  if (
    !dec ||
    Number(dec[2]) > 90 ||
    Number(dec[3]) > 59 ||
    Number(dec[4] ?? 0) > 59 ||
    (Number(dec[2]) === 90 && /[1-9]/.test(cols(raw, 49, 56)))
  ) {
    field(45, 56, 'Decl.', 'the J2000.0 declination as "sDD MM SS.dd" with its sign, from -90 to +90')
  }
  if (note2 !== 'S' && cols(raw, 57, 65).trim() !== '') field(57, 65, 'blank', 'columns 57-65 must be blank')
  const magnitude = cols(raw, 66, 70)
  const band = cols(raw, 71, 71)
  if (magnitude.trim() !== '' && !/^ *\d{1,2}(\.\d{0,2})? *$/.test(magnitude))
    field(66, 70, 'magnitude', 'blank or the magnitude, such as "20.5 "')
  if (band === 'C') {
    field(71, 71, 'band', 'C ("clear") is no longer taken on new observations; give the band used, or none')
  } else if (band !== ' ' && !OBS80_BANDS.includes(band)) {
    field(71, 71, 'band', `blank or one of the bands the MPC takes: ${OBS80_BANDS.join(', ')}`)
  }
  if (cols(raw, 72, 72) !== ' ') {
    field(
      72,
      72,
      'catalogue code',
      'the MPC asks new submissions to leave column 72 blank (it sets the catalogue code from the NET line)',
      'notice'
    )
  }
  if (cols(raw, 73, 77).trim() !== '') field(73, 77, 'blank', 'columns 73-77 must be blank in a submission')
}
