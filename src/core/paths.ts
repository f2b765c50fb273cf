// Path safety. Every path the action reads as a dep or writes as an output comes
// from a file a pull request can edit, so each one is checked before use: it
// must stay inside the repository, outputs never land in git's or GitHub's own
// folders, and no symlink may lead out of the repository.
import { lstatSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs'
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path'
import { GraftError } from './errors.js'

/** DVC's own pipeline files at the repository root: written by generate, never outputs of a stage. */
export const PIPELINE_FILES: ReadonlySet<string> = new Set(['dvc.yaml', 'dvc.lock'])

export type PathRole = 'output' | 'dep'

/** Folders an output may never be written into (first path segment). */
const FORBIDDEN_OUTPUT_ROOTS = ['.git', '.github']
/** Files the action writes itself; an output of that name would clobber them. */
const RESERVED_OUTPUTS = ['dvc.yaml', 'dvc.lock']

/** What posix.normalize (or the trailing-slash rule) would change: `\\`, `//`, `.` or `..` segments, a final `/`. */
const NOT_NORMAL = /\\|\/\/|(?:^|\/)\.\.?(?:\/|$)|\/$/

/** `./docs//a.md/` → `docs/a.md`. Leaves `..` and absolute paths for the checks to refuse. */
export function normalizeRepoPath(path: string): string {
  if (path !== '' && !NOT_NORMAL.test(path)) return path // the common case, without allocating
  const slashed = path.replace(/\\/g, '/')
  const normal = posix.normalize(slashed)
  return normal.length > 1 ? normal.replace(/\/+$/, '') : normal
}

/** True when `inner` equals `outer` or lies inside it, segment-aware (`a` holds `a/b`, not `ab`). */
export function isSameOrInside(outer: string, inner: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith('/') ? outer : `${outer}/`)
}

/**
 * The checks that need no file system: empty, absolute, `..` escapes, `.git/`
 * (and for outputs `.github/`, the repository root, dvc.yaml, dvc.lock).
 */
export function lexicalPathProblem(rel: string, role: PathRole): string | undefined {
  if (rel.trim() === '') return `the ${role} path is empty`
  if (isAbsolute(rel) || /^[A-Za-z]:[\\/]/.test(rel) || rel.startsWith('\\')) {
    return `${rel} is an absolute path; paths are relative to the repository root`
  }
  const norm = normalizeRepoPath(rel)
  if (norm === '..' || norm.startsWith('../')) return `${rel} leaves the repository`
  const first = norm.split('/')[0]
  if (first === '.git') return `${rel} is inside .git/`
  if (role === 'output') {
    if (norm === '.') return `${rel} is the repository root, not a file`
    if (FORBIDDEN_OUTPUT_ROOTS.includes(first)) return `${rel} is inside ${first}/, where the action never writes`
    if (RESERVED_OUTPUTS.includes(norm)) return `${rel} is the pipeline's own ${norm}`
  }
  return undefined
}

/**
 * A problem message for a repository-relative path, or undefined when it is
 * safe: the lexical checks, then every existing component is walked and a
 * symlink that resolves (or dangles) outside the repository is refused.
 */
export function checkRepoPath(root: string, rel: string, role: PathRole): string | undefined {
  return new RepoPathChecker(root).check(rel, role)
}

/**
 * checkRepoPath for many paths of one repository: the root's real path and
 * each component's lstat are looked up once. Use one checker per run only:
 * it never notices the file system changing.
 */
export class RepoPathChecker {
  private realRoot?: string
  private readonly lstats = new Map<string, Stats | undefined>()
  private readonly verdicts: Record<PathRole, Map<string, string | undefined>> = { output: new Map(), dep: new Map() }
  /** Paths the walk found to exist with no symlink on the way. */
  private readonly plain = new Set<string>()

  constructor(readonly root: string) {}

  check(rel: string, role: PathRole): string | undefined {
    const verdicts = this.verdicts[role]
    if (verdicts.has(rel)) return verdicts.get(rel)
    const verdict = this.walk(rel, role)
    verdicts.set(rel, verdict)
    return verdict
  }

  private walk(rel: string, role: PathRole): string | undefined {
    const lexical = lexicalPathProblem(rel, role)
    if (lexical) return lexical
    const realRoot = (this.realRoot ??= realpathSync(this.root))
    const normal = normalizeRepoPath(rel)
    const parts = normal.split('/').filter((p) => p !== '.')
    if (parts.length > 0 && resolvesToItself(realRoot + (realRoot.endsWith(sep) ? '' : sep) + parts.join(sep))) {
      this.plain.add(normal) // every component exists and none is a symlink
      return undefined
    }
    let current = realRoot
    let followed = false
    for (let i = 0; i < parts.length; i++) {
      const next = current.endsWith(sep) ? current + parts[i] : current + sep + parts[i] // join, without re-normalising
      const stat = this.lstat(next)
      if (!stat) return undefined // the rest does not exist yet: nothing to follow
      if (stat.isSymbolicLink()) {
        const target = symlinkTarget(next)
        if (!isInsideDir(realRoot, target)) {
          return `${parts.slice(0, i + 1).join('/')} is a symlink to ${target}, outside the repository`
        }
        current = target
        followed = true
      } else {
        current = next
      }
    }
    if (!followed) this.plain.add(normal)
    return undefined
  }

  /** Whether `rel` exists, following symlinks (a dangling link does not). */
  exists(rel: string): boolean {
    if (this.plain.has(normalizeRepoPath(rel))) return true
    try {
      return statSync(join(this.root, rel), { throwIfNoEntry: false }) !== undefined
    } catch {
      return false // e.g. a file where a folder was expected
    }
  }

  private lstat(abs: string): Stats | undefined {
    if (this.lstats.has(abs)) return this.lstats.get(abs)
    const stat = lstatOrUndefined(abs)
    this.lstats.set(abs, stat)
    return stat
  }
}

/** Throws when an output may not be written; call it right before writing. */
export function assertWritable(root: string, rel: string): void {
  const problem = checkRepoPath(root, rel, 'output')
  if (problem) {
    throw new GraftError({
      file: rel,
      message: `refusing to write ${rel}: ${problem}`,
      hint: 'outputs must be plain paths inside the repository, outside .git/ and .github/; fix the prompt\'s `out` or remove the symlink'
    })
  }
}

/**
 * True when the path exists and its real path is itself: no component is a
 * symlink (a link would resolve elsewhere, or loop). One call in C instead
 * of an lstat per component; anything else is left to the walk.
 */
function resolvesToItself(abs: string): boolean {
  try {
    return realpathSync.native(abs) === abs
  } catch {
    return false
  }
}

function lstatOrUndefined(abs: string): Stats | undefined {
  try {
    return lstatSync(abs, { throwIfNoEntry: false })
  } catch {
    return undefined // e.g. a file where a folder was expected
  }
}

/** Where a symlink leads: its real path, or for a dangling link the path it names. */
function symlinkTarget(abs: string): string {
  try {
    return realpathSync(abs)
  } catch {
    return resolve(dirname(abs), readlinkSync(abs))
  }
}

function isInsideDir(dir: string, abs: string): boolean {
  const rel = relative(dir, abs)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}
