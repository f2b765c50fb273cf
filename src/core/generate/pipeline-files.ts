// dvc.yaml and dvc.lock as generate leaves them: new prompts gain a stage in
// the repository's own command template, changed deps are brought in line,
// and every rewritten document's lock entry holds the new hashes, so the real
// `dvc status` reports it up to date. Kept in memory until the run succeeds.

import { lockEntryFor, setLockStages } from '../dvc/dvclock.js'
import { Hasher } from '../dvc/hash.js'
import { normalizeRepoPath, RepoPathChecker } from '../paths.js'
import { commandTemplate, graftStage } from '../pipeline/stages.js'
import { addStagesToDvcYaml, updateStagesDeps } from '../dvc/dvcyaml-write.js'
import type { LockStage, StageDef } from '../types.js'
import type { Pipeline } from '../pipeline/load.js'
import type { PlannedDocument } from './plan.js'

export class PipelineFiles {
  private readonly declared: Map<string, StageDef>
  /** each rendered stage's new lock entry, in the order recorded; spliced into dvc.lock in one pass at the end */
  private readonly lockStages = new Map<string, LockStage>()
  private yamlText?: Promise<string | undefined>

  constructor(
    private readonly root: string,
    private readonly pipeline: Pipeline,
    private readonly plan: PlannedDocument[]
  ) {
    this.declared = new Map((pipeline.dvcYaml?.stages ?? []).map((s) => [s.name, s]))
  }

  /** The command the stage has (or will have) in dvc.yaml. */
  commandOf(doc: PlannedDocument): string {
    return this.declared.get(doc.stage.name)?.cmd ?? this.newStage(doc).cmd
  }

  /**
   * Hashes, before any model call, every dep the run's lock entries will hash
   * and the run does not write, with the rules recordLock applies: what would
   * make it fail after the renders (a .dvcignore inside a directory dep, a
   * broken link, a dep that is gone, a dvc.yaml or dvc.lock it cannot edit)
   * fails here, with its file named.
   */
  async precheck(): Promise<void> {
    const written = new Set(this.plan.flatMap((d) => d.stage.outs.map((o) => normalizeRepoPath(o.path))))
    const deps = new Set(this.plan.flatMap((d) => d.stage.deps.map(normalizeRepoPath)).filter((p) => !written.has(p)))
    const hasher = new Hasher({ root: this.root }) // its own: recordLock must see the files as the run leaves them
    await Promise.all([...deps].map((p) => lockEntryFor(this.root, p, false, hasher)))
    // dvc.yaml and dvc.lock edited now as the run will edit them (the lock with placeholder
    // entries): a file this tool cannot edit (stages in flow style, …) fails here, not after the renders.
    await this.dvcYamlText()
    setLockStages(
      this.lockText(),
      this.plan.map((d) => [d.stage.name, { cmd: this.commandOf(d), deps: [], outs: [] }])
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

  /** The files to write: [path, text]. */
  async filesToWrite(): Promise<[string, string][]> {
    const files: [string, string][] = []
    const yaml = await this.dvcYamlText()
    if (yaml !== undefined) files.push(['dvc.yaml', yaml])
    if (this.lockStages.size > 0) {
      files.push(['dvc.lock', setLockStages(this.lockText(), [...this.lockStages])])
    }
    return files
  }

  /** dvc.lock as it stands (read through the resolver), or undefined when there is none */
  private lockText(): string | undefined {
    return new RepoPathChecker(this.root).readText('dvc.lock', 'pipeline')
  }

  /** dvc.yaml as the run leaves it, worked out once (the file does not change during a run) */
  private dvcYamlText(): Promise<string | undefined> {
    return (this.yamlText ??= this.editedDvcYaml())
  }

  private async editedDvcYaml(): Promise<string | undefined> {
    const added = this.plan.filter((d) => !this.declared.has(d.stage.name)).map((d) => this.newStage(d))
    const depsChanged = this.plan.filter((d) =>
      this.pipeline.drift.some((x) => x.stage === d.stage.name && x.kind === 'deps-differ')
    )
    if (added.length === 0 && depsChanged.length === 0) return undefined
    let text = new RepoPathChecker(this.root).readText('dvc.yaml', 'pipeline')
    if (depsChanged.length > 0)
      text = updateStagesDeps(
        text!,
        depsChanged.map((d) => ({ ...this.declared.get(d.stage.name)!, deps: d.stage.deps }))
      )
    if (added.length > 0) text = addStagesToDvcYaml(text, added)
    return text
  }

  private newStage(doc: PlannedDocument): StageDef {
    return graftStage(doc.prompt, commandTemplate(this.pipeline.prompts, this.pipeline.dvcYaml))
  }
}
