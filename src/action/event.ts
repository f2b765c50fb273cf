// The workflow event → what this run may do. Reads the payload file itself
// (GITHUB_EVENT_PATH) so that tests can hand it any payload. The rule: commit
// only to a branch of this repository that the event belongs to — the pull
// request's head branch (never the merge commit the runner checked out), or
// the pushed branch; everything else validates only, saying why.
import { existsSync, readFileSync } from 'node:fs'
import type { Git } from '../core/io/git.js'
import { GraftError } from '../core/errors.js'
import { gitWithAuth, isTokenRefused, tokenRefused } from '../core/io/remote-auth.js'
import { checkPushHead } from '../core/publish/policy.js'
import { remoteTip } from '../core/publish/push.js'

export type EventMode = 'push' | 'pull_request' | 'fork' | 'untrusted' | 'dispatch' | 'other'

export interface EventPlan {
  event: string
  mode: EventMode
  /** the branch a bot commit goes to */
  branch?: string
  /** the commit the run is about: the PR head, never the merge commit */
  triggerSha: string
  prNumber?: number
  canPush: boolean
  /** why this run only validates, for a notice */
  why?: string
  /** a caution to log even though the run may push */
  warning?: string
  /** `owner/repo` of the repository the workflow runs in */
  repository?: string
  /** a pull request's base branch (whose required checks gate it) */
  baseBranch?: string
}

interface RepoRef {
  full_name?: string
}
interface PullRequest {
  number?: number
  state?: string
  head?: { ref?: string; sha?: string; repo?: RepoRef | null }
  base?: { ref?: string; repo?: RepoRef | null }
}
interface Payload {
  action?: string
  after?: string
  ref?: string
  deleted?: boolean
  number?: number
  pull_request?: PullRequest
  repository?: RepoRef
}

const BRANCH_PREFIX = 'refs/heads/'
const ZERO_SHA = /^0+$/

export function planFromEvent(env: NodeJS.ProcessEnv = process.env, allowUntrustedHead = false): EventPlan {
  const event = env.GITHUB_EVENT_NAME ?? ''
  const payload = readPayload(env)
  const repository = env.GITHUB_REPOSITORY ?? payload.repository?.full_name
  const base = { event, repository }
  switch (event) {
    case 'pull_request':
      return { ...base, ...pullRequestPlan(payload, env) }
    case 'pull_request_target':
      return { ...base, ...pullRequestTargetPlan(payload, env, allowUntrustedHead) }
    case 'push':
      return { ...base, ...pushPlan(payload, env) }
    case 'workflow_dispatch':
      return { ...base, ...dispatchPlan(env) }
    default:
      return {
        ...base,
        mode: 'other',
        triggerSha: env.GITHUB_SHA ?? '',
        canPush: false,
        why:
          `the ${event || 'unknown'} event names no branch to commit to, so this run validates only; ` +
          'generate commits on pull_request, push to a branch, and workflow_dispatch'
      }
  }
}

type ModePlan = Omit<EventPlan, 'event' | 'repository'>

function pullRequestPlan(payload: Payload, env: NodeJS.ProcessEnv): ModePlan {
  const pr = requirePullRequest(payload, env)
  const plan = headOf(pr, payload, env)
  if (isFork(pr)) {
    return {
      ...plan,
      mode: 'fork',
      canPush: false,
      why:
        `pull request #${plan.prNumber} comes from a fork (${pr.head?.repo?.full_name ?? 'a deleted repository'}): ` +
        'the workflow token cannot push there and the run gets no model credentials, so it validates only; ' +
        'the contributor should run `graft-action generate` (or `dvc repro`) locally and push the regenerated documents'
    }
  }
  if (payload.action === 'closed' || pr.state === 'closed') {
    return {
      ...plan,
      mode: 'pull_request',
      canPush: false,
      why: `pull request #${plan.prNumber} is closed; validating only`
    }
  }
  return { ...plan, mode: 'pull_request', canPush: true }
}

function pullRequestTargetPlan(payload: Payload, env: NodeJS.ProcessEnv, allowUntrustedHead: boolean): ModePlan {
  const pr = requirePullRequest(payload, env)
  const plan = { ...headOf(pr, payload, env), mode: 'untrusted' as const }
  if (!allowUntrustedHead) {
    return {
      ...plan,
      canPush: false,
      why:
        "pull_request_target runs with the base repository's token and secrets; regenerating from the pull " +
        "request's head would hand them untrusted prompts and sources, so this run validates only " +
        '(set allow-untrusted-head: true only if every pull request author is trusted)'
    }
  }
  if (isFork(pr)) {
    return {
      ...plan,
      canPush: false,
      why: `pull request #${plan.prNumber} comes from a fork: the token cannot push there; validating only`
    }
  }
  return {
    ...plan,
    canPush: true,
    warning:
      'allow-untrusted-head is true: regenerating the head branch of a pull_request_target run, ' +
      "with the repository's token and model credentials, from content the pull request's author controls"
  }
}

function pushPlan(payload: Payload, env: NodeJS.ProcessEnv): ModePlan {
  const ref = payload.ref ?? env.GITHUB_REF ?? ''
  const triggerSha = payload.after && !ZERO_SHA.test(payload.after) ? payload.after : (env.GITHUB_SHA ?? '')
  if (!ref.startsWith(BRANCH_PREFIX)) {
    return {
      mode: 'push',
      triggerSha,
      canPush: false,
      why: `${ref || 'the pushed ref'} is not a branch (a tag?): there is no branch to commit to, so this run validates only`
    }
  }
  const branch = ref.slice(BRANCH_PREFIX.length)
  if (payload.deleted || (payload.after !== undefined && ZERO_SHA.test(payload.after))) {
    return { mode: 'push', branch, triggerSha, canPush: false, why: `branch ${branch} was deleted; nothing to do` }
  }
  return { mode: 'push', branch, triggerSha, canPush: true }
}

function dispatchPlan(env: NodeJS.ProcessEnv): ModePlan {
  const ref = env.GITHUB_REF ?? ''
  const triggerSha = env.GITHUB_SHA ?? ''
  if (!ref.startsWith(BRANCH_PREFIX)) {
    return {
      mode: 'dispatch',
      triggerSha,
      canPush: false,
      why: `the workflow was dispatched on ${ref || 'an unknown ref'}, not a branch: validating only`
    }
  }
  return { mode: 'dispatch', branch: ref.slice(BRANCH_PREFIX.length), triggerSha, canPush: true }
}

function requirePullRequest(payload: Payload, env: NodeJS.ProcessEnv): PullRequest {
  if (!payload.pull_request) {
    throw new GraftError({
      file: env.GITHUB_EVENT_PATH,
      message: `the ${env.GITHUB_EVENT_NAME} event payload has no pull_request`,
      hint: 'run the action from a pull_request workflow, or set command: validate'
    })
  }
  return payload.pull_request
}

function headOf(
  pr: PullRequest,
  payload: Payload,
  env: NodeJS.ProcessEnv
): Pick<EventPlan, 'branch' | 'triggerSha' | 'prNumber' | 'baseBranch'> {
  return {
    baseBranch: pr.base?.ref ?? env.GITHUB_BASE_REF,
    branch: pr.head?.ref ?? env.GITHUB_HEAD_REF,
    triggerSha: pr.head?.sha ?? env.GITHUB_SHA ?? '',
    prNumber: pr.number ?? payload.number
  }
}

function isFork(pr: PullRequest): boolean {
  const head = pr.head?.repo?.full_name
  return !head || head !== pr.base?.repo?.full_name
}

function readPayload(env: NodeJS.ProcessEnv): Payload {
  const path = env.GITHUB_EVENT_PATH
  if (!path || !existsSync(path)) return {}
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Payload
  } catch (error) {
    throw new GraftError({
      file: path,
      message: `the event payload is not valid JSON: ${(error as Error).message}`,
      hint: 'GITHUB_EVENT_PATH must name the JSON payload file the runner writes'
    })
  }
}

export interface CheckedOutBranch {
  branch: string
  sha: string
}

/**
 * Puts HEAD on a local branch named `plan.branch`, so the bot commit is made
 * where it will be pushed. For a pull request the runner sits on the detached
 * merge commit: the head branch is fetched (token scoped to that one fetch)
 * and checked out at its remote tip. For push and dispatch, HEAD stays where
 * it is and only gets the branch name (checkout often leaves it detached) —
 * after checking that HEAD is the event's commit or the branch's remote tip.
 */
export async function checkoutBranch(git: Git, plan: EventPlan, token?: string): Promise<CheckedOutBranch> {
  const branch = plan.branch
  if (!branch || !plan.canPush) {
    throw new GraftError({
      message: `this ${plan.event || 'run'} has no branch the action may commit to${plan.why ? `: ${plan.why}` : ''}`,
      hint: 'run generate on pull_request, push to a branch, or workflow_dispatch; or set command: validate'
    })
  }
  if (plan.mode === 'pull_request' || plan.mode === 'untrusted') {
    const tracking = `refs/remotes/origin/${branch}`
    const r = await gitWithAuth(git, 'origin', token, [
      'fetch',
      '--no-tags',
      'origin',
      `+refs/heads/${branch}:${tracking}`
    ])
    if (r.code !== 0 && isTokenRefused(r.stderr))
      throw tokenRefused(`fetching the pull request's head branch ${branch}`, token)
    if (r.code !== 0) {
      throw new GraftError({
        message: `could not fetch the pull request's head branch ${branch}: ${r.stderr.trim().split('\n').slice(-2).join(' | ')}`,
        hint: 'check that the branch still exists and that actions/checkout ran before this step'
      })
    }
    await git.exec(['checkout', '-q', '--no-track', '-B', branch, tracking])
  } else {
    // HEAD must be what the branch holds: the event's commit, or the branch's tip now.
    const head = (await git.exec(['rev-parse', 'HEAD'])).trim()
    if (head !== plan.triggerSha) {
      const problem = checkPushHead({
        branch,
        head,
        eventSha: plan.triggerSha,
        remoteTip: await remoteTip(git, branch, token)
      })
      if (problem) throw new GraftError(problem)
    }
    await git.exec(['checkout', '-q', '-B', branch])
  }
  return { branch, sha: (await git.exec(['rev-parse', 'HEAD'])).trim() }
}
