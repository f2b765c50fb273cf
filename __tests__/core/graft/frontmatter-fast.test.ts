// The fast frontmatter reader must return exactly what the YAML reader
// returns, or nothing (then the YAML reader runs and owns every error).
import { describe, expect, it } from '@jest/globals'
import matter from 'gray-matter'
import { GraftError } from '../../../src/core/errors.js'
import { parseFrontmatter, parseFrontmatterFull } from '../../../src/core/graft/frontmatter.js'
import { fastReadFrontmatter } from '../../../src/core/graft/frontmatter-fast.js'
import { pick, prng, type Random } from '../../support/random.js'

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
  'my notes'
]
/** Values YAML 1.1 reads as something else, or that the checks refuse: left to the full reader. */
const HOSTILE = [
  'yes',
  'on',
  'n',
  '1:20',
  '0b11',
  '2024-01-01',
  'null',
  '~',
  '..',
  '/abs',
  'a*',
  '.git',
  '012',
  '1_000',
  '.'
]

function gen(r: Random, hostile: number): string {
  const word = (): string => (r() < hostile ? pick(r, HOSTILE) : pick(r, WORDS))
  const path = (): string => (r() < 0.1 ? './' : '') + Array.from({ length: 1 + Math.floor(r() * 3) }, word).join('/')
  const noise = (): string[] => (r() < 0.15 ? [pick(r, ['', '# model: x', '  # indented comment', '   '])] : [])
  const lines = ['---', ...noise()]
  const keys = ['deps', 'out', 'model', 'max_tokens', 'temperature'].filter(() => r() < 0.6).sort(() => r() - 0.5)
  for (const key of keys) {
    if (key === 'deps') {
      lines.push('deps:', ...noise())
      const indent = ' '.repeat(pick(r, [0, 0, 2, 4]))
      const n = Math.floor(r() * 6)
      for (let j = 0; j < n; j++) lines.push(`${indent}- ${path()}`, ...noise())
    } else if (key === 'out') lines.push(`out: ${path()}.md`)
    else if (key === 'model') lines.push(`model: ${pick(r, ['bedrock-claude-v4.5-sonnet-us', 'claude-3', 'm.1'])}`)
    else if (key === 'max_tokens')
      lines.push(
        `max_tokens: ${r() < hostile ? pick(r, ['0', '-5', '1.5', '016', 'lots']) : pick(r, ['16000', '1', '4096'])}`
      )
    else
      lines.push(
        `temperature: ${r() < hostile ? pick(r, ['1.5', '-0.1', '.5', 'hot']) : pick(r, ['0', '1', '0.7', '0.25', '1.0'])}`
      )
    lines.push(...noise())
  }
  if (lines.length === 1) lines.push('# no keys')
  lines.push('---', `Describe ${word()} for readers.`, '')
  return lines.join('\n')
}

function mutate(text: string, r: Random): string {
  const lines = text.split('\n')
  const closing = lines.indexOf('---', 1)
  const i = 1 + Math.floor(r() * Math.max(closing - 1, 1))
  const line = lines[i] ?? ''
  const at = Math.floor(r() * (line.length + 1))
  switch (Math.floor(r() * 6)) {
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
          '{',
          '[',
          '- ',
          '&',
          '*',
          '!',
          '|',
          '>',
          '?',
          ' ',
          ','
        ]) +
        line.slice(at)
      break
    case 1:
      lines[i] = ' ' + line
      break
    case 2:
      lines.splice(i, 0, line)
      break
    case 3:
      lines.splice(i, 0, pick(r, ['', 'title: x', '  - extra', 'deps: []', 'out:', '...', '  more text', 'model: [a]']))
      break
    case 4:
      lines.splice(i, 1)
      break
    default:
      lines[i] = line.slice(0, at) + line.slice(at + 1)
  }
  return lines.join('\n')
}

/** The result, or the problems thrown. */
function outcome(parse: (file: string, text: string) => unknown, text: string): unknown {
  try {
    return parse('p.prompt.md', text)
  } catch (e) {
    if (!(e instanceof GraftError)) throw e
    return { problems: e.problems }
  }
}

function rawBlock(text: string): string | undefined {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text)
  return m ? `\n${m[1]}` : undefined
}

describe('fastReadFrontmatter', () => {
  it('reads 500 generated plain frontmatters exactly as the YAML reader does (key order too)', () => {
    const r = prng(3)
    for (let n = 0; n < 500; n++) {
      const text = gen(r, 0)
      const raw = rawBlock(text)!
      expect({ text, read: fastReadFrontmatter(raw) !== undefined }).toEqual({ text, read: true })
      expect(JSON.stringify(parseFrontmatter('p.prompt.md', text))).toBe(
        JSON.stringify(parseFrontmatterFull('p.prompt.md', text))
      )
    }
  })

  it('gives the same result or the same problems as the YAML reader on 800 generated files with hostile values', () => {
    const r = prng(5)
    let declined = 0
    for (let n = 0; n < 800; n++) {
      const text = gen(r, 0.15)
      if (fastReadFrontmatter(rawBlock(text)!) === undefined) declined++
      expect({ text, got: outcome(parseFrontmatter, text) }).toEqual({ text, got: outcome(parseFrontmatterFull, text) })
    }
    expect(declined).toBeGreaterThan(200)
  })

  it('gives the same result or the same problems as the YAML reader on 3000 mutated files', () => {
    const r = prng(11)
    let read = 0
    for (let n = 0; n < 3000; n++) {
      const text = mutate(gen(r, 0.02), r)
      const raw = rawBlock(text)
      if (raw !== undefined && fastReadFrontmatter(raw) !== undefined) read++
      expect({ text, got: outcome(parseFrontmatter, text) }).toEqual({ text, got: outcome(parseFrontmatterFull, text) })
    }
    expect(read).toBeGreaterThan(500)
  })

  it.each([
    ['an unknown key', 'title: x\ndeps:\n- a.md'],
    ['a flow list', 'deps: [a.md]'],
    ['a quoted dep', "deps:\n- 'a.md'"],
    ['a trailing comment', 'deps:\n- a.md # main source'],
    ['a dep YAML 1.1 reads as a boolean', 'deps:\n- yes'],
    ['a glob', 'deps:\n- docs/*.md'],
    ['a dep leaving the repository', 'deps:\n- ../x.md'],
    ['a key given twice', 'model: a\nmodel: b'],
    ['a folded value', 'model: a\n  b'],
    ['an out inside .github', 'out: .github/x.md'],
    ['max_tokens zero', 'max_tokens: 0'],
    ['temperature above 1', 'temperature: 1.5'],
    ['items at two indents', 'deps:\n- a.md\n  - b.md'],
    ['a tab', 'deps:\n-\ta.md']
  ])('declines %s', (_what, yaml) => {
    expect(fastReadFrontmatter(`\n${yaml}`)).toBeUndefined()
    const text = `---\n${yaml}\n---\nbody\n`
    expect(outcome(parseFrontmatter, text)).toEqual(outcome(parseFrontmatterFull, text))
  })

  it('reads comments, blank lines and an empty deps as the YAML reader does, with file line numbers', () => {
    const text =
      '---\n# model: old\n\ndeps:\n  - src/a.md\n  # - src/old.md\n  - ./docs//b.md/\nout: out/x.md\n---\nbody\n'
    const fm = parseFrontmatter('p.prompt.md', text)
    expect(fm).toEqual({
      deps: ['src/a.md', 'docs/b.md'],
      out: 'out/x.md',
      lines: { deps: [5, 7], out: 8 },
      body: 'body\n'
    })
    expect(fm).toEqual(parseFrontmatterFull('p.prompt.md', text))
    expect(fastReadFrontmatter('\ndeps:\n# none\nmodel: m')).toEqual({
      deps: [],
      lines: { deps: [], model: 4 },
      model: 'm'
    })
  })
})

describe('the frontmatter split', () => {
  it('refuses exactly the blocks gray-matter would close elsewhere than Graft (5000 generated texts)', () => {
    const r = prng(13)
    const pieces = ['---', '\n', '---x', ' ---', '----', 'a: 1', 'deps:', '- a.md', '\r', '--- ', 'text', '']
    let ambiguous = 0
    let agreed = 0
    for (let n = 0; n < 5000; n++) {
      const text = `---\n${Array.from({ length: 1 + Math.floor(r() * 8) }, () => pick(r, pieces)).join(pick(r, ['', '\n']))}`
      const graft = /^---\n([\s\S]*?)\n---\n/.exec(text)
      if (!graft) continue
      const gm = matter(text, { engines: { yaml: { parse: () => ({}) } } })
      const agrees = gm.content === text.slice(graft[0].length) && gm.matter === `\n${graft[1]}`
      const got = outcome(parseFrontmatterFull, text) as { problems?: { message: string }[]; body?: string }
      const refused =
        got.problems?.some((p) => p.message.startsWith('the frontmatter delimiters are ambiguous')) ?? false
      expect({ text, refused }).toEqual({ text, refused: !agrees })
      if (agrees && got.body !== undefined) expect(got.body).toBe(gm.content)
      if (agrees) agreed++
      else ambiguous++
    }
    expect(ambiguous).toBeGreaterThan(100)
    expect(agreed).toBeGreaterThan(100)
  })
})
