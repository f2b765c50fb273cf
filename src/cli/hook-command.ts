// `graft-action hook install`: a git pre-commit hook that runs validate and
// blocks a commit leaving a document stale or dvc.yaml out of sync. The hook
// goes where git looks for hooks (core.hooksPath, else .git/hooks); a hook
// this command did not write is kept unless --force, which saves a copy.
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync, mkdirSync, realpathSync } from 'node:fs'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { GraftError } from '../core/errors.js'
import { Git } from '../core/io/git.js'
import { UsageError, nearest, parseCommandLine } from './args.js'

export const hookHelp = `Usage: graft-action hook install [options]

Writes a git pre-commit hook that runs "graft-action validate --fail-on-stale"
and blocks a commit that leaves a generated document stale or dvc.yaml out of
sync with the prompts. "git commit --no-verify" skips it once. The hook checks
the working tree, so unstaged edits count too.

Options:
  --force          replace a pre-commit hook graft-action did not write (a copy is kept)
  -C, --cwd <dir>  the Graft repository (default: the current directory)
  -h, --help       show this help
`

/** The first line after the shebang of every hook this command writes: how it knows its own. */
const MARKER = '# graft-action pre-commit hook'
const BACKUP_SUFFIX = '.before-graft-action'

export async function hookCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv
  if (sub === 'install') return install(rest)
  if (sub === '--help' || sub === '-h') {
    process.stdout.write(hookHelp)
    return 0
  }
  if (!sub) throw new UsageError({ message: 'hook needs a command: install', hint: 'run "graft-action hook --help"' })
  const near = nearest(sub, ['install'])
  throw new UsageError({
    message: `unknown hook command "${sub}"${near ? `; did you mean "${near}"?` : ''}`,
    hint: 'run "graft-action hook --help"'
  })
}

async function install(argv: string[]): Promise<number> {
  const { values } = parseCommandLine<{ force: boolean; cwd: string; help: boolean }>('hook install', argv, {
    force: { type: 'boolean', default: false },
    cwd: { type: 'string', short: 'C', default: '.' }
  })
  if (values.help) {
    process.stdout.write(hookHelp)
    return 0
  }
  const dir = resolve(values.cwd)
  const git = new Git(dir)
  const top = await git.tryExec(['rev-parse', '--show-toplevel'])
  if (top.code !== 0) {
    throw new GraftError({
      message: `${dir} is not in a git repository`,
      hint: 'run "git init" first, or pass -C <repository>'
    })
  }
  const root = top.stdout.trim()
  // Every git command runs with hooks off (core.hooksPath=/dev/null), so the configured folder is asked for by name.
  const configured = (await git.configuredPaths('core.hooksPath')).at(-1)
  const hooksDir = configured
    ? resolve(root, configured)
    : resolve(dir, (await git.exec(['rev-parse', '--git-common-dir'])).trim(), 'hooks')
  const hook = join(hooksDir, 'pre-commit')
  const shown = isAbsolute(relative(root, hook)) || relative(root, hook).startsWith('..') ? hook : relative(root, hook)

  let replaced = ''
  if (existsSync(hook)) {
    const existing = readFileSync(hook, 'utf8')
    if (!existing.includes(MARKER)) {
      if (!values.force) {
        throw new GraftError({
          file: shown,
          message: `a pre-commit hook that graft-action did not write is already there; it was left as it is`,
          hint: `call "graft-action validate --fail-on-stale" from it yourself, or run "graft-action hook install --force" to replace it (a copy is kept as pre-commit${BACKUP_SUFFIX})`
        })
      }
      renameSync(hook, `${hook}${BACKUP_SUFFIX}`)
      replaced = ` (the previous hook is kept as ${shown}${BACKUP_SUFFIX})`
    }
  }
  mkdirSync(hooksDir, { recursive: true })
  writeFileSync(hook, hookScript(relative(root, dir)))
  chmodSync(hook, 0o755)
  process.stdout.write(`Installed the graft-action pre-commit hook in ${shown}${replaced}.\n`)
  process.stdout.write(
    'Commits that leave a document stale or dvc.yaml out of sync are now blocked; "git commit --no-verify" skips the check once.\n'
  )
  return 0
}

/** The hook: this Node and this CLI, validate in the Graft folder (relative to the top of the work tree). */
function hookScript(graftDir: string): string {
  const cli = realpathSync(process.argv[1])
  const where = graftDir === '' ? '"$top"' : `"$top"/${shellQuote(graftDir)}`
  return `#!/bin/sh
${MARKER}, written by "graft-action hook install" (run it again to update it).
# Blocks a commit that leaves a generated document stale or dvc.yaml out of sync
# with the prompts. Skip it once with: git commit --no-verify
top=$(git rev-parse --show-toplevel) || exit 1
${shellQuote(process.execPath)} ${shellQuote(cli)} validate --fail-on-stale -C ${where} && exit 0
status=$?
echo >&2
echo "graft-action: commit blocked (above: what is stale or out of sync, and why)." >&2
echo "Regenerate with \\"graft-action generate\\", bring dvc.yaml in line with \\"graft-action sync\\"," >&2
echo "or skip this check once with \\"git commit --no-verify\\"." >&2
exit $status
`
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`
}
