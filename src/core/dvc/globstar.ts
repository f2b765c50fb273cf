// A gitignore pattern that holds `**`, matched segment by segment in time
// bounded by (pattern segments × path segments × segment length). The `ignore`
// package turns each `/**/` into `(?:\/[^\/]+)*` of a JavaScript regular
// expression, which backtracks: a one-line `.dvcignore` with a dozen
// `**/a/` segments over a deep folder dep took minutes per path. Patterns
// without `**` stay with `ignore` (their expressions cannot repeat across
// segments); this matcher gives the others the same answers (a property test
// holds it to `ignore` on small inputs).

/** One character test of a segment glob. */
type Token =
  { kind: 'char'; char: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; test: (c: string) => boolean }

/** A path segment of the pattern: `**` (any number of folders), or a glob of one segment. */
type Segment = { globstar: true } | { globstar: false; tokens: Token[] }

export class GlobstarPattern {
  private readonly segments: Segment[]
  private readonly dirOnly: boolean
  /** `/**` at the end: everything inside, never the folder itself */
  private readonly trailingGlobstar: boolean

  private constructor(segments: Segment[], dirOnly: boolean, trailingGlobstar: boolean) {
    this.segments = segments
    this.dirOnly = dirOnly
    this.trailingGlobstar = trailingGlobstar
  }

  /**
   * The matcher for `pattern` (a gitignore line without its leading `!`), or
   * undefined when it holds no `**` segment or a form this matcher does not
   * read (an escaped slash, an empty segment, an unterminated bracket).
   */
  static parse(pattern: string): GlobstarPattern | undefined {
    let body = pattern
    const dirOnly = body.endsWith('/') && !body.endsWith('\\/')
    if (dirOnly) body = body.replace(/\/+$/, '')
    if (body.includes('\\/')) return undefined
    // A `**` segment beside another holds a slash, so the pattern is anchored to its folder.
    if (body.startsWith('/')) body = body.slice(1)
    const parts = body.split('/')
    if (parts.some((p) => p === '')) return undefined
    const segments: Segment[] = []
    for (const part of parts) {
      if (/^\*{2,}$/.test(part)) {
        if (!segments.at(-1)?.globstar) segments.push({ globstar: true })
        continue
      }
      const tokens = tokenize(part)
      if (!tokens) return undefined
      segments.push({ globstar: false, tokens })
    }
    if (!segments.some((s) => s.globstar)) return undefined
    // `**` alone matches every path, as `/**` does
    if (segments.length === 1) return new GlobstarPattern(segments, dirOnly, false)
    const trailing = segments.at(-1)!.globstar
    return new GlobstarPattern(segments, dirOnly, trailing)
  }

  /**
   * Whether `path` (relative to the pattern's folder, `/`-separated, no
   * trailing slash) matches; with `orInside`, also when a folder above it does.
   * One pass over the path's segments, carrying the set of pattern positions
   * reached (a state machine, not backtracking).
   */
  matches(path: string, isDir: boolean, orInside = false): boolean {
    const parts = path.split('/')
    const n = this.segments.length
    let states = this.closure(new Set([0]))
    for (let j = 0; j < parts.length; j++) {
      const next = new Set<number>()
      for (const i of states) {
        if (i === n) continue
        const segment = this.segments[i]
        if (segment.globstar) {
          next.add(i)
          if (i === n - 1 && this.trailingGlobstar) next.add(n)
        } else if (globMatches(segment.tokens, parts[j])) next.add(i + 1)
      }
      states = this.closure(next)
      if (states.size === 0) return false
      const last = j === parts.length - 1
      // a folder above the path (j < last) is a folder: a dir-only pattern may match it
      if (states.has(n) && (last ? isDir || !this.dirOnly : orInside)) return true
    }
    return false
  }

  /** The positions reachable without reading a segment: past a `**` that matches no folder. */
  private closure(states: Set<number>): Set<number> {
    for (const i of [...states]) {
      for (let k = i; k < this.segments.length && this.segments[k].globstar; k++) {
        if (k === this.segments.length - 1 && this.trailingGlobstar) break // `/**` needs one segment
        states.add(k + 1)
      }
    }
    return states
  }
}

/** The tokens of one segment's glob; undefined for an unterminated bracket expression. */
function tokenize(part: string): Token[] | undefined {
  const tokens: Token[] = []
  for (let i = 0; i < part.length; i++) {
    const c = part[i]
    if (c === '\\') {
      if (i + 1 < part.length) tokens.push({ kind: 'char', char: part[++i] })
      continue // a trailing backslash matches nothing more
    }
    if (c === '*') {
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' })
    } else if (c === '?') tokens.push({ kind: 'any' })
    else if (c === '[') {
      const bracket = readBracket(part, i)
      if (!bracket) return undefined
      tokens.push({ kind: 'class', test: bracket.test })
      i = bracket.end
    } else tokens.push({ kind: 'char', char: c })
  }
  return tokens
}

const POSIX_CLASSES: Record<string, RegExp> = {
  alnum: /[A-Za-z0-9]/,
  alpha: /[A-Za-z]/,
  blank: /[ \t]/,
  cntrl: /[\x00-\x1f\x7f]/,
  digit: /[0-9]/,
  graph: /[!-~]/,
  lower: /[a-z]/,
  print: /[ -~]/,
  punct: /[!-/:-@[-`{-~]/,
  space: /[ \t\n\r\f\v]/,
  upper: /[A-Z]/,
  xdigit: /[0-9A-Fa-f]/
}

/** A bracket expression from `part[start] === '['` (git's wildmatch members); its end index, or undefined. */
function readBracket(part: string, start: number): { end: number; test: (c: string) => boolean } | undefined {
  let i = start + 1
  const negated = part[i] === '!' || part[i] === '^'
  if (negated) i++
  const tests: Array<(c: string) => boolean> = []
  let first = true
  for (; i < part.length; i++) {
    let c = part[i]
    if (c === ']' && !first) {
      const members = tests
      return { end: i, test: (ch) => ch !== '/' && members.some((t) => t(ch)) !== negated }
    }
    first = false
    if (c === '[' && part[i + 1] === ':') {
      const close = part.indexOf(':]', i + 2)
      if (close < 0) return undefined
      const cls = POSIX_CLASSES[part.slice(i + 2, close)]
      if (!cls) return undefined
      tests.push((ch) => cls.test(ch))
      i = close + 1
      continue
    }
    if (c === '\\') {
      if (i + 1 >= part.length) return undefined
      c = part[++i]
    }
    if (part[i + 1] === '-' && part[i + 2] !== undefined && part[i + 2] !== ']') {
      let hi = part[i + 2]
      i += 2
      if (hi === '\\') {
        if (i + 1 >= part.length) return undefined
        hi = part[++i]
      }
      const lo = c
      tests.push((ch) => ch >= lo && ch <= hi)
    } else {
      const literal = c
      tests.push((ch) => ch === literal)
    }
  }
  return undefined
}

/**
 * Whether one path segment matches a glob's tokens: the classic greedy scan
 * that returns to the last `*` on a mismatch, so each (token, character) pair
 * is visited a bounded number of times — never the regex engine's backtracking.
 */
function globMatches(tokens: Token[], text: string): boolean {
  let t = 0
  let s = 0
  let starT = -1
  let starS = 0
  while (s < text.length) {
    const token = tokens[t]
    if (token && token.kind === 'star') {
      starT = t++
      starS = s
      continue
    }
    if (token && matchesOne(token, text[s])) {
      t++
      s++
      continue
    }
    if (starT < 0) return false
    t = starT + 1
    s = ++starS
  }
  while (tokens[t]?.kind === 'star') t++
  return t === tokens.length
}

function matchesOne(token: Token, c: string): boolean {
  if (token.kind === 'char') return token.char === c
  if (token.kind === 'any') return c !== '/'
  if (token.kind === 'class') return token.test(c)
  return false
}
