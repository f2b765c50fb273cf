// What a run spends when Bedrock misbehaves, and what the outputs, the summary
// and the pull-request comment say when the run fails after money was spent,
// end to end through the bundles as a runner runs them (loopback Bedrock and
// GitHub, a bare origin):
// - a stream without its usage, or with absurd figures (negative, more than
//   max_tokens): counted from characters, marked, and held to the limits — never $0.00;
// - a failed run: input_tokens, output_tokens and cost_usd say what every call
//   Bedrock answered cost (a reply cut at max_tokens included); the summary
//   says it; the sticky comment no longer says an older, now untrue, state (and a dry run's
//   comment gives the expected cost, as its summary does);
// - max-cost-usd holds while documents are in flight: a call that could take the
//   run over it does not start (hostile or grown prompts included).
// The documents are UPDATEs, asked for edits (update-style: edits, the default):
// the loopback answers as a careful model (reply.document), and a reply cut off
// in edit mode makes the one whole-document rewrite, both calls billed.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { BUNDLE_NODE, PROJECT_ROOT, runAction, type ActionRun } from '../support/action-runner.js'
import {
  AWS_ENV_KEYS,
  BedrockServer,
  carefulEdits,
  isEditRequest,
  reply,
  shownDraft,
  type RecordedRequest
} from '../support/bedrock-server.js'
import { exampleRepo } from '../support/example-repo.js'
import { GitHubServer, WORKFLOW_IDENTITY } from '../support/github-server.js'
import { stickyMarker } from '../../src/action/pr-comment.js'
import type { TestRepo } from '../support/repo.js'
import { scratchDir } from '../support/scratch.js'
import { tables, visibleText } from '../support/gfm-judge.js'

jest.setTimeout(120_000)

/** us. Sonnet 4.5: $3.30 / $16.50 per million tokens. */
const US_PRICE = { input: 3.3, output: 16.5 }
const promptText = (r: RecordedRequest): string => r.body.messages[0].content[0].text
const isApiReference = (r: RecordedRequest): boolean => promptText(r).includes('Write the API reference')

const awsEnv = (url: string, home: string): Record<string, string> => ({
  AWS_ENDPOINT_URL_BEDROCK_RUNTIME: url,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  HOME: home
})

describe('what a run spends (dist/generate)', () => {
  let repo: TestRepo
  let server: BedrockServer
  let home: string
  const generate = (inputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<ActionRun> =>
    runAction('generate', {
      workspace: repo.root,
      inputs: { engine: 'native', push: 'false', ...inputs },
      env: { ...awsEnv(server.url, home), ...env }
    })

  beforeEach(async () => {
    repo = exampleRepo()
    server = await new BedrockServer().start()
    home = scratchDir('graft-home')
  })
  afterEach(async () => {
    await server.close()
    repo.cleanup()
  })

  /** sources/api.md feeds overview and api-reference; five documents go stale. */
  const changeApi = (): void => {
    repo.write({ 'sources/api.md': repo.read('sources/api.md') + '\n## cancel(job)\n\nStops a job.\n' })
    repo.commit('api: cancel')
  }

  describe('Bedrock reports no usage, or an absurd one', () => {
    it('a stream without its usage: the tokens are counted from characters and marked, never a free run', async () => {
      changeApi()
      const text = '# A document\n\nWith text.\n'
      server.onRequest(() => reply.document(text, { usage: null }))
      const run = await generate()
      expect(run.code).toBe(0)
      expect(server.requests).toHaveLength(5)
      expect(server.requests.every(isEditRequest)).toBe(true)
      // every prompt is over a thousand characters: hundreds of tokens each
      expect(Number(run.outputs.input_tokens)).toBeGreaterThan(1000)
      // each reply counted from its characters: the edit_document input the careful model streamed
      const replyChars = server.requests.map(
        (r) => JSON.stringify({ edits: carefulEdits(shownDraft(r)!, text) }).length
      )
      expect(Number(run.outputs.output_tokens)).toBe(replyChars.reduce((t, n) => t + Math.ceil(n / 3.5), 0))
      expect(Number(run.outputs.cost_usd)).toBeGreaterThan(0)
      // the generate table: every row and the total marked ~, none of them free
      const table = tables(run.summary).find((t) => t[0][1] === 'Directive')!
      for (const cells of table.slice(1)) {
        expect(cells.slice(3, 6)).toEqual([
          expect.stringMatching(/^~\d+$/),
          expect.stringMatching(/^~\d+$/),
          expect.stringMatching(/^~\$0\.\d+$/)
        ])
        expect(cells[5]).not.toBe('~$0.00')
      }
      expect(visibleText(run.summary)).toContain(
        'Bedrock reported no usable usage for 5 document(s) marked ~: their tokens are counted from characters, 3.5 to a token.'
      )
      // the first document to be answered says so (documents render in parallel: either of the two first)
      expect(run.stdout).toMatch(
        /::warning::docs\/(api-reference|overview)\.md: Bedrock's usage for this call cannot be used \(it reported none\); its tokens are counted from characters instead/
      )
    })

    it('without usage, max-output-tokens still stops the run: no further document, nothing written', async () => {
      changeApi()
      const before = repo.snapshot()
      // each reply is ~1,000 tokens by its characters: the first one crosses 500
      server.onRequest(() => reply.document(`# Doc\n\n${'Words of a document. '.repeat(170)}\n`, { usage: null }))
      const run = await generate({ 'max-output-tokens': '500', concurrency: '1' })
      expect(run.code).not.toBe(0)
      expect(server.requests.length).toBeLessThan(5)
      expect(run.stdout).toMatch(
        /this run's model output reached \d+ tokens, \d call\(s\) counted from characters, over the `max-output-tokens` input \(500\)/
      )
      expect(repo.snapshot()).toEqual(before)
    })

    it('negative figures cannot make a run cheaper than free, nor take it under max-cost-usd', async () => {
      changeApi()
      server.onRequest(() =>
        reply.document('# A document\n\nWith text.\n', { usage: { inputTokens: -50_000_000, outputTokens: -1e9 } })
      )
      const run = await generate({ 'max-cost-usd': '5' })
      expect(run.code).toBe(0)
      expect(Number(run.outputs.input_tokens)).toBeGreaterThan(1000)
      expect(Number(run.outputs.output_tokens)).toBeGreaterThan(0)
      expect(Number(run.outputs.cost_usd)).toBeGreaterThan(0)
      expect(visibleText(run.summary)).not.toMatch(/-\d/)
    })
  })

  describe('a run that fails after spending', () => {
    it('outputs, summary: every call Bedrock answered, the replies cut at max_tokens included (the edit attempt, then its rewrite)', async () => {
      changeApi()
      server.onRequest((r) =>
        isApiReference(r)
          ? reply.document('# Cut', { stopReason: 'max_tokens', outputTokens: 8000 })
          : reply.document('# Doc\n\nText.\n', { outputTokens: 500 })
      )
      const before = repo.snapshot()
      const run = await generate({ concurrency: '1' })
      expect(run.code).not.toBe(0)
      expect(repo.snapshot()).toEqual(before)
      // api-reference's edits cut, then its rewrite cut; overview and faq answered; getting-started and index wait for api-reference
      expect(server.requests).toHaveLength(4)
      expect(server.requests.filter(isApiReference).map(isEditRequest)).toEqual([true, false])
      expect(Number(run.outputs.output_tokens)).toBe(8000 + 8000 + 500 + 500)
      const input = Number(run.outputs.input_tokens)
      expect(input).toBeGreaterThan(0)
      const expected = (input * US_PRICE.input + 17000 * US_PRICE.output) / 1e6
      expect(Number(run.outputs.cost_usd)).toBeCloseTo(expected, 6)
      const shown = visibleText(run.summary)
      expect(shown).toContain(
        `Spent before the run stopped: 4 model call(s), ${input} input and 17000 output tokens; estimated cost $${expected.toFixed(2)}, from the tokens Bedrock reported`
      )
      expect(shown).toContain('Bedrock bills these calls although nothing they returned was committed.')
    })

    it('refused before any request: the outputs and the summary say nothing was spent', async () => {
      changeApi()
      const run = await generate({ 'max-documents': '2' })
      expect(run.code).not.toBe(0)
      expect(server.requests).toHaveLength(0)
      expect(run.outputs).toMatchObject({ input_tokens: '0', output_tokens: '0', cost_usd: '0' })
      expect(visibleText(run.summary)).toContain('Spent before the run stopped: nothing: no model call was made.')
    })
  })

  describe('max-cost-usd while documents are in flight', () => {
    // input priced high and output free, so a call costs what its prompt holds
    const prices = JSON.stringify({ 'bedrock-claude-v4.5-sonnet-us': { input: 1000, output: 0 } })
    /** overview comes back 30,000 tokens long: getting-started and faq read it, so each of their prompts costs ~$30 more than estimated. */
    const longOverview = (): void => {
      server.onRequest((r) =>
        promptText(r).includes('one-page overview')
          ? reply.document(`# Overview\n\n${'Tidepool moves jobs. '.repeat(6000)}\n`)
          : reply.document('# Doc\n\nText.\n')
      )
    }

    it.each(['1', '4'])(
      'concurrency %s: a document whose call could take the run over the limit never starts; the spend stays under it',
      async (concurrency) => {
        changeApi()
        const dry = await generate({ 'dry-run': 'true', 'model-prices': prices })
        const estimate = Number(/cost up to ~\$(\d+\.\d\d)/.exec(dry.stdout)?.[1])
        expect(estimate).toBeGreaterThan(1)
        longOverview()
        const before = repo.snapshot()
        const limit = estimate + 5
        const run = await generate({ 'model-prices': prices, 'max-cost-usd': String(limit), concurrency })
        expect(run.code).not.toBe(0)
        expect(repo.snapshot()).toEqual(before)
        // api-reference and overview only: both prompts that grew by overview's 126,000 characters stay unsent
        expect(server.requests).toHaveLength(2)
        expect(server.requests.some((r) => promptText(r).includes('Tidepool moves jobs. Tidepool'))).toBe(false)
        expect(Number(run.outputs.cost_usd)).toBeLessThanOrEqual(limit)
        expect(run.stdout).toMatch(
          /docs\/(getting-started|faq)\.md was not started: its call may cost up to ~\$\d+\.\d\d \(~\d+ input tokens, the reply at max_tokens \d+\), and with ~\$\d+\.\d\d spent and up to ~\$\d+\.\d\d for the calls in flight the run could pass the `max-cost-usd` input/
        )
        expect(run.stdout).toMatch(/::error title=graft-action,file=docs\/(getting-started|faq)\.prompt\.md::/)
      }
    )

    it('a limit the run fits in: every document renders', async () => {
      changeApi()
      const run = await generate({ 'model-prices': prices, 'max-cost-usd': '1000', concurrency: '4' })
      expect(run.code).toBe(0)
      expect(server.requests).toHaveLength(5)
    })
  })
})

describe('the sticky comment of a failed run (dist/main, pull_request)', () => {
  const TOKEN = 'ghs_e2eSecretToken0123456789'
  let repo: TestRepo
  let server: BedrockServer
  let github: GitHubServer
  let home: string

  beforeEach(async () => {
    repo = exampleRepo()
    server = await new BedrockServer().start()
    github = await GitHubServer.start()
    github.addRepository('acme/docs', repo.addOrigin())
    home = scratchDir('graft-home')
  })
  afterEach(async () => {
    await server.close()
    await github.close()
    repo.cleanup()
  })

  it('an older "up to date" report does not stand: the comment says the run failed, what it spent, and what is stale', async () => {
    repo.git('checkout', '-q', '-b', 'feature')
    repo.write({ 'sources/api.md': repo.read('sources/api.md') + '\n## cancel(job)\n\nStops a job.\n' })
    const head = repo.commit('api: cancel')
    repo.git('push', '-q', 'origin', 'feature')
    // what an earlier run of this pull request said, as the token's own account
    github.addComment(
      'acme',
      'docs',
      7,
      `${stickyMarker('.')}\n### ✅ Graft: every generated document is up to date\n`,
      WORKFLOW_IDENTITY.login
    )
    server.onRequest((r) =>
      isApiReference(r)
        ? reply.document('# Cut', { stopReason: 'max_tokens', outputTokens: 8000 })
        : reply.document('# Doc\n\nText.\n', { outputTokens: 500 })
    )
    const run = await runAction('main', {
      workspace: repo.root,
      event: {
        name: 'pull_request',
        payload: {
          action: 'synchronize',
          number: 7,
          pull_request: {
            number: 7,
            state: 'open',
            head: { ref: 'feature', sha: head, repo: { full_name: 'acme/docs' } },
            base: { ref: 'main', repo: { full_name: 'acme/docs' } }
          },
          repository: { full_name: 'acme/docs' }
        }
      },
      inputs: { command: 'generate', engine: 'native', token: TOKEN, concurrency: '1' },
      env: { ...awsEnv(server.url, home), GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/docs' }
    })
    expect(run.code).not.toBe(0)
    expect(run.outputs.pushed).toBe('false')
    const comments = github.comments('acme', 'docs', 7)
    expect(comments).toHaveLength(1)
    const body = comments[0].body
    const shown = visibleText(body)
    expect(shown).not.toContain('up to date')
    expect(shown).toContain('❌ Graft generate failed')
    expect(shown).toContain('The run stopped before committing anything')
    expect(shown).toContain(
      `Spent before the run stopped: 4 model call(s), ${run.outputs.input_tokens} input and 17000 output tokens; estimated cost $`
    )
    expect(shown).toContain('5 document(s) still stale')
    expect(body).toContain('`docs/api-reference.md`')
  })

  it('a dry run on a pull request: the comment gives the expected cost, as the summary does', async () => {
    repo.git('checkout', '-q', '-b', 'feature')
    repo.write({ 'sources/api.md': repo.read('sources/api.md') + '\n## cancel(job)\n\nStops a job.\n' })
    const head = repo.commit('api: cancel')
    repo.git('push', '-q', 'origin', 'feature')
    const run = await runAction('main', {
      workspace: repo.root,
      event: {
        name: 'pull_request',
        payload: {
          action: 'synchronize',
          number: 7,
          pull_request: {
            number: 7,
            state: 'open',
            head: { ref: 'feature', sha: head, repo: { full_name: 'acme/docs' } },
            base: { ref: 'main', repo: { full_name: 'acme/docs' } }
          },
          repository: { full_name: 'acme/docs' }
        }
      },
      inputs: { command: 'generate', engine: 'native', token: TOKEN, 'dry-run': 'true' },
      env: { ...awsEnv(server.url, home), GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/docs' }
    })
    expect(run.code).toBe(0)
    expect(server.requests).toHaveLength(0)
    const expected = /Expected cost: up to ~\$\d+\.\d\d for 5 document\(s\)/
    expect(visibleText(run.summary)).toMatch(expected)
    const comments = github.comments('acme', 'docs', 7)
    expect(comments).toHaveLength(1)
    expect(visibleText(comments[0].body)).toMatch(expected)
  })
})

describe('the CLI when a run fails after spending (dist/cli)', () => {
  let repo: TestRepo
  let server: BedrockServer
  let home: string
  beforeEach(async () => {
    repo = exampleRepo()
    repo.write({ 'sources/api.md': repo.read('sources/api.md') + '\n## cancel(job)\n\nStops a job.\n' })
    repo.commit('api: cancel')
    server = await new BedrockServer().start()
    home = scratchDir('graft-home')
  })
  afterEach(async () => {
    await server.close()
    repo.cleanup()
  })

  it('prints what the calls cost before the error, and marks counted tokens on success', async () => {
    const clean = { ...process.env }
    for (const k of [...AWS_ENV_KEYS, 'GITHUB_ACTIONS']) delete clean[k]
    const cli = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
      new Promise((resolve) =>
        execFile(
          BUNDLE_NODE,
          [
            join(PROJECT_ROOT, 'dist/cli/index.js'),
            ...args,
            '--engine',
            'native',
            '--concurrency',
            '1',
            '-C',
            repo.root
          ],
          { env: { ...clean, ...awsEnv(server.url, home) } },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
        )
      )
    server.onRequest((r) =>
      isApiReference(r)
        ? reply.document('# Cut', { stopReason: 'max_tokens', outputTokens: 8000 })
        : reply.document('# Doc\n\nText.\n', { outputTokens: 500 })
    )
    const failed = await cli(['generate'])
    expect(failed.code).toBe(1)
    expect(failed.stderr).toMatch(
      /Spent before the run stopped: 4 model call\(s\), \d+ input and 17000 output tokens; cost \$0\.\d\d \(estimated from the tokens Bedrock reported; list prices as of /
    )
    server.onRequest(() => reply.document('# Doc\n\nText.\n', { usage: null }))
    const counted = await cli(['generate'])
    expect(counted.code).toBe(0)
    expect(counted.stdout).toMatch(
      /^docs\/overview\.md: .* ~\d+ in \/ ~\d+ out tokens, ~\$0\.\d+; \+\d+ −\d+ of \d+ lines, edits$/m
    )
    expect(counted.stdout).toMatch(
      /^Cost: \$0\.\d+ \(estimated from the tokens Bedrock reported, and for 5 call\(s\) whose usage Bedrock did not report, from their characters \(3\.5 per token\); list prices as of /m
    )
  })
})
