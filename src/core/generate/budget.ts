// The run's spending limits. Before the first request of any kind, every
// document the model must render is measured from its packed prompt's
// characters alone: a run that is over max-documents, or whose prompts are too
// large for max-input-tokens, max-cost-usd or a model's context window even at
// the fewest tokens those characters can make, is refused there, so nothing
// (CountTokens included) leaves the runner for it. A run that goes on is
// estimated (Bedrock's CountTokens where the model can be counted, else
// characters ÷ 3.5) and checked again. Output tokens cannot be known in
// advance: the cost estimate prices each document's output at its max_tokens,
// and generate adds up what the model reports, stopping new documents past
// max-output-tokens or max-cost-usd.
import { GraftError, type Problem } from '../errors.js'
import type { Log } from '../log.js'
import { MAX_SOURCE_BYTES, describeBytes } from '../pack/source-diff.js'
import { DEFAULT_MAX_DOCUMENTS, DEFAULT_MAX_INPUT_TOKENS, DEFAULT_MAX_OUTPUT_TOKENS } from '../defaults.js'
import { setting } from '../phrasing.js'
import { contextWindowExceeded } from '../render/errors.js'
import { contextWindow } from '../graft/models.js'
import { costUsd, formatUsd, overLimit, priceOf, type PriceOverrides } from '../render/prices.js'
import {
  CHARS_PER_TOKEN,
  MAX_BYTES_PER_TOKEN,
  MAX_CHARS_PER_TOKEN,
  estimateTokens,
  tokenFloor
} from '../render/token-estimate.js'
import { toolChars, type ToolSpec } from '../render/edit-tool.js'

/** The defaults of defaults.ts as one Budget (no limit in dollars). */
export const DEFAULT_BUDGET: Budget = {
  maxDocuments: DEFAULT_MAX_DOCUMENTS,
  maxInputTokens: DEFAULT_MAX_INPUT_TOKENS,
  maxOutputTokens: DEFAULT_MAX_OUTPUT_TOKENS
}

/** Per-run limits (inputs max-documents, max-input-tokens, max-output-tokens, max-cost-usd). */
export interface Budget {
  maxDocuments: number
  maxInputTokens: number
  maxOutputTokens: number
  /** dollars, from the price table (and `model-prices`); undefined: no limit */
  maxCostUsd?: number
}

/**
 * Sources smaller than this are read and counted, and the budget check names
 * the run's estimate (the clearer message); only more is refused unread.
 */
const MIN_UNREAD_BYTES = 64 * 1024 * 1024

/**
 * How much source text one document may read under `budget`: what
 * max-input-tokens could take however dense the text (at least 64 MB, at most
 * MAX_SOURCE_BYTES); more is refused before a byte of it is read.
 */
export function sourceLimit(budget: Budget): { maxBytes: number; why: string } {
  const byBudget = budget.maxInputTokens * MAX_BYTES_PER_TOKEN
  if (byBudget >= MAX_SOURCE_BYTES) {
    return {
      maxBytes: MAX_SOURCE_BYTES,
      why: `more than the action reads for one document (${describeBytes(MAX_SOURCE_BYTES)})`
    }
  }
  return {
    maxBytes: Math.max(byBudget, MIN_UNREAD_BYTES),
    why: `more than max-input-tokens ${budget.maxInputTokens} can take (at most ${describeBytes(byBudget)}, at up to ${MAX_BYTES_PER_TOKEN} bytes per token)`
  }
}

export interface DocumentEstimate {
  output: string
  /** the prompt file, where a refusal's annotation goes */
  prompt: string
  modelId: string
  /** characters sent: the packed prompt, and the tool's definition when the call carries one */
  chars: number
  tokens: number
  /** counted by Bedrock, or estimated from characters */
  counted: boolean
  /** the most output tokens the reply may have (its max_tokens) */
  maxTokens: number
  /** dollars at most: input tokens as estimated, output at maxTokens; undefined when the model has no price */
  costUsd?: number
}

export interface InputEstimate {
  documents: DocumentEstimate[]
  total: number
  /** how the numbers were made, for the log and the refusal */
  method: string
  /** `floor`: the fewest tokens the characters can make, before any count; `estimate`: the run's estimate */
  kind: 'floor' | 'estimate'
  /** the documents' costs added up; undefined when a model has no price */
  costUsd?: number
}

/** What the estimate needs of a planned document. */
export interface EstimateItem {
  doc: { prompt: { out: string; path: string }; modelId: string; maxTokens: number }
  packed: string
  /** the tool the document's first call carries (edit mode's edit_document): its definition is input too */
  tool?: ToolSpec
}

type Counter = (request: { modelId: string; prompt: string; tool?: ToolSpec }) => Promise<number>

/** The characters a document's call sends. */
const sentChars = (item: EstimateItem): number => item.packed.length + toolChars(item.tool)

/** Runs fn over items with at most `limit` at once; results in the items' order. */
export async function mapPool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i])
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  return results
}

function documentEstimate(
  item: EstimateItem,
  tokens: number,
  counted: boolean,
  prices?: PriceOverrides
): DocumentEstimate {
  const { doc } = item
  const price = priceOf(doc.modelId, prices)
  return {
    output: doc.prompt.out,
    prompt: doc.prompt.path,
    modelId: doc.modelId,
    chars: sentChars(item),
    tokens,
    counted,
    maxTokens: doc.maxTokens,
    ...(price ? { costUsd: costUsd({ inputTokens: tokens, outputTokens: doc.maxTokens }, price) } : {})
  }
}

function summed(documents: DocumentEstimate[], method: string, kind: InputEstimate['kind']): InputEstimate {
  const priced = documents.every((d) => d.costUsd !== undefined)
  return {
    documents,
    total: documents.reduce((t, d) => t + d.tokens, 0),
    method,
    kind,
    ...(priced ? { costUsd: documents.reduce((t, d) => t + d.costUsd!, 0) } : {})
  }
}

/**
 * The least each prompt can cost, from its characters alone (characters ÷
 * {@link MAX_CHARS_PER_TOKEN}): made before any request, so that a run these
 * figures already refuse sends nothing, not even a CountTokens request.
 */
export function floorEstimate(items: EstimateItem[], prices?: PriceOverrides): InputEstimate {
  return summed(
    items.map((item) => documentEstimate(item, tokenFloor(sentChars(item)), false, prices)),
    `at least characters ÷ ${MAX_CHARS_PER_TOKEN}, the fewest tokens any text of that length makes; not counted, so nothing was sent to Bedrock`,
    'floor'
  )
}

/**
 * Input tokens for each packed prompt. With a counter, one CountTokens call
 * per document (at most `concurrency` at once); a model it fails for once is
 * estimated from characters from then on, and the log says why.
 */
export async function estimateInput(
  items: EstimateItem[],
  counter: Counter | undefined,
  concurrency: number,
  log: Log,
  prices?: PriceOverrides
): Promise<InputEstimate> {
  const uncountable = new Map<string, string>()
  const documents = await mapPool(items, concurrency, async (item) => {
    const { doc, packed, tool } = item
    if (counter && !uncountable.has(doc.modelId)) {
      try {
        const tokens = await counter({ modelId: doc.modelId, prompt: packed, ...(tool ? { tool } : {}) })
        return documentEstimate(item, tokens, true, prices)
      } catch (error) {
        if (!uncountable.has(doc.modelId)) {
          const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
          uncountable.set(doc.modelId, why)
          log.info(
            `Token estimate: Bedrock CountTokens is not available for ${doc.modelId} (${why}); estimating at ${CHARS_PER_TOKEN} characters per token`
          )
        }
      }
    }
    return documentEstimate(item, estimateTokens(sentChars(item)), false, prices)
  })
  const counted = documents.filter((d) => d.counted).length
  const method =
    counted === documents.length
      ? 'counted by Bedrock CountTokens'
      : counted === 0
        ? `estimated at ${CHARS_PER_TOKEN} characters per token${counter ? '' : ' (no Bedrock token counting here)'}`
        : `${counted} counted by Bedrock CountTokens, ${documents.length - counted} estimated at ${CHARS_PER_TOKEN} characters per token`
  return summed(documents, method, 'estimate')
}

/** One log line: how many documents, how many input tokens, how they were counted, and the most it can cost. */
export function describeEstimate(e: InputEstimate): string {
  return (
    `Input estimate before any model call: ${e.total} tokens for ${e.documents.length} document(s) to render (${e.method}); ` +
    describeCost(e)
  )
}

function describeCost(e: InputEstimate): string {
  if (e.costUsd !== undefined)
    return `cost up to ~${formatUsd(e.costUsd)} (input as estimated, output at each document's max_tokens; an estimate, not a cap)`
  const unpriced = [...new Set(e.documents.filter((d) => d.costUsd === undefined).map((d) => d.modelId))]
  return `cost unknown: no price for ${unpriced.join(', ')} (add it to \`model-prices\`)`
}

const LISTED = 50

/**
 * With `max-cost-usd` set, every model the run would call must have a price:
 * a GraftError naming each unpriced model and its documents, before any request.
 */
export function checkPrices(e: InputEstimate, budget: Budget): void {
  if (budget.maxCostUsd === undefined) return
  const byModel = new Map<string, DocumentEstimate[]>()
  for (const d of e.documents.filter((d) => d.costUsd === undefined))
    byModel.set(d.modelId, [...(byModel.get(d.modelId) ?? []), d])
  if (byModel.size === 0) return
  throw new GraftError(
    [...byModel].map(([modelId, docs]) => ({
      file: docs[0].prompt,
      message:
        `${setting('max-cost-usd')} is set, but this action knows no price for ${modelId} (used by ${docs.map((d) => d.output).join(', ')}), ` +
        'so the run cannot be held to it; no model was called',
      hint: `add the model to ${setting('model-prices')} with its prices in dollars per million tokens, e.g. {"${modelId}": {"input": 3, "output": 15}}; or leave ${setting('max-cost-usd')} empty`
    }))
  )
}

/**
 * Every document whose prompt is larger than its model's context window (where
 * the window is known): a GraftError naming each, before the call. Only a floor
 * or a count is certain enough to refuse on; an estimate from characters is left
 * for Bedrock to judge.
 */
export function checkContextWindows(e: InputEstimate): void {
  const problems: Problem[] = []
  for (const d of e.documents) {
    const window = contextWindow(d.modelId)
    if (window === undefined || d.tokens <= window || (e.kind === 'estimate' && !d.counted)) continue
    const [message, hint] = contextWindowExceeded({
      document: d.output,
      modelId: d.modelId,
      tokens: d.tokens,
      how:
        e.kind === 'floor'
          ? `at least, from its ${d.chars} characters; not counted, so nothing was sent to Bedrock`
          : 'counted by Bedrock CountTokens',
      window
    })
    problems.push({ file: d.prompt, message: `${message}; no model was called`, hint })
  }
  if (problems.length > 0) throw new GraftError(problems)
}

/**
 * Throws a GraftError naming every document and its estimate when the run is
 * over max-documents, max-input-tokens or max-cost-usd. Exactly at a limit is
 * within it.
 */
export function checkBudget(e: InputEstimate, budget: Budget): void {
  const over: string[] = []
  const atLeast = e.kind === 'floor' ? 'at least ' : ''
  if (e.documents.length > budget.maxDocuments)
    over.push(`${e.documents.length} documents to render, over ${setting('max-documents')} (${budget.maxDocuments})`)
  if (e.total > budget.maxInputTokens)
    over.push(`${atLeast}~${e.total} input tokens, over ${setting('max-input-tokens')} (${budget.maxInputTokens})`)
  if (budget.maxCostUsd !== undefined && e.costUsd !== undefined && overLimit(e.costUsd, budget.maxCostUsd))
    over.push(
      `${atLeast}~${formatUsd(e.costUsd)} with each reply at its max_tokens, over ${setting('max-cost-usd')} (${formatUsd(budget.maxCostUsd)})`
    )
  if (over.length === 0) return
  const largest = [...e.documents].sort((a, b) => b.tokens - a.tokens)
  const lines = largest
    .slice(0, LISTED)
    .map(
      (d) =>
        `  ${d.output}: ${atLeast}~${d.tokens} tokens (${d.chars} characters, ${d.modelId}` +
        (d.costUsd === undefined ? ')' : `, ${formatUsd(d.costUsd)} with ${d.maxTokens} output tokens)`)
    )
  if (largest.length > LISTED) lines.push(`  … and ${largest.length - LISTED} more`)
  throw new GraftError({
    message:
      `this run is over its budget, so no model was called: ${over.join('; ')}. ` +
      `Input tokens ${e.method}; total ${atLeast}~${e.total} for ${e.documents.length} document(s), largest first:\n${lines.join('\n')}`,
    hint:
      `regenerate fewer documents per run with ${setting('targets')}, raise ${setting('max-documents')}, ${setting('max-input-tokens')} or ${setting('max-cost-usd')} if this spend is intended, ` +
      'or split the run (one job per pipeline or per target list, e.g. a matrix)' +
      (budget.maxCostUsd !== undefined && e.costUsd !== undefined && overLimit(e.costUsd, budget.maxCostUsd)
        ? `; the cost counts each reply at its max_tokens, so a lower \`max_tokens\` (or ${setting('max-tokens')}) lowers it`
        : '')
  })
}

/**
 * What a run's rendered documents cost, from the tokens Bedrock reported:
 * `usd` is undefined when a rendered document's model has no price, and
 * `unpriced` names those models.
 */
export function runCost(documents: ReadonlyArray<{ rendered: boolean; costUsd?: number; modelId: string }>): {
  usd?: number
  unpriced: string[]
} {
  const unpriced = [...new Set(documents.filter((d) => d.rendered && d.costUsd === undefined).map((d) => d.modelId))]
  if (unpriced.length > 0) return { unpriced }
  return { usd: documents.reduce((t, d) => t + (d.rendered ? (d.costUsd ?? 0) : 0), 0), unpriced }
}
