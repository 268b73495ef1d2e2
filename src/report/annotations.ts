import type { IdEntry } from '../core/id-list.js'
import { annotationText } from './escape.js'
import { hasWarnings, worstFirst, type SubmissionResult } from '../core/submission-result.js'

export type AnnotationLevel = 'error' | 'warning' | 'notice'

export interface Annotation {
  level: AnnotationLevel
  title: string
  /** Plain text: the runner toolkit escapes it into the workflow command. */
  message: string
  file?: string
  line?: number
}

/** GitHub shows at most 10 annotations of each level per step; more are dropped silently. */
export const ANNOTATIONS_PER_LEVEL = 10

function annotationFor(result: SubmissionResult): Annotation | undefined {
  // Most results of a large run: nothing to say, so nothing is built.
  if (result.status === 'accepted' && !hasWarnings(result)) return undefined
  const where = result.source === 'input' ? {} : { file: result.source.file, line: result.source.line }
  const message = annotationText(
    result.status === 'invalid' ? result.message : `${result.submission_id}: ${result.message}`
  )
  const base = { ...where, message }
  switch (result.status) {
    case 'rejected':
      return { ...base, level: 'error', title: 'MPC rejected the submission' }
    case 'not-found':
      return { ...base, level: 'error', title: 'Submission not found at the MPC' }
    case 'invalid':
      return { ...base, level: 'error', title: 'Not a submission ID' }
    case 'error':
      return { ...base, level: 'error', title: 'Could not check the submission' }
    case 'pending':
      return { ...base, level: 'warning', title: 'Submission still pending' }
    case 'accepted':
      if (!hasWarnings(result)) return undefined
      return {
        ...base,
        level: 'warning',
        title: 'Accepted with warnings',
        message: annotationText(
          `${result.submission_id}: accepted with fault events: ${result.fault_events.map((e) => e.message).join('; ')}`
        )
      }
  }
}

/** Notices for submission block IDs that were checked as their submission ID. */
export function blockIdNotices(entries: readonly IdEntry[]): Annotation[] {
  return entries
    .filter((entry) => entry.blockOf !== undefined)
    .map((entry) => ({
      level: 'notice' as const,
      title: 'Submission block ID',
      message: annotationText(`${entry.blockOf} is a submission block ID; checking its submission ${entry.id}`),
      ...(entry.source === 'input' ? {} : { file: entry.source.file, line: entry.source.line })
    }))
}

/**
 * The annotations to emit, worst first, at most ten per level, plus one per level saying how many were
 * left out and where they all are. `leading` ones (about the run as a whole) come first in their level, so
 * GitHub never drops them.
 */
export function planAnnotations(
  results: readonly SubmissionResult[],
  extra: readonly Annotation[] = [],
  leading: readonly Annotation[] = []
): Annotation[] {
  // Counted as they are made, only the first ten of each level kept: a run of 150,000 rejections must not
  // hold 150,000 annotations to emit ten.
  const kept: Record<AnnotationLevel, Annotation[]> = { error: [], warning: [], notice: [] }
  const counted: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 }
  const take = (annotation: Annotation | undefined): void => {
    if (!annotation) return
    counted[annotation.level] += 1
    if (kept[annotation.level].length < ANNOTATIONS_PER_LEVEL) kept[annotation.level].push(annotation)
  }
  leading.forEach(take)
  for (const result of worstFirst(results)) take(annotationFor(result))
  extra.forEach(take)
  const planned: Annotation[] = []
  for (const level of ['error', 'warning', 'notice'] as const) {
    planned.push(...kept[level])
    const left = counted[level] - ANNOTATIONS_PER_LEVEL
    if (left > 0) {
      planned.push({
        level,
        title: `${left} more ${level}s`,
        message: `${left} more ${level} annotations were left out (GitHub shows ${ANNOTATIONS_PER_LEVEL} per step); see the job summary and the results output.`
      })
    }
  }
  return planned
}
