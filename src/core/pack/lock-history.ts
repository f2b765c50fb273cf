// When did a stage's dvc.lock entry take its current value? That commit is the
// moment DVC (or this action) last brought the stage up to date: the output,
// its deps and the lock were committed together.
import { parse } from 'yaml'
import type { Git } from '../../git.js'

/** Parsed dvc.lock entries per blob, shared across stages of one run. */
export type LockCache = Map<string, Record<string, unknown> | undefined>

/** Walking further than this means the entry is older than anything useful. */
const MAX_COMMITS = 1000

/**
 * The newest commit (reachable from HEAD) whose dvc.lock holds the stage's
 * current entry while its first parent does not; undefined when HEAD has no
 * entry for the stage. A commit without parents (root, or the edge of a
 * shallow clone) counts as introducing whatever it holds.
 */
export async function lastLockChange(
  git: Git,
  stage: string,
  lockPath = 'dvc.lock',
  cache: LockCache = new Map()
): Promise<string | undefined> {
  const current = await lockEntry(git, 'HEAD', stage, lockPath, cache)
  if (current === undefined) return undefined
  const log = await git.tryExec(['log', `--max-count=${MAX_COMMITS}`, '--format=%H %P', 'HEAD', '--', lockPath])
  if (log.code !== 0) return undefined
  for (const line of log.stdout.split('\n').filter(Boolean)) {
    const [commit, parent] = line.split(' ')
    if ((await lockEntry(git, commit, stage, lockPath, cache)) !== current) continue
    const before = parent ? await lockEntry(git, parent, stage, lockPath, cache) : undefined
    if (before !== current) return commit
  }
  return undefined
}

/** The stage's entry at `rev`, as canonical JSON (so formatting changes do not count). */
async function lockEntry(
  git: Git,
  rev: string,
  stage: string,
  lockPath: string,
  cache: LockCache
): Promise<string | undefined> {
  const found = await git.tryExec(['rev-parse', '--verify', '--quiet', `${rev}:${lockPath}`])
  if (found.code !== 0) return undefined
  const blob = found.stdout.trim()
  if (!cache.has(blob)) cache.set(blob, parseStages(await git.exec(['cat-file', 'blob', blob])))
  const entry = cache.get(blob)?.[stage]
  return entry === undefined ? undefined : JSON.stringify(entry)
}

/** A corrupt historical lock is treated as holding no entries, not as an error. */
function parseStages(text: string): Record<string, unknown> | undefined {
  try {
    const doc = parse(text) as { stages?: Record<string, unknown> } | null
    return doc?.stages ?? undefined
  } catch {
    return undefined
  }
}
