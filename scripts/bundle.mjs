// Builds the committed bundles: dist/index.js (status), dist/action-codes/index.js (action codes) and
// dist/submit/index.js (submit), dist/validate/index.js (validate), which the runner executes, and dist/cli/index.js (the command line,
// package.json's bin; ncc keeps its shebang).
// CI rebuilds them and fails when they differ from git.
//
// Everything is built into a scratch folder first and only then swapped in, so a failed build leaves the
// last good dist/ in place (the end-to-end tests run it) and a successful one leaves no stale files behind.
import { execFile } from 'node:child_process'
import { rmSync, renameSync } from 'node:fs'

const entries = [
  ['src/status/index.ts', ''],
  // @actions/cache in a process of its own, started by the status action for each cache call.
  ['src/status/cache-worker.ts', 'cache-worker'],
  ['src/action-codes/index.ts', 'action-codes'],
  ['src/submit/index.ts', 'submit'],
  ['src/validate/index.ts', 'validate'],
  ['src/cli/cli.ts', 'cli']
]
const scratch = 'dist.building'
rmSync(scratch, { recursive: true, force: true })
// The entries build side by side: each ncc build is mostly one core's work, and four in a row take a minute.
const build = ([entry, out]) =>
  new Promise((resolve, reject) => {
    // Not minified: terser's output loaded ~5 ms slower on Node 24 (one-ID run 99 vs 94 ms), and with it a run of
    // 250,000 IDs peaked at 530-560 MiB in about a third of runs instead of 320-360 (README, Performance).
    const args = ['ncc', 'build', entry, '-o', `${scratch}/${out}`, '--license', 'licenses.txt', '--quiet']
    execFile('npx', args, (error, _stdout, stderr) => {
      if (stderr) process.stderr.write(stderr)
      if (error) reject(error)
      else resolve()
    })
  })
try {
  const results = await Promise.allSettled(entries.map(build))
  const failed = results.find((result) => result.status === 'rejected')
  if (failed) throw failed.reason
} catch (error) {
  rmSync(scratch, { recursive: true, force: true })
  console.error(`Bundling failed; dist/ is unchanged. ${error.message}`)
  process.exit(1)
}
rmSync('dist', { recursive: true, force: true })
renameSync(scratch, 'dist')
