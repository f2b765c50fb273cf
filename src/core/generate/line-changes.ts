// What a regeneration changed, in numbers a reviewer can use: lines added and
// removed out of the document's lines (a real line diff), and a warning when
// an UPDATE changes far more of the document than its source diff calls for.
import { diffLines } from 'diff'
import { wholeFileHunk } from '../pack/source-diff.js'

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

/**
 * Lines added and removed from `before` to `after` (both without the Graft
 * header), and `after`'s line count. The lines both share at their start and
 * end are no part of the change: only what lies between is diffed (and counted
 * whole past the diff's limit), so one large section added to a large document
 * counts as that section.
 */
export function lineChange(before: string, after: string): LineChange {
  const lines = countLines(after)
  const a = splitLines(before)
  const b = splitLines(after)
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let end = 0
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++
  const oldMiddle = a.slice(start, a.length - end)
  const newMiddle = b.slice(start, b.length - end)
  const changes = diffLines(oldMiddle.join(''), newMiddle.join(''), { maxEditLength: MAX_EDIT_LENGTH })
  if (!changes) return { added: newMiddle.length, removed: oldMiddle.length, lines }
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

/** The lines of `text`, each with its line break (the last may have none). */
function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/)
}

function countLines(text: string): number {
  if (text === '') return 0
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0)
}

const WHOLE = new Set([wholeFileHunk('NEW FILE'), wholeFileHunk('CURRENT CONTENT')])

/**
 * Lines a source diff adds or removes (its `+`/`-` lines, not the `+++`/`---`
 * file headers). A dep shown whole (no baseline: a shallow checkout, a history
 * that cannot be read) counts every line of its text (trailing blank lines left
 * out): all of it is new to the model.
 */
export function diffChangedLines(diff: string): number {
  const lines = diff.split('\n')
  let n = 0
  let whole: string[] | undefined
  const endWhole = (): void => {
    if (!whole) return
    while (whole.length > 0 && whole[whole.length - 1] === '') whole.pop()
    n += whole.length
    whole = undefined
  }
  for (const [i, line] of lines.entries()) {
    const fileHeader = line.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ')
    if (fileHeader) endWhole()
    if (whole) whole.push(line)
    else if (WHOLE.has(line)) whole = []
    else if ((line.startsWith('+') && !line.startsWith('+++ ')) || (line.startsWith('-') && !fileHeader)) n++
  }
  endWhole()
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

/** How far an UPDATE's change went beyond its source diff. */
export interface Disproportion {
  /** the share of the document's lines it changed (out of the longer of the two texts) */
  share: number
  /** lines the source diff changed */
  sourceDiffLines: number
}

/**
 * How far this UPDATE's change looks larger than its source diff calls for, or
 * undefined. Only UPDATE is judged: a changed instruction (REFINE, REFRESH) may
 * rightly touch every line (a new tone, another language).
 */
export function disproportionateChange(
  directive: string,
  change: LineChange,
  sourceDiffLines: number
): Disproportion | undefined {
  if (directive !== 'UPDATE') return undefined
  const changed = Math.max(change.added, change.removed)
  // out of the longer of the two texts (the old one has lines − added + removed)
  const share = changed / Math.max(change.lines, change.lines - change.added + change.removed, 1)
  if (share < DISPROPORTION.share || changed < DISPROPORTION.minLines || changed <= sourceDiffLines) return undefined
  return { share, sourceDiffLines }
}

/** `this UPDATE changed 60% of its lines (+60 −60 of 100 lines) for a source diff of 3 changed lines; review the whole document` */
export function describeDisproportion(d: Disproportion, change: LineChange): string {
  const n = d.sourceDiffLines
  return `this UPDATE changed ${Math.round(d.share * 100)}% of its lines (${describeLineChange(change)}) for a source diff of ${n} changed line${n === 1 ? '' : 's'}; review the whole document`
}
