// One word of a POSIX shell command (the commands messages suggest: `git
// checkout -- PATH`): every repository name reaches the program as itself,
// through the shells a user pastes into.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { shellPath, shellWord } from '../../src/core/shell-word.js'

const HOSTILE = [
  'docs/a.md',
  'docs/$(touch x).md',
  'docs/`id`.md',
  "docs/it's.md",
  'docs/a b.md',
  'docs/*.md',
  'docs/~x.md',
  '~/x.md',
  '#x.md',
  'a;b|c&d',
  'docs/caf\u00e9.md',
  '=ls',
  '=x.md',
  'docs/=a.md',
  'a=b'
]

describe('shellWord', () => {
  it.each(['bash', 'dash'])('every hostile name reaches a program through %s as itself', (shell) => {
    for (const word of HOSTILE) {
      const said = execFileSync(shell, ['-c', `printf '%s' ${shellWord(word)}`], { encoding: 'utf8' })
      expect(said).toBe(word)
    }
  })

  it("quotes a word that starts with '=' (zsh, macOS's shell, replaces '=ls' with the path of ls)", () => {
    expect(shellWord('=ls')).toBe("'=ls'")
    expect(shellPath('=docs/a.md')).toBe("'=docs/a.md'")
    // elsewhere in a word '=' is plain
    expect(shellWord('docs/a=b.md')).toBe('docs/a=b.md')
  })

  it("a path starting with '-' gets './' so no program reads it as an option", () => {
    expect(shellPath('-rf.md')).toBe('./-rf.md')
  })
})
