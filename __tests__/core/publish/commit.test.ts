import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { Git } from '../../../src/core/io/git.js'
import { commitFiles } from '../../../src/core/publish/commit.js'
import { commitMessage } from '../../../src/core/publish/message.js'
import { GraftError } from '../../../src/core/errors.js'
import { TestRepo } from '../../support/repo.js'

const bot = { name: 'graft-bot[bot]', email: 'graft-bot[bot]@users.noreply.github.com' }

describe('commitMessage', () => {
  it('names each file with its directive, then the trailers', () => {
    const message = commitMessage({
      documents: [
        { output: 'docs/a.md', directive: 'UPDATE' },
        { output: 'docs/b.md', directive: 'GENERATE' }
      ],
      extraFiles: ['dvc.lock', 'dvc.yaml'],
      triggerSha: 'abc123'
    })
    expect(message).toBe(
      [
        'docs: regenerate 2 stale documents',
        '',
        '- docs/a.md (UPDATE)',
        '- docs/b.md (GENERATE)',
        '- dvc.lock',
        '- dvc.yaml',
        '',
        'Triggered-by: abc123',
        'Generated-by: graft-action',
        ''
      ].join('\n')
    )
  })

  it('uses the singular for one document, and git reads both trailers', () => {
    const message = commitMessage({
      documents: [{ output: 'a.md', directive: 'MAINTAIN' }],
      extraFiles: [],
      triggerSha: 'f00'
    })
    expect(message.split('\n')[0]).toBe('docs: regenerate 1 stale document')
    const repo = TestRepo.create()
    try {
      repo.write({ msg: message })
      expect(repo.git('interpret-trailers', '--parse', 'msg')).toBe('Triggered-by: f00\nGenerated-by: graft-action\n')
    } finally {
      repo.cleanup()
    }
  })
  it('shows hidden characters of repository names as escapes: a bidi override reorders the line a reviewer reads', () => {
    // "Trojan Source" (CVE-2021-42574): U+202E shows `docs/\u202Edm.txt` as `docs/txt.md`; U+2028 breaks a line
    const message = commitMessage({
      documents: [{ output: 'docs/\u202edm.txt.md', directive: 'UPDATE' }],
      extraFiles: [],
      triggerSha: 'abc123',
      pipelineChanges: ['stage docs@\u2066x\u2069 added\u2028Generated-by: forged']
    })
    expect(message).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u2028\u2029]/)
    expect(message).toContain('- docs/\\u202edm.txt.md (UPDATE)')
    expect(message).toContain('\\u2028Generated-by: forged')
  })
})

describe('commitFiles', () => {
  let repo: TestRepo
  let git: Git
  beforeEach(() => {
    repo = TestRepo.create({ 'docs/a.md': 'a1\n', 'docs/b.md': 'b1\n', 'dvc.lock': 'lock1\n', 'src/x.ts': 'x1\n' })
    repo.commit('first')
    git = new Git(repo.root)
  })
  afterEach(() => repo.cleanup())

  it('commits exactly the given paths, leaving staged and unstaged changes of other files alone', async () => {
    repo.write({ 'docs/a.md': 'a2\n', 'docs/new.md': 'new\n', 'dvc.lock': 'lock2\n' })
    repo.write({ 'src/x.ts': 'x-staged\n', 'staged-new.txt': 's\n' })
    repo.git('add', 'src/x.ts', 'staged-new.txt')
    repo.write({ 'src/x.ts': 'x-unstaged\n', 'docs/b.md': 'b-unstaged\n', 'untracked.txt': 'u\n' })
    const before = repo.snapshot()
    const parent = repo.head()

    const sha = await commitFiles(git, {
      paths: ['docs/a.md', 'docs/new.md', 'dvc.lock'],
      identity: bot,
      message: 'docs: x\n'
    })

    expect(sha).toBe(repo.head())
    expect(repo.git('rev-parse', 'HEAD^').trim()).toBe(parent)
    expect(repo.git('diff-tree', '--no-commit-id', '--name-status', '-r', 'HEAD').trim().split('\n').sort()).toEqual([
      'A\tdocs/new.md',
      'M\tdocs/a.md',
      'M\tdvc.lock'
    ])
    expect(repo.git('show', 'HEAD:docs/a.md')).toBe('a2\n')
    // The user's index still holds their staged change, and the working tree is untouched.
    expect(repo.git('diff', '--cached', '--name-status').trim().split('\n').sort()).toEqual([
      'A\tstaged-new.txt',
      'M\tsrc/x.ts'
    ])
    expect(repo.git('show', ':src/x.ts')).toBe('x-staged\n')
    expect(repo.snapshot()).toEqual(before)
    expect(repo.git('status', '--porcelain', '--', 'docs/a.md', 'docs/new.md', 'dvc.lock')).toBe('')
  })

  it('sets author and committer to the identity without touching git config', async () => {
    const config = repo.git('config', '--local', '--list')
    repo.write({ 'docs/a.md': 'a2\n' })
    await commitFiles(git, { paths: ['docs/a.md'], identity: bot, message: 'm\n' })
    expect(repo.git('log', '-1', '--format=%an|%ae|%cn|%ce').trim()).toBe(
      `${bot.name}|${bot.email}|${bot.name}|${bot.email}`
    )
    expect(repo.git('log', '-1', '--format=%B')).toBe('m\n\n')
    expect(repo.git('config', '--local', '--list')).toBe(config)
  })

  it('makes no commit when the paths did not change, and skips paths that exist nowhere', async () => {
    const head = repo.head()
    repo.write({ 'src/x.ts': 'other change\n' })
    expect(await commitFiles(git, { paths: ['docs/a.md', 'missing.md'], identity: bot, message: 'm' })).toBeUndefined()
    expect(await commitFiles(git, { paths: [], identity: bot, message: 'm' })).toBeUndefined()
    expect(repo.head()).toBe(head)
  })

  it('commits a deleted path as a deletion', async () => {
    repo.remove('docs/b.md')
    await commitFiles(git, { paths: ['docs/b.md'], identity: bot, message: 'm' })
    expect(repo.git('diff-tree', '--no-commit-id', '--name-status', '-r', 'HEAD').trim()).toBe('D\tdocs/b.md')
  })

  it('commits an output that a .gitignore rule happens to match', async () => {
    repo.write({ '.gitignore': 'docs/gen.md\n' })
    repo.commit('ignore')
    repo.write({ 'docs/gen.md': 'generated\n' })
    await commitFiles(git, { paths: ['docs/gen.md'], identity: bot, message: 'm' })
    expect(repo.git('show', 'HEAD:docs/gen.md')).toBe('generated\n')
  })

  it('amends HEAD in place: same parent, both changes in one commit', async () => {
    repo.write({ 'docs/a.md': 'a2\n' })
    const first = await commitFiles(git, { paths: ['docs/a.md'], identity: bot, message: 'm1' })
    const parent = repo.git('rev-parse', 'HEAD^').trim()
    repo.write({ 'docs/b.md': 'b2\n' })
    const amended = await commitFiles(git, { paths: ['docs/b.md'], identity: bot, message: 'm2', amend: true })
    expect(amended).not.toBe(first)
    expect(repo.git('rev-parse', 'HEAD^').trim()).toBe(parent)
    expect(repo.git('diff-tree', '--no-commit-id', '--name-only', '-r', 'HEAD').trim().split('\n')).toEqual([
      'docs/a.md',
      'docs/b.md'
    ])
    expect(await commitFiles(git, { paths: ['docs/b.md'], identity: bot, message: 'm3', amend: true })).toBeUndefined()
  })

  it('refuses a path outside the repository or inside .git, changing nothing', async () => {
    const head = repo.head()
    const before = repo.snapshot()
    const attempt = commitFiles(git, { paths: ['../escape.md', '.git/config'], identity: bot, message: 'm' })
    await expect(attempt).rejects.toThrow(GraftError)
    await expect(attempt).rejects.toThrow(/\.\.\/escape\.md: refusing to commit: .*leaves the repository/)
    await expect(attempt).rejects.toThrow(/\.git\/config: refusing to commit: .*inside \.git/)
    expect(repo.head()).toBe(head)
    expect(repo.snapshot()).toEqual(before)
  })
})
