import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { Git } from '../../../src/core/io/git.js'
import { GraftError } from '../../../src/core/errors.js'
import { commitFiles } from '../../../src/core/publish/commit.js'
import { isBotRegenerationCommit, loopGuardError, readBotCommit } from '../../../src/core/publish/loop-guard.js'
import { commitMessage } from '../../../src/core/publish/message.js'
import { TestRepo } from '../../support/repo.js'

const bot = { name: 'graft-bot[bot]', email: 'graft-bot[bot]@users.noreply.github.com' }

describe('loop guard', () => {
  let repo: TestRepo
  let git: Git
  beforeEach(() => {
    repo = TestRepo.create({ 'docs/a.md': 'a1\n' })
    repo.commit('first')
    git = new Git(repo.root)
  })
  afterEach(() => repo.cleanup())

  it("recognises the bot's own commit by its trailer", async () => {
    repo.write({ 'docs/a.md': 'a2\n' })
    const message = commitMessage({
      documents: [{ output: 'docs/a.md', directive: 'UPDATE' }],
      extraFiles: ['dvc.lock'],
      triggerSha: repo.head()
    })
    await commitFiles(git, { paths: ['docs/a.md'], identity: { name: 'Someone', email: 's@example.com' }, message })
    expect(await isBotRegenerationCommit(git)).toBe(true)
    expect(await isBotRegenerationCommit(git, 'HEAD~1')).toBe(false)
  })

  it('recognises a commit without the trailer by the bot identity (name and e-mail), whatever its subject', async () => {
    repo.write({ 'docs/a.md': 'a2\n' })
    await commitFiles(git, { paths: ['docs/a.md'], identity: bot, message: 'docs: regenerate stale documentation\n' })
    expect(await readBotCommit(git, bot)).toEqual({ isBotCommit: true, regenerated: ['docs/a.md'] })
    expect((await readBotCommit(git)).isBotCommit).toBe(false)
    // the same name with another e-mail is someone else
    expect((await readBotCommit(git, { name: bot.name, email: 'other@example.com' })).isBotCommit).toBe(false)
  })

  it('does not take a developer commit for a regeneration, whatever its subject; reads the files the bot commit changed', async () => {
    repo.write({ 'docs/a.md': 'a2\n' })
    repo.commit('docs: regenerate 1 stale document') // right subject, developer author
    expect((await readBotCommit(git, bot)).isBotCommit).toBe(false)
    repo.write({ 'docs/a.md': 'a3\n', 'docs/b.md': 'b\n', 'dvc.lock': 'lock\n' })
    await commitFiles(git, { paths: ['docs/a.md', 'docs/b.md', 'dvc.lock'], identity: bot, message: 'chore: bump\n' })
    expect(await readBotCommit(git, bot)).toEqual({ isBotCommit: true, regenerated: ['docs/a.md', 'docs/b.md'] })
    expect((await readBotCommit(git, bot, 'no-such-rev')).isBotCommit).toBe(false)
  })

  it('explains the loop and names each stale file', () => {
    const error = loopGuardError(['docs/a.md', 'docs/b.md'])
    expect(error).toBeInstanceOf(GraftError)
    expect(error.problems.map((p) => p.file)).toEqual([undefined, 'docs/a.md', 'docs/b.md'])
    expect(error.message).toMatch(
      /own regeneration, yet 2 document\(s\) it regenerated are stale again; committing again would start a regeneration loop/
    )
    expect(error.message).toMatch(/non-deterministic stage/)
    expect(error.message).toMatch(/a dep that generation itself rewrites/)
    expect(error.message).toMatch(/docs\/a\.md: still stale right after the bot regenerated it/)
  })
})
