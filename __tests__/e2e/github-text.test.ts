// What a contributor's names make of the text the action writes to GitHub
// outside the comment, end to end (dist/main, a bare origin, the loopback
// GitHub and Bedrock): the bot commit's message, the rolling pull request's
// title and body, and the job summary's publishing lines. A branch that
// controls an output's name (`out:`) and a protected branch named with a
// reference and a mention (and too long for a pull request's title): nothing
// closes or references an issue, mentions anyone or links anywhere, every
// table and line renders as written, and the title fits GitHub's limit.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { runAction } from '../support/action-runner.js'
import { BedrockServer, bedrockTestEnv } from '../support/bedrock-server.js'
import { exampleRepo } from '../support/example-repo.js'
import { hazards, visibleText } from '../support/gfm-judge.js'
import { GitHubServer } from '../support/github-server.js'
import { GIT_ENV, type TestRepo } from '../support/repo.js'

const TOKEN = 'ghs_githubTextToken'
const HOSTILE_OUT = 'docs/fixes #12 @acme/team www.evil.test.md'
// longer than a pull request's title may be (256 characters), an astral character where the title is cut
const BRANCH = `release/#12-@acme/${'x'.repeat(194)}🦀${'y'.repeat(40)}`

/** What GitHub acts on in plain text (looser than GitHub's own patterns). */
const ACTED_ON = [
  /@[\p{L}\p{N}_]/u,
  /(?:^|[^\p{L}\p{N}_])#\d|\bGH-\d/iu,
  /www\./i,
  /[a-z][a-z0-9+.-]*:\/\//i,
  /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s+(?:[\w.-]+\/[\w.-]+)?#\d/i
]

describe('repository names in the commit message, the rolling pull request and the summary (dist/main)', () => {
  let repo: TestRepo
  let origin: string
  let bedrock: BedrockServer
  let github: GitHubServer
  beforeEach(async () => {
    repo = exampleRepo()
    repo.git('checkout', '-q', '-b', BRANCH)
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

  it('a push to a protected branch named with a reference and a mention, regenerating an output named "fixes #12 @acme/team www…"', async () => {
    repo.write({ 'docs/evil.prompt.md': `---\nout: ${JSON.stringify(HOSTILE_OUT)}\ndeps: []\n---\nWrite.\n` })
    const sha = repo.commit('a prompt with a hostile output name')
    repo.git('push', '-q', 'origin', `HEAD:refs/heads/${BRANCH}`)
    github.protect('acme/docs', BRANCH, {
      variant: 'GH006',
      rules: ['Changes must be made through a pull request.'],
      requiredChecks: ['ci / build', 'lint']
    })
    const run = await runAction('main', {
      workspace: repo.root,
      event: {
        name: 'push',
        payload: { ref: `refs/heads/${BRANCH}`, after: sha, repository: { full_name: 'acme/docs' } }
      },
      inputs: { command: 'generate', engine: 'native', token: TOKEN, 'commit-via': 'git' },
      env: { ...bedrockTestEnv(bedrock.url), GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/docs' }
    })
    expect(run.code).toBe(0)
    const [pull] = github.pullRequests('acme/docs')
    expect(run.outputs.pull_request_number).toBe(String(pull.number))

    // the commit message: the names are there (without the zero-width spaces) and act on nothing
    const message = execFileSync('git', ['log', '-1', '--format=%B', pull.head.ref], {
      cwd: origin,
      env: { ...process.env, ...GIT_ENV },
      encoding: 'utf8'
    })
    expect(message.replace(/\u200b/g, '')).toContain(`- ${HOSTILE_OUT} (GENERATE)`)
    for (const pattern of ACTED_ON) expect(message).not.toMatch(pattern)

    // the pull request: its title is plain text within GitHub's 256 characters, its body Markdown
    expect([...pull.title]).toHaveLength(256)
    expect(pull.title.endsWith('…')).toBe(true)
    expect(pull.title).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/) // no half of a surrogate pair
    expect(pull.title).toContain('🦀…')
    expect(
      `docs: regenerate stale documentation on ${BRANCH}`.startsWith(pull.title.replace(/\u200b/g, '').slice(0, -1))
    ).toBe(true)
    for (const pattern of ACTED_ON) expect(pull.title).not.toMatch(pattern)
    expect(hazards(pull.body)).toEqual([])
    expect(visibleText(pull.body)).toContain(HOSTILE_OUT)

    // the summary's publishing lines: the branch as code, our own link to the pull request, the checks listed
    const findings = hazards(run.summary, { emphasis: true, blocks: ['heading', 'blockquote'] })
    expect(findings).toEqual([{ kind: 'link', what: `#${pull.number}` }])
    const shown = visibleText(run.summary)
    expect(shown).toContain(`${BRANCH} is protected: the bot commit`)
    expect(shown).toContain(`${BRANCH} requires ci / build, lint, and the commit was made with the workflow token`)
  })
})
