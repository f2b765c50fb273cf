// One document's text from the model, in the style its request was packed
// for. Edit mode asks for edits to the previous draft (the edit_document tool)
// and applies them to the exact draft it sent; when they cannot be applied (no
// match, two matches, overlap, no tool call, bad input, a reply cut off, a
// model that takes no tools) the document is rendered once more, whole, with
// the same directive. Every call is checked for secrets and reserved against
// max-cost-usd before it starts, and told to the run's ledger for every
// attempt Bedrock answered (RenderRequest.onUsage); every text goes into the
// render cache.
import { GraftError } from '../errors.js'
import { sha256Hex } from '../graft/header.js'
import type { Log } from '../log.js'
import { packedForRewrite, type PackedDocument } from '../pack/document.js'
import type { UpdateStyle } from '../pack/update-style.js'
import type { RenderRequest, RenderResult } from '../render/bedrock.js'
import {
  EDIT_TOOL,
  EDIT_TOOL_NAME,
  MALFORMED_STOPS,
  ToolUseRefused,
  readEdits,
  type ToolSpec
} from '../render/edit-tool.js'
import type { CallUsage } from '../render/usage.js'
import { applyDraftEdits } from '../render/edits.js'
import type { PlannedDocument } from './plan.js'

export interface Renderer {
  render(request: RenderRequest): Promise<RenderResult>
  /** Bedrock's count of the input tokens of the prompt (and the tool, when the call carries one); throws when it cannot count for this model */
  countTokens?(request: { modelId: string; prompt: string; tool?: ToolSpec }): Promise<number>
}

/** Rendered texts keyed by the sha256 of what was sent: a re-run with the same inputs makes no call. */
export interface RenderCache {
  get(key: string): Promise<string | undefined>
  put(key: string, text: string): Promise<void>
}

/** How a document's text was obtained: edits to the draft, a whole document, or edits that did not apply and then a whole document. */
export type RenderStyle = UpdateStyle | 'edits→rewrite'

export interface RenderedText {
  /** the document without its header line */
  body: string
  /** an edited draft: its own ending stays (no line break added) */
  asIs: boolean
  style: RenderStyle
  /** why the edits did not apply (edits→rewrite) */
  editsFailed?: string
  /** sha256 of the packed prompt this text answers (the header's `sig`) */
  sig: string
  /** model calls made for this document (0 on a cache hit); their tokens are in the run's ledger */
  calls: number
  cached: boolean
}

export interface RenderContext {
  renderer: () => Promise<Renderer>
  cache?: RenderCache
  /** cache entries already read (the estimate looks them up), by key */
  prefetched: Map<string, string>
  log: Log
  timeoutMs: number
  signal?: AbortSignal
  /** throws (before the call) when a packed prompt holds a secret */
  checkSecrets(packed: string, doc: PlannedDocument): void
  /** the run's ledger, told every attempt Bedrock answered for `doc` (its reply used or not) */
  record(doc: PlannedDocument, usage: CallUsage): void
  /**
   * Before each call: holds back the most it may cost while it runs (max-cost-usd);
   * throws a GraftError naming the document, before any request, when it could
   * take the run past the limit. `fallback`: the rewrite after edits that did
   * not apply. Returns the release.
   */
  reserve(doc: PlannedDocument, request: RenderRequest, fallback: boolean): () => void
  /** why no further call may be made (a limit of the run is spent), or undefined */
  overBudget(): string | undefined
  /** models Bedrock refused tools for in this run: their documents go straight to a rewrite */
  noTools: Set<string>
}

/**
 * The render cache's key: model, output limit (as sent), temperature, the style
 * asked for and the packed prompt; in edit mode also the exact draft the edits
 * apply to (the prompt shows it without its final line break, and an edited
 * text keeps its draft's ending).
 */
export function renderCacheKey(
  doc: PlannedDocument,
  packed: Pick<PackedDocument, 'packed' | 'style' | 'changes'>
): string {
  const draft = packed.style === 'edits' ? [sha256Hex(packed.changes.previousDraft ?? '')] : []
  return sha256Hex(
    JSON.stringify([doc.modelId, doc.maxTokens, doc.prompt.temperature ?? null, packed.style, packed.packed, ...draft])
  )
}

/**
 * The tool a document's first call carries: edit_document for edits to a
 * previous draft, none for a whole document. What the estimate counts and what
 * renderDocument sends.
 */
export function requestTool(packedDoc: Pick<PackedDocument, 'style' | 'changes'>): ToolSpec | undefined {
  return packedDoc.style === 'edits' && packedDoc.changes.previousDraft !== undefined ? EDIT_TOOL : undefined
}

/** What the render cache holds for a key: the text, and how it was obtained. */
interface CacheEntry {
  body: string
  style: RenderStyle
  sig: string
  editsFailed?: string
}

export async function renderDocument(
  ctx: RenderContext,
  doc: PlannedDocument,
  packedDoc: PackedDocument
): Promise<RenderedText> {
  const draft = packedDoc.changes.previousDraft
  if (requestTool(packedDoc) === undefined || draft === undefined) return rewrite(ctx, doc, packedDoc)
  const key = renderCacheKey(doc, packedDoc)
  const hit = await cached(ctx, doc, key)
  if (hit) return hit
  const tried = await tryEdits(ctx, doc, packedDoc, draft)
  if (tried.ok) {
    await ctx.cache?.put(key, JSON.stringify({ body: tried.rendered.body, style: 'edits', sig: tried.rendered.sig }))
    return tried.rendered
  }
  const out = doc.prompt.out
  // a model that takes no tools was named once already (tryEdits): no warning per document
  if (tried.refused) ctx.log.info(`${out}: rewriting the whole document (${tried.reason})`)
  else ctx.log.warn(`${out}: edits did not apply: ${tried.reason}; rewriting the whole document`)
  const over = ctx.overBudget()
  if (over)
    throw new GraftError({
      file: doc.prompt.path,
      message: `${out}: no rewrite after edits that did not apply: ${over}`
    })
  // the rewrite is a call of its own: reserved against max-cost-usd before it starts (rewrite → call);
  // a failure of it says what it was, since the failed edit attempt is in the log only
  const whole = await rewrite(
    ctx,
    doc,
    packedForRewrite(packedDoc),
    `the whole-document rewrite after edits that did not apply: ${tried.reason}`
  )
  const entry: CacheEntry = { body: whole.body, style: 'edits→rewrite', sig: whole.sig, editsFailed: tried.reason }
  await ctx.cache?.put(key, JSON.stringify(entry))
  const calls = whole.calls + tried.calls
  // a rewrite the cache held after an edit call that was made is not a cache hit: that call was billed
  return { ...whole, style: 'edits→rewrite', editsFailed: tried.reason, calls, cached: calls === 0 }
}

/** The whole document, from the cache or one call; `fallback`: why, when it follows edits that did not apply. */
async function rewrite(
  ctx: RenderContext,
  doc: PlannedDocument,
  packedDoc: PackedDocument,
  fallback?: string
): Promise<RenderedText> {
  const key = renderCacheKey(doc, packedDoc)
  const hit = await cached(ctx, doc, key)
  if (hit) return hit
  const sig = sha256Hex(packedDoc.packed)
  const req = request(ctx, doc, packedDoc.packed)
  const result = await call(ctx, doc, fallback ? { ...req, purpose: fallback } : req, fallback !== undefined)
  const entry: CacheEntry = { body: result.text, style: 'rewrite', sig }
  await ctx.cache?.put(key, JSON.stringify(entry))
  return { body: result.text, asIs: false, style: 'rewrite', sig, calls: 1, cached: false }
}

/**
 * One model call: checked for secrets, reserved against max-cost-usd while it
 * runs, and every attempt Bedrock answers told to the run's ledger.
 */
async function call(
  ctx: RenderContext,
  doc: PlannedDocument,
  req: RenderRequest,
  fallback = false
): Promise<RenderResult> {
  ctx.checkSecrets(req.prompt, doc)
  const release = ctx.reserve(doc, req, fallback)
  try {
    return await (await ctx.renderer()).render({ ...req, onUsage: (usage) => ctx.record(doc, usage) })
  } finally {
    release()
  }
}

type EditsTried = { ok: true; rendered: RenderedText } | { ok: false; reason: string; calls: number; refused?: boolean }

/** One call in edit mode, and the edits applied to `draft`; or why they cannot be. */
async function tryEdits(
  ctx: RenderContext,
  doc: PlannedDocument,
  packedDoc: PackedDocument,
  draft: string
): Promise<EditsTried> {
  const refused = { ok: false, reason: `Bedrock refuses tool use for ${doc.modelId}`, refused: true } as const
  if (ctx.noTools.has(doc.modelId)) return { ...refused, calls: 0 }
  let result: RenderResult
  try {
    result = await call(ctx, doc, { ...request(ctx, doc, packedDoc.packed), tool: EDIT_TOOL })
  } catch (error) {
    if (!(error instanceof ToolUseRefused)) throw error
    // said once per model: its other documents skip edit mode without a call
    if (!ctx.noTools.has(doc.modelId)) {
      ctx.noTools.add(doc.modelId)
      ctx.log.warn(
        `${doc.modelId}: Bedrock refuses tool use for this model (${error.said}), so its documents are rewritten whole in this run; set update-style: rewrite to skip the attempt`
      )
    }
    // refused before it was taken (HTTP 400): Bedrock bills nothing, the ledger holds nothing
    return { ...refused, calls: 1 }
  }
  const outcome = editedDraft(result, draft, doc.maxTokens)
  if (!outcome.ok) return { ok: false, reason: outcome.reason, calls: 1 }
  const count = outcome.edits
  ctx.log.info(`${doc.prompt.out}: ${count} edit(s) applied to the previous draft`)
  return {
    ok: true,
    rendered: {
      body: outcome.text,
      asIs: true,
      style: 'edits',
      sig: sha256Hex(packedDoc.packed),
      cached: false,
      calls: 1
    }
  }
}

/** The draft with the reply's edits applied, or why the reply cannot give it. */
function editedDraft(
  result: RenderResult,
  draft: string,
  maxTokens: number
): { ok: true; text: string; edits: number } | { ok: false; reason: string } {
  if (result.stopReason === 'max_tokens')
    return { ok: false, reason: `the reply was cut off at max_tokens (${maxTokens})` }
  if (MALFORMED_STOPS.has(result.stopReason))
    return { ok: false, reason: `Bedrock stopped the reply as ${result.stopReason}` }
  const calls = (result.toolUses ?? []).filter((t) => t.name === EDIT_TOOL_NAME)
  if (calls.length === 0)
    return {
      ok: false,
      reason: `the model did not call ${EDIT_TOOL_NAME}${result.text.trim() ? ' (it replied with text)' : ''}`
    }
  if (calls.length > 1) return { ok: false, reason: `the model called ${EDIT_TOOL_NAME} ${calls.length} times` }
  const read = readEdits(calls[0].input)
  if (!read.ok) return read
  const applied = applyDraftEdits(draft, read.edits)
  return applied.ok ? { ok: true, text: applied.text, edits: read.edits.length } : applied
}

function request(ctx: RenderContext, doc: PlannedDocument, prompt: string): RenderRequest {
  return {
    prompt,
    modelId: doc.modelId,
    maxTokens: doc.maxTokens,
    maxTokensFrom: doc.maxTokensFrom,
    temperature: doc.prompt.temperature,
    timeoutMs: ctx.timeoutMs,
    label: doc.prompt.out,
    signal: ctx.signal
  }
}

/** A render-cache entry for `key` (prefetched or read now), or undefined; an entry that does not read back is a miss. */
async function cached(ctx: RenderContext, doc: PlannedDocument, key: string): Promise<RenderedText | undefined> {
  const raw = ctx.prefetched.get(key) ?? (await ctx.cache?.get(key))
  if (raw === undefined) return undefined
  let entry: CacheEntry
  try {
    entry = JSON.parse(raw) as CacheEntry
  } catch {
    return undefined
  }
  if (typeof entry?.body !== 'string' || typeof entry.sig !== 'string') return undefined
  const style: RenderStyle = entry.style === 'edits' || entry.style === 'edits→rewrite' ? entry.style : 'rewrite'
  ctx.log.info(`${doc.prompt.out}: render cache hit, no model call (${style})`)
  return {
    body: entry.body,
    asIs: style === 'edits',
    style,
    ...(typeof entry.editsFailed === 'string' ? { editsFailed: entry.editsFailed } : {}),
    sig: entry.sig,
    calls: 0,
    cached: true
  }
}
