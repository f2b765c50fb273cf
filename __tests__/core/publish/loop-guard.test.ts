import { Git } from '../../../src/core/io/git.js'
import { GraftError } from '../../../src/core/errors.js'
import { commitFiles } from '../../../src/core/publish/commit.js'
import { isBotRegenerationCommit, loopGuardError } from '../../../src/core/publish/loop-guard.js'
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
    const message = commitMessage({ documents: [{ output: 'docs/a.md', directive: 'UPDATE' }], extraFiles: ['dvc.lock'], triggerSha: repo.head() })
    await commitFiles(git, { paths: ['docs/a.md'], identity: { name: 'Someone', email: 's@example.com' }, message })
    expect(await isBotRegenerationCommit(git)).toBe(true)
    expect(await isBotRegenerationCommit(git, 'HEAD~1')).toBe(false)
  })

  it('recognises a commit without the trailer by author and subject, only when given the identity', async () => {
    repo.write({ 'docs/a.md': 'a2\n' })
    await commitFiles(git, { paths: ['docs/a.md'], identity: bot, message: 'docs: regenerate 3 stale documents\n' })
    expect(await isBotRegenerationCommit(git, 'HEAD', bot)).toBe(true)
    expect(await isBotRegenerationCommit(git, 'HEAD')).toBe(false)
  })

  it('does not take a developer commit, or one by the bot with another subject, for a regeneration', async () => {
    repo.write({ 'docs/a.md': 'a2\n' })
    repo.commit('docs: regenerate 1 stale document') // right subject, developer author
    expect(await isBotRegenerationCommit(git, 'HEAD', bot)).toBe(false)
    repo.write({ 'docs/a.md': 'a3\n' })
    await commitFiles(git, { paths: ['docs/a.md'], identity: bot, message: 'chore: bump\n\nGenerated-by: someone-else\n' })
    expect(await isBotRegenerationCommit(git, 'HEAD', bot)).toBe(false)
    expect(await isBotRegenerationCommit(git, 'no-such-rev', bot)).toBe(false)
  })

  it('explains the loop and names each stale file', () => {
    const error = loopGuardError(['docs/a.md', 'docs/b.md'])
    expect(error).toBeInstanceOf(GraftError)
    expect(error.problems.map((p) => p.file)).toEqual([undefined, 'docs/a.md', 'docs/b.md'])
    expect(error.message).toMatch(/own regeneration, yet 2 document\(s\) are still stale; committing again would start a regeneration loop/)
    expect(error.message).toMatch(/non-deterministic stage/)
    expect(error.message).toMatch(/a dep that generation itself rewrites/)
    expect(error.message).toMatch(/docs\/a\.md: still stale right after the bot regenerated it/)
  })
})
