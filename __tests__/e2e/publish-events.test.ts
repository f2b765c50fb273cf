// Only commit what the event is about (issue 8 §8), end to end through
// dist/main/index.js: events with no pushable branch, a checkout that is not
// the event's branch, a branch deleted or rewritten while the documents
// render, and paths that look like patterns.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { runAction, type ActionRun } from '../support/action-runner.js'
import { BedrockServer, bedrockTestEnv, reply } from '../support/bedrock-server.js'
import { exampleRepo } from '../support/example-repo.js'
import { GitHubServer } from '../support/github-server.js'
import { GIT_ENV, TestRepo } from '../support/repo.js'
import { scratchDir } from '../support/scratch.js'

const TOKEN = 'ghs_e2eSecretToken0123456789'

function gitIn(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' })
}

function otherClone(origin: string, branch: string): TestRepo {
  const dir = scratchDir('graft-other')
  execFileSync('git', ['clone', '-q', '-b', branch, origin, dir])
  const repo = new TestRepo(dir)
  repo.git('config', 'user.name', 'Other')
  repo.git('config', 'user.email', 'other@example.com')
  return repo
}

describe('only commit what the event is about (dist/main)', () => {
  let repo: TestRepo
  let origin: string
  let bedrock: BedrockServer
  let github: GitHubServer

  const run = (
    event: { name: string; payload: unknown },
    inputs: Record<string, string> = {},
    env: Record<string, string> = {}
  ): Promise<ActionRun> =>
    runAction('main', {
      workspace: repo.root,
      event,
      inputs: { command: 'generate', engine: 'native', token: TOKEN, ...inputs },
      env: { ...bedrockTestEnv(bedrock.url), GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/docs', ...env }
    })

  beforeEach(async () => {
    repo = exampleRepo()
    origin = repo.addOrigin()
    bedrock = await new BedrockServer().start()
    github = await GitHubServer.start()
    github.addRepository('acme/docs', origin)
  })
  afterEach(async () => {
    await bedrock.close()
    await github.close()
    repo.cleanup()
  })

  /** A stale source committed and pushed to main; returns its sha. */
  function staleMain(): string {
    repo.write({ 'sources/changelog.md': repo.read('sources/changelog.md') + '\n## 2.4.0\n- cancel()\n' })
    const sha = repo.commit('changelog')
    repo.git('push', '-q', 'origin', 'main')
    return sha
  }

  const refsOf = (): string => gitIn(origin, 'for-each-ref')

  const noBranchEvents = (sha: string): { name: string; payload: unknown; env: Record<string, string> }[] => [
    {
      name: 'push',
      payload: { ref: 'refs/tags/v1.2.0', after: sha, repository: { full_name: 'acme/docs' } },
      env: { GITHUB_REF: 'refs/tags/v1.2.0', GITHUB_SHA: sha }
    },
    {
      name: 'merge_group',
      payload: {
        merge_group: { head_sha: sha, head_ref: 'refs/heads/gh-readonly-queue/main/pr-7-abc' },
        repository: { full_name: 'acme/docs' }
      },
      env: { GITHUB_REF: 'refs/heads/gh-readonly-queue/main/pr-7-abc', GITHUB_SHA: sha }
    },
    {
      name: 'issue_comment',
      payload: { comment: { body: '/regenerate' }, issue: { number: 7 }, repository: { full_name: 'acme/docs' } },
      env: { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha }
    }
  ]

  it.each([0, 1, 2])(
    'auto on an event with no pushable branch (#%i: tag push, merge_group, issue_comment) validates only',
    async (i) => {
      const sha = staleMain()
      const event = noBranchEvents(sha)[i]
      const before = refsOf()
      const snapshot = repo.snapshot()
      const result = await run(event, { command: 'auto' }, event.env)
      expect(result.code).toBe(0)
      expect(result.outputs.is_stale).toBe('true')
      expect(result.outputs.pushed).toBe('false')
      expect(result.stdout).toMatch(/::notice::Validate only: /)
      expect(bedrock.requests).toHaveLength(0)
      expect(refsOf()).toBe(before)
      expect(repo.snapshot()).toEqual(snapshot)
    }
  )

  it('generate on a tag push fails before any model call, unless push: false is set explicitly', async () => {
    const sha = staleMain()
    const [tag] = noBranchEvents(sha)
    const before = refsOf()
    const snapshot = repo.snapshot()
    const refused = await run(tag, {}, tag.env)
    expect(refused.code).toBe(1)
    expect(refused.stdout).toMatch(/push: false/)
    expect(bedrock.requests).toHaveLength(0)
    expect(refsOf()).toBe(before)
    expect(repo.snapshot()).toEqual(snapshot)

    const local = await run(tag, { push: 'false' }, tag.env)
    expect(local.code).toBe(0)
    expect(bedrock.requests.length).toBeGreaterThan(0)
    expect(local.outputs.pushed).toBe('false')
    expect(refsOf()).toBe(before)
  })

  it("a push event whose checkout is another branch's commit is refused, naming both SHAs", async () => {
    const eventSha = staleMain()
    repo.git('checkout', '-q', '-b', 'feature')
    repo.write({ 'sources/api.md': 'feature work\n' })
    const featureSha = repo.commit('feature work')
    repo.git('push', '-q', 'origin', 'feature')
    repo.git('checkout', '-q', '--detach', featureSha)
    const before = refsOf()
    const result = await run({
      name: 'push',
      payload: { ref: 'refs/heads/main', after: eventSha, repository: { full_name: 'acme/docs' } }
    })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(featureSha)
    expect(result.stdout).toContain(eventSha)
    expect(bedrock.requests).toHaveLength(0)
    expect(refsOf()).toBe(before)
  })

  /** Runs a pull-request generation and does `meanwhile` while the first document renders. */
  async function whileRendering(meanwhile: () => void): Promise<{ result: ActionRun; headSha: string }> {
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    bedrock.enqueue(reply.hold(held, reply.document('# Release notes, regenerated\n')))
    repo.git('checkout', '-q', '-b', 'feature')
    repo.write({ 'sources/changelog.md': repo.read('sources/changelog.md') + '\n## 2.4.0\n- cancel()\n' })
    repo.commit('changelog: 2.4.0')
    repo.write({ 'secrets.txt': 'ghp_leakedTokenOfTheAuthor\n' })
    const headSha = repo.commit('oops: debug dump')
    repo.git('push', '-q', 'origin', 'feature')
    const event = {
      name: 'pull_request',
      payload: {
        action: 'synchronize',
        number: 7,
        pull_request: {
          number: 7,
          state: 'open',
          head: { ref: 'feature', sha: headSha, repo: { full_name: 'acme/docs' } },
          base: { ref: 'main', repo: { full_name: 'acme/docs' } }
        },
        repository: { full_name: 'acme/docs' }
      }
    }
    const pending = run(event, { concurrency: '1', comment: 'false' })
    await bedrock.waitForRequests(1)
    meanwhile()
    release()
    return { result: await pending, headSha }
  }

  it('a pull-request branch deleted while the documents render is not re-created; the run says so', async () => {
    const { result } = await whileRendering(() => gitIn(origin, 'update-ref', '-d', 'refs/heads/feature'))
    expect(result.outputs.pushed).toBe('false')
    expect(result.stdout).toMatch(/feature no longer exists on origin/)
    expect(gitIn(origin, 'for-each-ref', 'refs/heads/feature')).toBe('')
  })

  it('the author force-pushes while the documents render: the dropped commit is never pushed back; the rewrite is reported', async () => {
    let rewritten = ''
    const { result, headSha } = await whileRendering(() => {
      // the author drops "oops: debug dump" and pushes a fixed commit instead
      const author = otherClone(origin, 'feature')
      author.git('reset', '-q', '--hard', 'HEAD~1')
      author.write({ 'sources/api.md': 'the real fix\n' })
      rewritten = author.commit('fix')
      author.git('push', '-q', '--force', 'origin', 'feature')
      author.cleanup()
    })
    expect(result.outputs.pushed).toBe('false')
    expect(result.stdout).toMatch(/feature was rewritten/)
    expect(gitIn(origin, 'rev-parse', 'feature').trim()).toBe(rewritten)
    expect(gitIn(origin, 'branch', '--contains', headSha)).toBe('')
    expect(gitIn(origin, 'log', '--format=%H', 'feature', '--', 'secrets.txt')).toBe('')
  })

  // The pattern sits in a folder name: a file name gives the stage name, and DVC allows no brackets there.
  it('paths go to git literally: a prompt in "docs/notes [v2]/" does not sweep "docs/notes 2/summary.md" into the commit', async () => {
    mkdirSync(repo.path('docs/notes [v2]'))
    writeFileSync(
      repo.path('docs/notes [v2]/summary.prompt.md'),
      '---\ndeps:\n  - sources/changelog.md\n---\nSummarise the changelog as notes.\n'
    )
    const sha = repo.commit('notes prompt')
    repo.git('push', '-q', 'origin', 'main')
    mkdirSync(repo.path('docs/notes 2'))
    writeFileSync(repo.path('docs/notes 2/summary.md'), 'my private scratch notes\n')
    const result = await run({
      name: 'push',
      payload: { ref: 'refs/heads/main', after: sha, repository: { full_name: 'acme/docs' } }
    })
    expect(result.code).toBe(0)
    expect(result.outputs.pushed).toBe('true')
    const files = gitIn(origin, 'show', '--name-only', '--format=', 'main').trim().split('\n')
    expect(files).toContain('docs/notes [v2]/summary.md')
    expect(files).not.toContain('docs/notes 2/summary.md')
    expect(repo.git('status', '--porcelain')).toContain('?? "docs/notes 2/"')
  })
})
