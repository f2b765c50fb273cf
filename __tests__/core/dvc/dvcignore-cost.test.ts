// What a .dvcignore rule costs the real DVC's matcher (pathspec's regular expressions, backtracking at each `**`
// before more of the pattern): the rules DVC cannot finish matching are told apart from the ones it matches at once.
import { describe, expect, it } from '@jest/globals'
import { backtrackingRules, type TreeShape } from '../../../src/core/dvc/dvcignore-cost.js'

const deep: TreeShape = { rel: 'data', entries: 124, depth: 63 }
const wide: TreeShape = { rel: 'data', entries: 100_000, depth: 30 }

describe('backtrackingRules', () => {
  it('refuses, at its line, a rule of many ** over a deep folder (DVC took longer than any run: issue 19 §5)', () => {
    const text = `# scratch\n*.tmp\n${Array(12).fill('**/a').join('/')}/x\n`
    const problems = backtrackingRules('.dvcignore', text, [deep])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ file: '.dvcignore', line: 3 })
    expect(problems[0].message).toMatch(/has 12 \*\* parts.*data \(63 folders deep, 124 entries\)/)
  })

  it('lets through the rules DVC matches at once: one **, a trailing **, few ** over a shallow folder, comments', () => {
    const text = [
      '**/node_modules/**',
      '**/build/',
      'logs/**',
      '*.tmp',
      '!keep/**/*.md',
      '# **/a/**/a/**/a/**/a/**/a/x',
      '**/a/**/b'
    ].join('\n')
    expect(backtrackingRules('.dvcignore', text, [deep, wide])).toEqual([])
    expect(
      backtrackingRules('.dvcignore', '**/a/**/a/**/a/**/a/**/a/x\n', [{ rel: 'd', entries: 50, depth: 6 }])
    ).toEqual([])
  })

  it('measures nothing when no folder dep lies below the file', () => {
    expect(backtrackingRules('docs/.dvcignore', `${Array(12).fill('**/a').join('/')}/x\n`, [])).toEqual([])
  })
})
