// Which documents generate rewrites: the stale ones (or, with `force`, every
// targeted one), each backed by a prompt. Stages that no prompt defines are
// not ours to render.
import { GraftError } from '../errors.js'
import { DEFAULT_MODEL } from '../defaults.js'
import { resolveModel } from '../render/models.js'
import type { PromptFile, StageDef } from '../types.js'
import type { ValidationReport } from '../validate/validate.js'

export interface PlannedDocument {
  stage: StageDef
  prompt: PromptFile
  /** model name as written (frontmatter, else the `model` input) */
  modelName: string
  modelId: string
  /** stages in this plan that must be rewritten first */
  after: string[]
  reasons: string[]
}

export function planGeneration(report: ValidationReport, options: { force: boolean; defaultModel?: string }): PlannedDocument[] {
  const { pipeline } = report
  const promptOf = new Map(pipeline.prompts.map((p) => [p.stageName, p]))
  const stageOf = new Map(pipeline.stages.map((s) => [s.name, s]))
  const why = new Map(report.stale.map((d) => [d.stage, d.reasons.map((r) => r.text)]))
  const chosen = options.force
    ? pipeline.graph.order().filter((n) => report.targets.has(n))
    : report.stale.map((d) => d.stage)

  const notOurs = chosen.filter((n) => !promptOf.has(n))
  if (notOurs.length > 0 && !options.force) {
    throw new GraftError({
      file: 'dvc.yaml',
      message: `stale stage(s) without a *.prompt.md: ${notOurs.join(', ')}`,
      hint: 'graft-action renders prompt stages only; run `dvc repro` for these, or leave them out with `targets`'
    })
  }
  const names = chosen.filter((n) => promptOf.has(n))
  const inPlan = new Set(names)
  return names.map((name) => {
    const prompt = promptOf.get(name)!
    const modelName = prompt.model ?? options.defaultModel ?? DEFAULT_MODEL
    return {
      stage: stageOf.get(name)!,
      prompt,
      modelName,
      modelId: resolveModel(modelName, prompt.path),
      after: pipeline.graph.upstream(name).filter((u) => inPlan.has(u)),
      reasons: why.get(name) ?? ['forced']
    }
  })
}
