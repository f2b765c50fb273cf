// The fast dvc.yaml reader must return exactly what the full YAML reader
// returns, or nothing (then the full reader runs and owns every error).
import { describe, expect, it } from '@jest/globals'
import { dvcYamlByBlocks, dvcYamlByLines, fastParseDvcYaml } from '../../../src/core/dvc/dvcyaml-fast.js'
import { parseDvcYaml, parseDvcYamlFull } from '../../../src/core/dvc/dvcyaml.js'
import { formatDvcYaml } from '../../../src/core/dvc/dvcyaml-write.js'
import { GraftError } from '../../../src/core/errors.js'
import type { DvcYaml, StageDef } from '../../../src/core/types.js'
import { pick, prng, type Random } from '../../support/random.js'

/** Words any plain reader keeps as strings. */
const WORDS = [
  'src',
  'docs',
  'a',
  'part-0001',
  'notes.md',
  'x_y',
  'v1.2',
  'README',
  '-x',
  '.hidden',
  'c,d',
  'e(f)',
  'g=h',
  'k~',
  'l@m',
  'n%o'
]
/** Words YAML reads as something else, or that the fast reader leaves to the full one. */
const HOSTILE = ['2024', 'true', 'null', '1e5', '0x1F', '~', '..', '@i', '%j', '1:20', '.inf']

let hostile = 0
function word(r: Random): string {
  return r() < hostile ? pick(r, HOSTILE) : pick(r, WORDS)
}

function path(r: Random): string {
  const n = 1 + Math.floor(r() * 3)
  const parts = Array.from({ length: n }, () => word(r))
  return (r() < 0.1 ? './' : '') + parts.join('/')
}

function cmd(r: Random): string {
  const words = ['bash', 'scripts/render_llm.sh', '--prompt', path(r), '--out', path(r), '--name', word(r)]
  if (r() < 0.3) words.push(...Array.from({ length: 12 }, () => word(r)))
  return words.join(' ')
}

/** Folds `text` at spaces past `width` onto lines indented by `indent`. */
function fold(prefix: string, text: string, width: number, indent: number): string {
  const words = text.split(' ')
  const lines: string[] = []
  let line = prefix + words[0]
  for (const w of words.slice(1)) {
    if (line.length > width) {
      lines.push(line)
      line = ' '.repeat(indent) + w
    } else line += ' ' + w
  }
  lines.push(line)
  return lines.join('\n')
}

/** A dvc.yaml in the plain layout, with varied indentation, folding, comments and blank lines. */
function generate(seed: number): string {
  const r = prng(seed)
  const S = pick(r, [1, 2, 4])
  const K = S + pick(r, [1, 2, 3])
  const L = K + pick(r, [0, 0, 2])
  const O = L + pick(r, [3, 4, 6])
  const noise = (): string[] => (r() < 0.15 ? [pick(r, ['', '# note', `${' '.repeat(S)}# c`, '   '])] : [])
  const out = ['# This file is generated.', '', 'stages:']
  const stages = 1 + Math.floor(r() * 6)
  for (let i = 0; i < stages; i++) {
    out.push(`${' '.repeat(S)}${pick(r, ['doc', 'how_it_works', 'a-b', 'x.y'])}_${i}:`, ...noise())
    const keys = ['cmd', 'deps', 'outs', ...(r() < 0.3 ? ['always_changed'] : [])].sort(() => r() - 0.5)
    for (const key of keys) {
      const pad = ' '.repeat(K)
      if (key === 'cmd') out.push(fold(`${pad}cmd: `, cmd(r), pick(r, [20, 40, 80, 200]), K + pick(r, [1, 2, 4])))
      if (key === 'always_changed') out.push(`${pad}always_changed: ${pick(r, ['true', 'false'])}`)
      if (key === 'deps') {
        out.push(`${pad}deps:`)
        const n = Math.floor(r() * 5)
        for (let j = 0; j < n; j++) out.push(`${' '.repeat(L)}- ${path(r)}`, ...noise())
      }
      if (key === 'outs') {
        out.push(`${pad}outs:`)
        const n = Math.floor(r() * 3)
        for (let j = 0; j < n; j++)
          out.push(`${' '.repeat(L)}- ${path(r)}:`, `${' '.repeat(O)}cache: false`, ...noise())
      }
      out.push(...noise())
    }
  }
  return out.join('\n') + (r() < 0.9 ? '\n' : '')
}

/** What the full reader says: its result, or its first problem. */
function full(text: string): DvcYaml | { error: unknown } {
  try {
    return parseDvcYamlFull(text)
  } catch (e) {
    if (!(e instanceof GraftError)) throw e
    return { error: e.problems }
  }
}

/** Random edits that leave the plain layout: quotes, colons, tabs, indentation, lines moved. */
function mutate(text: string, r: Random): string {
  const lines = text.split('\n')
  const edits = 1 + Math.floor(r() * 3)
  for (let k = 0; k < edits; k++) {
    const i = Math.floor(r() * lines.length)
    const line = lines[i]
    const at = Math.floor(r() * (line.length + 1))
    switch (Math.floor(r() * 8)) {
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
            '\u00a0',
            '\u2028',
            '\u3000',
            '$',
            '{',
            '[',
            '-',
            '- ',
            '&',
            '*',
            '!',
            '|',
            '?',
            ' '
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
          pick(r, ['', '  ', '# x', '---', '...', 'plots:', '  desc: hi', '    frozen: true', '      persist: true'])
        )
        break
      case 6:
        lines[i] = line.replace(/false$/, pick(r, ['true', 'False', 'no']))
        break
      default:
        lines[i] = line.slice(0, at) + line.slice(at + 1)
    }
  }
  return lines.join('\n')
}

describe('fastParseDvcYaml', () => {
  it('reads 400 generated plain-layout files exactly as the full reader does', () => {
    hostile = 0
    for (let seed = 1; seed <= 400; seed++) {
      const text = generate(seed)
      const fast = fastParseDvcYaml(text)
      expect({ seed, result: fast }).toEqual({ seed, result: full(text) })
      // Same key order too.
      expect(JSON.stringify(fast)).toBe(JSON.stringify(full(text)))
    }
  })

  it('declines files holding words YAML reads as numbers, booleans or nulls, or paths it leaves to the full reader', () => {
    hostile = 0.05
    let declined = 0
    for (let seed = 1; seed <= 400; seed++) {
      const text = generate(seed)
      const fast = fastParseDvcYaml(text)
      if (fast === undefined) declined++
      else expect({ seed, result: fast }).toEqual({ seed, result: full(text) })
    }
    expect(declined).toBeGreaterThan(100)
  })

  it('never disagrees with the full reader on 3000 mutated files: it reads the same or declines', () => {
    const r = prng(7)
    hostile = 0.02
    let read = 0
    let declined = 0
    for (let n = 0; n < 3000; n++) {
      const text = mutate(generate(1 + (n % 400)), r)
      const fast = fastParseDvcYaml(text)
      if (fast === undefined) {
        declined++
        continue
      }
      read++
      expect({ text, result: fast }).toEqual({ text, result: full(text) })
    }
    expect(read).toBeGreaterThan(100)
    expect(declined).toBeGreaterThan(1000)
  })

  it('reads what graft-action itself writes (cache: false outs)', () => {
    const stages: StageDef[] = [
      {
        name: 'how_it_works',
        cmd: `bash scripts/render_llm.sh --prompt docs/how-it-works.prompt.md --out docs/how-it-works.md --name how_it_works`,
        deps: ['docs/how-it-works.prompt.md', 'docs/a.md'],
        outs: [{ path: 'docs/how-it-works.md', cache: false }]
      },
      { name: 'ping', cmd: 'echo ping', deps: ['x.md'], outs: [{ path: 'p.md', cache: false }], alwaysChanged: true }
    ]
    const text = formatDvcYaml(stages)
    const fast = fastParseDvcYaml(text)
    expect(fast).toBeDefined()
    expect(fast).toEqual(parseDvcYamlFull(text))
    expect(fast!.stages.map((s) => s.name)).toEqual(['how_it_works', 'ping'])
  })

  it.each([
    ['CRLF line endings', 'stages:\r\n  a:\r\n    cmd: x\r\n'],
    ['a tab', 'stages:\n  a:\n    cmd:\tx\n'],
    ['a quoted cmd', "stages:\n  a:\n    cmd: 'echo hi'\n"],
    ['a cached out', 'stages:\n  a:\n    cmd: x\n    outs:\n    - o.md\n'],
    ['an out with cache: true', 'stages:\n  a:\n    cmd: x\n    outs:\n    - o.md:\n        cache: true\n'],
    [
      'an out with a second option',
      'stages:\n  a:\n    cmd: x\n    outs:\n    - o.md:\n        cache: false\n        persist: true\n'
    ],
    ['params', 'stages:\n  a:\n    cmd: x\n    params:\n    - p\n'],
    ['a top-level key besides stages', 'vars:\n- a: 1\nstages:\n  a:\n    cmd: x\n'],
    ['interpolation', 'stages:\n  a:\n    cmd: echo ${x}\n'],
    ['a stage without cmd', 'stages:\n  a:\n    deps:\n    - x\n'],
    ['a stage given twice', 'stages:\n  a:\n    cmd: x\n  a:\n    cmd: y\n'],
    ['a key given twice', 'stages:\n  a:\n    cmd: x\n    cmd: y\n'],
    ['a flow list', 'stages:\n  a:\n    cmd: x\n    deps: [a, b]\n'],
    ['a blank line inside a folded cmd', 'stages:\n  a:\n    cmd: a\n\n      b\n'],
    ['a dep that is a number', 'stages:\n  a:\n    cmd: x\n    deps:\n    - 12\n'],
    ['an absolute dep', 'stages:\n  a:\n    cmd: x\n    deps:\n    - /etc/passwd\n'],
    ['a dep outside the repository', 'stages:\n  a:\n    cmd: x\n    deps:\n    - ../up.md\n'],
    ['a trailing comment', 'stages:\n  a:\n    cmd: x  # why\n'],
    ['a list cmd', 'stages:\n  a:\n    cmd:\n    - a\n    - b\n'],
    ['stages not a mapping', 'stages: 3\n'],
    ['a syntax error', 'stages:\n  a:\n    cmd: x\n   deps: y\n']
  ])('declines %s, and parseDvcYaml then answers as the full reader', (_what, text) => {
    expect(fastParseDvcYaml(text)).toBeUndefined()
    const expected = full(text)
    let got: unknown
    try {
      got = parseDvcYaml(text)
    } catch (e) {
      got = { error: (e as GraftError).problems }
    }
    expect(got).toEqual(expected)
  })

  it('leaves a key longer than YAML allows (1024 characters) to the full reader, which refuses it', () => {
    const file = (name: string, out: string): string =>
      `stages:\n  ${name}:\n    cmd: x\n    deps:\n    - a.md\n    outs:\n    - ${out}:\n        cache: false\n`
    const long = 'n'.repeat(1025)
    const longPath = `docs/${'p'.repeat(1020)}.md`
    for (const text of [file(long, 'o.md'), file('s', longPath)]) {
      expect(fastParseDvcYaml(text)).toBeUndefined()
      expect(() => parseDvcYamlFull(text)).toThrow(/1024/)
    }
    const edge = file('n'.repeat(1024), 'o.md')
    expect(fastParseDvcYaml(edge)).toEqual(full(edge))
  })

  it('reads an empty file, a comment-only file and an empty `stages:` as no stages', () => {
    for (const text of ['', '# only a comment\n', 'stages:\n', '# x\n\nstages:\n# none yet\n']) {
      expect(fastParseDvcYaml(text)).toEqual({ stages: [], unsupported: [] })
      expect(full(text)).toEqual({ stages: [], unsupported: [] })
    }
  })

  it('the block reader returns what the line reader returns, or nothing, on Graft-layout files and their mutations', () => {
    const r = prng(29)
    let blocks = 0
    let plainGraft = 0
    for (let n = 0; n < 3000; n++) {
      hostile = n % 3 === 0 ? 0.03 : 0
      const stages: StageDef[] = Array.from({ length: 1 + Math.floor(r() * 5) }, (_, i) => ({
        name: `${pick(r, ['doc', 'how_it_works', 'x.y'])}_${i}`,
        cmd: cmd(r),
        deps: Array.from({ length: 1 + Math.floor(r() * 4) }, () => path(r)),
        outs: [{ path: `${path(r)}.md`, cache: false }],
        ...(r() < 0.2 ? { alwaysChanged: true } : {})
      }))
      let text = formatDvcYaml(stages)
      if (n >= 1000) text = mutate(text, r)
      if (/[\r\t\uFEFF]/.test(text)) continue // fastParseDvcYaml's own check
      const quick = dvcYamlByBlocks(text)
      // Unchanged, Graft's layout is read by blocks whenever it is read at all.
      if (n < 1000 && hostile === 0)
        expect({ text, blocks: quick !== undefined }).toEqual({ text, blocks: dvcYamlByLines(text) !== undefined })
      if (quick === undefined) continue
      blocks++
      if (n < 1000 && hostile === 0) plainGraft++
      expect({ text, quick }).toEqual({ text, quick: dvcYamlByLines(text) })
      expect(JSON.stringify(quick)).toBe(JSON.stringify(dvcYamlByLines(text))) // key order too
    }
    expect(plainGraft).toBeGreaterThan(400)
    expect(blocks).toBeGreaterThan(1000)
  })
})
