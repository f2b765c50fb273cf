// `graft-action generate` and `graft-action pack`: the generate core in a terminal.
import { resolve } from 'node:path'
import { GraftError } from '../core/errors.js'
import { generate, type GenerateResult } from '../core/generate/generate.js'
import { BedrockRenderer, checkCredentials } from '../core/render/bedrock.js'
import { resolveModelSetting } from '../core/graft/models.js'
import { parseHandEditPolicy } from '../core/validate/hand-edits.js'
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_DOWNSTREAM,
  DEFAULT_HAND_EDITS,
  DEFAULT_MAX_TOKENS,
  DEFAULT_MODEL,
  DEFAULT_TIMEOUT_MINUTES,
  DEFAULT_UPDATE_STYLE
} from '../core/defaults.js'
import { DEFAULT_BUDGET } from '../core/generate/budget.js'
import { RunSpend, type SpendTotals } from '../core/generate/spend.js'
import { CHARS_PER_TOKEN } from '../core/render/token-estimate.js'
import { parseUpdateStyle } from '../core/pack/update-style.js'
import { describeDisproportion, describeLineChange } from '../core/generate/line-changes.js'
import { shadowedProfileNote } from '../core/render/credentials.js'
import { PRICES_AS_OF, formatUsd, parseModelPrices } from '../core/render/prices.js'
import { resolveRegion } from '../core/render/region.js'
import { parseDownstream, parseEngineChoice, parsePositiveInt, parseUsd } from '../core/settings.js'
import { leftStale } from '../core/generate/left-stale.js'
import { environmentSecrets } from '../core/pack/secrets.js'
import { validate, type ValidationReport } from '../core/validate/validate.js'
import { UsageError, asUsage, parseCommandLine } from './args.js'
import { dvcOnPath } from './dvc-locator.js'
import { parseTargetList } from '../core/pipeline/targets.js'
import { printLeftStale, terminalLog } from './terminal-log.js'
import { COMMON_ROWS, helpPage } from './help.js'
import { escapeLog } from '../core/log.js'

export const generateHelp = (): string =>
  helpPage({
    usage: 'graft-action generate [options] [targets...]',
    about:
      'Regenerates the stale documents (or the targets) through Claude on AWS Bedrock,\n' +
      'in dependency order, and updates dvc.yaml and dvc.lock. All or nothing.\n' +
      "Credentials come from the AWS SDK's default chain (environment, profile, SSO).",
    sections: [
      {
        heading: 'Options',
        rows: [
          ['--dry-run', 'show each directive and packed-prompt size; call no model, write nothing'],
          ['--force', 'regenerate the targets even when up to date'],
          [
            '--downstream <include|report>',
            'with targets: also regenerate what reads them (include, the default),\nor only the targets, naming what is left stale (report)'
          ],
          ['--model <name>', `model for prompts that name none (default ${DEFAULT_MODEL})`],
          [
            '--region <region>',
            "Bedrock region (default AWS_REGION, AWS_DEFAULT_REGION, the AWS profile's\nregion in ~/.aws/config, us-east-1)"
          ],
          ['--max-tokens <n>', `output limit for prompts without max_tokens (default ${DEFAULT_MAX_TOKENS})`],
          [
            '--concurrency <n>',
            `renders at once (default ${DEFAULT_CONCURRENCY}); fewer for a while when Bedrock throttles`
          ],
          ['--fixed-concurrency', 'keep --concurrency renders in flight even when Bedrock throttles'],
          [
            '--max-documents <n>',
            `refuse, before any model call, a run rendering more (default ${DEFAULT_BUDGET.maxDocuments})`
          ],
          [
            '--max-input-tokens <n>',
            `refuse, before any model call, a run estimated above this (default ${DEFAULT_BUDGET.maxInputTokens})`
          ],
          [
            '--max-output-tokens <n>',
            `stop and fail (writing nothing) once the model wrote more (default ${DEFAULT_BUDGET.maxOutputTokens})`
          ],
          [
            '--max-cost-usd <dollars>',
            'refuse, before any model call, a run that may cost more (each reply at its\nmax_tokens), and stop and fail (writing nothing) once it did (default: no limit)'
          ],
          [
            '--model-prices <json|yaml>',
            `prices per million tokens for models the price table lacks, or negotiated ones:\n{"<alias or model id>": {"input": 3, "output": 15}} (list prices as of ${PRICES_AS_OF})`
          ],
          ['--timeout-minutes <n>', `per document (default ${DEFAULT_TIMEOUT_MINUTES})`],
          ['--engine <auto|native|dvc>', 'staleness engine (default auto)'],
          [
            '--hand-edits <keep|regenerate|fail>',
            'a generated document edited by hand: accept the edit into dvc.lock,\nrewrite it from the edit (REFRESH), or fail (default keep)'
          ],
          [
            '--update-style <edits|rewrite>',
            `UPDATE, REFINE and REFRESH: ask for edits to the previous draft, rewriting\nthe whole document only when they do not apply (edits), or ask for the\nwhole document (rewrite) (default ${DEFAULT_UPDATE_STYLE})`
          ],
          ...COMMON_ROWS
        ]
      }
    ]
  })

export const packHelp = (): string =>
  helpPage({
    usage: 'graft-action pack [options] <target>',
    about:
      'Prints the packed prompt generate would send for one document (an output path\n' +
      'or a stage name), after a line naming its directive: the run is planned as\n' +
      'generate plans it, so a document whose upstreams are regenerated first gets the\n' +
      'directive generate gives it. Calls no model, writes nothing.',
    sections: [
      {
        heading: 'Options',
        rows: [
          [
            '--update-style <edits|rewrite>',
            `the request as generate makes it: UPDATE, REFINE and REFRESH ask for edits\nto the previous draft (edits), or for the whole document (rewrite)\n(default ${DEFAULT_UPDATE_STYLE})`
          ],
          ...COMMON_ROWS
        ]
      }
    ]
  })

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  return raw === undefined ? fallback : asUsage(() => parsePositiveInt(raw, `--${name}`, fallback))
}

type GenerateOptions = {
  'dry-run': boolean
  force: boolean
  downstream: string
  model: string
  region?: string
  'max-tokens'?: string
  concurrency?: string
  'fixed-concurrency': boolean
  'max-documents'?: string
  'max-input-tokens'?: string
  'max-output-tokens'?: string
  'max-cost-usd'?: string
  'model-prices'?: string
  'timeout-minutes'?: string
  engine: string
  'hand-edits': string
  'update-style': string
  cwd: string
  help: boolean
}

export async function generateCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine<GenerateOptions>('generate', argv, {
    'dry-run': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    downstream: { type: 'string', default: DEFAULT_DOWNSTREAM },
    model: { type: 'string', default: DEFAULT_MODEL },
    region: { type: 'string' },
    'max-tokens': { type: 'string' },
    concurrency: { type: 'string' },
    'fixed-concurrency': { type: 'boolean', default: false },
    'max-documents': { type: 'string' },
    'max-input-tokens': { type: 'string' },
    'max-output-tokens': { type: 'string' },
    'max-cost-usd': { type: 'string' },
    'model-prices': { type: 'string' },
    'timeout-minutes': { type: 'string' },
    engine: { type: 'string', default: 'auto' },
    'hand-edits': { type: 'string', default: DEFAULT_HAND_EDITS },
    'update-style': { type: 'string', default: DEFAULT_UPDATE_STYLE },
    cwd: { type: 'string', short: 'C', default: '.' }
  })
  if (values.help) {
    process.stdout.write(generateHelp())
    return 0
  }
  // Every option is checked before any work: a typo costs no validation and no model call.
  const engine = asUsage(() => parseEngineChoice(values.engine, '--engine'))
  const downstream = asUsage(() => parseDownstream(values.downstream, '--downstream'))
  asUsage(() => resolveModelSetting(values.model, '--model'))
  const handEdits = asUsage(() => parseHandEditPolicy(values['hand-edits'], '--hand-edits'))
  const updateStyle = asUsage(() => parseUpdateStyle(values['update-style'], '--update-style'))
  const maxTokens = positiveInt('max-tokens', values['max-tokens'], DEFAULT_MAX_TOKENS)
  const concurrency = positiveInt('concurrency', values.concurrency, DEFAULT_CONCURRENCY)
  const timeoutMs = positiveInt('timeout-minutes', values['timeout-minutes'], DEFAULT_TIMEOUT_MINUTES) * 60_000
  const budget = {
    maxDocuments: positiveInt('max-documents', values['max-documents'], DEFAULT_BUDGET.maxDocuments),
    maxInputTokens: positiveInt('max-input-tokens', values['max-input-tokens'], DEFAULT_BUDGET.maxInputTokens),
    maxOutputTokens: positiveInt('max-output-tokens', values['max-output-tokens'], DEFAULT_BUDGET.maxOutputTokens),
    maxCostUsd: asUsage(() => parseUsd(values['max-cost-usd'] ?? '', '--max-cost-usd'))
  }
  const prices = asUsage(() => parseModelPrices(values['model-prices'] ?? '', '--model-prices'))
  const root = resolve(values.cwd)
  const log = terminalLog(false)
  // --region wins; else as the SDK finds it: the environment, then the AWS profile's own region
  const { region, from } = await resolveRegion(values.region, '--region')
  // Advice for whoever reads it: a workflow's author when run inside GitHub Actions, else the person at the terminal.
  const audience = process.env.GITHUB_ACTIONS === 'true' ? 'actions' : 'terminal'
  const report = await validate({
    root,
    engine,
    targets: positionals.flatMap((p) => parseTargetList(p)),
    downstream,
    handEdits,
    log,
    dvc: dvcOnPath
  })
  const controller = new AbortController()
  const onSignal = (signal: NodeJS.Signals): void => {
    log.warn(`${signal} received: stopping and putting back every file written`)
    controller.abort(new Error(signal))
  }
  process.on('SIGTERM', onSignal)
  process.on('SIGINT', onSignal)
  const spend = new RunSpend(prices)
  const result = await generate({
    spend,
    signal: controller.signal,
    root,
    report,
    secrets: environmentSecrets(process.env),
    force: values.force,
    defaultModel: values.model,
    maxTokens,
    concurrency,
    budget,
    timeoutMs,
    dryRun: values['dry-run'],
    handEdits,
    updateStyle,
    prices,
    renderer: async () => {
      await checkCredentials(region, audience)
      log.info(`Bedrock region: ${region} (from ${from})`)
      const shadowed = shadowedProfileNote()
      if (shadowed) log.info(shadowed)
      return new BedrockRenderer({ region, log, audience, concurrency, fixedConcurrency: values['fixed-concurrency'] })
    },
    log
  })
    .catch((error: unknown) => {
      // the run failed, but what its calls cost is billed all the same
      if (spend.totals().calls > 0) process.stderr.write(`Spent before the run stopped: ${spendLine(spend.totals())}\n`)
      throw error
    })
    .finally(() => {
      process.off('SIGTERM', onSignal)
      process.off('SIGINT', onSignal)
    })
  if (result.dryRun) {
    // Each document's directive and style are already in the log above: once is enough.
    const counts = new Map<string, number>()
    for (const d of result.documents) counts.set(d.directive, (counts.get(d.directive) ?? 0) + 1)
    const tally = [...counts].map(([directive, n]) => `${n} ${directive}`).join(', ')
    process.stdout.write(
      `Dry run: ${result.documents.length} document(s) planned${tally ? ` (${tally})` : ''}; no model was called and nothing was written.\n`
    )
    const e = result.estimate
    if (e)
      process.stdout.write(
        e.costUsd === undefined
          ? `Expected cost: unknown (no price for ${[...new Set(e.documents.filter((d) => d.costUsd === undefined).map((d) => d.modelId))].join(', ')}; give it with --model-prices)\n`
          : `Expected cost: up to ~${formatUsd(e.costUsd)} (each reply at its max_tokens, the input as estimated; an estimate, not a cap: --max-cost-usd sets one)\n`
      )
  } else {
    for (const d of result.documents) {
      const about = d.usageEstimated ? '~' : ''
      const cost = d.costUsd === undefined ? 'no price' : `${about}${formatUsd(d.costUsd)}`
      const tokens = d.rendered ? `, ${about}${d.inputTokens} in / ${about}${d.outputTokens} out tokens, ${cost}` : ''
      const change = d.lines ? `; ${describeLineChange(d.lines)}, ${d.style}` : ''
      process.stdout.write(
        `${escapeLog(`${d.output}: ${d.directiveLine}`)} — packed prompt ${d.promptChars} chars${tokens}${change}\n`
      )
      if (d.editsFailed)
        process.stdout.write(`  ${escapeLog(`edits did not apply: ${d.editsFailed}; rewrote the whole document`)}\n`)
      if (d.disproportionate && d.lines)
        process.stdout.write(`  ${escapeLog(`warning: ${describeDisproportion(d.disproportionate, d.lines)}`)}\n`)
    }
  }
  if (!result.dryRun) {
    const spent = spend.totals()
    process.stdout.write(`Tokens: ${spent.inputTokens} input, ${spent.outputTokens} output\n`)
    process.stdout.write(`Cost: ${costText(spent)}\n`)
  }
  if (!result.dryRun && result.changedFiles.length > 0)
    process.stdout.write(`Changed: ${escapeLog(result.changedFiles.join(', '))}\n`)
  printLeftStale(
    leftStale(report, result.dryRun ? [] : result.changedFiles),
    result.dryRun ? 'are stale' : 'are stale after this run'
  )
  return 0
}

/** A run's calls in one line: how many, their tokens, and what they cost. */
function spendLine(spent: SpendTotals): string {
  return `${spent.calls} model call(s), ${spent.inputTokens} input and ${spent.outputTokens} output tokens; cost ${costText(spent)}`
}

function costText(spent: SpendTotals): string {
  if (spent.usd === undefined) return `unknown (no price for ${spent.unpriced.join(', ')}; give it with --model-prices)`
  const counted =
    spent.estimatedCalls > 0
      ? `, and for ${spent.estimatedCalls} call(s) whose usage Bedrock did not report, from their characters (${CHARS_PER_TOKEN} per token)`
      : ''
  return `${formatUsd(spent.usd)} (estimated from the tokens Bedrock reported${counted}; list prices as of ${PRICES_AS_OF})`
}

export async function packCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine<{ cwd: string; help: boolean; 'update-style': string }>(
    'pack',
    argv,
    {
      'update-style': { type: 'string', default: DEFAULT_UPDATE_STYLE },
      cwd: { type: 'string', short: 'C', default: '.' }
    }
  )
  if (values.help) {
    process.stdout.write(packHelp())
    return 0
  }
  if (positionals.length !== 1)
    throw new UsageError({ message: 'pack takes exactly one target', hint: 'e.g. graft-action pack docs/overview.md' })
  const updateStyle = asUsage(() => parseUpdateStyle(values['update-style'], '--update-style'))
  const root = resolve(values.cwd)
  const log = terminalLog(true)
  const dryRun = (report: ValidationReport, force: boolean): Promise<GenerateResult> =>
    generate({
      root,
      report,
      force,
      defaultModel: DEFAULT_MODEL,
      maxTokens: DEFAULT_MAX_TOKENS,
      concurrency: 1,
      timeoutMs: DEFAULT_TIMEOUT_MINUTES * 60_000,
      budget: DEFAULT_BUDGET,
      dryRun: true,
      updateStyle,
      upTo: stage,
      // No credentials, no token counting: the estimate falls back to characters.
      renderer: async () => ({
        render: async () => {
          throw new Error('pack calls no model')
        }
      }),
      log
    })
  // The target's stage: validating it alone also checks that it names a document.
  const targeted = await validate({
    root,
    engine: 'native',
    targets: positionals,
    downstream: 'report',
    log,
    dvc: dvcOnPath
  })
  const stage = [...targeted.targets][0]
  if (!targeted.pipeline.prompts.some((p) => p.stageName === stage))
    throw new GraftError({ message: `${positionals[0]} has no prompt to pack` })
  // The whole run, as generate plans it, up to the target: upstreams it regenerates first shape what the target is sent.
  let note = ''
  let doc = (await dryRun(await validate({ root, engine: 'native', log, dvc: dvcOnPath }), false)).documents.find(
    (d) => d.stage === stage
  )
  if (!doc) {
    note = ' — up to date: generate sends this only with --force'
    doc = (await dryRun(targeted, true)).documents.find((d) => d.stage === stage)
  }
  if (!doc) {
    // left out even when forced: it waits for a `dvc repro` of a stage that is not a prompt
    const why = targeted.stale.find((d) => d.stage === stage)?.reasons.map((r) => r.text) ?? []
    throw new GraftError({
      message: `generate would not render ${positionals[0]} now${why.length > 0 ? `: ${why.join('; ')}` : ''}`,
      hint: 'do what the reasons say first, then pack it again'
    })
  }
  // the header line is ours (names escaped); the packed prompt after it is what the model reads, as it is
  process.stdout.write(`# ${escapeLog(`${doc.output}: ${doc.directiveLine}`)}${note}\n${doc.packed ?? ''}`)
  return 0
}
