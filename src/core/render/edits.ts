// The model's edits to the previous draft, applied exactly as the standing
// instructions define them: each old_text occurs exactly once in the text as
// the earlier edits of the list left it, no edit reaches into text an earlier
// edit wrote, no new_text holds what is not text (non-text.ts), and the result
// is a document (not empty, no Graft header line: the action adds the header).
// Anything else is refused with the edit's number and the reason, so the caller
// can rewrite the whole document instead.
import { HEADER_PREFIX, isHeaderLine, usesCrlf } from '../graft/header.js'
import { nonText } from './non-text.js'

/** One edit: the text `oldText` of the draft becomes `newText`. */
export interface Edit {
  oldText: string
  newText: string
}

export type EditOutcome =
  | { ok: true; text: string }
  /** `edit`: the 1-based number of the edit refused, when one edit is to blame */
  | { ok: false; edit?: number; reason: string }

/** A span of the current text that an earlier edit wrote (empty where it deleted). */
interface Written {
  start: number
  end: number
  edit: number
}

/**
 * `draft` (the exact text the model was shown) with `edits` applied in order.
 *
 * Line endings: a draft whose every line break is CRLF is matched and edited
 * with its line breaks read as LF, and every line break of the result is CRLF
 * again, so an old_text copied with LF (or CRLF) matches and the file keeps
 * its own endings. A draft with no CRLF at all reads an edit's CRLF as LF. A
 * draft that mixes both is matched byte for byte.
 */
export function applyDraftEdits(draft: string, edits: readonly Edit[]): EditOutcome {
  const crlf = usesCrlf(draft)
  const plain = crlf || !draft.includes('\r\n')
  const norm = (s: string): string => (plain ? s.replace(/\r\n/g, '\n') : s)
  let text = norm(draft)
  const written: Written[] = []
  for (const [i, edit] of edits.entries()) {
    const n = i + 1
    let oldText = norm(edit.oldText)
    let newText = norm(edit.newText)
    if (oldText === '') return { ok: false, edit: n, reason: `old_text ${n} is empty` }
    const unterminated = atUnterminatedEnd(text, oldText)
    if (unterminated !== undefined) {
      oldText = unterminated
      newText = newText.replace(/\r?\n$/, '') // its whole line break (CRLF in a mixed draft): no lone CR
    }
    const bad = nonText(newText)
    if (bad)
      return {
        ok: false,
        edit: n,
        reason: `new_text ${n} holds ${bad.what === 'a NUL character' ? bad.what : `${bad.what} (not text)`}`
      }
    const start = text.indexOf(oldText)
    if (start < 0) return { ok: false, edit: n, reason: `old_text ${n} not found` }
    // a second match may overlap the first ("aa" in "aaa"): the edit is just as ambiguous
    if (text.indexOf(oldText, start + 1) >= 0) {
      return { ok: false, edit: n, reason: `old_text ${n} occurs ${occurrences(text, oldText)} times` }
    }
    const end = start + oldText.length
    const hit = written.find((w) =>
      w.start === w.end ? start < w.start && w.start < end : start < w.end && w.start < end
    )
    if (hit) return { ok: false, edit: n, reason: `edit ${n} overlaps edit ${hit.edit}` }
    text = text.slice(0, start) + newText + text.slice(end)
    const shift = newText.length - oldText.length
    for (const w of written) {
      if (w.start >= end) {
        w.start += shift
        w.end += shift
      }
    }
    written.push({ start, end: start + newText.length, edit: n })
  }
  if (text.trim() === '') return { ok: false, reason: 'the edits leave the document empty' }
  if (text.split('\n').some((line) => isHeaderLine(line))) {
    const culprit = edits.findIndex((e) => e.newText.includes(HEADER_PREFIX))
    return culprit >= 0
      ? { ok: false, edit: culprit + 1, reason: `new_text ${culprit + 1} writes a Graft header line` }
      : { ok: false, reason: 'the edited document holds a Graft header line' }
  }
  return { ok: true, text: crlf ? text.replace(/\n/g, '\r\n') : text }
}

/**
 * The old_text without its final line break, when the model copied the last
 * line of a draft that has none with one (deepagents#2856): that old_text is
 * nowhere in the draft, and without its break it ends the draft and occurs
 * nowhere else, so the edit can mean only that place. Undefined otherwise (the
 * exact rule then decides).
 */
function atUnterminatedEnd(text: string, oldText: string): string | undefined {
  if (!oldText.endsWith('\n') || text.endsWith('\n') || text.includes(oldText)) return undefined
  const key = oldText.slice(0, -1)
  return key !== '' && text.endsWith(key) && occurrences(text, key) === 1 ? key : undefined
}

/** How often `needle` occurs in `text`, overlapping occurrences included. */
function occurrences(text: string, needle: string): number {
  let count = 0
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) count++
  return count
}
