// Names as a POSIX shell reads them. A stage's `cmd` is run by `dvc repro`
// through /bin/sh, and the commands the action's messages suggest are pasted
// into one: a prompt named `$(touch x).prompt.md`, or one with a space, must
// reach the program as one literal argument. Quoting is added only where the
// shell needs it, so the names Graft's generator writes unquoted stay
// byte-identical (and their stages' commands unchanged).

/**
 * Characters a shell word may hold bare: letters, digits, `_ . / @ % + = : , -`
 * and every character from U+00A1 up (no shell gives those a meaning). Not
 * the blanks, quotes, `$`, backticks, `\`, `;&|<>()`, globs `*?[]`, braces,
 * `~` and `#` (special at a word's start), `!` (history in an interactive
 * bash), `^` (a pipe in old shells), nor any control character.
 */
const BARE = /^[\w./@%+=:,\u00a1-\u{10ffff}-]+$/u

/**
 * `word` as one argument of a POSIX shell command: as it is when that is
 * safe, else in single quotes (a `'` inside written `'\''`).
 */
export function shellWord(word: string): string {
  if (BARE.test(word)) return word
  return `'${word.replace(/'/g, `'\\''`)}'`
}

/**
 * A repository path as one argument: {@link shellWord}, and `./` before a
 * path that starts with `-`, which a program would otherwise read as an option.
 */
export function shellPath(path: string): string {
  return shellWord(path.startsWith('-') ? `./${path}` : path)
}

/**
 * `value` written inside a command template at a place whose quoting the
 * template already chose: inside `"…"` (where `"`, `$`, backtick and `\` need
 * a backslash), inside `'…'` (where only `'` needs care), or bare.
 */
export function quotedFor(context: '"' | "'" | '', value: string, path: boolean): string {
  if (context === '"') return value.replace(/["$`\\]/g, '\\$&')
  if (context === "'") return value.replace(/'/g, `'\\''`)
  return path ? shellPath(value) : shellWord(value)
}

/**
 * A stage as a target of the `dvc` CLI (`dvc repro X`, `dvc commit X`), ready
 * for a shell. DVC reads a bare target as a stage name unless it starts with
 * `-` (an option to the CLI) or is a pipeline file's name (`dvc.yaml` means
 * every stage of it, `dvc.lock` is refused): those are written
 * `dvc.yaml:NAME`, which DVC reads as stage NAME of ./dvc.yaml.
 */
export function dvcTarget(stage: string): string {
  const qualified = stage.startsWith('-') || stage === 'dvc.yaml' || stage === 'dvc.lock'
  return shellWord(qualified ? `dvc.yaml:${stage}` : stage)
}
