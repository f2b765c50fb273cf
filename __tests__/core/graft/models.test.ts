// Graft's alias table, ids passed through, and the error for a name we do not know.
import { describe, expect, it } from '@jest/globals'
import { DEFAULT_MODEL } from '../../../src/core/defaults.js'
import { MODEL_ALIASES, outputTokenLimit, resolveModel } from '../../../src/core/graft/models.js'
import { GraftError } from '../../../src/core/errors.js'

describe('resolveModel', () => {
  it('maps the default alias to the US Sonnet 4.5 inference profile', () => {
    expect(DEFAULT_MODEL).toBe('bedrock-claude-v4.5-sonnet-us')
    expect(resolveModel(DEFAULT_MODEL)).toBe('us.anthropic.claude-sonnet-4-5-20250929-v1:0')
  })

  it.each([
    ['bc-v4.5-us', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ['bedrock-claude-sonnet-v4.5-global', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ['bc-v4.5', 'anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ['bc-v4-global', 'global.anthropic.claude-sonnet-4-20250514-v1:0'],
    ['bedrock-claude-sonnet-v4', 'anthropic.claude-sonnet-4-20250514-v1:0'],
    ['bo-v4.1-us', 'us.anthropic.claude-opus-4-1-20250805-v1:0'],
    ['bedrock-claude-opus-v4.1', 'anthropic.claude-opus-4-1-20250805-v1:0'],
    ['bo-v4', 'anthropic.claude-opus-4-20250514-v1:0'],
    ['bc-v3.7', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0'],
    ['bedrock-claude-sonnet-v2', 'us.anthropic.claude-3-5-sonnet-20241022-v2:0'],
    ['bedrock-sonnet', 'anthropic.claude-3-5-sonnet-20240620-v1:0'],
    ['bc', 'anthropic.claude-3-5-sonnet-20240620-v1:0'],
    ['bh-v3.5', 'us.anthropic.claude-3-5-haiku-20241022-v1:0'],
    ['bedrock-haiku', 'anthropic.claude-3-haiku-20240307-v1:0'],
    ['bh', 'anthropic.claude-3-haiku-20240307-v1:0']
  ])('%s → %s', (alias, id) => {
    expect(resolveModel(alias)).toBe(id)
  })

  it('knows all 41 aliases of the table, each naming an Anthropic model', () => {
    expect(MODEL_ALIASES.size).toBe(41)
    for (const id of MODEL_ALIASES.values()) expect(id).toMatch(/^(us\.|global\.)?anthropic\.claude-/)
  })

  it.each([
    'anthropic.claude-3-haiku-20240307-v1:0',
    'us.anthropic.claude-opus-4-1-20250805-v1:0',
    'eu.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'apac.anthropic.claude-sonnet-4-20250514-v1:0',
    'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123'
  ])('passes %s through unchanged', (id) => {
    expect(resolveModel(id)).toBe(id)
  })

  it('ignores surrounding spaces', () => {
    expect(resolveModel('  bc-v4.5-us ')).toBe('us.anthropic.claude-sonnet-4-5-20250929-v1:0')
  })

  it('an unknown alias names the prompt file and lists the known aliases', () => {
    let err: unknown
    try {
      resolveModel('claude-sonnet', 'docs/guide.prompt.md')
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(GraftError)
    const problem = (err as GraftError).problems[0]
    expect(problem.file).toBe('docs/guide.prompt.md')
    expect(problem.message).toContain('unknown model "claude-sonnet"')
    for (const alias of ['bedrock-claude-v4.5-sonnet-us', 'bc-v4.5-global', 'bo-v4.1-us', 'bh'])
      expect(problem.hint).toContain(alias)
    expect(problem.hint).toContain('us.…')
    expect((err as GraftError).message).toMatch(/^docs\/guide\.prompt\.md: unknown model/)
  })

  it('names the `model:` line when it is given', () => {
    expect(() => resolveModel('bc-v9', { file: 'docs/a.prompt.md', line: 4 })).toThrow(
      expect.objectContaining({
        problems: [expect.objectContaining({ file: 'docs/a.prompt.md', line: 4, message: 'unknown model "bc-v9"' })]
      })
    )
    // the default model's error (resolveModelSetting) names the setting: see settings.test.ts
  })

  it('matches aliases exactly (case-sensitive)', () => {
    expect(() => resolveModel('BC-V4.5-US', 'a.prompt.md')).toThrow(GraftError)
  })
})

describe('outputTokenLimit', () => {
  it.each([
    ['bedrock-claude-haiku', 4096],
    ['bh', 4096],
    ['bedrock-claude-v3.5-sonnet', 4096],
    ['bc', 4096],
    ['bedrock-claude-v3.5-haiku', 8192],
    ['bedrock-claude-v3.5-sonnet-v2', 8192],
    ['bc-v3.7', 64000],
    ['bedrock-claude-v4-sonnet', 64000],
    [DEFAULT_MODEL, 64000],
    ['bo-v4', 32000],
    ['bo-v4.1-us', 32000]
  ])('%s: %i output tokens', (alias, limit) => {
    expect(outputTokenLimit(resolveModel(alias))).toBe(limit)
    expect(outputTokenLimit(alias)).toBe(limit)
  })

  it('knows the model behind any inference profile of a table model', () => {
    expect(outputTokenLimit('eu.anthropic.claude-3-haiku-20240307-v1:0')).toBe(4096)
    expect(outputTokenLimit('apac.anthropic.claude-sonnet-4-20250514-v1:0')).toBe(64000)
    expect(outputTokenLimit('anthropic.claude-3-5-haiku-20241022-v1:0')).toBe(8192)
  })

  it('does not guess for a model outside the table or an ARN', () => {
    expect(outputTokenLimit('us.anthropic.claude-nonesuch-v1:0')).toBeUndefined()
    expect(
      outputTokenLimit('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123')
    ).toBeUndefined()
  })

  it('every alias of the table has a limit', () => {
    for (const id of MODEL_ALIASES.values()) expect(outputTokenLimit(id)).toBeGreaterThanOrEqual(4096)
  })
})
