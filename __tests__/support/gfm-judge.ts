// The judge of what GitHub would render from our Markdown: a real CommonMark +
// GFM parser (micromark with its GFM extensions: tables, autolink literals,
// strikethrough…) builds the tree, and GitHub's own post-processing — mentions
// (@user, @org/team), issue references (#1, GH-1, owner/repo#1), and the
// autolinks it finds in text (www., scheme://, e-mail addresses) — is looked
// for in every text node outside code and links, with patterns stricter than
// GitHub's (any `@` followed by a letter or digit counts).
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import type { Nodes, Root, Table } from 'mdast'

export function parse(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
}

/** What a reader sees of a node: text and code as shown, a hard break as a newline, HTML as written. */
export function shown(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'html') return node.value
  if (node.type === 'break') return '\n'
  return 'children' in node ? node.children.map((c) => shown(c as Nodes)).join('') : ''
}

export interface Finding {
  kind:
    'link' | 'image' | 'html' | 'mention' | 'reference' | 'autolink' | 'emphasis' | 'heading' | 'list' | 'other-block'
  what: string
}

const MENTION = /@[\p{L}\p{N}_]/u
const REFERENCE = /(?:^|[^\p{L}\p{N}_])#\d|\bGH-\d/iu
const AUTOLINK = /www\.|[a-z][a-z0-9+.-]*:\/\//i

export interface JudgeOptions {
  /** raw HTML the document may hold (ours): `<br>` by default */
  html?: readonly string[]
  /** whether emphasis and strong are expected (our own titles) */
  emphasis?: boolean
  /** block types the document may hold besides paragraphs and tables */
  blocks?: readonly Nodes['type'][]
}

/** Every mention, reference, link, tag or unexpected construct GitHub would render from `markdown`. */
export function hazards(markdown: string, options: JudgeOptions = {}): Finding[] {
  const allowedHtml = new Set(options.html ?? ['<br>'])
  const blocks = new Set<string>(['root', 'paragraph', 'table', 'tableRow', 'tableCell', ...(options.blocks ?? [])])
  const found: Finding[] = []
  const visit = (node: Nodes): void => {
    switch (node.type) {
      case 'link':
      case 'linkReference':
      case 'definition':
        found.push({ kind: 'link', what: shown(node) || JSON.stringify(node) })
        return
      case 'image':
      case 'imageReference':
        found.push({ kind: 'image', what: JSON.stringify(node) })
        return
      case 'html':
        if (!allowedHtml.has(node.value)) found.push({ kind: 'html', what: node.value })
        return
      case 'inlineCode':
      case 'break':
        return
      case 'text': {
        const v = node.value
        if (MENTION.test(v)) found.push({ kind: 'mention', what: v })
        if (REFERENCE.test(v)) found.push({ kind: 'reference', what: v })
        if (AUTOLINK.test(v)) found.push({ kind: 'autolink', what: v })
        return
      }
      case 'emphasis':
      case 'strong':
      case 'delete':
        if (!options.emphasis) found.push({ kind: 'emphasis', what: shown(node) })
        break
      case 'heading':
        if (!blocks.has('heading')) found.push({ kind: 'heading', what: shown(node) })
        break
      case 'list':
      case 'listItem':
        if (!blocks.has(node.type)) found.push({ kind: 'list', what: shown(node) })
        break
      default:
        if (!blocks.has(node.type)) found.push({ kind: 'other-block', what: `${node.type}: ${shown(node)}` })
    }
    if ('children' in node) for (const c of node.children) visit(c as Nodes)
  }
  visit(parse(markdown))
  return found
}

/** The tables of a document: each row's cells as a reader sees them. */
export function tables(markdown: string): string[][][] {
  const out: string[][][] = []
  const visit = (node: Nodes): void => {
    if (node.type === 'table') out.push((node as Table).children.map((row) => row.children.map((cell) => shown(cell))))
    else if ('children' in node) for (const c of node.children) visit(c as Nodes)
  }
  visit(parse(markdown))
  return out
}

/** A table's cells as nodes (to check a cell is one code span). */
export function tableCells(markdown: string): Nodes[][][] {
  const out: Nodes[][][] = []
  const visit = (node: Nodes): void => {
    if (node.type === 'table')
      out.push((node as Table).children.map((row) => row.children.map((cell) => cell as Nodes)))
    else if ('children' in node) for (const c of node.children) visit(c as Nodes)
  }
  visit(parse(markdown))
  return out
}

/** The text a reader sees of a whole document (blocks on their own lines, zero-width spaces dropped). */
export function visibleText(markdown: string): string {
  return parse(markdown)
    .children.map((block) => shown(block as Nodes))
    .join('\n')
    .replace(/\u200b/g, '')
}
