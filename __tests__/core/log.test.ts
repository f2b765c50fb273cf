// The one escaper (core/log.ts): repository text printed to a terminal, the
// Actions log, a message or GitHub's Markdown can neither form a workflow
// command nor act on the terminal nor reorder what a reader sees: C0 and C1
// controls (ESC, the 8-bit CSI U+009B, NEL), DEL, a carriage return, the line
// and paragraph separators and the bidirectional marks, overrides and isolates
// ("Trojan Source") are shown as escapes that read back; the log keeps its line
// breaks. Every printer (escapeLog, showPath, the Markdown renderer, the CLI's
// JSON) uses that one set.
import { describe, expect, it } from '@jest/globals'
import { code, text } from '../../src/action/gfm.js'
import { jsonOutput } from '../../src/cli/json-output.js'
import { escapeControls, escapeLog } from '../../src/core/log.js'
import { lexicalPathProblem, showPath } from '../../src/core/repo/names.js'
import { runnerCommands } from '../support/runner-commands.js'

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

  // The runner obeys the old `##[name]data` form anywhere in a line (actions/runner,
  // ActionCommand.TryParse: IndexOf("##[")), not only at its start: a name in the middle of
  // a log line (`Stale: docs/x ##[stop-commands]t.md …`) would turn the action's own
  // commands off, add a mask, forge an annotation or set an output.
  it.each([
    ['stop-commands', 'Stale: docs/a ##[stop-commands]pause.md is stale'],
    ['add-mask', 'docs/b ##[add-mask]stale.md'],
    ['error', 'x ##[error file=README.md,line=1]forged'],
    ['set-output', 'docs/d ##[set-output name=is_stale]false.md'],
    ['warning, after a bidi override and a tab', 'a\u202e\t##[warning]w'],
    ['three hashes', 'a ###[group]x'],
    ['two in a line, one at its start', '##[debug]a ##[endgroup]b']
  ])('the old form in the middle of a line (%s) is inert', (_what, raw) => {
    expect(runnerCommands(raw)).not.toEqual([]) // the runner would obey the raw line
    expect(runnerCommands(escapeLog(raw))).toEqual([])
    expect(JSON.parse(`"${escapeLog(raw).replace(/"/g, '\\"')}"`)).toBe(raw) // and it reads back
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

describe('jsonOutput', () => {
  // `graft-action validate --json` in a workflow step prints to the runner, which obeys the old '##[name]'
  // form anywhere in a line: a stale output named 'docs/a ##[stop-commands]x.md' turned commands off
  it("writes '##[' in a string as '##\\u005b' (JSON's escape of '['): the same JSON, no workflow command", () => {
    const value = { stale_files: ['docs/a ##[stop-commands]x.md', 'docs/##[add-mask]b.md'], n: [1, [2]] }
    const printed = jsonOutput(value)
    expect(printed).not.toContain('##[')
    expect(JSON.parse(printed)).toEqual(value)
  })
})

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

describe('one set for every printer', () => {
  // every member of each kind: all C0, DEL, all C1, LS/PS, every bidi mark, embedding, override and isolate
  const hidden = [
    ...Array.from({ length: 0x20 }, (_, i) => i),
    ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
    0x2028,
    0x2029,
    0x200e,
    0x200f,
    ...Array.from({ length: 5 }, (_, i) => 0x202a + i),
    ...Array.from({ length: 4 }, (_, i) => 0x2066 + i),
    // the Arabic letter mark (a bidi mark too), and what shows as nothing: two names that look alike stay apart
    0x061c,
    0x00ad,
    0x180e,
    0x200b,
    0x200c,
    0x200d,
    ...Array.from({ length: 5 }, (_, i) => 0x2060 + i),
    0xfeff
  ].map((c) => String.fromCharCode(c))
  const raw =
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200c-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/

  // The rest of Unicode's Default_Ignorable_Code_Point (what renders as nothing): the combining grapheme
  // joiner, the Hangul fillers (U+3164 is a known invisible name character), the Khmer inherent vowels, the
  // Mongolian variation selectors, the deprecated format characters U+206A-206F (which HFS+ also drops from
  // names), the musical-symbol format characters, the shorthand format controls, and the supplementary
  // variation selectors (U+E0100-E01EF, "variation selector smuggling": bytes hidden after a character)
  it.each(
    [
      0x034f, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180b, 0x180c, 0x180d, 0x180f, 0x2065, 0x206a, 0x206f, 0x3164, 0xffa0,
      0xfff0, 0x1bca0, 0x1d173, 0x1d17a, 0xe0100, 0xe01ef, 0xe0fff
    ].map((c) => [`U+${c.toString(16).padStart(4, '0')}`, String.fromCodePoint(c)])
  )('%s, which renders as nothing, is shown as an escape everywhere', (_name, c) => {
    const s = `docs/a${c}.md`
    expect(escapeControls(s)).toMatch(/^docs\/a(\\u[0-9a-f]{4})+\.md$/)
    expect(JSON.parse(`"${escapeControls(s)}"`)).toBe(s)
    for (const shown of [escapeLog(s), showPath(s), code(s), text(s)]) expect(shown).not.toContain(c)
  })

  it('an emoji keeps its presentation selector (U+FE0F): it shows as the emoji', () => {
    expect(escapeControls('docs/\u26a0\ufe0f.md')).toBe('docs/\u26a0\ufe0f.md')
  })

  it('a tag character (U+E0041, an invisible "A") is shown as its two escaped halves, everywhere', () => {
    const s = 'docs/a\u{e0041}\u{e007f}.md'
    expect(escapeControls(s)).toBe('docs/a\\udb40\\udc41\\udb40\\udc7f.md')
    expect(JSON.parse(`"${escapeControls(s)}"`)).toBe(s)
    for (const shown of [escapeLog(s), showPath(s), code(s), text(s)]) expect(shown).not.toMatch(/[\udb40]/)
  })

  it.each(hidden.map((c) => [`U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`, c]))(
    '%s is shown as an escape by the log, messages, Markdown and the CLI’s JSON',
    (_name, c) => {
      const s = `a${c}b`
      expect(escapeControls(s)).not.toBe(s)
      expect(showPath(s)).toBe(escapeControls(s))
      if (c !== '\n') expect(escapeLog(s)).toBe(escapeControls(s))
      // the Markdown renderer turns line breaks into spaces and keeps tabs; nothing else stays raw
      for (const md of [code(s), text(s)]) expect(md).not.toMatch(raw)
      if (c !== '\t' && !/[\n\r\u2028\u2029]/.test(c)) expect(code(s)).toBe(`\`${escapeControls(s)}\``)
      expect(JSON.parse(jsonOutput(s))).toBe(s)
      expect(jsonOutput(s).slice(0, -1)).not.toMatch(
        /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/
      )
    }
  )
})
