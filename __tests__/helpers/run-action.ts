// The tests run bundles through the same runner stand-in as the benchmark and the screenshot script.
export { parseOutputFile, REPO_ROOT, runAction } from '../../__fixtures__/action-runner.mjs'
export type { ActionRun, RunOptions } from '../../__fixtures__/action-runner.mjs'
