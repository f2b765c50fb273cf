// The folder a run works in, checked once before anything reads it: it exists,
// is a folder, git runs there, and it is inside a git working tree. Each failure
// names the folder and says what to do, instead of Node's `spawn git ENOENT`
// (which reads as "git is not installed") or git's bare "not a git repository".
import { stat } from 'node:fs/promises'
import { GraftError } from '../errors.js'
import { Git } from './git.js'
import { phrasing, setting } from '../phrasing.js'

const setIt = (): string => `set ${setting('working-directory')} to a folder of the repository`

/**
 * Checks that `root` (absolute) is a folder inside a git working tree.
 * @throws GraftError naming `root` when it does not exist, is not a folder,
 *   git is not on PATH, it is outside any git repository, or the repository is bare.
 */
export async function checkWorkingDirectory(root: string): Promise<void> {
  const info = await stat(root).catch(() => undefined)
  if (!info) {
    throw new GraftError({
      message: `the working directory ${root} does not exist`,
      hint: `${setIt()}; ${phrasing().workingTree}`
    })
  }
  if (!info.isDirectory()) {
    throw new GraftError({ message: `the working directory ${root} is a file, not a folder`, hint: setIt() })
  }
  // The runner turns a missing git into a GraftError saying so.
  const r = await new Git(root).tryExec(['rev-parse', '--is-bare-repository', '--is-inside-work-tree'])
  const [bare, inside] = r.stdout.trim().split('\n')
  if (r.code !== 0 && /not a git repository/i.test(r.stderr)) {
    throw new GraftError({
      message: `the working directory ${root} is not inside a git repository`,
      hint: `graft-action reads the committed state from git: ${phrasing().workingTree}`
    })
  }
  if (r.code !== 0) {
    throw new GraftError({
      message: `git cannot read the repository at ${root}: ${r.stderr.trim().split('\n')[0]}`,
      hint: 'fix the repository (or its ownership: git config --global --add safe.directory <folder>) and run again'
    })
  }
  if (bare === 'true' || inside !== 'true') {
    throw new GraftError({
      message: `the working directory ${root} is ${bare === 'true' ? 'a bare repository' : 'inside .git'}: there is no working tree with the prompts and documents`,
      hint: `${phrasing().workingTree}; ${setIt()}`
    })
  }
}
