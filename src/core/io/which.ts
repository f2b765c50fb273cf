// Finds an executable on PATH without spawning a shell. Only absolute PATH
// entries count: a relative one ('.', an empty entry, 'node_modules/.bin')
// names a folder of whatever directory the program runs in, which is the
// repository, so a file committed there would run as git or dvc. Go's
// exec.LookPath refuses the same (ErrDot, Go 1.19).
import { accessSync, constants, statSync } from 'node:fs'
import { delimiter, isAbsolute, join } from 'node:path'

export function which(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter((d) => isAbsolute(d))) {
    const candidate = join(dir, name)
    try {
      accessSync(candidate, constants.X_OK)
      if (statSync(candidate).isFile()) return candidate
    } catch {
      // not here; keep looking
    }
  }
  return undefined
}
