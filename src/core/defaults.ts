// Every default of the action and the CLI, once. The action.yml files state
// the same values (a project test holds them equal); inputs and options that
// are left empty fall back to these.

/** Graft's default model alias (graft-format.md, "Models"). */
export const DEFAULT_MODEL = 'bedrock-claude-v4.5-sonnet-us'
/** Bedrock region when neither the input, AWS_REGION / AWS_DEFAULT_REGION nor the AWS profile names one (render/region.ts). */
export const DEFAULT_REGION = 'us-east-1'
/** Output tokens per document unless the prompt sets `max_tokens`; capped at the model's own limit. */
export const DEFAULT_MAX_TOKENS = 16000
/** Renders in flight at once. */
export const DEFAULT_CONCURRENCY = 4
/** Minutes one document may take before it is retried once, then failed. */
export const DEFAULT_TIMEOUT_MINUTES = 10
/**
 * The run's budget (max-documents, max-input-tokens, max-output-tokens):
 * generous for a normal run, finite so one mistake (a model or template
 * change that makes every document stale) cannot spend without bound —
 * 100 documents, 5 M input tokens (≈ $15 at Claude Sonnet 4.5's $3 per
 * million), 1 M output tokens (≈ $15 at $15 per million).
 */
export const DEFAULT_MAX_DOCUMENTS = 100
export const DEFAULT_MAX_INPUT_TOKENS = 5_000_000
export const DEFAULT_MAX_OUTPUT_TOKENS = 1_000_000
/**
 * max-cost-usd: no limit in dollars unless the user sets one (the token limits
 * above always hold); `model-prices`: none, the list prices of render/prices.ts apply.
 */
export const DEFAULT_MAX_COST_USD = ''
export const DEFAULT_MODEL_PRICES = ''
/**
 * Minutes the real `dvc status` may run before it is stopped (it hashes every
 * dep, so a large pipeline takes a while; a dep that never ends reading would
 * hold the job until GitHub's own six hours).
 */
export const DEFAULT_DVC_TIME_LIMIT_MINUTES = 10
/** The DVC release line `engine: dvc` installs when DVC is absent. */
export const DEFAULT_DVC_VERSION = '3.*'
/** The bot identity of the commit (a GitHub App's no-reply address shape). */
export const DEFAULT_COMMIT_USER_NAME = 'graft-bot[bot]'
export const DEFAULT_COMMIT_USER_EMAIL = 'graft-bot[bot]@users.noreply.github.com'
/**
 * How the bot commit is made. `api` (GraphQL createCommitOnBranch) is the
 * better commit — GitHub signs it with the workflow token or an App token
 * (Verified), it passes signed-commit rules, `expectedHeadOid` makes it
 * race-safe — but it changes the author to the token's identity, ignores
 * commit-user-*, caps the size of one commit and needs the API reachable. For
 * v1 the default stays `git`, so existing workflows keep their bot identity;
 * the README recommends `api` and v2 should make it the default.
 */
export const DEFAULT_COMMIT_VIA: 'api' | 'git' = 'git'
/** When protection refuses the commit: one rolling pull request (`fail` fails the step). */
export const DEFAULT_ON_PROTECTED: 'pull-request' | 'fail' = 'pull-request'

/**
 * What a targeted run does with the documents downstream of its targets:
 * `include` takes them into the run (a forced refresh of one document leaves
 * nothing stale behind it), `report` keeps the run to the targets and names
 * what it left stale.
 */
export const DEFAULT_DOWNSTREAM: 'include' | 'report' = 'include'
/** A generated document edited by hand: accept the edit into dvc.lock, said plainly (see validate/hand-edits.ts). */
export const DEFAULT_HAND_EDITS: 'keep' | 'regenerate' | 'fail' = 'keep'
/**
 * UPDATE, REFINE and REFRESH ask the model for edits to the previous draft
 * (pack/update-style.ts): a one-line change costs a one-line edit, and every
 * other byte stays as it was. `rewrite` asks for the whole document.
 */
export const DEFAULT_UPDATE_STYLE: 'edits' | 'rewrite' = 'edits'

/**
 * The action inputs whose defaults are stated in action.yml, with the value
 * each must state. Inputs whose default depends on the run (aws-region, token)
 * are not listed.
 */
export const ACTION_INPUT_DEFAULTS: Readonly<Record<string, string>> = {
  command: 'auto',
  'working-directory': '.',
  engine: 'auto',
  targets: '',
  downstream: DEFAULT_DOWNSTREAM,
  'fail-on-stale': 'false',
  cache: 'true',
  force: 'false',
  'dry-run': 'false',
  push: 'true',
  comment: 'true',
  'allow-untrusted-head': 'false',
  model: DEFAULT_MODEL,
  'max-tokens': String(DEFAULT_MAX_TOKENS),
  concurrency: String(DEFAULT_CONCURRENCY),
  'timeout-minutes': String(DEFAULT_TIMEOUT_MINUTES),
  'max-documents': String(DEFAULT_MAX_DOCUMENTS),
  'max-input-tokens': String(DEFAULT_MAX_INPUT_TOKENS),
  'max-output-tokens': String(DEFAULT_MAX_OUTPUT_TOKENS),
  'max-cost-usd': DEFAULT_MAX_COST_USD,
  'model-prices': DEFAULT_MODEL_PRICES,
  'dvc-version': DEFAULT_DVC_VERSION,
  'commit-user-name': DEFAULT_COMMIT_USER_NAME,
  'commit-user-email': DEFAULT_COMMIT_USER_EMAIL,
  'commit-via': DEFAULT_COMMIT_VIA,
  'on-protected': DEFAULT_ON_PROTECTED,
  'hand-edits': DEFAULT_HAND_EDITS,
  'update-style': DEFAULT_UPDATE_STYLE
}
