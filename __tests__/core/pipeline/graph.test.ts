import { describe, expect, it } from '@jest/globals'
import { GraftError, type Problem } from '../../../src/core/errors.js'
import { StageGraph, type DepLocator } from '../../../src/core/pipeline/graph.js'
import type { StageDef } from '../../../src/core/types.js'

function stage(name: string, deps: string[], outs: string[], line?: number): StageDef {
  return { name, cmd: `make ${name}`, deps, outs: outs.map((path) => ({ path, cache: false })), line }
}

function problemsOf(stages: StageDef[], locate?: DepLocator): Problem[] {
  try {
    StageGraph.build(stages, 'dvc.yaml', locate)
  } catch (e) {
    if (e instanceof GraftError) return e.problems
    throw e
  }
  throw new Error('expected a GraftError')
}

describe('StageGraph', () => {
  // c (level 2) reads b and a; b (level 1) reads a; d is independent; listed out of order on purpose
  const dag = [
    stage('c', ['c.prompt.md', 'docs/b.md', 'docs/a.md'], ['docs/c.md']),
    stage('b', ['b.prompt.md', 'docs/a.md'], ['docs/b.md']),
    stage('d', ['d.prompt.md', 'src/x.ts'], ['docs/d.md']),
    stage('a', ['a.prompt.md', 'src/x.ts'], ['docs/a.md'])
  ]

  it('orders a 3-level DAG, breaking ties by the given order', () => {
    const g = StageGraph.build(dag)
    expect(g.order()).toEqual(['d', 'a', 'b', 'c'])
    expect(g.levels()).toEqual([['d', 'a'], ['b'], ['c']])
    expect(g.upstream('c')).toEqual(['a', 'b'])
    expect(g.upstream('a')).toEqual([])
    expect(g.dependenciesOf('c')).toEqual(['b', 'a'])
    expect([...g.downstream(['a'])]).toEqual(['b', 'c'])
    expect([...g.downstream(['b', 'd'])]).toEqual(['c'])
    expect(g.outputsOf('b')).toEqual(['docs/b.md'])
    expect(g.has('a')).toBe(true)
    expect(g.has('zz')).toBe(false)
    expect(() => g.upstream('zz')).toThrow(/no stage named zz/)
  })

  it('links a folder dep to the outputs inside it, and a dep inside an output folder', () => {
    const g = StageGraph.build([
      stage('index', ['index.prompt.md', 'docs/gen'], ['docs/index.md']),
      stage('one', ['one.prompt.md'], ['docs/gen/one.md']),
      stage('two', ['two.prompt.md'], ['docs/gen/sub/two.md']),
      stage('tree', ['tree.prompt.md'], ['build/tree']),
      stage('leaf', ['leaf.prompt.md', './build/tree/leaf.txt'], ['docs/leaf.md'])
    ])
    expect(g.dependenciesOf('index')).toEqual(['one', 'two'])
    expect(g.dependenciesOf('leaf')).toEqual(['tree'])
    expect(g.order()).toEqual(['one', 'two', 'index', 'tree', 'leaf'])
  })

  it('does not confuse docs/a with docs/ab.md', () => {
    const g = StageGraph.build([
      stage('reader', ['r.prompt.md', 'docs/a'], ['out/r.md']),
      stage('ab', ['ab.prompt.md'], ['docs/ab.md']),
      stage('inner', ['inner.prompt.md', 'docs/ab.md/x'], ['out/i.md'])
    ])
    expect(g.dependenciesOf('reader')).toEqual([])
    expect(g.levels()).toEqual([['reader', 'ab'], ['inner']])
  })

  it('reports a cycle of 3 naming each stage in order and the paths that link them', () => {
    const problems = problemsOf([
      stage('free', ['f.prompt.md'], ['docs/free.md'], 2),
      stage('a', ['a.prompt.md', 'docs/c.md'], ['docs/a.md'], 7),
      stage('b', ['b.prompt.md', 'docs/a.md'], ['docs/b.md'], 12),
      stage('c', ['c.prompt.md', 'docs/b.md', 'docs/free.md'], ['docs/c.md'], 17)
    ])
    // one problem per stage in the ring, each on its own stage in dvc.yaml (no prompt declares these)
    expect(problems.map((p) => [p.file, p.line])).toEqual([
      ['dvc.yaml', 7],
      ['dvc.yaml', 12],
      ['dvc.yaml', 17]
    ])
    for (const p of problems) {
      expect(p.message).toBe(
        'the pipeline has a cycle: a → b → c → a (b reads docs/a.md written by a; c reads docs/b.md written by b; a reads docs/c.md written by c)'
      )
      expect(p.hint).toMatch(/remove one of these deps/)
    }
  })

  it('pins a cycle on each prompt in the ring, at the line of the dep that closes it', () => {
    // a, b, c are prompts (b's prompt is new: no line in dvc.yaml); h is a helper stage only dvc.yaml declares
    const lines: Record<string, Record<string, number>> = {
      a: { 'docs/h.md': 4 },
      b: { 'src/x.md': 3, 'docs/a.md': 5 },
      c: { 'docs/b.md': 6 }
    }
    const locate: DepLocator = (name, dep) =>
      lines[name] ? { file: `${name}.prompt.md`, line: lines[name][dep] } : undefined
    const problems = problemsOf(
      [
        stage('free', ['f.prompt.md'], ['docs/free.md'], 2),
        stage('a', ['a.prompt.md', 'docs/h.md'], ['docs/a.md'], 7),
        stage('h', ['docs/c.md'], ['docs/h.md'], 12),
        stage('b', ['b.prompt.md', 'src/x.md', 'docs/a.md'], ['docs/b.md']),
        stage('c', ['c.prompt.md', 'docs/b.md'], ['docs/c.md'], 17)
      ],
      locate
    )
    const ring = 'the pipeline has a cycle: a → b → c → h → a'
    expect(problems.map((p) => [p.file, p.line])).toEqual([
      ['a.prompt.md', 4],
      ['b.prompt.md', 5],
      ['c.prompt.md', 6],
      ['dvc.yaml', 12]
    ])
    for (const p of problems) expect(p.message.startsWith(ring)).toBe(true)
    expect(problems[0].message).toMatch(/; the dep docs\/h\.md \(written by h\) closes it here$/)
    expect(problems[1].message).toMatch(/; the dep docs\/a\.md \(written by a\) closes it here$/)
    expect(problems[3].message).not.toMatch(/closes it here/)
  })

  it('reports a stage that reads its own output as a cycle', () => {
    const [p] = problemsOf([stage('self', ['s.prompt.md', 'docs/s.md'], ['docs/s.md'], 3)])
    expect(p.message).toBe('the pipeline has a cycle: self → self (self reads docs/s.md written by self)')
    expect(p.line).toBe(3)
  })

  it('reports two stages writing one output, naming both, and overlapping outputs', () => {
    const problems = problemsOf([
      stage('first', ['1.prompt.md'], ['docs/same.md'], 2),
      stage('second', ['2.prompt.md'], ['./docs/same.md'], 8),
      stage('folder', ['3.prompt.md'], ['docs'], 14)
    ])
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [8, 'stages first and second both write docs/same.md'],
      [14, 'outputs overlap: docs of stage folder and an output of stage first lie one inside the other']
    ])
    expect(problems[0]).toMatchObject({ file: 'dvc.yaml', hint: expect.stringMatching(/one stage only/) })
  })

  it('reports two stages with one name', () => {
    const [p] = problemsOf([stage('x', [], ['a.md'], 1), stage('x', [], ['b.md'], 5)])
    expect(p).toMatchObject({ line: 5, message: 'two stages are named x' })
  })

  it('builds 1000 stages × 5 deps with the right order and edges', () => {
    const stages: StageDef[] = []
    for (let i = 0; i < 1000; i++) {
      const deps = [`docs/s${i}.prompt.md`]
      for (let k = 1; k <= 4; k++)
        deps.push(i - k * 7 >= 0 ? `docs/gen/d${i - k * 7}/out.md` : `src/file${(i * k) % 50}.ts`)
      stages.push(stage(`s${i}`, deps, [`docs/gen/d${i}/out.md`]))
    }
    const graph = StageGraph.build(stages)
    expect(graph.order()).toHaveLength(1000)
    expect(graph.upstream('s14')).toEqual(['s0', 's7'])
  })
})
