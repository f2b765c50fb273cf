// One command of the action from inputs to outputs: validate, generate, or
// auto (validate, then generate when something is stale and the run may).
//
// generate: event → branch → validate → loop guard → generate → commit and
// push → outputs, summary, sticky comment.
import * as core from '@actions/core'
import { Git } from '../core/io/git.js'
import type { GenerateResult } from '../core/generate/generate.js'
import { isBotRegenerationCommit, loopGuardError } from '../core/publish/loop-guard.js'
import { assertCanPush } from '../core/publish/push.js'
import { checkCredentials } from '../core/render/bedrock.js'
import { prCommentBody } from './markdown.js'
import { checkoutBranch, planFromEvent, type EventPlan } from './event.js'
import { readGenerateInputs, readPublishInputs, readValidateInputs, type GenerateInputs, type PublishInputs } from './inputs.js'
import { upsertPrComment } from './pr-comment.js'
import { publish, type PublishOutcome } from './publish.js'
import { reportFailure } from './report.js'
import { failIfStale, runValidate } from './run-validate.js'
import { runGenerate, setGeneratedFiles } from './run-generate.js'

export type Command = 'auto' | 'validate' | 'generate'

export async function runCommand(command: Command): Promise<void> {
  try {
    if (command === 'validate') {
      const inputs = readValidateInputs()
      failIfStale(await runValidate(inputs), inputs.failOnStale)
      return
    }
    await generateFlow(command, readGenerateInputs(), readPublishInputs())
  } catch (error) {
    await reportFailure(error)
  }
}

async function generateFlow(command: 'auto' | 'generate', inputs: GenerateInputs, publishInputs: PublishInputs): Promise<void> {
  const plan = planFromEvent(process.env, publishInputs.allowUntrustedHead)
  if (plan.warning) core.warning(plan.warning)
  // Untrusted heads (forks, pull_request_target) are never rendered with credentials.
  const untrusted = (plan.mode === 'fork' || plan.mode === 'untrusted') && !plan.canPush
  const validateOnly = untrusted ? plan.why ?? 'the head of this pull request is untrusted' : undefined
  const pushes = publishInputs.push && !inputs.dryRun && plan.canPush && !validateOnly
  if (publishInputs.push && !inputs.dryRun && !plan.canPush && !validateOnly) {
    core.warning(
      `A ${plan.event || 'local'} run has no branch to push to: the documents are regenerated in the working tree ` +
        'but not committed (a later step may commit them; set push: false to silence this)'
    )
  }
  const git = new Git(inputs.root)
  if (pushes) await checkoutBranch(git, plan, publishInputs.token || undefined)

  const report = await runValidate(inputs)
  setPublishOutputs({ pushed: false, results: [] })
  core.setOutput('generated_files', '[]')
  if (report.stale.length === 0 && !inputs.force) {
    core.info('Every targeted document is up to date: nothing to generate.')
    await comment(plan, publishInputs, prCommentBody({ stale: [] }))
    return
  }
  const degrade = validateOnly ?? (await missingCredentials(command, inputs)) ?? (pushes ? await missingPushAccess(command, git, plan, publishInputs) : undefined)
  if (degrade) {
    core.notice(`Validate only: ${degrade}`)
    await comment(plan, publishInputs, prCommentBody({ stale: report.stale, validateOnly: degrade }))
    return
  }
  if (await isBotRegenerationCommit(git, 'HEAD', publishInputs.identity)) {
    throw loopGuardError(report.stale.flatMap((d) => d.outputs))
  }

  const result = await runGenerate(inputs, report)
  let outcome: PublishOutcome = { pushed: false, results: [result] }
  if (pushes && result.changedFiles.length > 0) {
    outcome = await publish(inputs.root, result, plan, publishInputs, (baselineRev) => regenerateAfterRebase(inputs, baselineRev))
    setPublishOutputs(outcome)
    setGeneratedFiles(outcome.results)
    await core.summary
      .addRaw(outcome.pushed ? `\nPushed ${outcome.sha} to \`${plan.branch}\`.\n` : '\nNothing was pushed.\n', true)
      .write()
      .catch(() => undefined)
  }
  await comment(
    plan,
    publishInputs,
    prCommentBody({
      stale: report.stale,
      dryRun: result.dryRun,
      documents: result.documents,
      commit: outcome.sha ? { sha: outcome.sha, pushed: outcome.pushed } : undefined
    })
  )
}

/** After a rebase: whatever the new upstream commits made stale is regenerated (no summary, no outputs). */
async function regenerateAfterRebase(inputs: GenerateInputs, baselineRev: string): Promise<GenerateResult | undefined> {
  const report = await runValidate(inputs, { report: false })
  if (report.stale.length === 0) return undefined
  core.info(`After the rebase ${report.stale.length} document(s) are stale again: regenerating them`)
  return runGenerate({ ...inputs, force: false }, report, baselineRev)
}

/** With command auto, missing model credentials mean validate-only; generate fails later, naming them. */
async function missingCredentials(command: 'auto' | 'generate', inputs: GenerateInputs): Promise<string | undefined> {
  if (command !== 'auto' || inputs.dryRun) return undefined
  try {
    await checkCredentials(inputs.awsRegion)
    return undefined
  } catch (error) {
    return `no AWS credentials for Bedrock reached this step (${(error as Error).message.split('\n')[0]})`
  }
}

/** A token that may not push: auto validates only; generate fails now, before spending tokens. */
async function missingPushAccess(command: 'auto' | 'generate', git: Git, plan: EventPlan, inputs: PublishInputs): Promise<string | undefined> {
  try {
    await assertCanPush(git, plan.branch!, inputs.token || undefined)
    return undefined
  } catch (error) {
    if (command === 'generate') throw error
    return `the token may not push to ${plan.branch} (grant \`permissions: contents: write\`, or pass a token that can push)`
  }
}

function setPublishOutputs(outcome: PublishOutcome): void {
  core.setOutput('commit_sha', outcome.sha ?? '')
  core.setOutput('pushed', outcome.pushed ? 'true' : 'false')
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
