// Preloaded (node --import) into the action for the observations scenario: at exit it records the
// process's peak resident set size in bytes, so the bench can say how much memory a WAMO run held.
import { writeFileSync } from 'node:fs'

const file = process.env.BENCH_RSS_FILE
if (file) {
  process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)))
}
