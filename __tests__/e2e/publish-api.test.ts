// Publishing through the GitHub API and onto protected branches, end to end:
// dist/main/index.js with `commit-via: api` against the loopback GitHub
// server (GraphQL createCommitOnBranch applied to the bare origin), and
// protected branches refusing git pushes through a pre-receive hook.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { runAction, type ActionRun } from '../support/action-runner.js'
import { BedrockServer, bedrockTestEnv, reply } from '../support/bedrock-server.js'
import { exampleRepo } from '../support/example-repo.js'
import { GitHubServer, WORKFLOW_IDENTITY } from '../support/github-server.js'
import { GIT_ENV, TestRepo } from '../support/repo.js'
import { scratchDir } from '../support/scratch.js'

const TOKEN = 'ghs_e2eSecretToken0123456789'
const REGENERATED = ['docs/faq.md', 'docs/index.md', 'docs/release-notes.md', 'dvc.lock']

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

const filesOf = (dir: string, rev: string): string[] =>
  gitIn(dir, 'show', '--name-only', '--format=', rev).trim().split('\n').sort()

describe('publishing through the API and onto protected branches (dist/main)', () => {
  let repo: TestRepo
  let origin: string
  let bedrock: BedrockServer
  let github: GitHubServer

  const run = (event: { name: string; payload: unknown }, inputs: Record<string, string> = {}): Promise<ActionRun> =>
    runAction('main', {
      workspace: repo.root,
      event,
      inputs: { command: 'generate', engine: 'native', token: TOKEN, ...inputs },
      env: { ...bedrockTestEnv(bedrock.url), GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/docs' }
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

  /** A changelog change pushed to main; the runner's checkout sits on it. */
  function pushToMain(text = '\n## 2.4.0\n- cancel()\n'): { name: string; payload: unknown; sha: string } {
    repo.write({ 'sources/changelog.md': repo.read('sources/changelog.md') + text })
    const sha = repo.commit('changelog')
    repo.git('push', '-q', 'origin', 'main')
    return {
      name: 'push',
      sha,
      payload: { ref: 'refs/heads/main', after: sha, repository: { full_name: 'acme/docs' } }
    }
  }

  /** A feature branch with a source change, and the runner's checkout: the detached merge commit. */
  function pullRequest(): { name: string; payload: unknown; headSha: string } {
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
          head: { ref: 'feature', sha: headSha, repo: { full_name: 'acme/docs' } },
          base: { ref: 'main', repo: { full_name: 'acme/docs' } }
        },
        repository: { full_name: 'acme/docs' }
      }
    }
  }

  it("GitHub Enterprise Server: REST at the runner's GITHUB_API_URL (<host>/api/v3), GraphQL at its GITHUB_GRAPHQL_URL (<host>/api/graphql)", async () => {
    const event = pullRequest()
    const result = await runAction('main', {
      workspace: repo.root,
      event,
      inputs: { command: 'generate', engine: 'native', token: TOKEN, 'commit-via': 'api' },
      env: {
        ...bedrockTestEnv(bedrock.url),
        // what a GHES runner sets: the API under the server's own host
        GITHUB_SERVER_URL: github.url,
        GITHUB_API_URL: `${github.url}/api/v3`,
        GITHUB_GRAPHQL_URL: `${github.url}/api/graphql`,
        GITHUB_REPOSITORY: 'acme/docs'
      }
    })
    expect(result.code).toBe(0)
    expect(result.outputs.pushed).toBe('true')
    expect(github.apiCommits).toEqual([expect.objectContaining({ branch: 'feature', verified: true })])
    expect(github.comments('acme', 'docs', 7)).toHaveLength(1)
    const paths = github.requests.map((r) => r.path)
    expect(paths).toContain('/api/graphql')
    expect(paths.some((p) => p.startsWith('/api/v3/repos/acme/docs/issues/7/comments'))).toBe(true)
    expect(paths.filter((p) => p !== '/api/graphql' && !p.startsWith('/api/v3/'))).toEqual([])
  })

  it('commit-via api on a pull request: one Verified commit by the token, exactly the regenerated files, checkout moved to it', async () => {
    const event = pullRequest()
    const result = await run(event, { 'commit-via': 'api' })
    expect(result.code).toBe(0)
    expect(result.outputs.pushed).toBe('true')
    const tip = gitIn(origin, 'rev-parse', 'feature').trim()
    expect(result.outputs.commit_sha).toBe(tip)
    expect(gitIn(origin, 'rev-parse', 'feature~1').trim()).toBe(event.headSha)
    expect(github.apiCommits).toEqual([
      expect.objectContaining({ sha: tip, branch: 'feature', verified: true, token: 'workflow' })
    ])
    expect(gitIn(origin, 'log', '-1', '--format=%an <%ae>', 'feature').trim()).toBe(
      `${WORKFLOW_IDENTITY.name} <${WORKFLOW_IDENTITY.email}>`
    )
    const message = gitIn(origin, 'log', '-1', '--format=%B', 'feature')
    expect(message).toMatch(/^docs: regenerate 3 stale documents\n/)
    expect(message).toContain('Generated-by: graft-action')
    expect(message).toContain(`Triggered-by: ${event.headSha}`)
    expect(filesOf(origin, 'feature')).toEqual(REGENERATED)
    // later steps see exactly what was published
    expect(repo.head()).toBe(tip)
    expect(repo.git('status', '--porcelain', '--untracked-files=no')).toBe('')
    expect(result.stdout).toMatch(/commit-user-name and commit-user-email do not apply/)
    // the main branch is untouched
    expect(gitIn(origin, 'log', '-1', '--format=%s', 'main')).not.toMatch(/regenerate/)
  })

  it('commit-via api, the branch moving under it (3 developer pushes): every developer commit kept, one bot commit, stale documents regenerated', async () => {
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    bedrock.enqueue(reply.hold(held, reply.document('# Release notes, regenerated\n')))
    const event = pushToMain()
    const pending = run(event, { 'commit-via': 'api', concurrency: '1' })
    await bedrock.waitForRequests(1)
    const dev = otherClone(origin, 'main')
    const devCommits: string[] = []
    dev.write({ 'README.md': 'edited meanwhile\n' })
    devCommits.push(dev.commit('readme'))
    dev.git('push', '-q', 'origin', 'main')
    dev.write({ 'sources/changelog.md': dev.read('sources/changelog.md') + '\n## 2.5.0\n- pause()\n' })
    devCommits.push(dev.commit('changelog 2.5.0'))
    dev.git('push', '-q', 'origin', 'main')
    dev.write({ 'sources/architecture.md': dev.read('sources/architecture.md') + '\nA note.\n' })
    devCommits.push(dev.commit('architecture note'))
    dev.git('push', '-q', 'origin', 'main')
    dev.cleanup()
    release()
    const result = await pending

    expect(result.code).toBe(0)
    expect(result.outputs.pushed).toBe('true')
    const tip = gitIn(origin, 'rev-parse', 'main').trim()
    expect(result.outputs.commit_sha).toBe(tip)
    expect(gitIn(origin, 'rev-parse', 'main~1').trim()).toBe(devCommits[2])
    for (const sha of devCommits) expect(gitIn(origin, 'merge-base', '--is-ancestor', sha, 'main')).toBe('')
    expect(gitIn(origin, 'log', '--format=%s', 'main').match(/regenerate/g)).toHaveLength(1)
    expect(github.apiCommits.map((c) => c.sha)).toEqual([tip])
    // the second round saw the other developer's changelog
    const prompts = bedrock.requests.map((r) => r.body.messages[0].content[0].text as string)
    expect(prompts.some((p) => p.includes('+- pause()'))).toBe(true)
    // what the developers made stale is regenerated too: the pushed tree is up to date
    const check = otherClone(origin, 'main')
    const status = await runAction('validate', { workspace: check.root, inputs: { engine: 'native' } })
    check.cleanup()
    expect(status.outputs.is_stale).toBe('false')
  })

  it('commit-via api, a conflicting push: the paths named, the remote untouched', async () => {
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    bedrock.enqueue(reply.hold(held, reply.document('# Release notes, regenerated\n')))
    const event = pushToMain()
    const pending = run(event, { 'commit-via': 'api', concurrency: '1' })
    await bedrock.waitForRequests(1)
    const dev = otherClone(origin, 'main')
    dev.write({ 'docs/release-notes.md': 'hand edit meanwhile\n' })
    const other = dev.commit('hand edit')
    dev.git('push', '-q', 'origin', 'main')
    dev.cleanup()
    release()
    const result = await pending
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/conflict/i)
    expect(result.stdout).toContain('docs/release-notes.md')
    expect(gitIn(origin, 'rev-parse', 'main').trim()).toBe(other)
    expect(github.apiCommits).toHaveLength(0)
  })

  it('commit-via api, a change too large for one request: fails naming the size, nothing published', async () => {
    github.maxRequestBytes = 2000
    const event = pushToMain()
    const result = await run(event, { 'commit-via': 'api' })
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/too large/)
    expect(result.stdout).toMatch(/\d+ bytes/)
    expect(gitIn(origin, 'rev-parse', 'main').trim()).toBe(event.sha)
  })

  // The token GitHub refuses at the API commit, after the model calls (an App token's hour ran out meanwhile), and
  // GitHub's own bad moment (a 502 page): neither is a missing permission, and the message must not say it is.
  it('commit-via api, the token refused (401) at the commit: named as expired or revoked, with the App token hour; nothing published', async () => {
    github.onRequest = (method, path) =>
      method === 'POST' && path === '/graphql' ? { status: 401, message: 'Bad credentials' } : undefined
    const event = pushToMain()
    const result = await run(event, { 'commit-via': 'api' })
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/expired or was revoked/)
    expect(result.stdout).toMatch(/lasts one hour/)
    expect(result.stdout).not.toMatch(/contents: write/)
    expect(gitIn(origin, 'rev-parse', 'main').trim()).toBe(event.sha)
    expect(github.apiCommits).toHaveLength(0)
  })

  it("commit-via api, GitHub's 502 page at the commit: named as GitHub's trouble with a re-run, not a permission; nothing published", async () => {
    github.onRequest = (method, path) =>
      method === 'POST' && path === '/graphql'
        ? { status: 502, message: '', html: '<!DOCTYPE html><html><body>Unicorn!</body></html>' }
        : undefined
    const event = pushToMain()
    const result = await run(event, { 'commit-via': 'api' })
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/an error page instead of an API answer/)
    expect(result.stdout).toMatch(/GitHub is having trouble/)
    expect(result.stdout).not.toMatch(/contents: write/)
    expect(gitIn(origin, 'rev-parse', 'main').trim()).toBe(event.sha)
  })

  it('push to a protected main: one rolling pull request, updated (not duplicated) by a second run; main untouched', async () => {
    const first = pushToMain()
    github.protect('acme/docs', 'main', { variant: 'GH006', rules: ['Changes must be made through a pull request.'] })
    const one = await run(first, { 'commit-via': 'git' })
    expect(one.code).toBe(0)
    expect(gitIn(origin, 'rev-parse', 'main').trim()).toBe(first.sha)
    const pulls = github.pullRequests('acme/docs')
    expect(pulls).toHaveLength(1)
    expect(pulls[0]).toMatchObject({ state: 'open', head: { ref: 'graft/regenerate/main' }, base: { ref: 'main' } })
    expect(one.outputs.pull_request_number).toBe(String(pulls[0].number))
    expect(one.outputs.pull_request_url).toBe(pulls[0].html_url)
    expect(one.stdout).toContain('GH006')
    const botTip = gitIn(origin, 'rev-parse', 'graft/regenerate/main').trim()
    expect(gitIn(origin, 'rev-parse', `${botTip}~1`).trim()).toBe(first.sha)
    expect(filesOf(origin, botTip)).toEqual(REGENERATED)
    for (const doc of ['docs/release-notes.md', 'docs/faq.md', 'docs/index.md']) expect(pulls[0].body).toContain(doc)
    expect(pulls[0].body).toMatch(/UPDATE|GENERATE|REFINE|REFRESH/)

    // a second change on main (merged by a person): the same pull request is updated, its branch rebuilt
    repo.git('checkout', '-q', 'main')
    repo.git('reset', '-q', '--hard', first.sha)
    repo.write({ 'sources/api.md': repo.read('sources/api.md') + '\n## cancel(id)\n' })
    const second = repo.commit('api: cancel')
    // a person merges it on GitHub (the hook refuses git pushes to main): the objects arrive, then main moves
    repo.git('push', '-q', 'origin', `${second}:refs/heads/merged`)
    gitIn(origin, 'update-ref', 'refs/heads/main', second, first.sha)
    gitIn(origin, 'update-ref', '-d', 'refs/heads/merged')
    const two = await run(
      { name: 'push', payload: { ref: 'refs/heads/main', after: second, repository: { full_name: 'acme/docs' } } },
      { 'commit-via': 'git' }
    )
    expect(two.code).toBe(0)
    expect(github.pullRequests('acme/docs')).toHaveLength(1)
    expect(two.outputs.pull_request_number).toBe(String(pulls[0].number))
    const rebuilt = gitIn(origin, 'rev-parse', 'graft/regenerate/main').trim()
    expect(gitIn(origin, 'rev-parse', `${rebuilt}~1`).trim()).toBe(second)
    expect(github.pullRequests('acme/docs')[0].body).toContain('docs/api-reference.md')
    expect(gitIn(origin, 'rev-parse', 'main').trim()).toBe(second)
  })

  it('commit-via api on a ruleset-protected main: the rolling pull request carries a Verified commit', async () => {
    const event = pushToMain()
    github.protect('acme/docs', 'main', { variant: 'GH013', rules: ['Changes must be made through a pull request.'] })
    const result = await run(event, { 'commit-via': 'api' })
    expect(result.code).toBe(0)
    expect(gitIn(origin, 'rev-parse', 'main').trim()).toBe(event.sha)
    expect(github.pullRequests('acme/docs')).toHaveLength(1)
    const botTip = gitIn(origin, 'rev-parse', 'graft/regenerate/main').trim()
    expect(github.apiCommits).toEqual([
      expect.objectContaining({ sha: botTip, branch: 'graft/regenerate/main', verified: true })
    ])
    expect(result.outputs.commit_sha).toBe(botTip)
  })

  it('a ruleset that requires signed commits: git is refused with the rule named whole, api passes', async () => {
    const event = pushToMain()
    github.protect('acme/docs', 'main', {
      variant: 'GH013',
      rules: ['Commits must have verified signatures.'],
      signaturesOnly: true
    })
    const viaGit = await run(event, { 'commit-via': 'git', 'on-protected': 'fail' })
    expect(viaGit.code).toBe(1)
    expect(viaGit.stdout).toContain('GH013: Repository rule violations found for refs/heads/main.')
    expect(viaGit.stdout).toContain('Commits must have verified signatures.')
    expect(viaGit.stdout).toMatch(/commit-via: api/)
    expect(gitIn(origin, 'rev-parse', 'main').trim()).toBe(event.sha)
    expect(github.pullRequests('acme/docs')).toHaveLength(0)

    repo.git('checkout', '-q', 'main')
    repo.git('reset', '-q', '--hard', event.sha)
    const viaApi = await run(event, { 'commit-via': 'api' })
    expect(viaApi.code).toBe(0)
    expect(gitIn(origin, 'rev-parse', 'main~1').trim()).toBe(event.sha)
    expect(github.apiCommits).toHaveLength(1)
  })

  it('Actions may not create pull requests: the run fails saying which setting to change, or to pass an App token', async () => {
    const event = pushToMain()
    github.protect('acme/docs', 'main', { variant: 'GH006', rules: ['Changes must be made through a pull request.'] })
    github.pullRequestCreation = 'forbidden-403'
    const result = await run(event, { 'commit-via': 'git' })
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/Allow GitHub Actions to create and approve pull requests/)
    expect(result.stdout).toMatch(/create-github-app-token/)
    expect(gitIn(origin, 'rev-parse', 'main').trim()).toBe(event.sha)
    expect(github.pullRequests('acme/docs')).toHaveLength(0)
  })

  it('a ruleset demanding signed commits, and no pull request possible either: both causes are kept, the rule line and what to do (commit-via: api)', async () => {
    const event = pushToMain()
    github.protect('acme/docs', 'main', { variant: 'GH013', rules: ['Commits must have verified signatures.'] })
    github.pullRequestCreation = 'forbidden-422'
    const result = await run(event, { 'commit-via': 'git' })
    expect(result.code).toBe(1)
    const error = result.stdout.split('\n').find((l) => l.startsWith('::error title=graft-action::'))!
    expect(error).toContain(
      'main is protected (the push was refused: GH013: Repository rule violations found for refs/heads/main.'
    )
    expect(error).toContain('Commits must have verified signatures')
    expect(error).toContain('GitHub Actions is not permitted to create pull requests')
    expect(error).toContain('set `commit-via: api`')
    expect(gitIn(origin, 'rev-parse', 'main').trim()).toBe(event.sha)
  })

  it('the fallback pull request fails for another reason: its cause and the protection rule are both in the error', async () => {
    const event = pushToMain()
    github.protect('acme/docs', 'main', { variant: 'GH006', rules: ['Changes must be made through a pull request.'] })
    github.refuse = { status: 500, message: 'Server Error' }
    const result = await run(event, { 'commit-via': 'git' })
    expect(result.code).toBe(1)
    const error = result.stdout.split('\n').find((l) => l.startsWith('::error title=graft-action::'))!
    expect(error).toMatch(
      /main is protected \(the push was refused: .*GH006.*\), and the pull request from graft\/regenerate\/main could not be opened either: .*Server Error/
    )
    expect(error).toContain('Changes must be made through a pull request')
  })

  // GitHub's front end answers a 502/504 with an HTML page in an incident: named as such, and the hint is to re-run, not a permission
  it('the fallback pull request answered with a 502 HTML page: the status and "an error page", never the markup; re-run, not a permission', async () => {
    const event = pushToMain()
    github.protect('acme/docs', 'main', { variant: 'GH006', rules: ['Changes must be made through a pull request.'] })
    github.onRequest = (method, path) =>
      path.includes('/pulls')
        ? { status: 502, message: '', html: '<!DOCTYPE html>\n<html><body><p>Unicorn!</p></body></html>\n' }
        : undefined
    const result = await run(event, { 'commit-via': 'git' })
    expect(result.code).toBe(1)
    const error = result.stdout.split('\n').find((l) => l.startsWith('::error title=graft-action::'))!
    expect(error).toContain('could not be opened either: HTTP 502: an error page instead of an API answer')
    expect(error).not.toMatch(/DOCTYPE|Unicorn|<html|pull-requests: write/)
    expect(error).toContain('re-run the job later')
    expect(error).toContain('Changes must be made through a pull request')
  })

  it('the workflow token on a branch with required checks: the summary says the checks will not re-run, and why', async () => {
    github.protect('acme/docs', 'main', {
      variant: 'GH006',
      rules: ['Changes must be made through a pull request.'],
      requiredChecks: ['ci / test']
    })
    const result = await run(pullRequest(), { 'commit-via': 'api' })
    expect(result.code).toBe(0)
    expect(result.outputs.pushed).toBe('true')
    expect(result.summary).toMatch(/ci \/ test/)
    expect(result.summary).toMatch(/GITHUB_TOKEN[^\n]*starts? no workflow runs/i)
  })

  it("GitHub's secondary rate limit on the API commit: a short retry-after is waited out; a long one fails naming the rate limit, nothing pushed", async () => {
    const event = pushToMain()
    const onGraphql = (method: string, path: string) => method === 'POST' && path === '/graphql'
    github.rateLimits.push({ kind: 'secondary', retryAfter: 1, match: onGraphql })
    const waited = await run(event, { 'commit-via': 'api' })
    expect(waited.code).toBe(0)
    expect(waited.outputs.pushed).toBe('true')
    expect(waited.stdout).toMatch(/GitHub's secondary rate limit answered POST \/graphql: retrying in 1 s/)

    const again = pushToMain('\n## 2.5.0\n- pause()\n')
    const before = gitIn(origin, 'rev-parse', 'main').trim()
    github.rateLimits.push({ kind: 'secondary', retryAfter: 120, match: onGraphql })
    const refused = await run(again, { 'commit-via': 'api' })
    expect(refused.code).not.toBe(0)
    expect(refused.stdout).toMatch(
      /the GitHub API refused the commit on main for its rate limit: GitHub's secondary rate limit \(it asked to wait 120 s\)/
    )
    expect(refused.stdout).not.toMatch(/permissions: contents: write/)
    expect(gitIn(origin, 'rev-parse', 'main').trim()).toBe(before)
  })
})
