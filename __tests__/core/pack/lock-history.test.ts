import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { fastParseDvcLock } from '../../../src/core/dvc/dvclock-fast.js'
import { setLockStage } from '../../../src/core/dvc/dvclock.js'
import { lockStageEntries } from '../../../src/core/pack/lock-history.js'

const md5 = (s: string): string => createHash('md5').update(s).digest('hex')
const entry = (path: string) => ({ path, hash: 'md5' as const, md5: md5(path), size: path.length })

// Locks in DVC's layout, each read by the fast reader.
const built = setLockStage(
  setLockStage(undefined, 'a', {
    cmd: 'graft render a',
    deps: [entry('src/x.md'), entry('a.prompt.md')],
    outs: [entry('a.md')]
  }),
  'b',
  {
    cmd: `graft render ${'word '.repeat(20)}b`, // folded over lines
    deps: [
      { path: 'old.md', md5: '12345678901234567890123456789012', size: 3 },
      { ...entry('tool.sh'), isexec: true }
    ],
    outs: [{ ...entry('dir'), md5: `${md5('d')}.dir`, nfiles: 2 }]
  }
)
const otherLayout = [
  "schema: '2.0'",
  'stages:',
  '  c:',
  '    cmd: x',
  '    deps:', // a list with nothing in it: YAML reads null
  '    outs:',
  '    - path: o.md',
  '      size: 3', // keys in another order than DVC's
  `      md5: ${md5('o')}`,
  ''
].join('\n')

describe('lockStageEntries', () => {
  it('gives each stage the same entry from the fast reader as from the YAML parser', () => {
    for (const text of [built, otherLayout]) {
      const commented = `${text}# a comment: the same content, for the YAML parser only\n`
      expect(fastParseDvcLock(text)).toBeDefined()
      expect(fastParseDvcLock(commented)).toBeUndefined()
      const fast = lockStageEntries(text)!
      expect(fast.size).toBeGreaterThan(0)
      expect(fast).toEqual(lockStageEntries(commented))
    }
    expect([...lockStageEntries(built)!.keys()]).toEqual(['a', 'b'])
  })

  it('counts a change of content, not of layout', () => {
    const c = lockStageEntries(otherLayout)!.get('c')
    const dvcOrder = otherLayout.replace('    deps:\n', '').replace(/( {6}size: 3\n)( {6}md5: \S+\n)/, '$2$1')
    expect(fastParseDvcLock(dvcOrder)).toBeDefined()
    expect(lockStageEntries(dvcOrder)!.get('c')).toBe(c)
    expect(lockStageEntries(otherLayout.replace('size: 3', 'size: 4'))!.get('c')).not.toBe(c)
    expect(lockStageEntries(otherLayout.replace('cmd: x', 'cmd: y'))!.get('c')).not.toBe(c)
  })

  it('holds no stages for a lock without any, and throws on text that is not YAML', () => {
    expect(lockStageEntries("schema: '2.0'\nstages:\n")).toBeUndefined()
    expect(() => lockStageEntries('a: [\n')).toThrow()
  })
})
