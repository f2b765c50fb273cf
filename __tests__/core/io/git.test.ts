import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { Git } from '../../../src/core/io/git.js'
import { TestRepo } from '../../support/repo.js'

describe('Git', () => {
  let repo: TestRepo
  beforeEach(() => {
    repo = TestRepo.create({ 'a.md': 'a\n', '.gitignore': 'ignored.md\n' })
    repo.commit('first')
  })
  afterEach(() => repo.cleanup())

  it('lists tracked and untracked files but not ignored ones', async () => {
    repo.write({ 'new.md': 'n', 'ignored.md': 'i' })
    const files = await new Git(repo.root).listFiles()
    expect(files.sort()).toEqual(['.gitignore', 'a.md', 'new.md'])
  })

  it('shows a file at a revision and reports absent paths as undefined', async () => {
    const git = new Git(repo.root)
    expect(await git.show('HEAD', 'a.md')).toBe('a\n')
    expect(await git.show('HEAD', 'missing.md')).toBeUndefined()
    expect(await git.revParse('HEAD~5')).toBeUndefined()
  })
})
