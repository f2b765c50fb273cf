// What a model call costs, in dollars: AWS's published on-demand prices per
// model, which a run may override (`model-prices`) for negotiated prices or
// models this table lacks. Costs are estimates from the tokens Bedrock reports;
// the bill is AWS's.
import { isMap, isScalar, type Node } from 'yaml'
import { GraftError, type Problem } from '../errors.js'
import { parseYamlSource } from '../yaml/source.js'
import { modelIdFor } from '../graft/models.js'
import { setting } from '../phrasing.js'

/** When the table's prices were read from AWS's Bedrock pricing page. */
export const PRICES_AS_OF = 'December 2026'

/** Dollars per million tokens. */
export interface ModelPrice {
  input: number
  output: number
  /** reading the prompt cache; input's price when absent */
  cacheRead?: number
  /** writing the prompt cache; input's price when absent */
  cacheWrite?: number
}

interface ListPrice extends ModelPrice {
  /** priced about 10% higher through in-region ids and geographic profiles (us., eu., …) than through global. */
  regionalPremium?: boolean
}

/**
 * On-demand list prices by model family (the Bedrock id without its profile
 * prefix, date and version), dollars per million tokens, as of
 * {@link PRICES_AS_OF}. Prompt-cache writes cost 1.25× the input price, reads
 * 0.1×, where Bedrock offers caching for the model. For the 4.5 generation and
 * later, `global.` profiles are the base price and every other way to call the
 * model costs {@link REGIONAL_PREMIUM}× that.
 */
const LIST_PRICES: ReadonlyMap<string, ListPrice> = new Map<string, ListPrice>([
  ['claude-3-haiku', { input: 0.25, output: 1.25 }],
  ['claude-3-5-haiku', { input: 0.8, output: 4, cacheWrite: 1, cacheRead: 0.08 }],
  ['claude-3-5-sonnet', { input: 3, output: 15 }],
  ['claude-3-7-sonnet', { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 }],
  ['claude-sonnet-4', { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 }],
  ['claude-sonnet-4-5', { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3, regionalPremium: true }],
  ['claude-sonnet-4-6', { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3, regionalPremium: true }],
  ['claude-haiku-4-5', { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1, regionalPremium: true }],
  ['claude-opus-4', { input: 15, output: 75, cacheWrite: 18.75, cacheRead: 1.5 }],
  ['claude-opus-4-1', { input: 15, output: 75, cacheWrite: 18.75, cacheRead: 1.5 }],
  ['claude-opus-4-5', { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5, regionalPremium: true }]
])

export const REGIONAL_PREMIUM = 1.1

/** Prices a run gives for its models (`model-prices`), by Bedrock model id. */
export type PriceOverrides = ReadonlyMap<string, ModelPrice>

const ARN =
  /^arn:aws[a-z-]*:bedrock:[^:]*:[^:]*:(?:foundation-model|inference-profile|system-defined-inference-profile)\/(.+)$/
const PROFILE = /^(us|eu|apac|global|us-gov|jp|au|ca)\./
const FAMILY = /^anthropic\.(claude-[a-z0-9-]+?)(?:-\d{8})?(?:-v\d+(?::\d+)?)?$/

/**
 * The list-price family of a Bedrock model id, inference-profile id or ARN
 * (`us.anthropic.claude-sonnet-4-5-20250929-v1:0` → claude-sonnet-4-5, not
 * global), or undefined for what it cannot read (an application inference
 * profile's ARN names no model).
 */
export function modelFamily(modelId: string): { family: string; global: boolean } | undefined {
  let id = modelId.trim()
  if (id.startsWith('arn:')) {
    const arn = ARN.exec(id)
    if (!arn) return undefined
    id = arn[1]
  }
  const profile = PROFILE.exec(id)
  const family = FAMILY.exec(profile ? id.slice(profile[0].length) : id)
  return family ? { family: family[1], global: profile?.[1] === 'global' } : undefined
}

/**
 * The price of one call to `modelId`: the run's own (`overrides`, by model id)
 * first, else the list price of its family; undefined when neither knows it.
 */
export function priceOf(modelId: string, overrides?: PriceOverrides): ModelPrice | undefined {
  const own = overrides?.get(modelId.trim())
  if (own) return own
  const found = modelFamily(modelId)
  const list = found && LIST_PRICES.get(found.family)
  if (!list) return undefined
  const factor = list.regionalPremium && !found.global ? REGIONAL_PREMIUM : 1
  const scaled = (n: number | undefined): number | undefined => (n === undefined ? undefined : round(n * factor))
  return {
    input: scaled(list.input)!,
    output: scaled(list.output)!,
    ...(list.cacheRead === undefined ? {} : { cacheRead: scaled(list.cacheRead) }),
    ...(list.cacheWrite === undefined ? {} : { cacheWrite: scaled(list.cacheWrite) })
  }
}

/** Dollars per million tokens to 6 decimals: 3 × 1.1 is 3.3, not 3.3000000000000003. */
function round(n: number): number {
  return Math.round(n * 1e6) / 1e6
}

export interface TokenUsage {
  inputTokens: number
  outputTokens: number
  cacheReadTokens?: number
  cacheWriteTokens?: number
}

/** The dollars `usage` costs at `price`. */
export function costUsd(usage: TokenUsage, price: ModelPrice): number {
  return (
    (usage.inputTokens * price.input +
      usage.outputTokens * price.output +
      (usage.cacheReadTokens ?? 0) * (price.cacheRead ?? price.input) +
      (usage.cacheWriteTokens ?? 0) * (price.cacheWrite ?? price.input)) /
    1_000_000
  )
}

/**
 * Whether `usd` is over `limit`, to the micro-dollar: sums of float prices
 * (0.1 + 0.2) must not put a run exactly at its limit over it.
 */
export function overLimit(usd: number, limit: number): boolean {
  return Math.round(usd * 1e6) > Math.round(limit * 1e6)
}

/** Dollars for people: cents from a cent up, four decimals below, "< $0.0001" for a trace. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0.00'
  if (usd < 0.0001) return '< $0.0001'
  return usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`
}

/** Dollars for machines (the `cost_usd` output): six decimals at most, no exponent. */
export function usdOutput(usd: number): string {
  return String(Number(usd.toFixed(6)))
}

const FIELDS: Readonly<Record<string, keyof ModelPrice>> = {
  input: 'input',
  output: 'output',
  cache_read: 'cacheRead',
  cache_write: 'cacheWrite'
}
/** No model costs more per million tokens; a larger figure is a slip (a price per token, or per thousand, is far smaller). */
const MOST_PER_MILLION = 1000
const LONGEST = 100_000

const EXAMPLE =
  'e.g. `{"bedrock-claude-v4.5-sonnet-us": {"input": 3, "output": 15}}`, or the same in YAML; ' +
  'prices in dollars per million tokens, with optional cache_read and cache_write'

/**
 * The `model-prices` setting: a JSON or YAML mapping from a model (an alias or a
 * Bedrock model id, inference profile or ARN, as prompts name it) to
 * `{input, output, cache_read?, cache_write?}` in dollars per million tokens.
 * `label` names the setting in errors ("input model-prices", "--model-prices").
 * Empty text is no overrides.
 * @throws GraftError naming the setting, the model and the field, with what to write.
 */
export function parseModelPrices(text: string, label: string): PriceOverrides {
  if (text.trim() === '') return new Map()
  if (text.length > LONGEST)
    throw new GraftError({
      message: `${label} is ${text.length} characters long`,
      hint: `list only the models you use; ${EXAMPLE}`
    })
  const src = parseYamlSource(text, '', EXAMPLE, { subject: label })
  const root = src.doc.contents
  if (!isMap(root)) throw new GraftError({ message: `${label} must be a mapping from model to prices`, hint: EXAMPLE })
  const problems: Problem[] = []
  const prices = new Map<string, ModelPrice>()
  const named = new Map<string, string>()
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined
    if (typeof key !== 'string' || key.trim() === '') {
      problems.push({
        message: `${label}: a key is not a model name (line ${src.lineOf(pair.key as Node)})`,
        hint: EXAMPLE
      })
      continue
    }
    const name = JSON.stringify(key)
    const modelId = modelIdFor(key)
    if (!modelId) {
      problems.push({
        message: `${label}: ${name} is neither a model alias nor a Bedrock model id`,
        hint: `key each price by the model as your prompts (or ${setting('model')}) name it: an alias such as bedrock-claude-v4.5-sonnet-us, or a model id, inference profile or ARN (anthropic.…, us.…, global.…, arn:aws:bedrock:…)`
      })
      continue
    }
    const earlier = named.get(modelId)
    if (earlier !== undefined) {
      problems.push({
        message: `${label}: ${name} and ${JSON.stringify(earlier)} both price ${modelId}`,
        hint: 'give each model one price'
      })
      continue
    }
    named.set(modelId, key)
    const price = readPrice(pair.value as Node | null, `${label}: ${name}`, problems)
    if (price) prices.set(modelId, price)
  }
  if (problems.length > 0) throw new GraftError(problems)
  return prices
}

function readPrice(node: Node | null, where: string, problems: Problem[]): ModelPrice | undefined {
  if (!isMap(node)) {
    problems.push({ message: `${where} must be a mapping of prices`, hint: EXAMPLE })
    return undefined
  }
  const price: Partial<ModelPrice> = {}
  let ok = true
  for (const pair of node.items) {
    const field = isScalar(pair.key) ? String(pair.key.value) : ''
    const name = Object.hasOwn(FIELDS, field) ? FIELDS[field] : undefined
    if (!name) {
      problems.push({
        message: `${where}: unknown field ${JSON.stringify(field)}`,
        hint: `the fields are ${Object.keys(FIELDS).join(', ')} (dollars per million tokens)`
      })
      ok = false
      continue
    }
    const value = isScalar(pair.value) ? pair.value.value : undefined
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MOST_PER_MILLION) {
      const shown = isScalar(pair.value) ? JSON.stringify(String(pair.value.value)) : 'not a number'
      problems.push({
        message: `${where}: ${field} is ${shown}, not a price`,
        hint: `write dollars per million tokens as a number from 0 to ${MOST_PER_MILLION}, e.g. ${field}: 3`
      })
      ok = false
      continue
    }
    price[name] = value
  }
  for (const required of ['input', 'output'] as const) {
    if (ok && price[required] === undefined) {
      problems.push({ message: `${where} has no ${required} price`, hint: EXAMPLE })
      ok = false
    }
  }
  return ok ? (price as ModelPrice) : undefined
}
