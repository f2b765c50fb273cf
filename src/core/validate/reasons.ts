// Turns what the engine saw, the dvc.yaml drift and the header checks into a
// list of reasons per stage, then marks everything downstream of a stale stage.
import type { Pipeline } from '../pipeline/load.js'
import type { PipelineStatus, Reason } from '../types.js'

export interface ReasonInputs {
  pipeline: Pipeline
  status: PipelineStatus
  /** stage → problems found in its output's header */
  handEdits: Map<string, Reason[]>
}

export function staleReasons({ pipeline, status, handEdits }: ReasonInputs): Map<string, Reason[]> {
  const reasons = new Map<string, Reason[]>()
  const add = (stage: string, r: Reason): void => {
    const list = reasons.get(stage) ?? []
    if (!list.some((x) => x.text === r.text)) list.push(r)
    reasons.set(stage, list)
  }
  const graftOutputs = new Set(pipeline.prompts.map((p) => p.out))

  for (const stage of pipeline.stages) {
    if (pipeline.dvcYaml && !pipeline.lock?.stages.has(stage.name)) {
      add(stage.name, { kind: 'not-in-lock', text: 'not in dvc.lock (never generated)' })
    }
  }
  for (const [stage, s] of status) {
    for (const [path, state] of Object.entries(s.changedDeps)) {
      add(stage, { kind: 'changed-dep', path, text: `dep ${path} ${state}` })
    }
    for (const [path, state] of Object.entries(s.changedOuts)) {
      if (state === 'modified' && graftOutputs.has(path) && pipeline.lock?.stages.has(stage)) {
        add(stage, { kind: 'edited-by-hand', path, text: `${path} edited by hand (its md5 differs from dvc.lock)` })
      } else {
        add(stage, { kind: 'changed-out', path, text: `output ${path} ${state}` })
      }
    }
    if (s.changedCommand) add(stage, { kind: 'changed-command', text: 'command changed since dvc.lock' })
    if (s.alwaysChanged) add(stage, { kind: 'always-changed', text: 'always changed' })
  }
  for (const d of pipeline.drift) {
    add(d.stage, { kind: 'dvc-yaml-out-of-sync', text: `dvc.yaml out of sync: ${d.text}` })
  }
  for (const [stage, list] of handEdits) for (const r of list) add(stage, r)

  // Downstream of a stale stage is stale too: DVC only notices after the upstream reran.
  for (const upstream of [...reasons.keys()]) {
    for (const d of pipeline.graph.downstream([upstream])) {
      add(d, { kind: 'upstream-stale', text: `upstream ${upstream} is stale` })
    }
  }
  return reasons
}
