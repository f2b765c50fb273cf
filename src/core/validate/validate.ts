// validate: which generated documents no longer match their sources or their
// prompts, and why. files → prompts → pipeline → graph → status → report.
import { checkWorkingDirectory } from '../io/workdir.js'
import { existsSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { GraftError, type Problem } from '../errors.js'
import { isSameOrInside, normalizeRepoPath, showPath } from '../repo/names.js'
import { Hasher } from '../dvc/hash.js'
import { lfsTracked } from '../dvc/lfs-pointer.js'
import { uncheckedSubmodules } from '../pipeline/unchecked-submodules.js'
import { Git } from '../io/git.js'
import { stat } from 'node:fs/promises'
import { readDvcYaml } from '../dvc/dvcyaml.js'
import type { Log } from '../log.js'
import { loadPipeline, loopStageOf, type Pipeline } from '../pipeline/load.js'
import { nativeStatus } from '../status/native.js'
import type { Prehashed } from '../dvc/prehash.js'
import { resolveTargets, scopeOf, targetsItem } from '../pipeline/targets.js'
import type { DownstreamPolicy } from '../settings.js'
import { DEFAULT_DOWNSTREAM } from '../defaults.js'
import { checkOutputHeaders, refuseHandEdits, refuseHandWrittenOutputs, type HandEditPolicy } from './hand-edits.js'
import { alwaysChangedOnly, staleReasons } from './reasons.js'
import { dvcTarget } from '../pipeline/shell.js'
import { paramsProblem } from '../pipeline/stages.js'
import { phrasing, setting } from '../phrasing.js'
import type { PipelineStatus, PromptFile, Reason, StaleDocument } from '../types.js'

export type EngineChoice = 'auto' | 'dvc' | 'native'

export interface DvcLocator {
  /** the dvc executable when already installed, else undefined */
  find(): Promise<string | undefined>
  /** installs dvc (slow) and returns its path */
  install(): Promise<string>
}

export interface ValidateOptions {
  root: string
  engine: EngineChoice
  targets?: string[]
  /** with targets: take what lies downstream of them into the scope (default {@link DEFAULT_DOWNSTREAM}) */
  downstream?: DownstreamPolicy
  dvc: DvcLocator
  log: Log
  /** `fail`: a hand-edited document among the targets fails validate, naming the file (default `keep`) */
  handEdits?: HandEditPolicy
  /** the real DVC's time limit (default DEFAULT_DVC_TIME_LIMIT_MINUTES) */
  dvcTimeoutMs?: number
}

export interface ValidationReport {
  engine: 'dvc' | 'native' | 'none'
  pipeline: Pipeline
  /** the run's scope: stage names chosen by `targets`, with what is downstream of them under `downstream: include` (all stages when no targets were given) */
  targets: Set<string>
  /** true when `targets` named stages (not all by default) */
  explicitTargets: boolean
  /** the stages `targets` named, before `downstream: include` added what reads them (empty without targets) */
  namedTargets: Set<string>
  /** stale documents in dependency order, limited to the scope */
  stale: StaleDocument[]
  /** things accepted but worth a word (a dep listed twice), each with its prompt and line */
  notices: Problem[]
  /** stale documents outside the scope, in dependency order (empty without targets) */
  outsideTargets: StaleDocument[]
}

export async function validate(options: ValidateOptions): Promise<ValidationReport> {
  const { root, log } = options
  const pipeline = await log.group('Reading prompts and pipeline', async () => {
    await checkWorkingDirectory(resolve(root))
    await refuseSubfolderOfPipeline(root)
    // The native engine's hashing starts while the prompts are read (not for the real dvc: it hashes itself).
    const p = await loadPipeline(root, { prehash: options.engine !== 'dvc' })
    refuseEmptyPipeline(root, p)
    refuseHandWrittenOutputs(root, p)
    log.info(
      `${p.prompts.length} prompt(s), ${p.stages.length} stage(s); dvc.yaml ${p.dvcYaml ? 'found' : 'absent'}, dvc.lock ${p.lock ? 'found' : 'absent'}`
    )
    return p
  })
  const targeted = (options.targets?.length ?? 0) > 0
  const namedTargets = targeted ? resolveTargets(options.targets!, pipeline.stages) : new Set<string>()
  // Orphans are always in scope: they belong to no document a target could name, and every generate removes them.
  const targets = new Set([
    ...(targeted
      ? scopeOf(namedTargets, pipeline.graph, options.downstream ?? DEFAULT_DOWNSTREAM)
      : pipeline.stages.map((s) => s.name)),
    ...pipeline.orphans.map((s) => s.name)
  ])

  // Free to hash now: this thread takes the files no worker has started, the engine hashes them.
  const prehashed = await pipeline.prehash?.finish()
  const { engine, status } = await log.group('Checking staleness', () => runEngine(options, pipeline, prehashed))
  const handEdits = await checkOutputHeaders(root, pipeline, prehashed?.firstLines)
  const reasons = staleReasons({ pipeline, status, handEdits })
  const helpers = alwaysChangedOnly(reasons)
  for (const name of helpers) reasons.delete(name)
  await explainLfsPointers(root, reasons)
  await explainUncheckedSubmodules(root, reasons)
  const all = orderStale(pipeline, reasons)
  // without targets, every stage DVC reports is in scope, an item of a loop the lock does not hold yet too
  // with targets, such an item is in scope when they name it or its stage
  const inScope = (d: StaleDocument): boolean =>
    targets.has(d.stage) || (!pipeline.graph.has(d.stage) && (!targeted || targetsItem(options.targets!, d.stage)))
  const stale = all.filter(inScope)
  const outsideTargets = all.filter((d) => !inScope(d))
  log.info(
    `${describeEngine(engine)}: ${stale.length} stale document(s)` +
      (outsideTargets.length > 0 ? `, and ${outsideTargets.length} more outside the targets` : '')
  )
  if (options.handEdits === 'fail') refuseHandEdits(stale)
  const notices = [...alwaysChangedNotices(pipeline, helpers), ...promptNotices(pipeline), ...paramsNotices(pipeline)]
  for (const n of notices) log.info(`notice: ${n.file}${n.line ? `:${n.line}` : ''}: ${n.message}; ${n.hint}`)
  return { engine, pipeline, targets, explicitTargets: targeted, namedTargets, stale, outsideTargets, notices }
}

/**
 * How many documents the run checked: the prompt stages in its scope. Helper
 * stages and orphans are in the scope too (their verdicts count), but they
 * are no documents, and "all 8 documents up to date" of six would be wrong.
 */
export function documentsChecked(report: Pick<ValidationReport, 'pipeline' | 'targets'>): number {
  const documents = new Set(report.pipeline.prompts.map((p) => p.stageName))
  return [...report.targets].filter((name) => documents.has(name)).length
}

/**
 * The engine as the reports name it, with what `none` means: there was no
 * dvc.yaml, so no status engine ran and every prompt's document counts as new.
 */
export function describeEngine(engine: ValidationReport['engine']): string {
  return engine === 'none' ? `engine none (${ENGINE_NONE_MEANS})` : `engine ${engine}`
}

/** What engine `none` means, wherever it is printed. */
export const ENGINE_NONE_MEANS = 'no dvc.yaml yet: no status was checked; every prompt is new and its document stale'

async function runEngine(
  options: ValidateOptions,
  pipeline: Pipeline,
  prehashed: Prehashed | undefined
): Promise<{ engine: ValidationReport['engine']; status: PipelineStatus }> {
  if (!pipeline.dvcYaml) return { engine: 'none', status: new Map() }
  const unsupported = pipeline.dvcYaml.unsupported
  let choice = options.engine
  const found = await options.dvc.find()
  if (choice === 'auto') {
    choice = found || unsupported.length > 0 ? 'dvc' : 'native'
    if (!found && unsupported.length > 0) {
      options.log.info(
        `dvc.yaml uses features the native engine does not model (${unsupported.join('; ')}): installing DVC`
      )
    }
  }
  if (choice === 'native') {
    if (unsupported.length > 0) {
      throw new GraftError({
        file: 'dvc.yaml',
        message: `the native engine does not model: ${unsupported.join('; ')}`,
        hint: `set ${setting('engine', 'dvc')} (or auto) so the real \`dvc status\` decides`
      })
    }
    return {
      engine: 'native',
      status: await nativeStatus(options.root, pipeline.dvcYaml, pipeline.lock, prehashed)
    }
  }
  const dvcPath = found ?? (await options.dvc.install())
  // loaded on demand, so the native engine's path never loads it
  const { dvcStatus } = await import('../status/dvc.js')
  return { engine: 'dvc', status: await dvcStatus(options.root, { dvcPath, timeoutMs: options.dvcTimeoutMs }) }
}

/**
 * A folder with no dvc.yaml inside a pipeline whose dvc.yaml lies above it
 * (its stages read files here): the prompts' paths are relative to that
 * pipeline's root, so reading them from here would report every dep as
 * missing. Checked before any prompt is read.
 */
async function refuseSubfolderOfPipeline(root: string): Promise<void> {
  if (existsSync(join(root, 'dvc.yaml'))) return
  const above = pipelineAbove(root)
  if (above === undefined) return
  const here = relative(above, resolve(root)).split('\\').join('/')
  const stages = (await readDvcYaml(above).catch(() => undefined))?.stages ?? []
  const reads = stages.some((st) =>
    [...st.deps, ...st.outs.map((o) => o.path)].some((p) => isSameOrInside(here, normalizeRepoPath(p)))
  )
  if (!reads) return
  throw new GraftError({
    message: `${resolve(root)} has no dvc.yaml, but ${join(above, 'dvc.yaml')} above it has stages that read and write files in this folder: it is part of that pipeline, whose paths are relative to ${above}`,
    hint: `set ${inRepo(root, above)}`
  })
}

/**
 * Nothing to check is an error, never "all 0 document(s) up to date": a
 * required check that cannot fail is worse than none.
 */
function refuseEmptyPipeline(root: string, pipeline: Pipeline): void {
  if (pipeline.stages.length > 0) return
  const dir = resolve(root)
  const above = pipeline.dvcYaml ? undefined : pipelineAbove(root)
  const below = pipeline.subPipelines ?? []
  if (!above && below.length > 0) {
    const named = below.slice(0, 5).join(', ') + (below.length > 5 ? ` and ${below.length - 5} more` : '')
    throw new GraftError({
      message: `${dir} has no pipeline of its own to validate: its prompts lie in folders with a dvc.yaml of their own (${named}), each a pipeline whose paths are relative to its folder`,
      hint: `set ${setting('working-directory')} to one of those folders (one step or job per folder)`
    })
  }
  throw new GraftError({
    file: pipeline.dvcYaml ? 'dvc.yaml' : undefined,
    message:
      (pipeline.dvcYaml
        ? `dvc.yaml in ${dir} declares no stages and there is no *.prompt.md file: there is nothing to validate`
        : `${dir} holds no *.prompt.md file and no dvc.yaml: there is nothing to validate`) +
      (above ? `; ${join(above, 'dvc.yaml')} above it holds a pipeline` : ''),
    hint: above
      ? `set ${inRepo(root, above)}`
      : `set ${setting('working-directory')} to the folder that holds dvc.yaml and the prompts (files git ignores are not read)`
  })
}

/** The run's folder set to `dir`, as the user sets it (the action: relative to the git work tree's top). */
function inRepo(root: string, dir: string): string {
  return phrasing().folder(dir, gitTop(root) ?? dir)
}

/** The nearest folder above `root`, up to the git work tree's top, that holds a dvc.yaml. */
function pipelineAbove(root: string): string | undefined {
  const top = gitTop(root)
  if (top === undefined) return undefined
  for (let dir = dirname(resolve(root)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'dvc.yaml'))) return dir
    if (dir === top || dirname(dir) === dir) return undefined
  }
}

/** The folder holding `.git` (a folder or a file) at or above `root`; undefined outside git. */
function gitTop(root: string): string | undefined {
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir
    if (dirname(dir) === dir) return undefined
  }
}

/**
 * A changed dep that is (or holds) a Git LFS pointer: the checkout lacks the
 * file's content (actions/checkout without `lfs: true`), which is why DVC sees
 * it changed; its reason says so and what to do.
 */
async function explainLfsPointers(root: string, reasons: Map<string, Reason[]>): Promise<void> {
  // a changed dep, or a document that looks edited by hand: the checkout may hold its LFS pointer
  const kinds = new Set(['changed-dep', 'changed-out', 'edited-by-hand'])
  const changed = [...reasons.values()].flat().filter((r) => kinds.has(r.kind) && r.path !== undefined)
  if (changed.length === 0) return
  // those paths hashed again, only they: the hasher marks every LFS pointer it reads
  const hasher = new Hasher({ root })
  await Promise.all(
    [...new Set(changed.map((r) => r.path!))].map(async (p) => {
      const abs = join(root, p)
      const info = await stat(abs).catch(() => undefined)
      if (info?.isDirectory()) await hasher.dir(abs).catch(() => undefined)
      else if (info?.isFile()) await hasher.file(abs).catch(() => undefined)
    })
  )
  if (hasher.lfsPointers.size === 0) return
  const shaped = [...hasher.lfsPointers].map((abs) => relative(root, abs).split(sep).join('/'))
  const tracked = await lfsTracked(new Git(root), shaped)
  const pointers = shaped.filter((p) => tracked?.has(p) ?? true) // git cannot say: a pointer's text counts as one
  const told = new Set<Reason[]>() // a document's pointer is said once per stage (it may look edited twice)
  for (const list of reasons.values())
    for (const r of list.filter((x) => kinds.has(x.kind) && x.path !== undefined)) {
      const inside = pointers.filter((p) => isSameOrInside(normalizeRepoPath(r.path!), p))
      if (inside.length === 0 || (r.kind !== 'changed-dep' && told.has(list))) continue
      if (r.kind !== 'changed-dep') told.add(list)
      explainPointer(r, inside)
    }
}

/** Says in `r` that `inside` (the reason's path, or files in it) are Git LFS pointers, and what to do. */
function explainPointer(r: Reason, inside: string[]): void {
  const which =
    inside.length === 1 && inside[0] === normalizeRepoPath(r.path!)
      ? `${r.path} is a Git LFS pointer`
      : `${inside.slice(0, 5).map(showPath).join(', ')}${inside.length > 5 ? ` and ${inside.length - 5} more` : ''} in it ${inside.length > 1 ? 'are Git LFS pointers' : 'is a Git LFS pointer'}`
  r.text += ` (${which}, not the content: this checkout did not fetch LFS files; check out with \`lfs: true\`)`
}

/**
 * A changed dep that is (or holds) a submodule the checkout did not check out
 * (actions/checkout without `submodules: true`): an empty folder here, which
 * is why DVC sees it changed; its reason says so and what to do.
 */
async function explainUncheckedSubmodules(root: string, reasons: Map<string, Reason[]>): Promise<void> {
  const changed = [...reasons.values()].flat().filter((r) => r.kind === 'changed-dep' && r.path !== undefined)
  if (changed.length === 0) return
  const missing = await uncheckedSubmodules(new Git(root), [...new Set(changed.map((r) => normalizeRepoPath(r.path!)))])
  for (const r of changed) {
    const inside = missing.filter((m) => isSameOrInside(normalizeRepoPath(r.path!), m))
    if (inside.length === 0) continue
    const which = `${inside.slice(0, 5).map(showPath).join(', ')}${inside.length > 5 ? ` and ${inside.length - 5} more` : ''}`
    r.text += ` (${which} ${inside.length > 1 ? 'are Git submodules' : 'is a Git submodule'} this checkout did not check out, an empty folder here; check out with \`submodules: true\`)`
  }
}

/**
 * Stages stale only because they are always changed (see alwaysChangedOnly):
 * what they are and what to run, on the stage's line in dvc.yaml.
 */
function alwaysChangedNotices(pipeline: Pipeline, names: string[]): Problem[] {
  const byName = new Map(pipeline.stages.map((s) => [s.name, s]))
  const promptOf = new Map(pipeline.prompts.map((p) => [p.stageName, p.path]))
  return names.map((name) => {
    const stage = byName.get(name)
    const outs = stage?.outs.map((o) => o.path) ?? []
    const why = stage?.alwaysChanged
      ? 'always_changed: true'
      : 'a command with no deps and no outs, which DVC treats as always changed'
    const prompt = promptOf.get(name)
    return {
      file: 'dvc.yaml',
      line: stage?.line,
      message: prompt
        ? `stage ${name} (${prompt}) is always changed (${why}): \`dvc status\` lists it on every run, though nothing it reads changed; that makes its document stale for DVC's repro, not for graft-action`
        : `stage ${name} is always changed (${why}): \`dvc status\` lists it on every run, though nothing it reads changed; it makes no document stale, and documents reading ${outs.length > 0 ? outs.join(', ') : 'its output'} are judged by their own content`,
      hint: prompt
        ? `generate regenerates ${prompt} when its prompt or sources change, or with \`force\`; remove always_changed from the stage if DVC should not rerun it every time`
        : stage?.frozen
          ? `it is also frozen (frozen: true), so \`dvc repro\` does not rerun it: unfreeze it (\`dvc unfreeze ${dvcTarget(name)}\`) when you want ${outs.length > 0 ? outs.join(', ') : 'its output'} refreshed`
          : `run \`dvc repro ${dvcTarget(name)}\` and commit ${outs.length > 0 ? outs.join(', ') : 'what it writes'} when you want ${outs.length > 1 ? 'them' : 'it'} refreshed`
    }
  })
}

/** A dep listed twice, or the prompt listing itself: DVC accepts both (and hashes the file once per listing). */
/** Documents whose stage has params: generate will refuse them (see paramsProblem). */
function paramsNotices(pipeline: Pipeline): Problem[] {
  const prompted = new Set(pipeline.prompts.map((p) => p.stageName))
  return (pipeline.dvcYaml?.stages ?? []).filter((s) => s.params && prompted.has(s.name)).map(paramsProblem)
}

function promptNotices(pipeline: Pipeline): Problem[] {
  return pipeline.prompts.flatMap((p) =>
    (p.repeatedDeps ?? []).map((r) => ({
      file: p.path,
      line: r.line,
      message:
        r.firstLine === undefined && r.dep === p.path
          ? `dep ${r.dep} is the prompt file itself, which its stage depends on anyway: accepted (dvc.yaml lists it twice)`
          : `dep ${r.dep} is listed again${r.firstLine !== undefined ? ` (first on line ${r.firstLine})` : ''}: accepted (dvc.yaml lists it twice)`,
      hint: 'remove the repeated line from `deps`'
    }))
  )
}

/**
 * Stale documents in dependency order, then the orphaned stages (in dvc.yaml's
 * order), then the items of foreach and matrix stages that DVC reports and
 * dvc.lock does not hold yet (in no graph: see loopStageOf).
 */
function orderStale(pipeline: Pipeline, reasons: Map<string, Reason[]>): StaleDocument[] {
  const promptOf = new Map(pipeline.prompts.map((p) => [p.stageName, p]))
  const byName = new Map([...pipeline.stages, ...pipeline.orphans].map((s) => [s.name, s]))
  const unlockedItems = [...reasons.keys()].filter((n) => !byName.has(n) && loopStageOf(pipeline, n))
  const out: StaleDocument[] = []
  for (const name of [...pipeline.graph.order(), ...pipeline.orphans.map((s) => s.name), ...unlockedItems]) {
    const why = reasons.get(name)
    if (!why || why.length === 0) continue
    const stage = byName.get(name) ?? { ...loopStageOf(pipeline, name)!, name }
    const prompt = promptOf.get(name)
    out.push({
      stage: name,
      outputs: stage.outs.map((o) => o.path),
      prompt: prompt?.path,
      reasons: why,
      at: prompt ? { file: prompt.path, line: lineThatMatters(prompt, why) } : { file: 'dvc.yaml', line: stage.line }
    })
  }
  return out
}

/** The line of the prompt a stale notice points at: its first dep that changed, else line 1. */
function lineThatMatters(prompt: PromptFile, reasons: Reason[]): number {
  for (const r of reasons) {
    if (r.kind !== 'changed-dep' || r.path === undefined) continue
    const i = prompt.deps.indexOf(normalizeRepoPath(r.path))
    const line = i >= 0 ? prompt.depLines?.[i] : undefined
    if (line !== undefined) return line
  }
  return 1
}
