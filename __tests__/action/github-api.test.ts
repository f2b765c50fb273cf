// GitHub's answers to createCommitOnBranch, sorted into what the publish loop does next;
// and the git-side readings of a refused push.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  classify,
  githubReason,
  octokitCommitApi,
  rateLimitCause,
  timeoutCause,
  tokenIdentity,
  upsertPullRequest
} from '../../src/action/github-api.js'
import { rollingPullRequestBody } from '../../src/action/markdown.js'
import { text } from '../../src/action/gfm.js'
import { GitHubServer } from '../support/github-server.js'
import { TestRepo } from '../support/repo.js'
import { hazards, tables } from '../support/gfm-judge.js'
import { isOutOfDate, isProtected, remoteReason } from '../../src/core/publish/push.js'

const graphqlError = (type: string | undefined, message: string): unknown => ({ errors: [{ type, message }], message })

describe('classify (createCommitOnBranch errors)', () => {
  it('STALE_DATA and a vanished ref are the branch moving', () => {
    expect(
      classify(graphqlError('STALE_DATA', 'Expected branch to point to "abc" but it did not.  Pull and try again.'))
    ).toMatchObject({ ok: false, kind: 'moved' })
    expect(
      classify(graphqlError('NOT_FOUND', "Could not resolve to a Ref with the name 'refs/heads/x'."))
    ).toMatchObject({ kind: 'moved' })
  })
  it('classic protection and rulesets are "protected", the message kept whole on one line', () => {
    const classic = classify(
      graphqlError(
        'BRANCH_PROTECTION_RULE_VIOLATION',
        "protected branch 'main' check failed:\n  Changes must be made through a pull request."
      )
    )
    expect(classic).toEqual({
      ok: false,
      kind: 'protected',
      message: "protected branch 'main' check failed: / Changes must be made through a pull request."
    })
    expect(
      classify(
        graphqlError('UNPROCESSABLE', 'Repository rule violations found\n\nCommits must have verified signatures.\n\n')
      )
    ).toMatchObject({
      kind: 'protected',
      message: 'Repository rule violations found / Commits must have verified signatures.'
    })
  })
  it('a 413 is too large; a 401 is the token refused; a 5xx is GitHub unavailable; anything else is a refusal carrying the status, the token scrubbed', () => {
    expect(classify(Object.assign(new Error('Request body too large'), { status: 413 }))).toMatchObject({
      kind: 'too-large'
    })
    expect(classify(Object.assign(new Error('Bad credentials ghs_secret'), { status: 401 }), 'ghs_secret')).toEqual({
      ok: false,
      kind: 'token-refused',
      message: 'HTTP 401: Bad credentials ***'
    })
    expect(classify(Object.assign(new Error('Service Unavailable'), { status: 503 }))).toEqual({
      ok: false,
      kind: 'unavailable',
      message: 'HTTP 503: Service Unavailable'
    })
    // a request GitHub (or a proxy before it) gave up on reading: its bad moment, not a permission
    expect(classify(Object.assign(new Error('Request Timeout'), { status: 408 }))).toEqual({
      ok: false,
      kind: 'unavailable',
      message: 'HTTP 408: Request Timeout'
    })
    expect(classify(Object.assign(new Error('Resource not accessible by integration'), { status: 403 }))).toEqual({
      ok: false,
      kind: 'refused',
      message: '403 Resource not accessible by integration'
    })
  })
})

describe('git push refusals', () => {
  const gh013 = [
    'remote: error: GH013: Repository rule violations found for refs/heads/main.',
    'remote: Review all repository rules at https://github.com/acme/docs/rules?ref=refs%2Fheads%2Fmain',
    'remote: ',
    'remote: - Commits must have verified signatures.',
    'remote: ',
    'To https://github.com/acme/docs.git',
    ' ! [remote rejected] main -> main (push declined due to repository rule violations)',
    'error: failed to push some refs'
  ].join('\n')
  it('keeps every line of the remote reason (the rule name included), secrets scrubbed', () => {
    expect(isProtected(gh013)).toBe(true)
    expect(remoteReason(gh013)).toBe(
      'GH013: Repository rule violations found for refs/heads/main. / Review all repository rules at https://github.com/acme/docs/rules?ref=refs%2Fheads%2Fmain / - Commits must have verified signatures.'
    )
    expect(remoteReason('remote: error: token ghs_x leaked\n', 'ghs_x')).toBe('token *** leaked')
  })
  it('"cannot lock ref" and a failed lease are the branch moving, not a protection rule', () => {
    const lock = " ! [remote rejected] main -> main (cannot lock ref 'refs/heads/main': is at 1111 but expected 2222)"
    expect(isOutOfDate(lock)).toBe(true)
    expect(isProtected(lock)).toBe(false)
    expect(isOutOfDate(' ! [rejected]        HEAD -> main (stale info)')).toBe(true)
  })
})

describe('rollingPullRequestBody', () => {
  it('lists each document with its directive and reasons, escaping table cells', () => {
    const body = rollingPullRequestBody({
      branch: 'main',
      botBranch: 'graft/regenerate/main',
      documents: [{ output: 'docs/a|b.md', directive: 'UPDATE', reasons: ['dep sources/x.md modified', '<script>'] }],
      triggerSha: 'f'.repeat(40),
      refusal: 'GH006: Protected branch update failed for refs/heads/main.'
    })
    expect(hazards(body)).toEqual([])
    expect(tables(body)[0][1]).toEqual(['docs/a|b.md', 'UPDATE', 'dep sources/x.md modified; <script>'])
    expect(body).toContain(text('GH006: Protected branch update failed'))
    expect(body).toMatch(/update this pull request in place/)
  })
})

describe("GitHub's rate limits, against the loopback GitHub (real Octokit and @octokit/plugin-throttling)", () => {
  let server: GitHubServer
  let saved: string | undefined
  beforeEach(async () => {
    server = await GitHubServer.start()
    saved = process.env.GITHUB_API_URL
    process.env.GITHUB_API_URL = server.url
  })
  afterEach(async () => {
    if (saved === undefined) delete process.env.GITHUB_API_URL
    else process.env.GITHUB_API_URL = saved
    await server.close()
  })
  const commit = {
    repository: 'acme/docs',
    branch: 'main',
    headline: 'docs: regenerate',
    body: '',
    additions: [],
    expectedHeadOid: 'a'.repeat(40)
  }

  it('createCommitOnBranch: a secondary limit with a short retry-after is waited out; a long one names the rate limit', async () => {
    // no repository registered: after the wait, GitHub's own answer comes through (NOT_FOUND)
    server.rateLimits.push({ kind: 'secondary', retryAfter: 1 })
    const started = Date.now()
    const answer = await octokitCommitApi('ghs_t').createCommitOnBranch(commit)
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
    expect(answer).toMatchObject({
      ok: false,
      kind: 'refused',
      message: expect.stringMatching(/Could not resolve to a Repository/)
    })

    server.rateLimits.push({ kind: 'secondary', retryAfter: 90 })
    const limited = await octokitCommitApi('ghs_t').createCommitOnBranch(commit)
    expect(limited).toMatchObject({ ok: false, kind: 'rate-limited' })
    expect((limited as { message: string }).message).toMatch(
      /^GitHub's secondary rate limit \(it asked to wait 90 s\): /
    )
  })

  it("createCommitOnBranch: GraphQL's primary limit (200 with RATE_LIMITED, x-ratelimit-remaining: 0) is waited out until the reset", async () => {
    server.rateLimits.push({ kind: 'primary', resetIn: 1 })
    const answer = await octokitCommitApi('ghs_t').createCommitOnBranch(commit)
    expect(answer).toMatchObject({ ok: false, kind: 'refused' }) // GitHub's answer after the wait
    expect(server.requests.filter((r) => r.path === '/graphql')).toHaveLength(2)
  })

  it("createCommitOnBranch: GraphQL's primary limit typed RATE_LIMIT (not RATE_LIMITED: octokit/plugin-throttling.js#824) is named as the rate limit, not a refusal", async () => {
    server.rateLimits.push({ kind: 'primary', resetIn: 3600, graphqlType: 'RATE_LIMIT' })
    const answer = await octokitCommitApi('ghs_t').createCommitOnBranch(commit)
    expect(answer).toMatchObject({ ok: false, kind: 'rate-limited' })
    expect((answer as { message: string }).message).toMatch(
      /^GitHub's API rate limit \(it resets at \d{4}-\d\d-\d\dT[^)]*\): API rate limit already exceeded/
    )
  })

  it('the rolling pull request: a 429 with retry-after is retried; a primary limit that resets in an hour is not, and says so', async () => {
    server.rateLimits.push({
      kind: 'secondary',
      status: 429,
      retryAfter: 1,
      match: (m, p) => m === 'GET' && p.endsWith('/pulls')
    })
    // unknown repository: GitHub's 404 after the wait
    await expect(upsertPullRequest('ghs_t', 'acme/docs', 'graft/x', 'main', 't', text('b'))).rejects.toMatchObject({
      status: 404
    })
    expect(server.requests.filter((r) => r.path.includes('/pulls'))).toHaveLength(2)

    server.rateLimits.push({ kind: 'primary', resetIn: 3600 })
    const error = await upsertPullRequest('ghs_t', 'acme/docs', 'graft/x', 'main', 't', text('b')).catch(
      (e: unknown) => e
    )
    expect(rateLimitCause(error)).toMatch(/^GitHub's API rate limit \(it resets at \d{4}-\d\d-\d\dT/)
  })

  it('createCommitOnBranch answered with a 502 HTML page (GitHub front end): GitHub unavailable, with the status, never the markup', async () => {
    server.onRequest = () => ({
      status: 502,
      message: '',
      html: '<!DOCTYPE html>\n<html><head><title>Unicorn! &middot; GitHub</title></head><body><p>We had issues</p></body></html>\n'
    })
    const answer = await octokitCommitApi('ghs_t').createCommitOnBranch(commit)
    expect(answer).toEqual({
      ok: false,
      kind: 'unavailable',
      message: 'HTTP 502: an error page instead of an API answer (GitHub is having trouble; a later run tries again)'
    })
  })

  it('createCommitOnBranch given up on for time (the request limit) is named as such, not as a server error', () => {
    // what @octokit/request throws when fetch's signal ends the request: a 500 carrying fetch's words
    const late = Object.assign(new Error('The operation was aborted due to timeout'), { status: 500 })
    expect(classify(late)).toEqual({
      ok: false,
      kind: 'unavailable',
      message: "GitHub's API did not answer within 30 s to createCommitOnBranch"
    })
    expect(timeoutCause(Object.assign(new Error('Internal Server Error'), { status: 500 }))).toBeUndefined()
  })

  it('rateLimitCause is undefined for a refusal that is not a rate limit (permissions)', () => {
    expect(
      rateLimitCause(Object.assign(new Error('Resource not accessible by integration'), { status: 403 }))
    ).toBeUndefined()
  })

  describe('the rolling pull request when another run opened it meanwhile', () => {
    let repo: TestRepo
    beforeEach(() => {
      repo = TestRepo.create({ 'README.md': 'hello\n' })
      repo.commit('initial')
      server.addRepository('acme/docs', repo.addOrigin())
      repo.git('push', '-q', 'origin', 'HEAD:refs/heads/graft/regenerate/main')
    })
    afterEach(() => repo.cleanup())

    // Two runs (no `concurrency:`) both list no open pull request, then both create one: GitHub answers the
    // second 422 "A pull request already exists for acme:graft/regenerate/main." (gocardless/bump-core#31).
    // The branch already holds this run's commit, so the pull request that exists is this run's too.
    it('422 "A pull request already exists": the open one is found and updated, not a failed run with permission advice', async () => {
      let raced = false
      server.onRequest = (method, path) => {
        // the other run's create lands between this run's listing and its own create
        if (raced || method !== 'POST' || !path.endsWith('/pulls')) return
        raced = true
        server.pullRequests('acme/docs').push({
          number: 41,
          state: 'open',
          title: 'the other run',
          body: 'the other run',
          head: { ref: 'graft/regenerate/main', sha: repo.head(), label: 'acme:graft/regenerate/main' },
          base: { ref: 'main' },
          html_url: 'https://github.com/acme/docs/pull/41',
          user: { login: 'github-actions[bot]', type: 'Bot' }
        })
      }
      const pr = await upsertPullRequest(
        'ghs_t',
        'acme/docs',
        'graft/regenerate/main',
        'main',
        'ours',
        text('our body')
      )
      expect(pr).toEqual({ number: 41, url: 'https://github.com/acme/docs/pull/41', action: 'updated' })
      expect(server.pullRequests('acme/docs')).toHaveLength(1)
      expect(server.pullRequests('acme/docs')[0]).toMatchObject({ title: 'ours', body: 'our body' })
    })
  })

  describe("a 200 that is not GitHub's API (a proxy's sign-in page, a captive portal, a body cut short)", () => {
    const PAGE =
      '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Corporate proxy: sign in to continue</body></html>\n'
    const NOT_API = /answered HTTP 200 with .* instead of the API's JSON/
    it('tokenIdentity: rejects naming the page, never a TypeError from reading it as an answer', async () => {
      server.onRequest = () => ({ status: 200, message: '', html: PAGE })
      const error = await tokenIdentity('ghs_pageToken').then(
        () => undefined,
        (e: unknown) => e
      )
      expect(error).toBeDefined()
      expect(githubReason(error)).toMatch(NOT_API)
      expect(githubReason(error)).not.toMatch(/Cannot read|undefined|<html|Sign in/)
    })
    it('createCommitOnBranch: a refusal naming the page (GitHub may not have made the commit), not a TypeError', async () => {
      server.onRequest = () => ({ status: 200, message: '', html: PAGE })
      const answer = await octokitCommitApi('ghs_t').createCommitOnBranch(commit)
      expect(answer).toMatchObject({ ok: false, kind: 'unavailable' })
      expect((answer as { message: string }).message).toMatch(NOT_API)
      expect((answer as { message: string }).message).not.toMatch(/Cannot read|undefined|<html/)
    })
    // GitHub's GraphQL answers 200 with an error of no type when it gave up on the mutation itself
    // (flutter/flutter#90640): GitHub's bad moment, and the commit may have landed all the same.
    it("createCommitOnBranch: GraphQL's 'Something went wrong while executing your query' is GitHub unavailable, not a refusal", async () => {
      server.onRequest = () => ({
        status: 200,
        message: '',
        json: JSON.stringify({
          data: null,
          errors: [
            {
              message:
                'Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. Please include `DC62:0D71:19D3BA` when reporting this issue.'
            }
          ]
        })
      })
      const answer = await octokitCommitApi('ghs_t').createCommitOnBranch(commit)
      expect(answer).toMatchObject({ ok: false, kind: 'unavailable' })
      expect((answer as { message: string }).message).toMatch(/Something went wrong while executing your query/)
    })
    it('createCommitOnBranch: JSON cut short (a 200 whose body ends mid-way) is named as such', async () => {
      server.onRequest = () => ({ status: 200, message: '', json: '{"data":{"createCommitOnBranch":{"comm' })
      const answer = await octokitCommitApi('ghs_t').createCommitOnBranch(commit)
      expect(answer).toMatchObject({ ok: false, kind: 'unavailable' })
      expect((answer as { message: string }).message).toMatch(/answered HTTP 200 with JSON cut short/)
    })
    it('the rolling pull request: the listing answered with a page opens or updates nothing', async () => {
      server.onRequest = (method) => (method === 'GET' ? { status: 200, message: '', html: PAGE } : undefined)
      const error = await upsertPullRequest('ghs_t', 'acme/docs', 'graft/regenerate/main', 'main', 't', text('b')).then(
        () => undefined,
        (e: unknown) => e
      )
      expect(githubReason(error)).toMatch(NOT_API)
      expect(server.requests.filter((r) => r.method !== 'GET')).toHaveLength(0)
    })
  })

  it('tokenIdentity: the viewer for every kind of token, the REST user when GraphQL refuses, undefined when neither answers', async () => {
    server.tokens.set('ghs_app', { kind: 'app', login: 'docs-app[bot]', name: 'n', email: 'e' })
    server.tokens.set('ghp_user', { kind: 'pat', login: 'dev', name: 'n', email: 'e', id: 77 })
    expect(await tokenIdentity('ghs_workflow')).toEqual({ login: 'github-actions[bot]', id: 41898282 })
    expect(await tokenIdentity('ghs_app')).toMatchObject({ login: 'docs-app[bot]' })
    server.viewerRefused = true
    expect(await tokenIdentity('ghp_user')).toEqual({ login: 'dev', id: 77 })
    expect(await tokenIdentity('ghs_other')).toBeUndefined()
  })
})
