// The platform's bad days and limits, end to end through the bundles as a
// runner runs them (issue 21 §1–§3; issue 19 §2's failure path):
// - the Actions cache down (503 to everything) or silent (never answers): the
//   run succeeds, says so once, and costs a few seconds more than `cache: false`
//   (timed in the same test);
// - 1,200 and 6,000 stale documents: the job summary stays under the runner's
//   1 MiB and the sticky comment under GitHub's 65,536 characters, the most
//   important rows first, then how many more;
// - hostile names (mentions, links, HTML) in the summary, the comment and the
//   failure summary render as text.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, join } from 'node:path'
import { forkPullRequest, runAction, type ActionRun } from '../support/action-runner.js'
import { BedrockServer, bedrockTestEnv } from '../support/bedrock-server.js'
import { CacheServer, type CacheMode } from '../support/cache-server.js'
import { exampleRepo } from '../support/example-repo.js'
import { GitHubServer } from '../support/github-server.js'
import { hazards, tables, visibleText } from '../support/gfm-judge.js'
import { requireDvc } from '../support/graft-repo.js'
import { TestRepo } from '../support/repo.js'

jest.setTimeout(180_000)

const TOKEN = 'ghs_platformLimitsToken'
const SUMMARY_LIMIT = 1024 * 1024
const COMMENT_LIMIT = 65536
/** What our own Markdown holds besides tables and paragraphs. */
const OURS = { emphasis: true, blocks: ['heading', 'blockquote'] as const }

describe('the Actions cache is down or slow (dist/generate)', () => {
  let repo: TestRepo
  let bedrock: BedrockServer
  let cache: CacheServer
  beforeEach(async () => {
    repo = exampleRepo()
    repo.write({ 'sources/changelog.md': repo.read('sources/changelog.md') + '\n## 2.4.0\n- cancel()\n' })
    repo.commit('changelog: 2.4.0')
    bedrock = await new BedrockServer().start()
    cache = await new CacheServer().start()
  })
  afterEach(async () => {
    await bedrock.close()
    await cache.close()
    repo.cleanup()
  })

  const generate = async (inputs: Record<string, string>, env: Record<string, string> = {}) => {
    repo.git('reset', '-q', '--hard', 'HEAD')
    const started = Date.now()
    const run = await runAction('generate', {
      workspace: repo.root,
      inputs: { engine: 'native', push: 'false', ...inputs },
      env: { ...bedrockTestEnv(bedrock.url), ...env }
    })
    return { run, ms: Date.now() - started }
  }

  it.each<[CacheMode]>([['unavailable'], ['silent'], ['slow'], ['trickle'], ['reset'], ['malformed']])(
    'cache service %s: the run succeeds, drops the cache once, and costs seconds, not minutes',
    async (mode) => {
      const reference = await generate({ cache: 'false' })
      expect(reference.run.code).toBe(0)
      cache.mode = mode
      const bad = await generate({ cache: 'true' }, cache.env())
      console.log(
        `cache ${mode}: ${bad.ms} ms with the cache, ${reference.ms} ms with cache: false (+${bad.ms - reference.ms} ms)`
      )
      expect(bad.run.code).toBe(0)
      expect(JSON.parse(bad.run.outputs.generated_files)).toEqual(JSON.parse(reference.run.outputs.generated_files))
      expect(JSON.parse(bad.run.outputs.generated_files).length).toBeGreaterThan(0)
      expect(cache.refused + cache.delayed).toBeGreaterThan(0)
      const said = bad.run.stdout.match(/going on without the cache for the rest of this run/g) ?? []
      expect(said).toHaveLength(1)
      // the toolkit's own "Failed to restore" annotations are not printed once per call
      expect(bad.run.stdout).not.toMatch(/::(warning|error)::Failed to (restore|save)/)
      expect(bad.ms - reference.ms).toBeLessThan(10_000)
    }
  )
})

/** PATH without any `dvc`: engine "dvc" then installs DVC with pip, restoring and saving it with the cache. */
function pathWithoutDvc(): string {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => !existsSync(join(dir, 'dvc')))
    .join(delimiter)
}

describe('a cache call given up on never holds the step open (dist/main, command: validate)', () => {
  it('engine dvc installs DVC while the cache service never answers: validate reports and the process ends', async () => {
    const cache = await new CacheServer().start()
    cache.mode = 'silent'
    const repo = exampleRepo()
    try {
      const version = execFileSync(requireDvc(), ['--version'], { encoding: 'utf8' }).trim()
      const started = Date.now()
      const run = await runAction('main', {
        workspace: repo.root,
        inputs: { command: 'validate', engine: 'dvc', 'dvc-version': version },
        // pip's own cache (the user's, as a runner's setup-python keeps one) saves the downloads
        env: { ...cache.env(), PATH: pathWithoutDvc(), PIP_CACHE_DIR: join(homedir(), '.cache', 'pip') },
        // pip takes a minute or more on a busy machine; without the fix the process never ends
        timeoutMs: 360_000
      })
      console.log(`validate with a silent cache (pip install included): ended after ${Date.now() - started} ms`)
      expect(run.timedOut).toBe(false)
      expect(run.code).toBe(0)
      expect(run.outputs.is_stale).toBe('false')
      expect(run.stdout).toMatch(/Actions cache: looking up graft-dvc-\S+ did not finish within 5 s/)
      expect(cache.refused).toBeGreaterThan(0)
    } finally {
      await cache.close()
      repo.cleanup()
    }
  }, 420_000)
})

/** A repository of `n` prompts and no dvc.yaml yet: every document is stale (engine none). */
function manyPrompts(n: number): TestRepo {
  const files: Record<string, string> = {}
  for (let i = 0; i < n; i++) {
    files[`docs/section-${i % 50}/document-${i}.prompt.md`] = `---\ndeps: []\n---\nWrite document ${i}.\n`
  }
  // hostile names among them: a team mention, a link, a bare URL, HTML
  // (in folder names: a stage name, from the file's base name, allows letters, digits, _ and - only)
  files['docs/@acme/security-team/team.prompt.md'] = '---\ndeps: []\n---\nx\n'
  files['docs/[click](http:/evil.test)/www.evil.test/link.prompt.md'] = '---\ndeps: []\n---\nx\n'
  files['docs/<img src=x onerror=alert(1)><details>/html.prompt.md'] = '---\ndeps: []\n---\nx\n'
  const repo = TestRepo.create(files, 'graft-many-')
  repo.commit('many prompts')
  return repo
}

describe("GitHub's size limits (dist/main, a fork's pull request: validate, summary and sticky comment)", () => {
  let github: GitHubServer
  beforeEach(async () => {
    github = await GitHubServer.start()
  })
  afterEach(async () => {
    await github.close()
  })

  it.each([2000, 6000])(
    '%i stale documents: summary under 1 MiB, comment under 65,536 characters, both say how many more',
    async (n) => {
      const repo = manyPrompts(n)
      try {
        const head = repo.git('rev-parse', 'HEAD').trim()
        const started = Date.now()
        const run: ActionRun = await runAction('main', {
          workspace: repo.root,
          event: forkPullRequest(head),
          inputs: { command: 'auto', engine: 'native', token: TOKEN },
          env: { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/docs' }
        })
        console.log(`${n} stale documents: validate-only run with summary and comment in ${Date.now() - started} ms`)
        expect(run.code).toBe(0)
        expect(run.outputs.is_stale).toBe('true')
        const total = n + 3

        const summaryBytes = Buffer.byteLength(run.summary)
        console.log(`${n} stale documents: summary ${summaryBytes} bytes`)
        expect(summaryBytes).toBeLessThan(SUMMARY_LIMIT)
        expect(hazards(run.summary, OURS)).toEqual([])
        const summaryRows = tables(run.summary)[0].length - 1
        expect(visibleText(run.summary)).toContain(`… and ${total - summaryRows} more (see the log).`)

        const comments = github.comments('acme', 'docs', 7)
        expect(comments).toHaveLength(1)
        const body = comments[0].body
        console.log(`${n} stale documents: comment ${body.length} characters`)
        expect([...body].length).toBeLessThanOrEqual(COMMENT_LIMIT)
        expect(body.startsWith('<!-- graft-action:sticky pipeline=. -->\n')).toBe(true)
        expect(hazards(body.replace(/^<!--.*-->\n/, ''), OURS)).toEqual([])
        const commentRows = tables(body)[0].length - 1
        expect(commentRows).toBeGreaterThan(50)
        expect(visibleText(body)).toContain(`${total} document(s) stale`)
        expect(visibleText(body)).toContain(`… and ${total - commentRows} more (see the job summary).`)
      } finally {
        repo.cleanup()
      }
    }
  )

  it("a pipeline whose name is long (its URI-encoded marker alone is 7,000 characters): the comment still fits GitHub's limit", async () => {
    // ten folders of 80 CJK characters: 3 bytes each on disk, 9 characters each in the marker
    const pipeline = Array.from({ length: 10 }, (_, i) => `${'文档'.repeat(40)}${i}`).join('/')
    const files: Record<string, string> = {}
    for (let i = 0; i < 300; i++)
      files[`${pipeline}/docs/${'long-name-'.repeat(12)}${i}.prompt.md`] = '---\ndeps: []\n---\nx\n'
    const repo = TestRepo.create(files, 'graft-long-pipeline-')
    repo.commit('a pipeline deep in CJK folders')
    try {
      const run = await runAction('main', {
        workspace: repo.root,
        event: forkPullRequest(repo.git('rev-parse', 'HEAD').trim()),
        inputs: { command: 'auto', engine: 'native', token: TOKEN, 'working-directory': pipeline },
        env: { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/docs' }
      })
      expect(run.code).toBe(0)
      const [comment] = github.comments('acme', 'docs', 7)
      const marker = comment.body.split('\n')[0]
      expect(marker.length).toBeGreaterThan(7000)
      expect([...comment.body].length).toBeLessThanOrEqual(COMMENT_LIMIT)
      // the report itself, shortened, not the note that replaces a refused one
      expect(visibleText(comment.body)).toContain(`Graft: 300 document(s) stale in ${pipeline}`)
      expect(visibleText(comment.body)).toMatch(/… and \d+ more \(see the job summary\)\./)
      expect(run.stdout).not.toContain('Pull-request comment skipped')
    } finally {
      repo.cleanup()
    }
  })

  it('hostile file names in the summary and the comment are text: no mention, link or tag', async () => {
    const repo = manyPrompts(3)
    try {
      const run = await runAction('main', {
        workspace: repo.root,
        event: forkPullRequest(repo.git('rev-parse', 'HEAD').trim()),
        inputs: { command: 'auto', engine: 'native', token: TOKEN },
        env: { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/docs' }
      })
      expect(run.code).toBe(0)
      const body = github.comments('acme', 'docs', 7)[0].body
      for (const doc of [run.summary, body.replace(/^<!--.*-->\n/, '')]) {
        expect(hazards(doc, OURS)).toEqual([])
        const shown = visibleText(doc)
        expect(shown).toContain('docs/@acme/security-team/team.md')
        expect(shown).toContain('docs/[click](http:/evil.test)/www.evil.test/link.md')
        expect(shown).toContain('docs/<img src=x onerror=alert(1)><details>/html.md')
      }
    } finally {
      repo.cleanup()
    }
  })
})

describe("one pull request, several pipelines; rate limits (dist/main, a fork's pull request)", () => {
  let github: GitHubServer
  let repo: TestRepo
  beforeEach(async () => {
    github = await GitHubServer.start()
    const prompt = '---\ndeps: []\n---\nx\n'
    repo = TestRepo.create({
      'packages/api/docs/a.prompt.md': prompt,
      'packages/api/docs/b.prompt.md': prompt,
      'packages/web/docs/c.prompt.md': prompt
    })
    repo.commit('two pipelines')
  })
  afterEach(async () => {
    await github.close()
    repo.cleanup()
  })
  const validate = (workingDirectory: string) =>
    runAction('main', {
      workspace: repo.root,
      event: forkPullRequest(repo.git('rev-parse', 'HEAD').trim()),
      inputs: { command: 'auto', engine: 'native', token: TOKEN, 'working-directory': workingDirectory },
      env: {
        GITHUB_API_URL: github.url,
        GITHUB_REPOSITORY: 'acme/docs',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_RUN_ID: '99'
      }
    })

  it('each working directory keeps its own sticky comment, titled with its pipeline; a job updates only its own', async () => {
    expect((await validate('packages/api')).code).toBe(0)
    expect((await validate('./packages/web/')).code).toBe(0)
    const comments = github.comments('acme', 'docs', 7)
    expect(comments).toHaveLength(2)
    expect(comments.map((c) => c.body.split('\n')[0])).toEqual([
      '<!-- graft-action:sticky pipeline=packages%2Fapi -->',
      '<!-- graft-action:sticky pipeline=packages%2Fweb -->'
    ])
    expect(visibleText(comments[0].body)).toContain('Graft: 2 document(s) stale in packages/api')
    expect(visibleText(comments[1].body)).toContain('Graft: 1 document(s) stale in packages/web')
    const web = comments[1].body

    repo.remove('packages/api/docs/b.prompt.md')
    repo.commit('one prompt fewer')
    expect((await validate('packages/api')).code).toBe(0)
    expect(github.comments('acme', 'docs', 7)).toHaveLength(2)
    expect(visibleText(comments[0].body)).toContain('Graft: 1 document(s) stale in packages/api')
    expect(comments[1].body).toBe(web)
  })

  it('a comment refused for a secondary rate limit longer than the action waits: the notice names the rate limit, and the older report is replaced', async () => {
    expect((await validate('packages/api')).code).toBe(0)
    const [sticky] = github.comments('acme', 'docs', 7)
    repo.remove('packages/api/docs/b.prompt.md')
    repo.commit('one prompt fewer')
    github.rateLimits.push({ kind: 'secondary', retryAfter: 120, match: (method) => method === 'PATCH' })
    const started = Date.now()
    const run = await validate('packages/api')
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /::notice::Pull-request comment skipped: GitHub's secondary rate limit \(it asked to wait 120 s\) refused the pull request comment/
    )
    expect(run.stdout).toContain('The comment now says the report could not be posted.')
    expect(run.stdout).not.toMatch(/comment skipped[^\n]*pull-requests: write/)
    expect(visibleText(sticky.body)).toContain("this run's report could not be posted here in packages/api")
    expect(sticky.body).toContain('(https://github.com/acme/docs/actions/runs/99)')
    expect(visibleText(sticky.body)).not.toContain('2 document(s) stale')
  })
})

describe('the job summary file cannot be written (a container job on a self-hosted runner: joonvena/robotframework-reporter-action#21)', () => {
  it.each([['validate'], ['main']])(
    'dist/%s: the run reports in its log, outputs and comment, warns once, and does not fail',
    async (entry) => {
      const github = await GitHubServer.start()
      const repo = TestRepo.create({ 'docs/a.prompt.md': '---\ndeps: []\n---\nx\n' })
      repo.commit('one prompt')
      try {
        const run = await runAction(entry, {
          workspace: repo.root,
          event: forkPullRequest(repo.git('rev-parse', 'HEAD').trim()),
          inputs: { command: 'auto', engine: 'native', token: TOKEN },
          env: {
            GITHUB_API_URL: github.url,
            GITHUB_REPOSITORY: 'acme/docs',
            GITHUB_STEP_SUMMARY: join(repo.root, 'no-such-folder', 'step_summary')
          }
        })
        expect(run.code).toBe(0)
        expect(run.outputs.is_stale).toBe('true')
        const said = run.stdout.match(
          /::warning::The job summary could not be written \(Unable to access summary file/g
        )
        expect(said).toHaveLength(1)
        if (entry === 'main') expect(github.comments('acme', 'docs', 7)).toHaveLength(1)
      } finally {
        await github.close()
        repo.cleanup()
      }
    }
  )
})

describe("GitHub's API accepts connections and never answers (dist/main, a fork's pull request)", () => {
  it('the comment costs one request time limit (not the 300 s Node waits for each), and the notice names the cause', async () => {
    const github = await GitHubServer.start()
    github.onRequest = () => new Promise<void>(() => undefined) // held until the client gives up
    const repo = TestRepo.create({ 'docs/a.prompt.md': '---\ndeps: []\n---\nx\n' })
    repo.commit('one prompt')
    try {
      const started = Date.now()
      const run = await runAction('main', {
        workspace: repo.root,
        event: forkPullRequest(repo.git('rev-parse', 'HEAD').trim()),
        inputs: { command: 'auto', engine: 'native', token: TOKEN },
        env: { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/docs' },
        timeoutMs: 150_000
      })
      const ms = Date.now() - started
      console.log(`a silent GitHub API: the validate-only run with its comment ended after ${ms} ms`)
      expect(run.timedOut).toBe(false)
      expect(run.code).toBe(0)
      expect(ms).toBeLessThan(60_000)
      expect(run.stdout).toContain(
        "::notice::Pull-request comment skipped: GitHub's API did not answer within 30 s, so the pull request comment was not written"
      )
      // asked once: who the token is; nothing after the API stopped answering
      expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /graphql'])
    } finally {
      await github.close()
      repo.cleanup()
    }
  }, 180_000)
})

describe('the failure summary (dist/validate): a missing dep with a hostile name', () => {
  it.each([
    ['<img src=x onerror=alert(1)>'],
    ['<details><summary>up to date</summary>'],
    ['@acme/security-team'],
    ['[click](https://evil.test) www.evil.test a@b.co #1']
  ])('%s: named as text in the summary, no tag, mention or link', async (dep) => {
    const repo = TestRepo.create({ 'docs/a.prompt.md': `---\ndeps:\n  - ${JSON.stringify(dep)}\n---\nx\n` })
    repo.commit('a prompt with a missing dep')
    try {
      const run = await runAction('validate', { workspace: repo.root, inputs: { engine: 'native' } })
      expect(run.code).not.toBe(0)
      expect(run.summary).toMatch(/### ❌ Graft: 1 problem\(s\)/)
      expect(hazards(run.summary, { blocks: ['heading', 'list', 'listItem'] })).toEqual([])
      expect(visibleText(run.summary)).toContain(dep)
    } finally {
      repo.cleanup()
    }
  })
})
