// Reads the one thing change detection needs from a Graft header: `rev=`, the
// revision whose sources the generator looked at.
import { isHeaderLine, parseHeader } from '../graft/header.js'

/**
 * The `rev=` of the header on the first line of `text`; undefined when there is
 * no header, or the rev is `workspace` (generated from uncommitted files).
 */
export function headerRev(text: string): string | undefined {
  const rev = parseHeader(text.split('\n', 1)[0])?.rev
  return rev && rev !== 'workspace' ? rev : undefined
}

/** `text` without its first line when that line is a Graft header. */
export function stripHeaderLine(text: string): string {
  const end = text.indexOf('\n')
  const first = end === -1 ? text : text.slice(0, end)
  if (!isHeaderLine(first)) return text
  return end === -1 ? '' : text.slice(end + 1)
}

/** `text` without every Graft header line at its top (Graft sometimes wrote two). */
export function stripLeadingHeaders(text: string): string {
  let rest = text
  for (;;) {
    const next = stripHeaderLine(rest)
    if (next === rest) return rest
    rest = next
  }
}
