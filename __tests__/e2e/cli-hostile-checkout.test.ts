// A branch the developer checks out is someone else's code: what the CLI and
// its pre-commit hook run must be what the developer installed, never a file
// the checkout put there. Each test commits a planted program (it leaves a
// marker file when run, and would let the commit through) on the checked-out
// branch, then commits a change that leaves documents stale: the hook must run
// the installed graft-action (the commit is blocked) and never the planted one.
import { beforeEach, describe, expect, it } from '@jest/globals'
import { execFile, execFileSync } from 'node:child_process'
import { chmodSync, cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { BUNDLE_NODE, PROJECT_ROOT } from '../support/action-runner.js'
import { AWS_ENV_KEYS } from '../support/bedrock-server.js'
import { exampleRepo } from '../support/example-repo.js'
import { GIT_ENV, TestRepo } from '../support/repo.js'
import { scratchDir } from '../support/scratch.js'

interface Run {
  code: number
  stdout: string
  stderr: string
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { env, cwd }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    )
  })
}

/** PATH holding git, sh and the coreutils, but no node and no graft-action. */
function bareBin(parent: string): string {
  const bin = join(parent, 'bare-bin')
  mkdirSync(bin)
  for (const tool of ['git', 'sh', 'dirname', 'basename', 'readlink', 'touch', 'cat']) {
    const found = execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim()
    symlinkSync(found, join(bin, tool))
  }
  return bin
}

function cleanEnv(path: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...GIT_ENV, PATH: path }
  for (const k of [...AWS_ENV_KEYS, 'GITHUB_ACTIONS', 'FORCE_COLOR', 'NO_COLOR', 'CI']) delete env[k]
  return env
}

describe('a checked-out branch cannot choose what the CLI and the pre-commit hook run', () => {
  let parent: string
  let repo: TestRepo
  let marker: string
  let bin: string

  beforeEach(() => {
    parent = scratchDir('graft-hostile')
    const example = exampleRepo()
    cpSync(example.root, join(parent, 'clone'), { recursive: true })
    example.cleanup()
    repo = new TestRepo(join(parent, 'clone'))
    repo.write({ '.gitignore': 'node_modules/\n' })
    repo.commit('ignore node_modules')
    marker = join(parent, 'PLANTED-CODE-RAN')
    bin = bareBin(parent)
  })

  /** A program that records it ran and succeeds: as graft-action it would let any commit through. */
  const planted = (): string => `#!/bin/sh\ntouch '${marker}'\nexit 0\n`

  /** Commits `files` as a contributor's branch does (git add -f: past .gitignore), executable. */
  function plant(files: string[]): void {
    repo.git('checkout', '-q', '-b', 'contributor')
    for (const f of files) {
      mkdirSync(dirname(repo.path(f)), { recursive: true })
      writeFileSync(repo.path(f), planted())
      chmodSync(repo.path(f), 0o755)
    }
    repo.git('add', '-f', '--', ...files)
    repo.commit('a contributor branch')
  }

  /** Installs the hook from a copy of the CLI outside the repository, as a developer's global install. */
  async function installHook(): Promise<void> {
    const installed = join(parent, 'installed', 'dist', 'cli')
    cpSync(join(PROJECT_ROOT, 'dist/cli'), installed, { recursive: true })
    const r = await run(BUNDLE_NODE, [join(installed, 'index.js'), 'hook', 'install', '-C', repo.root], cleanEnv(bin))
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  }

  /** A source edit that leaves documents stale, committed through the hook with `path`. */
  function commitStale(path: string): Promise<Run> {
    repo.write({ 'sources/changelog.md': `${repo.read('sources/changelog.md')}\n## 2.4.0\n- cancel\n` })
    repo.git('add', 'sources/changelog.md')
    return run('git', ['commit', '-q', '-m', 'changelog'], cleanEnv(path), repo.root)
  }

  it('a committed node_modules/graft-action is passed over: the installed copy runs and blocks the commit', async () => {
    plant(['node_modules/graft-action/dist/cli/index.js'])
    await installHook()
    const head = repo.head()
    const r = await commitStale(bin)
    expect(existsSync(marker)).toBe(false)
    expect(r.code).not.toBe(0)
    expect(repo.head()).toBe(head)
    expect(r.stdout + r.stderr).toContain('docs/release-notes.md')
    expect(r.stderr).toContain(
      'not running ' +
        join(repo.root, 'node_modules/graft-action/dist/cli/index.js') +
        ': git tracks files in node_modules'
    )
  }, 120_000)

  it('a committed .bin shim reached through a relative PATH entry, and a committed graft-action and node in a folder of the work tree on PATH, are not run', async () => {
    plant(['node_modules/.bin/graft-action', 'tools/graft-action', 'tools/node', 'graft-action'])
    await installHook()
    const node = dirname(BUNDLE_NODE)
    for (const path of [
      `node_modules/.bin:.:${bin}:${node}`, // relative entries: the hook runs in the top of the work tree
      `${repo.path('tools')}:${repo.root}:${bin}:${node}` // absolute entries into tracked folders (direnv's PATH_add)
    ]) {
      const head = repo.head()
      const r = await commitStale(path)
      expect(existsSync(marker)).toBe(false)
      expect(r.code).not.toBe(0)
      expect(repo.head()).toBe(head)
      expect(r.stdout + r.stderr).toContain('docs/release-notes.md')
      repo.git('checkout', '-q', '--', 'sources/changelog.md')
      repo.git('reset', '-q')
    }
  }, 120_000)

  it('an untracked node_modules copy (what npm installed) still runs', async () => {
    cpSync(join(PROJECT_ROOT, 'dist/cli'), repo.path('node_modules/graft-action/dist/cli'), { recursive: true })
    await installHook()
    rmSync(join(parent, 'installed'), { recursive: true, force: true }) // only the repository's copy is left
    const r = await commitStale(`${bin}:${dirname(BUNDLE_NODE)}`)
    expect(r.code).not.toBe(0)
    expect(r.stdout + r.stderr).toContain('docs/release-notes.md')
    expect(r.stderr).not.toContain('not running')
    expect(r.stderr).toContain(`${repo.root}/node_modules/graft-action/dist/cli/index.js generate`)
  }, 120_000)

  it('the CLI never runs a git or dvc the repository holds, even with "." on PATH', async () => {
    plant(['git', 'dvc'])
    const r = await run(
      BUNDLE_NODE,
      [join(PROJECT_ROOT, 'dist/cli/index.js'), 'validate', '--engine', 'auto'],
      cleanEnv(`.:${bin}`),
      repo.root
    )
    expect(existsSync(marker)).toBe(false)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('All 6 document(s) are up to date')
  }, 60_000)
})
