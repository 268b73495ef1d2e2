// The command as a user installs it: `npm pack` makes the tarball the registry would serve, and
// `npm install -g` puts it in a fresh prefix, offline, with the registry pointed at a closed loopback port:
// the package needs nothing from the network (dist/cli bundles every library), and nothing leaves this
// machine. The installed command then runs against the MPC stand-in.
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { EXAMPLE_ACCEPTED, startMpcServer } from '../__fixtures__/mpc-server.mjs'
import { STAND_IN_WAMO, TUTORIAL_TRKSUB } from '../__fixtures__/wamo-answers.mjs'
import { assertFreshDist } from './helpers/dist.js'
import { REPO_ROOT } from './helpers/run-action.js'

const run = promisify(execFile)
const ACCEPTED = '2026-01-01T00:05:07.453_0000BhCE'

let folder: string
let npmEnv: NodeJS.ProcessEnv
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'mpc-package-'))
  const userConfig = path.join(folder, 'npmrc')
  await writeFile(userConfig, '')
  npmEnv = {
    PATH: process.env.PATH,
    HOME: folder,
    npm_config_userconfig: userConfig,
    npm_config_cache: path.join(folder, 'npm-cache'),
    // Nothing listens on port 9 (discard) of loopback: any registry request would fail here, not leave.
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false'
  }
})
afterAll(() => rm(folder, { recursive: true, force: true }))

test('npm pack holds what users run and read, and the tarball installs and runs offline', async () => {
  assertFreshDist()
  const packed = await run('npm', ['pack', '--pack-destination', folder, '--json'], { cwd: REPO_ROOT, env: npmEnv })
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[]
  const files = info!.files.map((file) => file.path).sort()
  // The command line's code loaded only when needed (WAMO's answer reading) is a chunk beside its index.js.
  const chunks = (await readdir(path.join(REPO_ROOT, 'dist', 'cli'))).filter((name) => /^\d+\.index\.js$/.test(name))
  expect(chunks).not.toEqual([])
  expect(files).toEqual(
    [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      ...chunks.map((name) => `dist/cli/${name}`),
      'dist/cli/index.js',
      'dist/cli/licenses.txt',
      'dist/cli/package.json',
      'package.json'
    ].sort()
  )

  const prefix = path.join(folder, 'prefix')
  const tarball = path.join(folder, info!.filename)
  await run('npm', ['install', '-g', '--prefix', prefix, tarball], { env: npmEnv })
  // Nothing but the package itself was installed: its run-time libraries are optional (bundled into dist/), and
  // with no registry to fetch them from they were skipped, not an error.
  const installed = path.join(prefix, 'lib', 'node_modules', 'mpc-submission-status')
  expect((await readdir(installed)).sort()).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'dist', 'package.json'])
  expect(await readdir(path.join(prefix, 'lib', 'node_modules'))).toEqual(['mpc-submission-status'])

  const command = path.join(prefix, 'bin', 'mpc-submission-status')
  const env = { PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`, HOME: folder }
  const version = await run(command, ['--version'], { env })
  const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
  expect(version.stdout).toBe(`${pkg.version}\n`)

  const mpc = await startMpcServer({ answers: { [ACCEPTED]: { json: EXAMPLE_ACCEPTED } }, wamo: STAND_IN_WAMO })
  try {
    const check = await run(command, ['check', ACCEPTED, '--api-url', mpc.url, '--json'], { env, cwd: folder })
    expect(JSON.parse(check.stdout)).toEqual([expect.objectContaining({ submission_id: ACCEPTED, status: 'accepted' })])
    expect(mpc.requests).toHaveLength(1)
    // WAMO's answer is read by a chunk of its own: installed from the tarball, it is there and loads.
    const wamo = await run(command, ['wamo', TUTORIAL_TRKSUB, '--api-url', mpc.url, '--json'], { env, cwd: folder })
    expect(JSON.parse(wamo.stdout)).toEqual([expect.objectContaining({ identifier: TUTORIAL_TRKSUB, answer: 'found' })])
  } finally {
    await mpc.close()
  }
}, 180_000)
