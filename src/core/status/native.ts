// The built-in status engine: the verdicts of `dvc status --json`, computed
// in-process from dvc.yaml, dvc.lock and the work tree (DVC's Stage.status and
// Output.workspace_status rules). Refuses what it does not model.
import { statSync, type Stats } from 'node:fs'
import { join, posix } from 'node:path'
import { GraftError, throwIfProblems, type Problem } from '../errors.js'
import { Hasher } from '../dvc/hash.js'
import type { Prehashed } from '../dvc/prehash.js'
import type { DvcIgnore } from '../dvc/dvcignore.js'
import type { LockEntry, DvcLock, LockStage } from '../types.js'
import type { DvcYaml, PathState, PipelineStatus, StageDef, StageStatus } from '../types.js'

/** What a run looks at, each path once: its stat and its hashes. */
interface Look {
  hasher: Hasher
  prehashed?: Prehashed
  /** the absolute path of a repository-relative one */
  abs(rel: string): string
  stat(abs: string): Stats | undefined
}

/** A value now, or later: small files are hashed synchronously, so most verdicts need no promise. */
type ValueOrPromise<T> = T | Promise<T>

const UNSUPPORTED_HINT = 'use engine "dvc" (the real `dvc status`), which models these features'

/**
 * `dvc status` for `dvc`, against `lock` and the work tree under `root`.
 * `prehashed`: md5s already taken of dvc.lock's files (see prehash.ts), by their lock path.
 * @throws GraftError for what the engine does not model, and for outputs .dvcignore ignores.
 */
export async function nativeStatus(
  root: string,
  dvc: DvcYaml,
  lock: DvcLock | undefined,
  prehashed?: Prehashed
): Promise<PipelineStatus> {
  if (dvc.unsupported.length > 0) {
    throw new GraftError(
      dvc.unsupported.map((what) => ({
        file: 'dvc.yaml',
        message: `the native engine does not model ${what}`,
        hint: UNSUPPORTED_HINT
      }))
    )
  }
  const hasher = new Hasher({ root })
  refuseIgnoredOuts(dvc, hasher.ignore!, root)
  const stats = new Map<string, Stats | undefined>()
  const paths = new Map<string, string>()
  const look: Look = {
    hasher,
    prehashed,
    abs: (rel) => {
      let abs = paths.get(rel)
      if (abs === undefined) paths.set(rel, (abs = join(root, rel)))
      return abs
    },
    stat: (abs) => {
      if (!stats.has(abs)) stats.set(abs, statOrUndefined(abs))
      return stats.get(abs)
    }
  }
  const verdicts = await all(dvc.stages.map((stage) => stageStatus(stage, lock?.stages.get(stage.name), look)))
  const status: PipelineStatus = new Map()
  dvc.stages.forEach((stage, i) => {
    const s = verdicts[i]
    const empty = Object.keys(s.changedDeps).length === 0 && Object.keys(s.changedOuts).length === 0
    if (!empty || s.alwaysChanged || s.changedCommand) status.set(stage.name, s)
  })
  return status
}

function stageStatus(stage: StageDef, locked: LockStage | undefined, look: Look): ValueOrPromise<StageStatus> {
  // DVC: a frozen stage's deps are not checked (Stage.status); its outs and command are.
  const deps = stage.frozen ? {} : pathStates(stage.deps, locked?.deps ?? [], look)
  const outs = pathStates(
    stage.outs.map((o) => o.path),
    locked?.outs ?? [],
    look
  )
  return then(all([deps, outs]), ([changedDeps, changedOuts]) => ({
    changedDeps,
    changedOuts,
    // DVC: a stage absent from dvc.lock has no command to compare with.
    changedCommand: locked !== undefined && locked.cmd !== stage.cmd,
    alwaysChanged: stage.alwaysChanged === true || (stage.deps.length === 0 && stage.outs.length === 0)
  }))
}

/** Paths whose state changed, keyed as DVC prints them (normalized, relative). */
function pathStates(paths: string[], entries: LockEntry[], look: Look): ValueOrPromise<Record<string, PathState>> {
  // Matched by the exact path string; the last entry wins, as in DVC's dict.
  const byPath = entries.length > 32 ? new Map(entries.map((e) => [e.path, e])) : undefined
  const states = all(
    paths.map((p) => {
      const entry = byPath ? byPath.get(p) : lastEntry(p, entries)
      const md5 = entry?.hash === 'md5' ? look.prehashed?.md5s.get(p) : undefined
      if (md5 !== undefined) return md5 === entry!.md5 ? undefined : 'modified'
      return pathState(look.abs(p), entry, look)
    })
  )
  return then(states, (list) => {
    const out: Record<string, PathState> = {}
    paths.forEach((p, i) => {
      const state = list[i]
      if (state) out[displayPath(p)] = state
    })
    return out
  })
}

/** The last entry for `path` (a scan: most stages list a few paths). */
function lastEntry(path: string, entries: LockEntry[]): LockEntry | undefined {
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i].path === path) return entries[i]
  return undefined
}

function pathState(abs: string, entry: LockEntry | undefined, look: Look): ValueOrPromise<PathState | undefined> {
  const legacy = entry?.hash === undefined
  // Most paths are small files: their md5 needs no stat (a file that opens exists).
  const quick = entry && look.hasher.md5Sync(abs, legacy)
  if (quick !== undefined) return quick === entry!.md5 ? undefined : 'modified'
  const info = look.stat(abs)
  if (!info) return 'deleted'
  if (!entry) return 'modified'
  const verdict = (h: { md5: string }): PathState | undefined => (h.md5 === entry.md5 ? undefined : 'modified')
  if (info.isDirectory()) return look.hasher.dir(abs, legacy).then(verdict)
  const now = look.hasher.fileSync(abs, legacy, info)
  return now ? verdict(now) : look.hasher.file(abs, legacy).then(verdict)
}

function all<T>(items: ValueOrPromise<T>[]): ValueOrPromise<T[]> {
  return items.some((x) => x instanceof Promise) ? Promise.all(items) : (items as T[])
}

function then<T, U>(value: ValueOrPromise<T>, f: (v: T) => U): ValueOrPromise<U> {
  return value instanceof Promise ? value.then(f) : f(value)
}

/** DVC prints a path relative to the repository root: `./a` → `a`, `d/` → `d`. */
function displayPath(path: string): string {
  const normal = posix.normalize(path)
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal
}

/**
 * DVC refuses to load a stage whose output its .dvcignore rules ignore
 * (Output._validate_output_path: "Path '…' is ignored by .dvcignore:4:out.md").
 * A file is checked as a file, a folder as a folder, a missing path as either.
 */
function refuseIgnoredOuts(dvc: DvcYaml, rules: DvcIgnore, root: string): void {
  const problems: Problem[] = []
  for (const stage of dvc.stages) {
    for (const out of stage.outs) {
      const path = displayPath(out.path)
      const slash = path.lastIndexOf('/')
      if (rules.isEmptyFor(slash < 0 ? '' : path.slice(0, slash))) continue
      const info = statOrUndefined(join(root, path))
      const verdict = info
        ? rules.check(path, info.isDirectory())
        : [rules.check(path, false), rules.check(path, true)].find((v) => v.ignored)
      const rule = verdict?.ignored ? verdict.rule : undefined
      if (!rule) continue
      problems.push({
        file: rule.file,
        line: rule.line,
        message: `output ${path} of stage ${stage.name} is ignored by ${rule.file}:${rule.line} (${rule.pattern}); DVC refuses to load a pipeline whose output it ignores`,
        hint: `remove or narrow the rule at ${rule.file}:${rule.line} so that it no longer matches ${path}`
      })
    }
  }
  throwIfProblems(problems)
}

/** A blocking stat: thousands of them cost less than the thread-pool round trips. */
function statOrUndefined(abs: string): Stats | undefined {
  try {
    return statSync(abs, { throwIfNoEntry: false })
  } catch {
    return undefined // e.g. a file where a folder was expected: the path does not exist
  }
}

type DvcJsonItem = string | Record<string, Record<string, PathState>>

/** The object `dvc status --json` prints for this status. */
export function toDvcJson(status: PipelineStatus): Record<string, DvcJsonItem[]> {
  const out: Record<string, DvcJsonItem[]> = {}
  for (const [name, s] of status) {
    const items: DvcJsonItem[] = []
    if (Object.keys(s.changedDeps).length > 0) items.push({ 'changed deps': { ...s.changedDeps } })
    if (Object.keys(s.changedOuts).length > 0) items.push({ 'changed outs': { ...s.changedOuts } })
    if (s.alwaysChanged) items.push('always changed')
    if (s.changedCommand) items.push('changed command')
    if (items.length > 0) out[name] = items
  }
  return out
}
