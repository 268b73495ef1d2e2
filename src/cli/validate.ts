import { MAX_BATCH_BYTES, parseFormatChoice } from '../core/batch.js'
import { obs80Entries } from '../core/batches/obs80-entries.js'
import { createMpcClient } from '../core/client.js'
import { checkNearDuplicates, describeNearDuplicate } from '../core/cnd.js'
import { DEFAULT_API_URL } from '../core/defaults.js'
import { MPC_MAX_RATE, parseApiUrl } from '../core/setting-values.js'
import { readWorkspaceText } from '../core/workspace-file.js'
import { USER_AGENT } from '../version.js'
import { validateFiles, type FilesValidation } from '../core/batches/validate-files.js'
import { describeProblem, formatName, type Validation } from '../core/batches/validate.js'
import { jsonText, logText } from '../report/escape.js'
import { CLI_NAME, EXIT_FAILED, FlagProblems, operatorBase, readCommandLine, type Io } from './common.js'
import { painter, useColour, type Paint } from './terminal.js'

export const VALIDATE_HELP = `Usage: ${CLI_NAME} validate FILE... [options]

Checks observation batches (ADES PSV or XML, versions 2017 and 2022; MPC1992 80-column) by the
rules of the ADES submission schema and the MPC's format pages, the same way the validate action and
the submit command do, and lists every problem at once: file, line, column or field, the value and
what is allowed. Nothing is sent anywhere. Each FILE is a UTF-8 text file of at most 64 MiB inside
the current folder.

Options:
      --format F             auto, psv, xml or obs80 (default auto: from the file name's ending,
                             confirmed by the content)
      --near-duplicates      also ask the MPC's near-duplicate check (CND) about each valid file's
                             observations; a near-duplicate counts as a problem, a failed check is a
                             warning on stderr
      --api-url URL          the data API for that check (default ${DEFAULT_API_URL})
      --json                 print the result as JSON instead of the report
  -h, --help                 show this help

Exit status: 0 when every file is valid (notices, such as a catalogue code in column 72, do not
count); 1 when a file has a problem or cannot be read; 2 for a mistake on the command line.

Examples:
  ${CLI_NAME} validate out/tonight.psv
  ${CLI_NAME} validate batches/*.xml --json
`

const OPTIONS = {
  format: { type: 'string' },
  'near-duplicates': { type: 'boolean' },
  'api-url': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

/**
 * Asks the near-duplicate check about each valid file; each near-duplicate becomes an error of its file (at
 * its line), a failed check a warning on stderr: never a silent pass.
 */
async function addNearDuplicates(result: FilesValidation, io: Io, apiUrl: string): Promise<void> {
  const client = createMpcClient({
    apiUrl,
    userAgent: USER_AGENT,
    rateLimit: MPC_MAX_RATE,
    concurrency: 1,
    requestTimeoutMs: 60_000,
    retries: 3,
    maxBodyBytes: 64 * 1024 * 1024
  })
  try {
    for (const file of result.files) {
      if (file.errors > 0 || !file.format) continue
      const { text } = await readWorkspaceText(operatorBase(io), file.file, { maxBytes: MAX_BATCH_BYTES })
      const { entries } = obs80Entries(text, file.file, file.format)
      const check = await checkNearDuplicates(client, entries)
      for (const failure of check.failures) {
        io.stderr.write(
          `${CLI_NAME}: warning: ${logText(file.file, 200)}: the near-duplicate check failed for ${logText(failure, 500)}\n`
        )
      }
      for (const duplicate of check.nearDuplicates) {
        file.problems.push({
          file: file.file,
          line: duplicate.line,
          field: 'near-duplicate',
          message: describeNearDuplicate(duplicate),
          severity: 'error'
        })
        file.errors += 1
        result.errors += 1
      }
    }
  } finally {
    await client.close()
  }
}

/** What --json prints: the action's outputs and each file's problems. */
export function validationJson(result: FilesValidation): unknown {
  return {
    valid: result.errors === 0,
    'problem-count': result.errors,
    'notice-count': result.notices,
    'files-checked': result.files.length,
    files: result.files.map((file) => ({
      file: file.file,
      format: file.format ?? null,
      version: file.version ?? null,
      observations: file.observations,
      errors: file.errors,
      notices: file.notices,
      unlisted: file.unlisted,
      problems: file.problems
    }))
  }
}

function fileLine(file: Validation, paint: Paint): string {
  const what = `${formatName(file.format)}${file.version ? ` ${file.version}` : ''}, ${file.observations} observations`
  const name = logText(file.file, 200)
  if (file.errors === 0) {
    const notes = file.notices === 0 ? '' : `, ${file.notices} notice${file.notices === 1 ? '' : 's'}`
    return paint(`✓ ${name}: valid (${what}${notes})`, 'green')
  }
  const more = file.unlisted > 0 ? `; ${file.unlisted} more not listed` : ''
  return paint(`✗ ${name}: ${file.errors} problem${file.errors === 1 ? '' : 's'} (${what}${more})`, 'red')
}

export function renderValidateReport(result: FilesValidation, paint: Paint): string {
  const lines: string[] = []
  for (const file of result.files) {
    for (const problem of file.problems) {
      const line = logText(describeProblem(problem), 1000)
      lines.push(problem.severity === 'error' ? paint(line, 'red') : line)
    }
  }
  if (lines.length > 0) lines.push('')
  for (const file of result.files) lines.push(fileLine(file, paint))
  return `${lines.join('\n')}\n`
}

export async function runValidate(args: string[], io: Io): Promise<number> {
  const usage = new FlagProblems('validate')
  const { values, positionals } = readCommandLine(usage, args, OPTIONS)
  if (values.help) {
    io.stdout.write(VALIDATE_HELP)
    return 0
  }
  if (positionals.length === 0) usage.add('give the batch FILE (or files) to validate')
  const format = usage.value(() => parseFormatChoice(values.format ?? 'auto', '--format'), 'auto')
  const apiUrl = usage.value(() => parseApiUrl(values['api-url'] ?? DEFAULT_API_URL, '--api-url'), DEFAULT_API_URL)
  usage.check()
  const result = await validateFiles(operatorBase(io), positionals, { format, setting: '--format' })
  if (values['near-duplicates']) await addNearDuplicates(result, io, apiUrl)
  if (values.json) io.stdout.write(`${jsonText(validationJson(result), 2)}\n`)
  else io.stdout.write(renderValidateReport(result, painter(useColour(io.stdout, io.env))))
  return result.errors === 0 ? 0 : EXIT_FAILED
}
