// Prehashing: the md5s of the files dvc.lock records, computed on worker
// threads while the main thread reads and checks the prompts (the status
// engine then finds most hashes done). Every path is landed by the resolver
// first, here on the main thread; a worker only reads the real path of a
// regular file it was handed (see hash-worker.cjs). Anything a worker cannot
// settle, and every DVC 2 entry (md5 after dos2unix), is left to the engine.
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { RepoPathChecker } from '../repo/resolver.js'
import type { DvcLock } from '../types.js'

/** Below this many files a worker's start (tens of ms) costs more than it saves. */
export const PREHASH_MIN_FILES = 400
/** About what one file entry takes in dvc.lock (path, hash, md5, size lines): to guess the count from the size. */
const LOCK_BYTES_PER_FILE = 100
/** Paths per claim: small enough that the last batches under way end soon after the caller takes the rest. */
const BATCH = 128
const MAX_WORKERS = 4

/** What the workers found, by the path as dvc.lock writes it; a path they could not settle is absent. */
export interface Prehashed {
  /** md5 (hex, DVC 3's raw rule) */
  md5s: ReadonlyMap<string, string>
  /** line 1 of each output, as hand-edits.ts reads it (its first 4 KiB, without `\r`); null for an empty file */
  firstLines: ReadonlyMap<string, string | null>
}

/**
 * Hash workers started ahead of the work, so that their start (tens of ms)
 * overlaps reading dvc.yaml and dvc.lock: up to availableParallelism() − 1 (at
 * most 4), and none on one core or when `lockBytes` (dvc.lock's size) says
 * there are fewer files than pay for a worker. Hand them to {@link prehash}
 * (which ends them); they never keep the process alive.
 */
export function startHashWorkers(lockBytes: number): Worker[] {
  const count = Math.min(MAX_WORKERS, availableParallelism() - 1, Math.ceil(lockBytes / (BATCH * LOCK_BYTES_PER_FILE)))
  if (count < 1 || lockBytes < PREHASH_MIN_FILES * LOCK_BYTES_PER_FILE) return []
  const workers: Worker[] = []
  for (let w = 0; w < count; w++) {
    try {
      const worker = new Worker(new URL('./hash-worker.cjs', import.meta.url))
      worker.unref()
      worker.on('error', () => undefined) // a worker that fails answers nothing: see prehash
      workers.push(worker)
    } catch {
      break // no thread to be had: the engine hashes everything itself
    }
  }
  return workers
}

/** Ends workers that will get no work. */
export function stopHashWorkers(workers: Worker[]): void {
  for (const worker of workers) void worker.terminate()
}

/** Hashing under way; {@link PrehashRun.finish} ends it. */
export interface PrehashRun {
  /**
   * Takes every batch no worker has started (their files are left to the
   * caller: absent from the result), then waits for the batches under way;
   * with `takeRest: false`, waits for the workers to hash everything. Never
   * rejects; call it once.
   */
  finish(options?: { takeRest?: boolean }): Promise<Prehashed>
}

/**
 * Hashes every `hash: md5` file entry of `lock` that `paths` accepts as a dep
 * (a regular file inside the repository) on `workers` (from
 * {@link startHashWorkers}), which it ends; with no workers, or fewer than
 * {@link PREHASH_MIN_FILES} files, nothing is hashed.
 */
export function prehash(paths: RepoPathChecker, lock: DvcLock, workers: Worker[]): PrehashRun {
  const files: Files = { rels: [], reals: [], heads: [] }
  const index = new Map<string, number>()
  for (const stage of lock.stages.values()) {
    for (const list of [stage.deps, stage.outs]) {
      for (const entry of list) {
        if (entry.hash !== 'md5' || entry.md5.endsWith('.dir')) continue
        const seen = index.get(entry.path)
        if (seen !== undefined) {
          if (list === stage.outs) files.heads[seen] = true
          continue
        }
        const real = paths.regularFile(entry.path, 'dep')
        if (real === undefined) continue
        index.set(entry.path, files.rels.length)
        files.rels.push(entry.path)
        files.reals.push(real)
        files.heads.push(list === stage.outs)
      }
    }
  }
  const used = workers.slice(0, Math.ceil(files.rels.length / BATCH))
  stopHashWorkers(workers.slice(used.length))
  if (used.length === 0 || files.rels.length < PREHASH_MIN_FILES) {
    stopHashWorkers(used)
    const none: Prehashed = { md5s: new Map(), firstLines: new Map() }
    return { finish: () => Promise.resolve(none) }
  }
  return runWorkers(used, files)
}

/** The files to read, in parallel arrays: lock path, real path, whether line 1 is wanted (an output). */
interface Files {
  rels: string[]
  reals: string[]
  heads: boolean[]
}

function runWorkers(workers: Worker[], { rels, reals, heads }: Files): PrehashRun {
  const md5s = new Map<string, string>()
  const firstLines = new Map<string, string | null>()
  const found: Prehashed = { md5s, firstLines }
  const batches = Math.ceil(reals.length / BATCH)
  // The next batch to claim, shared with the workers (Atomics.add claims one).
  const next = new Int32Array(new SharedArrayBuffer(4))
  let open = workers.length
  let allDone!: () => void
  const done = new Promise<void>((resolve) => (allDone = resolve))
  for (const worker of workers) {
    let finished = false
    const finish = (): void => {
      if (finished) return
      finished = true
      void worker.terminate()
      if (--open === 0) allDone()
    }
    worker.on(
      'message',
      (answer: { done?: true; id: number; md5s: (string | null)[]; lines: (string | null | undefined)[] }) => {
        if (answer.done) return finish()
        answer.md5s.forEach((md5, i) => {
          if (md5 !== null) md5s.set(rels[answer.id + i], md5)
        })
        answer.lines.forEach((line, i) => {
          if (line !== undefined) firstLines.set(rels[answer.id + i], line)
        })
      }
    )
    worker.on('error', finish)
    worker.on('exit', finish)
    worker.postMessage({ paths: reals, heads, next, batch: BATCH })
  }
  return {
    finish: async ({ takeRest = true } = {}) => {
      if (takeRest) Atomics.store(next, 0, batches) // what no worker has claimed yet is the caller's
      // Waited for now: the workers must keep the process alive until they answer (an unsettled await would end it).
      for (const worker of workers) worker.ref()
      await done
      return found
    }
  }
}
