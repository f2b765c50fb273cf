// planGeneration: which documents a run rewrites (stale ones, or every target
// with force), in dependency order, each with its model and output-token
// limit; refusals come before any model call. Reports are built by hand from
// plain stage lists and the real StageGraph.
import { describe, expect, it } from '@jest/globals'
import { leftStale, planGeneration } from '../../../src/core/generate/plan.js'
import { GraftError } from '../../../src/core/errors.js'
import { StageGraph } from '../../../src/core/pipeline/graph.js'
import type { Pipeline } from '../../../src/core/pipeline/load.js'
import type { PromptFile, Reason, StageDef } from '../../../src/core/types.js'
import type { ValidationReport } from '../../../src/core/validate/validate.js'

/** a → b → c (each reads the one before); z alone; helper is a stage no prompt defines, read by nobody. */
const STAGES: StageDef[] = [
  { name: 'a', cmd: 'graft a', deps: ['a.prompt.md', 'src.txt'], outs: [{ path: 'a.md', cache: false }] },
  { name: 'b', cmd: 'graft b', deps: ['b.prompt.md', 'a.md'], outs: [{ path: 'b.md', cache: false }] },
  { name: 'c', cmd: 'graft c', deps: ['c.prompt.md', 'b.md'], outs: [{ path: 'c.md', cache: false }] },
  { name: 'z', cmd: 'graft z', deps: ['z.prompt.md'], outs: [{ path: 'z.md', cache: false }] },
  { name: 'helper', cmd: 'python make.py', deps: ['make.py'], outs: [{ path: 'made.txt', cache: false }] }
]

function prompt(name: string, extra: Partial<PromptFile> = {}): PromptFile {
  return { path: `${name}.prompt.md`, stageName: name, deps: [], out: `${name}.md`, body: '', ...extra }
}

function report(
  stale: string[],
  opts: { targets?: string[]; prompts?: PromptFile[]; frozen?: string[]; reasons?: Record<string, Reason[]> } = {}
): ValidationReport {
  const stages = STAGES.map((s, i) => (opts.frozen?.includes(s.name) ? { ...s, frozen: true, line: 10 + i } : s))
  const pipeline: Pipeline = {
    prompts: opts.prompts ?? ['a', 'b', 'c', 'z'].map((n) => prompt(n)),
    dvcYaml: { stages, unsupported: [] },
    lock: undefined,
    stages,
    graph: StageGraph.build(stages),
    drift: []
  }
  return {
    engine: 'native',
    pipeline,
    targets: new Set(opts.targets ?? STAGES.map((s) => s.name)),
    explicitTargets: opts.targets !== undefined,
    notices: [],
    namedTargets: new Set(opts.targets ?? []),
    outsideTargets: [],
    stale: stale.map((stage) => ({
      stage,
      outputs: [`${stage}.md`],
      prompt: `${stage}.prompt.md`,
      reasons: opts.reasons?.[stage] ?? [{ kind: 'changed-dep', text: `${stage} changed` }]
    }))
  }
}

function problemsOf(run: () => unknown): GraftError {
  try {
    run()
  } catch (e) {
    if (e instanceof GraftError) return e
    throw e
  }
  throw new Error('expected a GraftError')
}

describe('planGeneration', () => {
  it('plans the stale documents in dependency order; `after` names only upstreams in the plan', () => {
    const plan = planGeneration(report(['a', 'c', 'z']), { force: false })
    expect(plan.map((d) => d.stage.name)).toEqual(['a', 'c', 'z'])
    // c waits for a (its upstream through b), though b itself is not rewritten
    expect(plan.find((d) => d.stage.name === 'c')!.after).toEqual(['a'])
    expect(plan.find((d) => d.stage.name === 'z')!.after).toEqual([])
    expect(plan[0].reasons).toEqual(['a changed'])
  })

  it('with force, every target in graph order, not stale ones marked "forced"', () => {
    const plan = planGeneration(report([], { targets: ['c', 'b'] }), { force: true })
    expect(plan.map((d) => d.stage.name)).toEqual(['b', 'c'])
    expect(plan[1].after).toEqual(['b'])
    expect(plan.every((d) => d.reasons.join() === 'forced')).toBe(true)
  })

  it('force leaves out targeted stages no prompt defines', () => {
    const plan = planGeneration(report([], { targets: ['helper', 'z'] }), { force: true })
    expect(plan.map((d) => d.stage.name)).toEqual(['z'])
  })

  it('model: the prompt’s own, else the `model` input, else the default; resolved to a Bedrock id', () => {
    const prompts = [prompt('a', { model: 'bedrock-claude-haiku' }), prompt('b'), prompt('c'), prompt('z')]
    const plan = planGeneration(report(['a', 'b'], { prompts }), {
      force: false,
      defaultModel: 'bedrock-claude-v3.5-sonnet'
    })
    expect(plan[0].modelName).toBe('bedrock-claude-haiku')
    expect(plan[0].modelId).toContain('anthropic.claude-3-haiku')
    expect(plan[1].modelName).toBe('bedrock-claude-v3.5-sonnet')
    expect(plan[1].modelId).toContain('anthropic.claude-3-5-sonnet')
  })

  it('output tokens: the prompt’s max_tokens, else the input capped at the model’s limit', () => {
    const prompts = [
      prompt('a', { model: 'bedrock-claude-haiku' }),
      prompt('b', { maxTokens: 1000 }),
      prompt('c'),
      prompt('z')
    ]
    const plan = planGeneration(report(['a', 'b', 'c'], { prompts }), { force: false, maxTokens: 16000 })
    expect(plan[0].maxTokens).toBe(4096)
    expect(plan[1].maxTokens).toBe(1000)
    expect(plan[2].maxTokens).toBe(16000)
    // what set it, for the message when a reply runs into it
    expect(plan[0].maxTokensFrom).toBe(
      "the model's output limit (4096 tokens for bedrock-claude-haiku; max-tokens is 16000)"
    )
    expect(plan[1].maxTokensFrom).toBe('`max_tokens: 1000` in b.prompt.md')
    expect(plan[2].maxTokensFrom).toMatch(/^the max-tokens setting \(\S+ sets no `max_tokens`\)$/)
  })

  it('refuses, before any call, every prompt whose max_tokens exceeds its model’s limit, on its line', () => {
    const prompts = [
      prompt('a', { model: 'bedrock-claude-haiku', maxTokens: 8000, maxTokensLine: 3 }),
      prompt('b'),
      prompt('c', { model: 'bedrock-claude-v3.5-sonnet', maxTokens: 5000, maxTokensLine: 4 }),
      prompt('z')
    ]
    const error = problemsOf(() => planGeneration(report(['a', 'b', 'c'], { prompts }), { force: false }))
    expect(error.problems.map((p) => [p.file, p.line])).toEqual([
      ['a.prompt.md', 3],
      ['c.prompt.md', 4]
    ])
    expect(error.problems[0].message).toContain(
      'max_tokens is 8000, above the output limit of bedrock-claude-haiku (4096 tokens)'
    )
    expect(error.problems[0].hint).toContain('max_tokens: 4096')
  })

  it('an unknown model name is refused, naming the prompt', () => {
    const prompts = [prompt('a', { model: 'claude-sonet' }), prompt('b'), prompt('c'), prompt('z')]
    const error = problemsOf(() => planGeneration(report(['a'], { prompts }), { force: false }))
    expect(error.problems[0].file).toBe('a.prompt.md')
    expect(error.message).toContain('claude-sonet')
  })

  it('a stale stage no prompt defines is left out, not an error (validate says to `dvc repro` it); unrelated documents are planned', () => {
    const r = report(['helper', 'z'], {
      reasons: { helper: [{ kind: 'not-a-prompt', text: 'run `dvc repro helper`' }] }
    })
    const plan = planGeneration(r, { force: false })
    expect(plan.map((d) => d.stage.name)).toEqual(['z'])
    expect(leftStale(r, plan).map((d) => d.stage)).toEqual(['helper'])
  })

  it('a document waiting for a `dvc repro` (needs-repro) is left out, with or without force', () => {
    const waits: Reason[] = [{ kind: 'needs-repro', text: 'waits for helper' }]
    const r = report(['a', 'b'], { reasons: { b: waits } })
    const plan = planGeneration(r, { force: false })
    expect(plan.map((d) => d.stage.name)).toEqual(['a'])
    expect(leftStale(r, plan).map((d) => d.stage)).toEqual(['b'])
    expect(planGeneration(report(['b'], { targets: ['b'], reasons: { b: waits } }), { force: true })).toEqual([])
  })

  it('a frozen stage is never planned: stale, or forced with every stage targeted', () => {
    expect(planGeneration(report(['a', 'b'], { frozen: ['b'] }), { force: false }).map((d) => d.stage.name)).toEqual([
      'a'
    ])
    expect(planGeneration(report([], { frozen: ['b'] }), { force: true }).map((d) => d.stage.name)).toEqual([
      'a',
      'c',
      'z'
    ])
  })

  it('force with a frozen stage named in targets: refused on its dvc.yaml line, before any call', () => {
    const error = problemsOf(() => planGeneration(report([], { targets: ['b', 'z'], frozen: ['b'] }), { force: true }))
    expect(error.problems).toHaveLength(1)
    expect(error.problems[0]).toMatchObject({ file: 'dvc.yaml', line: 11 })
    expect(error.problems[0].message).toContain(
      'stage b is frozen (frozen: true in dvc.yaml), so it is never regenerated, even with force'
    )
    expect(error.problems[0].hint).toContain('dvc unfreeze b')
  })
})
