// The run's ledger of model calls: every call is priced at its model's price
// (model-prices over the list price), by document and for the run; a model
// without a price makes the cost unknown, never a smaller figure; calls counted
// from characters are counted as such.
import { describe, expect, it } from '@jest/globals'
import { RunSpend } from '../../../src/core/generate/spend.js'

const SONNET_US = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'
const UNKNOWN = 'us.anthropic.claude-next-20270101-v1:0'

describe('RunSpend', () => {
  it('adds up every call, by document and for the run, at the list price', () => {
    const spend = new RunSpend()
    spend.record('docs/a.md', SONNET_US, { inputTokens: 1_000_000, outputTokens: 0, estimated: false })
    // a reply cut off at max_tokens, then the retry: both are billed
    spend.record('docs/b.md', SONNET_US, { inputTokens: 0, outputTokens: 8000, estimated: false })
    spend.record('docs/b.md', SONNET_US, { inputTokens: 100, outputTokens: 10, estimated: true })
    expect(spend.totals('docs/a.md')).toEqual({
      calls: 1,
      inputTokens: 1_000_000,
      outputTokens: 0,
      usd: 3.3,
      unpriced: [],
      estimatedCalls: 0
    })
    const b = spend.totals('docs/b.md')
    expect(b).toMatchObject({ calls: 2, inputTokens: 100, outputTokens: 8010, estimatedCalls: 1 })
    expect(b.usd).toBeCloseTo((100 * 3.3 + 8010 * 16.5) / 1e6, 9)
    const run = spend.totals()
    expect(run).toMatchObject({ calls: 3, inputTokens: 1_000_100, outputTokens: 8010, estimatedCalls: 1 })
    expect(run.usd).toBeCloseTo(3.3 + b.usd!, 9)
    expect(spend.pricedUsd()).toBeCloseTo(run.usd!, 9)
    expect(spend.totals('docs/none.md')).toEqual({
      calls: 0,
      inputTokens: 0,
      outputTokens: 0,
      usd: 0,
      unpriced: [],
      estimatedCalls: 0
    })
  })

  it('the calls since a mark: a document rendered again in a later round of the same run counts only its new calls there', () => {
    const spend = new RunSpend()
    spend.record('docs/a.md', SONNET_US, { inputTokens: 100, outputTokens: 10, estimated: false })
    const mark = spend.count
    spend.record('docs/b.md', SONNET_US, { inputTokens: 7, outputTokens: 7, estimated: false })
    spend.record('docs/a.md', SONNET_US, { inputTokens: 5, outputTokens: 1, estimated: true })
    expect(mark).toBe(1)
    expect(spend.totals('docs/a.md', mark)).toMatchObject({
      calls: 1,
      inputTokens: 5,
      outputTokens: 1,
      estimatedCalls: 1
    })
    expect(spend.totals('docs/a.md')).toMatchObject({ calls: 2, inputTokens: 105 })
    expect(spend.totals(undefined, mark)).toMatchObject({ calls: 2, inputTokens: 12 })
  })

  it('a model without a price makes the cost unknown, naming the model; model-prices prices it', () => {
    const spend = new RunSpend()
    spend.record('docs/a.md', SONNET_US, { inputTokens: 10, outputTokens: 10, estimated: false })
    spend.record('docs/c.md', UNKNOWN, { inputTokens: 10, outputTokens: 10, estimated: false })
    expect(spend.totals().usd).toBeUndefined()
    expect(spend.totals().unpriced).toEqual([UNKNOWN])
    expect(spend.totals('docs/a.md').usd).toBeGreaterThan(0)
    const priced = new RunSpend(new Map([[UNKNOWN, { input: 1_000_000, output: 0 }]]))
    priced.record('docs/c.md', UNKNOWN, { inputTokens: 10, outputTokens: 10, estimated: false })
    expect(priced.totals().usd).toBe(10)
  })
})
