// The one escaper of control characters (core/log.ts): what it escapes, and that the result reads back.
import { describe, expect, it } from '@jest/globals'
import { escapeControls, escapeLog } from '../../src/core/log.js'
import { showPath } from '../../src/core/paths.js'

describe('escapeControls', () => {
  it('escapes C0 and C1 controls, U+007F, line and paragraph separators and bidirectional overrides; JSON would leave some raw', () => {
    const raw = 'a\u0000\u0007\b\t\n\f\r\u001b[31m\u007f\u0085\u009b\u2028\u2029\u202e\u2066z'
    const escaped = escapeControls(raw)
    expect(escaped).toBe('a\\u0000\\u0007\\b\\t\\n\\f\\r\\u001b[31m\\u007f\\u0085\\u009b\\u2028\\u2029\\u202e\\u2066z')
    expect(escaped).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202e\u2066]/)
    expect(JSON.parse(`"${escaped}"`)).toBe(raw)
    expect(JSON.stringify('\u007f\u0085')).toBe('"\u007f\u0085"') // why JSON.stringify was not enough
  })

  it('leaves text without them alone; escapeLog keeps line breaks, showPath does not', () => {
    expect(escapeControls('docs/café ünïcode 日本.md')).toBe('docs/café ünïcode 日本.md')
    expect(escapeLog('one\ntwo\u007f')).toBe('one\ntwo\\u007f')
    expect(showPath('src/new\nline.md')).toBe('src/new\\nline.md')
  })
})
