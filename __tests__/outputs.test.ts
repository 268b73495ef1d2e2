// The results JSON, piece by piece: joined, exactly what JSON.stringify gives (with the invisibles escaped).
import { jsonText } from '../src/report/escape.js'
import { resultsJsonPieces } from '../src/report/outputs.js'
import type { SubmissionResult } from '../src/core/submission-result.js'
import { submissionResult } from './helpers/factories.js'

const result = (n: number): SubmissionResult =>
  submissionResult(`2026-01-01T00:05:07.${String(n).padStart(3, '0')}_0000BhCE`, 'rejected', {
    faults: [{ message: `line\nbreak \u202e ${n}`, phase: 1, failure_code: 2 }],
    message: 'rejected',
    source: { file: 'ids.txt', line: n }
  })

test.each([0, 1, 3])('%i results join to exactly jsonText, compact and indented', (count) => {
  const results = Array.from({ length: count }, (_, i) => result(i))
  expect([...resultsJsonPieces(results)].join('')).toBe(jsonText(results))
  expect([...resultsJsonPieces(results, 2)].join('')).toBe(jsonText(results, 2))
})
