// The stage DAG: stage B depends on stage A when a dep of B is an output of A,
// lies inside one (A writes a folder), or contains one (B reads a folder that A
// writes into). Outputs are indexed by path and by every parent folder, so
// building costs a few map lookups per dep, not a scan of all stages.
import { throwIfProblems, type Problem } from '../errors.js'
import { normalizeRepoPath } from '../repo/names.js'
import type { StageDef } from '../types.js'

/**
 * Where a stage declares one of its deps (a prompt file and the line of the dep
 * in its frontmatter), or undefined when only dvc.yaml declares it. Problems
 * about a dep (a cycle it closes) are pinned there.
 */
export type DepLocator = (stage: string, dep: string) => { file: string; line?: number } | undefined

export class StageGraph {
  private readonly index = new Map<string, number>()
  private readonly children: Set<number>[]
  private readonly parents: Set<number>[]
  private readonly links = new Map<string, string>()
  private readonly topo: number[]

  private constructor(
    private readonly stages: StageDef[],
    private readonly file: string,
    private readonly locate: DepLocator
  ) {
    stages.forEach((s, i) => this.index.set(s.name, i))
    this.children = stages.map(() => new Set<number>())
    this.parents = stages.map(() => new Set<number>())
    this.topo = []
  }

  /**
   * Builds the graph.
   * @param file where stages are declared (named in problems about a stage)
   * @param locate where a stage's dep is declared, for a prompt's stage: a cycle
   *   is then pinned on each prompt in the ring, at the dep that closes it
   * @throws GraftError on duplicate names or outputs, and on cycles (one
   *   problem per stage in each cycle)
   */
  static build(stages: StageDef[], file = 'dvc.yaml', locate: DepLocator = () => undefined): StageGraph {
    const graph = new StageGraph(stages, file, locate)
    throwIf(graph.checkNames())
    const { owners, problems } = graph.indexOutputs()
    throwIf(problems)
    graph.link(owners)
    throwIf(graph.sort())
    return graph
  }

  /** Stage names in dependency order; independent stages keep the given order. */
  order(): string[] {
    return this.topo.map((i) => this.stages[i].name)
  }

  /** Every stage `name` depends on, directly or not, in dependency order. */
  upstream(name: string): string[] {
    const seen = this.reach([this.at(name)], this.parents)
    return this.topo.filter((i) => seen.has(i)).map((i) => this.stages[i].name)
  }

  /** Every stage that depends on one of `names`, directly or not, excluding `names`. */
  downstream(names: Iterable<string>): Set<string> {
    const start = [...names].map((n) => this.at(n))
    const seen = this.reach(start, this.children)
    return new Set(this.topo.filter((i) => seen.has(i)).map((i) => this.stages[i].name))
  }

  /** Stages that depend directly on a given stage, in dependency order. */
  childrenOf(name: string): string[] {
    return [...this.children[this.at(name)]]
      .sort((a, b) => this.topo.indexOf(a) - this.topo.indexOf(b))
      .map((i) => this.stages[i].name)
  }

  /** Stages a given stage depends on directly. */
  dependenciesOf(name: string): string[] {
    return [...this.parents[this.at(name)]].sort((a, b) => a - b).map((i) => this.stages[i].name)
  }

  /** Stages grouped by depth: level 0 needs nothing, level n needs something from level n-1. */
  levels(): string[][] {
    const depth = new Array<number>(this.stages.length).fill(0)
    for (const i of this.topo) for (const c of this.children[i]) depth[c] = Math.max(depth[c], depth[i] + 1)
    const levels: string[][] = []
    this.stages.forEach((s, i) => (levels[depth[i]] ??= []).push(s.name))
    return levels
  }

  outputsOf(name: string): string[] {
    return this.stages[this.at(name)].outs.map((o) => o.path)
  }

  has(name: string): boolean {
    return this.index.has(name)
  }

  private at(name: string): number {
    const i = this.index.get(name)
    if (i === undefined) throw new Error(`no stage named ${name}`)
    return i
  }

  private reach(start: number[], edges: Set<number>[]): Set<number> {
    const seen = new Set<number>()
    const stack = [...start]
    while (stack.length > 0) {
      for (const next of edges[stack.pop()!]) {
        if (!seen.has(next)) {
          seen.add(next)
          stack.push(next)
        }
      }
    }
    for (const s of start) seen.delete(s)
    return seen
  }

  private checkNames(): Problem[] {
    if (this.index.size === this.stages.length) return []
    const seen = new Set<string>()
    const dups = this.stages.filter((s) => seen.size === seen.add(s.name).size)
    return dups.map((s) => this.problem(s, `two stages are named ${s.name}`, 'give every stage its own name'))
  }

  /** out path → owning stage; two stages writing one path (or one inside the other) are problems. */
  private indexOutputs(): { owners: Map<string, number>; problems: Problem[] } {
    const owners = new Map<string, number>()
    /** every parent folder of an output → a stage writing inside it */
    const within = new Map<string, number>()
    const problems: Problem[] = []
    this.stages.forEach((stage, i) => {
      for (const out of stage.outs) {
        const path = normalizeRepoPath(out.path)
        const clash = owners.get(path) ?? ancestorOwner(path, owners) ?? within.get(path)
        if (clash !== undefined && clash !== i) {
          const other = this.stages[clash]
          const same = other.outs.some((o) => normalizeRepoPath(o.path) === path)
          problems.push(
            this.problem(
              stage,
              same
                ? `stages ${other.name} and ${stage.name} both write ${path}`
                : `outputs overlap: ${path} of stage ${stage.name} and an output of stage ${other.name} lie one inside the other`,
              'each path may be the output of one stage only; change one of the outputs'
            )
          )
          continue
        }
        owners.set(path, i)
        for (const parent of parentsOf(path)) if (!within.has(parent)) within.set(parent, i)
      }
    })
    return { owners, problems }
  }

  private link(owners: Map<string, number>): void {
    const writersInside = new Map<string, number[]>()
    for (const [path, i] of owners) {
      for (const parent of parentsOf(path)) {
        let list = writersInside.get(parent)
        if (!list) writersInside.set(parent, (list = []))
        list.push(i)
      }
    }
    this.stages.forEach((stage, to) => {
      for (const raw of stage.deps) {
        const dep = normalizeRepoPath(raw)
        const from = owners.get(dep) ?? ancestorOwner(dep, owners)
        if (from !== undefined) this.addEdge(from, to, dep)
        for (const inner of writersInside.get(dep) ?? []) this.addEdge(inner, to, dep)
      }
    })
  }

  private addEdge(from: number, to: number, path: string): void {
    this.children[from].add(to)
    this.parents[to].add(from)
    const key = `${from}>${to}`
    if (!this.links.has(key)) this.links.set(key, path)
  }

  /** Kahn's algorithm with a min-heap on the given position, so ties keep the given order. */
  private sort(): Problem[] {
    const indegree = this.parents.map((p) => p.size)
    const ready = new MinHeap()
    indegree.forEach((d, i) => d === 0 && ready.push(i))
    while (ready.size > 0) {
      const i = ready.pop()
      this.topo.push(i)
      for (const c of this.children[i]) if (--indegree[c] === 0) ready.push(c)
    }
    if (this.topo.length === this.stages.length) return []
    return this.findCycles(indegree).flatMap((cycle) => this.cycleProblems(cycle))
  }

  /** Cycles among the stages Kahn could not order (each found once, by a DFS back edge). */
  private findCycles(indegree: number[]): number[][] {
    const stuck = new Set(indegree.flatMap((d, i) => (d > 0 ? [i] : [])))
    const state = new Map<number, 'open' | 'done'>()
    const cycles: number[][] = []
    for (const start of stuck) {
      if (state.has(start)) continue
      const path: number[] = []
      const iters: Iterator<number>[] = []
      const enter = (n: number): void => {
        state.set(n, 'open')
        path.push(n)
        iters.push(this.children[n].values())
      }
      enter(start)
      while (path.length > 0) {
        const step = iters[iters.length - 1].next()
        if (step.done) {
          state.set(path.pop()!, 'done')
          iters.pop()
          continue
        }
        const next = step.value
        if (!stuck.has(next)) continue
        if (state.get(next) === 'open') cycles.push(path.slice(path.indexOf(next)))
        else if (!state.has(next)) enter(next)
      }
    }
    return cycles
  }

  /**
   * One problem per stage in the ring, each pinned where that stage reads the
   * output of the stage before it: the prompt's dep line when a prompt declares
   * it, else the stage's line in dvc.yaml.
   */
  private cycleProblems(cycle: number[]): Problem[] {
    const names = cycle.map((i) => this.stages[i].name)
    const steps = cycle.map((from, k) => {
      const to = cycle[(k + 1) % cycle.length]
      return { from, to, path: this.links.get(`${from}>${to}`)! }
    })
    const ring = `the pipeline has a cycle: ${[...names, names[0]].join(' → ')} (${steps
      .map(({ from, to, path }) => `${this.stages[to].name} reads ${path} written by ${this.stages[from].name}`)
      .join('; ')})`
    const hint = 'a document cannot depend on itself, directly or through others: remove one of these deps'
    // In ring order, starting with the first stage of the cycle.
    return [steps[steps.length - 1], ...steps.slice(0, -1)].map(({ from, to, path }) => {
      const stage = this.stages[to]
      const at = this.locate(stage.name, path)
      if (!at) return this.problem(stage, ring, hint)
      return { ...at, message: `${ring}; the dep ${path} (written by ${this.stages[from].name}) closes it here`, hint }
    })
  }

  private problem(stage: StageDef, message: string, hint: string): Problem {
    return { file: this.file, line: stage.line, message, hint }
  }
}

/** `docs/a/b.md` → `docs/a`, `docs` */
function parentsOf(path: string): string[] {
  const parents: string[] = []
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) parents.push(path.slice(0, i))
  return parents
}

/** The stage whose output is a folder holding `path`, if any. */
function ancestorOwner(path: string, owners: Map<string, number>): number | undefined {
  // Called for every dep: walks the parents without building their list.
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
    const owner = owners.get(path.slice(0, i))
    if (owner !== undefined) return owner
  }
  return undefined
}

function throwIf(problems: Problem[]): void {
  throwIfProblems(problems)
}

/** A binary min-heap of stage positions. */
class MinHeap {
  private readonly items: number[] = []

  get size(): number {
    return this.items.length
  }

  push(value: number): void {
    const a = this.items
    a.push(value)
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1
      if (a[p] <= a[i]) break
      ;[a[p], a[i]] = [a[i], a[p]]
      i = p
    }
  }

  pop(): number {
    const a = this.items
    const top = a[0]
    const last = a.pop()!
    if (a.length > 0) {
      a[0] = last
      for (let i = 0; ;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < a.length && a[l] < a[m]) m = l
        if (r < a.length && a[r] < a[m]) m = r
        if (m === i) break
        ;[a[m], a[i]] = [a[i], a[m]]
        i = m
      }
    }
    return top
  }
}
