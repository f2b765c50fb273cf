// The run's spending limits. Before the first model call, every document the
// model must render is estimated (input tokens of its packed prompt: Bedrock's
// CountTokens where the model can be counted, else characters ÷ 3.5) and the
// run is refused, listing what it would cost, when it is over max-documents or
// max-input-tokens. Output tokens cannot be known in advance: generate adds up
// what the model reports and stops starting documents past max-output-tokens.
import { GraftError } from '../errors.js'
import type { Log } from '../log.js'
import { MAX_SOURCE_BYTES } from '../pack/source-diff.js'
import { DEFAULT_MAX_DOCUMENTS, DEFAULT_MAX_INPUT_TOKENS, DEFAULT_MAX_OUTPUT_TOKENS } from '../defaults.js'

/** The defaults of defaults.ts as one Budget. */
export const DEFAULT_BUDGET: Budget = {
  maxDocuments: DEFAULT_MAX_DOCUMENTS,
  maxInputTokens: DEFAULT_MAX_INPUT_TOKENS,
  maxOutputTokens: DEFAULT_MAX_OUTPUT_TOKENS
}

/** Per-run limits (inputs max-documents, max-input-tokens, max-output-tokens). */
export interface Budget {
  maxDocuments: number
  maxInputTokens: number
  maxOutputTokens: number
}

/**
 * Characters per input token when Bedrock cannot count: Anthropic's rule of
 * thumb for Claude on English text (about 3.5); code and non-Latin scripts
 * have fewer characters per token, so the estimate can be low for them.
 */
export const CHARS_PER_TOKEN = 3.5

/**
 * Bytes of source one input token can stand for at most: even very repetitive
 * text takes a token per handful of characters. A document whose sources hold
 * more bytes than max-input-tokens × this is over the budget whatever the
 * count, and is refused before a byte of them is read.
 */
export const MAX_BYTES_PER_TOKEN = 8

/** How much source text one document may read under `budget` (at most MAX_SOURCE_BYTES). */
export function sourceLimit(budget: Budget): { maxBytes: number; why: string } {
  const byBudget = budget.maxInputTokens * MAX_BYTES_PER_TOKEN
  return byBudget < MAX_SOURCE_BYTES
    ? {
        maxBytes: byBudget,
        why: `max-input-tokens ${budget.maxInputTokens} at up to ${MAX_BYTES_PER_TOKEN} bytes per token`
      }
    : { maxBytes: MAX_SOURCE_BYTES, why: 'the most the action reads for one document' }
}

export interface DocumentEstimate {
  output: string
  modelId: string
  chars: number
  tokens: number
  /** counted by Bedrock, or estimated from characters */
  counted: boolean
}

export interface InputEstimate {
  documents: DocumentEstimate[]
  total: number
  /** how the numbers were made, for the log and the refusal */
  method: string
}

type Counter = (request: { modelId: string; prompt: string }) => Promise<number>

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

/**
 * Input tokens for each packed prompt. With a counter, one CountTokens call
 * per document (at most `concurrency` at once); a model it fails for once is
 * estimated from characters from then on, and the log says why.
 */
export async function estimateInput(
  items: Array<{ doc: { prompt: { out: string }; modelId: string }; packed: string }>,
  counter: Counter | undefined,
  concurrency: number,
  log: Log
): Promise<InputEstimate> {
  const uncountable = new Map<string, string>()
  const documents = await mapPool(items, concurrency, async ({ doc, packed }) => {
    const base = { output: doc.prompt.out, modelId: doc.modelId, chars: packed.length }
    if (counter && !uncountable.has(doc.modelId)) {
      try {
        return { ...base, tokens: await counter({ modelId: doc.modelId, prompt: packed }), counted: true }
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
    return { ...base, tokens: Math.ceil(packed.length / CHARS_PER_TOKEN), counted: false }
  })
  const counted = documents.filter((d) => d.counted).length
  const method =
    counted === documents.length
      ? 'counted by Bedrock CountTokens'
      : counted === 0
        ? `estimated at ${CHARS_PER_TOKEN} characters per token${counter ? '' : ' (no Bedrock token counting here)'}`
        : `${counted} counted by Bedrock CountTokens, ${documents.length - counted} estimated at ${CHARS_PER_TOKEN} characters per token`
  return { documents, total: documents.reduce((t, d) => t + d.tokens, 0), method }
}

/** One log line: how many documents, how many input tokens, how they were counted. */
export function describeEstimate(e: InputEstimate): string {
  return `Input estimate before any model call: ${e.total} tokens for ${e.documents.length} document(s) to render (${e.method})`
}

const LISTED = 50

/** Throws a GraftError naming every document and its estimate when the run is over max-documents or max-input-tokens. */
export function checkBudget(e: InputEstimate, budget: Budget): void {
  const over: string[] = []
  if (e.documents.length > budget.maxDocuments)
    over.push(`${e.documents.length} documents to render, over max-documents (${budget.maxDocuments})`)
  if (e.total > budget.maxInputTokens)
    over.push(`~${e.total} input tokens, over max-input-tokens (${budget.maxInputTokens})`)
  if (over.length === 0) return
  const largest = [...e.documents].sort((a, b) => b.tokens - a.tokens)
  const lines = largest
    .slice(0, LISTED)
    .map((d) => `  ${d.output}: ~${d.tokens} tokens (${d.chars} characters, ${d.modelId})`)
  if (largest.length > LISTED) lines.push(`  … and ${largest.length - LISTED} more`)
  throw new GraftError({
    message:
      `this run is over its budget, so no model was called: ${over.join('; ')}. ` +
      `Input tokens ${e.method}; total ~${e.total} for ${e.documents.length} document(s), largest first:\n${lines.join('\n')}`,
    hint:
      'regenerate fewer documents per run with `targets` (a list of outputs or stages), raise `max-documents` / `max-input-tokens` if this spend is intended, ' +
      'or split the run (one job per pipeline or per target list, e.g. a matrix)'
  })
}
