// The core's Log for a terminal: progress to stderr, so stdout stays clean for
// --json; group titles in bold and warnings in yellow when stderr is a terminal.
import { escapeLog, type Log } from '../core/log.js'
import type { LeftStale } from '../core/generate/left-stale.js'
import { err, out } from './style.js'

export function terminalLog(quiet: boolean): Log {
  return {
    info: (m) => {
      if (!quiet) process.stderr.write(`${escapeLog(m)}\n`)
    },
    warn: (m) => process.stderr.write(`${err.warning('warning:')} ${escapeLog(m)}\n`),
    group: async (name, fn) => {
      if (!quiet) process.stderr.write(`${err.bold(`== ${escapeLog(name)}`)}\n`)
      return fn()
    }
  }
}

/** What a targeted run leaves stale outside its targets, on stdout after the run's own lines; nothing when it leaves nothing. */
export function printLeftStale(left: LeftStale[], verb: string): void {
  if (left.length === 0) return
  process.stdout.write(`${out.stale(`${left.length} document(s) outside the targets ${verb}:`)}\n`)
  for (const d of left) process.stdout.write(`  ${escapeLog(d.outputs.join(', '))}  (${escapeLog(d.why)})\n`)
  process.stdout.write('Run without targets, or with --downstream include, to bring them up to date.\n')
}
