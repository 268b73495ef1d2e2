// The verdict store in memory: every remembered ID is found with the verdict it was given first, no other
// ID is, whatever order the entries came in. A wrong lookup here would answer a submission from another
// one's verdict, so the lookups are tried against many IDs and near misses.
import type { ObservationsSummary } from '../src/core/observations.js'
import { VerdictStore, VerdictStoreBuilder, type RememberedVerdict } from '../src/core/remembered-verdicts.js'

const idOf = (n: number): string =>
  `2026-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}T${String(n % 24).padStart(2, '0')}:` +
  `${String(n % 60).padStart(2, '0')}:${String((n * 7) % 60).padStart(2, '0')}.${String(n % 1000).padStart(3, '0')}_` +
  `${n.toString(36).padStart(8, '0')}`

const summary = (n: number): ObservationsSummary => ({
  total: n,
  published: n,
  waiting: 0,
  itf: 0,
  other: 0,
  designations: [`K26A${n}`],
  references: [],
  flags: { neocp: 0, near_duplicate: 0, deleted: 0 },
  checked_at: '2026-11-01T00:00:00.000Z',
  found: true,
  error: null,
  list: []
})

/** A verdict that tells which entry it came from, with each column's odd cases among them. */
function verdictOf(n: number, copy = 0): RememberedVerdict {
  const verdict: RememberedVerdict = {
    pipelineEntryTime: n % 11 === 0 ? null : n % 13 === 0 ? `2026-01-01T00:00:${n % 60}Z ☄️ ${copy}` : `t${n}-${copy}`,
    faultEvents: n % 5 === 0 ? [{ message: `warning ${n}`, phase: 1, failure_code: 12 }] : [],
    checkedAt: new Date(Date.UTC(2026, 10, 1) + n * 1000 + copy).toISOString()
  }
  if (n % 7 === 0) verdict.observations = summary(n)
  return verdict
}

test('every ID is found with the verdict it was given first, in any order; others are not', () => {
  const count = 3000
  const numbers = Array.from({ length: count }, (_, n) => n)
  // A fixed shuffle (no randomness: a failure must repeat), and every tenth ID given again later.
  const shuffled = numbers.map((n) => (n * 1237) % count)
  const builder = new VerdictStoreBuilder()
  for (const n of shuffled) builder.add(idOf(n), verdictOf(n))
  for (const n of numbers.filter((n) => n % 10 === 3)) builder.add(idOf(n), verdictOf(n, 1))
  const { store, repeated } = builder.build()
  expect(repeated).toBe(count / 10)
  expect(store.size).toBe(count)
  for (const n of numbers) {
    expect(store.get(idOf(n))).toEqual(verdictOf(n))
    expect(store.has(idOf(n))).toBe(true)
  }
  const ids = numbers.map(idOf).sort()
  expect([...store.keys()]).toEqual(ids)
  expect([...store].map(([id]) => id)).toEqual(ids)
  expect([...store.observations().keys()].sort()).toEqual(
    numbers
      .filter((n) => n % 7 === 0)
      .map(idOf)
      .sort()
  )
  // Near misses: one character off at either end or in the middle, one shorter, one longer, and the last
  // character moved above U+00FF with its low byte kept (a byte-wise reading would take it for the original).
  const near = (id: string): string[] => [
    `${id.slice(0, -1)}${id.endsWith('z') ? 'y' : 'z'}`,
    `1${id.slice(1)}`,
    `${id.slice(0, 16)}${id[16] === '9' ? '8' : '9'}${id.slice(17)}`,
    id.slice(0, -1),
    `${id}0`,
    `${id.slice(0, -1)}${String.fromCharCode(id.charCodeAt(31) + 0x100)}`
  ]
  const known = new Set(ids)
  for (const id of [ids[0], ids[1500], ids[count - 1]] as string[]) {
    for (const miss of near(id).filter((candidate) => !known.has(candidate))) {
      expect(store.get(miss)).toBeUndefined()
      expect(store.has(miss)).toBe(false)
    }
  }
  expect(store.get('')).toBeUndefined()
  expect(store.get('0'.repeat(40))).toBeUndefined()
})

test('an empty store finds nothing and has no oldest time', () => {
  const store = new VerdictStore()
  expect(store.size).toBe(0)
  expect(store.get(idOf(1))).toBeUndefined()
  expect([...store]).toEqual([])
  expect(store.oldestCheckedAt()).toBe(Infinity)
  expect(VerdictStore.of([]).size).toBe(0)
})

test('the oldest checked_at is the earliest of all entries, not the first in ID order', () => {
  const store = VerdictStore.of([
    [idOf(1), verdictOf(1)],
    [idOf(2), { ...verdictOf(2), checkedAt: '2020-01-01T00:00:00.000Z' }],
    [idOf(3), verdictOf(3)]
  ])
  expect(store.oldestCheckedAt()).toBe(Date.parse('2020-01-01T00:00:00.000Z'))
})

test('what is not a submission ID, a time or a pipeline time is refused, not kept cut short', () => {
  const builder = new VerdictStoreBuilder()
  expect(() => builder.add('not-an-id', verdictOf(1))).toThrow(/submission IDs/)
  expect(() => builder.add(idOf(1), { ...verdictOf(1), checkedAt: 'yesterday' })).toThrow(/checked_at/)
  expect(() => builder.add(idOf(1), { ...verdictOf(1), pipelineEntryTime: 'x'.repeat(65) })).toThrow(/pipeline/)
  expect(builder.build().store.size).toBe(0)
})
