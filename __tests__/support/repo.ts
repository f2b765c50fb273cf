// Builds real git repositories in scratch folders for tests (removed after the
// test file, see scratch.ts): files, commits, and a local bare repository as
// `origin`.
import { mkdirSync, writeFileSync, readFileSync, rmSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { scratchDir } from './scratch.js'

export const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Dev',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'Dev',
  GIT_COMMITTER_EMAIL: 'dev@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  // no detached `gc --auto` after a big commit: it would still be writing into .git when the test removes it
  GIT_CONFIG_COUNT: '2',
  GIT_CONFIG_KEY_0: 'gc.auto',
  GIT_CONFIG_VALUE_0: '0',
  GIT_CONFIG_KEY_1: 'maintenance.auto',
  GIT_CONFIG_VALUE_1: 'false'
}

export class TestRepo {
  constructor(readonly root: string) {}

  static create(files: Record<string, string | Buffer> = {}, prefix = 'graft-test'): TestRepo {
    const root = scratchDir(prefix)
    const repo = new TestRepo(root)
    repo.git('init', '-q', '-b', 'main')
    repo.git('config', 'user.name', 'Dev')
    repo.git('config', 'user.email', 'dev@example.com')
    repo.git('config', 'commit.gpgsign', 'false')
    repo.write(files)
    return repo
  }

  git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.root,
      env: { ...process.env, ...GIT_ENV },
      encoding: 'utf8'
    })
  }

  write(files: Record<string, string | Buffer>): this {
    for (const [rel, content] of Object.entries(files)) {
      const abs = join(this.root, rel)
      mkdirSync(dirname(abs), { recursive: true })
      writeFileSync(abs, content)
    }
    return this
  }

  read(rel: string): string {
    return readFileSync(join(this.root, rel), 'utf8')
  }

  remove(rel: string): this {
    rmSync(join(this.root, rel), { recursive: true, force: true })
    return this
  }

  path(rel = ''): string {
    return join(this.root, rel)
  }

  /** Stages everything and commits; returns the new HEAD sha. */
  commit(message = 'change'): string {
    this.git('add', '-A')
    this.git('commit', '-q', '--allow-empty', '-m', message)
    return this.head()
  }

  head(): string {
    return this.git('rev-parse', 'HEAD').trim()
  }

  /** Creates a bare repository, sets it as `origin` and pushes the current branch. */
  addOrigin(): string {
    const bare = scratchDir('graft-origin')
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare])
    this.git('remote', 'add', 'origin', bare)
    this.git('push', '-q', '-u', 'origin', 'HEAD')
    return bare
  }

  /** Every file under the root except .git, with its content: to assert nothing changed. */
  snapshot(): Record<string, string> {
    const out: Record<string, string> = {}
    const walk = (dir: string, rel: string): void => {
      for (const name of readdirSync(dir)) {
        if (rel === '' && name === '.git') continue
        const abs = join(dir, name)
        const r = rel ? `${rel}/${name}` : name
        if (statSync(abs).isDirectory()) walk(abs, r)
        else out[r] = readFileSync(abs).toString('base64')
      }
    }
    walk(this.root, '')
    return out
  }

  /** Removes the repository now (it is removed after the test file anyway). */
  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true, maxRetries: 5 })
  }
}
