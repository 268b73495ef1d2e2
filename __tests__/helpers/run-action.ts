// The tests run bundles through the same runner stand-in as the benchmark and the screenshot script.
import { runAction as runBundle, type ActionRun, type RunOptions } from '../../__fixtures__/action-runner.mjs'
import { assertFreshDist } from './dist.js'
export { parseOutputFile, REPO_ROOT } from '../../__fixtures__/action-runner.mjs'
export type { ActionRun, RunOptions } from '../../__fixtures__/action-runner.mjs'

/** Runs a bundle of dist/ as the runner does; fails at once when dist/ is older than src/. */
export function runAction(options?: RunOptions): Promise<ActionRun> {
  assertFreshDist()
  return runBundle(options)
}

/**
 * Cancels the action as the runner does: `delayMs` after `ready` first holds (checked every 20 ms against
 * its log so far, or whatever a stand-in server has seen), sends each of `signals` in turn, 200 ms apart
 * (SIGTERM by default; SIGINT then SIGTERM is the runner's escalation). `sentAt` says when the first went
 * (0 if `ready` never held).
 */
export function cancelWhen(
  ready: (stdout: string) => boolean,
  { delayMs = 200, signals = ['SIGTERM'] }: { delayMs?: number; signals?: NodeJS.Signals[] } = {}
): { onStart: RunOptions['onStart']; sentAt: () => number } {
  let sentAt = 0
  return {
    sentAt: () => sentAt,
    onStart: (child, output) => {
      const poll = setInterval(() => {
        if (!ready(output.stdout())) return
        clearInterval(poll)
        setTimeout(() => {
          sentAt = performance.now()
          signals.forEach((signal, i) => setTimeout(() => child.kill(signal), i * 200))
        }, delayMs)
      }, 20)
      // A step that ends before it is ready (a crash) must not leave the poll running after the test.
      child.on('exit', () => clearInterval(poll))
    }
  }
}

/** SIGTERM the action `delayMs` after its log first shows `text`. */
export const sigtermOnceLogged = (text: string, delayMs = 200): ReturnType<typeof cancelWhen> =>
  cancelWhen((stdout) => stdout.includes(text), { delayMs })
