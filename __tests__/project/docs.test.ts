// The documentation a new user follows stays true: every relative link and
// anchor in README.md, docs/, SECURITY.md and CHANGELOG.md lands on a file and
// a heading that exist; every docs page opens with its title and a one-line
// summary and is linked from the README; docs/examples.md lists every example
// workflow; no page speaks of the project's own history of work ("this round");
// and every message docs/troubleshooting.md quotes is one the code can print.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import type { Heading, Link, Definition, Nodes } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { toString } from 'mdast-util-to-string'
import { gfm } from 'micromark-extension-gfm'
import ts from 'typescript'
import { PROJECT_ROOT } from '../support/action-runner.js'

const read = (file: string): string => readFileSync(join(PROJECT_ROOT, file), 'utf8')
const docsPages = readdirSync(join(PROJECT_ROOT, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => `docs/${f}`)
const pages = ['README.md', 'SECURITY.md', 'CHANGELOG.md', ...docsPages]

const tree = (file: string): Nodes =>
  fromMarkdown(read(file), { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })

function walk(node: Nodes, visit: (n: Nodes) => void): void {
  visit(node)
  if ('children' in node) for (const child of node.children) walk(child as Nodes, visit)
}

/**
 * The anchors GitHub gives a page's headings: github-slugger's rule (lower
 * case; everything but letters, marks, numbers, connector punctuation, spaces
 * and hyphens dropped; spaces become hyphens), a repeated slug numbered -1, -2…
 */
function anchors(file: string): Set<string> {
  const seen = new Map<string, number>()
  const out = new Set<string>()
  walk(tree(file), (n) => {
    if (n.type !== 'heading') return
    const base = toString(n as Heading)
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-')
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    out.add(count === 0 ? base : `${base}-${count}`)
  })
  return out
}

/** Where a relative link of `page` fails to land, in words; undefined when it lands. */
function brokenLink(page: string, url: string): string | undefined {
  const [path, anchor] = url.split('#') as [string, string | undefined]
  const target = path === '' ? page : relative(PROJECT_ROOT, resolve(PROJECT_ROOT, dirname(page), decodeURI(path)))
  if (target.startsWith('..')) return `${url}: leaves the repository`
  if (!existsSync(join(PROJECT_ROOT, target))) return `${url}: ${target} does not exist`
  if (anchor === undefined || anchor === '') return undefined
  if (!target.endsWith('.md') || statSync(join(PROJECT_ROOT, target)).isDirectory())
    return `${url}: an anchor into ${target}, which is not a Markdown page`
  return anchors(target).has(anchor) ? undefined : `${url}: ${target} has no heading #${anchor}`
}

/** The link and reference-definition targets of a page that stay in the repository. */
function relativeLinks(page: string): string[] {
  const urls: string[] = []
  walk(tree(page), (n) => {
    if (n.type === 'link' || n.type === 'definition') urls.push((n as Link | Definition).url)
  })
  return urls.filter((u) => !/^[a-z][a-z0-9+.-]*:/i.test(u))
}

describe('links', () => {
  it.each(pages)('%s: every relative link and anchor lands', (page) => {
    const links = relativeLinks(page)
    expect(links.map((u) => brokenLink(page, u)).filter(Boolean)).toEqual([])
  })

  it('the check does catch a missing file, a missing heading and an anchor on a non-page', () => {
    expect(brokenLink('README.md', 'docs/nope.md')).toBe('docs/nope.md: docs/nope.md does not exist')
    expect(brokenLink('README.md', 'docs/aws.md#no-such-heading')).toBe(
      'docs/aws.md#no-such-heading: docs/aws.md has no heading #no-such-heading'
    )
    expect(brokenLink('docs/examples.md', '../LICENSE#x')).toContain('not a Markdown page')
    expect(brokenLink('README.md', '#pin-the-version')).toBeUndefined()
    expect(brokenLink('docs/aws.md', '../README.md#inputs')).toBeUndefined()
  })
})

describe('docs/', () => {
  it.each(docsPages)('%s opens with its title and a one-line summary', (page) => {
    const [title, blank, summary, after] = read(page).split('\n')
    expect(title).toMatch(/^# \S/)
    expect(blank).toBe('')
    expect(summary).toMatch(/^\S.*[.)]$/)
    expect(after).toBe('')
  })

  it('the README links every docs page', () => {
    const linked = new Set(relativeLinks('README.md').map((u) => u.split('#')[0]))
    expect(docsPages.filter((p) => !linked.has(p))).toEqual([])
  })

  it('docs/examples.md lists every example workflow', () => {
    const linked = new Set(relativeLinks('docs/examples.md').map((u) => u.replace(/^\.\.\//, '')))
    const examples = readdirSync(join(PROJECT_ROOT, 'examples/workflows'))
      .filter((f) => f.endsWith('.yml'))
      .map((f) => `examples/workflows/${f}`)
    expect(examples.length).toBeGreaterThanOrEqual(7)
    expect(examples.filter((e) => !linked.has(e))).toEqual([])
  })

  it('no page speaks of the history of its own writing', () => {
    const history = /\b(?:this|last|previous|earlier|next) round\b|\bbefore this round\b|\bthis (?:iteration|sprint)\b/i
    expect(pages.filter((p) => history.test(read(p)))).toEqual([])
  })
})

// ——— every message the troubleshooting table quotes is one the code can print ———

const HOLE = null
type Piece = string | typeof HOLE

/** Every string the code can print, as its literal pieces and the holes (`${…}`, other expressions) between them. */
function codeTexts(): Piece[][] {
  const files = (dir: string): string[] =>
    readdirSync(join(PROJECT_ROOT, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : []
    )
  const pieces = (node: ts.Node): Piece[] => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text]
    if (ts.isTemplateExpression(node))
      return [node.head.text, ...node.templateSpans.flatMap((s): Piece[] => [HOLE, s.literal.text])]
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
      return [...pieces(node.left), ...pieces(node.right)]
    if (ts.isParenthesizedExpression(node)) return pieces(node.expression)
    return [HOLE]
  }
  const isText = (n: ts.Node): boolean =>
    ts.isStringLiteral(n) ||
    ts.isNoSubstitutionTemplateLiteral(n) ||
    ts.isTemplateExpression(n) ||
    (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) ||
    ts.isParenthesizedExpression(n)
  const texts: Piece[][] = []
  for (const file of files('src')) {
    const visit = (node: ts.Node): void => {
      // the outermost string, concatenation or parenthesis: one text
      if (isText(node) && !isText(node.parent)) texts.push(pieces(node))
      ts.forEachChild(node, visit)
    }
    visit(ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, true))
  }
  // adjacent literals joined, empty ones dropped, runs of holes made one
  return texts.map((text) => {
    const out: Piece[] = []
    for (const p of text) {
      if (p === '') continue
      if (p === HOLE) {
        if (out.at(-1) !== HOLE) out.push(HOLE)
      } else if (typeof out.at(-1) === 'string') out[out.length - 1] += p
      else out.push(p)
    }
    return out
  })
}

/**
 * How many characters of `fragment` the literal pieces of `text` account for
 * when the fragment fits inside some text the code prints (its holes take any
 * words: a file name, a number, a setting's name; words that are themselves a
 * whole string of the code, such as a default, count as the code's); -1 when
 * it cannot fit.
 */
function fit(fragment: string, text: Piece[], whole: Set<string>): number {
  const filled = (words: string): number => (whole.has(words) ? words.length : 0)
  // from piece k on, with `rest` of the fragment still to place
  const from = (k: number, rest: string, matched: number): number => {
    while (rest.length > 0) {
      if (k >= text.length) return -1
      const piece = text[k]
      if (piece !== HOLE) {
        if (rest.length <= piece.length) return piece.startsWith(rest) ? matched + rest.length : -1
        if (!rest.startsWith(piece)) return -1
        rest = rest.slice(piece.length)
        matched += piece.length
        k += 1
        continue
      }
      const next = text[k + 1] as string | undefined
      if (next === undefined) return matched // the hole takes the rest
      const at = rest.indexOf(next)
      if (at >= 0) {
        matched += filled(rest.slice(0, at)) + next.length
        rest = rest.slice(at + next.length)
        k += 2
        continue
      }
      // the fragment ends inside the next piece, after the hole
      for (let n = Math.min(rest.length, next.length); n > 0; n--)
        if (next.startsWith(rest.slice(-n))) return matched + n
      return matched
    }
    return matched
  }
  let best = -1
  text.forEach((piece, j) => {
    if (piece === HOLE) best = Math.max(best, from(j, fragment, 0))
    else
      for (let o = 0; o < piece.length; o++) {
        const head = piece.slice(o)
        if (fragment.length <= head.length) {
          if (head.startsWith(fragment)) best = Math.max(best, fragment.length)
        } else if (fragment.startsWith(head))
          best = Math.max(best, from(j + 1, fragment.slice(head.length), head.length))
      }
  })
  return best
}

/** The quoted message beginnings in the first column of troubleshooting.md's tables, cut at each `…`. */
function quotedFragments(): string[] {
  const fragments: string[] = []
  for (const line of read('docs/troubleshooting.md').split('\n')) {
    if (!line.startsWith('| ') || line.startsWith('| ---') || line.startsWith('| message')) continue
    const first = line.split(/(?<!\\)\|/)[1]
    for (const m of first.matchAll(/(`+) ?(.*?) ?\1/g))
      for (const part of m[2].split('…')) if (part.trim().length >= 8) fragments.push(part.trim())
  }
  return fragments
}

/**
 * Fragments no text of the code can print: most of each must be the code's own
 * words, not holes, in one text or in two that follow each other (a message
 * joined from a choice of words and a clause: "GitHub's API rate limit" + " (it resets at …)").
 */
function unprintable(fragments: string[], texts: Piece[][]): string[] {
  const whole = new Set(texts.filter((t) => t.length === 1 && t[0] !== HOLE).map((t) => t[0] as string))
  const fits = (f: string): boolean =>
    Math.max(...texts.map((t) => fit(f, t, whole))) >= Math.min(12, Math.ceil(f.length / 2))
  return fragments.filter((f) => {
    if (fits(f)) return false
    // each of the two at least 12 characters: short words fit anywhere
    for (let i = 12; i <= f.length - 12; i++) if (fits(f.slice(0, i)) && fits(f.slice(i))) return false
    return true
  })
}

describe('docs/troubleshooting.md', () => {
  const texts = codeTexts()

  it('quotes only messages the code can print', () => {
    const fragments = quotedFragments()
    expect(fragments.length).toBeGreaterThan(60)
    expect(unprintable(fragments, texts)).toEqual([])
  })

  it('the check does catch a message the code never prints, and passes one with its holes filled', () => {
    expect(unprintable(['the pipeline has a loop between stages'], texts)).toHaveLength(1)
    expect(unprintable(['the cache bucket was emptied by a cron job'], texts)).toHaveLength(1)
    expect(unprintable(['input engine must be auto, native or dvc, not "natve"'], texts)).toEqual([])
  })
})
