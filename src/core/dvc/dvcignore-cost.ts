// The work a `.dvcignore` rule costs the real DVC. DVC matches the rules with
// pathspec's regular expressions, where each `**` segment but a last one (and
// the one implied before a pattern with no slash) is a group that Python's
// `re` backtracks through: a path of d segments can be split among k such
// groups in about C(d, k) ways, and DVC tries them for every folder and file
// it walks that the rule does not match. A few `**` over a shallow folder cost
// nothing; a dozen over a folder 60 deep would take DVC longer than any run
// (issue 19 §5 names the same line for the native engine, which matches it in
// bounded time: globstar.ts). Before the real DVC runs, each rule's work over
// the folder deps below its `.dvcignore` is estimated, and a rule over the
// limit is refused at its line.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Problem } from '../errors.js'

/** Ways to try at most, over every path DVC checks against one rule: DVC tries one to two million a second. */
const MAX_TRIES = 100_000_000

/** A folder dep as DVC walks it: how many entries it checks against the rules, and how deep the deepest lies. */
export interface TreeShape {
  /** repository-relative, `/`-separated */
  rel: string
  entries: number
  /** segments of the deepest entry's repository-relative path */
  depth: number
}

/**
 * Walks a folder dep the way DVC does (no symlinked folder entered) and
 * measures it; stops counting past what any rule could afford.
 */
export function treeShape(root: string, rel: string): TreeShape {
  const shape = { rel, entries: 0, depth: rel.split('/').length }
  const folders = [{ abs: join(root, rel), depth: shape.depth }]
  while (folders.length > 0 && shape.entries <= MAX_TRIES) {
    const { abs, depth } = folders.pop()!
    let names
    try {
      names = readdirSync(abs, { withFileTypes: true })
    } catch {
      continue
    }
    for (const entry of names) {
      shape.entries++
      shape.depth = Math.max(shape.depth, depth + 1)
      if (entry.isDirectory()) folders.push({ abs: join(abs, entry.name), depth: depth + 1 })
    }
  }
  return shape
}

/**
 * The rules of one `.dvcignore` (`file`, repository-relative, read as `text`)
 * that would keep DVC matching for too long over `trees` (the folder deps
 * below it): each named at its line.
 */
export function backtrackingRules(file: string, text: string, trees: readonly TreeShape[]): Problem[] {
  if (trees.length === 0) return []
  const problems: Problem[] = []
  text.split(/\r?\n/).forEach((raw, i) => {
    const pattern = raw.trim()
    if (pattern === '' || pattern.startsWith('#')) return
    const groups = backtrackingGroups(pattern)
    if (groups < 2) return
    const worst = trees
      .map((tree) => ({ tree, tries: tree.entries * ways(tree.depth, groups) }))
      .reduce((a, b) => (b.tries > a.tries ? b : a))
    if (worst.tries <= MAX_TRIES) return
    problems.push({
      file,
      line: i + 1,
      message:
        `refusing to run DVC: the rule ${pattern} has ${groups} ** parts, which DVC's matcher backtracks through ` +
        `for every path of ${worst.tree.rel} (${worst.tree.depth} folders deep, ${worst.tree.entries} entries): DVC would not finish matching it`,
      hint: 'write the rule with fewer ** (one `**/name` usually says the same), or use engine "native", which matches it in bounded time'
    })
  })
  return problems
}

/**
 * The groups pathspec makes of a pattern that backtrack: its `**` segments but
 * a last one (`a/**` is everything below `a`, matched straight through), and
 * the `**` before a pattern anchored nowhere (no slash but a trailing one).
 */
function backtrackingGroups(pattern: string): number {
  const body = pattern.replace(/^!/, '').replace(/\/+$/, '')
  const segments = body.split('/')
  const unanchored = !body.includes('/') ? 1 : 0
  return segments.slice(0, -1).filter((s) => s === '**').length + unanchored
}

/** C(n, k), as a float (Infinity when it overflows). */
function ways(n: number, k: number): number {
  if (k > n) return 0
  let c = 1
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1)
  return c
}
