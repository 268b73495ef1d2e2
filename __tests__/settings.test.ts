// The actions' inputs as @actions/core reads them, and the one place their defaults live.
import { readActionCodesSettings } from '../src/action-codes/settings.js'
import { ACTION_CODES_DEFAULTS, STATUS_DEFAULTS, SUBMIT_DEFAULTS, VALIDATE_DEFAULTS } from '../src/core/defaults.js'
import { DEFAULT_FAIL_ON, parseFailOn } from '../src/core/verdict.js'
import { parseApiUrl } from '../src/core/setting-values.js'
import { readSettings } from '../src/status/settings.js'
import { readSubmitSettings } from '../src/submit/settings.js'
import { defaultText, readAction, type ActionFile } from './helpers/action-metadata.js'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
})

test.each([
  ['action.yml', STATUS_DEFAULTS],
  ['action-codes/action.yml', ACTION_CODES_DEFAULTS],
  ['submit/action.yml', SUBMIT_DEFAULTS],
  ['validate/action.yml', VALIDATE_DEFAULTS]
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

test.each([
  'http://minorplanetcenter.net',
  'http://data.minorplanetcenter.net/',
  'HTTP://Data.MinorPlanetCenter.NET.',
  'http://www.minorplanetcenter.net:8080'
])('http:// to the MPC host %s is refused, naming the input; https and http elsewhere are taken', (url) => {
  expect(() => parseApiUrl(url, 'api-url')).toThrow(/^api-url: http:\/\/ to the MPC's own host \S+ is refused/)
  expect(parseApiUrl(url.replace(/^http:/i, 'https:'), 'api-url')).toMatch(/^https:\/\//)
  for (const elsewhere of [
    'http://127.0.0.1:8080',
    'http://mirror.example.org',
    'http://minorplanetcenter.net.example.org'
  ]) {
    expect(parseApiUrl(elsewhere, 'api-url')).toBe(elsewhere)
  }
})

test.each([
  ['INPUT_API-URL', readSettings, 'api-url'],
  ['INPUT_API-URL', readActionCodesSettings, 'api-url']
] as const)('%s of http://data.minorplanetcenter.net is refused by %p', (variable, read, name) => {
  process.env[variable] = 'http://data.minorplanetcenter.net'
  process.env['INPUT_SUBMISSION-IDS'] = '2026-01-01T00:05:07.453_0000BhCE'
  process.env.INPUT_LABELS = 'A10cnQO'
  expect(() => read()).toThrow(`${name}: http:// to the MPC's own host data.minorplanetcenter.net is refused`)
})

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
  // No label is judged by the run, not here, so that the summary and outputs are still written.
  expect(readActionCodesSettings().labels).toBe('')
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

describe('submit', () => {
  test('with only the file given (a local run), every setting is its default: the test endpoint of the MPC', () => {
    expect(() => readSubmitSettings({})).toThrow('file: no batch given')
    process.env.INPUT_FILE = 'out/tonight.psv'
    expect(readSubmitSettings({ GITHUB_WORKSPACE: '/ws' })).toMatchObject({
      workspace: '/ws',
      file: 'out/tonight.psv',
      format: 'auto',
      ack: 'tonight.psv',
      ac2: '',
      objType: '',
      given: { ack: false, ac2: false, objType: false },
      test: true,
      submitUrl: 'https://minorplanetcenter.net',
      requestTimeoutMs: 60_000,
      receiptsFile: '',
      allowResubmit: false
    })
  })

  test('on a runner the default ack is the repository, workflow and run number; a given one is kept as given', () => {
    process.env.INPUT_FILE = 'a.psv'
    const env = { GITHUB_REPOSITORY: 'octo/obs', GITHUB_WORKFLOW: 'Nightly', GITHUB_RUN_NUMBER: '7' }
    expect(readSubmitSettings(env).ack).toBe('octo/obs Nightly run 7')
    process.env.INPUT_ACK = 'batch 12'
    expect(readSubmitSettings(env)).toMatchObject({ ack: 'batch 12', given: { ack: true } })
  })

  test.each([
    ['INPUT_TEST', 'yes', 'test: "yes" is not true or false'],
    ['INPUT_ALLOW-RESUBMIT', '1', 'allow-resubmit: "1" is not true or false'],
    ['INPUT_FORMAT', 'mpc80', 'format: "mpc80" is not one of auto, psv, xml, obs80'],
    ['INPUT_SUBMIT-URL', 'https://minorplanetcenter.net/?token=x', 'submit-url: must not hold a query'],
    ['INPUT_SUBMIT-URL', 'nonsense', 'submit-url: not a URL; give the base URL, such as https://minorplanetcenter.net'],
    [
      'INPUT_SUBMIT-URL',
      'http://minorplanetcenter.net',
      "submit-url: http:// to the MPC's own host minorplanetcenter.net is refused: it would send everything in clear; use https://minorplanetcenter.net"
    ],
    ['INPUT_REQUEST-TIMEOUT', '11m', 'request-timeout']
  ])('%s=%s is refused, naming the input', (name, value, message) => {
    process.env.INPUT_FILE = 'a.psv'
    process.env[name] = value
    expect(() => readSubmitSettings({})).toThrow(message)
  })

  test.each(['false', 'False', 'FALSE'])('test: %s submits for real', (value) => {
    process.env.INPUT_FILE = 'a.psv'
    process.env.INPUT_TEST = value
    expect(readSubmitSettings({}).test).toBe(false)
  })
})
