// What a regeneration changed, in numbers: a real line diff, and the warning
// for an UPDATE that changes far more than its source diff calls for.
import { describe, expect, it } from '@jest/globals'
import {
  describeDisproportion,
  describeLineChange,
  diffChangedLines,
  disproportionateChange,
  lineChange
} from '../../../src/core/generate/line-changes.js'
import { Git } from '../../../src/core/io/git.js'
import { sourceDiff } from '../../../src/core/pack/source-diff.js'
import { TestRepo } from '../../support/repo.js'

describe('lineChange', () => {
  it('counts lines added and removed by a real line diff, out of the new text’s lines', () => {
    const before = 'a\nb\nc\nd\n'
    expect(lineChange(before, 'a\nB\nc\nd\ne\n')).toEqual({ added: 2, removed: 1, lines: 5 })
    expect(lineChange(before, before)).toEqual({ added: 0, removed: 0, lines: 4 })
    expect(lineChange('', 'x\ny')).toEqual({ added: 2, removed: 0, lines: 2 })
    expect(describeLineChange({ added: 3, removed: 1, lines: 212 })).toBe('+3 −1 of 212 lines')
    expect(describeLineChange({ added: 1, removed: 0, lines: 1 })).toBe('+1 −0 of 1 line')
  })

  // A large section added to a large document (an API reference gaining 1,500 lines): past the
  // diff's limit every line of both texts counted as changed, "+21500 −20000 of 21500 lines", and
  // the UPDATE was flagged as changing all of it. The lines both texts share at their start and end
  // are not part of any change.
  it('a change past the diff limit counts only what lies between the lines both texts share at the start and the end', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `Line ${i} of the reference.\n`)
    const section = Array.from({ length: 1_500 }, (_, i) => `New line ${i}.\n`)
    const before = lines.join('')
    const after = [...lines.slice(0, 9_000), ...section, ...lines.slice(9_000)].join('')
    const change = lineChange(before, after)
    expect(change).toEqual({ added: 1_500, removed: 0, lines: 21_500 })
    expect(disproportionateChange('UPDATE', change, 1_500)).toBeUndefined()
    // a line changed at each end of a long rewrite in between: the middle still counts whole
    const edited = ['X\n', ...lines.slice(1, 5_000), ...section, ...lines.slice(5_000, -1), 'Y\n'].join('')
    expect(lineChange(before, edited)).toEqual({ added: 20_000 + 1_500, removed: 20_000, lines: 21_500 })
  })

  it('a diff too large to compute counts everything as changed, and ends', () => {
    const before = Array.from({ length: 30_000 }, (_, i) => `old ${i}`).join('\n')
    const after = Array.from({ length: 30_000 }, (_, i) => `new ${i}`).join('\n')
    const started = Date.now()
    expect(lineChange(before, after)).toEqual({ added: 30_000, removed: 30_000, lines: 30_000 })
    expect(Date.now() - started).toBeLessThan(20_000)
  })
})

describe('diffChangedLines', () => {
  it('counts + and - lines, not the file headers', () => {
    expect(diffChangedLines('--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-old\n+new\n context\n+more\n')).toBe(3)
  })

  // No baseline (a shallow checkout, actions/checkout's default, or a history a partial clone cannot
  // read): an UPDATE is shown its sources whole, every line of them new to the model. Counting only
  // their lines that happen to start with + or - (Markdown list items) would hold a full update to
  // "a source diff of 2 changed lines" and warn it out of proportion.
  it('sources shown whole (no baseline) count every line of them', async () => {
    const repo = TestRepo.create({
      'notes.md': '# Notes\n\nPlain prose, one line.\nAnother line.\n- a list item\n',
      'data.txt': 'one\ntwo\n'
    })
    try {
      repo.commit('sources')
      const whole = await sourceDiff(new Git(repo.root), ['notes.md', 'data.txt'], undefined)
      expect(whole.changed).toBe(true)
      expect(diffChangedLines(whole.text)).toBe(7)
    } finally {
      repo.cleanup()
    }
  })
})

describe('disproportionateChange', () => {
  it('flags an UPDATE that changes ≥ 30% and ≥ 5 lines, more lines than its source diff', () => {
    const change = { added: 60, removed: 60, lines: 100 }
    const found = disproportionateChange('UPDATE', change, 3)
    expect(found).toEqual({ share: 0.6, sourceDiffLines: 3 })
    expect(describeDisproportion(found!, change)).toBe(
      'this UPDATE changed 60% of its lines (+60 −60 of 100 lines) for a source diff of 3 changed lines; review the whole document'
    )
  })

  it('leaves proportionate and small changes, big source diffs, and changed instructions alone', () => {
    expect(disproportionateChange('UPDATE', { added: 2, removed: 1, lines: 200 }, 3)).toBeUndefined()
    expect(disproportionateChange('UPDATE', { added: 29, removed: 29, lines: 100 }, 3)).toBeUndefined()
    expect(disproportionateChange('UPDATE', { added: 4, removed: 4, lines: 6 }, 1)).toBeUndefined()
    expect(disproportionateChange('UPDATE', { added: 60, removed: 60, lines: 100 }, 200)).toBeUndefined()
    for (const d of ['REFINE', 'REFRESH', 'GENERATE'])
      expect(disproportionateChange(d, { added: 100, removed: 100, lines: 100 }, 0)).toBeUndefined()
  })

  it('measures against the longer of the two texts: a document cut to a stub is flagged', () => {
    const change = { added: 1, removed: 90, lines: 10 }
    expect(describeDisproportion(disproportionateChange('UPDATE', change, 2)!, change)).toBe(
      'this UPDATE changed 91% of its lines (+1 −90 of 10 lines) for a source diff of 2 changed lines; review the whole document'
    )
  })
})
