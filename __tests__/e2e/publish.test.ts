// Publishing end to end: dist/main/index.js driven by realistic event payloads,
// a bare repository as origin, the loopback Bedrock and GitHub servers.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runAction, type ActionRun } from '../support/action-runner.js'
import { BedrockServer, bedrockTestEnv, reply } from '../support/bedrock-server.js'
import { exampleRepo } from '../support/example-repo.js'
import { GitHubServer } from '../support/github-server.js'
import { GIT_ENV, TestRepo } from '../support/repo.js'
import { visibleText } from '../support/gfm-judge.js'
import { scratchDir } from '../support/scratch.js'

const TOKEN = 'ghs_e2eSecretToken0123456789'
const BOT = 'graft-bot[bot]'

/** `git` in any folder (a bare origin or another clone). */
function gitIn(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' })
}

/** Another developer's clone of origin. */
function otherClone(origin: string, branch: string): TestRepo {
  const dir = scratchDir('graft-other')
  execFileSync('git', ['clone', '-q', '-b', branch, origin, dir])
  const repo = new TestRepo(dir)
  repo.git('config', 'user.name', 'Other')
  repo.git('config', 'user.email', 'other@example.com')
  return repo
}

describe('publishing (dist/main)', () => {
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
  })
  afterEach(async () => {
    await bedrock.close()
    await github.close()
    repo.cleanup()
  })

  const pushEvent = (sha: string) => ({
    name: 'push',
    payload: { ref: 'refs/heads/main', after: sha, repository: { full_name: 'acme/docs' } }
  })

  /** A feature branch with a source change, and the runner's checkout: the detached merge commit. */
  function pullRequest(headRepo = 'acme/docs'): { name: string; payload: unknown; headSha: string } {
    repo.git('checkout', '-q', '-b', 'feature')
    repo.write({ 'sources/changelog.md': repo.read('sources/changelog.md') + '\n## 2.4.0\n- cancel()\n' })
    const headSha = repo.commit('changelog: 2.4.0')
    repo.git('push', '-q', 'origin', 'feature')
    repo.git('checkout', '-q', 'main')
    repo.git('merge', '-q', '--no-ff', '--no-edit', 'feature')
    repo.git('checkout', '-q', '--detach', 'HEAD')
    repo.git('branch', '-q', '-D', 'feature')
    return {
      name: 'pull_request',
      headSha,
      payload: {
        action: 'synchronize',
        number: 7,
        pull_request: {
          number: 7,
          state: 'open',
          head: { ref: 'feature', sha: headSha, repo: { full_name: headRepo } },
          base: { ref: 'main', repo: { full_name: 'acme/docs' } }
        },
        repository: { full_name: 'acme/docs' }
      }
    }
  }

  it('push to main: one bot commit with exactly the regenerated files, pushed on top', async () => {
    repo.write({ 'sources/changelog.md': 'new changelog\n', 'notes.txt': 'uncommitted work of someone\n' })
    repo.git('add', 'sources/changelog.md')
    const trigger = repo.commit('changelog')
    repo.git('push', '-q', 'origin', 'main')
    repo.write({ 'notes.txt': 'uncommitted work of someone\n' })
    const result = await run(pushEvent(trigger))
    expect(result.code).toBe(0)
    expect(result.outputs.pushed).toBe('true')
    const tip = gitIn(origin, 'rev-parse', 'main').trim()
    expect(result.outputs.commit_sha).toBe(tip)
    expect(gitIn(origin, 'rev-parse', 'main~1').trim()).toBe(trigger)
    expect(gitIn(origin, 'log', '-1', '--format=%an <%ae>|%cn', 'main')).toBe(
      `${BOT} <${BOT}@users.noreply.github.com>|${BOT}\n`
    )
    const message = gitIn(origin, 'log', '-1', '--format=%B', 'main')
    expect(message).toMatch(/^docs: regenerate 3 stale documents?\n/)
    expect(message).toContain(`Triggered-by: ${trigger}`)
    expect(gitIn(origin, 'show', '--name-only', '--format=', 'main').trim().split('\n').sort()).toEqual(
      ['docs/faq.md', 'docs/index.md', 'docs/release-notes.md', 'dvc.lock'].sort()
    )
    // the token is nowhere: not in .git/config, not in the remote URL, not in the log
    expect(readFileSync(repo.path('.git/config'), 'utf8')).not.toContain(TOKEN)
    expect(repo.git('remote', '-v')).not.toContain(TOKEN)
    // (the runner consumes ::add-mask:: commands and never shows them)
    const shown = result.stdout.replace(/^::add-mask::.*$/gm, '')
    expect(shown).not.toContain(TOKEN)
    expect(shown).not.toContain(Buffer.from(`x-access-token:${TOKEN}`).toString('base64'))
  })

  it('pull request: works on the head branch (not the merge commit), pushes there, and keeps one sticky comment', async () => {
    const event = pullRequest()
    const first = await run(event)
    expect(first.code).toBe(0)
    expect(first.outputs.pushed).toBe('true')
    expect(gitIn(origin, 'rev-parse', 'feature~1').trim()).toBe(event.headSha)
    expect(gitIn(origin, 'log', '-1', '--format=%B', 'feature')).toContain(`Triggered-by: ${event.headSha}`)
    expect(gitIn(origin, 'log', '-1', '--format=%s', 'main')).not.toMatch(/regenerate/)
    const comments = github.comments('acme', 'docs', 7)
    expect(comments).toHaveLength(1)
    expect(comments[0].body).toContain('<!-- graft-action:sticky pipeline=. -->')
    expect(comments[0].body).toContain('docs/release-notes.md')
    expect(comments[0].body).toContain(first.outputs.commit_sha)

    // a second run updates the same comment in place
    const again = await run(event)
    expect(again.code).toBe(0)
    expect(github.comments('acme', 'docs', 7)).toHaveLength(1)
    expect(github.requests.some((r) => r.method === 'PATCH')).toBe(true)
  })

  it('fork pull request: validate only, no model call, no push, a notice saying what to run', async () => {
    const event = pullRequest('someone/docs-fork')
    const before = gitIn(origin, 'for-each-ref')
    const result = await run(event, { command: 'auto' })
    expect(result.code).toBe(0)
    expect(result.outputs.is_stale).toBe('true')
    expect(result.outputs.pushed).toBe('false')
    expect(bedrock.requests).toHaveLength(0)
    expect(gitIn(origin, 'for-each-ref')).toBe(before)
    expect(result.stdout).toMatch(/::notice::Validate only: .*fork/)
    // the summary says what to run locally too (a fork's token cannot comment)
    expect(visibleText(result.summary)).toMatch(/Validate only: .*run graft-action generate \(or dvc repro\) locally/)
  })

  it('auto without model credentials degrades to validate-only; generate fails naming them', async () => {
    repo.write({ 'sources/api.md': 'changed\n' })
    const trigger = repo.commit('api')
    repo.git('push', '-q', 'origin', 'main')
    const noCreds = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }
    const auto = await run(pushEvent(trigger), { command: 'auto' }, noCreds)
    expect(auto.code).toBe(0)
    expect(auto.stdout).toMatch(/::notice::Validate only: no AWS credentials/)
    expect(auto.outputs.is_stale).toBe('true')
    const generate = await run(pushEvent(trigger), { command: 'generate' }, noCreds)
    expect(generate.code).toBe(1)
    expect(generate.stdout).toMatch(/configure-aws-credentials/)
    expect(gitIn(origin, 'rev-parse', 'main').trim()).toBe(trigger)
  })

  it('a token that may not push: auto validates only; generate fails before any model call', async () => {
    // origin answers every request as GitHub does a read-only token's push: 403
    const denied = createServer((_req, res) => {
      res.writeHead(403, { 'content-type': 'text/plain' })
      res.end('Permission to acme/docs.git denied to github-actions[bot].')
    })
    await new Promise<void>((resolve) => denied.listen(0, '127.0.0.1', resolve))
    try {
      repo.git(
        'remote',
        'set-url',
        'origin',
        `http://127.0.0.1:${(denied.address() as AddressInfo).port}/acme/docs.git`
      )
      repo.write({ 'sources/api.md': 'changed\n' })
      const trigger = repo.commit('api')
      const auto = await run(pushEvent(trigger), { command: 'auto' })
      expect(auto.code).toBe(0)
      expect(auto.stdout).toMatch(/::notice::Validate only: the token may not push to main/)
      expect(bedrock.requests).toHaveLength(0)
      const generate = await run(pushEvent(trigger), { command: 'generate' })
      expect(generate.code).toBe(1)
      expect(generate.stdout).toMatch(/the token may not push to main/)
      expect(generate.stdout).toMatch(/contents: write/)
      expect(bedrock.requests).toHaveLength(0)
      expect(repo.git('status', '--porcelain')).toBe('')
    } finally {
      denied.close()
    }
  })

  it('working-directory below the git root: validates, regenerates and commits the paths under it', async () => {
    const mono = TestRepo.create({ 'README.md': 'monorepo\n' }, 'graft-mono')
    try {
      execFileSync('cp', ['-r', `${repo.root}/.`, mono.path('site')])
      mono.remove('site/.git')
      mono.commit('the docs site, as last generated')
      mono.write({ 'site/sources/changelog.md': 'changed\n' })
      const trigger = mono.commit('changelog')
      const monoOrigin = mono.addOrigin()
      const result = await runAction('main', {
        workspace: mono.root,
        event: pushEvent(trigger),
        inputs: {
          command: 'generate',
          engine: 'native',
          token: TOKEN,
          'working-directory': 'site',
          'commit-via': 'git'
        },
        env: { ...bedrockTestEnv(bedrock.url), GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/docs' }
      })
      expect(result.code).toBe(0)
      expect(result.outputs.pushed).toBe('true')
      expect(gitIn(monoOrigin, 'show', '--name-only', '--format=', 'main').trim().split('\n').sort()).toEqual(
        ['site/docs/faq.md', 'site/docs/index.md', 'site/docs/release-notes.md', 'site/dvc.lock'].sort()
      )
    } finally {
      mono.cleanup()
    }
  })

  it('loop guard: a document the bot commit regenerated, stale again, stops the run naming it; a manual dispatch is not stopped', async () => {
    // the bot identity with the seed-style subject (no trailer): its commit "regenerated" api-reference,
    // yet it changed a source too, so that document is stale again right after it
    repo.write({
      'sources/api.md': 'changed\n',
      'docs/api-reference.md': repo.read('docs/api-reference.md') + '\nregenerated\n'
    })
    repo.git('add', '-A')
    execFileSync('git', ['commit', '-q', '-m', 'docs: regenerate stale documentation'], {
      cwd: repo.root,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: BOT,
        GIT_AUTHOR_EMAIL: `${BOT}@users.noreply.github.com`,
        GIT_COMMITTER_NAME: BOT,
        GIT_COMMITTER_EMAIL: 'x@y'
      }
    })
    repo.git('push', '-q', 'origin', 'main')
    const tip = repo.head()
    const result = await run(pushEvent(tip))
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/loop/i)
    expect(result.stdout).toMatch(/file=docs\/api-reference\.md/)
    expect(result.stdout).not.toMatch(/file=docs\/getting-started\.md/)
    expect(bedrock.requests).toHaveLength(0)
    expect(gitIn(origin, 'rev-parse', 'main').trim()).toBe(tip)

    const dispatched = await run(
      { name: 'workflow_dispatch', payload: { ref: 'refs/heads/main', repository: { full_name: 'acme/docs' } } },
      {},
      { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: tip }
    )
    expect(dispatched.code).toBe(0)
    expect(dispatched.outputs.pushed).toBe('true')
  })

  it('a 403 on the pull-request comment is a notice, not a failure', async () => {
    // the comment endpoints refuse (no pull-requests: write); GraphQL viewer answers any token
    github.refuseWhen = (_method, path) => path.includes('/issues/')
    github.refuse = { status: 403, message: 'Resource not accessible by integration' }
    const result = await run(pullRequest())
    expect(result.code).toBe(0)
    expect(result.outputs.pushed).toBe('true')
    expect(result.stdout).toMatch(
      /::notice::Pull-request comment skipped: could not write the pull request comment \(HTTP 403: Resource not accessible by integration[^\n]*permissions: pull-requests: write/
    )
  })

  it('workflow_dispatch: honours targets (with what reads them) and force, and pushes to the dispatched branch', async () => {
    const sha = repo.head()
    const result = await run(
      {
        name: 'workflow_dispatch',
        payload: {
          inputs: { targets: 'docs/faq.md', force: 'true' },
          ref: 'refs/heads/main',
          repository: { full_name: 'acme/docs' }
        }
      },
      { targets: 'docs/faq.md', force: 'true' },
      { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha }
    )
    expect(result.code).toBe(0)
    expect(result.outputs.is_stale).toBe('false')
    // downstream: include (the default): index reads faq, so it is regenerated with it and nothing is left stale on main
    expect(JSON.parse(result.outputs.generated_files)).toEqual(['docs/faq.md', 'docs/index.md'])
    expect(bedrock.requests).toHaveLength(2)
    expect(result.outputs.left_stale).toBe('[]')
    expect(gitIn(origin, 'show', '--name-only', '--format=', 'main').trim().split('\n').sort()).toEqual([
      'docs/faq.md',
      'docs/index.md',
      'dvc.lock'
    ])
    // neither was stale: the subject does not say so
    expect(gitIn(origin, 'log', '-1', '--format=%s', 'main').trim()).toBe('docs: regenerate 2 documents (forced)')
  })

  it('pull_request_target: the untrusted head is validated only, unless the workflow opts in', async () => {
    const event = pullRequest()
    const target = { ...event, name: 'pull_request_target' }
    const refused = await run(target, { command: 'auto' })
    expect(refused.code).toBe(0)
    expect(bedrock.requests).toHaveLength(0)
    expect(refused.stdout).toMatch(/::notice::Validate only: pull_request_target/)
    const optedIn = await run(target, { command: 'auto', 'allow-untrusted-head': 'true' })
    expect(optedIn.code).toBe(0)
    expect(optedIn.stdout).toMatch(/::warning::allow-untrusted-head is true/)
    expect(optedIn.outputs.pushed).toBe('true')
  })

  it('an output symlinked out of the repository is refused: nothing written, nothing pushed', async () => {
    const outside = scratchDir('graft-outside')
    repo.remove('docs/faq.md')
    execFileSync('ln', ['-s', join(outside, 'faq.md'), repo.path('docs/faq.md')])
    repo.write({ 'sources/changelog.md': 'changed\n' })
    const trigger = repo.commit('symlinked output')
    repo.git('push', '-q', 'origin', 'main')
    const result = await run(pushEvent(trigger))
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/docs\/faq\.md.*symlink.*outside the repository/)
    expect(bedrock.requests).toHaveLength(0)
    expect(gitIn(origin, 'rev-parse', 'main').trim()).toBe(trigger)
    expect(execFileSync('ls', ['-A', outside], { encoding: 'utf8' })).toBe('')
  })

  describe('races: commits land on the branch while the model is writing', () => {
    let release: () => void
    beforeEach(() => {
      const held = new Promise<void>((resolve) => (release = resolve))
      // hold the first reply until the other developer has pushed
      bedrock.enqueue(reply.hold(held, reply.document('# Release notes, regenerated\n')))
    })

    async function raceWith(
      change: (other: TestRepo) => void
    ): Promise<{ result: ActionRun; trigger: string; other: string }> {
      repo.write({ 'sources/changelog.md': repo.read('sources/changelog.md') + '\n## 2.4.0\n- cancel()\n' })
      const trigger = repo.commit('changelog')
      repo.git('push', '-q', 'origin', 'main')
      const pending = run(pushEvent(trigger), { concurrency: '1' })
      await bedrock.waitForRequests(1)
      const dev = otherClone(origin, 'main')
      change(dev)
      const other = dev.commit('meanwhile')
      dev.git('push', '-q', 'origin', 'main')
      dev.cleanup()
      release()
      return { result: await pending, trigger, other }
    }

    it('an unrelated commit: clean rebase and push, both commits kept', async () => {
      const { result, other } = await raceWith((dev) => dev.write({ 'README.md': 'edited meanwhile\n' }))
      expect(result.code).toBe(0)
      expect(result.outputs.pushed).toBe('true')
      expect(gitIn(origin, 'rev-parse', 'main~1').trim()).toBe(other)
      expect(gitIn(origin, 'log', '-1', '--format=%an', 'main').trim()).toBe(BOT)
      expect(gitIn(origin, 'log', '--format=%s', 'main').match(/regenerate/g)).toHaveLength(1)
    })

    it('a commit touching a source of a regenerated document: regenerated again, then pushed', async () => {
      const { result, other } = await raceWith((dev) =>
        dev.write({ 'sources/changelog.md': dev.read('sources/changelog.md') + '\n## 2.5.0\n- pause()\n' })
      )
      expect(result.code).toBe(0)
      expect(result.outputs.pushed).toBe('true')
      expect(gitIn(origin, 'rev-parse', 'main~1').trim()).toBe(other)
      // the second round saw the other developer's change
      const prompts = bedrock.requests.map((r) => r.body.messages[0].content[0].text as string)
      expect(prompts.some((p) => p.includes('+- pause()'))).toBe(true)
      expect(JSON.parse(result.outputs.generated_files)).toEqual([
        'docs/release-notes.md',
        'docs/faq.md',
        'docs/index.md'
      ])
      // and the pushed tree is up to date for the real dvc
      const check = otherClone(origin, 'main')
      const status = await runAction('validate', { workspace: check.root, inputs: { engine: 'native' } })
      check.cleanup()
      expect(status.outputs.is_stale).toBe('false')
    })

    it('a commit touching the regenerated document itself: a clear conflict, the remote untouched', async () => {
      const { result, other } = await raceWith((dev) => dev.write({ 'docs/release-notes.md': 'hand edit meanwhile\n' }))
      expect(result.code).toBe(1)
      expect(result.stdout).toMatch(/conflict/i)
      expect(result.stdout).toContain('docs/release-notes.md')
      expect(gitIn(origin, 'rev-parse', 'main').trim()).toBe(other)
      expect(repo.git('status', '--porcelain', '--untracked-files=no')).toBe('')
    })
  })
})
