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
// Control characters other than the line break: a carriage return or escape
// sequence could hide or rewrite what a reader sees (C1 controls too: U+009B
// starts an escape sequence in some terminals), the Unicode line and
// paragraph separators, which some renderers break lines at, and the
// bidirectional overrides and isolates, which reorder what is shown.
const OTHER_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const SHORT: Record<string, string> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' }

/** One character as an escape: `\n`, `\t`, … or `\u007f` (JSON's forms; JSON.stringify leaves U+007F and above raw). */
function escapeChar(c: string): string {
  return SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
}

/** `text` with every control character (line breaks included) written as an escape. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, escapeChar)
}

/**
 * Text that is safe to print to an Actions log or a terminal: control
 * characters other than `\n` are written as escapes (`\r` → `\\r`), and a line
 * the runner would read as a workflow command (`::error::…`, `::stop-commands::…`,
 * `##[…]`) is quoted with a leading `» `, so repository content can never run one.
 * Every string that reaches a log goes through here (the adapters' Log does it).
 */
export function escapeLog(text: string): string {
  const visible = text.replace(OTHER_CONTROL, escapeChar)
  if (!visible.includes('::') && !visible.includes('##[')) return visible
  return visible
    .split('\n')
    .map((line) => (COMMAND_LINE.test(line) ? `» ${line}` : line))
    .join('\n')
}
