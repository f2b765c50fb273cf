#!/usr/bin/env node
// graft-action's terminal adapter: the same core as the action, for local use.
import { GraftError, formatProblem } from '../core/errors.js'

// Loaded on demand: validate, the quick path, never loads the AWS SDK.
const commands: Record<string, () => Promise<(argv: string[]) => Promise<number>>> = {
  validate: async () => (await import('./validate-command.js')).validateCommand,
  generate: async () => (await import('./generate-command.js')).generateCommand,
  pack: async () => (await import('./generate-command.js')).packCommand
}

const help = `Usage: graft-action <command> [options]

Commands:
  validate    report stale generated documents and why
  generate    regenerate stale documents through Claude on Bedrock (--dry-run: no calls)
  pack        print the packed prompt for one document
Run "graft-action <command> --help" for a command's options.
`

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help)
    return name ? 0 : 1
  }
  const load = commands[name]
  if (!load) {
    process.stderr.write(`graft-action: unknown command "${name}"\n\n${help}`)
    return 2
  }
  return (await load())(rest)
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  if (error instanceof GraftError) {
    for (const p of error.problems) process.stderr.write(`error: ${formatProblem(p)}\n`)
  } else {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`)
  }
  process.exitCode = 1
}
