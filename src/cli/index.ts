#!/usr/bin/env node
// graft-action's terminal adapter: the same core as the action, for local use.
// Exit status: 0 done, 1 failed (or stale with --fail-on-stale, or sync --check
// found changes), 2 a usage error (unknown command or option, bad value).
import { GraftError, formatProblem } from '../core/errors.js'
import { workAbandoned } from '../core/abandoned.js'
import { nearest, UsageError } from './args.js'
import pkg from '../../package.json'

// Loaded on demand: validate, the quick path, never loads the AWS SDK.
const commands: Record<string, () => Promise<(argv: string[]) => Promise<number>>> = {
  validate: async () => (await import('./validate-command.js')).validateCommand,
  generate: async () => (await import('./generate-command.js')).generateCommand,
  pack: async () => (await import('./generate-command.js')).packCommand,
  sync: async () => (await import('./sync-command.js')).syncCommand,
  hook: async () => (await import('./hook-command.js')).hookCommand
}

const help = `Usage: graft-action <command> [options]

Commands:
  validate        report stale generated documents and why
  generate        regenerate stale documents through Claude on Bedrock (--dry-run: no calls)
  pack            print the packed prompt for one document
  sync            rewrite dvc.yaml from the prompts (--check: only say what would change)
  hook install    add a git pre-commit hook that runs validate

Options:
  -V, --version   print the version
  -h, --help      show this help
Run "graft-action <command> --help" for a command's options.
Exit status: 0 done, 1 failed or stale (see each command), 2 a usage error.
`

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help)
    return 0
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`graft-action ${pkg.version}\n`)
    return 0
  }
  if (!name) {
    process.stderr.write(help)
    return 2
  }
  const load = commands[name]
  if (!load) {
    const near = name.startsWith('-') ? undefined : nearest(name, Object.keys(commands))
    throw new UsageError({
      message: name.startsWith('-')
        ? `unknown option ${name}; options go after the command`
        : `unknown command "${name}"${near ? `; did you mean "${near}"?` : ''}`,
      hint: `the commands are ${Object.keys(commands).join(', ')}; run "graft-action --help"`
    })
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
  process.exitCode = error instanceof UsageError ? error.exitCode : 1
}
// work given up at its time limit (a credential_process that never returns) would keep Node running
if (workAbandoned()) process.exit(process.exitCode ?? 0)
