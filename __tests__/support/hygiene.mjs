// What the test environment (environment.mjs) and the run's global teardown
// (global-teardown.mjs) check: folders and files left in a temporary
// directory, and GitHub workflow commands (`::add-mask::`, `::error::`…) that
// reach jest's output, where a runner would obey them. Plain JavaScript: jest
// loads environments and global hooks untransformed.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Where the run's temporary directory is named for every worker and subprocess (set by global-setup.mjs). */
export const RUN_TMPDIR_VAR = 'GRAFT_TEST_RUN_TMPDIR'

/**
 * A line a runner reads as a workflow command. The runner trims leading
 * whitespace first, so an indented line counts too; `##[` is the old form,
 * which it finds anywhere in a line (actions/runner ActionCommand.TryParse).
 */
const COMMAND_LINE = /^\s*::[A-Za-z][\w-]*(\s[^\n]*?)?::|##\[[A-Za-z][\w-]*/

/** The lines of `text` a runner would take as workflow commands. */
export function workflowCommandLines(text) {
  return text.split(/\r?\n/).filter((line) => COMMAND_LINE.test(line))
}

/** `text` with each workflow command line made inert: prefixed (for `::`, obeyed only at a line's start), and `##[` broken. */
export function defang(text) {
  return text
    .split('\n')
    .map((line) =>
      COMMAND_LINE.test(line)
        ? `[workflow command caught by the test guard] ${line.trimStart().replace(/##\[/g, '##\\u005b')}`
        : line
    )
    .join('\n')
}

let producers

/**
 * Prefix → the src/ files that make temporary folders with it
 * (`mkdtemp(join(tmpdir(), 'graft-index-'))`): a leftover with such a name
 * is a leak in the code under test, to fix there.
 */
export function productionPrefixes() {
  if (producers) return producers
  producers = new Map()
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (/\.(ts|cjs|mjs)$/.test(entry.name)) {
        for (const m of readFileSync(path, 'utf8').matchAll(/tmpdir\(\)\s*,\s*['"`]([\w.-]+?)-?['"`]/g)) {
          const files = producers.get(m[1]) ?? []
          producers.set(m[1], [...files, relative(PROJECT_ROOT, path)])
        }
      }
    }
  }
  walk(join(PROJECT_ROOT, 'src'))
  return producers
}

/** One line per leftover: its path, what it holds, and who made it when the name says so. */
export function describeEntries(dir, names) {
  return names.sort().map((name) => {
    const path = join(dir, name)
    let what = ''
    try {
      if (statSync(path).isDirectory()) {
        const inside = readdirSync(path)
        what =
          inside.length === 0
            ? ' (empty folder)'
            : ` (folder: ${inside.slice(0, 5).join(', ')}${inside.length > 5 ? ', …' : ''})`
      }
    } catch {
      // removed meanwhile
    }
    const prefix = name.replace(/-[A-Za-z0-9]{6}$/, '')
    const made = productionPrefixes().get(prefix)
    const by = made ? ` ← made by the code under test (${made.join(', ')}): a leak to fix in src/` : ''
    return `  ${path}${what}${by}`
  })
}

export const HOW_TO_CLEAN =
  'Make folders with scratchDir() from __tests__/support/scratch.ts (removed after the test file), ' +
  'or remove what the test makes in afterEach/afterAll.'

/**
 * Places outside the temporary directory that the code or its tools write to
 * when a test forgets to point them elsewhere: DVC's site cache (unless
 * DVC_SITE_CACHE_DIR is set), the runner user's caches (render cache, DVC's
 * tool cache, act's), DVC's user config.
 */
export function watchedPaths(home = process.env.HOME ?? '') {
  const paths = ['/var/tmp/dvc']
  if (home) paths.push(join(home, '.cache', 'graft-action'), join(home, '.cache', 'act'), join(home, '.config', 'dvc'))
  return paths
}

/** Path → its entries (undefined when absent): what is there before the run, to compare after it. */
export function snapshotPaths(paths) {
  return Object.fromEntries(
    paths.map((path) => {
      try {
        return [path, readdirSync(path)]
      } catch {
        return [path, undefined]
      }
    })
  )
}

/** What appeared in the watched paths since `before`. */
export function appearedSince(before) {
  const lines = []
  for (const [path, was] of Object.entries(before)) {
    const now = snapshotPaths([path])[path]
    if (now === undefined) continue
    if (was === undefined) lines.push(`  ${path} (created during the run)`)
    else for (const name of now.filter((n) => !was.includes(n))) lines.push(`  ${join(path, name)}`)
  }
  return lines
}

/** Shared by the run's global setup, teardown and results processor (one process: jest's main one). */
export const run = { tmpdir: undefined, savedTmpdir: undefined, watched: {}, leftovers: [] }
