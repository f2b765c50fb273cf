// Publishing the bot commit with git: push HEAD to the branch with a lease on
// the commit the bot built on, so the remote only ever moves from that exact
// commit to the bot's (a deleted branch is never re-created, a rewritten one
// never overwritten). When the branch moved meanwhile: fetch it, replay only
// the bot's own commit onto the new tip (`rebase --onto <tip> <base>`), let
// the caller re-check staleness, and push again — a bounded number of times.
// The same replay serves the API route (api-commit.ts).
import type { Git } from '../io/git.js'
import type { Log } from '../log.js'
import { GraftError } from '../errors.js'
import { gitWithAuth, isTokenRefused, scrubSecret, tokenRefused } from '../io/remote-auth.js'
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
  /** why nothing was pushed although there was a commit (branch deleted, history rewritten, …) */
  notPushed?: string
}

export const DEFAULT_PUSH_ATTEMPTS = 4

/**
 * The remote refused the update because of a branch protection rule or a
 * ruleset. `reason` is the remote's whole answer, secrets scrubbed.
 */
export class ProtectedBranchError extends GraftError {
  constructor(
    readonly branch: string,
    readonly reason: string,
    readonly via: 'git' | 'api'
  ) {
    super({
      message: `${branch} is protected: the ${via === 'git' ? 'push' : 'API commit'} was refused — ${reason}`,
      hint: protectionHint(reason)
    })
    this.name = 'ProtectedBranchError'
  }
}

/** What a protection rule means for this action, in the words of the rule. */
export function protectionHint(reason: string): string {
  if (/verified signatures/i.test(reason)) {
    return 'the branch accepts only signed commits: set `commit-via: api` (GitHub signs API commits made with the workflow token or an App token), or `on-protected: pull-request`'
  }
  if (/status check/i.test(reason)) {
    return 'the branch requires checks to pass before it moves: let the action open a pull request (`on-protected: pull-request`), or push to a branch without that rule'
  }
  return 'the branch takes changes only through pull requests: keep `on-protected: pull-request` (the default) so the bot opens one, or give the bot (an App) a bypass in the ruleset'
}

export async function pushWithRebase(git: Git, options: PushOptions): Promise<PushResult> {
  const remote = options.remote ?? 'origin'
  const maxAttempts = options.maxAttempts ?? DEFAULT_PUSH_ATTEMPTS
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`pushWithRebase: maxAttempts must be a positive integer, got ${maxAttempts}`)
  }
  for (let attempt = 1; ; attempt++) {
    const sha = await head(git)
    const base = await parentOf(git, sha)
    const outcome = await pushOnce(git, remote, options.branch, base, options.token)
    if (outcome === 'pushed') {
      options.log.info(`Pushed ${sha.slice(0, 12)} to ${options.branch} (attempt ${attempt})`)
      return { pushed: true, sha, attempts: attempt }
    }
    if (attempt >= maxAttempts) throw attemptsExhausted(options.branch, attempt)
    const moved = await followMovedBranch(git, { ...options, remote }, base, attempt)
    if (moved.stop) return moved.stop
  }
}

export interface FollowOptions extends PushOptions {
  remote: 'origin'
}

/**
 * The branch moved while the bot worked: fetch it, and replay the bot commit
 * onto the new tip. `stop` is set when there is nothing more to push (the
 * branch was deleted or rewritten, the change is already there, or the
 * re-check gave up).
 */
export async function followMovedBranch(
  git: Git,
  options: FollowOptions,
  base: string,
  attempt: number
): Promise<{ stop?: PushResult }> {
  const { branch, remote, log } = options
  const upstream = await fetchBranch(git, remote, branch, options.token)
  const here = await head(git)
  if (!upstream) {
    const notPushed = `${branch} no longer exists on ${remote} (deleted while the documents were generated?); it is not re-created and nothing was pushed`
    log.warn(notPushed)
    return { stop: { pushed: false, sha: here, attempts: attempt, notPushed } }
  }
  if (!(await isAncestor(git, base, upstream))) {
    const notPushed =
      `${branch} was rewritten on ${remote} while the documents were generated (its tip ${upstream.slice(0, 12)} no longer ` +
      `contains ${base.slice(0, 12)}, the commit the documents were generated from); nothing was pushed — re-run the workflow on the new history`
    log.warn(notPushed)
    return { stop: { pushed: false, sha: here, attempts: attempt, notPushed } }
  }
  log.info(
    `${branch} moved on ${remote} while the documents were generated (now ${upstream.slice(0, 12)}); replaying the bot commit onto it`
  )
  await replayBotCommit(git, upstream, base, options)
  const rebased = await head(git)
  if (rebased === upstream) {
    log.info(`${branch} already holds these changes; nothing to push`)
    return {
      stop: { pushed: false, sha: rebased, attempts: attempt, notPushed: `${branch} already holds these changes` }
    }
  }
  const verdict = options.afterRebase ? await options.afterRebase() : 'clean'
  if (verdict === 'give-up') {
    const notPushed = `stopped after ${attempt} attempt(s): the re-check after rebasing gave up`
    log.warn(notPushed)
    return { stop: { pushed: false, sha: await head(git), attempts: attempt, notPushed } }
  }
  return {}
}

/**
 * Checks, before any model call, that the token may push to the branch: a
 * dry-run push asks the remote for its receive-pack service, which GitHub
 * refuses (403) to a token without write access. Throws the permission error;
 * other failures are left for the real push to report.
 */
export async function assertCanPush(git: Git, branch: string, token?: string, remote = 'origin'): Promise<void> {
  const r = await gitWithAuth(git, remote, token, [
    'push',
    '--dry-run',
    '--porcelain',
    '--no-verify',
    remote,
    `HEAD:refs/heads/${branch}`
  ])
  const text = `${r.stderr}\n${r.stdout}`
  if (r.code !== 0 && isTokenRefused(text)) throw tokenRefused(`checking that it may push to ${branch}`, token)
  if (r.code !== 0 && isPermissionDenied(text)) throw permissionError(branch, text)
}

/** The branch's tip on the remote, or undefined when it has none (ls-remote, token scoped to the call). */
export async function remoteTip(
  git: Git,
  branch: string,
  token?: string,
  remote = 'origin'
): Promise<string | undefined> {
  const r = await gitWithAuth(git, remote, token, ['ls-remote', '--heads', remote, `refs/heads/${branch}`])
  if (r.code !== 0 && isTokenRefused(r.stderr)) throw tokenRefused(`reading ${branch}`, token)
  if (r.code !== 0) {
    throw new GraftError({
      message: `could not read ${branch} on ${remote}: ${lastLines(r.stderr)}`,
      hint: 'check that origin is reachable, then re-run the workflow'
    })
  }
  const line = r.stdout.split('\n').find((l) => l.endsWith(`\trefs/heads/${branch}`))
  return line ? line.split('\t')[0] : undefined
}

/**
 * Points the bot's own branch (e.g. graft/regenerate/main) at `sha`, with a
 * lease on what the remote holds now: the branch may be rebuilt, but never
 * over an update this run did not see. User branches never come here.
 */
export async function pushBotBranch(
  git: Git,
  branch: string,
  sha: string,
  token?: string,
  remote = 'origin'
): Promise<void> {
  const current = await remoteTip(git, branch, token, remote)
  const ref = `refs/heads/${branch}`
  const r = await gitWithAuth(git, remote, token, [
    'push',
    '--porcelain',
    '--no-verify',
    `--force-with-lease=${ref}:${current ?? ''}`,
    remote,
    `${sha}:${ref}`
  ])
  if (r.code === 0) return
  const text = `${r.stderr}\n${r.stdout}`
  if (isTokenRefused(text)) throw tokenRefused(`pushing the bot branch ${branch}`, token)
  if (isPermissionDenied(text)) throw permissionError(branch, text)
  throw new GraftError({
    message: `could not update the bot branch ${branch}: ${isRemoteRejected(text) || isProtected(text) ? remoteReason(text, token) : lastLines(text)}`,
    hint: isOutOfDate(text)
      ? 'another run updated it at the same moment: re-run the workflow'
      : 'check that the token may push new branches, then re-run the workflow'
  })
}

async function head(git: Git): Promise<string> {
  return (await git.exec(['rev-parse', 'HEAD'])).trim()
}

async function parentOf(git: Git, sha: string): Promise<string> {
  return (await git.exec(['rev-parse', `${sha}^`])).trim()
}

async function isAncestor(git: Git, older: string, newer: string): Promise<boolean> {
  return (await git.tryExec(['merge-base', '--is-ancestor', older, newer])).code === 0
}

/**
 * 'pushed', or 'rejected' when the branch moved (or its lease failed); a
 * protection rule throws ProtectedBranchError; any other failure throws.
 * The lease on `base` makes the update "from base to HEAD, or nothing".
 */
async function pushOnce(
  git: Git,
  remote: string,
  branch: string,
  base: string,
  token?: string
): Promise<'pushed' | 'rejected'> {
  const ref = `refs/heads/${branch}`
  const args = ['push', '--porcelain', '--no-verify', `--force-with-lease=${ref}:${base}`, remote, `HEAD:${ref}`]
  const r = await gitWithAuth(git, remote, token, args)
  if (r.code === 0) return 'pushed'
  const text = `${r.stderr}\n${r.stdout}`
  if (isTokenRefused(text)) throw tokenRefused(`pushing to ${branch}`, token)
  if (isOutOfDate(text)) return 'rejected'
  if (isPermissionDenied(text)) throw permissionError(branch, text)
  if (isProtected(text)) throw new ProtectedBranchError(branch, remoteReason(text, token), 'git')
  throw new GraftError({
    message: `git push to ${branch} failed: ${isRemoteRejected(text) ? remoteReason(text, token) : lastLines(text)}`,
    hint: isRemoteRejected(text)
      ? 'the remote refused the push (a hook?): allow the bot to push to this branch, or run with push: false'
      : 'check that origin is reachable and the branch name is right, then re-run the workflow'
  })
}

/**
 * Git's words for "the branch is not where you thought": commits you do not
 * have, a failed lease, or a concurrent update holding the ref's lock.
 */
export function isOutOfDate(text: string): boolean {
  return /\(fetch first\)|non-fast-forward|\(stale info\)|cannot lock ref|failed to update ref|incorrect old value provided/i.test(
    text
  )
}

/** GitHub's answers to a token that may not push. */
export function isPermissionDenied(text: string): boolean {
  return /Permission to .* denied|error: 403|returned error: 403|Write access to repository not granted|not allowed to push|\bnot allowed\b/i.test(
    text
  )
}

/** A branch protection rule (GH006) or a ruleset (GH013) refused the update. */
export function isProtected(text: string): boolean {
  return /\bGH00[56]\b|\bGH013\b|protected branch hook declined|repository rule violations/i.test(text)
}

function isRemoteRejected(text: string): boolean {
  return /\[remote rejected\]/.test(text)
}

/**
 * The remote's whole answer (every `remote:` line, blank ones dropped), one
 * line per rule, secrets scrubbed: a rule's name must never be cut off.
 */
export function remoteReason(text: string, token?: string): string {
  const lines = scrubSecret(text, token)
    .split('\n')
    .filter((l) => /^remote:/.test(l))
    .map((l) =>
      l
        .replace(/^remote:\s?/, '')
        .replace(/^error:\s*/, '')
        .trimEnd()
    )
    .filter((l) => l.trim() !== '')
  return lines.length > 0 ? lines.join(' / ') : lastLines(scrubSecret(text, token))
}

function permissionError(branch: string, text: string): GraftError {
  return new GraftError({
    message: `the token may not push to ${branch}: ${lastLines(text)}`,
    hint:
      'give the workflow `permissions: contents: write` (or pass a `token` that can push to this branch); ' +
      'to only report staleness, set `push: false`'
  })
}

export function attemptsExhausted(branch: string, attempts: number): GraftError {
  return new GraftError({
    message: `${branch} kept moving: ${attempts} push attempts were each overtaken by new commits`,
    hint: 'nothing was pushed; re-run the workflow when the branch is quieter, or run graft-action generate locally and push'
  })
}

/** Fetches the branch into its remote-tracking ref; returns the remote tip, or undefined when the branch is gone. */
export async function fetchBranch(
  git: Git,
  remote: string,
  branch: string,
  token?: string
): Promise<string | undefined> {
  const tracking = `refs/remotes/${remote}/${branch}`
  const r = await gitWithAuth(git, remote, token, ['fetch', '--no-tags', remote, `+refs/heads/${branch}:${tracking}`])
  if (r.code !== 0) {
    if (/couldn't find remote ref|no such ref/i.test(r.stderr)) return undefined
    if (isTokenRefused(r.stderr)) throw tokenRefused(`fetching ${branch}`, token)
    if (isPermissionDenied(r.stderr)) throw permissionError(branch, r.stderr)
    throw new GraftError({
      message: `could not fetch ${branch} from ${remote} after the push was rejected: ${lastLines(r.stderr)}`,
      hint: 'check that origin is reachable, then re-run the workflow'
    })
  }
  return (await git.exec(['rev-parse', tracking])).trim()
}

/**
 * Replays only the bot commit (base..HEAD) onto `upstream`; on conflict,
 * aborts and names the paths of the bot commit that conflict.
 */
export async function replayBotCommit(
  git: Git,
  upstream: string,
  base: string,
  options: Pick<PushOptions, 'branch' | 'identity'>
): Promise<void> {
  const committer = options.identity ?? (await authorOf(git, 'HEAD'))
  const rebasing = git.withEnv(identityEnv(committer))
  const botPaths = new Set((await git.exec(['diff', '--name-only', '-z', base, 'HEAD'])).split('\0').filter(Boolean))
  const r = await rebasing.tryExec(['rebase', '--no-verify', '--autostash', '--onto', upstream, base])
  if (r.code === 0) return
  const conflicted = (await git.tryExec(['diff', '--name-only', '--diff-filter=U', '-z'])).stdout
    .split('\0')
    .filter((p) => p && botPaths.has(p))
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
export function lastLines(text: string, n = 4): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  const telling = lines
    .filter((l) => /^(remote:|fatal:|error:|!)/.test(l) && !/failed to push some refs/.test(l))
    .map((l) => l.replace(/^remote:\s*/, '').replace(/\t/g, ' '))
    .filter(Boolean)
  return (telling.length > 0 ? telling : lines).slice(-n).join(' | ')
}
