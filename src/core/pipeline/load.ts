// The pipeline as it stands: prompts, dvc.yaml and dvc.lock read and joined
// into the stages the prompts ask for, and their graph.
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { Git } from '../io/git.js'
import { GraftError, throwIfProblems, type Problem } from '../errors.js'
import { lexicalPathProblem, normalizeRepoPath, PIPELINE_FILES } from '../repo/names.js'
import { RepoPathChecker } from '../repo/resolver.js'
import { discoverPrompts, isPromptPath } from '../graft/prompts.js'
import { graftStage, pipelineDrift, stageNameClashes, type Drift } from './stages.js'
import { StageGraph, type DepLocator } from './graph.js'
import { inWdir, readDvcYaml } from '../dvc/dvcyaml.js'
import { readDvcLock } from '../dvc/dvclock.js'
import { prehash, startHashWorkers, stopHashWorkers, type PrehashRun } from '../dvc/prehash.js'
import type { DvcLock, DvcYaml, LockEntry, LockStage, PromptFile, StageDef } from '../types.js'

export interface Pipeline {
  prompts: PromptFile[]
  dvcYaml?: DvcYaml
  lock?: DvcLock
  /** the stages as the prompts define them (dvc.yaml's own for stages without a prompt); orphans left out */
  stages: StageDef[]
  /**
   * stages of dvc.yaml whose prompt is gone (see isGraftStage): outside the
   * graph (a renamed prompt's new stage may write the same output), reported
   * stale, and removed by generate and sync
   */
  orphans: StageDef[]
  graph: StageGraph
  drift: Drift[]
  /** folders below the root with a dvc.yaml of their own: their prompts are theirs (see ownPrompts) */
  subPipelines?: string[]
  /** dvc.lock's files being hashed on worker threads while the prompts are read (see loadPipeline's `prehash`) */
  prehash?: PrehashRun
}

/**
 * Reads prompts, dvc.yaml and dvc.lock and checks that they form a sound pipeline.
 * `prehash`: also start hashing dvc.lock's files on other threads (for the native status engine).
 */
export async function loadPipeline(root: string, options: { prehash?: boolean } = {}): Promise<Pipeline> {
  // dvc.yaml and dvc.lock are read while `git ls-files` runs; their errors
  // are still reported in the old order: files, prompts, dvc.yaml, dvc.lock.
  const listing = new Git(root).listFiles()
  listing.catch(() => undefined) // awaited below; not an unhandled rejection meanwhile
  const paths = new RepoPathChecker(root)
  // Both pipeline files through the resolver first: a symlinked or special dvc.lock is never read.
  const pipelineFiles = [...PIPELINE_FILES].map((file) => pipelineFileProblem(paths, file))
  // Hash workers start now, so their start overlaps reading dvc.yaml and dvc.lock.
  const workers = options.prehash && !pipelineFiles[1] ? startHashWorkers(sizeOf(join(root, 'dvc.lock'))) : []
  const yamlRead = await settle(pipelineFiles[0] ? Promise.reject(pipelineFiles[0]) : readDvcYaml(root))
  const lockRead = await settle(pipelineFiles[1] ? Promise.reject(pipelineFiles[1]) : readDvcLock(root))
  const locked = lockRead.ok ? lockRead.value : undefined
  const hashing = locked ? prehash(paths, locked, workers) : undefined
  if (!locked) stopHashWorkers(workers)
  const files = await listing
  const subPipelines = subPipelineFolders(files)
  const prompts = await discoverPrompts(
    root,
    ownPrompts(files, subPipelines, yamlRead.ok ? yamlRead.value : undefined),
    paths
  )
  const dvcYaml = unwrap(yamlRead)
  const lock = unwrap(lockRead)
  throwIfProblems(stageNameClashes(prompts, dvcYaml))
  const drift = pipelineDrift(prompts, dvcYaml, {
    exists: (path) => paths.check(path, 'dep') === undefined && paths.exists(path)
  })
  const orphaned = new Set(drift.filter((d) => d.kind === 'orphan-stage').map((d) => d.stage))
  const all = effectiveStages(prompts, dvcYaml)
  checkStagePaths(paths, all, new Set(prompts.map((p) => p.stageName)))
  const orphans = all.filter((s) => orphaned.has(s.name))
  const { stages, graph } = buildGraph(
    all.filter((s) => !orphaned.has(s.name)),
    lock,
    promptDepLocator(prompts)
  )
  return { prompts, dvcYaml, lock, stages, orphans, graph, drift, subPipelines, prehash: hashing }
}

/** The folders below the root that hold a dvc.yaml of their own (a monorepo's packages), shortest first. */
function subPipelineFolders(files: string[]): string[] {
  return files
    .filter((f) => f.endsWith('/dvc.yaml'))
    .map((f) => f.slice(0, -'/dvc.yaml'.length))
    .sort((a, b) => a.length - b.length)
}

/**
 * The repository's files without the prompts of another pipeline: a prompt
 * inside a folder that holds its own dvc.yaml (a monorepo's package, run with
 * that folder as working-directory, as Graft is run there) has its paths
 * relative to that folder, and is not this pipeline's, unless this dvc.yaml
 * already has a stage reading it. Read as this pipeline's, each one failed
 * the whole run (its deps "missing", its stage name taken twice).
 */
function ownPrompts(files: string[], subPipelines: string[], dvcYaml: DvcYaml | undefined): string[] {
  if (subPipelines.length === 0) return files
  const claimed = new Set((dvcYaml?.stages ?? []).flatMap((s) => s.deps.map(normalizeRepoPath)))
  const packages = new Set(subPipelines)
  return files.filter((f) => !isPromptPath(f) || claimed.has(f) || !insidePackage(f, packages))
}

/** True when a parent folder of `file` is one of `packages`: a look-up per folder, not a scan of every package per prompt. */
function insidePackage(file: string, packages: ReadonlySet<string>): boolean {
  for (let slash = file.indexOf('/'); slash !== -1; slash = file.indexOf('/', slash + 1)) {
    if (packages.has(file.slice(0, slash))) return true
  }
  return false
}

/**
 * The graph of `stages`, each foreach or matrix stage replaced by the items
 * dvc.lock holds for it (see loopItems): DVC judges and reports those one by
 * one (`name@key`), and a document reading one item's output is downstream of
 * that item. A lock that does not fit the pipeline (an item's old output now
 * another stage's, a cycle through old deps) leaves the stage whole: the
 * lock only adds links, and a stale lock never breaks the graph.
 */
function buildGraph(
  stages: StageDef[],
  lock: DvcLock | undefined,
  locate: DepLocator
): { stages: StageDef[]; graph: StageGraph } {
  const items = lockItems(lock)
  const itemised = stages.flatMap((s) => loopItems(s, items))
  if (itemised.length !== stages.length || itemised.some((s, i) => s !== stages[i])) {
    try {
      return { stages: itemised, graph: StageGraph.build(itemised, 'dvc.yaml', locate) }
    } catch (error) {
      if (!(error instanceof GraftError)) throw error
    }
  }
  return { stages, graph: StageGraph.build(stages, 'dvc.yaml', locate) }
}

/**
 * A foreach or matrix stage as the items dvc.lock records for it (`name@key`,
 * with the deps and outs DVC resolved when it last ran them), on the stage's
 * line of dvc.yaml; the stage itself when the lock has none (never run). The
 * lock writes those paths inside the stage's `wdir`, as dvc.yaml does. Only
 * repository paths are kept: these link stages, and are never read here.
 */
function loopItems(stage: StageDef, lockItems: Map<string, [string, LockStage][]>): StageDef[] {
  if (stage.loop === undefined) return [stage]
  const place = inWdir(stage.wdir)
  const repoPaths = (entries: LockEntry[]): string[] =>
    entries.map((e) => place(e.path)).filter((p) => lexicalPathProblem(p, 'dep') === undefined)
  const items = (lockItems.get(stage.name) ?? []).map(([name, entry]) => ({
    name,
    cmd: entry.cmd,
    deps: repoPaths(entry.deps),
    outs: repoPaths(entry.outs).map((path) => ({ path, cache: true })),
    loop: stage.loop,
    ...(stage.line !== undefined ? { line: stage.line } : {}),
    ...(stage.alwaysChanged ? { alwaysChanged: true } : {}),
    ...(stage.frozen ? { frozen: true } : {})
  }))
  return items.length > 0 ? items : [stage]
}

/** dvc.lock's `name@key` entries by `name`, gathered once (not once per loop stage). */
function lockItems(lock: DvcLock | undefined): Map<string, [string, LockStage][]> {
  const byLoop = new Map<string, [string, LockStage][]>()
  for (const [name, entry] of lock?.stages ?? []) {
    const at = name.indexOf('@')
    if (at <= 0) continue
    const loop = name.slice(0, at)
    const list = byLoop.get(loop)
    if (list) list.push([name, entry])
    else byLoop.set(loop, [[name, entry]])
  }
  return byLoop
}

/**
 * The foreach or matrix stage of dvc.yaml that a `name@key` DVC reports
 * belongs to (an item the lock does not hold yet is in no graph); undefined
 * for any other name.
 */
export function loopStageOf(pipeline: Pick<Pipeline, 'dvcYaml'>, name: string): StageDef | undefined {
  const at = name.indexOf('@')
  if (at <= 0) return undefined
  const base = name.slice(0, at)
  return pipeline.dvcYaml?.stages.find((s) => s.loop !== undefined && s.name === base)
}

/** A prompt stage's dep → the prompt file and the line of that dep in its frontmatter. */
function promptDepLocator(prompts: PromptFile[]): DepLocator {
  const byStage = new Map(prompts.map((p) => [p.stageName, p]))
  return (stage, dep) => {
    const prompt = byStage.get(stage)
    if (!prompt) return undefined
    const i = prompt.deps.indexOf(dep)
    return { file: prompt.path, line: i >= 0 ? prompt.depLines?.[i] : undefined }
  }
}

function pipelineFileProblem(paths: RepoPathChecker, file: string): GraftError | undefined {
  const problem = paths.check(file, 'pipeline')
  return problem
    ? new GraftError({
        file,
        message: `refusing to read ${file}: ${problem}`,
        hint: `make ${file} a plain file in the repository`
      })
    : undefined
}

/**
 * Stages that no prompt defines (helper stages of dvc.yaml): their deps and
 * outs are hashed, so they pass the resolver's read rules too.
 * @throws GraftError naming dvc.yaml and each stage's line.
 */
function checkStagePaths(paths: RepoPathChecker, stages: StageDef[], fromPrompts: Set<string>): void {
  const problems: Problem[] = []
  for (const stage of stages) {
    if (fromPrompts.has(stage.name)) continue
    for (const path of [...stage.deps, ...stage.outs.map((o) => o.path)]) {
      const problem = paths.check(path, 'dep') ?? paths.checkTree(path)
      if (problem)
        problems.push({
          file: 'dvc.yaml',
          line: stage.line,
          message: `stage ${stage.name}: ${problem}`,
          hint: 'fix the path in dvc.yaml, or remove the symlink or special file'
        })
    }
  }
  throwIfProblems(problems)
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown }

async function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await p }
  } catch (error) {
    return { ok: false, error }
  }
}

function unwrap<T>(s: Settled<T>): T {
  if (!s.ok) throw s.error
  return s.value
}

/**
 * The pipeline the prompts ask for: a prompt's stage takes its deps and outs
 * from the prompt (dvc.yaml may lag behind) and keeps dvc.yaml's command;
 * stages that no prompt defines are taken from dvc.yaml as they are.
 */
function effectiveStages(prompts: PromptFile[], dvcYaml: DvcYaml | undefined): StageDef[] {
  const declared = new Map((dvcYaml?.stages ?? []).map((s) => [s.name, s]))
  const fromPrompts = new Map(prompts.map((p) => [p.stageName, p]))
  const stages: StageDef[] = []
  for (const s of dvcYaml?.stages ?? []) {
    const prompt = fromPrompts.get(s.name)
    const flags = { ...(s.alwaysChanged ? { alwaysChanged: true } : {}), ...(s.frozen ? { frozen: true } : {}) }
    stages.push(prompt ? { ...graftStage(prompt), cmd: s.cmd, line: s.line, ...flags } : s)
  }
  for (const p of prompts) if (!declared.has(p.stageName)) stages.push(graftStage(p))
  return stages
}

/** A file's size in bytes; 0 when it is not there. */
function sizeOf(abs: string): number {
  try {
    return statSync(abs, { throwIfNoEntry: false })?.size ?? 0
  } catch {
    return 0
  }
}
