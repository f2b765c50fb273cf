// Bedrock's usage report, checked before anything adds it up: what a stream
// reports when it works, and every report that would make a call look free (or
// cheaper than free) — missing, negative, fractional, not numbers, more output
// than max_tokens allows, no input for a prompt — counted from characters instead.
import { describe, expect, it } from '@jest/globals'
import { readUsage } from '../../../src/core/render/usage.js'

// 700 characters of prompt, 35 of reply: 200 and 10 tokens at 3.5 characters a token
const size = { promptChars: 700, replyChars: 35, maxTokens: 1000 }

describe('readUsage', () => {
  it("takes Bedrock's figures when they are whole numbers a call can have", () => {
    expect(readUsage({ inputTokens: 180, outputTokens: 12, totalTokens: 192 }, size)).toEqual({
      inputTokens: 180,
      outputTokens: 12,
      estimated: false
    })
    // a reply at exactly max_tokens is billed in full, and is a real report
    expect(readUsage({ inputTokens: 180, outputTokens: 1000 }, size).estimated).toBe(false)
  })

  it.each([
    ['no metadata event at all', undefined, 'it reported none'],
    ['a null usage', null, 'it reported none'],
    ['an empty usage', {}, 'it is not two whole numbers: no input, no output tokens'],
    ['negative figures', { inputTokens: -5_000_000, outputTokens: -1e9 }, '-5000000 input, -1000000000 output tokens'],
    ['a fraction', { inputTokens: 180.5, outputTokens: 12 }, '180.5 input'],
    ['strings', { inputTokens: '180', outputTokens: '12' }, '"180" input, "12" output tokens'],
    ['NaN', { inputTokens: Number.NaN, outputTokens: 12 }, 'NaN input'],
    ['past the safe integers', { inputTokens: 1e300, outputTokens: 12 }, '1e+300 input'],
    ['more output than max_tokens', { inputTokens: 180, outputTokens: 1001 }, "more than the call's max_tokens (1000)"],
    [
      'no input for a prompt',
      { inputTokens: 0, outputTokens: 12 },
      'it says 0 input tokens for a prompt of 700 characters'
    ]
  ])('%s: counted from characters, saying why', (_what, reported, why) => {
    const usage = readUsage(reported, size)
    expect(usage).toMatchObject({ inputTokens: 200, outputTokens: 10, estimated: true })
    expect(usage.why).toContain(why)
  })

  it('never counts more output than max_tokens allows, nor anything for a reply never received', () => {
    expect(readUsage(undefined, { promptChars: 7, replyChars: 70_000, maxTokens: 100 }).outputTokens).toBe(100)
    expect(readUsage(undefined, { promptChars: 7, replyChars: 0, maxTokens: 100 })).toMatchObject({
      inputTokens: 2,
      outputTokens: 0
    })
  })
})
