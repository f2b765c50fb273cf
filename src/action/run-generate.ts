// The generate step: the validation report → core generate → outputs and summary.
import * as core from '@actions/core'
import { generate, type GenerateResult } from '../core/generate/generate.js'
import { RunSpend } from '../core/generate/spend.js'
import { BedrockRenderer, checkCredentials } from '../core/render/bedrock.js'
import type { ValidationReport } from '../core/validate/validate.js'
import { costMarkdown, generateBlocks, spentMarkdown } from './markdown.js'
import { EMPTY, join, own, text, type Markdown } from './gfm.js'
import { shadowedProfileNote } from '../core/render/credentials.js'
import { usdOutput } from '../core/render/prices.js'
import { describeSyncChange } from '../core/pipeline/sync.js'
import type { GenerateInputs } from './inputs.js'
import { actionsRenderCache } from './render-cache.js'
import { actionLog, writeSummary } from './report.js'
import { knownSecrets } from './secrets.js'

/** `generated_files`: every output rewritten by the run's rounds (a rebase may add one). */
export function setGeneratedFiles(results: GenerateResult[]): void {
  const rendered = results.flatMap((r) => r.documents.filter((d) => d.rendered).map((d) => d.output))
  core.setOutput('generated_files', JSON.stringify([...new Set(rendered)]))
}

/**
 * SIGTERM and SIGINT (a cancelled workflow run: the runner sends SIGINT, then
 * SIGTERM) abort generate, which rolls back every file it wrote before the
 * step fails. Handlers are removed once generate settles.
 */
export function onCancel(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController()
  const handler = (signal: NodeJS.Signals): void => {
    core.warning(`${signal} received: stopping generate and putting back every file it wrote`)
    controller.abort(new Error(signal))
  }
  process.on('SIGTERM', handler)
  process.on('SIGINT', handler)
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGTERM', handler)
      process.off('SIGINT', handler)
    }
  }
}

/**
 * `input_tokens`, `output_tokens` and `cost_usd`: every model call of the run's
 * rounds so far (cache hits cost none; a call whose reply was refused counts),
 * also when the run fails; `cost_usd` at the price table's (or `model-prices`')
 * prices, empty when a model the run called has no price (the summary names it).
 */
export function setSpendOutputs(spend: RunSpend): void {
  const totals = spend.totals()
  core.setOutput('input_tokens', String(totals.inputTokens))
  core.setOutput('output_tokens', String(totals.outputTokens))
  core.setOutput('cost_usd', totals.usd === undefined ? '' : usdOutput(totals.usd))
}

/**
 * One generate round. `round` > 1 is a regeneration after the branch moved
 * (diffed against `baselineRev`): its summary section says so (GitHub shows
 * sections one after another, so two identical headings would read as a
 * duplicate). `token` (the `token` input) fetches more history of a shallow
 * clone, as every other fetch of the action does.
 */
export async function runGenerate(
  inputs: GenerateInputs,
  report: ValidationReport,
  {
    baselineRev,
    round = 1,
    token,
    server,
    spend
  }: { baselineRev?: string; round?: number; token?: string; server?: string; spend?: RunSpend } = {}
): Promise<GenerateResult> {
  const secrets = knownSecrets()
  const cancel = onCancel()
  const ledger = spend ?? new RunSpend(inputs.prices)
  const result = await core
    .group('Generating documents', () =>
      generate({
        spend: ledger,
        signal: cancel.signal,
        root: inputs.root,
        report,
        force: inputs.force,
        defaultModel: inputs.model,
        maxTokens: inputs.maxTokens,
        concurrency: inputs.concurrency,
        budget: inputs.budget,
        prices: inputs.prices,
        timeoutMs: inputs.timeoutMinutes * 60_000,
        dryRun: inputs.dryRun,
        renderer: async () => {
          await checkCredentials(inputs.awsRegion)
          const shadowed = shadowedProfileNote()
          if (shadowed) actionLog.info(shadowed)
          return new BedrockRenderer({ region: inputs.awsRegion, log: actionLog, concurrency: inputs.concurrency })
        },
        cache: inputs.cache && !inputs.dryRun ? actionsRenderCache() : undefined,
        log: actionLog,
        secrets,
        baselineRev,
        gitToken: token || undefined,
        gitServer: server,
        handEdits: inputs.handEdits,
        updateStyle: inputs.updateStyle
      })
    )
    .catch(async (error: unknown) => {
      // the run failed: what its calls cost is still true, and the user pays it
      setSpendOutputs(ledger)
      await writeSummary([own`### 📝 Graft generate: failed\n`, spentMarkdown(ledger.totals())]).catch(() => undefined)
      throw error
    })
    .finally(cancel.dispose)
  setGeneratedFiles([result])
  setSpendOutputs(ledger)
  const title = result.dryRun
    ? own`🧪 Graft generate (dry run: no model call, nothing written)`
    : round > 1
      ? own`📝 Graft generate, round ${round}: documents the new commits on the branch made stale`
      : own`📝 Graft generate`
  await writeSummary([
    own`### ${title}\n`,
    ...generateBlocks(result.documents, result.dryRun),
    pipelineChangesMarkdown(result),
    costMarkdown(result)
  ])
  return result
}

/** What the run changed in dvc.yaml (and dvc.lock) to bring it in line with the prompts; empty when nothing. */
function pipelineChangesMarkdown(result: GenerateResult): Markdown {
  const changes = result.pipelineChanges ?? []
  if (changes.length === 0) return EMPTY
  const mood = result.dryRun ? 'would' : 'did'
  const lines = changes.map((c) => own`- ${text(describeSyncChange(c, mood))}\n`)
  return own`\n**dvc.yaml ${result.dryRun ? own`would be` : own`is`} brought in line with the prompts** (as Graft's own repro does):\n\n${join(lines)}`
}
