// validate: which generated documents no longer match their sources or their
// prompts, and why. files → prompts → pipeline → graph → status → report.
import { Git } from '../git.js'
import { GraftError } from './errors.js'
import type { Log } from './log.js'
import { discoverPrompts } from './prompts.js'
import { graftStage, pipelineDrift, type Drift } from './pipeline.js'
import { StageGraph } from './graph.js'
import { readDvcYaml } from './dvcyaml.js'
import { readDvcLock, type DvcLock } from './lockfile.js'
import { nativeStatus } from './status/native.js'
import { dvcStatus } from './status/dvc.js'
import { resolveTargets } from './targets.js'
import { checkOutputHeaders } from './hand-edits.js'
import { staleReasons } from './reasons.js'
import type { DvcYaml, PipelineStatus, PromptFile, Reason, StageDef, StaleDocument } from './types.js'

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
  dvc: DvcLocator
  log: Log
}

export interface Pipeline {
  prompts: PromptFile[]
  dvcYaml?: DvcYaml
  lock?: DvcLock
  /** the stages as the prompts define them (dvc.yaml's own for stages without a prompt) */
  stages: StageDef[]
  graph: StageGraph
  drift: Drift[]
}

export interface ValidationReport {
  engine: 'dvc' | 'native' | 'none'
  pipeline: Pipeline
  /** stage names chosen by `targets` (all stages when none were given) */
  targets: Set<string>
  /** stale documents in dependency order, limited to the targets */
  stale: StaleDocument[]
}

/** Reads prompts, dvc.yaml and dvc.lock and checks that they form a sound pipeline. */
export async function loadPipeline(root: string): Promise<Pipeline> {
  // dvc.yaml and dvc.lock are read while `git ls-files` runs; their errors
  // are still reported in the old order: files, prompts, dvc.yaml, dvc.lock.
  const listing = new Git(root).listFiles()
  listing.catch(() => undefined) // awaited below; not an unhandled rejection meanwhile
  const yamlRead = await settle(readDvcYaml(root))
  const lockRead = await settle(readDvcLock(root))
  const prompts = await discoverPrompts(root, await listing)
  const dvcYaml = unwrap(yamlRead)
  const lock = unwrap(lockRead)
  const stages = effectiveStages(prompts, dvcYaml)
  const graph = StageGraph.build(stages)
  return { prompts, dvcYaml, lock, stages, graph, drift: pipelineDrift(prompts, dvcYaml) }
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
    stages.push(prompt ? { ...graftStage(prompt), cmd: s.cmd, line: s.line } : s)
  }
  for (const p of prompts) if (!declared.has(p.stageName)) stages.push(graftStage(p))
  return stages
}

export async function validate(options: ValidateOptions): Promise<ValidationReport> {
  const { root, log } = options
  const pipeline = await log.group('Reading prompts and pipeline', async () => {
    const p = await loadPipeline(root)
    log.info(`${p.prompts.length} prompt(s), ${p.stages.length} stage(s); dvc.yaml ${p.dvcYaml ? 'found' : 'absent'}, dvc.lock ${p.lock ? 'found' : 'absent'}`)
    return p
  })
  const targets = options.targets?.length
    ? resolveTargets(options.targets, pipeline.stages)
    : new Set(pipeline.stages.map((s) => s.name))

  const { engine, status } = await log.group('Checking staleness', () => runEngine(options, pipeline))
  const handEdits = await checkOutputHeaders(root, pipeline)
  const reasons = staleReasons({ pipeline, status, handEdits })
  const stale = orderStale(pipeline, reasons, targets)
  log.info(`engine ${engine}: ${stale.length} stale document(s)`)
  return { engine, pipeline, targets, stale }
}

async function runEngine(
  options: ValidateOptions,
  pipeline: Pipeline
): Promise<{ engine: ValidationReport['engine']; status: PipelineStatus }> {
  if (!pipeline.dvcYaml) return { engine: 'none', status: new Map() }
  const unsupported = pipeline.dvcYaml.unsupported
  let choice = options.engine
  const found = await options.dvc.find()
  if (choice === 'auto') {
    choice = found || unsupported.length > 0 ? 'dvc' : 'native'
    if (!found && unsupported.length > 0) {
      options.log.info(`dvc.yaml uses features the native engine does not model (${unsupported.join('; ')}): installing DVC`)
    }
  }
  if (choice === 'native') {
    if (unsupported.length > 0) {
      throw new GraftError({
        file: 'dvc.yaml',
        message: `the native engine does not model: ${unsupported.join('; ')}`,
        hint: 'set engine: dvc (or auto) so the real `dvc status` decides'
      })
    }
    return { engine: 'native', status: await nativeStatus(options.root, pipeline.dvcYaml, pipeline.lock) }
  }
  const dvcPath = found ?? (await options.dvc.install())
  return { engine: 'dvc', status: await dvcStatus(options.root, { dvcPath }) }
}

/** Stale documents in dependency order, limited to the targets. */
function orderStale(pipeline: Pipeline, reasons: Map<string, Reason[]>, targets: Set<string>): StaleDocument[] {
  const promptOf = new Map(pipeline.prompts.map((p) => [p.stageName, p.path]))
  const byName = new Map(pipeline.stages.map((s) => [s.name, s]))
  const out: StaleDocument[] = []
  for (const name of pipeline.graph.order()) {
    const why = reasons.get(name)
    if (!why || why.length === 0 || !targets.has(name)) continue
    const stage = byName.get(name)!
    out.push({ stage: name, outputs: stage.outs.map((o) => o.path), prompt: promptOf.get(name), reasons: why })
  }
  return out
}
