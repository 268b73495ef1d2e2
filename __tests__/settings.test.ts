// The actions' inputs as @actions/core reads them, and the one place their defaults live.
import { readActionCodesSettings } from '../src/action-codes/settings.js'
import { ACTION_CODES_DEFAULTS, STATUS_DEFAULTS } from '../src/core/defaults.js'
import { DEFAULT_FAIL_ON, parseFailOn } from '../src/core/verdict.js'
import { readSettings } from '../src/status/settings.js'
import { defaultText, readAction, type ActionFile } from './helpers/action-metadata.js'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
})

test.each([
  ['action.yml', STATUS_DEFAULTS],
  ['action-codes/action.yml', ACTION_CODES_DEFAULTS]
] as [ActionFile, Record<string, string>][])(
  'the defaults the code falls back to are those of %s',
  (file, defaults) => {
    const inputs = readAction(file).inputs ?? {}
    const declared = Object.fromEntries(
      Object.entries(inputs)
        .filter(([name, input]) => defaultText(input) !== '' && name !== 'github-token')
        .map(([name, input]) => [name, defaultText(input)])
    )
    expect(defaults).toEqual(declared)
  }
)

test("fail-on's default reads as the verdict's default list", () => {
  expect(parseFailOn(STATUS_DEFAULTS['fail-on'])).toEqual(DEFAULT_FAIL_ON)
})

test('with no inputs at all (a local run), every setting is its default', () => {
  const settings = readSettings({})
  expect(settings).toMatchObject({
    apiUrl: STATUS_DEFAULTS['api-url'],
    summary: true,
    summaryTitle: 'MPC submission status',
    requestTimeoutMs: 30_000,
    retries: 3,
    concurrency: 4,
    rateLimit: 5,
    waitTimeoutMs: 0,
    pollIntervalMs: 30_000,
    prComment: 'off'
  })
  expect(readActionCodesSettings.bind(null)).toThrow('labels: no labels given')
})

test.each(['true', 'True', 'TRUE', 'false', 'False', 'FALSE'])('summary: %s is a YAML 1.2 boolean', (value) => {
  process.env.INPUT_SUMMARY = value
  expect(readSettings({}).summary).toBe(value.toLowerCase() === 'true')
})

test.each(['yes', 'on', '1', 'tRuE'])('summary: %s is refused, naming the input', (value) => {
  process.env.INPUT_SUMMARY = value
  expect(() => readSettings({})).toThrow(`summary: "${value}" is not true or false (write true or false)`)
})

test('submission-ids-file takes one path per line, trimmed, blank lines dropped', () => {
  process.env['INPUT_SUBMISSION-IDS-FILE'] = '  mpc/a.txt \n\n\tmpc/b.json\n'
  expect(readSettings({}).submissionIdsFiles).toEqual(['mpc/a.txt', 'mpc/b.json'])
})

test('the action-codes action refuses more than 1000 distinct labels before sending anything', () => {
  process.env.INPUT_LABELS = Array.from({ length: 1001 }, (_, i) => `L${i}`).join('\n')
  expect(() => readActionCodesSettings()).toThrow(
    'labels: 1001 distinct labels, more than the 1000 one run may ask for (each sends an e-mail); nothing was sent'
  )
  process.env.INPUT_LABELS = Array.from({ length: 1000 }, (_, i) => `L${i}`).join('\n')
  expect(readActionCodesSettings().labels).toContain('L999')
})

test('the github-token is masked in the log as soon as it is read', () => {
  const written: string[] = []
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((chunk: string) => {
    written.push(String(chunk))
    return true
  }) as typeof process.stdout.write
  try {
    process.env['INPUT_GITHUB-TOKEN'] = 'ghs_masked_token_123'
    readSettings({})
  } finally {
    process.stdout.write = write
  }
  expect(written.join('')).toContain('::add-mask::ghs_masked_token_123')
})
