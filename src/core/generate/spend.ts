// What a run's model calls cost: every call Bedrock answered, whether its reply
// was used or not (a reply cut off at max_tokens is billed in full, and so is a
// reply that failed its checks), by the tokens Bedrock reported; a call that
// reported none (a stream that broke off, or ended without its usage) is counted
// from its characters and marked as estimated. One ledger per run, shared by its
// rounds, so the totals stay true when a run fails half-way: they are what the
// outputs, the summary and the comment report, and what max-output-tokens and
// max-cost-usd are held to.
import { costUsd, priceOf, type PriceOverrides } from '../render/prices.js'
import type { CallUsage } from '../render/usage.js'

interface Call extends CallUsage {
  document: string
  modelId: string
  /** undefined when the model has no price */
  usd?: number
}

/** What a set of calls cost. */
export interface SpendTotals {
  calls: number
  inputTokens: number
  outputTokens: number
  /** dollars; undefined when a call's model has no price */
  usd?: number
  /** the models called that have no price */
  unpriced: string[]
  /** calls counted from characters because Bedrock reported no usage */
  estimatedCalls: number
}

export class RunSpend {
  private readonly calls: Call[] = []

  /** `prices`: the run's own (`model-prices`), over the list prices. */
  constructor(private readonly prices?: PriceOverrides) {}

  /** Records one call Bedrock answered, for `document` (its output path). */
  record(document: string, modelId: string, usage: CallUsage): void {
    const price = priceOf(modelId, this.prices)
    this.calls.push({ ...usage, document, modelId, ...(price ? { usd: costUsd(usage, price) } : {}) })
  }

  /** How many calls are recorded: pass it to totals() later for the calls made since. */
  get count(): number {
    return this.calls.length
  }

  /** Every call of the run, or of one document; only those recorded after the first `from` when given. */
  totals(document?: string, from = 0): SpendTotals {
    const calls = this.calls.slice(from).filter((c) => document === undefined || c.document === document)
    const unpriced = [...new Set(calls.filter((c) => c.usd === undefined).map((c) => c.modelId))]
    return {
      calls: calls.length,
      inputTokens: calls.reduce((t, c) => t + c.inputTokens, 0),
      outputTokens: calls.reduce((t, c) => t + c.outputTokens, 0),
      ...(unpriced.length === 0 ? { usd: calls.reduce((t, c) => t + c.usd!, 0) } : {}),
      unpriced,
      estimatedCalls: calls.filter((c) => c.estimated).length
    }
  }

  /** Dollars of the calls whose model has a price (all of them while max-cost-usd is set). */
  pricedUsd(): number {
    return this.calls.reduce((t, c) => t + (c.usd ?? 0), 0)
  }
}
