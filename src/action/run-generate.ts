// The generate step: the validation report → core generate → outputs and summary.
import * as core from '@actions/core'
import { generate, type GenerateResult } from '../core/generate/generate.js'
import { BedrockRenderer, checkCredentials } from '../core/render/bedrock.js'
import type { ValidationReport } from '../core/validate/validate.js'
import { generateTable } from './markdown.js'
import type { GenerateInputs } from './inputs.js'
import { actionsRenderCache } from './render-cache.js'
import { actionLog, writeSummary } from './report.js'

/** `generated_files`: every output rewritten by the run's rounds (a rebase may add one). */
export function setGeneratedFiles(results: GenerateResult[]): void {
  const rendered = results.flatMap((r) => r.documents.filter((d) => d.rendered).map((d) => d.output))
  core.setOutput('generated_files', JSON.stringify([...new Set(rendered)]))
}

/**
 * One generate round. `round` > 1 is a regeneration after the branch moved:
 * its summary section says so (GitHub shows sections one after another, so
 * two identical headings would read as a duplicate).
 */
export async function runGenerate(inputs: GenerateInputs, report: ValidationReport, baselineRev?: string, round = 1): Promise<GenerateResult> {
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
    const value = process.env[name]
    if (value) core.setSecret(value)
  }
  const result = await core.group('Generating documents', () =>
    generate({
      root: inputs.root,
      report,
      force: inputs.force,
      defaultModel: inputs.model,
      maxTokens: inputs.maxTokens,
      concurrency: inputs.concurrency,
      timeoutMs: inputs.timeoutMinutes * 60_000,
      dryRun: inputs.dryRun,
      renderer: async () => {
        await checkCredentials(inputs.awsRegion)
        return new BedrockRenderer({ region: inputs.awsRegion, log: actionLog })
      },
      cache: inputs.cache && !inputs.dryRun ? actionsRenderCache() : undefined,
      log: actionLog,
      baselineRev
    })
  )
  setGeneratedFiles([result])
  await writeSummary(
    `### ${result.dryRun ? '🧪 Graft generate (dry run: no model call, nothing written)' : round > 1 ? `📝 Graft generate, round ${round}: documents the new commits on the branch made stale` : '📝 Graft generate'}\n\n` +
      generateTable(result.documents, result.dryRun)
  )
  return result
}
