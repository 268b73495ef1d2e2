// The defaults of every setting, in one place: the actions fall back to them when an input is not set (a
// local run; on a runner action.yml's defaults are always passed), and the command line uses them for its
// flags. action.yml stays the user-facing truth; a test keeps these equal to it.

export const DEFAULT_API_URL = 'https://data.minorplanetcenter.net'
/** The submission endpoints are on the MPC's main host, not the `data.` host of the JSON APIs. */
export const DEFAULT_SUBMIT_URL = 'https://minorplanetcenter.net'

/** The status action's inputs that have a default, by their action.yml names. */
export const STATUS_DEFAULTS = {
  'api-url': DEFAULT_API_URL,
  'fail-on': 'rejected, not-found, invalid, error',
  summary: 'true',
  'summary-title': 'MPC submission status',
  'request-timeout': '30',
  retries: '3',
  concurrency: '4',
  'rate-limit': '5',
  'wait-timeout': '0',
  'poll-interval': '30',
  'pr-comment': 'off',
  'verdict-cache': 'true',
  'verdict-max-age': '30d',
  observations: 'false'
} as const

/** The action-codes action's inputs that have a default. */
export const ACTION_CODES_DEFAULTS = {
  'api-url': DEFAULT_API_URL,
  'rate-limit': '5',
  'request-timeout': '30',
  retries: '3'
} as const

/** The submit action's inputs that have a default. */
export const SUBMIT_DEFAULTS = {
  format: 'auto',
  test: 'true',
  'submit-url': DEFAULT_SUBMIT_URL,
  'request-timeout': '60',
  'allow-resubmit': 'false',
  'near-duplicates': 'warn'
} as const

/** The validate action's inputs that have a default. */
export const VALIDATE_DEFAULTS = {
  format: 'auto'
} as const
