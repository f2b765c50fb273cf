// After a successful generate: one bot commit holding exactly the rewritten
// files, published to the event's branch — pushed with git, or made by
// GitHub through the API (`commit-via`) — with fetch–replay–retry when the
// branch moves. After a replay onto new upstream commits, staleness is
// checked again and the documents those commits made stale are regenerated
// into the same commit. When a protection rule refuses the branch
// (`on-protected: pull-request`), the commit goes to one rolling pull request.
import { Git } from '../core/io/git.js'
import { GraftError } from '../core/errors.js'
import type { GenerateResult } from '../core/generate/generate.js'
import { commitViaApi } from '../core/publish/api-commit.js'
import { commitFiles } from '../core/publish/commit.js'
import { commitContent, mayRegenerateAgain, rollingBranch } from '../core/publish/policy.js'
import {
  ProtectedBranchError,
  protectionHint,
  pushBotBranch,
  pushWithRebase,
  type PushOptions,
  type PushResult
} from '../core/publish/push.js'
import type { EventPlan } from './event.js'
import {
  githubReason,
  isBadMoment,
  isNotPermitted,
  octokitCommitApi,
  rateLimitCause,
  upsertPullRequest
} from './github-api.js'
import { EXPIRED_TOKEN_HINT } from '../core/io/remote-auth.js'
import { rollingPullRequestBody } from './markdown.js'
import { inertLine } from '../core/references.js'
import type { PublishInputs } from './inputs.js'
import { actionLog } from './report.js'

export interface PublishOutcome {
  sha?: string
  pushed: boolean
  /** every generate round in the commit: the first, and any after a rebase */
  results: GenerateResult[]
  /** the rolling pull request, when protection sent the commit there */
  pullRequest?: { number: number; url: string; branch: string }
  /** why a commit was made but not published (branch deleted or rewritten, …) */
  notPushed?: string
}

/** Regenerates whatever is stale now, diffing against `baselineRev`; used after a rebase. */
export type Regenerate = (baselineRev: string) => Promise<GenerateResult | undefined>

export async function publish(
  root: string,
  result: GenerateResult,
  plan: EventPlan,
  inputs: PublishInputs,
  regenerate: Regenerate
): Promise<PublishOutcome> {
  const git = new Git(root).withLazyFetchToken(inputs.token || undefined, inputs.server)
  const results = [result]
  const first = commitContent(results, plan.triggerSha)
  const sha = await commitFiles(git, { paths: first.paths, identity: inputs.identity, message: first.message })
  if (!sha) {
    actionLog.info('Nothing changed on disk: no commit.')
    return { pushed: false, results }
  }
  actionLog.info(`Committed ${sha.slice(0, 12)} locally: ${first.paths.join(', ')}`)
  if (inputs.commitVia === 'api') {
    actionLog.info(
      'commit-via: api — GitHub makes the commit as the identity of the token; commit-user-name and commit-user-email do not apply'
    )
  }

  let regenerations = 0
  // the bot commit as it was before the latest rebase: the tree its documents were generated from
  let botCommit = sha
  const options: PushOptions = {
    branch: plan.branch!,
    token: inputs.token || undefined,
    log: actionLog,
    identity: inputs.identity,
    afterRebase: async () => {
      const again = await regenerate(botCommit)
      if (!again || again.changedFiles.length === 0) return 'clean'
      if (!mayRegenerateAgain(regenerations)) return 'give-up'
      regenerations++
      results.push(again)
      const next = commitContent(results, plan.triggerSha)
      botCommit =
        (await commitFiles(git, {
          paths: next.paths,
          identity: inputs.identity,
          message: next.message,
          amend: true
        })) ?? botCommit
      return 'amended'
    }
  }
  actionLog.info(`Publishing to ${plan.branch} (commit-via: ${inputs.commitVia})`)
  try {
    const pushed = await publishTo(git, options, plan, inputs, results)
    return { sha: pushed.pushed ? pushed.sha : undefined, pushed: pushed.pushed, results, notPushed: pushed.notPushed }
  } catch (error) {
    if (!(error instanceof ProtectedBranchError) || inputs.onProtected !== 'pull-request') throw error
    return rollingPullRequest(git, error, plan, inputs, results)
  }
}

function publishTo(
  git: Git,
  options: PushOptions,
  plan: EventPlan,
  inputs: PublishInputs,
  results: GenerateResult[]
): Promise<PushResult> {
  if (inputs.commitVia === 'git') return pushWithRebase(git, options)
  if (!plan.repository) {
    throw new GraftError({
      message: 'commit-via: api needs the repository name (GITHUB_REPOSITORY is not set)',
      hint: 'run inside GitHub Actions, or set commit-via: git'
    })
  }
  return commitViaApi(git, {
    ...options,
    api: octokitCommitApi(inputs.token),
    repository: plan.repository,
    allowedPaths: () => new Set(commitContent(results, plan.triggerSha).paths)
  })
}

/** GitHub refuses a pull request whose title is longer than this (422 "title is too long"). */
export const TITLE_MAX_CHARS = 256

/**
 * The rolling pull request's title: plain text to GitHub, references and
 * mentions included, so the branch name's are broken (and a bidi override of
 * it shown as an escape); shortened to GitHub's
 * limit (a branch name may be far longer).
 */
export function rollingPullRequestTitle(branch: string): string {
  const title = [...`docs: regenerate stale documentation on ${inertLine(branch)}`]
  // GitHub counts characters (code points): cut between them, never inside a surrogate pair
  return title.length <= TITLE_MAX_CHARS ? title.join('') : `${title.slice(0, TITLE_MAX_CHARS - 1).join('')}…`
}

/**
 * The branch is protected: the bot commit goes to `graft/regenerate/<branch>`
 * (the bot's own branch, rebuilt on the target's tip with a lease), and one
 * open pull request from it into the branch is created or updated.
 */
async function rollingPullRequest(
  git: Git,
  refusal: ProtectedBranchError,
  plan: EventPlan,
  inputs: PublishInputs,
  results: GenerateResult[]
): Promise<PublishOutcome> {
  const target = plan.branch!
  const bot = rollingBranch(target)
  actionLog.warn(
    `${target} is protected (${refusal.reason}); the bot commit goes to ${bot} and a pull request into ${target} instead`
  )
  const token = inputs.token || undefined
  let sha: string
  if (inputs.commitVia === 'api') {
    const base = (await git.exec(['rev-parse', 'HEAD^'])).trim()
    await pushBotBranch(git, bot, base, token)
    const made = await commitViaApi(git, {
      branch: bot,
      token,
      log: actionLog,
      identity: inputs.identity,
      maxAttempts: 1,
      api: octokitCommitApi(inputs.token),
      repository: plan.repository!,
      allowedPaths: () => new Set(commitContent(results, plan.triggerSha).paths)
    })
    sha = made.sha
  } else {
    sha = (await git.exec(['rev-parse', 'HEAD'])).trim()
    await pushBotBranch(git, bot, sha, token)
  }
  const documents = results
    .flatMap((r) => r.documents)
    .map((d) => ({ output: d.output, directive: d.directive, reasons: d.reasons }))
  const title = rollingPullRequestTitle(target)
  const body = rollingPullRequestBody({
    branch: target,
    botBranch: bot,
    documents,
    triggerSha: plan.triggerSha,
    refusal: refusal.reason
  })
  try {
    const pr = await upsertPullRequest(inputs.token, plan.repository!, bot, target, title, body)
    actionLog.info(
      `${pr.action === 'created' ? 'Opened' : 'Updated'} pull request #${pr.number} (${pr.url}) from ${bot} into ${target}`
    )
    return { sha, pushed: true, results, pullRequest: { number: pr.number, url: pr.url, branch: bot } }
  } catch (error) {
    // Both causes, each in its own words: the remote's refusal (GH006, or GH013 with its rule lines) says what
    // the branch demands, the API's answer why the fallback failed; either may be the one to fix.
    const protectedBecause = `${target} is protected (the push was refused: ${refusal.reason})`
    const protection = `or meet the branch's rule instead: ${protectionHint(refusal.reason)}`
    if (isNotPermitted(error)) {
      throw new GraftError({
        message: `${protectedBecause}, and GitHub Actions is not permitted to create pull requests in this repository; the bot commit is on ${bot}, but no pull request was opened`,
        hint:
          'turn on Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests" ' +
          '(and the same organisation setting), or pass an App token as `token` (actions/create-github-app-token), ' +
          `or set \`on-protected: fail\`; ${protection}`
      })
    }
    const limited = rateLimitCause(error)
    if (limited) {
      throw new GraftError({
        message: `${protectedBecause}, and ${limited} refused the pull request from ${bot}; the bot commit is on ${bot}, but no pull request was opened or updated`,
        hint: 're-run the job when the limit has passed: the next run updates the same branch and opens the pull request'
      })
    }
    const status = (error as { status?: number }).status
    throw new GraftError({
      message: `${protectedBecause}, and the pull request from ${bot} could not be opened either: ${githubReason(error)}`,
      hint: isBadMoment(error)
        ? `GitHub is having trouble: re-run the job later (the next run updates the same branch and opens the pull request); ${protection}`
        : status === 401
          ? `the token has expired or was revoked: ${EXPIRED_TOKEN_HINT}; ${protection}`
          : `give the workflow \`permissions: pull-requests: write\`, or pass a token that may open pull requests; ${protection}`
    })
  }
}
