// What the GitHub runner obeys in a step's output, modelled on the runner's own
// parsers (actions/runner, src/Runner.Common/ActionCommand.cs, TryParseV2 and
// the legacy TryParse, called in that order by ActionCommandManager for every
// line): the `::name …::data` form only at the start of a line after leading
// blanks, but the old `##[name …]data` form ANYWHERE in a line. A command
// counts only when its name is one the runner registers.

/** The commands the runner registers (ActionCommandManager and its extensions). */
const REGISTERED = new Set([
  'stop-commands',
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo'
])

export interface RunnerCommand {
  form: '::' | '##['
  name: string
  line: string
}

/** The command the runner reads in one line, if any. */
export function runnerCommand(line: string): RunnerCommand | undefined {
  const trimmed = line.trimStart()
  if (trimmed.startsWith('::')) {
    const end = trimmed.indexOf('::', 2)
    if (end >= 0) {
      const info = trimmed.slice(2, end)
      const name = info.split(' ')[0]
      if (REGISTERED.has(name.toLowerCase())) return { form: '::', name, line }
    }
  }
  const prefix = line.indexOf('##[')
  if (prefix < 0) return undefined
  const close = line.indexOf(']', prefix)
  if (close < 0) return undefined
  const name = line.slice(prefix + 3, close).split(' ')[0]
  return REGISTERED.has(name.toLowerCase()) ? { form: '##[', name, line } : undefined
}

/** Every line of a step's output the runner would obey. */
export function runnerCommands(output: string): RunnerCommand[] {
  return output.split('\n').flatMap((line) => {
    const command = runnerCommand(line.replace(/\r$/, ''))
    return command ? [command] : []
  })
}
