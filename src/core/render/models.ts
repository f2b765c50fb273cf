// Graft's model names → Bedrock model ids. The table is Graft's own (its Bedrock
// plugin), so a prompt that renders under Graft renders here with the same model.
import { GraftError } from '../errors.js'


/** Each Bedrock id with every alias that names it. */
const ALIAS_GROUPS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', ['bedrock-claude-v4.5-sonnet-us', 'bedrock-claude-sonnet-v4.5-us', 'bc-v4.5-us']],
  ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', ['bedrock-claude-v4.5-sonnet-global', 'bedrock-claude-sonnet-v4.5-global', 'bc-v4.5-global']],
  ['anthropic.claude-sonnet-4-5-20250929-v1:0', ['bedrock-claude-v4.5-sonnet', 'bedrock-claude-sonnet-v4.5', 'bc-v4.5']],
  ['global.anthropic.claude-sonnet-4-20250514-v1:0', ['bedrock-claude-v4-sonnet-global', 'bedrock-claude-sonnet-v4-global', 'bc-v4-global']],
  ['anthropic.claude-sonnet-4-20250514-v1:0', ['bedrock-claude-v4-sonnet', 'bedrock-claude-sonnet-v4', 'bc-v4']],
  ['us.anthropic.claude-opus-4-1-20250805-v1:0', ['bedrock-claude-v4.1-opus-us', 'bedrock-claude-opus-v4.1-us', 'bo-v4.1-us']],
  ['anthropic.claude-opus-4-1-20250805-v1:0', ['bedrock-claude-v4.1-opus', 'bedrock-claude-opus-v4.1', 'bo-v4.1']],
  ['anthropic.claude-opus-4-20250514-v1:0', ['bedrock-claude-v4-opus', 'bedrock-claude-opus-v4', 'bo-v4']],
  ['us.anthropic.claude-3-7-sonnet-20250219-v1:0', ['bedrock-claude-v3.7-sonnet', 'bedrock-claude-sonnet-v3.7', 'bc-v3.7']],
  ['us.anthropic.claude-3-5-sonnet-20241022-v2:0', ['bedrock-claude-v3.5-sonnet-v2', 'bedrock-claude-sonnet-v2']],
  ['anthropic.claude-3-5-sonnet-20240620-v1:0', ['bedrock-claude-v3.5-sonnet', 'bedrock-claude-sonnet', 'bedrock-sonnet', 'bedrock-claude', 'bc']],
  ['us.anthropic.claude-3-5-haiku-20241022-v1:0', ['bedrock-claude-v3.5-haiku', 'bedrock-haiku-v3.5', 'bh-v3.5']],
  ['anthropic.claude-3-haiku-20240307-v1:0', ['bedrock-claude-v3-haiku', 'bedrock-claude-haiku', 'bedrock-haiku', 'bh']]
]

/** alias → Bedrock model id */
export const MODEL_ALIASES: ReadonlyMap<string, string> = new Map(
  ALIAS_GROUPS.flatMap(([id, aliases]) => aliases.map((alias) => [alias, id] as const))
)

/** Names that are already Bedrock ids, inference profiles or ARNs: sent as written. */
const PASS_THROUGH_PREFIXES = ['anthropic.', 'us.', 'eu.', 'apac.', 'global.', 'arn:aws:bedrock:']

export function isBedrockId(name: string): boolean {
  return PASS_THROUGH_PREFIXES.some((prefix) => name.startsWith(prefix))
}

/** The Bedrock model id for a Graft model name; `promptFile` names the prompt in errors. */
export function resolveModel(name: string, promptFile?: string): string {
  const trimmed = name.trim()
  const aliased = MODEL_ALIASES.get(trimmed)
  if (aliased) return aliased
  if (isBedrockId(trimmed)) return trimmed
  throw new GraftError({
    file: promptFile,
    message: `unknown model "${name}"`,
    hint:
      `set \`model:\` in the frontmatter (or the \`model\` input) to one of: ${[...MODEL_ALIASES.keys()].join(', ')}; ` +
      `or to a Bedrock model id, inference profile or ARN (anthropic.…, us.…, eu.…, apac.…, global.…, arn:aws:bedrock:…)`
  })
}
