// What --json prints. JSON.stringify escapes C0 controls but leaves C1 controls
// (U+009B, the 8-bit CSI) and bidirectional overrides as they are, since JSON
// allows them; a terminal the JSON is printed to may act on them. Written as
// \u escapes (the log's escaper; the indentation's line breaks are the only raw
// ones left), the text means the same to every JSON reader.
import { escapeControls } from '../core/log.js'

/** `value` as indented JSON and a line break, with no character a terminal could act on. */
export function jsonOutput(value: unknown): string {
  return `${escapeControls(JSON.stringify(value, null, 2), '\n')}\n`
}
