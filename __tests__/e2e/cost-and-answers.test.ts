// End to end through dist/generate/index.js (and the CLI bundle) as a runner
// runs it, against the loopback Bedrock reporting usage as Bedrock does:
// - cost in dollars: `cost_usd`, the summary and the comment's figure, max-cost-usd refused before
//   any request (0 requests of any kind, nothing changed) and crossed during the run (all or
//   nothing), a model without a price (issue 20 §3, issue 19 §6);
// - a prompt over the model's context window, refused before any request, or named from Bedrock's
//   400 and from the stream's stop reason; a reply cut at max_tokens naming what set it (issue 21 §7);
// - 32 documents in one run: no MaxListenersExceededWarning (issue 21 §7);
// - exported keys beside an AWS_PROFILE that fails, and the profile's own region (issue 21 §5).
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { execFile } from 'node:child_process'
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { BUNDLE_NODE, PROJECT_ROOT, runAction, type ActionRun } from '../support/action-runner.js'
import { visibleText } from '../support/gfm-judge.js'
import { AWS_ENV_KEYS, BedrockServer, reply, type RecordedRequest } from '../support/bedrock-server.js'
import { exampleRepo } from '../support/example-repo.js'
import type { TestRepo } from '../support/repo.js'
import { scratchDir } from '../support/scratch.js'

jest.setTimeout(120_000)

/** us. Sonnet 4.5: $3 / $15 per million through global., 10% more through us. */
const US_PRICE = { input: 3.3, output: 16.5 }

const promptText = (r: RecordedRequest): string => r.body.messages[0].content[0].text

/** What the real SDK client needs to reach the loopback Bedrock: dummy keys, a region, no instance metadata, `home` as HOME. */
const awsEnv = (url: string, home: string): Record<string, string> => ({
  AWS_ENDPOINT_URL_BEDROCK_RUNTIME: url,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  HOME: home
})

describe('cost, context windows and long runs (dist/generate)', () => {
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
    rmSync(home, { recursive: true, force: true })
  })

  /** sources/api.md feeds overview and api-reference; five documents go stale. */
  const changeApi = (): void => {
    repo.write({ 'sources/api.md': repo.read('sources/api.md') + '\n## cancel(job)\n\nStops a job.\n' })
    repo.commit('api: cancel')
  }

  describe('cost in dollars', () => {
    it('cost_usd, the summary and the table give what the reported tokens cost at the list price', async () => {
      changeApi()
      server.onRequest(() => reply.document('# A document\n\nWith text.\n', { outputTokens: 700 }))
      const run = await generate()
      expect(run.code).toBe(0)
      expect(server.requests).toHaveLength(5)
      const input = Number(run.outputs.input_tokens)
      const output = Number(run.outputs.output_tokens)
      expect(output).toBe(3500)
      const expected = (input * US_PRICE.input + output * US_PRICE.output) / 1e6
      expect(Number(run.outputs.cost_usd)).toBeCloseTo(expected, 6)
      expect(run.outputs.cost_usd).toMatch(/^0\.\d{1,6}$/)
      expect(visibleText(run.summary)).toContain(
        `Estimated cost: $${expected.toFixed(2)}, from the tokens Bedrock reported`
      )
      expect(run.summary).toContain('| Cost |')
      // dollar signs escaped: GitHub would read two of them on one line as math
      expect(run.summary).toContain(`**\\$${expected.toFixed(2).replace('.', '\\.')}**`)
    })

    it('model-prices overrides the list price, by alias', async () => {
      changeApi()
      server.onRequest(() => reply.document('# A document\n\nWith text.\n', { outputTokens: 1000 }))
      const run = await generate({
        'model-prices': 'bedrock-claude-v4.5-sonnet-us:\n  input: 0\n  output: 100\n'
      })
      expect(run.code).toBe(0)
      // 5 × 1000 output tokens × $100 per million
      expect(run.outputs.cost_usd).toBe('0.5')
    })

    it('max-cost-usd below the most the run may cost: refused before any request of any kind, nothing changed', async () => {
      changeApi()
      const before = repo.snapshot()
      // five replies of up to 16,000 tokens at $16.50 per million: about $1.3 at most
      const run = await generate({ 'max-cost-usd': '0.50' })
      expect(run.code).not.toBe(0)
      expect(server.requests).toHaveLength(0)
      expect(server.countRequests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
      expect(run.stdout).toMatch(
        /at least ~\$\d+\.\d\d with each reply at its max_tokens, over the `max-cost-usd` input \(\$0\.50\)/
      )
      expect(run.stdout).toMatch(
        /docs\/overview\.md: at least ~\d+ tokens \(\d+ characters, us\.anthropic[^,]+, \$0\.\d+ with 16000 output tokens\)/
      )
      expect(run.stdout).toContain('lower `max_tokens`')
    })

    it('max-cost-usd crossed during the run (Bedrock reports far more input than estimated): no further document starts, nothing is written', async () => {
      changeApi()
      // input priced high and output free, so the cost is the prompts' size
      const prices = JSON.stringify({ 'bedrock-claude-v4.5-sonnet-us': { input: 1000, output: 0 } })
      const dry = await generate({ 'dry-run': 'true', 'model-prices': prices })
      const expected = Number(/cost up to ~\$(\d+\.\d\d)/.exec(dry.stdout)?.[1])
      expect(expected).toBeGreaterThan(1)
      // the first call (edits, as a careful model sends them) reports 100,000 input tokens ($100), a hundred times its count: the run stops there
      server.onRequest(() => reply.document('# Doc\n\nText.\n', { usage: { inputTokens: 100_000, outputTokens: 5 } }))
      const before = repo.snapshot()
      const run = await generate({ 'model-prices': prices, 'max-cost-usd': String(expected + 5), concurrency: '1' })
      expect(run.code).not.toBe(0)
      expect(server.requests).toHaveLength(1)
      expect(run.stdout).toMatch(
        /this run's model calls cost ~\$100\.\d\d by the tokens Bedrock reported, over the `max-cost-usd` input/
      )
      expect(run.stdout).toContain('no further document was started and nothing was written')
      expect(repo.snapshot()).toEqual(before)
      expect(Number(run.outputs.cost_usd)).toBeCloseTo(100, 1)
    })

    it('exactly at max-cost-usd is within it', async () => {
      changeApi()
      // every token free but output, at $1 per million: 5 replies × max_tokens 20,000 = $0.10 at most
      repo.write({
        'docs/api-reference.prompt.md': repo
          .read('docs/api-reference.prompt.md')
          .replace('max_tokens: 8000', 'max_tokens: 20000')
      })
      repo.commit('api-reference: 20000')
      server.onRequest(() => reply.document('# Doc\n\nText.\n', { outputTokens: 20000 }))
      const run = await generate({
        'max-tokens': '20000',
        'model-prices': '{"bedrock-claude-v4.5-sonnet-us": {"input": 0, "output": 1}}',
        'max-cost-usd': '0.1'
      })
      expect(run.stdout).not.toContain('over the `max-cost-usd` input')
      expect(run.code).toBe(0)
      expect(run.outputs.cost_usd).toBe('0.1')
    })

    it('a prompt naming a model the table does not price: refused before any request while max-cost-usd is set; model-prices lets it run', async () => {
      const unknown = 'us.anthropic.claude-next-20270101-v1:0'
      repo.write({
        'docs/faq.prompt.md': `${repo.read('docs/faq.prompt.md').replace(/^---\n/, `---\nmodel: ${unknown}\n`)}Add a question about cost.\n`
      })
      repo.commit('faq: a model the table lacks')
      const before = repo.snapshot()
      const refused = await generate({ 'max-cost-usd': '100' })
      expect(refused.code).not.toBe(0)
      expect(server.requests).toHaveLength(0)
      expect(server.countRequests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
      expect(refused.stdout).toContain(`knows no price for ${unknown} (used by docs/faq.md)`)
      expect(refused.stdout).toContain('add the model to the `model-prices` input')
      expect(refused.stdout).toMatch(/::error title=graft-action,file=docs\/faq\.prompt\.md::/)

      // without max-cost-usd it runs, and says the cost is unknown rather than a wrong figure
      const unlimited = await generate()
      expect(unlimited.code).toBe(0)
      expect(unlimited.outputs.cost_usd).toBe('')
      expect(unlimited.summary).toContain(`**Estimated cost:** unknown: no price for \`${unknown}\``)

      const priced = await generate({
        force: 'true',
        targets: 'docs/faq.md',
        'max-cost-usd': '100',
        'model-prices': JSON.stringify({ [unknown]: { input: 1, output: 2 } })
      })
      expect(priced.code).toBe(0)
      expect(Number(priced.outputs.cost_usd)).toBeGreaterThan(0)
    })
  })

  describe('the context window', () => {
    /** A source of `chars` characters that overview reads. */
    const hugeSource = (chars: number): void => {
      repo.write({ 'sources/architecture.md': `# Architecture\n\n${'word '.repeat(Math.ceil(chars / 5))}\n` })
      repo.commit('architecture: enormous')
    }

    it('a prompt larger than the window even by its characters alone: refused before any request, naming it', async () => {
      hugeSource(1_300_000)
      const before = repo.snapshot()
      const run = await generate()
      expect(run.code).not.toBe(0)
      expect(server.requests).toHaveLength(0)
      expect(server.countRequests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
      expect(run.stdout).toMatch(
        /the prompt of docs\/overview\.md is too large for the model: ~\d{6} input tokens \(at least, from its \d+ characters; not counted, so nothing was sent to Bedrock\), more than the 200000 tokens of us\.anthropic\.claude-sonnet-4-5-20250929-v1:0's context window/
      )
      expect(run.stdout).toContain('`targets`')
      expect(run.stdout).toMatch(/::error title=graft-action,file=docs\/overview\.prompt\.md::/)
    })

    it('counted over the window: refused after CountTokens, before any model call', async () => {
      // 900,000 characters: a floor of 150,000 tokens, a count (the loopback's ÷ 4) of 225,000
      hugeSource(900_000)
      const before = repo.snapshot()
      const run = await generate()
      expect(run.code).not.toBe(0)
      expect(server.countRequests.length).toBeGreaterThan(0)
      expect(server.requests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
      expect(run.stdout).toMatch(
        /docs\/overview\.md is too large for the model: ~2\d{5} input tokens \(counted by Bedrock CountTokens\)/
      )
    })

    it('Bedrock\'s 400 "Input is too long for requested model.": the cause, the document, its tokens, the ways out; nothing written', async () => {
      changeApi()
      server.countTokens('unsupported')
      server.onRequest((r) =>
        promptText(r).includes('one-page overview')
          ? reply.validation('Input is too long for requested model.')
          : reply.document('# Doc\n\nText.\n')
      )
      const before = repo.snapshot()
      const run = await generate({ concurrency: '1' })
      expect(run.code).not.toBe(0)
      expect(repo.snapshot()).toEqual(before)
      expect(run.stdout).toMatch(
        /the prompt of docs\/overview\.md is too large for the model: ~\d+ input tokens \(estimated from its \d+ characters\)/
      )
      expect(run.stdout).toContain('ValidationException: Input is too long for requested model.')
      expect(run.stdout).toContain('fewer or smaller `deps`')
      expect(run.stdout).not.toContain('`temperature`')
      // one call for it: not retried (it would fail the same way)
      expect(server.requests.filter((r) => promptText(r).includes('one-page overview'))).toHaveLength(1)
    })

    it('a stream that stops with model_context_window_exceeded is named as such, not "re-run"', async () => {
      changeApi()
      server.onRequest((r) =>
        promptText(r).includes('one-page overview')
          ? reply.text('# Overv', { stopReason: 'model_context_window_exceeded', outputTokens: 5 })
          : reply.document('# Doc\n\nText.\n')
      )
      const before = repo.snapshot()
      const run = await generate()
      expect(run.code).not.toBe(0)
      expect(repo.snapshot()).toEqual(before)
      expect(run.stdout).toContain('docs/overview.md leaves too little of the 200000 tokens')
      expect(run.stdout).toContain('the reply ran into the window')
      expect(run.stdout).not.toMatch(/otherwise re-run/)
    })

    it('a reply cut off at max_tokens names the prompt line that set it', async () => {
      changeApi()
      server.onRequest((r) =>
        promptText(r).includes('Write the API reference') ? reply.maxTokens() : reply.document('# Doc\n\nText.\n')
      )
      const run = await generate()
      expect(run.code).not.toBe(0)
      // edit mode first: a cut-off reply falls back to one rewrite, which is cut off too
      expect(run.stdout).toContain(
        'docs/api-reference.md: edits did not apply: the reply was cut off at max_tokens (8000); rewriting the whole document'
      )
      expect(run.stdout).toContain(
        'cut off at its output budget, max_tokens 8000, set by `max_tokens: 8000` in docs/api-reference.prompt.md (line 5)'
      )
      expect(run.stdout).not.toMatch(/check the model id, region and credentials/)
    })
  })

  it('32 documents in one run: no MaxListenersExceededWarning from abort listeners', async () => {
    const prompts: Record<string, string> = {}
    for (let i = 0; i < 32; i++)
      prompts[`docs/page-${i}.prompt.md`] = `---\ndeps:\n  - sources/api.md\n---\nWrite page ${i}.\n`
    repo.write(prompts)
    repo.commit('32 pages')
    // two throttles too: their retries wait on the same run signal
    let n = 0
    server.onRequest(() => (++n === 3 || n === 11 ? reply.throttle() : reply.text('# Page\n\nText.\n')))
    const run = await generate({ concurrency: '12' })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.outputs.generated_files)).toHaveLength(32)
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/MaxListenersExceededWarning|memory leak detected/)
  }, 300_000)

  describe('AWS credentials and region', () => {
    it('exported keys beside an AWS_PROFILE whose credential_process fails: the keys are used, and the log says so', async () => {
      changeApi()
      const script = join(home, 'helper.sh')
      writeFileSync(script, '#!/bin/sh\nexit 3\n')
      chmodSync(script, 0o755)
      mkdirSync(join(home, '.aws'))
      writeFileSync(join(home, '.aws', 'config'), `[profile deploy]\ncredential_process = ${script}\n`)
      const run = await generate({}, { AWS_PROFILE: 'deploy', AWS_ACCESS_KEY_ID: 'AKIAEXPORTED00000001' })
      expect(run.code).toBe(0)
      expect(server.requests).toHaveLength(5)
      expect(String(server.requests[0].headers.authorization)).toContain('Credential=AKIAEXPORTED00000001/')
      expect(run.stdout).toContain(
        'AWS_PROFILE is "deploy", and AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set too'
      )
    })

    it('exported keys beside an AWS_PROFILE that names no profile: the keys are used', async () => {
      changeApi()
      const run = await generate({}, { AWS_PROFILE: 'runner-image-profile' })
      expect(run.code).toBe(0)
      expect(server.requests).toHaveLength(5)
    })

    it("no aws-region and no AWS_REGION: the profile's own region, as the SDK reads it; the input still wins", async () => {
      changeApi()
      mkdirSync(join(home, '.aws'))
      writeFileSync(join(home, '.aws', 'config'), '[profile dev]\nregion = eu-west-3\n')
      const env = { AWS_REGION: '', AWS_PROFILE: 'dev' }
      const fromProfile = await generate({}, env)
      expect(fromProfile.code).toBe(0)
      expect(fromProfile.stdout).toContain(
        'Bedrock region: eu-west-3 (from the region of profile dev in the AWS config files)'
      )
      expect(String(server.requests[0].headers.authorization)).toContain('/eu-west-3/bedrock/aws4_request')
      server.requests.length = 0
      repo.git('checkout', '--', '.')
      const input = await generate({ 'aws-region': 'ap-northeast-1' }, env)
      expect(input.code).toBe(0)
      expect(String(server.requests[0].headers.authorization)).toContain('/ap-northeast-1/bedrock/aws4_request')
    })
  })
})

describe('the CLI on a laptop (dist/cli)', () => {
  let repo: TestRepo
  let server: BedrockServer
  let home: string
  beforeEach(async () => {
    repo = exampleRepo()
    repo.write({ 'sources/changelog.md': `${repo.read('sources/changelog.md')}\n## 2.4.0\n- cancel\n` })
    repo.commit('changelog')
    server = await new BedrockServer().start()
    home = scratchDir('graft-home')
    mkdirSync(join(home, '.aws'))
  })
  afterEach(async () => {
    await server.close()
    repo.cleanup()
    rmSync(home, { recursive: true, force: true })
  })

  const cli = (
    args: string[],
    env: Record<string, string>
  ): Promise<{ code: number; stdout: string; stderr: string }> => {
    const clean = { ...process.env }
    for (const k of [...AWS_ENV_KEYS, 'GITHUB_ACTIONS']) delete clean[k]
    return new Promise((resolve) =>
      execFile(
        BUNDLE_NODE,
        [join(PROJECT_ROOT, 'dist/cli/index.js'), ...args],
        { env: { ...clean, ...env } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
      )
    )
  }

  it('calls the region of the profile it uses, not us-east-1, and prints the cost', async () => {
    writeFileSync(
      join(home, '.aws', 'config'),
      '[default]\nregion = us-west-2\n\n[profile work]\nregion = eu-central-1\n'
    )
    writeFileSync(
      join(home, '.aws', 'credentials'),
      '[work]\naws_access_key_id = AKIAWORKPROFILE00001\naws_secret_access_key = s\n'
    )
    server.onRequest(() => reply.document('# Doc\n\nText.\n', { outputTokens: 100 }))
    const env = {
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: server.url,
      AWS_EC2_METADATA_DISABLED: 'true',
      HOME: home,
      AWS_PROFILE: 'work'
    }
    const run = await cli(['generate', '--engine', 'native', '-C', repo.root], env)
    expect(run.stderr).toContain('calling us.anthropic.claude-sonnet-4-5-20250929-v1:0 in eu-central-1')
    expect(run.code).toBe(0)
    const auth = String(server.requests[0].headers.authorization)
    expect(auth).toContain('Credential=AKIAWORKPROFILE00001/')
    expect(auth).toContain('/eu-central-1/bedrock/aws4_request')
    expect(run.stdout).toMatch(/^Cost: \$\d+\.\d{2,4} \(estimated from the tokens Bedrock reported/m)

    // --region wins
    repo.git('checkout', '--', '.')
    const again = await cli(['generate', '--engine', 'native', '--region', 'us-east-2', '-C', repo.root], env)
    expect(again.code).toBe(0)
    expect(String(server.requests.at(-1)!.headers.authorization)).toContain('/us-east-2/bedrock/aws4_request')
  })

  it('--max-cost-usd refuses before any request; a bad value is a usage error naming the option', async () => {
    const env = awsEnv(server.url, home)
    const refused = await cli(['generate', '--engine', 'native', '--max-cost-usd', '0.01', '-C', repo.root], env)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('over --max-cost-usd ($0.01)')
    expect(server.requests).toHaveLength(0)
    expect(server.countRequests).toHaveLength(0)
    const bad = await cli(['generate', '--max-cost-usd=-3', '-C', repo.root], env)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--max-cost-usd is "-3", not an amount of dollars above 0')
    const prices = await cli(['generate', '--model-prices', '{"gpt": {"input": 1, "output": 1}}', '-C', repo.root], env)
    expect(prices.code).toBe(2)
    expect(prices.stderr).toContain('--model-prices: "gpt" is neither a model alias nor a Bedrock model id')
  })

  it('--dry-run prints the expected cost', async () => {
    const run = await cli(['generate', '--engine', 'native', '--dry-run', '-C', repo.root], awsEnv(server.url, home))
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /^Expected cost: up to ~\$\d+\.\d\d \(each reply at its max_tokens, the input as estimated; an estimate, not a cap: --max-cost-usd sets one\)$/m
    )
  })
})
