// Command-line parsing shared by every command: node:util's parseArgs, with its
// errors turned into usage errors (exit status 2) that name the nearest option
// and point at the command's --help, and option values checked by the core's
// settings (one wording for the action and the CLI).
import { parseArgs } from 'node:util'
import { GraftError, type Problem } from '../core/errors.js'
import { nearest } from '../core/nearest.js'

/** A mistake in how the command was typed: printed like any error, exit status 2. */
export class UsageError extends GraftError {
  readonly exitCode = 2

  constructor(problem: Problem) {
    super(problem)
    this.name = 'UsageError'
  }
}

export interface OptionSpec {
  type: 'string' | 'boolean'
  short?: string
  default?: string | boolean
  multiple?: boolean
}

export interface Parsed<V> {
  values: V
  positionals: string[]
}

/**
 * Parses `argv` for `command` (e.g. "validate", "hook install") against
 * `options`. Every command also takes -h/--help. Unknown options and options
 * missing their value throw a UsageError naming the nearest known option.
 */
export function parseCommandLine<V extends object>(
  command: string,
  argv: string[],
  options: Record<string, OptionSpec>
): Parsed<V> {
  const all: Record<string, OptionSpec> = { ...options, help: { type: 'boolean', short: 'h', default: false } }
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: all })
    return { values: values as V, positionals }
  } catch (error) {
    throw usageFromParseError(command, error, all)
  }
}

/** Runs `fn`; a GraftError it throws (a bad option value) becomes a UsageError. */
export function asUsage<T>(fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    if (error instanceof GraftError && !(error instanceof UsageError)) {
      const [first] = error.problems
      throw new UsageError({ message: first.message, hint: first.hint })
    }
    throw error
  }
}

function usageFromParseError(command: string, error: unknown, options: Record<string, OptionSpec>): unknown {
  const code = (error as { code?: string }).code
  const message = error instanceof Error ? error.message : String(error)
  const help = `run "graft-action ${command} --help" for its options`
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const typed = /'(-[^']*)'/.exec(message)?.[1] ?? message
    const flags = Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])])
    const near = typed.startsWith('--')
      ? nearest(
          typed,
          flags.filter((f) => f.startsWith('--'))
        )
      : undefined
    return new UsageError({
      message: `unknown option ${typed} for ${command}${near ? `; did you mean ${near}?` : ''}`,
      hint: help
    })
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const typed = /Option '(?:-\w, )?(--[^ ']+)/.exec(message)?.[1]
    const spec = typed ? options[typed.slice(2)] : undefined
    return new UsageError({
      message:
        typed && spec?.type === 'string' ? `${typed} needs a value` : typed ? `${typed} takes no value` : message,
      hint: help
    })
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new UsageError({ message, hint: help })
  return error
}
