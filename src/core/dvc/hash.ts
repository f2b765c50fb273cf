// DVC-compatible md5s: raw file md5 (DVC 3 `hash: md5`), the DVC 2 "dos2unix"
// md5 (legacy lock entries without `hash:`), and directory md5s (`….dir`).
// Files are read in bounded parallel; a Hasher remembers what it has hashed.
import * as crypto from 'node:crypto'
import { createHash, type Hash } from 'node:crypto'
import { closeSync, fstatSync, openSync, readSync, type Stats } from 'node:fs'
import { open, readdir, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { GraftError } from '../errors.js'
import { DVC_SKIPPED_DIRS, isWithin, showPath } from '../repo/names.js'
import { NON_BLOCKING_READ, replaced } from '../repo/safe-read.js'
import { DvcIgnore, DVCIGNORE } from './dvcignore.js'
import { isLfsPointer } from './lfs-pointer.js'

/** DVC reads files in 1 MiB chunks; the legacy text test is applied per chunk. */
export const CHUNK_SIZE = 1 << 20
/** DVC looks at the first 512 bytes of a chunk to guess text or binary. */
const TEXT_PROBE = 512
/** Files below this size are read in one blocking call, larger ones chunk by chunk. */
const SMALL_FILE = CHUNK_SIZE
const SCRATCH = Buffer.allocUnsafe(SMALL_FILE)
const oneShot: typeof crypto.hash | undefined = typeof crypto.hash === 'function' ? crypto.hash : undefined

/** A path that was a regular file when judged, and is something else when read. */
class NotRegularFile extends Error {
  constructor(readonly path: string) {
    super(`${path} is not a regular file`)
  }
}
/** Names DVC never descends into (its default ignore patterns). */

export interface FileHash {
  md5: string
  size: number
  /** any execute bit set (DVC records `isexec: true`) */
  isexec: boolean
  /** the file is a Git LFS pointer (see lfs-pointer.ts): the checkout lacks the real content */
  lfsPointer?: true
}

export interface DirHash {
  /** `<md5 of the listing>.dir` */
  md5: string
  /** sum of the files' sizes */
  size: number
  nfiles: number
}

/** md5 of a file's raw bytes (DVC 3). */
export async function fileMd5(absPath: string): Promise<string> {
  return (await new Hasher().file(absPath)).md5
}

/** md5 after DVC 2's dos2unix rule (legacy entries without `hash: md5`). */
export async function legacyFileMd5(absPath: string): Promise<string> {
  return (await new Hasher().file(absPath, true)).md5
}

/** DVC's directory hash; `legacy` hashes the files inside with the dos2unix rule. */
export async function dirMd5(absPath: string, legacy = false): Promise<DirHash> {
  return new Hasher().dir(absPath, legacy)
}

/**
 * Hashes files and directories with at most `concurrency` files open at once,
 * each distinct (path, rule) once. Use one Hasher per run: it never notices
 * a file changing after it was hashed.
 */
export class Hasher {
  private readonly files = new Map<string, Promise<FileHash>>()
  /** The same hashes once known, for fileSync. */
  private readonly known = new Map<string, FileHash>()
  /** md5s that md5Sync found (without size or mode), by path: [raw rule, legacy rule]. */
  private readonly md5s = [new Map<string, string>(), new Map<string, string>()]
  private readonly dirs = new Map<string, Promise<DirHash>>()
  private readonly slots: Semaphore
  private readonly root?: string
  /** the files hashed so far that are Git LFS pointers, by absolute path */
  readonly lfsPointers = new Set<string>()
  /** the repository's .dvcignore rules, when the root is known */
  readonly ignore?: DvcIgnore

  /**
   * `root`: the repository root; directories are then listed as DVC lists
   * them there (its .dvcignore rules applied) and error messages name
   * repository-relative paths.
   */
  constructor(options: { concurrency?: number; root?: string } = {}) {
    this.slots = new Semaphore(options.concurrency ?? 32)
    this.root = options.root
    if (options.root !== undefined) this.ignore = new DvcIgnore(options.root)
  }

  file(absPath: string, legacy = false): Promise<FileHash> {
    const key = `${legacy ? 'L' : 'M'}${absPath}`
    return memo(this.files, key, () =>
      this.slots.run(async () => {
        const h = await hashFile(absPath, legacy).catch((e: unknown) => {
          throw this.explain(e)
        })
        this.known.set(key, h)
        if (h.lfsPointer) this.lfsPointers.add(absPath)
        return h
      })
    )
  }

  /**
   * The hash right away when it is known or the file is small (read with
   * one blocking call); undefined for a large file (use `file`). Throws what
   * `file` would reject with. `stats`: the file's stat when the caller has
   * just taken it (saves an fstat; size and mode are taken from it).
   */
  fileSync(absPath: string, legacy = false, stats?: Stats): FileHash | undefined {
    const key = `${legacy ? 'L' : 'M'}${absPath}`
    const known = this.known.get(key)
    if (known || this.files.has(key)) return known
    let h: FileHash | undefined
    try {
      h = hashSmallFile(absPath, legacy, stats)
    } catch (e) {
      throw this.explain(e)
    }
    if (h) {
      this.known.set(key, h)
      this.files.set(key, Promise.resolve(h))
      if (h.lfsPointer) this.lfsPointers.add(absPath)
    }
    return h
  }

  /**
   * Just the md5 of a small regular file, read with open, read and close
   * (no stat); undefined whenever that does not settle it (large file,
   * directory, any error): the caller then takes the general path, which
   * decides every such case as before.
   */
  md5Sync(absPath: string, legacy = false): string | undefined {
    const md5s = this.md5s[legacy ? 1 : 0]
    const seen = md5s.get(absPath) // the common case: no key string to build
    if (seen !== undefined) return seen
    const key = `${legacy ? 'L' : 'M'}${absPath}`
    const known = this.known.get(key)?.md5
    if (known !== undefined || this.files.has(key)) return known
    const md5 = smallFileMd5(absPath, legacy)
    if (md5 !== undefined) md5s.set(absPath, md5)
    return md5
  }

  /** A file swapped for something else while the run read it, as a problem naming it. */
  private explain(error: unknown): unknown {
    if (!(error instanceof NotRegularFile)) return error
    const file = showPath(this.root ? relative(this.root, error.path).split(sep).join('/') : error.path)
    return replaced(file, 'a FIFO, a device or a folder')
  }

  dir(absPath: string, legacy = false): Promise<DirHash> {
    return memo(this.dirs, `${legacy ? 'L' : 'M'}${absPath}`, () => this.hashDir(absPath, legacy))
  }

  private async hashDir(absPath: string, legacy: boolean): Promise<DirHash> {
    const shown = (p: string): string => (this.root ? relative(this.root, p).split(sep).join('/') : p)
    const relDir = this.root ? shown(absPath) : ''
    // a folder of the repository ('..data' too: isWithin), not one above it
    const inRepo = this.root === undefined || isWithin(this.root, absPath)
    const rules = this.ignore && inRepo && !this.ignore.isEmptyFor(relDir) ? this.ignore : undefined
    const keep =
      rules && ((rel: string, isDir: boolean) => !rules.match(relDir === '' ? rel : `${relDir}/${rel}`, isDir).ignored)
    const relpaths = await listFiles(absPath, '', shown, keep)
    const hashes = await Promise.all(relpaths.map((rel) => this.file(join(absPath, rel), legacy)))
    const entries = relpaths.map((relpath, i) => ({ relpath, md5: hashes[i].md5, key: Buffer.from(relpath) }))
    // Python sorts str by code point; UTF-8 bytes compare in the same order.
    entries.sort((a, b) => Buffer.compare(a.key, b.key))
    const json = `[${entries.map((e) => `{"md5": ${pyJsonString(e.md5)}, "relpath": ${pyJsonString(e.relpath)}}`).join(', ')}]`
    return {
      md5: `${createHash('md5').update(json, 'utf8').digest('hex')}.dir`,
      size: hashes.reduce((sum, h) => sum + h.size, 0),
      nfiles: entries.length
    }
  }
}

async function hashFile(absPath: string, legacy: boolean): Promise<FileHash> {
  return hashSmallFile(absPath, legacy) ?? hashLargeFile(absPath, legacy)
}

/**
 * Small files (nearly all of a docs pipeline) are read with one blocking
 * call into a shared buffer: for thousands of 10 KB files that is several
 * times faster than a round trip through the thread pool per step.
 * Undefined for a file of SMALL_FILE bytes or more.
 */
function hashSmallFile(absPath: string, legacy: boolean, stats?: Stats): FileHash | undefined {
  if (stats && stats.size >= SMALL_FILE) return undefined
  const fd = openSync(absPath, NON_BLOCKING_READ)
  try {
    const now = fstatSync(fd)
    if (!now.isFile()) throw new NotRegularFile(absPath)
    const info = stats ?? now
    if (info.size < SMALL_FILE) {
      const n = readAllSync(fd, SCRATCH)
      if (n < SMALL_FILE) {
        const bytes = SCRATCH.subarray(0, n)
        const h = result(digest(bytes, legacy), info)
        return isLfsPointer(bytes) ? { ...h, lfsPointer: true } : h
      }
    }
  } finally {
    closeSync(fd)
  }
  return undefined
}

/** md5 of a small regular file; undefined for a large file, anything but a regular file, or any error. */
function smallFileMd5(absPath: string, legacy: boolean): string | undefined {
  let fd: number
  try {
    fd = openSync(absPath, NON_BLOCKING_READ)
  } catch {
    return undefined
  }
  try {
    if (!fstatSync(fd).isFile()) return undefined // the general path judges it
    const n = readAllSync(fd, SCRATCH)
    return n < SMALL_FILE ? digest(SCRATCH.subarray(0, n), legacy) : undefined
  } catch {
    return undefined
  } finally {
    closeSync(fd)
  }
}

async function hashLargeFile(absPath: string, legacy: boolean): Promise<FileHash> {
  const fh = await open(absPath, NON_BLOCKING_READ)
  try {
    const info = await fh.stat()
    if (!info.isFile()) throw new NotRegularFile(absPath)
    const hash = createHash('md5')
    const buffer = Buffer.allocUnsafe(CHUNK_SIZE)
    for (;;) {
      const n = await readFull(fh, buffer)
      if (n === 0) break
      feed(hash, buffer.subarray(0, n), legacy)
      if (n < CHUNK_SIZE) break
    }
    return result(hash.digest('hex'), info)
  } finally {
    await fh.close()
  }
}

function digest(bytes: Buffer, legacy: boolean): string {
  // One-shot hashing (Node >= 20.12) makes no Hash object per file.
  if (!legacy && oneShot) return oneShot('md5', bytes, 'hex')
  const hash = createHash('md5')
  feed(hash, bytes, legacy)
  return hash.digest('hex')
}

function result(md5: string, info: Stats): FileHash {
  return { md5, size: info.size, isexec: (info.mode & 0o111) !== 0 }
}

/** Fills the buffer from the file's start until it is full or the file ends. */
function readAllSync(fd: number, buffer: Buffer): number {
  let filled = 0
  while (filled < buffer.length) {
    const n = readSync(fd, buffer, filled, buffer.length - filled, filled)
    if (n === 0) break
    filled += n
  }
  return filled
}

/** Feeds bytes to the hash in DVC's 1 MiB chunks (the chunking matters for the legacy rule). */
function feed(hash: Hash, bytes: Buffer, legacy: boolean): void {
  if (!legacy) {
    hash.update(bytes)
    return
  }
  for (let at = 0; at < bytes.length; at += CHUNK_SIZE) {
    const chunk = bytes.subarray(at, at + CHUNK_SIZE)
    hash.update(isTextBlock(chunk.subarray(0, TEXT_PROBE)) ? dos2unix(chunk) : chunk)
  }
}

/** Reads until the buffer is full or the file ends (a short read is not the end). */
async function readFull(fh: Awaited<ReturnType<typeof open>>, buffer: Buffer): Promise<number> {
  let filled = 0
  while (filled < buffer.length) {
    const { bytesRead } = await fh.read(buffer, filled, buffer.length - filled, null)
    if (bytesRead === 0) break
    filled += bytesRead
  }
  return filled
}

/** DVC's text heuristic: no NUL, and at most 30% bytes outside printable ASCII + \n\r\t\f\b. */
export function isTextBlock(block: Uint8Array): boolean {
  if (block.length === 0) return true
  let nontext = 0
  for (const b of block) {
    if (b === 0) return false
    if (!((b >= 32 && b <= 126) || b === 10 || b === 13 || b === 9 || b === 12 || b === 8)) nontext++
  }
  return nontext / block.length <= 0.3
}

/** Every CRLF becomes LF. */
export function dos2unix(chunk: Buffer): Buffer {
  let at = chunk.indexOf('\r\n')
  if (at < 0) return chunk
  const parts: Buffer[] = []
  let from = 0
  while (at >= 0) {
    parts.push(chunk.subarray(from, at))
    from = at + 1 // keep the \n
    at = chunk.indexOf('\r\n', from)
  }
  parts.push(chunk.subarray(from))
  return Buffer.concat(parts)
}

/** A string as Python's json.dumps writes it (ensure_ascii: everything outside space..~ escaped). */
export function pyJsonString(s: string): string {
  let out = '"'
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 0x22) out += '\\"'
    else if (c === 0x5c) out += '\\\\'
    else if (c >= 0x20 && c <= 0x7e) out += s[i]
    else out += SHORT_ESCAPES[c] ?? `\\u${c.toString(16).padStart(4, '0')}`
  }
  return `${out}"`
}

const SHORT_ESCAPES: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' }

/**
 * Files under a directory, `/`-separated and relative to it, the way DVC walks:
 * `.git`, `.hg`, `.dvc` folders (and a `.git` file) skipped, DVC sub-repositories
 * (folders holding a `.dvc`) left out whole, symlinked folders
 * not entered, symlinked files followed; `keep` (the .dvcignore rules) says
 * which entries count, and an ignored folder is not entered.
 */
async function listFiles(
  absDir: string,
  prefix: string,
  shown: (abs: string) => string,
  keep?: (rel: string, isDir: boolean) => boolean
): Promise<string[]> {
  const entries = await readdir(absDir, { withFileTypes: true })
  // A folder inside the one hashed that holds `.dvc` (a folder or a file) is a DVC sub-repository
  // (`dvc init --subdir`): DVC leaves it out whole (dvc/ignore.py, _update_sub_repo).
  if (prefix !== '' && entries.some((e) => e.name === '.dvc')) return []
  const out: string[] = []
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name
    const abs = join(absDir, entry.name)
    if (entry.isDirectory()) {
      if (!DVC_SKIPPED_DIRS.has(entry.name) && (!keep || keep(rel, true)))
        out.push(...(await listFiles(abs, rel, shown, keep)))
      continue
    }
    if (keep && !keep(rel, false)) continue
    if (entry.name === DVCIGNORE) {
      // dvc-data's IgnoreInCollectedDirError
      throw new GraftError({
        file: showPath(shown(abs)),
        message: `a ${DVCIGNORE} file inside a directory that a stage depends on or writes: DVC refuses it (".dvcignore file should not be in collected dir path")`,
        hint: `move its rules to a ${DVCIGNORE} above that directory (the repository root's, or its parent folder's)`
      })
    }
    if (entry.isSymbolicLink()) {
      const target = await stat(abs).catch(() => undefined)
      if (!target)
        throw new GraftError({
          file: showPath(shown(abs)),
          message: 'broken symbolic link',
          hint: 'remove the link or restore its target'
        })
      if (target.isFile() && entry.name !== '.git') out.push(rel)
      else if (!target.isDirectory() && entry.name !== '.git') {
        throw new GraftError({
          file: showPath(shown(abs)),
          message: 'is a symlink to something that is not a regular file',
          hint: 'remove the link from the folder'
        })
      }
    } else if (entry.isFile()) {
      if (entry.name !== '.git') out.push(rel)
    } else if (entry.name !== '.git') {
      // A FIFO would block the read forever, a device would never end.
      throw new GraftError({
        file: showPath(shown(abs)),
        message: 'is not a regular file (a FIFO, socket or device) inside a folder a stage depends on or writes',
        hint: 'remove it from the folder; the action reads only regular files'
      })
    }
  }
  return out
}

function memo<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let p = cache.get(key)
  if (!p) {
    p = make()
    cache.set(key, p)
  }
  return p
}

/** At most `size` tasks run at once; the rest wait their turn. */
class Semaphore {
  private active = 0
  private readonly waiting: (() => void)[] = []

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    // A finishing task hands its slot straight to the next in line.
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve))
    else this.active++
    try {
      return await task()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.active--
    }
  }
}
