// Hostile sizes in the source diff (issue 19 §5): a folder dep of tens of
// thousands of tracked files goes to git without one command line too long
// (`spawn E2BIG`); a folder dep of gigabytes is refused by its size before a
// byte of it is read, naming the dep; a diff larger than the run may read is
// stopped, not buffered.
import { afterEach, describe, expect, it } from '@jest/globals'
import { closeSync, mkdirSync, openSync, ftruncateSync } from 'node:fs'
import { join } from 'node:path'
import { GraftError } from '../../../src/core/errors.js'
import { Git } from '../../../src/core/io/git.js'
import { sourceDiff } from '../../../src/core/pack/source-diff.js'
import { sourceLimit } from '../../../src/core/generate/budget.js'
import { commitFiles } from '../../../src/core/publish/commit.js'
import { RepoPathChecker } from '../../../src/core/repo/resolver.js'
import { TestRepo } from '../../support/repo.js'

const bot = { name: 'graft-bot[bot]', email: 'graft-bot[bot]@users.noreply.github.com' }

async function refusal(promise: Promise<unknown>): Promise<GraftError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(GraftError)
  return error as GraftError
}

describe('a folder dep of many tracked files', () => {
  let repo: TestRepo
  afterEach(() => repo.cleanup())

  it('is diffed without a command line too long for the system', async () => {
    // 30,000 paths of about 110 characters: 3.3 MB of arguments, over Linux's 2 MB for one command line
    const name = (i: number): string =>
      `data/${'segment-of-a-long-folder-name/'.repeat(3)}file-${String(i).padStart(6, '0')}.txt`
    const files: Record<string, string> = {}
    for (let i = 0; i < 30_000; i++) files[name(i)] = `${i}\n`
    repo = TestRepo.create(files)
    const baseline = repo.commit('many files')
    repo.write({ [name(7)]: 'seven, edited\n', [name(29_999)]: 'last, edited\n' })
    repo.remove(name(12))
    const diff = await sourceDiff(new Git(repo.root), ['data'], baseline)
    expect(diff.changed).toBe(true)
    expect(diff.text).toContain('+seven, edited')
    expect(diff.text).toContain('+last, edited')
    expect(diff.text).toContain(`deleted file mode 100644`)
  }, 120_000)

  it("commits paths of any total length (each near the system's 4,096-character limit)", async () => {
    // 600 paths of 3,900 characters: 2.3 MB of arguments
    const name = (i: number): string =>
      `${Array.from({ length: 15 }, () => 'd'.repeat(250)).join('/')}/${String(i).padStart(140, 'f')}.md`
    const files: Record<string, string> = {}
    for (let i = 0; i < 600; i++) files[name(i)] = `${i}\n`
    repo = TestRepo.create({ 'README.md': 'r\n' })
    repo.commit('first')
    repo.write(files)
    const sha = await commitFiles(new Git(repo.root), { paths: Object.keys(files), identity: bot, message: 'all\n' })
    expect(sha).toBeDefined()
    expect(repo.git('diff', '--shortstat', 'HEAD^', 'HEAD')).toMatch(/^ 600 files changed/)
  }, 120_000)
})

describe('a folder dep of large files', () => {
  let repo: TestRepo
  afterEach(() => repo.cleanup())

  /** Sparse files: their size says gigabytes, the disk holds nothing. */
  function sparse(rel: string, bytes: number): void {
    mkdirSync(join(repo.root, rel, '..'), { recursive: true })
    const fd = openSync(join(repo.root, rel), 'w')
    ftruncateSync(fd, bytes)
    closeSync(fd)
  }

  it('is refused by its size before it is read, naming the dep, the prompt and the limit', async () => {
    repo = TestRepo.create({ 'docs/a.prompt.md': 'x\n', 'small.md': 'small\n' })
    repo.commit('first')
    for (let i = 0; i < 40; i++) sparse(`raw/part-${i}.bin`, 90 * 1024 * 1024) // 3.5 GB, each under GitHub's 100 MB
    const limit = {
      ...sourceLimit({ maxInputTokens: 5_000_000, maxDocuments: 1, maxOutputTokens: 1 }),
      promptPath: 'docs/a.prompt.md'
    }
    const started = Date.now()
    const error = await refusal(sourceDiff(new Git(repo.root), ['small.md', 'raw'], undefined, new Map(), limit))
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(error.problems[0].file).toBe('docs/a.prompt.md')
    expect(error.problems[0].message).toMatch(
      /the sources of this document hold 3\.5 GB, more than max-input-tokens 5000000 can take \(at most 38 MB, at up to 8 bytes per token\), so they are not read; dep raw alone holds 3\.5 GB in 40 file\(s\)/
    )
    expect(error.problems[0].hint).toMatch(/raise max-input-tokens/)
  })

  it('reads sources a small budget cannot take up to 64 MB (the budget check then names the run), never more than 256 MB', async () => {
    expect(sourceLimit({ maxInputTokens: 100, maxDocuments: 1, maxOutputTokens: 1 }).maxBytes).toBe(64 * 1024 * 1024)
  })

  it('never reads more than the action takes for one document, however large the budget', async () => {
    repo = TestRepo.create({ 'small.md': 'small\n' })
    repo.commit('first')
    sparse('raw/huge.bin', 300 * 1024 * 1024)
    const limit = sourceLimit({ maxInputTokens: 1e12, maxDocuments: 1, maxOutputTokens: 1 })
    expect(limit.maxBytes).toBe(256 * 1024 * 1024)
    const error = await refusal(sourceDiff(new Git(repo.root), ['raw'], undefined, new Map(), limit))
    expect(error.problems[0].message).toMatch(
      /300 MB, more than the action reads for one document \(256 MB\), so they are not read/
    )
  })

  it('refuses one file larger than the action reads from one file (a prompt, a pipeline file), naming it', () => {
    repo = TestRepo.create({ 'small.md': 'small\n' })
    sparse('docs/huge.prompt.md', 300 * 1024 * 1024)
    expect(() => new RepoPathChecker(repo.root).readText('docs/huge.prompt.md', 'prompt')).toThrow(
      /docs\/huge\.prompt\.md is 300 MB, more than the action reads from one file \(256 MB\)/
    )
  })

  it('stops a diff larger than the limit (a large file deleted since the baseline) instead of buffering it', async () => {
    repo = TestRepo.create({ 'src/big.txt': `${'line of text\n'.repeat(2000)}`, 'src/keep.txt': 'keep\n' })
    const baseline = repo.commit('first')
    repo.remove('src/big.txt')
    const limit = { maxBytes: 4000, why: 'more than max-input-tokens 500 can take', promptPath: 'p.prompt.md' }
    const error = await refusal(sourceDiff(new Git(repo.root), ['src'], baseline, new Map(), limit))
    expect(error.problems[0]).toMatchObject({ file: 'p.prompt.md' })
    expect(error.problems[0].message).toMatch(
      /the changes to src since [0-9a-f]{12} are over 3\.9 KB, more than max-input-tokens 500 can take/
    )
  })
})
