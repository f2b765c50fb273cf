// The one renderer of text into GitHub's Markdown (comments, the job summary,
// pull-request bodies). Repository text (paths, stage and dep names, reasons,
// DVC's and git's words) is never Markdown: it becomes a code span (`code`),
// or plain text with every Markdown construct escaped and every mention,
// reference and autolink GitHub would find broken (`text`).
//
// `Markdown` is a branded string only this module makes: the builders of the
// summary, the comment and the pull-request body take `Markdown`, so a raw
// string cannot reach GitHub by mistake — the type checker refuses it. Our own
// Markdown is written with the `own` template tag, whose literal parts are the
// source code's and whose values must already be `Markdown` (or numbers).

import { HIDDEN_CHARACTERS } from '../core/log.js'
import { breakReferences, ZWSP } from '../core/references.js'

declare const rendered: unique symbol
/** Markdown made by this module: repository text inside it is inert. */
export type Markdown = string & { readonly [rendered]: true }

const trusted = (s: string): Markdown => s as Markdown

/** Our own Markdown: the template's literal text is trusted, its values must be rendered already. */
export function own(strings: TemplateStringsArray, ...values: (Markdown | number)[]): Markdown {
  let out = strings[0]
  values.forEach((v, i) => (out += String(v) + strings[i + 1]))
  return trusted(out)
}

/** A number of our own with `digits` decimals (`2.3`): digits and a point are never Markdown. */
export function decimal(value: number, digits: number): Markdown {
  return trusted(value.toFixed(digits))
}

/** Rendered parts joined by a separator of our own. */
export function join(parts: readonly Markdown[], separator: Markdown | '' = ''): Markdown {
  return trusted(parts.join(separator))
}

export const EMPTY = trusted('')
export const LINE_BREAK = trusted('<br>')

// Characters that can hide or reorder what a reader sees (C0/C1 controls other
// than tab and the line breaks, bidirectional marks, overrides and isolates; the
// set the log's escaper uses): shown as `\u202e`-style escapes.
const HIDDEN = new RegExp(`[${HIDDEN_CHARACTERS}]`, 'g')
const LINE_BREAKS = /\r\n|\r|\n|\u2028|\u2029/g

/** One line of visible characters: line breaks become spaces, hidden characters `\u202e`-style escapes. */
function visible(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(HIDDEN, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/**
 * A repository string as a code span: nothing inside is rendered (no HTML,
 * mention, link or emphasis). Fenced with one backtick more than the longest
 * run inside; padded with a space where CommonMark would otherwise eat an edge
 * backtick or an edge space. A backslash right before `|` gets a zero-width
 * space between them, so that a table's `\|` escape cannot swallow it. The
 * empty string shows as (empty), as plain text.
 */
export function code(value: string): Markdown {
  const flat = visible(value).replace(/\\(?=\|)/g, `\\${ZWSP}`)
  if (flat === '') return trusted('(empty)')
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const edgeSpaces = flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== ''
  const pad = flat.startsWith('`') || flat.endsWith('`') || edgeSpaces ? ' ' : ''
  return trusted(`${fence}${pad}${flat}${pad}${fence}`)
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g

/**
 * Text that is not Markdown, as plain text: mentions, references and
 * autolinks GitHub finds in text outside code and links broken (see
 * core/references.ts), then every ASCII punctuation escaped.
 */
function plain(value: string): string {
  return breakReferences(visible(value)).replace(ASCII_PUNCTUATION, (c) => `\\${c}`)
}

/**
 * A sentence (ours, or quoting repository text: a reason, an error message,
 * DVC's or git's words) as one line of plain text. Every Markdown construct
 * shows literally (CommonMark: an escaped ASCII punctuation character is a
 * literal character), and what GitHub would turn into a mention, a reference
 * or a link is broken with a zero-width space. Parts between a pair of
 * backticks are shown as code spans (through `code`), so the action's own
 * `input: value` quotes stay readable; whatever the pairing, every part is
 * inert.
 */
export function text(value: string): Markdown {
  const parts = visible(value).split(/`([^`]+)`/)
  return trusted(parts.map((part, i) => (i % 2 === 1 ? code(part) : plain(part))).join(''))
}

/**
 * A link of our own (a pull request, this run) to an http(s) URL the action
 * built; any other URL shows as text. Characters that could end the link
 * destination are percent-encoded.
 */
export function link(label: Markdown, url: string): Markdown {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return text(url)
  const safe = url.replace(/[()<>\\`"'\s|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
  return trusted(`[${label}](${safe})`)
}

/**
 * A table row from rendered cells: a `|` inside a cell (a code span's, or
 * our own) is escaped so it cannot split the cell; a `\|` that is already an
 * escaped pipe (from `text`) stays as it is.
 */
export function tableRow(cells: readonly (Markdown | number)[]): Markdown {
  return trusted(`| ${cells.map((c) => String(c).replace(/(?<!\\)\|/g, '\\|')).join(' | ')} |`)
}

/** A table's header and delimiter rows; `align` per column: `l` (default) or `r`. */
export function tableHead(headers: readonly string[], align: readonly ('l' | 'r')[] = []): Markdown {
  const head = tableRow(headers.map((h) => text(h)))
  const delimiter = `| ${headers.map((_, i) => (align[i] === 'r' ? '---:' : '---')).join(' | ')} |`
  return trusted(`${head}\n${delimiter}`)
}

/**
 * Plain text for an annotation title (GitHub shows it as text, and
 * @actions/core escapes it for the workflow command): one line of visible
 * characters, at most 200 of them.
 */
export function annotationTitle(value: string): string {
  const flat = [...visible(value).trim()] // characters, so that no surrogate pair is cut in two
  return flat.length > 200 ? `${flat.slice(0, 199).join('')}…` : flat.join('')
}

/** GitHub counts a comment's length in characters: JavaScript's UTF-16 length is never fewer. */
export const commentLength = (s: string): number => s.length
/** The runner measures the job summary in bytes. */
export const summaryBytes = (s: string): number => Buffer.byteLength(s, 'utf8')

/**
 * A part of a document that can be shortened to fit: a head (a title and a
 * table's header rows), rows in order of importance (most important first),
 * and a tail (e.g. a total row and notes). Rows that do not fit are left out
 * and counted in a line of `more(n)`.
 */
export interface Shortenable {
  head: Markdown
  rows: readonly Markdown[]
  /** comes after the kept rows (a total row, a note) */
  tail?: Markdown
  /** the line that says how many rows were left out */
  more: (left: number) => Markdown
}

export type Block = Markdown | Shortenable

function isShortenable(block: Block): block is Shortenable {
  return typeof block === 'object'
}

/** The rendering of a block with its first `keep` rows. */
function renderBlock(block: Shortenable, keep: number): string {
  const left = block.rows.length - keep
  const lines = [block.head, ...block.rows.slice(0, keep)]
  if (block.tail) lines.push(block.tail)
  let out = lines.join('\n') + '\n'
  if (left > 0) out += `\n${block.more(left)}\n`
  return out
}

/**
 * Blocks joined into one document no longer than `limit` (in `measure`'s
 * unit). Fixed blocks are kept whole while they fit; shortenable ones keep as
 * many of their most important rows as fit, the earlier block first, and say
 * how many they left out. When even the fixed parts do not fit, the document
 * is cut at a line and ends with `cut`.
 */
export function fit(
  blocks: readonly Block[],
  limit: number,
  measure: (s: string) => number,
  cut: Markdown = own`
_… shortened to fit GitHub's size limit._
  `
): Markdown {
  const whole = blocks.map((b) => (isShortenable(b) ? renderBlock(b, b.rows.length) : b)).join('\n')
  if (measure(whole) <= limit) return trusted(whole)
  // the least each block takes: fixed blocks whole, shortenable ones with no rows
  const least = blocks.map((b) => measure(isShortenable(b) ? renderBlock(b, 0) : b) + 1)
  let room = limit - least.reduce((a, b) => a + b, 0)
  const out: string[] = []
  blocks.forEach((b) => {
    if (!isShortenable(b)) return out.push(b)
    // rows cost their line; the "more" line is already counted in the least size (its count may grow a digit)
    let keep = 0
    while (keep < b.rows.length && measure(b.rows[keep]) + 1 + 4 <= room) room -= measure(b.rows[keep++]) + 1
    out.push(renderBlock(b, keep))
  })
  const joined = out.join('\n')
  if (measure(joined) <= limit) return trusted(joined)
  return cutAt(joined, limit - measure(cut) - 2, measure, cut)
}

/** Blocks joined whole, however long. */
export function render(blocks: readonly Block[]): Markdown {
  return fit(blocks, Infinity, (s) => s.length)
}

/** The longest prefix of whole lines within `limit`, then `cut`. */
function cutAt(doc: string, limit: number, measure: (s: string) => number, cut: Markdown): Markdown {
  const kept: string[] = []
  let size = 0
  for (const line of doc.split('\n')) {
    const cost = measure(line) + 1
    if (size + cost > limit) break
    kept.push(line)
    size += cost
  }
  return trusted(`${kept.join('\n')}\n\n${cut}\n`)
}
