export const TOLERANCE_MS: number
/** Undefined when dist/ may be used as it is; otherwise the sentence that says why not and what to do. */
export function staleDist(root: string, options?: { toleranceMs?: number }): string | undefined
