// What a directory entry is (file, folder, symlink, FIFO, …), asked without
// following it, and the stat calls that answer undefined instead of throwing.
import { lstatSync, readdirSync, statSync, type Dirent, type Stats } from 'node:fs'

/** What a directory entry is, as messages name it ({@link kindOf}). */
export type Kind =
  'file' | 'folder' | 'symlink' | 'FIFO (named pipe)' | 'socket' | 'character device' | 'block device' | 'special file'

/** What `entry` is (a Stats from lstat or stat, or a Dirent from a listing). */
export function kindOf(entry: Stats | Dirent): Kind {
  if (entry.isSymbolicLink()) return 'symlink'
  if (entry.isFile()) return 'file'
  if (entry.isDirectory()) return 'folder'
  if (entry.isFIFO()) return 'FIFO (named pipe)'
  if (entry.isSocket()) return 'socket'
  if (entry.isCharacterDevice()) return 'character device'
  if (entry.isBlockDevice()) return 'block device'
  return 'special file'
}

export function lstatOrUndefined(abs: string): Stats | undefined {
  try {
    return lstatSync(abs, { throwIfNoEntry: false })
  } catch {
    return undefined // e.g. a file where a folder was expected
  }
}

/** A folder's entries and their kinds (no symlink followed); undefined when it cannot be listed. */
export function listFolder(dir: string): Map<string, Kind> | undefined {
  try {
    return new Map(readdirSync(dir, { withFileTypes: true }).map((entry) => [entry.name, kindOf(entry)]))
  } catch {
    return undefined
  }
}

/** lstat; null when nothing is there, undefined on any other error (the caller then takes the general path). */
export function lstatOrMissing(abs: string): Stats | null | undefined {
  try {
    return lstatSync(abs, { throwIfNoEntry: false }) ?? null
  } catch {
    return undefined
  }
}

export function statOrUndefined(abs: string): Stats | undefined {
  try {
    return statSync(abs, { throwIfNoEntry: false })
  } catch {
    return undefined
  }
}
