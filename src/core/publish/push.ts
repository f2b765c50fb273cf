// Publishing the bot commit: push HEAD to the branch; when the branch moved
// meanwhile, fetch it, rebase the bot commit onto it, let the caller re-check
// staleness, and push again — a bounded number of times. Never a force push:
// the refspec has no `+` and no --force, so the remote only ever fast-forwards.
import type { Git } from '../io/git.js'
import type { Log } from '../log.js'
import { GraftError } from '../errors.js'
import { gitWithAuth } from './auth.js'
import { identityEnv, type Identity } from './commit.js'

export type AfterRebase = () => Promise<'clean' | 'amended' | 'give-up'>

export interface PushOptions {
  branch: string
  remote?: 'origin'
  token?: string
  /** push attempts in all; default 4 */
  maxAttempts?: number
  log: Log
  /**
   * Called after each successful rebase onto new upstream commits: re-validate
   * and, when sources changed again, regenerate and amend; 'give-up' stops.
   */
  afterRebase?: AfterRebase
  /** committer of rebased commits; default: the author of HEAD (the bot) */
  identity?: Identity
}

export interface PushResult {
  pushed: boolean
  /** the commit pushed (or, when not pushed, HEAD as it stands) */
  sha: string
  attempts: number
}

const DEFAULT_ATTEMPTS = 4

export async function pushWithRebase(git: Git, options: PushOptions): Promise<PushResult> {
  const remote = options.remote ?? 'origin'
  const maxAttempts = options.maxAttempts ?? DEFAULT_ATTEMPTS
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`pushWithRebase: maxAttempts must be a positive integer, got ${maxAttempts}`)
  }
  for (let attempt = 1; ; attempt++) {
    const sha = await head(git)
    const outcome = await pushOnce(git, remote, options.branch, options.token)
    if (outcome === 'pushed') {
      options.log.info(`Pushed ${sha.slice(0, 12)} to ${options.branch} (attempt ${attempt})`)
      return { pushed: true, sha, attempts: attempt }
    }
    if (attempt >= maxAttempts) throw attemptsExhausted(options.branch, attempt)
    options.log.info(`${options.branch} moved on ${remote} while the documents were generated; fetching and rebasing`)

    const upstream = await fetchBranch(git, remote, options.branch, options.token)
    await rebaseOnto(git, upstream, options)
    const rebased = await head(git)
    if (rebased === upstream) {
      // The rebase dropped the bot commit: the branch already holds the same change.
      options.log.info(`${options.branch} already holds these changes; nothing to push`)
      return { pushed: false, sha: rebased, attempts: attempt }
    }
    const verdict = options.afterRebase ? await options.afterRebase() : 'clean'
    if (verdict === 'give-up') {
      options.log.warn(`Stopped after ${attempt} push attempt(s): the re-check after rebasing gave up`)
      return { pushed: false, sha: await head(git), attempts: attempt }
    }
  }
}

/**
 * Checks, before any model call, that the token may push to the branch: a
 * dry-run push asks the remote for its receive-pack service, which GitHub
 * refuses (403) to a token without write access. Throws the permission error;
 * other failures are left for the real push to report.
 */
export async function assertCanPush(git: Git, branch: string, token?: string, remote = 'origin'): Promise<void> {
  const r = await gitWithAuth(git, remote, token, ['push', '--dry-run', '--porcelain', '--no-verify', remote, `HEAD:refs/heads/${branch}`])
  const text = `${r.stderr}\n${r.stdout}`
  if (r.code !== 0 && isPermissionDenied(text)) throw permissionError(branch, text)
}

async function head(git: Git): Promise<string> {
  return (await git.exec(['rev-parse', 'HEAD'])).trim()
}

/** 'pushed', or 'rejected' when the branch moved; any other failure throws. */
async function pushOnce(git: Git, remote: string, branch: string, token?: string): Promise<'pushed' | 'rejected'> {
  const args = ['push', '--porcelain', '--no-verify', remote, `HEAD:refs/heads/${branch}`]
  const r = await gitWithAuth(git, remote, token, args)
  if (r.code === 0) return 'pushed'
  const text = `${r.stderr}\n${r.stdout}`
  if (isOutOfDate(text)) return 'rejected'
  if (isPermissionDenied(text)) throw permissionError(branch, text)
  throw new GraftError({
    message: `git push to ${branch} failed: ${lastLines(text)}`,
    hint: isRemoteRejected(text)
      ? 'the remote refused the push (a branch protection rule or hook?): allow the bot to push to this branch, or run with push: false'
      : 'check that origin is reachable and the branch name is right, then re-run the workflow'
  })
}

/** Git's words for "the branch has commits you do not have". */
export function isOutOfDate(text: string): boolean {
  return /\[rejected\].*\((fetch first|non-fast-forward)\)|\(fetch first\)|non-fast-forward/i.test(text)
}

/** GitHub's answers to a token that may not push. */
export function isPermissionDenied(text: string): boolean {
  return /Permission to .* denied|error: 403|returned error: 403|Write access to repository not granted|not allowed to push|\bnot allowed\b/i.test(text)
}

function isRemoteRejected(text: string): boolean {
  return /\[remote rejected\]/.test(text)
}

function permissionError(branch: string, text: string): GraftError {
  return new GraftError({
    message: `the token may not push to ${branch}: ${lastLines(text)}`,
    hint:
      'give the workflow `permissions: contents: write` (or pass a `token` that can push to this branch); ' +
      'to only report staleness, set `push: false`'
  })
}

function attemptsExhausted(branch: string, attempts: number): GraftError {
  return new GraftError({
    message: `${branch} kept moving: ${attempts} push attempts were each overtaken by new commits`,
    hint: 'nothing was pushed; re-run the workflow when the branch is quieter, or run graft-action generate locally and push'
  })
}

/** Fetches the branch into its remote-tracking ref; returns the remote tip. */
async function fetchBranch(git: Git, remote: string, branch: string, token?: string): Promise<string> {
  const tracking = `refs/remotes/${remote}/${branch}`
  const r = await gitWithAuth(git, remote, token, ['fetch', '--no-tags', remote, `+refs/heads/${branch}:${tracking}`])
  if (r.code !== 0) {
    if (isPermissionDenied(r.stderr)) throw permissionError(branch, r.stderr)
    throw new GraftError({
      message: `could not fetch ${branch} from ${remote} after the push was rejected: ${lastLines(r.stderr)}`,
      hint: 'check that origin is reachable, then re-run the workflow'
    })
  }
  return (await git.exec(['rev-parse', tracking])).trim()
}

/** Rebases the local commits onto `upstream`; on conflict, aborts and names the paths. */
async function rebaseOnto(git: Git, upstream: string, options: PushOptions): Promise<void> {
  const committer = options.identity ?? (await authorOf(git, 'HEAD'))
  const rebasing = git.withEnv(identityEnv(committer))
  const r = await rebasing.tryExec(['rebase', '--no-verify', '--autostash', upstream])
  if (r.code === 0) return
  const conflicted = (await git.tryExec(['diff', '--name-only', '--diff-filter=U', '-z'])).stdout.split('\0').filter(Boolean)
  await rebasing.tryExec(['rebase', '--abort'])
  if (conflicted.length === 0) {
    throw new GraftError({
      message: `rebasing the bot commit onto the new ${options.branch} failed: ${lastLines(r.stderr || r.stdout)}`,
      hint: 'nothing was pushed; pull the branch, run graft-action generate (or dvc repro) locally, commit and push'
    })
  }
  throw new GraftError(
    conflicted.map((file) => ({
      file,
      message: `conflicts with a commit pushed to ${options.branch} while the documents were regenerated; nothing was pushed`,
      hint: `pull ${options.branch}, run graft-action generate (or dvc repro) locally, commit and push — or re-run the workflow`
    }))
  )
}

async function authorOf(git: Git, rev: string): Promise<Identity> {
  const [name, email] = (await git.exec(['log', '-1', '--format=%an%x00%ae', rev])).trim().split('\0')
  return { name, email }
}

/** The lines of git's output that say why: the remote's words, errors, rejected refs. */
function lastLines(text: string, n = 4): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean)
  const telling = lines
    .filter((l) => /^(remote:|fatal:|error:|!)/.test(l) && !/failed to push some refs/.test(l))
    .map((l) => l.replace(/^remote:\s*/, '').replace(/\t/g, ' '))
    .filter(Boolean)
  return (telling.length > 0 ? telling : lines).slice(-n).join(' | ')
}
