// Names as a POSIX shell reads them. A stage's `cmd` is run by `dvc repro`
// through /bin/sh, and the commands the action's messages suggest are pasted
// into one: a prompt named `$(touch x).prompt.md`, or one with a space, must
// reach the program as one literal argument. Quoting is added only where the
// shell needs it, so the names Graft's generator writes unquoted stay
// byte-identical (and their stages' commands unchanged).

import { shellWord } from '../shell-word.js'

/** Where a shell reads a character: bare, inside `'…'`, or inside `"…"`. */
export type QuoteContext = '"' | "'" | ''

/**
 * The quoting in force at each of `offsets` of a shell command, as /bin/sh
 * reads it from the start: `'` opens and closes a single-quoted run (nothing
 * is special inside), `"` a double-quoted one (where `\` escapes `"`, `$`,
 * backtick and `\`), and a bare `\` escapes the next character. A template's
 * placeholder sits in whatever quoting its text opened before it —
 * `"--out={out}"` is inside double quotes though `{` follows `=` — and a value
 * put there must be written for that quoting, or `$(…)` in it would run.
 */
export function quoteContexts(command: string, offsets: readonly number[]): QuoteContext[] {
  const at = new Map<number, QuoteContext>()
  const wanted = new Set(offsets)
  let context: QuoteContext = ''
  for (let i = 0; i <= command.length; i++) {
    if (wanted.has(i)) at.set(i, context)
    const c = command[i]
    if (context === "'") {
      if (c === "'") context = ''
    } else if (context === '"') {
      if (c === '"') context = ''
      else if (c === '\\' && /["$`\\\n]/.test(command[i + 1] ?? '')) i++
    } else if (c === "'" || c === '"') context = c
    else if (c === '\\') i++
  }
  return offsets.map((o) => at.get(o) ?? '')
}

/**
 * `value` written at a place of a command template whose quoting the
 * template already chose (see quoteContexts): inside `"…"` (where `"`, `$`,
 * backtick and `\` need a backslash), inside `'…'` (where only `'` needs
 * care), or bare (one shell word of its own). A path starting with `-` gets
 * `./` in every quoting: a program would read it as an option.
 */
export function quotedFor(context: QuoteContext, value: string, path: boolean): string {
  const text = path && value.startsWith('-') ? `./${value}` : value
  if (context === '"') return text.replace(/["$`\\]/g, '\\$&')
  if (context === "'") return text.replace(/'/g, `'\\''`)
  return shellWord(text)
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
