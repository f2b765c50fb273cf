// A loopback stand-in for Bedrock Runtime: HTTP/1.1 on 127.0.0.1, speaking
// Converse (JSON) and ConverseStream (AWS event-stream frames), so the real SDK
// client can be pointed at it with AWS_ENDPOINT_URL_BEDROCK_RUNTIME. Each
// request takes the next scripted behaviour from a queue (or the fallback
// reply), and every request is recorded for assertions. Quota mode (quota())
// stands in for Bedrock's account limits: at most K requests served at once,
// or N admitted per minute; beyond that, ThrottlingException, counted.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { EventStreamCodec } from '@smithy/eventstream-codec'
import { scratchDir } from './scratch.js'

const codec = new EventStreamCodec(
  (bytes: Uint8Array) => new TextDecoder().decode(bytes),
  (text: string) => new TextEncoder().encode(text)
)

export interface TextReply {
  kind: 'text'
  text: string
  /** how many contentBlockDelta frames the text is cut into */
  chunks: number
  /** pause between frames, to make a slow stream */
  chunkDelayMs: number
  stopReason: string
  outputTokens?: number
}

export interface ErrorReply {
  kind: 'error'
  status: number
  /** x-amzn-ErrorType, e.g. ThrottlingException */
  type: string
  message: string
}

export interface MidStreamFailure {
  kind: 'mid-stream'
  /** text sent before the exception frame */
  textBefore: string
  /** the event-stream exception type, e.g. internalServerException */
  exception: string
  message: string
}

export interface DelayedReply {
  kind: 'delay'
  ms: number
  then: Behaviour
}

export interface HeldReply {
  kind: 'hold'
  /** the reply is sent once this settles; a Behaviour it resolves to replaces `then` */
  release: Promise<unknown>
  then: Behaviour
}

export type Behaviour = TextReply | ErrorReply | MidStreamFailure | DelayedReply | HeldReply

const DEFAULT_TEXT = '# Generated\n\nA generated document.\n'

/** Constructors for the scripted behaviours. */
export const reply = {
  text: (text: string, opts: Partial<Omit<TextReply, 'kind' | 'text'>> = {}): TextReply => ({
    kind: 'text',
    text,
    chunks: opts.chunks ?? Math.max(1, Math.min(4, text.length)),
    chunkDelayMs: opts.chunkDelayMs ?? 0,
    stopReason: opts.stopReason ?? 'end_turn',
    outputTokens: opts.outputTokens
  }),
  maxTokens: (text = '# Cut off\n\nThe text stops in the mid'): TextReply =>
    reply.text(text, { stopReason: 'max_tokens' }),
  empty: (): TextReply => reply.text('', { chunks: 0 }),
  error: (status: number, type: string, message: string): ErrorReply => ({ kind: 'error', status, type, message }),
  throttle: (): ErrorReply =>
    reply.error(429, 'ThrottlingException', 'Too many requests, please wait before trying again.'),
  modelNotReady: (): ErrorReply =>
    reply.error(429, 'ModelNotReadyException', 'Model is not ready to serve inference requests.'),
  serverError: (): ErrorReply =>
    reply.error(500, 'InternalServerException', 'The server encountered an internal error.'),
  accessDenied: (): ErrorReply =>
    reply.error(403, 'AccessDeniedException', "You don't have access to the model with the specified model ID."),
  notFound: (): ErrorReply =>
    reply.error(404, 'ResourceNotFoundException', 'The provided model identifier is invalid.'),
  quota: (): ErrorReply => reply.error(400, 'ServiceQuotaExceededException', 'Your request exceeded the quota.'),
  validation: (message: string): ErrorReply => reply.error(400, 'ValidationException', message),
  failMidStream: (exception = 'internalServerException', textBefore = '# Half a doc'): MidStreamFailure => ({
    kind: 'mid-stream',
    textBefore,
    exception,
    message: 'The stream failed part way.'
  }),
  /** Holds the reply (no headers sent) for `ms`, past the client's time limit. */
  stall: (ms: number, then: Behaviour = reply.text('# Too late\n')): DelayedReply => ({ kind: 'delay', ms, then }),
  latency: (ms: number, then: Behaviour = reply.text(DEFAULT_TEXT)): DelayedReply => ({ kind: 'delay', ms, then }),
  hold: (release: Promise<unknown>, then: Behaviour = reply.text(DEFAULT_TEXT)): HeldReply => ({
    kind: 'hold',
    release,
    then
  })
}

export interface RecordedRequest {
  operation: 'converse' | 'converse-stream'
  /** decoded from the path */
  modelId: string
  path: string
  headers: IncomingMessage['headers']
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any
  /** the x-amzn-RequestId this server answered with */
  requestId: string
  /** requests being served when this one arrived, this one included (it may then be throttled) */
  openAtArrival: number
  /** answered ThrottlingException by quota mode */
  throttledByQuota: boolean
  /** an earlier request carried the same body: the client retried */
  retry: boolean
}

/** Quota mode: what the server admits; the rest is answered ThrottlingException. */
export interface Quota {
  /** at most this many requests served at once */
  concurrent?: number
  /** at most this many requests admitted in any 60 s */
  perMinute?: number
}

/** What quota mode saw. */
export interface QuotaStats {
  admitted: number
  throttled: number
  retries: number
  /** the most requests served at once */
  peakOpen: number
}

const ROUTE = /^\/model\/([^/]+)\/(converse|converse-stream)$/
const COUNT_ROUTE = /^\/model\/([^/]+)\/count-tokens$/

/** A CountTokens call (not a model call: recorded apart from `requests`). */
export interface CountRequest {
  modelId: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any
  /** what the server answered, when it counted */
  inputTokens?: number
}

/** How the server answers CountTokens: count (1 token per 4 characters of message text), or refuse as Bedrock does for models it cannot count. */
export type CountTokensMode = 'count' | 'unsupported' | 'access-denied'

export class BedrockServer {
  readonly requests: RecordedRequest[] = []
  readonly countRequests: CountRequest[] = []
  private countMode: CountTokensMode = 'count'
  private readonly queue: Behaviour[] = []
  private fallback: (req: RecordedRequest) => Behaviour = () => reply.text(DEFAULT_TEXT)
  private readonly server: Server
  private readonly timers = new Set<NodeJS.Timeout>()
  private waiters: Array<{ count: number; resolve: () => void }> = []
  private counter = 0
  private limits: Quota = {}
  /** requests admitted and not yet answered in full */
  private open = 0
  private readonly admittedAt: number[] = []
  private readonly bodies = new Set<string>()
  readonly stats: QuotaStats = { admitted: 0, throttled: 0, retries: 0, peakOpen: 0 }

  constructor() {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500)
        res.end(String(err))
      })
    })
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    return this
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo
    return `http://127.0.0.1:${port}`
  }

  /** Behaviours for the next requests, in order. */
  enqueue(...behaviours: Behaviour[]): this {
    this.queue.push(...behaviours)
    return this
  }

  /** The reply for any request the queue does not cover. */
  onRequest(fn: (req: RecordedRequest) => Behaviour): this {
    this.fallback = fn
    return this
  }

  /** Quota mode: throttles what the limits do not admit (see Quota); {} turns it off. */
  quota(limits: Quota): this {
    this.limits = limits
    return this
  }

  /** How CountTokens is answered (default: counted). */
  countTokens(mode: CountTokensMode): this {
    this.countMode = mode
    return this
  }

  /** Resolves once `count` requests have arrived in total. */
  waitForRequests(count: number): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ count, resolve }))
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const path = (req.url ?? '').split('?')[0]
    const route = ROUTE.exec(path)
    const requestId = `req-${++this.counter}-0000`
    const count = COUNT_ROUTE.exec(path)
    if (req.method === 'POST' && count)
      return this.countTokensReply(decodeURIComponent(count[1]), Buffer.concat(chunks).toString('utf8'), requestId, res)
    if (req.method !== 'POST' || !route) {
      sendError(res, requestId, reply.error(404, 'UnknownOperationException', `no route ${req.method} ${path}`))
      return
    }
    const text = Buffer.concat(chunks).toString('utf8')
    const admitted = this.admit()
    const retry = this.bodies.has(text)
    this.bodies.add(text)
    if (retry) this.stats.retries++
    const recorded: RecordedRequest = {
      operation: route[2] as RecordedRequest['operation'],
      modelId: decodeURIComponent(route[1]),
      path,
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
      requestId,
      openAtArrival: this.open + (admitted ? 0 : 1),
      throttledByQuota: !admitted,
      retry
    }
    this.record(recorded)
    if (!admitted) {
      this.stats.throttled++
      sendError(res, requestId, reply.throttle())
      return
    }
    // served until the response is done or the client gave up on it
    if (res.closed) this.open--
    else res.once('close', () => void this.open--)
    const behaviour = this.queue.shift() ?? this.fallback(recorded)
    await this.perform(behaviour, recorded, res)
  }

  private countTokensReply(modelId: string, text: string, requestId: string, res: ServerResponse): void {
    const body = text ? JSON.parse(text) : undefined
    const recorded: CountRequest = { modelId, body }
    this.countRequests.push(recorded)
    if (this.countMode === 'unsupported') {
      return sendError(res, requestId, reply.validation("The provided model doesn't support counting tokens."))
    }
    if (this.countMode === 'access-denied') {
      return sendError(
        res,
        requestId,
        reply.error(403, 'AccessDeniedException', 'User is not authorized to perform: bedrock:CountTokens')
      )
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const messages: any[] = body?.input?.converse?.messages ?? []
    const chars = messages
      .flatMap((m) => m.content ?? [])
      .reduce((n: number, c: { text?: string }) => n + (c.text?.length ?? 0), 0)
    recorded.inputTokens = Math.ceil(chars / 4)
    res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': requestId })
    res.end(JSON.stringify({ inputTokens: recorded.inputTokens }))
  }

  /** Quota mode's verdict for a request arriving now; an admitted request counts as open. */
  private admit(): boolean {
    const { concurrent, perMinute } = this.limits
    const now = Date.now()
    while (this.admittedAt.length > 0 && now - this.admittedAt[0] >= 60_000) this.admittedAt.shift()
    if (concurrent !== undefined && this.open >= concurrent) return false
    if (perMinute !== undefined && this.admittedAt.length >= perMinute) return false
    this.open++
    this.admittedAt.push(now)
    this.stats.admitted++
    this.stats.peakOpen = Math.max(this.stats.peakOpen, this.open)
    return true
  }

  private record(recorded: RecordedRequest): void {
    this.requests.push(recorded)
    const ready = this.waiters.filter((w) => this.requests.length >= w.count)
    this.waiters = this.waiters.filter((w) => this.requests.length < w.count)
    for (const w of ready) w.resolve()
  }

  private async perform(behaviour: Behaviour, req: RecordedRequest, res: ServerResponse): Promise<void> {
    switch (behaviour.kind) {
      case 'delay':
        await this.sleep(behaviour.ms)
        if (res.destroyed) return
        return this.perform(behaviour.then, req, res)
      case 'hold': {
        const released = await behaviour.release
        if (res.destroyed) return
        return this.perform(isBehaviour(released) ? released : behaviour.then, req, res)
      }
      case 'error':
        return sendError(res, req.requestId, behaviour)
      case 'text':
        return req.operation === 'converse' ? sendConverse(res, req, behaviour) : this.sendStream(res, req, behaviour)
      case 'mid-stream':
        return this.sendMidStreamFailure(res, req, behaviour)
    }
  }

  private async sendStream(res: ServerResponse, req: RecordedRequest, r: TextReply): Promise<void> {
    startStream(res, req.requestId)
    const frame = (type: string, body: object): void => {
      if (!res.destroyed) res.write(eventFrame(type, body))
    }
    frame('messageStart', { role: 'assistant' })
    for (const piece of split(r.text, r.chunks)) {
      if (r.chunkDelayMs) await this.sleep(r.chunkDelayMs)
      frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: piece } })
    }
    frame('contentBlockStop', { contentBlockIndex: 0 })
    frame('messageStop', { stopReason: r.stopReason })
    frame('metadata', { usage: usage(req, r), metrics: { latencyMs: 1 } })
    res.end()
  }

  private async sendMidStreamFailure(res: ServerResponse, req: RecordedRequest, f: MidStreamFailure): Promise<void> {
    if (req.operation === 'converse') return sendError(res, req.requestId, reply.serverError())
    startStream(res, req.requestId)
    res.write(eventFrame('messageStart', { role: 'assistant' }))
    res.write(eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: f.textBefore } }))
    res.write(exceptionFrame(f.exception, f.message))
    res.end()
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer)
        resolve()
      }, ms)
      this.timers.add(timer)
    })
  }
}

function isBehaviour(value: unknown): value is Behaviour {
  return typeof value === 'object' && value !== null && 'kind' in value
}

function split(text: string, parts: number): string[] {
  if (parts <= 0 || text === '') return []
  const size = Math.ceil(text.length / parts)
  const out: string[] = []
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size))
  return out
}

function usage(req: RecordedRequest, r: TextReply): { inputTokens: number; outputTokens: number; totalTokens: number } {
  const inputTokens = Math.ceil(JSON.stringify(req.body ?? '').length / 4)
  const outputTokens = r.outputTokens ?? Math.ceil(r.text.length / 4)
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens }
}

function startStream(res: ServerResponse, requestId: string): void {
  res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': requestId })
  res.flushHeaders()
}

function eventFrame(type: string, body: object): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: type },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' }
    },
    body: new TextEncoder().encode(JSON.stringify(body))
  })
}

function exceptionFrame(type: string, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': { type: 'string', value: type },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'exception' }
    },
    body: new TextEncoder().encode(JSON.stringify({ message }))
  })
}

function sendError(res: ServerResponse, requestId: string, e: ErrorReply): void {
  res.writeHead(e.status, {
    'content-type': 'application/json',
    'x-amzn-errortype': `${e.type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
    'x-amzn-requestid': requestId
  })
  res.end(JSON.stringify({ message: e.message }))
}

function sendConverse(res: ServerResponse, req: RecordedRequest, r: TextReply): void {
  res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': req.requestId })
  res.end(
    JSON.stringify({
      output: { message: { role: 'assistant', content: r.text ? [{ text: r.text }] : [] } },
      stopReason: r.stopReason,
      usage: usage(req, r),
      metrics: { latencyMs: 1 }
    })
  )
}

/**
 * The environment the real SDK client needs to talk to this server: dummy
 * keys, a region, no instance metadata, a scratch HOME with no ~/.aws (a
 * scratch folder of the test file unless given: outside jest, pass one).
 */
export function bedrockTestEnv(url: string, home?: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: url,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    HOME: home ?? scratchDir('graft-home')
  }
}

/** Environment variables through which the SDK could find credentials or a region. */
export const AWS_ENV_KEYS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_BEDROCK_RUNTIME',
  'AWS_EC2_METADATA_DISABLED'
]

/**
 * Replaces the AWS part of process.env (the SDK reads it at call time) and
 * returns a function that puts the old values back.
 */
export function useAwsEnv(env: Record<string, string>): () => void {
  const keys = [...new Set([...AWS_ENV_KEYS, 'HOME', ...Object.keys(env)])]
  const saved = new Map(keys.map((k) => [k, process.env[k]]))
  for (const k of keys) delete process.env[k]
  Object.assign(process.env, env)
  return () => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}
