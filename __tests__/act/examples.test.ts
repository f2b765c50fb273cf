// The workflows users copy, run in a GitHub Actions runtime (nektos/act, host
// mode): examples/workflows/*.yml and the README's two-job workflow, against a
// bare origin, the loopback Bedrock server and the loopback GitHub API.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../support/action-runner.js'
import { actionPackage, describeRun, ROLE_ARN, runAct, TOKEN, type ActRun, type ActRunOptions } from '../support/act.js'
import { ActRepo, REPOSITORY, gitIn, type PullRequestEvent } from '../support/act-repo.js'
import { BedrockServer, reply } from '../support/bedrock-server.js'
import { GitHubServer, WORKFLOW_IDENTITY, type TokenIdentity } from '../support/github-server.js'
import { TestRepo } from '../support/repo.js'

const EXAMPLES = join(PROJECT_ROOT, 'examples', 'workflows')
const example = (name: string): string => join(EXAMPLES, name)

/** The first yaml block under a README heading, exactly as a user would copy it, as a workflow file. */
function readmeBlock(heading: string): string {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8')
  const at = readme.indexOf(`## ${heading}\n`)
  const block = at < 0 ? null : /```yaml\n([\s\S]*?)```/.exec(readme.slice(at))
  if (!block) throw new Error(`README: no yaml block under "${heading}"`)
  const file = join(mkdtempSync(join(tmpdir(), 'graft-act-readme-')), 'readme.yml')
  writeFileSync(file, block[1])
  return file
}

/** The README's two-job workflow. */
const readmeWorkflow = (): string => readmeBlock('Regenerate stale documents')
/** The README's first workflow: the validate-only required check. */
const readmeCheck = (): string => readmeBlock('Check pull requests (no secrets)')

const CHANGELOG_EDIT = { 'sources/changelog.md': '# Changelog\n\n## 2.4.0\n\n- cancel() for running jobs\n' }
const PR_STALE = ['docs/faq.md', 'docs/index.md', 'docs/release-notes.md']

const SECRETS = { GRAFT_BEDROCK_ROLE_ARN: ROLE_ARN }
/** The installation token the create-github-app-token stand-in makes for this client ID, and the App it stands for. */
const GIT_BOT = 'graft-bot[bot]'
const APP_CLIENT_ID = 'Iv23liStandin'
const APP_TOKEN_VALUE = `ghs_appStandin${createHash('md5').update(APP_CLIENT_ID).digest('hex').slice(0, 20)}`
const APP_IDENTITY: TokenIdentity = {
  kind: 'app',
  login: 'graft-docs[bot]',
  name: 'graft-docs[bot]',
  email: '123+graft-docs[bot]@users.noreply.github.com'
}
const APP_SECRETS = { ...SECRETS, GRAFT_APP_CLIENT_ID: APP_CLIENT_ID, GRAFT_APP_PRIVATE_KEY: 'pem' }
const TIMEOUT = 180_000

describe('example workflows in the Actions runtime (act)', () => {
  let repo: ActRepo
  let bedrock: BedrockServer
  let github: GitHubServer

  beforeEach(async () => {
    repo = new ActRepo()
    bedrock = await new BedrockServer().start()
    github = await GitHubServer.start()
    // the examples commit through the API (commit-via: api, the default): GitHub writes to origin
    github.addRepository(REPOSITORY, repo.origin)
    github.tokens.set(APP_TOKEN_VALUE, APP_IDENTITY)
  })
  afterEach(async () => {
    await bedrock.close()
    await github.close()
    repo.cleanup()
  })

  const act = (o: Omit<ActRunOptions, 'origin' | 'env' | 'githubApiUrl'>): Promise<ActRun> =>
    runAct({
      origin: repo.origin,
      env: { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrock.url },
      githubApiUrl: github.url,
      ...o
    })

  const onPullRequest = (
    workflow: string,
    pr: PullRequestEvent,
    secrets: Record<string, string> = SECRETS,
    extra: Partial<ActRunOptions> = {}
  ): Promise<ActRun> =>
    act({ workflow, event: 'pull_request', payload: pr.payload, sha: pr.mergeSha, secrets, ...extra })

  /**
   * Asserts one bot commit on `branch`, on top of `parent`, touching exactly `files` and
   * dvc.lock: made with git by the bot identity (commit-via: git, the default), or through
   * the API (Verified) by the token's identity.
   */
  function expectBotCommit(
    branch: string,
    parent: string,
    files: string[],
    who: TokenIdentity = WORKFLOW_IDENTITY
  ): string {
    const tip = repo.tip(`refs/heads/${branch}`)
    expect(gitIn(repo.origin, 'rev-parse', `${tip}~1`)).toBe(parent)
    expect(repo.changed(tip)).toEqual([...files, 'dvc.lock'].sort())
    const api = github.apiCommits.find((c) => c.sha === tip)
    const author = gitIn(repo.origin, 'log', '-1', '--format=%an <%ae>', tip)
    if (api) {
      expect(author).toBe(`${who.name} <${who.email}>`)
      expect(api).toMatchObject({ branch, verified: true, token: who.kind })
    } else {
      expect(author).toBe(`${GIT_BOT} <${GIT_BOT}@users.noreply.github.com>`)
    }
    return tip
  }

  describe.each([
    ['pull-request-two-jobs.yml', () => example('pull-request-two-jobs.yml')],
    ["the README's two-job workflow", readmeWorkflow]
  ])('%s', (_name, workflowFile) => {
    it(
      'same-repository pull request: validate finds the stale documents, generate pushes one bot commit; the next run finds nothing stale',
      async () => {
        const workflow = workflowFile()
        const head = repo.commitOn('feature', CHANGELOG_EDIT, 'changelog: 2.4.0')
        const first = await onPullRequest(workflow, repo.pullRequest(7, 'feature'))
        expect(first.code).toBe(0)
        expect(first.jobs).toEqual({ validate: 'success', generate: 'success' })
        expect(first.outputs['validate.graft'].is_stale).toBe('true')
        const bot = expectBotCommit('feature', head, PR_STALE)
        expect(bedrock.requests).toHaveLength(3)
        expect(repo.tip('refs/heads/main')).not.toBe(bot)
        if (workflow.endsWith('two-jobs.yml')) {
          // the outputs reach the shell intact through env (JSON quotes and all)
          expect(first.log).toContain(`Regenerated ${first.outputs['generate.graft'].generated_files} in ${bot}`)
          expect(JSON.parse(first.outputs['generate.graft'].generated_files).sort()).toEqual(PR_STALE)
        }

        const second = await onPullRequest(workflow, repo.pullRequest(7, 'feature'))
        expect(second.code).toBe(0)
        expect(second.outputs['validate.graft'].is_stale).toBe('false')
        expect(second.jobs).toEqual({ validate: 'success' }) // generate skipped by its if:
        expect(repo.tip('refs/heads/feature')).toBe(bot)
        expect(bedrock.requests).toHaveLength(3)
      },
      TIMEOUT
    )
  })

  const PR_WORKFLOWS: [string, () => string][] = [
    ['pull-request-two-jobs.yml', () => example('pull-request-two-jobs.yml')],
    ["the README's two-job workflow", readmeWorkflow],
    ['pull-request-one-step.yml', () => example('pull-request-one-step.yml')],
    ['app-token.yml', () => example('app-token.yml')]
  ]

  it.each(PR_WORKFLOWS)(
    '%s, fork pull request: no secrets, every job green, validate only, no model call, nothing pushed',
    async (_name, workflowFile) => {
      const head = repo.forkCommit(CHANGELOG_EDIT, 'changelog from a fork')
      const pr = repo.pullRequest(9, 'main', { headRepo: 'someone/docs-fork', head })
      const refs = repo.refs()
      // a fork's run gets the read-only workflow token and no other secret
      const run = await onPullRequest(workflowFile(), pr, {})
      expect(run.code).toBe(0)
      expect(Object.values(run.jobs).every((r) => r === 'success')).toBe(true)
      expect(bedrock.requests).toHaveLength(0)
      expect(repo.refs()).toBe(refs)
      const stale = Object.values(run.outputs).find((o) => o.is_stale !== undefined)
      expect(stale?.is_stale).toBe('true')
    },
    TIMEOUT
  )

  it.each(PR_WORKFLOWS)(
    '%s, same-repository pull request without the AWS secret (Dependabot, or before setup): green, validate only, a notice',
    async (name, workflowFile) => {
      repo.commitOn('deps-bump', CHANGELOG_EDIT, 'bump a dependency')
      const pr = repo.pullRequest(11, 'deps-bump')
      const refs = repo.refs()
      const run = await onPullRequest(workflowFile(), pr, {})
      expect({ code: run.code, jobs: run.jobs }).toEqual({ code: 0, jobs: expect.any(Object) })
      expect(Object.values(run.jobs).every((r) => r === 'success')).toBe(true)
      expect(bedrock.requests).toHaveLength(0)
      expect(repo.refs()).toBe(refs)
      expect(run.outputs[Object.keys(run.outputs)[0]].is_stale).toBe('true')
      // the README keeps its workflow short: its generate job just skips its steps
      if (!name.startsWith('the README')) {
        const notices = run.annotations.filter((a) => a.command === 'notice').map((a) => a.text)
        expect(notices.some((n) => /Validate only: no AWS credentials|No GRAFT_BEDROCK_ROLE_ARN secret/.test(n))).toBe(
          true
        )
      }
    },
    TIMEOUT
  )

  it(
    'pull-request-one-step.yml: same-repository pull request gets one bot commit and one sticky comment; the next run finds nothing stale',
    async () => {
      const head = repo.commitOn('feature', CHANGELOG_EDIT, 'changelog: 2.4.0')
      const first = await onPullRequest(example('pull-request-one-step.yml'), repo.pullRequest(7, 'feature'))
      expect(first.code).toBe(0)
      const bot = expectBotCommit('feature', head, PR_STALE)
      expect(first.outputs['docs.2']).toMatchObject({ is_stale: 'true', pushed: 'true', commit_sha: bot })
      const comments = github.comments('acme', 'docs', 7)
      expect(comments).toHaveLength(1)
      expect(comments[0].body).toContain(bot)
      expect(github.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true)
      // the credentials reached the model call from the credentials step, not from the runner
      expect(bedrock.requests[0].headers.authorization).toMatch(/Credential=ASIASTANDIN/)

      const second = await onPullRequest(example('pull-request-one-step.yml'), repo.pullRequest(7, 'feature'))
      expect(second.code).toBe(0)
      expect(second.outputs['docs.2']).toMatchObject({ is_stale: 'false', pushed: 'false' })
      expect(repo.tip('refs/heads/feature')).toBe(bot)
      expect(bedrock.requests).toHaveLength(3)
      expect(github.comments('acme', 'docs', 7)).toHaveLength(1)
    },
    TIMEOUT
  )

  it(
    'app-token.yml: the bot commit and the comment use the App token, not GITHUB_TOKEN',
    async () => {
      const head = repo.commitOn('feature', CHANGELOG_EDIT, 'changelog: 2.4.0')
      const run = await onPullRequest(example('app-token.yml'), repo.pullRequest(7, 'feature'), APP_SECRETS)
      expect(run.code).toBe(0)
      expectBotCommit('feature', head, PR_STALE, APP_IDENTITY)
      expect(github.requests.length).toBeGreaterThan(0)
      expect(github.requests.every((r) => r.authorization === `token ${APP_TOKEN_VALUE}`)).toBe(true)
      const second = await onPullRequest(example('app-token.yml'), repo.pullRequest(7, 'feature'), APP_SECRETS)
      expect(second.code).toBe(0)
      expect(second.outputs['docs.3']).toMatchObject({ is_stale: 'false', pushed: 'false' })
    },
    TIMEOUT
  )

  it(
    'push-autofix.yml: a push to main gets one bot commit on top; the next run finds nothing stale',
    async () => {
      const before = repo.tip('refs/heads/main')
      const trigger = repo.commitOn(
        'main',
        { 'sources/api.md': repo.dev.read('sources/api.md') + '\n## cancel(id)\n\nStops a job.\n' },
        'api: cancel'
      )
      const first = await act({
        workflow: example('push-autofix.yml'),
        event: 'push',
        payload: repo.pushEvent(before, trigger),
        sha: trigger,
        secrets: SECRETS
      })
      expect(first.code).toBe(0)
      const bot = expectBotCommit('main', trigger, [
        'docs/api-reference.md',
        'docs/faq.md',
        'docs/getting-started.md',
        'docs/index.md',
        'docs/overview.md'
      ])
      expect(gitIn(repo.origin, 'log', '-1', '--format=%B', bot)).toContain(`Triggered-by: ${trigger}`)

      const second = await act({
        workflow: example('push-autofix.yml'),
        event: 'push',
        payload: repo.pushEvent(trigger, bot),
        sha: bot,
        secrets: SECRETS
      })
      expect(second.code).toBe(0)
      expect(second.outputs['autofix.2']).toMatchObject({ is_stale: 'false', pushed: 'false' })
      expect(repo.tip('refs/heads/main')).toBe(bot)
    },
    TIMEOUT
  )

  it.each([
    ['required-check.yml', () => example('required-check.yml')],
    ["the README's first workflow (the required check)", readmeCheck]
  ])(
    '%s: fails on a pull request that leaves documents stale, passes once they are regenerated',
    async (_name, checkFile) => {
      const check = checkFile()
      repo.commitOn('feature', CHANGELOG_EDIT, 'changelog: 2.4.0')
      const stale = await onPullRequest(check, repo.pullRequest(7, 'feature'), {})
      expect(stale.code).not.toBe(0)
      expect(stale.jobs).toEqual({ check: 'failure' })
      expect(stale.annotations.some((a) => a.command === 'error' && /stale/.test(a.text))).toBe(true)

      // the one-step workflow regenerates them; the required check then passes on the new head
      const fix = await onPullRequest(example('pull-request-one-step.yml'), repo.pullRequest(7, 'feature'))
      expect(fix.code).toBe(0)
      const current = await onPullRequest(check, repo.pullRequest(7, 'feature'), {})
      expect(current.code).toBe(0)
      expect(current.jobs).toEqual({ check: 'success' })
      const main = repo.tip('refs/heads/main')
      const onMain = await act({
        workflow: check,
        event: 'push',
        payload: repo.pushEvent(main, main),
        sha: main
      })
      expect(onMain.jobs).toEqual({ check: 'success' })
    },
    TIMEOUT
  )

  it(
    'pull-request-one-step.yml while a developer pushes during generation: rebased onto their commit, what it made stale regenerated, nothing forced',
    async () => {
      const head = repo.commitOn('feature', CHANGELOG_EDIT, 'changelog: 2.4.0')
      const pr = repo.pullRequest(7, 'feature')
      let release!: () => void
      bedrock.enqueue(reply.hold(new Promise<void>((r) => (release = r))))
      const running = onPullRequest(example('pull-request-one-step.yml'), pr)
      await bedrock.waitForRequests(1)
      const other = repo.otherClone('feature')
      other.write({
        'sources/architecture.md': other.read('sources/architecture.md') + '\nA scheduler now runs on every node.\n'
      })
      const theirs = other.commit('architecture: scheduler on every node')
      other.git('push', '-q', 'origin', 'feature')
      release()
      const run = await running
      expect(run.code).toBe(0)
      const tip = repo.tip('refs/heads/feature')
      expect(gitIn(repo.origin, 'merge-base', '--is-ancestor', theirs, tip)).toBe('')
      expect(gitIn(repo.origin, 'merge-base', '--is-ancestor', head, tip)).toBe('')
      const bots = repo.log(`${theirs}..${tip}`)
      expect(bots.length).toBeGreaterThanOrEqual(1)
      expect(bots.every((line) => line.includes(`${WORKFLOW_IDENTITY.name}|`) || line.includes(`${GIT_BOT}|`))).toBe(
        true
      )

      const second = await onPullRequest(example('pull-request-one-step.yml'), repo.pullRequest(7, 'feature'))
      expect(second.code).toBe(0)
      expect(second.outputs['docs.2']).toMatchObject({ is_stale: 'false', pushed: 'false' })
      expect(repo.tip('refs/heads/feature')).toBe(tip)
    },
    TIMEOUT
  )

  it(
    'dispatch.yml with targets and force, right after a bot commit: regenerates the target with what reads it (downstream: include) in one more bot commit; report leaves them and says so; the next run finds nothing stale',
    async () => {
      const before = repo.tip('refs/heads/main')
      const trigger = repo.commitOn('main', CHANGELOG_EDIT, 'changelog: 2.4.0')
      const autofix = await act({
        workflow: example('push-autofix.yml'),
        event: 'push',
        payload: repo.pushEvent(before, trigger),
        sha: trigger,
        secrets: SECRETS
      })
      expect(autofix.code).toBe(0)
      const botCommit = expectBotCommit('main', trigger, PR_STALE)

      // report: only the target; what reads it is named as left stale
      const narrow = { targets: 'docs/overview.md', force: 'true', downstream: 'report' }
      const first = await act({
        workflow: example('dispatch.yml'),
        event: 'workflow_dispatch',
        payload: repo.dispatchEvent(narrow),
        inputs: narrow,
        sha: botCommit,
        secrets: SECRETS
      })
      expect(describeRun(first)).toMatch(/^exit 0;/)
      const forced = expectBotCommit('main', botCommit, ['docs/overview.md'])
      expect(JSON.parse(first.outputs['generate.2'].left_stale).sort()).toEqual([
        'docs/faq.md',
        'docs/getting-started.md',
        'docs/index.md'
      ])

      // include (the default): the target again, with everything that reads it, in one bot commit
      const inputs = { targets: 'docs/overview.md', force: 'true', downstream: 'include' }
      const run = await act({
        workflow: example('dispatch.yml'),
        event: 'workflow_dispatch',
        payload: repo.dispatchEvent(inputs),
        inputs,
        sha: forced,
        secrets: SECRETS
      })
      expect(describeRun(run)).toMatch(/^exit 0;/)
      const settled = expectBotCommit('main', forced, [
        'docs/faq.md',
        'docs/getting-started.md',
        'docs/index.md',
        'docs/overview.md'
      ])
      expect(run.outputs['generate.2'].left_stale).toBe('[]')

      // a dispatch without targets, right after the bot's commit, finds nothing stale
      const none = { targets: '', force: 'false', downstream: 'include' }
      const last = await act({
        workflow: example('dispatch.yml'),
        event: 'workflow_dispatch',
        payload: repo.dispatchEvent(none),
        inputs: none,
        sha: settled,
        secrets: SECRETS
      })
      expect(describeRun(last)).toMatch(/^exit 0;/)
      expect(last.outputs['generate.2']).toMatchObject({ is_stale: 'false', pushed: 'false' })
      expect(repo.tip('refs/heads/main')).toBe(settled)
    },
    TIMEOUT
  )

  it(
    'render cache (act cache server): a second pull request with the same change gets release-notes from the cache, with no model call',
    async () => {
      // one runner's Actions cache and home, shared by the two runs
      const cacheDir = mkdtempSync(join(tmpdir(), 'graft-act-cache-'))
      const home = mkdtempSync(join(tmpdir(), 'graft-act-home-'))
      repo.commitOn('first', CHANGELOG_EDIT, 'changelog: 2.4.0')
      const first = await onPullRequest(example('pull-request-one-step.yml'), repo.pullRequest(7, 'first'), SECRETS, {
        cacheDir,
        home
      })
      expect(first.code).toBe(0)
      expect(bedrock.requests).toHaveLength(3)
      expect(first.log).not.toContain('render cache hit')
      const firstBot = repo.tip('refs/heads/first')

      repo.commitOn('second', CHANGELOG_EDIT, 'changelog: 2.4.0')
      const second = await onPullRequest(example('pull-request-one-step.yml'), repo.pullRequest(8, 'second'), SECRETS, {
        cacheDir,
        home
      })
      expect(second.code).toBe(0)
      // release-notes' packed prompt is the same as in the first run: served from the cache.
      // faq and index read release-notes' new header, which names this branch's commit: rendered.
      expect(second.log).toContain('docs/release-notes.md: render cache hit, no model call')
      expect(bedrock.requests).toHaveLength(5)
      const asked = bedrock.requests.slice(3).map((r) => JSON.stringify(r.body))
      expect(asked).not.toContain(JSON.stringify(bedrock.requests[0].body))
      const secondBot = repo.tip('refs/heads/second')
      expect([WORKFLOW_IDENTITY.name, GIT_BOT]).toContain(gitIn(repo.origin, 'log', '-1', '--format=%an', secondBot))
      const body = (rev: string): string =>
        gitIn(repo.origin, 'show', `${rev}:docs/release-notes.md`).replace(/^<!-- Generated by Graft .*-->\n/, '')
      expect(body(secondBot)).toBe(body(firstBot))
      expect(repo.changed(secondBot)).toEqual([...PR_STALE, 'dvc.lock'].sort())
    },
    TIMEOUT
  )

  it(
    "this project's own CI job (`uses: ./` and `./generate` on examples/docs-site): validate finds the sample current, the dry run renders nothing",
    async () => {
      // the project as a repository: what a checkout of this commit holds that the job reads
      const project = new TestRepo(mkdtempSync(join(tmpdir(), 'graft-act-project-')))
      project.git('init', '-q', '-b', 'main')
      cpSync(actionPackage(), project.root, { recursive: true })
      for (const part of ['examples/docs-site', '.github/workflows/ci.yml'])
        cpSync(join(PROJECT_ROOT, part), project.path(part), { recursive: true })
      const sha = project.commit('graft-action')
      const origin = project.addOrigin()
      const run = await runAct({
        workflow: project.path('.github/workflows/ci.yml'),
        job: 'action',
        event: 'push',
        payload: { ref: 'refs/heads/main', before: sha, after: sha, repository: { full_name: 'owner/graft-action' } },
        sha,
        origin,
        repository: 'owner/graft-action',
        workdir: project.root,
        env: { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrock.url }
      })
      expect(run.code).toBe(0)
      expect(run.jobs).toEqual({ action: 'success' })
      expect(run.outputs['action.validate']).toMatchObject({ is_stale: 'false' })
      expect(run.outputs['action.dry-run']).toMatchObject({ pushed: 'false', commit_sha: '' })
      expect(bedrock.requests).toHaveLength(0)
      expect(gitIn(origin, 'rev-parse', 'main')).toBe(sha)
      project.cleanup()
    },
    TIMEOUT
  )
})
