// The pipeline the prompts define: one DVC stage per prompt, as Graft writes
// it, and the differences between that and the dvc.yaml on disk.
import { isSameOrInside, normalizeRepoPath } from '../repo/names.js'
import { isPromptPath, stageNameFor } from '../graft/prompts.js'
import type { DvcYaml, PromptFile, StageDef } from '../types.js'
import type { Problem } from '../errors.js'
import { formatStageYaml } from '../dvc/dvcyaml-write.js'
import { shellPath, shellWord } from '../shell-word.js'
import { quoteContexts, quotedFor } from './shell.js'
import { phrasing } from '../phrasing.js'

/** Placeholders of a command template (see deriveTemplate). */
const PLACEHOLDERS = { prompt: '{prompt}', out: '{out}', name: '{name}' } as const

/**
 * Graft's command for a prompt's stage. Each path and the name is one shell
 * word (see shell.ts): quoted only where a POSIX shell needs it, so that
 * `dvc repro` never runs a `$(…)` from a file name and Graft's own names stay
 * byte for byte as Graft writes them.
 */
export function graftCommand(prompt: PromptFile): string {
  return `bash scripts/render_llm.sh --prompt ${shellPath(prompt.path)} --out ${shellPath(prompt.out)} --name ${shellWord(prompt.stageName)}`
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
 * path, output path and stage name (whole shell words, as written: bare, in
 * the quoting shell.ts gives them, or inside the template's own quotes) with
 * placeholders. Undefined when the command does not name the prompt (nothing
 * to learn from), holds a placeholder's own text, or still names its prompt or output after that (written in a
 * way not recognised here): a template that kept the old output would make
 * every new stage write the old stage's document.
 */
export function deriveTemplate(stage: StageDef, prompt: PromptFile): string | undefined {
  // a command that already holds a placeholder's text (`--fmt '{name}: …'`) would have it filled in
  if (/\{(?:prompt|out|name)\}/.test(stage.cmd)) return undefined
  let template = stage.cmd
  for (const [value, placeholder, path] of [
    [prompt.path, PLACEHOLDERS.prompt, true],
    [prompt.out, PLACEHOLDERS.out, true],
    [stage.name, PLACEHOLDERS.name, false]
  ] as const) {
    const spellings = new Set([quotedFor('', value, path), quotedFor('"', value, path), quotedFor("'", value, path)])
    for (const word of spellings) if (word !== value) template = template.replace(wordPattern(word), placeholder)
    template = template.replace(wordPattern(value), placeholder)
  }
  if (!template.includes(PLACEHOLDERS.prompt)) return undefined
  return [prompt.path, prompt.out].some((p) => template.includes(p)) ? undefined : template
}

/**
 * A template with the prompt's paths and name in place, each quoted for the
 * quoting the template has at its place (see quoteContexts): inside the
 * template's own `"…"` or `'…'` — also one opened earlier in the word, as in
 * `"--out={out}"` — or as one shell word.
 */
export function applyTemplate(template: string, prompt: PromptFile): string {
  const values: Record<string, [string, boolean]> = {
    [PLACEHOLDERS.prompt]: [prompt.path, true],
    [PLACEHOLDERS.out]: [prompt.out, true],
    [PLACEHOLDERS.name]: [prompt.stageName, false]
  }
  const places = /\{(?:prompt|out|name)\}/g
  const offsets = [...template.matchAll(places)].map((m) => m.index)
  const quoting = quoteContexts(template, offsets)
  const contexts = new Map(offsets.map((o, i) => [o, quoting[i]]))
  return template.replace(places, (placeholder, at: number) => {
    const [value, path] = values[placeholder]
    return quotedFor(contexts.get(at) ?? '', value, path)
  })
}

/**
 * The command template a repository uses, learnt from its first prompt stage
 * whose command is not Graft's default, else (when no prompt's stage uses the
 * default either) from any other Graft stage of dvc.yaml (an orphan: in a
 * one-document repository, a renamed or moved prompt's old stage is the only
 * place the template is written), each read
 * with the prompt, output and name it was written for; undefined when all use
 * the default.
 */
export function commandTemplate(prompts: PromptFile[], dvc: DvcYaml | undefined): string | undefined {
  const byName = new Map((dvc?.stages ?? []).map((s) => [s.name, s]))
  const learnt = (stage: StageDef, prompt: PromptFile): string | undefined =>
    stage.cmd === graftCommand(prompt) ? undefined : deriveTemplate(stage, prompt)
  let liveDefault = false
  for (const prompt of prompts) {
    const stage = byName.get(prompt.stageName)
    if (stage && stage.cmd === graftCommand(prompt)) liveDefault = true
    const template = stage && learnt(stage, prompt)
    if (template) return template
  }
  // a live stage in the default command says the repository's template; an orphan is older
  if (liveDefault) return undefined
  for (const stage of dvc?.stages ?? []) {
    const prompt = writtenFor(stage)
    const template = prompt && learnt(stage, prompt)
    if (template) return template
  }
  return undefined
}

/**
 * The prompt a Graft stage was written for, as its own deps and output name
 * it (the file may be gone or renamed since); undefined for any other stage.
 */
export function writtenFor(stage: StageDef): PromptFile | undefined {
  const path = graftPromptOf(stage)
  if (path === undefined) return undefined
  return { path, stageName: stage.name, deps: [], out: stage.outs[0].path, body: '' }
}

/** A value as a whole word of a shell command: bounded by start/end, blanks, `=` or quotes. */
function wordPattern(value: string): RegExp {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?<=^|[\\s='"])${escaped}(?=$|[\\s'"])`, 'g')
}

/**
 * A document's stage with `params:` in dvc.yaml: DVC records their values in
 * the stage's dvc.lock entry, which generate writes without them (it reads no
 * params files), so after its commit `dvc status` would report the params file
 * as a new dep and every run would regenerate the document. generate refuses
 * it before any call; validate says so beforehand.
 */
export function paramsProblem(stage: StageDef): Problem {
  return {
    file: 'dvc.yaml',
    line: stage.line,
    message: `stage ${stage.name} has params: generate cannot record param values in dvc.lock, so after its commit \`dvc status\` would call the stage changed again, and every run would regenerate ${stage.outs[0]?.path ?? 'its document'}`,
    hint: `remove params: from stage ${stage.name} and list the params file among the prompt's deps instead (its whole content then counts, as for any source)`
  }
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
  /** an orphan's prompt file (gone) */
  prompt?: string
  /** an orphan's outputs (or a moved output's old path) still in the work tree that no prompt writes any more */
  leftBehind?: string[]
  /** the stages that still read one of `leftBehind` (as a dep, or inside a folder dep) */
  readers?: string[]
}

/**
 * The scripts an older Graft generator (scripts/generate_dvc.py) listed
 * before the prompt in every stage's deps; later versions list none.
 */
const GRAFT_SCRIPT_DEPS: ReadonlySet<string> = new Set([
  'scripts/render_llm.sh',
  'scripts/pack_prompt.py',
  'scripts/ensure_llm.py'
])

/**
 * A stage Graft's generator would have written: its first dep is a prompt
 * file whose Graft stage name is the stage's name (after the render scripts
 * an older Graft listed first), and it writes one output. Only such a stage
 * can be an orphan (its prompt renamed or deleted); any other stage of
 * dvc.yaml (a helper that fetches a source, a training step, a stage that
 * lints the prompts) is the user's own, and neither sync nor generate ever
 * removes it.
 */
export function isGraftStage(stage: StageDef): boolean {
  return graftPromptOf(stage) !== undefined
}

/** The prompt a Graft stage (see isGraftStage) is written from; undefined for any other stage. */
export function graftPromptOf(stage: StageDef): string | undefined {
  if (stage.outs.length !== 1) return undefined
  const deps = stage.deps.map(normalizeRepoPath)
  const first = deps.findIndex((d) => !GRAFT_SCRIPT_DEPS.has(d))
  const prompt = first < 0 ? undefined : deps[first]
  return prompt !== undefined && isPromptPath(prompt) && stageNameFor(prompt) === stage.name ? prompt : undefined
}

/**
 * Prompts whose Graft stage name is taken in dvc.yaml by a stage that is not
 * theirs: it neither reads the prompt nor names it in its command, and is no
 * Graft stage of an older location of it (see isGraftStage) — a helper, a
 * training step. sync and generate would rewrite that stage as the prompt's
 * (its command, deps, outputs and `always_changed` gone), so the prompt is
 * refused instead, naming both places.
 */
export function stageNameClashes(prompts: PromptFile[], dvc: DvcYaml | undefined): Problem[] {
  const stages = new Map((dvc?.stages ?? []).map((s) => [s.name, s]))
  const problems: Problem[] = []
  for (const prompt of prompts) {
    const stage = stages.get(prompt.stageName)
    if (!stage || isGraftStage(stage) || stage.cmd.includes(prompt.path)) continue
    if (stage.deps.some((d) => isSameOrInside(normalizeRepoPath(d), prompt.path))) continue // reads it, or its folder
    problems.push({
      file: prompt.path,
      line: 1,
      message: `the file name gives the stage name ${prompt.stageName}, and dvc.yaml already has a stage ${prompt.stageName}${stage.line ? ` (line ${stage.line})` : ''} that is not this prompt's: it does not read ${prompt.path}; writing the prompt's stage would replace that one (its command, deps and outputs)`,
      hint: `rename the prompt file, or rename the stage ${prompt.stageName} in dvc.yaml`
    })
  }
  return problems
}

export interface DriftOptions {
  /** whether a repository path exists in the work tree (an orphan's prompt must be gone; its output may be left behind) */
  exists?: (path: string) => boolean
}

/**
 * Where dvc.yaml and the prompts disagree. Stages are matched by name (Graft's
 * rule); commands are not compared, since other templates are legal.
 */
export function pipelineDrift(prompts: PromptFile[], dvc: DvcYaml | undefined, options: DriftOptions = {}): Drift[] {
  const exists = options.exists ?? (() => false)
  const stages = new Map((dvc?.stages ?? []).map((s) => [s.name, s]))
  const drift: Drift[] = []
  const promptStages = new Set(prompts.map((p) => p.stageName))
  const written = new Set(prompts.map((p) => normalizeRepoPath(p.out)))
  // what each stage reads once dvc.yaml is in line: a prompt's stage its frontmatter, any other stage its own deps
  const reads = new Map<string, string[]>([
    ...(dvc?.stages ?? [])
      .filter((s) => !promptStages.has(s.name) && !isGraftStage(s)) // an orphan reads nothing once removed
      .map((s) => [s.name, s.deps] as [string, string[]]),
    ...prompts.map((p) => [p.stageName, graftStage(p).deps] as [string, string[]])
  ])
  /** A stage's outputs that stay in the work tree with no prompt writing them, who still reads them, and the words for it. */
  const left = (stage: StageDef): { leftBehind: string[]; readers: string[]; note: string } => {
    const leftBehind = stage.outs.map((o) => normalizeRepoPath(o.path)).filter((o) => !written.has(o) && exists(o))
    const readers = [...reads]
      .filter(([, deps]) => deps.some((d) => leftBehind.some((o) => isSameOrInside(normalizeRepoPath(d), o))))
      .map(([name]) => name)
      .sort()
    return { leftBehind, readers, note: leftBehindText(leftBehind, readers, 'reason') }
  }
  for (const prompt of prompts) {
    const stage = stages.get(prompt.stageName)
    const expected = graftStage(prompt)
    if (!stage) {
      drift.push({
        stage: prompt.stageName,
        kind: 'missing-stage',
        file: prompt.path,
        text:
          dvc === undefined
            ? `there is no dvc.yaml yet, so no stage ${prompt.stageName} for ${prompt.path}; ${phrasing().regenerate} (it writes dvc.yaml with the documents), or write dvc.yaml alone with \`graft-action sync\` (this action's CLI: docs/cli.md) and commit it`
            : `dvc.yaml has no stage ${prompt.stageName} for ${prompt.path}; ${phrasing().regenerate} (it adds the stage), or run \`graft-action sync\` (this action's CLI) and commit dvc.yaml, or add the stage by hand:\n${formatStageYaml(expected, 2)}`
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
      const { leftBehind, readers, note } = left(stage)
      drift.push({
        stage: stage.name,
        kind: 'outs-differ',
        file: prompt.path,
        leftBehind,
        readers,
        text: `the outs of stage ${stage.name} in dvc.yaml do not match ${prompt.path} (${outs}); ${phrasing().regenerate}, or set its outs to: ${prompt.out}${note}`
      })
    }
  }
  for (const stage of dvc?.stages ?? []) {
    const prompt = graftPromptOf(stage)
    if (promptStages.has(stage.name) || prompt === undefined) continue
    if (exists(prompt)) continue // the file is there but not a prompt the run reads (ignored by git, in node_modules): not ours to remove
    const { leftBehind, readers, note } = left(stage)
    drift.push({
      stage: stage.name,
      kind: 'orphan-stage',
      file: 'dvc.yaml',
      line: stage.line,
      prompt,
      leftBehind,
      readers,
      text:
        `orphaned: stage ${stage.name} in dvc.yaml belongs to the prompt ${prompt}, which is gone (renamed or deleted); ` +
        `generate removes the stage from dvc.yaml and its entry from dvc.lock in its commit, as Graft's own repro would ` +
        `(locally: \`graft-action sync\`), or restore the prompt${note}`
    })
  }
  return drift
}

/**
 * What becomes of outputs left in the work tree that no prompt writes any
 * more (a deleted or renamed prompt's document, a moved output's old file):
 * they stay, and are named. A stage that still reads one keeps reading it as a
 * plain source, no longer regenerated: said, so that deleting it (which the
 * words would otherwise suggest) does not leave that stage a missing dep.
 * `style`: `reason` for validate's reason, `change` for sync's and generate's list of changes.
 */
export function leftBehindText(leftBehind: string[], readers: string[], style: 'reason' | 'change'): string {
  if (leftBehind.length === 0) return ''
  const many = leftBehind.length > 1
  const [they, them] = many ? ['are', 'them'] : ['is', 'it']
  const files = leftBehind.join(', ')
  if (readers.length > 0) {
    const named =
      readers.length > 5 ? `${readers.slice(0, 5).join(', ')} and ${readers.length - 5} more` : readers.join(', ')
    const who = readers.length > 1 ? `stages ${named} still read` : `stage ${named} still reads`
    return `; ${files} ${they} left in place and no prompt writes ${them} any more, but ${who} ${them}: ${many ? 'they stay sources' : 'it stays a source'}, no longer regenerated — edit ${them} by hand from now on, or take ${them} out of those deps before deleting ${them}`
  }
  return style === 'reason'
    ? `; ${files} ${they} left in place: no prompt writes ${them} any more, so delete ${them} (git rm) if no longer wanted`
    : `; ${files} ${they} left in place, and no prompt writes ${them} any more: delete ${them} if no longer wanted`
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
