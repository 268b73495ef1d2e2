import { annotationText, logText, markdownText } from '../src/report/escape.js'

test('log text can never start or contain a workflow command', () => {
  const hostile = '::error::forged\n::set-output name=x::y\r\n##[error]legacy\u001b[31mred\u2028::warning::x'
  const line = logText(hostile)
  expect(line).not.toMatch(/[\r\n\u2028]/)
  expect(line.trimStart().startsWith('::')).toBe(false)
  expect(line).not.toContain('##[')
  expect(line).not.toContain('\u001b')
  expect(logText('  ::x::y').trimStart().startsWith('::')).toBe(false)
})

test('annotation text keeps its line breaks but not the legacy command prefix', () => {
  expect(annotationText('a\n##[error]b')).toBe('a\n## [error]b')
})

test('long text is cut with an ellipsis', () => {
  expect(logText('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`)
  expect(markdownText('y'.repeat(50), 10)).toBe(`${'y'.repeat(9)}…`)
})
