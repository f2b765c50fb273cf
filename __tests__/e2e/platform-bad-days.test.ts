// More of GitHub's bad days (issue 21 §2 §4, attacked again), end to end
// through dist/main on a fork's pull request (validate and comment, no model):
// - the question "which account does the token act as" refused for a rate
//   limit or a 5xx: the notice names that cause, not the `token` input;
// - GitHub's load balancer answering 502/504 with an HTML page: the notice and
//   the note on the pull request say the status, never the page's markup.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { forkPullRequest, runAction } from '../support/action-runner.js'
import { GitHubServer } from '../support/github-server.js'
import { visibleText } from '../support/gfm-judge.js'
import { TestRepo } from '../support/repo.js'

jest.setTimeout(120_000)

const TOKEN = 'ghs_platformBadDaysToken'

/** A 502 page as GitHub's front end serves it (HTML, not JSON). */
const HTML_502 =
  '<!DOCTYPE html>\n<html>\n  <head>\n    <title>Unicorn! &middot; GitHub</title>\n  </head>\n  <body>\n' +
  '    <p><strong>We had issues producing the response to your request.</strong></p>\n  </body>\n</html>\n'

describe("GitHub's bad days around the sticky comment (dist/main, a fork's pull request)", () => {
  let github: GitHubServer
  let repo: TestRepo
  beforeEach(async () => {
    github = await GitHubServer.start()
    repo = TestRepo.create({ 'docs/a.prompt.md': '---\ndeps: []\n---\nx\n' })
    repo.commit('one prompt')
  })
  afterEach(async () => {
    await github.close()
    repo.cleanup()
  })
  const validate = async () => {
    const started = Date.now()
    const run = await runAction('main', {
      workspace: repo.root,
      event: forkPullRequest(repo.git('rev-parse', 'HEAD').trim()),
      inputs: { command: 'auto', engine: 'native', token: TOKEN },
      env: { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/docs', GITHUB_RUN_ID: '99' },
      timeoutMs: 90_000
    })
    return { ...run, ms: Date.now() - started }
  }
  const notice = (stdout: string) => stdout.match(/::notice::Pull-request comment skipped: [^\n]*/)?.[0] ?? ''

  // octokit/plugin-throttling.js: the primary limit's reset is up to an hour away; a run must not wait it out
  it('the primary rate limit (x-ratelimit-remaining: 0, reset in an hour) on who the token is: the notice names the rate limit, not the token; the run does not wait', async () => {
    github.rateLimits.push(
      { kind: 'primary', resetIn: 3600, match: (_m, path) => path === '/graphql' },
      { kind: 'primary', resetIn: 3600, match: (_m, path) => path === '/user' }
    )
    const run = await validate()
    console.log(`primary rate limit on the identity: the run ended after ${run.ms} ms`)
    expect(run.code).toBe(0)
    expect(run.ms).toBeLessThan(30_000)
    expect(notice(run.stdout)).toMatch(/GitHub's API rate limit \(it resets at \d{4}-/)
    expect(notice(run.stdout)).not.toContain('check the `token` input')
    expect(github.comments('acme', 'docs', 7)).toHaveLength(0)
  })

  it('a 502 HTML page on who the token is: the notice names GitHub answering 502, not the token', async () => {
    github.onRequest = (method, path) =>
      path === '/graphql' || path === '/user' ? { status: 502, message: '', html: HTML_502 } : undefined
    const run = await validate()
    expect(run.code).toBe(0)
    expect(notice(run.stdout)).toContain('HTTP 502')
    expect(notice(run.stdout)).not.toContain('check the `token` input')
    expect(notice(run.stdout)).not.toMatch(/<(!DOCTYPE|html|head|title|body|p|strong)\b/i)
  })

  it('a 504 HTML page on the comment: the notice and the note say the status, never the markup', async () => {
    expect((await validate()).code).toBe(0)
    const [sticky] = github.comments('acme', 'docs', 7)
    repo.write({ 'docs/b.prompt.md': '---\ndeps: []\n---\ny\n' })
    repo.commit('another prompt')
    let patches = 0
    github.onRequest = (method) =>
      method === 'PATCH' && patches++ === 0 ? { status: 504, message: '', html: HTML_502 } : undefined
    const run = await validate()
    expect(run.code).toBe(0)
    expect(notice(run.stdout)).toContain('HTTP 504')
    expect(notice(run.stdout)).not.toMatch(/<(!DOCTYPE|html|head|title|body|p|strong)\b/i)
    expect(sticky.body).not.toMatch(/DOCTYPE|Unicorn|&lt;|<html/i)
    expect(visibleText(sticky.body)).toContain('HTTP 504')
  })
})

// GitHub shows 10 warning and 10 error annotations per step, 50 per job (actions/toolkit#734; the rest
// are dropped without a word: bullfrogsec/bullfrog#3). More than that: seven, then one that says how
// many more and where they are; every one is still in the log.
describe('more annotations than GitHub shows in one step (dist/main, a fork pull request with 25 stale documents)', () => {
  it('at most 8 notices: seven documents, then one naming how many more and where to read them; the log names all 25', async () => {
    const github = await GitHubServer.start()
    github.refuse = GitHubServer.NOT_ACCESSIBLE // the comment is refused: its notice must still be shown
    const names = Array.from({ length: 25 }, (_, i) => `page-${String(i).padStart(2, '0')}`)
    const repo = TestRepo.create(
      Object.fromEntries(names.map((n) => [`docs/${n}.prompt.md`, '---\ndeps: []\n---\nx\n']))
    )
    repo.commit('25 prompts')
    try {
      const run = await runAction('main', {
        workspace: repo.root,
        event: forkPullRequest(repo.git('rev-parse', 'HEAD').trim()),
        inputs: { command: 'auto', engine: 'native', token: TOKEN },
        env: { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/docs' }
      })
      expect(run.code).toBe(0)
      const notices = run.stdout.split('\n').filter((l) => l.startsWith('::notice '))
      // seven documents and the line saying how many more: two places stay for the action's own notices
      expect(notices).toHaveLength(8)
      expect(
        notices
          .slice(0, 7)
          .every((l) => /^::notice title=Stale generated document,.*::docs\/page-0\d\.md is stale/.test(l))
      ).toBe(true)
      expect(notices[7]).toMatch(
        /^::notice title=Stale generated documents::18 more stale generated documents are not shown as annotations \(GitHub shows 10 per step\): this step's log and the job summary list them/
      )
      for (const n of names) expect(run.stdout).toContain(`docs/${n}.md is stale`)
      // every notice of the step, the action's own included, within what GitHub shows
      const all = run.stdout.split('\n').filter((l) => l.startsWith('::notice'))
      expect(all.length).toBeLessThanOrEqual(10)
      expect(all[all.length - 1]).toMatch(/^::notice::Pull-request comment skipped: /)
    } finally {
      await github.close()
      repo.cleanup()
    }
  })
})

// A pull request from a fork runs `pull_request` with a read-only GITHUB_TOKEN, whatever `permissions:` says:
// every comment is refused 403 "Resource not accessible by integration" (marocchino/sticky-pull-request-comment#227).
// Telling the user to add `pull-requests: write` sends them after a setting that cannot help.
describe("a fork's pull request, whose token GitHub keeps read-only (dist/main)", () => {
  it('the comment refused 403: the notice says a fork gets a read-only token and where the report is, not to add pull-requests: write', async () => {
    const github = await GitHubServer.start()
    github.refuse = GitHubServer.NOT_ACCESSIBLE
    // a read-only token reads (the viewer, the comments) but may not write
    github.refuseWhen = (method, path) => method !== 'GET' && path !== '/graphql'
    const repo = TestRepo.create({ 'docs/guide.prompt.md': '---\ndeps: []\n---\nx\n' })
    repo.commit('a prompt')
    try {
      const run = await runAction('main', {
        workspace: repo.root,
        event: forkPullRequest(repo.git('rev-parse', 'HEAD').trim()),
        inputs: { command: 'auto', engine: 'native', token: TOKEN },
        env: { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/docs' }
      })
      expect(run.code).toBe(0)
      const notice = run.stdout.split('\n').find((l) => l.startsWith('::notice::Pull-request comment skipped: '))
      expect(notice).toMatch(/Resource not accessible by integration/)
      expect(notice).toMatch(/from a fork/)
      expect(notice).toMatch(/read-only/)
      expect(notice).toMatch(/job summary/)
      expect(notice).not.toMatch(/pull-requests: write/)
      expect(github.comments('acme', 'docs', 7)).toHaveLength(0)
    } finally {
      await github.close()
      repo.cleanup()
    }
  })
})

describe('a failure with more problems than GitHub shows as annotations (dist/validate)', () => {
  it('14 prompts with a missing dep: 8 error annotations of problems, the last saying how many more, and the step failure; the log and summary name all 14', async () => {
    const names = Array.from({ length: 14 }, (_, i) => `page-${String(i).padStart(2, '0')}`)
    const repo = TestRepo.create(
      Object.fromEntries(names.map((n) => [`docs/${n}.prompt.md`, `---\ndeps:\n  - missing/${n}.md\n---\nx\n`]))
    )
    repo.commit('14 prompts with a missing dep')
    try {
      const run = await runAction('validate', { workspace: repo.root, inputs: { engine: 'native' } })
      expect(run.code).not.toBe(0)
      const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'))
      // seven problems and the line saying how many more: the step's failure line gets a place of its own
      const ours = errors.filter((l) => l.includes('title=graft-action'))
      expect(ours).toHaveLength(8)
      expect(ours[7]).toMatch(/7 more problem\(s\) are not shown as annotations \(GitHub shows 10 per step\)/)
      for (const n of names) {
        expect(run.stdout).toContain(`missing/${n}.md`)
        expect(visibleText(run.summary)).toContain(`missing/${n}.md`)
      }
    } finally {
      repo.cleanup()
    }
  })
})

// An App token lasts an hour; the comment of a long generate run comes last (issue 21 §6's push case, for the API).
describe('the token expired before the comment (dist/main, a fork pull request)', () => {
  it('GitHub answers 401 "Bad credentials" to everything: the notice says the token expired or was revoked and what to do, not a permission', async () => {
    const github = await GitHubServer.start()
    github.refuse = { status: 401, message: 'Bad credentials' }
    const repo = TestRepo.create({ 'docs/a.prompt.md': '---\ndeps: []\n---\nx\n' })
    repo.commit('one prompt')
    try {
      const run = await runAction('main', {
        workspace: repo.root,
        event: forkPullRequest(repo.git('rev-parse', 'HEAD').trim()),
        inputs: { command: 'auto', engine: 'native', token: TOKEN },
        env: { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/docs' }
      })
      expect(run.code).toBe(0)
      const notice = run.stdout.match(/::notice::Pull-request comment skipped: [^\n]*/)?.[0] ?? ''
      expect(notice).toContain('GitHub refused the token (HTTP 401: Bad credentials): it has expired or was revoked')
      expect(notice).toContain('lasts one hour')
      expect(notice).not.toMatch(/pull-requests: write|check the `token` input/)
      const lines = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'))
      expect(lines.join('\n')).not.toContain(TOKEN)
    } finally {
      await github.close()
      repo.cleanup()
    }
  })
})
