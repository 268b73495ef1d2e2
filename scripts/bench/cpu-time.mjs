// Preloaded (node --import) into every process the start-up comparison times, the bare one included, so
// both pay the same tiny cost. At exit it records the CPU time the process used on all its threads: on a
// busy machine wall time swings with other load, CPU time much less.
import { writeFileSync } from 'node:fs'

const file = process.env.BENCH_CPU_FILE
if (file) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage()
    writeFileSync(file, String((user + system) / 1000))
  })
}
