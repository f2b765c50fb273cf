// The core's Log for a terminal: progress to stderr, so stdout stays clean for --json.
import type { Log } from '../core/log.js'

export function terminalLog(quiet: boolean): Log {
  return {
    info: (m) => {
      if (!quiet) process.stderr.write(`${m}\n`)
    },
    warn: (m) => process.stderr.write(`warning: ${m}\n`),
    group: async (name, fn) => {
      if (!quiet) process.stderr.write(`== ${name}\n`)
      return fn()
    }
  }
}
