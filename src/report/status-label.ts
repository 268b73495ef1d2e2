import { hasWarnings, type SubmissionResult } from '../core/submission-result.js'

/** How a person sees a status, in the summary, the comment and the terminal. */
export function statusLabel(result: SubmissionResult): string {
  switch (result.status) {
    case 'accepted':
      return hasWarnings(result) ? '⚠️ accepted with warnings' : '✅ accepted'
    case 'rejected':
      return '❌ rejected'
    case 'error':
      return '🛑 error'
    case 'invalid':
      return '🚫 invalid'
    case 'not-found':
      return '🔍 not found'
    case 'pending':
      return '⏳ pending'
  }
}
