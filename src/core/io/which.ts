// Finds an executable on PATH without spawning a shell.
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'

export function which(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here; keep looking
    }
  }
  return undefined
}
