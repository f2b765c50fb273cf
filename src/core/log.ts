// The core reports progress through this interface; the action adapter maps it
// to @actions/core (groups, warnings), the CLI to the terminal.
export interface Log {
  info(message: string): void
  warn(message: string): void
  /** runs `fn` inside a collapsible group in the Actions log */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
}

export const silentLog: Log = {
  info: () => {},
  warn: () => {},
  group: (_name, fn) => fn()
}

/** `::cmd …::` (workflow commands) and `##[cmd …]` (their older form), as the runner reads a line. */
const COMMAND_LINE = /^\s*(?:::|##\[)/

/**
 * Characters that can hide or reorder what a reader sees, wherever repository
 * text is shown (a terminal, the Actions log, a rendered comment), as a regular
 * expression class: C0 and C1 controls other than tab and the line breaks (an
 * escape sequence; U+009B, the 8-bit CSI, which terminals that honour C1
 * controls act on), and the bidirectional marks, embeddings, overrides and
 * isolates ("Trojan Source"). The log escaper and the Markdown renderer show
 * each as an escape.
 */
export const HIDDEN_CHARACTERS =
  '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069'

// In a log, a tab, a carriage return (it rewrites the line) and the Unicode
// line and paragraph separators are escaped too: only `\n` breaks a line.
const LOG_HIDDEN = new RegExp(`[${HIDDEN_CHARACTERS}\\t\\r\\u2028\\u2029]`, 'g')

/** One hidden character as a reader sees it: `\\r`, `\\t`, `\\u001b`, `\\u202e`. */
export function escapeCharacter(c: string): string {
  const json = JSON.stringify(c).slice(1, -1)
  return json !== c ? json : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
}

/**
 * Text that is safe to print to an Actions log or a terminal: hidden
 * characters (see HIDDEN_CHARACTERS), tabs and carriage returns are written as
 * escapes (`\r` → `\\r`), and a line the runner would read as a workflow command
 * (`::error::…`, `::stop-commands::…`, `##[…]`) is quoted with a leading `» `, so
 * repository content can never run one. Every string that reaches a log goes
 * through here (the adapters' Log does it).
 */
export function escapeLog(text: string): string {
  const visible = text.replace(LOG_HIDDEN, escapeCharacter)
  if (!visible.includes('::') && !visible.includes('##[')) return visible
  return visible
    .split('\n')
    .map((line) => (COMMAND_LINE.test(line) ? `» ${line}` : line))
    .join('\n')
}
