// Git LFS pointers among a stage's deps. A repository that tracks a source
// with Git LFS and is checked out without its LFS files (actions/checkout's
// default, `lfs: false`) holds the pointer, a small text naming the object,
// instead of the content. DVC hashes the pointer like any file: validate then
// calls the stage stale for a reason no diff explains, and a generate that
// recorded the pointer's md5 would make every developer's checkout (with the
// content) stale again. The pointer format is fixed (git-lfs spec v1): this
// module recognises it, so validate can say why and generate can stop first
// (the hasher, which reads every file anyway, marks each pointer it meets).
// A file is a pointer only where git-lfs would smudge it, its path under
// `filter=lfs` (.gitattributes): elsewhere the same text is the file's content
// (a fixture of a repository that documents Git LFS), hashed as DVC hashes it.
import type { Git } from '../io/git.js'

/** A pointer file is smaller than this (git-lfs refuses to read a longer one as a pointer). */
const MAX_POINTER_SIZE = 1024
const VERSION = 'version https://git-lfs.github.com/spec/v1\n'
/** The whole pointer: the version line, then `key value` lines sorted by key, among them `oid sha256:…` and `size N`. */
const POINTER = /^version https:\/\/git-lfs\.github\.com\/spec\/v1\n(?:[a-z0-9.-]+ [^\n]*\n)*$/
const OID = /\noid sha256:[0-9a-f]{64}\n/
const SIZE = /\nsize [0-9]+\n/

/** Whether these bytes (a whole file) are a Git LFS pointer. */
export function isLfsPointer(bytes: Uint8Array): boolean {
  if (bytes.length >= MAX_POINTER_SIZE || bytes.length < VERSION.length) return false
  if (Buffer.from(bytes.buffer, bytes.byteOffset, VERSION.length).toString('latin1') !== VERSION) return false
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8')
  return POINTER.test(text) && OID.test(text) && SIZE.test(text)
}

/**
 * Those of `paths` (relative to `git`'s folder) that Git LFS tracks, by the
 * repository's attributes (`filter=lfs`, as `git lfs track` writes it);
 * undefined when git cannot say (not a checkout).
 */
export async function lfsTracked(git: Git, paths: readonly string[]): Promise<Set<string> | undefined> {
  if (paths.length === 0) return new Set()
  const r = await git.tryExec(['check-attr', '--stdin', '-z', 'filter'], paths.map((p) => `${p}\0`).join(''))
  if (r.code !== 0) return undefined
  // `path NUL filter NUL value NUL` for each path, in the order given
  const fields = r.stdout.split('\0')
  const tracked = new Set<string>()
  for (let i = 0; i + 2 < fields.length; i += 3) if (fields[i + 2] === 'lfs') tracked.add(paths[i / 3])
  return tracked
}
