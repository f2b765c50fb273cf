// Prehashing: the md5s of the files dvc.lock records, computed on worker
// threads while the main thread reads and checks the prompts (the status
// engine then finds most hashes done). Every path is landed by the resolver
// first, here on the main thread; a worker only reads the real path of a
// regular file it was handed (see hash-worker.cjs). Anything a worker cannot
// settle, and every DVC 2 entry (md5 after dos2unix), is left to the engine.
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { RepoPathChecker } from '../paths.js'
import type { DvcLock } from '../types.js'

/** Below this many files a worker's start (tens of ms) costs more than it saves. */
export const PREHASH_MIN_FILES = 400
/** Paths per message: the first batch reaches a worker as soon as it has started. */
const BATCH = 256
const MAX_WORKERS = 4

/** What the workers found, by the path as dvc.lock writes it; a path they could not settle is absent. */
export interface Prehashed {
  /** md5 (hex, DVC 3's raw rule) */
  md5s: ReadonlyMap<string, string>
  /** line 1 of each output, as hand-edits.ts reads it (its first 4 KiB, without `\r`); null for an empty file */
  firstLines: ReadonlyMap<string, string | null>
}

/**
 * Starts hashing every `hash: md5` file entry of `lock` that `paths` accepts
 * as a dep (a regular file inside the repository) on up to
 * availableParallelism() − 1 workers (at most 4; none on one core or for
 * fewer than {@link PREHASH_MIN_FILES} files).
 * @returns the md5s found, once every worker has answered (or failed: what it
 *   did not settle is simply absent). Never rejects; the workers never keep
 *   the process alive.
 */
export function prehash(paths: RepoPathChecker, lock: DvcLock): Promise<Prehashed> {
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
  const workers = Math.min(MAX_WORKERS, availableParallelism() - 1)
  if (workers < 1 || files.rels.length < PREHASH_MIN_FILES)
    return Promise.resolve({ md5s: new Map(), firstLines: new Map() })
  return runWorkers(Math.min(workers, Math.ceil(files.rels.length / BATCH)), files)
}

/** The files to read, in parallel arrays: lock path, real path, whether line 1 is wanted (an output). */
interface Files {
  rels: string[]
  reals: string[]
  heads: boolean[]
}

function runWorkers(count: number, { rels, reals, heads }: Files): Promise<Prehashed> {
  const md5s = new Map<string, string>()
  const firstLines = new Map<string, string | null>()
  const found: Prehashed = { md5s, firstLines }
  let open = count
  return new Promise((resolve) => {
    const done = (worker: Worker): void => {
      void worker.terminate()
      if (--open === 0) resolve(found)
    }
    for (let w = 0; w < count; w++) {
      let worker: Worker
      try {
        worker = new Worker(new URL('./hash-worker.cjs', import.meta.url))
      } catch {
        if (--open === 0) resolve(found)
        continue
      }
      worker.unref()
      // Batches dealt round robin: batch b goes to worker b % count.
      let pending = 0
      for (let at = w * BATCH; at < reals.length; at += count * BATCH) {
        worker.postMessage({ id: at, paths: reals.slice(at, at + BATCH), heads: heads.slice(at, at + BATCH) })
        pending++
      }
      let finished = false
      const finish = (): void => {
        if (finished) return
        finished = true
        done(worker)
      }
      worker.on('message', (answer: { id: number; md5s: (string | null)[]; lines: (string | null | undefined)[] }) => {
        answer.md5s.forEach((md5, i) => {
          if (md5 !== null) md5s.set(rels[answer.id + i], md5)
        })
        answer.lines.forEach((line, i) => {
          if (line !== undefined) firstLines.set(rels[answer.id + i], line)
        })
        if (--pending === 0) finish()
      })
      worker.on('error', finish)
      worker.on('exit', finish)
      if (pending === 0) finish()
    }
  })
}
