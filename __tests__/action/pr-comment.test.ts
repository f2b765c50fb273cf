import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { STICKY_MARKER, upsertPrComment } from '../../src/action/pr-comment.js'
import { GitHubServer } from '../support/github-server.js'

const TOKEN = 'ghs_commentToken'

describe('upsertPrComment', () => {
  let server: GitHubServer
  let savedApiUrl: string | undefined
  beforeEach(async () => {
    server = await GitHubServer.start()
    savedApiUrl = process.env.GITHUB_API_URL
    process.env.GITHUB_API_URL = server.url
  })
  afterEach(async () => {
    if (savedApiUrl === undefined) delete process.env.GITHUB_API_URL
    else process.env.GITHUB_API_URL = savedApiUrl
    await server.close()
  })

  const input = (body: string) => ({ token: TOKEN, owner: 'acme', repo: 'docs', prNumber: 7, body })

  it('creates the comment with the marker, then updates that same comment in place', async () => {
    server.addComment('acme', 'docs', 7, 'LGTM')
    const first = await upsertPrComment(input('**2 stale documents**'))
    expect(first).toMatchObject({ ok: true, action: 'created' })
    const second = await upsertPrComment(input('**All documents up to date**'))
    expect(second).toEqual({ ok: true, action: 'updated', id: (first as { id: number }).id })

    const comments = server.comments('acme', 'docs', 7)
    expect(comments.map((c) => c.body)).toEqual(['LGTM', `${STICKY_MARKER}\n**All documents up to date**`])
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'PATCH'])
    expect(server.requests[0].path).toBe('/repos/acme/docs/issues/7/comments?per_page=100')
    expect(server.requests[3].path).toBe(`/repos/acme/docs/issues/comments/${comments[1].id}`)
    expect(server.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true)
  })

  it('sends nothing more when the body has not changed', async () => {
    await upsertPrComment(input('same'))
    const again = await upsertPrComment(input('same'))
    expect(again).toMatchObject({ ok: true, action: 'unchanged' })
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET'])
  })

  it('finds the marker comment on a later page', async () => {
    for (let i = 0; i < 100; i++) server.addComment('acme', 'docs', 7, `chatter ${i}`)
    const sticky = server.addComment('acme', 'docs', 7, `${STICKY_MARKER}\nold report`, 'github-actions[bot]')
    server.addComment('acme', 'docs', 7, 'after')
    const result = await upsertPrComment(input('new report'))
    expect(result).toEqual({ ok: true, action: 'updated', id: sticky.id })
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/acme/docs/issues/7/comments?per_page=100',
      'GET /repos/acme/docs/issues/7/comments?per_page=100&page=2',
      `PATCH /repos/acme/docs/issues/comments/${sticky.id}`
    ])
    expect(server.comments('acme', 'docs', 7)).toHaveLength(102)
    expect(sticky.body).toBe(`${STICKY_MARKER}\nnew report`)
  })

  it('does not take a comment that merely quotes the marker for the sticky one', async () => {
    server.addComment('acme', 'docs', 7, `> ${STICKY_MARKER}\n> quoted`)
    expect(await upsertPrComment(input('report'))).toMatchObject({ ok: true, action: 'created' })
    expect(server.comments('acme', 'docs', 7)).toHaveLength(2)
  })

  it('answers ok:false with what to do when the token may not comment (403, 404), creating nothing', async () => {
    server.refuse = GitHubServer.NOT_ACCESSIBLE
    const refused = await upsertPrComment(input('report'))
    expect(refused.ok).toBe(false)
    expect((refused as { reason: string }).reason).toMatch(
      /HTTP 403: Resource not accessible by integration.*permissions: pull-requests: write.*comment: false/
    )
    server.refuse = { status: 404, message: 'Not Found' }
    expect(await upsertPrComment(input('report'))).toMatchObject({ ok: false })
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true)
    expect(server.comments('acme', 'docs', 7)).toHaveLength(0)
  })

  it('throws for other failures (a server error is not a permission problem)', async () => {
    server.refuse = { status: 422, message: 'Validation Failed' }
    await expect(upsertPrComment(input('report'))).rejects.toThrow(/Validation Failed/)
  })
})
