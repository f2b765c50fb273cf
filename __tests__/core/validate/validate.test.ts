// validate() with the native engine on a Graft repository whose dvc.lock the
// real dvc wrote: hand-edited outputs (by header and by md5) among small,
// large (hashed chunk by chunk), empty and missing ones.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { buildGraftRepo, requireDvc } from '../../support/graft-repo.js'
import type { TestRepo } from '../../support/repo.js'
import { validate } from '../../../src/core/validate/validate.js'
import { CHUNK_SIZE } from '../../../src/core/dvc/hash.js'
import { silentLog } from '../../../src/core/log.js'

const noDvc = {
  find: async () => undefined,
  install: async (): Promise<string> => Promise.reject(new Error('no install in tests'))
}

describe('validate with the native engine', () => {
  let repo: TestRepo
  beforeAll(() => {
    requireDvc()
    repo = buildGraftRepo({
      sources: { 'src/a.md': 'a\n', 'src/b.md': 'b\n' },
      prompts: ['one', 'two', 'three', 'four', 'five'].map((n) => ({
        path: `docs/${n}.prompt.md`,
        deps: ['src/a.md'],
        body: `Write ${n}.\n`
      }))
    })
  })
  afterAll(() => repo.cleanup())

  it('finds hand-edited outputs among small, large, empty and missing ones, changing nothing', async () => {
    repo.write({ 'docs/two.md': 'Written by hand.\n', 'docs/three.md': '' })
    writeFileSync(repo.path('docs/four.md'), `no header\n${'x'.repeat(CHUNK_SIZE)}`) // large: hashed chunk by chunk
    repo.remove('docs/five.md')
    const before = repo.snapshot()
    const report = await validate({ root: repo.root, engine: 'native', dvc: noDvc, log: silentLog })
    const noHeader = report.stale
      .filter((d) => d.reasons.some((r) => r.text.includes('no valid Graft header on line 1')))
      .map((d) => d.stage)
    expect(noHeader.sort()).toEqual(['four', 'two']) // an empty or missing output has no line 1 to judge
    const byMd5 = report.stale
      .filter((d) => d.reasons.some((r) => r.text.includes('edited by hand (its md5 differs')))
      .map((d) => d.stage)
    expect(byMd5.sort()).toEqual(['four', 'three', 'two'])
    expect(report.engine).toBe('native')
    expect(report.stale.map((d) => d.stage).sort()).toEqual(['five', 'four', 'three', 'two'])
    expect(repo.snapshot()).toEqual(before)
  })
})
