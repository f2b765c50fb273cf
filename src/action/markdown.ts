// Markdown for the job summary and the pull-request comment. Pure functions of
// the report data, so the same tables appear in both places and in tests.
import type { StaleDocument } from '../core/types.js'
import type { LeftStale } from '../core/generate/left-stale.js'
import { ENGINE_NONE_MEANS } from '../core/validate/validate.js'
import { describeLineChange, type LineChange } from '../core/generate/line-changes.js'

/**
 * Repository text (a path, a reason) as plain text in a table cell: HTML shows
 * as text (`<`, `>`, `&` as entities), backticks stay literal, `|` does not
 * split the cell, and a line break (LF, CRLF or CR) becomes a space.
 */
export function escapeCell(text: string): string {
  return escapeProse(text).replace(/`/g, '\\`').replace(/\|/g, '\\|')
}

/**
 * Repository text as a code span in a table cell: fenced with one backtick more
 * than the longest run inside (CommonMark's rule for a backtick in a code span),
 * padded with a space when it starts or ends with one; `|` escaped (GFM tables
 * split on it even inside a code span); a line break becomes a space. HTML is
 * literal inside a code span, so it needs nothing.
 */
export function codeCell(text: string): string {
  const flat = oneLine(text).replace(/\|/g, '\\|')
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${flat}${pad}${fence}`
}

/**
 * The action's own sentence (which may quote repository text) as one line of
 * Markdown: HTML shows as text, the sentence's own `code` spans stay code.
 */
export function escapeProse(text: string): string {
  return oneLine(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ')
}

export function staleTable(stale: StaleDocument[]): string {
  if (stale.length === 0) return '_Every generated document is up to date._\n'
  const rows = stale.map(
    (d) =>
      `| ${d.outputs.map(codeCell).join('<br>')} | ${codeCell(d.stage)} | ${d.reasons
        .map((r) => escapeCell(r.text))
        .join('<br>')} |`
  )
  return ['| Document | Stage | Why it is stale |', '| --- | --- | --- |', ...rows, ''].join('\n')
}

export function validateSummary(input: {
  stale: StaleDocument[]
  engine: string
  checked: number
  targeted: boolean
}): string {
  const { stale, engine, checked } = input
  const head =
    stale.length === 0
      ? `### ✅ Graft: all ${checked} document(s) up to date`
      : `### ⚠️ Graft: ${stale.length} of ${checked} document(s) stale`
  const scope = input.targeted ? ' (targets only)' : ''
  const what = engine === 'none' ? ` (${ENGINE_NONE_MEANS})` : ''
  return `${head}\n\nEngine: \`${engine}\`${what}${scope}\n\n${staleTable(stale)}`
}

/** The documents a targeted run leaves stale outside its targets, as a section of the summary or the comment. */
export function leftStaleMarkdown(left: LeftStale[]): string {
  if (left.length === 0) return ''
  const rows = left.map((d) => `| ${d.outputs.map(codeCell).join('<br>')} | ${escapeCell(d.why)} |`)
  return [
    `#### ⚠️ ${left.length} document(s) left stale outside the targets`,
    '',
    '| Document | Why |',
    '| --- | --- |',
    ...rows,
    '',
    'Run without `targets`, or with `downstream: include`, to bring them up to date.',
    ''
  ].join('\n')
}

export interface DocumentRow {
  output: string
  directive: string
  reasons: string[]
  inputTokens: number
  outputTokens: number
  ms: number
  cached: boolean
  rendered: boolean
  promptChars: number
  /** edited by hand: `kept` (accepted into dvc.lock) or `regenerated` */
  handEdit?: 'kept' | 'regenerated'
  /** edits, rewrite or edits→rewrite (planned style in a dry run) */
  style?: string
  /** lines added and removed, out of the document's lines */
  lines?: LineChange
  /** why the edits did not apply (edits→rewrite) */
  editsFailed?: string
  /** an UPDATE that changed far more than its source diff calls for */
  disproportionate?: string
}

/** Fallbacks and out-of-proportion rewrites, one line per document, under the table (empty when none). */
function changeNotes(rows: DocumentRow[]): string[] {
  const notes: string[] = []
  for (const r of rows.filter((d) => d.editsFailed))
    notes.push(
      `- ${codeCell(r.output)}: edits did not apply: ${escapeProse(r.editsFailed!)}; rewrote the whole document`
    )
  for (const r of rows.filter((d) => d.disproportionate))
    notes.push(`- ⚠️ ${codeCell(r.output)}: this UPDATE ${escapeProse(r.disproportionate!)}; review the whole document`)
  return notes.length > 0 ? [...notes, ''] : []
}

/** The run's hand-edited documents, said plainly under the table (empty when none). */
function handEditNote(rows: DocumentRow[], dryRun: boolean): string[] {
  const kept = rows.filter((r) => r.handEdit === 'kept').map((r) => codeCell(r.output))
  const redone = rows.filter((r) => r.handEdit === 'regenerated').map((r) => codeCell(r.output))
  const notes: string[] = []
  if (kept.length > 0) {
    notes.push(
      `**Hand edits ${dryRun ? 'would be ' : ''}kept** (\`hand-edits: keep\`): ${kept.join(', ')} ${kept.length === 1 ? 'was' : 'were'} edited by hand; ` +
        `the edit is accepted as it is and dvc.lock ${dryRun ? 'would record' : 'now records'} it, with no model call. ` +
        'Set `hand-edits: regenerate` to have the model rewrite such a document, or `fail` to refuse it.',
      ''
    )
  }
  if (redone.length > 0) {
    notes.push(
      `**Hand edits regenerated** (\`hand-edits: regenerate\`): ${redone.join(', ')}, with the hand-edited text as the previous draft.`,
      ''
    )
  }
  return notes
}

export function generateTable(rows: DocumentRow[], dryRun: boolean): string {
  if (rows.length === 0) return '_Nothing to generate._\n'
  const lines = rows.map((r) => {
    const change = r.lines ? `<br>${describeLineChange(r.lines)}, ${r.style}` : ''
    const outcome = dryRun
      ? `dry run (${r.promptChars} chars packed${r.style ? `, asks for ${r.style === 'edits' ? 'edits' : 'the whole document'}` : ''})`
      : r.cached
        ? `cache hit${change}`
        : r.rendered
          ? `rendered${change}`
          : r.handEdit === 'kept'
            ? 'hand edit kept (no call)'
            : 'kept (no call)'
    return `| ${codeCell(r.output)} | ${escapeCell(r.directive)} | ${r.reasons.map(escapeCell).join('<br>')} | ${r.inputTokens} | ${r.outputTokens} | ${(r.ms / 1000).toFixed(1)} s | ${outcome} |`
  })
  const total = rows.reduce((t, r) => ({ i: t.i + r.inputTokens, o: t.o + r.outputTokens }), { i: 0, o: 0 })
  return [
    '| Document | Directive | Why | Input tokens | Output tokens | Time | Outcome |',
    '| --- | --- | --- | ---: | ---: | ---: | --- |',
    ...lines,
    `| **Total** | | | **${total.i}** | **${total.o}** | | |`,
    '',
    ...changeNotes(rows),
    ...handEditNote(rows, dryRun)
  ].join('\n')
}

export interface CommentInput {
  stale: StaleDocument[]
  documents?: (DocumentRow & { stage: string })[]
  dryRun?: boolean
  commit?: { sha: string; pushed: boolean }
  /** why this run only validated */
  validateOnly?: string
  /** documents outside the targets that are stale after the run */
  leftStale?: LeftStale[]
}

/** The sticky pull-request comment: what is stale, what was regenerated, and the commit. */
export function prCommentBody(input: CommentInput): string {
  const parts: string[] = []
  if (input.documents && input.documents.length > 0) {
    const rendered = input.documents.filter((d) => d.rendered).length
    parts.push(
      `### 📝 Graft regenerated ${rendered} document(s)`,
      '',
      generateTable(input.documents, input.dryRun ?? false)
    )
    if (input.commit?.pushed) parts.push(`Pushed ${input.commit.sha} to this branch.`, '')
  } else if (input.stale.length > 0) {
    parts.push(`### ⚠️ Graft: ${input.stale.length} document(s) stale`, '', staleTable(input.stale))
  } else {
    parts.push('### ✅ Graft: every generated document is up to date', '')
  }
  if (input.validateOnly) parts.push(`> ${input.validateOnly}`, '')
  if (input.leftStale && input.leftStale.length > 0) parts.push(leftStaleMarkdown(input.leftStale))
  return parts.join('\n')
}
