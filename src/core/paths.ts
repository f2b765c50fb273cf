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
import {
  accessSync,
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  statSync,
  type Dirent,
  type Stats
} from 'node:fs'
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path'
import { GraftError } from './errors.js'
import { escapeCharacter } from './log.js'

/**
 * Folders DVC does not walk into inside a directory dep (dvc-data's walk
 * skips them), and neither do the resolver's tree check and the hasher, so
 * validate and generate judge the same entries. A `.git` of any kind is skipped.
 */
export const DVC_SKIPPED_DIRS: ReadonlySet<string> = new Set(['.git', '.hg', '.dvc'])

/** DVC's own pipeline files at the repository root: written by generate, never outputs of a stage. */
export const PIPELINE_FILES: ReadonlySet<string> = new Set(['dvc.yaml', 'dvc.lock'])

/**
 * What the path is to the run: `prompt` (a *.prompt.md read), `dep` (read,
 * file or folder), `output` (written), `pipeline` (dvc.yaml or dvc.lock: read
 * and written, never through a symlink), `dvc-state` (an entry of `.dvc/`,
 * which the real DVC reads and writes: config, tmp/, cache/; never through a
 * symlink).
 */
export type PathRole = 'prompt' | 'dep' | 'output' | 'pipeline' | 'dvc-state'

/** Folders no path may be in, by their case-folded name (see {@link folderKey}). */
const FORBIDDEN_FOLDERS = new Set(['.git', '.github', '.dvc'])

/** A Windows short (8.3) name of a forbidden folder: `GIT~1`, `GITHUB~2`, `DVC~1`, any case, trailing dots and spaces. */
const SHORT_NAME = /^(git|github|dvc)~[0-9]+[. ]*$/i

/** What posix.normalize (or the trailing-slash rule) would change: `\\`, `//`, `.` or `..` segments, a final `/`. */
const NOT_NORMAL = /\\|\/\/|(?:^|\/)\.\.?(?:\/|$)|\/$/
/** A control character (C0, DEL or C1: U+009B is the 8-bit CSI): refused in paths and model names, which reach logs and commands. */
export const CONTROL = /[\u0000-\u001f\u007f-\u009f]/
/** A `..` after a separator: a real path holding it is left to path.relative. */
const UP = `${sep}..`

/** `./docs//a.md/` → `docs/a.md`. Leaves `..` and absolute paths for the checks to refuse. */
export function normalizeRepoPath(path: string): string {
  if (path !== '' && !mayNeedNormalizing(path)) return path // the common case, without allocating
  const slashed = path.replace(/\\/g, '/')
  const normal = posix.normalize(slashed)
  return normal.length > 1 ? normal.replace(/\/+$/, '') : normal
}

/** NOT_NORMAL.test(path), with substring searches first: they rule out the common path more cheaply than the expression. */
function mayNeedNormalizing(path: string): boolean {
  const suspect =
    path.charCodeAt(0) === 46 /* . */ ||
    path.includes('/.') ||
    path.includes('\\') ||
    path.includes('//') ||
    path.endsWith('/')
  return suspect && NOT_NORMAL.test(path)
}

/** True when `inner` equals `outer` or lies inside it, segment-aware (`a` holds `a/b`, not `ab`). */
export function isSameOrInside(outer: string, inner: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith('/') ? outer : `${outer}/`)
}

/**
 * A folder name as case-insensitive file systems (macOS, Windows) read it:
 * lower case, trailing dots and spaces dropped (`.GIT.` is `.git`).
 */
export function folderKey(segment: string): string {
  return segment.toLowerCase().replace(/[. ]+$/, '')
}

/** The forbidden folder a `/`-separated relative path lies in, if any. */
function forbiddenFolder(relPath: string): string | undefined {
  // Most paths hold no segment starting with '.' and no '~': no split needed.
  if (relPath.charCodeAt(0) !== 46 /* . */ && !relPath.includes('/.') && !relPath.includes('~')) return undefined
  for (const segment of relPath.split('/')) {
    if (segment.includes('~')) {
      // Windows 8.3 short names: on an NTFS volume that keeps them, GIT~1 is .git and GITHUB~1 is .github
      const short = SHORT_NAME.exec(segment)
      if (short) return `.${short[1].toLowerCase()}`
    }
    if (segment.length < 4 || segment.charCodeAt(0) !== 46 /* . */) continue // cheap: every forbidden name starts with '.'
    const key = folderKey(segment)
    if (FORBIDDEN_FOLDERS.has(key)) return key
  }
  return undefined
}

/** A path as a message may show it: control characters written as escapes. */
export function showPath(path: string): string {
  return CONTROL.test(path) ? path.replace(new RegExp(CONTROL.source, 'g'), escapeCharacter) : path
}

/**
 * The checks that need no file system: empty, control characters, absolute,
 * `..` escapes, `.git/` `.github/` `.dvc/` (any case, any depth), and for
 * outputs the repository root, dvc.yaml and dvc.lock.
 * @returns the problem in words, or undefined when the text is acceptable.
 */
export function lexicalPathProblem(rel: string, role: PathRole): string | undefined {
  if (rel.trim() === '') return `the ${role} path is empty`
  if (CONTROL.test(rel)) return `${showPath(rel)} holds a control character (a line break, tab, …); rename the file`
  if (isAbsolute(rel) || /^[A-Za-z]:[\\/]/.test(rel) || rel.startsWith('\\')) {
    return `${rel} is an absolute path; paths are relative to the repository root`
  }
  const norm = normalizeRepoPath(rel)
  if (norm === '..' || norm.startsWith('../')) return `${rel} leaves the repository`
  const folder = forbiddenFolder(norm)
  if (folder) return `${rel} is inside ${folder}/, which the action never reads or writes`
  if (role === 'output') {
    if (norm === '.') return `${rel} is the repository root, not a file`
    if (PIPELINE_FILES.has(norm)) return `${rel} is the pipeline's own ${norm}`
  }
  return undefined
}

/**
 * A problem message for a repository-relative path, or undefined when it is
 * safe for `role` (see the file's header for the rules).
 */
export function checkRepoPath(root: string, rel: string, role: PathRole): string | undefined {
  return new RepoPathChecker(root).check(rel, role)
}

/** What a directory entry is, as messages name it ({@link kindOf}). */
type Kind =
  'file' | 'folder' | 'symlink' | 'FIFO (named pipe)' | 'socket' | 'character device' | 'block device' | 'special file'

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
   * folders (as DVC walks), must itself pass the `dep` rules.
   * @returns the first problem found, or undefined.
   */
  checkTree(rel: string): string | undefined {
    const normal = normalizeRepoPath(rel)
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
      const child = dir === '.' ? entry.name : `${dir}/${entry.name}`
      // exactly what DVC and hash.ts skip; anything else (a `.github/`, a `.GIT`, a `.dvc` file) is judged
      if (entry.name === '.git' || (entry.isDirectory() && DVC_SKIPPED_DIRS.has(entry.name))) continue
      const problem = this.check(child, 'dep')
      if (problem) return problem
      if (entry.isDirectory()) {
        const below = this.checkTree(child)
        if (below) return below
      }
    }
    return undefined
  }

  private judge(rel: string, role: PathRole): string | undefined {
    if (role === 'dvc-state') return this.dvcStateProblem(rel)
    const lexical = lexicalPathProblem(rel, role)
    if (lexical) return lexical
    const normal = normalizeRepoPath(rel)
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
      blocker = this.writeBlocker(folder, parent?.kind === 'folder' && parent.real === folder)
      this.blockers.set(folder, blocker)
    }
    if (blocker === null) return undefined
    const shown = relative(this.realRootPath(), blocker.dir).split(sep).join('/') || '.'
    return blocker.isFile
      ? `${normal} cannot be written: ${shown} is a file, not a folder`
      : `${normal} cannot be written: its folder ${shown} ${NOT_WRITABLE}`
  }

  /**
   * What stops a write into `dir`: its nearest existing ancestor, when that is
   * a file or not writable; else null. `landed`: `dir` is known to be a folder,
   * so only its permission is asked.
   */
  private writeBlocker(dir: string, landed: boolean): { dir: string; isFile: boolean } | null {
    for (;;) {
      if (!landed) {
        const stats = statOrUndefined(dir)
        if (!stats) {
          const up = dirname(dir)
          if (up === dir) return null
          dir = up
          continue
        }
        if (!stats.isDirectory()) return { dir, isFile: true }
      }
      try {
        accessSync(dir, constants.W_OK)
      } catch {
        return { dir, isFile: false }
      }
      return null
    }
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

/** The end of the problem for an output whose folder the runner cannot write (the fix is a permission, not the path). */
const NOT_WRITABLE = 'is not writable'

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

/**
 * Reads (UTF-8) a file already judged a regular file, so that whatever
 * replaced it since cannot hang or fool the run: the open never blocks (a FIFO
 * opens at once), `noFollow` refuses a final symlink (for a real path, which
 * has none), and the file is read only if fstat still says regular file.
 * Source of the risk: another process on the runner (an earlier step) can swap
 * a file between the resolver's check and the read.
 * @param shown the repository-relative path, for the message
 * @returns the text; undefined when nothing is there (ENOENT)
 * @throws GraftError naming `shown` when something else is there now; other read errors as thrown
 */
export function readRegularFile(abs: string, shown: string, options: { noFollow?: boolean } = {}): string | undefined {
  const flags = NON_BLOCKING_READ | (options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0)
  let fd: number
  try {
    fd = openSync(abs, flags)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return undefined
    if (code === 'ELOOP' && options.noFollow) throw replaced(shown, 'a symlink')
    throw error
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) throw replaced(shown, 'a FIFO, a device or a folder')
    if (stats.size > MAX_TEXT_BYTES) {
      throw new GraftError({
        file: shown,
        message: `${shown} is ${Math.round(stats.size / (1024 * 1024))} MB, more than the action reads from one file (${MAX_TEXT_BYTES / (1024 * 1024)} MB)`,
        hint: 'a prompt, a pipeline file or a source the model reads is text of a sensible size: remove or split it'
      })
    }
    return readFileSync(fd, 'utf8')
  } finally {
    closeSync(fd)
  }
}

/**
 * The most text the action reads into memory at once (one file, or one
 * document's sources): a JavaScript string holds about 512 M characters, and
 * gigabytes would exhaust the runner's memory first.
 */
export const MAX_TEXT_BYTES = 256 * 1024 * 1024

/**
 * Open flags for reading a file judged earlier: a FIFO swapped in since opens
 * at once instead of blocking (the caller then checks fstat says regular file).
 */
export const NON_BLOCKING_READ = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/** The problem for a file judged regular that is something else (`what`) when read. */
export function replaced(shown: string, what: string): GraftError {
  return new GraftError({
    file: shown,
    message: `${shown} is no longer a regular file: something replaced it with ${what} while the run read it`,
    hint: 'make it a regular file again, and make sure no other step changes the repository while the action runs'
  })
}

/** Throws when an output may not be written; call it right before writing. */
export function assertWritable(root: string, rel: string): void {
  new RepoPathChecker(root).resolve(rel, 'output')
}

/** What `entry` is (a Stats from lstat or stat, or a Dirent from a listing). */
function kindOf(entry: Stats | Dirent): Kind {
  if (entry.isSymbolicLink()) return 'symlink'
  if (entry.isFile()) return 'file'
  if (entry.isDirectory()) return 'folder'
  if (entry.isFIFO()) return 'FIFO (named pipe)'
  if (entry.isSocket()) return 'socket'
  if (entry.isCharacterDevice()) return 'character device'
  if (entry.isBlockDevice()) return 'block device'
  return 'special file'
}

function lstatOrUndefined(abs: string): Stats | undefined {
  try {
    return lstatSync(abs, { throwIfNoEntry: false })
  } catch {
    return undefined // e.g. a file where a folder was expected
  }
}

/** lstats into one folder before it is listed: a listing pays for itself in folders with many files read. */
const LOOKS_BEFORE_LISTING = 3

/** A folder's entries and their kinds (no symlink followed); undefined when it cannot be listed. */
function listFolder(dir: string): Map<string, Kind> | undefined {
  try {
    return new Map(readdirSync(dir, { withFileTypes: true }).map((entry) => [entry.name, kindOf(entry)]))
  } catch {
    return undefined
  }
}

/** lstat; null when nothing is there, undefined on any other error (the caller then takes the general path). */
function lstatOrMissing(abs: string): Stats | null | undefined {
  try {
    return lstatSync(abs, { throwIfNoEntry: false }) ?? null
  } catch {
    return undefined
  }
}

function statOrUndefined(abs: string): Stats | undefined {
  try {
    return statSync(abs, { throwIfNoEntry: false })
  } catch {
    return undefined
  }
}
