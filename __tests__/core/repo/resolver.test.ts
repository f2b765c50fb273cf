import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { realpathSync, rmSync, symlinkSync } from 'node:fs'
import { join, posix } from 'node:path'
import { GraftError } from '../../../src/core/errors.js'
import { isSameOrInside, lexicalPathProblem, normalizeRepoPath } from '../../../src/core/repo/names.js'
import { assertWritable, checkRepoPath, RepoPathChecker } from '../../../src/core/repo/resolver.js'
import { TestRepo } from '../../support/repo.js'
import { readDvcLock } from '../../../src/core/dvc/dvclock.js'
import { scratchDir } from '../../support/scratch.js'

describe('paths', () => {
  let repo: TestRepo
  let outside: string
  beforeEach(() => {
    repo = TestRepo.create({ 'docs/a.md': 'a\n', '.github/workflows/ci.yml': 'on: push\n' })
    outside = scratchDir('graft-outside')
  })
  afterEach(() => {
    repo.cleanup()
    rmSync(outside, { recursive: true, force: true })
  })

  it('normalises ./, doubled and trailing slashes, and compares by path segment', () => {
    expect(normalizeRepoPath('./docs//a.md')).toBe('docs/a.md')
    expect(normalizeRepoPath('docs/raw/')).toBe('docs/raw')
    expect(normalizeRepoPath('docs\\a.md')).toBe('docs/a.md')
    expect(isSameOrInside('docs/a', 'docs/a/b.md')).toBe(true)
    expect(isSameOrInside('docs/a', 'docs/a')).toBe(true)
    expect(isSameOrInside('docs/a', 'docs/ab.md')).toBe(false)
  })

  it('accepts plain paths inside the repository, existing or not', () => {
    expect(checkRepoPath(repo.root, 'docs/a.md', 'output')).toBeUndefined()
    expect(checkRepoPath(repo.root, 'docs/new/deep/b.md', 'output')).toBeUndefined()
    expect(checkRepoPath(repo.root, './docs/a.md', 'dep')).toBeUndefined()
    expect(checkRepoPath(repo.root, 'docs/../docs/a.md', 'dep')).toBeUndefined()
  })

  it('refuses absolute paths and paths that leave the repository', () => {
    expect(checkRepoPath(repo.root, '/etc/passwd', 'dep')).toMatch(/is an absolute path/)
    expect(checkRepoPath(repo.root, 'C:\\x.md', 'output')).toMatch(/is an absolute path/)
    expect(checkRepoPath(repo.root, '../x.md', 'dep')).toMatch(/leaves the repository/)
    expect(checkRepoPath(repo.root, 'docs/../../x.md', 'output')).toMatch(/leaves the repository/)
    expect(checkRepoPath(repo.root, '', 'output')).toMatch(/empty/)
  })

  it('refuses .git, .github and .dvc for every role, and dvc.yaml, dvc.lock as outputs', () => {
    expect(checkRepoPath(repo.root, '.git/config', 'dep')).toMatch(/inside \.git\//)
    expect(checkRepoPath(repo.root, '.git/hooks/x', 'output')).toMatch(/inside \.git\//)
    expect(checkRepoPath(repo.root, '.github/workflows/ci.yml', 'output')).toMatch(/inside \.github\//)
    expect(checkRepoPath(repo.root, '.github/workflows/ci.yml', 'dep')).toMatch(/inside \.github\//)
    expect(checkRepoPath(repo.root, '.dvc/config', 'dep')).toMatch(/inside \.dvc\//)
    expect(lexicalPathProblem('dvc.lock', 'output')).toMatch(/pipeline's own dvc.lock/)
    expect(lexicalPathProblem('./dvc.yaml', 'output')).toMatch(/dvc.yaml/)
    expect(lexicalPathProblem('.', 'output')).toMatch(/repository root/)
    expect(lexicalPathProblem('.githubx/a.md', 'output')).toBeUndefined()
  })

  it('refuses dvc.yaml and dvc.lock as outputs in every spelling that is the same file on macOS or Windows', () => {
    // letter case (APFS, NTFS), trailing dots and spaces (Windows drops them), the Kelvin sign (APFS folds it to k)
    for (const spelling of ['DVC.lock', 'Dvc.Yaml', 'dvc.lock.', 'dvc.yaml ', 'dvc.loc\u212a', './DVC.LOCK'])
      expect(lexicalPathProblem(spelling, 'output')).toMatch(/is the pipeline's own dvc\.(lock|yaml)/)
    // a folder of that name is another path
    expect(lexicalPathProblem('DVC.lock/a.md', 'output')).toBeUndefined()
    expect(lexicalPathProblem('docs/DVC.lock', 'output')).toBeUndefined()
  })

  it('refuses .git, .github and .dvc in every spelling NTFS or APFS takes for them, beyond ASCII letter case', () => {
    // NTFS compares names through upper case, where the dotless ı is I: `.gıt` is `.git` there
    expect(lexicalPathProblem('.g\u0131t/hooks/post-checkout', 'output')).toMatch(/inside \.git\//)
    expect(lexicalPathProblem('docs/.G\u0131THUB./workflows/x.yml', 'output')).toMatch(/inside \.github\//)
    expect(lexicalPathProblem('.DVC /config', 'dep')).toMatch(/inside \.dvc\//)
    // HFS+ ignores some invisible code points in a name (git's is_hfs_dotgit, CVE-2014-9390): `.g\u200cit` is `.git` there
    for (const c of ['\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202e', '\u206a', '\u206f', '\ufeff'])
      expect(lexicalPathProblem(`.g${c}it/config`, 'output')).toMatch(/inside \.git\//)
    expect(lexicalPathProblem('docs/.\u200dGit\u206bHub/workflows/x.yml', 'output')).toMatch(/inside \.github\//)
    expect(lexicalPathProblem('\ufeff.git/config', 'output')).toMatch(/inside \.git\//)
    expect(lexicalPathProblem('docs/\u200c.dvc/config', 'dep')).toMatch(/inside \.dvc\//)
    // a dotted İ is not I on either
    expect(lexicalPathProblem('.g\u0130t/a.md', 'output')).toBeUndefined()
  })

  it('refuses the Windows short (8.3) names of those folders, which are the folders on NTFS volumes that keep them', () => {
    expect(lexicalPathProblem('GIT~1/hooks/pre-commit', 'output')).toMatch(/inside \.git\//)
    expect(lexicalPathProblem('docs/GITHUB~1/workflows/x.yml', 'output')).toMatch(/inside \.github\//)
    expect(lexicalPathProblem('dvc~2/config', 'dep')).toMatch(/inside \.dvc\//)
    // other names with a tilde are ordinary names
    expect(lexicalPathProblem('docs/notes~1.md', 'output')).toBeUndefined()
    expect(lexicalPathProblem('GITLAB~1/a.md', 'output')).toBeUndefined()
  })

  it('refuses a symlinked folder or file that leads outside, and allows links that stay inside', () => {
    symlinkSync(outside, repo.path('escape'))
    symlinkSync(join(outside, 'secret.md'), repo.path('docs/dangling.md')) // target does not exist
    symlinkSync(repo.path('docs'), repo.path('alias'))
    expect(checkRepoPath(repo.root, 'escape/x.md', 'output')).toMatch(
      /^escape is a symlink to .*outside the repository/
    )
    expect(checkRepoPath(repo.root, 'escape/x.md', 'dep')).toMatch(/outside the repository/)
    expect(checkRepoPath(repo.root, 'docs/dangling.md', 'output')).toMatch(/^docs\/dangling.md is a symlink/)
    expect(checkRepoPath(repo.root, 'alias/a.md', 'output')).toBeUndefined()
  })

  it('assertWritable throws a GraftError naming the file and what to do, and changes nothing', () => {
    symlinkSync(outside, repo.path('escape'))
    const before = repo.snapshot()
    expect(() => assertWritable(repo.root, 'docs/a.md')).not.toThrow()
    let error: unknown
    try {
      assertWritable(repo.root, 'escape/x.md')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(GraftError)
    const problem = (error as GraftError).problems[0]
    expect(problem.file).toBe('escape/x.md')
    expect(problem.message).toMatch(/refusing to write escape\/x.md: escape is a symlink/)
    expect(problem.hint).toMatch(/remove the symlink/)
    expect(() => assertWritable(repo.root, '.github/workflows/evil.yml')).toThrow(/inside \.github\//)
    expect(repo.snapshot()).toEqual(before)
  })

  it('normalises every short path exactly as posix.normalize and the trailing-slash rule do (the fast path included)', () => {
    const reference = (p: string): string => {
      const n = posix.normalize(p.replace(/\\/g, '/'))
      return n.length > 1 ? n.replace(/\/+$/, '') : n
    }
    const alphabet = ['a', '.', '/', '\\', 'b.md', '..']
    const all = (n: number): string[] => (n === 0 ? [''] : all(n - 1).flatMap((p) => alphabet.map((c) => p + c)))
    for (const p of [0, 1, 2, 3, 4, 5].flatMap(all)) expect([p, normalizeRepoPath(p)]).toEqual([p, reference(p)])
  })

  it('reads a checked file only if it is still a regular file: a FIFO or a link swapped in is named, never waited on', async () => {
    repo.write({ 'docs/p.prompt.md': 'p\n', 'docs/q.prompt.md': 'q\n', 'dvc.lock': "schema: '2.0'\n" })
    const checker = new RepoPathChecker(repo.root)
    expect(checker.check('docs/p.prompt.md', 'prompt')).toBeUndefined()
    expect(checker.check('docs/q.prompt.md', 'prompt')).toBeUndefined()
    rmSync(repo.path('docs/p.prompt.md'))
    execFileSync('mkfifo', [repo.path('docs/p.prompt.md')])
    rmSync(repo.path('docs/q.prompt.md'))
    symlinkSync(join(outside, 'secret.md'), repo.path('docs/q.prompt.md'))
    const problem = (f: () => unknown): unknown => {
      try {
        f()
      } catch (e) {
        return e instanceof GraftError ? e.problems[0] : e
      }
      return undefined
    }
    expect(problem(() => checker.readText('docs/p.prompt.md', 'prompt'))).toMatchObject({
      file: 'docs/p.prompt.md',
      message: expect.stringMatching(/no longer a regular file: something replaced it with a FIFO/),
      hint: expect.stringMatching(/no other step changes the repository/)
    })
    expect(problem(() => checker.readText('docs/q.prompt.md', 'prompt'))).toMatchObject({
      file: 'docs/q.prompt.md',
      message: expect.stringMatching(/replaced it with a symlink/)
    })
    rmSync(repo.path('dvc.lock'))
    execFileSync('mkfifo', [repo.path('dvc.lock')])
    await expect(readDvcLock(repo.root)).rejects.toThrow(/dvc\.lock is no longer a regular file/)
  })

  it('gives a listed folder the verdicts of looking at each entry alone (symlinks, a FIFO, a folder, missing names)', () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 8; i++) files[`many/f${i}.md`] = `${i}\n`
    repo.write({ ...files, 'many/sub/x.md': 'x\n', 'many/.GitHub/y.md': 'y\n' })
    symlinkSync(join(outside, 'secret.md'), repo.path('many/out-link.md'))
    symlinkSync('f0.md', repo.path('many/in-link.md'))
    symlinkSync(repo.path('.github'), repo.path('many/gh-link'))
    execFileSync('mkfifo', [repo.path('many/pipe.md')])
    const names = [
      ...Object.keys(files),
      'many/sub',
      'many/sub/x.md',
      'many/.GitHub/y.md',
      'many/out-link.md',
      'many/in-link.md',
      'many/gh-link/workflows/ci.yml',
      'many/pipe.md',
      'many/missing.md',
      'many/F0.md',
      'many/f0.md/under'
    ]
    const listed = new RepoPathChecker(repo.root) // looks into many/ again and again: lists it
    for (const role of ['dep', 'output', 'prompt'] as const) {
      for (const p of names) {
        const alone = new RepoPathChecker(repo.root).check(p, role) // one look: no listing
        expect([p, role, listed.check(p, role)]).toEqual([p, role, alone])
      }
    }
    expect(listed.check('many/pipe.md', 'dep')).toMatch(/FIFO/)
    expect(listed.check('many/out-link.md', 'dep')).toMatch(/outside the repository/)
    expect(listed.regularFile('many/in-link.md', 'dep')).toBe(realpathSync(repo.path('many/f0.md')))
    expect(listed.regularFile('many/sub', 'dep')).toBeUndefined()
  })

  it("RepoPathChecker gives checkRepoPath's verdicts, each once, and knows which paths exist", () => {
    symlinkSync(outside, repo.path('escape'))
    symlinkSync(join(outside, 'secret.md'), repo.path('docs/dangling.md'))
    symlinkSync(repo.path('docs'), repo.path('alias'))
    symlinkSync(repo.path('docs/missing.md'), repo.path('docs/inner-dangling.md'))
    const paths = [
      'docs/a.md',
      './docs//a.md',
      'escape/x.md',
      'docs/dangling.md',
      'alias/a.md',
      'alias/none.md',
      'docs/a.md/x',
      'new/file.md',
      '../up',
      '.github/x',
      'docs/inner-dangling.md'
    ]
    const checker = new RepoPathChecker(repo.root)
    for (const role of ['dep', 'output'] as const) {
      for (const p of paths) {
        expect([p, role, checker.check(p, role)]).toEqual([p, role, checkRepoPath(repo.root, p, role)])
        expect([p, role, checker.check(p, role)]).toEqual([p, role, checkRepoPath(repo.root, p, role)]) // memoised
      }
    }
    expect(['docs/a.md', './docs//a.md', 'alias/a.md', 'docs', 'alias'].map((p) => checker.exists(p))).toEqual([
      true,
      true,
      true,
      true,
      true
    ])
    expect(
      ['new/file.md', 'docs/dangling.md', 'docs/inner-dangling.md', 'alias/none.md', 'docs/a.md/x'].map((p) =>
        checker.exists(p)
      )
    ).toEqual([false, false, false, false, false])
  })
})
