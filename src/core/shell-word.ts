// One word of a POSIX shell command: the commands the action's messages
// suggest (`git checkout -- PATH`, `dvc repro STAGE`) are pasted into a
// shell, and a stage's `cmd` is run by one, so a repository name (a file
// named `$(touch x).md`, or with a space) must reach the program as one
// literal argument. Quoting is added only where the shell needs it. At the
// core's ground: the lowest layers (io's restore hints) suggest commands too.

/**
 * Characters a shell word may hold bare: letters, digits, `_ . / @ % + = : , -`
 * and every character from U+00A1 up (no shell gives those a meaning). Not
 * the blanks, quotes, `$`, backticks, `\`, `;&|<>()`, globs `*?[]`, braces,
 * `~` and `#` (special at a word's start), `!` (history in an interactive
 * bash), `^` (a pipe in old shells), nor any control character. A word may
 * not start with `=` either: zsh (macOS's shell) replaces `=ls` with the path
 * of the program ls.
 */
const BARE = /^(?!=)[\w./@%+=:,\u00a1-\u{10ffff}-]+$/u

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
