// The repository side of the act scenarios: a developer's clone of the sample
// Graft repository, a bare origin standing for GitHub, and the refs and event
// payloads GitHub would produce (refs/pull/N/merge and /head, push, dispatch).
import { execFileSync } from 'node:child_process'
import { exampleRepo } from './example-repo.js'
import { GIT_ENV, TestRepo } from './repo.js'
import { scratchDir } from './scratch.js'

export const REPOSITORY = 'acme/docs'

/** `git` in any folder (the bare origin, another clone). */
export function gitIn(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' }).trim()
}

export interface PullRequestEvent {
  number: number
  branch: string
  headSha: string
  mergeSha: string
  payload: Record<string, unknown>
}

export class ActRepo {
  readonly dev: TestRepo
  readonly origin: string

  constructor() {
    this.dev = exampleRepo()
    this.origin = this.dev.addOrigin()
  }

  /** The tip of a branch (or any ref) on origin. */
  tip(ref: string): string {
    return gitIn(this.origin, 'rev-parse', ref)
  }

  /** Commits on origin between two revisions, newest first: `sha author|subject`. */
  log(range: string): string[] {
    const out = gitIn(this.origin, 'log', '--format=%H %an|%s', range)
    return out ? out.split('\n') : []
  }

  /** Files the commit changed. */
  changed(rev: string): string[] {
    return gitIn(this.origin, 'show', '--name-only', '--format=', rev).split('\n').filter(Boolean).sort()
  }

  refs(): string {
    return gitIn(this.origin, 'for-each-ref', '--format=%(refname) %(objectname)')
  }

  /** A developer commit on `branch` (created from main when new), pushed unless `push` is false. */
  commitOn(branch: string, files: Record<string, string>, message: string, push = true): string {
    this.dev.git('fetch', '-q', 'origin')
    const exists = gitIn(this.origin, 'branch', '--list', branch) !== ''
    this.dev.git('checkout', '-q', '-B', branch, exists ? `origin/${branch}` : 'origin/main')
    this.dev.write(files)
    const sha = this.dev.commit(message)
    if (push) this.dev.git('push', '-q', 'origin', `HEAD:refs/heads/${branch}`)
    return sha
  }

  /**
   * Opens (or updates) pull request `number` from `branch` into main, as GitHub
   * does: refs/pull/N/head is the head, refs/pull/N/merge a fresh merge commit
   * of it into main. A fork's branch lives only in the fork: `head` names the
   * commit instead of an origin branch.
   */
  pullRequest(number: number, branch: string, opts: { headRepo?: string; head?: string } = {}): PullRequestEvent {
    const headRepo = opts.headRepo ?? REPOSITORY
    this.dev.git('fetch', '-q', 'origin')
    const headSha = opts.head ?? this.tip(`refs/heads/${branch}`)
    this.dev.git('checkout', '-q', '--detach', 'origin/main')
    this.dev.git('merge', '-q', '--no-ff', '--no-edit', '-m', `Merge ${headSha} into main`, headSha)
    const mergeSha = this.dev.head()
    this.dev.git(
      'push',
      '-q',
      '-f',
      'origin',
      `${headSha}:refs/pull/${number}/head`,
      `${mergeSha}:refs/pull/${number}/merge`
    )
    this.dev.git('checkout', '-q', '--detach', 'origin/main')
    return {
      number,
      branch,
      headSha,
      mergeSha,
      payload: {
        action: 'synchronize',
        number,
        pull_request: {
          number,
          state: 'open',
          head: { ref: branch, sha: headSha, repo: { full_name: headRepo } },
          base: { ref: 'main', sha: this.tip('refs/heads/main'), repo: { full_name: REPOSITORY } }
        },
        repository: { full_name: REPOSITORY, default_branch: 'main' }
      }
    }
  }

  /** A fork's commit: on its own branch in the developer clone, never pushed to origin. */
  forkCommit(files: Record<string, string>, message: string): string {
    this.dev.git('fetch', '-q', 'origin')
    this.dev.git('checkout', '-q', '-B', 'fork-work', 'origin/main')
    this.dev.write(files)
    const sha = this.dev.commit(message)
    // the fork's objects reach origin only through refs/pull/N/* (as on GitHub)
    this.dev.git('checkout', '-q', '--detach', 'origin/main')
    return sha
  }

  pushEvent(before: string, after: string, branch = 'main'): Record<string, unknown> {
    return {
      ref: `refs/heads/${branch}`,
      before,
      after,
      deleted: false,
      repository: { full_name: REPOSITORY, default_branch: 'main' }
    }
  }

  dispatchEvent(inputs: Record<string, string>, branch = 'main'): Record<string, unknown> {
    return { ref: `refs/heads/${branch}`, inputs, repository: { full_name: REPOSITORY, default_branch: 'main' } }
  }

  /** Another developer's clone, to push while a run is in flight. */
  otherClone(branch: string): TestRepo {
    const dir = scratchDir('graft-act-other')
    execFileSync('git', ['clone', '-q', '-b', branch, this.origin, dir])
    const other = new TestRepo(dir)
    other.git('config', 'user.name', 'Other')
    other.git('config', 'user.email', 'other@example.com')
    return other
  }

  cleanup(): void {
    this.dev.cleanup()
  }
}
