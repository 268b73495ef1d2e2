// The three comment inputs as readSettings reads them from the runner's INPUT_* variables.
import { readSettings } from '../src/status/settings.js'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
})

test('pr-comment defaults to off, with no tag', () => {
  const settings = readSettings({})
  expect(settings.prComment).toBe('off')
  expect(settings.commentTag).toBe('')
})

test('pr-comment, comment-tag and github-token are read and tidied', () => {
  process.env['INPUT_PR-COMMENT'] = ' On-Failure '
  process.env['INPUT_COMMENT-TAG'] = '  survey north  '
  process.env['INPUT_GITHUB-TOKEN'] = 'ghs_abc\n'
  const settings = readSettings({})
  expect(settings.prComment).toBe('on-failure')
  expect(settings.commentTag).toBe('survey north')
  expect(settings.githubToken).toBe('ghs_abc')
})

test('a bad pr-comment value names the input and the allowed values', () => {
  process.env['INPUT_PR-COMMENT'] = 'true'
  expect(() => readSettings({})).toThrow('pr-comment: "true" is not one of off, always, on-failure')
})
