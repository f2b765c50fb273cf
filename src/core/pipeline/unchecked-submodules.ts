// Submodules the checkout did not check out. A dep that is (or holds) a Git
// submodule is an empty folder on a runner whose checkout skipped submodules
// (actions/checkout's default, `submodules: false`). DVC hashes that empty
// folder like any other: validate then calls the stage stale for a reason no
// diff explains, and a generate that recorded the empty folder's hash (with
// nothing of the library shown to the model) would make every developer's
// checkout, which has the submodule, stale again — the same churn as a Git
// LFS pointer (dvc/lfs-pointer.ts). Found here so that validate can say why
// and generate can stop first.
import { lstat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Git } from '../io/git.js'

/** The mode git records a submodule (gitlink) with. */
const GITLINK_MODE = '160000'

/**
 * The submodules at or below `deps` (paths relative to `git`'s folder) that
 * the work tree lacks: a gitlink in the index whose folder holds no `.git` of
 * its checkout. Their paths, relative to that folder.
 */
export async function uncheckedSubmodules(git: Git, deps: readonly string[]): Promise<string[]> {
  if (deps.length === 0) return []
  const r = await git.tryExecPaths(['ls-files', '--stage', '-z'], [...deps])
  if (r.code !== 0) return [] // not a checkout git can read: nothing to say
  const links = r.stdout
    .split('\0')
    .filter((entry) => entry.startsWith(`${GITLINK_MODE} `))
    .map((entry) => entry.slice(entry.indexOf('\t') + 1))
  const missing: string[] = []
  for (const link of [...new Set(links)].sort()) {
    const checkout = await lstat(join(git.cwd, link, '.git')).catch(() => undefined)
    if (!checkout) missing.push(link)
  }
  return missing
}

/** What to do about them, for a reason or an error. */
export const UNCHECKED_SUBMODULE_HINT =
  'check out submodules: actions/checkout with `submodules: true` (or `recursive`), or run `git submodule update --init` before this action, then run again'
