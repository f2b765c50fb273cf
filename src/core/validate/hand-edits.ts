// A generated document starts with Graft's header line; one that does not was
// written or edited by hand.
import { closeSync, openSync, readSync } from 'node:fs'
import { join } from 'node:path'
import { parseHeader } from '../graft/header.js'
import type { Pipeline } from '../pipeline/load.js'
import { GraftError, type Problem } from '../errors.js'
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
 * Refuses, before anything is spent, a prompt whose output is a file written by
 * hand: it exists, its first line is no Graft header, and no stage in dvc.lock
 * writes it. generate would overwrite it.
 * @throws GraftError naming each such prompt (at its `out:` line, else line 1) and the file.
 */
export function refuseHandWrittenOutputs(root: string, pipeline: Pipeline): void {
  const locked = new Set([...(pipeline.lock?.stages.values() ?? [])].flatMap((s) => s.outs.map((o) => o.path)))
  const buf = Buffer.allocUnsafe(4096)
  const problems: Problem[] = []
  for (const p of pipeline.prompts) {
    if (locked.has(p.out)) continue
    const first = firstLine(join(root, p.out), buf)
    if (first === undefined || parseHeader(first)) continue
    problems.push({
      file: p.path,
      line: p.outLine ?? 1,
      message: `${p.out} already exists and was not written by Graft (no Graft header on line 1, and no stage in dvc.lock writes it): generate would overwrite it`,
      hint: `set \`out\` to a file that does not exist yet, or move ${p.out} away (git mv) if this prompt is to replace it`
    })
  }
  if (problems.length > 0) throw new GraftError(problems)
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
