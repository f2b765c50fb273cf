// The source diff the model is shown: every change to the deps since the
// baseline, committed or not, including new untracked files. Git computes it
// against a scratch index so the user's index and working tree stay untouched.
// A submodule among the deps (a folder dep that is a checked-out submodule, or
// one inside a folder dep) shows its own files' diff between the two commits
// when the checkout has both, else its current files, like any folder dep.
import { lstat, mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff'
import type { Git } from '../io/git.js'
import { RepoPathChecker, showPath } from '../paths.js'
import { redactSecrets } from './redact.js'

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
  overrides: Map<string, Override> = new Map()
): Promise<SourceDiff> {
  if (!baselineRev) {
    const text = await wholeFiles(git, deps, overrides, 'NEW FILE')
    return { text: redactSecrets(text), changed: text.trim() !== '' }
  }
  const fromGit = deps.filter((d) => !overrides.has(d))
  const diffs = [await gitDiff(git, baselineRev, fromGit)]
  // a submodule whose commit at the baseline this checkout lacks (a shallow submodule): its files as they are now
  const absent = [...diffs[0].matchAll(/^Submodule (.+) [0-9a-f]+\.\.\.?[0-9a-f]+ \(commits not present\)$/gm)].map(
    (m) => m[1]
  )
  if (absent.length > 0) diffs.push(await wholeFiles(git, absent, overrides, 'CURRENT CONTENT'))
  for (const dep of deps.filter((d) => overrides.has(d))) {
    diffs.push(await overrideDiff(git, baselineRev, dep, overrides.get(dep) as Override))
  }
  const text = diffs.filter((d) => d.trim() !== '').join('\n')
  if (text !== '') return { text: redactSecrets(text), changed: true }
  return { text: redactSecrets(await wholeFiles(git, deps, overrides, 'CURRENT CONTENT')), changed: false }
}

/** `git diff <baseline>` against the working tree's state of `paths`, untracked files included. */
async function gitDiff(git: Git, baselineRev: string, paths: string[]): Promise<string> {
  if (paths.length === 0) return ''
  const dir = await mkdtemp(join(tmpdir(), 'graft-index-'))
  try {
    const literal = git.withEnv({ GIT_LITERAL_PATHSPECS: '1' })
    const scratch = literal.withEnv({ GIT_INDEX_FILE: join(dir, 'index') })
    // Seed with the real index's entries so tracked files that .gitignore matches still count
    // (--index-info takes paths from the repository root; cwd may be a folder below it).
    const staged = await literal.exec(['ls-files', '--stage', '--full-name', '-z', '--', ...paths])
    if (staged) await scratch.exec(['update-index', '-z', '--index-info'], staged)
    // Present paths take the working tree's state; seeded paths gone from disk become deletions.
    const prefix = (await git.exec(['rev-parse', '--show-prefix'])).trim()
    const seeded = indexPaths(staged).map((p) => p.slice(prefix.length))
    const toAdd = new Set([...(await existing(git, paths)), ...seeded])
    if (toAdd.size > 0) await addQuietly(scratch, [...toAdd])
    return await scratch.exec([
      'diff',
      '--cached',
      '--relative',
      '--unified=3',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--no-renames',
      // a submodule's own files, diffed between its two commits, instead of `Subproject commit X`
      '--submodule=diff',
      '--src-prefix=a/',
      '--dst-prefix=b/',
      baselineRev,
      '--',
      ...paths
    ])
  } finally {
    await rm(dir, { recursive: true, force: true })
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
  const r = await scratch.tryExec(['add', '--all', '--', ...paths])
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
async function wholeFiles(
  git: Git,
  deps: string[],
  overrides: Map<string, Override>,
  marker: 'NEW FILE' | 'CURRENT CONTENT'
): Promise<string> {
  const chunks: string[] = []
  const paths = new RepoPathChecker(git.cwd)
  for (const { file, inFolder } of await expandDeps(git, deps, overrides)) {
    const override = overrides.get(file)
    // Through the resolver: nothing outside the repository or inside .git/, .github/, .dvc/ is shown to the model;
    // a file found inside a folder dep may have any name (it is the folder's data), shown escaped.
    const text = override
      ? override.pending
        ? pendingText(file)
        : override.after
      : ((inFolder ? paths.readEntry(file) : paths.readText(file, 'dep')) ?? '')
    const shown = showPath(file)
    chunks.push(`--- a/${shown}\n+++ b/${shown}\n@@ ${marker} @@\n${text}`)
  }
  return chunks.join('\n\n')
}

/**
 * Deps as files: a directory dep becomes the files git sees under it (tracked
 * or not, not ignored), a submodule's checkout among them its own files.
 */
async function expandDeps(
  git: Git,
  deps: string[],
  overrides: Map<string, Override>
): Promise<Array<{ file: string; inFolder: boolean }>> {
  const files: Array<{ file: string; inFolder: boolean }> = []
  for (const dep of deps) {
    const what = overrides.has(dep) ? 'file' : await kind(git, dep)
    if (what === 'file') files.push({ file: dep, inFolder: false })
    else if (what === 'dir') for (const file of await filesUnder(git, dep)) files.push({ file, inFolder: true })
  }
  return files
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
