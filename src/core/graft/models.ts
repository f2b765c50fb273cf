// Graft's model names → Bedrock model ids. The table is Graft's own (its Bedrock
// plugin), so a prompt that renders under Graft renders here with the same model.
import { GraftError } from '../errors.js'

/** The context window of every Claude model in the table below, in input tokens. */
const CONTEXT_200K = 200_000

/**
 * Each Bedrock id with every alias that names it, the model's output-token
 * limit (Anthropic's model overview; Bedrock refuses a larger maxTokens with
 * "exceeds the model limit"): Claude 3 Haiku and the first Claude 3.5 Sonnet
 * 4096, Claude 3.5 Haiku and 3.5 Sonnet v2 8192, Claude 3.7 Sonnet and the
 * Sonnet 4 family 64000, Opus 4 and 4.1 32000; and its context window in input
 * tokens: 200,000 for every one of them (Sonnet 4 and 4.5 offer 1 M only behind
 * a beta flag this action does not send). Bedrock refuses a longer prompt with
 * "Input is too long for requested model."
 */
const ALIAS_GROUPS: ReadonlyArray<readonly [string, readonly string[], number, number]> = [
  [
    'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    ['bedrock-claude-v4.5-sonnet-us', 'bedrock-claude-sonnet-v4.5-us', 'bc-v4.5-us'],
    64000,
    CONTEXT_200K
  ],
  [
    'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    ['bedrock-claude-v4.5-sonnet-global', 'bedrock-claude-sonnet-v4.5-global', 'bc-v4.5-global'],
    64000,
    CONTEXT_200K
  ],
  [
    'anthropic.claude-sonnet-4-5-20250929-v1:0',
    ['bedrock-claude-v4.5-sonnet', 'bedrock-claude-sonnet-v4.5', 'bc-v4.5'],
    64000,
    CONTEXT_200K
  ],
  [
    'global.anthropic.claude-sonnet-4-20250514-v1:0',
    ['bedrock-claude-v4-sonnet-global', 'bedrock-claude-sonnet-v4-global', 'bc-v4-global'],
    64000,
    CONTEXT_200K
  ],
  [
    'anthropic.claude-sonnet-4-20250514-v1:0',
    ['bedrock-claude-v4-sonnet', 'bedrock-claude-sonnet-v4', 'bc-v4'],
    64000,
    CONTEXT_200K
  ],
  [
    'us.anthropic.claude-opus-4-1-20250805-v1:0',
    ['bedrock-claude-v4.1-opus-us', 'bedrock-claude-opus-v4.1-us', 'bo-v4.1-us'],
    32000,
    CONTEXT_200K
  ],
  [
    'anthropic.claude-opus-4-1-20250805-v1:0',
    ['bedrock-claude-v4.1-opus', 'bedrock-claude-opus-v4.1', 'bo-v4.1'],
    32000,
    CONTEXT_200K
  ],
  [
    'anthropic.claude-opus-4-20250514-v1:0',
    ['bedrock-claude-v4-opus', 'bedrock-claude-opus-v4', 'bo-v4'],
    32000,
    CONTEXT_200K
  ],
  [
    'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
    ['bedrock-claude-v3.7-sonnet', 'bedrock-claude-sonnet-v3.7', 'bc-v3.7'],
    64000,
    CONTEXT_200K
  ],
  [
    'us.anthropic.claude-3-5-sonnet-20241022-v2:0',
    ['bedrock-claude-v3.5-sonnet-v2', 'bedrock-claude-sonnet-v2'],
    8192,
    CONTEXT_200K
  ],
  [
    'anthropic.claude-3-5-sonnet-20240620-v1:0',
    ['bedrock-claude-v3.5-sonnet', 'bedrock-claude-sonnet', 'bedrock-sonnet', 'bedrock-claude', 'bc'],
    4096,
    CONTEXT_200K
  ],
  [
    'us.anthropic.claude-3-5-haiku-20241022-v1:0',
    ['bedrock-claude-v3.5-haiku', 'bedrock-haiku-v3.5', 'bh-v3.5'],
    8192,
    CONTEXT_200K
  ],
  [
    'anthropic.claude-3-haiku-20240307-v1:0',
    ['bedrock-claude-v3-haiku', 'bedrock-claude-haiku', 'bedrock-haiku', 'bh'],
    4096,
    CONTEXT_200K
  ]
]

/** alias → Bedrock model id */
export const MODEL_ALIASES: ReadonlyMap<string, string> = new Map(
  ALIAS_GROUPS.flatMap(([id, aliases]) => aliases.map((alias) => [alias, id] as const))
)

const PROFILE_PREFIX = /^(?:us|eu|apac|global|us-gov|jp|au)\./

/** Bedrock base model id (no inference-profile prefix) → its output-token limit. */
const OUTPUT_LIMITS: ReadonlyMap<string, number> = new Map(
  ALIAS_GROUPS.map(([id, , limit]) => [baseModelId(id), limit])
)

/** Bedrock base model id → its context window (input tokens). */
const CONTEXT_WINDOWS: ReadonlyMap<string, number> = new Map(
  ALIAS_GROUPS.map(([id, , , window]) => [baseModelId(id), window])
)

/** `us.anthropic.claude-…` → `anthropic.claude-…`: the model behind an inference profile. */
function baseModelId(id: string): string {
  return id.replace(PROFILE_PREFIX, '')
}

/**
 * The most output tokens the model accepts per call, for the models of the alias
 * table (named by alias, model id or inference-profile id); undefined for any other
 * model or an ARN, whose limit this action does not know (Bedrock then decides).
 */
export function outputTokenLimit(modelId: string): number | undefined {
  return OUTPUT_LIMITS.get(baseModelId(MODEL_ALIASES.get(modelId.trim()) ?? modelId.trim()))
}

/**
 * The most input tokens the model accepts in one request, for the models of the
 * alias table (named by alias, model id or inference-profile id); undefined for
 * any other model or an ARN (Bedrock then decides).
 */
export function contextWindow(modelId: string): number | undefined {
  return CONTEXT_WINDOWS.get(baseModelId(MODEL_ALIASES.get(modelId.trim()) ?? modelId.trim()))
}

/** Names that are already Bedrock ids, inference profiles or ARNs: sent as written. */
const PASS_THROUGH_PREFIXES = ['anthropic.', 'us.', 'eu.', 'apac.', 'global.', 'arn:aws:bedrock:']

export function isBedrockId(name: string): boolean {
  return PASS_THROUGH_PREFIXES.some((prefix) => name.startsWith(prefix))
}

/**
 * The Bedrock model id for a Graft model name from a prompt's frontmatter (or
 * the default applied to it).
 * @param where the prompt file, and the line of its `model:` key, named in the error
 * @throws GraftError `unknown model "…"` at that file and line, listing the aliases by model.
 */
export function resolveModel(name: string, where?: string | { file: string; line?: number }): string {
  const id = modelIdFor(name)
  if (id) return id
  const at = typeof where === 'string' ? { file: where } : where
  throw new GraftError({
    ...at,
    message: `unknown model "${name}"`,
    hint: modelChoices('set `model:` in the frontmatter')
  })
}

/**
 * The Bedrock model id for a model given as a setting (a CLI option, an action
 * input); `label` names it in the error ("--model", "input model"), so the
 * error points at what was typed, not at a prompt.
 * @throws GraftError "<label>: unknown model …", listing the aliases by model.
 */
export function resolveModelSetting(name: string, label: string): string {
  const id = modelIdFor(name)
  if (id) return id
  throw new GraftError({ message: `${label}: unknown model "${name}"`, hint: modelChoices(`set ${label}`) })
}

/** The Bedrock model id a model name stands for, or undefined when it names none this action can call. */
export function modelIdFor(name: string): string | undefined {
  const trimmed = name.trim()
  return MODEL_ALIASES.get(trimmed) ?? (isBedrockId(trimmed) ? trimmed : undefined)
}

/** What a model may be: an id, profile or ARN, or an alias — one line per model, its aliases after it. */
function modelChoices(what: string): string {
  const lines = ALIAS_GROUPS.map(([id, aliases]) => `  ${id}: ${aliases.join(', ')}`)
  return (
    `${what} to a Bedrock model id, inference profile or ARN (anthropic.…, us.…, eu.…, apac.…, global.…, arn:aws:bedrock:…), ` +
    `or to an alias (Bedrock id: its aliases):\n${lines.join('\n')}`
  )
}
