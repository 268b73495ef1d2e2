// The one place where untrusted text (API messages, user input) is made inert. Every reporter goes through
// here, so a reviewer checks one file.

const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g
// C0/C1 controls other than tab and the line breaks handled above: ANSI escapes and the like.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g

// Characters that inline Markdown, GFM tables, GitHub's extensions or HTML give meaning to. Each becomes a
// numeric character reference, which CommonMark renders as the literal character and never as markup.
// Line breaks never reach here, so block syntax (headings, lists) cannot start. `:`, `@` and `#` keep URLs,
// e-mail addresses, emoji codes, @mentions and #references from becoming links or pings; `$` keeps math off.
const MARKDOWN_SPECIALS = /[&<>`\\|*_[\]~:@#$]/g

function cut(text: string, maxChars: number): string {
  const chars = [...text]
  return chars.length <= maxChars ? text : `${chars.slice(0, maxChars - 1).join('')}…`
}

/** Untrusted text as inline Markdown: inert, on one line (line breaks become `<br>`), at most `maxChars`. */
export function markdownText(text: string, maxChars = 2000): string {
  const lines = cut(text.replace(CONTROLS, '').trim(), maxChars).split(LINE_BREAKS)
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
 * line of its own), `##[` is split, a leading `::` is split, and controls are dropped.
 */
export function logText(text: string, maxChars = 2000): string {
  const oneLine = cut(text.replace(CONTROLS, '').replace(LINE_BREAKS, ' ⏎ '), maxChars)
  return splitLegacyCommand(oneLine).replace(/^(\s*):(?=:)/, '$1: ')
}

const splitLegacyCommand = (text: string): string => text.replace(/##\[/g, '## [')

/**
 * Untrusted text for an annotation. The runner toolkit escapes line breaks into the command, so only the legacy
 * `##[` (matched anywhere in a line) and controls need care; line breaks stay, as GitHub shows them.
 */
export function annotationText(text: string, maxChars = 4000): string {
  return splitLegacyCommand(cut(text.replace(CONTROLS, ''), maxChars))
}
