// All or nothing on disk: every file generate writes goes through here. The
// first write of a path keeps its original bytes; rollback() puts every one
// back (or removes the file when it did not exist). Writes are atomic
// (temporary file, then rename), so a reader never sees half a document.
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { GraftError } from '../errors.js'
import { PIPELINE_FILES, assertWritable, checkRepoPath } from '../paths.js'

/** Besides declared outputs, the only files generate ever writes. */

export class FileTransaction {
  private readonly originals = new Map<string, Buffer | undefined>()

  constructor(private readonly root: string) {}

  async write(rel: string, content: string): Promise<void> {
    this.check(rel)
    const abs = join(this.root, rel)
    if (!this.originals.has(rel)) this.originals.set(rel, await readFile(abs).catch(() => undefined))
    await atomicWrite(abs, content)
  }

  /** Outputs get the output checks; dvc.yaml and dvc.lock must still not lead out through a symlink. */
  private check(rel: string): void {
    if (!PIPELINE_FILES.has(rel)) return assertWritable(this.root, rel)
    const problem = checkRepoPath(this.root, rel, 'dep')
    if (problem) throw new GraftError({ file: rel, message: `refusing to write ${rel}: ${problem}`, hint: `make ${rel} a plain file in the repository` })
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

  async rollback(): Promise<void> {
    for (const [rel, before] of [...this.originals].reverse()) {
      const abs = join(this.root, rel)
      if (before === undefined) await rm(abs, { force: true })
      else await atomicWrite(abs, before)
    }
    this.originals.clear()
  }
}

async function atomicWrite(abs: string, content: string | Buffer): Promise<void> {
  await mkdir(dirname(abs), { recursive: true })
  const tmp = `${abs}.graft-${randomBytes(4).toString('hex')}.tmp`
  try {
    await writeFile(tmp, content)
    await rename(tmp, abs)
  } catch (error) {
    await rm(tmp, { force: true })
    throw error
  }
}
