// generate: rewrite the stale documents through the model, in dependency
// order, all or nothing. plan → (baseline → changes → directive → pack →
// render → write → lock entry) per document → dvc.yaml and dvc.lock.
import { Git } from '../io/git.js'
import type { Log } from '../log.js'
import { composeDocument, formatHeader, sha256Hex, usesCrlf } from '../graft/header.js'
import type { DirectiveName } from '../pack/directive.js'
import { packDocument, type PackedDocument } from '../pack/document.js'
import { deepenForBaselines } from '../pack/baseline.js'
import type { Override } from '../pack/source-diff.js'
import { RenderError } from '../render/errors.js'
import { GraftError, type Problem } from '../errors.js'
import {
  checkBudget,
  checkContextWindows,
  checkPrices,
  describeEstimate,
  estimateInput,
  floorEstimate,
  mapPool,
  sourceLimit,
  type Budget,
  type InputEstimate
} from './budget.js'
import { costUsd, formatUsd, overLimit, priceOf, type PriceOverrides } from '../render/prices.js'
import { estimateTokens } from '../render/token-estimate.js'
import { RunSpend } from './spend.js'
import type { ValidationReport } from '../validate/validate.js'
import { refuseHandEdits, type HandEditPolicy } from '../validate/hand-edits.js'
import { leftStale, planGeneration, type PlannedDocument } from './plan.js'
import { DagFailed, runDag } from './schedule.js'
import { FileTransaction } from '../io/transaction.js'
import { preflight } from './preflight.js'
import { RepoPathChecker } from '../repo/resolver.js'
import { assertNoSecrets, secretForms } from '../pack/secrets.js'
import { PipelineFiles } from './pipeline-files.js'
import { describeSyncChange, type SyncChange } from '../pipeline/sync.js'
import { setting } from '../phrasing.js'
import type { RenderRequest } from '../render/bedrock.js'
import { toolChars, type ToolSpec } from '../render/edit-tool.js'
import { requestStyle, type UpdateStyle } from '../pack/update-style.js'
import { DEFAULT_UPDATE_STYLE } from '../defaults.js'
import { stripHeaderLine } from '../pack/header-rev.js'
import {
  renderCacheKey,
  renderDocument,
  requestTool,
  type RenderCache,
  type RenderContext,
  type RenderStyle,
  type Renderer
} from './render-document.js'
import {
  describeDisproportion,
  diffChangedLines,
  disproportionateChange,
  lineChange,
  type Disproportion,
  type LineChange
} from './line-changes.js'

export type { RenderCache, Renderer, RenderStyle } from './render-document.js'

export interface GenerateOptions {
  root: string
  report: ValidationReport
  force: boolean
  defaultModel: string
  maxTokens: number
  concurrency: number
  /** the run's spending limits, checked before the first model call (and output as it is spent) */
  budget: Budget
  /** prices the run gives for its models (`model-prices`), over the list prices of render/prices.ts */
  prices?: PriceOverrides
  /**
   * The ledger of the run's model calls, shared by its rounds (a regeneration
   * after a rebase adds to it): what the run spent, also when it fails. One of
   * its own when absent.
   */
  spend?: RunSpend
  /** cancels the run (SIGTERM, SIGINT): nothing new starts, renders in flight are abandoned, every write is rolled back */
  signal?: AbortSignal
  timeoutMs: number
  dryRun: boolean
  /** created on first use, so MAINTAIN-only and dry runs need no credentials */
  renderer: () => Promise<Renderer>
  cache?: RenderCache
  log: Log
  now?: () => Date
  /**
   * Secret values this run holds (the token, AWS keys, masked values): a packed
   * prompt holding one, or a credential-shaped string, stops the run before the call.
   */
  secrets?: string[]
  /**
   * Diff every document against this commit instead of its own baseline: after
   * the bot commit was rebased onto new upstream commits, it is the pre-rebase
   * bot commit, whose tree is exactly what the first round was generated from.
   */
  baselineRev?: string
  /** a hand-edited document: keep (default), regenerate (REFRESH) or fail (refused before anything is spent) */
  handEdits?: HandEditPolicy
  /**
   * UPDATE, REFINE and REFRESH ask for `edits` to the previous draft (falling back
   * once to a whole-document rewrite when they do not apply), or `rewrite` the
   * whole document. Default: edits (defaults.ts).
   */
  updateStyle?: UpdateStyle
  /**
   * Token for fetching more history of a shallow clone from `origin` (the
   * action's `token`, sent as an HTTP header of that one git process); without
   * one, git's own credentials apply (the CLI).
   */
  gitToken?: string
  /** the server gitToken belongs to: git sends it to no other origin (io/git.ts) */
  gitServer?: string
  /**
   * Plan the whole run but take only this stage and the stages of the run it waits
   * for (what `pack` shows: the document as this run would send it).
   */
  upTo?: string
}

export interface DocumentResult {
  stage: string
  output: string
  prompt: string
  directive: DirectiveName
  directiveLine: string
  /** why the document is regenerated (validate's reasons, or "forced") */
  reasons: string[]
  modelId: string
  /** characters of the packed prompt */
  promptChars: number
  sig: string
  /** tokens of every model call made for the document (a call whose reply was refused included) */
  inputTokens: number
  outputTokens: number
  /** dollars the model calls cost by the tokens Bedrock reported (0 without a call); undefined when the model has no price */
  costUsd?: number
  /** Bedrock reported no usage for a call of the document: its tokens were counted from characters */
  usageEstimated?: boolean
  ms: number
  cached: boolean
  /** false for MAINTAIN and dry runs */
  rendered: boolean
  /** the output was edited by hand: `kept` (accepted into dvc.lock, no call) or `regenerated` (the edit was the previous draft) */
  handEdit?: 'kept' | 'regenerated'
  /** the packed prompt, kept in dry runs only (what `pack` prints) */
  packed?: string
  baseline: string
  /**
   * How the text was asked for: `edits` to the previous draft, the whole document
   * (`rewrite`; GENERATE always), or `edits→rewrite` (edits that did not apply,
   * then the whole document). In a dry run: the style the request would use.
   * Absent for MAINTAIN.
   */
  style?: RenderStyle
  /** why the edits did not apply (`edits→rewrite`), e.g. "old_text 3 not found" */
  editsFailed?: string
  /** model calls made (2 after a fallback; 0 for cache hits, MAINTAIN and dry runs) */
  calls?: number
  /** lines added and removed against the previous draft, out of the new text's lines (rendered documents) */
  lines?: LineChange
  /** an UPDATE that changed far more of the document than its source diff calls for: how much (for a warning) */
  disproportionate?: Disproportion
}

export interface GenerateResult {
  documents: DocumentResult[]
  /** the estimate made before any model call (undefined when nothing needed one) */
  estimate?: InputEstimate
  /** every path whose bytes changed: outputs, dvc.yaml, dvc.lock */
  changedFiles: string[]
  dryRun: boolean
  /** the run's model calls (the ledger given in the options, or the run's own) */
  spend: RunSpend
  /** what the run changed (a dry run: would change) in dvc.yaml to bring it in line with the prompts */
  pipelineChanges?: SyncChange[]
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const whole = planGeneration(options.report, {
    force: options.force,
    defaultModel: options.defaultModel,
    maxTokens: options.maxTokens
  })
  const plan = options.upTo === undefined ? whole : upTo(whole, options.upTo)
  const { log } = options
  const left = leftStale(options.report, plan)
  for (const d of left) {
    log.warn(
      `${d.outputs.join(', ') || d.stage} (stage ${d.stage}) stays stale, generate does not render it: ${d.reasons.map((r) => r.text).join('; ')}`
    )
  }
  // dvc.yaml in line with the prompts, as Graft's repro has it: orphans go even when nothing is rendered.
  const files = new PipelineFiles(options.root, options.report.pipeline, plan)
  const pipelineChanges = options.upTo === undefined ? files.sync().changes : []
  for (const c of pipelineChanges) log.info(`dvc.yaml: ${describeSyncChange(c, options.dryRun ? 'would' : 'did')}`)
  if (plan.length === 0) {
    log.info(
      left.length > 0
        ? `Nothing generate can render: ${left.length} stale stage(s) need the steps above first.`
        : pipelineChanges.length > 0
          ? 'No document to render: only dvc.yaml and dvc.lock are brought in line with the prompts.'
          : 'Nothing to generate: every targeted document is up to date.'
    )
    // no model call: the ledger stays empty
    const spend = options.spend ?? new RunSpend(options.prices)
    if (pipelineChanges.length === 0 || options.dryRun)
      return { documents: [], changedFiles: [], dryRun: options.dryRun, spend, pipelineChanges }
    return {
      documents: [],
      changedFiles: await writePipelineFiles(options.root, files),
      dryRun: false,
      spend,
      pipelineChanges
    }
  }
  const outputs = plan.map((p) => p.prompt.out).join(', ')
  log.info(
    options.dryRun
      ? `Dry run: planning ${plan.length} document(s); no model is called and nothing is written: ${outputs}`
      : `Generating ${plan.length} document(s), ${options.concurrency} at a time: ${outputs}`
  )

  // Everything that could make the final write fail is refused before the first model call.
  if (options.handEdits === 'fail')
    refuseHandEdits(options.report.stale.filter((d) => plan.some((p) => p.stage.name === d.stage)))
  preflight(options.root, plan)
  const run = new GenerationRun(options, plan, files)
  await run.precheck()
  // A shallow clone is deepened here, once, before documents are packed in parallel.
  await run.deepenHistory()
  try {
    // Before any model call: what each document would send, and whether the budget allows it.
    const estimate = await run.estimate()
    const results = await runDag(
      plan.map((doc) => ({ id: doc.stage.name, after: doc.after, run: () => run.document(doc) })),
      options.concurrency,
      {
        isLocal: (error) => error instanceof RenderError && error.scope === 'document',
        stopReason: () => (options.signal?.aborted ? 'interrupted' : run.overBudget())
      }
    )
    const documents = plan.map((d) => results.get(d.stage.name)!)
    const over = run.overBudget()
    if (over) throw new GraftError({ message: over, hint: spentBudgetHint() })
    if (options.dryRun)
      return { documents, changedFiles: [], dryRun: true, estimate, spend: run.spend, pipelineChanges }
    await run.finish()
    return {
      documents,
      changedFiles: await run.transaction.changedPaths(),
      dryRun: false,
      estimate,
      spend: run.spend,
      pipelineChanges
    }
  } catch (error) {
    const unrestored = await run.transaction.rollback()
    let failure =
      error instanceof DagFailed ? runFailure(error, plan, options.cache !== undefined, unrestored.length === 0) : error
    if (options.signal?.aborted) failure = interrupted(options.signal)
    if (unrestored.length === 0) throw failure
    throw new GraftError([...problemsOf(failure), ...unrestored])
  }
}

/**
 * A run with no document to render that only brings dvc.yaml and dvc.lock in
 * line (an orphan removed): both written through a transaction, all or nothing.
 */
async function writePipelineFiles(root: string, files: PipelineFiles): Promise<string[]> {
  preflight(root, [])
  const transaction = new FileTransaction(root)
  try {
    for (const [path, text] of files.filesToWrite()) await transaction.write(path, text)
    return await transaction.changedPaths()
  } catch (error) {
    const unrestored = await transaction.rollback()
    if (unrestored.length === 0) throw error
    throw new GraftError([...problemsOf(error), ...unrestored])
  }
}

function problemsOf(error: unknown): Problem[] {
  return error instanceof GraftError
    ? error.problems
    : [{ message: error instanceof Error ? error.message : String(error) }]
}

/** The error of a run cancelled from outside (SIGTERM, SIGINT): what was rolled back is said by the caller's log. */
function interrupted(signal: AbortSignal): GraftError {
  const why = signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'cancelled')
  return new GraftError({
    message: `generate was interrupted (${why}): every file it had written was put back, nothing is committed`
  })
}

const spentBudgetHint = (): string =>
  `raise the limit that stopped the run (${setting('max-output-tokens')} or ${setting('max-cost-usd')}) if this spend is intended (the texts rendered so far are in the render cache, so a re-run does not pay for them again), or regenerate fewer documents at a time with ${setting('targets')}`

/**
 * One error for a run that did not complete: every failure's own problem(s),
 * then what happened to the rest. A single failure with nothing else to say
 * is thrown as it is.
 */
function runFailure(failed: DagFailed, plan: PlannedDocument[], cached: boolean, allRestored: boolean): unknown {
  const outputOf = new Map(plan.map((d) => [d.stage.name, d.prompt.out]))
  const names = (ids: string[]): string => ids.map((id) => outputOf.get(id) ?? id).join(', ')
  const problems: Problem[] = failed.failures.flatMap(({ error }) => problemsOf(error))
  if (failed.failures.length === 0 && failed.stopped)
    problems.push({ message: failed.stopped, hint: spentBudgetHint() })
  const local = failed.failures.every(({ error }) => error instanceof RenderError && error.scope === 'document')
  if (failed.failures.length === 1 && failed.skipped.length === 0 && failed.done.length === 0)
    return failed.failures[0].error
  const rest: string[] = []
  if (failed.done.length > 0) {
    rest.push(
      (allRestored
        ? `${failed.done.length} other document(s) were rendered but not written (all or nothing): ${names(failed.done)}`
        : `${failed.done.length} other document(s) were rendered: ${names(failed.done)}; what the run wrote was put back, except the file(s) named below`) +
        (cached
          ? '; their texts are in the render cache, so a re-run calls the model only for the failed documents and what depends on them'
          : '')
    )
  }
  if (failed.skipped.length > 0) {
    rest.push(`not started${local ? ' (they depend on a failed document)' : ''}: ${names(failed.skipped)}`)
  }
  // "Nothing was written" only when rollback put every file back; otherwise the files it could not restore follow.
  if (rest.length > 0) problems.push({ message: `${allRestored ? 'Nothing was written. ' : ''}${rest.join('. ')}.` })
  return new GraftError(problems)
}

/** `stage` and every stage of the plan it waits for, directly or not, in plan order. */
function upTo(plan: PlannedDocument[], stage: string): PlannedDocument[] {
  const byName = new Map(plan.map((d) => [d.stage.name, d]))
  const keep = new Set<string>()
  const visit = (name: string): void => {
    if (keep.has(name) || !byName.has(name)) return
    keep.add(name)
    for (const u of byName.get(name)!.after) visit(u)
  }
  visit(stage)
  return plan.filter((d) => keep.has(d.stage.name))
}

/** State shared by the documents of one run. */
class GenerationRun {
  readonly transaction: FileTransaction
  private readonly git: Git
  private readonly files: PipelineFiles
  /** output → its text before and after this run (pending in a dry run), for the diffs of downstream prompts */
  private readonly rewritten = new Map<string, Override>()
  private renderer?: Promise<Renderer>
  private shortHead?: Promise<string>
  /** packs made for the estimate, reused by documents whose upstream this run does not rewrite */
  private readonly prepacked = new Map<string, PackedDocument>()
  /** render-cache texts found for the estimate, by cache key */
  private readonly prefetched = new Map<string, string>()
  /** every model call of the run, its reply used or not */
  readonly spend: RunSpend
  /** the most the calls in flight may still cost (their input as estimated, their replies at max_tokens) */
  private reservedUsd = 0
  /** each document's input tokens as estimated before the run, and the characters they were estimated from */
  private readonly estimated = new Map<string, { tokens: number; chars: number }>()
  private secretForms?: string[]
  /** models Bedrock refused tools for: their documents are rewritten whole */
  private readonly noTools = new Set<string>()

  constructor(
    private readonly options: GenerateOptions,
    private readonly plan: PlannedDocument[],
    files: PipelineFiles
  ) {
    this.transaction = new FileTransaction(options.root)
    // In a partial clone, git fetches old contents on its own: with the action's token.
    this.git = new Git(options.root).withLazyFetchToken(options.gitToken, options.gitServer)
    this.files = files
    this.spend = options.spend ?? new RunSpend(options.prices)
  }

  /**
   * Packs every document as it stands, looks each up in the render cache, and
   * estimates the input tokens of those the model must render (Bedrock's
   * CountTokens where it can count, else characters ÷ 3.5); then checks the
   * budget. Throws a GraftError over budget, before any model call. A document
   * downstream of one this run rewrites is estimated from today's text of its
   * upstream (the real prompt adds the upstream's diff) and counted as a call.
   */
  async estimate(): Promise<GenerateResult['estimate']> {
    const { log } = this.options
    const planned = new Set(this.plan.map((d) => d.stage.name))
    const rewrites = new Set<string>()
    const packs = await mapPool(this.plan, this.options.concurrency, (doc) => this.pack(doc, new Map()))
    const candidates: Array<{ doc: PlannedDocument; packed: PackedDocument; final: boolean; tool?: ToolSpec }> = []
    this.plan.forEach((doc, i) => {
      const packedDoc = packs[i]
      this.prepacked.set(doc.stage.name, packedDoc)
      const upstreamRewritten = doc.after.some((u) => planned.has(u) && rewrites.has(u))
      if (packedDoc.directive === 'MAINTAIN' && !upstreamRewritten) return
      rewrites.add(doc.stage.name)
      // its first call as it will go out: one whose upstream this run rewrites is an UPDATE by then
      const style = upstreamRewritten
        ? requestStyle('UPDATE', this.options.updateStyle ?? DEFAULT_UPDATE_STYLE)
        : packedDoc.style
      const tool = requestTool({ style, changes: packedDoc.changes })
      candidates.push({ doc, packed: packedDoc, final: !upstreamRewritten, ...(tool ? { tool } : {}) })
    })
    // A document whose prompt is final and whose text the render cache holds costs nothing.
    const { cache } = this.options
    const hits = await mapPool(candidates, this.options.concurrency, async ({ doc, packed, final }) => {
      if (!final || this.options.dryRun || !cache) return false
      const key = renderCacheKey(doc, packed)
      const hit = await cache.get(key)
      if (hit !== undefined) this.prefetched.set(key, hit)
      return hit !== undefined
    })
    // an edit-mode document's first call carries the edit_document tool: counted with its prompt
    const toRender = candidates
      .filter((_c, i) => !hits[i])
      .map((c) => ({ doc: c.doc, packed: c.packed.packed, tool: c.tool }))
    if (toRender.length === 0) return undefined
    // Counting tokens sends the packed prompt to Bedrock too: no secret may be in it.
    for (const { doc, packed } of toRender) {
      assertNoSecrets(packed, (this.secretForms ??= secretForms(this.options.secrets ?? [])), {
        document: doc.prompt.out,
        prompt: doc.prompt.path
      })
    }
    const { budget, prices } = this.options
    // Every refusal that needs no count comes before the first request of any kind (CountTokens carries the prompt).
    const floor = floorEstimate(toRender, prices)
    const refused = this.refuse(() => {
      checkPrices(floor, budget)
      checkContextWindows(floor)
      checkBudget(floor, budget)
    })
    // Counting is only for a run that goes on.
    const counter = refused ? undefined : await this.counter()
    const estimate = await estimateInput(toRender, counter, this.options.concurrency, log, prices)
    for (const d of estimate.documents) this.estimated.set(d.output, { tokens: d.tokens, chars: d.chars })
    log.info(describeEstimate(estimate))
    if (!refused)
      this.refuse(() => {
        checkContextWindows(estimate)
        checkBudget(estimate, budget)
      })
    return estimate
  }

  /**
   * Runs a refusal check: a real run throws its GraftError; a dry run says
   * where the real run would stop and goes on. True when it refused.
   */
  private refuse(check: () => void): boolean {
    if (!this.options.dryRun) {
      check()
      return false
    }
    try {
      check()
      return false
    } catch (error) {
      this.options.log.warn(
        `Dry run: the real run would stop here, before any request to Bedrock: ${(error as Error).message}`
      )
      return true
    }
  }

  /** Why new documents must not start (the output tokens or the dollars are spent), or undefined. */
  overBudget(): string | undefined {
    const { maxOutputTokens, maxCostUsd } = this.options.budget
    const spent = this.spend.totals()
    const counted = spent.estimatedCalls > 0 ? `, ${spent.estimatedCalls} call(s) counted from characters` : ''
    if (spent.outputTokens > maxOutputTokens)
      return `this run's model output reached ${spent.outputTokens} tokens${counted}, over ${setting('max-output-tokens')} (${maxOutputTokens}): no further document was started and nothing was written`
    const usd = this.spend.pricedUsd()
    if (maxCostUsd !== undefined && overLimit(usd, maxCostUsd))
      return `this run's model calls cost ~${formatUsd(usd)} by the tokens Bedrock reported${counted}, over ${setting('max-cost-usd')} (${formatUsd(maxCostUsd)}): no further document was started and nothing was written`
    return undefined
  }

  /**
   * With max-cost-usd set, holds back what a call may cost at most (its input as
   * estimated, its reply at max_tokens) while it runs; a call that could take
   * the run over the limit, with what is spent and what the calls in flight may
   * still cost, does not start. So the limit holds while several documents are
   * in flight, when a prompt grew past its estimate (a downstream prompt
   * carries its upstream's diff), and for each call of a document: a
   * whole-document rewrite after edits that did not apply is a call of its own.
   * Returns the release.
   * @throws GraftError naming the document, before its request.
   */
  private reserve(doc: PlannedDocument, request: RenderRequest, fallback: boolean): () => void {
    const limit = this.options.budget.maxCostUsd
    const price = priceOf(doc.modelId, this.options.prices)
    if (limit === undefined || !price) return () => {}
    const known = this.estimated.get(doc.prompt.out)
    // what the call sends: its prompt, and the tool's definition when it carries one (counted so in the estimate too)
    const chars = request.prompt.length + toolChars(request.tool)
    // the estimate made before the run, plus what the prompt grew by since
    const input =
      known === undefined
        ? estimateTokens(chars)
        : known.tokens + (chars > known.chars ? estimateTokens(chars - known.chars) : 0)
    const most = costUsd({ inputTokens: input, outputTokens: doc.maxTokens }, price)
    const spent = this.spend.pricedUsd()
    if (overLimit(spent + this.reservedUsd + most, limit)) {
      const what = fallback
        ? `${doc.prompt.out}: no rewrite after edits that did not apply: the rewrite may cost`
        : `${doc.prompt.out} was not started: its call may cost`
      throw new GraftError({
        file: doc.prompt.path,
        message:
          `${what} up to ~${formatUsd(most)} (~${input} input tokens, the reply at max_tokens ${doc.maxTokens}), ` +
          `and with ~${formatUsd(spent)} spent and up to ~${formatUsd(this.reservedUsd)} for the calls in flight the run could pass ${setting('max-cost-usd')} (${formatUsd(limit)}); ` +
          'nothing was written',
        hint: spentBudgetHint()
      })
    }
    this.reservedUsd += most
    let held = true
    return () => {
      if (held) this.reservedUsd -= most
      held = false
    }
  }

  /** The renderer's token counter, or undefined (dry runs without credentials; models it cannot count). */
  private async counter(): Promise<Renderer['countTokens'] | undefined> {
    if (this.options.dryRun) {
      try {
        const renderer = await this.rendererOnce()
        return renderer.countTokens?.bind(renderer)
      } catch (error) {
        // One short line: the reason, without its advice or details (a dry run needs no credentials).
        const said = error instanceof GraftError ? error.problems[0].message : (error as Error).message.split('\n')[0]
        const why = said.replace(/\s*\(.*\)$/, '')
        this.options.log.info(`Dry run without Bedrock (${why}): tokens are estimated from characters`)
        this.renderer = undefined
        return undefined
      }
    }
    const renderer = await this.rendererOnce()
    return renderer.countTokens?.bind(renderer)
  }

  private rendererOnce(): Promise<Renderer> {
    this.renderer ??= this.options.renderer()
    return this.renderer
  }

  private pack(doc: PlannedDocument, overrides: Map<string, Override>): Promise<PackedDocument> {
    const refresh =
      doc.handEdited && this.options.handEdits === 'regenerate'
        ? 'edited by hand, and hand-edits is regenerate: rewrite from the current sources and instructions, the hand-edited text as the previous draft'
        : undefined
    return packDocument(this.git, doc, {
      overrides,
      force: this.options.force,
      log: this.options.log,
      baselineRev: this.options.baselineRev,
      // packed again after an upstream was rewritten: the baseline found for the estimate stands
      baseline: this.prepacked.get(doc.stage.name)?.baseline,
      refresh,
      // the hand-edited text is what was found edited, committed or not (at a terminal, often not yet)
      draftOnDisk: doc.handEdited,
      sourceLimit: sourceLimit(this.options.budget),
      updateStyle: this.options.updateStyle ?? DEFAULT_UPDATE_STYLE
    })
  }

  /**
   * In a shallow clone, fetches the history every planned document's baseline
   * needs, once for the run (deepenForBaselines); not needed when every
   * document is diffed against `baselineRev`.
   */
  async deepenHistory(): Promise<void> {
    if (this.options.baselineRev) return
    await deepenForBaselines(
      this.git,
      this.plan.map((doc) => ({ output: doc.prompt.out, name: doc.stage.name })),
      { token: this.options.gitToken, log: this.options.log }
    )
  }

  /** What would fail the final write, checked before the first model call. */
  precheck(): Promise<void> {
    return this.files.precheck()
  }

  async document(doc: PlannedDocument): Promise<DocumentResult> {
    const { log } = this.options
    const started = Date.now()
    const output = doc.prompt.out
    const overrides = this.overridesFor(doc)
    const packedDoc =
      (overrides.size === 0 ? this.prepacked.get(doc.stage.name) : undefined) ?? (await this.pack(doc, overrides))
    const { baseline, packed, directive, line, style } = packedDoc
    // A dry run writes nothing: what it would rewrite reaches downstream documents as pending.
    if (this.options.dryRun && directive !== 'MAINTAIN')
      this.rewritten.set(output, { before: '', after: '', pending: true })
    const sig = sha256Hex(packed)
    const base: DocumentResult = {
      stage: doc.stage.name,
      output,
      prompt: doc.prompt.path,
      directive,
      directiveLine: line,
      reasons: doc.reasons,
      modelId: doc.modelId,
      promptChars: packed.length,
      sig,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      ms: 0,
      cached: false,
      rendered: false,
      baseline: baseline.rev ? baseline.rev.slice(0, 12) : 'none',
      ...(directive === 'MAINTAIN' ? {} : { style })
    }
    const asks =
      directive === 'MAINTAIN'
        ? ''
        : style === 'edits'
          ? '; asks for edits to the previous draft'
          : '; asks for the whole document'
    log.info(`${output}: ${line}; packed prompt ${packed.length} characters${asks}`)
    if (doc.handEdited) {
      base.handEdit = directive === 'MAINTAIN' ? 'kept' : 'regenerated'
      log.info(
        base.handEdit === 'kept'
          ? `${output}: edited by hand; with ${setting('hand-edits', 'keep')} the edit is accepted as it is: no model call, and dvc.lock ${this.options.dryRun ? 'would record' : 'records'} its new hash`
          : `${output}: edited by hand; the model ${this.options.dryRun ? 'would get' : 'gets'} the hand-edited text as the previous draft`
      )
    }
    if (this.options.dryRun) return { ...base, packed, ms: Date.now() - started }
    if (directive !== 'MAINTAIN') {
      const from = this.spend.count
      const rendered = await renderDocument(this.renderContext(), doc, packedDoc)
      // every call made for the document in this round (a failed edit attempt's, a refused reply's included)
      const spent = this.spend.totals(output, from)
      const header = formatHeader({
        model: doc.modelName,
        sig: rendered.sig,
        rev: await this.head(),
        date: (this.options.now ?? (() => new Date()))()
      })
      const before = new RepoPathChecker(this.options.root).readText(output, 'output') ?? ''
      const draft = packedDoc.changes.previousDraft
      // the document keeps its own line-ending style, rewritten whole or edited
      const after = composeDocument(header, rendered.body, {
        asIs: rendered.asIs,
        crlf: draft !== undefined && usesCrlf(draft)
      })
      await this.transaction.write(output, after)
      this.rewritten.set(output, { before, after })
      const lines = lineChange(draft ?? '', stripHeaderLine(after))
      const disproportionate = disproportionateChange(
        directive,
        lines,
        packedDoc.changes.sourcesChanged ? diffChangedLines(packedDoc.changes.sourceDiff) : 0
      )
      if (rendered.editsFailed) base.editsFailed = rendered.editsFailed
      if (disproportionate) {
        base.disproportionate = disproportionate
        log.warn(`${output}: ${describeDisproportion(disproportionate, lines)}`)
      }
      Object.assign(base, {
        sig: rendered.sig,
        inputTokens: spent.inputTokens,
        outputTokens: spent.outputTokens,
        costUsd: spent.usd,
        ...(spent.estimatedCalls > 0 ? { usageEstimated: true } : {}),
        cached: rendered.cached,
        rendered: true,
        style: rendered.style,
        calls: rendered.calls,
        lines
      })
    }
    await this.files.recordLock(doc)
    const ms = Date.now() - started
    log.info(`${output}: done in ${(ms / 1000).toFixed(1)} s`)
    return { ...base, ms }
  }

  /** Writes dvc.yaml (when stages were added or changed) and dvc.lock. */
  async finish(): Promise<void> {
    for (const [path, text] of await this.files.filesToWrite()) await this.transaction.write(path, text)
  }

  private overridesFor(doc: PlannedDocument): Map<string, Override> {
    const overrides = new Map<string, Override>()
    for (const dep of doc.prompt.deps) {
      const change = this.rewritten.get(dep)
      if (change) overrides.set(dep, change)
    }
    return overrides
  }

  /** What renderDocument needs of this run: the renderer, the cache, the secrets check, the ledger and the budget. */
  private renderContext(): RenderContext {
    return {
      renderer: () => this.rendererOnce(),
      cache: this.options.cache,
      prefetched: this.prefetched,
      log: this.options.log,
      timeoutMs: this.options.timeoutMs,
      signal: this.options.signal,
      checkSecrets: (packed, doc) =>
        assertNoSecrets(packed, (this.secretForms ??= secretForms(this.options.secrets ?? [])), {
          document: doc.prompt.out,
          prompt: doc.prompt.path
        }),
      // every call Bedrock answers goes to the ledger, a fallback's failed edit attempt included
      record: (doc, usage) => this.spend.record(doc.prompt.out, doc.modelId, usage),
      reserve: (doc, request, fallback) => this.reserve(doc, request, fallback),
      overBudget: () => this.overBudget(),
      noTools: this.noTools
    }
  }

  private head(): Promise<string> {
    this.shortHead ??= this.git
      .tryExec(['rev-parse', '--short', 'HEAD'])
      .then((r) => (r.code === 0 ? r.stdout.trim() : 'workspace'))
    return this.shortHead
  }
}
