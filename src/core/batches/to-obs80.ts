// An ADES optical observation as the MPC1992 80-column line the MPC's format page defines
// (Smithsonian/mpc-public, observations/mpc1992-format.md and designations/packed-designations.md), for the
// near-duplicate check (CND), which takes 80-column lines only. Positions are written to the precision the
// format allows (RA 0.001 s, Decl. 0.01"), the time to 0.000001 day; the line is a search key, not a
// submission, so columns 72-77 stay blank. An observation the format cannot express on one line (a roving
// or space-based station, a designation outside the packed schemes) gives undefined.

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const CENTURY: Record<string, string> = { '18': 'I', '19': 'J', '20': 'K' }

/** (433) → "00433", (100345) → "A0345", (620061) → "~000z". */
export function packNumber(number: number): string | undefined {
  if (!Number.isInteger(number) || number < 1) return undefined
  if (number < 100_000) return String(number).padStart(5, '0')
  if (number < 620_000) return `${BASE62[Math.floor(number / 10_000)]}${String(number % 10_000).padStart(4, '0')}`
  let rest = number - 620_000
  if (rest >= 62 ** 4) return undefined
  let digits = ''
  for (let i = 0; i < 4; i += 1) {
    digits = (BASE62[rest % 62] as string) + digits
    rest = Math.floor(rest / 62)
  }
  return `~${digits}`
}

/** The two-character cycle count of a packed provisional designation: 0 → "00", 226 → "M6". */
function packCycle(cycle: number): string | undefined {
  if (cycle < 100) return String(cycle).padStart(2, '0')
  const high = Math.floor(cycle / 10)
  return high < 62 ? `${BASE62[high]}${cycle % 10}` : undefined
}

/** "2016 AA1" → "K16A01A"; "C/2020 F3" → "CK20F030" (column 5 and 6-12); undefined for other forms. */
export function packProvisional(provId: string): { col5: string; packed: string } | undefined {
  const minor = /^(\d{2})(\d{2}) ([A-HJ-Y])([A-HJ-Z])(\d*)$/.exec(provId)
  if (minor) {
    const [, century, year, half, second, count] = minor as unknown as string[]
    const c = CENTURY[century as string]
    const cycle = packCycle(count === '' ? 0 : Number(count))
    if (!c || !cycle) return undefined
    return { col5: ' ', packed: `${c}${year}${half}${cycle}${second}` }
  }
  const comet = /^([PCDXAI])\/(\d{2})(\d{2}) ([A-HJ-Y])(\d+)(?:-([A-Z]))?$/.exec(provId)
  if (comet) {
    const [, kind, century, year, half, order, fragment] = comet as unknown as string[]
    const c = CENTURY[century as string]
    const cycle = packCycle(Number(order))
    if (!c || !cycle) return undefined
    return { col5: kind as string, packed: `${c}${year}${half}${cycle}${fragment ? fragment.toLowerCase() : '0'}` }
  }
  return undefined
}

/** Columns 1-13 from permID / provID / trkSub; undefined when none packs. */
function designation(fields: ReadonlyMap<string, string>): string | undefined {
  const permId = fields.get('permID')
  const provId = fields.get('provID')
  const trkSub = fields.get('trkSub')
  const provisional = provId === undefined ? undefined : packProvisional(provId)
  if (permId !== undefined) {
    const comet = /^(\d{1,4})([PDI])(?:-([A-Z]{1,2}))?$/.exec(permId)
    if (comet) {
      // A numbered comet: its number and orbit type; a fragment has no place in the 12-column form.
      if (comet[3] !== undefined) return undefined
      return `${(comet[1] as string).padStart(4, '0')}${comet[2]}${' '.repeat(7)} `
    }
    if (!/^\d+$/.test(permId)) return undefined
    const packed = packNumber(Number(permId))
    if (!packed) return undefined
    const second = provisional && provisional.col5 === ' ' ? provisional.packed : '       '
    return `${packed}${second} `
  }
  if (provisional) return `    ${provisional.col5}${provisional.packed} `
  if (trkSub !== undefined && /^[A-Za-z0-9]{1,7}$/.test(trkSub)) return `     ${trkSub.padEnd(7)} `
  return undefined
}

/** "2023-07-06T00:17:43.77Z" → "2023 07 06.012312" (17 columns, day to 0.000001). */
function date(obsTime: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)Z$/.exec(obsTime)
  if (!match) return undefined
  const [, year, month, day, hour, minute, second] = match as unknown as string[]
  const fraction = (Number(hour) * 3600 + Number(minute) * 60 + Number(second)) / 86_400
  const micro = Math.round(fraction * 1_000_000)
  if (micro >= 1_000_000) return undefined // the last half-microday: the next day, rarer than worth a calendar
  return `${year} ${month} ${day}.${String(micro).padStart(6, '0')}`
}

/** Sexagesimal `a bb cc.ddd` of a non-negative value in units (hours or degrees), `decimals` after the point. */
function sexagesimal(value: number, decimals: number, wholeDigits: number): string {
  const scale = 10 ** decimals
  let total = Math.round(value * 3600 * scale)
  const fraction = total % scale
  total = Math.floor(total / scale)
  const seconds = total % 60
  const minutes = Math.floor(total / 60) % 60
  const whole = Math.floor(total / 3600)
  return `${String(whole).padStart(wholeDigits, '0')} ${String(minutes).padStart(2, '0')} ${String(seconds).padStart(2, '0')}.${String(fraction).padStart(decimals, '0')}`
}

/** ADES two-letter bands as the one 80-column character: Johnson-Cousins by the letter, survey bands by the filter. */
const BAND_80: Record<string, string> = {
  Vj: 'V',
  Rc: 'R',
  Ic: 'I',
  Bj: 'B',
  Uj: 'U',
  Sg: 'g',
  Sr: 'r',
  Si: 'i',
  Sz: 'z',
  Pg: 'g',
  Pr: 'r',
  Pi: 'i',
  Pz: 'z',
  Pw: 'w',
  Py: 'y',
  Lu: 'u',
  Lg: 'g',
  Lr: 'r',
  Li: 'i',
  Lz: 'z',
  Ly: 'y',
  Ao: 'o',
  Ac: 'c',
  Gb: 'G',
  Gr: 'G'
}

/** Columns 66-70: the magnitude as given ("20.5 ", "21.55"), to two decimals at most. */
function magnitude(mag: string | undefined): string {
  if (mag === undefined || !/^\d{1,2}(\.\d*)?$/.test(mag)) return '     '
  const [whole, fraction = ''] = mag.split('.')
  const text = fraction === '' ? `${whole}.0` : `${whole}.${fraction.slice(0, 2)}`
  return text.padStart(whole?.length === 1 ? text.length + 1 : text.length).padEnd(5)
}

const NOTE2_OF_MODE: Record<string, string> = {
  CCD: 'C',
  CMO: 'B',
  VID: 'C',
  TDI: 'C',
  PHO: 'P',
  ENC: 'e',
  MIC: 'M',
  MER: 'T'
}

/**
 * The 80-column line of an ADES optical observation (its fields as name → value), or undefined when the
 * observation has no one-line form.
 */
export function adesToObs80(fields: ReadonlyMap<string, string>): string | undefined {
  if (fields.has('sys') || fields.has('pos1')) return undefined
  const designationColumns = designation(fields)
  const when = date(fields.get('obsTime') ?? '')
  const ra = Number(fields.get('ra'))
  const dec = Number(fields.get('dec'))
  const stn = fields.get('stn') ?? ''
  if (!designationColumns || !when || !Number.isFinite(ra) || !Number.isFinite(dec) || !/^[A-Z0-9]{3}$/.test(stn)) {
    return undefined
  }
  const hours = sexagesimal(ra / 15, 3, 2)
  if (hours.startsWith('24')) return undefined
  const decText = `${dec < 0 ? '-' : '+'}${sexagesimal(Math.abs(dec), 2, 2)}`
  const mag = fields.get('mag')
  const band = fields.get('band') ?? ''
  const magText = magnitude(mag)
  const bandChar = mag === undefined ? ' ' : (BAND_80[band] ?? (band.length === 1 ? band : ' '))
  const note1 = (fields.get('notes') ?? ' ').charAt(0)
  const note2 = NOTE2_OF_MODE[fields.get('mode') ?? ''] ?? 'C'
  const line =
    designationColumns +
    note1 +
    note2 +
    when +
    hours +
    decText +
    ' '.repeat(9) +
    magText +
    bandChar.slice(0, 1) +
    ' '.repeat(6) +
    stn
  return line.length === 80 ? line : undefined
}
