// The loopback GitHub server behaves as GitHub does for what the action uses:
// real Octokit against it, a real bare repository behind it.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { getOctokit } from '@actions/github'
import { GitHubServer, NOT_PERMITTED_MESSAGE, WORKFLOW_IDENTITY } from '../support/github-server.js'
import { GIT_ENV, TestRepo } from '../support/repo.js'

const b64 = (s: string): string => Buffer.from(s).toString('base64')

describe('loopback GitHub server', () => {
  let repo: TestRepo
  let origin: string
  let github: GitHubServer
  let octokit: ReturnType<typeof getOctokit>
  const gitIn = (dir: string, ...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' })

  beforeEach(async () => {
    repo = TestRepo.create({ 'README.md': 'hello\n', 'docs/a.md': 'a\n' })
    repo.commit('initial')
    origin = repo.addOrigin()
    github = await GitHubServer.start()
    github.addRepository('acme/docs', origin)
    octokit = getOctokit('ghs_workflow', { baseUrl: github.url })
  })
  afterEach(async () => {
    await github.close()
    repo.cleanup()
  })

  const commitInput = (expectedHeadOid: string, contents = 'regenerated\n') => ({
    input: {
      branch: { repositoryNameWithOwner: 'acme/docs', branchName: 'main' },
      message: { headline: 'docs: regenerate 1 stale document', body: 'Generated-by: graft-action' },
      fileChanges: { additions: [{ path: 'docs/a.md', contents: b64(contents) }] },
      expectedHeadOid
    }
  })
  const MUTATION =
    'mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid } } }'

  it('createCommitOnBranch: one commit on top of the expected tip, authored by the token, Verified', async () => {
    const head = repo.head()
    const result = await octokit.graphql<{ createCommitOnBranch: { commit: { oid: string } } }>(
      MUTATION,
      commitInput(head)
    )
    const sha = result.createCommitOnBranch.commit.oid
    expect(gitIn(origin, 'rev-parse', 'main').trim()).toBe(sha)
    expect(gitIn(origin, 'rev-parse', 'main~1').trim()).toBe(head)
    expect(gitIn(origin, 'show', 'main:docs/a.md')).toBe('regenerated\n')
    expect(gitIn(origin, 'log', '-1', '--format=%an <%ae>|%cn|%B', 'main')).toBe(
      `${WORKFLOW_IDENTITY.name} <${WORKFLOW_IDENTITY.email}>|GitHub|docs: regenerate 1 stale document\n\nGenerated-by: graft-action\n\n`
    )
    const { data } = await octokit.rest.repos.getCommit({ owner: 'acme', repo: 'docs', ref: sha })
    expect(data.commit.verification?.verified).toBe(true)
    expect(await octokit.graphql('{ viewer { login } }')).toEqual({ viewer: { login: 'github-actions[bot]' } })
  })

  it('createCommitOnBranch with a PAT: authored by the user, not Verified', async () => {
    github.tokens.set('ghp_user', { kind: 'pat', login: 'dev', name: 'Dev', email: 'dev@example.com' })
    const pat = getOctokit('ghp_user', { baseUrl: github.url })
    const result = await pat.graphql<{ createCommitOnBranch: { commit: { oid: string } } }>(
      MUTATION,
      commitInput(repo.head())
    )
    expect(gitIn(origin, 'log', '-1', '--format=%an', 'main').trim()).toBe('Dev')
    expect(github.apiCommits).toEqual([
      expect.objectContaining({ sha: result.createCommitOnBranch.commit.oid, verified: false, token: 'pat' })
    ])
  })

  it("a moved branch: GitHub's STALE_DATA error, the branch untouched", async () => {
    const stale = repo.head()
    repo.write({ 'README.md': 'moved\n' })
    const moved = repo.commit('moved')
    repo.git('push', '-q', 'origin', 'main')
    const error = await octokit.graphql(MUTATION, commitInput(stale)).catch((e: unknown) => e)
    expect((error as { errors: { type: string; message: string }[] }).errors[0]).toMatchObject({
      type: 'STALE_DATA',
      message: `Expected branch to point to "${stale}" but it did not.  Pull and try again.`
    })
    expect(gitIn(origin, 'rev-parse', 'main').trim()).toBe(moved)
  })

  it('a request over the size limit is refused with 413 naming the size', async () => {
    github.maxRequestBytes = 1000
    const error = await octokit.graphql(MUTATION, commitInput(repo.head(), 'x'.repeat(2000))).catch((e: unknown) => e)
    expect((error as { status: number }).status).toBe(413)
    expect((error as Error).message).toMatch(/\d+ bytes, the limit is 1000/)
    expect(github.apiCommits).toHaveLength(0)
  })

  it('a protected branch refuses git pushes with GH006, and API commits with the GraphQL equivalent', async () => {
    github.protect('acme/docs', 'main', { variant: 'GH006', rules: ['Changes must be made through a pull request.'] })
    repo.write({ 'README.md': 'direct\n' })
    repo.commit('direct')
    const push = spawnSync('git', ['push', 'origin', 'main'], {
      cwd: repo.root,
      env: { ...process.env, ...GIT_ENV, LC_ALL: 'C' },
      encoding: 'utf8'
    })
    expect(push.status).not.toBe(0)
    expect(push.stderr).toContain('remote: error: GH006: Protected branch update failed for refs/heads/main.')
    expect(push.stderr).toContain('remote: error: Changes must be made through a pull request.')
    expect(push.stderr).toMatch(/\[remote rejected\] main -> main/)
    const error = await octokit
      .graphql(MUTATION, commitInput(repo.git('rev-parse', 'origin/main').trim()))
      .catch((e: unknown) => e)
    expect((error as { errors: { type: string }[] }).errors[0].type).toBe('BRANCH_PROTECTION_RULE_VIOLATION')
    // other branches are not protected
    expect(spawnSync('git', ['push', 'origin', 'main:feature'], { cwd: repo.root }).status).toBe(0)
  })

  it('a ruleset requiring signatures: GH013 with the rule lines for git, a signed API commit passes', async () => {
    github.protect('acme/docs', 'main', {
      variant: 'GH013',
      rules: ['Commits must have verified signatures.'],
      signaturesOnly: true,
      requiredChecks: ['ci']
    })
    repo.write({ 'README.md': 'direct\n' })
    repo.commit('direct')
    const push = spawnSync('git', ['push', 'origin', 'main'], {
      cwd: repo.root,
      env: { ...process.env, LC_ALL: 'C' },
      encoding: 'utf8'
    })
    expect(push.stderr).toContain('remote: error: GH013: Repository rule violations found for refs/heads/main.')
    expect(push.stderr).toContain('remote: - Commits must have verified signatures.')
    await octokit.graphql(MUTATION, commitInput(repo.git('rev-parse', 'origin/main').trim()))
    expect(github.apiCommits).toHaveLength(1)
    const { data: rules } = await octokit.request('GET /repos/{owner}/{repo}/rules/branches/{branch}', {
      owner: 'acme',
      repo: 'docs',
      branch: 'main'
    })
    expect(rules).toContainEqual(expect.objectContaining({ type: 'required_status_checks' }))
  })

  it('pulls: create, list by head, update; a duplicate is refused; refs created through REST', async () => {
    const where = { owner: 'acme', repo: 'docs' }
    await octokit.rest.git.createRef({ ...where, ref: 'refs/heads/graft/regenerate/main', sha: repo.head() })
    expect(gitIn(origin, 'rev-parse', 'graft/regenerate/main').trim()).toBe(repo.head())
    const again = await octokit.rest.git
      .createRef({ ...where, ref: 'refs/heads/graft/regenerate/main', sha: repo.head() })
      .catch((e: unknown) => e)
    expect((again as Error).message).toMatch(/Reference already exists/)

    const created = await octokit.rest.pulls.create({
      ...where,
      head: 'graft/regenerate/main',
      base: 'main',
      title: 't',
      body: 'b'
    })
    expect(created.data.number).toBeGreaterThan(0)
    const dup = await octokit.rest.pulls
      .create({ ...where, head: 'graft/regenerate/main', base: 'main', title: 't' })
      .catch((e: unknown) => e)
    expect((dup as { status: number }).status).toBe(422)
    const listed = await octokit.rest.pulls.list({ ...where, head: 'acme:graft/regenerate/main', state: 'open' })
    expect(listed.data.map((p) => p.number)).toEqual([created.data.number])
    expect((await octokit.rest.pulls.list({ ...where, head: 'acme:other' })).data).toEqual([])
    await octokit.rest.pulls.update({ ...where, pull_number: created.data.number, body: 'updated' })
    expect(github.pullRequests('acme/docs')[0].body).toBe('updated')
  })

  it('pull-request creation forbidden to Actions: the 403 GitHub gives, an App token passes', async () => {
    github.pullRequestCreation = 'forbidden-403'
    repo.git('push', '-q', 'origin', 'main:bot')
    const refused = await octokit.rest.pulls
      .create({ owner: 'acme', repo: 'docs', head: 'bot', base: 'main', title: 't' })
      .catch((e: unknown) => e)
    expect((refused as { status: number }).status).toBe(403)
    expect((refused as Error).message).toContain(NOT_PERMITTED_MESSAGE)
    github.tokens.set('ghs_app', {
      kind: 'app',
      login: 'graft-app[bot]',
      name: 'graft-app[bot]',
      email: '1+graft-app[bot]@users.noreply.github.com'
    })
    const app = getOctokit('ghs_app', { baseUrl: github.url })
    expect(
      (await app.rest.pulls.create({ owner: 'acme', repo: 'docs', head: 'bot', base: 'main', title: 't' })).status
    ).toBe(201)
  })
})
