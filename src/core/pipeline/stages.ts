// The pipeline the prompts define: one DVC stage per prompt, as Graft writes
// it, and the differences between that and the dvc.yaml on disk.
import { normalizeRepoPath } from '../paths.js'
import type { DvcYaml, PromptFile, StageDef } from '../types.js'
import { formatStageYaml } from '../dvc/dvcyaml-write.js'
import { phrasing } from '../phrasing.js'

/** Placeholders of a command template (see deriveTemplate). */
const PLACEHOLDERS = { prompt: '{prompt}', out: '{out}', name: '{name}' } as const

export function graftCommand(prompt: PromptFile): string {
  return `bash scripts/render_llm.sh --prompt ${prompt.path} --out ${prompt.out} --name ${prompt.stageName}`
}

/**
 * The stage Graft would write for a prompt. `template` (from deriveTemplate)
 * keeps a repository's own command shape for new stages.
 */
export function graftStage(prompt: PromptFile, template?: string): StageDef {
  return {
    name: prompt.stageName,
    cmd: template ? applyTemplate(template, prompt) : graftCommand(prompt),
    deps: [prompt.path, ...prompt.deps],
    outs: [{ path: prompt.out, cache: false }]
  }
}

/**
 * Turns an existing stage's command into a template by replacing its prompt
 * path, output path and stage name (whole words only) with placeholders.
 * Undefined when the command does not name the prompt: nothing to learn from.
 */
export function deriveTemplate(stage: StageDef, prompt: PromptFile): string | undefined {
  let template = stage.cmd
  for (const [value, placeholder] of [
    [prompt.path, PLACEHOLDERS.prompt],
    [prompt.out, PLACEHOLDERS.out],
    [stage.name, PLACEHOLDERS.name]
  ] as const) {
    template = template.replace(wordPattern(value), placeholder)
  }
  return template.includes(PLACEHOLDERS.prompt) ? template : undefined
}

export function applyTemplate(template: string, prompt: PromptFile): string {
  return template
    .split(PLACEHOLDERS.prompt)
    .join(prompt.path)
    .split(PLACEHOLDERS.out)
    .join(prompt.out)
    .split(PLACEHOLDERS.name)
    .join(prompt.stageName)
}

/**
 * The command template a repository uses, learnt from its first prompt stage
 * whose command is not Graft's default; undefined when all use the default.
 */
export function commandTemplate(prompts: PromptFile[], dvc: DvcYaml | undefined): string | undefined {
  const byName = new Map((dvc?.stages ?? []).map((s) => [s.name, s]))
  for (const prompt of prompts) {
    const stage = byName.get(prompt.stageName)
    if (stage && stage.cmd !== graftCommand(prompt)) {
      const template = deriveTemplate(stage, prompt)
      if (template) return template
    }
  }
  return undefined
}

/** A value as a whole word of a shell command: bounded by start/end, blanks, `=` or quotes. */
function wordPattern(value: string): RegExp {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?<=^|[\\s='"])${escaped}(?=$|[\\s'"])`, 'g')
}

export type DriftKind = 'missing-stage' | 'orphan-stage' | 'deps-differ' | 'outs-differ'

export interface Drift {
  stage: string
  kind: DriftKind
  /** what differs and what to do about it */
  text: string
  /** the file to annotate: the prompt, or dvc.yaml for an orphan stage */
  file?: string
  line?: number
}

/** A stage Graft made: one of its deps is a prompt file. Others are not Graft's business. */
export function isGraftStage(stage: StageDef): boolean {
  return stage.deps.some((d) => d.endsWith('.prompt.md'))
}

/**
 * Where dvc.yaml and the prompts disagree. Stages are matched by name (Graft's
 * rule); commands are not compared, since other templates are legal.
 */
export function pipelineDrift(prompts: PromptFile[], dvc: DvcYaml | undefined): Drift[] {
  const stages = new Map((dvc?.stages ?? []).map((s) => [s.name, s]))
  const drift: Drift[] = []
  for (const prompt of prompts) {
    const stage = stages.get(prompt.stageName)
    const expected = graftStage(prompt)
    if (!stage) {
      drift.push({
        stage: prompt.stageName,
        kind: 'missing-stage',
        file: prompt.path,
        text: `dvc.yaml has no stage ${prompt.stageName} for ${prompt.path}; ${phrasing().regenerate}, or add the stage:\n${formatStageYaml(expected, 2)}`
      })
      continue
    }
    const deps = listDiff(expected.deps, stage.deps)
    if (deps) {
      drift.push({
        stage: stage.name,
        kind: 'deps-differ',
        file: prompt.path,
        text: `the deps of stage ${stage.name} in dvc.yaml do not match ${prompt.path} (${deps}); ${phrasing().regenerate}, or set its deps to: ${expected.deps.join(', ')}`
      })
    }
    const outs = listDiff(
      [prompt.out],
      stage.outs.map((o) => o.path)
    )
    if (outs) {
      drift.push({
        stage: stage.name,
        kind: 'outs-differ',
        file: prompt.path,
        text: `the outs of stage ${stage.name} in dvc.yaml do not match ${prompt.path} (${outs}); ${phrasing().regenerate}, or set its outs to: ${prompt.out}`
      })
    }
  }
  const promptStages = new Set(prompts.map((p) => p.stageName))
  for (const stage of dvc?.stages ?? []) {
    if (promptStages.has(stage.name) || !isGraftStage(stage)) continue
    const prompt = stage.deps.find((d) => d.endsWith('.prompt.md'))
    drift.push({
      stage: stage.name,
      kind: 'orphan-stage',
      file: 'dvc.yaml',
      line: stage.line,
      text: `stage ${stage.name} in dvc.yaml has no prompt file (${prompt} is gone, renamed, or gives another stage name): it is orphaned, and neither \`dvc repro\` nor generate removes it; run \`graft-action sync\` (this action's CLI), which deletes stage ${stage.name} from dvc.yaml and its entry from dvc.lock, or delete both by hand, and commit (or restore the prompt)`
    })
  }
  return drift
}

/** How `actual` differs from `expected` (paths compared normalised), or undefined when equal. */
function listDiff(expected: string[], actual: string[]): string | undefined {
  const want = expected.map(normalizeRepoPath)
  const have = actual.map(normalizeRepoPath)
  if (want.length === have.length && want.every((p, i) => p === have[i])) return undefined
  const missing = want.filter((p) => !have.includes(p))
  const extra = have.filter((p) => !want.includes(p))
  const parts: string[] = []
  if (missing.length > 0) parts.push(`missing ${missing.join(', ')}`)
  if (extra.length > 0) parts.push(`not in the prompt: ${extra.join(', ')}`)
  if (parts.length === 0) parts.push(`order differs: dvc.yaml has ${have.join(', ')}`)
  return parts.join('; ')
}
