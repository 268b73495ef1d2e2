import { log } from '../report/runner.js'
import { run } from './main.js'

// Anything escaping run() would otherwise end as a stack trace; the step fails with one line instead.
run().catch((error: unknown) => {
  log.failed(`Unexpected failure: ${error instanceof Error ? error.message : String(error)}`)
})
