// One document's text in edit mode, with a renderer that answers as scripted
// (the core takes its renderer as an interface; the real Bedrock client is
// exercised in render/bedrock.test.ts and the end-to-end suites): the edits
// applied, the fallback and what it counts (every call Bedrock answered goes
// to the ledger through RenderRequest.onUsage, and each call is reserved against
// max-cost-usd before it starts), a model refusing tools said once across
// concurrent documents, the secrets check before each call, and what the
// render cache holds.
import { describe, expect, it } from '@jest/globals'
import {
  renderCacheKey,
  renderDocument,
  type RenderContext,
  type Renderer
} from '../../../src/core/generate/render-document.js'
import type { PlannedDocument } from '../../../src/core/generate/plan.js'
import { packedForRewrite, type PackedDocument } from '../../../src/core/pack/document.js'
import { packPrompt } from '../../../src/core/pack/packed-prompt.js'
import type { RenderRequest, RenderResult } from '../../../src/core/render/bedrock.js'
import { EDIT_TOOL, ToolUseRefused } from '../../../src/core/render/edit-tool.js'
import { GraftError } from '../../../src/core/errors.js'

const DRAFT = '# Guide\n\nJobs time out after 30 seconds.\n\nThe end.\n'

const doc = (out = 'docs/guide.md', modelId = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'): PlannedDocument =>
  ({
    stage: { name: out, cmd: '', deps: [], outs: [] },
    prompt: { path: out.replace('.md', '.prompt.md'), stageName: out, deps: [], out, body: 'Write it.' },
    modelName: 'm',
    modelId,
    maxTokens: 1000,
    after: [],
    reasons: [],
    handEdited: false
  }) as unknown as PlannedDocument

/** The packed document; `body` makes prompts (and cache keys) differ between documents, as their instructions do. */
function packed(body = 'Write it.', draft = DRAFT): PackedDocument {
  const changes = { sourceDiff: '-30\n+45\n', sourcesChanged: true, promptChanged: false, previousDraft: draft }
  const directive = { directive: 'UPDATE' as const, line: 'UPDATE (x)' }
  return {
    baseline: { rev: 'abc', source: 'output' },
    changes,
    directive: 'UPDATE',
    line: directive.line,
    style: 'edits',
    body,
    packed: packPrompt({ body, changes, directive, style: 'edits' })
  } as PackedDocument
}

type Answer = Partial<RenderResult> | Error
function context(answers: Answer[], over: Partial<RenderContext> = {}) {
  const requests: RenderRequest[] = []
  const checked: string[] = []
  const spent: number[] = []
  /** each reservation, in order: the document, whether the call carries the tool, whether it is the fallback */
  const reserved: Array<[string, 'edits' | 'whole', boolean]> = []
  const store = new Map<string, string>()
  const renderer: Renderer = {
    render: async (req) => {
      requests.push(req)
      const a = answers.shift() ?? { text: '# Whole\n' }
      // refused before it was taken, as Bedrock's HTTP errors are: nothing billed, nothing told
      if (a instanceof Error) throw a
      const result = {
        text: '',
        inputTokens: 10,
        outputTokens: 5,
        usageEstimated: false,
        stopReason: 'end_turn',
        attempts: 1,
        ms: 1,
        ...a
      }
      // answered: told to the caller, as BedrockRenderer does for every attempt Bedrock answered
      req.onUsage?.({ inputTokens: result.inputTokens, outputTokens: result.outputTokens, estimated: false })
      return result
    }
  }
  const warnings: string[] = []
  const info: string[] = []
  const ctx: RenderContext = {
    renderer: async () => renderer,
    cache: { get: async (k) => store.get(k), put: async (k, v) => void store.set(k, v) },
    prefetched: new Map(),
    log: { info: (m) => info.push(m), warn: (m) => warnings.push(m), group: (_n, fn) => fn() },
    timeoutMs: 1000,
    checkSecrets: (p) => void checked.push(p),
    record: (_doc, u) => void spent.push(u.outputTokens),
    reserve: (d, req, fallback) => {
      reserved.push([d.prompt.out, req.tool ? 'edits' : 'whole', fallback])
      return () => undefined
    },
    overBudget: () => undefined,
    noTools: new Set(),
    ...over
  }
  return { ctx, requests, checked, spent, reserved, store, warnings, info }
}

const edits = (list: Array<{ old_text: string; new_text: string }>, outputTokens = 5): Partial<RenderResult> => ({
  toolUses: [{ name: 'edit_document', input: JSON.stringify({ edits: list }) }],
  stopReason: 'tool_use',
  outputTokens
})

describe('renderDocument in edit mode', () => {
  it('applies the edits to the exact draft sent; one call, with the tool; the cache keeps the text and its style', async () => {
    const t = context([edits([{ old_text: '30 seconds', new_text: '45 seconds' }])])
    const r = await renderDocument(t.ctx, doc(), packed())
    expect(r).toMatchObject({ body: DRAFT.replace('30', '45'), asIs: true, style: 'edits', calls: 1, cached: false })
    expect(t.requests).toHaveLength(1)
    expect(t.requests[0].tool).toBe(EDIT_TOOL)
    expect(t.checked).toHaveLength(1)
    const [entry] = [...t.store.values()].map((v) => JSON.parse(v))
    expect(entry).toMatchObject({ body: DRAFT.replace('30', '45'), style: 'edits' })
    // a second time: from the cache, no call, the same text and style
    const again = await renderDocument({ ...t.ctx }, doc(), packed())
    expect(again).toMatchObject({ body: DRAFT.replace('30', '45'), style: 'edits', cached: true, calls: 0 })
    expect(t.requests).toHaveLength(1)
  })

  it('an empty list keeps the draft as it is', async () => {
    const t = context([edits([])])
    expect((await renderDocument(t.ctx, doc(), packed())).body).toBe(DRAFT)
  })

  it.each<[string, Answer, string]>([
    [
      'two calls of the tool',
      {
        toolUses: [
          { name: 'edit_document', input: '{"edits":[]}' },
          { name: 'edit_document', input: '{"edits":[]}' }
        ],
        stopReason: 'tool_use'
      },
      'the model called edit_document 2 times'
    ],
    [
      'another tool',
      { toolUses: [{ name: 'write_file', input: '{}' }], stopReason: 'tool_use' },
      'the model did not call edit_document'
    ],
    ['no call, no text', { stopReason: 'end_turn' }, 'the model did not call edit_document'],
    [
      'a cut-off reply',
      { toolUses: [{ name: 'edit_document', input: '{"edits":[{"old' }], stopReason: 'max_tokens' },
      'the reply was cut off at max_tokens (1000)'
    ],
    [
      'a tool call Bedrock calls malformed',
      { toolUses: [{ name: 'edit_document', input: '{"edits":[{"old_text":"a",' }], stopReason: 'malformed_tool_use' },
      'Bedrock stopped the reply as malformed_tool_use'
    ],
    [
      'a reply Bedrock calls malformed',
      { toolUses: [], stopReason: 'malformed_model_output' },
      'Bedrock stopped the reply as malformed_model_output'
    ]
  ])('%s: one whole-document rewrite, both calls counted and checked for secrets', async (_name, first, reason) => {
    const t = context([first, { text: '# Whole\n', outputTokens: 50 }])
    const r = await renderDocument(t.ctx, doc(), packed())
    expect(r).toMatchObject({ body: '# Whole\n', asIs: false, style: 'edits→rewrite', editsFailed: reason, calls: 2 })
    // both calls in the ledger, each reserved before it started
    expect(t.spent).toEqual([5, 50])
    expect(t.reserved).toEqual([
      ['docs/guide.md', 'edits', false],
      ['docs/guide.md', 'whole', true]
    ])
    expect(t.requests.map((q) => q.tool)).toEqual([EDIT_TOOL, undefined])
    // the rewrite says what it is, so a failure of it does too
    expect(t.requests.map((q) => q.purpose)).toEqual([
      undefined,
      `the whole-document rewrite after edits that did not apply: ${reason}`
    ])
    expect(t.checked).toHaveLength(2)
    expect(t.checked[1]).toContain('Reply with the final document and nothing else')
    expect(t.warnings).toEqual([`docs/guide.md: edits did not apply: ${reason}; rewriting the whole document`])
  })

  it('no rewrite once the first call crossed the budget: the run stops there', async () => {
    const t = context([edits([{ old_text: 'missing', new_text: 'x' }])], {
      overBudget: () => 'over max-output-tokens (1)'
    })
    await expect(renderDocument(t.ctx, doc(), packed())).rejects.toThrow(GraftError)
    expect(t.requests).toHaveLength(1)
  })

  it('a rewrite max-cost-usd cannot hold is not made: refused before its request, the failed edit attempt counted', async () => {
    const refusal = new GraftError({ message: 'docs/guide.md: no rewrite after edits that did not apply: …' })
    const t = context([edits([{ old_text: 'missing', new_text: 'x' }], 7)], {
      reserve: (_d, _req, fallback) => {
        if (fallback) throw refusal
        return () => undefined
      }
    })
    await expect(renderDocument(t.ctx, doc(), packed())).rejects.toBe(refusal)
    expect(t.requests).toHaveLength(1)
    expect(t.spent).toEqual([7])
    // nothing cached: a re-run asks again
    expect(t.store.size).toBe(0)
  })

  it('a reservation holds only while its call runs, also when the call fails', async () => {
    let held = 0
    const seen: number[] = []
    const t = context([new Error('broken for good')], {
      reserve: () => {
        held++
        return () => void held--
      },
      renderer: async () => ({
        render: async () => {
          seen.push(held)
          throw new Error('broken for good')
        }
      })
    })
    await expect(renderDocument(t.ctx, doc(), packed())).rejects.toThrow('broken for good')
    expect(seen).toEqual([1])
    expect(held).toBe(0)
  })

  it('a model refusing tools, two documents at once: said once; a later document of that model makes no edit attempt', async () => {
    const refused = new ToolUseRefused(
      Object.assign(new Error("This model doesn't support tool use in streaming mode."), {
        name: 'ValidationException'
      }),
      { label: 'x', modelId: 'mistral.x', region: 'us-east-1' },
      1
    )
    const t = context([refused, refused, { text: '# A\n' }, { text: '# B\n' }, { text: '# C\n' }])
    const [a, b] = await Promise.all([
      renderDocument(t.ctx, doc('docs/a.md', 'mistral.x'), packed('Write a.')),
      renderDocument(t.ctx, doc('docs/b.md', 'mistral.x'), packed('Write b.'))
    ])
    expect([a.style, b.style]).toEqual(['edits→rewrite', 'edits→rewrite'])
    expect(t.warnings.filter((w) => w.includes('refuses tool use'))).toHaveLength(1)
    const c = await renderDocument(t.ctx, doc('docs/c.md', 'mistral.x'), packed('Write c.'))
    expect(c).toMatchObject({ style: 'edits→rewrite', editsFailed: 'Bedrock refuses tool use for mistral.x', calls: 1 })
    expect(t.requests.map((q) => [q.label, q.tool === undefined ? 'whole' : 'edits'])).toEqual([
      ['docs/a.md', 'edits'],
      ['docs/b.md', 'edits'],
      ['docs/a.md', 'whole'],
      ['docs/b.md', 'whole'],
      ['docs/c.md', 'whole']
    ])
    expect(t.warnings.filter((w) => w.includes('edits did not apply'))).toEqual([])
  })

  it('any other failure of the edit call is the document’s failure, not a fallback', async () => {
    const t = context([new Error('throttled for good')])
    await expect(renderDocument(t.ctx, doc(), packed())).rejects.toThrow('throttled for good')
    expect(t.requests).toHaveLength(1)
  })

  // The packed prompt shows the draft without its final line break (its block drops one), so two
  // drafts that differ only there pack alike; an edited text holds its draft's ending byte for byte.
  it('an edited text is cached for its exact draft: a draft that differs only in its final line break is a miss', async () => {
    const t = context([edits([]), edits([])])
    const ended = await renderDocument(t.ctx, doc(), packed('Write it.', DRAFT))
    expect(ended).toMatchObject({ body: DRAFT, cached: false })
    const unended = DRAFT.replace(/\n$/, '')
    expect(packed('Write it.', unended).packed).toBe(packed('Write it.', DRAFT).packed)
    const again = await renderDocument(t.ctx, doc(), packed('Write it.', unended))
    expect(again).toMatchObject({ body: unended, cached: false, calls: 1 })
    expect(t.requests).toHaveLength(2)
  })

  it('edits that do not apply, then the rewrite from the cache: a call was made, so the text is not a cache hit', async () => {
    const t = context([edits([{ old_text: 'missing', new_text: 'x' }])])
    // an earlier run with update-style: rewrite left the whole text in the cache
    t.store.set(
      renderCacheKey(doc(), packedForRewrite(packed())),
      JSON.stringify({ body: '# Whole\n', style: 'rewrite', sig: 's' })
    )
    const r = await renderDocument(t.ctx, doc(), packed())
    expect(r).toMatchObject({ body: '# Whole\n', style: 'edits→rewrite', calls: 1, cached: false })
    expect(t.requests).toHaveLength(1)
  })

  it.each(['not json', '{"body": 3, "sig": "x"}', 'null'])(
    'a cache entry that does not read back (%s) is a miss, never a text',
    async (bad) => {
      const t = context([edits([])])
      t.store.set(renderCacheKey(doc(), packed()), bad)
      const r = await renderDocument(t.ctx, doc(), packed())
      expect(r).toMatchObject({ cached: false, body: DRAFT, calls: 1 })
    }
  )
})
