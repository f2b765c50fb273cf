// Whether the runner can write an output: the nearest folder that exists on
// the way to it must be a folder, and writable.
import { accessSync, constants } from 'node:fs'
import { dirname } from 'node:path'
import { statOrUndefined } from './kinds.js'

/** The end of the problem for an output whose folder the runner cannot write (the fix is a permission, not the path). */
export const NOT_WRITABLE = 'is not writable'

/**
 * What stops a write into `dir`: its nearest existing ancestor, when that is
 * a file or not writable; else null. `landed`: `dir` is known to be a folder,
 * so only its permission is asked.
 */
export function writeBlocker(dir: string, landed: boolean): { dir: string; isFile: boolean } | null {
  for (;;) {
    if (!landed) {
      const stats = statOrUndefined(dir)
      if (!stats) {
        const up = dirname(dir)
        if (up === dir) return null
        dir = up
        continue
      }
      if (!stats.isDirectory()) return { dir, isFile: true }
    }
    try {
      accessSync(dir, constants.W_OK)
    } catch {
      return { dir, isFile: false }
    }
    return null
  }
}
