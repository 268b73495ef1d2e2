import { cutChars } from './text.js'

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** Parses "90", "90s", "10m", "1h", "1h30m", "30d" (a bare number is seconds) into milliseconds. */
export function parseDuration(text: string, name: string): number {
  const trimmed = text.trim().toLowerCase()
  const notDuration = (): Error =>
    new Error(`${name}: "${cutChars(text, 40)}" is not a duration; use seconds (90) or 90s, 10m, 1h`)
  // Longer than any duration anyone means, and long enough to make Number() return Infinity.
  if (trimmed.length > 40) throw notDuration()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)]
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== trimmed) throw notDuration()
  return Math.round(parts.reduce((total, part) => total + Number(part[1]) * (UNIT_MS[part[2] as string] ?? 0), 0))
}

/** Node's timers hold at most 2^31-1 ms (24.8 days); a longer one fires after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1

/** A duration within [minMs, maxMs]; outside, an error naming the setting and the range. */
export function parseBoundedDuration(text: string, name: string, minMs: number, maxMs: number): number {
  const ms = parseDuration(text, name)
  if (!Number.isFinite(ms) || ms < minMs || ms > maxMs) {
    const low = minMs <= 0 ? '0' : formatDuration(minMs)
    throw new Error(`${name}: "${cutChars(text, 40)}" is out of range; use ${low} to ${formatDuration(maxMs)}`)
  }
  return ms
}

/** "2m 05s", "850 ms": for the log and the summary. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'an unbounded time'
  if (ms < 1000) return `${Math.round(ms)} ms`
  const totalSeconds = Math.round(ms / 1000)
  if (totalSeconds < 60) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`
  const hours = Math.floor(totalSeconds / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = totalSeconds % 60
  const mm = `${minutes}m ${String(seconds).padStart(2, '0')}s`
  if (hours >= 48) return `${Math.floor(hours / 24)}d ${String(hours % 24).padStart(2, '0')}h`
  return hours > 0 ? `${hours}h ${String(minutes).padStart(2, '0')}m` : mm
}
