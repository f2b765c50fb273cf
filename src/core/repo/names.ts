// The rules on a repository path's text, before any file is looked at: what a
// path is to the run (its role), the folders no path may be in, how a path is
// normalised and shown in a message. Shared by the resolver and by every
// reader that meets a path (dvc.yaml, dvc.lock, prompts, git's file lists).
import { isAbsolute, posix, relative, sep } from 'node:path'
import { escapeControls } from '../log.js'

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

/**
 * True when the file-system path `inner` is `outer` or lies inside it (both
 * absolute, as written): by `relative`, where a folder named `..x` is inside
 * and only `..` itself, or `../…`, leads out.
 */
export function isWithin(outer: string, inner: string): boolean {
  const rel = relative(outer, inner)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}

/** True when `inner` equals `outer` or lies inside it, segment-aware (`a` holds `a/b`, not `ab`). */
export function isSameOrInside(outer: string, inner: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith('/') ? outer : `${outer}/`)
}

/**
 * A folder name as case-insensitive file systems (macOS, Windows) read it:
 * folded as {@link sameFileKey} folds a name (`.GIT.` is `.git`, and so is
 * `.gıt`, whose dotless ı is I in NTFS's upper-case table).
 */
export function folderKey(segment: string): string {
  return sameFileKey(segment)
}

/** The forbidden folder a `/`-separated relative path lies in, if any. */
export function forbiddenFolder(relPath: string): string | undefined {
  // Most paths hold no segment starting with '.' and no '~': no split needed.
  // (beyond ASCII, a segment may fold to one: HFS+ drops a leading zero-width joiner)
  const ascii = /^[\x00-\x7f]*$/.test(relPath)
  if (ascii && relPath.charCodeAt(0) !== 46 /* . */ && !relPath.includes('/.') && !relPath.includes('~'))
    return undefined
  for (const segment of relPath.split('/')) {
    if (segment.includes('~')) {
      // Windows 8.3 short names: on an NTFS volume that keeps them, GIT~1 is .git and GITHUB~1 is .github
      const short = SHORT_NAME.exec(segment)
      if (short) return `.${short[1].toLowerCase()}`
    }
    // cheap: every forbidden name starts with '.'
    if (segment.length < 4 || (ascii && segment.charCodeAt(0) !== 46) /* . */) continue
    const key = folderKey(segment)
    if (FORBIDDEN_FOLDERS.has(key)) return key
  }
  return undefined
}

/**
 * The code points HFS+ leaves out when it compares names (git's is_hfs_dotgit,
 * CVE-2014-9390): zero-width non-joiner and joiner, the bidirectional marks,
 * embeddings and overrides, the deprecated format characters, the BOM.
 */
const HFS_IGNORED = /[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/g

/**
 * One key for the names a case-insensitive or normalising file system takes
 * for one file. macOS (APFS, HFS+) ignores letter case and Unicode
 * normalisation (`café` in NFC and NFD is one name); Windows (NTFS) compares
 * names through an upper-case table (`ı` and `i` are both `I` there) but keeps
 * NFC and NFD apart, though editors and git clients there often normalise.
 * Windows also drops trailing dots and spaces from each name (`a.md.` is
 * `a.md`). The key covers all of it, erring on the side of one file: NFC,
 * then upper case (the full mapping, so `ß` meets `ss` and `ﬁ` meets `fi`),
 * then lower case (so the Kelvin sign meets `k`), NFC again, and each
 * segment's trailing dots and spaces dropped. HFS+ also ignores some
 * invisible code points in a name (HFS_IGNORED): they are dropped first.
 */
export function sameFileKey(path: string): string {
  // printable ASCII (most paths): lower case is the whole fold, and nothing to normalise
  const folded = /^[\x20-\x7e]*$/.test(path)
    ? path.toLowerCase()
    : path.replace(HFS_IGNORED, '').normalize('NFC').toUpperCase().toLowerCase().normalize('NFC')
  return folded
    .split('/')
    .map((segment) => segment.replace(/[. ]+$/, ''))
    .join('/')
}

/** A path as a message may show it: control characters written as escapes (`\n`, `\u007f`). */
export function showPath(path: string): string {
  return escapeControls(path)
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
    // in every spelling that is the same file on macOS or Windows (`DVC.lock`, `dvc.yaml.`)
    const pipelineFile = sameFileKey(norm)
    if (PIPELINE_FILES.has(pipelineFile)) return `${rel} is the pipeline's own ${pipelineFile}`
  }
  return undefined
}

/** lexicalPathProblem for a name found inside a folder dep: only the folders the action never reads. */
export function entryLexicalProblem(rel: string): string | undefined {
  const folder = forbiddenFolder(rel)
  return folder ? `${rel} is inside ${folder}/, which the action never reads or writes` : undefined
}
