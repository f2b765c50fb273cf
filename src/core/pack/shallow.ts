// Shallow clones (actions/checkout's default is depth 1) cut history short: the
// commit at the edge looks as if it created every file. A baseline found at the
// edge is therefore unproven, and more history must be fetched.
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Git } from '../io/git.js'
import { gitWithAuth, isTokenRefused } from '../io/remote-auth.js'

export async function isShallow(git: Git): Promise<boolean> {
  const r = await git.tryExec(['rev-parse', '--is-shallow-repository'])
  return r.stdout.trim() === 'true'
}

/** The commits at the edge of a shallow clone (their parents are missing). */
export async function shallowEdge(git: Git): Promise<Set<string>> {
  const path = (await git.exec(['rev-parse', '--git-path', 'shallow'])).trim()
  try {
    const text = await readFile(resolve(git.cwd, path), 'utf8')
    return new Set(text.split('\n').filter(Boolean))
  } catch {
    return new Set()
  }
}

/** One step of fetching more history: a number of commits, or all of it. */
export type DeepenStep = number | 'unshallow'

export const DEFAULT_DEEPEN_STEPS: DeepenStep[] = [50, 500, 'unshallow']

/**
 * Fetches more history from `remote` (`git fetch --deepen=N` or `--unshallow`,
 * no tags), with `token` as the HTTP header of this one git process when given
 * (io/remote-auth.ts: a repository checked out with persist-credentials: false
 * has no credentials of its own). Returns git's error text (the token scrubbed)
 * on failure, undefined on success.
 */
export async function deepen(git: Git, remote: string, step: DeepenStep, token?: string): Promise<string | undefined> {
  const how = step === 'unshallow' ? '--unshallow' : `--deepen=${step}`
  const r = await gitWithAuth(git, remote, token, ['fetch', '--quiet', '--no-tags', how, remote])
  if (r.code === 0) return undefined
  if (isTokenRefused(r.stderr))
    return token
      ? 'origin refused the token (HTTP 401: it has expired or was revoked)'
      : 'origin asked for credentials (HTTP 401) and the action was given no token'
  return r.stderr.trim() || `git fetch exited with ${r.code}`
}

export function describeStep(remote: string, step: DeepenStep): string {
  return step === 'unshallow' ? `git fetch --unshallow ${remote}` : `git fetch --deepen=${step} ${remote}`
}
