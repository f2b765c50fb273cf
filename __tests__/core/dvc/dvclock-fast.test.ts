// The fast dvc.lock reader against the YAML reader on generated and mutated
// files: it returns exactly what the YAML reader returns, or nothing.
import { describe, expect, it } from '@jest/globals'
import { GraftError } from '../../../src/core/errors.js'
import { fastParseDvcLock, lockByBlocks, lockByLines } from '../../../src/core/dvc/dvclock-fast.js'
import { parseDvcLockYaml } from '../../../src/core/dvc/dvclock.js'
import { pick, prng, type Random } from '../../support/random.js'

const WORDS = ['src', 'docs', 'a', 'part-0001', 'notes.md', 'x_y', 'v1.2', '-n', 'x#y', 'é', "it's"]
const HOSTILE = ['123', 'true', 'null', '1e5', '~', 'a: b', '#x', "'q'", "'it''s'", '- item']

function gen(r: Random, hostile: number): string {
  const word = (): string => (r() < hostile ? pick(r, HOSTILE) : pick(r, WORDS))
  const hex = (): string => Array.from({ length: 32 }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('')
  const out = ["schema: '2.0'", 'stages:']
  const n = Math.floor(r() * 5)
  for (let s = 0; s < n; s++) {
    out.push(`  ${r() < 0.8 ? `stage_${s}` : r() < hostile ? word() : `${pick(r, ['a', 'how_it_works', 'x.y'])}${s}`}:`)
    const cmd = Array.from({ length: 2 + Math.floor(r() * 20) }, word).join(' ')
    out.push(fold('    cmd: ', cmd, 6))
    for (const key of ['deps', 'outs']) {
      if (r() < 0.2) continue
      out.push(`    ${key}:`)
      for (let e = 0; e < 1 + Math.floor(r() * 3); e++) {
        out.push(
          fold('    - path: ', Array.from({ length: 1 + Math.floor(r() * 3) }, word).join(r() < 0.9 ? '/' : ' '), 8)
        )
        if (r() < 0.8) out.push('      hash: md5')
        out.push(
          `      md5: ${r() < 0.1 ? `${hex()}.dir` : r() < hostile ? "'12345678901234567890123456789012'" : hex()}`
        )
        if (r() < 0.9) out.push(`      size: ${Math.floor(r() * 100000)}`)
        if (r() < 0.1) out.push(`      nfiles: ${Math.floor(r() * 10)}`)
        if (r() < 0.1) out.push('      isexec: true')
      }
    }
  }
  return out.join('\n') + '\n'
}

/** ruamel-like folding: a space past column 80 starts a continuation line. */
function fold(prefix: string, text: string, indent: number): string {
  const words = text.split(' ')
  const lines: string[] = []
  let line = prefix + words[0]
  for (const w of words.slice(1)) {
    if (line.length > 80) {
      lines.push(line)
      line = ' '.repeat(indent) + w
    } else line += ' ' + w
  }
  lines.push(line)
  return lines.join('\n')
}

function mutate(text: string, r: Random): string {
  const lines = text.split('\n')
  for (let k = 0; k < 1 + Math.floor(r() * 2); k++) {
    const i = 2 + Math.floor(r() * Math.max(lines.length - 2, 1))
    const line = lines[i] ?? ''
    const at = Math.floor(r() * (line.length + 1))
    switch (Math.floor(r() * 7)) {
      case 0:
        lines[i] =
          line.slice(0, at) +
          pick(r, [
            ':',
            ': ',
            ' #',
            '"',
            "'",
            '\t',
            '{',
            '[',
            '- ',
            '&',
            '*',
            '!',
            '|',
            '?',
            ' ',
            '\r',
            '\u2028',
            '\u00a0',
            '\u3000'
          ]) +
          line.slice(at)
        break
      case 1:
        lines[i] = ' ' + line
        break
      case 2:
        lines[i] = line.replace(/^ /, '')
        break
      case 3:
        lines.splice(i, 1)
        break
      case 4:
        lines.splice(i, 0, line)
        break
      case 5:
        lines.splice(
          i,
          0,
          pick(r, [
            '',
            '# c',
            '      size: 3',
            '      hash: sha256',
            '      nfiles: x',
            '    params:',
            '      extra: 1',
            '        more words',
            '      - words'
          ])
        )
        break
      default:
        lines[i] = line.slice(0, at) + line.slice(at + 1)
    }
  }
  return lines.join('\n')
}

function full(text: string): unknown {
  try {
    return parseDvcLockYaml(text)
  } catch (e) {
    if (!(e instanceof GraftError)) throw e
    return { problems: e.problems }
  }
}

describe('fastParseDvcLock against the YAML reader', () => {
  it('reads 500 generated DVC-layout files exactly as the YAML reader does', () => {
    const r = prng(17)
    for (let n = 0; n < 500; n++) {
      const text = gen(r, 0)
      const fast = fastParseDvcLock(text)
      expect({ text, read: fast !== undefined }).toEqual({ text, read: true })
      expect({ text, fast }).toEqual({ text, fast: full(text) })
    }
  })

  it('reads the same or declines on 800 files with hostile values and 4000 mutated files', () => {
    const r = prng(19)
    let read = 0
    let declined = 0
    for (let n = 0; n < 4800; n++) {
      const text = n < 800 ? gen(r, 0.1) : mutate(gen(r, 0.02), r)
      const fast = fastParseDvcLock(text)
      if (fast === undefined) {
        declined++
        continue
      }
      read++
      expect({ text, fast }).toEqual({ text, fast: full(text) })
    }
    expect(read).toBeGreaterThan(500)
    expect(declined).toBeGreaterThan(1000)
  })

  it('leaves files with white space YAML does not trim (no-break and other Unicode spaces) to the YAML reader', () => {
    const head = "schema: '2.0'\nstages:\n  a:\n"
    for (const text of [
      `${head}    cmd: foo\u00a0\n`,
      `${head}    cmd: foo\n      \u00a0bar\n`,
      `${head}    cmd: x\n    deps:\n    - path: p\u3000\n      md5: abc\n`,
      `${head}    cmd: x\u2029\n`
    ]) {
      expect(fastParseDvcLock(text)).toBeUndefined()
      const stage = parseDvcLockYaml(text).stages.get('a')!
      expect(stage.cmd + stage.deps.map((d) => d.path).join('')).toMatch(/[\u00a0\u3000\u2029]/) // kept, not trimmed
    }
  })

  it('reads an md5 by its shape only when YAML reads it as that string: digits alone, or digits and one e, are numbers', () => {
    const head = "schema: '2.0'\nstages:\n  a:\n    cmd: x\n    deps:\n    - path: p\n      hash: md5\n"
    const md5s = [
      '0123456789abcdef0123456789abcdef', // a letter other than e: a string
      '0123456789abcdef0123456789abcdef.dir',
      'e0123456789012345678901234567890', // one e first: a string (no digits before it)
      '1234567890123456789012345678901e', // one e last: a string (no exponent digits)
      '12345678901234567890123456789012', // digits: an integer
      '1234567890123456e123456789012345', // digits e digits: a float
      '12345678901234567890123456789e12', // the same, exponent short
      'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee', // only e: a string
      '12345678901234567890123456789012.dir',
      '0b101010101010101010101010101010' // ruamel (DVC's reader) reads a binary integer: refused, as DVC fails
    ]
    for (const md5 of md5s) {
      const text = `${head}      md5: ${md5}\n      size: 3\n`
      const fast = fastParseDvcLock(text)
      if (fast !== undefined) expect({ md5, fast }).toEqual({ md5, fast: full(text) })
      // the YAML reader decides every number-like md5 (it refuses it: not a string)
      if (/^([0-9]+(e[0-9]+)?|0b[01]+)$/.test(md5)) {
        expect({ md5, fast }).toEqual({ md5, fast: undefined })
        expect(full(text)).toMatchObject({ problems: [{ message: expect.stringContaining('has no md5 string') }] })
      } else expect(fast?.stages.get('a')?.deps[0].md5).toBe(md5)
    }
  })

  it('leaves a stage that gives deps or outs twice to the YAML reader, which refuses it', () => {
    const head = "schema: '2.0'\nstages:\n  a:\n    cmd: x\n"
    for (const text of [
      `${head}    deps:\n    - path: p\n      md5: m\n    outs:\n    deps:\n    - path: q\n      md5: n\n`,
      `${head}    outs:\n    outs:\n    - path: q\n      md5: n\n`,
      `${head}    deps:\n    deps:\n`
    ]) {
      expect(fastParseDvcLock(text)).toBeUndefined()
      expect(full(text)).toMatchObject({ problems: [{ message: expect.stringContaining('Map keys must be unique') }] })
    }
  })

  it('the block reader returns what the line reader returns, or nothing (500 generated, 4800 hostile or mutated files)', () => {
    const r = prng(23)
    let blocks = 0
    let generated = 0
    for (let n = 0; n < 5300; n++) {
      const text = n < 500 ? gen(r, 0) : n < 1300 ? gen(r, 0.1) : mutate(gen(r, 0.02), r)
      if (/[\r\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/.test(text)) continue // fastParseDvcLock's own check
      const quick = lockByBlocks(text)
      if (quick === undefined) continue
      blocks++
      if (n < 500) generated++
      expect({ text, quick }).toEqual({ text, quick: lockByLines(text) }) // stage lines included
    }
    expect(generated).toBeGreaterThan(400) // DVC's own layout is read by blocks
    expect(blocks).toBeGreaterThan(800)
  })
})
