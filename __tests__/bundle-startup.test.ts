// Start-up cost: the action bundles must not load an HTTP client library (undici compiles a WebAssembly
// parser when loaded, about +90 ms), neither their own copy nor, on Node 24, Node's internal one, which any
// ES-module import of node:http pulls in through its lazy WebSocket getter.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { REPO_ROOT } from './helpers/run-action.js'

const PRELOAD =
  'data:text/javascript,' +
  encodeURIComponent(
    "process.on('exit', () => process.stderr.write('MODULES ' + JSON.stringify(process.moduleLoadList) + '\\n'))"
  )

test.each(['dist/index.js', 'dist/action-codes/index.js'])('%s loads no HTTP client library', (bundle) => {
  const file = path.join(REPO_ROOT, bundle)
  expect(readFileSync(file, 'utf8')).not.toMatch(/undici|llhttp/i)
  // Without inputs the action fails at once (no IDs or labels), after loading everything it loads at start-up.
  const run = spawnSync(process.execPath, ['--import', PRELOAD, file], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH },
    encoding: 'utf8'
  })
  expect(run.status).toBe(1)
  const modules = JSON.parse(/^MODULES (.*)$/m.exec(run.stderr)?.[1] ?? 'null') as string[]
  expect(modules).toContain('NativeModule http')
  expect(modules.filter((name) => /undici/i.test(name))).toEqual([])
})
