// The `targets` input: a JSON array or a newline/comma list; each target an
// output path or a stage name; a target naming nothing is an error that lists
// every such target and the known stages.
import { describe, expect, it } from '@jest/globals'
import { GraftError } from '../../../src/core/errors.js'
import { parseTargetList, resolveTargets } from '../../../src/core/pipeline/targets.js'
import type { StageDef } from '../../../src/core/types.js'

const STAGES: StageDef[] = [
  {
    name: 'overview',
    cmd: 'graft overview',
    deps: ['docs/overview.prompt.md'],
    outs: [{ path: 'docs/overview.md', cache: false }]
  },
  {
    name: 'how_it_works',
    cmd: 'graft how',
    deps: ['docs/how-it-works.prompt.md'],
    outs: [{ path: 'docs/how-it-works.md', cache: false }]
  },
  {
    name: 'two_outs',
    cmd: 'x',
    deps: [],
    outs: [
      { path: 'gen/a.md', cache: true },
      { path: 'gen/b.md', cache: true }
    ]
  }
]

function thrown(fn: () => unknown): GraftError {
  try {
    fn()
  } catch (e) {
    if (e instanceof GraftError) return e
    throw e
  }
  throw new Error('expected a GraftError')
}

describe('parseTargetList', () => {
  it('empty, blank or absent: no targets', () => {
    expect(parseTargetList(undefined)).toEqual([])
    expect(parseTargetList('')).toEqual([])
    expect(parseTargetList('  \n \t')).toEqual([])
  })

  it('a JSON array of strings, trimmed, blanks dropped', () => {
    expect(parseTargetList('["docs/a.md", " overview ", ""]')).toEqual(['docs/a.md', 'overview'])
    expect(parseTargetList('  []  ')).toEqual([])
  })

  it('a JSON array keeps commas inside a name (it is not split as a list)', () => {
    expect(parseTargetList('["docs/a,b.md"]')).toEqual(['docs/a,b.md'])
  })

  it('a newline list, a comma list and both mixed; CRLF lines and blank entries are fine', () => {
    expect(parseTargetList('docs/a.md\noverview\n')).toEqual(['docs/a.md', 'overview'])
    expect(parseTargetList('docs/a.md, overview,,')).toEqual(['docs/a.md', 'overview'])
    expect(parseTargetList('a\r\nb, c\n\n d ')).toEqual(['a', 'b', 'c', 'd'])
  })

  it('invalid JSON after "[" is an error with the parser message and what to pass instead', () => {
    const e = thrown(() => parseTargetList('["docs/a.md",'))
    expect(e.problems).toHaveLength(1)
    expect(e.problems[0].message).toMatch(/^targets is not a valid JSON array: /)
    expect(e.problems[0].hint).toBe('pass a JSON array of strings, or one target per line')
  })

  it('a JSON array holding a non-string is an error with an example', () => {
    const e = thrown(() => parseTargetList('["a", 3]'))
    expect(e.problems[0].message).toBe('targets must be a JSON array of strings')
    expect(e.problems[0].hint).toContain('["docs/a.md", "overview"]')
    expect(() => parseTargetList('[{"a": 1}]')).toThrow('targets must be a JSON array of strings')
  })
})

describe('resolveTargets', () => {
  it('stage names and output paths both name a stage; "./" in front of a path is fine', () => {
    expect([...resolveTargets(['overview'], STAGES)]).toEqual(['overview'])
    expect([...resolveTargets(['docs/how-it-works.md'], STAGES)]).toEqual(['how_it_works'])
    expect([...resolveTargets(['./docs/overview.md'], STAGES)]).toEqual(['overview'])
  })

  it('a stage named twice (by name and by each output) is chosen once', () => {
    const chosen = resolveTargets(['two_outs', 'gen/a.md', 'gen/b.md', 'overview'], STAGES)
    expect([...chosen].sort()).toEqual(['overview', 'two_outs'])
  })

  it('no targets: nothing chosen', () => {
    expect(resolveTargets([], STAGES).size).toBe(0)
  })

  it('a prompt path or a file name alone is not a target', () => {
    expect(() => resolveTargets(['docs/overview.prompt.md'], STAGES)).toThrow(GraftError)
    expect(() => resolveTargets(['overview.md'], STAGES)).toThrow(GraftError)
  })

  it('every target naming nothing is one problem, naming the target and the known stages', () => {
    const e = thrown(() => resolveTargets(['overview', 'docs/missing.md', 'nope'], STAGES))
    expect(e.problems.map((p) => p.message)).toEqual([
      'target "docs/missing.md" names no stage and no output',
      'target "nope" names no stage and no output'
    ])
    expect(e.problems[0].hint).toBe(
      'use a stage name or an output path; known stages: overview, how_it_works, two_outs'
    )
  })

  it('the known-stages hint lists at most 20 stages', () => {
    const many: StageDef[] = Array.from({ length: 30 }, (_, i) => ({ name: `s${i}`, cmd: '', deps: [], outs: [] }))
    const e = thrown(() => resolveTargets(['x'], many))
    const listed = (e.problems[0].hint ?? '').replace(/^.*known stages: /, '').split(', ')
    expect(listed).toHaveLength(20)
    expect(listed[0]).toBe('s0')
    expect(listed).not.toContain('s20')
  })
})
