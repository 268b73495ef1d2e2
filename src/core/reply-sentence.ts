import { classifySubmissionId } from './ids.js'

// The MPC answers a submission with `[<ack>].  Submission ID is <ID>`, and the ack is the submitter's to
// choose. So the ID is the one in the MPC's own closing sentence, the **last** "Submission ID is" of a reply
// (or of a line of an ID file), and an ack, which comes before it, must never hold that phrase, a bracket or a
// line break. The one definition of the phrase is here: the reader and the ack check cannot drift apart.

/** The longest token after the phrase that is looked at: an ID is 32 characters. */
export const MAX_REPLY_TOKEN = 100

/** Whitespace as the phrase allows it between its words: JavaScript's `\s`, and NEL, a line break elsewhere. */
const SPACE = '[\\s\\u0085]'
const PHRASE_SOURCE = `submission${SPACE}+id${SPACE}+is`
/** Any letter case, any whitespace between the words, and no need of a space after "is". */
const PHRASE = new RegExp(PHRASE_SOURCE, 'i')

const isSpace = (ch: string): boolean => /[\s\u0085]/.test(ch)
/** A token ends at whitespace or at one of these, as the MPC's sentence and a list separator end it. */
const ENDS_TOKEN = new Set([',', ';', "'", '"'])

/**
 * Where the phrase's last occurrence ends, or -1. Each search resumes one character after the previous
 * match, so that overlapping occurrences ("...Submission ID isubmission ID is") are found too; the only
 * start inside a match that gets past its first letters is the "s" of "is", so this stays linear.
 */
function endOfLastPhrase(text: string): number {
  // A fresh regex per call: a global one keeps `lastIndex` between callers.
  const phrase = new RegExp(PHRASE_SOURCE, 'gi')
  let end = -1
  for (let match = phrase.exec(text); match !== null; match = phrase.exec(text)) {
    end = match.index + match[0].length
    phrase.lastIndex = match.index + 1
  }
  return end
}

/**
 * The token after the last "Submission ID is" of `text`, trailing `.` or `:` dropped; undefined when the
 * phrase is not there. `''` when the last phrase has no token after it (such as "Submission ID is" at the end,
 * or "Submission ID isX"): the text then names no ID, and never falls back to an earlier phrase.
 * Linear time: the matches are found by one global regex with no nested quantifier, the token is read and
 * trimmed by loops (a regex like /[.:]+$/ takes quadratic time on a long run of dots).
 */
export function lastSentenceToken(text: string): string | undefined {
  const end = endOfLastPhrase(text)
  if (end < 0) return undefined
  let start = end
  while (start < text.length && isSpace(text[start] as string)) start += 1
  if (start === end) return ''
  let stop = start
  while (
    stop < text.length &&
    stop - start < MAX_REPLY_TOKEN &&
    !isSpace(text[stop] as string) &&
    !ENDS_TOKEN.has(text[stop] as string)
  ) {
    stop += 1
  }
  while (stop > start && (text[stop - 1] === '.' || text[stop - 1] === ':')) stop -= 1
  return text.slice(start, stop)
}

/** The submission ID of the MPC's closing sentence: the last one's token, only when it is a well-formed ID. */
export function submissionIdInReply(text: string): string | undefined {
  const token = lastSentenceToken(text)
  return token !== undefined && classifySubmissionId(token).kind === 'submission-id' ? token : undefined
}

/**
 * What in an ack could make a reader take an ID from it, or break the MPC's sentence: the phrase, a bracket
 * (the MPC puts the ack in brackets), a line break. Empty when the ack is safe to send.
 */
export function unsafeInAck(ack: string): string[] {
  const found: string[] = []
  if (PHRASE.test(ack)) found.push('"Submission ID is"')
  if (ack.includes('[')) found.push('"["')
  if (ack.includes(']')) found.push('"]"')
  if (/[\r\n\u0085\u2028\u2029]/.test(ack)) found.push('a line break')
  return found
}

/** The sentence of the ack check's refusal, after the name of the ack (an input, a flag, a batch line). */
export function ackRefusal(found: readonly string[]): string {
  return (
    `holds ${found.join(', ')}. The MPC's reply repeats the ack in brackets before its own "Submission ID is <ID>", ` +
    'so an ack must hold neither that phrase (in any letter case), nor a bracket, nor a line break'
  )
}

/**
 * `text` with every run of the phrase's whitespace made a hyphen, `[` and `]` made `(` and `)`, and line breaks
 * made spaces: for text nobody typed as an ack (the default made of a workflow's name), so it is never refused.
 */
export function withoutUnsafeAckText(text: string): string {
  let safe = text
    .replace(/[\r\n\u0085\u2028\u2029]+/g, ' ')
    .replace(/\[/g, '(')
    .replace(/\]/g, ')')
  // Again until none is left: a replacement can uncover an overlapping one ("Submission ID isubmission ID is").
  // Each round removes whitespace, so the loop ends.
  while (PHRASE.test(safe)) {
    safe = safe.replace(new RegExp(PHRASE_SOURCE, 'gi'), (phrase) => phrase.replace(/[\s\u0085]+/g, '-'))
  }
  return safe
}
