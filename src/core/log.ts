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

/**
 * A line the runner reads as a workflow command of the current form
 * (`::cmd …::`): only at the start of a line, after blanks.
 */
const COMMAND_LINE = /^\s*::/
/**
 * The older form, `##[cmd …]`, which the runner finds ANYWHERE in a line
 * (actions/runner, ActionCommand.TryParse: `message.IndexOf("##[")`).
 */
const OLD_COMMAND = /##\[/g

/**
 * Characters that can hide, rewrite or reorder what a reader sees, wherever
 * repository text is shown (a terminal, the Actions log, a rendered comment,
 * a message) — the one set: C0 controls (tab
 * and the line breaks included: a carriage return rewrites a line), DEL, C1
 * controls (U+009B, the 8-bit CSI, which terminals that honour C1 controls
 * act on; U+0085, next line), the Unicode line and paragraph separators (some
 * renderers break lines at them), the bidirectional marks (the Arabic letter
 * mark U+061C among them), embeddings, overrides and isolates ("Trojan
 * Source"), and the characters that show as nothing at all, so that two names
 * that look the same are told apart: all of Unicode's Default_Ignorable_Code_Point
 * — the soft hyphen, the combining grapheme joiner, the Hangul fillers, the
 * Mongolian vowel separator and variation selectors, the zero-width space,
 * non-joiner and joiner, the word joiner, the invisible operators and the
 * deprecated format characters (U+2060–U+206F), the byte-order mark, the tag
 * characters (U+E0000–U+E007F, "ASCII smuggling": invisible copies of ASCII
 * that a model still reads) and the supplementary variation selectors
 * (U+E0100–U+E01EF, which can carry hidden bytes the same way) — but the
 * variation selectors U+FE00–U+FE0F, which make `⚠️` show as an emoji.
 */
const HIDDEN =
  /(?![\ufe00-\ufe0f])[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\p{Default_Ignorable_Code_Point}]/gu
const SHORT: Record<string, string> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' }

/** One hidden character as a reader sees it: `\\n`, `\\t`, … or `\\u001b`, `\\u202e` (JSON's forms, which read back; a tag character as its two UTF-16 halves). */
function escapeCharacter(c: string): string {
  return (
    SHORT[c] ?? [...Array(c.length).keys()].map((i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join('')
  )
}

/**
 * `text` with every hidden character (see HIDDEN) written as an
 * escape, but those in `keep` (the log keeps `\n`; the Markdown renderer, which
 * turned line breaks into spaces already, keeps tabs). The one escaper: the
 * log, the Markdown renderer, the CLI's JSON and every message showing a path
 * go through it.
 */
export function escapeControls(text: string, keep = ''): string {
  return text.replace(HIDDEN, (c) => (keep.includes(c) ? c : escapeCharacter(c)))
}

/**
 * `text` with the older workflow-command form's `##[` written `##\u005b`
 * (JSON's escape of `[`): the runner obeys `##[name]data` anywhere in a line
 * of a step's output, the action's log and the CLI's --json alike.
 */
export function defangOldCommands(text: string): string {
  return text.includes('##[') ? text.replace(OLD_COMMAND, '##\\u005b') : text
}

/**
 * Text that is safe to print to an Actions log or a terminal: hidden
 * characters (see HIDDEN) but the line break are written as escapes
 * (`\r` → `\\r`), a line the runner would read as a workflow command
 * (`::error::…`, `::stop-commands::…`) is quoted with a leading `» `, and the
 * older form's `##[`, which the runner obeys anywhere in a line, is written
 * `##\u005b` (JSON's escape of `[`), so repository content can never run one.
 * Every string that reaches a log goes through here (the adapters' Log does it).
 */
export function escapeLog(text: string): string {
  const visible = defangOldCommands(escapeControls(text, '\n'))
  if (!visible.includes('::')) return visible
  return visible
    .split('\n')
    .map((line) => (COMMAND_LINE.test(line) ? `» ${line}` : line))
    .join('\n')
}
