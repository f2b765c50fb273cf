// A generated document starts with Graft's header line; one that does not was
// written or edited by hand.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { NON_BLOCKING_READ } from '../repo/safe-read.js'
import { join } from 'node:path'
import { parseHeader } from '../graft/header.js'
import type { Pipeline } from '../pipeline/load.js'
import { GraftError, type Problem } from '../errors.js'
import type { Reason, StaleDocument } from '../types.js'
import { setting } from '../phrasing.js'
import { shellPath } from '../shell-word.js'
import { parseChoice } from '../settings.js'

/**
 * What to do with a generated document edited by hand (its md5 differs from
 * dvc.lock, or its Graft header is gone): `keep` accepts the edit as it is into
 * dvc.lock (said plainly in the log, summary, PR comment and commit message);
 * `regenerate` rewrites it (REFRESH), the hand-edited text as the previous
 * draft; `fail` fails validate and generate, naming the file.
 */
export type HandEditPolicy = 'keep' | 'regenerate' | 'fail'
export const HAND_EDIT_POLICIES: readonly HandEditPolicy[] = ['keep', 'regenerate', 'fail']

/**
 * A policy as typed (a CLI option); `label` names it in the error.
 * @throws GraftError naming the label and the three choices
 */
export function parseHandEditPolicy(raw: string, label: string): HandEditPolicy {
  return parseChoice(
    raw,
    HAND_EDIT_POLICIES,
    label,
    'keep: accept the edit into dvc.lock; regenerate: rewrite the document from the edited text; fail: stop, naming the file'
  )
}

/** The outputs of `doc` that were edited by hand (empty when none). */
export function handEditedOutputs(doc: StaleDocument): string[] {
  return [...new Set(doc.reasons.filter((r) => r.kind === 'edited-by-hand').map((r) => r.path ?? doc.outputs[0]))]
}

/**
 * For `hand-edits: fail`: one problem per hand-edited document, naming the file.
 * @throws GraftError when any of `stale` was edited by hand
 */
export function refuseHandEdits(stale: StaleDocument[]): void {
  const problems: Problem[] = stale.flatMap((d) =>
    handEditedOutputs(d).map((out) => ({
      file: out,
      message: `${out} was edited by hand (${d.reasons.find((r) => r.kind === 'edited-by-hand')!.text}), and ${setting('hand-edits', 'fail')} refuses hand edits`,
      hint: `revert the edit (git checkout -- ${shellPath(out)}), move the change into the prompt${d.prompt ? ` ${d.prompt}` : ''} or its sources, or set ${setting('hand-edits', 'keep')} (accept it) or ${setting('hand-edits', 'regenerate')} (rewrite it)`
    }))
  )
  if (problems.length > 0) throw new GraftError(problems)
}

/**
 * Outputs whose line 1 is no Graft header, by stage. `firstLines`: line 1 of
 * outputs already read (prehash.ts; null for an empty file); others are read here.
 */
export async function checkOutputHeaders(
  root: string,
  pipeline: Pipeline,
  firstLines?: ReadonlyMap<string, string | null>
): Promise<Map<string, Reason[]>> {
  const found = new Map<string, Reason[]>()
  const buf = Buffer.allocUnsafe(HEAD)
  for (const p of pipeline.prompts) {
    const known = firstLines?.get(p.out)
    const first = known === undefined ? firstLine(join(root, p.out), buf) : (known ?? undefined)
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
  const buf = Buffer.allocUnsafe(HEAD)
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
/** How much of an output is read for its first line (hash-worker.cjs reads the same). */
const HEAD = 4096

/** Line 1 of a file, from its first {@link HEAD} bytes, without `\r`; undefined for an empty or unreadable file. */
function firstLine(path: string, buf: Buffer): string | undefined {
  let fd
  try {
    fd = openSync(path, NON_BLOCKING_READ) // a FIFO swapped in opens at once…
  } catch {
    return undefined
  }
  try {
    if (!fstatSync(fd).isFile()) return undefined // …and is not read
    const bytesRead = readSync(fd, buf, 0, buf.length, 0)
    if (bytesRead === 0) return undefined
    return buf.subarray(0, bytesRead).toString('utf8').split('\n')[0].replace(/\r$/, '')
  } finally {
    closeSync(fd)
  }
}
