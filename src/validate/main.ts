import { validateFiles } from '../core/batches/validate-files.js'
import { formatName } from '../core/batches/validate.js'
import { beginRun, emitAnnotations, exitWhenDone, log, setOutputs, writeJobSummary } from '../report/runner.js'
import {
  buildValidateOutputs,
  isRunValid,
  renderValidateSummary,
  runProblems,
  validateAnnotations,
  type ValidateRunNotes
} from '../report/validate-summary.js'
import { matchFiles, MAX_FILES } from './match-files.js'
import { readValidateSettings } from './settings.js'

/** The validate action: settings → the matched files → the validator → reporters → the step's verdict. */
export async function run(): Promise<void> {
  const begun = beginRun(readValidateSettings)
  if (!begun) return
  const { settings, controller, done } = begun
  try {
    const matched = await matchFiles(settings.workspace, settings.patterns, { signal: controller.signal })
    log.info(
      `Checking ${matched.files.length} file${matched.files.length === 1 ? '' : 's'} by the ADES and MPC1992 rules`
    )
    const result = await validateFiles(settings.workspace, matched.files, {
      format: settings.format,
      signal: controller.signal
    })
    const notes: ValidateRunNotes = { refused: matched.refused, truncated: matched.truncated, maxFiles: MAX_FILES }
    for (const file of result.files) {
      const what = `${formatName(file.format)}${file.version ? ` ${file.version}` : ''}, ${file.observations} observations`
      log.info(
        file.errors === 0
          ? `✓ ${file.file}: valid (${what}${file.notices > 0 ? `, ${file.notices} notices` : ''})`
          : `✗ ${file.file}: ${file.errors} problems (${what})`
      )
    }
    emitAnnotations(validateAnnotations(result, notes))
    setOutputs(buildValidateOutputs(result, notes))
    await writeJobSummary(renderValidateSummary(result, notes))
    if (isRunValid(result, notes)) log.info(`All ${result.files.length} files are valid.`)
    else {
      const count = result.errors + runProblems(result, notes).length
      log.failed(
        `${count} problem${count === 1 ? '' : 's'} in the observation batches; see the annotations and the job summary.`
      )
    }
  } catch (error) {
    if (controller.signal.aborted) log.failed('Cancelled before every file was checked.')
    else throw error
  } finally {
    done()
    exitWhenDone()
  }
}
