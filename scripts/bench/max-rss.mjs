// Preloaded (node --import) into the scale runs: at exit it records the process's peak resident set size
// (getrusage's ru_maxrss, in KiB) to BENCH_RSS_FILE. The peak of the action's own process, the way the runner
// starts it, without flags: no --max-old-space-size, so V8 sizes its heap as it would on a runner.
import { writeFileSync } from 'node:fs'

const file = process.env.BENCH_RSS_FILE
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)))
