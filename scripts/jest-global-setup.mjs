// jest globalSetup: decides once per run whether dist/ is older than src/ (see dist-freshness.mjs). The test
// workers inherit the answer in MPC_TESTS_STALE_DIST, and every end-to-end test fails at once with it
// (__tests__/helpers/dist.ts); the tests that run only src/ are unaffected.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { staleDist } from './dist-freshness.mjs'

export default function checkDist() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  const stale = staleDist(root)
  if (stale === undefined) delete process.env.MPC_TESTS_STALE_DIST
  else {
    process.env.MPC_TESTS_STALE_DIST = stale
    process.stderr.write(`\n${stale}. Until then every end-to-end test fails, saying so.\n`)
  }
}
