// What a targeted run leaves stale behind it: documents that were stale
// outside its targets, and documents outside them that read an output the run
// rewrote (they are stale the moment the bot commit lands). A run without
// targets covers everything, so it leaves nothing.
import type { ValidationReport } from '../validate/validate.js'

export interface LeftStale {
  stage: string
  /** the stage's outputs */
  outputs: string[]
  /** the prompt file behind the stage, when there is one */
  prompt?: string
  /** why it is stale after the run, in words */
  why: string
}

/**
 * The documents outside `report.targets` that are stale after a run that
 * rewrote `rewritten` (output paths whose text changed), in dependency order.
 */
export function leftStale(report: ValidationReport, rewritten: string[]): LeftStale[] {
  if (!report.explicitTargets) return []
  const { graph, stages, prompts } = report.pipeline
  const promptOf = new Map(prompts.map((p) => [p.stageName, p.path]))
  const why = new Map<string, string>()
  for (const d of report.outsideTargets)
    why.set(d.stage, `stale before the run, outside the targets: ${d.reasons.map((r) => r.text).join('; ')}`)
  const changed = new Set(rewritten)
  for (const stage of stages) {
    const outs = stage.outs.map((o) => o.path).filter((o) => changed.has(o))
    if (outs.length === 0) continue
    for (const down of graph.downstream([stage.name])) {
      if (report.targets.has(down) || why.has(down)) continue
      why.set(down, `reads ${outs.join(', ')} (directly or through another document), which this run regenerated`)
    }
  }
  const byName = new Map(stages.map((s) => [s.name, s]))
  return graph
    .order()
    .filter((name) => why.has(name))
    .map((name) => ({
      stage: name,
      outputs: byName.get(name)!.outs.map((o) => o.path),
      prompt: promptOf.get(name),
      why: why.get(name)!
    }))
}
