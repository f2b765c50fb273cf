import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Git } from '../../src/core/io/git.js'
import { GraftError } from '../../src/core/errors.js'
import { silentLog } from '../../src/core/log.js'
import { commitFiles } from '../../src/core/publish/commit.js'
import { pushWithRebase } from '../../src/core/publish/push.js'
import { checkoutBranch, planFromEvent } from '../../src/action/event.js'
import { GIT_ENV, TestRepo } from '../support/repo.js'
import { scratchDir } from '../support/scratch.js'

const HEAD_SHA = 'a'.repeat(40)
const MERGE_SHA = 'm'.repeat(40)

function pullRequestPayload(action: string, headRepo: string | null, baseRepo = 'acme/docs') {
  return {
    action,
    number: 42,
    pull_request: {
      number: 42,
      state: 'open',
      merge_commit_sha: MERGE_SHA,
      head: { ref: 'feature/docs', sha: HEAD_SHA, repo: headRepo === null ? null : { full_name: headRepo } },
      base: { ref: 'main', sha: 'b'.repeat(40), repo: { full_name: baseRepo } }
    },
    repository: { full_name: baseRepo }
  }
}

describe('planFromEvent', () => {
  let dir: string
  beforeEach(() => {
    dir = scratchDir('graft-event')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  function envFor(event: string, payload: unknown, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const path = join(dir, 'event.json')
    writeFileSync(path, JSON.stringify(payload))
    return { GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: path, GITHUB_REPOSITORY: 'acme/docs', ...extra }
  }

  it('pull_request from the same repository: the head branch and head sha, never the merge commit', () => {
    const env = envFor('pull_request', pullRequestPayload('synchronize', 'acme/docs'), {
      GITHUB_SHA: MERGE_SHA,
      GITHUB_REF: 'refs/pull/42/merge'
    })
    expect(planFromEvent(env)).toEqual({
      baseBranch: 'main',
      event: 'pull_request',
      repository: 'acme/docs',
      mode: 'pull_request',
      branch: 'feature/docs',
      triggerSha: HEAD_SHA,
      prNumber: 42,
      canPush: true
    })
  })

  it('pull_request from a fork (or a deleted fork): validate only, saying what the contributor should run', () => {
    for (const headRepo of ['someone/docs', null]) {
      const plan = planFromEvent(
        envFor('pull_request', pullRequestPayload('opened', headRepo), { GITHUB_SHA: MERGE_SHA })
      )
      expect(plan.mode).toBe('fork')
      expect(plan.canPush).toBe(false)
      expect(plan.triggerSha).toBe(HEAD_SHA)
      expect(plan.why).toMatch(
        /pull request #42 comes from a fork .*validates only; the contributor should run `graft-action generate` \(or `dvc repro`\) locally/
      )
    }
  })

  it('a closed pull request is not pushed to', () => {
    const plan = planFromEvent(envFor('pull_request', pullRequestPayload('closed', 'acme/docs')))
    expect(plan.canPush).toBe(false)
    expect(plan.why).toMatch(/is closed/)
  })

  it('pull_request_target: untrusted, no push unless allow-untrusted-head, then a warning', () => {
    const env = envFor('pull_request_target', pullRequestPayload('opened', 'acme/docs'), { GITHUB_SHA: 'b'.repeat(40) })
    const refused = planFromEvent(env)
    expect(refused).toMatchObject({ mode: 'untrusted', canPush: false, branch: 'feature/docs', triggerSha: HEAD_SHA })
    expect(refused.why).toMatch(
      /validates only \(set allow-untrusted-head: true only if every pull request author is trusted\)/
    )
    const allowed = planFromEvent(env, true)
    expect(allowed).toMatchObject({ mode: 'untrusted', canPush: true, branch: 'feature/docs' })
    expect(allowed.warning).toMatch(/allow-untrusted-head is true/)
    const fork = planFromEvent(envFor('pull_request_target', pullRequestPayload('opened', 'someone/docs')), true)
    expect(fork.canPush).toBe(false)
  })

  it('push to main: the branch and the `after` sha', () => {
    const after = 'c'.repeat(40)
    const plan = planFromEvent(
      envFor('push', { ref: 'refs/heads/main', before: 'b'.repeat(40), after, deleted: false }, { GITHUB_SHA: after })
    )
    expect(plan).toMatchObject({ event: 'push', mode: 'push', branch: 'main', triggerSha: after, canPush: true })
    expect(plan.why).toBeUndefined()
  })

  it('push of a tag, or a branch deletion: validate only', () => {
    const tag = planFromEvent(envFor('push', { ref: 'refs/tags/v1.0.0', after: 'c'.repeat(40) }))
    expect(tag.canPush).toBe(false)
    expect(tag.branch).toBeUndefined()
    expect(tag.why).toMatch(/refs\/tags\/v1\.0\.0 is not a branch/)
    const deleted = planFromEvent(
      envFor('push', { ref: 'refs/heads/old', after: '0'.repeat(40), deleted: true }, { GITHUB_SHA: 'd'.repeat(40) })
    )
    expect(deleted.canPush).toBe(false)
    expect(deleted.why).toMatch(/deleted/)
  })

  it('workflow_dispatch: the branch from GITHUB_REF and GITHUB_SHA', () => {
    const env = envFor(
      'workflow_dispatch',
      { inputs: {}, ref: 'refs/heads/release' },
      { GITHUB_REF: 'refs/heads/release', GITHUB_SHA: 'e'.repeat(40) }
    )
    expect(planFromEvent(env)).toMatchObject({
      mode: 'dispatch',
      branch: 'release',
      triggerSha: 'e'.repeat(40),
      canPush: true
    })
    const onTag = planFromEvent({ ...env, GITHUB_REF: 'refs/tags/v2' })
    expect(onTag.canPush).toBe(false)
  })

  it('other events validate only, saying why', () => {
    const plan = planFromEvent(
      envFor('schedule', { schedule: '0 3 * * *' }, { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: 'f'.repeat(40) })
    )
    expect(plan).toMatchObject({ mode: 'other', canPush: false, triggerSha: 'f'.repeat(40) })
    expect(plan.why).toMatch(/the schedule event names no branch to commit to/)
  })

  it('a payload that is not JSON is an error naming the file', () => {
    const path = join(dir, 'broken.json')
    writeFileSync(path, '{ not json')
    expect(() => planFromEvent({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: path })).toThrow(
      new RegExp(`${path}: the event payload is not valid JSON`)
    )
  })

  it('a pull_request event without pull_request in the payload is an error', () => {
    expect(() => planFromEvent(envFor('pull_request', {}))).toThrow(/event payload has no pull_request/)
  })
})

describe('checkoutBranch', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })

  /** origin with main and feature/docs, and refs/pull/42/merge as GitHub makes it. */
  function origin(): { bare: string; featureTip: string; merge: string } {
    const dev = TestRepo.create({ 'docs/a.md': 'a1\n', 'src/x.ts': 'x1\n' })
    dirs.push(dev.root)
    dev.commit('first')
    const bare = dev.addOrigin()
    dirs.push(bare)
    dev.git('checkout', '-q', '-b', 'feature/docs')
    dev.write({ 'src/x.ts': 'x2\n' })
    const featureTip = dev.commit('feature: change x')
    dev.git('push', '-q', 'origin', 'feature/docs')
    dev.git('checkout', '-q', 'main')
    dev.write({ 'docs/other.md': 'o\n' })
    dev.commit('main moves on')
    dev.git('push', '-q', 'origin', 'main')
    dev.git('checkout', '-q', '--detach', 'main')
    dev.git('merge', '-q', '--no-ff', '-m', 'Merge feature/docs into main', 'feature/docs')
    const merge = dev.head()
    dev.git('push', '-q', 'origin', `${merge}:refs/pull/42/merge`)
    return { bare, featureTip, merge }
  }

  /** What actions/checkout leaves on a pull_request run: a shallow, detached merge commit. */
  function runnerCheckout(bare: string): TestRepo {
    const root = scratchDir('graft-runner')
    dirs.push(root)
    const runner = new TestRepo(root)
    runner.git('init', '-q')
    runner.git('remote', 'add', 'origin', `file://${bare}`)
    runner.git('fetch', '-q', '--depth=1', 'origin', '+refs/pull/42/merge:refs/remotes/pull/42/merge')
    runner.git('checkout', '-q', '--detach', 'refs/remotes/pull/42/merge')
    return runner
  }

  it('moves a pull request run from the detached merge commit onto the head branch, and a bot commit pushes there', async () => {
    const { bare, featureTip, merge } = origin()
    const runner = runnerCheckout(bare)
    expect(runner.head()).toBe(merge)
    const git = new Git(runner.root, GIT_ENV)
    const plan = {
      event: 'pull_request',
      mode: 'pull_request' as const,
      branch: 'feature/docs',
      triggerSha: featureTip,
      prNumber: 42,
      canPush: true
    }

    const checkedOut = await checkoutBranch(git, plan, 'ghs_token')
    expect(checkedOut).toEqual({ branch: 'feature/docs', sha: featureTip })
    expect(runner.git('symbolic-ref', 'HEAD').trim()).toBe('refs/heads/feature/docs')
    expect(runner.read('src/x.ts')).toBe('x2\n')
    expect(runner.git('config', '--list')).not.toContain('ghs_token')

    runner.write({ 'docs/a.md': 'a regenerated\n' })
    await commitFiles(git, {
      paths: ['docs/a.md'],
      identity: { name: 'bot', email: 'bot@x' },
      message: 'docs: regenerate 1 stale document\n'
    })
    const pushed = await pushWithRebase(git, { branch: plan.branch, log: silentLog })
    const onOrigin = (ref: string): string =>
      execFileSync('git', ['rev-parse', ref], { cwd: bare, encoding: 'utf8' }).trim()
    expect(onOrigin('feature/docs')).toBe(pushed.sha)
    expect(onOrigin('feature/docs^')).toBe(featureTip)
    expect(onOrigin('refs/pull/42/merge')).toBe(merge)
  })

  it("names a push run's detached HEAD after its branch, keeping the commit", async () => {
    const dev = TestRepo.create({ 'a.md': 'a\n' })
    dirs.push(dev.root)
    const sha = dev.commit('first')
    dev.git('checkout', '-q', '--detach')
    const git = new Git(dev.root)
    const result = await checkoutBranch(git, {
      event: 'push',
      mode: 'push',
      branch: 'main',
      triggerSha: sha,
      canPush: true
    })
    expect(result).toEqual({ branch: 'main', sha })
    expect(dev.git('symbolic-ref', 'HEAD').trim()).toBe('refs/heads/main')
  })

  it('refuses a plan that may not push, and a head branch that is gone, changing nothing', async () => {
    const { bare } = origin()
    const runner = runnerCheckout(bare)
    const git = new Git(runner.root)
    const head = runner.head()
    const before = runner.snapshot()
    await expect(
      checkoutBranch(git, {
        event: 'push',
        mode: 'push',
        triggerSha: 'x',
        canPush: false,
        why: 'refs/tags/v1 is not a branch'
      })
    ).rejects.toThrow(/this push has no branch the action may commit to: refs\/tags\/v1 is not a branch/)
    await expect(
      checkoutBranch(
        git,
        { event: 'pull_request', mode: 'pull_request', branch: 'gone', triggerSha: 'x', canPush: true },
        'ghs_secret'
      )
    ).rejects.toThrow(GraftError)
    const error = (await checkoutBranch(
      git,
      { event: 'pull_request', mode: 'pull_request', branch: 'gone', triggerSha: 'x', canPush: true },
      'ghs_secret'
    ).catch((e: Error) => e)) as Error
    expect(error.message).toMatch(
      /could not fetch the pull request's head branch gone: .* — check that the branch still exists/
    )
    expect(error.message).not.toContain('ghs_secret')
    expect(runner.head()).toBe(head)
    expect(runner.snapshot()).toEqual(before)
  })
})
