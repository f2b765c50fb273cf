// Which documents generate rewrites: the stale ones (or, with `force`, every
// targeted one), each backed by a prompt. Stages that no prompt defines are
// not ours to render.
import { GraftError } from '../errors.js'
import { DEFAULT_MAX_TOKENS, DEFAULT_MODEL } from '../defaults.js'
import { outputTokenLimit, resolveModel } from '../render/models.js'
import type { Problem } from '../errors.js'
import type { PromptFile, StageDef } from '../types.js'
import type { ValidationReport } from '../validate/validate.js'

export interface PlannedDocument {
  stage: StageDef
  prompt: PromptFile
  /** model name as written (frontmatter, else the `model` input) */
  modelName: string
  modelId: string
  /** output tokens asked for: the prompt's `max_tokens`, else the default capped at the model's limit */
  maxTokens: number
  /** stages in this plan that must be rewritten first */
  after: string[]
  reasons: string[]
}

export interface PlanOptions {
  force: boolean
  /** the `model` input: for prompts that name none */
  defaultModel?: string
  /** the `max-tokens` input: for prompts without `max_tokens` (capped at each model's limit) */
  maxTokens?: number
}

/**
 * The documents generate rewrites, in dependency order, each with its model and
 * output-token limit.
 * @throws GraftError for a stale stage no prompt defines, an unknown model, or a
 *   prompt whose `max_tokens` exceeds its model's output limit (every such prompt,
 *   at once, before any model call).
 */
export function planGeneration(report: ValidationReport, options: PlanOptions): PlannedDocument[] {
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
  const problems: Problem[] = []
  const plan = names.map((name) => {
    const prompt = promptOf.get(name)!
    const modelName = prompt.model ?? options.defaultModel ?? DEFAULT_MODEL
    const modelId = resolveModel(modelName, prompt.path)
    const limit = outputTokenLimit(modelId)
    if (prompt.maxTokens !== undefined && limit !== undefined && prompt.maxTokens > limit) {
      problems.push({
        file: prompt.path,
        line: prompt.maxTokensLine,
        message: `max_tokens is ${prompt.maxTokens}, above the output limit of ${modelName} (${limit} tokens); Bedrock would refuse the call`,
        hint: `set \`max_tokens: ${limit}\` or less, or choose a model with a higher limit`
      })
    }
    const fallback = options.maxTokens ?? DEFAULT_MAX_TOKENS
    return {
      stage: stageOf.get(name)!,
      prompt,
      modelName,
      modelId,
      maxTokens: prompt.maxTokens ?? (limit === undefined ? fallback : Math.min(fallback, limit)),
      after: pipeline.graph.upstream(name).filter((u) => inPlan.has(u)),
      reasons: why.get(name) ?? ['forced']
    }
  })
  if (problems.length > 0) throw new GraftError(problems)
  return plan
}
