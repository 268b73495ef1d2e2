import { cutChars } from '../text.js'

// What the validator reports: every problem at once, each where it is and with what is allowed, so one run
// shows an observer all there is to fix. A hostile batch can hold millions of mistakes, so the list is
// capped and the rest counted; the values are cut short (they are untrusted text, escaped by the reporters).

export type Severity = 'error' | 'notice'

export interface ValidationProblem {
  file: string
  /** 1-based line of the batch, when the problem is at one. */
  line?: number
  /** 1-based column (MPC1992 and XML). */
  column?: number
  /** The field (ADES) or column range (MPC1992) the problem is in. */
  field?: string
  /** The value as it is in the batch, cut to MAX_VALUE_CHARS. */
  value?: string
  /** What is wrong and what is allowed. */
  message: string
  severity: Severity
}

/** Problems beyond this many per file are counted, not listed. */
export const MAX_LISTED_PROBLEMS = 1000
/** A value shown in a problem is cut to this many characters. */
export const MAX_VALUE_CHARS = 80

export interface ProblemPosition {
  line?: number
  column?: number
}

export interface ProblemInput extends ProblemPosition {
  field?: string
  value?: string
  message: string
  severity?: Severity
}

/**
 * Checking a file stops at this many problems: a hostile batch with a mistake on every one of a million lines
 * would otherwise cost minutes and gigabytes to count, and nobody fixes past the first ten thousand.
 */
export const MAX_PROBLEMS = 10_000

/** Thrown by ProblemCollector.add at MAX_PROBLEMS; validateBatch catches it and says where checking stopped. */
export class ProblemLimitReached extends Error {
  constructor() {
    super(`checking stopped after ${MAX_PROBLEMS.toLocaleString('en')} problems`)
    this.name = 'ProblemLimitReached'
  }
}

/** Collects the problems of one file, listing the first MAX_LISTED_PROBLEMS and counting every one. */
export class ProblemCollector {
  readonly listed: ValidationProblem[] = []
  errors = 0
  notices = 0

  constructor(
    readonly file: string,
    private readonly cap = MAX_LISTED_PROBLEMS
  ) {}

  add(problem: ProblemInput): void {
    const severity = problem.severity ?? 'error'
    if (severity === 'error') this.errors += 1
    else this.notices += 1
    if (this.errors + this.notices > MAX_PROBLEMS) {
      this.errors -= severity === 'error' ? 1 : 0
      this.notices -= severity === 'error' ? 0 : 1
      throw new ProblemLimitReached()
    }
    if (this.listed.length >= this.cap) return
    const entry: ValidationProblem = { file: this.file, message: problem.message, severity }
    if (problem.line !== undefined) entry.line = problem.line
    if (problem.column !== undefined) entry.column = problem.column
    if (problem.field !== undefined) entry.field = problem.field
    if (problem.value !== undefined) entry.value = cutChars(problem.value, MAX_VALUE_CHARS)
    this.listed.push(entry)
  }

  /** Problems found but not listed. */
  get unlisted(): number {
    return this.errors + this.notices - this.listed.length
  }
}

/** Line ends as every format here takes them. */
export const splitLines = (text: string): string[] => text.split(/\r\n|\r|\n/)
