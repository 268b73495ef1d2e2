// Builds the two committed bundles the runner executes: dist/index.js (status) and
// dist/action-codes/index.js (action codes). CI rebuilds them and fails when they differ from git.
import { execFileSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'

const entries = [
  ['src/index.ts', 'dist'],
  ['src/action-codes/index.ts', 'dist/action-codes']
]
rmSync('dist', { recursive: true, force: true })
for (const [entry, out] of entries) {
  if (!existsSync(entry)) continue
  execFileSync('npx', ['ncc', 'build', entry, '-o', out, '--minify', '--license', 'licenses.txt', '--quiet'], {
    stdio: 'inherit'
  })
}
