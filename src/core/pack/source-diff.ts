// The source diff the model is shown: every change to the deps since the
// baseline, committed or not, including new untracked files. Git computes it
// against a scratch index so the user's index and working tree stay untouched.
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff'
import { GraftError } from '../errors.js'
import { OutputTooLarge } from '../io/exec.js'
import type { Git } from '../io/git.js'
import { MAX_TEXT_BYTES, RepoPathChecker } from '../paths.js'
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
  const diffs = [await gitDiff(git, baselineRev, fromGit, limit)]
  for (const dep of deps.filter((d) => overrides.has(d))) {
    diffs.push(await overrideDiff(git, baselineRev, dep, overrides.get(dep) as Override))
  }
  const text = diffs.filter((d) => d.trim() !== '').join('\n')
  if (text !== '') return { text: redactSecrets(text), changed: true }
  return { text: redactSecrets(await wholeFiles(git, files, overrides, 'CURRENT CONTENT')), changed: false }
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
): Promise<string[]> {
  const files: string[] = []
  const perDep: Array<{ dep: string; bytes: number; files: number }> = []
  let total = 0
  for (const dep of deps) {
    const own = await expandDep(git, dep, overrides)
    let bytes = 0
    for (const file of own) {
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

/** `git diff <baseline>` against the working tree's state of `paths`, untracked files included. */
async function gitDiff(git: Git, baselineRev: string, paths: string[], limit: SourceLimit): Promise<string> {
  if (paths.length === 0) return ''
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
    const args = [
      'diff',
      '--cached',
      '--relative',
      '--unified=3',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--no-renames',
      '--src-prefix=a/',
      '--dst-prefix=b/',
      baselineRev
    ]
    // The old side (deleted or shrunk files) counts too: the diff itself is bounded.
    return await scratch.execPaths(args, paths, { maxOutputBytes: limit.maxBytes }).catch((error: unknown) => {
      if (!(error instanceof OutputTooLarge)) throw error
      throw new GraftError({
        file: limit.promptPath,
        message: `the changes to ${paths.join(', ')} since ${baselineRev.slice(0, 12)} are over ${describeBytes(limit.maxBytes)}, ${limit.why}`,
        hint: 'list as deps only the files the document needs, or raise max-input-tokens if the model can take it'
      })
    })
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
async function wholeFiles(
  git: Git,
  files: string[],
  overrides: Map<string, Override>,
  marker: 'NEW FILE' | 'CURRENT CONTENT'
): Promise<string> {
  const chunks: string[] = []
  for (const file of files) {
    const override = overrides.get(file)
    const text = override ? (override.pending ? pendingText(file) : override.after) : await readInside(git.cwd, file)
    chunks.push(`--- a/${file}\n+++ b/${file}\n@@ ${marker} @@\n${text}`)
  }
  return chunks.join('\n\n')
}

/** Reads a dep through the resolver: nothing outside the repository or inside .git/, .github/, .dvc/ is shown to the model. */
async function readInside(root: string, file: string): Promise<string> {
  return new RepoPathChecker(root).readText(file, 'dep') ?? ''
}

/** A dep as files: a directory dep becomes the files git sees under it (tracked or not, not ignored). */
async function expandDep(git: Git, dep: string, overrides: Map<string, Override>): Promise<string[]> {
  if (overrides.has(dep)) return [dep]
  const k = await kind(git, dep)
  if (k === 'file') return [dep]
  return k === 'dir' ? filesUnder(git, dep) : []
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
  for (const file of listed) if ((await kind(git, file)) === 'file') present.push(file)
  return present
}

async function existing(git: Git, paths: string[]): Promise<string[]> {
  const present: string[] = []
  for (const path of paths) if (await kind(git, path)) present.push(path)
  return present
}

async function kind(git: Git, path: string): Promise<'file' | 'dir' | undefined> {
  try {
    const s = await stat(join(git.cwd, path))
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined
  } catch {
    return undefined
  }
}
