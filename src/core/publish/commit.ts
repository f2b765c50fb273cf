// One commit holding exactly the given paths. The commit is built in a scratch
// index (GIT_INDEX_FILE) started from HEAD's tree, so whatever the user has
// staged or changed elsewhere stays out of it and their index keeps its state;
// only the committed paths' index entries are brought up to the new HEAD.
// Paths go to git literally (GIT_LITERAL_PATHSPECS): `docs/notes [v2].md` is
// that file, never a pattern that also matches `docs/notes 2.md`; and the
// tree is checked to differ from HEAD in exactly the given paths before the
// commit is made.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Git } from '../io/git.js'
import { GraftError, throwIfProblems } from '../errors.js'
import { lexicalPathProblem } from '../repo/names.js'

export interface Identity {
  name: string
  email: string
}

export interface CommitFilesOptions {
  /** repository-relative paths; a deleted path is committed as a deletion */
  paths: string[]
  identity: Identity
  message: string
  /** replace HEAD (same parents) instead of adding a commit on top of it */
  amend?: boolean
}

/** Author and committer both set through the environment; git config is never edited. */
export function identityEnv(identity: Identity): NodeJS.ProcessEnv {
  return {
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email
  }
}

/**
 * Commits `paths` as they are in the working tree; returns the new commit's
 * sha, or undefined when that would change nothing (no empty commits).
 */
export async function commitFiles(repo: Git, options: CommitFilesOptions): Promise<string | undefined> {
  refuseUnsafePaths(options.paths)
  if (options.paths.length === 0) return undefined
  const git = repo.withEnv(LITERAL)
  const head = await git.revParse('HEAD')
  if (options.amend && !head) throw new Error('commitFiles: nothing to amend, HEAD has no commit')

  const tree = await treeWithPaths(git, head, options.paths)
  const parents = options.amend ? await parentsOf(git, head!) : head ? [head] : []
  // Same tree as HEAD: a new commit, or an amended one, would change nothing.
  if (head && tree === (await treeOf(git, head))) return undefined
  await assertExactly(git, head, tree, options.paths)

  const args = ['commit-tree', tree, ...parents.flatMap((p) => ['-p', p]), '-F', '-']
  const sha = (await git.withEnv(identityEnv(options.identity)).exec(args, options.message)).trim()
  // Compare-and-swap: fails rather than overwrite a HEAD that moved meanwhile.
  const reflog = options.amend ? 'graft-action: amend' : 'graft-action: commit'
  await git.exec(['update-ref', '-m', reflog, 'HEAD', sha, ...(head ? [head] : [])])
  await git.execPaths(['reset', '-q'], options.paths)
  return sha
}

/** Every pathspec is a literal path: no glob, no magic. */
const LITERAL: NodeJS.ProcessEnv = { GIT_LITERAL_PATHSPECS: '1' }

/**
 * The new tree differs from `base` (HEAD, or HEAD's parent for an amend) in
 * the given paths only; anything else means a path was taken for a pattern
 * or the index was not ours. Throws, naming the extra paths.
 */
async function assertExactly(git: Git, base: string | undefined, tree: string, paths: string[]): Promise<void> {
  const prefix = (await git.exec(['rev-parse', '--show-prefix'])).trim()
  const intended = new Set(paths.map((p) => `${prefix}${p}`))
  const listing = base
    ? ['diff-tree', '-r', '--name-only', '-z', base, tree]
    : ['ls-tree', '-r', '--name-only', '-z', tree]
  const changed = (await git.exec(listing)).split('\0').filter(Boolean)
  const extra = changed.filter((p) => !intended.has(p))
  if (extra.length > 0) {
    throw new GraftError(
      extra.map((file) => ({
        file,
        message:
          'the bot commit would include this path, which is not one of the regenerated files; nothing was committed',
        hint: 'report this as a bug in graft-action (the paths given to git were not taken literally)'
      }))
    )
  }
}

function refuseUnsafePaths(paths: string[]): void {
  const problems = paths.flatMap((p) => {
    const why = lexicalPathProblem(p, 'dep')
    return why ? [{ file: p, message: `refusing to commit: ${why}`, hint: 'commit only repository files' }] : []
  })
  throwIfProblems(problems)
}

/** HEAD's tree with `paths` taken from the working tree, written by a scratch index. */
async function treeWithPaths(git: Git, head: string | undefined, paths: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'graft-index-'))
  try {
    const scratch = git.withEnv({ GIT_INDEX_FILE: join(dir, 'index') })
    await scratch.exec(head ? ['read-tree', head] : ['read-tree', '--empty'])
    const present = await pathsKnownOrOnDisk(scratch, paths)
    // -f: the caller named these paths; a stray .gitignore rule must not drop one.
    if (present.length > 0) await scratch.execPaths(['add', '-A', '-f'], present)
    return (await scratch.exec(['write-tree'])).trim()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** `git add` refuses a pathspec that matches nothing: drop paths neither on disk nor tracked. */
async function pathsKnownOrOnDisk(scratch: Git, paths: string[]): Promise<string[]> {
  const tracked = new Set((await scratch.execPaths(['ls-files', '-z'], paths)).split('\0').filter(Boolean))
  return paths.filter((p) => tracked.has(p) || existsSync(join(scratch.cwd, p)))
}

async function treeOf(git: Git, rev: string): Promise<string | undefined> {
  const r = await git.tryExec(['rev-parse', '--verify', '--quiet', `${rev}^{tree}`])
  return r.code === 0 ? r.stdout.trim() : undefined
}

async function parentsOf(git: Git, rev: string): Promise<string[]> {
  const out = await git.exec(['rev-list', '--parents', '-n', '1', rev])
  return out.trim().split(' ').slice(1)
}
