import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  CHUNK_SIZE,
  Hasher,
  dirMd5,
  dos2unix,
  fileMd5,
  isTextBlock,
  legacyFileMd5,
  pyJsonString
} from '../../../src/core/dvc/hash.js'
import { GraftError } from '../../../src/core/errors.js'
import { TestRepo } from '../../support/repo.js'

const md5 = (b: Buffer | string): string => createHash('md5').update(b).digest('hex')

describe('DVC hashes', () => {
  let repo: TestRepo
  beforeEach(() => {
    repo = TestRepo.create()
  })
  afterEach(() => repo.cleanup())

  it('never blocks on a file swapped for a FIFO after it was judged: it names the file instead', async () => {
    repo.write({ 'docs/a.md': 'a\n', 'docs/b.md': 'b\n' })
    for (const name of ['a.md', 'b.md']) {
      rmSync(repo.path(`docs/${name}`))
      execFileSync('mkfifo', [repo.path(`docs/${name}`)])
    }
    const hasher = new Hasher({ root: repo.root })
    expect(hasher.md5Sync(repo.path('docs/a.md'))).toBeUndefined()
    expect(() => hasher.fileSync(repo.path('docs/a.md'))).toThrow(GraftError)
    expect(() => hasher.fileSync(repo.path('docs/a.md'))).toThrow(/docs\/a\.md is no longer a regular file/)
    const error = await hasher.file(repo.path('docs/b.md')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GraftError)
    expect((error as GraftError).problems[0]).toMatchObject({
      file: 'docs/b.md',
      hint: expect.stringMatching(/no other step changes the repository/)
    })
  })

  it('matches the directory test vectors of the reference', async () => {
    repo.write({ 'one/1': '1', 'one/2': '2', 'two/file': 'text1', 'two/subdir/file2': 'text2' })
    mkdirSync(repo.path('empty'))
    expect(await dirMd5(repo.path('one'))).toEqual({ md5: '5fb6b29836c388e093ca0715c872fe2a.dir', size: 2, nfiles: 2 })
    expect(await dirMd5(repo.path('two'))).toEqual({ md5: 'cb58ee07cb01044db229e4d6121a0dfc.dir', size: 10, nfiles: 2 })
    expect(await dirMd5(repo.path('empty'))).toEqual({
      md5: 'd751713988987e9331980363e24189ce.dir',
      size: 0,
      nfiles: 0
    })
  })

  it('skips .git, .hg and .dvc folders and a .git file inside a directory', async () => {
    repo.write({
      'd/1': '1',
      'd/2': '2',
      'd/.git': 'gitdir: x',
      'd/.hg/x': 'h',
      'd/sub/.dvc/config': 'c',
      'd/sub/.git/HEAD': 'r'
    })
    expect((await dirMd5(repo.path('d'))).md5).toBe('5fb6b29836c388e093ca0715c872fe2a.dir')
  })

  it('follows symlinked files but does not enter symlinked folders (as os.walk does)', async () => {
    repo.write({ 'd/1': '1', 'target/2': '2', 'elsewhere/x': 'x' })
    symlinkSync(repo.path('target/2'), repo.path('d/2'))
    symlinkSync(repo.path('elsewhere'), repo.path('d/linked-dir'))
    expect((await dirMd5(repo.path('d'))).md5).toBe('5fb6b29836c388e093ca0715c872fe2a.dir')
  })

  it('writes the listing as Python json.dumps does: \\uXXXX for non-ASCII and DEL, code point order', () => {
    expect(pyJsonString('a"b\\c\n\t\u0001')).toBe('"a\\"b\\\\c\\n\\t\\u0001"')
    expect(pyJsonString('é\u007f😀')).toBe('"\\u00e9\\u007f\\ud83d\\ude00"')
  })

  it('sorts relpaths by code point, not UTF-16 unit (astral after U+FFFD)', async () => {
    repo.write({ 'd/\uFFFD': 'a', 'd/😀': 'b', 'd/Z': 'c', 'd/a/b': 'd', 'd/a-b': 'e' })
    // Expected value computed from the rule: sorted by code point, Python json.dumps.
    const listing = [
      ['Z', 'c'],
      ['a-b', 'e'],
      ['a/b', 'd'],
      ['\uFFFD', 'a'],
      ['😀', 'b']
    ]
      .map(([rel, text]) => `{"md5": "${md5(text)}", "relpath": ${pyJsonString(rel)}}`)
      .join(', ')
    expect((await dirMd5(repo.path('d'))).md5).toBe(`${md5(`[${listing}]`)}.dir`)
  })

  it('hashes raw bytes for DVC 3 entries', async () => {
    repo.write({ 'crlf.txt': 'a\r\nb\r\n' })
    expect(await fileMd5(repo.path('crlf.txt'))).toBe(md5('a\r\nb\r\n'))
  })

  it('applies dos2unix to text for legacy entries, and leaves binary alone', async () => {
    const binary = Buffer.from([0, 13, 10, 65])
    const mostlyHigh = Buffer.concat([Buffer.alloc(4, 0xe9), Buffer.from('ab\r\ncdef')]) // 4/12 > 30% non-text
    repo.write({ 'crlf.txt': 'a\r\nb\r\n', bin: binary, high: mostlyHigh, empty: '' })
    expect(await legacyFileMd5(repo.path('crlf.txt'))).toBe(md5('a\nb\n'))
    expect(await legacyFileMd5(repo.path('bin'))).toBe(md5(binary))
    expect(await legacyFileMd5(repo.path('high'))).toBe(md5(mostlyHigh))
    expect(await legacyFileMd5(repo.path('empty'))).toBe(md5(''))
  })

  it('judges text per 1 MiB chunk by its first 512 bytes, and never joins a CRLF split across chunks', async () => {
    // chunk 1: binary probe, CRLFs kept; chunk 2: text, CRLFs folded.
    const first = Buffer.alloc(CHUNK_SIZE, 'x')
    first[0] = 0
    first.write('\r\n', 1000)
    first.write('\r', CHUNK_SIZE - 1) // \r ends chunk 1, \n starts chunk 2
    const second = Buffer.from('\nline\r\nend\r\n')
    repo.write({ big: Buffer.concat([first, second]) })
    const expected = md5(Buffer.concat([first, Buffer.from('\nline\nend\n')]))
    expect(await legacyFileMd5(repo.path('big'))).toBe(expected)
    // Over the whole-read limit the chunked reader must give the same result.
    const huge = Buffer.concat([Buffer.alloc(9 * CHUNK_SIZE, 'y'), Buffer.from('\r\n')])
    repo.write({ huge: huge })
    expect(await legacyFileMd5(repo.path('huge'))).toBe(
      md5(Buffer.concat([Buffer.alloc(9 * CHUNK_SIZE, 'y'), Buffer.from('\n')]))
    )
    expect(await fileMd5(repo.path('huge'))).toBe(md5(huge))
  })

  it('uses the legacy rule for files inside a legacy directory', async () => {
    repo.write({ 'd/1': '1\r\n', 'd/2': '2\r\n' })
    const legacy = await dirMd5(repo.path('d'), true)
    const modern = await dirMd5(repo.path('d'))
    const listing = (a: string, b: string): string =>
      `[{"md5": "${md5(a)}", "relpath": "1"}, {"md5": "${md5(b)}", "relpath": "2"}]`
    expect(legacy.md5).toBe(`${md5(listing('1\n', '2\n'))}.dir`)
    expect(modern.md5).toBe(`${md5(listing('1\r\n', '2\r\n'))}.dir`)
    expect(legacy.size).toBe(6)
  })

  it('isTextBlock and dos2unix follow DVC: 30% threshold, NUL is binary, empty is text', () => {
    expect(isTextBlock(Buffer.alloc(0))).toBe(true)
    expect(isTextBlock(Buffer.from('abc\u0000'))).toBe(false)
    expect(isTextBlock(Buffer.from([0xe9, 0xe9, 0xe9, 65, 65, 65, 65, 65, 65, 65]))).toBe(true) // exactly 30%
    expect(isTextBlock(Buffer.from([0xe9, 0xe9, 0xe9, 65, 65, 65, 65, 65, 65]))).toBe(false)
    expect(isTextBlock(Buffer.from('\b\f\t\r\n ~'))).toBe(true)
    expect(dos2unix(Buffer.from('a\r\n\r\r\nb\r')).toString()).toBe('a\n\r\nb\r')
  })

  it('a Hasher hashes each path once per run and records size and the exec bit', async () => {
    repo.write({ 'tool.sh': '#!/bin/sh\n', 'd/1': '1' })
    const hasher = new Hasher({ concurrency: 2 })
    const first = await hasher.file(repo.path('tool.sh'))
    expect(first).toEqual({ md5: md5('#!/bin/sh\n'), size: 10, isexec: false })
    writeFileSync(repo.path('tool.sh'), 'changed')
    expect(await hasher.file(repo.path('tool.sh'))).toBe(first) // remembered, not re-read
    expect(await new Hasher().file(repo.path('tool.sh'))).toMatchObject({ md5: md5('changed') })
    writeFileSync(repo.path('x.sh'), 'x', { mode: 0o755 })
    expect((await new Hasher().file(repo.path('x.sh'))).isexec).toBe(true)
  })

  it('fileSync gives what file gives for small files, shares the memo with it, and leaves large files to file', async () => {
    const big = Buffer.alloc(CHUNK_SIZE + 10, 'a\r\n')
    repo.write({ 'small.md': 'one\r\ntwo\n', 'x.sh': 'x' })
    writeFileSync(repo.path('big.md'), big)
    writeFileSync(repo.path('x.sh'), 'x', { mode: 0o755 })
    for (const legacy of [false, true]) {
      for (const name of ['small.md', 'x.sh']) {
        const sync = new Hasher().fileSync(repo.path(name), legacy)
        expect(sync).toEqual(await new Hasher().file(repo.path(name), legacy))
      }
      expect(new Hasher().fileSync(repo.path('big.md'), legacy)).toBeUndefined()
    }
    expect(new Hasher().fileSync(repo.path('small.md'))?.md5).toBe(md5('one\r\ntwo\n'))
    expect(new Hasher().fileSync(repo.path('small.md'), true)?.md5).toBe(md5('one\ntwo\n'))
    const hasher = new Hasher()
    const first = hasher.fileSync(repo.path('small.md'))
    writeFileSync(repo.path('small.md'), 'changed')
    expect(hasher.fileSync(repo.path('small.md'))).toBe(first) // remembered
    expect(await hasher.file(repo.path('small.md'))).toBe(first)
    const viaFile = await hasher.file(repo.path('big.md'))
    expect(hasher.fileSync(repo.path('big.md'))).toBe(viaFile) // known once file() has hashed it
    expect(() => new Hasher().fileSync(repo.path('missing.md'))).toThrow(/ENOENT/)
  })

  it('md5Sync gives the md5 of small files (either rule) and leaves directories, large, missing and unreadable files to the general path', async () => {
    repo.write({ 'small.md': 'one\r\ntwo\n', 'd/x': 'x' })
    writeFileSync(repo.path('big.md'), Buffer.alloc(CHUNK_SIZE, 'b'))
    writeFileSync(repo.path('locked.md'), 'secret', { mode: 0o000 })
    const hasher = new Hasher()
    expect(hasher.md5Sync(repo.path('small.md'))).toBe(md5('one\r\ntwo\n'))
    expect(hasher.md5Sync(repo.path('small.md'), true)).toBe(md5('one\ntwo\n'))
    expect(hasher.md5Sync(repo.path('d'))).toBeUndefined()
    expect(hasher.md5Sync(repo.path('big.md'))).toBeUndefined()
    expect(hasher.md5Sync(repo.path('missing.md'))).toBeUndefined()
    expect(hasher.md5Sync(repo.path('small.md/x'))).toBeUndefined()
    if (process.getuid?.() !== 0) expect(hasher.md5Sync(repo.path('locked.md'))).toBeUndefined()
    writeFileSync(repo.path('small.md'), 'changed')
    expect(hasher.md5Sync(repo.path('small.md'))).toBe(md5('one\r\ntwo\n')) // remembered for the run
    const other = new Hasher()
    const viaFile = await other.file(repo.path('small.md'))
    writeFileSync(repo.path('small.md'), 'changed again')
    expect(other.md5Sync(repo.path('small.md'))).toBe(viaFile.md5) // shares what file() hashed
  })

  it("applies the root's .dvcignore inside a folder whose name starts with '..' (a folder of the repository, not above it)", async () => {
    repo.write({ '.dvcignore': '*.tmp\n', '..data/a': 'a', '..data/b.tmp': 'b', 'data/a': 'a', 'data/b.tmp': 'b' })
    const hasher = new Hasher({ root: repo.root })
    const dotted = await hasher.dir(repo.path('..data'))
    const plain = await hasher.dir(repo.path('data'))
    expect(dotted.md5).toBe(plain.md5)
    expect(dotted.nfiles).toBe(1)
  })

  it('refuses a .dvcignore inside a hashed directory, as DVC does, naming it and changing nothing', async () => {
    repo.write({ 'd/1': '1', 'd/sub/.dvcignore': '*.tmp\n' })
    const before = repo.snapshot()
    const error = await new Hasher({ root: repo.root }).dir(join(repo.root, 'd')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GraftError)
    expect((error as GraftError).problems[0]).toMatchObject({
      file: 'd/sub/.dvcignore',
      hint: "move its rules to a .dvcignore above that directory (the repository root's, or its parent folder's)"
    })
    expect(repo.snapshot()).toEqual(before)
  })

  it('reports a broken symlink inside a directory by name', async () => {
    repo.write({ 'd/1': '1' })
    symlinkSync(repo.path('nowhere'), repo.path('d/dangling'))
    await expect(new Hasher({ root: repo.root }).dir(repo.path('d'))).rejects.toMatchObject({
      problems: [{ file: 'd/dangling', message: 'broken symbolic link', hint: 'remove the link or restore its target' }]
    })
  })
})
