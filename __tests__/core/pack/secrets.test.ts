// The last line of defence before a model call, and redaction by name and shape.
import { describe, expect, it } from '@jest/globals'
import { GraftError } from '../../../src/core/errors.js'
import { redactSecrets } from '../../../src/core/pack/redact.js'
import { assertNoSecrets, environmentSecrets, secretForms } from '../../../src/core/pack/secrets.js'
import { packPrompt } from '../../../src/core/pack/packed-prompt.js'

const TOKEN = 'ghs_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'
const context = { document: 'docs/a.md', prompt: 'docs/a.prompt.md' }

function packed(sourceDiff: string, previousDraft = '', body = 'Write it.'): string {
  return packPrompt({
    body,
    changes: { sourceDiff, sourcesChanged: true, promptChanged: false, previousDraft, promptDiff: '' } as never,
    directive: 'UPDATE'
  })
}

function caught(f: () => void): GraftError {
  try {
    f()
  } catch (e) {
    if (e instanceof GraftError) return e
    throw e
  }
  throw new Error('expected a GraftError')
}

describe('redactSecrets', () => {
  it('masks values by the name they are assigned to, in .env, YAML and JSON shapes', () => {
    const text = [
      'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCY',
      'db_password: hunter22hunter',
      '"api_key": "sk-live-0123456789"',
      'GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}',
      'AWS_REGION=us-east-1',
      'MAX_TOKENS=4096 is a setting'
    ].join('\n')
    const out = redactSecrets(text)
    expect(out).toContain('AWS_SECRET_ACCESS_KEY=***')
    expect(out).toContain('db_password: ***')
    expect(out).toContain('"api_key": "***"')
    expect(out).toContain('GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}') // a reference, not a value
    expect(out).toContain('AWS_REGION=us-east-1')
    expect(out).not.toMatch(/wJalr|hunter22|sk-live/)
  })

  it('masks credential shapes wherever they stand, but not AWS documentation examples', () => {
    const out = redactSecrets(`key AKIAABCDEFGHIJKLMNOP, example AKIAIOSFODNN7EXAMPLE, token ${TOKEN}`)
    expect(out).toBe('key ***, example AKIAIOSFODNN7EXAMPLE, token ***')
  })
})

describe('assertNoSecrets', () => {
  it('passes a packed prompt without secrets', () => {
    expect(() =>
      assertNoSecrets(packed('--- a/src/x.md\n+++ b/src/x.md\n+plain text\n'), secretForms(['s3cr3t-value-1']), context)
    ).not.toThrow()
  })

  it('stops on a known secret of the run, naming the document and the source file', () => {
    const text = packed(
      '--- a/src/x.md\n+++ b/src/x.md\n+ok\n--- a/docs/sources/cfg.md\n+++ b/docs/sources/cfg.md\n+value s3cr3t-value-1 here\n'
    )
    const error = caught(() => assertNoSecrets(text, secretForms(['s3cr3t-value-1']), context))
    expect(error.problems[0].file).toBe('docs/sources/cfg.md')
    expect(error.problems[0].message).toMatch(/before calling the model for docs\/a\.md.*from docs\/sources\/cfg\.md/)
    expect(error.problems[0].hint).toMatch(/nothing was sent/)
  })

  it('knows the base64 forms of a token (git extraheader as actions/checkout persists it)', () => {
    const header = Buffer.from(`x-access-token:${TOKEN}`).toString('base64')
    const text = packed(`--- a/cfg\n+++ b/cfg\n+\textraheader = AUTHORIZATION: basic ${header}\n`)
    expect(() => assertNoSecrets(text, secretForms([TOKEN]), context)).toThrow(/a secret of this run/)
  })

  it('stops on credential shapes in the previous draft or the instructions', () => {
    expect(caught(() => assertNoSecrets(packed('', `old text ${TOKEN}`), [], context)).problems[0].file).toBe(
      'docs/a.md'
    )
    expect(
      caught(() => assertNoSecrets(packed('', '', 'use AKIAABCDEFGHIJKLMNOP'), [], context)).problems[0].file
    ).toBe('docs/a.prompt.md')
  })

  it('ignores short values and collects the environment secrets', () => {
    expect(secretForms(['', undefined, 'short'])).toEqual([])
    expect(environmentSecrets({ AWS_SECRET_ACCESS_KEY: 'k', AWS_SESSION_TOKEN: 't', AWS_REGION: 'us-east-1' })).toEqual(
      ['k', 't']
    )
  })
})
