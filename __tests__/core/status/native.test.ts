import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { parseDvcYaml } from '../../../src/core/dvc/dvcyaml.js'
import { GraftError } from '../../../src/core/errors.js'
import { lockEntryFor, parseDvcLock, setLockStage } from '../../../src/core/dvc/dvclock.js'
import type { DvcLock, LockStage } from '../../../src/core/types.js'
import { dirMd5 } from '../../../src/core/dvc/hash.js'
import { nativeStatus, toDvcJson } from '../../../src/core/status/native.js'
import { TestRepo } from '../../support/repo.js'
import { realStatus } from '../../support/real-dvc.js'

const md5 = (s: string | Buffer): string => createHash('md5').update(s).digest('hex')

async function native(repo: TestRepo): Promise<Record<string, unknown>> {
  const lockText = repo.snapshot()['dvc.lock'] === undefined ? undefined : repo.read('dvc.lock')
  return toDvcJson(
    await nativeStatus(repo.root, parseDvcYaml(repo.read('dvc.yaml')), lockText ? parseDvcLock(lockText) : undefined)
  )
}

/** Both engines, one expectation: the native verdict equals real DVC's, item order included. */
async function expectBoth(repo: TestRepo, expected: Record<string, unknown>): Promise<void> {
  expect(await native(repo)).toEqual(expected)
  expect(await realStatus(repo.root)).toEqual(expected)
}

/** Locks every stage of dvc.yaml as `dvc repro` would, from the files as they are. */
async function lockAll(repo: TestRepo, legacy = false): Promise<void> {
  let text: string | undefined
  for (const s of parseDvcYaml(repo.read('dvc.yaml')).stages) {
    const stage: LockStage = {
      cmd: s.cmd,
      deps: await Promise.all(s.deps.map((p) => lockEntryFor(repo.root, p, legacy))),
      outs: await Promise.all(s.outs.map((o) => lockEntryFor(repo.root, o.path, legacy)))
    }
    text = setLockStage(text, s.name, stage)
  }
  repo.write({ 'dvc.lock': text ?? "schema: '2.0'\n" })
}

const PIPELINE = `stages:
  a:
    cmd: render a
    deps:
    - a.prompt.md
    - src
    outs:
    - a.md:
        cache: false
  b:
    cmd: render b
    deps:
    - b.prompt.md
    - a.md
    outs:
    - b.md:
        cache: false
`

describe('nativeStatus agrees with dvc status --json', () => {
  let repo: TestRepo
  beforeEach(async () => {
    repo = TestRepo.create({
      'a.prompt.md': 'A\n',
      'b.prompt.md': 'B\n',
      'src/one.md': '1\n',
      'src/deeper/two.md': '2\n',
      'a.md': 'out a\n',
      'b.md': 'out b\n',
      'dvc.yaml': PIPELINE
    })
    await lockAll(repo)
  })
  afterEach(() => repo.cleanup())

  it('reports nothing for an up-to-date pipeline', async () => {
    await expectBoth(repo, {})
  })

  it('modified file dep, modified directory dep, deleted out (and the dep downstream)', async () => {
    repo.write({ 'a.prompt.md': 'A2\n', 'src/deeper/new.md': 'n' }).remove('a.md')
    await expectBoth(repo, {
      a: [
        { 'changed deps': { 'a.prompt.md': 'modified', src: 'modified' } },
        { 'changed outs': { 'a.md': 'deleted' } }
      ],
      b: [{ 'changed deps': { 'a.md': 'deleted' } }]
    })
  })

  it('changed command (whitespace counts) with a modified out', async () => {
    repo.write({ 'dvc.yaml': PIPELINE.replace('cmd: render b', "cmd: 'render  b'"), 'b.md': 'edited by hand\n' })
    await expectBoth(repo, { b: [{ 'changed outs': { 'b.md': 'modified' } }, 'changed command'] })
  })

  it('a stage absent from dvc.lock: existing paths modified, missing deleted, no changed command', async () => {
    repo.write({
      'dvc.yaml': `${PIPELINE}  c:\n    cmd: render c\n    deps:\n    - a.prompt.md\n    - nowhere.md\n    outs:\n    - c.md:\n        cache: false\n    - b.md:\n        cache: false\n`
    })
    await expectBoth(repo, {
      c: [
        { 'changed deps': { 'a.prompt.md': 'modified', 'nowhere.md': 'deleted' } },
        { 'changed outs': { 'c.md': 'deleted', 'b.md': 'modified' } }
      ]
    })
  })

  it('a dep missing from its lock entry is modified; a lock entry for a removed dep is ignored', async () => {
    repo.write({ 'dvc.yaml': PIPELINE.replace('    - a.prompt.md\n    - src\n', '    - src\n    - b.prompt.md\n') })
    await expectBoth(repo, { a: [{ 'changed deps': { 'b.prompt.md': 'modified' } }] })
  })

  it('always_changed, and a stage with only a command, are always changed', async () => {
    repo.write({
      'dvc.yaml': `${PIPELINE.replace('  b:\n    cmd: render b\n', '  b:\n    cmd: render b\n    always_changed: true\n')}  ping:\n    cmd: echo ping\n`
    })
    await expectBoth(repo, { b: ['always changed'], ping: ['always changed'] })
    repo.write({ 'b.prompt.md': 'B2\n' })
    await expectBoth(repo, {
      b: [{ 'changed deps': { 'b.prompt.md': 'modified' } }, 'always changed'],
      ping: ['always changed']
    })
  })

  it('no dvc.lock at all: every stage derived from its paths', async () => {
    repo.remove('dvc.lock').remove('b.md')
    await expectBoth(repo, {
      a: [
        { 'changed deps': { 'a.prompt.md': 'modified', src: 'modified' } },
        { 'changed outs': { 'a.md': 'modified' } }
      ],
      b: [
        { 'changed deps': { 'b.prompt.md': 'modified', 'a.md': 'modified' } },
        { 'changed outs': { 'b.md': 'deleted' } }
      ]
    })
  })

  it('paths written as ./x and dir/ match lock entries by the exact string and print normalized', async () => {
    repo.write({ 'dvc.yaml': PIPELINE.replace('    - a.prompt.md\n    - src\n', '    - ./a.prompt.md\n    - src/\n') })
    await lockAll(repo)
    await expectBoth(repo, {})
    repo.write({ 'a.prompt.md': 'changed\n', 'src/one.md': 'changed\n' })
    await expectBoth(repo, { a: [{ 'changed deps': { 'a.prompt.md': 'modified', src: 'modified' } }] })
  })

  it('legacy (DVC 2) entries: CRLF files and directories with non-ASCII names hash with the dos2unix rule', async () => {
    repo.write({
      'a.prompt.md': 'line\r\nline\r\n',
      'src/é ü.md': 'x\r\n',
      'src/\u007f.md': 'del\r\n',
      'src/😀/deep.md': 'emoji\r\n',
      'src/bin.dat': Buffer.from([0, 13, 10, 1])
    })
    await lockAll(repo, true)
    expect(readFileSync(repo.path('dvc.lock'), 'utf8')).not.toContain('hash: md5')
    await expectBoth(repo, {})
    repo.write({ 'a.prompt.md': 'line\nline\n' }) // same text after dos2unix: still up to date
    await expectBoth(repo, {})
    repo.write({ 'src/é ü.md': 'y\r\n' })
    await expectBoth(repo, { a: [{ 'changed deps': { src: 'modified' } }] })
  })

  it('a DVC 3 entry sees a CRLF → LF change as modified', async () => {
    repo.write({ 'a.prompt.md': 'l\r\n' })
    await lockAll(repo)
    repo.write({ 'a.prompt.md': 'l\n' })
    await expectBoth(repo, { a: [{ 'changed deps': { 'a.prompt.md': 'modified' } }] })
  })

  it('a path listed twice in dvc.lock: the last entry decides, in a short list and in one of more than 32', async () => {
    const many = Array.from({ length: 40 }, (_, i) => `src/many/f${i}.md`)
    repo.write(Object.fromEntries(many.map((p) => [p, `${p}\n`])))
    repo.write({
      'dvc.yaml': `${PIPELINE}  c:\n    cmd: render c\n    deps:\n${many.map((p) => `    - ${p}\n`).join('')}    outs:\n    - c.md:\n        cache: false\n`
    })
    repo.write({ 'c.md': 'out c\n' })
    await lockAll(repo)
    const lock = repo.read('dvc.lock')
    const bogus = (path: string): string =>
      `    - path: ${path}\n      hash: md5\n      md5: ${md5('not this')}\n      size: 8\n`
    const entryOf = (path: string): string =>
      new RegExp(`    - path: ${path.replaceAll('.', '\\.')}\n(?:      .*\n)+?(?=    -|    outs|  [a-z])`).exec(
        lock
      )![0]
    for (const path of ['a.prompt.md', 'src/many/f7.md']) {
      repo.write({ 'dvc.lock': lock.replace(entryOf(path), `${bogus(path)}${entryOf(path)}`) })
      await expectBoth(repo, {})
      repo.write({ 'dvc.lock': lock.replace(entryOf(path), `${entryOf(path)}${bogus(path)}`) })
      await expectBoth(repo, { [path === 'a.prompt.md' ? 'a' : 'c']: [{ 'changed deps': { [path]: 'modified' } }] })
    }
  })
})

describe('nativeStatus refusals', () => {
  let repo: TestRepo
  afterEach(() => repo.cleanup())

  it('refuses a dvc.yaml with unsupported features, listing them, and changes nothing', async () => {
    repo = TestRepo.create({
      'dvc.yaml': 'stages:\n  t:\n    cmd: python t.py\n    params:\n    - lr\n    outs:\n    - model.pkl\n'
    })
    const before = repo.snapshot()
    const error = await nativeStatus(repo.root, parseDvcYaml(repo.read('dvc.yaml')), undefined).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GraftError)
    expect((error as GraftError).problems).toEqual([
      {
        file: 'dvc.yaml',
        message: 'the native engine does not model params in stage t',
        hint: expect.stringContaining('engine "dvc"')
      },
      {
        file: 'dvc.yaml',
        message: expect.stringContaining('cached out model.pkl'),
        hint: expect.stringContaining('engine "dvc"')
      }
    ])
    expect(repo.snapshot()).toEqual(before)
  })

  it('applies .dvcignore rules (a comment-only file, as dvc init writes it, changes nothing)', async () => {
    repo = TestRepo.create({
      'dvc.yaml': 'stages:\n  t:\n    cmd: echo\n    deps:\n    - d\n',
      'd/a.md': 'a\n',
      'd/b.tmp': 'b\n',
      '.dvcignore': '# Add patterns of files dvc should ignore\n'
    })
    const lock = (md5: string): DvcLock => ({
      schema: '2.0',
      stages: new Map([['t', { cmd: 'echo', deps: [{ path: 'd', hash: 'md5', md5 }], outs: [] }]])
    })
    const all = (await dirMd5(repo.path('d'))).md5
    expect(toDvcJson(await nativeStatus(repo.root, parseDvcYaml(repo.read('dvc.yaml')), lock(all)))).toEqual({})
    repo.write({ '.dvcignore': '# comment\n*.tmp\n' })
    expect(toDvcJson(await nativeStatus(repo.root, parseDvcYaml(repo.read('dvc.yaml')), lock(all)))).toEqual({
      t: [{ 'changed deps': { d: 'modified' } }]
    })
    repo.remove('d/b.tmp')
    const without = (await dirMd5(repo.path('d'))).md5
    repo.write({ 'd/b.tmp': 'changed\n' })
    expect(toDvcJson(await nativeStatus(repo.root, parseDvcYaml(repo.read('dvc.yaml')), lock(without)))).toEqual({})
  })
})

describe('nativeStatus at scale', () => {
  // Speed is measured by bench/validate.mjs against real `dvc status`; this checks the verdict at size.
  it('1000 stages × 5 deps of 10 KB: finds the one changed dep', async () => {
    const files: Record<string, Buffer> = {}
    let yaml = 'stages:\n'
    let lock = "schema: '2.0'\nstages:\n"
    for (let s = 0; s < 1000; s++) {
      yaml += `  s${s}:\n    cmd: render ${s}\n    deps:\n`
      lock += `  s${s}:\n    cmd: render ${s}\n    deps:\n`
      for (let d = 0; d < 5; d++) {
        const path = `src/${s}/${d}.md`
        const content = Buffer.alloc(10 * 1024, `${s}-${d} `)
        files[path] = content
        yaml += `    - ${path}\n`
        lock += `    - path: ${path}\n      hash: md5\n      md5: ${md5(content)}\n      size: ${content.length}\n`
      }
      yaml += `    outs:\n    - out/${s}.md:\n        cache: false\n`
      files[`out/${s}.md`] = Buffer.from(`out ${s}\n`)
      lock += `    outs:\n    - path: out/${s}.md\n      hash: md5\n      md5: ${md5(`out ${s}\n`)}\n      size: 1\n`
    }
    files['src/7/3.md'] = Buffer.from('changed')
    const repo = TestRepo.create({ ...files, 'dvc.yaml': yaml, 'dvc.lock': lock })
    try {
      const dvc = parseDvcYaml(repo.read('dvc.yaml'))
      const lock = parseDvcLock(repo.read('dvc.lock'))
      const status = await nativeStatus(repo.root, dvc, lock)
      expect(toDvcJson(status)).toEqual({ s7: [{ 'changed deps': { 'src/7/3.md': 'modified' } }] })
    } finally {
      repo.cleanup()
    }
  })
})
