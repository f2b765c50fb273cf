// A generated document starts with Graft's header line; one that does not was
// written or edited by hand.
import { closeSync, openSync, readSync } from 'node:fs'
import { join } from 'node:path'
import { parseHeader } from '../graft/header.js'
import type { Pipeline } from '../pipeline/load.js'
import type { Reason } from '../types.js'

export async function checkOutputHeaders(root: string, pipeline: Pipeline): Promise<Map<string, Reason[]>> {
  const found = new Map<string, Reason[]>()
  const buf = Buffer.allocUnsafe(4096)
  for (const p of pipeline.prompts) {
    const first = firstLine(join(root, p.out), buf)
    if (first === undefined || parseHeader(first)) continue
    found.set(p.stageName, [
      { kind: 'edited-by-hand', path: p.out, text: `${p.out} has no valid Graft header on line 1 (edited by hand?)` }
    ])
  }
  return found
}

/**
 * First line of a file, or undefined when the file is absent or empty. A
 * blocking read of one small block: cheaper than a thread-pool round trip.
 */
function firstLine(path: string, buf: Buffer): string | undefined {
  let fd
  try {
    fd = openSync(path, 'r')
  } catch {
    return undefined
  }
  try {
    const bytesRead = readSync(fd, buf, 0, buf.length, 0)
    if (bytesRead === 0) return undefined
    return buf.subarray(0, bytesRead).toString('utf8').split('\n')[0].replace(/\r$/, '')
  } finally {
    closeSync(fd)
  }
}
