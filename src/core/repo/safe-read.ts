// Reading a file the resolver judged regular, so that whatever replaced it
// since cannot hang or fool the run; and the most the action reads at once.
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs'
import { GraftError } from '../errors.js'

/**
 * Reads (UTF-8) a file already judged a regular file, so that whatever
 * replaced it since cannot hang or fool the run: the open never blocks (a FIFO
 * opens at once), `noFollow` refuses a final symlink (for a real path, which
 * has none), and the file is read only if fstat still says regular file.
 * Source of the risk: another process on the runner (an earlier step) can swap
 * a file between the resolver's check and the read.
 * @param shown the repository-relative path, for the message
 * @returns the text; undefined when nothing is there (ENOENT)
 * @throws GraftError naming `shown` when something else is there now; other read errors as thrown
 */
export function readRegularFile(abs: string, shown: string, options: { noFollow?: boolean } = {}): string | undefined {
  const flags = NON_BLOCKING_READ | (options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0)
  let fd: number
  try {
    fd = openSync(abs, flags)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return undefined
    if (code === 'ELOOP' && options.noFollow) throw replaced(shown, 'a symlink')
    throw error
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) throw replaced(shown, 'a FIFO, a device or a folder')
    if (stats.size > MAX_TEXT_BYTES) {
      throw new GraftError({
        file: shown,
        message: `${shown} is ${Math.round(stats.size / (1024 * 1024))} MB, more than the action reads from one file (${MAX_TEXT_BYTES / (1024 * 1024)} MB)`,
        hint: 'a prompt, a pipeline file or a source the model reads is text of a sensible size: remove or split it'
      })
    }
    return readFileSync(fd, 'utf8')
  } finally {
    closeSync(fd)
  }
}

/**
 * The most text the action reads into memory at once (one file, or one
 * document's sources): a JavaScript string holds about 512 M characters, and
 * gigabytes would exhaust the runner's memory first.
 */
export const MAX_TEXT_BYTES = 256 * 1024 * 1024

/**
 * Open flags for reading a file judged earlier: a FIFO swapped in since opens
 * at once instead of blocking (the caller then checks fstat says regular file).
 */
export const NON_BLOCKING_READ = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/** The problem for a file judged regular that is something else (`what`) when read. */
export function replaced(shown: string, what: string): GraftError {
  return new GraftError({
    file: shown,
    message: `${shown} is no longer a regular file: something replaced it with ${what} while the run read it`,
    hint: 'make it a regular file again, and make sure no other step changes the repository while the action runs'
  })
}
