// hand-edits: fail names each hand-edited document and says how to revert it
// (`git checkout -- PATH`). The path is a repository name a pull request
// chooses: in the suggested command it is one quoted shell word, so pasting
// the command runs nothing the name holds and names exactly that file.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { GraftError } from '../../../src/core/errors.js'
import { refuseHandEdits } from '../../../src/core/validate/hand-edits.js'
import { scratchDir } from '../../support/scratch.js'

describe('refuseHandEdits: the revert command', () => {
  it.each([
    ['command substitution', 'docs/$(touch pwned).md'],
    ['backticks and a space', 'docs/`touch pwned` guide.md'],
    ['a quote and a semicolon', "docs/it's;touch pwned.md"],
    ['a leading dash', '-rf.md']
  ])('%s: one literal argument, nothing run', (_what, out) => {
    const error = (() => {
      try {
        refuseHandEdits([
          {
            stage: 's',
            outputs: [out],
            reasons: [
              { kind: 'edited-by-hand', path: out, text: `${out} edited by hand (its md5 differs from dvc.lock)` }
            ]
          }
        ])
      } catch (e) {
        return e
      }
    })() as GraftError
    expect(error).toBeInstanceOf(GraftError)
    const hint = error.problems[0].hint ?? ''
    const suggested = /\(git checkout -- (.*)\), move the change/.exec(hint)?.[1]
    expect(suggested).toBeDefined()
    const dir = scratchDir('graft-hand-edit-hint')
    mkdirSync(join(dir, 'docs'))
    const args = execFileSync('sh', ['-c', `printf '%s\\0' ${suggested}`], { cwd: dir, encoding: 'utf8' })
    expect(args.split('\0').slice(0, -1)).toEqual([out.startsWith('-') ? `./${out}` : out])
    expect(readdirSync(dir)).toEqual(['docs'])
    expect(readdirSync(join(dir, 'docs'))).toEqual([])
  })
})
