// The budget before any call: the floor from characters alone (what refuses a
// run before any request), the estimate (counted or not), its cost with each
// reply at its max_tokens, the limits exactly at and just over, unpriced models
// under max-cost-usd, and prompts larger than the model's context window.
import { describe, expect, it } from '@jest/globals'
import { GraftError } from '../../../src/core/errors.js'
import {
  checkBudget,
  checkContextWindows,
  checkPrices,
  describeEstimate,
  estimateInput,
  floorEstimate,
  runCost,
  type Budget,
  type EstimateItem
} from '../../../src/core/generate/budget.js'
import { silentLog } from '../../../src/core/log.js'
import { parseModelPrices } from '../../../src/core/render/prices.js'

const SONNET_GLOBAL = 'global.anthropic.claude-sonnet-4-5-20250929-v1:0'
const SONNET_US = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'

const item = (out: string, chars: number, modelId = SONNET_GLOBAL, maxTokens = 1000): EstimateItem => ({
  doc: { prompt: { out, path: out.replace(/\.md$/, '.prompt.md') }, modelId, maxTokens },
  packed: 'x'.repeat(chars)
})

const budget = (over: Partial<Budget> = {}): Budget => ({
  maxDocuments: 100,
  maxInputTokens: 5_000_000,
  maxOutputTokens: 1_000_000,
  ...over
})

function thrown(fn: () => void): GraftError {
  try {
    fn()
  } catch (error) {
    if (error instanceof GraftError) return error
    throw error
  }
  throw new Error('expected a GraftError')
}

describe('the floor (before any request)', () => {
  it('is characters ÷ 6, rounded down, and says nothing was sent', () => {
    const floor = floorEstimate([item('a.md', 6000), item('b.md', 5)])
    expect(floor.kind).toBe('floor')
    expect(floor.documents.map((d) => d.tokens)).toEqual([1000, 0])
    expect(floor.total).toBe(1000)
    expect(floor.method).toContain('nothing was sent to Bedrock')
  })

  it('costs input at the floor and each reply at its max_tokens (global. Sonnet 4.5: $3 / $15)', () => {
    const floor = floorEstimate([item('a.md', 6_000_000, SONNET_GLOBAL, 16000)])
    // 1,000,000 input tokens × $3 + 16,000 output × $15, per million
    expect(floor.costUsd).toBeCloseTo(3 + 0.24, 10)
  })

  it('refuses on max-input-tokens with "at least", listing the documents', () => {
    const floor = floorEstimate([item('a.md', 600), item('b.md', 1200)])
    const error = thrown(() => checkBudget(floor, budget({ maxInputTokens: 299 })))
    expect(error.message).toContain('at least ~300 input tokens, over max-input-tokens (299)')
    expect(error.message).toMatch(/b\.md: at least ~200 tokens \(1200 characters/)
    expect(() => checkBudget(floor, budget({ maxInputTokens: 300 }))).not.toThrow()
  })
})

describe('limits, exactly at and just over', () => {
  it('max-documents', () => {
    const e = floorEstimate([item('a.md', 6), item('b.md', 6)])
    expect(() => checkBudget(e, budget({ maxDocuments: 2 }))).not.toThrow()
    expect(thrown(() => checkBudget(e, budget({ maxDocuments: 1 }))).message).toContain(
      '2 documents to render, over max-documents (1)'
    )
  })

  it('max-cost-usd: exactly the estimate is within it, a micro-dollar less is over', () => {
    // 1000 output tokens × $15 per million = $0.015; no input
    const e = floorEstimate([item('a.md', 0, SONNET_GLOBAL, 1000)])
    expect(e.costUsd).toBeCloseTo(0.015, 12)
    expect(() => checkBudget(e, budget({ maxCostUsd: 0.015 }))).not.toThrow()
    const error = thrown(() => checkBudget(e, budget({ maxCostUsd: 0.014999 })))
    expect(error.message).toContain('at least ~$0.01 with each reply at its max_tokens, over max-cost-usd ($0.01)')
    expect(error.problems[0].hint).toContain('max-cost-usd')
    expect(error.problems[0].hint).toContain('lower `max_tokens`')
  })

  it('max-cost-usd: float sums that land on the limit are within it', () => {
    // $0.10 + $0.20 is 0.30000000000000004 in floating point
    const prices = parseModelPrices('us.anthropic.claude-next-v1:0: {input: 0, output: 1}', 'input model-prices')
    const e = floorEstimate(
      [
        item('a.md', 0, 'us.anthropic.claude-next-v1:0', 100_000),
        item('b.md', 0, 'us.anthropic.claude-next-v1:0', 200_000)
      ],
      prices
    )
    expect(e.costUsd).toBeGreaterThan(0.3)
    expect(() => checkBudget(e, budget({ maxCostUsd: 0.3 }))).not.toThrow()
    expect(() => checkBudget(e, budget({ maxCostUsd: 0.299999 }))).toThrow(/over max-cost-usd/)
  })

  it('the regional premium counts: us. costs 10% more than global.', () => {
    const us = floorEstimate([item('a.md', 0, SONNET_US, 1_000_000)])
    expect(us.costUsd).toBeCloseTo(16.5, 10)
    expect(() => checkBudget(us, budget({ maxCostUsd: 16 }))).toThrow(/over max-cost-usd \(\$16\.00\)/)
  })
})

describe('models without a price', () => {
  const unknown = 'us.anthropic.claude-next-v1:0'

  it('with max-cost-usd: refused before any request, naming the model, its documents and model-prices', () => {
    const e = floorEstimate([item('a.md', 60, unknown), item('b.md', 60, unknown), item('c.md', 60)])
    expect(e.costUsd).toBeUndefined()
    const error = thrown(() => checkPrices(e, budget({ maxCostUsd: 5 })))
    expect(error.problems).toHaveLength(1)
    expect(error.problems[0].file).toBe('a.prompt.md')
    expect(error.message).toContain(`knows no price for ${unknown} (used by a.md, b.md)`)
    expect(error.problems[0].hint).toContain('`model-prices`')
    expect(error.problems[0].hint).toContain(`{"${unknown}": {"input": 3, "output": 15}}`)
  })

  it('without max-cost-usd: no refusal, and the estimate says the cost is unknown', () => {
    const e = floorEstimate([item('a.md', 60, unknown)])
    expect(() => checkPrices(e, budget())).not.toThrow()
    expect(() => checkBudget(e, budget())).not.toThrow()
    expect(describeEstimate(e)).toContain(`cost unknown: no price for ${unknown} (add it to \`model-prices\`)`)
  })

  it('model-prices gives it one', () => {
    const prices = parseModelPrices(`${unknown}: {input: 1, output: 1}`, 'input model-prices')
    const e = floorEstimate([item('a.md', 0, unknown, 1_000_000)], prices)
    expect(e.costUsd).toBe(1)
    expect(() => checkPrices(e, budget({ maxCostUsd: 1 }))).not.toThrow()
  })
})

describe('context windows', () => {
  it('a floor over the window is refused before any request, naming the document, its tokens and the ways out', () => {
    const e = floorEstimate([item('big.md', 6 * 200_001), item('small.md', 600)])
    const error = thrown(() => checkContextWindows(e))
    expect(error.problems).toHaveLength(1)
    expect(error.problems[0].file).toBe('big.prompt.md')
    expect(error.message).toContain('the prompt of big.md is too large for the model: ~200001 input tokens')
    expect(error.message).toContain(`more than the 200000 tokens of ${SONNET_GLOBAL}'s context window`)
    expect(error.message).toContain('nothing was sent to Bedrock')
    for (const way of ['`deps`', '`targets`', 'larger context window']) expect(error.problems[0].hint).toContain(way)
    expect(error.problems[0].hint).not.toMatch(/temperature/)
  })

  it('exactly the window is within it', () => {
    expect(() => checkContextWindows(floorEstimate([item('a.md', 6 * 200_000)]))).not.toThrow()
  })

  it('a count over the window is refused; an estimate from characters is left to Bedrock', async () => {
    const big = [item('big.md', 800_000)]
    const counted = await estimateInput(big, async () => 250_000, 1, silentLog)
    expect(() => checkContextWindows(counted)).toThrow(/~250000 input tokens \(counted by Bedrock CountTokens\)/)
    const guessed = await estimateInput(big, undefined, 1, silentLog)
    expect(guessed.documents[0].tokens).toBeGreaterThan(200_000)
    expect(() => checkContextWindows(guessed)).not.toThrow()
  })

  it('a model whose window is unknown is not checked', () => {
    expect(() =>
      checkContextWindows(floorEstimate([item('a.md', 6 * 300_000, 'us.anthropic.claude-next-v1:0')]))
    ).not.toThrow()
  })
})

describe('the estimate', () => {
  it('counted: input at the count, output at max_tokens', async () => {
    const e = await estimateInput([item('a.md', 100, SONNET_GLOBAL, 2000)], async () => 1000, 1, silentLog)
    expect(e.kind).toBe('estimate')
    expect(e.documents[0]).toMatchObject({ tokens: 1000, counted: true, maxTokens: 2000, prompt: 'a.prompt.md' })
    expect(e.costUsd).toBeCloseTo((1000 * 3 + 2000 * 15) / 1e6, 12)
    expect(describeEstimate(e)).toContain(
      "cost at most $0.03 (input as estimated, output at each document's max_tokens)"
    )
  })
})

describe("the run's cost", () => {
  it('adds up rendered documents; unknown when one rendered without a price', () => {
    expect(
      runCost([
        { rendered: true, costUsd: 0.5, modelId: 'a' },
        { rendered: false, costUsd: 9, modelId: 'b' },
        { rendered: true, costUsd: 0, modelId: 'c' }
      ])
    ).toEqual({ usd: 0.5, unpriced: [] })
    expect(
      runCost([
        { rendered: true, modelId: 'x' },
        { rendered: true, costUsd: 1, modelId: 'y' }
      ])
    ).toEqual({
      unpriced: ['x']
    })
    expect(runCost([])).toEqual({ usd: 0, unpriced: [] })
  })
})
