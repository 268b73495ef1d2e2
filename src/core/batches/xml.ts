// A small XML reader for ADES documents: elements, attributes, text, comments, CDATA and processing
// instructions, the five predefined entities and character references. No DOCTYPE (so no entity expansion
// and nothing fetched), no namespaces beyond dropping a prefix. One pass over the text, each character
// looked at a bounded number of times; nesting is capped. The first mistake ends the reading, as in any
// XML parser: what follows a mistake cannot be read reliably.

export interface XmlElement {
  /** The local name (a prefix dropped). */
  name: string
  attributes: Map<string, string>
  children: XmlElement[]
  /** The element's own text, references resolved (the text between its children joined). */
  text: string
  line: number
  column: number
}

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number
  ) {
    super(message)
    this.name = 'XmlSyntaxError'
  }
}

/** Deeper nesting than this is refused: an ADES document is five levels deep. */
export const MAX_XML_DEPTH = 32

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const NAME = /[A-Za-z_:\u00C0-\uFFFF][-.\w:\u00B7\u00C0-\uFFFF]*/y
const SPACE = /[ \t\r\n]*/y
const ATTRIBUTE = /([A-Za-z_:\u00C0-\uFFFF][-.\w:\u00B7\u00C0-\uFFFF]*)[ \t\r\n]*=[ \t\r\n]*("[^"<]*"|'[^'<]*')/y
const END_TAG = /<\/([^\s>]+)[ \t\r\n]*>/y

const localName = (name: string): string => name.slice(name.indexOf(':') + 1)

/** Reads `text` into its root element; throws XmlSyntaxError at the first mistake. */
export function readXml(text: string): XmlElement {
  // Positions are asked for in increasing order (with a few look-backs to a stored one), so the line count
  // advances with the reading: linear.
  let lineAt = 0
  let lineNumber = 1
  let lineStart = 0
  const position = (index: number): { line: number; column: number } => {
    if (index < lineAt) {
      lineAt = 0
      lineNumber = 1
      lineStart = 0
    }
    for (let i = lineAt; i < index; i += 1) {
      const ch = text.charCodeAt(i)
      if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) {
        lineNumber += 1
        lineStart = i + 1
      }
    }
    lineAt = index
    return { line: lineNumber, column: index - lineStart + 1 }
  }
  const fail = (message: string, index: number): never => {
    const { line, column } = position(index)
    throw new XmlSyntaxError(message, line, column)
  }
  const shown = (name: string): string => (name.length > 40 ? `${name.slice(0, 39)}…` : name)

  const resolve = (raw: string, offset: number): string => {
    if (!raw.includes('&')) return raw
    let out = ''
    let from = 0
    for (;;) {
      const amp = raw.indexOf('&', from)
      if (amp < 0) return out + raw.slice(from)
      out += raw.slice(from, amp)
      const semi = raw.indexOf(';', amp)
      const name = semi < 0 || semi - amp > 12 ? '' : raw.slice(amp + 1, semi)
      if (name === '') fail('a "&" that starts no entity reference (write &amp; for the character)', offset + amp)
      const predefined = PREDEFINED[name]
      if (predefined !== undefined) out += predefined
      else if (/^#[0-9]{1,7}$/.test(name) || /^#x[0-9a-fA-F]{1,6}$/.test(name)) {
        const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
        if (code > 0x10ffff || code === 0 || (code >= 0xd800 && code <= 0xdfff)) {
          fail(`"&${name};" is not a character XML allows`, offset + amp)
        }
        out += String.fromCodePoint(code)
      } else fail(`unknown entity "&${shown(name)};" (XML knows &amp; &lt; &gt; &quot; &apos;)`, offset + amp)
      from = semi + 1
    }
  }

  const stack: { element: XmlElement; rawName: string; index: number; texts: string[] }[] = []
  let root: XmlElement | undefined
  let i = 0
  const skipTo = (end: string, from: number, what: string, at: number): number => {
    const found = text.indexOf(end, from)
    if (found < 0) fail(`${what} is never closed (no "${end}")`, at)
    return found + end.length
  }

  while (i < text.length) {
    const lt = text.indexOf('<', i)
    const stop = lt < 0 ? text.length : lt
    if (stop > i) {
      const content = text.slice(i, stop)
      const open = stack.at(-1)
      if (!open) {
        const nonSpace = content.search(/[^ \t\r\n\uFEFF]/)
        if (nonSpace >= 0) fail('text outside the root element', i + nonSpace)
      } else {
        if (content.includes(']]>')) fail('"]]>" in text (write ]]&gt;)', i + content.indexOf(']]>'))
        open.texts.push(resolve(content, i))
      }
    }
    if (lt < 0) break
    if (text.startsWith('<!--', lt)) {
      i = skipTo('-->', lt + 4, 'a comment', lt)
    } else if (text.startsWith('<![CDATA[', lt)) {
      const open = stack.at(-1)
      if (!open) fail('a CDATA section outside the root element', lt)
      const end = skipTo(']]>', lt + 9, 'a CDATA section', lt)
      open?.texts.push(text.slice(lt + 9, end - 3))
      i = end
    } else if (text.startsWith('<?', lt)) {
      if (lt > 0 && text.startsWith('<?xml', lt) && /^<\?xml[ \t\r\n?]/.test(text.slice(lt, lt + 6))) {
        fail('the XML declaration comes first in the document, or not at all', lt)
      }
      i = skipTo('?>', lt + 2, 'a processing instruction', lt)
    } else if (text.startsWith('<!', lt)) {
      fail('a DOCTYPE or other declaration: an ADES document has none (its schema is submit.xsd)', lt)
    } else if (text.startsWith('</', lt)) {
      END_TAG.lastIndex = lt
      const end = END_TAG.exec(text)
      if (!end) fail('a malformed end tag', lt)
      const name = (end as RegExpExecArray)[1] as string
      const open = stack.pop()
      if (!open) fail(`the end tag </${shown(name)}> has no start tag`, lt)
      else {
        if (open.rawName !== name) {
          fail(`the end tag </${shown(name)}> closes <${shown(open.rawName)}>, opened on line ${open.element.line}`, lt)
        }
        open.element.text = open.texts.join('')
      }
      i = END_TAG.lastIndex
    } else {
      NAME.lastIndex = lt + 1
      const nameMatch = NAME.exec(text)
      if (!nameMatch) fail('a "<" that starts no tag (write &lt; for the character)', lt)
      const rawName = (nameMatch as RegExpExecArray)[0]
      const where = position(lt)
      const element: XmlElement = { name: localName(rawName), attributes: new Map(), children: [], text: '', ...where }
      let at = NAME.lastIndex
      for (;;) {
        SPACE.lastIndex = at
        SPACE.exec(text)
        const separated = SPACE.lastIndex > at
        at = SPACE.lastIndex
        if (text.startsWith('/>', at) || text.startsWith('>', at)) break
        ATTRIBUTE.lastIndex = at
        const attribute = separated ? ATTRIBUTE.exec(text) : null
        if (!attribute) fail(`a malformed attribute in the <${shown(rawName)}> tag`, at)
        const attributeName = (attribute as RegExpExecArray)[1] as string
        if (element.attributes.has(attributeName)) {
          fail(`the attribute "${shown(attributeName)}" appears twice in <${shown(rawName)}>`, at)
        }
        const quoted = (attribute as RegExpExecArray)[2] as string
        element.attributes.set(attributeName, resolve(quoted.slice(1, -1), at))
        at = ATTRIBUTE.lastIndex
      }
      const selfClosing = text.startsWith('/>', at)
      const parent = stack.at(-1)
      if (!parent) {
        if (root) fail(`a second root element <${shown(rawName)}>`, lt)
        root = element
      } else parent.element.children.push(element)
      if (!selfClosing) {
        if (stack.length >= MAX_XML_DEPTH) fail(`elements nested deeper than ${MAX_XML_DEPTH} levels`, lt)
        stack.push({ element, rawName, index: lt, texts: [] })
      }
      i = at + (selfClosing ? 2 : 1)
    }
  }
  const open = stack.at(-1)
  if (open) fail(`<${shown(open.rawName)}> is never closed`, open.index)
  if (!root) fail('there is no root element', 0)
  return root as XmlElement
}
