// The README's "Run the action locally", followed as a new user would: copy .env.example to .env, point
// INPUT_API-URL at the loopback stand-in, `npm run local-action`. It must print every output of action.yml
// and leave the job summary in .local-action/summary.md. Run in a scratch folder that links to the
// repository's files, so a developer's own .env is never touched.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { EXAMPLE_ACCEPTED, startMpcServer } from '../__fixtures__/mpc-server.mjs'
import { readAction } from './helpers/action-metadata.js'
import { REPO_ROOT } from './helpers/run-action.js'

const EXAMPLE_ID = '2026-01-01T00:05:07.453_0000BhCE'

test('npm run local-action against the stand-in prints every output and writes the job summary', async () => {
  const server = await startMpcServer({ answers: { [EXAMPLE_ID]: { json: EXAMPLE_ACCEPTED } } })
  try {
    const folder = await mkdtemp(path.join(tmpdir(), 'mpc-local-action-'))
    for (const name of ['action.yml', 'package.json', 'tsconfig.json', 'src', 'node_modules']) {
      await symlink(path.join(REPO_ROOT, name), path.join(folder, name))
    }
    const example = await readFile(path.join(REPO_ROOT, '.env.example'), 'utf8')
    expect(example).toMatch(/^INPUT_API-URL=http:\/\/127\.0\.0\.1:8080$/m)
    await writeFile(path.join(folder, '.env'), example.replace('http://127.0.0.1:8080', server.url))

    const child = spawn('npm', ['run', 'local-action'], {
      cwd: folder,
      // local-action swaps in its @actions/core by the module's path under this folder: keep the links'
      // paths rather than resolving them into the repository, as a real clone would have them.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_PRESERVE_SYMLINKS: '1' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))

    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' })
    expect(server.asked(EXAMPLE_ID)).toBe(1)
    const shown = output.slice(output.indexOf('Action Outputs'))
    for (const name of Object.keys(readAction('action.yml').outputs ?? {})) expect(shown).toContain(`'${name}'`)
    expect(shown).toMatch(/'accepted-count'\s*│\s*'1'/)
    const summary = await readFile(path.join(folder, '.local-action', 'summary.md'), 'utf8')
    expect(summary).toContain('## MPC submission status')
    expect(summary).toContain(`<samp>${EXAMPLE_ID}</samp>`)
    expect(output).not.toContain('Could not write the job summary')
  } finally {
    await server.close()
  }
}, 120_000)
