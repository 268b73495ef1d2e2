// The results JSON, piece by piece: joined, exactly what JSON.stringify gives (with the invisibles escaped).
import { jsonText } from '../src/report/escape.js'
import { resultsJsonPieces } from '../src/report/outputs.js'
import type { SubmissionResult } from '../src/core/submission-result.js'

const result = (n: number): SubmissionResult => ({
  submission_id: `2026-01-01T00:05:07.${String(n).padStart(3, '0')}_0000BhCE`,
  status: 'rejected',
  accepted: false,
  pipeline_entry_time: null,
  fault_events: [{ message: `line\nbreak \u202e ${n}`, phase: 1, failure_code: 2 }],
  message: 'rejected',
  source: { file: 'ids.txt', line: n },
  checked_at: null
})

test.each([0, 1, 3])('%i results join to exactly jsonText, compact and indented', (count) => {
  const results = Array.from({ length: count }, (_, i) => result(i))
  expect([...resultsJsonPieces(results)].join('')).toBe(jsonText(results))
  expect([...resultsJsonPieces(results, 2)].join('')).toBe(jsonText(results, 2))
})
