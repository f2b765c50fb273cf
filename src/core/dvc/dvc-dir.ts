// DVC's own folder, `.dvc/`, as the real DVC will find it. DVC reads its
// config there and writes its lock files (tmp/lock, tmp/rwlock, tmp/btime,
// tmp/updater) by opening them for writing — through a symlink, if one is
// there, so a committed `.dvc/tmp/lock` pointing at a file of the runner is
// truncated and a dangling one creates a file anywhere the runner may write.
// Graft repositories ignore `.dvc/` (a fresh clone has none): the run then
// makes a scratch one, and DVC's writes land only there. When the repository
// brings one, it is checked before DVC starts:
// - every entry goes through the resolver as `dvc-state`: real folders and
//   regular files only, no symlink anywhere (wherever it points);
// - DVC's scratch state (tmp/, cache/, config.local) is never committed: a
//   tracked one is refused, so DVC never writes into the repository's own files;
// - its config (config, config.local) may not move DVC's state elsewhere:
//   no `site_cache_dir` (the run gives DVC its own), and a `cache.dir` only
//   inside the repository.
import { existsSync, lstatSync, mkdirSync, readdirSync, rmSync, writeFileSync, type Dirent } from 'node:fs'
import { dirname, isAbsolute, join, posix, resolve } from 'node:path'
import { GraftError, type Problem } from '../errors.js'
import type { Git } from '../io/git.js'
import { type RepoPathChecker } from '../repo/resolver.js'
import { readRegularFile } from '../repo/safe-read.js'

const DVC_DIR = '.dvc'
/** What DVC writes and reads for itself: never part of a commit (DVC's own .gitignore lists them). */
const SCRATCH_STATE = ['.dvc/tmp', '.dvc/cache', '.dvc/config.local']
const CONFIG_FILES = ['.dvc/config', '.dvc/config.local']
/** Problems listed at most, so a cache of a million symlinks still gives a short message. */
const MAX_PROBLEMS = 10
const HINT =
  'Graft repositories need no .dvc/ folder (the action makes a scratch one for DVC): remove .dvc/ from the repository, or set engine: native if the pipeline allows it'

/**
 * Checks `.dvc/` of the repository at `root` (when there is one) before the
 * real DVC runs in it.
 * @throws GraftError naming each entry (and config line) that is refused
 */
export async function checkDvcDir(root: string, paths: RepoPathChecker, git: Git): Promise<void> {
  const top = paths.check(DVC_DIR, 'dvc-state')
  if (top) throw refusal([{ file: DVC_DIR, message: top }])
  if (!lstatOrUndefined(join(root, DVC_DIR))) return
  const problems = [...walk(root, paths), ...(await committedState(git)), ...configProblems(root, paths)]
  if (problems.length > 0) throw refusal(problems.slice(0, MAX_PROBLEMS))
}

/** Every entry below `.dvc/` that is not a real folder or a regular file (no symlink is followed). */
function walk(root: string, paths: RepoPathChecker): Problem[] {
  const problems: Problem[] = []
  const folders = [DVC_DIR]
  while (folders.length > 0 && problems.length < MAX_PROBLEMS) {
    const folder = folders.pop()!
    let entries: Dirent[]
    try {
      entries = readdirSync(join(root, folder), { withFileTypes: true })
    } catch (error) {
      problems.push({ file: folder, message: `${folder} cannot be read (${(error as NodeJS.ErrnoException).code})` })
      continue
    }
    for (const entry of entries) {
      const rel = `${folder}/${entry.name}`
      if (entry.isDirectory()) folders.push(rel)
      else if (!entry.isFile())
        problems.push({ file: rel, message: paths.check(rel, 'dvc-state') ?? `${rel} is not a regular file` })
    }
  }
  return problems
}

/** DVC's scratch state committed to git: DVC would write into the repository's own files. */
async function committedState(git: Git): Promise<Problem[]> {
  const tracked = (await git.withEnv({ GIT_LITERAL_PATHSPECS: '1' }).exec(['ls-files', '-z', '--', ...SCRATCH_STATE]))
    .split('\0')
    .filter(Boolean)
  return tracked.slice(0, MAX_PROBLEMS).map((file) => ({
    file,
    message: `${file} is committed, but it is DVC's own scratch state (tmp/, cache/ and config.local are never committed): DVC would write into it`
  }))
}

/** Settings of DVC's config files that would move its state out of the run's scratch folder or the repository. */
function configProblems(root: string, paths: RepoPathChecker): Problem[] {
  const problems: Problem[] = []
  for (const file of CONFIG_FILES) {
    if (paths.check(file, 'dvc-state') || !existsSync(join(root, file))) continue // the walk named it
    const text = readRegularFile(join(root, file), file, { noFollow: true }) ?? ''
    for (const setting of readConfig(text)) {
      const problem = settingProblem(setting, paths)
      if (problem) problems.push({ file, line: setting.line, message: problem })
    }
  }
  return problems
}

interface Setting {
  section: string
  key: string
  value: string
  line: number
}

/**
 * DVC's config (configobj's INI): `[section]` or `['remote "name"']` lines,
 * `key = value` lines, `#` and `;` comments. A value spread over lines
 * (triple quotes, a trailing backslash) is returned as is, so its key is
 * still seen.
 */
function readConfig(text: string): Setting[] {
  const settings: Setting[] = []
  let section = ''
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return
    const header = /^\[+\s*(.*?)\s*\]+$/.exec(line)
    if (header) {
      section = header[1].replace(/^(['"])(.*)\1$/, '$2').toLowerCase()
      return
    }
    const eq = line.indexOf('=')
    if (eq < 0) return
    // a value in triple quotes ('''…''', """…""") or in quotes is what is inside them
    const value = line
      .slice(eq + 1)
      .trim()
      .replace(/\s+#.*$/, '')
      .replace(/^('''|"""|['"])(.*)\1$/, '$2')
    // configobj takes a quoted key as the key itself: `"dir" = …` is `dir`
    const key = line
      .slice(0, eq)
      .trim()
      .replace(/^(['"])(.*)\1$/, '$2')
      .toLowerCase()
    settings.push({ section, key, value, line: i + 1 })
  })
  return settings
}

function settingProblem(setting: Setting, paths: RepoPathChecker): string | undefined {
  const { section, key, value } = setting
  if (key === 'site_cache_dir') {
    return `${section}.${key} moves DVC's site cache, which the action gives DVC in a scratch folder of the run; remove the setting`
  }
  if (section === 'cache' && key === 'dir') {
    if (/^\w+:\/\//.test(value) || isAbsolute(value) || value.startsWith('~') || /^[A-Za-z]:[\\/]/.test(value))
      return `cache.dir = ${value} puts DVC's cache outside the repository`
    // DVC resolves a relative cache.dir from the folder of the config file: .dvc/
    const rel = posix.normalize(`${DVC_DIR}/${value.replace(/\\/g, '/')}`)
    const problem =
      rel === DVC_DIR || rel.startsWith(`${DVC_DIR}/`) ? paths.check(rel, 'dvc-state') : paths.check(rel, 'dep')
    return problem ? `cache.dir = ${value}: ${problem}` : undefined
  }
  return undefined
}

function refusal(problems: Problem[]): GraftError {
  return new GraftError(
    problems.map((p) => ({ ...p, message: `refusing to run DVC: ${p.message}`, hint: p.hint ?? HINT }))
  )
}

// ---- the scratch .dvc/ DVC insists on --------------------------------------

export interface DvcDirUse {
  /** puts `.dvc/` back as it was: a scratch one removed, what DVC added to the repository's own removed */
  restore(): void
}

/**
 * Makes sure `<root>/.dvc` exists (call checkDvcDir first). A scratch folder is
 * removed whole afterwards; in an existing one, only the entries DVC added (at
 * its top and in tmp/) go.
 */
export function useDvcDir(root: string): DvcDirUse {
  const dir = join(root, DVC_DIR)
  if (!lstatOrUndefined(dir)) {
    mkdirSync(dir) // fails if something appeared meanwhile, rather than writing into it
    // Outside git, DVC refuses to run unless told there is no SCM.
    if (!insideGitWorkTree(root)) writeFileSync(join(dir, 'config'), '[core]\n    no_scm = true\n')
    return { restore: () => rmSync(dir, { recursive: true, force: true }) }
  }
  const before = { top: entries(dir), tmp: entries(join(dir, 'tmp')) }
  return {
    restore: () => {
      const tmpExisted = before.top.has('tmp')
      for (const name of entries(dir)) {
        if (!before.top.has(name)) rmSync(join(dir, name), { recursive: true, force: true })
      }
      if (!tmpExisted) return
      for (const name of entries(join(dir, 'tmp'))) {
        if (!before.tmp.has(name)) rmSync(join(dir, 'tmp', name), { recursive: true, force: true })
      }
    }
  }
}

function entries(dir: string): Set<string> {
  try {
    return new Set(readdirSync(dir))
  } catch {
    return new Set()
  }
}

/** A `.git` (folder or file) in root or above: no subprocess needed. */
function insideGitWorkTree(root: string): boolean {
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return true
    if (dirname(dir) === dir) return false
  }
}

function lstatOrUndefined(abs: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(abs, { throwIfNoEntry: false })
  } catch {
    return undefined
  }
}
