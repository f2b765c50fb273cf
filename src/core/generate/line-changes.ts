// What a regeneration changed, in numbers a reviewer can use: lines added and
// removed out of the document's lines (a real line diff), and a warning when
// an UPDATE changes far more of the document than its source diff calls for.
import { diffLines } from 'diff'

export interface LineChange {
  added: number
  removed: number
  /** lines of the new text */
  lines: number
}

/**
 * Past this many added and removed lines the diff stops (its cost grows with
 * lines × changes: 30,000 lines rewritten whole would take minutes) and every
 * line counts as changed, which such a change nearly is.
 */
const MAX_EDIT_LENGTH = 1000

/** Lines added and removed from `before` to `after` (both without the Graft header), and `after`'s line count. */
export function lineChange(before: string, after: string): LineChange {
  const lines = countLines(after)
  const changes = diffLines(before, after, { maxEditLength: MAX_EDIT_LENGTH })
  if (!changes) return { added: lines, removed: countLines(before), lines }
  let added = 0
  let removed = 0
  for (const c of changes) {
    if (c.added) added += c.count
    else if (c.removed) removed += c.count
  }
  return { added, removed, lines }
}

/** `+3 −1 of 212 lines` */
export function describeLineChange(c: LineChange): string {
  return `+${c.added} −${c.removed} of ${c.lines} line${c.lines === 1 ? '' : 's'}`
}

function countLines(text: string): number {
  if (text === '') return 0
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0)
}

/** Lines a unified diff adds or removes (its `+`/`-` lines, not the `+++`/`---` file headers). */
export function diffChangedLines(diff: string): number {
  let n = 0
  for (const line of diff.split('\n')) {
    if ((line.startsWith('+') && !line.startsWith('+++ ')) || (line.startsWith('-') && !line.startsWith('--- '))) n++
  }
  return n
}

/**
 * The threshold, from measurement (docs/update-styles.md, "How much change is
 * too much"): in Graft's own history, whole-document rewrites of unchanged or
 * barely changed sources changed 46–100% of their documents' lines (median
 * about 70%), while careful UPDATEs changed at most 5%. An UPDATE is flagged
 * when it changes at least 30% of the document's lines, at least 5 lines (a
 * few lines of a tiny document are quickly read), and more lines than its
 * source diff changed.
 */
export const DISPROPORTION = { share: 0.3, minLines: 5 }

/**
 * Why this UPDATE's change looks far larger than its source diff calls for, or
 * undefined. Only UPDATE is judged: a changed instruction (REFINE, REFRESH) may
 * rightly touch every line (a new tone, another language).
 */
export function disproportionateChange(
  directive: string,
  change: LineChange,
  sourceDiffLines: number
): string | undefined {
  if (directive !== 'UPDATE') return undefined
  const changed = Math.max(change.added, change.removed)
  // out of the longer of the two texts (the old one has lines − added + removed)
  const share = changed / Math.max(change.lines, change.lines - change.added + change.removed, 1)
  if (share < DISPROPORTION.share || changed < DISPROPORTION.minLines || changed <= sourceDiffLines) return undefined
  return `changed ${Math.round(share * 100)}% of its lines (${describeLineChange(change)}) for a source diff of ${sourceDiffLines} changed line${sourceDiffLines === 1 ? '' : 's'}`
}
