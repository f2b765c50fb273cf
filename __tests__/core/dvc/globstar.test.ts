// The globstar matcher (issue 19 §5): the `.dvcignore` patterns holding `**`
// get the same answers `ignore` gives (on inputs small enough for `ignore` to
// answer at all), and a pattern of many `**/a/` segments over a deep path —
// minutes for `ignore` — is answered at once; through DvcIgnore, which now
// routes every `**` pattern there, and the native engine's walk of a deep
// folder dep.
import { afterEach, describe, expect, it } from '@jest/globals'
import ignore from 'ignore'
import { GlobstarPattern } from '../../../src/core/dvc/globstar.js'
import { DvcIgnore } from '../../../src/core/dvc/dvcignore.js'
import { GraftError } from '../../../src/core/errors.js'
import { TestRepo } from '../../support/repo.js'
import { pick, prng } from '../../support/random.js'

const SEGMENTS = ['a', 'b', 'ab', '*', '**', 'a*', '*b', '?', '[ab]', '[!a]', 'a?b', '\\*', '***', '[[:alpha:]]']
const NAMES = ['a', 'b', 'ab', 'ba', 'aab', 'c', '*', 'a.b']

function ignoreSays(pattern: string, path: string, isDir: boolean): boolean {
  return ignore({ ignorecase: false })
    .add(pattern)
    .test(isDir ? `${path}/` : path).ignored
}

describe('GlobstarPattern', () => {
  it('answers as `ignore` does for random ** patterns and paths (20,000 pairs)', () => {
    const r = prng(19)
    let compared = 0
    for (let n = 0; n < 4000; n++) {
      const parts = Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(r, SEGMENTS))
      if (!parts.some((p) => /^\*{2,}$/.test(p))) parts[Math.floor(r() * parts.length)] = '**'
      const pattern = `${r() < 0.25 ? '/' : ''}${parts.join('/')}${r() < 0.25 ? '/' : ''}`
      const matcher = GlobstarPattern.parse(pattern)
      expect({ pattern, parsed: matcher !== undefined }).toEqual({ pattern, parsed: true })
      for (let k = 0; k < 5; k++) {
        const path = Array.from({ length: 1 + Math.floor(r() * 5) }, () => pick(r, NAMES)).join('/')
        const isDir = r() < 0.4
        const expected = ignoreSays(pattern, path, isDir)
        expect({ pattern, path, isDir, ignored: matcher!.matches(path, isDir, true) }).toEqual({
          pattern,
          path,
          isDir,
          ignored: expected
        })
        compared++
      }
    }
    expect(compared).toBe(20_000)
  })

  it('reads no pattern without ** (those stay with `ignore`)', () => {
    expect(GlobstarPattern.parse('*.md')).toBeUndefined()
    expect(GlobstarPattern.parse('a/b*/c')).toBeUndefined()
    expect(GlobstarPattern.parse('a**b')).toBeUndefined() // not a whole segment: a plain star
  })

  it('answers a pattern of many **/a/ segments over a deep path at once', () => {
    const pattern = `${Array(40).fill('**/a').join('/')}/x`
    const matcher = GlobstarPattern.parse(pattern)!
    const deep = Array(2000).fill('a').join('/')
    const started = Date.now()
    expect(matcher.matches(`${deep}/y`, false, true)).toBe(false)
    expect(matcher.matches(`${deep}/x`, false, true)).toBe(true)
    expect(Date.now() - started).toBeLessThan(2000)
  })
})

describe('DvcIgnore with a backtracking pattern over a deep folder', () => {
  let repo: TestRepo
  afterEach(() => repo.cleanup())

  it('checks every file of a deep folder dep in bounded time, and still applies the rule', () => {
    const deep = Array(60).fill('a').join('/')
    repo = TestRepo.create({
      '.dvcignore': `${Array(12).fill('**/a').join('/')}/x\n`,
      [`data/${deep}/x`]: 'ignored\n',
      [`data/${deep}/y`]: 'kept\n'
    })
    const rules = new DvcIgnore(repo.root)
    const started = Date.now()
    expect(rules.check(`data/${deep}/y`, false).ignored).toBe(false)
    const hit = rules.check(`data/${deep}/x`, false)
    expect(hit.ignored).toBe(true)
    expect(hit.rule).toMatchObject({ file: '.dvcignore', line: 1 })
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('keeps the order of rules across both matchers: the last that decides wins', () => {
    repo = TestRepo.create({ '.dvcignore': '*.md\n!keep/**/*.md\n**/keep/deep/x.md\n' })
    const rules = new DvcIgnore(repo.root)
    expect(rules.check('a.md', false).ignored).toBe(true)
    expect(rules.check('keep/b/a.md', false).ignored).toBe(false)
    expect(rules.check('keep/deep/x.md', false)).toMatchObject({ ignored: true, rule: { line: 3 } })
  })

  it('refuses, at its line, a pattern of several ** segments the matcher cannot read', () => {
    repo = TestRepo.create({ '.dvcignore': '*.tmp\n**/a/**/[b\n' })
    const rules = new DvcIgnore(repo.root)
    expect(() => rules.check('x/y', false)).toThrow(GraftError)
    try {
      rules.check('x/y', false)
    } catch (error) {
      expect((error as GraftError).problems[0]).toMatchObject({ file: '.dvcignore', line: 2 })
    }
  })
})
