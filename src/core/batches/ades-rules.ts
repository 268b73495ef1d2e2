// The ADES rules for a submission, in our own words: the field types, lists and the shape of an observation
// from the submission schema (IAU-ADES/ADES-Master xsd/submit.xsd, versions 2017 and 2022) and the lists of
// values the MPC accepts (Smithsonian/mpc-public, observations/valid-ades-values.md). One table serves PSV
// and XML: both are read into the same records and checked here.

export type AdesVersion = '2017' | '2022'
export const ADES_VERSIONS: readonly AdesVersion[] = ['2017', '2022']

export type ObservationKind = 'optical' | 'offset' | 'occultation' | 'radar'
export const OBSERVATION_KINDS: readonly ObservationKind[] = ['optical', 'offset', 'occultation', 'radar']

/** Why a value is refused: what is allowed, and whether it is only a notice (a deprecated value). */
export interface ValueVerdict {
  allowed: string
  severity: 'error' | 'notice'
}

type Check = (value: string, version: AdesVersion) => ValueVerdict | undefined

const error = (allowed: string): ValueVerdict => ({ allowed, severity: 'error' })
const notice = (allowed: string): ValueVerdict => ({ allowed, severity: 'notice' })

/** The schema's StringType: some text other than spaces, and no "|" (the PSV separator). */
const STRING_OK = /^[^|]*[^|\s][^|]*$/s

function string(maxChars2022?: number, maxChars2017?: number): Check {
  return (value, version) => {
    if (!STRING_OK.test(value)) return error('text without "|"')
    const max = version === '2022' ? maxChars2022 : maxChars2017
    if (max !== undefined && Array.from(value).length > max) return error(`text of at most ${max} characters`)
    return undefined
  }
}

function pattern(re: RegExp, allowed: string, maxChars?: number): Check {
  return (value) => {
    if (maxChars !== undefined && value.length > maxChars) return error(allowed)
    return re.test(value) ? undefined : error(allowed)
  }
}

interface Range {
  min?: number
  max?: number
  minExclusive?: boolean
  maxExclusive?: boolean
  /** The 2022 schema's widths: at most this many characters after the sign. */
  width2022?: number
  integer?: boolean
  /** A double (exponent allowed) rather than a decimal. */
  double?: boolean
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/
const DOUBLE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/
const INTEGER = /^[+-]?\d+$/

function describeRange(range: Range): string {
  const kind = range.integer ? 'a whole number' : 'a number'
  const low = range.min === undefined ? '' : `${range.minExclusive ? 'above' : 'from'} ${range.min}`
  const high = range.max === undefined ? '' : `${range.maxExclusive ? 'below' : 'up to'} ${range.max}`
  const bounds = [low, high].filter(Boolean).join(' ')
  return bounds === '' ? kind : `${kind} ${bounds}`
}

function number(range: Range): Check {
  const allowed = describeRange(range)
  const form = range.integer ? INTEGER : range.double ? DOUBLE : DECIMAL
  return (value, version) => {
    if (!form.test(value)) return error(allowed)
    if (version === '2022' && range.width2022 !== undefined && value.replace(/^[+-]/, '').length > range.width2022) {
      return error(`${allowed}, at most ${range.width2022} characters`)
    }
    const x = Number(value)
    if (range.min !== undefined && (range.minExclusive ? x <= range.min : x < range.min)) return error(allowed)
    if (range.max !== undefined && (range.maxExclusive ? x >= range.max : x > range.max)) return error(allowed)
    return undefined
  }
}

/**
 * One of `current`; one of `deprecated` is a notice (the MPC takes it for old data, not for new), one of
 * `refused` an error with its own reason.
 */
function list(current: readonly string[], deprecated: readonly string[] = [], refused: readonly string[] = []): Check {
  const now = new Set(current)
  const old = new Set(deprecated)
  const never = new Set(refused)
  const shown = current.join(', ')
  return (value) => {
    if (now.has(value)) return undefined
    if (never.has(value)) return error(`one of ${shown}; "${value}" must not be used in new submissions`)
    if (old.has(value))
      return notice(`"${value}" is deprecated, kept for old observations; new ones use one of ${shown}`)
    return error(`one of ${shown}`)
  }
}

export const MODES = ['CCD', 'CMO', 'VID', 'TDI', 'OCC'] as const
const OLD_MODES = ['PHO', 'ENC', 'PMT', 'MIC', 'MER', 'UNK']

export const CATALOGUES = [
  'Gaia3',
  'Gaia3E',
  'Gaia2',
  'Gaia1',
  'Gaia_2016',
  'Gaia_Int',
  'PS1_DR1',
  'PS1_DR2',
  'ATLAS2',
  'UCAC5',
  'UCAC4',
  'URAT1',
  '2MASS',
  'NOMAD',
  'PPMXL',
  'UBSC'
] as const
const OLD_CATALOGUES = (
  'UCAC3 UCAC2 UCAC1 USNOB1 USNOA2 USNOSA2 USNOA1 USNOSA1 Tyc2 Tyc1 Hip2 Hip1 ACT GSCACT GSC2.3 GSC2.2 GSC1.2 ' +
  'GSC1.1 GSC1.0 GSC SDSS8 SDSS7 CMC15 CMC14 SSTRC4 SSTRC1 MPOSC3 PPM AC SAO1984 SAO AGK3 FK4 ACRS LickGas Ida93 ' +
  'Perth70 COSMOS Yale ZZCAT IHW GZ UNK'
).split(' ')

export const BANDS = 'Lu Lg Lr Li Lz Ly VR Vj Rc Ic Bj Uj Sg Sr Si Sz Pg Pr Pi Pz Pw Py Ao Ac G Gb Gr W'.split(' ')
const OLD_BANDS = 'U B V R I g r i z w y o c J H K Y'.split(' ')
const REFUSED_BANDS = ['C', 'L', 'u']

const NOTES = new Set('aBbcDdEeFfGgHhIKkLMmNnOPpRrSsTtUuVWwZ'.split(''))
const OLD_NOTES = new Set(['A', 'i', 'o'])

const notes: Check = (value) => {
  if (!/^[A-Za-z0-9_]{1,6}$/.test(value)) return error('up to six note letters')
  const chars = value.split('')
  const unknown = chars.filter((ch) => !NOTES.has(ch) && !OLD_NOTES.has(ch))
  if (unknown.length > 0) return error('up to six of the note letters in the MPC\'s list ("observation notes")')
  if (chars.some((ch) => OLD_NOTES.has(ch)))
    return notice('the note letters A, i and o are deprecated, kept for old observations')
  return undefined
}

const PERM_ID = /^(\d+([IPD](-[A-Z]{1,2})?)?|(Mars|Jupiter|Saturn|Uranus|Neptune) \d{1,3}|\(\d+\) \d{1,3})$/
const PROV_ID =
  /^(\d{4} [A-HJ-Y][A-HJ-Z]\d*|\d{4} (P-L|T-[123])|[ADCPX]\/\d{4} [A-Z]{1,2}\d*(-[A-Z])?|S\/\d{4} ([MJSUN]|\((\d+|\d{4} [A-HJ-Y][A-HJ-Z]?\d+)\)) \d+)$/
const PLANETS = ['Mercury', 'Venus', 'Earth', 'Moon', 'Mars', 'Jupiter', 'Saturn', 'Uranus', 'Neptune']

const permId = pattern(
  PERM_ID,
  'a permanent designation: a number (433), a comet number (1P, 73P-B) or a satellite ("Jupiter 13")',
  25
)
const provId = pattern(
  PROV_ID,
  'a provisional designation, unpacked: "2016 AA1", "2040 P-L", "C/2020 F3", "S/2019 J 1"',
  25
)

const LEAP_SECOND =
  /^(19(72|81|82|83|85|92|93|94|97)-06-30|19(72|73|74|75|76|77|78|79|87|89|90|95|98)-12-31|20(12|15)-06-30|20(05|08|16)-12-31|(2[1-9]\d{2}|20[2-9]\d|201[7-9]|[3-9]\d{3})-(06-30|12-31))T23:59:60(\.\d+)?Z$/
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

const TIME_2022 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?Z$/
const TIME_2017 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/
const TIME_ALLOWED_2022 = 'UTC as YYYY-MM-DDThh:mm:ss[.ffffff]Z (such as 2024-03-01T04:05:06.25Z)'
const TIME_ALLOWED_2017 = 'UTC as YYYY-MM-DDThh:mm:ss[.fff...]Z (such as 2024-03-01T04:05:06.25Z)'

const obsTime: Check = (value, version) => {
  const allowed = version === '2022' ? TIME_ALLOWED_2022 : TIME_ALLOWED_2017
  const form = version === '2022' ? TIME_2022 : TIME_2017
  const match = form.exec(value)
  if (!match) return error(allowed)
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[]
  const leapYear = (year as number) % 4 === 0 && ((year as number) % 100 !== 0 || (year as number) % 400 === 0)
  const days = month === 2 && !leapYear ? 28 : (DAYS_IN_MONTH[(month as number) - 1] ?? 0)
  const valid =
    (month as number) >= 1 &&
    (month as number) <= 12 &&
    (day as number) >= 1 &&
    (day as number) <= days &&
    (hour as number) <= 23 &&
    (minute as number) <= 59 &&
    ((second as number) <= 59 || LEAP_SECOND.test(value))
  return valid ? undefined : error(`${allowed}, a real date and time (a second of 60 only at a leap second)`)
}

const station = pattern(/^[A-Za-z0-9_]{3,4}$/, 'an observatory code: three or four letters and digits, such as 568')
const positive = (width2022: number): Check =>
  number({ min: 0, minExclusive: true, max: 100000, maxExclusive: true, width2022 })
const ra = number({ min: 0, max: 360, maxExclusive: true })
const dec = number({ min: -90, max: 90 })
const logical = list(['0', '1'])
/** Both checks, the first one's verdict first: built once, as every observation runs them. */
const both =
  (first: Check, second: Check): Check =>
  (value, version) =>
    first(value, version) ?? second(value, version)
const byVersion =
  (v2017: Check, v2022: Check): Check =>
  (value, version) =>
    (version === '2022' ? v2022 : v2017)(value, version)
const cat = both(pattern(/^[.A-Za-z0-9_]{1,8}$/, `one of ${CATALOGUES.join(', ')}`), list(CATALOGUES, OLD_CATALOGUES))

/** Each field a submission may hold, with its check. */
export const FIELD_CHECKS: Readonly<Record<string, Check>> = {
  permID: permId,
  provID: provId,
  artSat: string(25),
  trkSub: pattern(/^[-A-Za-z0-9_]{1,8}$/, 'at most 8 letters, digits, "-" or "_"'),
  obsSubID: string(25),
  mode: both(pattern(/^[A-Za-z0-9_]{1,3}$/, `one of ${MODES.join(', ')}`), list(MODES, OLD_MODES)),
  stn: station,
  trx: station,
  rcv: station,
  sys: list(['WGS84', 'ITRF', 'IAU', 'ICRF_AU', 'ICRF_KM']),
  ctr: byVersion(number({ integer: true }), list(['399'])),
  pos1: number({ width2022: 13 }),
  pos2: number({ width2022: 13 }),
  pos3: number({ width2022: 13 }),
  vel1: number({ width2022: 13 }),
  vel2: number({ width2022: 13 }),
  vel3: number({ width2022: 13 }),
  posCov11: number({ double: true, width2022: 20 }),
  posCov12: number({ double: true, width2022: 20 }),
  posCov13: number({ double: true, width2022: 20 }),
  posCov22: number({ double: true, width2022: 20 }),
  posCov23: number({ double: true, width2022: 20 }),
  posCov33: number({ double: true, width2022: 20 }),
  obsTime,
  rmsTime: positive(8),
  ra,
  dec,
  raStar: ra,
  decStar: dec,
  obsCenter: (value) =>
    PERM_ID.test(value) || PROV_ID.test(value) || PLANETS.includes(value)
      ? undefined
      : error('a permanent or provisional designation or a planet name'),
  deltaRA: number({ width2022: 9 }),
  deltaDec: number({ width2022: 9 }),
  dist: positive(10),
  pa: ra,
  rmsRA: positive(7),
  rmsDec: positive(7),
  rmsDist: positive(6),
  rmsPA: positive(6),
  rmsCorr: byVersion(number({ min: -1, max: 1 }), number({ min: -1, max: 1, minExclusive: true, maxExclusive: true })),
  delay: positive(14),
  rmsDelay: positive(6),
  doppler: number({ width2022: 13 }),
  rmsDoppler: positive(6),
  astCat: cat,
  photCat: cat,
  mag: byVersion(number({}), number({ min: -5, max: 35, width2022: 7 })),
  rmsMag: positive(6),
  band: both(pattern(/^[A-Za-z0-9_]{1,3}$/, `one of ${BANDS.join(', ')}`), list(BANDS, OLD_BANDS, REFUSED_BANDS)),
  fltr: pattern(/^[A-Za-z0-9_]{1,3}$/, 'up to three letters or digits'),
  photAp: positive(6),
  logSNR: number({ width2022: 5 }),
  shapeOcc: logical,
  seeing: positive(6),
  exp: positive(6),
  rmsFit: positive(6),
  nStars: number({ integer: true, min: 1, max: 1000000, maxExclusive: true }),
  com: logical,
  frq: number({ min: 0, minExclusive: true }),
  disc: list(['*', '+']),
  uncTime: positive(8),
  notes,
  remarks: string(300, 300)
}

const ID_FIELDS = ['permID', 'provID', 'artSat', 'trkSub']
const LOCATION = [
  'sys',
  'ctr',
  'pos1',
  'pos2',
  'pos3',
  'posCov11',
  'posCov12',
  'posCov13',
  'posCov22',
  'posCov23',
  'posCov33'
]
const LOCATION_2022 = ['vel1', 'vel2', 'vel3']
const PHOTOMETRY = ['mag', 'rmsMag', 'band', 'photCat', 'photAp']
const OFFSET_VALUE = ['deltaRA', 'deltaDec', 'dist', 'pa', 'rmsRA', 'rmsDec', 'rmsDist', 'rmsPA', 'rmsCorr']
const TAIL = ['logSNR', 'seeing', 'exp', 'rmsFit', 'nStars', 'disc', 'uncTime', 'notes', 'remarks']

const ALLOWED_2017: Record<ObservationKind, readonly string[]> = {
  optical: [
    ...ID_FIELDS,
    'mode',
    'stn',
    ...LOCATION,
    'obsTime',
    'rmsTime',
    'ra',
    'dec',
    'rmsRA',
    'rmsDec',
    'rmsCorr',
    'astCat',
    ...PHOTOMETRY,
    ...TAIL
  ],
  offset: [
    ...ID_FIELDS,
    'mode',
    'stn',
    ...LOCATION,
    'obsTime',
    'rmsTime',
    'obsCenter',
    ...OFFSET_VALUE,
    ...PHOTOMETRY,
    ...TAIL
  ],
  occultation: [
    ...ID_FIELDS,
    'stn',
    ...LOCATION,
    'obsTime',
    'rmsTime',
    'raStar',
    'decStar',
    ...OFFSET_VALUE,
    'astCat',
    ...PHOTOMETRY,
    'logSNR',
    'seeing',
    'disc',
    'uncTime',
    'notes',
    'remarks'
  ],
  radar: [
    ...ID_FIELDS,
    'trx',
    'rcv',
    'obsTime',
    'doppler',
    'rmsDoppler',
    'delay',
    'rmsDelay',
    'logSNR',
    'com',
    'frq',
    'remarks'
  ]
}
const ADDED_2022: Record<ObservationKind, readonly string[]> = {
  optical: ['obsSubID', ...LOCATION_2022, 'fltr'],
  offset: ['obsSubID', ...LOCATION_2022, 'fltr'],
  occultation: ['obsSubID', 'mode', ...LOCATION_2022, 'fltr', 'shapeOcc'],
  radar: []
}

/** The fields an observation of `kind` may hold in a submission of `version`. */
export function allowedFields(kind: ObservationKind, version: AdesVersion): ReadonlySet<string> {
  return new Set(version === '2022' ? [...ALLOWED_2017[kind], ...ADDED_2022[kind]] : ALLOWED_2017[kind])
}

const allowedCache = new Map<string, ReadonlySet<string>>()
function allowedOf(kind: ObservationKind, version: AdesVersion): ReadonlySet<string> {
  const key = `${kind}/${version}`
  let set = allowedCache.get(key)
  if (!set) allowedCache.set(key, (set = allowedFields(kind, version)))
  return set
}

const REQUIRED_2017: Record<ObservationKind, readonly string[]> = {
  optical: ['mode', 'stn', 'obsTime', 'ra', 'dec', 'astCat'],
  offset: ['mode', 'stn', 'obsTime', 'obsCenter'],
  occultation: ['stn', 'obsTime', 'raStar', 'decStar', 'astCat'],
  radar: ['trx', 'rcv', 'obsTime', 'frq']
}
/** The fields each kind of observation must hold. */
const REQUIRED: Record<AdesVersion, Record<ObservationKind, readonly string[]>> = {
  '2017': REQUIRED_2017,
  '2022': { ...REQUIRED_2017, occultation: ['mode', ...REQUIRED_2017.occultation] }
}

/** A field's value with where it is; `at` is opaque to the rules (the caller's line, column or element). */
export interface FieldValue<At> {
  value: string
  at: At
}

/** One mistake the rules find; the caller turns `at` into a file position. */
export interface RuleProblem<At> {
  at: At
  field?: string
  value?: string
  message: string
  severity: 'error' | 'notice'
}

const has = (fields: ReadonlyMap<string, unknown>, name: string): boolean => fields.has(name)

/**
 * The rules of one observation: its fields (present only when not empty), the block's `mpcCode`, `whole` for
 * problems of the observation as a whole (a missing field). Problems go to `report`.
 */
export function checkObservation<At>(
  kind: ObservationKind,
  version: AdesVersion,
  fields: ReadonlyMap<string, FieldValue<At>>,
  mpcCode: string | undefined,
  whole: At,
  report: (problem: RuleProblem<At>) => void
): void {
  const allowed = allowedOf(kind, version)
  const malformed = new Set<string>()
  for (const [name, { value, at }] of fields) {
    if (!allowed.has(name)) {
      const known = FIELD_CHECKS[name] !== undefined
      report({
        at,
        field: name,
        value,
        severity: 'error',
        message: known
          ? `${name} is not allowed in ${kind === 'radar' ? 'a' : 'an'} ${kind} observation of an ADES ${version} submission`
          : `${name} is not a field of ${kind === 'radar' ? 'a' : 'an'} ${kind} observation in an ADES ${version} submission (the fields are ${[...allowed].join(', ')})`
      })
      continue
    }
    const verdict = (FIELD_CHECKS[name] as Check)(value, version)
    if (verdict) {
      if (verdict.severity === 'error') malformed.add(name)
      const message =
        verdict.severity === 'error' ? `${name} must be ${verdict.allowed}` : `${name}: ${verdict.allowed}`
      report({ at, field: name, value, severity: verdict.severity, message })
    }
  }
  const missing = (name: string, why: string): void =>
    report({ at: whole, field: name, severity: 'error', message: `${name} is missing: ${why}` })

  // The object: permID, provID or trkSub (artSat for an artificial satellite); a radar one needs an MPC ID.
  const ids = ID_FIELDS.filter((name) => has(fields, name))
  if (kind === 'radar') {
    if (!ids.some((name) => name !== 'trkSub'))
      missing('permID', 'a radar observation names its object by permID or provID')
  } else if (ids.length === 0) {
    missing(
      'provID',
      'each observation names its object by permID, provID or trkSub (artSat for an artificial satellite)'
    )
  }
  if (has(fields, 'artSat') && (has(fields, 'permID') || has(fields, 'provID'))) {
    const { at, value } = fields.get('artSat') as FieldValue<At>
    report({
      at,
      field: 'artSat',
      value,
      severity: 'error',
      message: 'artSat is given instead of permID and provID, not with them'
    })
  }
  for (const name of REQUIRED[version][kind])
    if (!has(fields, name)) missing(name, `every ${kind} observation of a submission has it`)

  if (kind === 'offset' || kind === 'occultation') {
    const cartesian = has(fields, 'deltaRA') || has(fields, 'deltaDec')
    const polar = has(fields, 'dist') || has(fields, 'pa')
    if (cartesian && polar) {
      report({
        at: whole,
        severity: 'error',
        message: 'an offset is given as deltaRA and deltaDec, or as dist and pa, not both'
      })
    } else if (polar) {
      for (const name of ['dist', 'pa']) if (!has(fields, name)) missing(name, 'dist and pa come together')
    } else {
      for (const name of ['deltaRA', 'deltaDec'])
        if (!has(fields, name)) missing(name, 'an offset needs deltaRA and deltaDec (or dist and pa)')
    }
  }
  if (kind === 'radar') {
    const doppler = has(fields, 'doppler') || has(fields, 'rmsDoppler')
    const delay = has(fields, 'delay') || has(fields, 'rmsDelay')
    if (doppler === delay) {
      report({
        at: whole,
        severity: 'error',
        message: 'a radar observation holds either doppler and rmsDoppler, or delay and rmsDelay'
      })
    } else {
      for (const name of doppler ? ['doppler', 'rmsDoppler'] : ['delay', 'rmsDelay']) {
        if (!has(fields, name))
          missing(name, `${doppler ? 'doppler and rmsDoppler' : 'delay and rmsDelay'} come together`)
      }
    }
  }
  // rmsCorr correlates two uncertainties, so it needs both (ADES-Master issue 74: the schema alone lets it pass).
  if (has(fields, 'rmsCorr')) {
    const pair =
      has(fields, 'rmsDist') || has(fields, 'rmsPA') || has(fields, 'dist') ? ['rmsDist', 'rmsPA'] : ['rmsRA', 'rmsDec']
    const absent = pair.filter((name) => !has(fields, name))
    if (absent.length > 0) {
      const { at, value } = fields.get('rmsCorr') as FieldValue<At>
      report({
        at,
        field: 'rmsCorr',
        value,
        severity: 'error',
        message: `rmsCorr is given without ${absent.join(' and ')}: it correlates ${pair.join(' and ')}, so both must be given`
      })
    }
  }
  // Location: the position of a roving or space-based station, all of sys, ctr, pos1-3 or none.
  const location = LOCATION.concat(LOCATION_2022).filter((name) => has(fields, name))
  if (location.length > 0) {
    for (const name of ['sys', 'ctr', 'pos1', 'pos2', 'pos3'])
      if (!has(fields, name))
        missing(name, `a station position (${location.join(', ')}) needs sys, ctr, pos1, pos2 and pos3`)
  }
  // Photometry: band and the other photometry fields only with a magnitude, and a magnitude with its band.
  if (has(fields, 'mag')) {
    if (!has(fields, 'band')) missing('band', 'a magnitude (mag) is given with its band')
  } else {
    for (const name of ['rmsMag', 'band', 'fltr', 'photCat', 'photAp']) {
      const field = fields.get(name)
      if (field) {
        report({
          at: field.at,
          field: name,
          value: field.value,
          severity: 'error',
          message: `${name} is given without mag: photometry fields come with a magnitude`
        })
      }
    }
  }
  // The station is the block's observatory (ADES-Master issues 5 and 67: the schema alone lets it differ).
  const stn = fields.get('stn')
  if (stn && mpcCode !== undefined && !malformed.has('stn') && stn.value !== mpcCode) {
    report({
      at: stn.at,
      field: 'stn',
      value: stn.value,
      severity: 'error',
      message: `stn must be the block's observatory code (mpcCode ${mpcCode}); observations from another station go in a block of their own`
    })
  }
}

/** The context of a block: each group, its sub-fields, and which are required. */
interface GroupRule {
  required: boolean | ((version: AdesVersion) => boolean)
  /** Sub-fields with their checks and whether each is required; `repeated` for a list of names. */
  fields?: Readonly<Record<string, { check: Check; required: boolean }>>
  repeated?: string
  /** A group with a value of its own (fundingSource). */
  value?: Check
}

const text100 = string(100)
const text25 = string(25)

export const CONTEXT_GROUPS: Readonly<Record<string, GroupRule>> = {
  observatory: {
    required: true,
    fields: { mpcCode: { check: station, required: true }, name: { check: text100, required: false } }
  },
  submitter: {
    required: true,
    fields: { name: { check: text100, required: true }, institution: { check: text100, required: false } }
  },
  observers: { required: (version) => version === '2017', repeated: 'name' },
  measurers: { required: true, repeated: 'name' },
  telescope: {
    required: true,
    fields: {
      name: { check: text100, required: false },
      design: { check: text25, required: true },
      aperture: { check: positive(6), required: true },
      detector: { check: text25, required: true },
      fRatio: { check: positive(6), required: false },
      filter: { check: text25, required: false },
      arraySize: { check: text25, required: false },
      pixelScale: { check: positive(6), required: false }
    }
  },
  software: {
    required: false,
    fields: {
      astrometry: { check: text100, required: false },
      fitOrder: { check: text25, required: false },
      photometry: { check: text100, required: false },
      objectDetection: { check: text100, required: false }
    }
  },
  coinvestigators: { required: false, repeated: 'name' },
  collaborators: { required: false, repeated: 'name' },
  fundingSource: { required: false, value: text100 },
  comment: { required: false, repeated: 'line' }
}

/** A context group as read: its own value, its sub-fields in order, where it starts. */
export interface ContextGroup<At> {
  name: string
  at: At
  value?: FieldValue<At>
  fields: { name: string; value: string; at: At }[]
}

/**
 * The rules of a block's context: the required groups (observatory with mpcCode, submitter, measurers,
 * telescope; observers in 2017), each group's sub-fields. Returns the block's mpcCode when one is given.
 */
export function checkContext<At>(
  version: AdesVersion,
  groups: readonly ContextGroup<At>[],
  whole: At,
  report: (problem: RuleProblem<At>) => void
): string | undefined {
  const seen = new Set<string>()
  let mpcCode: string | undefined
  for (const group of groups) {
    const rule = CONTEXT_GROUPS[group.name]
    if (!rule) {
      report({
        at: group.at,
        field: group.name,
        severity: 'error',
        message: `${group.name} is not part of an observation context; the groups are ${Object.keys(CONTEXT_GROUPS).join(', ')}`
      })
      continue
    }
    if (seen.has(group.name)) {
      report({
        at: group.at,
        field: group.name,
        severity: 'error',
        message: `${group.name} is given twice in one block`
      })
    }
    seen.add(group.name)
    if (rule.value) {
      const verdict = group.value ? rule.value(group.value.value, version) : error('text')
      if (verdict)
        report({
          at: group.value?.at ?? group.at,
          field: group.name,
          value: group.value?.value,
          severity: verdict.severity,
          message: `${group.name} must be ${verdict.allowed}`
        })
      continue
    }
    const present = new Set<string>()
    for (const field of group.fields) {
      const repeated = rule.repeated === field.name
      const fieldRule = rule.fields?.[field.name]
      if (!repeated && !fieldRule) {
        const known = rule.repeated ? [rule.repeated] : Object.keys(rule.fields ?? {})
        report({
          at: field.at,
          field: `${group.name}.${field.name}`,
          value: field.value,
          severity: 'error',
          message: `${group.name} holds ${known.join(', ')}, not ${field.name}`
        })
        continue
      }
      if (present.has(field.name) && !repeated) {
        report({
          at: field.at,
          field: `${group.name}.${field.name}`,
          value: field.value,
          severity: 'error',
          message: `${group.name}.${field.name} is given twice`
        })
      }
      present.add(field.name)
      const verdict = (fieldRule?.check ?? text100)(field.value, version)
      if (verdict) {
        const name = `${group.name}.${field.name}`
        const message =
          verdict.severity === 'error' ? `${name} must be ${verdict.allowed}` : `${name}: ${verdict.allowed}`
        report({ at: field.at, field: name, value: field.value, severity: verdict.severity, message })
      } else if (group.name === 'observatory' && field.name === 'mpcCode') {
        mpcCode = field.value
      }
    }
    if (rule.repeated && !present.has(rule.repeated)) {
      report({
        at: group.at,
        field: `${group.name}.${rule.repeated}`,
        severity: 'error',
        message: `${group.name} lists at least one ${rule.repeated}`
      })
    }
    for (const [name, fieldRule] of Object.entries(rule.fields ?? {})) {
      if (fieldRule.required && !present.has(name)) {
        report({
          at: group.at,
          field: `${group.name}.${name}`,
          severity: 'error',
          message: `${group.name}.${name} is missing: a submission's ${group.name} gives it`
        })
      }
    }
  }
  for (const [name, rule] of Object.entries(CONTEXT_GROUPS)) {
    const required = typeof rule.required === 'function' ? rule.required(version) : rule.required
    if (required && !seen.has(name)) {
      report({
        at: whole,
        field: name,
        severity: 'error',
        message: `${name} is missing: every block of an ADES ${version} submission gives it`
      })
    }
  }
  return mpcCode
}
