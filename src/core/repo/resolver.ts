// The one path resolver. Every path the action reads or writes — prompt files,
// deps and the files inside directory deps, dvc.yaml, dvc.lock, outputs and the
// previous drafts read from the work tree — comes from content a pull request
// can edit, so each goes through here before any byte is read or written. It
// decides where a path really lands after every symlink and refuses, with a
// message naming the path:
// - anything that lands outside the repository (the pipeline's root);
// - anything inside `.git/` (at any depth: nested repositories too), `.github/`
//   or `.dvc/`, compared case-insensitively and ignoring trailing dots and
//   spaces (on macOS and Windows runners `.GIT` and `.github.` are those
//   folders), for the declared path and the resolved one alike;
// - anything that is neither a regular file nor a folder (a FIFO would hang
//   the run, a device would never end);
// - control characters in a path, C0 and C1 (they would end up in logs and commands).
// Outputs must also be writable files: not a folder, not under a file.
// DVC's own folder has a role of its own (`dvc-state`, for the engine that
// runs the real DVC, which reads and writes there): inside `.dvc/`, and no
// symlink anywhere on the way (DVC would write its lock through one).
// The names found inside a folder dep are the folder's data, not paths of the
// action's own: DVC hashes them whatever they hold (a newline, U+007F, a
// backslash), and so does the action; they pass every rule above but the one
// on control characters, a backslash in one is a character of the name, and
// any message shows them escaped (showPath). A name that is not UTF-8 is
import { readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { GraftError } from '../errors.js'
import { kindOf, listFolder, lstatOrMissing, lstatOrUndefined, type Kind } from './kinds.js'
import {
  CONTROL,
  DVC_SKIPPED_DIRS,
  PIPELINE_FILES,
  entryLexicalProblem,
  forbiddenFolder,
  lexicalPathProblem,
  normalizeRepoPath,
  showPath,
  type PathRole
} from './names.js'
import { notUtf8Name, notUtf8Problem } from './raw-names.js'
import { readRegularFile } from './safe-read.js'
import { NOT_WRITABLE, writeBlocker } from './writable.js'

/** A `..` after a separator: a real path holding it is left to path.relative. */
const UP = `${sep}..`

/** lstats into one folder before it is listed: a listing pays for itself in folders with many files read. */
const LOOKS_BEFORE_LISTING = 3

/**
 * A problem message for a repository-relative path, or undefined when it is
 * safe for `role` (see the file's header for the rules).
 */
export function checkRepoPath(root: string, rel: string, role: PathRole): string | undefined {
  return new RepoPathChecker(root).check(rel, role)
}

/** Where a path lands: its real absolute path, and what is there (undefined: nothing). */
interface Landing {
  real: string
  kind?: Kind
  problem?: string
}

/**
 * The resolver for one repository and one run: the root's real path and each
 * verdict are looked up once. It never notices the file system changing, so
 * make a new one for each run (and after writing).
 */
export class RepoPathChecker {
  private realRoot?: string
  /** the real root with a separator after it: what every real path inside starts with */
  private rootPrefix?: string
  private readonly verdicts: Record<PathRole, Map<string, string | undefined>> = {
    prompt: new Map(),
    dep: new Map(),
    output: new Map(),
    pipeline: new Map(),
    'dvc-state': new Map()
  }
  private readonly trees = new Map<string, string | undefined>()
  /** verdicts on the names inside folder deps (see checkEntry), by their path */
  private readonly entries = new Map<string, string | undefined>()
  private readonly landings = new Map<string, Landing>()
  /** real folder → how often it was looked into, then its entries' kinds (see entryKind) */
  private readonly listings = new Map<string, number | Map<string, Kind> | 'unlistable'>()
  /** real folder → what stops a write into it (null: nothing), asked once per folder */
  private readonly blockers = new Map<string, { dir: string; isFile: boolean } | null>()

  constructor(readonly root: string) {}

  /** The problem with `rel` for `role`, or undefined when it may be used. */
  check(rel: string, role: PathRole): string | undefined {
    const verdicts = this.verdicts[role]
    if (verdicts.has(rel)) return verdicts.get(rel)
    const verdict = this.judge(rel, role)
    verdicts.set(rel, verdict)
    return verdict
  }

  /**
   * The real absolute path of `rel`, checked for `role`.
   * @throws GraftError naming `rel` (and `at`, the prompt and line that asked for it) when refused.
   */
  resolve(rel: string, role: PathRole, at?: { file?: string; line?: number }): string {
    const problem = this.check(rel, role)
    if (problem) throw refusal(rel, role, problem, at)
    return this.land(normalizeRepoPath(rel)).real
  }

  /**
   * Reads a file through the resolver; undefined when nothing is there.
   * @throws GraftError when the path is refused, or names a folder.
   */
  readText(rel: string, role: PathRole, at?: { file?: string; line?: number }): string | undefined {
    const real = this.resolve(rel, role, at)
    const kind = this.land(normalizeRepoPath(rel)).kind
    if (!kind) return undefined
    if (kind === 'folder') throw refusal(rel, role, `${rel} is a folder, not a file`, at)
    return readRegularFile(real, showPath(normalizeRepoPath(rel)), { noFollow: true })
  }

  /**
   * The real path of `rel` when it passes the `role` checks and is a regular
   * file; undefined otherwise (nothing is thrown: for work done ahead, whose
   * refusals the run's own checks report).
   */
  regularFile(rel: string, role: PathRole): string | undefined {
    if (this.check(rel, role) !== undefined) return undefined
    const landing = this.land(normalizeRepoPath(rel))
    return landing.kind === 'file' ? landing.real : undefined
  }

  /** Whether `rel` exists, following symlinks (a dangling link does not). Call after check(). */
  exists(rel: string): boolean {
    return this.land(normalizeRepoPath(rel)).kind !== undefined
  }

  /**
   * For a folder dep: every entry below it, walked without following symlinked
   * folders (as DVC walks), must itself pass the `dep` rules, its name judged
   * as data (see checkEntry).
   * @returns the first problem found (names in it escaped), or undefined.
   */
  checkTree(rel: string): string | undefined {
    return this.tree(normalizeRepoPath(rel))
  }

  /**
   * The `dep` rules for a path inside a folder dep, its names taken as they
   * are on disk: no control-character rule (shown escaped instead) and no
   * normalising (a `\` is part of a name). `rel` must be a folder dep's
   * normalised path, then names as listed, joined by `/`.
   */
  checkEntry(rel: string): string | undefined {
    if (this.entries.has(rel)) return this.entries.get(rel)
    const problem = this.judge(rel, 'dep', true)
    const verdict = problem === undefined ? undefined : showPath(problem)
    this.entries.set(rel, verdict)
    return verdict
  }

  /**
   * Reads a file found inside a folder dep (a name of it may hold any
   * character: see checkEntry); undefined when nothing is there.
   * @throws GraftError when the path is refused, or is a folder
   */
  readEntry(rel: string): string | undefined {
    const problem = this.checkEntry(rel)
    if (problem) throw refusal(rel, 'dep', problem)
    const landing = this.land(rel)
    if (!landing.kind) return undefined
    if (landing.kind === 'folder') throw refusal(rel, 'dep', `${showPath(rel)} is a folder, not a file`)
    return readRegularFile(landing.real, showPath(rel), { noFollow: true })
  }

  private tree(normal: string): string | undefined {
    if (this.landings.get(normal)?.kind === 'file') return undefined // most deps: no tree to walk
    if (this.trees.has(normal)) return this.trees.get(normal)
    const verdict = this.walkTree(normal)
    this.trees.set(normal, verdict)
    return verdict
  }

  private walkTree(dir: string): string | undefined {
    const landing = this.land(dir)
    if (landing.kind !== 'folder') return undefined
    let entries
    try {
      entries = readdirSync(landing.real, { withFileTypes: true })
    } catch {
      return undefined // not a folder after all, or unreadable: the file checks speak for it
    }
    for (const entry of entries) {
      // a name that is not UTF-8 reads back with U+FFFD in its place: ask the raw names
      if (entry.name.includes('\uFFFD')) {
        const raw = notUtf8Name(landing.real)
        if (raw !== undefined) return notUtf8Problem(dir, raw)
      }
      const child = dir === '.' ? entry.name : `${dir}/${entry.name}`
      // exactly what DVC and hash.ts skip; anything else (a `.github/`, a `.GIT`, a `.dvc` file) is judged
      if (entry.name === '.git' || (entry.isDirectory() && DVC_SKIPPED_DIRS.has(entry.name))) continue
      const problem = this.checkEntry(child)
      if (problem) return problem
      if (entry.isDirectory()) {
        const below = this.tree(child)
        if (below) return below
      }
    }
    return undefined
  }

  /** `entry`: a path inside a folder dep, judged as data (see checkEntry). */
  private judge(rel: string, role: PathRole, entry = false): string | undefined {
    if (role === 'dvc-state') return this.dvcStateProblem(rel)
    const lexical = entry ? entryLexicalProblem(rel) : lexicalPathProblem(rel, role)
    if (lexical) return lexical
    const normal = entry ? rel : normalizeRepoPath(rel)
    if (role === 'pipeline') {
      const own = lstatOrUndefined(join(this.root, normal))
      if (own?.isSymbolicLink())
        return `${normal} is a symlink; the action reads and writes the pipeline's files only as plain files`
    }
    const landing = this.land(normal)
    if (landing.problem) return landing.problem
    const where = this.repoRelative(landing.real)
    if (where === '..' || where.startsWith('../') || isAbsolute(where))
      return `${this.through(normal)}, outside the repository`
    const folder = where === normal ? undefined : forbiddenFolder(where) // `normal` itself passed the lexical checks
    if (folder) return `${this.through(normal)}, inside ${folder}/, which the action never reads or writes`
    if (role === 'output' && where === '') return `${normal} is the repository root, not a file`
    if (role === 'output' && PIPELINE_FILES.has(where)) return `${this.through(normal)}, the pipeline's own ${where}`
    const kind = landing.kind
    if (!kind) return role === 'output' ? this.writableProblem(normal, landing.real) : undefined
    if (kind !== 'file' && kind !== 'folder')
      return `${normal} is a ${kind}, not a regular file; the action reads only files and folders`
    if (kind === 'folder' && (role === 'output' || role === 'prompt' || role === 'pipeline'))
      return `${normal} is a folder, not a file`
    if (role === 'output') return this.writableProblem(normal, landing.real)
    return undefined
  }

  /**
   * An entry of DVC's own folder: the common lexical checks, inside `.dvc/`
   * (that exact name: DVC looks for no other), and every component from the
   * root up to the entry a real folder or, last, a regular file — no symlink,
   * wherever it points: DVC opens its lock files for writing through them.
   */
  private dvcStateProblem(rel: string): string | undefined {
    if (rel.trim() === '') return 'the path is empty'
    if (CONTROL.test(rel)) return `${showPath(rel)} holds a control character (a line break, tab, …)`
    const normal = normalizeRepoPath(rel)
    if (isAbsolute(rel) || normal === '..' || normal.startsWith('../')) return `${rel} leaves the repository`
    const parts = normal.split('/')
    if (parts[0] !== '.dvc') return `${rel} is not inside .dvc/`
    let abs = this.realRootPath()
    for (let i = 0; i < parts.length; i++) {
      abs = join(abs, parts[i])
      const stats = lstatOrUndefined(abs)
      if (!stats) return undefined // not there: DVC makes it, inside .dvc/
      const shown = parts.slice(0, i + 1).join('/')
      const kind = kindOf(stats)
      if (kind === 'symlink') return `${this.through(shown)}; DVC would read and write through it`
      if (kind === 'file' && i === parts.length - 1) return undefined
      if (kind !== 'folder')
        return i === parts.length - 1
          ? `${shown} is a ${kind}, not a regular file`
          : `${normal} cannot exist: ${shown} is a ${kind}, not a folder`
    }
    return undefined
  }

  /** "`link` is a symlink to `target`": the first symlink on the way to `normal`, for a message. */
  private through(normal: string): string {
    const parts = normal.split('/')
    for (let i = 1; i <= parts.length; i++) {
      const link = parts.slice(0, i).join('/')
      const abs = join(this.realRootPath(), link)
      if (!lstatOrUndefined(abs)?.isSymbolicLink()) continue
      let target: string
      try {
        target = realpathSync.native(abs)
      } catch {
        target = resolve(dirname(abs), readlinkSync(abs))
      }
      const shown = relative(this.realRootPath(), target).split(sep).join('/')
      const inside = shown !== '' && !shown.startsWith('../') && !isAbsolute(shown)
      return `${link} is a symlink to ${inside ? shown : target}${link === normal ? '' : ` (on the way to ${normal})`}`
    }
    return `${normal} leads to ${this.land(normal).real}`
  }

  /** An output's folder must be writable: the nearest existing one is asked. */
  private writableProblem(normal: string, real: string): string | undefined {
    const folder = dirname(real)
    let blocker = this.blockers.get(folder)
    if (blocker === undefined) {
      // The folder has usually landed already (as the output's parent): then only its permission is asked.
      const slash = normal.lastIndexOf('/')
      const parent = this.landings.get(slash < 0 ? '.' : normal.slice(0, slash))
      blocker = writeBlocker(folder, parent?.kind === 'folder' && parent.real === folder)
      this.blockers.set(folder, blocker)
    }
    if (blocker === null) return undefined
    const shown = relative(this.realRootPath(), blocker.dir).split(sep).join('/') || '.'
    return blocker.isFile
      ? `${normal} cannot be written: ${shown} is a file, not a folder`
      : `${normal} cannot be written: its folder ${shown} ${NOT_WRITABLE}`
  }

  /** A real path relative to the real root, `/`-separated (`..` first when outside). */
  private repoRelative(real: string): string {
    const realRoot = this.realRootPath()
    const inside = (this.rootPrefix ??= realRoot.endsWith(sep) ? realRoot : realRoot + sep)
    if (real.startsWith(inside) && !real.includes(UP)) {
      const rel = real.slice(inside.length)
      return sep === '/' ? rel : rel.split(sep).join('/')
    }
    return relative(realRoot, real).split(sep).join('/')
  }

  private realRootPath(): string {
    return (this.realRoot ??= realpathSync.native(this.root))
  }

  /** Follows every symlink of `normal` (a normalised relative path); the part that does not exist yet is appended. */
  private land(normal: string): Landing {
    let landing = this.landings.get(normal)
    if (!landing) {
      landing = this.follow(normal)
      this.landings.set(normal, landing)
    }
    return landing
  }

  private follow(normal: string): Landing {
    // The common case: the parent folder has landed (cached), and the last
    // component is no symlink, so it lands right inside the parent's real path.
    const slash = normal.lastIndexOf('/')
    const parent = normal === '.' ? undefined : this.land(slash < 0 ? '.' : normal.slice(0, slash))
    const name = slash < 0 ? normal : normal.slice(slash + 1)
    if (parent && !parent.problem && (!parent.kind || parent.kind === 'folder') && name !== '..' && name !== '') {
      const abs = parent.real.endsWith(sep) ? parent.real + name : parent.real + sep + name
      if (!parent.kind) return { real: abs } // below a folder that is not there (yet)
      const kind = this.entryKind(parent.real, name, abs)
      if (kind === null) return { real: abs }
      if (kind && kind !== 'symlink') return { real: abs, kind }
    }
    return this.walk(normal)
  }

  /**
   * What `name` is in the real folder `dir` (`abs` is the two joined), without
   * following it: null when nothing is there, undefined when unsure (the
   * caller takes the general path). The first looks into a folder are one
   * lstat each; then the folder is listed once (one readdir, dearer than an
   * lstat, answers for every entry, and makes no Stats objects). A name the listing lacks is
   * asked with lstat: on a case-insensitive volume it may be there in another
   * spelling, which the general path settles.
   */
  private entryKind(dir: string, name: string, abs: string): Kind | null | undefined {
    const state = this.listings.get(dir) ?? 0
    let listing: Map<string, Kind> | undefined
    if (typeof state === 'number')
      this.listings.set(dir, state < LOOKS_BEFORE_LISTING ? state + 1 : ((listing = listFolder(dir)) ?? 'unlistable'))
    else if (state !== 'unlistable') listing = state
    const listed = listing?.get(name)
    if (listed) return listed
    const stats = lstatOrMissing(abs)
    if (stats === null || stats === undefined) return stats
    // There, yet not listed: another spelling on a case-insensitive volume (or made since): the general path settles it.
    return listing ? undefined : kindOf(stats)
  }

  /** The general case: realpath, and when something on the way is missing or dangling, a walk one component at a time. */
  private walk(normal: string): Landing {
    const realRoot = this.realRootPath()
    const abs = normal === '.' ? realRoot : realRoot + (realRoot.endsWith(sep) ? '' : sep) + normal.split('/').join(sep)
    try {
      const real = realpathSync.native(abs)
      const kind = kindOf(statSync(real))
      return { real, kind }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ELOOP') return { real: abs, problem: `${normal} is a symlink loop` }
      if (code !== 'ENOENT' && code !== 'ENOTDIR')
        return { real: abs, problem: `${normal} cannot be read (${code ?? 'unknown error'})` }
    }
    // Something on the way is missing (or dangling): walk it, one component at a time.
    let current = realRoot
    const parts = normal.split('/')
    for (let i = 0; i < parts.length; i++) {
      const next = join(current, parts[i])
      const stats = lstatOrUndefined(next)
      if (!stats) return { real: join(next, ...parts.slice(i + 1)) }
      if (stats.isSymbolicLink()) {
        let target: string
        try {
          target = realpathSync.native(next)
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ELOOP')
            return { real: next, problem: `${parts.slice(0, i + 1).join('/')} is a symlink loop` }
          target = resolve(dirname(next), readlinkSync(next)) // dangling: where it would write
          return { real: join(target, ...parts.slice(i + 1)) }
        }
        current = target
      } else if (!stats.isDirectory() && i < parts.length - 1) {
        return {
          real: join(next, ...parts.slice(i + 1)),
          problem: `${normal} cannot exist: ${parts.slice(0, i + 1).join('/')} is a file, not a folder`
        }
      } else {
        current = next
      }
    }
    return { real: current }
  }
}

/** The error for a refused path, pinned on the prompt line that asked for it when there is one. */
function refusal(rel: string, role: PathRole, problem: string, at?: { file?: string; line?: number }): GraftError {
  const verb = role === 'output' ? 'write' : 'read'
  return new GraftError({
    file: at?.file ?? showPath(rel),
    line: at?.line,
    message: `refusing to ${verb} ${showPath(rel)}: ${problem}`,
    hint: problem.endsWith(NOT_WRITABLE)
      ? 'make the folder writable for the runner (an earlier step may have changed its permissions), then re-run'
      : role === 'output'
        ? "outputs must be plain files inside the repository, outside .git/, .github/ and .dvc/; fix the prompt's `out` or remove the symlink"
        : 'paths must stay inside the repository, outside .git/, .github/ and .dvc/, and be regular files or folders; fix the path or remove the symlink'
  })
}

/** Throws when an output may not be written; call it right before writing. */
export function assertWritable(root: string, rel: string): void {
  new RepoPathChecker(root).resolve(rel, 'output')
}
