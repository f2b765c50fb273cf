// The core's Log for a terminal: progress to stderr, so stdout stays clean for --json.
import { escapeLog, type Log } from '../core/log.js'

export function terminalLog(quiet: boolean): Log {
  return {
    info: (m) => {
      if (!quiet) process.stderr.write(`${escapeLog(m)}\n`)
    },
    warn: (m) => process.stderr.write(`warning: ${escapeLog(m)}\n`),
    group: async (name, fn) => {
      if (!quiet) process.stderr.write(`== ${escapeLog(name)}\n`)
      return fn()
    }
  }
}
