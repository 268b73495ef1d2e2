import * as glob from '@actions/glob'
import path from 'node:path'

// The files input: glob patterns matched inside the workspace only. A pattern is the repository's text (a
// pull request can change the workflow's inputs only by changing the workflow, but the files it matches are
// its own), so it may not climb out of the workspace or start elsewhere; symbolic links are not walked
// into (a link to a folder could loop or lead outside); each match is read later under the workspace-file
// rules, which refuse whatever resolves outside. The walk stops at a cap and on a cancel.

/** More matches than this are not checked (and the walk stops). */
export const MAX_FILES = 1000

export interface MatchedFiles {
  /** Workspace-relative paths, `/`-separated, sorted, each once. */
  files: string[]
  /** Patterns refused, with why. */
  refused: { pattern: string; reason: string }[]
  /** True when more files matched than MAX_FILES: the walk stopped there. */
  truncated: boolean
}

function refusal(pattern: string): string | undefined {
  const body = pattern.replace(/^!+/, '')
  if (path.isAbsolute(body) || /^[A-Za-z]:/.test(body) || body.startsWith('~')) {
    return 'it is absolute; patterns are relative to the workspace'
  }
  if (body.split(/[\\/]/).includes('..')) return 'it climbs out with ".."; patterns stay inside the workspace'
  return undefined
}

export async function matchFiles(
  workspace: string,
  patterns: readonly string[],
  options: { maxFiles?: number; signal?: AbortSignal } = {}
): Promise<MatchedFiles> {
  const maxFiles = options.maxFiles ?? MAX_FILES
  const refused: MatchedFiles['refused'] = []
  const rooted: string[] = []
  for (const pattern of patterns) {
    const reason = refusal(pattern)
    if (reason) refused.push({ pattern, reason })
    else {
      const negated = pattern.startsWith('!')
      rooted.push(`${negated ? '!' : ''}${path.join(workspace, pattern.replace(/^!/, ''))}`)
    }
  }
  const found = new Set<string>()
  let truncated = false
  if (rooted.some((pattern) => !pattern.startsWith('!'))) {
    const globber = await glob.create(rooted.join('\n'), {
      followSymbolicLinks: false,
      matchDirectories: false,
      implicitDescendants: true
    })
    for await (const absolute of globber.globGenerator()) {
      options.signal?.throwIfAborted()
      const relative = path.relative(workspace, absolute).split(path.sep).join('/')
      // The checkout's .git folder is never read; its files are not batches.
      if (relative.split('/').some((part) => part.toLowerCase() === '.git')) continue
      if (relative.startsWith('../') || relative === '..') continue
      if (found.has(relative)) continue
      if (found.size >= maxFiles) {
        truncated = true
        break
      }
      found.add(relative)
    }
  }
  return { files: [...found].sort(), refused, truncated }
}
