// sync: dvc.yaml (and dvc.lock) brought in line with the prompts, as Graft's
// own `graft sync` does, without generating anything. New prompts gain a stage
// in the repository's command template; a prompt stage's deps follow its
// frontmatter; a stage whose output moved is rewritten; the stage of a prompt
// that is gone is removed with its dvc.lock entry. Stages that are not Graft's
// (no *.prompt.md dep) and every other byte of both files stay as written.
import { readRegularFile } from '../repo/safe-read.js'
import { join } from 'node:path'
import { addStagesToDvcYaml, removeStagesFromDvcYaml, updateStagesDeps } from '../dvc/dvcyaml-write.js'
import { removeLockStages } from '../dvc/dvclock.js'
import { FileTransaction } from '../io/transaction.js'
import { loadPipeline } from './load.js'
import { commandTemplate, deriveTemplate, graftStage, leftBehindText, writtenFor } from './stages.js'
import type { StageDef } from '../types.js'
import type { Pipeline } from './load.js'

export interface SyncChange {
  /** add: a new prompt's stage; deps: its deps rewritten; outs: the stage rewritten for a new `out`; remove: the prompt is gone */
  kind: 'add' | 'deps' | 'outs' | 'remove'
  stage: string
  /** the prompt file (for remove: the one the stage named, if any) */
  prompt?: string
  /** whether the stage's dvc.lock entry goes too */
  lockEntry: boolean
  /** remove, outs: the stage's (old) outputs still in the work tree that no prompt writes any more (left in place) */
  leftBehind?: string[]
  /** the stages that still read one of `leftBehind` */
  readers?: string[]
}

export interface SyncPlan {
  changes: SyncChange[]
  /** the files to write, with their new text (none when nothing changes) */
  files: Array<{ path: 'dvc.yaml' | 'dvc.lock'; text: string }>
}

/**
 * What sync would change in the repository at `root`, and the new texts.
 * Reads prompts, dvc.yaml and dvc.lock; writes nothing.
 * @throws GraftError for a prompt, dvc.yaml or dvc.lock that cannot be read
 *   (file and line named), as validate does.
 */
export async function planSync(root: string): Promise<SyncPlan> {
  const pipeline = await loadPipeline(root)
  const yamlText = await readText(root, 'dvc.yaml')
  const lockText = await readText(root, 'dvc.lock')
  const edit = syncEdits(pipeline, yamlText)
  if (edit.changes.length === 0) return { changes: [], files: [] }
  const files: SyncPlan['files'] = []
  if (edit.yaml !== undefined && edit.yaml !== yamlText) files.push({ path: 'dvc.yaml', text: edit.yaml })
  if (lockText !== undefined && edit.lockGone.length > 0)
    files.push({ path: 'dvc.lock', text: removeLockStages(lockText, edit.lockGone) })
  return { changes: edit.changes, files }
}

/** dvc.yaml brought in line with the prompts, and what that means for dvc.lock. */
export interface SyncEdits {
  /** what changes, stage by stage (none: the file is in line) */
  changes: SyncChange[]
  /** dvc.yaml's new text (the given text when nothing changes; undefined when there is none and nothing to write) */
  yaml: string | undefined
  /** the stages as written anew (added, or rewritten for a new output), by name: their commands go into dvc.lock */
  written: Map<string, StageDef>
  /** stages whose dvc.lock entry must go (removed, or rewritten for a new output) */
  lockGone: string[]
}

/**
 * The edits that bring dvc.yaml in line with the prompts, as Graft's own sync
 * (and its `repro`, which syncs first) would: a stage for each new prompt, in
 * the repository's command template; a prompt stage's deps as its frontmatter
 * says; a stage whose output moved, rewritten; the stage of a prompt that is
 * gone (an orphan, see isGraftStage), removed. `scope`, when given, limits
 * all but the removals to those stages (generate edits only the stages it
 * renders; an orphan belongs to no document and always goes).
 */
export function syncEdits(pipeline: Pipeline, yamlText: string | undefined, scope?: ReadonlySet<string>): SyncEdits {
  const prompts = new Map(pipeline.prompts.map((p) => [p.stageName, p]))
  const declared = new Map((pipeline.dvcYaml?.stages ?? []).map((s) => [s.name, s]))
  const template = commandTemplate(pipeline.prompts, pipeline.dvcYaml)
  const hasLockEntry = (stage: string): boolean => pipeline.lock?.stages.has(stage) ?? false
  const changes: SyncChange[] = []
  const remove: string[] = []
  const add: StageDef[] = []
  const newDeps: StageDef[] = []

  for (const d of pipeline.drift) {
    const prompt = prompts.get(d.stage)
    if (d.kind !== 'orphan-stage' && scope && !scope.has(d.stage)) continue
    if (d.kind === 'missing-stage' && prompt) {
      add.push(graftStage(prompt, template))
      changes.push({ kind: 'add', stage: d.stage, prompt: prompt.path, lockEntry: false })
    } else if (d.kind === 'outs-differ' && prompt) {
      // the stage's own command, learnt with its old output, keeps its shape with the new one
      const old = declared.get(d.stage)!
      const own = deriveTemplate(old, writtenFor(old) ?? { ...prompt, out: old.outs[0]?.path ?? prompt.out })
      remove.push(d.stage)
      add.push(graftStage(prompt, own ?? template))
      changes.push({
        kind: 'outs',
        stage: d.stage,
        prompt: prompt.path,
        lockEntry: hasLockEntry(d.stage),
        leftBehind: d.leftBehind ?? [],
        readers: d.readers ?? []
      })
    } else if (d.kind === 'deps-differ' && prompt) {
      newDeps.push({ ...declared.get(d.stage)!, deps: graftStage(prompt).deps })
      changes.push({ kind: 'deps', stage: d.stage, prompt: prompt.path, lockEntry: false })
    } else if (d.kind === 'orphan-stage') {
      remove.push(d.stage)
      changes.push({
        kind: 'remove',
        stage: d.stage,
        prompt: d.prompt,
        lockEntry: hasLockEntry(d.stage),
        leftBehind: d.leftBehind ?? [],
        readers: d.readers ?? []
      })
    }
  }
  // a stage rewritten for its new output takes its new deps with it
  const rewritten = new Set(remove)
  const kept = changes.filter((c) => !(c.kind === 'deps' && rewritten.has(c.stage)))
  const written = new Map(add.map((s) => [s.name, s]))
  if (kept.length === 0) return { changes: [], yaml: yamlText, written, lockGone: [] }

  let yaml = yamlText
  if (yaml !== undefined && remove.length > 0) yaml = removeStagesFromDvcYaml(yaml, remove)
  if (yaml !== undefined)
    yaml = updateStagesDeps(
      yaml,
      newDeps.filter((stage) => !rewritten.has(stage.name))
    )
  if (add.length > 0) yaml = addStagesToDvcYaml(yaml, add)
  return { changes: kept, yaml, written, lockGone: kept.filter((c) => c.lockEntry).map((c) => c.stage) }
}

/** One change in words: for sync's output, generate's log, summary and commit message. */
export function describeSyncChange(c: SyncChange, mood: 'would' | 'did'): string {
  const did = mood === 'did'
  const lock = c.lockEntry ? ' and its dvc.lock entry' : ''
  switch (c.kind) {
    case 'add':
      return `${did ? 'added' : 'add'} stage ${c.stage} (${c.prompt})`
    case 'deps':
      return `${did ? 'updated' : 'update'} the deps of stage ${c.stage} (${c.prompt})`
    case 'outs':
      return `${did ? 'rewrote' : 'rewrite'} stage ${c.stage} for its new output (${c.prompt})${lock}${leftBehindText(c.leftBehind ?? [], c.readers ?? [], 'change')}`
    case 'remove':
      return `${did ? 'removed' : 'remove'} stage ${c.stage}${lock}: its prompt ${c.prompt ?? ''} is gone (renamed or deleted)${leftBehindText(c.leftBehind ?? [], c.readers ?? [], 'change')}`
  }
}

/**
 * Writes the plan's files through generate's FileTransaction: atomic writes,
 * dvc.yaml and dvc.lock refused when they lead out of the repository, and
 * both files put back as they were when either write fails.
 * @throws GraftError for a pipeline file that is a symlink out of the repository.
 */
export async function writeSync(root: string, plan: SyncPlan): Promise<void> {
  const transaction = new FileTransaction(root)
  try {
    for (const f of plan.files) await transaction.write(f.path, f.text)
  } catch (error) {
    await transaction.rollback()
    throw error
  }
}

async function readText(root: string, rel: string): Promise<string | undefined> {
  return readRegularFile(join(root, rel), rel, { noFollow: true })
}
