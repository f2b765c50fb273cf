// The source diff the model is shown: every change to the deps since the
// baseline, committed or not, including new untracked files. Git computes it
// against a scratch index so the user's index and working tree stay untouched.
// A submodule among the deps (a folder dep that is a checked-out submodule, or
// one inside a folder dep) shows its own files' diff between the two commits
// when the checkout has both, else its current files, like any folder dep.
// That diff is run here, in the submodule, through the one git runner (its
// own configuration's programs off, no external diff or textconv): git's
// `--submodule=diff` would start a git of its own in the submodule, which
// runs the diff drivers the submodule's configuration names.
import { lstat, mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff'
import { GraftError } from '../errors.js'
import { OutputTooLarge } from '../io/exec.js'
import type { Git } from '../io/git.js'
import { isSameOrInside, showPath } from '../repo/names.js'
import { RepoPathChecker } from '../repo/resolver.js'
import { MAX_TEXT_BYTES } from '../repo/safe-read.js'
import { redactSecrets } from './redact.js'

/** The most source text one document may read, whatever the budget. */
export const MAX_SOURCE_BYTES = MAX_TEXT_BYTES

/** How much source text a document may read, and why, for the message that refuses more. */
export interface SourceLimit {
  maxBytes: number
  /** why more is refused, as the end of a sentence: "more than max-input-tokens 5000000 can take (…)" */
  why: string
  /** the prompt the deps belong to (the message's file) */
  promptPath?: string
}

const DEFAULT_LIMIT: SourceLimit = {
  maxBytes: MAX_SOURCE_BYTES,
  why: `more than the action reads for one document (${describeBytes(MAX_SOURCE_BYTES)})`
}

/**
 * A dep rewritten earlier in this run: its text before and after. `pending`: a dry
 * run (or `pack`) would rewrite it first but cannot know its new text; the diff
 * then says so in place of the change, and counts as a change.
 */
export interface Override {
  before: string
  after: string
  pending?: boolean
}

/** The stand-in for a dep whose new text exists only once this run has regenerated it. */
export function pendingText(path: string): string {
  return `(${path} is regenerated earlier in this run; its new text exists only then, so this plan cannot show the change)\n`
}

export interface SourceDiff {
  text: string
  changed: boolean
}

/**
 * With a baseline: the diff since it, or (when nothing changed) each dep's current
 * text, which does not count as a change. Without one: each dep's current text as
 * a new file, which does. Secrets are masked either way.
 */
export async function sourceDiff(
  git: Git,
  deps: string[],
  baselineRev: string | undefined,
  overrides: Map<string, Override> = new Map(),
  limit: SourceLimit = DEFAULT_LIMIT
): Promise<SourceDiff> {
  // Sizes first: a folder dep of gigabytes is refused before a byte of it is read.
  const files = await measureDeps(git, deps, overrides, limit)
  if (!baselineRev) {
    const text = await wholeFiles(git, files, overrides, 'NEW FILE')
    return { text: redactSecrets(text), changed: text.trim() !== '' }
  }
  const fromGit = deps.filter((d) => !overrides.has(d))
  const changed = await gitDiff(git, baselineRev, fromGit, limit)
  const diffs = [changed.text]
  // a submodule whose commit at the baseline this checkout lacks (a shallow submodule): its files as they are now
  const absent = files.filter((f) => changed.absent.some((sub) => isSameOrInside(sub, f.file)))
  if (absent.length > 0) diffs.push(await wholeFiles(git, absent, overrides, 'CURRENT CONTENT'))
  for (const dep of deps.filter((d) => overrides.has(d))) {
    diffs.push(await overrideDiff(git, baselineRev, dep, overrides.get(dep) as Override))
  }
  const text = diffs.filter((d) => d.trim() !== '').join('\n')
  if (text !== '') return { text: redactSecrets(text), changed: true }
  return { text: redactSecrets(await wholeFiles(git, files, overrides, 'CURRENT CONTENT')), changed: false }
}

/** A file the model may be shown: a dep, or a file found inside a folder dep (`inFolder`: its name is data, see repo/resolver.ts checkEntry). */
interface DepFile {
  file: string
  inFolder: boolean
}

/**
 * The deps as files (a folder dep: the files git sees under it), after
 * checking that their current text fits `limit`.
 * @throws GraftError naming the dep that holds the most, its size and file count
 */
async function measureDeps(
  git: Git,
  deps: string[],
  overrides: Map<string, Override>,
  limit: SourceLimit
): Promise<DepFile[]> {
  const files: DepFile[] = []
  const perDep: Array<{ dep: string; bytes: number; files: number }> = []
  let total = 0
  for (const dep of deps) {
    const own = await expandDep(git, dep, overrides)
    let bytes = 0
    for (const { file } of own) {
      const override = overrides.get(file)
      bytes += override ? Buffer.byteLength(override.after) : ((await sizeOf(git, file)) ?? 0)
    }
    files.push(...own)
    perDep.push({ dep, bytes, files: own.length })
    total += bytes
  }
  if (total <= limit.maxBytes) return files
  const largest = perDep.reduce((a, b) => (b.bytes > a.bytes ? b : a))
  throw new GraftError({
    file: limit.promptPath,
    message:
      `the sources of this document hold ${describeBytes(total)}, ${limit.why}, so they are not read; ` +
      `dep ${largest.dep} alone holds ${describeBytes(largest.bytes)} in ${largest.files} file(s)`,
    hint: 'list as deps only the files the document needs (a narrower folder, or single files), or raise max-input-tokens if the model can take it'
  })
}

/** "3.1 GB", "40 MB", "12 KB". */
export function describeBytes(bytes: number): string {
  const units: Array<[number, string]> = [
    [1024 ** 3, 'GB'],
    [1024 ** 2, 'MB'],
    [1024, 'KB']
  ]
  for (const [size, unit] of units)
    if (bytes >= size) return `${(bytes / size).toFixed(bytes >= 10 * size ? 0 : 1)} ${unit}`
  return `${bytes} bytes`
}

/** What `git diff` said: the patch, and the submodules whose commits this checkout lacks (their files are shown instead). */
interface GitDiff {
  text: string
  absent: string[]
}

/** Options every diff here takes: plain text, no program the configuration names, no guessing at renames. */
const DIFF_OPTIONS = ['--unified=3', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames']

/** `git diff <baseline>` against the working tree's state of `paths`, untracked files included. */
async function gitDiff(git: Git, baselineRev: string, paths: string[], limit: SourceLimit): Promise<GitDiff> {
  if (paths.length === 0) return { text: '', absent: [] }
  const dir = await mkdtemp(join(tmpdir(), 'graft-index-'))
  try {
    const literal = git.withEnv({ GIT_LITERAL_PATHSPECS: '1' })
    const scratch = literal.withEnv({ GIT_INDEX_FILE: join(dir, 'index') })
    // Seed with the real index's entries so tracked files that .gitignore matches still count
    // (--index-info takes paths from the repository root; cwd may be a folder below it).
    const staged = await literal.execPaths(['ls-files', '--stage', '--full-name', '-z'], paths)
    if (staged) await scratch.exec(['update-index', '-z', '--index-info'], staged)
    // Present paths take the working tree's state; seeded paths gone from disk become deletions
    // (`add --all` of a dep records both, for a folder's files too: one pathspec per dep, not per file).
    const prefix = (await git.exec(['rev-parse', '--show-prefix'])).trim()
    const seeded = indexPaths(staged).map((p) => p.slice(prefix.length))
    const present = new Set(await existing(git, paths))
    const toAdd = paths.filter((p) => present.has(p) || seeded.some((s) => s === p || s.startsWith(`${p}/`)))
    if (toAdd.length > 0) await addQuietly(scratch, toAdd)
    const budget = new OutputBudget(limit, paths, baselineRev)
    // The old side (deleted or shrunk files) counts too: the diff itself is bounded.
    const text = await budget.take((maxOutputBytes) =>
      scratch.execPaths(
        [
          'diff',
          '--cached',
          '--relative',
          ...DIFF_OPTIONS,
          // submodules are diffed below, in their own checkouts
          '--ignore-submodules=all',
          '--src-prefix=a/',
          '--dst-prefix=b/',
          baselineRev
        ],
        paths,
        { maxOutputBytes }
      )
    )
    const links = gitlinks(
      await scratch.execPaths(
        [
          'diff',
          '--cached',
          '--relative',
          '--raw',
          '-z',
          '--no-abbrev',
          '--no-renames',
          '--ignore-submodules=none',
          baselineRev
        ],
        paths
      )
    )
    const absent: string[] = []
    const parts = [text]
    for (const link of links) {
      const sub = await submoduleDiff(git, link, budget)
      parts.push(sub.text)
      absent.push(...sub.absent)
    }
    return { text: parts.filter((t) => t !== '').join(''), absent }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** A submodule (gitlink) whose commit differs between two sides of a diff; a zero id where it is absent on one side. */
interface Gitlink {
  path: string
  old: string
  new: string
}

const ZERO_ID = /^0+$/
const GITLINK_MODE = '160000'

/** The gitlinks among `git diff --raw -z` entries (`:oldmode newmode oldid newid status\0path\0`). */
function gitlinks(raw: string): Gitlink[] {
  const fields = raw.split('\0')
  const links: Gitlink[] = []
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [oldMode, newMode, oldId, newId] = fields[i].replace(/^:/, '').split(' ')
    if (oldMode !== GITLINK_MODE && newMode !== GITLINK_MODE) continue
    links.push({
      path: fields[i + 1],
      old: oldMode === GITLINK_MODE ? oldId : '0'.repeat(oldId.length),
      new: newMode === GITLINK_MODE ? newId : '0'.repeat(newId.length)
    })
  }
  return links
}

/**
 * A submodule's own file diff between its two commits, headed as git's
 * `--submodule=diff` heads it (`Submodule P a..b:`), run in its checkout
 * through the one git runner (Git.below: the submodule's configuration is read
 * for its own overrides). Its commits missing from the checkout (a shallow
 * submodule), or no checkout: the header says so and the caller shows its
 * current files. Submodules inside it are diffed the same way. `git` is the
 * repository holding the gitlink; `shown` the submodule's path as the diff shows it.
 */
async function submoduleDiff(git: Git, link: Gitlink, budget: OutputBudget, shown = link.path): Promise<GitDiff> {
  const short = (id: string): string => id.slice(0, 7)
  const added = ZERO_ID.test(link.old)
  const deleted = ZERO_ID.test(link.new)
  const checkout = !deleted && (await isCheckout(git, link.path)) ? git.below(link.path) : undefined
  const has = async (id: string): Promise<boolean> => ZERO_ID.test(id) || (await checkout?.revParse(id)) !== undefined
  const present = checkout !== undefined && (await has(link.old)) && (await has(link.new))
  const note = deleted ? ' (submodule deleted)' : added ? ' (new submodule)' : present ? '' : ' (commits not present)'
  const header = `Submodule ${shown} ${short(link.old)}${note === '' ? '..' : '...'}${short(link.new)}${note === '' ? ':' : note}\n`
  if (!checkout || !present) return { text: header, absent: deleted ? [] : [shown] }
  // a new submodule: its files against the empty tree, as git shows them
  const from = added ? (await checkout.exec(['hash-object', '-t', 'tree', '--stdin'], '')).trim() : link.old
  const range = [from, link.new]
  const prefixes = [`--src-prefix=a/${shown}/`, `--dst-prefix=b/${shown}/`]
  const text = await budget.take((maxOutputBytes) =>
    checkout.exec(['diff', ...DIFF_OPTIONS, '--ignore-submodules=all', ...prefixes, ...range], undefined, {
      maxOutputBytes
    })
  )
  const parts = [header, text]
  const absent: string[] = []
  const raw = await checkout.exec([
    'diff',
    '--raw',
    '-z',
    '--no-abbrev',
    '--no-renames',
    '--ignore-submodules=none',
    ...range
  ])
  for (const nested of gitlinks(raw)) {
    const below = await submoduleDiff(checkout, nested, budget, `${shown}/${nested.path}`)
    parts.push(below.text)
    absent.push(...below.absent)
  }
  return { text: parts.join(''), absent }
}

/** What is left of `limit` for the diffs of one document; over it, the error names the deps. */
class OutputBudget {
  private left: number

  constructor(
    private readonly limit: SourceLimit,
    private readonly paths: string[],
    private readonly baselineRev: string
  ) {
    this.left = limit.maxBytes
  }

  /** Runs a diff bounded by what is left, and counts what it returned. */
  async take(diff: (maxOutputBytes: number) => Promise<string>): Promise<string> {
    const text = await diff(this.left).catch((error: unknown) => {
      if (!(error instanceof OutputTooLarge)) throw error
      throw new GraftError({
        file: this.limit.promptPath,
        message: `the changes to ${this.paths.join(', ')} since ${this.baselineRev.slice(0, 12)} are over ${describeBytes(this.limit.maxBytes)}, ${this.limit.why}`,
        hint: 'list as deps only the files the document needs, or raise max-input-tokens if the model can take it'
      })
    })
    this.left -= Buffer.byteLength(text)
    return text
  }
}

/** Paths of `git ls-files --stage -z` entries (`mode sha stage<TAB>path`). */
function indexPaths(staged: string): string[] {
  return staged
    .split('\0')
    .filter(Boolean)
    .map((entry) => entry.slice(entry.indexOf('\t') + 1))
}

/** `git add`, tolerating only "this path is ignored" (an ignored new file is not a source git knows). */
async function addQuietly(scratch: Git, paths: string[]): Promise<void> {
  const r = await scratch.tryExecPaths(['add', '--all'], paths)
  if (r.code !== 0 && !/ignored by one of your \.gitignore files/.test(r.stderr)) {
    throw new Error(`git add (scratch index) failed: ${r.stderr.trim()}`)
  }
}

/** The dep's text at the baseline against its text from this run. */
async function overrideDiff(git: Git, baselineRev: string, path: string, override: Override): Promise<string> {
  // Diff from the baseline, not from `before`: the upstream may also have changed in
  // commits since this document was generated, and the model must see those too.
  if (override.pending) return `--- a/${path}\n+++ b/${path}\n@@ REGENERATED IN THIS RUN @@\n${pendingText(path)}`
  const old = (await git.show(baselineRev, path)) ?? ''
  if (old === override.after) return ''
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, old, override.after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY
  })
}

/** Graft's whole-file shape: `--- a/P`, `+++ b/P`, `@@ <marker> @@`, the text; blank line between files. */
/** The hunk line above a dep shown whole (no diff): every line after it is the file's text. */
export function wholeFileHunk(marker: 'NEW FILE' | 'CURRENT CONTENT'): string {
  return `@@ ${marker} @@`
}

async function wholeFiles(
  git: Git,
  files: DepFile[],
  overrides: Map<string, Override>,
  marker: 'NEW FILE' | 'CURRENT CONTENT'
): Promise<string> {
  const chunks: string[] = []
  const paths = new RepoPathChecker(git.cwd)
  for (const { file, inFolder } of files) {
    const override = overrides.get(file)
    // Through the resolver: nothing outside the repository or inside .git/, .github/, .dvc/ is shown to the model;
    // a file found inside a folder dep may have any name (it is the folder's data), shown escaped.
    const text = override
      ? override.pending
        ? pendingText(file)
        : override.after
      : ((inFolder ? paths.readEntry(file) : paths.readText(file, 'dep')) ?? '')
    const shown = showPath(file)
    chunks.push(`--- a/${shown}\n+++ b/${shown}\n${wholeFileHunk(marker)}\n${text}`)
  }
  return chunks.join('\n\n')
}

/**
 * A dep as files: a directory dep becomes the files git sees under it
 * (tracked or not, not ignored), a submodule's checkout among them its own files.
 */
async function expandDep(git: Git, dep: string, overrides: Map<string, Override>): Promise<DepFile[]> {
  const what = overrides.has(dep) ? 'file' : await kind(git, dep)
  if (what === 'file') return [{ file: dep, inFolder: false }]
  return what === 'dir' ? (await filesUnder(git, dep)).map((file) => ({ file, inFolder: true })) : []
}

async function sizeOf(git: Git, path: string): Promise<number | undefined> {
  try {
    return (await stat(join(git.cwd, path))).size
  } catch {
    return undefined
  }
}

async function filesUnder(git: Git, dir: string): Promise<string[]> {
  const out = await git
    .withEnv({ GIT_LITERAL_PATHSPECS: '1' })
    .exec(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', dir])
  const listed = [...new Set(out.split('\0').filter(Boolean))].sort()
  const present: string[] = []
  for (const file of listed) {
    const what = await kind(git, file)
    if (what === 'file') present.push(file)
    // listed, and a folder: a submodule's checkout (git lists its gitlink) or a nested repository; its files come
    // from its own repository (an empty folder, a submodule never checked out, has none: git would answer for this one)
    else if (what === 'dir' && (await isCheckout(git, file.replace(/\/$/, '')))) {
      const sub = file.replace(/\/$/, '')
      for (const inner of await filesUnder(git.below(sub), '.')) present.push(`${sub}/${inner}`)
    }
  }
  return present
}

async function existing(git: Git, paths: string[]): Promise<string[]> {
  const present: string[] = []
  for (const path of paths) if (await kind(git, path)) present.push(path)
  return present
}

/** A real folder (not a symlink to one: git would then run in whatever repository it leads to) holding a `.git`. */
async function isCheckout(git: Git, dir: string): Promise<boolean> {
  const own = await lstat(join(git.cwd, dir)).catch(() => undefined)
  return own?.isDirectory() === true && (await kind(git, `${dir}/.git`)) !== undefined
}

async function kind(git: Git, path: string): Promise<'file' | 'dir' | undefined> {
  try {
    const s = await stat(join(git.cwd, path))
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined
  } catch {
    return undefined
  }
}
