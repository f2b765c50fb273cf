// One command of the action from inputs to outputs: validate, generate, or
// auto (validate, then generate when something is stale and the run may).
// A thin adapter: it reads inputs, runs the probes (event, HEAD, credentials,
// push access, HEAD's bot commit), asks core/publish/policy.ts what the run
// may do, and reports. Every rule lives in the policy.
//
// generate: event → policy → branch → validate → probes → loop guard →
// generate → publish → outputs, summary, sticky comment.
import * as core from '@actions/core'
import { actionLog } from './report.js'
import { Git } from '../core/io/git.js'
import { checkWorkingDirectory } from '../core/io/workdir.js'
import { GraftError } from '../core/errors.js'
import type { GenerateResult } from '../core/generate/generate.js'
import type { ValidationReport } from '../core/validate/validate.js'
import { loopGuardError, readBotCommit } from '../core/publish/loop-guard.js'
import {
  checksWillNotRun,
  decideAfterProbes,
  decideRun,
  loopGuard,
  type Command as PolicyCommand
} from '../core/publish/policy.js'
import { assertCanPush } from '../core/publish/push.js'
import { checkCredentials } from '../core/render/bedrock.js'
import { escapeProse, prCommentBody } from './markdown.js'
import { checkoutBranch, planFromEvent, type EventPlan } from './event.js'
import { octokitFor, requiredChecks } from './github-api.js'
import {
  readGenerateInputs,
  readPublishInputs,
  readValidateInputs,
  type GenerateInputs,
  type PublishInputs
} from './inputs.js'
import { upsertPrComment } from './pr-comment.js'
import { publish, type PublishOutcome } from './publish.js'
import { reportFailure, reportLeftStale, writeSummary } from './report.js'
import { leftStale } from '../core/generate/left-stale.js'
import { failIfStale, runValidate } from './run-validate.js'
import { runGenerate, setGeneratedFiles, setTokenOutputs } from './run-generate.js'

export type Command = 'auto' | 'validate' | 'generate'

export async function runCommand(command: Command): Promise<void> {
  try {
    if (command === 'validate') {
      const inputs = readValidateInputs()
      await checkWorkingDirectory(inputs.root)
      failIfStale(await runValidate(inputs), inputs.failOnStale)
      return
    }
    const inputs = readGenerateInputs()
    await checkWorkingDirectory(inputs.root)
    await generateFlow(command, inputs, readPublishInputs())
  } catch (error) {
    await reportFailure(error)
  }
}

async function generateFlow(
  command: PolicyCommand,
  inputs: GenerateInputs,
  publishInputs: PublishInputs
): Promise<void> {
  const plan = planFromEvent(process.env, publishInputs.allowUntrustedHead)
  if (plan.warning) core.warning(plan.warning)
  const decision = decideRun({
    command,
    event: plan.event,
    canPush: plan.canPush,
    // Untrusted heads (forks, pull_request_target) are never rendered with credentials.
    untrusted: (plan.mode === 'fork' || plan.mode === 'untrusted') && !plan.canPush,
    why: plan.why,
    push: publishInputs.push,
    dryRun: inputs.dryRun
  })
  if (decision.kind === 'refuse') throw new GraftError(decision.problem)
  const publishes = decision.kind === 'generate' && decision.publish
  const git = new Git(inputs.root).withLazyFetchToken(publishInputs.token || undefined)
  if (publishes) await checkoutBranch(git, plan, publishInputs.token || undefined)

  const report = await runValidate(inputs, { report: true, leftStale: false })
  setPublishOutputs({ pushed: false, results: [] })
  core.setOutput('generated_files', '[]')
  if (report.stale.length === 0 && !inputs.force) {
    actionLog.info(
      report.explicitTargets
        ? 'Every targeted document is up to date: nothing to generate.'
        : 'Every document is up to date: nothing to generate.'
    )
    const left = leftStale(report, [])
    await reportLeftStale(left, 'validate')
    await comment(plan, publishInputs, prCommentBody({ stale: [], leftStale: left }))
    return
  }
  if (decision.kind === 'validate-only') return validateOnly(plan, publishInputs, report, decision.reason)
  const probed = decideAfterProbes(command, plan.branch, {
    credentials: command === 'auto' && !inputs.dryRun ? await missingCredentials(inputs) : undefined,
    pushAccess: publishes ? await missingPushAccess(git, plan, publishInputs) : undefined
  })
  if (probed.kind === 'refuse') throw new GraftError(probed.problem)
  if (probed.kind === 'validate-only') return validateOnly(plan, publishInputs, report, probed.reason)

  const again = loopGuard({
    bot: await readBotCommit(git, publishInputs.identity),
    stale: report.stale.flatMap((d) => d.outputs),
    force: inputs.force,
    manual: plan.mode === 'dispatch'
  })
  if (again.length > 0) throw loopGuardError(again)

  const result = await runGenerate(inputs, report, { token: publishInputs.token })
  let outcome: PublishOutcome = { pushed: false, results: [result] }
  if (publishes && result.changedFiles.length > 0) {
    let round = 1
    outcome = await publish(inputs.root, result, plan, publishInputs, (baselineRev) =>
      regenerateAfterRebase(inputs, baselineRev, ++round)
    )
    setPublishOutputs(outcome)
    setGeneratedFiles(outcome.results)
    setTokenOutputs(outcome.results)
    await summarise(plan, publishInputs, outcome)
  }
  // what the run rewrote (every round): documents outside the targets that read it are stale now
  const left = leftStale(report, result.dryRun ? [] : [...new Set(outcome.results.flatMap((r) => r.changedFiles))])
  await reportLeftStale(left, 'generate')
  await comment(
    plan,
    publishInputs,
    prCommentBody({
      stale: report.stale,
      dryRun: result.dryRun,
      documents: result.documents,
      commit: outcome.sha ? { sha: outcome.sha, pushed: outcome.pushed } : undefined,
      leftStale: left
    })
  )
}

async function validateOnly(
  plan: EventPlan,
  inputs: PublishInputs,
  report: ValidationReport,
  reason: string
): Promise<void> {
  core.notice(`Validate only: ${reason}`)
  // the summary too: a fork's token cannot comment, and the notice is easy to miss
  await writeSummary(`\n> **Validate only:** ${escapeProse(reason)}\n`)
  const left = leftStale(report, [])
  await reportLeftStale(left, 'validate')
  await comment(plan, inputs, prCommentBody({ stale: report.stale, validateOnly: reason, leftStale: left }))
}

/** After a rebase: whatever the new upstream commits made stale is regenerated (no outputs; a summary section of its own). */
async function regenerateAfterRebase(
  inputs: GenerateInputs,
  baselineRev: string,
  round: number
): Promise<GenerateResult | undefined> {
  const report = await runValidate(inputs, { report: false })
  if (report.stale.length === 0) return undefined
  actionLog.info(`After the rebase ${report.stale.length} document(s) are stale again: regenerating them`)
  return runGenerate({ ...inputs, force: false }, report, { baselineRev, round })
}

/** Why the model cannot be reached, or undefined when credentials are there. */
async function missingCredentials(inputs: GenerateInputs): Promise<string | undefined> {
  try {
    await checkCredentials(inputs.awsRegion)
    return undefined
  } catch (error) {
    return (error as Error).message.split('\n')[0]
  }
}

/** Why the token may not push to the branch, or undefined when it may. */
async function missingPushAccess(git: Git, plan: EventPlan, inputs: PublishInputs): Promise<string | undefined> {
  try {
    await assertCanPush(git, plan.branch!, inputs.token || undefined)
    return undefined
  } catch (error) {
    return error instanceof GraftError
      ? error.problems[0].message.replace(/^the token may not push to [^:]*: /, '')
      : (error as Error).message
  }
}

function setPublishOutputs(outcome: PublishOutcome): void {
  core.setOutput('commit_sha', outcome.sha ?? '')
  core.setOutput('pushed', outcome.pushed ? 'true' : 'false')
  core.setOutput('pull_request_number', outcome.pullRequest ? String(outcome.pullRequest.number) : '')
  core.setOutput('pull_request_url', outcome.pullRequest?.url ?? '')
}

/** The summary's publishing lines; and, best effort, whether required checks will run on the commit. */
async function summarise(plan: EventPlan, inputs: PublishInputs, outcome: PublishOutcome): Promise<void> {
  const lines: string[] = []
  if (outcome.pullRequest) {
    lines.push(
      `\n\`${plan.branch}\` is protected: the bot commit ${outcome.sha} is on \`${outcome.pullRequest.branch}\`, in pull request [#${outcome.pullRequest.number}](${outcome.pullRequest.url}).\n`
    )
  } else if (outcome.pushed) {
    lines.push(`\nPushed ${outcome.sha} to \`${plan.branch}\` (commit-via: ${inputs.commitVia}).\n`)
  } else {
    lines.push(`\nNothing was pushed${outcome.notPushed ? `: ${outcome.notPushed}` : '.'}\n`)
  }
  if (outcome.pushed) {
    const note = await checksNote(plan, inputs, outcome)
    if (note) lines.push(note)
  }
  await core.summary
    .addRaw(lines.join('\n'), true)
    .write()
    .catch(() => undefined)
}

/**
 * When the token is the workflow token and the branch the commit must pass
 * has required checks this token can see: they will not re-run. Never throws.
 */
async function checksNote(
  plan: EventPlan,
  inputs: PublishInputs,
  outcome: PublishOutcome
): Promise<string | undefined> {
  if (!inputs.token || !plan.repository) return undefined
  try {
    const gate = outcome.pullRequest || plan.mode === 'pull_request' ? (plan.baseBranch ?? plan.branch!) : plan.branch!
    const viewer = await octokitFor(inputs.token).graphql<{ viewer: { login: string } }>('{ viewer { login } }')
    const checks = await requiredChecks(inputs.token, plan.repository, gate)
    if (
      !checksWillNotRun({
        workflowToken: viewer.viewer.login === 'github-actions[bot]',
        requiredChecks: checks,
        published: outcome.pushed
      })
    )
      return undefined
    return (
      `\n> **Required checks will not run on the bot commit.** \`${gate}\` requires ${checks!.map((c) => `\`${c}\``).join(', ')}, ` +
      'and the commit was made with the workflow token (GITHUB_TOKEN): GitHub starts no workflow runs for what that token does, ' +
      'so the checks stay pending. Pass a GitHub App token as `token` (actions/create-github-app-token) to have them run.\n'
    )
  } catch {
    return undefined
  }
}

async function comment(plan: EventPlan, inputs: PublishInputs, body: string): Promise<void> {
  if (!inputs.comment || !plan.prNumber || !plan.repository || !inputs.token) return
  const [owner, repo] = plan.repository.split('/')
  try {
    const result = await upsertPrComment({ token: inputs.token, owner, repo, prNumber: plan.prNumber, body })
    if (!result.ok) core.notice(`Pull-request comment skipped: ${result.reason}`)
  } catch (error) {
    core.notice(`Pull-request comment skipped: ${(error as Error).message}`)
  }
}
