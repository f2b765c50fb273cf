// All or nothing on disk: every file generate writes goes through here. The
// first write of a path keeps its original bytes; rollback() puts every one
// back (or removes the file when it did not exist), trying every file even
// when some cannot be restored, and returns a problem for each of those
// naming the file and the cause. Writes are atomic (temporary file, then
// rename), so a reader never sees half a document. Once rollback has begun, no
// write is accepted (a render that finishes after a cancellation cannot put a
// document back on disk).
import { randomBytes } from 'node:crypto'
import { shellPath } from '../shell-word.js'
import { mkdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { GraftError, type Problem } from '../errors.js'
import { PIPELINE_FILES } from '../repo/names.js'
import { RepoPathChecker } from '../repo/resolver.js'

export class FileTransaction {
  private readonly originals = new Map<string, Buffer | undefined>()
  /** writes under way: rollback waits for them before restoring */
  private readonly inFlight = new Set<Promise<unknown>>()
  private closed = false

  constructor(private readonly root: string) {}

  /** Writes `content` to `rel` atomically; throws a GraftError naming the file and the cause. */
  async write(rel: string, content: string): Promise<void> {
    if (this.closed) {
      throw new GraftError({ file: rel, message: `not writing ${rel}: the run is being rolled back` })
    }
    this.check(rel)
    const work = this.writeOnce(rel, content)
    this.inFlight.add(work)
    try {
      await work
    } finally {
      this.inFlight.delete(work)
    }
  }

  private async writeOnce(rel: string, content: string): Promise<void> {
    const abs = join(this.root, rel)
    if (!this.originals.has(rel)) this.originals.set(rel, await readFile(abs).catch(() => undefined))
    try {
      await atomicWrite(abs, content)
    } catch (error) {
      throw new GraftError({
        file: rel,
        message: `could not write ${rel}: ${describeFsError(error)}`,
        hint: 'free disk space or make the folder writable for the runner, then re-run (nothing this run wrote was kept)'
      })
    }
  }

  /** Every write goes through the resolver: outputs as outputs, dvc.yaml and dvc.lock as the pipeline's own plain files. */
  private check(rel: string): void {
    new RepoPathChecker(this.root).resolve(rel, PIPELINE_FILES.has(rel) ? 'pipeline' : 'output')
  }

  /** paths written whose bytes now differ from what was there before */
  async changedPaths(): Promise<string[]> {
    const changed: string[] = []
    for (const [rel, before] of this.originals) {
      const now = await readFile(join(this.root, rel)).catch(() => undefined)
      if (!before || !now || !before.equals(now)) changed.push(rel)
    }
    return changed
  }

  /**
   * Puts back every file written, newest first, trying each even after one
   * fails; refuses further writes. Returns one problem per file it could not
   * restore (file, cause, and what to do), empty when all went back.
   */
  async rollback(): Promise<Problem[]> {
    this.closed = true
    await Promise.allSettled([...this.inFlight])
    const problems: Problem[] = []
    for (const [rel, before] of [...this.originals].reverse()) {
      const abs = join(this.root, rel)
      try {
        if (before === undefined) await removeFile(abs)
        else await atomicWrite(abs, before)
      } catch (error) {
        problems.push({
          file: rel,
          message: `could not restore ${rel} after the failed run (${describeFsError(error)}); it still holds this run's ${before === undefined ? 'new file' : 'text'}`,
          hint:
            before === undefined
              ? `delete ${rel} by hand (or \`git clean -f -- ${shellPath(rel)}\`) before committing anything`
              : `restore it by hand with \`git checkout -- ${shellPath(rel)}\` before committing anything`
        })
      }
    }
    this.originals.clear()
    return problems
  }
}

/** `ENOSPC (no space left on device)`: the errno code and what it means, else the message. */
export function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException
  const meaning: Record<string, string> = {
    ENOSPC: 'no space left on device',
    EROFS: 'read-only file system',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EDQUOT: 'disk quota exceeded',
    ENOTDIR: 'a parent is not a folder',
    EEXIST: 'a file is in the way',
    EISDIR: 'it is a folder',
    EIO: 'input/output error'
  }
  if (e?.code && meaning[e.code]) return `${e.code}, ${meaning[e.code]}`
  if (e?.code) return e.code
  return error instanceof Error ? error.message : String(error)
}

/** Deletes a file; one already gone is fine. (fs.rm would report EPERM as a failed rmdir's ENOTDIR.) */
async function removeFile(abs: string): Promise<void> {
  try {
    await unlink(abs)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

async function atomicWrite(abs: string, content: string | Buffer): Promise<void> {
  await mkdir(dirname(abs), { recursive: true })
  const tmp = `${abs}.graft-${randomBytes(4).toString('hex')}.tmp`
  try {
    await writeFile(tmp, content)
    await rename(tmp, abs)
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined)
    throw error
  }
}
