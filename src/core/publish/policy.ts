// The run policy: what this run may do, and why. Pure functions — facts in
// (the event's plan, the inputs, the results of probes the adapter ran),
// a decision with its reason out — so every rule has a unit test and the
// action adapter only reads inputs, runs probes, calls these and reports.
//
// Rules (design.md "Publishing", issue 8 §8, issue 10 §1):
// - untrusted heads (forks, pull_request_target without opt-in) validate only;
// - an event with no pushable branch: `auto` validates only; `generate` fails
//   before any model call unless `push: false` is set explicitly;
// - missing model credentials or push access: `auto` validates only,
//   `generate` fails (push access now, credentials when the model is asked);
// - a push run whose HEAD is neither the event's commit nor the branch's
//   remote tip is refused, naming both;
// - the loop guard fires only when a document HEAD's bot commit itself
//   regenerated is stale again — never for `force` or a manual dispatch;
// - at most MAX_REGENERATIONS_AFTER_REBASE regenerations after rebases;
// - the commit message names every file with its directive.
import { describeSyncChange, type SyncChange } from '../pipeline/sync.js'
import type { Problem } from '../errors.js'
import { PIPELINE_FILES } from '../repo/names.js'
import { commitMessage } from './message.js'

export type Command = 'auto' | 'generate'

/** What the event and the inputs say, before anything is validated. */
export interface RunFacts {
  command: Command
  /** the event's name (`push`, `pull_request`, `merge_group`, …); empty when run outside Actions */
  event: string
  /** the event belongs to a branch of this repository the bot may commit to */
  canPush: boolean
  /** the head is untrusted (a fork, or pull_request_target without opt-in) */
  untrusted: boolean
  /** why the event allows no commit, when it does not */
  why?: string
  /** input `push` (its default is true, so false is always the workflow's explicit choice) */
  push: boolean
  dryRun: boolean
}

export type RunDecision =
  /** validate, report, never call the model */
  | { kind: 'validate-only'; reason: string }
  /** stop now, before validation or any model call */
  | { kind: 'refuse'; problem: Problem }
  /** validate, then generate when stale; `publish`: commit and push the result */
  | { kind: 'generate'; publish: boolean }

export function decideRun(f: RunFacts): RunDecision {
  if (f.untrusted) return { kind: 'validate-only', reason: f.why ?? 'the head of this pull request is untrusted' }
  if (f.canPush) return { kind: 'generate', publish: f.push && !f.dryRun }
  const why = f.why ?? `the ${f.event || 'local'} event names no branch to commit to`
  if (f.dryRun) return { kind: 'generate', publish: false }
  if (f.command === 'auto') return { kind: 'validate-only', reason: why }
  if (!f.push) return { kind: 'generate', publish: false }
  return {
    kind: 'refuse',
    problem: {
      message: `command generate on a ${f.event || 'local'} run would regenerate documents it cannot commit: ${why}`,
      hint:
        'run generate on pull_request, push to a branch or workflow_dispatch; or set `push: false` to regenerate in the ' +
        'working tree for a later step to commit; or use command: auto, which validates only here'
    }
  }
}

/** Results of the probes the adapter runs once something is stale. */
export interface Probes {
  /** why the model cannot be reached (no AWS credentials), when it cannot */
  credentials?: string
  /** why the token may not push to the branch, when it may not (probed only when publishing) */
  pushAccess?: string
}

export type ProbeDecision =
  { kind: 'generate' } | { kind: 'validate-only'; reason: string } | { kind: 'refuse'; problem: Problem }

/**
 * After validation found work: `auto` degrades to validate-only on a missing
 * credential or push access; `generate` is refused for push access now (the
 * missing AWS credentials it reports when the model is first asked).
 */
export function decideAfterProbes(command: Command, branch: string | undefined, probes: Probes): ProbeDecision {
  if (command === 'auto' && probes.credentials)
    return { kind: 'validate-only', reason: `no AWS credentials for Bedrock reached this step (${probes.credentials})` }
  if (probes.pushAccess) {
    if (command === 'auto') {
      return {
        kind: 'validate-only',
        reason: `the token may not push to ${branch} (grant \`permissions: contents: write\`, or pass a token that can push)`
      }
    }
    return {
      kind: 'refuse',
      problem: {
        message: `the token may not push to ${branch}: ${probes.pushAccess}`,
        hint: 'give the workflow `permissions: contents: write` (or pass a `token` that can push to this branch); to only report staleness, set `push: false`'
      }
    }
  }
  return { kind: 'generate' }
}

export interface HeadFacts {
  branch: string
  /** the commit checked out (HEAD) */
  head: string
  /** the commit the push event is about (`after`) */
  eventSha: string
  /** the branch's tip on the remote now, undefined when the branch is gone */
  remoteTip?: string
}

/**
 * A push run commits on top of HEAD and pushes to the event's branch: HEAD
 * must be what that branch holds — the event's commit, or the branch's
 * current tip (a later push overtook the event). Anything else (a `ref:` in
 * the checkout step, commits made by earlier steps) is refused.
 */
export function checkPushHead(f: HeadFacts): Problem | undefined {
  if (f.head === f.eventSha || (f.remoteTip !== undefined && f.head === f.remoteTip)) return undefined
  return {
    message:
      `the checked-out commit ${f.head} is neither the commit this push event is about (${f.eventSha}) nor the current tip of ` +
      `${f.branch} on origin (${f.remoteTip ?? 'the branch no longer exists'}); committing on top of it would move ${f.branch} to a history ` +
      'the event did not bring, so nothing was generated',
    hint: `check out ${f.branch} itself (no \`ref:\` in actions/checkout), or — when earlier steps commit on purpose — set \`push: false\` and push in a later step`
  }
}

/** What the adapter read about HEAD's bot commit. */
export interface BotCommitFacts {
  /** HEAD carries the Generated-by trailer, or is authored by the bot identity (name and e-mail) */
  isBotCommit: boolean
  /** the outputs that commit changed (its files, minus dvc.lock and dvc.yaml) */
  regenerated: string[]
}

export interface LoopGuardFacts {
  bot: BotCommitFacts
  /** stale outputs now */
  stale: string[]
  force: boolean
  /** a manual run (workflow_dispatch): a person asked for it */
  manual: boolean
}

/**
 * The loop guard: refuses only when a document HEAD's bot commit itself
 * regenerated is stale again (committing again could loop forever with a
 * token that starts workflows). Returns those documents, or [] to go on.
 */
export function loopGuard(f: LoopGuardFacts): string[] {
  if (!f.bot.isBotCommit || f.force || f.manual) return []
  const regenerated = new Set(f.bot.regenerated)
  return f.stale.filter((output) => regenerated.has(output))
}

/** Regenerations after rebases onto a moving branch, at most. */
export const MAX_REGENERATIONS_AFTER_REBASE = 2

/** true while one more regeneration after a rebase is allowed (`done` = regenerations so far). */
export function mayRegenerateAgain(done: number): boolean {
  return done < MAX_REGENERATIONS_AFTER_REBASE
}

export interface RoundResult {
  /** repository-relative paths the round wrote */
  changedFiles: string[]
  /** `reasons` as generate gave them: ['forced'] for a document that was not stale */
  documents: { output: string; directive: string; reasons?: string[]; handEdit?: 'kept' | 'regenerated' }[]
  /** what the round changed in dvc.yaml to bring it in line with the prompts */
  pipelineChanges?: SyncChange[]
}

/**
 * The bot commit's content: every path the rounds wrote, and a message naming
 * each document with its directive (MAINTAIN ones too: they explain why
 * dvc.lock moved) and the triggering SHA.
 */
export function commitContent(rounds: RoundResult[], triggerSha: string): { paths: string[]; message: string } {
  const paths = [...new Set(rounds.flatMap((r) => r.changedFiles))]
  const byOutput = new Map(rounds.flatMap((r) => r.documents).map((d) => [d.output, d]))
  // A hand edit kept as it is moves only dvc.lock: the message says so.
  const directiveOf = (d: RoundResult['documents'][number]): string =>
    d.handEdit === 'kept'
      ? 'MAINTAIN: edited by hand, edit kept as it is; dvc.lock records it'
      : d.handEdit === 'regenerated'
        ? `${d.directive}: edited by hand, regenerated from the edit`
        : d.directive
  const entry = (output: string): { output: string; directive: string; forced: boolean } => {
    const d = byOutput.get(output)
    return {
      output,
      directive: d ? directiveOf(d) : 'UPDATE',
      forced: d?.reasons?.length === 1 && d.reasons[0] === 'forced'
    }
  }
  const documents = paths.filter((p) => !PIPELINE_FILES.has(p)).map(entry)
  for (const [output, d] of byOutput) {
    if (directiveOf(d).startsWith('MAINTAIN') && !documents.some((x) => x.output === output))
      documents.push(entry(output))
  }
  const extraFiles = paths.filter((p) => PIPELINE_FILES.has(p))
  const pipelineChanges = [
    ...new Set(rounds.flatMap((r) => (r.pipelineChanges ?? []).map((c) => describeSyncChange(c, 'did'))))
  ]
  return { paths, message: commitMessage({ documents, extraFiles, triggerSha, pipelineChanges }) }
}

/** The branch a protected branch's rolling pull request comes from. */
export function rollingBranch(branch: string): string {
  return `graft/regenerate/${branch}`
}

/**
 * Whether the summary should warn that required checks will not run on the
 * bot commit: a workflow token's pushes start no workflow runs.
 */
export function checksWillNotRun(f: {
  workflowToken: boolean
  requiredChecks: string[] | undefined
  published: boolean
}): boolean {
  return f.published && f.workflowToken && (f.requiredChecks?.length ?? 0) > 0
}
