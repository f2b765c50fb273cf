// Publishing the bot commit through the GitHub API (GraphQL
// createCommitOnBranch): GitHub makes the commit itself, signs it when the
// token is the workflow token or an App token (shown as Verified), and moves
// the branch only if its tip is still `expectedHeadOid` — the tip the local
// bot commit was built on. A mismatch is the API's "branch moved": the same
// replay as the git route (fetch, replay the bot commit, re-check,
// regenerate) and another try, within the same attempt budget.
//
// The change sent is exactly the local bot commit's: every path it touches,
// read from the commit (never from the working tree), base64. Afterwards the
// local checkout is moved to the API commit, so later steps see what was
// published. The API needs no git credentials to commit, but the fetch does.
import type { Git } from '../io/git.js'
import { GraftError } from '../errors.js'
import { EXPIRED_TOKEN_HINT, gitWithAuth } from '../io/remote-auth.js'
import {
  attemptsExhausted,
  DEFAULT_PUSH_ATTEMPTS,
  followMovedBranch,
  ProtectedBranchError,
  type PushOptions,
  type PushResult
} from './push.js'

/** One file of the change: repository-relative path, contents base64. */
export interface FileAddition {
  path: string
  contents: string
}

export interface CommitOnBranchRequest {
  /** `owner/name` */
  repository: string
  branch: string
  expectedHeadOid: string
  headline: string
  body: string
  additions: FileAddition[]
}

/**
 * What the API answered, classified by the adapter that talks to GitHub:
 * `token-refused` is a token GitHub no longer takes (401: an App token past its
 * hour, a revoked one); `unavailable` is GitHub's bad moment (a 5xx, no answer
 * in time, an answer that was not the API's), about neither token nor request.
 */
export type CommitApiAnswer =
  | { ok: true; oid: string }
  | {
      ok: false
      kind: 'moved' | 'protected' | 'too-large' | 'rate-limited' | 'token-refused' | 'unavailable' | 'refused'
      message: string
    }

/** The GitHub API as the core needs it (the action adapter implements it with Octokit). */
export interface CommitApi {
  createCommitOnBranch(request: CommitOnBranchRequest): Promise<CommitApiAnswer>
}

export interface ApiPublishOptions extends PushOptions {
  api: CommitApi
  /** `owner/name` of the repository the branch lives in */
  repository: string
  /**
   * The paths the commit may hold (regenerated outputs, dvc.lock, dvc.yaml),
   * relative to the working directory; asked again on every attempt, since a
   * regeneration after a replay may add documents. Anything else is refused.
   */
  allowedPaths: () => ReadonlySet<string>
  /** bodies larger than this (bytes of JSON) are refused before sending; default API_COMMIT_MAX_BYTES */
  maxRequestBytes?: number
}

/**
 * GitHub does not publish a size limit for one GraphQL request; large
 * createCommitOnBranch requests are reported to fail from a few tens of MB.
 * The bot commit holds Markdown and dvc.lock, far below this.
 */
export const API_COMMIT_MAX_BYTES = 40 * 1024 * 1024

/**
 * Commits HEAD's change (HEAD^..HEAD) on `branch` through the API; returns
 * the API commit's sha (`pushed`) or why nothing was published. Throws
 * ProtectedBranchError when a rule refuses it, GraftError for a conflict, a
 * change too large, a path outside `allowedPaths`, or an exhausted budget.
 */
export async function commitViaApi(git: Git, options: ApiPublishOptions): Promise<PushResult> {
  const remote = options.remote ?? 'origin'
  const maxAttempts = options.maxAttempts ?? DEFAULT_PUSH_ATTEMPTS
  for (let attempt = 1; ; attempt++) {
    const local = (await git.exec(['rev-parse', 'HEAD'])).trim()
    const base = (await git.exec(['rev-parse', `${local}^`])).trim()
    const request = await buildRequest(git, options, local, base)
    const answer = await options.api.createCommitOnBranch(request)
    if (answer.ok) {
      await moveCheckoutTo(git, options, answer.oid, local)
      options.log.info(
        `Committed ${answer.oid.slice(0, 12)} on ${options.branch} through the GitHub API (attempt ${attempt})`
      )
      return { pushed: true, sha: answer.oid, attempts: attempt }
    }
    if (answer.kind === 'protected') throw new ProtectedBranchError(options.branch, answer.message, 'api')
    if (answer.kind === 'too-large') throw tooLarge(options.branch, requestSize(request), answer.message)
    if (answer.kind === 'rate-limited') {
      throw new GraftError({
        message: `the GitHub API refused the commit on ${options.branch} for its rate limit: ${answer.message}`,
        hint: 'nothing was published; re-run the job when the limit has passed (GitHub asked to wait longer than the action waits), or set `commit-via: git`'
      })
    }
    if (answer.kind === 'token-refused') {
      throw new GraftError({
        message: `the GitHub API refused the token for the commit on ${options.branch} (${answer.message}): it has expired or was revoked, so nothing was published`,
        hint: EXPIRED_TOKEN_HINT
      })
    }
    if (answer.kind === 'unavailable') {
      throw new GraftError({
        message: `the GitHub API could not take the commit on ${options.branch}: ${answer.message}`,
        hint: 'GitHub is having trouble: re-run the job later (a commit GitHub made all the same is found by the next run, which then has nothing to publish), or set `commit-via: git`'
      })
    }
    if (answer.kind === 'refused') {
      throw new GraftError({
        message: `the GitHub API refused the commit on ${options.branch}: ${answer.message}`,
        hint: 'give the workflow `permissions: contents: write` (or a token that can write to this repository), or set `commit-via: git`'
      })
    }
    if (attempt >= maxAttempts) throw attemptsExhausted(options.branch, attempt)
    const moved = await followMovedBranch(git, { ...options, remote }, base, attempt)
    if (moved.stop) return moved.stop
  }
}

/** The request for HEAD's change: each touched path with its contents at HEAD. */
async function buildRequest(
  git: Git,
  options: ApiPublishOptions,
  local: string,
  base: string
): Promise<CommitOnBranchRequest> {
  const changes = (await git.exec(['diff-tree', '--no-commit-id', '--name-status', '-r', '-z', base, local]))
    .split('\0')
    .filter(Boolean)
  // diff-tree names paths from the top of the repository; the allowed ones are below the working directory
  const prefix = (await git.exec(['rev-parse', '--show-prefix'])).trim()
  const allowed = new Set([...options.allowedPaths()].map((p) => `${prefix}${p}`))
  const additions: FileAddition[] = []
  const refused: string[] = []
  for (let i = 0; i + 1 < changes.length; i += 2) {
    const [status, path] = [changes[i], changes[i + 1]]
    if (!allowed.has(path)) refused.push(path)
    else if (status === 'D') refused.push(path)
    // Outputs and pipeline files are UTF-8 text written by this action: the text round-trips.
    else
      additions.push({
        path,
        contents: Buffer.from(await git.exec(['cat-file', 'blob', `${local}:${path}`]), 'utf8').toString('base64')
      })
  }
  if (refused.length > 0) {
    throw new GraftError(
      refused.map((file) => ({
        file,
        message:
          'the bot commit would touch this path, which is not a declared output, dvc.lock or dvc.yaml (or would delete it); nothing was published',
        hint: 'report this as a bug in graft-action'
      }))
    )
  }
  const message = (await git.exec(['log', '-1', '--format=%B', local])).replace(/\n+$/, '')
  const [headline, ...rest] = message.split('\n')
  const request: CommitOnBranchRequest = {
    repository: options.repository,
    branch: options.branch,
    expectedHeadOid: base,
    headline,
    body: rest.join('\n').replace(/^\n+/, ''),
    additions
  }
  const size = requestSize(request)
  const limit = options.maxRequestBytes ?? API_COMMIT_MAX_BYTES
  if (size > limit) throw tooLarge(options.branch, size, `the limit this action keeps is ${formatBytes(limit)}`)
  return request
}

/** Bytes of the JSON body the request becomes (the mutation text is a few hundred bytes more). */
export function requestSize(request: CommitOnBranchRequest): number {
  return Buffer.byteLength(JSON.stringify({ input: request })) + 512
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${n} bytes`
}

function tooLarge(branch: string, size: number, detail: string): GraftError {
  return new GraftError({
    message: `the bot commit for ${branch} is ${formatBytes(size)} as one API request, too large for createCommitOnBranch (${detail}); nothing was published`,
    hint: 'set `commit-via: git` for this repository, or regenerate fewer documents per run (`targets`)'
  })
}

/**
 * Fetches the API commit and moves the local branch to it. Its tree is the
 * local bot commit's, so the working tree and index stay as they are.
 */
async function moveCheckoutTo(git: Git, options: ApiPublishOptions, oid: string, local: string): Promise<void> {
  const remote = options.remote ?? 'origin'
  const tracking = `refs/remotes/${remote}/${options.branch}`
  const r = await gitWithAuth(git, remote, options.token, [
    'fetch',
    '--no-tags',
    remote,
    `+refs/heads/${options.branch}:${tracking}`
  ])
  const fetched = r.code === 0 && (await git.tryExec(['cat-file', '-e', `${oid}^{commit}`])).code === 0
  if (!fetched) {
    options.log.warn(
      `The API commit ${oid.slice(0, 12)} could not be fetched; the local checkout stays on the local bot commit ${local.slice(0, 12)}`
    )
    return
  }
  const same =
    (await git.exec(['rev-parse', `${oid}^{tree}`])).trim() ===
    (await git.exec(['rev-parse', `${local}^{tree}`])).trim()
  if (same) await git.exec(['update-ref', '-m', 'graft-action: the API commit', 'HEAD', oid, local])
  else await git.exec(['reset', '-q', '--keep', oid])
}
