// staleReasons: what the status engine saw, dvc.yaml drift and header checks,
// turned into reasons per stage, with everything downstream of a stale stage
// marked stale too. Pipelines are built from plain stage lists and the real
// StageGraph; no repository needed.
import { describe, expect, it } from '@jest/globals'
import { alwaysChangedOnly, staleReasons } from '../../../src/core/validate/reasons.js'
import { StageGraph } from '../../../src/core/pipeline/graph.js'
import type { Pipeline } from '../../../src/core/pipeline/load.js'
import type { Drift } from '../../../src/core/pipeline/stages.js'
import type { DvcLock, PipelineStatus, PromptFile, Reason, StageDef, StageStatus } from '../../../src/core/types.js'

/** a.prompt.md → a.md; b reads a.md → b.md; c reads b.md → c.md; z stands alone. */
const STAGES: StageDef[] = [
  { name: 'a', cmd: 'graft a', deps: ['a.prompt.md', 'src.txt'], outs: [{ path: 'a.md', cache: false }] },
  { name: 'b', cmd: 'graft b', deps: ['b.prompt.md', 'a.md'], outs: [{ path: 'b.md', cache: false }] },
  { name: 'c', cmd: 'graft c', deps: ['c.prompt.md', 'b.md'], outs: [{ path: 'c.md', cache: false }] },
  { name: 'z', cmd: 'graft z', deps: ['z.prompt.md'], outs: [{ path: 'z.md', cache: false }] }
]

function prompt(name: string): PromptFile {
  return { path: `${name}.prompt.md`, stageName: name, deps: [], out: `${name}.md`, body: '' }
}

function lockOf(names: string[]): DvcLock {
  return { schema: '2.0', stages: new Map(names.map((n) => [n, { cmd: `graft ${n}`, deps: [], outs: [] }])) }
}

function pipeline(opts: { locked?: string[]; drift?: Drift[]; dvcYaml?: boolean } = {}): Pipeline {
  const withYaml = opts.dvcYaml ?? true
  return {
    prompts: ['a', 'b', 'c', 'z'].map(prompt),
    dvcYaml: withYaml ? { stages: STAGES, unsupported: [] } : undefined,
    lock: opts.locked ? lockOf(opts.locked) : undefined,
    stages: STAGES,
    orphans: [],
    graph: StageGraph.build(STAGES),
    drift: opts.drift ?? []
  }
}

function status(s: Partial<StageStatus>): StageStatus {
  return { changedDeps: {}, changedOuts: {}, changedCommand: false, alwaysChanged: false, ...s }
}

const ALL = ['a', 'b', 'c', 'z']
const texts = (r: Reason[] | undefined): string[] => (r ?? []).map((x) => x.text)

describe('staleReasons', () => {
  it('nothing changed, everything locked: no stage has a reason', () => {
    const reasons = staleReasons({ pipeline: pipeline({ locked: ALL }), status: new Map(), handEdits: new Map() })
    expect(reasons.size).toBe(0)
  })

  it('a changed dep names the path and its state, and marks every stage downstream', () => {
    const st: PipelineStatus = new Map([['a', status({ changedDeps: { 'src.txt': 'modified' } })]])
    const reasons = staleReasons({ pipeline: pipeline({ locked: ALL }), status: st, handEdits: new Map() })
    expect(reasons.get('a')).toEqual([{ kind: 'changed-dep', path: 'src.txt', text: 'dep src.txt modified' }])
    expect(reasons.get('b')).toEqual([{ kind: 'upstream-stale', text: 'upstream a is stale' }])
    // c is downstream of a through b; its reason names the stale stage it descends from
    expect(reasons.get('c')?.map((r) => r.kind)).toEqual(['upstream-stale'])
    expect(texts(reasons.get('c'))).toContain('upstream a is stale')
    expect(reasons.has('z')).toBe(false)
  })

  it('a stage missing from dvc.lock is "never generated"; without a dvc.yaml it is not', () => {
    const locked = staleReasons({
      pipeline: pipeline({ locked: ['a', 'b', 'c'] }),
      status: new Map(),
      handEdits: new Map()
    })
    expect(locked.get('z')).toEqual([{ kind: 'not-in-lock', text: 'not in dvc.lock (never generated)' }])
    expect([...locked.keys()]).toEqual(['z'])

    const noYaml = staleReasons({ pipeline: pipeline({ dvcYaml: false }), status: new Map(), handEdits: new Map() })
    expect(noYaml.size).toBe(0)
  })

  it('a modified Graft output of a locked stage is an edit by hand; other output changes say their state', () => {
    const st: PipelineStatus = new Map([
      ['z', status({ changedOuts: { 'z.md': 'modified' } })],
      ['b', status({ changedOuts: { 'b.md': 'deleted' } })]
    ])
    const reasons = staleReasons({ pipeline: pipeline({ locked: ALL }), status: st, handEdits: new Map() })
    expect(reasons.get('z')).toEqual([
      { kind: 'edited-by-hand', path: 'z.md', text: 'z.md edited by hand (its md5 differs from dvc.lock)' }
    ])
    expect(reasons.get('b')?.[0]).toEqual({ kind: 'changed-out', path: 'b.md', text: 'output b.md deleted' })
  })

  it('a modified output of a stage not in dvc.lock is a changed output, not an edit by hand', () => {
    const st: PipelineStatus = new Map([['z', status({ changedOuts: { 'z.md': 'modified' } })]])
    const reasons = staleReasons({ pipeline: pipeline({ locked: ['a', 'b', 'c'] }), status: st, handEdits: new Map() })
    expect(reasons.get('z')?.map((r) => r.kind)).toEqual(['not-in-lock', 'changed-out'])
  })

  it('changed command, always changed, dvc.yaml drift and header problems each give a reason', () => {
    const st: PipelineStatus = new Map([['z', status({ changedCommand: true, alwaysChanged: true })]])
    const drift: Drift[] = [{ stage: 'z', kind: 'deps-differ', text: 'deps differ: add z.txt' }]
    const handEdits = new Map<string, Reason[]>([
      ['z', [{ kind: 'edited-by-hand', path: 'z.md', text: 'z.md header says rev 1' }]]
    ])
    const reasons = staleReasons({ pipeline: pipeline({ locked: ALL, drift }), status: st, handEdits })
    expect(reasons.get('z')).toEqual([
      { kind: 'changed-command', text: 'command changed since dvc.lock' },
      { kind: 'always-changed', text: 'always changed' },
      { kind: 'dvc-yaml-out-of-sync', text: 'dvc.yaml out of sync: deps differ: add z.txt' },
      { kind: 'edited-by-hand', path: 'z.md', text: 'z.md header says rev 1' }
    ])
  })

  it('the same text twice for a stage is listed once', () => {
    const st: PipelineStatus = new Map([['a', status({ changedDeps: { 'src.txt': 'modified' } })]])
    const handEdits = new Map<string, Reason[]>([
      ['a', [{ kind: 'changed-dep', path: 'src.txt', text: 'dep src.txt modified' }]]
    ])
    const reasons = staleReasons({ pipeline: pipeline({ locked: ALL }), status: st, handEdits })
    expect(texts(reasons.get('a'))).toEqual(['dep src.txt modified'])
  })

  it('two stale upstreams give a downstream stage one reason each', () => {
    const st: PipelineStatus = new Map([
      ['a', status({ changedDeps: { 'src.txt': 'modified' } })],
      ['b', status({ changedCommand: true })]
    ])
    const reasons = staleReasons({ pipeline: pipeline({ locked: ALL }), status: st, handEdits: new Map() })
    expect(texts(reasons.get('c')).sort()).toEqual(['upstream a is stale', 'upstream b is stale'])
    expect(texts(reasons.get('b'))).toEqual(['command changed since dvc.lock', 'upstream a is stale'])
  })

  it('never into or through a frozen stage; a stale frozen document says generate leaves it', () => {
    const stages = STAGES.map((s) => (s.name === 'b' ? { ...s, frozen: true } : s))
    const p = { ...pipeline({ locked: ALL }), stages, graph: StageGraph.build(stages) }
    const st: PipelineStatus = new Map([['a', status({ changedDeps: { 'src.txt': 'modified' } })]])
    const reasons = staleReasons({ pipeline: p, status: st, handEdits: new Map() })
    expect([...reasons.keys()]).toEqual(['a'])
    const edited = staleReasons({
      pipeline: p,
      status: new Map([['b', status({ changedOuts: { 'b.md': 'modified' } })]]),
      handEdits: new Map()
    })
    expect(edited.get('b')?.map((r) => r.kind)).toEqual(['edited-by-hand', 'frozen'])
    expect(edited.has('c')).toBe(false) // DVC reports c's changed dep itself when it sees one
  })

  it('a helper stage that is only always_changed marks nothing downstream; one whose dep changed makes its readers wait', () => {
    const stages: StageDef[] = [
      {
        name: 'helper',
        cmd: 'make',
        deps: ['in.txt'],
        outs: [{ path: 'made.txt', cache: false }],
        alwaysChanged: true
      },
      { name: 'a', cmd: 'graft a', deps: ['a.prompt.md', 'made.txt'], outs: [{ path: 'a.md', cache: false }] },
      { name: 'b', cmd: 'graft b', deps: ['b.prompt.md', 'a.md'], outs: [{ path: 'b.md', cache: false }] },
      { name: 'z', cmd: 'graft z', deps: ['z.prompt.md'], outs: [{ path: 'z.md', cache: false }] }
    ]
    const p: Pipeline = {
      prompts: ['a', 'b', 'z'].map(prompt),
      dvcYaml: { stages, unsupported: [] },
      lock: lockOf(['helper', 'a', 'b', 'z']),
      stages,
      orphans: [],
      graph: StageGraph.build(stages),
      drift: []
    }
    const always = staleReasons({
      pipeline: p,
      status: new Map([['helper', status({ alwaysChanged: true })]]),
      handEdits: new Map()
    })
    // always changed, nothing else: no `dvc repro` reason (it is no stale document; validate gives it a notice)
    expect([...always.keys()]).toEqual(['helper'])
    expect(always.get('helper')?.map((r) => r.kind)).toEqual(['always-changed'])
    expect(alwaysChangedOnly(always)).toEqual(['helper'])
    const changed = staleReasons({
      pipeline: p,
      status: new Map([['helper', status({ alwaysChanged: true, changedDeps: { 'in.txt': 'modified' } })]]),
      handEdits: new Map()
    })
    expect([...changed.keys()].sort()).toEqual(['a', 'b', 'helper'])
    expect(alwaysChangedOnly(changed)).toEqual([])
    expect(texts(changed.get('helper'))).toContain(
      'not a prompt stage: graft-action does not render it; run `dvc repro helper` and commit its outputs'
    )
    for (const doc of ['a', 'b'])
      expect(changed.get(doc)?.map((r) => r.kind)).toEqual(['upstream-stale', 'needs-repro'])
    expect(texts(changed.get('b'))).toContain(
      'waits for helper (not a prompt stage): run `dvc repro helper` and commit, then regenerate'
    )
  })
})
