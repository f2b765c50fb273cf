// Settings given as text, one wording for every adapter.
import { describe, expect, it } from '@jest/globals'
import { GraftError } from '../../src/core/errors.js'
import { parseChoice, parseEngineChoice } from '../../src/core/settings.js'
import { resolveModelSetting } from '../../src/core/graft/models.js'

describe('parseEngineChoice', () => {
  it.each(['auto', 'native', 'dvc', ' dvc '])('accepts %j', (raw) => {
    expect(parseEngineChoice(raw, '--engine')).toBe(raw.trim())
  })

  it.each(['foo', '', 'DVC'])('refuses %j, naming the setting and the choices', (raw) => {
    expect(() => parseEngineChoice(raw, '--engine')).toThrow(GraftError)
    expect(() => parseEngineChoice(raw, 'input engine')).toThrow(
      `input engine must be auto, native or dvc, not "${raw}"`
    )
  })
})

describe('resolveModelSetting', () => {
  it('resolves aliases and passes ids through, like the frontmatter', () => {
    expect(resolveModelSetting('bc-v4.5-us', '--model')).toBe('us.anthropic.claude-sonnet-4-5-20250929-v1:0')
    expect(resolveModelSetting('eu.anthropic.claude-x', '--model')).toBe('eu.anthropic.claude-x')
  })

  it('names the setting, not a file, and lists the aliases one model a line', () => {
    let error: unknown
    try {
      resolveModelSetting('foo', '--model')
    } catch (e) {
      error = e
    }
    const [p] = (error as GraftError).problems
    expect(p.file).toBeUndefined()
    expect(p.message).toBe('--model: unknown model "foo"')
    const lines = p.hint!.split('\n').slice(1)
    expect(lines[0]).toBe(
      '  us.anthropic.claude-sonnet-4-5-20250929-v1:0: bedrock-claude-v4.5-sonnet-us, bedrock-claude-sonnet-v4.5-us, bc-v4.5-us'
    )
    expect(lines.every((l) => /^ {2}\S+: \S/.test(l))).toBe(true)
    expect(lines.length).toBeGreaterThan(10)
  })
})

describe('parseChoice', () => {
  it('accepts a choice (trimmed), refuses anything else listing the choices and the nearest one', () => {
    expect(parseChoice(' git ', ['api', 'git'] as const, 'input commit-via')).toBe('git')
    expect(() => parseChoice('Git', ['api', 'git'] as const, 'input commit-via')).toThrow(
      'input commit-via must be api or git, not "Git"; did you mean "git"?'
    )
    expect(() => parseChoice('pull_request', ['pull-request', 'fail'] as const, '--on-protected')).toThrow(
      '--on-protected must be pull-request or fail, not "pull_request"; did you mean "pull-request"?'
    )
    // nothing near: no suggestion, the choices and the default hint
    try {
      parseChoice('ssh', ['api', 'git'] as const, 'input commit-via')
      throw new Error('no error')
    } catch (e) {
      expect((e as GraftError).problems[0]).toEqual({
        message: 'input commit-via must be api or git, not "ssh"',
        hint: 'use one of: api, git'
      })
    }
  })
})
