// A loopback stand-in for Bedrock Runtime: HTTP/1.1 on 127.0.0.1, speaking
// Converse (JSON) and ConverseStream (AWS event-stream frames), so the real SDK
// client can be pointed at it with AWS_ENDPOINT_URL_BEDROCK_RUNTIME. Each
// request takes the next scripted behaviour from a queue (or the fallback
// reply), and every request is recorded for assertions. Quota mode (quota())
// stands in for Bedrock's account limits: at most K requests served at once,
// or N admitted per minute; beyond that, ThrottlingException, counted.
// Tool use as Bedrock streams it: a contentBlockStart naming the tool and its
// toolUseId, the tool's input as string pieces in contentBlockDelta.toolUse,
// contentBlockStop, then stopReason tool_use (reply.edits, reply.toolInput);
// reply.document plays a careful model, answering an edit-mode request with
// the edits that turn the draft it was shown into the given text, and any
// other request with that text; refuseTools() refuses tool use for a model id
// as Bedrock does for models that take none.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { EventStreamCodec } from '@smithy/eventstream-codec'
import { diffArrays } from 'diff'
import { applyDraftEdits } from '../../src/core/render/edits.js'
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
  /**
   * The metadata frame's usage, as sent (absurd values included); `null` sends no
   * metadata frame at all (a stream that reports no usage). Default: from the text.
   */
  usage?: Record<string, unknown> | null
  /** writes the response in pieces of this many bytes (frames split anywhere, characters too) */
  byteChunks?: number
}

/** A call of a tool: its input (JSON text) streamed in pieces, as Bedrock streams tool use. */
export interface ToolReply {
  kind: 'tool'
  name: string
  /** the tool's input exactly as streamed (valid JSON or not) */
  input: string
  /** how many contentBlockDelta frames the input is cut into (anywhere, even inside a character's UTF-16 pair) */
  chunks: number
  chunkDelayMs: number
  /** tool_use, or e.g. max_tokens for a reply cut off */
  stopReason: string
  outputTokens?: number
  /** as TextReply's: the metadata frame's usage as sent, `null` for none; default from the input */
  usage?: Record<string, unknown> | null
  byteChunks?: number
}

/** A careful model: the edits from the draft it was shown to `text` in edit mode, else `text`. */
export interface DocumentReply {
  kind: 'document'
  text: string
  opts: ReplyOptions
}

type ReplyOptions = Partial<Pick<TextReply, 'chunks' | 'chunkDelayMs' | 'outputTokens' | 'usage' | 'byteChunks'>> & {
  stopReason?: string
}

export interface ErrorReply {
  kind: 'error'
  status: number
  /** x-amzn-ErrorType, e.g. ThrottlingException */
  type: string
  message: string
  /** an HTML page instead of Bedrock's JSON (what a proxy or load balancer in front of it answers), no error type */
  html?: string
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

export type Behaviour = TextReply | ToolReply | DocumentReply | ErrorReply | MidStreamFailure | DelayedReply | HeldReply

/** One edit as the edit_document tool's input spells it. */
export interface ToolEdit {
  old_text: string
  new_text: string
}

/** The tool edit mode forces, as the request names it. */
export const EDIT_TOOL = 'edit_document'

const DEFAULT_TEXT = '# Generated\n\nA generated document.\n'

/** Constructors for the scripted behaviours. */
export const reply = {
  text: (text: string, opts: Partial<Omit<TextReply, 'kind' | 'text'>> = {}): TextReply => ({
    kind: 'text',
    text,
    chunks: opts.chunks ?? Math.max(1, Math.min(4, text.length)),
    chunkDelayMs: opts.chunkDelayMs ?? 0,
    stopReason: opts.stopReason ?? 'end_turn',
    outputTokens: opts.outputTokens,
    ...(opts.usage === undefined ? {} : { usage: opts.usage }),
    byteChunks: opts.byteChunks
  }),
  /** A call of the edit tool with these edits. */
  edits: (edits: ToolEdit[], opts: ReplyOptions = {}): ToolReply => reply.toolInput(JSON.stringify({ edits }), opts),
  /** A call of the edit tool whose input is exactly `input` (malformed JSON included). */
  toolInput: (input: string, opts: ReplyOptions & { name?: string } = {}): ToolReply => ({
    kind: 'tool',
    name: opts.name ?? EDIT_TOOL,
    input,
    chunks: opts.chunks ?? Math.max(1, Math.min(4, input.length)),
    chunkDelayMs: opts.chunkDelayMs ?? 0,
    stopReason: opts.stopReason ?? 'tool_use',
    outputTokens: opts.outputTokens,
    ...(opts.usage === undefined ? {} : { usage: opts.usage }),
    byteChunks: opts.byteChunks
  }),
  /** What a careful model sends for a document whose right text is `text`: the edits in edit mode, else the text. */
  document: (text: string, opts: ReplyOptions = {}): DocumentReply => ({ kind: 'document', text, opts }),
  maxTokens: (text = '# Cut off\n\nThe text stops in the mid'): TextReply =>
    reply.text(text, { stopReason: 'max_tokens' }),
  empty: (): TextReply => reply.text('', { chunks: 0 }),
  error: (status: number, type: string, message: string): ErrorReply => ({ kind: 'error', status, type, message }),
  /** A page (HTML) with this status: a proxy or load balancer before Bedrock answering for it. */
  page: (status: number, html: string): ErrorReply => ({ kind: 'error', status, type: '', message: '', html }),
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
  latency: (ms: number, then: Behaviour = reply.document(DEFAULT_TEXT)): DelayedReply => ({ kind: 'delay', ms, then }),
  hold: (release: Promise<unknown>, then: Behaviour = reply.document(DEFAULT_TEXT)): HeldReply => ({
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

/** How the server answers CountTokens: count (1 token per 4 characters of message text and tool definitions), or refuse as Bedrock does for models it cannot count. */
export type CountTokensMode = 'count' | 'unsupported' | 'access-denied'

/** The request forces the edit tool (edit mode). */
export function isEditRequest(req: RecordedRequest): boolean {
  return req.body?.toolConfig?.toolChoice?.tool?.name === EDIT_TOOL
}

/** The packed prompt of a request (its one user message). */
export function promptText(req: RecordedRequest): string {
  return req.body?.messages?.[0]?.content?.[0]?.text ?? ''
}

/** The previous draft as the request showed it (between its markers; the block drops one final line break, LF or CRLF). */
export function shownDraft(req: RecordedRequest): string | undefined {
  const prompt = promptText(req)
  const begin = '---BEGIN PREVIOUS DRAFT---\n'
  const start = prompt.indexOf(begin)
  const end = prompt.indexOf('\n---END PREVIOUS DRAFT---', start)
  if (start < 0 || end < 0) return undefined
  return prompt.slice(start + begin.length, end)
}

/**
 * The edits a careful model sends to turn `draft` (as shown) into `text`: one
 * per changed run of lines, widened by whole neighbouring lines until its
 * old_text occurs once in the draft, and merged with a neighbour they would
 * overlap. Line breaks are read as LF (a model copies what it reads). An
 * unchanged text gives the empty list.
 */
export function carefulEdits(draft: string, text: string): ToolEdit[] {
  const lf = (t: string): string => t.replace(/\r\n/g, '\n')
  const shown = lf(draft)
  const target = lf(text).replace(/\n$/, '')
  if (shown === target) return []
  // both with a final line break, so every line is one token; it is taken off again below
  const a = `${shown}\n`.split(/(?<=\n)/)
  const b = `${target}\n`.split(/(?<=\n)/)
  const hunks: Array<{ from: number; to: number; insert: string[] }> = []
  let i = 0
  for (const part of diffArrays(a, b)) {
    if (part.removed) {
      const last = hunks.at(-1)
      if (last && last.to === i) last.to += part.count
      else hunks.push({ from: i, to: i + part.count, insert: [] })
      i += part.count
    } else if (part.added) {
      const last = hunks.at(-1)
      if (last && last.to === i) last.insert.push(...part.value)
      else hunks.push({ from: i, to: i, insert: [...part.value] })
    } else i += part.count
  }
  const join = (from: number, to: number): string => a.slice(from, to).join('')
  const whole = `${shown}\n`
  const once = (from: number, to: number): boolean => {
    const old = join(from, to)
    const at = whole.indexOf(old)
    return old !== '' && at >= 0 && whole.indexOf(old, at + 1) < 0
  }
  // each edit: whole lines [from, to) of the draft, holding one or more hunks
  const edits: Array<{ from: number; to: number; hunks: typeof hunks }> = []
  for (const h of hunks) {
    let { from, to } = h
    while (!once(from, to)) {
      if (from > 0) from--
      if (!once(from, to) && to < a.length) to++
    }
    const prev = edits.at(-1)
    if (prev && prev.to > from) {
      // overlapping neighbours become one edit
      prev.to = Math.max(prev.to, to)
      prev.hunks.push(h)
    } else edits.push({ from, to, hunks: [h] })
  }
  const list = edits.map(({ from, to, hunks: inside }) => {
    const insert: string[] = []
    let pos = from
    for (const h of inside) {
      insert.push(...a.slice(pos, h.from), ...h.insert)
      pos = h.to
    }
    insert.push(...a.slice(pos, to))
    let oldText = join(from, to)
    let newText = insert.join('')
    // the shown draft has no final line break: an edit reaching the end must not have one either
    if (to === a.length) {
      oldText = oldText.replace(/\n$/, '')
      newText = newText.replace(/\n$/, '')
    }
    return { old_text: oldText, new_text: newText }
  })
  // as the action applies them (in order, each once in the text the earlier ones left); else one edit of the whole draft
  const applied = applyDraftEdits(
    shown,
    list.map((e) => ({ oldText: e.old_text, newText: e.new_text }))
  )
  return applied.ok && applied.text === target ? list : [{ old_text: shown, new_text: target }]
}

export class BedrockServer {
  readonly requests: RecordedRequest[] = []
  readonly countRequests: CountRequest[] = []
  private countMode: CountTokensMode = 'count'
  private toolRefusals: (modelId: string) => boolean = () => false
  private readonly queue: Behaviour[] = []
  private fallback: (req: RecordedRequest) => Behaviour = () => reply.document(DEFAULT_TEXT)
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
  /**
   * How far this server's clock is ahead of the client's (a runner whose clock
   * is behind): every answer's Date header says the server's time, and a
   * request signed more than 15 minutes away from it is refused as AWS refuses
   * it (403 InvalidSignatureException "Signature expired: …").
   */
  clockAheadMs = 0

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

  /**
   * Refuses tool use for these model ids, as Bedrock does for a model that takes
   * no tools: a request carrying toolConfig gets ValidationException "This
   * model doesn't support tool use in streaming mode." (ConverseStream), before
   * any scripted behaviour is taken.
   */
  refuseTools(...modelIds: string[]): this {
    this.toolRefusals = (id) => modelIds.includes(id)
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
    const skewed = this.clockAheadMs !== 0 ? signatureExpired(req, res, this.clockAheadMs) : undefined
    const admitted = !skewed && this.admit()
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
    if (skewed) return sendError(res, requestId, skewed)
    if (!admitted) {
      this.stats.throttled++
      sendError(res, requestId, reply.throttle())
      return
    }
    // served until the response is done or the client gave up on it
    if (res.closed) this.open--
    else res.once('close', () => void this.open--)
    if (recorded.body?.toolConfig && this.toolRefusals(recorded.modelId)) {
      const where = recorded.operation === 'converse-stream' ? ' in streaming mode' : ''
      sendError(res, requestId, reply.validation(`This model doesn't support tool use${where}.`))
      return
    }
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
    // a tool's definition is input too, as Bedrock counts it
    const toolConfig = body?.input?.converse?.toolConfig
    recorded.inputTokens = Math.ceil((chars + (toolConfig ? JSON.stringify(toolConfig).length : 0)) / 4)
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
      case 'tool':
        return req.operation === 'converse'
          ? sendConverse(res, req, behaviour)
          : this.sendToolStream(res, req, behaviour)
      case 'document': {
        const draft = shownDraft(req)
        const answer =
          isEditRequest(req) && draft !== undefined
            ? reply.edits(carefulEdits(draft, behaviour.text), behaviour.opts)
            : reply.text(behaviour.text, behaviour.opts)
        return this.perform(answer, req, res)
      }
      case 'mid-stream':
        return this.sendMidStreamFailure(res, req, behaviour)
    }
  }

  private async sendStream(res: ServerResponse, req: RecordedRequest, r: TextReply): Promise<void> {
    startStream(res, req.requestId)
    const frame = this.framer(res, r.byteChunks)
    await frame('messageStart', { role: 'assistant' })
    for (const piece of split(r.text, r.chunks)) {
      if (r.chunkDelayMs) await this.sleep(r.chunkDelayMs)
      await frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: piece } })
    }
    await frame('contentBlockStop', { contentBlockIndex: 0 })
    await frame('messageStop', { stopReason: r.stopReason })
    if (r.usage !== null) await frame('metadata', { usage: r.usage ?? usage(req, r), metrics: { latencyMs: 1 } })
    res.end()
  }

  /** Tool use as ConverseStream sends it: start (name, id), input pieces, stop, stopReason, usage. */
  private async sendToolStream(res: ServerResponse, req: RecordedRequest, r: ToolReply): Promise<void> {
    startStream(res, req.requestId)
    const frame = this.framer(res, r.byteChunks)
    await frame('messageStart', { role: 'assistant' })
    const toolUseId = `tooluse_${req.requestId.replace(/[^A-Za-z0-9]/g, '')}`
    await frame('contentBlockStart', { contentBlockIndex: 0, start: { toolUse: { toolUseId, name: r.name } } })
    for (const piece of split(r.input, r.chunks)) {
      if (r.chunkDelayMs) await this.sleep(r.chunkDelayMs)
      await frame('contentBlockDelta', { contentBlockIndex: 0, delta: { toolUse: { input: piece } } })
    }
    await frame('contentBlockStop', { contentBlockIndex: 0 })
    await frame('messageStop', { stopReason: r.stopReason })
    if (r.usage !== null) await frame('metadata', { usage: r.usage ?? usage(req, r), metrics: { latencyMs: 1 } })
    res.end()
  }

  /**
   * Writes one event frame; with `byteChunks`, in pieces of that many bytes, each
   * its own write after a turn of the event loop, so the client reads frames
   * (and the characters in them) split at arbitrary byte boundaries.
   */
  private framer(res: ServerResponse, byteChunks?: number): (type: string, body: object) => Promise<void> {
    return async (type, body) => {
      const bytes = eventFrame(type, body)
      const size = byteChunks && byteChunks > 0 ? byteChunks : bytes.length
      for (let at = 0; at < bytes.length; at += size) {
        if (res.destroyed) return
        res.write(bytes.subarray(at, at + size))
        if (size < bytes.length) await new Promise((resolve) => setImmediate(resolve))
      }
    }
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

function usage(
  req: RecordedRequest,
  r: TextReply | ToolReply
): { inputTokens: number; outputTokens: number; totalTokens: number } {
  const inputTokens = Math.ceil(JSON.stringify(req.body ?? '').length / 4)
  const outputTokens = r.outputTokens ?? Math.ceil((r.kind === 'tool' ? r.input : r.text).length / 4)
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

/** AWS's time format in X-Amz-Date and its messages: 20261207T025613Z. */
const amzDate = (ms: number): string => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '')

/** With the server's clock `aheadMs` ahead: its Date header set, and AWS's refusal when the signature's time is 15 minutes off. */
function signatureExpired(req: IncomingMessage, res: ServerResponse, aheadMs: number): ErrorReply | undefined {
  const now = Date.now() + aheadMs
  res.setHeader('date', new Date(now).toUTCString())
  const signed = String(req.headers['x-amz-date'] ?? '')
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(signed)
  const at = m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN
  if (Math.abs(now - at) <= 15 * 60_000) return undefined
  return reply.error(
    403,
    'InvalidSignatureException',
    `Signature expired: ${signed} is now earlier than ${amzDate(now - 15 * 60_000)} (${amzDate(now)} - 15 min.)`
  )
}

function sendError(res: ServerResponse, requestId: string, e: ErrorReply): void {
  if (e.html !== undefined) {
    res.writeHead(e.status, { 'content-type': 'text/html' })
    return void res.end(e.html)
  }
  res.writeHead(e.status, {
    'content-type': 'application/json',
    'x-amzn-errortype': `${e.type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
    'x-amzn-requestid': requestId
  })
  res.end(JSON.stringify({ message: e.message }))
}

function sendConverse(res: ServerResponse, req: RecordedRequest, r: TextReply | ToolReply): void {
  res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': req.requestId })
  const content =
    r.kind === 'tool'
      ? [{ toolUse: { toolUseId: `tooluse_${req.requestId}`, name: r.name, input: parseOr(r.input) } }]
      : r.text
        ? [{ text: r.text }]
        : []
  res.end(
    JSON.stringify({
      output: { message: { role: 'assistant', content } },
      stopReason: r.stopReason,
      usage: usage(req, r),
      metrics: { latencyMs: 1 }
    })
  )
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
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
