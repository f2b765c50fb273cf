// leftStale: what a targeted run leaves stale outside its scope — documents
// stale before it, and documents that read an output it rewrote. Reports are
// built by hand from plain stage lists and the real StageGraph.
import { describe, expect, it } from '@jest/globals'
import { leftStale } from '../../../src/core/generate/left-stale.js'
import { StageGraph } from '../../../src/core/pipeline/graph.js'
import { scopeOf } from '../../../src/core/pipeline/targets.js'
import type { Pipeline } from '../../../src/core/pipeline/load.js'
import type { StageDef, StaleDocument } from '../../../src/core/types.js'
import type { ValidationReport } from '../../../src/core/validate/validate.js'

/** faq reads overview; index reads faq; notes stands alone. */
const STAGES: StageDef[] = [
  {
    name: 'overview',
    cmd: 'graft overview',
    deps: ['overview.prompt.md', 'src.md'],
    outs: [{ path: 'overview.md', cache: false }]
  },
  { name: 'faq', cmd: 'graft faq', deps: ['faq.prompt.md', 'overview.md'], outs: [{ path: 'faq.md', cache: false }] },
  {
    name: 'index',
    cmd: 'graft index',
    deps: ['index.prompt.md', 'faq.md'],
    outs: [{ path: 'index.md', cache: false }]
  },
  { name: 'notes', cmd: 'graft notes', deps: ['notes.prompt.md', 'log.md'], outs: [{ path: 'notes.md', cache: false }] }
]
const graph = StageGraph.build(STAGES)

function stale(stage: string): StaleDocument {
  return {
    stage,
    outputs: [`${stage}.md`],
    prompt: `${stage}.prompt.md`,
    reasons: [{ kind: 'changed-dep', text: `dep of ${stage} modified` }]
  }
}

function report(
  targets: string[] | undefined,
  staleStages: string[],
  policy: 'include' | 'report' = 'report'
): ValidationReport {
  const pipeline: Pipeline = {
    prompts: STAGES.map((s) => ({
      path: `${s.name}.prompt.md`,
      stageName: s.name,
      deps: [],
      out: `${s.name}.md`,
      body: ''
    })),
    dvcYaml: { stages: STAGES, unsupported: [] },
    lock: undefined,
    stages: STAGES,
    orphans: [],
    graph,
    drift: []
  }
  const scope = targets ? scopeOf(new Set(targets), graph, policy) : new Set(STAGES.map((s) => s.name))
  return {
    engine: 'native',
    pipeline,
    targets: scope,
    explicitTargets: targets !== undefined,
    namedTargets: new Set(targets ?? []),
    notices: [],
    stale: staleStages.filter((s) => scope.has(s)).map(stale),
    outsideTargets: staleStages.filter((s) => !scope.has(s)).map(stale)
  }
}

describe('scopeOf', () => {
  it('include: the targets and everything downstream of them; report: the targets only', () => {
    expect([...scopeOf(new Set(['faq']), graph, 'include')].sort()).toEqual(['faq', 'index'])
    expect([...scopeOf(new Set(['overview']), graph, 'include')].sort()).toEqual(['faq', 'index', 'overview'])
    expect([...scopeOf(new Set(['faq']), graph, 'report')]).toEqual(['faq'])
  })
})

describe('leftStale', () => {
  it('a run without targets leaves nothing', () => {
    expect(leftStale(report(undefined, ['notes']), ['overview.md'])).toEqual([])
  })

  it('a forced target that was rewritten leaves what reads it stale, in dependency order, saying why', () => {
    const left = leftStale(report(['overview'], []), ['overview.md'])
    expect(left.map((d) => d.outputs[0])).toEqual(['faq.md', 'index.md'])
    expect(left[0].why).toContain('reads overview.md')
    expect(left[0].prompt).toBe('faq.prompt.md')
  })

  it('a target whose text did not change leaves nothing behind it', () => {
    expect(leftStale(report(['overview'], []), [])).toEqual([])
  })

  it('documents stale before the run, outside the targets, are named with their reasons', () => {
    const left = leftStale(report(['faq'], ['faq', 'notes']), ['faq.md'])
    expect(left.map((d) => [d.stage, d.why])).toEqual([
      ['index', 'reads faq.md (directly or through another document), which this run regenerated'],
      ['notes', 'stale before the run, outside the targets: dep of notes modified']
    ])
  })

  it('with downstream: include, nothing downstream of a target is left', () => {
    expect(leftStale(report(['overview'], ['overview'], 'include'), ['overview.md', 'faq.md', 'index.md'])).toEqual([])
  })
})
