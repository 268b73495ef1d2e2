// Builds the committed bundles: dist/index.js (status) and dist/action-codes/index.js (action codes), which
// the runner executes, and dist/cli/index.js (the command line, package.json's bin; ncc keeps its shebang).
// CI rebuilds them and fails when they differ from git.
import { execFileSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'

const entries = [
  ['src/index.ts', 'dist'],
  ['src/action-codes/index.ts', 'dist/action-codes'],
  ['src/cli.ts', 'dist/cli']
]
rmSync('dist', { recursive: true, force: true })
for (const [entry, out] of entries) {
  if (!existsSync(entry)) continue
  execFileSync('npx', ['ncc', 'build', entry, '-o', out, '--minify', '--license', 'licenses.txt', '--quiet'], {
    stdio: 'inherit'
  })
}
