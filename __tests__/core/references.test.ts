// breakReferences, and the bot commit's message that uses it: repository names
// in text a forge reads without Markdown (a commit message, a pull request's
// title) close, reference, mention and link nothing.
import { describe, expect, it } from '@jest/globals'
import { breakReferences, ZWSP } from '../../src/core/references.js'
import { commitMessage } from '../../src/core/publish/message.js'
import { describeSyncChange } from '../../src/core/pipeline/sync.js'

/** What GitHub would act on in plain text (patterns looser than GitHub's own). */
const CLOSING = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s+(?:[\w.-]+\/[\w.-]+)?#\d/i
const FOUND = [
  /@[\p{L}\p{N}_]/u, // a mention, an e-mail address
  /(?:^|[^\p{L}\p{N}_])#\d|\bGH-\d/iu, // an issue reference
  /www\./i, // an autolink
  /[a-z][a-z0-9+.-]*:\/\//i, // a URL
  CLOSING,
  /:[a-z0-9_+-]+:/ // an emoji shortcode (:rocket:, :+1:), which GitHub renders as a picture
]

const HOSTILE = [
  'docs/fixes #12.md',
  'docs/Closes: acme/docs#7.md',
  'docs/resolves GH-3.md',
  'docs/fixes https://github.com/acme/docs/issues/12.md',
  'docs/@acme/security-team.md',
  'docs/mail me@example.com.md',
  'docs/www.evil.test.md',
  'docs/see http:/x.test and ftp://y.test.md',
  'docs/:rocket: launch :+1: :shipit:.md'
]

describe('breakReferences', () => {
  it.each(HOSTILE)('%s: nothing GitHub would act on is left; only zero-width spaces were added', (name) => {
    const shown = breakReferences(name)
    for (const pattern of FOUND) expect(shown).not.toMatch(pattern)
    expect(shown.replaceAll(ZWSP, '')).toBe(name)
  })

  it('leaves ordinary names alone', () => {
    for (const name of ['docs/index.md', 'docs/c#-guide.md', 'docs/user_at_home.md', 'a-b/c.d.md'])
      expect(breakReferences(name)).toBe(name)
  })
})

describe('commitMessage', () => {
  it('hostile output names close, reference and mention nothing; the trailers stay as they are', () => {
    const message = commitMessage({
      documents: HOSTILE.map((output) => ({ output, directive: 'GENERATE' })),
      extraFiles: ['dvc.yaml', 'dvc.lock'],
      triggerSha: 'a'.repeat(40)
    })
    for (const pattern of FOUND) expect(message).not.toMatch(pattern)
    for (const name of HOSTILE) expect(message.replaceAll(ZWSP, '')).toContain(`- ${name} (GENERATE)`)
    expect(message).toContain(`Triggered-by: ${'a'.repeat(40)}\nGenerated-by: graft-action\n`)
  })

  it('the dvc.yaml changes an orphan sync made (stage, prompt and left-behind names) close, reference and mention nothing', () => {
    const changes = HOSTILE.map((name) =>
      describeSyncChange(
        { kind: 'remove', stage: name, prompt: `${name}.prompt.md`, lockEntry: true, leftBehind: [name] },
        'did'
      )
    )
    const message = commitMessage({
      documents: [],
      extraFiles: ['dvc.yaml'],
      triggerSha: 'b'.repeat(40),
      pipelineChanges: changes
    })
    expect(message.startsWith('docs: bring dvc.yaml and dvc.lock in line with the prompts\n')).toBe(true)
    for (const pattern of FOUND) expect(message).not.toMatch(pattern)
    for (const change of changes) expect(message.replaceAll(ZWSP, '')).toContain(`- ${change}`)
  })
})
