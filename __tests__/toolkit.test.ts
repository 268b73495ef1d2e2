// The runner toolkit: what both actions write to the runner (log lines, workflow commands, outputs, the job
// summary), checked against the documented formats and against @actions/core itself (a devDependency kept
// for exactly this comparison).
import * as actionsCore from '@actions/core'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseOutputFile } from '../__fixtures__/action-runner.mjs'
import * as runner from '../src/runner/toolkit.js'

/** Runs `fn` and returns what it wrote to stdout. */
function stdoutOf(fn: () => void): string {
  const original = process.stdout.write
  let written = ''
  process.stdout.write = ((chunk: string | Uint8Array) => {
    written += chunk.toString()
    return true
  }) as typeof process.stdout.write
  try {
    fn()
  } finally {
    process.stdout.write = original
  }
  return written
}

const savedEnv = { ...process.env }
const savedExitCode = process.exitCode
let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mpc-toolkit-'))
})
afterEach(async () => {
  process.env = { ...savedEnv }
  process.exitCode = savedExitCode
  await rm(dir, { recursive: true, force: true })
})

describe('getInput', () => {
  test('reads INPUT_ and the name upper-cased, spaces as underscores, hyphens kept, trimmed', () => {
    const env = {
      'INPUT_SUBMISSION-IDS-FILE': '  mpc/ids.txt\n',
      INPUT_SUMMARY_TITLE: ' A title ',
      'INPUT_FAIL-ON': ''
    }
    expect(runner.getInput('submission-ids-file', env)).toBe('mpc/ids.txt')
    expect(runner.getInput('summary title', env)).toBe('A title')
    expect(runner.getInput('fail-on', env)).toBe('')
    expect(runner.getInput('not-set', env)).toBe('')
  })

  test('reads process.env by default, as @actions/core does', () => {
    process.env['INPUT_API-URL'] = '  http://127.0.0.1:1 \n'
    expect(runner.getInput('api-url')).toBe(actionsCore.getInput('api-url'))
    expect(runner.getInput('api-url')).toBe('http://127.0.0.1:1')
  })
})

describe('workflow commands', () => {
  test('data escapes %, CR and LF; properties also : and ,', () => {
    expect(runner.escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b')
    expect(runner.escapeProperty('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext%3A a%2C b')
    // % first: an escape sequence already in the text is not mistaken for one.
    expect(runner.escapeData('%0A')).toBe('%250A')
  })

  test('annotations carry title, file and line', () => {
    const written = stdoutOf(() => {
      runner.warning('line one\nline two', { title: 'Accepted, with warnings: 2', file: 'mpc/ids.txt', startLine: 3 })
      runner.error('bare')
      runner.notice('50%', { title: 'Block ID' })
      runner.debug('details\r\nmore')
    })
    expect(written.split('\n')).toEqual([
      '::warning title=Accepted%2C with warnings%3A 2,file=mpc/ids.txt,line=3::line one%0Aline two',
      '::error::bare',
      '::notice title=Block ID::50%25',
      '::debug::details%0D%0Amore',
      ''
    ])
  })

  test('setFailed writes an error annotation and sets the exit code to 1', () => {
    const written = stdoutOf(() => runner.setFailed('2 submissions rejected:\n  a, b'))
    expect(written).toBe('::error::2 submissions rejected:%0A  a, b\n')
    expect(process.exitCode).toBe(1)
  })

  test('info is a plain line, never escaped', () => {
    expect(stdoutOf(() => runner.info('50% ✅ a: b, c'))).toBe('50% ✅ a: b, c\n')
  })

  const messages = ['plain', 'a\nb\r\nc', '100% :: ,,', '::warning::nested', '', 'ünïcödé ✅ %0A']
  const propertySets: runner.AnnotationProperties[] = [
    {},
    { title: 'T: a, b' },
    { title: 'T', file: 'dir/a b,c:d.txt', startLine: 12 },
    { file: 'x.txt', startLine: 1 },
    { title: '' }
  ]
  test.each(['error', 'warning', 'notice'] as const)('%s writes exactly what @actions/core writes', (level) => {
    for (const message of messages) {
      for (const properties of propertySets) {
        const ours = stdoutOf(() => runner[level](message, properties))
        const theirs = stdoutOf(() => actionsCore[level](message, properties))
        expect({ message, properties, line: ours }).toEqual({ message, properties, line: theirs })
      }
    }
  })

  test('debug, info and setFailed write exactly what @actions/core writes', () => {
    for (const message of messages) {
      expect(stdoutOf(() => runner.debug(message))).toBe(stdoutOf(() => actionsCore.debug(message)))
      expect(stdoutOf(() => runner.info(message))).toBe(stdoutOf(() => actionsCore.info(message)))
      expect(stdoutOf(() => runner.setFailed(message))).toBe(stdoutOf(() => actionsCore.setFailed(message)))
    }
  })
})

describe('setOutput', () => {
  test('appends heredoc entries that the runner stand-in reads back, multi-line values included', async () => {
    const file = path.join(dir, 'output')
    await writeFile(file, '')
    process.env.GITHUB_OUTPUT = file
    const outputs = {
      'all-accepted': 'true',
      'rejected-ids': '2025-11-12T21:11:49.579_0000Ba8V\n2025-11-12T21:11:49.580_0000Ba8W',
      results: JSON.stringify([{ message: 'a\nb', text: 'x<<EOF' }], null, 2),
      empty: ''
    }
    for (const [name, value] of Object.entries(outputs)) runner.setOutput(name, value)
    const text = await readFile(file, 'utf8')
    expect(parseOutputFile(text)).toEqual(outputs)
    const delimiters = [...text.matchAll(/^[^<\n]+<<(ghadelimiter_[0-9a-f-]{36})$/gm)].map((match) => match[1])
    expect(delimiters).toHaveLength(4)
    // Each entry has its own random delimiter, which ends it on a line of its own.
    expect(new Set(delimiters).size).toBe(4)
    for (const delimiter of delimiters) expect(text).toContain(`\n${delimiter}\n`)
    expect(text.startsWith('all-accepted<<ghadelimiter_')).toBe(true)
  })

  test('the file has the same shape as @actions/core writes, up to the random delimiter', async () => {
    const ours = path.join(dir, 'ours')
    const theirs = path.join(dir, 'theirs')
    await writeFile(ours, 'earlier\n')
    await writeFile(theirs, 'earlier\n')
    const values = ['one', 'two\nlines', '', 'trailing\n']
    process.env.GITHUB_OUTPUT = ours
    values.forEach((value, i) => runner.setOutput(`out-${i}`, value))
    process.env.GITHUB_OUTPUT = theirs
    values.forEach((value, i) => actionsCore.setOutput(`out-${i}`, value))
    const normalise = (text: string): string => text.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'DELIMITER')
    expect(normalise(await readFile(ours, 'utf8'))).toBe(normalise(await readFile(theirs, 'utf8')))
  })

  test('a name or value holding the delimiter is refused', () => {
    expect(runner.keyValueMessage('name', 'a\nb', 'ghadelimiter_x')).toBe('name<<ghadelimiter_x\na\nb\nghadelimiter_x')
    expect(() => runner.keyValueMessage('name', 'a\nghadelimiter_x\nb', 'ghadelimiter_x')).toThrow(
      'value should not contain the delimiter "ghadelimiter_x"'
    )
    expect(() => runner.keyValueMessage('ghadelimiter_x', 'a', 'ghadelimiter_x')).toThrow(
      'name should not contain the delimiter'
    )
  })

  test('a GITHUB_OUTPUT file that does not exist is an error', () => {
    process.env.GITHUB_OUTPUT = path.join(dir, 'missing')
    expect(() => runner.setOutput('a', 'b')).toThrow(`Missing file at path: ${path.join(dir, 'missing')}`)
  })

  test('without GITHUB_OUTPUT, the legacy set-output command, as @actions/core writes it', () => {
    delete process.env.GITHUB_OUTPUT
    const ours = stdoutOf(() => runner.setOutput('results', '[1,\n2]'))
    expect(ours).toBe('\n::set-output name=results::[1,%0A2]\n')
    expect(ours).toBe(stdoutOf(() => actionsCore.setOutput('results', '[1,\n2]')))
  })
})

describe('appendSummary', () => {
  test('appends the Markdown as it is, after what earlier steps wrote', async () => {
    const file = path.join(dir, 'summary.md')
    await writeFile(file, '# Earlier step\n')
    process.env.GITHUB_STEP_SUMMARY = file
    await runner.appendSummary('## MPC submission status\n\n| a |\n')
    await runner.appendSummary('no line end')
    expect(await readFile(file, 'utf8')).toBe('# Earlier step\n## MPC submission status\n\n| a |\nno line end')
  })

  test('a missing variable or an unwritable file is an error saying so', async () => {
    delete process.env.GITHUB_STEP_SUMMARY
    await expect(runner.appendSummary('x')).rejects.toThrow(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY'
    )
    process.env.GITHUB_STEP_SUMMARY = path.join(dir, 'missing.md')
    await expect(runner.appendSummary('x')).rejects.toThrow(/^Unable to access summary file: '.*missing\.md'/)
    if (process.getuid?.() !== 0) {
      const file = path.join(dir, 'read-only.md')
      await writeFile(file, '')
      await chmod(file, 0o444)
      process.env.GITHUB_STEP_SUMMARY = file
      await expect(runner.appendSummary('x')).rejects.toThrow(/Unable to access summary file/)
    }
  })
})
