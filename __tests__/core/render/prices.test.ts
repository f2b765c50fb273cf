// The price table: every model of the alias table has a price, the regional
// premium of the 4.5 generation, ARNs and profiles, the run's own prices
// (`model-prices`) and every way they can be wrong, and dollars as shown.
import { describe, expect, it } from '@jest/globals'
import { GraftError } from '../../../src/core/errors.js'
import { MODEL_ALIASES } from '../../../src/core/graft/models.js'
import {
  REGIONAL_PREMIUM,
  costUsd,
  formatUsd,
  modelFamily,
  overLimit,
  parseModelPrices,
  priceOf,
  usdOutput
} from '../../../src/core/render/prices.js'

const SONNET_45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0'

function refused(text: string): GraftError {
  try {
    parseModelPrices(text, 'input model-prices')
  } catch (error) {
    if (error instanceof GraftError) return error
    throw error
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`)
}

describe('the list prices', () => {
  it('price every model of the alias table', () => {
    const unpriced = [...new Set(MODEL_ALIASES.values())].filter((id) => priceOf(id) === undefined)
    expect(unpriced).toEqual([])
  })

  it('Sonnet 4.5: $3 / $15 through global., about 10% more in-region and through geographic profiles', () => {
    expect(priceOf(`global.${SONNET_45}`)).toEqual({ input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 })
    for (const id of [`us.${SONNET_45}`, `eu.${SONNET_45}`, SONNET_45, 'bedrock-claude-v4.5-sonnet-us'].map(
      (n) => MODEL_ALIASES.get(n) ?? n
    ))
      expect(priceOf(id)).toEqual({ input: 3.3, output: 16.5, cacheWrite: 4.125, cacheRead: 0.33 })
    expect(REGIONAL_PREMIUM).toBe(1.1)
  })

  it('models before the 4.5 generation cost the same everywhere', () => {
    expect(priceOf('global.anthropic.claude-sonnet-4-20250514-v1:0')).toEqual(
      priceOf('anthropic.claude-sonnet-4-20250514-v1:0')
    )
    expect(priceOf('us.anthropic.claude-opus-4-1-20250805-v1:0')?.output).toBe(75)
    expect(priceOf('us.anthropic.claude-3-5-haiku-20241022-v1:0')).toMatchObject({ input: 0.8, output: 4 })
  })

  it('the 4.5 generation and later: Haiku 4.5 $1 / $5, Opus 4.5 $5 / $25 (global.)', () => {
    expect(priceOf('global.anthropic.claude-haiku-4-5-20251001-v1:0')).toMatchObject({ input: 1, output: 5 })
    expect(priceOf('global.anthropic.claude-opus-4-5-20251101-v1:0')).toMatchObject({ input: 5, output: 25 })
  })

  it('reads ARNs of foundation models and inference profiles; not application profiles or other vendors', () => {
    expect(modelFamily(`arn:aws:bedrock:us-east-1::foundation-model/${SONNET_45}`)).toEqual({
      family: 'claude-sonnet-4-5',
      global: false
    })
    expect(modelFamily(`arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.${SONNET_45}`)).toEqual({
      family: 'claude-sonnet-4-5',
      global: true
    })
    expect(priceOf('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123')).toBeUndefined()
    expect(priceOf('us.anthropic.claude-sonnet-9-20300101-v1:0')).toBeUndefined()
    expect(priceOf('amazon.nova-pro-v1:0')).toBeUndefined()
    // the family is exact: a newer Sonnet 4.x is not priced as Sonnet 4
    expect(modelFamily('anthropic.claude-sonnet-4-7-20270101-v1:0')?.family).toBe('claude-sonnet-4-7')
    expect(priceOf('anthropic.claude-sonnet-4-7-20270101-v1:0')).toBeUndefined()
  })
})

describe('cost', () => {
  it('input, output and cache tokens at their prices, per million', () => {
    const price = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 }
    expect(costUsd({ inputTokens: 1_000_000, outputTokens: 0 }, price)).toBe(3)
    expect(costUsd({ inputTokens: 2000, outputTokens: 1000 }, price)).toBeCloseTo(0.021, 10)
    expect(
      costUsd({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 1_000_000, cacheWriteTokens: 1_000_000 }, price)
    ).toBeCloseTo(4.05, 10)
    // without cache prices, cache tokens cost what input does
    expect(costUsd({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 1_000_000 }, { input: 1, output: 5 })).toBe(1)
  })

  it('over a limit to the micro-dollar: float sums exactly at the limit are within it', () => {
    expect(0.1 + 0.2 > 0.3).toBe(true)
    expect(overLimit(0.1 + 0.2, 0.3)).toBe(false)
    expect(overLimit(0.300001, 0.3)).toBe(true)
  })

  it('dollars for people and for machines', () => {
    expect(formatUsd(0)).toBe('$0.00')
    expect(formatUsd(0.00004)).toBe('< $0.0001')
    expect(formatUsd(0.0315)).toBe('$0.03')
    expect(formatUsd(0.00315)).toBe('$0.0032')
    expect(formatUsd(12.345)).toBe('$12.35')
    expect(usdOutput(0.0315)).toBe('0.0315')
    expect(usdOutput(1e-7)).toBe('0')
    expect(usdOutput(0.1 + 0.2)).toBe('0.3')
    expect(usdOutput(1234.5)).toBe('1234.5')
  })
})

describe('model-prices', () => {
  it('JSON or YAML alike; the run’s price wins over the list price', () => {
    const json = parseModelPrices('{"bc-v4.5-us": {"input": 2, "output": 10}}', 'input model-prices')
    const yaml = parseModelPrices('bc-v4.5-us:\n  input: 2\n  output: 10\n', 'input model-prices')
    expect([...json]).toEqual([...yaml])
    expect(priceOf(MODEL_ALIASES.get('bc-v4.5-us')!, json)).toEqual({ input: 2, output: 10 })
  })

  it('an alias is stored under its model id, and priceOf finds it there', () => {
    const prices = parseModelPrices(
      'bedrock-claude-v4.5-sonnet-us:\n  input: 2\n  output: 10\n  cache_read: 0.2\n  cache_write: 2.5\n',
      '--model-prices'
    )
    const id = MODEL_ALIASES.get('bedrock-claude-v4.5-sonnet-us')!
    expect(priceOf(id, prices)).toEqual({ input: 2, output: 10, cacheRead: 0.2, cacheWrite: 2.5 })
    // other models keep their list price
    expect(priceOf(`global.${SONNET_45}`, prices)?.input).toBe(3)
  })

  it('prices a model the table lacks, by id, profile or ARN', () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123'
    const prices = parseModelPrices(
      JSON.stringify({ [arn]: { input: 1, output: 2 }, 'us.anthropic.claude-next-v1:0': { input: 0, output: 0 } }),
      'input model-prices'
    )
    expect(priceOf(arn, prices)).toEqual({ input: 1, output: 2 })
    expect(priceOf('us.anthropic.claude-next-v1:0', prices)).toEqual({ input: 0, output: 0 })
  })

  it('empty is no prices', () => {
    expect(parseModelPrices('  \n', 'input model-prices').size).toBe(0)
  })

  it.each([
    ['not YAML', '{"bc": {', /input model-prices is not valid YAML \(line 1/],
    ['a list', '- bc-v4.5-us', /input model-prices must be a mapping from model to prices/],
    ['a bare number', '3', /must be a mapping from model to prices/],
    [
      'an unknown model name',
      'gpt-4:\n  input: 1\n  output: 2\n',
      /"gpt-4" is neither a model alias nor a Bedrock model id/
    ],
    ['a price that is not a mapping', 'bc-v4.5-us: 3\n', /"bc-v4.5-us" must be a mapping of prices/],
    ['an unknown field', 'bc-v4.5-us: {input: 1, output: 2, inputs: 3}', /"bc-v4.5-us": unknown field "inputs"/],
    ['no output price', 'bc-v4.5-us: {input: 1}', /"bc-v4.5-us" has no output price/],
    ['a negative price', 'bc-v4.5-us: {input: -1, output: 2}', /input is "-1", not a price/],
    ['NaN', 'bc-v4.5-us: {input: .nan, output: 2}', /input is "NaN", not a price/],
    ['infinity', 'bc-v4.5-us: {input: .inf, output: 2}', /input is "Infinity", not a price/],
    ['a huge price', 'bc-v4.5-us: {input: 1e9, output: 2}', /input is "1000000000", not a price/],
    ['a string', 'bc-v4.5-us: {input: "3", output: 2}', /input is "3", not a price/],
    ['a YAML alias', 'a: &p {input: 1, output: 2}\nbc-v4.5-us: *p\n', /"a" is neither a model alias/],
    ['an alias for a price', 'bc-v4.5-us: &p {input: 1, output: 2}\nbh: *p\n', /"bh" must be a mapping of prices/],
    ['a merge key', '<<: {input: 1, output: 2}\n', /"<<" is neither a model alias/],
    ['__proto__', '{"__proto__": {"input": 1, "output": 2}}', /"__proto__" is neither a model alias/],
    ['a field named __proto__', 'bc-v4.5-us: {__proto__: 1, input: 1, output: 2}', /unknown field "__proto__"/],
    [
      'one model twice (alias and id)',
      `bc-v4.5-us: {input: 1, output: 2}\nus.${SONNET_45}: {input: 1, output: 2}\n`,
      /"us\.anthropic\.claude-sonnet-4-5-20250929-v1:0" and "bc-v4.5-us" both price/
    ],
    ['one key twice', 'bc-v4.5-us: {input: 1, output: 2}\nbc-v4.5-us: {input: 1, output: 2}\n', /not valid YAML/],
    ['too long', `# ${'x'.repeat(100_001)}`, /input model-prices is 100003 characters long/]
  ])('%s is refused, naming the input and saying what to write', (_name, text, message) => {
    const error = refused(text)
    expect(error.message).toMatch(message)
    expect(error.message).toContain('input model-prices')
    expect(error.problems.every((p) => p.hint && p.hint.length > 10)).toBe(true)
  })

  it('every problem at once, each naming its model', () => {
    const error = refused('bc-v4.5-us: {input: -1, output: 2}\nbh: {output: 1}\nnope: {input: 1, output: 1}\n')
    expect(error.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('"bc-v4.5-us": input is "-1"'),
      expect.stringContaining('"bh" has no input price'),
      expect.stringContaining('"nope" is neither')
    ])
  })
})
