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
import { escapeLog } from '../core/log.js'
import { endRun } from './run-end.js'
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
import { resolveRegion } from '../core/render/region.js'
import { refuseRepositoryAwsFiles } from '../core/render/credentials.js'
import { COMMENT_MAX_CHARS, prCommentBody, refusedCommentBody, type CommentInput } from './markdown.js'
import { code, join, link, own, text, type Markdown } from './gfm.js'
import { checkoutBranch, planFromEvent, type EventPlan } from './event.js'
import { requiredChecks, tokenIdentity, WORKFLOW_TOKEN_LOGIN } from './github-api.js'
import {
  pipelineOf,
  readGenerateInputs,
  readPublishInputs,
  readValidateInputs,
  type GenerateInputs,
  type PublishInputs
} from './inputs.js'
import { markerLength, upsertPrComment } from './pr-comment.js'
import { publish, type PublishOutcome } from './publish.js'
import { reportFailure, reportLeftStale, writeSummary } from './report.js'
import { leftStale } from '../core/generate/left-stale.js'
import { failIfStale, runValidate } from './run-validate.js'
import { runGenerate, setGeneratedFiles, setSpendOutputs } from './run-generate.js'
import { RunSpend } from '../core/generate/spend.js'

export type Command = 'auto' | 'validate' | 'generate'

export async function runCommand(command: Command): Promise<void> {
  try {
    if (command === 'validate') {
      const inputs = readValidateInputs()
      await checkWorkingDirectory(inputs.root)
      failIfStale(await runValidate(inputs), inputs.failOnStale)
      return
    }
    const read = readGenerateInputs()
    await checkWorkingDirectory(read.root)
    // AWS settings the checkout could rewrite are refused before the SDK reads them
    refuseRepositoryAwsFiles([read.root, process.env.GITHUB_WORKSPACE || read.root])
    // aws-region wins; else as the SDK finds it (environment, then the AWS profile's own region)
    const region = await resolveRegion(read.awsRegion, 'the aws-region input')
    const inputs = { ...read, awsRegion: region.region }
    actionLog.info(`Bedrock region: ${region.region} (from ${region.from})`)
    await generateFlow(command, inputs, readPublishInputs())
  } catch (error) {
    await reportFailure(error)
  } finally {
    // every command, validate included: a cache call given up on must not hold the step open
    endRun()
  }
}

async function generateFlow(
  command: PolicyCommand,
  inputs: GenerateInputs,
  publishInputs: PublishInputs
): Promise<void> {
  const plan = planFromEvent(process.env, publishInputs.allowUntrustedHead)
  if (plan.warning) actionLog.warn(plan.warning)
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
  const git = new Git(inputs.root).withLazyFetchToken(publishInputs.token || undefined, publishInputs.server)
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
    await comment(plan, publishInputs, { stale: [], leftStale: left })
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

  // one ledger for every round: the outputs say what the whole run spent, also when it fails
  const spend = new RunSpend(inputs.prices)
  let result: GenerateResult
  try {
    result = await runGenerate(inputs, report, { token: publishInputs.token, server: publishInputs.server, spend })
  } catch (error) {
    // an older report on the pull request ("up to date", "regenerated …") must not stand
    await comment(plan, publishInputs, { stale: report.stale, failed: { spent: spend.totals() } })
    throw error
  }
  let outcome: PublishOutcome = { pushed: false, results: [result] }
  if (publishes && result.changedFiles.length > 0) {
    let round = 1
    outcome = await publish(inputs.root, result, plan, publishInputs, (baselineRev) =>
      regenerateAfterRebase(inputs, baselineRev, ++round, spend)
    )
    setPublishOutputs(outcome)
    setGeneratedFiles(outcome.results)
    setSpendOutputs(spend)
    await summarise(plan, publishInputs, outcome)
  }
  // what the run rewrote (every round): documents outside the targets that read it are stale now
  const left = leftStale(report, result.dryRun ? [] : [...new Set(outcome.results.flatMap((r) => r.changedFiles))])
  await reportLeftStale(left, 'generate')
  await comment(plan, publishInputs, {
    stale: report.stale,
    dryRun: result.dryRun,
    documents: result.documents,
    estimate: result.estimate,
    commit: outcome.sha ? { sha: outcome.sha, pushed: outcome.pushed } : undefined,
    leftStale: left
  })
}

async function validateOnly(
  plan: EventPlan,
  inputs: PublishInputs,
  report: ValidationReport,
  reason: string
): Promise<void> {
  core.notice(escapeLog(`Validate only: ${reason}`))
  // the summary too: a fork's token cannot comment, and the notice is easy to miss
  await writeSummary(own`\n> **Validate only:** ${text(reason)}\n`)
  const left = leftStale(report, [])
  await reportLeftStale(left, 'validate')
  await comment(plan, inputs, { stale: report.stale, validateOnly: reason, leftStale: left })
}

/** After a rebase: whatever the new upstream commits made stale is regenerated (no outputs; a summary section of its own). */
async function regenerateAfterRebase(
  inputs: GenerateInputs,
  baselineRev: string,
  round: number,
  spend: RunSpend
): Promise<GenerateResult | undefined> {
  const report = await runValidate(inputs, { report: false })
  if (report.stale.length === 0) return undefined
  actionLog.info(`After the rebase ${report.stale.length} document(s) are stale again: regenerating them`)
  return runGenerate({ ...inputs, force: false }, report, { baselineRev, round, spend })
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
  const lines: Markdown[] = []
  const sha = text(outcome.sha ?? '')
  if (outcome.pullRequest) {
    const pr = link(own`#${outcome.pullRequest.number}`, outcome.pullRequest.url)
    lines.push(
      own`\n${code(plan.branch ?? '')} is protected: the bot commit ${sha} is on ${code(outcome.pullRequest.branch)}, in pull request ${pr}.\n`
    )
  } else if (outcome.pushed) {
    lines.push(own`\nPushed ${sha} to ${code(plan.branch ?? '')} (commit-via: ${text(inputs.commitVia)}).\n`)
  } else {
    lines.push(own`\nNothing was pushed${outcome.notPushed ? own`: ${text(outcome.notPushed)}` : own`.`}\n`)
  }
  if (outcome.pushed) {
    const note = await checksNote(plan, inputs, outcome)
    if (note) lines.push(note)
  }
  await writeSummary(join(lines, own`\n`)).catch(() => undefined)
}

/**
 * When the token is the workflow token and the branch the commit must pass
 * has required checks this token can see: they will not re-run. Never throws.
 */
async function checksNote(
  plan: EventPlan,
  inputs: PublishInputs,
  outcome: PublishOutcome
): Promise<Markdown | undefined> {
  if (!inputs.token || !plan.repository) return undefined
  try {
    const gate = outcome.pullRequest || plan.mode === 'pull_request' ? (plan.baseBranch ?? plan.branch!) : plan.branch!
    const viewer = await tokenIdentity(inputs.token)
    const checks = await requiredChecks(inputs.token, plan.repository, gate)
    if (
      !checksWillNotRun({
        workflowToken: viewer?.login === WORKFLOW_TOKEN_LOGIN,
        requiredChecks: checks,
        published: outcome.pushed
      })
    )
      return undefined
    return own`\n> **Required checks will not run on the bot commit.** ${code(gate)} requires ${join(checks!.map(code), own`, `)}, and the commit was made with the workflow token (GITHUB_TOKEN): GitHub starts no workflow runs for what that token does, so the checks stay pending. Pass a GitHub App token as \`token\` (actions/create-github-app-token) to have them run.\n`
  } catch {
    return undefined
  }
}

/** This run's page on GitHub, when the runner says where it is. */
function runUrl(): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: run } = process.env
  return server && repository && run ? `${server}/${repository}/actions/runs/${run}` : undefined
}

/** The pipeline's sticky comment; a refusal is a notice that names its cause, and never leaves an older report standing. */
async function comment(plan: EventPlan, inputs: PublishInputs, input: CommentInput): Promise<void> {
  if (!inputs.comment || !plan.prNumber || !plan.repository || !inputs.token) return
  const [owner, repo] = plan.repository.split('/')
  const pipeline = pipelineOf()
  try {
    const result = await upsertPrComment({
      token: inputs.token,
      owner,
      repo,
      prNumber: plan.prNumber,
      pipeline,
      // the marker line (it names the pipeline, URI-encoded: up to nine characters for one) counts too
      body: prCommentBody({ ...input, pipeline }, COMMENT_MAX_CHARS - markerLength(pipeline)),
      refused: (reason) => refusedCommentBody(reason, pipeline, runUrl()),
      fromFork: plan.mode === 'fork'
    })
    if (!result.ok) {
      const standing =
        result.standing === 'note'
          ? ' The comment now says the report could not be posted.'
          : result.standing === 'deleted'
            ? ' The earlier report was deleted, so it cannot mislead.'
            : result.standing === 'old report'
              ? ' An earlier report is still on the pull request and is out of date.'
              : result.standing === 'unknown'
                ? ' The comments could not be read, so an earlier report may still be on the pull request.'
                : ''
      core.notice(escapeLog(`Pull-request comment skipped: ${result.reason}.${standing}`))
    }
  } catch (error) {
    core.notice(escapeLog(`Pull-request comment skipped: ${(error as Error).message}`))
  }
}
