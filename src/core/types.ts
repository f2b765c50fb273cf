// Plain data shared by the core's steps: files → prompts → pipeline → graph →
// status → report. Nothing here knows about GitHub.

/** A `*.prompt.md` file, parsed. All paths are repository-relative, `/`-separated. */
export interface PromptFile {
  /** e.g. `docs/how-it-works.prompt.md` */
  path: string
  /** Graft's stage name: base name without `.prompt.md`, `-` → `_` */
  stageName: string
  /** frontmatter `deps`, verbatim, in order */
  deps: string[]
  /** output path: frontmatter `out`, else `.prompt.md` → `.md` in the same folder */
  out: string
  /** frontmatter `model`, when set */
  model?: string
  /** 1-based line of `model` in the prompt file, when set */
  modelLine?: number
  maxTokens?: number
  /** 1-based line of `max_tokens` in the prompt file, when set */
  maxTokensLine?: number
  /** 1-based line of `out:` in the frontmatter, when the prompt sets it */
  outLine?: number
  temperature?: number
  /** 1-based line of each of `deps` in the prompt file (same order), when read from a file */
  depLines?: (number | undefined)[]
  /**
   * deps listed more than once, or naming the prompt itself (its stage reads it
   * anyway): accepted as DVC accepts them, and reported as a notice
   */
  repeatedDeps?: Array<{
    dep: string
    line?: number
    /** line of the first listing; undefined for the prompt itself */ firstLine?: number
  }>
  /** everything after the closing `---` (byte for byte) */
  body: string
}

/** One stage as declared in dvc.yaml (or as Graft would declare it). */
export interface StageDef {
  name: string
  cmd: string
  deps: string[]
  outs: StageOut[]
  /** 1-based line of the stage's key in dvc.yaml, when read from a file */
  line?: number
  alwaysChanged?: boolean
  /** `frozen: true`: DVC neither checks its deps nor reruns it */
  frozen?: boolean
  /**
   * A `foreach` or `matrix` stage: DVC runs, locks and reports it as one stage
   * per item, named `name@key` (see load.ts, which takes those from dvc.lock)
   */
  loop?: 'foreach' | 'matrix'
  /** a foreach or matrix stage's `wdir:` (in `do:` or the matrix body), where dvc.lock writes its items' paths */
  wdir?: string
  /** the stage has `params:` (values DVC records in the stage's dvc.lock entry) */
  params?: boolean
}

export interface StageOut {
  path: string
  /** DVC's `cache:` flag; Graft writes `cache: false` */
  cache: boolean
}

/** dvc.yaml, read. `stages` keeps file order. */
export interface DvcYaml {
  stages: StageDef[]
  /** features the native engine does not model, each naming where: "params in stage x" */
  unsupported: string[]
}

/** What a status engine found for one stage, in the shape of `dvc status --json`. */
export type PathState = 'modified' | 'deleted' | 'new' | 'not in cache'

export interface StageStatus {
  changedDeps: Record<string, PathState>
  changedOuts: Record<string, PathState>
  changedCommand: boolean
  alwaysChanged: boolean
}

/** Stage name → status; stages with nothing to report are absent (as in DVC). */
export type PipelineStatus = Map<string, StageStatus>

export type ReasonKind =
  | 'changed-dep'
  | 'changed-out'
  | 'changed-command'
  | 'always-changed'
  | 'not-in-lock'
  | 'dvc-yaml-out-of-sync'
  | 'upstream-stale'
  | 'edited-by-hand'
  | 'forced'
  /** a stale stage that no prompt defines: graft-action does not render it */
  | 'not-a-prompt'
  /** a document downstream of a stale stage that is not a prompt: it waits for `dvc repro` */
  | 'needs-repro'
  /** a stale document whose stage is frozen: generate leaves it, as `dvc repro` does */
  | 'frozen'

/** Why a document is stale, in words a reviewer understands. */
export interface Reason {
  kind: ReasonKind
  /** human text, e.g. "dep docs/a.md modified" */
  text: string
  /** the path concerned, when there is one */
  path?: string
}

export interface StaleDocument {
  stage: string
  /** the stage's outputs (a Graft stage has one) */
  outputs: string[]
  /** the prompt file behind the stage, when there is one */
  prompt?: string
  reasons: Reason[]
  /**
   * where a notice about it belongs: the prompt, at the line of the dep that
   * changed (else line 1); dvc.yaml at the stage's line for a stage no prompt defines
   */
  at?: { file: string; line?: number }
}

/** A prompt's frontmatter as Graft reads it (see graft/frontmatter.ts). Paths are normalised, repository-relative. */
export interface Frontmatter {
  deps: string[]
  out?: string
  model?: string
  maxTokens?: number
  temperature?: number
  body: string
  /** 1-based lines in the prompt file: one per dep, and `out`'s, `model`'s and `max_tokens`'s when set */
  lines: { deps: (number | undefined)[]; out?: number; model?: number; maxTokens?: number }
}

// dvc.lock, schema 2.0, as DVC writes it (see dvc/dvclock.ts).
export interface LockEntry {
  path: string
  /** absent: a DVC 2 legacy entry (md5 after dos2unix) */
  hash?: 'md5'
  md5: string
  size?: number
  nfiles?: number
  isexec?: boolean
}

export interface LockStage {
  cmd: string
  deps: LockEntry[]
  outs: LockEntry[]
  /** 1-based line of the stage's key in dvc.lock */
  line?: number
}

export interface DvcLock {
  schema: string
  stages: Map<string, LockStage>
}
