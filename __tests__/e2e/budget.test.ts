// Big runs under control, end to end through dist/generate/index.js as a
// runner runs it: the budget refused before any model call, the output budget
// stopping a run, a failed run resumed from the render cache (a loopback
// implementation of the cache service @actions/cache speaks), and the adaptive
// limiter under a quota.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { runAction, type ActionRun } from '../support/action-runner.js'
import { visibleText } from '../support/gfm-judge.js'
import { BedrockServer, bedrockTestEnv, isEditRequest, reply, type RecordedRequest } from '../support/bedrock-server.js'
import { CacheServer } from '../support/cache-server.js'
import { exampleRepo } from '../support/example-repo.js'
import type { TestRepo } from '../support/repo.js'
import { scratchDir } from '../support/scratch.js'

// each case runs the bundle once or twice against loopback servers: seconds, more on a loaded machine
jest.setTimeout(120_000)

const promptText = (r: RecordedRequest): string => r.body.messages[0].content[0].text
/** Which document a request renders: the packed prompt carries the prompt's instructions. */
const MARKERS: Record<string, string> = {
  'docs/overview.md': 'overview',
  'docs/api-reference.md': 'Write the API reference',
  'docs/release-notes.md': 'release notes',
  'docs/getting-started.md': 'getting-started',
  'docs/faq.md': 'FAQ',
  'docs/index.md': 'index'
}

describe('budget, resume and adaptive concurrency (dist/generate)', () => {
  let repo: TestRepo
  let server: BedrockServer
  const generate = (inputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<ActionRun> =>
    runAction('generate', {
      workspace: repo.root,
      inputs: { engine: 'native', push: 'false', ...inputs },
      env: { ...bedrockTestEnv(server.url), ...env }
    })

  beforeEach(async () => {
    repo = exampleRepo()
    server = await new BedrockServer().start()
  })
  afterEach(async () => {
    await server.close()
    repo.cleanup()
  })

  /** sources/api.md feeds overview and api-reference; everything below them goes stale too (5 documents). */
  const changeApi = (): void => {
    repo.write({ 'sources/api.md': repo.read('sources/api.md') + '\n## cancel(job)\n\nStops a job.\n' })
    repo.commit('api: cancel')
  }

  describe('refused before any model call', () => {
    it('max-documents: lists every document with its estimate and the total, says what to do, calls no model, changes nothing', async () => {
      changeApi()
      const before = repo.snapshot()
      const run = await generate({ 'max-documents': '3' })
      expect(run.code).not.toBe(0)
      expect(server.requests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
      expect(run.stdout).toContain('5 documents to render, over the `max-documents` input (3)')
      for (const doc of ['docs/overview.md', 'docs/api-reference.md'])
        expect(run.stdout).toMatch(new RegExp(`${doc}: at least ~\\d+ tokens`))
      expect(run.stdout).toMatch(/total at least ~\d+ for 5 document\(s\)/)
      expect(run.stdout).toContain('`targets`')
      expect(run.stdout).toContain('raise the `max-documents` input')
      expect(run.stdout).toContain('split the run')
      // a refusal that needs no count comes before any request: not even CountTokens carried a prompt out
      expect(server.countRequests).toHaveLength(0)
    })

    it('max-input-tokens that the characters alone exceed: refused before any request, CountTokens included', async () => {
      changeApi()
      const before = repo.snapshot()
      const run = await generate({ 'max-input-tokens': '100' })
      expect(run.code).not.toBe(0)
      expect(server.requests).toHaveLength(0)
      expect(server.countRequests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
      expect(run.stdout).toMatch(/at least ~\d+ input tokens, over the `max-input-tokens` input \(100\)/)
      expect(run.stdout).toContain('not counted, so nothing was sent to Bedrock')
    })

    it('max-input-tokens between the floor and the count: counted (counting is for runs that go on), then refused before any model call', async () => {
      changeApi()
      // the floor is characters ÷ 6; the loopback counts characters ÷ 4: a limit between them needs the count
      const dry = await generate({ 'dry-run': 'true' })
      const counted = Number(/Input estimate before any model call: (\d+) tokens/.exec(dry.stdout)?.[1])
      expect(counted).toBeGreaterThan(0)
      const countsBefore = server.countRequests.length
      const before = repo.snapshot()
      const run = await generate({ 'max-input-tokens': String(Math.floor(counted * 0.8)) })
      expect(run.code).not.toBe(0)
      expect(server.countRequests.length - countsBefore).toBe(5)
      expect(server.requests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
      expect(run.stdout).toMatch(new RegExp(`~${counted} input tokens, over the \`max-input-tokens\` input`))
      expect(run.stdout).toContain('counted by Bedrock CountTokens')
    })

    it('max-input-tokens when the model cannot be counted: over it by the character estimate, and the log says which', async () => {
      changeApi()
      server.countTokens('unsupported')
      const dry = await generate({ 'dry-run': 'true' })
      const estimated = Number(/Input estimate before any model call: (\d+) tokens/.exec(dry.stdout)?.[1])
      const before = repo.snapshot()
      const run = await generate({ 'max-input-tokens': String(Math.floor(estimated * 0.8)) })
      expect(run.code).not.toBe(0)
      expect(server.requests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
      expect(run.stdout).toMatch(/~\d+ input tokens, over the `max-input-tokens` input/)
      expect(run.stdout).toContain('estimated at 3.5 characters per token')
      expect(run.stdout).toContain('CountTokens is not available for us.anthropic.claude-sonnet-4-5')
    })

    it('the dry run says the real run would stop before any request, and counts nothing for it', async () => {
      changeApi()
      const run = await generate({ 'dry-run': 'true', 'max-documents': '3' })
      expect(run.code).toBe(0)
      expect(server.requests).toHaveLength(0)
      expect(server.countRequests).toHaveLength(0)
      expect(run.stdout).toContain('the real run would stop here, before any request to Bedrock')
      expect(run.stdout).toMatch(
        /Input estimate before any model call: \d+ tokens for 5 document\(s\) to render \(estimated at 3\.5 characters per token/
      )
    })

    it('a dry run within budget counts with Bedrock and gives the expected cost', async () => {
      changeApi()
      const run = await generate({ 'dry-run': 'true' })
      expect(run.code).toBe(0)
      expect(server.requests).toHaveLength(0)
      expect(server.countRequests).toHaveLength(5)
      expect(run.stdout).toMatch(
        /Input estimate before any model call: \d+ tokens for 5 document\(s\) to render \(counted by Bedrock CountTokens\); cost up to ~\$\d+\.\d\d/
      )
      expect(visibleText(run.summary)).toMatch(/Expected cost: up to ~\$\d+\.\d\d for 5 document\(s\)/)
      // each counted as its first call goes out: an UPDATE asks for edits, so its count carries the edit_document tool
      expect(run.stdout.match(/asks for edits to the previous draft/g)).toHaveLength(5)
      expect(
        server.countRequests.map((c) => c.body?.input?.converse?.toolConfig?.toolChoice?.tool?.name ?? 'none')
      ).toEqual(Array(5).fill('edit_document'))
    })

    it('within budget: the run goes on, and input_tokens / output_tokens are what the model reported', async () => {
      changeApi()
      server.onRequest(() => reply.document('# A document\n\nWith text.\n', { outputTokens: 7 }))
      const run = await generate()
      expect(run.code).toBe(0)
      expect(server.requests).toHaveLength(5)
      expect(run.outputs.output_tokens).toBe('35')
      expect(Number(run.outputs.input_tokens)).toBeGreaterThan(0)
      expect(run.summary).toContain('**35**')
    })
  })

  describe('every refusal comes before the first request of any kind (CountTokens carries the prompt too)', () => {
    const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRETzz'
    const cases: Array<[string, () => Record<string, string>, RegExp]> = [
      [
        'a secret of the run in a packed prompt',
        () => {
          repo.write({ 'sources/api.md': `${repo.read('sources/api.md')}\nkey: ${SECRET}\n` })
          repo.commit('oops')
          return { env: 'secret' }
        },
        /the packed prompt holds a secret of this run/
      ],
      [
        'hand-edits: fail',
        () => {
          repo.write({ 'docs/index.md': `${repo.read('docs/index.md')}\nA hand edit.\n` })
          repo.commit('hand edit')
          return { 'hand-edits': 'fail' }
        },
        /was edited by hand .*, and `hand-edits: fail` refuses hand edits/
      ],
      [
        "a max_tokens above the model's output limit",
        () => {
          changeApi()
          repo.write({
            'docs/overview.prompt.md': repo
              .read('docs/overview.prompt.md')
              .replace('# model: bedrock-claude-v4.5-sonnet-us', 'model: bedrock-claude-haiku\nmax_tokens: 9000')
          })
          repo.commit('haiku')
          return {}
        },
        /max_tokens is 9000, above the output limit of bedrock-claude-haiku/
      ],
      ['max-documents', () => (changeApi(), { 'max-documents': '1' }), /over the `max-documents` input \(1\)/],
      [
        'max-input-tokens',
        () => (changeApi(), { 'max-input-tokens': '10' }),
        /over the `max-input-tokens` input \(10\)/
      ],
      ['max-cost-usd', () => (changeApi(), { 'max-cost-usd': '0.01' }), /over the `max-cost-usd` input \(\$0\.01\)/]
    ]
    it.each(cases)('%s', async (_name, setup, message) => {
      const { env, ...inputs } = setup()
      const before = repo.snapshot()
      const run = await generate(inputs, env === 'secret' ? { AWS_SECRET_ACCESS_KEY: SECRET } : {})
      expect(run.code).not.toBe(0)
      expect(run.stdout).toMatch(message)
      expect(server.requests).toHaveLength(0)
      expect(server.countRequests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
    })
  })

  it('max-output-tokens: crossing it starts no further document and fails writing nothing', async () => {
    changeApi()
    server.onRequest(() => reply.document('# A document\n\nWith text.\n', { outputTokens: 100 }))
    const before = repo.snapshot()
    const run = await generate({ 'max-output-tokens': '150', concurrency: '1' })
    expect(run.code).not.toBe(0)
    // one at a time: the second reply crosses 150; nothing more starts
    expect(server.requests).toHaveLength(2)
    expect(run.stdout).toContain('over the `max-output-tokens` input (150)')
    expect(repo.snapshot()).toEqual(before)
  })

  it('resume: a document that fails on its own lets the others render into the cache; the re-run calls the model only for it and its dependents', async () => {
    const cache = await new CacheServer().start()
    const runnerTemp = scratchDir('graft-runner-temp')
    try {
      changeApi()
      repo.write({
        'sources/changelog.md': repo
          .read('sources/changelog.md')
          .replace('## 2.3.0', '## 2.4.0\n- cancel()\n\n## 2.3.0')
      })
      repo.commit('changelog')
      const before = repo.snapshot()
      // HOME and RUNNER_TEMP are the same for every run on one runner; the cached texts live under ~/ and
      // @actions/cache archives them relative to the workspace, so a run with another HOME would miss them
      const env = { ...cache.env(), RUNNER_TEMP: runnerTemp, HOME: join(runnerTemp, 'home') }
      const isApiReference = (r: RecordedRequest): boolean => promptText(r).includes(MARKERS['docs/api-reference.md'])
      // api-reference's reply is cut off at max_tokens: its edits, then the whole-document rewrite they fall back to
      server.onRequest((r) =>
        isApiReference(r)
          ? isEditRequest(r)
            ? reply.toolInput('{"edits":[{"old_text":"# API', { stopReason: 'max_tokens' })
            : reply.maxTokens()
          : reply.document(`# Rendered\n\n${server.requests.length}\n`)
      )

      const first = await generate({}, env)
      expect(first.code).not.toBe(0)
      expect(repo.snapshot()).toEqual(before)
      // api-reference was cut off twice; overview, release-notes and faq (not behind it) still rendered, as edits
      expect(server.requests.filter(isApiReference).map(isEditRequest)).toEqual([true, false])
      expect(server.requests).toHaveLength(5)
      expect(first.stdout).toContain(
        'docs/api-reference.md: edits did not apply: the reply was cut off at max_tokens (8000); rewriting the whole document'
      )
      expect(first.stdout).toContain('cut off at its output budget, max_tokens 8000')
      expect(first.stdout).toMatch(
        /not started \(they depend on a failed document\): (docs\/getting-started\.md, docs\/index\.md|docs\/index\.md, docs\/getting-started\.md)/
      )
      expect(first.stdout).toContain('their texts are in the render cache')
      // the texts passed through the runner's home: the cache service keeps them, the home nothing
      const renderFolder = join(runnerTemp, 'home', '.cache', 'graft-action')
      expect(existsSync(renderFolder)).toBe(false)

      const firstCalls = server.requests.length
      server.onRequest(() => reply.document(`# Rendered\n\n${server.requests.length}\n`))
      const second = await generate({}, env)
      expect(second.code).toBe(0)
      const again = server.requests.slice(firstCalls)
      // only the failed document and what depends on it: api-reference, getting-started, index
      expect(again).toHaveLength(3)
      expect(again.filter(isApiReference)).toHaveLength(1)
      // the cached texts are the edited drafts, and say so
      expect(second.stdout.match(/render cache hit, no model call \(edits\)/g)).toHaveLength(3)
      expect(existsSync(renderFolder)).toBe(false)
      expect(JSON.parse(second.outputs.generated_files).sort()).toEqual(
        [
          'docs/api-reference.md',
          'docs/faq.md',
          'docs/getting-started.md',
          'docs/index.md',
          'docs/overview.md',
          'docs/release-notes.md'
        ].sort()
      )
    } finally {
      await cache.close()
    }
  }, 120_000)

  it('an account-wide failure (access denied) starts nothing more', async () => {
    changeApi()
    server.onRequest(() => reply.latency(200, reply.accessDenied()))
    const run = await generate({ concurrency: '1' })
    expect(run.code).not.toBe(0)
    expect(server.requests).toHaveLength(1)
    expect(run.stdout).toContain('Bedrock denied access')
  })

  it('adaptive concurrency: after the first throttle, requests in flight never exceed what the server admits', async () => {
    // 6 independent documents; the server serves 2 at once and throttles the rest
    for (let i = 0; i < 6; i++) {
      repo.write({ [`docs/extra-${i}.prompt.md`]: `---\ndeps:\n  - sources/api.md\n---\nWrite extra page ${i}.\n` })
    }
    repo.commit('six new prompts')
    server.quota({ concurrent: 2 })
    server.onRequest(() => reply.latency(300, reply.text('# Extra\n\nPage.\n')))
    const run = await generate({
      concurrency: '4',
      targets: [0, 1, 2, 3, 4, 5].map((i) => `docs/extra-${i}.md`).join('\n')
    })
    expect(run.code).toBe(0)
    // the first burst: 4 sent, 2 admitted, 2 throttled; the limiter halves 4 → 2
    expect(server.stats.throttled).toBe(2)
    expect(run.stdout).toContain('Bedrock is throttling: at most 2 model request(s) in flight from now on (was 4)')
    const afterBurst = server.requests.slice(4)
    // the two throttled ones again, and the two documents left
    expect(afterBurst).toHaveLength(4)
    expect(Math.max(...afterBurst.map((r) => r.openAtArrival))).toBeLessThanOrEqual(2)
    expect(server.stats.peakOpen).toBeLessThanOrEqual(2)
  }, 60_000)
})
