// validate() with the native engine on a Graft repository whose dvc.lock the
// real dvc wrote: hand-edited outputs (by header and by md5) among small,
// large (hashed chunk by chunk), empty and missing ones.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { buildGraftRepo, requireDvc } from '../../support/graft-repo.js'
import { TestRepo } from '../../support/repo.js'
import { validate } from '../../../src/core/validate/validate.js'
import { planSync } from '../../../src/core/pipeline/sync.js'
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

// A monorepo (issue 22): a root pipeline, and packages pa/ and pb/ with a
// dvc.yaml and prompts of their own (their paths relative to their folder, run
// with that folder as working-directory, as Graft is run there). The root's
// validate read the packages' prompts as its own and failed as a whole: their
// deps "missing" (src/a.txt read from the root), "pa/… and pb/… both make the
// stage intro"; sync and generate would have written them into the root's
// dvc.yaml with the wrong paths.
describe('a monorepo: prompts inside a folder with its own dvc.yaml are that pipeline', () => {
  const pkg = (dir: string): Record<string, string> => ({
    [`${dir}/src/a.txt`]: `${dir}\n`,
    [`${dir}/docs/intro.prompt.md`]: '---\ndeps:\n  - src/a.txt\n---\nIntroduce.\n',
    [`${dir}/dvc.yaml`]:
      'stages:\n  intro:\n    cmd: bash scripts/render_llm.sh --prompt docs/intro.prompt.md --out docs/intro.md --name intro\n    deps:\n    - docs/intro.prompt.md\n    - src/a.txt\n    outs:\n    - docs/intro.md:\n        cache: false\n'
  })
  let repo: TestRepo
  beforeAll(() => {
    requireDvc()
    repo = buildGraftRepo({
      sources: { 'README.txt': 'top\n' },
      prompts: [{ path: 'docs/top.prompt.md', deps: ['README.txt'], body: 'Top.\n' }]
    })
    repo.write({ ...pkg('pa'), ...pkg('packages/pb') })
    repo.commit('two packages')
  })
  afterAll(() => repo.cleanup())

  it("the root's validate judges its own documents only, and sync has nothing to change", async () => {
    const before = repo.snapshot()
    const report = await validate({ root: repo.root, engine: 'native', dvc: noDvc, log: silentLog })
    expect(report.pipeline.prompts.map((p) => p.path)).toEqual(['docs/top.prompt.md'])
    expect(report.stale).toEqual([])
    expect(await planSync(repo.root)).toEqual({ changes: [], files: [] })
    expect(repo.snapshot()).toEqual(before)
  })

  it("a package's prompt that the root's dvc.yaml already reads stays the root's", async () => {
    repo.write({ 'pa/docs/shared.prompt.md': '---\ndeps:\n  - README.txt\n---\nShared.\n' })
    repo.commit('a prompt the root writes')
    try {
      const plan = await planSync(repo.root)
      expect(plan.changes).toEqual([]) // not the root's yet: nothing claims it
      const yaml = repo.read('dvc.yaml')
      repo.write({
        'dvc.yaml':
          yaml +
          '  shared:\n    cmd: bash scripts/render_llm.sh --prompt pa/docs/shared.prompt.md --out pa/docs/shared.md --name shared\n    deps:\n    - pa/docs/shared.prompt.md\n    - README.txt\n    outs:\n    - pa/docs/shared.md:\n        cache: false\n'
      })
      const report = await validate({ root: repo.root, engine: 'native', dvc: noDvc, log: silentLog })
      expect(report.pipeline.prompts.map((p) => p.path)).toEqual(['docs/top.prompt.md', 'pa/docs/shared.prompt.md'])
      repo.write({ 'dvc.yaml': yaml })
    } finally {
      repo.git('rm', '-q', 'pa/docs/shared.prompt.md')
      repo.commit('gone again')
    }
  })

  it('a root with no pipeline of its own names the package folders to run in', async () => {
    const bare = TestRepo.create({ 'README.txt': 'top\n', ...pkg('pa'), ...pkg('packages/pb') })
    try {
      bare.commit('packages only')
      await expect(validate({ root: bare.root, engine: 'native', dvc: noDvc, log: silentLog })).rejects.toThrow(
        /has no pipeline of its own to validate: its prompts lie in folders with a dvc\.yaml of their own \(pa, packages\/pb\)/
      )
    } finally {
      bare.cleanup()
    }
  })
})
