// A generated document starts with Graft's header line; one that does not was
// written or edited by hand.
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { parseHeader } from './header.js'
import type { Pipeline } from './validate.js'
import type { Reason } from './types.js'

export async function checkOutputHeaders(root: string, pipeline: Pipeline): Promise<Map<string, Reason[]>> {
  const found = new Map<string, Reason[]>()
  await Promise.all(
    pipeline.prompts.map(async (p) => {
      const first = await firstLine(join(root, p.out))
      if (first === undefined || parseHeader(first)) return
      found.set(p.stageName, [
        { kind: 'edited-by-hand', path: p.out, text: `${p.out} has no valid Graft header on line 1 (edited by hand?)` }
      ])
    })
  )
  return found
}

/** First line of a file, or undefined when the file is absent or empty. */
async function firstLine(path: string): Promise<string | undefined> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch {
    return undefined
  }
  try {
    const buf = Buffer.alloc(4096)
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0)
    if (bytesRead === 0) return undefined
    return buf.subarray(0, bytesRead).toString('utf8').split('\n')[0].replace(/\r$/, '')
  } finally {
    await handle.close()
  }
}
