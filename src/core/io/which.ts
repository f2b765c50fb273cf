// Finds an executable on PATH without spawning a shell. Only absolute PATH
// entries count: a relative one ('.', an empty entry, 'node_modules/.bin')
// names a folder of whatever directory the program runs in, which is the
// repository, so a file committed there would run as git or dvc. Go's
// exec.LookPath refuses the same (ErrDot, Go 1.19). For the same reason an
// absolute entry inside the checkout is skipped: workflows put
// `$GITHUB_WORKSPACE/bin`, `.venv/bin` or `node_modules/.bin` on PATH, and a
// pull request that commits `bin/git` there would run in git's place, as a
// child of the action (whose environment holds the token and the AWS keys).
import { accessSync, constants, realpathSync, statSync } from 'node:fs'
import { delimiter, isAbsolute, join, resolve } from 'node:path'
import { GraftError } from '../errors.js'
import { isWithin } from '../repo/names.js'

/** `path` with symlinks resolved when it exists, else as written (resolved). */
function real(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return resolve(path)
  }
}

/**
 * The folders whose content a pull request controls, so that no program is
 * taken from them: the workspace the runner checked out into
 * (GITHUB_WORKSPACE of `env`) and `also` (the repository a command runs in).
 */
export function checkoutFolders(env: NodeJS.ProcessEnv = process.env, also?: string): string[] {
  return [env.GITHUB_WORKSPACE, also].filter((d): d is string => !!d && isAbsolute(d))
}

/** True when `dir` is one of `folders` or inside one (as written, or with symlinks resolved). */
export function insideAny(dir: string, folders: readonly string[]): boolean {
  if (folders.length === 0) return false
  const lexical = resolve(dir)
  const resolved = real(dir)
  return folders.some((f) => isWithin(resolve(f), lexical) || isWithin(real(f), resolved))
}

/** A search path (PATH, LD_LIBRARY_PATH) with its relative entries and its entries inside `untrusted` left out. */
export function trustedEntries(list: string, untrusted: readonly string[]): string {
  return list
    .split(delimiter)
    .filter((dir) => isAbsolute(dir) && !insideAny(dir, untrusted))
    .join(delimiter)
}

export function which(
  name: string,
  path = process.env.PATH ?? '',
  untrusted: readonly string[] = checkoutFolders()
): string | undefined {
  for (const dir of trustedEntries(path, untrusted).split(delimiter)) {
    if (dir === '') continue
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

/**
 * Where `name` is on `path` when it is there only inside `untrusted` (the
 * checkout), so that "not installed" is not said of a program that is on
 * PATH but not taken; undefined when it is found outside, or nowhere.
 */
export function foundOnlyInCheckout(
  name: string,
  path = process.env.PATH ?? '',
  untrusted: readonly string[] = checkoutFolders()
): string | undefined {
  return which(name, path, untrusted) === undefined ? which(name, path, []) : undefined
}

/** The program is on PATH only in a folder of the checkout, whose files a pull request decides. */
export function inCheckoutProblem(name: string, found: string): GraftError {
  const problem = new GraftError({
    message: `${name} was found on PATH only at ${found}, inside the checkout, and the action runs no program from the checkout`,
    hint: `install ${name} outside the workspace (a branch or pull request decides what the checkout holds), or put a ${name} from outside it on PATH`
  })
  return Object.assign(problem, { code: 'ENOENT' })
}
