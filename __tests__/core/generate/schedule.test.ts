// The DAG scheduler: dependency order, a document's own failure stops only
// what depends on it, any other failure (or a stop reason) stops new starts.
import { describe, expect, it } from '@jest/globals'
import { DagFailed, runDag, type DagTask } from '../../../src/core/generate/schedule.js'

class Local extends Error {}

/** a → c, b → d → e; f alone. `fails` maps ids to the error their run throws. */
function tasks(started: string[], fails: Record<string, Error> = {}): DagTask<string>[] {
  const after: Record<string, string[]> = { a: [], b: [], c: ['a'], d: ['b'], e: ['d'], f: [] }
  return Object.entries(after).map(([id, deps]) => ({
    id,
    after: deps,
    run: async () => {
      started.push(id)
      await new Promise((r) => setTimeout(r, 1))
      if (fails[id]) throw fails[id]
      return id.toUpperCase()
    }
  }))
}

async function failure(p: Promise<unknown>): Promise<DagFailed> {
  try {
    await p
  } catch (e) {
    if (e instanceof DagFailed) return e
    throw e
  }
  throw new Error('expected the run to fail')
}

describe('runDag', () => {
  it('runs every task after its upstreams', async () => {
    const started: string[] = []
    const results = await runDag(tasks(started), 2)
    expect([...results.keys()].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
    expect(started.indexOf('a')).toBeLessThan(started.indexOf('c'))
    expect(started.indexOf('d')).toBeLessThan(started.indexOf('e'))
  })

  it("a task's own failure stops only what lies behind it; the rest runs", async () => {
    const started: string[] = []
    const err = await failure(
      runDag(tasks(started, { b: new Local('b broke') }), 1, { isLocal: (e) => e instanceof Local })
    )
    expect(started.sort()).toEqual(['a', 'b', 'c', 'f'])
    expect(err.failures.map((f) => f.id)).toEqual(['b'])
    expect(err.done.sort()).toEqual(['a', 'c', 'f'])
    expect(err.skipped.sort()).toEqual(['d', 'e'])
    expect(err.stopped).toBeUndefined()
  })

  it('any other failure starts nothing more', async () => {
    const started: string[] = []
    const err = await failure(
      runDag(tasks(started, { a: new Error('access denied') }), 1, { isLocal: (e) => e instanceof Local })
    )
    expect(started).toEqual(['a'])
    expect(err.stopped).toBe('access denied')
    expect(err.skipped.sort()).toEqual(['b', 'c', 'd', 'e', 'f'])
  })

  it('a stop reason (a spent budget) starts nothing more, and fails the run', async () => {
    const started: string[] = []
    const err = await failure(
      runDag(tasks(started), 1, { stopReason: () => (started.length >= 2 ? 'over budget' : undefined) })
    )
    expect(started).toHaveLength(2)
    expect(err.failures).toEqual([])
    expect(err.stopped).toBe('over budget')
  })
})
