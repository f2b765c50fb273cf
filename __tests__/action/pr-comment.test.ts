// The sticky comment against the loopback GitHub (real Octokit): one per
// pipeline, found by its marker and by the token's own account, replaced by a
// short note when GitHub refuses the report, and rate limits waited out when
// GitHub asks for a short wait.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { LEGACY_MARKER, stickyMarker, upsertPrComment } from '../../src/action/pr-comment.js'
import { refusedCommentBody } from '../../src/action/markdown.js'
import { text } from '../../src/action/gfm.js'
import { accountId, BODY_MAX_CHARS, GitHubServer, type TokenIdentity } from '../support/github-server.js'

const TOKEN = 'ghs_commentToken'
const APP_TOKEN = 'ghs_appInstallationToken'
const PAT = 'github_pat_person'
const APP: TokenIdentity = {
  kind: 'app',
  login: 'graft-docs[bot]',
  name: 'graft-docs[bot]',
  email: 'x@users.noreply.github.com'
}
const PERSON: TokenIdentity = { kind: 'pat', login: 'octo-dev', name: 'Octo Dev', email: 'dev@example.com' }
const ROOT_MARKER = stickyMarker('.')

describe('upsertPrComment', () => {
  let server: GitHubServer
  let savedApiUrl: string | undefined
  beforeEach(async () => {
    server = await GitHubServer.start()
    server.tokens.set(APP_TOKEN, APP)
    server.tokens.set(PAT, PERSON)
    savedApiUrl = process.env.GITHUB_API_URL
    process.env.GITHUB_API_URL = server.url
  })
  afterEach(async () => {
    if (savedApiUrl === undefined) delete process.env.GITHUB_API_URL
    else process.env.GITHUB_API_URL = savedApiUrl
    await server.close()
  })

  const input = (body: string, over: { token?: string; pipeline?: string } = {}) => ({
    token: over.token ?? TOKEN,
    owner: 'acme',
    repo: 'docs',
    prNumber: 7,
    pipeline: over.pipeline ?? '.',
    body: text(body),
    refused: (reason: string) =>
      refusedCommentBody(reason, over.pipeline ?? '.', 'https://github.com/acme/docs/actions/runs/9')
  })
  const comments = () => server.comments('acme', 'docs', 7)
  const writes = () => server.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql')

  it('creates the comment with the marker, then updates that same comment in place', async () => {
    server.addComment('acme', 'docs', 7, 'LGTM')
    const first = await upsertPrComment(input('2 stale documents'))
    expect(first).toMatchObject({ ok: true, action: 'created' })
    const second = await upsertPrComment(input('All documents up to date'))
    expect(second).toEqual({ ok: true, action: 'updated', id: (first as { id: number }).id })

    expect(comments().map((c) => c.body)).toEqual(['LGTM', `${ROOT_MARKER}\nAll documents up to date`])
    expect(comments()[1].user.login).toBe('github-actions[bot]')
    expect(writes().map((r) => r.method)).toEqual(['POST', 'PATCH'])
    expect(server.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true)
  })

  // GitHub Enterprise Server's API base, written with a trailing slash: Octokit joins base and path as
  // they are (`/api/v3/` + `/repos/…` = `//repos/…`, a protocol-relative URL to a host named "repos")
  it('GITHUB_API_URL of a GitHub Enterprise Server with a trailing slash: the comment is written under /api/v3, GraphQL asked at /api/graphql', async () => {
    process.env.GITHUB_API_URL = `${server.url}/api/v3/`
    expect(await upsertPrComment(input('2 stale documents'))).toMatchObject({ ok: true, action: 'created' })
    expect(comments()).toHaveLength(1)
    expect(server.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      'POST /api/graphql',
      'GET /api/v3/repos/acme/docs/issues/7/comments',
      'POST /api/v3/repos/acme/docs/issues/7/comments',
      'GET /api/v3/repos/acme/docs/issues/7/comments'
    ])
  })

  it('sends nothing more when the body has not changed', async () => {
    await upsertPrComment(input('same'))
    expect(await upsertPrComment(input('same'))).toMatchObject({ ok: true, action: 'unchanged' })
    expect(writes().map((r) => r.method)).toEqual(['POST'])
  })

  it('finds its comment on a later page', async () => {
    for (let i = 0; i < 100; i++) server.addComment('acme', 'docs', 7, `chatter ${i}`)
    const sticky = server.addComment('acme', 'docs', 7, `${ROOT_MARKER}\nold report`, 'github-actions[bot]')
    server.addComment('acme', 'docs', 7, 'after')
    expect(await upsertPrComment(input('new report'))).toEqual({ ok: true, action: 'updated', id: sticky.id })
    expect(comments()).toHaveLength(102)
    expect(sticky.body).toBe(`${ROOT_MARKER}\nnew report`)
  })

  it('does not take a comment that merely quotes the marker', async () => {
    server.addComment('acme', 'docs', 7, `> ${ROOT_MARKER}\n> quoted`, 'github-actions[bot]')
    expect(await upsertPrComment(input('report'))).toMatchObject({ ok: true, action: 'created' })
    expect(comments()).toHaveLength(2)
  })

  describe("only the token's own comment is the sticky one", () => {
    it('a person who posts the marker first (with a fake "up to date") is left alone; the bot posts its own', async () => {
      const fake = server.addComment(
        'acme',
        'docs',
        7,
        `${ROOT_MARKER}\n### ✅ Graft: every document is up to date`,
        'mallory'
      )
      const legacy = server.addComment('acme', 'docs', 7, `${LEGACY_MARKER}\nall good`, 'mallory')
      const result = await upsertPrComment(input('3 documents stale'))
      expect(result).toMatchObject({ ok: true, action: 'created' })
      expect(fake.body).toContain('up to date')
      expect(legacy.body).toBe(`${LEGACY_MARKER}\nall good`)
      expect(comments().at(-1)).toMatchObject({
        user: { login: 'github-actions[bot]' },
        body: `${ROOT_MARKER}\n3 documents stale`
      })
    })

    it("a person who edits the marker into their comment later is left alone; the bot's comment is updated", async () => {
      const mine = await upsertPrComment(input('first'))
      const theirs = server.addComment('acme', 'docs', 7, 'a remark', 'mallory')
      theirs.body = `${ROOT_MARKER}\nfake`
      const again = await upsertPrComment(input('second'))
      expect(again).toEqual({ ok: true, action: 'updated', id: (mine as { id: number }).id })
      expect(theirs.body).toBe(`${ROOT_MARKER}\nfake`)
    })

    it("an App installation token (viewer `<slug>[bot]`) takes its own comment, not the workflow bot's", async () => {
      const workflowBots = server.addComment(
        'acme',
        'docs',
        7,
        `${ROOT_MARKER}\nfrom GITHUB_TOKEN`,
        'github-actions[bot]'
      )
      const created = await upsertPrComment(input('from the App', { token: APP_TOKEN }))
      expect(created).toMatchObject({ ok: true, action: 'created' })
      expect(comments().at(-1)!.user).toEqual({
        login: 'graft-docs[bot]',
        id: accountId('graft-docs[bot]'),
        type: 'Bot'
      })
      expect(await upsertPrComment(input('from the App, again', { token: APP_TOKEN }))).toMatchObject({
        action: 'updated'
      })
      expect(workflowBots.body).toBe(`${ROOT_MARKER}\nfrom GITHUB_TOKEN`)
      expect(server.requests.filter((r) => r.path === '/graphql')).toHaveLength(1) // the identity is asked once
    })

    it("a personal access token: the user's own comment; REST /user answers when GraphQL viewer is refused", async () => {
      server.viewerRefused = true
      const theirs = server.addComment('acme', 'docs', 7, `${ROOT_MARKER}\nold`, 'octo-dev')
      expect(await upsertPrComment(input('new', { token: PAT }))).toEqual({
        ok: true,
        action: 'updated',
        id: theirs.id
      })
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).toContain('GET /user')
    })

    it('when GitHub will not say who the token is, nothing is written and the reason says so', async () => {
      server.viewerRefused = true // and /user refuses an installation token
      server.addComment('acme', 'docs', 7, `${ROOT_MARKER}\nold`, 'github-actions[bot]')
      const result = await upsertPrComment(input('new', { token: 'ghs_unknownInstallation' }))
      expect(result).toMatchObject({ ok: false })
      expect((result as { reason: string }).reason).toMatch(/did not say which account the token acts as/)
      expect(writes()).toHaveLength(0)
    })

    it("GraphQL gave up on the viewer query ('Something went wrong while executing your query'): GitHub's bad moment is the reason, not the token", async () => {
      server.onRequest = (method, path) =>
        method === 'POST' && path === '/graphql'
          ? {
              status: 200,
              message: '',
              json: JSON.stringify({
                data: null,
                errors: [
                  {
                    message:
                      'Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug.'
                  }
                ]
              })
            }
          : undefined
      const result = await upsertPrComment(input('new', { token: 'ghs_anotherInstallation' }))
      expect(result).toMatchObject({ ok: false })
      expect((result as { reason: string }).reason).toMatch(/Something went wrong while executing your query/)
      expect((result as { reason: string }).reason).not.toMatch(/check the `token` input/)
      expect(writes()).toHaveLength(0)
    })
  })

  describe('one comment per pipeline', () => {
    it('two working directories keep a comment each, each updated in place', async () => {
      const api = await upsertPrComment(input('api: 2 stale', { pipeline: 'packages/api' }))
      const web = await upsertPrComment(input('web: 1 stale', { pipeline: 'packages/web' }))
      expect(api).toMatchObject({ action: 'created' })
      expect(web).toMatchObject({ action: 'created' })
      await upsertPrComment(input('api: regenerated 2', { pipeline: 'packages/api' }))
      expect(comments().map((c) => c.body)).toEqual([
        `${stickyMarker('packages/api')}\n${text('api: regenerated 2')}`,
        `${stickyMarker('packages/web')}\n${text('web: 1 stale')}`
      ])
    })

    it('the root pipeline adopts the comment an earlier version wrote with the one marker', async () => {
      const old = server.addComment('acme', 'docs', 7, `${LEGACY_MARKER}\nold report`, 'github-actions[bot]')
      expect(await upsertPrComment(input('new report'))).toEqual({ ok: true, action: 'updated', id: old.id })
      expect(await upsertPrComment(input('api', { pipeline: 'api' }))).toMatchObject({ action: 'created' })
    })

    it("another pipeline deletes the comment an earlier version's matrix jobs shared (it would stand for ever); a person's legacy marker is left alone", async () => {
      const shared = server.addComment('acme', 'docs', 7, `${LEGACY_MARKER}\n✅ up to date`, 'github-actions[bot]')
      const person = server.addComment('acme', 'docs', 7, `${LEGACY_MARKER}\nmine`, 'octo-dev')
      expect(await upsertPrComment(input('api 2 stale', { pipeline: 'packages/api' }))).toMatchObject({
        ok: true,
        action: 'created'
      })
      expect(comments().map((c) => c.id)).not.toContain(shared.id)
      expect(comments().map((c) => c.body)).toEqual([person.body, `${stickyMarker('packages/api')}\napi 2 stale`])
    })

    it('a pipeline name cannot end the marker comment', () => {
      expect(stickyMarker('a-->b <!-- x --!>')).toBe(
        '<!-- graft-action:sticky pipeline=a--%3Eb%20%3C!--%20x%20--!%3E -->'
      )
    })
  })

  describe('only ever one sticky comment per pipeline', () => {
    const bot = 'github-actions[bot]'
    it('duplicates an earlier race left (one of them a stale "up to date"): the oldest holds the report, the others are deleted; a person\'s marker is left alone', async () => {
      const oldest = server.addComment('acme', 'docs', 7, `${ROOT_MARKER}\n2 stale documents`, bot)
      server.addComment('acme', 'docs', 7, `${ROOT_MARKER}\n✅ every document up to date`, 'octo-dev')
      server.addComment('acme', 'docs', 7, `${ROOT_MARKER}\n✅ every document up to date`, bot)
      server.addComment('acme', 'docs', 7, `${ROOT_MARKER}\n1 stale document`, bot)
      const result = await upsertPrComment(input('3 stale documents'))
      expect(result).toEqual({ ok: true, action: 'updated', id: oldest.id })
      expect(comments().map((c) => [c.user.login, c.body])).toEqual([
        [bot, `${ROOT_MARKER}\n3 stale documents`],
        ['octo-dev', `${ROOT_MARKER}\n✅ every document up to date`]
      ])
    })

    it('two runs that race (both list before either posts): one comment is left, holding a report', async () => {
      // each run's first listing waits until both runs have listed
      let listings = 0
      let release: () => void = () => undefined
      const bothListed = new Promise<void>((resolve) => (release = resolve))
      server.onRequest = async (method, path) => {
        if (method !== 'GET' || !path.endsWith('/7/comments') || listings >= 2) return
        if (++listings === 2) release()
        await bothListed
      }
      const [a, b] = await Promise.all([upsertPrComment(input('report A')), upsertPrComment(input('report B'))])
      expect(a).toMatchObject({ ok: true, action: 'created' })
      expect(b).toMatchObject({ ok: true, action: 'created' })
      expect(server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/comments'))).toHaveLength(2)
      expect(comments()).toHaveLength(1)
      expect([`${ROOT_MARKER}\nreport A`, `${ROOT_MARKER}\nreport B`]).toContain(comments()[0].body)
      expect([(a as { id: number }).id, (b as { id: number }).id]).toEqual([comments()[0].id, comments()[0].id])
    })

    it('a comment deleted between the listing and the update: the report is posted anew', async () => {
      const old = server.addComment('acme', 'docs', 7, `${ROOT_MARKER}\n✅ every document up to date`, bot)
      server.onRequest = (method) => {
        if (method === 'PATCH') comments().splice(comments().indexOf(old), 1)
      }
      const result = await upsertPrComment(input('3 stale documents'))
      expect(result).toMatchObject({ ok: true, action: 'created' })
      expect(comments().map((c) => c.body)).toEqual([`${ROOT_MARKER}\n3 stale documents`])
    })
  })

  describe('GitHub answers 5xx to a write it made (probot/probot#921)', () => {
    const madeThen500 = (method: string, path: string) => {
      if (method !== 'POST' && method !== 'PATCH') return
      if (!path.includes('/comments')) return
      const body = (server.requests.at(-1)!.body as { body: string }).body
      if (method === 'POST') server.addComment('acme', 'docs', 7, body, 'github-actions[bot]')
      else comments()[0].body = body
      return { status: 502, message: 'Server Error' }
    }

    it('a new comment that was posted despite the 502: reported as posted, no note beside it', async () => {
      server.onRequest = madeThen500
      const result = await upsertPrComment(input('3 stale documents'))
      expect(result).toMatchObject({ ok: true, action: 'created' })
      expect(comments().map((c) => c.body)).toEqual([`${ROOT_MARKER}\n3 stale documents`])
    })

    it('an update that was made despite the 502: reported as made, not replaced by a note', async () => {
      server.addComment('acme', 'docs', 7, `${ROOT_MARKER}\n✅ up to date`, 'github-actions[bot]')
      server.onRequest = madeThen500
      const result = await upsertPrComment(input('3 stale documents'))
      expect(result).toMatchObject({ ok: true, action: 'updated' })
      expect(comments().map((c) => c.body)).toEqual([`${ROOT_MARKER}\n3 stale documents`])
    })

    it('a 502 to a write GitHub did not make: the older report is still replaced by the note', async () => {
      const old = server.addComment('acme', 'docs', 7, `${ROOT_MARKER}\n✅ up to date`, 'github-actions[bot]')
      let first = true
      server.onRequest = (method) => {
        if (method === 'PATCH' && first) {
          first = false
          return { status: 502, message: 'Server Error' }
        }
      }
      const result = await upsertPrComment(input('3 stale documents'))
      expect(result).toMatchObject({ ok: false, standing: 'note' })
      expect(old.body).toContain("this run's report could not be posted here")
    })
  })

  describe('GitHub refuses', () => {
    it('a locked conversation (403 "issue is locked"): the reason names the lock, not a permission; the older report does not stand', async () => {
      server.addComment('acme', 'docs', 7, `${ROOT_MARKER}\n✅ every document up to date`, 'github-actions[bot]')
      server.refuseWhen = (method, path) => (method === 'POST' || method === 'PATCH') && path !== '/graphql'
      server.refuse = { status: 403, message: 'Unable to create comment because issue is locked.' }
      const result = await upsertPrComment(input('3 stale documents'))
      expect(result).toMatchObject({ ok: false, standing: 'deleted' })
      const reason = (result as { reason: string }).reason
      expect(reason).toMatch(
        /the conversation is locked \(HTTP 403: Unable to create comment because issue is locked\.\)/
      )
      expect(reason).toMatch(/unlock it, or set `comment: false`/)
      expect(reason).not.toMatch(/pull-requests: write/)
      expect(comments()).toHaveLength(0)
    })

    it('the token may not comment (403, 404): ok:false with what to do, nothing written', async () => {
      // GraphQL viewer answers any token, and the comments can be read; writing them is refused
      server.refuseWhen = (method, path) => method !== 'GET' && path !== '/graphql'
      server.refuse = GitHubServer.NOT_ACCESSIBLE
      const refused = await upsertPrComment(input('report'))
      expect(refused).toMatchObject({ ok: false, standing: 'none' })
      expect((refused as { reason: string }).reason).toMatch(
        /HTTP 403: Resource not accessible by integration.*permissions: pull-requests: write.*comment: false/
      )
      server.refuse = { status: 404, message: 'Not Found' }
      expect(await upsertPrComment(input('report'))).toMatchObject({ ok: false })
      // one attempt each, and no note (a token that may not comment cannot post one either)
      expect(writes().map((r) => r.method)).toEqual(['POST', 'POST'])
      expect(comments()).toHaveLength(0)
    })

    it('a report over 65,536 characters (422): the older report is replaced by a short note, never left standing', async () => {
      const old = server.addComment(
        'acme',
        'docs',
        7,
        `${ROOT_MARKER}\n✅ every document up to date`,
        'github-actions[bot]'
      )
      const result = await upsertPrComment(input('x'.repeat(BODY_MAX_CHARS + 1)))
      expect(result).toMatchObject({ ok: false, standing: 'note' })
      expect((result as { reason: string }).reason).toBe(
        'GitHub refused the pull request comment (HTTP 422: body is too long (maximum is 65536 characters))'
      )
      expect(old.body.startsWith(`${ROOT_MARKER}\n### ⚠️ Graft: this run's report could not be posted here`)).toBe(true)
      expect(old.body).toContain('[job summary of this run](https://github.com/acme/docs/actions/runs/9)')
      expect(old.body).not.toContain('up to date')
      expect(comments()).toHaveLength(1)
    })

    it('when the note is refused too, the older report is deleted', async () => {
      const old = server.addComment('acme', 'docs', 7, `${ROOT_MARKER}\n✅ up to date`, 'github-actions[bot]')
      const patch = (method: string) => method === 'PATCH'
      server.rateLimits.push({ kind: 'secondary', match: patch }, { kind: 'secondary', match: patch })
      const result = await upsertPrComment(input('3 stale'))
      expect(result).toMatchObject({ ok: false, standing: 'deleted' })
      expect(comments()).not.toContainEqual(old)
    })

    it('when the comments cannot be read (rate limit on the listing), no note is posted beside a report it cannot see', async () => {
      server.addComment('acme', 'docs', 7, `${ROOT_MARKER}\n✅ up to date`, 'github-actions[bot]')
      server.rateLimits.push({
        kind: 'secondary',
        retryAfter: 120,
        match: (m, p) => m === 'GET' && p.endsWith('/comments')
      })
      const result = await upsertPrComment(input('3 stale'))
      expect(result).toMatchObject({ ok: false, standing: 'unknown' })
      expect((result as { reason: string }).reason).toMatch(/secondary rate limit/)
      expect(writes()).toHaveLength(0)
    })
    it("the listing answered 200 with a web page (a proxy's sign-in page): nothing is posted beside a report it cannot see, and the reason names the page", async () => {
      server.addComment('acme', 'docs', 7, `${ROOT_MARKER}\n✅ up to date`, 'github-actions[bot]')
      server.onRequest = (method, path) =>
        method === 'GET' && path.endsWith('/comments')
          ? { status: 200, message: '', html: '<html><body>Sign in to the proxy</body></html>' }
          : undefined
      const result = await upsertPrComment(input('3 stale'))
      expect(result).toMatchObject({ ok: false, standing: 'unknown' })
      expect((result as { reason: string }).reason).toMatch(/answered HTTP 200 with a web page/)
      expect((result as { reason: string }).reason).not.toMatch(/HTTP 500|<html|Sign in/)
      expect(writes()).toHaveLength(0)
      expect(comments()).toHaveLength(1)
    })
  })

  describe("GitHub's rate limits", () => {
    const onPost = (method: string, path: string) => method === 'POST' && path !== '/graphql'

    it.each([
      ['403 secondary, retry-after: 1', { kind: 'secondary' as const, retryAfter: 1 }],
      ['429 secondary, retry-after: 1', { kind: 'secondary' as const, status: 429 as const, retryAfter: 1 }],
      ['403 primary, x-ratelimit-remaining: 0, reset in 1 s', { kind: 'primary' as const, resetIn: 1 }]
    ])('%s: waited out, then the comment is written', async (_name, limit) => {
      server.rateLimits.push({ ...limit, match: onPost })
      const started = Date.now()
      expect(await upsertPrComment(input('report'))).toMatchObject({ ok: true, action: 'created' })
      const took = Date.now() - started
      console.log(`rate limit (${_name}) waited out in ${took} ms`)
      expect(took).toBeLessThan(5000)
      expect(writes().filter((r) => r.method === 'POST')).toHaveLength(2)
    })

    it('a wait longer than the action waits: no retry, the reason names rate limiting (not permissions), and the older report does not stand', async () => {
      const old = server.addComment('acme', 'docs', 7, `${ROOT_MARKER}\n✅ up to date`, 'github-actions[bot]')
      server.rateLimits.push({ kind: 'secondary', retryAfter: 120, match: (m) => m === 'PATCH' })
      const started = Date.now()
      const result = await upsertPrComment(input('3 stale'))
      expect(Date.now() - started).toBeLessThan(3000)
      expect(result).toMatchObject({ ok: false, standing: 'note' })
      const reason = (result as { reason: string }).reason
      expect(reason).toMatch(/GitHub's secondary rate limit \(it asked to wait 120 s\)/)
      expect(reason).not.toMatch(/pull-requests: write/)
      expect(old.body).toMatch(/could not be posted here/)
      expect(old.body).toMatch(/secondary rate limit/)
    })

    it('retried at most twice, then given up', async () => {
      for (let i = 0; i < 3; i++) server.rateLimits.push({ kind: 'secondary', retryAfter: 1, match: onPost })
      const result = await upsertPrComment(input('report'))
      expect(result).toMatchObject({ ok: false })
      expect((result as { reason: string }).reason).toMatch(/secondary rate limit/)
      // three refused attempts of the report, then the note (which GitHub takes)
      expect(writes().filter((r) => r.method === 'POST')).toHaveLength(4)
    })
  })
})
