// The real Bedrock SDK client against the loopback Bedrock server: streaming,
// our retry policy, time limits, and every refusal to accept a reply.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { EventEmitter } from 'node:events'
import { BedrockRenderer, checkCredentials, type RenderRequest } from '../../../src/core/render/bedrock.js'
import { RenderError } from '../../../src/core/render/errors.js'
import type { CallUsage } from '../../../src/core/render/usage.js'
import { GraftError } from '../../../src/core/errors.js'
import { BedrockServer, bedrockTestEnv, reply, useAwsEnv } from '../../support/bedrock-server.js'
import { scratchDir } from '../../support/scratch.js'
import { EDIT_TOOL, ToolUseRefused, toolChars } from '../../../src/core/render/edit-tool.js'

const SONNET = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'

let server: BedrockServer
let restoreEnv: () => void
const renderers: BedrockRenderer[] = []

beforeEach(async () => {
  server = await new BedrockServer().start()
  restoreEnv = useAwsEnv(bedrockTestEnv(server.url))
})

afterEach(async () => {
  for (const r of renderers.splice(0)) r.close()
  restoreEnv()
  await server.close()
})

function setup(opts: { progressEveryMs?: number; region?: string; streamIdleMs?: number } = {}) {
  const sleeps: number[] = []
  const info: string[] = []
  const warn: string[] = []
  const renderer = new BedrockRenderer({
    region: opts.region ?? 'us-east-1',
    log: { info: (m) => info.push(m), warn: (m) => warn.push(m) },
    // production backoff (5 s, 15 s, 45 s) is kept; only the waiting is recorded
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    progressEveryMs: opts.progressEveryMs,
    streamIdleMs: opts.streamIdleMs
  })
  renderers.push(renderer)
  return { renderer, sleeps, info, warn }
}

function request(overrides: Partial<RenderRequest> = {}): RenderRequest {
  return {
    prompt: 'SYSTEM:\nWrite the guide.\n',
    modelId: SONNET,
    maxTokens: 16000,
    timeoutMs: 5000,
    label: 'docs/guide.md',
    ...overrides
  }
}

async function failure(promise: Promise<unknown>): Promise<RenderError> {
  try {
    await promise
  } catch (err) {
    if (err instanceof RenderError) return err
    throw err
  }
  throw new Error('expected the render to fail')
}

/** The message every render error must carry: document, model, region, request id. */
function expectNamesTheCall(err: RenderError, requestId: string, modelId = SONNET): void {
  expect(err.problems[0].file).toBe('docs/guide.md')
  expect(err.message).toContain('docs/guide.md')
  expect(err.message).toContain(`model ${modelId}`)
  expect(err.message).toContain('region us-east-1')
  expect(err.message).toContain(`request id ${requestId}`)
}

describe('a normal streamed reply', () => {
  it('returns the text and usage, and sends the prompt as one user message', async () => {
    const { renderer } = setup()
    server.enqueue(reply.text('# Guide\n\nHow it works, in detail.\n', { chunks: 3, outputTokens: 11 }))
    const result = await renderer.render(request())
    expect(result.text).toBe('# Guide\n\nHow it works, in detail.\n')
    expect(result.outputTokens).toBe(11)
    expect(result.inputTokens).toBeGreaterThan(0)
    expect(result.stopReason).toBe('end_turn')
    expect(result.attempts).toBe(1)
    expect(result.ms).toBeGreaterThanOrEqual(0)

    expect(server.requests).toHaveLength(1)
    const sent = server.requests[0]
    expect(sent.operation).toBe('converse-stream')
    expect(sent.modelId).toBe(SONNET)
    expect(sent.body.messages).toEqual([{ role: 'user', content: [{ text: 'SYSTEM:\nWrite the guide.\n' }] }])
    expect(sent.body.system).toBeUndefined()
    expect(sent.body.inferenceConfig).toEqual({ maxTokens: 16000 })
    expect(String(sent.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=test\//)
  })

  it('passes temperature only when it is set', async () => {
    const { renderer } = setup()
    await renderer.render(request({ temperature: 0.2, maxTokens: 900 }))
    expect(server.requests[0].body.inferenceConfig).toEqual({ maxTokens: 900, temperature: 0.2 })
  })

  it('joins the deltas in order and logs progress while streaming', async () => {
    const { renderer, info } = setup({ progressEveryMs: 1 })
    const text = 'abcdefghijklmnopqrstuvwxyz'.repeat(4)
    server.enqueue(reply.text(text, { chunks: 4, chunkDelayMs: 20 }))
    const result = await renderer.render(request())
    expect(result.text).toBe(text)
    expect(info.some((m) => /^docs\/guide\.md: \d+ chars \(~\d+ tokens\) so far$/.test(m))).toBe(true)
  })
})

describe('tool use (edit mode), streamed as Bedrock streams it', () => {
  it('forces the one tool and returns its input exactly as streamed, with the usage', async () => {
    const { renderer, info } = setup({ progressEveryMs: 1 })
    const input = JSON.stringify({ edits: [{ old_text: 'Läuft 😀 on 日本', new_text: 'runs ✓\r\n😀😀' }] })
    server.enqueue(reply.toolInput(input, { chunks: 37, chunkDelayMs: 5, outputTokens: 21 }))
    const result = await renderer.render(request({ tool: EDIT_TOOL }))
    expect(result.toolUses).toEqual([{ name: 'edit_document', input }])
    expect(result.stopReason).toBe('tool_use')
    expect(result.outputTokens).toBe(21)
    const sent = server.requests[0].body
    expect(sent.toolConfig.toolChoice).toEqual({ tool: { name: 'edit_document' } })
    expect(sent.toolConfig.tools).toEqual([
      {
        toolSpec: { name: 'edit_document', description: EDIT_TOOL.description, inputSchema: { json: EDIT_TOOL.schema } }
      }
    ])
    // progress shows on a long tool reply too, and the last line counts the tool input
    expect(info.some((m) => /^docs\/guide\.md: \d+ chars \(~\d+ tokens\) so far$/.test(m))).toBe(true)
    expect(info.at(-1)).toMatch(/^docs\/guide\.md: \d+ chars of edit_document input, 21 output tokens in /)
  })

  it('input pieces cut inside a UTF-16 pair, frames cut at odd byte boundaries (inside UTF-8 characters): the same input', async () => {
    const { renderer } = setup()
    const input = JSON.stringify({ edits: [{ old_text: '😀🎉 ünï 日本語 '.repeat(9), new_text: '𝄞 ✓ ' }] })
    // one code unit per piece: every surrogate pair is split across two deltas
    for (const [i, byteChunks] of [1, 3, 7].entries()) {
      server.enqueue(reply.toolInput(input, { chunks: input.length, byteChunks }))
      // thousands of writes: a generous limit, so a loaded machine does not turn this into a retry
      const result = await renderer.render(request({ tool: EDIT_TOOL, timeoutMs: 60_000 }))
      expect(result.toolUses).toEqual([{ name: 'edit_document', input }])
      expect(server.requests).toHaveLength(i + 1)
    }
  })

  it('a reply cut at max_tokens, or without a tool call, is returned for the caller to judge (it has a fallback)', async () => {
    const { renderer } = setup()
    server.enqueue(reply.toolInput('{"edits":[{"old_text":"a","new', { stopReason: 'max_tokens' }))
    const cut = await renderer.render(request({ tool: EDIT_TOOL }))
    expect(cut.stopReason).toBe('max_tokens')
    expect(cut.toolUses).toEqual([{ name: 'edit_document', input: '{"edits":[{"old_text":"a","new' }])
    server.enqueue(reply.text('Here is the document.'))
    const prose = await renderer.render(request({ tool: EDIT_TOOL }))
    expect(prose.toolUses).toEqual([])
    expect(prose.text).toBe('Here is the document.')
  })

  // Bedrock's own word for a tool call the model botched (the SDK's StopReason lists
  // malformed_tool_use and malformed_model_output; cf. claude-code#19143, tool input cut
  // short mid-stream): edits that cannot be applied, so the caller's to judge, as a cut-off reply is.
  it.each(['malformed_tool_use', 'malformed_model_output'])(
    'a tool reply Bedrock stops with %s is returned for the caller to judge (it has a fallback)',
    async (stopReason) => {
      const { renderer } = setup()
      server.enqueue(reply.toolInput('{"edits":[{"old_text":"a",', { stopReason }))
      const result = await renderer.render(request({ tool: EDIT_TOOL }))
      expect(result.stopReason).toBe(stopReason)
      expect(result.toolUses).toEqual([{ name: 'edit_document', input: '{"edits":[{"old_text":"a",' }])
    }
  )

  it.each([
    [
      'a NUL character',
      '# Guide\n\nLine one.\nA NUL \u0000 here.\n',
      'the model returned text with a NUL character (line 4)'
    ],
    [
      'an unpaired surrogate',
      '# Guide\n\nA lone \ud83d here.\n',
      'the model returned text with an unpaired surrogate (line 3)'
    ]
  ])(
    'a document reply holding %s is refused: git would call the file binary, or it would be written altered',
    async (_name, text, message) => {
      const { renderer } = setup()
      server.enqueue(reply.text(text))
      const err = await failure(renderer.render(request()))
      expect(err.message).toContain(`${message}, so nothing was written`)
      expect(err.scope).toBe('document')
    }
  )

  it('a call made for a reason of its own (the rewrite after edits that did not apply) names it in its failure', async () => {
    const { renderer } = setup()
    server.enqueue(reply.maxTokens())
    const err = await failure(
      renderer.render(
        request({ purpose: 'the whole-document rewrite after edits that did not apply: old_text 2 not found' })
      )
    )
    expect(err.message).toMatch(
      /\(model .*, request id [^;]*; the whole-document rewrite after edits that did not apply: old_text 2 not found\)/
    )
  })

  // aws/aws-sdk-java-v2#7136: a ConverseStream whose tool_use block never completes hung the
  // caller until its own timeout. Ours bounds the whole stream, tool input included.
  it('a tool reply whose stream stops coming part way is bounded by the time limit and retried', async () => {
    const { renderer, warn } = setup()
    const input = JSON.stringify({ edits: [{ old_text: 'a', new_text: 'b' }] })
    server.enqueue(reply.toolInput(input, { chunks: 4, chunkDelayMs: 250 }), reply.toolInput(input))
    const result = await renderer.render(request({ tool: EDIT_TOOL, timeoutMs: 400 }))
    expect(result.toolUses).toEqual([{ name: 'edit_document', input }])
    expect(result.attempts).toBe(2)
    expect(warn[0]).toContain('RenderTimeout')
  })

  it('a document reply (no tool) stopped with malformed_model_output is still refused', async () => {
    const { renderer } = setup()
    server.enqueue(reply.text('# Half', { stopReason: 'malformed_model_output' }))
    const err = await failure(renderer.render(request()))
    expect(err.message).toContain('the model stopped with "malformed_model_output" instead of finishing')
  })

  it('a tool reply stopped by a filter is refused as a document reply is', async () => {
    const { renderer } = setup()
    server.enqueue(reply.toolInput('{"edits":[]}', { stopReason: 'content_filtered' }))
    const err = await failure(renderer.render(request({ tool: EDIT_TOOL })))
    expect(err.message).toContain('the model stopped with "content_filtered" instead of finishing')
    expect(err.scope).toBe('document')
  })

  it('a model Bedrock refuses tools for: ToolUseRefused with Bedrock’s words, one request, no retry', async () => {
    const { renderer, sleeps } = setup()
    server.refuseTools('mistral.mistral-large-2407-v1:0')
    const err = await failure(renderer.render(request({ tool: EDIT_TOOL, modelId: 'mistral.mistral-large-2407-v1:0' })))
    expect(err).toBeInstanceOf(ToolUseRefused)
    expect((err as ToolUseRefused).said).toBe("This model doesn't support tool use in streaming mode.")
    expect(err.scope).toBe('document')
    expect(server.requests).toHaveLength(1)
    expect(sleeps).toEqual([])
    // the same model without a tool is served
    server.enqueue(reply.text('# Doc\n'))
    expect((await renderer.render(request({ modelId: 'mistral.mistral-large-2407-v1:0' }))).text).toBe('# Doc\n')
  })

  it('a request without a tool sends no toolConfig', async () => {
    const { renderer } = setup()
    await renderer.render(request())
    expect(server.requests[0].body.toolConfig).toBeUndefined()
  })
})

describe('retries', () => {
  it('backs off 5 s then 15 s after two throttles, then succeeds', async () => {
    const { renderer, sleeps, warn } = setup()
    server.enqueue(reply.throttle(), reply.throttle(), reply.text('# Done\n'))
    const result = await renderer.render(request())
    expect(result.text).toBe('# Done\n')
    expect(result.attempts).toBe(3)
    expect(sleeps).toEqual([5000, 15000])
    expect(server.requests).toHaveLength(3)
    expect(warn[0]).toContain('ThrottlingException')
    expect(warn[0]).toContain('request id req-1-0000')
    expect(warn[0]).toContain('retrying in 5 s')
  })

  it('fails after 5 s, 15 s and 45 s when throttling goes on', async () => {
    const { renderer, sleeps } = setup()
    server.enqueue(reply.throttle(), reply.throttle(), reply.throttle(), reply.throttle(), reply.text('# never used\n'))
    const err = await failure(renderer.render(request()))
    expect(sleeps).toEqual([5000, 15000, 45000])
    expect(server.requests).toHaveLength(4)
    expect(err.kind).toBe('throttled')
    expect(err.attempts).toBe(4)
    expectNamesTheCall(err, 'req-4-0000')
    expect(err.message).toContain('after 4 attempts')
    expect(err.problems[0].hint).toContain('concurrency')
  })

  // Bedrock's per-day token quota answers with the same ThrottlingException (429) as the per-minute one, in its own
  // words (minorun365/agent-book#29, Ivy-Interactive/Ivy-Tendril#1756): waiting 5, 15 and 45 s cannot help, nor can
  // a lower concurrency; the quota resets within a day.
  it('"Too many tokens per day": not retried, named as the daily quota with what to do, the run stops', async () => {
    const { renderer, sleeps } = setup()
    server.enqueue(
      reply.error(429, 'ThrottlingException', 'Too many tokens per day, please wait before trying again.'),
      reply.text('# never used\n')
    )
    const err = await failure(renderer.render(request()))
    expect(server.requests).toHaveLength(1)
    expect(sleeps).toEqual([])
    expect(err.scope).toBe('account')
    expect(err.message).toMatch(/daily token quota/)
    expect(err.message).toContain('Too many tokens per day')
    expect(err.problems[0].hint).toMatch(/tokens per day/)
    expect(err.problems[0].hint).not.toMatch(/concurrency/)
  })

  // A proxy or load balancer before Bedrock (a corporate egress proxy, a VPC endpoint's) answers with its own
  // page: the SDK then fails to read JSON and says "Unexpected token '<', "<!DOCTYPE "... is not valid JSON
  // Deserialization error: … inspect the hidden field {error}.$response". Named for what it is, retried as a
  // server error, never quoting the markup or the SDK's advice to programmers.
  it("a 503 HTML page instead of Bedrock's JSON: retried as a server error, named as a page with its status, never quoted", async () => {
    const PAGE =
      '<!DOCTYPE html><html><head><title>503 Service Temporarily Unavailable</title></head><body>nginx</body></html>\n'
    const { renderer, sleeps, warn } = setup()
    server.enqueue(reply.page(503, PAGE), reply.text('# Back\n'))
    const result = await renderer.render(request())
    expect(result.text).toBe('# Back\n')
    expect(sleeps).toEqual([5000])
    expect(warn[0]).toMatch(/HTTP 503: an answer that is not Bedrock's \(an error page/)
    expect(warn[0]).not.toMatch(/DOCTYPE|<|\$response|Deserialization/)

    for (let i = 0; i < 4; i++) server.enqueue(reply.page(502, PAGE))
    const err = await failure(renderer.render(request()))
    expect(err.message).toMatch(/Bedrock failed repeatedly \(ErrorPage: HTTP 502: an answer that is not Bedrock's/)
    expect(err.message).not.toMatch(/DOCTYPE|<|\$response|Deserialization/)

    // a proxy that refuses the host with its own page: named as such, not as Bedrock refusing the frontmatter
    server.enqueue(reply.page(403, '<html><body>Blocked by policy</body></html>'))
    const blocked = await failure(renderer.render(request()))
    expect(blocked.message).toMatch(/something between this machine and Bedrock answered instead of it \(HTTP 403/)
    expect(blocked.problems[0].hint).toMatch(/HTTPS_PROXY/)
    expect(blocked.message).not.toMatch(/Blocked|<html/)
  })

  // A self-hosted runner whose clock is behind by more than 15 minutes: AWS refuses the signature ("Signature
  // expired"), and the SDK corrects its clock offset from the answer's Date header and marks the error
  // clockSkewCorrected — for the retry, which is ours (the SDK's own retries are off): the correction only works
  // "in the second retry" (aws/aws-sdk-js-v3#2208, #2686). Without it every call failed, told to check the credentials.
  it("a runner's clock an hour behind: the SDK's corrected clock is used by one retry at once, not called a credentials problem", async () => {
    const { renderer, sleeps, warn } = setup()
    server.clockAheadMs = 3600_000
    server.enqueue(reply.text('# On time\n'))
    const result = await renderer.render(request())
    expect(result.text).toBe('# On time\n')
    expect(result.attempts).toBe(2)
    expect(sleeps).toEqual([])
    expect(warn[0]).toMatch(/this machine's clock is off/)

    // refused for its time with no Date the SDK could correct from: named as the clock, not the credentials
    server.clockAheadMs = 0
    server.enqueue(
      reply.error(
        403,
        'InvalidSignatureException',
        'Signature expired: 20261207T010000Z is now earlier than 20261207T014500Z (20261207T020000Z - 15 min.)'
      )
    )
    const err = await failure(renderer.render(request()))
    expect(err.message).toMatch(/AWS refused the request for the time it was signed at: this machine's clock is off/)
    expect(err.problems[0].hint).toMatch(/NTP/)
    expect(err.problems[0].hint).not.toMatch(/OIDC|secrets/)
  })

  it('retries a 500 and a model that is not ready', async () => {
    const { renderer, sleeps } = setup()
    server.enqueue(reply.serverError(), reply.modelNotReady(), reply.text('# Back\n'))
    const result = await renderer.render(request())
    expect(result.text).toBe('# Back\n')
    expect(result.attempts).toBe(3)
    expect(sleeps).toEqual([5000, 15000])
  })

  it('retries a stalled reply once, with twice the time limit', async () => {
    const { renderer, sleeps, warn } = setup()
    // the second reply takes 750 ms: longer than the first limit (500), inside the doubled one (1000)
    server.enqueue(reply.stall(3000), reply.latency(750, reply.text('# Late but whole\n')))
    const result = await renderer.render(request({ timeoutMs: 500 }))
    expect(result.text).toBe('# Late but whole\n')
    expect(result.attempts).toBe(2)
    expect(sleeps).toEqual([])
    expect(warn[0]).toContain('twice the time limit')
  })

  // Bedrock at times stops sending mid-stream on a connection that stays open (no FIN, no RST): the
  // reader waits on a dead socket (anthropics/claude-code#64556, langchain-ai/langchainjs#11098). Under the
  // whole-call limit alone that cost timeout-minutes (10 min), then twice that on the retry: 30 minutes for a
  // document. A stream silent for streamIdleMs is given up and tried again after the server-error backoff.
  it('a stream that goes silent after it started is given up after the idle limit, not the whole time limit, and retried', async () => {
    const { renderer, sleeps, warn } = setup({ streamIdleMs: 1000 })
    // messageStart, then nothing for a minute on an open connection
    server.enqueue(reply.text('# Never finished\n', { chunks: 2, chunkDelayMs: 60_000 }), reply.text('# Whole\n'))
    const started = Date.now()
    const result = await renderer.render(request({ timeoutMs: 30_000 }))
    const ms = Date.now() - started
    process.stdout.write(`silent stream: given up and retried in ${ms} ms (whole-call limit 30,000 ms)\n`)
    expect(result.text).toBe('# Whole\n')
    expect(result.attempts).toBe(2)
    expect(ms).toBeLessThan(15_000)
    expect(sleeps).toEqual([5000])
    expect(warn[0]).toMatch(/the reply stream went silent: nothing for 1 s/)
  }, 90_000)

  // The same silence before the answer began: a proxy that accepted the tunnel, or a Bedrock front end that took
  // the request, and sends nothing at all. Under the whole-call limit alone: timeout-minutes, then twice that.
  it('a request that gets no answer at all (no headers) is given up after the idle limit, and retried', async () => {
    const { renderer, sleeps, warn } = setup({ streamIdleMs: 1000 })
    server.enqueue(reply.stall(60_000), reply.text('# Whole\n'))
    const started = Date.now()
    const result = await renderer.render(request({ timeoutMs: 30_000 }))
    const ms = Date.now() - started
    process.stdout.write(`no answer: given up and retried in ${ms} ms (whole-call limit 30,000 ms)\n`)
    expect(result.text).toBe('# Whole\n')
    expect(result.attempts).toBe(2)
    expect(ms).toBeLessThan(15_000)
    expect(sleeps).toEqual([5000])
    expect(warn[0]).toMatch(/Bedrock sent nothing for 1 s after the request, on a connection still open/)
  }, 90_000)

  it('a stream silent past the idle limit on every try fails naming the silence, after the backoff', async () => {
    const { renderer, sleeps } = setup({ streamIdleMs: 500 })
    for (let i = 0; i < 4; i++) server.enqueue(reply.text('# Never\n', { chunks: 2, chunkDelayMs: 60_000 }))
    const err = await failure(renderer.render(request({ timeoutMs: 30_000 })))
    expect(server.requests).toHaveLength(4)
    expect(sleeps).toEqual([5000, 15000, 45000])
    expect(err.message).toMatch(/went silent/)
  }, 90_000)

  it('fails when the reply stalls twice', async () => {
    const { renderer } = setup()
    server.enqueue(reply.stall(3000), reply.stall(3000), reply.text('# never used\n'))
    const err = await failure(renderer.render(request({ timeoutMs: 200 })))
    expect(server.requests).toHaveLength(2)
    expect(err.kind).toBe('timeout')
    expect(err.attempts).toBe(2)
    expect(err.message).toContain('timed out')
    expect(err.problems[0].hint).toContain('timeout-minutes')
  })

  it('bounds the whole stream by the time limit, not only the first byte', async () => {
    const { renderer, warn } = setup()
    server.enqueue(reply.text('slow slow slow slow', { chunks: 4, chunkDelayMs: 250 }), reply.text('# Quick\n'))
    const result = await renderer.render(request({ timeoutMs: 400 }))
    expect(result.text).toBe('# Quick\n')
    expect(result.attempts).toBe(2)
    expect(warn[0]).toContain('RenderTimeout')
    expect(warn[0]).toContain('request id req-1-0000')
  })

  it('retries a stream that fails part way, keeping none of the partial text', async () => {
    const { renderer, sleeps } = setup()
    server.enqueue(reply.failMidStream(), reply.text('# Whole\n'))
    const result = await renderer.render(request())
    expect(result.text).toBe('# Whole\n')
    expect(result.attempts).toBe(2)
    expect(sleeps).toEqual([5000])
  })

  it('treats a mid-stream exception like its kind: throttling is retried, validation is not', async () => {
    const { renderer, sleeps } = setup()
    server.enqueue(reply.failMidStream('throttlingException'), reply.text('# Ok\n'))
    expect((await renderer.render(request())).attempts).toBe(2)
    expect(sleeps).toEqual([5000])

    server.enqueue(reply.failMidStream('validationException'), reply.text('# never used\n'))
    const err = await failure(renderer.render(request()))
    expect(err.kind).toBe('fatal')
    expect(server.requests).toHaveLength(3)
    expectNamesTheCall(err, 'req-3-0000')
  })
})

describe('every call Bedrock answered is told to the caller, its reply used or not', () => {
  /** A request whose onUsage calls are kept. */
  function counted(overrides: Partial<RenderRequest> = {}): { req: RenderRequest; usages: CallUsage[] } {
    const usages: CallUsage[] = []
    return { req: request({ ...overrides, onUsage: (u) => usages.push(u) }), usages }
  }

  it("a whole reply: Bedrock's usage, once", async () => {
    const { renderer } = setup()
    server.enqueue(reply.text('# Guide\n', { outputTokens: 11 }))
    const { req, usages } = counted()
    const result = await renderer.render(req)
    expect(usages).toEqual([{ inputTokens: result.inputTokens, outputTokens: 11, estimated: false }])
    expect(result.usageEstimated).toBe(false)
  })

  it('a reply cut off at max_tokens is refused, and its tokens are still reported (Bedrock bills them)', async () => {
    const { renderer } = setup()
    server.enqueue(reply.text('# Cut', { stopReason: 'max_tokens', outputTokens: 900 }))
    const { req, usages } = counted({ maxTokens: 900 })
    await failure(renderer.render(req))
    expect(usages).toHaveLength(1)
    expect(usages[0]).toMatchObject({ outputTokens: 900, estimated: false })
    expect(usages[0].inputTokens).toBeGreaterThan(0)
  })

  it('a reply refused for its stop reason or for being empty is reported too', async () => {
    const { renderer } = setup()
    server.enqueue(reply.text('# Filtered', { stopReason: 'content_filtered', outputTokens: 3 }), reply.empty())
    const first = counted()
    await failure(renderer.render(first.req))
    expect(first.usages).toEqual([expect.objectContaining({ outputTokens: 3, estimated: false })])
    const second = counted()
    await failure(renderer.render(second.req))
    expect(second.usages).toHaveLength(1)
  })

  it('a stream that ends without its usage: counted from characters, marked, and said once as a warning', async () => {
    const { renderer, warn, info } = setup()
    // 35 characters of reply: 10 tokens at 3.5 characters a token
    server.enqueue(
      reply.text('# Guide\n\nWith text, and more text.', { usage: null }),
      reply.text('# Two\n', { usage: null })
    )
    const { req, usages } = counted()
    const result = await renderer.render(req)
    expect(usages).toEqual([{ inputTokens: Math.ceil(req.prompt.length / 3.5), outputTokens: 10, estimated: true }])
    expect(result).toMatchObject({ outputTokens: 10, usageEstimated: true })
    expect(warn).toEqual([
      `docs/guide.md: Bedrock's usage for this call cannot be used (it reported none); its tokens are counted from characters instead: ~${usages[0].inputTokens} input, ~10 output`
    ])
    await renderer.render(request())
    expect(warn).toHaveLength(1)
    expect(info.filter((m) => m.includes("Bedrock's usage for this call cannot be used"))).toHaveLength(1)
  })

  it('absurd usage (negative, more than max_tokens) never lowers the count: counted from characters', async () => {
    const { renderer } = setup()
    server.enqueue(
      reply.text('# Guide\n', { usage: { inputTokens: -5_000_000, outputTokens: -1_000_000_000 } }),
      reply.text('# Guide\n', { usage: { inputTokens: 10, outputTokens: 20_000 } })
    )
    for (let i = 0; i < 2; i++) {
      const { req, usages } = counted({ maxTokens: 16000 })
      await renderer.render(req)
      expect(usages).toEqual([{ inputTokens: Math.ceil(req.prompt.length / 3.5), outputTokens: 3, estimated: true }])
    }
  })

  it('a stream that breaks off mid-way, then its retry: both reported, the broken one from what it sent', async () => {
    const { renderer } = setup()
    // 35 characters before the break: 10 tokens
    server.enqueue(
      reply.failMidStream('internalServerException', '# Half of a document that broke'),
      reply.text('# Whole\n', { outputTokens: 4 })
    )
    const { req, usages } = counted()
    await renderer.render(req)
    expect(usages).toEqual([
      { inputTokens: Math.ceil(req.prompt.length / 3.5), outputTokens: 9, estimated: true },
      expect.objectContaining({ outputTokens: 4, estimated: false })
    ])
  })

  it('tool replies (edit mode) are told too: one cut at max_tokens, one stopped by a filter, one whose usage is unusable', async () => {
    const { renderer } = setup()
    const input = '{"edits":[{"old_text":"a","new_text":"b"}]}'
    server.enqueue(
      reply.toolInput('{"edits":[{"old_text":"a","new', { stopReason: 'max_tokens', outputTokens: 900 }),
      reply.toolInput('{"edits":[]}', { stopReason: 'content_filtered', outputTokens: 4 }),
      reply.toolInput(input, { usage: { inputTokens: 10, outputTokens: 901 } }),
      reply.toolInput(input, { usage: null })
    )
    const cut = counted({ tool: EDIT_TOOL, maxTokens: 900 })
    expect((await renderer.render(cut.req)).stopReason).toBe('max_tokens')
    expect(cut.usages).toEqual([expect.objectContaining({ outputTokens: 900, estimated: false })])
    const filtered = counted({ tool: EDIT_TOOL, maxTokens: 900 })
    await failure(renderer.render(filtered.req))
    expect(filtered.usages).toEqual([expect.objectContaining({ outputTokens: 4, estimated: false })])
    // more output than max_tokens, then none at all: counted from what was sent (the prompt and the tool's definition) and received
    for (let i = 0; i < 2; i++) {
      const { req, usages } = counted({ tool: EDIT_TOOL, maxTokens: 900 })
      const result = await renderer.render(req)
      const sent = req.prompt.length + toolChars(EDIT_TOOL)
      // 43 characters of tool input: 13 tokens at 3.5 characters a token
      expect(usages).toEqual([{ inputTokens: Math.ceil(sent / 3.5), outputTokens: 13, estimated: true }])
      expect(result).toMatchObject({ outputTokens: 13, usageEstimated: true })
    }
  })

  it('requests Bedrock refused (throttled, a 500) or never answered cost nothing and are not reported', async () => {
    const { renderer } = setup()
    server.enqueue(reply.throttle(), reply.serverError(), reply.stall(3000), reply.text('# Ok\n', { outputTokens: 2 }))
    const { req, usages } = counted({ timeoutMs: 500 })
    const result = await renderer.render(req)
    expect(result.attempts).toBe(4)
    expect(usages).toEqual([expect.objectContaining({ outputTokens: 2, estimated: false })])
  })
})

describe('replies that are never written', () => {
  it('refuses a reply cut off at max_tokens and says how to raise it', async () => {
    const { renderer } = setup()
    server.enqueue(reply.maxTokens())
    const err = await failure(renderer.render(request({ maxTokens: 1000 })))
    expect(server.requests).toHaveLength(1)
    expectNamesTheCall(err, 'req-1-0000')
    expect(err.message).toContain('cut off at its output budget, max_tokens 1000')
    expect(err.problems[0].hint).toContain('`max_tokens` in the prompt frontmatter')
    expect(err.problems[0].hint).toContain('or max-tokens for prompts that set none')
    expect(err.problems[0].hint).not.toMatch(/model id|region|credentials/)
  })

  it.each([
    [
      'the prompt',
      '`max_tokens: 1000` in docs/guide.prompt.md (line 3)',
      /raise `max_tokens` in the prompt frontmatter/
    ],
    [
      'the max-tokens setting',
      'the max-tokens setting (docs/guide.prompt.md sets no `max_tokens`)',
      /or max-tokens for prompts that set none/
    ],
    [
      "the model's limit",
      "the model's output limit (4096 tokens for bedrock-claude-haiku; max-tokens is 16000)",
      /cannot write more in one reply/
    ]
  ])('a reply cut off at max_tokens set by %s names what set it', async (_what, from, hint) => {
    const { renderer } = setup()
    server.enqueue(reply.text('# Endless\n\nand on and on', { stopReason: 'max_tokens', outputTokens: 1000 }))
    const err = await failure(renderer.render(request({ maxTokens: 1000, maxTokensFrom: from })))
    expect(err.message).toContain(`max_tokens 1000, set by ${from} (1000 tokens written)`)
    expect(err.problems[0].hint).toMatch(hint)
    expect(err.scope).toBe('document')
  })

  it('stop reason model_context_window_exceeded: the prompt and the window named, the ways out, no "re-run"', async () => {
    const { renderer } = setup()
    server.enqueue(reply.text('# Half', { stopReason: 'model_context_window_exceeded', outputTokens: 3000 }))
    const err = await failure(renderer.render(request()))
    expectNamesTheCall(err, 'req-1-0000')
    expect(err.message).toMatch(
      /the prompt of docs\/guide\.md leaves too little of the 200000 tokens of us\.anthropic\.claude-sonnet-4-5-20250929-v1:0's context window for the reply: with ~\d+ input tokens \(as Bedrock reported them\), the reply ran into the window's end after 3000 output tokens, so nothing was written/
    )
    for (const way of ['`deps`', '`targets`', 'larger context window']) expect(err.problems[0].hint).toContain(way)
    expect(err.problems[0].hint).toContain('fails the same way')
    expect(err.scope).toBe('document')
  })

  it('refuses an empty reply', async () => {
    const { renderer } = setup()
    server.enqueue(reply.empty())
    const err = await failure(renderer.render(request()))
    expect(err.message).toContain('no text')
    expectNamesTheCall(err, 'req-1-0000')
  })

  it('refuses a reply that is only a Graft header line', async () => {
    const { renderer } = setup()
    server.enqueue(
      reply.text('<!-- Generated by Graft | model=bc-v4.5-us | sig=ab12 | rev=workspace | 2025-11-02 -->\n')
    )
    const err = await failure(renderer.render(request()))
    expect(err.message).toContain('only a Graft header line')
    expect(err.problems[0].hint).toContain('document body')
  })

  it('refuses a reply that stopped for any other reason', async () => {
    const { renderer } = setup()
    server.enqueue(reply.text('# Half', { stopReason: 'content_filtered' }))
    const err = await failure(renderer.render(request()))
    expect(err.message).toContain('"content_filtered"')
  })
})

describe('errors that are not retried', () => {
  it('access denied: one request, and the message says which permission to grant', async () => {
    const { renderer, sleeps } = setup()
    server.enqueue(reply.accessDenied(), reply.text('# never used\n'))
    const err = await failure(renderer.render(request()))
    expect(server.requests).toHaveLength(1)
    expect(sleeps).toEqual([])
    expect(err.kind).toBe('fatal')
    expectNamesTheCall(err, 'req-1-0000')
    expect(err.message).toContain('AccessDeniedException')
    expect(err.problems[0].hint).toContain('bedrock:InvokeModelWithResponseStream')
    expect(err.problems[0].hint).toContain('model access')
  })

  it('a bare Claude 4 id: says Claude 4 needs an inference profile and names the us./global. ids', async () => {
    const { renderer } = setup()
    const bare = 'anthropic.claude-sonnet-4-5-20250929-v1:0'
    server.enqueue(
      reply.validation(
        `Invocation of model ID ${bare} with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.`
      )
    )
    const err = await failure(renderer.render(request({ modelId: bare })))
    expect(server.requests).toHaveLength(1)
    expect(server.requests[0].modelId).toBe(bare)
    expectNamesTheCall(err, 'req-1-0000', bare)
    expect(err.problems[0].hint).toContain('inference profile')
    expect(err.problems[0].hint).toContain(`us.${bare}`)
    expect(err.problems[0].hint).toContain(`global.${bare}`)
  })

  it('an unknown model: says which regions and profiles to try', async () => {
    const { renderer } = setup()
    server.enqueue(reply.notFound())
    const err = await failure(renderer.render(request({ modelId: 'us.anthropic.claude-nonesuch-v1:0' })))
    expect(server.requests).toHaveLength(1)
    expect(err.problems[0].hint).toMatch(/us-east-1.*us-west-2/)
    expect(err.problems[0].hint).toContain('aws-region')
  })

  it('an expired session mid-run points at the session length, not at the OIDC set-up', async () => {
    const { renderer, sleeps } = setup()
    server.enqueue(
      reply.error(403, 'ExpiredTokenException', 'The security token included in the request is expired'),
      reply.text('# never used\n')
    )
    const err = await failure(renderer.render(request()))
    expect(server.requests).toHaveLength(1)
    expect(sleeps).toEqual([])
    expect(err.message).toContain('session expired')
    expect(err.problems[0].hint).toContain('role-duration-seconds')
    expect(err.problems[0].hint).toContain('Maximum session duration')
    expect(err.problems[0].hint).not.toContain('id-token: write')
  })

  it('a quota error fails at once', async () => {
    const { renderer, sleeps } = setup()
    server.enqueue(reply.quota(), reply.text('# never used\n'))
    const err = await failure(renderer.render(request()))
    expect(server.requests).toHaveLength(1)
    expect(sleeps).toEqual([])
    expect(err.message).toContain('ServiceQuotaExceededException')
  })
})

describe("Bedrock's answers, named for what they are", () => {
  it('400 "Input is too long for requested model.": the context window, the document, its tokens, the ways out', async () => {
    const { renderer, sleeps } = setup()
    server.enqueue(reply.validation('Input is too long for requested model.'), reply.text('# never used\n'))
    const err = await failure(renderer.render(request({ prompt: 'x'.repeat(7000) })))
    expect(server.requests).toHaveLength(1)
    expect(sleeps).toEqual([])
    expectNamesTheCall(err, 'req-1-0000')
    expect(err.message).toContain(
      "the prompt of docs/guide.md is too large for the model: ~2000 input tokens (estimated from its 7000 characters), more than the 200000 tokens of us.anthropic.claude-sonnet-4-5-20250929-v1:0's context window"
    )
    expect(err.message).toContain('ValidationException: Input is too long for requested model.')
    for (const way of ['`deps`', '`targets`', 'larger context window']) expect(err.problems[0].hint).toContain(way)
    expect(err.problems[0].hint).not.toMatch(/temperature|model id/)
    // this document alone: the others may go on
    expect(err.scope).toBe('document')
  })

  it('400 for a max_tokens above the model limit: names the output budget and what set it', async () => {
    const { renderer } = setup()
    server.enqueue(
      reply.validation(
        'The maximum tokens you requested exceeds the model limit of 64000. Try again with a maximum tokens value that is lower than 64000.'
      )
    )
    const from = '`max_tokens: 90000` in docs/guide.prompt.md (line 4)'
    const err = await failure(renderer.render(request({ maxTokens: 90000, maxTokensFrom: from })))
    expect(err.message).toContain(`Bedrock refused the output budget of this call, max_tokens 90000, set by ${from}`)
    expect(err.problems[0].hint).toContain('`max_tokens`')
    expect(err.problems[0].hint).not.toMatch(/region|credentials/)
  })

  it('a model error (424) says to re-run once, then shrink the prompt; not the credentials', async () => {
    const { renderer } = setup()
    server.enqueue(reply.error(424, 'ModelErrorException', 'The model produced an invalid response.'))
    const err = await failure(renderer.render(request()))
    expect(err.message).toContain('the model failed while processing this request')
    expect(err.problems[0].hint).not.toMatch(/credentials/)
  })

  it("an error Bedrock answered that has no name of its own is Bedrock's refusal, not the credentials", async () => {
    const { renderer } = setup()
    server.enqueue(reply.error(400, 'SomethingNewException', 'A new kind of refusal.'))
    const err = await failure(renderer.render(request()))
    expect(err.message).toContain('Bedrock refused the request (SomethingNewException: A new kind of refusal.)')
    expect(err.problems[0].hint).not.toMatch(/credentials/)
  })
})

describe('one cancellation signal shared by a whole run', () => {
  it('36 documents, 12 in flight at once, retries included: no MaxListenersExceededWarning; the signal holds one listener', async () => {
    const warnings: Error[] = []
    const onWarning = (w: Error): void => void warnings.push(w)
    process.on('warning', onWarning)
    try {
      const { renderer } = setup()
      const run = new AbortController()
      // every fifth request is throttled once first: a backoff wait, then a second attempt
      let n = 0
      // each reply is held long enough that the twelve of a batch overlap even on a loaded machine
      server.onRequest(() => (++n % 5 === 0 ? reply.throttle() : reply.latency(400, reply.text('# Doc\n\nText.\n'))))
      for (let batch = 0; batch < 3; batch++) {
        await Promise.all(
          Array.from({ length: 12 }, (_v, i) =>
            renderer.render(request({ label: `docs/d${batch}-${i}.md`, signal: run.signal }))
          )
        )
      }
      expect(server.requests.length).toBeGreaterThan(36)
      expect(Math.max(...server.requests.map((r) => r.openAtArrival))).toBeGreaterThan(10)
      // warnings are emitted on the next tick
      await new Promise((resolve) => setImmediate(resolve))
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message)).toEqual([])
      expect(EventEmitter.getEventListeners(run.signal, 'abort')).toHaveLength(1)
    } finally {
      process.off('warning', onWarning)
    }
  }, 30_000)

  it('cancelling the run stops every call in flight', async () => {
    const { renderer } = setup()
    const run = new AbortController()
    server.onRequest(() => reply.stall(10_000))
    const pending = Array.from({ length: 3 }, (_v, i) =>
      failure(renderer.render(request({ label: `docs/s${i}.md`, signal: run.signal, timeoutMs: 20_000 })))
    )
    await server.waitForRequests(3)
    run.abort(new Error('SIGTERM'))
    for (const err of await Promise.all(pending)) expect(err.message).toContain('the run was cancelled (SIGTERM)')
  })
})

describe('credentials and region', () => {
  const scratchHome = (): string => scratchDir('graft-home')
  const TWO_WAYS = [
    'id-token: write',
    'aws-actions/configure-aws-credentials',
    'role-to-assume',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY'
  ]

  it('accepts the environment keys', async () => {
    await expect(checkCredentials('us-east-1')).resolves.toBeUndefined()
  })

  it('no credentials anywhere: names both ways to provide them', async () => {
    const restore = useAwsEnv({ AWS_EC2_METADATA_DISABLED: 'true', HOME: scratchHome(), AWS_REGION: 'us-east-1' })
    try {
      const err = await checkCredentials().catch((e: unknown) => e)
      expect(err).toBeInstanceOf(GraftError)
      for (const phrase of TWO_WAYS) expect((err as GraftError).message).toContain(phrase)
      expect((err as GraftError).message).toContain('no AWS credentials')
    } finally {
      restore()
    }
  })

  it('no region: names the region and both ways to provide credentials', async () => {
    const restore = useAwsEnv({
      AWS_EC2_METADATA_DISABLED: 'true',
      HOME: scratchHome(),
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test'
    })
    try {
      const err = await checkCredentials().catch((e: unknown) => e)
      expect(err).toBeInstanceOf(GraftError)
      expect((err as GraftError).message).toContain('no AWS region')
      expect((err as GraftError).message).toContain('aws-region')
      for (const phrase of TWO_WAYS) expect((err as GraftError).message).toContain(phrase)
      expect(() => new BedrockRenderer({ region: '', log: { info() {}, warn() {} } })).toThrow(/no AWS region/)
    } finally {
      restore()
    }
  })

  it('a render without credentials fails once, before reaching Bedrock, with the same advice', async () => {
    const { renderer, sleeps } = setup()
    const restore = useAwsEnv({
      AWS_EC2_METADATA_DISABLED: 'true',
      HOME: scratchHome(),
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: server.url
    })
    try {
      const err = await failure(renderer.render(request()))
      expect(server.requests).toHaveLength(0)
      expect(sleeps).toEqual([])
      expect(err.problems[0].hint).toContain('id-token: write')
      expect(err.problems[0].hint).toContain('AWS_SECRET_ACCESS_KEY')
    } finally {
      restore()
    }
  })
})
