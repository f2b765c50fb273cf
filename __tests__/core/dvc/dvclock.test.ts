import { afterEach, describe, expect, it } from '@jest/globals'
import { chmodSync, readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { GraftError } from '../../../src/core/errors.js'
import {
  lockEntryFor,
  parseDvcLock,
  parseDvcLockYaml,
  readDvcLock,
  setLockStage,
  setLockStages,
  spliceByLines,
  spliceStage
} from '../../../src/core/dvc/dvclock.js'
import type { LockStage } from '../../../src/core/types.js'
import { fastParseDvcLock } from '../../../src/core/dvc/dvclock-fast.js'
import { TestRepo } from '../../support/repo.js'
import { realStatus, runDvc } from '../../support/real-dvc.js'

const md5 = (s: string): string => createHash('md5').update(s).digest('hex')

const REFERENCE_LOCK = `schema: '2.0'
stages:
  how_it_works:
    cmd: bash scripts/render_llm.sh --prompt docs/how-it-works.prompt.md --out
      docs/how-it-works.md --name how_it_works
    deps:
    - path: docs/how-it-works.prompt.md
      hash: md5
      md5: 1d3b69ca57b8af3be5808a2a5e7c103e
      size: 2088
    - path: docs/raw
      hash: md5
      md5: dfaf2d4610cc83fdbeb2c8db6b0b3007.dir
      size: 106557388
      nfiles: 13398
    outs:
    - path: docs/how-it-works.md
      hash: md5
      md5: a25a572f582876c08647b5c79e55ea57
      size: 13424
  old:
    cmd: echo old
    deps:
    - path: a.txt
      md5: 0cc175b9c0f1b6a831c399e269772661
      size: 1
`

function problemOf(fn: () => unknown): { message: string; file?: string; line?: number; hint?: string } {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(GraftError)
    return (e as GraftError).problems[0]
  }
  throw new Error('expected a GraftError')
}

describe('parseDvcLock', () => {
  it('reads schema 2.0 stages, entries, dir entries and legacy entries (no hash)', () => {
    const lock = parseDvcLock(REFERENCE_LOCK)
    expect(lock.schema).toBe('2.0')
    expect([...lock.stages.keys()]).toEqual(['how_it_works', 'old'])
    const s = lock.stages.get('how_it_works')!
    expect(s.cmd).toBe(
      'bash scripts/render_llm.sh --prompt docs/how-it-works.prompt.md --out docs/how-it-works.md --name how_it_works'
    )
    expect(s.line).toBe(3)
    expect(s.deps[1]).toEqual({
      path: 'docs/raw',
      hash: 'md5',
      md5: 'dfaf2d4610cc83fdbeb2c8db6b0b3007.dir',
      size: 106557388,
      nfiles: 13398
    })
    expect(s.outs).toEqual([
      { path: 'docs/how-it-works.md', hash: 'md5', md5: 'a25a572f582876c08647b5c79e55ea57', size: 13424 }
    ])
    expect(lock.stages.get('old')!.deps).toEqual([{ path: 'a.txt', md5: '0cc175b9c0f1b6a831c399e269772661', size: 1 }])
  })

  it('accepts a lock file with no stages', () => {
    expect(parseDvcLock("schema: '2.0'\n").stages.size).toBe(0)
  })

  it('rejects invalid YAML with line and hint', () => {
    const p = problemOf(() => parseDvcLock("schema: '2.0'\nstages:\n  a:\n    cmd: [x\n"))
    expect(p.file).toBe('dvc.lock')
    expect(p.line).toBeGreaterThanOrEqual(4)
    expect(p.message).toMatch(/^dvc\.lock is not valid YAML/)
    expect(p.hint).toMatch(/git checkout -- dvc\.lock/)
  })

  it('rejects DVC 1 lock files (no schema) and other schemas, saying to run dvc repro with DVC 3', () => {
    const v1 = problemOf(() => parseDvcLock('train:\n  cmd: python train.py\n'))
    expect(v1).toMatchObject({ file: 'dvc.lock', line: 1 })
    expect(v1.message).toMatch(/has no "schema" key.*DVC 1 lock files are not/)
    expect(v1.hint).toMatch(/dvc repro.*DVC 3/)
    const v3 = problemOf(() => parseDvcLock("stages: {}\nschema: '3.0'\n"))
    expect(v3).toMatchObject({ line: 2 })
    expect(v3.message).toMatch(/has schema "3\.0"/)
  })

  it('rejects malformed stage entries naming the stage and line', () => {
    const head = "schema: '2.0'\nstages:\n"
    expect(problemOf(() => parseDvcLock(`${head}  a:\n    deps: []\n`))).toMatchObject({
      line: 3,
      message: 'stage "a" has no cmd string'
    })
    expect(problemOf(() => parseDvcLock(`${head}  a:\n    cmd: x\n    deps: a.txt\n`))).toMatchObject({
      line: 5,
      message: 'stage "a": deps must be a list'
    })
    // no md5 at all is an entry DVC reads (as of unknown hash, so modified); an md5 that is no string is not
    expect(
      parseDvcLock(`${head}  a:\n    cmd: x\n    outs:\n    - path: o.md\n      size: 3\n`).stages.get('a')!.outs
    ).toEqual([{ path: 'o.md', md5: '', size: 3 }])
    expect(
      problemOf(() => parseDvcLock(`${head}  a:\n    cmd: x\n    outs:\n    - path: o.md\n      md5: [3]\n`))
    ).toMatchObject({
      line: 6,
      message: 'stage "a": an entry of outs has no md5 string (o.md)'
    })
    expect(problemOf(() => parseDvcLock(`${head}  a:\n    cmd: x\n    deps:\n    - md5: abc\n`))).toMatchObject({
      line: 6,
      message: 'stage "a": an entry of deps has no path string'
    })
    expect(problemOf(() => parseDvcLock(`${head}  a: 3\n`)).message).toBe('stage "a" must be a mapping')
  })
})

describe('the fast dvc.lock reader', () => {
  const plain = ['render', '--out', 'docs/a.md', 'x#y', 'é', '😀', "it's", '-n', 'a:b', 'docs/how-it-works.prompt.md']
  const odd = ['a: b', '#x', '123', 'true', '- item', '"q"', '', ' ', 'a  b', '{x}']
  let seed = 7
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed % n
  }
  let words = plain
  const phrase = (): string => Array.from({ length: 1 + random(30) }, () => words[random(words.length)]).join(' ')

  it('reads DVC-layout files itself and agrees with the YAML reader on every file it accepts', () => {
    const texts = [REFERENCE_LOCK, "schema: '2.0'\nstages:\n", "schema: '2.0'\nstages:\n  a:\n    cmd: x\n    deps:\n"]
    let text: string | undefined
    for (let i = 0; i < 200; i++) {
      if (i % 4 === 0) text = undefined
      words = random(6) ? plain : [...plain, ...odd]
      const entry = {
        path: phrase().replaceAll(' ', '/'),
        hash: 'md5' as const,
        md5: random(2) ? md5(String(i)) : '12345678901234567890123456789012',
        size: i
      }
      text = setLockStage(text, random(3) ? `s${i % 40}` : phrase(), {
        cmd: phrase(),
        deps: [entry],
        outs: [{ ...entry, path: `o${i}`, nfiles: 2 }]
      })
      texts.push(text)
    }
    let fast = 0
    for (const t of texts) {
      const quick = fastParseDvcLock(t)
      if (quick) {
        fast++
        expect(quick).toEqual(parseDvcLockYaml(t))
      }
    }
    expect(fast).toBeGreaterThan(40)
    expect(fast).toBeLessThan(texts.length)
    expect(fastParseDvcLock(REFERENCE_LOCK)).toBeDefined()
  })

  it('leaves a stage name longer than YAML allows (1024 characters) to the YAML reader, which refuses it', () => {
    const lock = (name: string): string => `schema: '2.0'\nstages:\n  ${name}:\n    cmd: x\n  b:\n    cmd: y\n`
    expect(fastParseDvcLock(lock('n'.repeat(1025)))).toBeUndefined()
    expect(() => parseDvcLockYaml(lock('n'.repeat(1025)))).toThrow(/1024/)
    expect(() => setLockStage(lock('n'.repeat(1025)), 'b', { cmd: 'z', deps: [], outs: [] })).toThrow(/1024/)
    expect(fastParseDvcLock(lock('n'.repeat(1024)))).toEqual(parseDvcLockYaml(lock('n'.repeat(1024))))
  })

  it('leaves anything unusual to the YAML reader (comments, params, CRLF, duplicate stages, numbers)', () => {
    const head = "schema: '2.0'\nstages:\n"
    for (const odd of [
      `${head}  a:\n    cmd: x # note\n`,
      `${head}# comment\n  a:\n    cmd: x\n`,
      `${head}  a:\n    cmd: x\n    params:\n      params.yaml:\n        lr: 1\n`,
      `${head}  a:\n    cmd: x\n`.replaceAll('\n', '\r\n'),
      `${head}  a:\n    cmd: x\n  a:\n    cmd: y\n`,
      `${head}  a:\n    cmd: 12\n`,
      `${head}  a:\n    cmd: x\n    deps:\n    - path: p\n      md5: 123\n`
    ]) {
      expect(fastParseDvcLock(odd)).toBeUndefined()
    }
  })
})

describe('readDvcLock and lockEntryFor', () => {
  let repo: TestRepo
  afterEach(() => repo.cleanup())

  it('is undefined without dvc.lock; a corrupt one fails naming file and line and changes nothing', async () => {
    repo = TestRepo.create({ 'a.md': 'a' })
    expect(await readDvcLock(repo.root)).toBeUndefined()
    repo.write({ 'dvc.lock': "schema: '2.0'\nstages:\n  a:\n    cmd: x\n    deps:\n    - path: a.md\n      md5: {}\n" })
    const before = repo.snapshot()
    await expect(readDvcLock(repo.root)).rejects.toMatchObject({ problems: [{ file: 'dvc.lock', line: 6 }] })
    expect(repo.snapshot()).toEqual(before)
  })

  it('computes entries for files (with isexec), directories and legacy files', async () => {
    repo = TestRepo.create({ 'a.md': 'a\r\n', 'tool.sh': '#!/bin/sh\n', 'd/x': 'x', 'd/y': 'y' })
    chmodSync(repo.path('tool.sh'), 0o755)
    expect(await lockEntryFor(repo.root, 'a.md')).toEqual({ path: 'a.md', hash: 'md5', md5: md5('a\r\n'), size: 3 })
    expect(await lockEntryFor(repo.root, 'a.md', true)).toEqual({ path: 'a.md', md5: md5('a\n'), size: 3 })
    expect(await lockEntryFor(repo.root, 'tool.sh')).toMatchObject({ isexec: true })
    expect(await lockEntryFor(repo.root, 'd')).toMatchObject({ path: 'd', hash: 'md5', size: 2, nfiles: 2 })
    expect((await lockEntryFor(repo.root, 'd')).md5).toMatch(/^[0-9a-f]{32}\.dir$/)
  })

  it('refuses to make an entry for a missing path, naming it', async () => {
    repo = TestRepo.create()
    await expect(lockEntryFor(repo.root, 'gone.md')).rejects.toMatchObject({
      problems: [{ file: 'gone.md', hint: 'create it, or remove it from the stage' }]
    })
  })
})

describe('setLockStage', () => {
  const stage: LockStage = {
    cmd: 'echo new',
    deps: [
      { path: 'z.md', hash: 'md5', md5: md5('z'), size: 1 },
      { path: 'b.md', hash: 'md5', md5: md5('b'), size: 1 }
    ],
    outs: [{ path: 'out.md', hash: 'md5', md5: md5('o'), size: 1 }]
  }

  it('creates a lock file in DVC layout, entries sorted by path', () => {
    expect(setLockStage(undefined, 'gen', stage)).toBe(`schema: '2.0'
stages:
  gen:
    cmd: echo new
    deps:
    - path: b.md
      hash: md5
      md5: ${md5('b')}
      size: 1
    - path: z.md
      hash: md5
      md5: ${md5('z')}
      size: 1
    outs:
    - path: out.md
      hash: md5
      md5: ${md5('o')}
      size: 1
`)
  })

  it('replaces one stage and keeps every other byte, including a legacy entry', () => {
    const text = setLockStage(REFERENCE_LOCK, 'how_it_works', stage)
    const oldBlock = REFERENCE_LOCK.slice(REFERENCE_LOCK.indexOf('  old:\n'))
    expect(text.startsWith("schema: '2.0'\nstages:\n  how_it_works:\n    cmd: echo new\n")).toBe(true)
    expect(text.endsWith(oldBlock)).toBe(true)
    expect(
      parseDvcLock(text)
        .stages.get('how_it_works')!
        .deps.map((d) => d.path)
    ).toEqual(['b.md', 'z.md'])
    // the last stage, too
    const again = setLockStage(REFERENCE_LOCK, 'old', stage)
    expect(again.startsWith(REFERENCE_LOCK.slice(0, REFERENCE_LOCK.indexOf('  old:\n')))).toBe(true)
    expect(parseDvcLock(again).stages.get('old')!.cmd).toBe('echo new')
  })

  it('appends a new stage at the end, and fills an empty stages key', () => {
    const text = setLockStage(REFERENCE_LOCK, 'added', stage)
    expect(text.startsWith(REFERENCE_LOCK)).toBe(true)
    expect([...parseDvcLock(text).stages.keys()]).toEqual(['how_it_works', 'old', 'added'])
    expect(setLockStage("schema: '2.0'\nstages: {}\n", 'gen', stage)).toBe(setLockStage(undefined, 'gen', stage))
    expect(setLockStage("schema: '2.0'\n", 'gen', stage)).toBe(setLockStage(undefined, 'gen', stage))
  })

  it('quotes what YAML would misread and folds long commands so they read back exactly', () => {
    const tricky: LockStage = {
      cmd: `python -c 'print(1)' --flag: x ${'word '.repeat(30)}end`,
      deps: [{ path: '123', hash: 'md5', md5: '12345678901234567890123456789012', size: 1 }],
      outs: [{ path: 'true', hash: 'md5', md5: md5('t'), size: 1 }]
    }
    const text = setLockStage(undefined, 'yes', tricky)
    expect(text).toContain("- path: '123'")
    expect(text).toContain("md5: '12345678901234567890123456789012'")
    expect(text).toContain("- path: 'true'")
    expect(text.split('\n').filter((l) => l.startsWith('      ')).length).toBeGreaterThan(1) // folded cmd
    expect(parseDvcLock(text).stages.get('yes')!.cmd).toBe(tricky.cmd)
  })

  it('splices a lock in DVC layout by line numbers exactly as through the YAML tree', () => {
    const layouts = [
      REFERENCE_LOCK, // read by blocks
      REFERENCE_LOCK.trimEnd(), // no newline at the end
      // read by lines: an entry's keys in another order, a folded path, a folded cmd
      "schema: '2.0'\nstages:\n  a:\n    cmd: x\n      y\n    outs:\n    - path: o\n      size: 3\n      md5: " +
        md5('o') +
        "\n  b:\n    cmd: z\n    deps:\n    - path: long\n        name\n      md5: '1234'\n  c:\n    cmd: w\n",
      "schema: '2.0'\nstages:\n  only:\n    cmd: x\n"
    ]
    let compared = 0
    for (const text of layouts) {
      const lock = fastParseDvcLock(text)!
      expect(lock).toBeDefined()
      for (const name of [...lock.stages.keys(), 'added']) {
        expect(spliceByLines(text, lock, new Map([[name, stage]]))).toBe(spliceStage(text, name, stage))
        compared++
      }
      // every stage and a new one in one pass, as one at a time (the new one still goes at the end)
      const all: Array<[string, LockStage]> = ['added', ...lock.stages.keys()].map((name, i) => [
        name,
        { ...stage, cmd: `echo ${i}` }
      ])
      expect(setLockStages(text, all)).toBe(all.reduce((t, [name, s]) => setLockStage(t, name, s), text))
    }
    expect(compared).toBe(12)
    // a lock without stages is left to the tree
    expect(
      spliceByLines("schema: '2.0'\nstages:\n", fastParseDvcLock("schema: '2.0'\nstages:\n")!, new Map([['a', stage]]))
    ).toBe(undefined)
  })

  it('refuses to edit a corrupt lock file', () => {
    expect(problemOf(() => setLockStage('train:\n  cmd: x\n', 'gen', stage)).message).toMatch(
      /DVC 1 lock files are not/
    )
  })
})

describe('setLockStage against the real dvc', () => {
  let repo: TestRepo
  afterEach(() => repo.cleanup())

  const CMD =
    'cp docs/how-it-works.prompt.md docs/how-it-works.md && echo --prompt docs/how-it-works.prompt.md --out docs/how-it-works.md --name how_it_works'

  async function entries(root: string): Promise<LockStage> {
    return {
      cmd: CMD,
      deps: await Promise.all(['docs/how-it-works.prompt.md', 'docs/raw', 'tool.sh'].map((p) => lockEntryFor(root, p))),
      outs: [await lockEntryFor(root, 'docs/how-it-works.md')]
    }
  }

  it('writes byte for byte what `dvc repro` writes (folded cmd, dir entry, isexec)', async () => {
    repo = TestRepo.create({
      'docs/how-it-works.prompt.md': 'p\n',
      'docs/raw/x': 'r\n',
      'docs/raw/sub/é': 'e\n',
      'tool.sh': '#!/bin/sh\n',
      'dvc.yaml': `stages:\n  how_it_works:\n    cmd: ${CMD}\n    deps:\n    - docs/how-it-works.prompt.md\n    - docs/raw\n    - tool.sh\n    outs:\n    - docs/how-it-works.md:\n        cache: false\n`
    })
    chmodSync(repo.path('tool.sh'), 0o755)
    const r = await runDvc(repo.root, ['repro', '-q'])
    expect(r.stderr).toBe('')
    const written = readFileSync(repo.path('dvc.lock'), 'utf8')
    expect(written).toContain('isexec: true')
    expect(fastParseDvcLock(written)).toEqual(parseDvcLockYaml(written))
    expect(setLockStage(undefined, 'how_it_works', await entries(repo.root))).toBe(written)
  })

  it('after setLockStage, `dvc status --json` reports the stage up to date while others keep their verdicts', async () => {
    repo = TestRepo.create({
      'docs/how-it-works.prompt.md': 'p\n',
      'docs/raw/x': 'r\n',
      'tool.sh': '#!/bin/sh\n',
      'docs/how-it-works.md': 'old output\n',
      'other.md': 'o\n',
      'dvc.yaml': `stages:\n  how_it_works:\n    cmd: ${CMD}\n    deps:\n    - docs/how-it-works.prompt.md\n    - docs/raw\n    - tool.sh\n    outs:\n    - docs/how-it-works.md:\n        cache: false\n  other:\n    cmd: echo other\n    deps:\n    - other.md\n`,
      'dvc.lock': `schema: '2.0'\nstages:\n  other:\n    cmd: echo other\n    deps:\n    - path: other.md\n      hash: md5\n      md5: ${md5('stale')}\n      size: 5\n`
    })
    expect(await realStatus(repo.root)).toEqual({
      how_it_works: [
        {
          'changed deps': { 'docs/how-it-works.prompt.md': 'modified', 'docs/raw': 'modified', 'tool.sh': 'modified' }
        },
        { 'changed outs': { 'docs/how-it-works.md': 'modified' } }
      ],
      other: [{ 'changed deps': { 'other.md': 'modified' } }]
    })
    const before = readFileSync(repo.path('dvc.lock'), 'utf8')
    repo.write({ 'dvc.lock': setLockStage(before, 'how_it_works', await entries(repo.root)) })
    expect(await realStatus(repo.root)).toEqual({ other: [{ 'changed deps': { 'other.md': 'modified' } }] })
    expect(readFileSync(repo.path('dvc.lock'), 'utf8').startsWith(before)).toBe(true)
  })
})
