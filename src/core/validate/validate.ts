// validate: which generated documents no longer match their sources or their
// prompts, and why. files → prompts → pipeline → graph → status → report.
import { GraftError } from '../errors.js'
import type { Log } from '../log.js'
import { loadPipeline, type Pipeline } from '../pipeline/load.js'
import { nativeStatus } from '../status/native.js'
import { dvcStatus } from '../status/dvc.js'
import { resolveTargets } from '../pipeline/targets.js'
import { checkOutputHeaders } from './hand-edits.js'
import { staleReasons } from './reasons.js'
import type { PipelineStatus, Reason, StaleDocument } from '../types.js'

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

export interface ValidationReport {
  engine: 'dvc' | 'native' | 'none'
  pipeline: Pipeline
  /** stage names chosen by `targets` (all stages when none were given) */
  targets: Set<string>
  /** stale documents in dependency order, limited to the targets */
  stale: StaleDocument[]
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
