import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Git } from '../../../src/core/io/git.js'
import { deepenForBaselines, findBaseline } from '../../../src/core/pack/baseline.js'
import { GIT_ENV, TestRepo } from '../../support/repo.js'
import { GraftRepo, OUTPUT, STAGE, header } from '../../support/pack-support.js'
import { phrasing } from '../../../src/core/phrasing.js'
import { scratchDir } from '../../support/scratch.js'

function recordingLog(): { info: (m: string) => void; warn: (m: string) => void; lines: string[] } {
  const lines: string[] = []
  return { lines, info: (m) => lines.push(`info: ${m}`), warn: (m) => lines.push(`warn: ${m}`) }
}

describe('findBaseline', () => {
  let g: GraftRepo
  beforeEach(() => {
    g = new GraftRepo()
  })
  afterEach(() => g.repo.cleanup())

  it("takes the commit that last changed the stage's dvc.lock entry, not HEAD~1", async () => {
    const generated = g.generate('Guide v1\n')
    g.edit({ 'src/a.md': 'alpha changed\n' }, 'a')
    g.edit({ 'src/b.md': 'beta changed\n' }, 'b')
    // Another stage regenerated: dvc.lock changes, this stage's entry does not.
    g.generate('Other doc\n', 'other', 'docs/other.md')
    const baseline = await findBaseline(new Git(g.repo.root), STAGE)
    expect(baseline).toEqual({ rev: generated, source: 'lock' })
    expect(baseline.rev).not.toBe(g.repo.git('rev-parse', 'HEAD~1').trim())
  })

  it('follows a regeneration: the newest commit that gave the entry its value', async () => {
    g.generate('Guide v1\n')
    g.edit({ 'src/a.md': 'alpha changed\n' }, 'a')
    const second = g.generate('Guide v2\n')
    g.edit({ 'src/c.md': 'gamma changed\n' }, 'c')
    expect(await findBaseline(new Git(g.repo.root), STAGE)).toEqual({ rev: second, source: 'lock' })
  })

  it('finds a regeneration made on a branch and merged with a merge commit', async () => {
    g.generate('Guide v1\n')
    g.repo.git('checkout', '-q', '-b', 'feature')
    g.edit({ 'src/a.md': 'alpha changed\n' }, 'a')
    const regenerated = g.generate('Guide v2\n')
    g.repo.git('checkout', '-q', 'main')
    g.edit({ 'unrelated.md': 'x\n' }, 'main moves on')
    g.repo.git('merge', '-q', '--no-ff', '--no-edit', 'feature')
    g.edit({ 'src/b.md': 'beta changed\n' }, 'b after merge')
    expect(await findBaseline(new Git(g.repo.root), STAGE)).toEqual({ rev: regenerated, source: 'lock' })
  })

  it('does not move when dvc.lock is only reformatted', async () => {
    const generated = g.generate('Guide v1\n')
    const lock = g.repo.read('dvc.lock')
    g.edit({ 'dvc.lock': `# reformatted\n${lock.replace("schema: '2.0'", 'schema: "2.0"')}` }, 'reformat')
    expect(await findBaseline(new Git(g.repo.root), STAGE)).toEqual({ rev: generated, source: 'lock' })
  })

  it('without dvc.lock, prefers the header rev when the output was touched later by hand', async () => {
    const before = g.repo.head()
    g.repo.write({ [OUTPUT]: `${header(before.slice(0, 7))}\nGuide\n` })
    g.repo.commit('generated without a lock')
    g.edit({ 'src/a.md': 'alpha changed\n' }, 'a')
    g.edit({ [OUTPUT]: `${header(before.slice(0, 7))}\nGuide, typo fixed\n` }, 'hand edit')
    expect(await findBaseline(new Git(g.repo.root), STAGE)).toEqual({ rev: before, source: 'header' })
  })

  it('without dvc.lock or header, takes the last commit that touched the output', async () => {
    const generated = g.edit({ [OUTPUT]: 'Guide\n' }, 'output')
    g.edit({ 'src/a.md': 'alpha changed\n' }, 'a')
    expect(await findBaseline(new Git(g.repo.root), STAGE)).toEqual({ rev: generated, source: 'output' })
  })

  it('an output whose name holds glob characters is matched literally: a later commit to a file the glob matches is no baseline', async () => {
    const output = 'docs/[gx]uide*.md'
    const generated = g.edit({ [output]: 'Guide\n' }, 'output')
    g.edit({ 'src/a.md': 'alpha changed\n' }, 'a')
    g.edit({ 'docs/guide.md': 'another document\n', 'docs/xuide-2.md': 'and another\n' }, 'documents the glob matches')
    expect(await findBaseline(new Git(g.repo.root), { name: 'guide', output })).toEqual({
      rev: generated,
      source: 'output'
    })
  })

  it('ignores a header rev that is not in this history (a squashed or foreign commit)', async () => {
    const generated = g.edit({ [OUTPUT]: `${header('deadbee')}\nGuide\n` }, 'output')
    expect(await findBaseline(new Git(g.repo.root), STAGE)).toEqual({ rev: generated, source: 'output' })
  })

  it('prefers a header rev newer than the lock entry (regenerated without updating the lock)', async () => {
    g.generate('Guide v1\n')
    const rendered = g.edit({ 'src/a.md': 'alpha changed\n' }, 'a')
    g.edit({ [OUTPUT]: `${header(rendered.slice(0, 7))}\nGuide v2\n` }, 'regenerated, lock forgotten')
    const baseline = await findBaseline(new Git(g.repo.root), STAGE)
    expect(baseline.rev).toBe(rendered)
    expect(baseline.source).toBe('header')
  })

  it('reports no baseline, with a note, for an output that was never committed', async () => {
    const baseline = await findBaseline(new Git(g.repo.root), STAGE)
    expect(baseline.rev).toBeUndefined()
    expect(baseline.source).toBe('none')
    expect(baseline.note).toContain('docs/guide.md has never been committed')
    expect(baseline.note).toContain('full current sources will be shown')
  })
})

describe('findBaseline in a shallow clone', () => {
  let g: GraftRepo
  let clone: TestRepo
  let bare: string
  let generated: string
  beforeEach(() => {
    g = new GraftRepo()
    generated = g.generate('Guide v1\n')
    g.edit({ 'src/a.md': 'alpha changed\n' }, 'a')
    g.edit({ 'src/b.md': 'beta changed\n' }, 'b')
    g.edit({ 'src/c.md': 'gamma changed\n' }, 'c')
    bare = g.repo.addOrigin()
    const dir = scratchDir('graft-shallow')
    // file:// so that --depth is honoured for a local clone.
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${bare}`, dir], { env: { ...process.env, ...GIT_ENV } })
    clone = new TestRepo(dir)
  })
  afterEach(() => {
    g.repo.cleanup()
    clone.cleanup()
    rmSync(bare, { recursive: true, force: true })
  })

  it('deepens the fetch once until the generating commit is present, and logs it; findBaseline then fetches nothing', async () => {
    expect(clone.git('rev-parse', '--is-shallow-repository').trim()).toBe('true')
    const git = new Git(clone.root)
    // Before deepening, the baseline is unproven: no baseline, never the edge commit.
    expect((await findBaseline(git, STAGE)).source).toBe('none')
    expect(clone.git('rev-parse', '--is-shallow-repository').trim()).toBe('true')
    const log = recordingLog()
    expect(await deepenForBaselines(git, [STAGE], { log })).toEqual([])
    expect(log.lines).toEqual([
      'info: Shallow clone: the baseline of 1 document(s): docs/guide.md may lie beyond the fetched history; fetching more, once for all: git fetch --deepen=50 origin'
    ])
    expect(clone.git('rev-parse', '--is-shallow-repository').trim()).toBe('false')
    expect(await findBaseline(git, STAGE)).toEqual({ rev: generated, source: 'lock' })
  })

  it('deepens step by step and stops as soon as the baseline is proven', async () => {
    const log = recordingLog()
    const git = new Git(clone.root)
    expect(await deepenForBaselines(git, [STAGE], { log, deepenSteps: [1, 1, 1, 1, 'unshallow'] })).toEqual([])
    expect(await findBaseline(git, STAGE)).toEqual({ rev: generated, source: 'lock' })
    // HEAD is 3 commits after the generating commit, whose parent must be present too.
    expect(log.lines.filter((l) => l.includes('--deepen=1'))).toHaveLength(4)
    expect(log.lines.join('\n')).not.toContain('--unshallow')
  })

  it('does nothing in a full clone', async () => {
    const log = recordingLog()
    expect(await deepenForBaselines(new Git(g.repo.root), [STAGE], { log })).toEqual([])
    expect(log.lines).toEqual([])
  })

  it("logs git's message and returns no baseline, never HEAD~1, when the history cannot be fetched", async () => {
    const missing = join(tmpdir(), 'graft-no-such-origin')
    clone.git('remote', 'set-url', 'origin', missing)
    const before = clone.snapshot()
    const log = recordingLog()
    const git = new Git(clone.root)
    expect(await deepenForBaselines(git, [STAGE], { log })).toEqual(['docs/guide.md'])
    expect(log.lines[1]).toMatch(
      /^warn: Shallow clone: could not fetch more history \(git fetch --deepen=50 origin\): /
    )
    // git's own words, naming the missing repository
    expect(log.lines[1]).toContain(`'${missing}' does not appear to be a git repository`)
    expect(log.lines[1]).toContain(phrasing().fullHistory)
    const baseline = await findBaseline(git, STAGE)
    expect(baseline.rev).toBeUndefined()
    expect(baseline.source).toBe('none')
    expect(baseline.note).toContain('the commit that last generated docs/guide.md is not available')
    expect(baseline.note).toContain('the full current sources will be shown')
    expect(baseline.note).toContain(phrasing().fullHistory)
    expect(clone.snapshot()).toEqual(before)
  })

  it('gives up with a warning when every deepening step leaves the baseline unproven', async () => {
    const log = recordingLog()
    const git = new Git(clone.root)
    expect(await deepenForBaselines(git, [STAGE], { log, deepenSteps: [1] })).toEqual(['docs/guide.md'])
    expect(log.lines.at(-1)).toMatch(
      /^warn: Shallow clone: after fetching more history, the baseline of 1 document\(s\): docs\/guide.md is still not proven/
    )
    expect((await findBaseline(git, STAGE)).source).toBe('none')
  })
})
