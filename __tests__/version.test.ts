import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { USER_AGENT, VERSION } from '../src/version.js'
import { REPO_ROOT } from './helpers/run-action.js'

test('the version in the User-Agent is the package version', async () => {
  const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
  expect(VERSION).toBe(pkg.version)
  expect(USER_AGENT.startsWith(`mpc-submission-status/${pkg.version} `)).toBe(true)
})
