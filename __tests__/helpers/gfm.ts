import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'
import { parse } from 'parse5'

/** GitHub Flavored Markdown to HTML with a spec-following parser; raw HTML passes, as GitHub lets some through. */
export function renderGfm(markdown: string): string {
  return micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true })
}

export interface HtmlNode {
  nodeName: string
  value?: string
  attrs?: { name: string; value: string }[]
  childNodes?: HtmlNode[]
}

function walk(node: HtmlNode, visit: (node: HtmlNode) => void): void {
  visit(node)
  for (const child of node.childNodes ?? []) walk(child, visit)
}

/** The text as a person reads it: a no-break space (which keeps a status emoji with its word) reads as a space. */
export function textOf(node: HtmlNode): string {
  let text = ''
  walk(node, (n) => {
    if (n.nodeName === '#text') text += (n.value ?? '').replace(/\u00a0/g, ' ')
    if (n.nodeName === 'br') text += '\n'
  })
  return text
}

/** Every element of the rendered HTML, by tag name. */
export function elements(html: string, tag?: string): HtmlNode[] {
  const found: HtmlNode[] = []
  walk(parse(html) as unknown as HtmlNode, (node) => {
    if (!node.nodeName.startsWith('#') && (tag === undefined || node.nodeName === tag)) found.push(node)
  })
  return found
}

/** Each table as rows of cell texts (header row first). */
export function tables(html: string): string[][][] {
  return elements(html, 'table').map((table) =>
    elementsIn(table, 'tr').map((row) => elementsIn(row, 'td').concat(elementsIn(row, 'th')).map(textOf))
  )
}

export function elementsIn(node: HtmlNode, tag: string): HtmlNode[] {
  const found: HtmlNode[] = []
  walk(node, (n) => {
    if (n.nodeName === tag) found.push(n)
  })
  return found
}
