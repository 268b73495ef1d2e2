// The body of the sticky pull-request comment: the job summary's verdict and tables under a hidden marker
// that lets the next run find this comment again.
import { renderSummary, type SummaryInput } from './summary.js'

/** GitHub refuses an issue comment longer than this many characters (UTF-16 code units, as JS counts). */
export const COMMENT_MAX_CHARS = 65_536

const MARKER_PREFIX = 'mpc-submission-status:'

/**
 * The hidden HTML comment that marks our comment for `tag`. The tag is the user's text, so it is
 * percent-encoded: no `>` can close the HTML comment early, and `a` and `a b` stay distinct.
 */
export function commentMarker(tag: string): string {
  return `<!-- ${MARKER_PREFIX}${encodeURIComponent(tag.trim())} -->`
}

/**
 * Whether a comment body opens with exactly this marker. We always open the body with it, so a person's
 * comment that quotes or mentions the marker further down never passes. An encoded tag holds no space, so one
 * tag's marker is never the start of another's. This is half of being our comment: the other half, that the
 * token's own identity wrote it, is checked in src/github/sticky-comment.ts.
 */
export function opensWithMarker(body: string | null | undefined, marker: string): boolean {
  return typeof body === 'string' && body.startsWith(marker)
}

export interface CommentInput extends SummaryInput {
  tag: string
}

/** The marker, then the same Markdown as the job summary, degraded the same way to fit a comment. */
export function renderComment(input: CommentInput): string {
  const marker = commentMarker(input.tag)
  const summary = renderSummary(input, {
    maxSize: COMMENT_MAX_CHARS - marker.length - 1,
    measure: (text) => text.length
  })
  return `${marker}\n${summary}`
}
