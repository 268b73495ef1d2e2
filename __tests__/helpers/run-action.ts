// The tests run bundles through the same runner stand-in as the benchmark and the screenshot script.
import type { RunOptions } from '../../__fixtures__/action-runner.mjs'
export { parseOutputFile, REPO_ROOT, runAction } from '../../__fixtures__/action-runner.mjs'
export type { ActionRun, RunOptions } from '../../__fixtures__/action-runner.mjs'

/**
 * SIGTERM the action `delayMs` after its log first shows `text`, as the runner does on a cancel; `sentAt`
 * says when (0 if the text never showed).
 */
export function sigtermOnceLogged(
  text: string,
  delayMs = 200
): { onStart: RunOptions['onStart']; sentAt: () => number } {
  let sentAt = 0
  return {
    sentAt: () => sentAt,
    onStart: (child, output) => {
      const poll = setInterval(() => {
        if (!output.stdout().includes(text)) return
        clearInterval(poll)
        setTimeout(() => {
          sentAt = performance.now()
          child.kill('SIGTERM')
        }, delayMs)
      }, 20)
    }
  }
}
