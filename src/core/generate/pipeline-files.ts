// dvc.yaml and dvc.lock as generate leaves them: brought in line with the
// prompts as sync does (pipeline/sync.ts) for the stages the run renders — a
// new prompt gains a stage in the repository's own command template, changed
// deps follow the frontmatter, a moved output rewrites its stage — and every
// orphan (the stage of a renamed or deleted prompt) goes with its lock entry;
// every rewritten document's lock entry holds the new hashes, so the real
// `dvc status` reports it up to date. Kept in memory until the run succeeds.

import { shellPath } from '../shell-word.js'
import { lockEntryFor, removeLockStages, setLockStages } from '../dvc/dvclock.js'
import { Hasher } from '../dvc/hash.js'
import { isSameOrInside, normalizeRepoPath, showPath } from '../repo/names.js'
import { RepoPathChecker } from '../repo/resolver.js'
import { throwIfProblems, type Problem } from '../errors.js'
import { lfsTracked } from '../dvc/lfs-pointer.js'
import { Git } from '../io/git.js'
import { UNCHECKED_SUBMODULE_HINT, uncheckedSubmodules } from '../pipeline/unchecked-submodules.js'
import { join, relative, sep } from 'node:path'
import { stat } from 'node:fs/promises'
import { syncEdits, type SyncEdits } from '../pipeline/sync.js'
import { paramsProblem } from '../pipeline/stages.js'
import type { LockStage, StageDef } from '../types.js'
import type { Pipeline } from '../pipeline/load.js'
import type { PlannedDocument } from './plan.js'

export class PipelineFiles {
  private readonly declared: Map<string, StageDef>
  /** each rendered stage's new lock entry, in the order recorded; spliced into dvc.lock in one pass at the end */
  private readonly lockStages = new Map<string, LockStage>()
  private edits?: SyncEdits

  constructor(
    private readonly root: string,
    private readonly pipeline: Pipeline,
    private readonly plan: readonly PlannedDocument[]
  ) {
    this.declared = new Map((pipeline.dvcYaml?.stages ?? []).map((s) => [s.name, s]))
  }

  /**
   * What the run changes in dvc.yaml (and so in dvc.lock): sync's edits for
   * the planned stages, and every orphan removed. Worked out once, reading
   * dvc.yaml through the resolver (it does not change during a run).
   * @throws GraftError for a dvc.yaml this tool cannot edit (stages in flow style, …)
   */
  sync(): SyncEdits {
    this.edits ??= syncEdits(
      this.pipeline,
      new RepoPathChecker(this.root).readText('dvc.yaml', 'pipeline'),
      new Set(this.plan.map((d) => d.stage.name))
    )
    return this.edits
  }

  /** The command the stage has (or will have) in dvc.yaml. */
  commandOf(doc: PlannedDocument): string {
    return this.sync().written.get(doc.stage.name)?.cmd ?? this.declared.get(doc.stage.name)?.cmd ?? doc.stage.cmd
  }

  /**
   * Hashes, before any model call, every dep the run's lock entries will hash
   * and the run does not write, with the rules recordLock applies: what would
   * make it fail after the renders (a .dvcignore inside a directory dep, a
   * broken link, a dep that is gone, a dvc.yaml or dvc.lock it cannot edit)
   * fails here, with its file named.
   */
  async precheck(): Promise<void> {
    this.refuseParams()
    const written = new Set(this.plan.flatMap((d) => d.stage.outs.map((o) => normalizeRepoPath(o.path))))
    const deps = new Set(this.plan.flatMap((d) => d.stage.deps.map(normalizeRepoPath)).filter((p) => !written.has(p)))
    const hasher = new Hasher({ root: this.root }) // its own: recordLock must see the files as the run leaves them
    const entries = await Promise.all([...deps].map((p) => lockEntryFor(this.root, p, false, hasher)))
    // the documents as they are (each a previous draft, or a dep of a later one): read for LFS pointers too
    await Promise.all(
      [...written].map(async (p) => (await isFile(join(this.root, p))) && (await hasher.file(join(this.root, p))))
    )
    await refuseLfsPointers(this.root, [...hasher.lfsPointers], this.plan)
    await this.refuseUncheckedSubmodules(new Map(entries.map((e) => [e.path, e.md5])))
    // dvc.yaml and dvc.lock edited now as the run will edit them (the lock with placeholder
    // entries): a file this tool cannot edit (stages in flow style, …) fails here, not after the renders.
    this.sync()
    this.editedLock(this.plan.map((d) => [d.stage.name, { cmd: this.commandOf(d), deps: [], outs: [] }]))
  }

  /**
   * Submodules the checkout lacks among the deps (see unchecked-submodules.ts),
   * where a dep holding one would be recorded with another hash than dvc.lock
   * has (a stage with no entry yet included): refused before any model call,
   * each on the prompt line that lists it. `hashes`: each dep's md5 as it is now.
   * @throws GraftError naming every such submodule
   */
  private async refuseUncheckedSubmodules(hashes: Map<string, string>): Promise<void> {
    const missing = await uncheckedSubmodules(new Git(this.root), [...hashes.keys()])
    const problems: Problem[] = []
    for (const link of missing) {
      for (const doc of this.plan) {
        const i = doc.stage.deps.findIndex((dep) => isSameOrInside(normalizeRepoPath(dep), link))
        if (i < 0) continue
        const dep = normalizeRepoPath(doc.stage.deps[i])
        const locked = this.pipeline.lock?.stages
          .get(doc.stage.name)
          ?.deps.find((e) => normalizeRepoPath(e.path) === dep)
        if (locked?.md5 === hashes.get(dep)) continue // recorded so already: nothing would change
        const line = doc.prompt.depLines?.[doc.prompt.deps.findIndex((d) => normalizeRepoPath(d) === dep)]
        problems.push({
          file: doc.prompt.path,
          line: line ?? 1,
          message: `${showPath(link)} is a Git submodule this checkout did not check out (an empty folder here): a document generated now would be written without the submodule's files, and dvc.lock would record the empty folder's hash for ${showPath(dep)}, which every checkout with the submodule calls changed`,
          hint: UNCHECKED_SUBMODULE_HINT
        })
      }
    }
    throwIfProblems(problems)
  }

  /** A planned stage with `params:` in dvc.yaml, refused before any call (see paramsProblem). */
  private refuseParams(): void {
    throwIfProblems(
      this.plan
        .map((d) => this.declared.get(d.stage.name))
        .filter((s): s is StageDef => s?.params === true)
        .map(paramsProblem)
    )
  }

  /** Hashes the stage's deps and outs as they are now and records them. */
  async recordLock(doc: PlannedDocument): Promise<void> {
    const entry = async (path: string) => lockEntryFor(this.root, path)
    const [deps, outs] = await Promise.all([
      Promise.all(doc.stage.deps.map(entry)),
      Promise.all(doc.stage.outs.map((o) => entry(o.path)))
    ])
    this.lockStages.set(doc.stage.name, { cmd: this.commandOf(doc), deps, outs })
  }

  /** The files to write: [path, text]; only those whose text changes. */
  filesToWrite(): [string, string][] {
    const files: [string, string][] = []
    const { yaml, changes } = this.sync()
    if (yaml !== undefined && changes.length > 0) files.push(['dvc.yaml', yaml])
    const lock = this.editedLock([...this.lockStages])
    if (lock !== undefined) files.push(['dvc.lock', lock])
    return files
  }

  /** dvc.lock without the entries sync drops, with `stages` set; undefined when nothing changes. */
  private editedLock(stages: Array<[string, LockStage]>): string | undefined {
    const { lockGone } = this.sync()
    if (stages.length === 0 && lockGone.length === 0) return undefined
    const text = new RepoPathChecker(this.root).readText('dvc.lock', 'pipeline')
    const kept = text !== undefined && lockGone.length > 0 ? removeLockStages(text, lockGone) : text
    return stages.length > 0 ? setLockStages(kept, stages) : kept
  }
}

/**
 * Git LFS pointers among the deps (the checkout lacks their content, see
 * lfs-pointer.ts): refused before any model call and before anything is
 * written, each named, on the prompt line that lists it (or the folder holding it).
 * @throws GraftError naming every pointer file
 */
async function refuseLfsPointers(root: string, pointers: string[], plan: readonly PlannedDocument[]): Promise<void> {
  const shaped = pointers.map((abs) => relative(root, abs).split(sep).join('/'))
  const outputs = plan.flatMap((d) => d.stage.outs.map((o) => normalizeRepoPath(o.path)))
  const tracked = await lfsTracked(new Git(root), [...new Set([...shaped, ...outputs])])
  const problems: Problem[] = []
  // A document Git LFS tracks, not a pointer here: the action commits without git-lfs's filter (it runs no
  // program the repository configures), so the commit would hold the document where Git LFS expects a pointer.
  for (const doc of plan)
    for (const out of doc.stage.outs.map((o) => normalizeRepoPath(o.path)))
      if (tracked?.has(out) && !shaped.includes(out))
        problems.push({
          file: doc.prompt.path,
          line: doc.prompt.outLine ?? 1,
          message: `${showPath(out)}, the document this prompt writes, is tracked with Git LFS (filter=lfs in .gitattributes): the action commits without Git LFS's filter (it runs no program the repository configures), so the commit would hold the document itself where Git LFS expects a pointer`,
          hint: `stop tracking generated documents with Git LFS (narrow the filter=lfs pattern in .gitattributes, or \`git lfs untrack ${shellPath(out)}\`), or set \`out\` to a path it does not cover`
        })
  for (const pointer of shaped.filter((p) => tracked?.has(p) ?? true).sort()) {
    const writer = plan.find((d) => d.stage.outs.some((o) => normalizeRepoPath(o.path) === pointer))
    if (writer) {
      problems.push({
        file: writer.prompt.path,
        line: writer.prompt.outLine ?? 1,
        message: `${showPath(pointer)}, the document this prompt writes, is a Git LFS pointer, not the document: the repository tracks it with Git LFS and this checkout did not fetch LFS files; the pointer would be taken for the previous draft (and for a source of the documents reading it), and dvc.lock would record its md5, which every checkout with the content calls changed`,
        hint: LFS_HINT
      })
      continue
    }
    const doc = plan.find((d) => d.stage.deps.some((dep) => isSameOrInside(normalizeRepoPath(dep), pointer)))
    const i = doc?.prompt.deps.findIndex((dep) => isSameOrInside(normalizeRepoPath(dep), pointer)) ?? -1
    problems.push({
      file: doc ? doc.prompt.path : showPath(pointer),
      line: doc ? (i >= 0 ? doc.prompt.depLines?.[i] : 1) : undefined,
      message: `${showPath(pointer)} is a Git LFS pointer, not the file's content: the repository tracks it with Git LFS and this checkout did not fetch LFS files; a document generated from it would describe the pointer, and dvc.lock would record the pointer's md5, which every checkout with the content calls changed`,
      hint: LFS_HINT
    })
  }
  throwIfProblems(problems)
}

const LFS_HINT =
  'check out with LFS files: actions/checkout with `lfs: true` (or run `git lfs pull` before this action), then run again'

async function isFile(abs: string): Promise<boolean> {
  return (await stat(abs).catch(() => undefined))?.isFile() === true
}
