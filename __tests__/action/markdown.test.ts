// The job-summary tables and the pull-request comment. File names, stage names
// and reasons come from the repository: a `|` must not split a cell, a
// backtick must not end a code span, a line break must not end the row, and
// HTML must show as text.
import { describe, expect, it } from '@jest/globals'
import {
  COMMENT_MAX_CHARS,
  costMarkdown,
  generateTable,
  prCommentBody,
  refusedCommentBody,
  rollingPullRequestBody,
  spentMarkdown,
  staleTable,
  validateSummary,
  type DocumentRow
} from '../../src/action/markdown.js'
import { render } from '../../src/action/gfm.js'
import type { StaleDocument } from '../../src/core/types.js'
import { hazards, tables, visibleText } from '../support/gfm-judge.js'

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
  costUsd: 0.0091,
  modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
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
      ['`docs/overview.md`', '`z`', 'dep `src/a.ts` modified']
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
    expect(hazards(table)).toEqual([])
    const [rows] = tables(table)
    expect(rows).toHaveLength(2)
    expect(rows[1]).toEqual([
      'docs/a|b`c | injected | row |.md',
      'x|y',
      'dep <script>alert(1)</script> | --- | modified'
    ])
    expect(table).not.toContain('<script>')
  })
})

describe('validateSummary', () => {
  it('all up to date: the count checked, the engine, no table', () => {
    const md = render(validateSummary({ stale: [], engine: 'native', checked: 3, targeted: false }))
    expect(md).toContain('### ✅ Graft: all 3 document(s) up to date')
    expect(md).toContain('Engine: `native`')
    expect(md).not.toContain('(targets only)')
    expect(md).toContain('_Every generated document is up to date._')
  })

  it('stale: n of m, the scope when targeted, and the table', () => {
    const md = render(validateSummary({ stale: [doc()], engine: 'dvc', checked: 5, targeted: true }))
    expect(md).toContain('### ⚠️ Graft: 1 of 5 document(s) stale')
    expect(md).toContain('Engine: `dvc` (targets only)')
    expect(md).toContain('| `docs/overview.md` | `overview` | dep `src/a.ts` modified |')
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
    expect(tables(table)[0][1]).toEqual([
      'docs/overview.md',
      'UPDATE',
      'dep src/a.ts modified',
      '1200',
      '340',
      '$0.0091',
      '2.3 s',
      'rendered'
    ])
    expect(rows[1][7]).toBe('cache hit')
    expect(rows[1][6]).toBe('0.0 s')
    expect(rows[1][5]).toBe('')
    expect(rows[2][7]).toBe('kept (no call)')
    // the total costs only what was rendered
    expect(rows[3]).toEqual(['**Total**', '', '', '**1210**', '**345**', '**\\$0\\.0091**', '', ''])
    expect(rows[0][2]).toBe('dep src/a.ts modified'.replace(/([/.])/g, '\\$1'))
    expect(table.split('\n')[1]).toBe('| --- | --- | --- | ---: | ---: | ---: | ---: | --- |')
  })

  it('a dry run says how much was packed instead of the outcome', () => {
    const rows = bodyRows(generateTable([row({ promptChars: 4321 })], true)).map(cells)
    expect(rows[0][7]).toBe('dry run (4321 chars packed)')
    expect(rows[0][5]).toBe('')
  })

  it('hostile outputs and reasons stay in their cell and row', () => {
    const table = generateTable([row({ output: 'a|b.md', reasons: ['x\n|y', '<i>z</i>'] })], false)
    expect(hazards(table, { emphasis: true })).toEqual([])
    const [rows] = tables(table)
    expect(rows).toHaveLength(3) // the header, the document and the total
    expect(rows[1].slice(0, 3)).toEqual(['a|b.md', 'UPDATE', 'x |y<br><i>z</i>'])
  })
})

describe('what changed, per document (issue 20 §2)', () => {
  it('lines added and removed out of the document, and the style, in the outcome cell', () => {
    const table = generateTable(
      [
        row({ lines: { added: 3, removed: 1, lines: 212 }, style: 'edits' }),
        row({ output: 'b.md', lines: { added: 1, removed: 0, lines: 1 }, style: 'edits→rewrite', cached: true })
      ],
      false
    )
    const [rows] = tables(table)
    expect(rows[1][7]).toBe('rendered<br>+3 −1 of 212 lines, edits')
    expect(rows[2][7]).toBe('cache hit<br>+1 −0 of 1 line, edits→rewrite')
    expect(hazards(table, { emphasis: true })).toEqual([])
  })

  it('a dry run says which style each document would use', () => {
    const [rows] = tables(
      generateTable(
        [
          row({ promptChars: 10, style: 'edits' }),
          row({ output: 'n.md', directive: 'GENERATE', promptChars: 9, style: 'rewrite' })
        ],
        true
      )
    )
    expect(rows[1][7]).toBe('dry run (10 chars packed, asks for edits)')
    expect(rows[2][7]).toBe('dry run (9 chars packed, asks for the whole document)')
  })

  it('a fallback and an out-of-proportion rewrite are said under the table, naming the document, in the summary and the comment', () => {
    const documents = [
      row({
        output: 'docs/a|<b>@team.md',
        lines: { added: 2, removed: 2, lines: 40 },
        style: 'edits→rewrite',
        editsFailed: 'old_text 3 not found'
      }),
      row({
        output: 'docs/c.md',
        lines: { added: 30, removed: 28, lines: 40 },
        style: 'rewrite',
        disproportionate: { share: 0.75, sourceDiffLines: 3 }
      })
    ]
    for (const md of [generateTable(documents, false), prCommentBody({ stale: [doc()], documents })]) {
      const seen = visibleText(md)
      expect(seen).toContain(
        'docs/a|<b>@team.md: edits did not apply: old_text 3 not found; rewrote the whole document.'
      )
      expect(seen).toContain(
        '⚠️ docs/c.md: this UPDATE changed 75% of its lines (+30 −28 of 40 lines) for a source diff of 3 changed lines; review the whole document.'
      )
      expect(tables(md)[0][1][7]).toBe('rendered<br>+2 −2 of 40 lines, edits→rewrite')
      expect(hazards(md, { emphasis: true, blocks: ['heading'] })).toEqual([])
    }
  })

  it('a reason holding HTML, a mention or a line break stays one line of inert text', () => {
    const md = generateTable(
      [
        row({
          editsFailed: 'x <img src=y> @admin\n## z',
          lines: { added: 0, removed: 0, lines: 1 },
          style: 'edits→rewrite'
        })
      ],
      false
    )
    expect(hazards(md, { emphasis: true })).toEqual([])
    expect(visibleText(md)).toContain('edits did not apply: x <img src=y> @admin ## z; rewrote the whole document.')
  })
})

describe('prCommentBody', () => {
  it('nothing stale: says so', () => {
    expect(prCommentBody({ stale: [] })).toBe('### ✅ Graft: every generated document is up to date\n')
    expect(prCommentBody({ stale: [], pipeline: 'packages/api' })).toBe(
      '### ✅ Graft: every generated document is up to date in `packages/api`\n'
    )
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

  it('says what the run cost, from the tokens Bedrock reported', () => {
    const body = prCommentBody({ stale: [doc()], documents: [row({ costUsd: 0.25 }), row({ costUsd: 0.5 })] })
    expect(visibleText(body)).toContain('Estimated cost: $0.75, from the tokens Bedrock reported (list prices as of')
  })

  it('a model without a price: the cost is unknown, the model shown as code, never a wrong figure', () => {
    const hostile = 'us.anthropic.<img src=x>@team'
    const body = prCommentBody({ stale: [doc()], documents: [row({ costUsd: undefined, modelId: hostile }), row()] })
    expect(body).toContain(
      '**Estimated cost:** unknown: no price for `us.anthropic.<img src=x>@team` (add it to `model-prices`)'
    )
    expect(bodyRows(body)[0]).toContain('| no price |')
    expect(body).not.toMatch(/\*\*\$/)
  })

  it('a dry run gives the most the run may cost, from the estimate', () => {
    const estimate = {
      documents: [
        {
          output: 'docs/a.md',
          prompt: 'docs/a.prompt.md',
          modelId: 'm',
          chars: 1,
          tokens: 1,
          counted: true,
          maxTokens: 1,
          costUsd: 1.5
        }
      ],
      total: 1,
      method: 'counted by Bedrock CountTokens',
      kind: 'estimate' as const,
      costUsd: 1.5
    }
    const body = prCommentBody({ stale: [doc()], documents: [row()], dryRun: true, estimate })
    expect(visibleText(body)).toContain('Expected cost: up to ~$1.50 for 1 document(s)')
    expect(costMarkdown({ documents: [row()], dryRun: true })).toBe('')
    expect(costMarkdown({ documents: [row({ rendered: false })], dryRun: false })).toBe('')
  })

  it('tokens Bedrock did not report are marked ~ per row and in the total (never read as strikethrough), and the cost line says where they come from', () => {
    const body = prCommentBody({
      stale: [doc()],
      documents: [row({ costUsd: 0.25, usageEstimated: true }), row({ costUsd: 0.5 })]
    })
    const [rows] = tables(body)
    const [first, second] = rows.slice(1)
    expect(first.slice(3, 6)).toEqual(['~1200', '~340', '~$0.25'])
    expect(second.slice(3, 6)).toEqual(['1200', '340', '$0.50'])
    expect(rows.at(-1)!.slice(3, 6)).toEqual(['~2400', '~680', '~$0.75'])
    expect(visibleText(body)).toContain(
      'Bedrock reported no usable usage for 1 document(s) marked ~: their tokens are counted from characters, 3.5 to a token.'
    )
  })

  it('a failed run: says it failed and committed nothing, what its calls cost, and what is still stale; no older state', () => {
    const body = prCommentBody({
      stale: [doc()],
      failed: {
        spent: { calls: 3, inputTokens: 2839, outputTokens: 9000, usd: 0.16, unpriced: [], estimatedCalls: 1 }
      }
    })
    const shown = visibleText(body)
    expect(shown).toContain('❌ Graft generate failed')
    expect(shown).toContain('The run stopped before committing anything')
    expect(shown).toContain(
      'Spent before the run stopped: 3 model call(s), 2839 input and 9000 output tokens; estimated cost $0.16, from the tokens Bedrock reported'
    )
    expect(shown).toContain('Bedrock reported no usable usage for 1 call(s): their tokens are counted from characters')
    expect(shown).toContain('1 document(s) still stale')
    expect(shown).not.toMatch(/regenerated|up to date|Pushed/)
    expect(hazards(body, { blocks: ['heading'], emphasis: true })).toEqual([])
  })

  it('a failed run whose model has no price, or that made no call, says so, never a figure', () => {
    const hostile = 'us.anthropic.<img src=x>@team'
    const unknown = spentMarkdown({ calls: 1, inputTokens: 5, outputTokens: 5, unpriced: [hostile], estimatedCalls: 0 })
    expect(visibleText(unknown)).toContain(`cost unknown: no price for ${hostile} (add it to model-prices)`)
    expect(hazards(unknown, { emphasis: true })).toEqual([])
    expect(
      visibleText(spentMarkdown({ calls: 0, inputTokens: 0, outputTokens: 0, usd: 0, unpriced: [], estimatedCalls: 0 }))
    ).toBe('Spent before the run stopped: nothing: no model call was made.')
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
    expect(body.trimEnd().endsWith('> no AWS credentials\\: validated only')).toBe(true)
  })
})

describe("built to fit GitHub's limits", () => {
  const many = (n: number): StaleDocument[] =>
    Array.from({ length: n }, (_, i) =>
      doc({
        stage: `stage_${i}`,
        outputs: [`docs/section-${i}/a-rather-long-document-name-${i}.md`],
        // every tenth is stale for its own reason; the rest only downstream of it
        reasons:
          i % 10 === 0
            ? [{ kind: 'changed-dep', path: `src/${i}.ts`, text: `dep src/${i}.ts modified` }]
            : [{ kind: 'upstream-stale', text: `upstream stage_${i - (i % 10)} is stale` }]
      })
    )

  it.each([1200, 6000])(
    '%i stale documents: the comment stays under 65,536 characters, own reasons first, then how many more',
    (n) => {
      const body = prCommentBody({ stale: many(n), pipeline: 'packages/api' })
      expect(body.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS)
      expect(hazards(body, { emphasis: true, blocks: ['heading'] })).toEqual([])
      const [rows] = tables(body)
      const kept = rows.length - 1
      expect(kept).toBeGreaterThan(100)
      expect(kept).toBeLessThan(n)
      // the documents stale for their own reason come first (n / 10 of them), then the downstream ones
      expect(rows.slice(1, 1 + Math.min(kept, n / 10)).every((r) => r[2].startsWith('dep '))).toBe(true)
      expect(body).toContain(`_… and ${n - kept} more (see the job summary)._`)
      expect(body.startsWith(`### ⚠️ Graft: ${n} document(s) stale in \`packages/api\``)).toBe(true)
    }
  )

  it('regenerated documents first in the comment, the total row kept', () => {
    const docs = Array.from({ length: 3000 }, (_, i) =>
      row({ output: `docs/${i}.md`, stage: `s${i}`, rendered: i % 3 === 0, cached: i % 3 === 1 })
    )
    const body = prCommentBody({ stale: [], documents: docs })
    expect(body.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS)
    const [rows] = tables(body)
    const kept = rows.slice(1, -1)
    expect(kept.every((r) => r[7] === 'rendered')).toBe(true)
    expect(rows.at(-1)![0]).toBe('Total')
    expect(body).toMatch(/_… and \d+ more \(see the job summary\)\._/)
  })

  // A model that takes no tools: every document of it falls back, each with a note under the table;
  // hundreds of notes, kept whole as fixed blocks, left no room for the table and were cut mid-way.
  it('thousands of fallback and out-of-proportion notes: the table keeps its rows and total, the notes are shortened and counted', () => {
    const docs = Array.from({ length: 3000 }, (_, i) =>
      row({
        output: `docs/section-${i}/a-rather-long-document-name-${i}.md`,
        stage: `s${i}`,
        style: 'edits→rewrite',
        editsFailed: 'Bedrock refuses tool use for mistral.mistral-large-2407-v1:0',
        lines: { added: 30, removed: 30, lines: 40 },
        disproportionate: { share: 0.75, sourceDiffLines: 3 }
      })
    )
    const body = prCommentBody({ stale: [], documents: docs })
    expect(body.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS)
    expect(body).not.toContain('shortened to fit')
    const [rows] = tables(body)
    expect(rows.at(-1)![0]).toBe('Total')
    expect(rows.length).toBeGreaterThan(100)
    expect(hazards(body, { emphasis: true, blocks: ['heading'] })).toEqual([])
    // the notes that did not fit are counted, as the rows are
    expect(body.match(/_… and \d+ more \(see the job summary\)\._/g)!.length).toBeGreaterThanOrEqual(2)
    // whole where there is room (the job summary of a smaller run)
    const summary = visibleText(generateTable(docs.slice(0, 50), false))
    expect(summary).toContain(
      'docs/section-0/a-rather-long-document-name-0.md: edits did not apply: Bedrock refuses tool use for mistral.mistral-large-2407-v1:0; rewrote the whole document.'
    )
    expect(summary).toContain(
      '⚠️ docs/section-49/a-rather-long-document-name-49.md: this UPDATE changed 75% of its lines'
    )
  })

  it('the rolling pull request body fits too, and shows hostile names as code', () => {
    const body = rollingPullRequestBody({
      branch: 'main',
      botBranch: 'graft/regenerate/main',
      documents: Array.from({ length: 6000 }, (_, i) => ({
        output: `docs/@acme/team-${i}.md`,
        directive: 'UPDATE',
        reasons: [`dep www.evil.test/${i} modified`, '<img src=x>']
      })),
      triggerSha: 'f'.repeat(40),
      refusal: 'GH006: Protected branch update failed for refs/heads/main.'
    })
    expect(body.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS)
    expect(hazards(body, { emphasis: true })).toEqual([])
    expect(tables(body)[0][1].map((c) => c.replace(/\u200b/g, ''))).toEqual([
      'docs/@acme/team-0.md',
      'UPDATE',
      'dep www.evil.test/0 modified; <img src=x>'
    ])
    expect(body).toMatch(/update this pull request in place/)
  })

  it('the note that replaces a refused report names the pipeline and the reason, as text', () => {
    const note = refusedCommentBody(
      'HTTP 422: body is too long <b>@x</b>',
      'apps/web',
      'https://github.com/o/r/actions/runs/1'
    )
    expect(note.startsWith("### ⚠️ Graft: this run's report could not be posted here in `apps/web`")).toBe(true)
    expect(hazards(note, { blocks: ['heading'] }).map((f) => f.kind)).toEqual(['link']) // the run's own link, only
  })
})
