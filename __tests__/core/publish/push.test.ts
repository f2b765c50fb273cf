import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, rmSync, writeFileSync, chmodSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Git } from '../../../src/core/io/git.js'
import { GraftError } from '../../../src/core/errors.js'
import { silentLog } from '../../../src/core/log.js'
import { commitFiles } from '../../../src/core/publish/commit.js'
import { commitMessage } from '../../../src/core/publish/message.js'
import { ProtectedBranchError, pushWithRebase } from '../../../src/core/publish/push.js'
import { TestRepo } from '../../support/repo.js'
import { scratchDir } from '../../support/scratch.js'

const bot = { name: 'graft-bot[bot]', email: 'graft-bot[bot]@users.noreply.github.com' }

/** Runs git in a bare repository (the origin). */
function bareGit(bare: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: bare, encoding: 'utf8' })
}

/** A second clone of origin: another developer who pushes while the bot works. */
function otherDeveloper(bare: string): TestRepo {
  const dir = scratchDir('graft-other')
  execFileSync('git', ['clone', '-q', bare, dir])
  const other = new TestRepo(dir)
  other.git('config', 'user.name', 'Other')
  other.git('config', 'user.email', 'other@example.com')
  return other
}

function pushFrom(other: TestRepo, files: Record<string, string>, message: string): string {
  other.git('pull', '-q', '--ff-only', 'origin', 'main')
  other.write(files)
  const sha = other.commit(message)
  other.git('push', '-q', 'origin', 'HEAD:main')
  return sha
}

function isAncestor(bare: string, older: string, newer: string): boolean {
  try {
    bareGit(bare, 'merge-base', '--is-ancestor', older, newer)
    return true
  } catch {
    return false
  }
}

describe('pushWithRebase', () => {
  let repo: TestRepo
  let bare: string
  let other: TestRepo
  let git: Git
  const cleanups: string[] = []

  beforeEach(() => {
    repo = TestRepo.create({ 'docs/a.md': 'a1\n', 'docs/b.md': 'b1\n', 'src/x.ts': 'x1\n', 'dvc.lock': 'lock1\n' })
    repo.commit('first')
    bare = repo.addOrigin()
    other = otherDeveloper(bare)
    git = new Git(repo.root)
    cleanups.push(repo.root, bare, other.root)
  })
  afterEach(() => {
    for (const dir of cleanups.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  async function botCommit(files: Record<string, string>): Promise<string> {
    repo.write(files)
    const message = commitMessage({
      documents: Object.keys(files).map((output) => ({ output, directive: 'UPDATE' })),
      extraFiles: [],
      triggerSha: repo.head()
    })
    const sha = await commitFiles(git, { paths: Object.keys(files), identity: bot, message })
    if (!sha) throw new Error('expected a commit')
    return sha
  }

  const originTip = (): string => bareGit(bare, 'rev-parse', 'main').trim()
  const botCommitsOnOrigin = (): number =>
    bareGit(bare, 'log', '--format=%s', '--grep=^Generated-by: graft-action', 'main').trim().split('\n').filter(Boolean)
      .length

  it('pushes a fast-forward in one attempt', async () => {
    const sha = await botCommit({ 'docs/a.md': 'a2\n' })
    const result = await pushWithRebase(git, { branch: 'main', log: silentLog })
    expect(result).toEqual({ pushed: true, sha, attempts: 1 })
    expect(originTip()).toBe(sha)
  })

  it('rebases onto a concurrent unrelated commit and pushes: both commits land, the bot commit once', async () => {
    const oldTip = originTip()
    await botCommit({ 'docs/a.md': 'a2\n' })
    const devSha = pushFrom(other, { 'src/x.ts': 'x2\n' }, 'dev: change x')
    const after: string[] = []
    const result = await pushWithRebase(git, {
      branch: 'main',
      log: silentLog,
      afterRebase: async () => {
        after.push(repo.head())
        return 'clean'
      }
    })
    expect(result.pushed).toBe(true)
    expect(result.attempts).toBe(2)
    expect(after).toHaveLength(1)
    expect(originTip()).toBe(result.sha)
    expect(bareGit(bare, 'rev-parse', 'main^').trim()).toBe(devSha)
    expect(isAncestor(bare, oldTip, originTip())).toBe(true)
    expect(botCommitsOnOrigin()).toBe(1)
    expect(bareGit(bare, 'show', 'main:docs/a.md')).toBe('a2\n')
    expect(bareGit(bare, 'show', 'main:src/x.ts')).toBe('x2\n')
    // The rebased commit keeps the bot as author and committer.
    expect(bareGit(bare, 'log', '-1', '--format=%an|%cn', 'main').trim()).toBe(`${bot.name}|${bot.name}`)
  })

  it('keeps an unrelated uncommitted change in the working tree across the rebase', async () => {
    await botCommit({ 'docs/a.md': 'a2\n' })
    pushFrom(other, { 'src/x.ts': 'x2\n' }, 'dev: change x')
    repo.write({ 'docs/b.md': 'local edit\n' })
    const result = await pushWithRebase(git, { branch: 'main', log: silentLog })
    expect(result.pushed).toBe(true)
    expect(repo.read('docs/b.md')).toBe('local edit\n')
    expect(bareGit(bare, 'show', 'main:docs/b.md')).toBe('b1\n')
  })

  it('stops on a conflict naming the path: origin untouched, rebase aborted, nothing on disk changed', async () => {
    const botSha = await botCommit({ 'docs/a.md': 'a-by-bot\n' })
    const devSha = pushFrom(other, { 'docs/a.md': 'a-by-dev\n' }, 'dev: edit a by hand')
    const before = repo.snapshot()
    const attempt = pushWithRebase(git, { branch: 'main', log: silentLog })
    await expect(attempt).rejects.toThrow(GraftError)
    const error = (await attempt.catch((e: unknown) => e)) as GraftError
    expect(error.problems.map((p) => p.file)).toEqual(['docs/a.md'])
    expect(error.message).toMatch(/docs\/a\.md: conflicts with a commit pushed to main/)
    expect(error.message).toMatch(/pull main, run graft-action generate \(or dvc repro\) locally, commit and push/)
    expect(originTip()).toBe(devSha)
    expect(repo.head()).toBe(botSha)
    expect(existsSync(repo.path('.git/rebase-merge'))).toBe(false)
    expect(existsSync(repo.path('.git/rebase-apply'))).toBe(false)
    expect(repo.git('status', '--porcelain')).toBe('')
    expect(repo.snapshot()).toEqual(before)
  })

  it('pushes what afterRebase amended', async () => {
    await botCommit({ 'docs/a.md': 'a2\n' })
    const oldTip = originTip()
    pushFrom(other, { 'src/x.ts': 'x2\n' }, 'dev: change x')
    const result = await pushWithRebase(git, {
      branch: 'main',
      log: silentLog,
      afterRebase: async () => {
        repo.write({ 'docs/b.md': 'b regenerated after x2\n' })
        const amended = await commitFiles(git, {
          paths: ['docs/b.md'],
          identity: bot,
          message: 'docs: regenerate 2 stale documents\n\nGenerated-by: graft-action\n',
          amend: true
        })
        return amended ? 'amended' : 'clean'
      }
    })
    expect(result).toEqual({ pushed: true, sha: originTip(), attempts: 2 })
    expect(bareGit(bare, 'show', 'main:docs/b.md')).toBe('b regenerated after x2\n')
    expect(bareGit(bare, 'show', 'main:docs/a.md')).toBe('a2\n')
    expect(botCommitsOnOrigin()).toBe(1)
    expect(isAncestor(bare, oldTip, originTip())).toBe(true)
  })

  it('stops without pushing when afterRebase gives up', async () => {
    await botCommit({ 'docs/a.md': 'a2\n' })
    const devSha = pushFrom(other, { 'src/x.ts': 'x2\n' }, 'dev: change x')
    const result = await pushWithRebase(git, { branch: 'main', log: silentLog, afterRebase: async () => 'give-up' })
    expect(result.pushed).toBe(false)
    expect(result.attempts).toBe(1)
    expect(originTip()).toBe(devSha)
  })

  it('gives up with a clear error when every attempt is overtaken; origin history only grew', async () => {
    await botCommit({ 'docs/a.md': 'a2\n' })
    const tips = [originTip()]
    tips.push(pushFrom(other, { 'src/x.ts': 'x2\n' }, 'dev 1'))
    let n = 1
    const attempt = pushWithRebase(git, {
      branch: 'main',
      maxAttempts: 3,
      log: silentLog,
      afterRebase: async () => {
        n++
        tips.push(pushFrom(other, { 'src/x.ts': `x${n + 1}\n` }, `dev ${n}`))
        return 'clean'
      }
    })
    await expect(attempt).rejects.toThrow(
      /main kept moving: 3 push attempts were each overtaken by new commits — nothing was pushed/
    )
    expect(botCommitsOnOrigin()).toBe(0)
    for (let i = 1; i < tips.length; i++) expect(isAncestor(bare, tips[i - 1], tips[i])).toBe(true)
  })

  it('says the workflow needs contents: write when the remote denies permission, without retrying', async () => {
    const calls = join(bare, 'hook-calls')
    const hook = join(bare, 'hooks', 'pre-receive')
    writeFileSync(
      hook,
      `#!/bin/sh\necho x >> '${calls}'\necho "Permission to owner/repo.git denied to github-actions[bot]." >&2\nexit 1\n`
    )
    chmodSync(hook, 0o755)
    await botCommit({ 'docs/a.md': 'a2\n' })
    const tip = originTip()
    const attempt = pushWithRebase(git, { branch: 'main', log: silentLog, token: 'ghs_secretTOKEN123' })
    await expect(attempt).rejects.toThrow(/the token may not push to main: .*Permission to owner\/repo\.git denied/)
    await expect(attempt).rejects.toThrow(/permissions: contents: write/)
    const message = ((await attempt.catch((e: unknown) => e)) as Error).message
    expect(message).not.toContain('ghs_secretTOKEN123')
    expect(readFileSync(calls, 'utf8')).toBe('x\n')
    expect(originTip()).toBe(tip)
  })

  it('reports another refusal by the remote as such, with no retry', async () => {
    const hook = join(bare, 'hooks', 'pre-receive')
    writeFileSync(hook, '#!/bin/sh\necho "GH006: Protected branch update failed for refs/heads/main." >&2\nexit 1\n')
    chmodSync(hook, 0o755)
    await botCommit({ 'docs/a.md': 'a2\n' })
    const refused = pushWithRebase(git, { branch: 'main', log: silentLog })
    await expect(refused).rejects.toBeInstanceOf(ProtectedBranchError)
    await expect(pushWithRebase(git, { branch: 'main', log: silentLog })).rejects.toThrow(
      /main is protected: the push was refused — GH006: Protected branch update failed for refs\/heads\/main\. — the branch takes changes only through pull requests/
    )
  })

  it('never creates a branch that is not on origin (a deleted branch is not re-created)', async () => {
    await botCommit({ 'docs/a.md': 'a2\n' })
    const result = await pushWithRebase(git, { branch: 'feature/docs', log: silentLog })
    expect(result.pushed).toBe(false)
    expect(result.notPushed).toMatch(
      /feature\/docs no longer exists on origin; |feature\/docs no longer exists on origin \(deleted/
    )
    expect(bareGit(bare, 'for-each-ref', 'refs/heads/feature/docs')).toBe('')
  })
})
