import * as core from '@actions/core'
import { inputsWithDefaults } from '../report/runner.js'
import { parseFormatChoice } from '../core/batch.js'
import { parseNearDuplicateMode, type NearDuplicateMode } from '../core/cnd.js'
import { DEFAULT_API_URL, DEFAULT_SUBMIT_URL, SUBMIT_DEFAULTS } from '../core/defaults.js'
import { isMpcHost, parseApiUrl, parseRequestTimeout } from '../core/setting-values.js'
import { defaultAck, type SettingNames, type SubmitSettings } from '../core/submit.js'

/** The inputs, as messages name them. */
export const SUBMIT_INPUT_NAMES: SettingNames = {
  file: 'file',
  format: 'format',
  ack: 'ack',
  ac2: 'ac2',
  objType: 'obj-type',
  receipts: 'receipts-file',
  allowResubmit: 'allow-resubmit: true',
  production: 'test: false'
}

/** Everything the submit action reads from its inputs, checked once. */
export interface SubmitActionSettings extends SubmitSettings {
  requestTimeoutMs: number
  /** The data API (the near-duplicate check), as in the status action. */
  apiUrl: string
  nearDuplicates: NearDuplicateMode
}

const { input, booleanInput } = inputsWithDefaults(SUBMIT_DEFAULTS)

/**
 * Reads and checks every input; throws one Error naming the first bad one. What depends on the batch (ac2
 * required for PSV and XML, line breaks in ack, ac2 or obj-type) is checked with it, before sending.
 */
export function readSubmitSettings(env: NodeJS.ProcessEnv = process.env): SubmitActionSettings {
  const file = core.getInput('file')
  if (file === '') throw new Error('file: no batch given; give the path of the observation batch in the workspace')
  const submitUrl = parseApiUrl(input('submit-url'), 'submit-url', DEFAULT_SUBMIT_URL)
  const ack = core.getInput('ack')
  const ac2 = core.getInput('ac2')
  const objType = core.getInput('obj-type')
  return {
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    file,
    format: parseFormatChoice(input('format'), 'format'),
    ack: ack === '' ? defaultAck(env, file) : ack,
    ac2,
    objType,
    given: { ack: ack !== '', ac2: ac2 !== '', objType: objType !== '' },
    test: booleanInput('test'),
    receiptsFile: core.getInput('receipts-file'),
    allowResubmit: booleanInput('allow-resubmit'),
    submitUrl,
    requestTimeoutMs: parseRequestTimeout(input('request-timeout'), 'request-timeout'),
    // A stand-in or mirror for submissions answers the near-duplicate check too: a batch tried against one
    // never reaches the MPC.
    apiUrl:
      core.getInput('api-url') === ''
        ? isMpcHost(submitUrl)
          ? DEFAULT_API_URL
          : submitUrl
        : parseApiUrl(core.getInput('api-url'), 'api-url', DEFAULT_API_URL),
    nearDuplicates: parseNearDuplicateMode(input('near-duplicates'), 'near-duplicates'),
    names: SUBMIT_INPUT_NAMES
  }
}
