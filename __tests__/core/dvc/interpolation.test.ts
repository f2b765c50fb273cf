// The values a `${…}` of dvc.yaml can take, worked out before DVC runs: every
// value a name has in any source, every combination of a loop, a whole-list
// template kept a list, and a refusal (never a guess) where that cannot be known.
import { describe, expect, it } from '@jest/globals'
import { parseDocument } from 'yaml'
import { expand, isTemplate, loopValues, type Scope } from '../../../src/core/dvc/interpolation.js'

const scope = (sources: unknown[], extra: Partial<Scope> = {}): Scope => ({ sources, ...extra })

describe('expand', () => {
  it('fills names and key paths from every source, and keeps a whole-list template a list', () => {
    const s = scope([
      { dir: 'data', files: ['a.md', 'b.md'] },
      { dir: '../../etc', nested: { list: [{ p: 'x' }] } }
    ])
    expect(expand('${dir}/f.md', s)).toEqual({ values: ['data/f.md', '../../etc/f.md'] })
    expect(expand('${ nested.list[0].p }', s)).toEqual({ values: ['x'] })
    expect(expand('${files}', s)).toEqual({ values: [['a.md', 'b.md']] })
    expect(expand('plain/path.md', s)).toEqual({ values: ['plain/path.md'] })
  })

  it('leaves an escaped \\${…} alone, as DVC does', () => {
    expect(isTemplate('a/\\${b}')).toBe(false)
    expect(isTemplate('a/${b}')).toBe(true)
  })

  it('a name no source holds: no value (DVC fails before reading a path); with an unread vars file: refused', () => {
    expect(expand('${missing}', scope([{}]))).toEqual({ values: [] })
    expect(expand('${missing}', scope([{}], { opaque: 'params.toml' }))).toEqual({
      problem: expect.stringMatching(/may come from params\.toml, which the action does not read/)
    })
  })

  it('every combination of a matrix, and a refusal past a thousand paths', () => {
    const doc = parseDocument('a: [1, 2, 3]\nb: [x, "../y"]\n')
    const loop = loopValues(doc.contents, scope([]), 'matrix')
    if ('problem' in loop) throw new Error(loop.problem)
    expect(expand('${item.a}/${item.b}', scope([], { loop }))).toEqual({
      values: ['1/x', '1/../y', '2/x', '2/../y', '3/x', '3/../y']
    })
    const forty = `[${Array.from({ length: 40 }, (_, i) => i).join(', ')}]`
    const wide = loopValues(parseDocument(`a: ${forty}\nb: ${forty}\n`).contents, scope([]), 'matrix')
    if ('problem' in wide) throw new Error(wide.problem)
    expect(expand('${item.a}/x', scope([], { loop: wide }))).toEqual({ values: expect.any(Array) })
    expect(expand('${item.a}/${item.b}', scope([], { loop: wide }))).toEqual({
      problem: expect.stringMatching(/more than 1000 paths, too many to check/)
    })
  })

  it('a foreach mapping: its values as item, its keys as key; a foreach written ${…} from the vars', () => {
    const loop = loopValues(parseDocument('one: {p: a}\ntwo: {p: b}\n').contents, scope([]), 'foreach')
    if ('problem' in loop) throw new Error(loop.problem)
    expect(expand('${key}/${item.p}', scope([], { loop }))).toEqual({ values: ['one/a', 'one/b', 'two/a', 'two/b'] })
    const fromVars = loopValues(parseDocument('${groups}').contents, scope([{ groups: ['/etc/passwd'] }]), 'foreach')
    if ('problem' in fromVars) throw new Error(fromVars.problem)
    expect(expand('${item}', scope([], { loop: fromVars }))).toEqual({ values: ['/etc/passwd'] })
  })
})
