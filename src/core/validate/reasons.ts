// Turns what the engine saw, the dvc.yaml drift and the header checks into a
// list of reasons per stage, then marks everything downstream of a stale stage.
import { dvcTarget } from '../pipeline/shell.js'
import { loopStageOf, type Pipeline } from '../pipeline/load.js'
import type { PipelineStatus, Reason } from '../types.js'

export interface ReasonInputs {
  pipeline: Pipeline
  status: PipelineStatus
  /** stage → problems found in its output's header */
  handEdits: Map<string, Reason[]>
}

/**
 * Stage name → why it is stale (each text once). Downstream marking follows
 * what DVC's `repro` would rerun: not from always_changed-only stages, frozen
 * or orphaned stages, never into a frozen stage; a stale stage no prompt
 * defines gets the `dvc repro` to run, and every document downstream of one a
 * `needs-repro` reason naming it.
 */
export function staleReasons({ pipeline, status, handEdits }: ReasonInputs): Map<string, Reason[]> {
  const reasons = new Map<string, Reason[]>()
  const add = (stage: string, r: Reason): void => {
    const list = reasons.get(stage) ?? []
    if (!list.some((x) => x.text === r.text)) list.push(r)
    reasons.set(stage, list)
  }
  const graftOutputs = new Set(pipeline.prompts.map((p) => p.out))

  for (const stage of pipeline.stages) {
    // a foreach or matrix stage is locked item by item (`name@key`): DVC names each one not locked
    if (stage.loop) continue
    if (pipeline.dvcYaml && !pipeline.lock?.stages.has(stage.name)) {
      add(stage.name, { kind: 'not-in-lock', text: 'not in dvc.lock (never generated)' })
    }
  }
  for (const [stage, s] of status) {
    for (const [path, state] of Object.entries(s.changedDeps)) {
      add(stage, { kind: 'changed-dep', path, text: `dep ${path} ${state}` })
    }
    for (const [path, state] of Object.entries(s.changedOuts)) {
      // an entry without md5 records no content to compare with: no sign of a hand edit
      const unhashed = pipeline.lock?.stages.get(stage)?.outs.some((o) => o.path === path && o.md5 === '')
      if (unhashed) {
        add(stage, { kind: 'changed-out', path, text: `output ${path} has no md5 in dvc.lock` })
      } else if (state === 'modified' && graftOutputs.has(path) && pipeline.lock?.stages.has(stage)) {
        add(stage, { kind: 'edited-by-hand', path, text: `${path} edited by hand (its md5 differs from dvc.lock)` })
      } else {
        add(stage, { kind: 'changed-out', path, text: `output ${path} ${state}` })
      }
    }
    if (s.changedCommand) add(stage, { kind: 'changed-command', text: 'command changed since dvc.lock' })
    if (s.alwaysChanged) add(stage, { kind: 'always-changed', text: 'always changed' })
  }
  const orphans = new Set<string>()
  for (const d of pipeline.drift) {
    if (d.kind === 'orphan-stage') orphans.add(d.stage)
    add(d.stage, { kind: 'dvc-yaml-out-of-sync', text: `dvc.yaml out of sync: ${d.text}` })
  }
  for (const [stage, list] of handEdits) for (const r of list) add(stage, r)

  const prompted = new Set(pipeline.prompts.map((p) => p.stageName))
  const byName = new Map(pipeline.stages.map((s) => [s.name, s]))
  const frozen = (name: string): boolean => byName.get(name)?.frozen === true

  // Downstream of a stale stage is stale too (DVC only notices after the upstream
  // reran), but only where an output will really change (DVC's repro semantics):
  // not from a stage that is merely always_changed (rerunning it may change nothing;
  // DVC flags the stage alone), not from a frozen stage and not into or through one
  // (DVC never reruns it: `frozen` cuts its deps off the graph), not from an orphaned
  // stage (nothing reruns it).
  const origins = [...reasons.keys()].filter(
    (n) => byName.has(n) && !frozen(n) && !orphans.has(n) && reasons.get(n)!.some((r) => r.kind !== 'always-changed')
  )
  /** stages whose outputs the next run changes: the origins and what lies downstream of them */
  const changing = new Set<string>()
  for (const origin of origins) {
    changing.add(origin)
    for (const d of reachable(pipeline, origin, frozen)) {
      add(d, { kind: 'upstream-stale', text: `upstream ${origin} is stale` })
      changing.add(d)
    }
  }

  // A stage stale only because it is always changed makes no document stale: it gets a notice instead (alwaysChangedOnly).
  const alwaysOnly = new Set(alwaysChangedOnly(reasons))
  // A stale stage no prompt defines: say what to run (an orphan's text already says what to do).
  for (const name of [...reasons.keys()]) {
    if (prompted.has(name) || orphans.has(name) || alwaysOnly.has(name)) continue
    if (!byName.has(name) && !loopStageOf(pipeline, name)) continue
    add(name, {
      kind: 'not-a-prompt',
      text: frozen(name)
        ? `not a prompt stage, and frozen (frozen: true in dvc.yaml): DVC does not rerun it; unfreeze it (\`dvc unfreeze ${dvcTarget(name)}\`) to refresh it`
        : `not a prompt stage: graft-action does not render it; run \`dvc repro ${dvcTarget(name)}\` and commit its outputs`
    })
  }
  // A stale frozen document: generate leaves it, as dvc repro does.
  for (const name of [...reasons.keys()]) {
    if (!prompted.has(name) || !frozen(name) || alwaysOnly.has(name)) continue
    add(name, {
      kind: 'frozen',
      text: `frozen (frozen: true in dvc.yaml): generate never regenerates it, as \`dvc repro\` never reruns it; remove frozen: true (or run \`dvc unfreeze ${dvcTarget(name)}\`) to regenerate it, or record it as it is with \`dvc commit ${dvcTarget(name)}\``
    })
  }

  // A document downstream of a changing stage that no prompt defines must wait for
  // that stage's `dvc repro`: rendering it now would read the old output.
  const waitsFor = new Map<string, Set<string>>()
  for (const name of pipeline.graph.order()) {
    if (frozen(name)) continue
    const blockers = new Set<string>()
    for (const parent of pipeline.graph.dependenciesOf(name)) {
      if (!changing.has(parent)) continue
      for (const b of waitsFor.get(parent) ?? []) blockers.add(b)
      if (!prompted.has(parent)) blockers.add(parent)
    }
    if (blockers.size > 0) waitsFor.set(name, blockers)
  }
  for (const [name, blockers] of waitsFor) {
    if (!prompted.has(name)) continue
    const list = [...blockers]
    add(name, {
      kind: 'needs-repro',
      text: `waits for ${list.join(', ')} (not ${list.length > 1 ? 'prompt stages' : 'a prompt stage'}): run \`dvc repro ${list.map(dvcTarget).join(' ')}\` and commit, then regenerate`
    })
  }
  return reasons
}

/**
 * Stages whose only reason is `always changed` (`always_changed: true`, or a
 * command with no deps and no outs): DVC lists them on every `dvc status`,
 * yet nothing about them changed, and `dvc repro` reruns them without making
 * anything downstream stale (see the downstream marking above). They are not
 * stale documents: `stale_files`, `is_stale` and `fail-on-stale` leave them
 * out, or a pipeline with such a helper would be stale on every run.
 */
export function alwaysChangedOnly(reasons: ReadonlyMap<string, Reason[]>): string[] {
  return [...reasons].filter(([, list]) => list.every((r) => r.kind === 'always-changed')).map(([name]) => name)
}

/** Every stage downstream of `start`, not entering frozen stages (DVC cuts a frozen stage off its deps). */
function reachable(pipeline: Pipeline, start: string, frozen: (name: string) => boolean): Set<string> {
  const seen = new Set<string>()
  const stack = [start]
  while (stack.length > 0) {
    for (const child of pipeline.graph.childrenOf(stack.pop()!)) {
      if (seen.has(child) || frozen(child)) continue
      seen.add(child)
      stack.push(child)
    }
  }
  return seen
}
