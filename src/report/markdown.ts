// Markdown for the job summary and the pull-request comment. Pure functions of
// the report data, so the same tables appear in both places and in tests.
import type { StaleDocument } from '../core/types.js'

export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

export function staleTable(stale: StaleDocument[]): string {
  if (stale.length === 0) return '_Every generated document is up to date._\n'
  const rows = stale.map(
    (d) =>
      `| ${d.outputs.map((o) => `\`${escapeCell(o)}\``).join('<br>')} | \`${escapeCell(d.stage)}\` | ${d.reasons
        .map((r) => escapeCell(r.text))
        .join('<br>')} |`
  )
  return ['| Document | Stage | Why it is stale |', '| --- | --- | --- |', ...rows, ''].join('\n')
}

export function validateSummary(input: { stale: StaleDocument[]; engine: string; checked: number; targeted: boolean }): string {
  const { stale, engine, checked } = input
  const head =
    stale.length === 0
      ? `### ✅ Graft: all ${checked} document(s) up to date`
      : `### ⚠️ Graft: ${stale.length} of ${checked} document(s) stale`
  const scope = input.targeted ? ' (targets only)' : ''
  return `${head}\n\nEngine: \`${engine}\`${scope}\n\n${staleTable(stale)}`
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
}

export function generateTable(rows: DocumentRow[], dryRun: boolean): string {
  if (rows.length === 0) return '_Nothing to generate._\n'
  const lines = rows.map((r) => {
    const outcome = dryRun ? `dry run (${r.promptChars} chars packed)` : r.cached ? 'cache hit' : r.rendered ? 'rendered' : 'kept (no call)'
    return `| \`${escapeCell(r.output)}\` | ${r.directive} | ${r.reasons.map(escapeCell).join('<br>')} | ${r.inputTokens} | ${r.outputTokens} | ${(r.ms / 1000).toFixed(1)} s | ${outcome} |`
  })
  const total = rows.reduce((t, r) => ({ i: t.i + r.inputTokens, o: t.o + r.outputTokens }), { i: 0, o: 0 })
  return [
    '| Document | Directive | Why | Input tokens | Output tokens | Time | Outcome |',
    '| --- | --- | --- | ---: | ---: | ---: | --- |',
    ...lines,
    `| **Total** | | | **${total.i}** | **${total.o}** | | |`,
    ''
  ].join('\n')
}
