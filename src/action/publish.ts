// After a successful generate: one bot commit holding exactly the rewritten
// files, pushed to the event's branch with fetch–rebase–retry. After a
// rebase onto new upstream commits, staleness is checked again and the
// documents those commits made stale are regenerated into the same commit.
import * as core from '@actions/core'
import { Git } from '../core/io/git.js'
import { PIPELINE_FILES } from '../core/paths.js'
import type { GenerateResult } from '../core/generate/generate.js'
import { commitFiles } from '../core/publish/commit.js'
import { commitMessage } from '../core/publish/message.js'
import { pushWithRebase } from '../core/publish/push.js'
import type { EventPlan } from './event.js'
import type { PublishInputs } from './inputs.js'
import { actionLog } from './report.js'

export interface PublishOutcome {
  sha?: string
  pushed: boolean
  /** every generate round in the commit: the first, and any after a rebase */
  results: GenerateResult[]
}

/** Regenerates whatever is stale now, diffing against `baselineRev`; used after a rebase. */
export type Regenerate = (baselineRev: string) => Promise<GenerateResult | undefined>


function messageFor(results: GenerateResult[], triggerSha: string): { paths: string[]; message: string } {
  const paths = [...new Set(results.flatMap((r) => r.changedFiles))]
  const byOutput = new Map(results.flatMap((r) => r.documents).map((d) => [d.output, d.directive]))
  const documents = paths.filter((p) => !PIPELINE_FILES.has(p)).map((output) => ({ output, directive: byOutput.get(output) ?? 'UPDATE' }))
  // MAINTAIN documents change only dvc.lock: list them too, so the message says why the lock moved.
  for (const [output, directive] of byOutput) {
    if (directive === 'MAINTAIN' && !documents.some((d) => d.output === output)) documents.push({ output, directive })
  }
  const extraFiles = paths.filter((p) => PIPELINE_FILES.has(p))
  return { paths, message: commitMessage({ documents, extraFiles, triggerSha }) }
}

export async function publish(
  root: string,
  result: GenerateResult,
  plan: EventPlan,
  inputs: PublishInputs,
  regenerate: Regenerate
): Promise<PublishOutcome> {
  const git = new Git(root)
  const results = [result]
  const first = messageFor(results, plan.triggerSha)
  const sha = await commitFiles(git, { paths: first.paths, identity: inputs.identity, message: first.message })
  if (!sha) {
    core.info('Nothing changed on disk: no commit.')
    return { pushed: false, results }
  }
  core.info(`Committed ${sha.slice(0, 12)}: ${first.paths.join(', ')}`)

  let regenerations = 0
  // the bot commit as it was before the latest rebase: the tree its documents were generated from
  let botCommit = sha
  const pushed = await core.group(`Pushing to ${plan.branch}`, () =>
    pushWithRebase(git, {
      branch: plan.branch!,
      token: inputs.token || undefined,
      log: actionLog,
      identity: inputs.identity,
      afterRebase: async () => {
        const again = await regenerate(botCommit)
        if (!again || again.changedFiles.length === 0) return 'clean'
        if (++regenerations > 2) return 'give-up'
        results.push(again)
        const next = messageFor(results, plan.triggerSha)
        botCommit = (await commitFiles(git, { paths: next.paths, identity: inputs.identity, message: next.message, amend: true })) ?? botCommit
        return 'amended'
      }
    })
  )
  return { sha: pushed.pushed ? pushed.sha : undefined, pushed: pushed.pushed, results }
}
