// Which documents generate rewrites: the stale ones (or, with `force`, every
// targeted one), each backed by a prompt. Stages that no prompt defines are
// not ours to render (validate says to `dvc repro` them), documents waiting
// for one are left until that is done, and frozen stages are never rerun, as
// DVC never reruns them.
import { GraftError } from '../errors.js'
import { dvcTarget } from '../pipeline/shell.js'
import { DEFAULT_MAX_TOKENS, DEFAULT_MODEL } from '../defaults.js'
import { outputTokenLimit, resolveModel, resolveModelSetting } from '../graft/models.js'
import type { Problem } from '../errors.js'
import type { PromptFile, StageDef } from '../types.js'
import type { ValidationReport } from '../validate/validate.js'
import { setting } from '../phrasing.js'

export interface PlannedDocument {
  stage: StageDef
  prompt: PromptFile
  /** model name as written (frontmatter, else the `model` input) */
  modelName: string
  modelId: string
  /** output tokens asked for: the prompt's `max_tokens`, else the default capped at the model's limit */
  maxTokens: number
  /** what set maxTokens, for messages: the prompt's line, the max-tokens setting, or the model's limit */
  maxTokensFrom: string
  /** stages in this plan that must be rewritten first */
  after: string[]
  reasons: string[]
  /** the output was edited by hand (validate's `edited-by-hand` reason) */
  handEdited: boolean
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
 * Left out: stages no prompt defines, frozen stages (`frozen: true`), and
 * documents with a `needs-repro` reason (downstream of a changing stage no
 * prompt defines); {@link leftStale} lists those of them that are stale.
 * @throws GraftError for a frozen stage named in `targets` with `force`, an
 *   unknown model, or a prompt whose `max_tokens` exceeds its model's output
 *   limit (every such prompt, at once, before any model call).
 */
export function planGeneration(report: ValidationReport, options: PlanOptions): PlannedDocument[] {
  const { pipeline } = report
  const promptOf = new Map(pipeline.prompts.map((p) => [p.stageName, p]))
  const why = new Map(report.stale.map((d) => [d.stage, d.reasons.map((r) => r.text)]))
  const handEdited = new Set(
    report.stale.filter((d) => d.reasons.some((r) => r.kind === 'edited-by-hand')).map((d) => d.stage)
  )
  const chosen = options.force
    ? pipeline.graph.order().filter((n) => report.targets.has(n))
    : report.stale.map((d) => d.stage)

  const byName = new Map(pipeline.stages.map((s) => [s.name, s]))
  // frozen: true — DVC never reruns the stage; neither does generate. Forcing one by name is a contradiction.
  const frozen = chosen.filter((n) => byName.get(n)?.frozen)
  if (options.force && report.explicitTargets) {
    const named = frozen.filter((n) => report.namedTargets.has(n))
    if (named.length > 0) {
      throw new GraftError(
        named.map((n) => ({
          file: 'dvc.yaml',
          line: byName.get(n)!.line,
          message: `stage ${n} is frozen (frozen: true in dvc.yaml), so it is never regenerated, even with force`,
          hint: `remove frozen: true from stage ${n} (or run \`dvc unfreeze ${dvcTarget(n)}\`) to regenerate it, or leave it out of ${setting('targets')}`
        }))
      )
    }
  }
  const waiting = new Set(
    report.stale.filter((d) => d.reasons.some((r) => r.kind === 'needs-repro')).map((d) => d.stage)
  )
  const names = chosen.filter((n) => promptOf.has(n) && !byName.get(n)?.frozen && !waiting.has(n))
  const inPlan = new Set(names)
  const problems: Problem[] = []
  const plan = names.map((name) => {
    const prompt = promptOf.get(name)!
    const modelName = prompt.model ?? options.defaultModel ?? DEFAULT_MODEL
    // A prompt's own model is blamed on its `model:` line; the default on the input that set it.
    const modelId =
      prompt.model !== undefined
        ? resolveModel(prompt.model, { file: prompt.path, line: prompt.modelLine })
        : resolveModelSetting(modelName, 'the model input (the model of prompts that name none)')
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
    const capped = prompt.maxTokens === undefined && limit !== undefined && limit < fallback
    return {
      stage: byName.get(name)!,
      prompt,
      modelName,
      modelId,
      maxTokens: prompt.maxTokens ?? (limit === undefined ? fallback : Math.min(fallback, limit)),
      maxTokensFrom:
        prompt.maxTokens !== undefined
          ? `\`max_tokens: ${prompt.maxTokens}\` in ${prompt.path}${prompt.maxTokensLine ? ` (line ${prompt.maxTokensLine})` : ''}`
          : capped
            ? `the model's output limit (${limit} tokens for ${modelName}; max-tokens is ${fallback})`
            : `the max-tokens setting (${prompt.path} sets no \`max_tokens\`)`,
      after: pipeline.graph.upstream(name).filter((u) => inPlan.has(u)),
      reasons: why.get(name) ?? ['forced'],
      handEdited: handEdited.has(name)
    }
  })
  if (problems.length > 0) throw new GraftError(problems)
  return plan
}

/**
 * The targeted stale stages a plan leaves stale (not prompts, frozen, or
 * waiting for a `dvc repro`), in dependency order; their reasons say what to
 * run. Orphans are not among them: generate removes them.
 */
export function leftStale(report: ValidationReport, plan: readonly PlannedDocument[]): ValidationReport['stale'] {
  const planned = new Set(plan.map((d) => d.stage.name))
  // an orphan is not left stale: generate removes it (pipeline-files.ts)
  const orphans = new Set(report.pipeline.orphans.map((s) => s.name))
  return report.stale.filter((d) => !planned.has(d.stage) && !orphans.has(d.stage))
}
