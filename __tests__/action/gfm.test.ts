// The one renderer of repository text into GitHub's Markdown, judged by a real
// CommonMark + GFM parser (support/gfm-judge.ts): random repository strings
// full of mentions, team mentions, links, `www.`, bare URLs, e-mail addresses,
// HTML, entities, backticks, pipes, line breaks and emphasis never produce a
// mention, a reference, a link, a tag, emphasis or a broken table — and show
// exactly as written.
import { describe, expect, it } from '@jest/globals'
import {
  annotationTitle,
  code,
  fit,
  link,
  own,
  tableHead,
  tableRow,
  text,
  type Markdown
} from '../../src/action/gfm.js'
import { hazards, tableCells, tables } from '../support/gfm-judge.js'
import { pick, prng } from '../support/random.js'

const PIECES = [
  '@acme/security-team',
  '@octocat',
  '@Octo-Cat.',
  'x@y',
  'dev@example.com',
  'mailto:a@b.co',
  '[text](http://evil.test/x)',
  '[ref]',
  '[ref]: http://evil.test',
  '![img](http://evil.test/i.png)',
  'www.evil.test',
  'WWW.Evil.Test/path',
  'http://evil.test',
  'https://evil.test/?a=1&b=2',
  'ftp://x.y',
  '<http://evil.test>',
  '<img src=x onerror=alert(1)>',
  '<details>',
  '<summary>s</summary>',
  '</td></tr><tr><td>',
  '<!-- graft-action:sticky -->',
  '-->',
  '&amp;',
  '&#64;octocat',
  '&lt;b&gt;',
  '`',
  '``',
  '```',
  '` `',
  '|',
  '\\|',
  '\\\\|',
  '\\',
  '\n',
  '\r\n',
  '\r',
  '\u2028',
  '*em*',
  '_em_',
  '**strong**',
  '__strong__',
  '~~del~~',
  '~one~',
  '#12',
  'GH-34',
  'acme/docs#5',
  '# heading',
  '- item',
  '1. item',
  '> quote',
  '---',
  '$x^2$',
  '$`x`$',
  ':+1:',
  ' ',
  '  ',
  '\t',
  '\u202e',
  '\u200b',
  '\u0007',
  'café',
  '日本語',
  '🙂',
  'docs/a.md',
  '(x)',
  '{y}',
  '!',
  '^',
  '"',
  "'",
  '='
]

/** A random repository string: pieces and single characters, glued together. */
function randomString(r: () => number): string {
  const n = 1 + Math.floor(r() * 6)
  let s = ''
  for (let i = 0; i < n; i++) s += r() < 0.8 ? pick(r, PIECES) : String.fromCharCode(33 + Math.floor(r() * 94))
  return s
}

/** What a reader must see: the string on one line, hidden characters as escapes, zero-width spaces ignored. */
function expectedShown(s: string): string {
  return s
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ')
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
    )
}
const noZwsp = (s: string): string => s.replace(/\u200b/g, '')

describe('the renderer, property-style (a real GFM parser as the judge)', () => {
  const r = prng(19)
  const samples = Array.from({ length: 600 }, () => randomString(r))

  it('in a table: every row stays one row of three cells; code shows the string exactly; text shows it without Markdown', () => {
    const rows = samples.map((s) => tableRow([code(s), text(s), own`x`]))
    const doc = [tableHead(['Code', 'Text', 'End']), ...rows].join('\n') + '\n'
    expect(hazards(doc)).toEqual([])
    const [table] = tables(doc)
    const cells = tableCells(doc)[0]
    expect(table).toHaveLength(samples.length + 1)
    samples.forEach((s, i) => {
      const row = table[i + 1]
      expect([s, row.length]).toEqual([s, 3])
      // the code cell is one code span (or, for a string with nothing visible, the word "(empty)")
      const codeCell = cells[i + 1][0]
      if (expectedShown(s).trim() !== '' || s.length === 0) {
        expect([s, 'children' in codeCell && codeCell.children.map((c) => c.type)]).toEqual([s, ['inlineCode']])
        expect([s, noZwsp(row[0])]).toEqual([s, expectedShown(s)])
      }
      // text shows the same characters (pairs of backticks become code spans, so they are not shown)
      expect([s, noZwsp(row[1]).replace(/`/g, '').trim()]).toEqual([s, expectedShown(s).replace(/`/g, '').trim()])
      expect(row[2]).toBe('x')
    })
  })

  it('in prose: no mention, reference, link, tag, emphasis or block; the text reads as written', () => {
    for (const s of samples) {
      const doc = `Before ${text(s)} and ${code(s)} after.\n`
      expect([s, hazards(doc)]).toEqual([s, []])
    }
  })

  it('a heading or a quote holding repository text stays one heading or quote', () => {
    for (const s of samples.slice(0, 100)) {
      expect([
        s,
        hazards(`### Graft in ${code(s)}: ${text(s)}\n\n> ${text(s)}\n`, { blocks: ['heading', 'blockquote'] })
      ]).toEqual([s, []])
    }
  })
})

describe('the judge', () => {
  it('finds what GitHub would render from raw repository text (so its silence above means something)', () => {
    const kinds = (s: string) => hazards(s).map((f) => f.kind)
    expect(kinds('ping @acme/security-team')).toEqual(['mention'])
    expect(kinds('see www.evil.test')).toEqual(['link']) // micromark's autolink literal; GitHub's too
    expect(kinds('fixes #12')).toEqual(['reference'])
    expect(kinds('[x](http://e.test)')).toEqual(['link'])
    expect(kinds('a <img src=x> b')).toEqual(['html'])
    expect(kinds('*em*')).toEqual(['emphasis'])
    expect(tables('| a | b |\n| --- | --- |\n| x\\|y | z |\n')[0][1]).toHaveLength(2)
  })
})

describe('code', () => {
  it('a plain path is one code span; a backtick inside takes a longer fence; one at an edge is padded', () => {
    expect(code('docs/a.md')).toBe('`docs/a.md`')
    expect(code('a`b.md')).toBe('``a`b.md``')
    expect(code('a``b')).toBe('```a``b```')
    expect(code('`x`')).toBe('`` `x` ``')
  })

  it('edge spaces survive (CommonMark strips one from each side of a padded span)', () => {
    expect(tables(`| h |\n| --- |\n${tableRow([code(' a ')])}\n`)[0][1][0]).toBe(' a ')
  })

  it('the empty string shows as (empty); line breaks become spaces; hidden characters show as escapes', () => {
    expect(code('')).toBe('(empty)')
    expect(code('a\nb\r\nc')).toBe('`a b c`')
    expect(code('evil\u202etxt.md')).toBe('`evil\\u202etxt.md`')
  })

  it('a mention, a link or HTML inside a code span is inert', () => {
    for (const s of ['@acme/security-team', '[x](http://e.test)', 'www.e.test', '<img src=x>', '<details>']) {
      expect([s, hazards(`${code(s)}\n`)]).toEqual([s, []])
    }
  })
})

describe('text', () => {
  it('mentions, references and autolinks are broken with a zero-width space, Markdown escaped', () => {
    expect(text('ping @acme/security-team')).toBe('ping \\@\u200bacme\\/security\\-team')
    expect(text('see www.evil.test')).toBe('see www\u200b\\.evil\\.test')
    expect(text('http://evil.test')).toBe('http\\:\u200b\\/\\/evil\\.test')
    expect(text('fixes #12')).toBe('fixes \\#\u200b12')
    expect(text('<img src=x>')).toBe('\\<img src\\=x\\>')
  })

  it("the action's own `input: value` quotes stay code spans", () => {
    expect(text('set `comment: false`')).toBe('set `comment: false`')
    expect(hazards(text('a `@team` b'))).toEqual([])
  })
})

describe('link', () => {
  it('an http(s) URL of our own is a link; anything else is text', () => {
    expect(link(own`#12`, 'https://github.com/acme/docs/pull/12')).toBe('[#12](https://github.com/acme/docs/pull/12)')
    expect(link(own`x`, 'https://e.test/a)(<')).toBe('[x](https://e.test/a%29%28%3C)')
    expect(hazards(link(own`x`, 'https://e.test/a b'))).toEqual([])
    expect(hazards(link(own`x`, 'javascript:alert(1)'))).toEqual([])
  })
})

describe('annotationTitle', () => {
  it('one line of visible characters, at most 200', () => {
    expect(annotationTitle('a\nb\u202ec')).toBe('a b\\u202ec')
    expect(annotationTitle('x'.repeat(300))).toHaveLength(200)
  })
})

describe('fit', () => {
  const rows = Array.from({ length: 100 }, (_, i) => tableRow([code(`docs/${i}.md`)]))
  const block = { head: tableHead(['Document']), rows, more: (n: number) => own`_… and ${n} more._` }

  it('a document that fits is whole', () => {
    const doc = fit([own`# T\n`, block], 1e6, (s) => s.length)
    expect(tables(doc)[0]).toHaveLength(101)
    expect(doc).not.toContain('more')
  })

  it('the most important rows are kept, then how many more; within the limit', () => {
    const doc: Markdown = fit([own`# T\n`, block, own`Tail.\n`], 600, (s) => s.length)
    expect(doc.length).toBeLessThanOrEqual(600)
    const kept = tables(doc)[0].length - 1
    expect(kept).toBeGreaterThan(10)
    expect(tables(doc)[0][1][0]).toBe('docs/0.md')
    expect(doc).toContain(`_… and ${100 - kept} more._`)
    expect(doc).toContain('Tail.')
  })

  it('fixed parts longer than the limit are cut at a line, and say so', () => {
    const doc = fit([own`${text('x'.repeat(50))}\n${text('y'.repeat(50))}\n`], 80, (s) => s.length)
    expect(doc.length).toBeLessThanOrEqual(80)
    expect(doc).toContain('shortened to fit')
  })
})
