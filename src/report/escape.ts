// The one place where untrusted text (API messages, user input) is made inert. Every reporter goes through
// here, so a reviewer checks one file.
import { cutChars } from '../core/text.js'

const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g
// Characters that act without showing themselves: C0/C1 controls other than tab and the line breaks above
// (ANSI escapes and the like), bidirectional overrides and isolates (which make text read in another order
// than it is stored: "accepted" can be made to show where "rejected" is written), zero-width and other
// invisible formatting characters, and lone surrogates (emoji variation selectors stay: `⚠️` needs one). Each is shown as its escape, e.g. `\u202E`.
const INVISIBLES =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff0-\ufffb]|\u115f|\u1160|\u17b4|\u17b5|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g
// In JSON, C0 controls are already escaped by JSON.stringify; the other invisibles and the Unicode line
// separators (which some JSON readers take as line ends) become \u escapes with the same meaning.
const JSON_INVISIBLES = new RegExp(`${INVISIBLES.source}|[\\u0085\\u2028\\u2029]`, 'g')

const escapeOf = (ch: string): string => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`

/** Invisible and control characters shown as their escapes (`\u202E`), so nothing acts unseen. */
export function revealInvisibles(text: string): string {
  return text.replace(INVISIBLES, escapeOf)
}

/**
 * JSON for the `results` output, the results file and the CLI's `--json`: what JSON.stringify gives, with
 * every invisible character written as a `\u` escape, so the text means the same to a JSON reader but
 * shows nothing that acts unseen in a log or a terminal.
 */
export function jsonText(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(JSON_INVISIBLES, escapeOf)
}

// Characters that inline Markdown, GFM tables, GitHub's extensions or HTML give meaning to. Each becomes a
// numeric character reference, which CommonMark renders as the literal character and never as markup.
// Line breaks never reach here, so block syntax (headings, lists) cannot start. `:`, `@` and `#` keep URLs,
// e-mail addresses, emoji codes, @mentions and #references from becoming links or pings; `$` keeps math off.
const MARKDOWN_SPECIALS = /[&<>`\\|*_[\]~:@#$]/g

/** Untrusted text as inline Markdown: inert, on one line (line breaks become `<br>`), at most `maxChars`. */
export function markdownText(text: string, maxChars = 2000): string {
  const lines = revealInvisibles(cutChars(text.trim(), maxChars)).split(LINE_BREAKS)
  return lines
    .map((line) =>
      line
        .replace(MARKDOWN_SPECIALS, (ch) => `&#${ch.charCodeAt(0)};`)
        .replace(/www\./gi, (www) => `${www.slice(0, 3)}&#46;`)
    )
    .join('<br>')
}

/**
 * Untrusted text for a log line. The runner takes a line as a workflow command when it starts with `::`
 * (after trimming) or holds the legacy `##[` anywhere, so line breaks become ⏎ (the text never starts a
 * line of its own), `##[` is split, a leading `::` is split, and invisibles are shown as escapes.
 */
export function logText(text: string, maxChars = 2000): string {
  const oneLine = revealInvisibles(cutChars(text, maxChars).replace(LINE_BREAKS, ' ⏎ '))
  return splitLegacyCommand(oneLine).replace(/^(\s*):(?=:)/, '$1: ')
}

const splitLegacyCommand = (text: string): string => text.replace(/##\[/g, '## [')

/**
 * Untrusted text for an annotation. The runner toolkit escapes line breaks into the command, so only the legacy
 * `##[` (matched anywhere in a line) and invisibles need care; line breaks stay (every kind as `\n`, which
 * the toolkit escapes), as GitHub shows them.
 */
export function annotationText(text: string, maxChars = 4000): string {
  return splitLegacyCommand(revealInvisibles(cutChars(text, maxChars)).replace(LINE_BREAKS, '\n'))
}
