// What --json prints. JSON.stringify escapes C0 controls but leaves C1 controls
// (U+009B, the 8-bit CSI) and bidirectional overrides as they are, since JSON
// allows them; a terminal the JSON is printed to may act on them. Written as
// \u escapes (the log's escaper; the indentation's line breaks are the only raw
// ones left), the text means the same to every JSON reader. The old
// workflow-command form's `##[`, which the runner obeys anywhere in a line
// when the CLI runs in a workflow step, is written `##\u005b`: inside a
// string, the same JSON.
import { defangOldCommands, escapeControls } from '../core/log.js'

/** `value` as indented JSON and a line break, with no character a terminal could act on. */
export function jsonOutput(value: unknown): string {
  return `${defangOldCommands(escapeControls(JSON.stringify(value, null, 2), '\n'))}\n`
}
