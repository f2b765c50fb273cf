// The GitHub API calls of the action, through Octokit (@actions/github):
// GraphQL createCommitOnBranch (classified into the core's CommitApiAnswer),
// the rolling pull request (find by head, create, update), who the token acts
// as, and what a workflow token may read about a branch's required checks.
// The API base is read at call time from GITHUB_API_URL (GraphQL at
// `<base>/graphql`).
//
// Rate limits: every client carries @octokit/plugin-throttling, which knows
// GitHub's answers (403/429 "secondary rate limit" with `retry-after`; the
// primary limit's `x-ratelimit-remaining: 0` and `x-ratelimit-reset`; GraphQL's
// RATE_LIMITED). The action waits out what GitHub asks only when the wait is
// short (RATE_LIMIT_MAX_WAIT_S, at most RATE_LIMIT_RETRIES times): a run never
// sleeps for minutes on a courtesy such as the comment. When it gives up, the
// error says it was rate limiting (rateLimitCause).
import { getOctokit } from '@actions/github'
import { defaults as githubDefaults } from '@actions/github/lib/utils'
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck/light.js'
import type { CommitApi, CommitApiAnswer, CommitOnBranchRequest } from '../core/publish/api-commit.js'
import { scrubSecret } from '../core/io/remote-auth.js'
import { actionLog } from './report.js'
import type { Markdown } from './gfm.js'

type Octokit = ReturnType<typeof getOctokit>

/**
 * How long one request to GitHub's API may take. Octokit sets no limit, and
 * Node's fetch waits 300 s for an answer's headers, so an API that accepts
 * connections and never answers (an incident) cost ten minutes for the
 * comment alone. GitHub ends a request it has worked on for 10 s itself; the
 * rest is the upload of an API commit's contents.
 */
export const GITHUB_REQUEST_LIMIT_MS = 30_000

/**
 * The toolkit's fetch (it honours the runner's proxy settings), each request
 * within GITHUB_REQUEST_LIMIT_MS, and only the API's JSON taken as an answer.
 */
function limitedFetch(): typeof fetch {
  const inner = (githubDefaults.request?.fetch as typeof fetch | undefined) ?? fetch
  return async (url, init = {}) => {
    const limit = AbortSignal.timeout(GITHUB_REQUEST_LIMIT_MS)
    const response = await inner(url, { ...init, signal: init.signal ? AbortSignal.any([init.signal, limit]) : limit })
    const odd = await notAnApiAnswer(response)
    if (odd)
      throw new NotAnApiAnswer(`GitHub's API answered HTTP ${response.status} with ${odd} instead of the API's JSON`)
    return response
  }
}

/**
 * A success that is not the API's JSON: a proxy's sign-in page or a captive
 * portal between the runner and GitHub answers 200 with HTML, and a body cut
 * short leaves half a JSON document. Octokit hands either on as a string,
 * which reads as an answer with nothing in it (no viewer, no comments, a
 * commit without an id): refused here instead, in words (githubReason).
 * Failures keep Octokit's own handling (githubWords names their pages).
 */
async function notAnApiAnswer(response: Response): Promise<string | undefined> {
  if (!response.ok || response.status === 204 || response.status === 205) return undefined
  const type = (response.headers.get('content-type') ?? '').toLowerCase()
  if (/html/.test(type)) return 'a web page'
  if (!/json/.test(type)) return type ? `\`${type.split(';')[0].trim()}\`` : 'no content type'
  const body = await response.clone().text()
  try {
    if (body.trim()) JSON.parse(body)
    return undefined
  } catch {
    return 'JSON cut short'
  }
}

/** Thrown by limitedFetch; Octokit wraps it (as a status-500 RequestError whose `cause` it is). */
class NotAnApiAnswer extends Error {
  override name = 'NotAnApiAnswer'
}

/** Why GitHub's answer was not taken, when it was not the API's JSON (NotAnApiAnswer); undefined otherwise. */
export function notApiCause(error: unknown): string | undefined {
  const e = error as { name?: string; message?: string; cause?: { name?: string; message?: string } }
  const inner = e?.name === 'NotAnApiAnswer' ? e : e?.cause?.name === 'NotAnApiAnswer' ? e.cause : undefined
  return inner
    ? `${inner.message} (a proxy, a sign-in page or a cut connection between the runner and GitHub?)`
    : undefined
}

/** "GitHub's API did not answer within 30 s" when `error` is a request given up on for time; undefined otherwise. */
export function timeoutCause(error: unknown): string | undefined {
  const e = error as { name?: string; message?: string; cause?: { name?: string } }
  const timedOut =
    e.name === 'TimeoutError' || e.cause?.name === 'TimeoutError' || /aborted due to timeout/i.test(e.message ?? '')
  return timedOut ? `GitHub's API did not answer within ${GITHUB_REQUEST_LIMIT_MS / 1000} s` : undefined
}

/** The longest wait GitHub may ask for that the action waits out, in seconds. */
export const RATE_LIMIT_MAX_WAIT_S = 10
/** How many times one request is retried after a rate limit. */
export const RATE_LIMIT_RETRIES = 2

// The plugin spaces writes 1–3 s apart by default, for clients that write in
// bulk. A run writes a handful of times (a comment, a commit, a pull request),
// far under GitHub's secondary limit (80 content-creating requests a minute):
// writes are kept one at a time, without the pause; a limit that comes anyway
// is waited out by the handlers below.
const writes = new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 })

function onLimit(which: string) {
  return (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number) => {
    const request = `${options.method ?? ''} ${options.url ?? ''}`.trim()
    if (retryAfter <= RATE_LIMIT_MAX_WAIT_S && retryCount < RATE_LIMIT_RETRIES) {
      actionLog.info(`GitHub's ${which} answered ${request}: retrying in ${retryAfter} s (as GitHub asks)`)
      return true
    }
    actionLog.info(
      `GitHub's ${which} answered ${request} and asks to wait ${retryAfter} s: ` +
        (retryCount >= RATE_LIMIT_RETRIES
          ? `not retrying again after ${retryCount} retries`
          : `longer than the action waits (${RATE_LIMIT_MAX_WAIT_S} s)`)
    )
    return false
  }
}

export function octokitFor(token: string): Octokit {
  return getOctokit(
    token,
    {
      // Octokit joins base and path as they are: a base written with a trailing slash (`…/api/v3/`) would make `//repos/…`
      baseUrl: (process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
      request: { ...githubDefaults.request, fetch: limitedFetch() },
      throttle: {
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit'),
        write: writes,
        notifications: writes
      }
    },
    throttling
  )
}

/**
 * "GitHub's secondary rate limit" / "GitHub's API rate limit" when `error`
 * is GitHub refusing for a rate limit (after the bounded retries), with the
 * wait it asked for; undefined for any other error.
 */
export function rateLimitCause(error: unknown): string | undefined {
  type Headers = Record<string, string | undefined>
  type GraphQLErrors = { type?: string }[]
  const e = error as {
    status?: number
    message?: string
    response?: { headers?: Headers; data?: { errors?: GraphQLErrors } }
    // @octokit/graphql's GraphqlResponseError: GitHub's answer was a 200 with errors
    headers?: Headers
    errors?: GraphQLErrors
  }
  const headers = e.response?.headers ?? e.headers ?? {}
  const message = e.message ?? ''
  const secondary = /secondary rate limit/i.test(message)
  // GraphQL names the limit RATE_LIMITED, and at times RATE_LIMIT (which the throttling plugin does not know)
  const graphql = [...(e.errors ?? []), ...(e.response?.data?.errors ?? [])].some((x) =>
    /^RATE_LIMIT(ED)?$/.test(x.type ?? '')
  )
  const primary =
    headers['x-ratelimit-remaining'] === '0' ||
    graphql ||
    /API rate limit (already )?exceeded|GraphQL Rate Limit Exceeded/i.test(message)
  if (!secondary && !primary && e.status !== 429) return undefined
  const retryAfter = Number(headers['retry-after'])
  const reset = Number(headers['x-ratelimit-reset'])
  const wait =
    retryAfter > 0
      ? ` (it asked to wait ${retryAfter} s)`
      : reset > 0
        ? ` (it resets at ${new Date(reset * 1000).toISOString()})`
        : ''
  return `${secondary ? "GitHub's secondary rate limit" : "GitHub's API rate limit"}${wait}`
}

/**
 * GitHub's own words for a refused request, on one line: the errors it listed
 * ("body is too long (maximum is 65536 characters)"), else its message. An
 * answer that is not the API's JSON — the HTML page GitHub's front end serves
 * with a 502 or 504 — is named as such, never quoted: its markup is no reason.
 */
export function githubWords(error: unknown): string {
  const e = error as {
    message?: string
    response?: { data?: unknown; headers?: Record<string, string | undefined> }
  }
  const data = e.response?.data
  if (typeof data === 'object' && data !== null) {
    const d = data as { message?: string; errors?: { message?: string }[] }
    const listed = (Array.isArray(d.errors) ? d.errors : [])
      .map((x) => x?.message)
      .filter(Boolean)
      .join('; ')
    if (listed || d.message) return oneLine(listed || d.message!)
  }
  const type = e.response?.headers?.['content-type'] ?? ''
  if ((typeof data === 'string' && /^\s*</.test(data)) || /html/i.test(type))
    return 'an error page instead of an API answer (GitHub is having trouble; a later run tries again)'
  return oneLine(e.message ?? String(error))
}

const oneLine = (s: string): string =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' / ')
    .slice(0, 300)

/** "HTTP 502: …" — the status and GitHub's words; the rate limit or the time limit when that was the cause. */
export function githubReason(error: unknown): string {
  const cause = timeoutCause(error) ?? rateLimitCause(error) ?? notApiCause(error)
  if (cause) return cause
  const status = (error as { status?: number }).status
  return status ? `HTTP ${status}: ${githubWords(error)}` : githubWords(error)
}

/** GitHub's GraphQL words when it gave up on a query itself (flutter/flutter#90640). */
const GRAPHQL_GAVE_UP = /Something went wrong while executing your query|may be the result of a timeout/i

/**
 * Whether a refusal is GitHub's bad moment (a rate limit, a server error, a
 * 408 — the request not read in time —, no answer in time, an answer that was
 * not the API's, GraphQL giving up on the query) rather than an answer about
 * the token or the request.
 */
export function isBadMoment(error: unknown): boolean {
  const status = (error as { status?: number }).status ?? 0
  return (
    status >= 500 ||
    status === 408 ||
    rateLimitCause(error) !== undefined ||
    timeoutCause(error) !== undefined ||
    notApiCause(error) !== undefined ||
    GRAPHQL_GAVE_UP.test(githubWords(error))
  )
}

/** Who a token acts as: its login (`github-actions[bot]`, `<app-slug>[bot]`, a user) and account id. */
export interface TokenIdentity {
  login: string
  id?: number
}

/** The workflow token's (GITHUB_TOKEN's) login. */
export const WORKFLOW_TOKEN_LOGIN = 'github-actions[bot]'

const identities = new Map<string, Promise<TokenIdentity | undefined>>()

/**
 * The account `token` acts as, or undefined when GitHub will not say
 * (rejected when GitHub's API does not answer in time).
 * GraphQL `viewer` answers for every kind of token: the workflow token
 * (github-actions[bot]), an App installation token (`<app-slug>[bot]`), a
 * personal access token (its user). REST `GET /user` refuses installation
 * tokens (403 "Resource not accessible by integration") and `GET /app` needs
 * the App's own JWT, so REST `/user` is only the fallback (a PAT on a server
 * without GraphQL). Asked once per token and run.
 */
export function tokenIdentity(token: string): Promise<TokenIdentity | undefined> {
  const key = `${process.env.GITHUB_API_URL ?? ''}\n${token}`
  if (!identities.has(key)) identities.set(key, askIdentity(token))
  return identities.get(key)!
}

async function askIdentity(token: string): Promise<TokenIdentity | undefined> {
  const octokit = octokitFor(token)
  let bad: unknown
  try {
    const { viewer } = await octokit.graphql<{ viewer: { login: string; databaseId?: number | null } }>(
      'query { viewer { login databaseId } }'
    )
    if (viewer?.login) return { login: viewer.login, id: viewer.databaseId ?? undefined }
  } catch (error) {
    // an API that does not answer is not asked again (the caller names the timeout); a refusal falls back to REST
    if (timeoutCause(error)) throw error
    if (isBadMoment(error)) bad = error
  }
  try {
    const { data } = await octokit.rest.users.getAuthenticated()
    return { login: data.login, id: data.id }
  } catch (error) {
    // a rate limit, a 5xx or a token GitHub no longer takes (401) is the cause to name (REST /user refuses App tokens anyway)
    if (isBadMoment(error) || (error as { status?: number }).status === 401) throw error
    if (bad) throw bad
    return undefined
  }
}

/** Whether an account (a comment's author) is the token's own: by account id when both are known, else by login. */
export function isIdentity(who: { login?: string; id?: number } | null | undefined, identity: TokenIdentity): boolean {
  if (!who) return false
  if (who.id !== undefined && identity.id !== undefined) return who.id === identity.id
  return (who.login ?? '').toLowerCase() === identity.login.toLowerCase()
}

const CREATE_COMMIT = `mutation($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid } }
}`

interface GraphQLErrorLike {
  type?: string
  message?: string
}

/** createCommitOnBranch through Octokit; GitHub's answers sorted into moved / protected / too large / refused. */
export function octokitCommitApi(token: string): CommitApi {
  const octokit = octokitFor(token)
  return {
    async createCommitOnBranch(request: CommitOnBranchRequest): Promise<CommitApiAnswer> {
      const input = {
        branch: { repositoryNameWithOwner: request.repository, branchName: request.branch },
        message: { headline: request.headline, body: request.body },
        fileChanges: { additions: request.additions },
        expectedHeadOid: request.expectedHeadOid
      }
      try {
        const result = await octokit.graphql<{ createCommitOnBranch: { commit: { oid: string } } }>(CREATE_COMMIT, {
          input
        })
        return { ok: true, oid: result.createCommitOnBranch.commit.oid }
      } catch (error) {
        return classify(error, token)
      }
    }
  }
}

/** Sorts an Octokit error from createCommitOnBranch; exported for its unit test. */
export function classify(error: unknown, token?: string): CommitApiAnswer {
  const errors = (error as { errors?: GraphQLErrorLike[] }).errors
  const status = (error as { status?: number }).status
  const text = scrubSecret(errors?.map((e) => e.message ?? '').join(' / ') || githubWords(error), token)
    .replace(/\s*\n\s*/g, ' / ')
    .replace(/( \/ )+/g, ' / ')
    .replace(/ \/ $/, '')
  const limited = rateLimitCause(error)
  if (limited) return { ok: false, kind: 'rate-limited', message: `${limited}: ${text}` }
  const late = timeoutCause(error)
  // GitHub may have made the commit all the same: the next run finds the branch moved and replays onto it
  if (late) return { ok: false, kind: 'unavailable', message: `${late} to createCommitOnBranch` }
  const odd = notApiCause(error)
  if (odd) return { ok: false, kind: 'unavailable', message: `${odd} to createCommitOnBranch` }
  // GraphQL's own "gave up" (a 200 with an untyped error): GitHub's bad moment, the commit maybe made all the same
  if (GRAPHQL_GAVE_UP.test(text)) return { ok: false, kind: 'unavailable', message: text }
  const types = new Set((errors ?? []).map((e) => e.type))
  // A moved branch, or one deleted meanwhile (the replay then finds it gone and says so).
  if (types.has('STALE_DATA') || /Expected branch to point to|Could not resolve to a Ref/.test(text))
    return { ok: false, kind: 'moved', message: text }
  if (
    types.has('BRANCH_PROTECTION_RULE_VIOLATION') ||
    /Repository rule violations|protected branch|GH006|GH013/i.test(text)
  ) {
    return { ok: false, kind: 'protected', message: text }
  }
  if (status === 413 || /too large/i.test(text)) return { ok: false, kind: 'too-large', message: text }
  if (status === 401) return { ok: false, kind: 'token-refused', message: `HTTP 401: ${text}` }
  if (isBadMoment(error)) return { ok: false, kind: 'unavailable', message: status ? `HTTP ${status}: ${text}` : text }
  return { ok: false, kind: 'refused', message: status ? `${status} ${text}` : text }
}

export interface RollingPullRequest {
  number: number
  url: string
  action: 'created' | 'updated'
}

/** "GitHub Actions is not permitted to create or approve pull requests." */
export function isNotPermitted(error: unknown): boolean {
  return /not permitted to create or approve pull requests/i.test((error as Error)?.message ?? '')
}

/** Opens, or updates in place, the one open pull request from `head` into `base`. */
export async function upsertPullRequest(
  token: string,
  repository: string,
  head: string,
  base: string,
  title: string,
  body: Markdown
): Promise<RollingPullRequest> {
  const octokit = octokitFor(token)
  const [owner, repo] = repository.split('/')
  const openOne = async () => {
    const { data } = await octokit.rest.pulls.list({
      owner,
      repo,
      head: `${owner}:${head}`,
      base,
      state: 'open',
      per_page: 10
    })
    return data[0]
  }
  const updated = async (pr: { number: number; html_url: string }): Promise<RollingPullRequest> => {
    await octokit.rest.pulls.update({ owner, repo, pull_number: pr.number, title, body })
    return { number: pr.number, url: pr.html_url, action: 'updated' }
  }
  const open = await openOne()
  if (open) return updated(open)
  try {
    const { data: pr } = await octokit.rest.pulls.create({ owner, repo, head, base, title, body })
    return { number: pr.number, url: pr.html_url, action: 'created' }
  } catch (error) {
    // A run that raced this one (no `concurrency:`) opened it after the listing: the branch holds this run's
    // commit, so that pull request is this run's too (gocardless/bump-core#31)
    if (!alreadyExists(error)) throw error
    const raced = await openOne()
    if (!raced) throw error
    return updated(raced)
  }
}

/** GitHub's 422 "A pull request already exists for owner:branch." */
function alreadyExists(error: unknown): boolean {
  const e = error as { status?: number }
  return e.status === 422 && /pull request already exists/i.test(githubWords(error))
}

/**
 * The status checks `branch` requires, as far as this token can see them
 * (the branch's classic protection, and the rules of rulesets that apply);
 * undefined when it cannot tell. Never throws.
 */
export async function requiredChecks(token: string, repository: string, branch: string): Promise<string[] | undefined> {
  const octokit = octokitFor(token)
  const [owner, repo] = repository.split('/')
  const found = new Set<string>()
  let seen = false
  try {
    const { data } = await octokit.rest.repos.getBranch({ owner, repo, branch })
    seen = true
    for (const c of data.protection?.required_status_checks?.contexts ?? []) found.add(c)
  } catch {
    // not visible to this token
  }
  try {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/rules/branches/{branch}', { owner, repo, branch })
    seen = true
    for (const rule of data as { type: string; parameters?: { required_status_checks?: { context: string }[] } }[]) {
      if (rule.type === 'required_status_checks')
        for (const c of rule.parameters?.required_status_checks ?? []) found.add(c.context)
    }
  } catch {
    // not visible to this token
  }
  return seen ? [...found] : undefined
}
