// Preloaded into an action's process by a test (node --import): writes "natural" to the file named by
// NATURAL_EXIT_FILE when the process ends because nothing holds it any more ('beforeExit'), which never
// happens when it is ended by process.exit(), such as the action's own fallback two seconds after reporting.
import { writeFileSync } from 'node:fs'

process.once('beforeExit', () => writeFileSync(process.env.NATURAL_EXIT_FILE, 'natural'))
