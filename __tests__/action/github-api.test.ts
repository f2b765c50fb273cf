// GitHub's answers to createCommitOnBranch, sorted into what the publish loop does next;
// and the git-side readings of a refused push.
import { describe, expect, it } from '@jest/globals'
import { classify } from '../../src/action/github-api.js'
import { rollingPullRequestBody } from '../../src/core/publish/message.js'
import { isOutOfDate, isProtected, remoteReason } from '../../src/core/publish/push.js'

const graphqlError = (type: string | undefined, message: string): unknown => ({ errors: [{ type, message }], message })

describe('classify (createCommitOnBranch errors)', () => {
  it('STALE_DATA and a vanished ref are the branch moving', () => {
    expect(
      classify(graphqlError('STALE_DATA', 'Expected branch to point to "abc" but it did not.  Pull and try again.'))
    ).toMatchObject({ ok: false, kind: 'moved' })
    expect(
      classify(graphqlError('NOT_FOUND', "Could not resolve to a Ref with the name 'refs/heads/x'."))
    ).toMatchObject({ kind: 'moved' })
  })
  it('classic protection and rulesets are "protected", the message kept whole on one line', () => {
    const classic = classify(
      graphqlError(
        'BRANCH_PROTECTION_RULE_VIOLATION',
        "protected branch 'main' check failed:\n  Changes must be made through a pull request."
      )
    )
    expect(classic).toEqual({
      ok: false,
      kind: 'protected',
      message: "protected branch 'main' check failed: / Changes must be made through a pull request."
    })
    expect(
      classify(
        graphqlError('UNPROCESSABLE', 'Repository rule violations found\n\nCommits must have verified signatures.\n\n')
      )
    ).toMatchObject({
      kind: 'protected',
      message: 'Repository rule violations found / Commits must have verified signatures.'
    })
  })
  it('a 413 is too large; anything else is a refusal carrying the status, the token scrubbed', () => {
    expect(classify(Object.assign(new Error('Request body too large'), { status: 413 }))).toMatchObject({
      kind: 'too-large'
    })
    expect(classify(Object.assign(new Error('Bad credentials ghs_secret'), { status: 401 }), 'ghs_secret')).toEqual({
      ok: false,
      kind: 'refused',
      message: '401 Bad credentials ***'
    })
  })
})

describe('git push refusals', () => {
  const gh013 = [
    'remote: error: GH013: Repository rule violations found for refs/heads/main.',
    'remote: Review all repository rules at https://github.com/acme/docs/rules?ref=refs%2Fheads%2Fmain',
    'remote: ',
    'remote: - Commits must have verified signatures.',
    'remote: ',
    'To https://github.com/acme/docs.git',
    ' ! [remote rejected] main -> main (push declined due to repository rule violations)',
    'error: failed to push some refs'
  ].join('\n')
  it('keeps every line of the remote reason (the rule name included), secrets scrubbed', () => {
    expect(isProtected(gh013)).toBe(true)
    expect(remoteReason(gh013)).toBe(
      'GH013: Repository rule violations found for refs/heads/main. / Review all repository rules at https://github.com/acme/docs/rules?ref=refs%2Fheads%2Fmain / - Commits must have verified signatures.'
    )
    expect(remoteReason('remote: error: token ghs_x leaked\n', 'ghs_x')).toBe('token *** leaked')
  })
  it('"cannot lock ref" and a failed lease are the branch moving, not a protection rule', () => {
    const lock = " ! [remote rejected] main -> main (cannot lock ref 'refs/heads/main': is at 1111 but expected 2222)"
    expect(isOutOfDate(lock)).toBe(true)
    expect(isProtected(lock)).toBe(false)
    expect(isOutOfDate(' ! [rejected]        HEAD -> main (stale info)')).toBe(true)
  })
})

describe('rollingPullRequestBody', () => {
  it('lists each document with its directive and reasons, escaping table cells', () => {
    const body = rollingPullRequestBody({
      branch: 'main',
      botBranch: 'graft/regenerate/main',
      documents: [{ output: 'docs/a|b.md', directive: 'UPDATE', reasons: ['dep sources/x.md modified', '<script>'] }],
      triggerSha: 'f'.repeat(40),
      refusal: 'GH006: Protected branch update failed for refs/heads/main.'
    })
    expect(body).toContain('| `docs/a\\|b.md` | UPDATE | dep sources/x.md modified; &lt;script&gt; |')
    expect(body).toContain('GH006: Protected branch update failed')
    expect(body).toMatch(/update this pull request in place/)
  })
})
