// `npm run docs:screenshot`: the README's pictures of the job summary, made from a real run.
// It runs the committed bundle (dist/index.js) as the runner would against the loopback MPC stand-in,
// renders the step summary it wrote as GitHub Flavored Markdown, and photographs that page with headless
// Chromium (Debian's `chromium` package). Run `npm run bundle` first when src/ changed.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'
import { runAction } from '../__fixtures__/action-runner.mjs'
import { EXAMPLE_ACCEPTED, EXAMPLE_REJECTED, startMpcServer } from '../__fixtures__/mpc-server.mjs'
import { STAND_IN_WAMO, WAMO_EXAMPLES } from '../__fixtures__/wamo-answers.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const DOCS = path.join(ROOT, 'docs')
const ENTRY = path.join(ROOT, 'dist', 'index.js')
/** CSS pixels; GitHub's job summary pane is about this wide on a laptop screen. */
const WIDTH = 1000
/** Device pixels per CSS pixel: sharp on high-density screens, still small enough to commit. */
const SCALE = 2

// The IDs have the MPC's format; the rejected answer is the API documentation's own example.
const IDS = {
  accepted: '2026-01-01T00:05:07.453_0000BhCE',
  rejected: '2025-11-12T21:11:49.579_0000Ba8V',
  warned: '2026-02-03T10:20:30.400_0000Cc01',
  missing: '2026-03-04T05:06:07.800_0000Dd02',
  pending: '2026-03-04T05:09:12.100_0000Dd03'
}
const WARNED_ANSWER = {
  accepted: true,
  pipeline_entry_time: '2026-02-03T10:21:00.000000+00:00',
  fault_events: [{ message: 'observatory code 999 is deprecated', phase: 1, failure_code: 12 }]
}

/** Each picture: the file it becomes and the run behind it. */
const SCENES = [
  {
    file: 'summary-mixed.png',
    answers: {
      [IDS.rejected]: { json: EXAMPLE_REJECTED },
      [IDS.warned]: { json: WARNED_ANSWER },
      [IDS.accepted]: { json: EXAMPLE_ACCEPTED }
    },
    files: {
      'mpc/submitted.txt': [
        '# submitted tonight',
        `Thank you for your submission. Submission ID is ${IDS.rejected}`,
        IDS.warned,
        IDS.accepted,
        ''
      ].join('\n')
    },
    inputs: { 'submission-ids-file': 'mpc/submitted.txt' }
  },
  {
    file: 'summary-problems.png',
    answers: {
      [IDS.accepted]: { json: EXAMPLE_ACCEPTED }
    },
    files: {},
    inputs: { 'submission-ids': [IDS.accepted, IDS.missing, 'K26A01X'].join('\n') }
  },
  {
    file: 'summary-passed.png',
    answers: {
      [IDS.accepted]: { json: EXAMPLE_ACCEPTED },
      [IDS.warned]: { json: WARNED_ANSWER }
    },
    files: {},
    inputs: { 'submission-ids': `${IDS.accepted}, ${IDS.warned}` }
  },
  {
    // The stand-in's WAMO examples: published, waiting, in the ITF, and one WAMO does not know yet.
    file: 'observations-summary.png',
    answers: Object.fromEntries(
      [...Object.values(WAMO_EXAMPLES), IDS.missing].map((id) => [id, { json: EXAMPLE_ACCEPTED }])
    ),
    wamo: STAND_IN_WAMO,
    files: {},
    inputs: { 'submission-ids': [...Object.values(WAMO_EXAMPLES), IDS.missing].join('\n'), observations: 'true' }
  }
]

function findChromium() {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean)
  return candidates.find((candidate) => existsSync(candidate))
}

/** Runs the bundle as the runner does, with what the runner says about the run for the summary's footer. */
async function runScene(scene, apiUrl) {
  const run = await runAction({
    entry: ENTRY,
    files: scene.files,
    inputs: { ...scene.inputs, 'api-url': apiUrl },
    // pr-comment stays off, so nothing is sent anywhere.
    env: {
      GITHUB_REPOSITORY: 'example-observatory/nightly-astrometry',
      GITHUB_SHA: '3f27b2b9c1d04e5a8b6f7c2d9e0a1b4c5d6e7f80',
      GITHUB_RUN_ID: '12345678901',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_SERVER_URL: 'https://github.com'
    },
    removeWorkspace: true
  })
  if (!run.summary.trim()) {
    throw new Error(`${scene.file}: the action wrote no job summary (exit ${run.code}):\n${run.stdout}${run.stderr}`)
  }
  return run
}

// GitHub's own stylesheet is not ours to copy; these rules imitate how it shows a job summary.
const CSS = `
  :root { color-scheme: light; }
  html, body { margin: 0; background: #ffffff; }
  body { padding: 16px; width: ${WIDTH}px; box-sizing: border-box; }
  .summary {
    border: 1px solid #d1d9e0; border-radius: 6px; padding: 16px 24px 8px;
    font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif,
      "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji";
    font-size: 14px; line-height: 1.5; color: #1f2328; word-wrap: break-word;
  }
  h2 { font-size: 1.5em; font-weight: 600; margin: 8px 0 16px; padding-bottom: 0.3em; border-bottom: 1px solid #d1d9e0b3; }
  h3 { font-size: 1.25em; font-weight: 600; margin: 24px 0 16px; }
  p, ul, table, blockquote { margin: 0 0 16px; }
  ul { padding-left: 2em; }
  li + li { margin-top: 0.25em; }
  blockquote { padding: 0 1em; color: #59636e; border-left: 0.25em solid #d1d9e0; }
  code {
    font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
    font-size: 85%; padding: 0.2em 0.4em; background: #818b981f; border-radius: 6px; white-space: break-spaces;
  }
  samp { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 12px; }
  table { border-spacing: 0; border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; }
  th, td { padding: 6px 13px; border: 1px solid #d1d9e0; }
  th { font-weight: 600; }
  tr { background: #ffffff; border-top: 1px solid #d1d9e0b3; }
  tr:nth-child(2n) { background: #f6f8fa; }
  a { color: #0969da; text-decoration: none; }
`

function page(markdown) {
  const body = micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true })
  // The script reports the content's height through the title, read back with --dump-dom, so that the
  // screenshot's window can be cut to the content.
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>summary</title><style>${CSS}</style></head>
<body><div class="summary">${body}</div>
<script>addEventListener('load', () => { document.title = 'height=' + Math.ceil(document.body.getBoundingClientRect().height) })</script>
</body></html>`
}

async function chromium(binary, args) {
  const profile = await mkdtemp(path.join(tmpdir(), 'mpc-chromium-'))
  try {
    const { stdout } = await promisify(execFile)(
      binary,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        `--user-data-dir=${profile}`,
        ...args
      ],
      { maxBuffer: 16 * 1024 * 1024, timeout: 60_000 }
    )
    return stdout
  } finally {
    await rm(profile, { recursive: true, force: true })
  }
}

async function photograph(binary, html, target) {
  const dir = await mkdtemp(path.join(tmpdir(), 'mpc-page-'))
  try {
    const file = path.join(dir, 'summary.html')
    await writeFile(file, html)
    const url = pathToFileURL(file).href
    const dom = await chromium(binary, [`--window-size=${WIDTH},600`, '--dump-dom', url])
    const height = Number(/height=(\d+)/.exec(dom)?.[1])
    if (!Number.isFinite(height) || height <= 0) throw new Error(`could not measure the page for ${target}`)
    await chromium(binary, [
      `--window-size=${WIDTH},${height}`,
      `--force-device-scale-factor=${SCALE}`,
      `--screenshot=${target}`,
      url
    ])
    if (!existsSync(target)) throw new Error(`Chromium wrote no screenshot to ${target}`)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

async function main() {
  const binary = findChromium()
  if (!binary) {
    console.error(
      'Headless Chromium was not found (looked for $CHROMIUM, /usr/bin/chromium, /usr/bin/chromium-browser).\n' +
        "Install Debian's package, with a colour emoji font for the status icons:\n" +
        '  apt-get install -y chromium fonts-noto-color-emoji'
    )
    process.exit(1)
  }
  if (!existsSync(ENTRY)) {
    console.error(`${path.relative(ROOT, ENTRY)} is missing: run \`npm run bundle\` first.`)
    process.exit(1)
  }
  await mkdir(DOCS, { recursive: true })
  const only = process.argv.slice(2)
  for (const scene of SCENES) {
    if (only.length > 0 && !only.includes(scene.file)) continue
    const server = await startMpcServer({ answers: scene.answers, wamo: scene.wamo })
    try {
      const { code, summary } = await runScene(scene, server.url)
      const target = path.join(DOCS, scene.file)
      await photograph(binary, page(summary), target)
      console.log(`${path.relative(ROOT, target)}  (the action exited ${code})`)
    } finally {
      await server.close()
    }
  }
}

await main()
