// What went wrong with a model call, in two parts: the kind (which decides
// whether we retry) and a message saying what to fix. Every message names the
// document, the model id, the region and the AWS request id.
import { GraftError } from '../errors.js'
import { setting } from '../phrasing.js'
import { contextWindow } from '../graft/models.js'
import { estimateTokens } from './token-estimate.js'

/** throttled / server: back off and retry; timeout: one retry with a longer limit; fatal: stop. */
/**
 * How a failed call goes on: `clock` is a request AWS refused for the time it
 * was signed at, after the SDK corrected its clock offset from the answer (one
 * retry, at once, uses the corrected clock).
 */
export type FailureKind = 'throttled' | 'server' | 'timeout' | 'clock' | 'fatal'

/** Where a call went, for messages. */
export interface CallContext {
  label: string
  modelId: string
  region: string
  /** who reads the advice: a workflow's author, or a person at a terminal (default actions) */
  audience?: Audience
  /** characters of the prompt sent, to estimate its tokens when Bedrock says it is too long */
  promptChars?: number
  /** the call's output budget, and what set it (a prompt's `max_tokens`, the `max-tokens` setting, the model's limit) */
  maxTokens?: number
  maxTokensFrom?: string
  /** why this call was made, when it is not the document's first (the rewrite after edits that did not apply) */
  purpose?: string
}

/**
 * Whom a failure concerns: `document` — this document alone (it timed out, was
 * cut off at max_tokens, or the reply was unusable), so the others may go on;
 * `account` — every call would fail the same way (access, model, credentials,
 * quota, Bedrock itself), so the run starts nothing more.
 */
export type FailureScope = 'document' | 'account'

/** Who acts on a credentials error: a workflow's author (Actions) or a person at a terminal. */
export type Audience = 'actions' | 'terminal'

/** A render failure the user must act on; `kind` says how it was classified. */
export class RenderError extends GraftError {
  constructor(
    readonly kind: FailureKind,
    context: CallContext,
    message: string,
    hint: string,
    readonly requestId?: string,
    readonly attempts = 1,
    readonly scope: FailureScope = 'account'
  ) {
    super({ file: context.label, message: `${message} ${describeCall(context, requestId, attempts)}`, hint })
    this.name = 'RenderError'
  }
}

function describeCall(c: CallContext, requestId: string | undefined, attempts: number): string {
  const tries = attempts > 1 ? `, after ${attempts} attempts` : ''
  const purpose = c.purpose ? `; ${c.purpose}` : ''
  return `(model ${c.modelId}, region ${c.region}, request id ${requestId ?? 'none'}${tries}${purpose})`
}

/** The facts of an SDK or network error that we act on. */
export interface ErrorFacts {
  name: string
  message: string
  status?: number
  requestId?: string
  /** Node's system or TLS error code (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED, ERR_SSL_…), when there is one */
  code?: string
  /** the host (and port) the failed connection was for, when Node says */
  host?: string
  /** the SDK corrected its clock offset from this answer (AWS refused the time the request was signed at) */
  skewCorrected?: boolean
}

interface RawError {
  name?: unknown
  message?: unknown
  code?: unknown
  hostname?: unknown
  address?: unknown
  port?: unknown
  errors?: unknown
  cause?: unknown
  $metadata?: { httpStatusCode?: number; requestId?: string; clockSkewCorrected?: boolean }
}

export function errorFacts(err: unknown): ErrorFacts {
  const e = (err ?? {}) as RawError
  // Node's happy-eyeballs connect fails with an AggregateError whose parts hold the address.
  const part = (Array.isArray(e.errors) ? e.errors[0] : e.cause) as RawError | undefined
  const code = typeof e.code === 'string' ? e.code : typeof part?.code === 'string' ? part.code : undefined
  const message =
    typeof e.message === 'string' && e.message !== ''
      ? e.message
      : typeof part?.message === 'string'
        ? part.message
        : String(err)
  const status = e.$metadata?.httpStatusCode
  // An answer the SDK could not read as Bedrock's JSON: a proxy's or load balancer's page. Its markup and the
  // SDK's "inspect the hidden field {error}.$response" are no reason; the status is kept, and decides the retry.
  if (status !== undefined && /Deserialization error/.test(message)) {
    return {
      name: 'ErrorPage',
      message: `HTTP ${status}: an answer that is not Bedrock's (an error page from a proxy or load balancer in front of it?)`,
      status
    }
  }
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    message,
    status,
    requestId: e.$metadata?.requestId,
    ...(e.$metadata?.clockSkewCorrected ? { skewCorrected: true } : {}),
    ...(code ? { code } : {}),
    ...hostOf(e, part)
  }
}

function hostOf(...errors: Array<RawError | undefined>): { host?: string } {
  for (const e of errors) {
    if (typeof e?.hostname === 'string') return { host: e.hostname }
    if (typeof e?.address === 'string')
      return { host: typeof e.port === 'number' ? `${e.address}:${e.port}` : e.address }
  }
  return {}
}

/** A connection that could not be made: the network, DNS, a proxy or TLS — never the model id. Not retried. */
export type NetworkProblem = 'dns' | 'refused' | 'tls'

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME'])
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN'])
const TLS_CODE =
  /^(CERT_|UNABLE_TO_|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED|ERR_TLS_|ERR_SSL_|EPROTO$|HOSTNAME_MISMATCH|ERR_OSSL_)/

export function networkProblem(f: ErrorFacts): NetworkProblem | undefined {
  if (f.status !== undefined) return undefined
  const code = f.code ?? /\b(E[A-Z_]{4,})\b/.exec(f.message)?.[1]
  if (!code) return undefined
  if (DNS_CODES.has(code)) return 'dns'
  if (REFUSED_CODES.has(code)) return 'refused'
  if (TLS_CODE.test(code)) return 'tls'
  return undefined
}

const THROTTLED = new Set(['ThrottlingException', 'ModelNotReadyException', 'TooManyRequestsException'])
const SERVER = new Set([
  'InternalServerException',
  'ServiceUnavailableException',
  'ModelStreamErrorException',
  'IncompleteStream',
  'StreamIdle'
])
const TIMEOUT = new Set(['TimeoutError', 'ModelTimeoutException', 'RenderTimeout'])
/** Connection-level failures that a second try usually survives (a refused or unresolvable host is not one: see networkProblem). */
const NETWORK = /ECONNRESET|EPIPE|socket hang up|Premature close|aborted/i

/**
 * Bedrock's per-day token quota: the same ThrottlingException (429) as the
 * per-minute one, told apart by its words ("Too many tokens per day, please
 * wait before trying again."). It resets within a day, so no wait in a run helps.
 */
export function dailyQuota(f: ErrorFacts): boolean {
  return THROTTLED.has(f.name) && /\bper day\b|\bdaily\b/i.test(f.message)
}

export function classify(f: ErrorFacts): FailureKind {
  if (networkProblem(f) || dailyQuota(f)) return 'fatal'
  if (f.skewCorrected) return 'clock'
  if (THROTTLED.has(f.name) || f.status === 429) return 'throttled'
  if (TIMEOUT.has(f.name) || f.status === 408) return 'timeout'
  if (SERVER.has(f.name) || (f.status !== undefined && f.status >= 500)) return 'server'
  if (f.status === undefined && NETWORK.test(`${f.name} ${f.message}`)) return 'server'
  return 'fatal'
}

/** Builds the user-facing error for a failure we will not (or can no longer) retry. */
export function renderFailure(err: unknown, context: CallContext, attempts: number, requestId?: string): RenderError {
  const f = errorFacts(err)
  const id = f.requestId ?? requestId
  const kind = classify(f)
  const [message, hint] = explain(f, context)
  return new RenderError(kind, context, message, hint, id, attempts, scopeOf(f, kind, context))
}

/** A timeout or a request Bedrock refused as invalid concerns one document; the rest concern every call. */
function scopeOf(f: ErrorFacts, kind: FailureKind, c: CallContext): FailureScope {
  if (kind === 'timeout') return 'document'
  if (f.name === 'ValidationException' && !isBareClaude4(c.modelId) && !/on-demand throughput/i.test(f.message))
    return 'document'
  return 'account'
}

function explain(f: ErrorFacts, c: CallContext): [string, string] {
  const said = `${f.name}: ${f.message}`
  if (dailyQuota(f))
    return [
      `Bedrock's daily token quota for this model is used up (${said})`,
      `the quota resets within a day: re-run then, or ask AWS for a higher "tokens per day" quota for the model (Service Quotas → Amazon Bedrock), or use another region or a cross-region profile (us.… / eu.… / global.…), set in ${setting('aws-region')} or the prompt's \`model\``
    ]
  switch (f.name) {
    case 'ThrottlingException':
    case 'ModelNotReadyException':
    case 'TooManyRequestsException':
      return [
        `Bedrock kept throttling the request (${said})`,
        `lower ${setting('concurrency')}, retry later, or ask AWS for a higher Bedrock quota`
      ]
    case 'AccessDeniedException':
      return [
        `Bedrock denied access (${said})`,
        `grant the role bedrock:InvokeModelWithResponseStream on ${c.modelId} (and, for an inference profile, on the foundation model in every region it routes to), and check the account's Anthropic model access: the use-case form submitted and the AWS Marketplace subscription made by a first call from a principal allowed aws-marketplace:Subscribe (see graft-action's docs/aws.md)`
      ]
    case 'ResourceNotFoundException':
      return [
        `Bedrock does not know this model here (${said})`,
        `check the model id; try a region where the model is offered (us-east-1, us-west-2) or its cross-region profile (us.… / eu.… / apac.… / global.…), and set ${setting('aws-region')} to match`
      ]
    case 'ValidationException':
      return explainValidation(f, c)
    case 'ServiceQuotaExceededException':
      return [
        `Bedrock quota exceeded (${said})`,
        `lower ${setting('max-tokens')} or ${setting('concurrency')}, or request a quota increase in the Service Quotas console`
      ]
    case 'ExpiredTokenException':
      return [
        `the AWS session expired during the run (${said})`,
        c.audience === 'terminal'
          ? `refresh the session, then run again: ${terminalCredentialsHint(process.env.AWS_PROFILE)}`
          : EXPIRED_SESSION_HINT
      ]
    case 'InvalidSignatureException':
      if (CLOCK_REFUSAL.test(f.message))
        return [
          `AWS refused the request for the time it was signed at: this machine's clock is off (${said})`,
          "set the machine's clock right (NTP: `timedatectl set-ntp true`, chrony); on a self-hosted runner, check its time source"
        ]
      return [`AWS rejected or could not find the credentials (${said})`, credentialsHint(c.audience ?? 'actions')]
    case 'UnrecognizedClientException':
    case 'CredentialsProviderError':
      return [`AWS rejected or could not find the credentials (${said})`, credentialsHint(c.audience ?? 'actions')]
    case 'CredentialsTimeout':
      return [
        `AWS credentials could not be had in time (${f.message})`,
        credentialsTimeoutHint(c.audience ?? 'actions', process.env.AWS_PROFILE)
      ]
  }
  const network = networkProblem(f)
  if (network) return explainNetwork(network, f)
  const kind = classify(f)
  if (f.name === 'ErrorPage' && kind === 'fatal')
    return [
      `something between this machine and Bedrock answered instead of it (${f.message})`,
      'check HTTPS_PROXY and NO_PROXY (a proxy that refuses or intercepts the host), and any AWS_ENDPOINT_URL_BEDROCK_RUNTIME or AWS_ENDPOINT_URL in the environment'
    ]
  if (kind === 'timeout')
    return [
      `the model call timed out (${said})`,
      `raise ${setting('timeout-minutes')}, or lower \`max_tokens\` for this prompt`
    ]
  if (kind === 'server')
    return [
      `Bedrock failed repeatedly (${said})`,
      'retry the run later; check the AWS Health Dashboard for Bedrock in this region'
    ]
  if (f.name === 'ModelErrorException' || f.status === 424)
    return [
      `the model failed while processing this request (${said})`,
      're-run once; if it fails the same way, make the prompt smaller (fewer or smaller deps) or lower its `max_tokens`'
    ]
  // Bedrock answered: its own words say what it refused, not the network or the credentials
  if (f.status !== undefined)
    return [
      `Bedrock refused the request (${said})`,
      "Bedrock's message above names what it refused; check the prompt frontmatter (`model`, `max_tokens`, `temperature`)"
    ]
  return [`the model call failed (${said})`, 'check the model id, region and credentials']
}

/** AWS's words for a signature refused for its time: "Signature expired: … is now earlier than …", "Signature not yet current". */
const CLOCK_REFUSAL = /Signature expired|Signature not yet current|RequestTimeTooSkewed|too skewed/i

/** Bedrock's words for a prompt longer than the model's context window (Converse 400, Anthropic's own text). */
const TOO_LONG = /input is too long|prompt is too long|too many input tokens|context window|context length/i
/** Bedrock's words for a maxTokens above the model's output limit. */
const OUTPUT_LIMIT = /max_?tokens|maximum (?:number of )?(?:output )?tokens|output tokens/i

/**
 * A prompt larger than the model's context window, said the same way wherever it
 * is found (before the call, from Bedrock's 400, or from the stream's stop
 * reason): the document, its input tokens, the window, and the ways out.
 * @param tokens the prompt's input tokens; `how` says how they were known ("counted by Bedrock", "estimated from 812,000 characters")
 */
export function contextWindowExceeded(c: {
  document: string
  modelId: string
  tokens: number
  how: string
  window?: number
  /** output tokens written when the reply ran into the window's end (the stream's stop reason), if it did */
  written?: number
}): [string, string] {
  const window =
    c.window === undefined ? "the model's context window" : `the ${c.window} tokens of ${c.modelId}'s context window`
  const prompt = `~${c.tokens} input tokens (${c.how})`
  return [
    c.written === undefined
      ? `the prompt of ${c.document} is too large for the model: ${prompt}, more than ${window}`
      : `the prompt of ${c.document} leaves too little of ${window} for the reply: with ${prompt}, the reply ran into the window's end after ${c.written} output tokens`,
    'make the prompt smaller: fewer or smaller `deps` in its frontmatter (a folder dep sends every file in it, a generated upstream its whole text); ' +
      'leave this document out of the run with `targets` while the others are regenerated; or choose a model with a larger context window (`model:` in its frontmatter). ' +
      'Re-running sends the same prompt and fails the same way'
  ]
}

/** What stopped a reply at its output budget, for the message and the hint. */
export function outputBudgetNamed(c: CallContext): { budget: string; hint: string } {
  const budget = c.maxTokens === undefined ? 'max_tokens' : `max_tokens ${c.maxTokens}`
  return {
    budget: c.maxTokensFrom ? `${budget}, set by ${c.maxTokensFrom}` : budget,
    hint: c.maxTokensFrom?.startsWith("the model's")
      ? 'the model cannot write more in one reply: split the document (a prompt asking for less), or choose a model with a higher output limit'
      : `raise \`max_tokens\` in the prompt frontmatter, or ${setting('max-tokens')} for prompts that set none (both are capped at the model’s output limit); ` +
        'if the reply should not be that long, tell the prompt what length to write'
  }
}

function explainValidation(f: ErrorFacts, c: CallContext): [string, string] {
  const said = `${f.name}: ${f.message}`
  if (isBareClaude4(c.modelId) || /on-demand throughput/i.test(f.message)) {
    const bare = c.modelId.replace(/^arn:aws:bedrock:[^/]*\//, '')
    return [
      `Bedrock refused the model id (${said})`,
      `Claude 4 models are served only through inference profiles: use us.${bare} or global.${bare} (or the alias bedrock-claude-v4.5-sonnet-us)`
    ]
  }
  if (TOO_LONG.test(f.message)) {
    const tokens = estimateTokens(c.promptChars ?? 0)
    const [message, hint] = contextWindowExceeded({
      document: c.label,
      modelId: c.modelId,
      tokens,
      how: `estimated from its ${c.promptChars ?? 0} characters`,
      window: contextWindow(c.modelId)
    })
    return [`${message} (${said})`, hint]
  }
  if (OUTPUT_LIMIT.test(f.message)) {
    const named = outputBudgetNamed(c)
    return [`Bedrock refused the output budget of this call, ${named.budget} (${said})`, named.hint]
  }
  return [
    `Bedrock rejected the request (${said})`,
    'check the prompt frontmatter (`max_tokens`, `temperature`) and the model id'
  ]
}

/** The network failure named as one: what failed, and where to look (never the model id). */
function explainNetwork(problem: NetworkProblem, f: ErrorFacts): [string, string] {
  const at = f.host ? ` at ${f.host}` : ''
  const said = `${f.code ?? f.name}: ${f.message}`
  const proxy = 'behind a proxy, set HTTPS_PROXY (and NO_PROXY for hosts to reach directly)'
  if (problem === 'dns') {
    return [
      `could not reach Bedrock${at}: the host name did not resolve (${said}); this is the network, DNS or a proxy, not the model id`,
      `check the region is spelt right and that this machine resolves the name; ${proxy}; an AWS_ENDPOINT_URL_BEDROCK_RUNTIME or AWS_ENDPOINT_URL in the environment overrides the endpoint`
    ]
  }
  if (problem === 'refused') {
    return [
      `could not reach Bedrock${at}: the connection was refused or the host is unreachable (${said}); this is the network, DNS or a proxy, not the model id`,
      `check the firewall and any AWS_ENDPOINT_URL_BEDROCK_RUNTIME or AWS_ENDPOINT_URL in the environment; ${proxy}`
    ]
  }
  return [
    `the TLS connection to Bedrock${at} failed (${said}); this is the network or a proxy that intercepts TLS, not the model id`,
    `behind a TLS-intercepting proxy, point NODE_EXTRA_CA_CERTS at its CA certificate (PEM); check HTTPS_PROXY and the endpoint's scheme (https)`
  ]
}

/** `anthropic.claude-sonnet-4…`, `anthropic.claude-opus-4-1…`: a Claude 4 id without a profile prefix. */
export function isBareClaude4(modelId: string): boolean {
  return /^anthropic\.claude-(?:[a-z]+-)?4/.test(modelId)
}

/**
 * Credentials that worked, then expired: the session was shorter than the run.
 * configure-aws-credentials asks for one hour unless `role-duration-seconds` says
 * more, and the role's "Maximum session duration" (IAM, 1 to 12 hours) caps it.
 */
export const EXPIRED_SESSION_HINT =
  'the run outlived its AWS session: raise `role-duration-seconds` on the aws-actions/configure-aws-credentials step ' +
  '(its default is 3600, one hour) to cover the whole run, and raise the role\'s "Maximum session duration" in IAM to at least as much ' +
  '(up to 12 hours); or regenerate fewer documents per run (`targets`)'

/** How to give credentials, for whoever must act: the workflow's author, or the person at the terminal. */
export function credentialsHint(audience: Audience, profile?: string): string {
  return audience === 'actions' ? CREDENTIALS_HINT : terminalCredentialsHint(profile)
}

/** What to do when the SDK's credential chain hangs: find the source, or give keys, which are used first. */
export function credentialsTimeoutHint(audience: Audience, profile?: string): string {
  const run = profile ? `AWS_PROFILE=${profile} aws sts get-caller-identity` : '`aws sts get-caller-identity`'
  return (
    `find the source that hangs: ${profile ? `\`${run}\`` : run} asks the same chain; a profile's credential_process must print its JSON and exit; ` +
    'STS (for a role or web identity) and the SSO portal must be reachable from this machine. ' +
    (audience === 'actions'
      ? 'Or give the job keys (configure-aws-credentials exports them): exported AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are used without asking the chain'
      : 'Or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: they are used without asking the chain')
  )
}

/** For a person at a terminal: a profile (with SSO), or keys; where the SDK looks. */
export function terminalCredentialsHint(profile?: string): string {
  const name = profile || '<profile>'
  return (
    `use an AWS profile: AWS_PROFILE=${name}, defined in ~/.aws/config or ~/.aws/credentials ` +
    `(for IAM Identity Center, run \`aws sso login --profile ${name}\` first; \`aws configure sso\` sets one up), ` +
    'or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys); ' +
    '`aws sts get-caller-identity` shows what the SDK finds'
  )
}

/** For a workflow's author. */
export const CREDENTIALS_HINT =
  'give the job AWS credentials in one of two ways: (1) OIDC — add `permissions: id-token: write` to the job and a step ' +
  '`uses: aws-actions/configure-aws-credentials@v6` with `role-to-assume: <role ARN>` and `aws-region: <region>` before this action; ' +
  'or (2) repository secrets — set env `AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}` and ' +
  '`AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}` (and `AWS_REGION`, or the `aws-region` input)'
