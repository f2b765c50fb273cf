// validate: which generated documents no longer match their sources or their
// prompts, and why. files → prompts → pipeline → graph → status → report.
import { checkWorkingDirectory } from '../io/workdir.js'
import { existsSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { GraftError, type Problem } from '../errors.js'
import { isSameOrInside, normalizeRepoPath } from '../paths.js'
import { readDvcYaml } from '../dvc/dvcyaml.js'
import type { Log } from '../log.js'
import { loadPipeline, type Pipeline } from '../pipeline/load.js'
import { nativeStatus } from '../status/native.js'
import type { Prehashed } from '../dvc/prehash.js'
import { resolveTargets, scopeOf, type DownstreamPolicy } from '../pipeline/targets.js'
import { DEFAULT_DOWNSTREAM } from '../defaults.js'
import { checkOutputHeaders, refuseHandEdits, refuseHandWrittenOutputs, type HandEditPolicy } from './hand-edits.js'
import { staleReasons } from './reasons.js'
import { phrasing, setting } from '../phrasing.js'
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
  const targets = targeted
    ? scopeOf(namedTargets, pipeline.graph, options.downstream ?? DEFAULT_DOWNSTREAM)
    : new Set(pipeline.stages.map((s) => s.name))

  // Free to hash now: this thread takes the files no worker has started, the engine hashes them.
  const prehashed = await pipeline.prehash?.finish()
  const { engine, status } = await log.group('Checking staleness', () => runEngine(options, pipeline, prehashed))
  const handEdits = await checkOutputHeaders(root, pipeline, prehashed?.firstLines)
  const reasons = staleReasons({ pipeline, status, handEdits })
  const all = orderStale(pipeline, reasons)
  const stale = all.filter((d) => targets.has(d.stage))
  const outsideTargets = all.filter((d) => !targets.has(d.stage))
  log.info(
    `${describeEngine(engine)}: ${stale.length} stale document(s)` +
      (outsideTargets.length > 0 ? `, and ${outsideTargets.length} more outside the targets` : '')
  )
  if (options.handEdits === 'fail') refuseHandEdits(stale)
  const notices = promptNotices(pipeline)
  for (const n of notices) log.info(`notice: ${n.file}${n.line ? `:${n.line}` : ''}: ${n.message}; ${n.hint}`)
  return { engine, pipeline, targets, explicitTargets: targeted, namedTargets, stale, outsideTargets, notices }
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

/** A dep listed twice, or the prompt listing itself: DVC accepts both (and hashes the file once per listing). */
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

/** Stale documents in dependency order, limited to the targets. */
function orderStale(pipeline: Pipeline, reasons: Map<string, Reason[]>): StaleDocument[] {
  const promptOf = new Map(pipeline.prompts.map((p) => [p.stageName, p.path]))
  const byName = new Map(pipeline.stages.map((s) => [s.name, s]))
  const out: StaleDocument[] = []
  for (const name of pipeline.graph.order()) {
    const why = reasons.get(name)
    if (!why || why.length === 0) continue
    const stage = byName.get(name)!
    out.push({ stage: name, outputs: stage.outs.map((o) => o.path), prompt: promptOf.get(name), reasons: why })
  }
  return out
}
