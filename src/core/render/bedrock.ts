// Renders one packed prompt through Claude on Bedrock (ConverseStream). The
// SDK's own retries are off; ours (retry.ts) decide. A reply is accepted only
// when it is complete: stopped at end_turn/stop_sequence, non-empty, and more
// than a Graft header line — the caller writes nothing otherwise. With a tool
// (edit mode) the request forces that tool, and the reply is the tool's input
// as streamed; whether it can be used (a cut-off reply, no call, bad input) is
// the caller's to judge, since it has a fallback.
import {
  BedrockRuntimeClient,
  ConverseStreamCommand,
  CountTokensCommand,
  type ConverseStreamOutput,
  type ToolConfiguration,
  type ToolInputSchema
} from '@aws-sdk/client-bedrock-runtime'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { GraftError } from '../errors.js'
import { stripHeaders } from '../graft/header.js'
import { loadSharedConfigFiles } from '@smithy/core/config'
import { EnvProxyAgent } from '../io/proxy.js'
import {
  RenderError,
  classify,
  contextWindowExceeded,
  credentialsHint,
  credentialsTimeoutHint,
  outputBudgetNamed,
  errorFacts,
  renderFailure,
  type Audience,
  type CallContext
} from './errors.js'
import { AttemptsFailed, DEFAULT_BACKOFF_MS, realSleep, withRetries } from './retry.js'
import { AdaptiveLimiter, type AttemptOutcome } from './limiter.js'
import { setting } from '../phrasing.js'
import { MALFORMED_STOPS, ToolUseRefused, refusesToolUse, toolChars, type ToolSpec } from './edit-tool.js'
import { CREDENTIALS_TIMEOUT_MS, CredentialsTimeout, keysFirstProvider } from './credentials.js'
import { cancelled, unlessCancelled, whenAborted } from './cancellation.js'
import { contextWindow } from '../graft/models.js'
import { estimateTokens } from './token-estimate.js'
import { nonText } from './non-text.js'
import { readUsage, type CallUsage } from './usage.js'

export interface RenderRequest {
  prompt: string
  modelId: string
  maxTokens: number
  /** what set maxTokens, for the message when a reply hits it ("`max_tokens: 4000` in docs/a.prompt.md", "the max-tokens setting") */
  maxTokensFrom?: string
  temperature?: number
  timeoutMs: number
  /** the document's path, for messages */
  label: string
  /** abandons the call (and any wait before a retry) when the run is cancelled */
  signal?: AbortSignal
  /**
   * Told the tokens of every attempt Bedrock answered, whether its reply is used
   * or not: a reply cut off at max_tokens, refused by the checks below, or broken
   * off mid-stream was billed too.
   */
  onUsage?: (usage: CallUsage) => void
  /** the one tool the model must call (toolChoice forces it): the reply is its input */
  tool?: ToolSpec
  /** why this call is made, when it is not the document's first (the rewrite after edits that did not apply): named in its failure */
  purpose?: string
}

/** A tool call of the reply: the tool's name and its input, the JSON text as streamed. */
export interface ToolUse {
  name: string
  input: string
}

export interface RenderResult {
  text: string
  /** the reply's tool calls, in order (requests with a tool only) */
  toolUses?: ToolUse[]
  inputTokens: number
  outputTokens: number
  /** Bedrock reported no usable usage: the tokens were counted from characters */
  usageEstimated: boolean
  stopReason: string
  attempts: number
  ms: number
}

export interface RenderLog {
  info(msg: string): void
  warn(msg: string): void
}

export interface RendererOptions {
  region: string
  log: RenderLog
  sleep?: (ms: number) => Promise<void>
  /** waits before retries after throttling or a server error; default 5 s, 15 s, 45 s */
  backoffMs?: number[]
  /** how often a streaming reply logs its progress; default 5 s */
  progressEveryMs?: number
  /** how long Bedrock may send nothing (no answer, or no next event) before the try is given up; default STREAM_IDLE_MS */
  streamIdleMs?: number
  /**
   * the most model requests in flight (the `concurrency` input); throttling
   * lowers it for a while (limiter.ts). Default: no limit here.
   */
  concurrency?: number
  /** keep `concurrency` requests in flight even when Bedrock throttles */
  fixedConcurrency?: boolean
  /** who reads credential advice: a workflow's author (default) or a person at a terminal */
  audience?: Audience
}

/** One complete attempt's reply, before the completeness checks. */
interface Reply {
  text: string
  toolUses: ToolUse[]
  stopReason: string
  inputTokens: number
  outputTokens: number
  usageEstimated: boolean
  requestId?: string
}

/** What a stream delivered before it ended or broke off. */
interface StreamRead {
  text: string
  /** the tool calls, in order (their input as streamed) */
  toolUses: ToolUse[]
  /** characters of reply received so far (text and tool input) */
  chars: number
  stopReason: string
  /** the metadata event's usage, as sent */
  usage?: unknown
}

const CONNECT_TIMEOUT_MS = 10_000
/**
 * Any request of the client that sets no limit of its own — those the credential
 * chain makes through it (an STS role assumption, SSO) — fails after this long
 * without an answer, instead of waiting for ever. Model calls and token counts set their own.
 */
const REQUEST_TIMEOUT_MS = 20_000
/**
 * How long Bedrock may send nothing — no answer to the request, or no event
 * in the reply stream since the one before — before the try is given up as
 * broken. Bedrock (or a proxy before it) at times stops sending on a
 * connection that stays open (anthropics/claude-code#64556): the whole call's
 * limit alone (timeout-minutes, doubled on its retry) made that half an hour
 * per document. A live stream sends an event per few tokens; the longest
 * healthy wait, for the first token of a very large prompt, is well under this.
 */
export const STREAM_IDLE_MS = 120_000
const COMPLETE_STOPS = new Set(['end_turn', 'stop_sequence'])
/**
 * With a tool, a reply may also stop to call it; or at max_tokens, or with a
 * tool call Bedrock found malformed: edits that cannot be applied, for the
 * caller to judge (it falls back).
 */
const TOOL_STOPS = new Set([...COMPLETE_STOPS, 'tool_use', 'max_tokens', ...MALFORMED_STOPS])

export class BedrockRenderer {
  private readonly client: BedrockRuntimeClient
  private readonly region: string
  private readonly log: RenderLog
  private readonly sleep: (ms: number) => Promise<void>
  private readonly backoffMs: number[]
  private readonly progressEveryMs: number
  private readonly streamIdleMs: number
  private readonly limiter?: AdaptiveLimiter
  private readonly audience: Audience
  private usageWarned = false

  constructor(opts: RendererOptions) {
    this.region = requireRegion(opts.region, opts.audience)
    this.client = bedrockClient(this.region, opts.audience)
    this.log = opts.log
    this.sleep = opts.sleep ?? realSleep
    this.backoffMs = opts.backoffMs ?? DEFAULT_BACKOFF_MS
    this.progressEveryMs = opts.progressEveryMs ?? 5000
    this.streamIdleMs = opts.streamIdleMs ?? STREAM_IDLE_MS
    this.audience = opts.audience ?? 'actions'
    if (opts.concurrency !== undefined) {
      this.limiter = new AdaptiveLimiter(opts.concurrency, {
        fixed: opts.fixedConcurrency,
        onChange: ({ from, to, why }) =>
          why === 'throttled'
            ? this.log.warn(`Bedrock is throttling: at most ${to} model request(s) in flight from now on (was ${from})`)
            : this.log.info(`Bedrock stopped throttling: at most ${to} model request(s) in flight (was ${from})`)
      })
    }
  }

  /**
   * The input tokens Bedrock counts for this prompt (CountTokens, free of
   * charge), asked of the foundation model behind an inference profile id
   * (`us.anthropic…` → `anthropic…`). Throws when Bedrock cannot count for
   * this model here (some models and regions offer no CountTokens) or the
   * role may not call it; the caller then estimates from characters.
   */
  async countTokens(req: { modelId: string; prompt: string; tool?: ToolSpec }): Promise<number> {
    const modelId = foundationModelId(req.modelId)
    const out = await this.client.send(
      new CountTokensCommand({
        modelId,
        input: {
          converse: {
            messages: [{ role: 'user', content: [{ text: req.prompt }] }],
            ...(req.tool ? { toolConfig: toolConfig(req.tool) } : {})
          }
        }
      }),
      { requestTimeout: CONNECT_TIMEOUT_MS * 3 }
    )
    if (typeof out.inputTokens !== 'number') throw new Error('CountTokens returned no inputTokens')
    return out.inputTokens
  }

  async render(req: RenderRequest): Promise<RenderResult> {
    const context: CallContext = {
      label: req.label,
      modelId: req.modelId,
      region: this.region,
      audience: this.audience,
      promptChars: req.prompt.length,
      maxTokens: req.maxTokens,
      maxTokensFrom: req.maxTokensFrom,
      ...(req.purpose ? { purpose: req.purpose } : {})
    }
    const started = Date.now()
    let outcome: { value: Reply; attempts: number }
    try {
      outcome = await withRetries((n, limitMs) => this.limited(() => this.attempt(req, n, limitMs)), req.timeoutMs, {
        backoffMs: this.backoffMs,
        sleep: (ms) => unlessCancelled(this.sleep(ms), req.signal),
        classify: (err) => classify(errorFacts(err)),
        onRetry: (err, kind, waitMs, next) => this.log.warn(retryNotice(context, err, kind, waitMs, next))
      })
    } catch (err) {
      const [last, attempts] = err instanceof AttemptsFailed ? [err.last, err.attempts] : [err, 1]
      if (req.tool && refusesToolUse(errorFacts(last))) throw new ToolUseRefused(last, context, attempts)
      throw renderFailure(last, context, attempts)
    }
    const { value, attempts } = outcome
    checkComplete(value, req, context, attempts)
    const ms = Date.now() - started
    const chars = req.tool
      ? `${value.toolUses.reduce((n, t) => n + t.input.length, 0)} chars of ${req.tool.name} input`
      : `${value.text.length} chars`
    const counted = value.usageEstimated ? ' (counted from characters)' : ''
    this.log.info(
      `${req.label}: ${chars}, ${value.outputTokens} output tokens${counted} in ${(ms / 1000).toFixed(1)} s`
    )
    return {
      text: value.text,
      ...(req.tool ? { toolUses: value.toolUses } : {}),
      inputTokens: value.inputTokens,
      outputTokens: value.outputTokens,
      usageEstimated: value.usageEstimated,
      stopReason: value.stopReason,
      attempts,
      ms
    }
  }

  /** One attempt holding one of the limiter's slots (none while it backs off). */
  private async limited<T>(attempt: () => Promise<T>): Promise<T> {
    if (!this.limiter) return attempt()
    const slot = await this.limiter.acquire()
    let outcome: AttemptOutcome = 'other'
    try {
      const value = await attempt()
      outcome = 'ok'
      return value
    } catch (err) {
      if (classify(errorFacts(err)) === 'throttled') outcome = 'throttled'
      throw err
    } finally {
      this.limiter.release(slot, outcome)
    }
  }

  /** Frees the client's sockets. */
  close(): void {
    this.client.destroy()
  }

  /** One try, bounded as a whole (headers and stream) by `limitMs`. */
  private async attempt(req: RenderRequest, n: number, limitMs: number): Promise<Reply> {
    if (req.signal?.aborted) throw cancelled(req.signal)
    this.log.info(`${req.label}: calling ${req.modelId} in ${this.region}${n > 1 ? ` (attempt ${n})` : ''}`)
    const controller = new AbortController()
    const unwatch = req.signal ? whenAborted(req.signal, () => controller.abort()) : undefined
    const seen: { requestId?: string } = {}
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const message = `no complete reply within ${formatSeconds(limitMs)}`
        reject(Object.assign(new Error(message), { name: 'RenderTimeout', $metadata: { requestId: seen.requestId } }))
        controller.abort()
      }, limitMs)
    })
    const work = this.call(req, limitMs, controller, seen)
    work.catch(() => undefined) // an attempt abandoned at the deadline must not surface later
    try {
      return await unlessCancelled(Promise.race([work, deadline]), req.signal)
    } finally {
      clearTimeout(timer)
      unwatch?.()
    }
  }

  /** `seen` receives the request id as soon as the reply's headers arrive. */
  private async call(
    req: RenderRequest,
    limitMs: number,
    controller: AbortController,
    seen: { requestId?: string }
  ): Promise<Reply> {
    const command = new ConverseStreamCommand({
      modelId: req.modelId,
      messages: [{ role: 'user', content: [{ text: req.prompt }] }],
      inferenceConfig: {
        maxTokens: req.maxTokens,
        ...(req.temperature === undefined ? {} : { temperature: req.temperature })
      },
      ...(req.tool ? { toolConfig: toolConfig(req.tool) } : {})
    })
    // the credentials first (memoised by the client; their chain has its own limit): the idle limit is Bedrock's alone
    await this.client.config.credentials()
    const out = await withinIdle(
      this.client.send(command, { abortSignal: controller.signal, requestTimeout: limitMs }),
      this.streamIdleMs,
      controller,
      () => `Bedrock sent nothing for ${formatSeconds(this.streamIdleMs)} after the request, on a connection still open`
    )
    const requestId = out.$metadata.requestId
    seen.requestId = requestId
    // Bedrock took the call: from here on it is billed, whatever becomes of the reply.
    const read: StreamRead = { text: '', toolUses: [], chars: 0, stopReason: '' }
    try {
      await this.readStream(silenceBounded(out.stream, this.streamIdleMs, controller, read), req.label, read)
    } catch (err) {
      this.spent(req, read)
      throw new StreamFailure(err, requestId)
    }
    const usage = this.spent(req, read)
    return {
      text: read.text,
      toolUses: read.toolUses,
      stopReason: read.stopReason,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      usageEstimated: usage.estimated,
      requestId
    }
  }

  /** The attempt's usage (checked, else counted from characters), told to the caller. */
  private spent(req: RenderRequest, read: StreamRead): CallUsage {
    const usage = readUsage(read.usage, {
      // the tool's definition is input too
      promptChars: req.prompt.length + toolChars(req.tool),
      replyChars: read.chars,
      maxTokens: req.maxTokens
    })
    if (usage.why && read.stopReason) {
      // a stream that broke off never reports usage; one that finished without a usable one is worth saying
      const note = `${req.label}: Bedrock's usage for this call cannot be used (${usage.why}); its tokens are counted from characters instead: ~${usage.inputTokens} input, ~${usage.outputTokens} output`
      if (this.usageWarned) this.log.info(note)
      else this.log.warn(note)
      this.usageWarned = true
    }
    req.onUsage?.({ inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, estimated: usage.estimated })
    return usage
  }

  /** Reads the stream into `read` as it arrives, so a stream that breaks off still says how much came. */
  private async readStream(
    stream: AsyncIterable<ConverseStreamOutput> | undefined,
    label: string,
    read: StreamRead
  ): Promise<void> {
    const blocks = new Map<number, string>()
    const tools = new Map<number, ToolUse>()
    let lastLog = Date.now()
    for await (const event of stream ?? []) {
      const start = event.contentBlockStart
      if (start?.start?.toolUse) {
        tools.set(start.contentBlockIndex ?? 0, { name: start.start.toolUse.name ?? '', input: '' })
      }
      const delta = event.contentBlockDelta
      // tool input arrives as pieces of one JSON text; they are joined before anything reads them
      const piece = delta?.delta?.text ?? delta?.delta?.toolUse?.input
      if (delta && piece !== undefined) {
        const index = delta.contentBlockIndex ?? 0
        if (delta.delta?.text !== undefined) blocks.set(index, (blocks.get(index) ?? '') + piece)
        else {
          const tool = tools.get(index) ?? { name: '', input: '' }
          tool.input += piece
          tools.set(index, tool)
        }
        read.chars += piece.length
        if (Date.now() - lastLog >= this.progressEveryMs) {
          lastLog = Date.now()
          this.log.info(`${label}: ${read.chars} chars (~${Math.round(read.chars / 4)} tokens) so far`)
        }
      }
      if (event.messageStop) read.stopReason = event.messageStop.stopReason ?? ''
      if (event.metadata && 'usage' in event.metadata) read.usage = event.metadata.usage
    }
    if (!read.stopReason)
      throw Object.assign(new Error('the reply stream ended before the model stopped'), { name: 'IncompleteStream' })
    read.text = [...blocks.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, t]) => t)
      .join('')
    read.toolUses = [...tools.entries()].sort(([a], [b]) => a - b).map(([, t]) => t)
  }
}

/**
 * `work` (the answer's headers, the stream's next event) within `idleMs`: else
 * the connection is dropped and the try fails as a StreamIdle, retried as a
 * broken stream is, with `said()` as its message.
 */
async function withinIdle<T>(
  work: Promise<T>,
  idleMs: number,
  controller: AbortController,
  said: () => string
): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const silent = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(Object.assign(new Error(said()), { name: 'StreamIdle' }))
      controller.abort()
    }, idleMs)
  })
  try {
    return await Promise.race([work, silent])
  } finally {
    clearTimeout(timer)
  }
}

/** The stream's events, each of which must come within `idleMs` of the one before (withinIdle). */
async function* silenceBounded<T>(
  stream: AsyncIterable<T> | undefined,
  idleMs: number,
  controller: AbortController,
  read: StreamRead
): AsyncGenerator<T> {
  if (!stream) return
  const events = stream[Symbol.asyncIterator]()
  const said = () =>
    `the reply stream went silent: nothing for ${formatSeconds(idleMs)} after ${read.chars} chars, on a connection still open`
  for (;;) {
    const next = await withinIdle(events.next(), idleMs, controller, said)
    if (next.done) return
    yield next.value
  }
}

/** The one tool of a request, forced (toolChoice): the reply is its input. */
function toolConfig(tool: ToolSpec): ToolConfiguration {
  return {
    tools: [
      {
        toolSpec: {
          name: tool.name,
          description: tool.description,
          inputSchema: { json: tool.schema as ToolInputSchema.JsonMember['json'] }
        }
      }
    ],
    toolChoice: { tool: { name: tool.name } }
  }
}

/** An exception in the middle of a stream: keeps its kind and the response's request id. */
class StreamFailure extends Error {
  readonly $metadata: { requestId?: string }

  constructor(cause: unknown, requestId: string | undefined) {
    const facts = errorFacts(cause)
    super(facts.message)
    this.name = facts.name
    this.$metadata = { requestId }
  }
}

/** Rejects a reply that must not be written as a document. */
function checkComplete(reply: Reply, req: RenderRequest, context: CallContext, attempts: number): void {
  const fail = (message: string, hint: string): never => {
    throw new RenderError('fatal', context, message, hint, reply.requestId, attempts, 'document')
  }
  // with a tool, a reply cut off (or malformed) is the caller's to judge: it falls back to a whole document
  if (reply.stopReason === 'max_tokens' && !req.tool) {
    const named = outputBudgetNamed(context)
    fail(
      `the reply was cut off at its output budget, ${named.budget} (${reply.outputTokens} tokens written), so nothing was written`,
      named.hint
    )
  }
  if (reply.stopReason === 'model_context_window_exceeded') {
    const counted = !reply.usageEstimated
    const [message, hint] = contextWindowExceeded({
      document: req.label,
      modelId: req.modelId,
      tokens: counted ? reply.inputTokens : estimateTokens(req.prompt.length),
      how: counted ? 'as Bedrock reported them' : `estimated from its ${req.prompt.length} characters`,
      window: contextWindow(req.modelId),
      written: reply.outputTokens
    })
    fail(`${message}, so nothing was written`, hint)
  }
  if (!(req.tool ? TOOL_STOPS : COMPLETE_STOPS).has(reply.stopReason)) {
    fail(
      `the model stopped with "${reply.stopReason}" instead of finishing, so nothing was written`,
      'for content_filtered or guardrail_intervened, revise the prompt or its sources; otherwise re-run'
    )
  }
  // a tool's input (or its absence) is judged by the caller, who reads it as edits
  if (req.tool) return
  if (reply.text.trim() === '') {
    fail(
      'the model returned no text, so nothing was written',
      'check the prompt asks for the document itself, then re-run'
    )
  }
  const bad = nonText(reply.text)
  if (bad) {
    fail(
      `the model returned text with ${bad.what} (line ${bad.line}), so nothing was written`,
      'a document holds none (git would call it binary, or the file would differ from the reply); re-run'
    )
  }
  if (stripHeaders(reply.text).trim() === '') {
    fail(
      'the model returned only a Graft header line, so nothing was written',
      'tell the prompt to write the document body (the header is added by the action), then re-run'
    )
  }
}

function retryNotice(c: CallContext, err: unknown, kind: string, waitMs: number, next: number): string {
  const f = errorFacts(err)
  const what = `${c.label}: ${f.name} from ${c.modelId} in ${c.region} (request id ${f.requestId ?? 'none'}): ${f.message}`
  if (kind === 'timeout') return `${what}; retrying once with twice the time limit (attempt ${next})`
  if (kind === 'clock')
    return `${what}; this machine's clock is off, and the AWS SDK has corrected for it from Bedrock's answer: retrying at once (attempt ${next})`
  return `${what}; retrying in ${formatSeconds(waitMs)} (attempt ${next})`
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`
}

/** A cross-region inference profile id names its foundation model after a geography prefix. */
export function foundationModelId(modelId: string): string {
  return modelId.replace(/^(?:us|eu|apac|jp|au|ca|us-gov|global)\./, '')
}

function requireRegion(region: string | undefined, audience: Audience = 'actions'): string {
  if (region) return region
  throw new GraftError({
    message: 'no AWS region is set for Bedrock',
    hint: `set ${setting('aws-region')} or AWS_REGION; and ${credentialsHint(audience)}`
  })
}

/**
 * HTTP/1.1 with explicit time limits (the default handler is HTTP/2 and a
 * request timeout would only warn); no endpoint, so AWS_ENDPOINT_URL_BEDROCK_RUNTIME
 * applies; one SDK attempt, since retry.ts retries. Connections go through the
 * proxy HTTPS_PROXY / HTTP_PROXY name, unless NO_PROXY exempts the host (io/proxy.ts).
 */
function bedrockClient(region: string, audience: Audience = 'actions'): BedrockRuntimeClient {
  const agent = new EnvProxyAgent()
  return new BedrockRuntimeClient({
    region,
    // exported keys before AWS_PROFILE, as the AWS CLI takes them, and a time limit on the chain (credentials.ts)
    credentialDefaultProvider: (init: Parameters<typeof keysFirstProvider>[0]) =>
      keysFirstProvider(init, CREDENTIALS_TIMEOUT_MS[audience]),
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: CONNECT_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
      httpAgent: agent,
      httpsAgent: agent
    })
  })
}

/**
 * Fails early, before any model call, when the run has no region or the SDK's
 * default chain finds no credentials. The advice suits `audience`: workflow
 * steps inside Actions, AWS_PROFILE / `aws sso login` / ~/.aws at a terminal;
 * an AWS_PROFILE that names no profile in the shared files is reported as such.
 * @throws GraftError with what was missing and how to provide it.
 */
export async function checkCredentials(region?: string, audience: Audience = 'actions'): Promise<void> {
  const resolved = requireRegion(region || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION, audience)
  const client = bedrockClient(resolved, audience)
  try {
    await client.config.credentials()
  } catch (err) {
    const profile = process.env.AWS_PROFILE || process.env.AWS_DEFAULT_PROFILE
    if (err instanceof CredentialsTimeout)
      throw new GraftError({ message: err.message, hint: credentialsTimeoutHint(audience, profile) })
    const missing = profile ? await missingProfile(profile) : undefined
    if (missing) throw missing
    throw new GraftError({
      message: `no AWS credentials found for Bedrock (${errorFacts(err).message})`,
      hint: credentialsHint(audience, profile)
    })
  } finally {
    client.destroy()
  }
}

/**
 * A GraftError when `profile` is in neither shared file (read as the SDK reads
 * them: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/…), listing
 * the profiles that are there; undefined when it exists (then the failure lies
 * elsewhere, e.g. an expired SSO session).
 */
async function missingProfile(profile: string): Promise<GraftError | undefined> {
  const files = await loadSharedConfigFiles({ ignoreCache: true }).catch(() => ({
    configFile: {},
    credentialsFile: {}
  }))
  const all = new Set([...Object.keys(files.configFile), ...Object.keys(files.credentialsFile)])
  if (all.has(profile)) return undefined
  // sections such as [sso-session x] and [services x] come back as "sso-session.x": not profiles
  const names = new Set([...all].filter((n) => !/^(sso-session|services)\./.test(n)))
  const config = process.env.AWS_CONFIG_FILE || '~/.aws/config'
  const credentials = process.env.AWS_SHARED_CREDENTIALS_FILE || '~/.aws/credentials'
  const there = [...names].sort()
  return new GraftError({
    message:
      `AWS_PROFILE is "${profile}", but no profile of that name is in ${config} or ${credentials}` +
      (there.length > 0 ? ` (profiles there: ${there.join(', ')})` : ' (no profiles there at all)'),
    hint: `set AWS_PROFILE to one of them, or create it with \`aws configure --profile ${profile}\` (\`aws configure sso --profile ${profile}\` for IAM Identity Center)`
  })
}
