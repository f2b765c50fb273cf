// Markdown for the job summary, the pull-request comment and the rolling
// pull request's body. Pure functions of the report data, so the same tables
// appear in every place and in tests. Every piece of repository text goes
// through the renderer in gfm.ts (`code` for names, `text` for sentences);
// these builders take and return `Markdown`, never a raw string.
import type { Reason, StaleDocument } from '../core/types.js'
import type { LeftStale } from '../core/generate/left-stale.js'
import { ENGINE_NONE_MEANS } from '../core/validate/validate.js'
import { runCost, type InputEstimate } from '../core/generate/budget.js'
import type { SpendTotals } from '../core/generate/spend.js'
import { PRICES_AS_OF, formatUsd } from '../core/render/prices.js'
import { CHARS_PER_TOKEN } from '../core/render/token-estimate.js'
import type { LineChange } from '../core/generate/line-changes.js'
import {
  code,
  commentLength,
  decimal,
  fit,
  join,
  LINE_BREAK,
  link,
  own,
  render,
  tableHead,
  tableRow,
  text,
  type Block,
  type Markdown,
  type Shortenable
} from './gfm.js'

/** Renderers for a new cell: a repository name (`codeCell`) or a sentence (`escapeCell`). */
export { code as codeCell, text as escapeCell }

/** GitHub refuses a comment (and a pull-request body) over 65,536 characters: ours stay under this. */
export const COMMENT_MAX_CHARS = 60_000

/** A reason: its path (when it names one) as a code span, the rest as text. */
export function reasonMarkdown(reason: Pick<Reason, 'text' | 'path'>): Markdown {
  const at = reason.path ? reason.text.indexOf(reason.path) : -1
  if (!reason.path || at < 0) return text(reason.text)
  return own`${text(reason.text.slice(0, at))}${code(reason.path)}${text(reason.text.slice(at + reason.path.length))}`
}

// Rows first that say what needs doing: a document stale for its own reasons
// before one that is only downstream of another, and those the action does not
// render (not a prompt, frozen, waiting for dvc repro) last.
const LATER: ReadonlySet<Reason['kind']> = new Set(['upstream-stale'])
const LAST: ReadonlySet<Reason['kind']> = new Set(['not-a-prompt', 'needs-repro', 'frozen'])
function staleRank(d: StaleDocument): number {
  if (d.reasons.some((r) => LAST.has(r.kind))) return 2
  return d.reasons.every((r) => LATER.has(r.kind)) ? 1 : 0
}

/** A stable sort by rank: the most important first, dependency order kept within a rank. */
function byRank<T>(items: readonly T[], rank: (item: T) => number): T[] {
  return items
    .map((item, i) => ({ item, i, r: rank(item) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.item)
}

const more = (where: string) => (n: number) => own`_… and ${n} more (${text(where)})._`

/** The stale documents as a table that can be shortened (most important rows first). */
export function staleRows(stale: StaleDocument[], where = 'see the log'): Shortenable {
  return {
    head: tableHead(['Document', 'Stage', 'Why it is stale']),
    rows: byRank(stale, staleRank).map((d) =>
      tableRow([join(d.outputs.map(code), LINE_BREAK), code(d.stage), join(d.reasons.map(reasonMarkdown), LINE_BREAK)])
    ),
    more: more(where)
  }
}

/** The stale documents: a sentence when none, else the table, shortenable. */
function staleBlock(stale: StaleDocument[], where?: string): Block {
  if (stale.length === 0) return own`_Every generated document is up to date._\n`
  return staleRows(stale, where)
}

/** The stale-documents table, whole. */
export function staleTable(stale: StaleDocument[]): Markdown {
  return render([staleBlock(stale)])
}

export function validateSummary(input: {
  stale: StaleDocument[]
  engine: string
  checked: number
  targeted: boolean
}): Block[] {
  const { stale, engine, checked } = input
  const head =
    stale.length === 0
      ? own`### ✅ Graft: all ${checked} document(s) up to date`
      : own`### ⚠️ Graft: ${stale.length} of ${checked} document(s) stale`
  const scope = input.targeted ? own` (targets only)` : own``
  const what = engine === 'none' ? own` (${text(ENGINE_NONE_MEANS)})` : own``
  return [own`${head}\n\nEngine: ${code(engine)}${what}${scope}\n`, staleBlock(stale)]
}

/** The documents a targeted run leaves stale outside its targets, as a section of the summary or the comment. */
export function leftStaleMarkdown(left: LeftStale[], where = 'see the log'): Block[] {
  if (left.length === 0) return []
  return [
    own`#### ⚠️ ${left.length} document(s) left stale outside the targets\n`,
    {
      head: tableHead(['Document', 'Why']),
      rows: left.map((d) => tableRow([join(d.outputs.map(code), LINE_BREAK), text(d.why)])),
      more: more(where)
    },
    own`Run without \`targets\`, or with \`downstream: include\`, to bring them up to date.\n`
  ]
}

export interface DocumentRow {
  output: string
  directive: string
  reasons: string[]
  inputTokens: number
  outputTokens: number
  /** dollars by the tokens Bedrock reported; undefined when the model has no price */
  costUsd?: number
  /** Bedrock reported no usage for a call: the tokens (and so the cost) were counted from characters */
  usageEstimated?: boolean
  modelId: string
  ms: number
  cached: boolean
  rendered: boolean
  promptChars: number
  /** edited by hand: `kept` (accepted into dvc.lock) or `regenerated` */
  handEdit?: 'kept' | 'regenerated'
  /** edits, rewrite or edits→rewrite (the planned style in a dry run) */
  style?: string
  /** lines added and removed, out of the document's lines */
  lines?: LineChange
  /** why the edits did not apply (edits→rewrite) */
  editsFailed?: string
  /** an UPDATE that changed far more than its source diff calls for */
  disproportionate?: { share: number; sourceDiffLines: number }
}

/** `+3 −1 of 212 lines, edits`: our own digits and words. */
function changeMarkdown(r: DocumentRow): Markdown {
  if (!r.lines) return own``
  const { added, removed, lines } = r.lines
  return own`${LINE_BREAK}+${added} −${removed} of ${lines} line${lines === 1 ? own`` : own`s`}, ${text(r.style ?? '')}`
}

/**
 * Fallbacks and out-of-proportion changes under the table, one paragraph per
 * document (none when none). Shortenable: a model that takes no tools makes
 * every document of it a fallback, and hundreds of notes must not push the
 * table itself out of a comment.
 */
function changeNotes(rows: DocumentRow[], where: string): Shortenable[] {
  const fallbacks = rows
    .filter((r) => r.editsFailed)
    .map(
      (r) => own`${code(r.output)}: edits did not apply: ${text(r.editsFailed ?? '')}; rewrote the whole document.\n`
    )
  const outOfProportion: Markdown[] = []
  for (const r of rows) {
    const d = r.disproportionate
    if (!d || !r.lines) continue
    const { added, removed, lines } = r.lines
    const n = d.sourceDiffLines
    outOfProportion.push(
      own`⚠️ ${code(r.output)}: this UPDATE changed ${Math.round(d.share * 100)}% of its lines (+${added} −${removed} of ${lines} lines) for a source diff of ${n} changed line${n === 1 ? own`` : own`s`}; review the whole document.\n`
    )
  }
  // each row ends in a line break of its own: a paragraph apart from the next
  return [fallbacks, outOfProportion]
    .filter((notes) => notes.length > 0)
    .map((notes) => ({ head: own``, rows: notes, more: more(where) }))
}

/** The run's hand-edited documents, said plainly under the table (empty when none). */
function handEditNote(rows: DocumentRow[], dryRun: boolean): Markdown[] {
  const comma = own`, `
  const keptRows = rows.filter((r) => r.handEdit === 'kept')
  const redoneRows = rows.filter((r) => r.handEdit === 'regenerated')
  const notes: Markdown[] = []
  if (keptRows.length > 0) {
    const kept = join(
      keptRows.map((r) => code(r.output)),
      comma
    )
    const would = dryRun ? own`would be ` : own``
    const record = dryRun ? own`would record` : own`now records`
    const were = keptRows.length === 1 ? own`was` : own`were`
    notes.push(
      own`**Hand edits ${would}kept** (\`hand-edits: keep\`): ${kept} ${were} edited by hand; the edit is accepted as it is and dvc.lock ${record} it, with no model call. Set \`hand-edits: regenerate\` to have the model rewrite such a document, or \`fail\` to refuse it.\n`
    )
  }
  if (redoneRows.length > 0) {
    const redone = join(
      redoneRows.map((r) => code(r.output)),
      comma
    )
    notes.push(
      own`**Hand edits regenerated** (\`hand-edits: regenerate\`): ${redone}, with the hand-edited text as the previous draft.\n`
    )
  }
  return notes
}

function outcome(r: DocumentRow, dryRun: boolean): Markdown {
  if (dryRun) {
    const asks = !r.style ? own`` : r.style === 'edits' ? own`, asks for edits` : own`, asks for the whole document`
    return own`dry run (${r.promptChars} chars packed${asks})`
  }
  if (r.cached) return own`cache hit${changeMarkdown(r)}`
  if (r.rendered) return own`rendered${changeMarkdown(r)}`
  return r.handEdit === 'kept' ? own`hand edit kept (no call)` : own`kept (no call)`
}

// Rows first that changed a document: rendered (and hand edits regenerated), then hand edits kept, cache hits, and the rest.
const generateRank = (r: DocumentRow): number => (r.rendered ? 0 : r.handEdit ? 1 : r.cached ? 2 : 3)

/** The generated documents' table, whole, with its notes. */
export function generateTable(rows: DocumentRow[], dryRun: boolean): Markdown {
  return render(generateBlocks(rows, dryRun))
}

/** The generated documents as a table that can be shortened (the documents that changed first), with its notes. */
export function generateBlocks(rows: DocumentRow[], dryRun: boolean, where = 'see the log'): Block[] {
  if (rows.length === 0) return [own`_Nothing to generate._\n`]
  const total = rows.reduce((t, r) => ({ i: t.i + r.inputTokens, o: t.o + r.outputTokens }), { i: 0, o: 0 })
  const spent = runCost(rows)
  // ~ (escaped: GitHub reads a pair of them as strikethrough): counted from characters, because Bedrock reported no usable usage for a call
  const about = (estimated: boolean | undefined): Markdown => (estimated ? own`\\~` : own``)
  const anyAbout = about(rows.some((r) => r.rendered && r.usageEstimated))
  const totalCost = dryRun ? own`` : spent.usd === undefined ? own`unknown` : own`${anyAbout}**${usd(spent.usd)}**`
  const table: Shortenable = {
    head: tableHead(
      ['Document', 'Directive', 'Why', 'Input tokens', 'Output tokens', 'Cost', 'Time', 'Outcome'],
      ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'l']
    ),
    rows: byRank(rows, generateRank).map((r) =>
      tableRow([
        code(r.output),
        text(r.directive),
        join(
          r.reasons.map((reason) => text(reason)),
          LINE_BREAK
        ),
        own`${about(r.usageEstimated)}${r.inputTokens}`,
        own`${about(r.usageEstimated)}${r.outputTokens}`,
        dryRun || !r.rendered
          ? own``
          : r.costUsd === undefined
            ? own`no price`
            : own`${about(r.usageEstimated)}${usd(r.costUsd)}`,
        own`${decimal(r.ms / 1000, 1)} s`,
        outcome(r, dryRun)
      ])
    ),
    tail: tableRow([
      own`**Total**`,
      own``,
      own``,
      own`${anyAbout}**${total.i}**`,
      own`${anyAbout}**${total.o}**`,
      totalCost,
      own``,
      own``
    ]),
    more: more(where)
  }
  return [table, ...changeNotes(rows, where), ...handEditNote(rows, dryRun)]
}

/** A dollar figure of our own (`$0.0123`): digits, a point and a dollar sign are never Markdown. */
const usd = (value: number): Markdown => text(formatUsd(value))

/**
 * The run's cost under the table: after a real run, the estimate from the
 * tokens Bedrock reported (or which models have no price); after a dry run, the
 * most the real run may cost. Empty when nothing was rendered or estimated.
 */
export function costMarkdown(run: { documents: DocumentRow[]; dryRun: boolean; estimate?: InputEstimate }): Markdown {
  const prices = own`list prices as of ${text(PRICES_AS_OF)} unless \`model-prices\` gives others`
  const them = (n: number) => (n === 1 ? own`it` : own`them`)
  if (run.dryRun) {
    const e = run.estimate
    if (!e) return own``
    if (e.costUsd === undefined) {
      const unpriced = [...new Set(e.documents.filter((d) => d.costUsd === undefined).map((d) => d.modelId))]
      return own`**Expected cost:** unknown: no price for ${join(unpriced.map(code), own`, `)} (add ${them(unpriced.length)} to \`model-prices\`).\n`
    }
    return own`**Expected cost:** up to \\~${usd(e.costUsd)} for ${e.documents.length} document(s): each reply at its full \`max_tokens\`, the input as estimated (${prices}). An estimate, not a cap: a call Bedrock breaks off is paid again when retried, and a prompt grows with its upstream's changes; \`max-cost-usd\` sets a cap.\n`
  }
  if (!run.documents.some((d) => d.rendered)) return own``
  const spent = runCost(run.documents)
  const counted = countedNote(
    run.documents.filter((d) => d.rendered && d.usageEstimated).length,
    own`document(s) marked \\~`
  )
  return spent.usd === undefined
    ? own`**Estimated cost:** unknown: no price for ${join(spent.unpriced.map(code), own`, `)} (add ${them(spent.unpriced.length)} to \`model-prices\`).${counted}\n`
    : own`**Estimated cost:** ${usd(spent.usd)}, from the tokens Bedrock reported (${prices}).${counted}\n`
}

/** Said when Bedrock's usage was missing or unusable for some calls: where their tokens come from instead. */
function countedNote(counted: number, what: Markdown): Markdown {
  return counted === 0
    ? own``
    : own` Bedrock reported no usable usage for ${counted} ${what}: their tokens are counted from characters, ${text(String(CHARS_PER_TOKEN))} to a token.`
}

/**
 * What a failed run's model calls cost, for the job summary and the comment:
 * every call Bedrock answered counts, a reply that was refused or never used included.
 */
export function spentMarkdown(spent: SpendTotals): Markdown {
  if (spent.calls === 0) return own`**Spent before the run stopped:** nothing: no model call was made.\n`
  const cost =
    spent.usd === undefined
      ? own`cost unknown: no price for ${join(spent.unpriced.map(code), own`, `)} (add ${spent.unpriced.length === 1 ? own`it` : own`them`} to \`model-prices\`)`
      : own`estimated cost ${usd(spent.usd)}, from the tokens Bedrock reported (list prices as of ${text(PRICES_AS_OF)} unless \`model-prices\` gives others)`
  return own`**Spent before the run stopped:** ${spent.calls} model call(s), ${spent.inputTokens} input and ${spent.outputTokens} output tokens; ${cost}.${countedNote(spent.estimatedCalls, own`call(s)`)} Bedrock bills these calls although nothing they returned was committed.\n`
}

export interface CommentInput {
  stale: StaleDocument[]
  documents?: (DocumentRow & { stage: string })[]
  dryRun?: boolean
  /** the estimate made before any model call (a dry run's expected cost) */
  estimate?: InputEstimate
  commit?: { sha: string; pushed: boolean }
  /** why this run only validated */
  validateOnly?: string
  /** documents outside the targets that are stale after the run */
  leftStale?: LeftStale[]
  /** the pipeline's working directory, relative to the workspace (`.` for the root): named in the title when not `.` */
  pipeline?: string
  /** generate failed (nothing was committed): what its model calls cost */
  failed?: { spent: SpendTotals }
}

/** ` in `dir`` after a title, for a pipeline that is not the repository root. */
function inPipeline(pipeline: string | undefined): Markdown {
  return pipeline && pipeline !== '.' ? own` in ${code(pipeline)}` : own``
}

/**
 * The sticky pull-request comment: what is stale, what was regenerated, and
 * the commit; titled with its pipeline; shortened to fit GitHub's limit (the
 * most important rows first, then how many more are in the job summary).
 */
export function prCommentBody(input: CommentInput, limit = COMMENT_MAX_CHARS): Markdown {
  const where = 'see the job summary'
  const blocks: Block[] = []
  const pipeline = inPipeline(input.pipeline)
  if (input.failed) {
    blocks.push(
      own`### ❌ Graft generate failed${pipeline}\n`,
      own`The run stopped before committing anything: its problems are in the job summary and the annotations of this run.\n`,
      spentMarkdown(input.failed.spent)
    )
    if (input.stale.length > 0)
      blocks.push(own`#### ${input.stale.length} document(s) still stale\n`, staleRows(input.stale, where))
  } else if (input.documents && input.documents.length > 0) {
    const rendered = input.documents.filter((d) => d.rendered).length
    blocks.push(
      own`### 📝 Graft regenerated ${rendered} document(s)${pipeline}\n`,
      ...generateBlocks(input.documents, input.dryRun ?? false, where),
      costMarkdown({ documents: input.documents, dryRun: input.dryRun ?? false, estimate: input.estimate })
    )
    if (input.commit?.pushed) blocks.push(own`Pushed ${text(input.commit.sha)} to this branch.\n`)
  } else if (input.stale.length > 0) {
    blocks.push(own`### ⚠️ Graft: ${input.stale.length} document(s) stale${pipeline}\n`, staleRows(input.stale, where))
  } else {
    blocks.push(own`### ✅ Graft: every generated document is up to date${pipeline}\n`)
  }
  if (input.validateOnly) blocks.push(own`> ${text(input.validateOnly)}\n`)
  if (input.leftStale && input.leftStale.length > 0) blocks.push(...leftStaleMarkdown(input.leftStale, where))
  return fit(blocks, limit, commentLength)
}

/** The short comment that replaces a report GitHub refused, so an older report never stands. */
export function refusedCommentBody(reason: string, pipeline: string | undefined, runUrl: string | undefined): Markdown {
  const summary = runUrl ? link(own`job summary of this run`, runUrl) : own`job summary of this run`
  return own`### ⚠️ Graft: this run's report could not be posted here${inPipeline(pipeline)}\n\nGitHub refused it (${text(reason)}). The report is in the ${summary} and its log; an earlier report that stood here was out of date, so it was replaced by this note.\n`
}

export interface RollingPullRequestInput {
  branch: string
  botBranch: string
  documents: { output: string; directive: string; reasons: string[] }[]
  triggerSha: string
  /** the remote's refusal, scrubbed */
  refusal: string
}

/**
 * The body of the rolling pull request a protected branch gets: which
 * documents, by which directive, and why; what refused the push; and that
 * later runs update this pull request (its branch is rebuilt) instead of
 * opening another. Shortened to fit GitHub's limit like the comment.
 */
export function rollingPullRequestBody(input: RollingPullRequestInput, limit = COMMENT_MAX_CHARS): Markdown {
  const branch = code(input.branch)
  return fit(
    [
      own`graft-action regenerated ${input.documents.length} document(s) for ${branch} at ${text(input.triggerSha)}, but ${branch} is protected, so the bot commit is here instead of on the branch.\n`,
      {
        head: tableHead(['document', 'directive', 'why']),
        rows: input.documents.map((d) =>
          tableRow([code(d.output), text(d.directive), text(d.reasons.join('; ') || '—')])
        ),
        more: more('see the commit message and the job summary')
      },
      own`The push was refused: ${text(input.refusal)}\n`,
      own`Later runs update this pull request in place: ${code(input.botBranch)} belongs to the bot and is rebuilt on each run. Merge it to bring the documents up to date.\n`
    ],
    limit,
    commentLength
  )
}
