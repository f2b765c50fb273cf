// The one log escaper: repository text printed to a terminal or the Actions log
// can neither form a workflow command nor act on the terminal: C0 and C1
// controls (ESC, the 8-bit CSI U+009B), a carriage return, and the bidirectional
// overrides and isolates ("Trojan Source") are shown as escapes; line breaks stay.
import { describe, expect, it } from '@jest/globals'
import { escapeLog } from '../../src/core/log.js'
import { lexicalPathProblem, showPath } from '../../src/core/paths.js'

describe('escapeLog', () => {
  it.each([
    ['an ANSI colour (ESC [)', 'docs/\u001b[31mred.md', 'docs/\\u001b[31mred.md'],
    ['the 8-bit CSI (C1 U+009B)', 'docs/\u009b31mred.md', 'docs/\\u009b31mred.md'],
    ['another C1 control (U+0085, next line)', 'a\u0085b', 'a\\u0085b'],
    ['a right-to-left override', 'evil\u202etxt.md', 'evil\\u202etxt.md'],
    ['an isolate and a mark', 'a\u2067b\u200fc', 'a\\u2067b\\u200fc'],
    ['a carriage return and a tab', 'ok\rfake\tx', 'ok\\rfake\\tx'],
    ['the Unicode line separator', 'a\u2028b', 'a\\u2028b']
  ])('%s is shown as an escape', (_what, raw, shown) => {
    expect(escapeLog(raw)).toBe(shown)
  })

  it('keeps line breaks and plain text, and quotes a line the runner would read as a command', () => {
    expect(escapeLog('café 日本語 🙂\nnext')).toBe('café 日本語 🙂\nnext')
    expect(escapeLog('x\n::add-mask::y')).toBe('x\n» ::add-mask::y')
  })
})

describe('paths with a C1 control character are refused, as C0 ones are', () => {
  it.each([
    ['the 8-bit CSI', 'docs/\u009b31mred.md'],
    ['next line (U+0085)', 'docs/a\u0085b.md'],
    ['ESC', 'docs/a\u001bb.md']
  ])('%s', (_what, path) => {
    const problem = lexicalPathProblem(path, 'prompt')
    expect(problem).toContain('holds a control character')
    expect(problem).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/)
    expect(showPath(path)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/)
  })
})
