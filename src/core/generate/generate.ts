// generate: rewrite the stale documents through the model, in dependency
// order, all or nothing. plan → (baseline → changes → directive → pack →
// render → write → lock entry) per document → dvc.yaml and dvc.lock.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Git } from '../io/git.js'
import type { Log } from '../log.js'
import { composeDocument, formatHeader, sha256Hex } from '../graft/header.js'
import type { DirectiveName } from '../pack/directive.js'
import { packDocument } from '../pack/document.js'
import type { RenderRequest, RenderResult } from '../render/bedrock.js'
import type { ValidationReport } from '../validate/validate.js'
import { planGeneration, type PlannedDocument } from './plan.js'
import { runDag } from './schedule.js'
import { FileTransaction } from './transaction.js'
import { PipelineFiles } from './pipeline-files.js'

export interface Renderer {
  render(request: RenderRequest): Promise<RenderResult>
}

/** Rendered texts keyed by the sha256 of what was sent: a re-run with the same inputs makes no call. */
export interface RenderCache {
  get(key: string): Promise<string | undefined>
  put(key: string, text: string): Promise<void>
}

export interface GenerateOptions {
  root: string
  report: ValidationReport
  force: boolean
  defaultModel: string
  maxTokens: number
  concurrency: number
  timeoutMs: number
  dryRun: boolean
  /** created on first use, so MAINTAIN-only and dry runs need no credentials */
  renderer: () => Promise<Renderer>
  cache?: RenderCache
  log: Log
  now?: () => Date
  /**
   * Diff every document against this commit instead of its own baseline: after
   * the bot commit was rebased onto new upstream commits, it is the pre-rebase
   * bot commit, whose tree is exactly what the first round was generated from.
   */
  baselineRev?: string
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
  inputTokens: number
  outputTokens: number
  ms: number
  cached: boolean
  /** false for MAINTAIN and dry runs */
  rendered: boolean
  baseline: string
}

export interface GenerateResult {
  documents: DocumentResult[]
  /** every path whose bytes changed: outputs, dvc.yaml, dvc.lock */
  changedFiles: string[]
  dryRun: boolean
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const plan = planGeneration(options.report, { force: options.force, defaultModel: options.defaultModel, maxTokens: options.maxTokens })
  const { log } = options
  if (plan.length === 0) {
    log.info('Nothing to generate: every targeted document is up to date.')
    return { documents: [], changedFiles: [], dryRun: options.dryRun }
  }
  log.info(`Generating ${plan.length} document(s), ${options.concurrency} at a time: ${plan.map((p) => p.prompt.out).join(', ')}`)

  const run = new GenerationRun(options, plan)
  try {
    const results = await runDag(
      plan.map((doc) => ({ id: doc.stage.name, after: doc.after, run: () => run.document(doc) })),
      options.concurrency
    )
    const documents = plan.map((d) => results.get(d.stage.name)!)
    if (options.dryRun) return { documents, changedFiles: [], dryRun: true }
    await run.finish()
    return { documents, changedFiles: await run.transaction.changedPaths(), dryRun: false }
  } catch (error) {
    await run.transaction.rollback()
    throw error
  }
}


/** State shared by the documents of one run. */
class GenerationRun {
  readonly transaction: FileTransaction
  private readonly git: Git
  private readonly files: PipelineFiles
  /** output → its text before and after this run, for the diffs of downstream prompts */
  private readonly rewritten = new Map<string, { before: string; after: string }>()
  /** stages this run rewrites (or, in a dry run, would rewrite) */
  private readonly rewrites = new Set<string>()
  private renderer?: Promise<Renderer>
  private shortHead?: Promise<string>

  constructor(
    private readonly options: GenerateOptions,
    plan: PlannedDocument[]
  ) {
    this.transaction = new FileTransaction(options.root)
    this.git = new Git(options.root)
    this.files = new PipelineFiles(options.root, options.report.pipeline, plan)
  }

  async document(doc: PlannedDocument): Promise<DocumentResult> {
    const { log } = this.options
    const started = Date.now()
    const output = doc.prompt.out
    const packedDoc = await packDocument(this.git, doc, {
      overrides: this.overridesFor(doc),
      force: this.options.force,
      log,
      baselineRev: this.options.baselineRev
    })
    const { baseline, packed } = packedDoc
    let { directive, line } = packedDoc
    const rewrittenUpstream = doc.after.filter((u) => this.rewrites.has(u))
    if (this.options.dryRun && directive === 'MAINTAIN' && rewrittenUpstream.length > 0) {
      // A dry run writes nothing, so a downstream document cannot see its upstream's new text yet.
      directive = 'UPDATE'
      line = `UPDATE (after ${rewrittenUpstream.join(', ')} ${rewrittenUpstream.length > 1 ? 'are' : 'is'} regenerated; the diff exists only then)`
    }
    if (directive !== 'MAINTAIN') this.rewrites.add(doc.stage.name)
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
      ms: 0,
      cached: false,
      rendered: false,
      baseline: baseline.rev ? baseline.rev.slice(0, 12) : 'none'
    }
    log.info(`${output}: ${line}; packed prompt ${packed.length} characters`)
    if (this.options.dryRun) return { ...base, ms: Date.now() - started }
    if (directive !== 'MAINTAIN') {
      const rendered = await this.render(doc, packed)
      const header = formatHeader({ model: doc.modelName, sig, rev: await this.head(), date: (this.options.now ?? (() => new Date()))() })
      const before = await readFile(join(this.options.root, output), 'utf8').catch(() => '')
      const after = composeDocument(header, rendered.text)
      await this.transaction.write(output, after)
      this.rewritten.set(output, { before, after })
      Object.assign(base, {
        inputTokens: rendered.inputTokens,
        outputTokens: rendered.outputTokens,
        cached: rendered.cached,
        rendered: true
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

  private overridesFor(doc: PlannedDocument): Map<string, { before: string; after: string }> {
    const overrides = new Map<string, { before: string; after: string }>()
    for (const dep of doc.prompt.deps) {
      const change = this.rewritten.get(dep)
      if (change) overrides.set(dep, change)
    }
    return overrides
  }

  private async render(
    doc: PlannedDocument,
    packed: string
  ): Promise<{ text: string; inputTokens: number; outputTokens: number; cached: boolean }> {
    const { cache, timeoutMs } = this.options
    const request: RenderRequest = {
      prompt: packed,
      modelId: doc.modelId,
      maxTokens: doc.maxTokens,
      temperature: doc.prompt.temperature,
      timeoutMs,
      label: doc.prompt.out
    }
    const key = sha256Hex(JSON.stringify([request.modelId, request.maxTokens, request.temperature ?? null, packed]))
    const hit = await cache?.get(key)
    if (hit !== undefined) {
      this.options.log.info(`${doc.prompt.out}: render cache hit, no model call`)
      return { text: hit, inputTokens: 0, outputTokens: 0, cached: true }
    }
    this.renderer ??= this.options.renderer()
    const result = await (await this.renderer).render(request)
    await cache?.put(key, result.text)
    return { ...result, cached: false }
  }

  private head(): Promise<string> {
    this.shortHead ??= this.git
      .tryExec(['rev-parse', '--short', 'HEAD'])
      .then((r) => (r.code === 0 ? r.stdout.trim() : 'workspace'))
    return this.shortHead
  }
}

