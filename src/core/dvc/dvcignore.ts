// `.dvcignore`, as DVC applies it (dvc/ignore.py, DVC 3): gitignore-style
// patterns in a `.dvcignore` file apply to paths below its folder; the files
// of the folders from the repository root down are read in turn and the last
// matching rule wins (DVC merges them into one list, the parent's first);
// a folder that is ignored hides everything below it. DVC uses the rules when
// it lists a directory dep or out (the files it hashes) and refuses an out
// that is ignored itself; a file dep is never checked against them.
// The matching is the `ignore` package's (gitignore rules, as pathspec's
// GitIgnoreSpecPattern that DVC uses); the differential test holds both to
// the real DVC. A pattern holding `**` is matched by globstar.ts instead:
// `ignore` turns each `**` into a repetition of a regular expression, and
// several of them backtrack without bound over a deep path.
import { lstatSync } from 'node:fs'
import { join } from 'node:path'
import ignore, { type Ignore } from 'ignore'
import { GraftError } from '../errors.js'
import { RepoPathChecker } from '../repo/resolver.js'
import { GlobstarPattern } from './globstar.js'

export const DVCIGNORE = '.dvcignore'

/** The rule that decided, for messages: `.dvcignore:4:out.md`. */
export interface IgnoreRule {
  /** repository-relative path of the `.dvcignore` file */
  file: string
  /** 1-based */
  line: number
  pattern: string
}

/**
 * The rules of one file in their order: runs of plain patterns in one
 * `ignore` matcher, each pattern with `**` on its own; the last that decides wins.
 */
type RuleGroup = { rules: Ignore } | { globstar: GlobstarPattern; negative: boolean; line: number; pattern: string }

interface Level {
  /** the folder the rules belong to, repository-relative ('' for the root) */
  base: string
  file: string
  groups: RuleGroup[]
}

interface Verdict {
  ignored: boolean
  unignored: boolean
  rule?: IgnoreRule
}

/**
 * The `.dvcignore` rules of one repository, read lazily, each file once. Use
 * one per run: it does not notice a `.dvcignore` changing afterwards.
 */
export class DvcIgnore {
  /** folder → its own rules (null: no .dvcignore there) */
  private readonly own = new Map<string, Level | null>()

  private readonly paths: RepoPathChecker

  constructor(root: string) {
    this.paths = new RepoPathChecker(root)
  }

  /** True when no `.dvcignore` applies inside `relDir` (nothing to filter: the common case). */
  isEmptyFor(relDir: string): boolean {
    return this.levels(relDir).length === 0
  }

  /**
   * Whether DVC ignores `relPath` (repository-relative, `/`-separated), its
   * parent folders included, and the rule that decided.
   */
  check(relPath: string, isDir: boolean): { ignored: boolean; rule?: IgnoreRule } {
    const parts = relPath.split('/')
    for (let i = 1; i < parts.length; i++) {
      const parent = this.match(parts.slice(0, i).join('/'), true)
      if (parent.ignored) return parent
    }
    return this.match(relPath, isDir)
  }

  /**
   * Whether a path is ignored by the rules of the folders above it, its
   * parent folders NOT checked: for a walk that does not enter ignored folders.
   */
  match(relPath: string, isDir: boolean): { ignored: boolean; rule?: IgnoreRule } {
    const slash = relPath.lastIndexOf('/')
    let verdict: { ignored: boolean; rule?: IgnoreRule } = { ignored: false }
    for (const level of this.levels(slash < 0 ? '' : relPath.slice(0, slash))) {
      const result = testLevel(level, level.base === '' ? relPath : relPath.slice(level.base.length + 1), isDir)
      if (result.ignored) verdict = { ignored: true, rule: result.rule }
      else if (result.unignored) verdict = { ignored: false }
    }
    return verdict
  }

  /** The rule sets that apply inside `relDir`: its own and its parents', the root's first. */
  private levels(relDir: string): Level[] {
    const levels: Level[] = []
    const parts = relDir === '' ? [] : relDir.split('/')
    for (let i = 0; i <= parts.length; i++) {
      const dir = parts.slice(0, i).join('/')
      let level = this.own.get(dir)
      if (level === undefined) {
        level = this.read(dir, levels)
        this.own.set(dir, level)
      }
      if (level) levels.push(level)
    }
    return levels
  }

  private read(dir: string, above: Level[]): Level | null {
    const file = dir === '' ? DVCIGNORE : `${dir}/${DVCIGNORE}`
    // Most folders have none: one lstat says so (a stat reads nothing; anything there is judged below).
    if (absent(join(this.paths.root, file))) return null
    let text: string | undefined
    try {
      // Through the resolver, as a pipeline file: a plain file inside the repository, never a symlink
      // (one to /dev/zero or a FIFO would exhaust memory or hang the run; one outside would be read).
      text = this.paths.readText(file, 'pipeline')
    } catch (e) {
      if (e instanceof GraftError) throw e
      const code = (e as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'ENOTDIR') return null
      throw new GraftError({
        file,
        message: `${file} cannot be read (${code ?? (e as Error).message})`,
        hint: 'make it a readable text file of ignore patterns, or remove it'
      })
    }
    if (text === undefined) return null
    // DVC skips a .dvcignore that the rules above it ignore.
    if (above.length > 0 && this.matchIn(above, file)) return null
    return { base: dir, file, groups: ruleGroups(file, text) }
  }

  private matchIn(levels: Level[], relPath: string): boolean {
    let ignored = false
    for (const level of levels) {
      const r = testLevel(level, level.base === '' ? relPath : relPath.slice(level.base.length + 1), false)
      if (r.ignored) ignored = true
      else if (r.unignored) ignored = false
    }
    return ignored
  }
}

/** A `**` segment: the pattern goes to the globstar matcher. */
const GLOBSTAR_SEGMENT = /(?:^|\/)\*{2,}(?:\/|$)/g

function ruleGroups(file: string, text: string): RuleGroup[] {
  const groups: RuleGroup[] = []
  // DVC strips each line and drops blank lines and comments (dvc/ignore.py DvcIgnorePatterns.from_file).
  text.split(/\r?\n/).forEach((raw, i) => {
    const pattern = raw.trim()
    if (pattern === '' || pattern.startsWith('#')) return
    const negative = pattern.startsWith('!')
    const body = negative ? pattern.slice(1) : pattern
    const globstar = (body.match(GLOBSTAR_SEGMENT)?.length ?? 0) > 0 ? GlobstarPattern.parse(body) : undefined
    if (globstar) {
      groups.push({ globstar, negative, line: i + 1, pattern })
      return
    }
    if ((body.match(GLOBSTAR_SEGMENT)?.length ?? 0) > 1) {
      throw new GraftError({
        file,
        line: i + 1,
        message: `${file} has a pattern with several ** segments in a form the action cannot match in bounded time (an escaped slash, an empty segment or an unterminated [ ): ${pattern}`,
        hint: 'write the pattern with plain / separators and closed [ ] brackets, or with fewer ** segments'
      })
    }
    let last = groups.at(-1)
    if (!last || !('rules' in last)) {
      // Case-sensitive, as DVC's (pathspec's regular expressions are compiled without IGNORECASE).
      last = { rules: ignore({ ignorecase: false }) }
      groups.push(last)
    }
    last.rules.add({ pattern, mark: String(i + 1) })
  })
  return groups
}

/** The verdict of one file's rules on `sub` (relative to the file's folder): the last group that decides wins. */
function testLevel(level: Level, sub: string, isDir: boolean): Verdict {
  let verdict: Verdict = { ignored: false, unignored: false }
  for (const group of level.groups) {
    if ('rules' in group) {
      const result = group.rules.test(isDir ? `${sub}/` : sub)
      if (result.ignored) {
        const rule = { file: level.file, line: Number(result.rule?.mark ?? 0), pattern: result.rule?.pattern ?? '' }
        verdict = { ignored: true, unignored: false, rule }
      } else if (result.unignored) verdict = { ignored: false, unignored: true }
      continue
    }
    const rule = { file: level.file, line: group.line, pattern: group.pattern }
    if (group.negative) {
      if (group.globstar.matches(sub, isDir)) verdict = { ignored: false, unignored: true }
    } else if (group.globstar.matches(sub, isDir, true)) {
      verdict = { ignored: true, unignored: false, rule }
    }
  }
  return verdict
}

/** Nothing at `abs` (ENOENT, or a file where a folder should be): the only answers that skip the resolver. */
function absent(abs: string): boolean {
  try {
    return lstatSync(abs, { throwIfNoEntry: false }) === undefined
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOTDIR'
  }
}
