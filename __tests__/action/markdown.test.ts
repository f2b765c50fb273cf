// The job-summary tables and the pull-request comment. File names, stage names
// and reasons come from the repository: a `|` must not split a cell, a
// backtick must not end a code span, a line break must not end the row, and
// HTML must show as text.
import { describe, expect, it } from '@jest/globals'
import {
  codeCell,
  escapeCell,
  generateTable,
  prCommentBody,
  staleTable,
  validateSummary,
  type DocumentRow
} from '../../src/action/markdown.js'
import type { StaleDocument } from '../../src/core/types.js'

const doc = (over: Partial<StaleDocument> = {}): StaleDocument => ({
  stage: 'overview',
  outputs: ['docs/overview.md'],
  reasons: [{ kind: 'changed-dep', path: 'src/a.ts', text: 'dep src/a.ts modified' }],
  ...over
})

const row = (over: Partial<DocumentRow & { stage: string }> = {}): DocumentRow & { stage: string } => ({
  stage: 'overview',
  output: 'docs/overview.md',
  directive: 'UPDATE',
  reasons: ['dep src/a.ts modified'],
  inputTokens: 1200,
  outputTokens: 340,
  ms: 2345,
  cached: false,
  rendered: true,
  promptChars: 5000,
  ...over
})

/** Splits a GFM table row into cells the way GitHub does: on `|` not preceded by a backslash. */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim())
}

/** The rows after the header and the delimiter. */
function bodyRows(table: string): string[] {
  return table
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .slice(2)
}

describe('escapeCell', () => {
  it('leaves plain text alone', () => {
    expect(escapeCell('dep docs/a.md modified')).toBe('dep docs/a.md modified')
  })

  it('escapes |, backticks and HTML; every kind of line break becomes a space', () => {
    expect(escapeCell('a|b')).toBe('a\\|b')
    expect(escapeCell('run `rm -rf`')).toBe('run \\`rm -rf\\`')
    expect(escapeCell('<img src=x onerror=alert(1)> & <b>')).toBe('&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;')
    expect(escapeCell('one\ntwo\r\nthree\rfour')).toBe('one two three four')
  })
})

describe('codeCell', () => {
  it('a plain path is one code span', () => {
    expect(codeCell('docs/a.md')).toBe('`docs/a.md`')
  })

  it('a backtick inside takes a longer fence; one at an edge is padded', () => {
    expect(codeCell('a`b.md')).toBe('``a`b.md``')
    expect(codeCell('a``b')).toBe('```a``b```')
    expect(codeCell('`x`')).toBe('`` `x` ``')
  })

  it('| is escaped and line breaks flattened; HTML stays as it is (literal in a code span)', () => {
    expect(codeCell('a|b\nc.md')).toBe('`a\\|b c.md`')
    expect(codeCell('<b>.md')).toBe('`<b>.md`')
  })
})

describe('staleTable', () => {
  it('no stale document: one sentence, no table', () => {
    expect(staleTable([])).toBe('_Every generated document is up to date._\n')
  })

  it('one row per document: outputs, stage, reasons joined by <br>', () => {
    const table = staleTable([
      doc({
        outputs: ['a.md', 'b.md'],
        reasons: [
          { kind: 'changed-dep', text: 'r1' },
          { kind: 'always-changed', text: 'r2' }
        ]
      }),
      doc({ stage: 'z' })
    ])
    expect(table.split('\n').slice(0, 2)).toEqual(['| Document | Stage | Why it is stale |', '| --- | --- | --- |'])
    const rows = bodyRows(table).map(cells)
    expect(rows).toEqual([
      ['`a.md`<br>`b.md`', '`overview`', 'r1<br>r2'],
      ['`docs/overview.md`', '`z`', 'dep src/a.ts modified']
    ])
  })

  it('hostile names and reasons stay in their cell and their row', () => {
    const table = staleTable([
      doc({
        stage: 'x|y',
        outputs: ['docs/a|b`c\n| injected | row |.md'],
        reasons: [{ kind: 'changed-dep', text: 'dep <script>alert(1)</script>\n| --- | modified' }]
      })
    ])
    const rows = bodyRows(table)
    expect(rows).toHaveLength(1)
    const [output, stage, why] = cells(rows[0])
    expect(cells(rows[0])).toHaveLength(3)
    expect(output).toBe('``docs/a\\|b`c \\| injected \\| row \\|.md``')
    expect(stage).toBe('`x\\|y`')
    expect(why).toBe('dep &lt;script&gt;alert(1)&lt;/script&gt; \\| --- \\| modified')
    expect(table).not.toContain('<script>')
  })
})

describe('validateSummary', () => {
  it('all up to date: the count checked, the engine, no table', () => {
    const md = validateSummary({ stale: [], engine: 'native', checked: 3, targeted: false })
    expect(md).toContain('### ✅ Graft: all 3 document(s) up to date')
    expect(md).toContain('Engine: `native`')
    expect(md).not.toContain('(targets only)')
    expect(md).toContain('_Every generated document is up to date._')
  })

  it('stale: n of m, the scope when targeted, and the table', () => {
    const md = validateSummary({ stale: [doc()], engine: 'dvc', checked: 5, targeted: true })
    expect(md).toContain('### ⚠️ Graft: 1 of 5 document(s) stale')
    expect(md).toContain('Engine: `dvc` (targets only)')
    expect(md).toContain('| `docs/overview.md` | `overview` | dep src/a.ts modified |')
  })
})

describe('generateTable', () => {
  it('nothing to generate: one sentence', () => {
    expect(generateTable([], false)).toBe('_Nothing to generate._\n')
  })

  it('each outcome, seconds with one decimal, token totals', () => {
    const table = generateTable(
      [
        row(),
        row({ output: 'b.md', cached: true, rendered: false, inputTokens: 0, outputTokens: 0, ms: 40 }),
        row({ output: 'c.md', rendered: false, inputTokens: 10, outputTokens: 5, ms: 0 })
      ],
      false
    )
    const rows = bodyRows(table).map(cells)
    expect(rows[0]).toEqual([
      '`docs/overview.md`',
      'UPDATE',
      'dep src/a.ts modified',
      '1200',
      '340',
      '2.3 s',
      'rendered'
    ])
    expect(rows[1][6]).toBe('cache hit')
    expect(rows[1][5]).toBe('0.0 s')
    expect(rows[2][6]).toBe('kept (no call)')
    expect(rows[3]).toEqual(['**Total**', '', '', '**1210**', '**345**', '', ''])
    expect(table.split('\n')[1]).toBe('| --- | --- | --- | ---: | ---: | ---: | --- |')
  })

  it('a dry run says how much was packed instead of the outcome', () => {
    const rows = bodyRows(generateTable([row({ promptChars: 4321 })], true)).map(cells)
    expect(rows[0][6]).toBe('dry run (4321 chars packed)')
  })

  it('hostile outputs and reasons stay in their cell and row', () => {
    const rows = bodyRows(generateTable([row({ output: 'a|b.md', reasons: ['x\n|y', '<i>z</i>'] })], false))
    expect(rows).toHaveLength(2) // the document and the total
    const c = cells(rows[0])
    expect(c).toHaveLength(7)
    expect(c[0]).toBe('`a\\|b.md`')
    expect(c[2]).toBe('x \\|y<br>&lt;i&gt;z&lt;/i&gt;')
  })
})

describe('what changed, per document (issue 20 §2)', () => {
  it('lines added and removed out of the document, and the style, in the outcome cell', () => {
    const rows = bodyRows(
      generateTable(
        [
          row({ lines: { added: 3, removed: 1, lines: 212 }, style: 'edits' }),
          row({ output: 'b.md', lines: { added: 1, removed: 0, lines: 1 }, style: 'rewrite', cached: true })
        ],
        false
      )
    ).map(cells)
    expect(rows[0][6]).toBe('rendered<br>+3 −1 of 212 lines, edits')
    expect(rows[1][6]).toBe('cache hit<br>+1 −0 of 1 line, rewrite')
  })

  it('a dry run says which style each document would use', () => {
    const rows = bodyRows(
      generateTable(
        [
          row({ promptChars: 10, style: 'edits' }),
          row({ output: 'n.md', directive: 'GENERATE', promptChars: 9, style: 'rewrite' })
        ],
        true
      )
    ).map(cells)
    expect(rows[0][6]).toBe('dry run (10 chars packed, asks for edits)')
    expect(rows[1][6]).toBe('dry run (9 chars packed, asks for the whole document)')
  })

  it('a fallback and an out-of-proportion rewrite are said under the table, naming the document, in the summary and the comment', () => {
    const documents = [
      row({
        output: 'docs/a|<b>.md',
        lines: { added: 2, removed: 2, lines: 40 },
        style: 'edits→rewrite',
        editsFailed: 'old_text 3 not found'
      }),
      row({
        output: 'docs/c.md',
        lines: { added: 30, removed: 28, lines: 40 },
        style: 'rewrite',
        disproportionate: 'changed 75% of its lines (+30 −28 of 40 lines) for a source diff of 3 changed lines'
      })
    ]
    for (const md of [generateTable(documents, false), prCommentBody({ stale: [doc()], documents })]) {
      expect(md).toContain('- `docs/a\\|<b>.md`: edits did not apply: old_text 3 not found; rewrote the whole document')
      expect(md).toContain(
        '- ⚠️ `docs/c.md`: this UPDATE changed 75% of its lines (+30 −28 of 40 lines) for a source diff of 3 changed lines; review the whole document'
      )
      expect(md).toContain('+2 −2 of 40 lines, edits→rewrite')
    }
  })

  it('a reason holding HTML or a line break stays one line of text', () => {
    const md = generateTable(
      [row({ editsFailed: 'x <img src=y>\n## z', lines: { added: 0, removed: 0, lines: 1 } })],
      false
    )
    expect(md).toContain('edits did not apply: x &lt;img src=y&gt; ## z; rewrote the whole document')
  })
})

describe('prCommentBody', () => {
  it('nothing stale: says so', () => {
    expect(prCommentBody({ stale: [] })).toBe('### ✅ Graft: every generated document is up to date\n')
  })

  it('stale, not generated: the count and the stale table', () => {
    const body = prCommentBody({ stale: [doc(), doc({ stage: 'b', outputs: ['b.md'] })] })
    expect(body.startsWith('### ⚠️ Graft: 2 document(s) stale\n\n| Document | Stage | Why it is stale |')).toBe(true)
    expect(bodyRows(body)).toHaveLength(2)
  })

  it('regenerated: counts rendered documents only, the table, and the pushed commit', () => {
    const body = prCommentBody({
      stale: [doc()],
      documents: [row(), row({ output: 'b.md', rendered: false, cached: true })],
      commit: { sha: 'abc1234', pushed: true }
    })
    expect(body).toContain('### 📝 Graft regenerated 1 document(s)')
    expect(body).toContain('| Document | Directive | Why |')
    expect(body).not.toContain('Why it is stale')
    expect(body).toContain('Pushed abc1234 to this branch.')
  })

  it('a commit not pushed is not announced', () => {
    const body = prCommentBody({ stale: [doc()], documents: [row()], commit: { sha: 'abc1234', pushed: false } })
    expect(body).not.toContain('abc1234')
  })

  it('a dry run shows the packed sizes', () => {
    expect(prCommentBody({ stale: [doc()], documents: [row({ promptChars: 77 })], dryRun: true })).toContain(
      'dry run (77 chars packed)'
    )
  })

  it('the PR comment says plainly which hand edits were kept into dvc.lock, and which regenerated', () => {
    const body = prCommentBody({
      stale: [doc()],
      documents: [
        row({ output: 'docs/a.md', directive: 'MAINTAIN', rendered: false, handEdit: 'kept' }),
        row({ output: 'docs/b.md', directive: 'REFRESH', rendered: true, handEdit: 'regenerated' })
      ]
    })
    expect(body).toContain('| hand edit kept (no call) |')
    expect(body).toContain(
      '**Hand edits kept** (`hand-edits: keep`): `docs/a.md` was edited by hand; the edit is accepted as it is and dvc.lock now records it, with no model call.'
    )
    expect(body).toContain(
      '**Hand edits regenerated** (`hand-edits: regenerate`): `docs/b.md`, with the hand-edited text as the previous draft.'
    )
    expect(prCommentBody({ stale: [doc()], documents: [row()] })).not.toContain('Hand edits')
  })

  it('why the run only validated is quoted at the end', () => {
    const body = prCommentBody({ stale: [doc()], validateOnly: 'no AWS credentials: validated only' })
    expect(body.trimEnd().endsWith('> no AWS credentials: validated only')).toBe(true)
  })
})
