// The thread prehash.ts starts: md5s (DVC 3's raw rule) of the files it is
// sent, and line 1 of the outputs, so the main thread can read the prompts
// meanwhile. Plain CommonJS with node's own modules only, because it runs as
// its own file (ncc copies it beside the bundle). Every path it gets was
// landed by the resolver: the real path of a regular file inside the
// repository. It opens it without following a final symlink and without
// blocking, checks it is still a regular file, and reads at most 1 MiB: a
// file swapped since for a link, a FIFO or a device, or a larger one, answers
// null, and the main thread then judges and hashes it as before.
'use strict'
const { parentPort } = require('node:worker_threads')
const { closeSync, constants, fstatSync, openSync, readSync } = require('node:fs')
const { createHash, hash: oneShot } = require('node:crypto') // hash: Node >= 20.12, one call per file

const LIMIT = 1 << 20 // hash.ts's small-file size
const buffer = Buffer.allocUnsafe(LIMIT)
const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

const HEAD = 4096 // what hand-edits.ts reads of an output for its first line

// The work: { paths, heads, next, batch }. heads[i] asks for line 1 of
// paths[i] too. Batches of `batch` paths are claimed one at a time through the
// shared counter `next` (an Int32Array over a SharedArrayBuffer), which the
// other workers and the main thread claim from as well: the main thread takes
// whatever is left once it is free to hash, so nobody waits on a slow thread.
// Each batch is answered { id, md5s, lines }; { done: true } ends the work.
parentPort.on('message', ({ paths, heads, next, batch }) => {
  for (;;) {
    const id = Atomics.add(next, 0, 1) * batch
    if (id >= paths.length) break
    const md5s = []
    const lines = []
    for (let i = id; i < Math.min(id + batch, paths.length); i++) {
      const read = readSmall(paths[i])
      md5s.push(read && read.md5)
      lines.push(heads[i] && read ? firstLine(read.bytes) : undefined)
    }
    parentPort.postMessage({ id, md5s, lines })
  }
  parentPort.postMessage({ done: true })
})

/** Line 1 as hand-edits.ts reads it (the first 4 KiB, without \r), null for an empty file. */
function firstLine(bytes) {
  if (bytes.length === 0) return null
  return bytes.subarray(0, HEAD).toString('utf8').split('\n')[0].replace(/\r$/, '')
}

/** A file below LIMIT bytes: its md5 (hex) and bytes (valid until the next read); else null. */
function readSmall(path) {
  let fd
  try {
    fd = openSync(path, FLAGS)
  } catch {
    return null
  }
  try {
    if (!fstatSync(fd).isFile()) return null // swapped since the resolver saw it: a FIFO, a device, a folder
    let filled = 0
    while (filled < LIMIT) {
      const n = readSync(fd, buffer, filled, LIMIT - filled, filled)
      if (n === 0) break
      filled += n
    }
    if (filled >= LIMIT) return null
    const bytes = buffer.subarray(0, filled)
    return { md5: oneShot ? oneShot('md5', bytes, 'hex') : createHash('md5').update(bytes).digest('hex'), bytes }
  } catch {
    return null
  } finally {
    closeSync(fd)
  }
}
