// Scenario 6 of `npm run bench`: the bundled command line validates generated ADES PSV batches of 10,000
// and 100,000 observations (the same validator the validate and submit actions run), each in its own
// process. Wall time is from spawn to exit, start-up included; the growth per observation from 10,000 to
// 100,000 shows whether the validator is linear.
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

const HEADER = `# version=2022
# observatory
! mpcCode J95
# submitter
! name A. B. Observer
# measurers
! name A. B. Observer
# telescope
! design Reflector
! aperture 0.41
! detector CCD
permID |provID     |trkSub  |mode|stn |obsTime                |ra         |dec        |rmsRA|rmsDec|rmsCorr|astCat|mag  |rmsMag|band|photCat|notes|remarks
`

/** A batch of `n` valid observations, all different. */
export function psvBatch(n) {
  const rows = []
  for (let i = 0; i < n; i += 1) {
    const second = String(i % 60).padStart(2, '0')
    const minute = String(Math.floor(i / 60) % 60).padStart(2, '0')
    const hour = String(Math.floor(i / 3600) % 24).padStart(2, '0')
    const ra = ((i * 0.013) % 360).toFixed(6).padStart(11)
    const dec = (((i * 0.007) % 179) - 89.5).toFixed(6)
    rows.push(
      `       |2023 MQ5   |        | CCD|J95 |2023-07-06T${hour}:${minute}:${second}.77Z|${ra}|${dec.startsWith('-') ? dec : `+${dec}`}|0.11 |0.12  |-0.05  |Gaia3 |20.2 |0.14  |  Vj|Gaia3  |K    |row ${i}`
    )
  }
  return HEADER + rows.join('\n') + '\n'
}

function runCli(cli, args, cwd) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, [cli, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, wallMs: performance.now() - started }))
  })
}

/** Validates 10,000 and 100,000 observations with `dist/cli/index.js` of `distDir`; the best of `runs`. */
export async function validateScenario(distDir, runs = 3) {
  const cli = path.resolve(distDir, 'cli', 'index.js')
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mpc-bench-validate-'))
  try {
    const result = {}
    for (const [name, n] of [
      ['small', 10_000],
      ['large', 100_000]
    ]) {
      const text = psvBatch(n)
      await writeFile(path.join(dir, `${name}.psv`), text)
      let best = Infinity
      for (let run = 0; run < runs; run += 1) {
        const { code, stdout, wallMs } = await runCli(cli, ['validate', `${name}.psv`, '--json'], dir)
        const json = JSON.parse(stdout)
        if (code !== 0 || json.files[0].observations !== n) {
          throw new Error(`validate of ${n} observations: exit ${code}, ${json['problem-count']} problems`)
        }
        best = Math.min(best, wallMs)
      }
      result[name] = { observations: n, bytes: Buffer.byteLength(text), wallMs: best }
    }
    const empty = await runCli(cli, ['--version'], dir)
    result.startupMs = empty.wallMs
    const perObs = (r) => (r.wallMs - result.startupMs) / r.observations
    result.growth = perObs(result.large) / perObs(result.small)
    result.pass = result.large.wallMs < 2000 && result.growth <= 1.5
    return result
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
