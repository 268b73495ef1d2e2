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

/**
 * Whether a JSON `body` opens more than `max` objects or arrays: a count of `{` and `[` (those inside strings
 * too, which only errs on the safe side), made before JSON.parse builds them. A byte cap alone does not bound
 * memory: 32 MiB of `{},` is 11 million objects, about 2 GB once parsed and read.
 */
export function opensMoreThan(body: string, max: number): boolean {
  let count = 0
  for (let i = 0; i < body.length; i += 1) {
    const code = body.charCodeAt(i)
    if ((code === 123 || code === 91) && ++count > max) return true
  }
  return false
}
