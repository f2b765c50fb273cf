// The run policy, one test per branch: facts in, decision and reason out.
import { describe, expect, it } from '@jest/globals'
import {
  checkPushHead,
  checksWillNotRun,
  commitContent,
  decideAfterProbes,
  decideRun,
  loopGuard,
  mayRegenerateAgain,
  MAX_REGENERATIONS_AFTER_REBASE,
  rollingBranch,
  type RunFacts
} from '../../../src/core/publish/policy.js'

const facts = (over: Partial<RunFacts> = {}): RunFacts => ({
  command: 'auto',
  event: 'push',
  canPush: true,
  untrusted: false,
  push: true,
  dryRun: false,
  ...over
})

describe('decideRun', () => {
  it('an untrusted head validates only, with the event plan’s reason', () => {
    expect(decideRun(facts({ untrusted: true, canPush: false, why: 'pull request #7 comes from a fork' }))).toEqual({
      kind: 'validate-only',
      reason: 'pull request #7 comes from a fork'
    })
  })

  it('a pushable branch generates and publishes; push: false or a dry run generates without publishing', () => {
    expect(decideRun(facts())).toEqual({ kind: 'generate', publish: true })
    expect(decideRun(facts({ push: false }))).toEqual({ kind: 'generate', publish: false })
    expect(decideRun(facts({ dryRun: true }))).toEqual({ kind: 'generate', publish: false })
  })

  it('auto on an event with no pushable branch validates only', () => {
    const d = decideRun(
      facts({ event: 'merge_group', canPush: false, why: 'the merge_group event names no branch to commit to' })
    )
    expect(d).toEqual({ kind: 'validate-only', reason: 'the merge_group event names no branch to commit to' })
  })

  it('generate on an event with no pushable branch is refused, saying to set push: false', () => {
    const d = decideRun(facts({ command: 'generate', event: 'issue_comment', canPush: false }))
    expect(d.kind).toBe('refuse')
    if (d.kind === 'refuse') {
      expect(d.problem.message).toMatch(/issue_comment/)
      expect(d.problem.hint).toMatch(/push: false/)
    }
  })

  it('generate with push: false regenerates on such an event (in the working tree, for a later step)', () => {
    expect(decideRun(facts({ command: 'generate', canPush: false, push: false }))).toEqual({
      kind: 'generate',
      publish: false
    })
    expect(decideRun(facts({ command: 'auto', canPush: false, push: false })).kind).toBe('validate-only')
  })
})

describe('decideAfterProbes', () => {
  it('nothing missing: generate', () => {
    expect(decideAfterProbes('auto', 'main', {})).toEqual({ kind: 'generate' })
  })
  it('auto without credentials validates only, naming why', () => {
    expect(decideAfterProbes('auto', 'main', { credentials: 'no credentials in the chain' })).toEqual({
      kind: 'validate-only',
      reason: 'no AWS credentials for Bedrock reached this step (no credentials in the chain)'
    })
  })
  it('generate without credentials goes on (the model call names them)', () => {
    expect(decideAfterProbes('generate', 'main', { credentials: 'none' })).toEqual({ kind: 'generate' })
  })
  it('auto without push access validates only; generate is refused with what to grant', () => {
    expect(decideAfterProbes('auto', 'main', { pushAccess: '403' })).toMatchObject({
      kind: 'validate-only',
      reason: expect.stringMatching(/may not push to main/)
    })
    const d = decideAfterProbes('generate', 'main', { pushAccess: '403' })
    expect(d).toMatchObject({ kind: 'refuse', problem: { hint: expect.stringMatching(/contents: write/) } })
  })
})

describe('checkPushHead', () => {
  const base = { branch: 'main', eventSha: 'a'.repeat(40), remoteTip: 'b'.repeat(40) }
  it("HEAD on the event's commit or on the branch's current tip is fine", () => {
    expect(checkPushHead({ ...base, head: 'a'.repeat(40) })).toBeUndefined()
    expect(checkPushHead({ ...base, head: 'b'.repeat(40) })).toBeUndefined()
  })
  it('any other HEAD is refused, naming both SHAs', () => {
    const p = checkPushHead({ ...base, head: 'c'.repeat(40) })
    expect(p?.message).toContain('c'.repeat(40))
    expect(p?.message).toContain('a'.repeat(40))
    expect(p?.hint).toMatch(/push: false/)
  })
  it('a deleted branch: only the event commit passes', () => {
    expect(checkPushHead({ ...base, remoteTip: undefined, head: 'c'.repeat(40) })?.message).toMatch(/no longer exists/)
  })
})

describe('loopGuard', () => {
  const bot = { isBotCommit: true, regenerated: ['docs/faq.md'] }
  it('fires when a document the bot commit regenerated is stale again, naming only those', () => {
    expect(loopGuard({ bot, stale: ['docs/faq.md', 'docs/index.md'], force: false, manual: false })).toEqual([
      'docs/faq.md'
    ])
  })
  it('does not fire for documents the bot commit did not touch', () => {
    expect(loopGuard({ bot, stale: ['docs/index.md'], force: false, manual: false })).toEqual([])
  })
  it('never fires for force or a manual dispatch', () => {
    expect(loopGuard({ bot, stale: ['docs/faq.md'], force: true, manual: false })).toEqual([])
    expect(loopGuard({ bot, stale: ['docs/faq.md'], force: false, manual: true })).toEqual([])
  })
  it('does not fire when HEAD is not a bot commit', () => {
    expect(
      loopGuard({
        bot: { isBotCommit: false, regenerated: ['docs/faq.md'] },
        stale: ['docs/faq.md'],
        force: false,
        manual: false
      })
    ).toEqual([])
  })
})

describe('the smaller rules', () => {
  it('at most two regenerations after rebases', () => {
    expect(MAX_REGENERATIONS_AFTER_REBASE).toBe(2)
    expect([0, 1, 2].map(mayRegenerateAgain)).toEqual([true, true, false])
  })

  it('commit content: every written path, documents with directives, MAINTAIN listed for the lock', () => {
    const { paths, message } = commitContent(
      [
        {
          changedFiles: ['docs/a.md', 'dvc.lock'],
          documents: [
            { output: 'docs/a.md', directive: 'UPDATE' },
            { output: 'docs/m.md', directive: 'MAINTAIN' }
          ]
        },
        { changedFiles: ['docs/b.md', 'dvc.lock'], documents: [{ output: 'docs/b.md', directive: 'GENERATE' }] }
      ],
      'f'.repeat(40)
    )
    expect(paths).toEqual(['docs/a.md', 'dvc.lock', 'docs/b.md'])
    expect(message).toMatch(/^docs: regenerate 3 stale documents\n/)
    expect(message).toContain('- docs/a.md (UPDATE)')
    expect(message).toContain('- docs/m.md (MAINTAIN)')
    expect(message).toContain('- docs/b.md (GENERATE)')
    expect(message).toContain(`Triggered-by: ${'f'.repeat(40)}`)
  })

  it('says in the commit message which documents were edited by hand, and what became of the edit', () => {
    const { message } = commitContent(
      [
        {
          changedFiles: ['docs/b.md', 'dvc.lock'],
          documents: [
            { output: 'docs/a.md', directive: 'MAINTAIN', handEdit: 'kept' },
            { output: 'docs/b.md', directive: 'REFRESH', handEdit: 'regenerated' }
          ]
        }
      ],
      'f'.repeat(40)
    )
    expect(message).toContain('- docs/a.md (MAINTAIN: edited by hand, edit kept as it is; dvc.lock records it)')
    expect(message).toContain('- docs/b.md (REFRESH: edited by hand, regenerated from the edit)')
  })

  it('commit subject: a forced document that was not stale is not called stale', () => {
    const forced = { output: 'docs/a.md', directive: 'UPDATE', reasons: ['forced'] }
    const stale = { output: 'docs/b.md', directive: 'UPDATE', reasons: ['dep sources/x.md modified'] }
    const subject = (docs: (typeof forced)[]): string =>
      commitContent(
        [{ changedFiles: [...docs.map((d) => d.output), 'dvc.lock'], documents: docs }],
        'f'.repeat(40)
      ).message.split('\n')[0]
    expect(subject([forced])).toBe('docs: regenerate 1 document (forced)')
    expect(subject([forced, stale])).toBe('docs: regenerate 2 documents (1 stale, 1 forced)')
    expect(subject([stale])).toBe('docs: regenerate 1 stale document')
  })

  it('the rolling branch and the checks notice', () => {
    expect(rollingBranch('main')).toBe('graft/regenerate/main')
    expect(checksWillNotRun({ workflowToken: true, requiredChecks: ['ci'], published: true })).toBe(true)
    expect(checksWillNotRun({ workflowToken: false, requiredChecks: ['ci'], published: true })).toBe(false)
    expect(checksWillNotRun({ workflowToken: true, requiredChecks: [], published: true })).toBe(false)
    expect(checksWillNotRun({ workflowToken: true, requiredChecks: undefined, published: true })).toBe(false)
  })
})
