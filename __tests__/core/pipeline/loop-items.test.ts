// foreach and matrix stages as the items dvc.lock holds for them (load.ts,
// loopItems). Each loop stage looked through every lock entry for its own
// (`name@…`): a dvc.yaml of many loop stages against a large lock cost
// stages × entries prefix tests (20,000 × 20,000 here; a 16 MB dvc.yaml and
// dvc.lock reach far more) before anything was judged, with no time limit
// (attack r4-review-b). The lock's entries are grouped by loop stage once.
import { afterEach, describe, expect, it } from '@jest/globals'
import { loadPipeline } from '../../../src/core/pipeline/load.js'
import { TestRepo } from '../../support/repo.js'

const repos: TestRepo[] = []
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup()
})

describe('loop items from dvc.lock', () => {
  it('many loop stages against a large lock: each gets its own items, in linear time', async () => {
    const n = 20_000
    const yaml = ['stages:']
    const lock = ['schema: "2.0"', 'stages:']
    for (let i = 0; i < n; i++) {
      yaml.push(`  s${i}:`, '    foreach: [a]', '    do:', `      cmd: echo ${i}`)
      lock.push(
        `  s${i}@a:`,
        `    cmd: echo ${i}`,
        '    outs:',
        `    - path: o${i}.txt`,
        '      md5: 0a',
        '      size: 1'
      )
    }
    const repo = TestRepo.create({ 'dvc.yaml': yaml.join('\n') + '\n', 'dvc.lock': lock.join('\n') + '\n' })
    repos.push(repo)
    repo.commit('many loops')
    const started = Date.now()
    const pipeline = await loadPipeline(repo.root)
    const took = Date.now() - started
    expect(pipeline.stages.length).toBe(n)
    expect(pipeline.stages[123]).toMatchObject({ name: 's123@a', outs: [{ path: 'o123.txt' }] })
    expect(pipeline.graph.has('s19999@a')).toBe(true)
    expect(took).toBeLessThan(30_000) // generous: it ends (reading both files takes most of it)
  }, 120_000)
})
