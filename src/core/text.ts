/**
 * At most `maxChars` characters (code points, so no surrogate pair is split), the last one an ellipsis when
 * cut. Only the head is split into characters: a 20 MB text costs no more than a short one.
 */
export function cutChars(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text
  const head = Array.from(text.slice(0, maxChars * 2 + 2))
  if (head.length <= maxChars && text.length <= maxChars * 2 + 2) return text
  return `${head.slice(0, maxChars - 1).join('')}…`
}

/** `text` without the trailing run of `ch`: a loop, as a regex such as /\/+$/ takes quadratic time. */
export function trimEnd(text: string, ch: string): string {
  let end = text.length
  while (end > 0 && text[end - 1] === ch) end -= 1
  return text.slice(0, end)
}

/** "1 submission", "2 submissions": a count with its noun in the right number (never "submission(s)"). */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`
}
