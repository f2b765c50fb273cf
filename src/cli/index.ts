#!/usr/bin/env node
// graft-action's terminal adapter: the same core as the action, for local use.
// Exit status: 0 done, 1 failed (or stale with --fail-on-stale, or sync --check
// found changes), 2 a usage error (unknown command or option, bad value).
import { GraftError, formatProblem, type Problem } from '../core/errors.js'
import { escapeLog } from '../core/log.js'
import { nearest } from '../core/nearest.js'
import { usePhrasing } from '../core/phrasing.js'
import { unsupportedPlatform } from '../core/platform.js'
import { UsageError } from './args.js'
import { helpPage } from './help.js'
import { cliPhrasing } from './phrasing.js'
import { err } from './style.js'
import pkg from '../../package.json'

// Loaded on demand: validate, the quick path, never loads the AWS SDK.
const commands: Record<string, () => Promise<(argv: string[]) => Promise<number>>> = {
  validate: async () => (await import('./validate-command.js')).validateCommand,
  generate: async () => (await import('./generate-command.js')).generateCommand,
  pack: async () => (await import('./generate-command.js')).packCommand,
  sync: async () => (await import('./sync-command.js')).syncCommand,
  hook: async () => (await import('./hook-command.js')).hookCommand
}

/** Commands that take --json: their failures are a JSON object on stdout too. */
const JSON_COMMANDS = new Set(['validate'])

const help = (): string =>
  helpPage({
    usage: 'graft-action <command> [options]',
    sections: [
      {
        heading: 'Commands',
        rows: [
          ['validate', 'report stale generated documents and why'],
          ['generate', 'regenerate stale documents through Claude on Bedrock (--dry-run: no calls)'],
          ['pack', 'print the packed prompt for one document'],
          ['sync', 'rewrite dvc.yaml from the prompts (--check: only say what would change)'],
          ['hook install', 'add a git pre-commit hook that runs validate']
        ]
      },
      {
        heading: 'Options',
        rows: [
          ['-V, --version', 'print the version'],
          ['-h, --help', 'show this help']
        ]
      }
    ],
    footer:
      'Run "graft-action <command> --help" for a command\'s options.\n' +
      'Exit status: 0 done, 1 failed or stale (see each command), 2 a usage error.'
  })

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help())
    return 0
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`graft-action ${pkg.version}\n`)
    return 0
  }
  const platform = unsupportedPlatform(process.platform)
  if (platform) throw new GraftError(platform)
  if (!name) {
    process.stderr.write(help())
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

/** Whether the user asked this command for JSON (options before a `--` only). */
function wantsJson(argv: string[]): boolean {
  const [name, ...rest] = argv
  const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest
  return JSON_COMMANDS.has(name) && options.includes('--json')
}

const argv = process.argv.slice(2)
usePhrasing(cliPhrasing)
// The AWS SDK warns on Node 20 that its releases from 2027 need Node 22: a note
// for this project's maintainers (who pin the SDK), not for the person at the terminal.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
try {
  process.exitCode = await main(argv)
} catch (error) {
  const problems: Problem[] =
    error instanceof GraftError ? error.problems : [{ message: error instanceof Error ? error.message : String(error) }]
  const exitCode = error instanceof UsageError ? error.exitCode : 1
  for (const p of problems) process.stderr.write(`${err.error('error:')} ${escapeLog(formatProblem(p))}\n`)
  if (wantsJson(argv)) {
    const list = problems.map((p) => ({
      file: p.file ?? null,
      line: p.line ?? null,
      message: p.message,
      hint: p.hint ?? null
    }))
    process.stdout.write(`${JSON.stringify({ ok: false, exit_code: exitCode, problems: list }, null, 2)}\n`)
  }
  process.exitCode = exitCode
}
