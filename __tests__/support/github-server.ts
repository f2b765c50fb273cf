// A loopback stand-in for the parts of the GitHub API the action talks to,
// answering with GitHub's own shapes (status codes, error bodies, GraphQL
// error types) so that the real Octokit client is exercised:
//
// - REST issue comments (the sticky PR comment): list (paginated, with Link
//   headers), create, update;
// - GraphQL `createCommitOnBranch`, applied to a registered bare repository
//   with git plumbing (scratch index, commit-tree, compare-and-swap
//   update-ref): `expectedHeadOid` enforced, contents base64, the author is
//   the token's identity, commits made with a workflow or App token recorded
//   as GitHub-signed (Verified), a request-size limit;
// - REST pulls (create, list by head, get, update), `POST /git/refs`,
//   `GET|PATCH /git/refs`, a commit's verification, and what a workflow may
//   read about branch protection and rulesets (branch, rules for a branch);
// - releases (create, get by tag) and tag refs (`POST /git/refs`, get, force
//   update, matching-refs), applied to the bare repository: what the release
//   script (scripts/release.mjs) uses;
// - protected branches: the bare origin gets a `pre-receive` hook that
//   refuses git pushes with GitHub's GH006 / GH013 messages, and API commits
//   to the branch get the matching GraphQL errors;
// - GraphQL `{ viewer { login databaseId } }`: the token's account
//   (github-actions[bot] for the workflow token, `<slug>[bot]` for an App
//   token, the user for a PAT); REST `GET /user` answers a PAT only (an
//   installation token gets 403 "Resource not accessible by integration");
// - comments are written as the token's account (login and id), delete
//   included; a body over 65,536 characters is refused with 422 "Body is too
//   long", as GitHub does; a pull request's title over 256 characters and its
//   body over 65,536 get GitHub's 422 too;
// - rate limits: `rateLimits` queues GitHub's refusals — a secondary limit
//   (403 or 429 with `retry-after`) or the primary limit
//   (`x-ratelimit-remaining: 0`, `x-ratelimit-reset`; for GraphQL a 200 with a
//   RATE_LIMITED error) — each answering the next matching request.
// - GitHub Enterprise Server's URL layout as well: REST under `/api/v3`,
//   GraphQL at `/api/graphql` (requests are recorded with the path as sent).
//
// Every request is recorded; `refuse` answers them all with one refusal;
// `onRequest` sees each one before it is answered.
import { spawn } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface RecordedRequest {
  method: string
  /** path with query string, e.g. /repos/o/r/issues/1/comments?per_page=100&page=1 */
  path: string
  authorization?: string
  body?: unknown
}

export interface IssueComment {
  id: number
  body: string
  user: { login: string; id: number; type: string }
  html_url: string
}

/** GitHub's limit on a comment's (and a pull request's) body, in characters. */
export const BODY_MAX_CHARS = 65536

/** One rate-limit refusal, answering the next request that `match`es (every request when absent). */
export interface RateLimit {
  kind: 'secondary' | 'primary'
  /** 403 (default) or 429 */
  status?: 403 | 429
  /** seconds, sent as `retry-after` (secondary limits); none when absent */
  retryAfter?: number
  /** seconds until `x-ratelimit-reset` (primary limit); default 1 */
  resetIn?: number
  /**
   * GraphQL's error type for the primary limit: RATE_LIMITED (documented, the default) or
   * RATE_LIMIT, which GitHub also answers (octokit/plugin-throttling.js#824), with its own words
   */
  graphqlType?: 'RATE_LIMITED' | 'RATE_LIMIT'
  match?: (method: string, path: string) => boolean
}

/** Account ids of the logins tests use; others get a stable id of their own. */
const ACCOUNT_IDS: Record<string, number> = { 'github-actions[bot]': 41898282 }
export function accountId(login: string): number {
  if (ACCOUNT_IDS[login]) return ACCOUNT_IDS[login]
  let h = 7
  for (const c of login) h = (h * 31 + c.codePointAt(0)!) % 2_000_000_000
  return 100_000_000 + h
}

export interface Refusal {
  status: number
  message: string
  /** an HTML page instead of GitHub's JSON (as its load balancer answers a 502 or 504) */
  html?: string
  /** a body sent as it is with `content-type: application/json` (JSON cut short, say) */
  json?: string
}

/** What kind of credential a token is; it decides signing, identity and what may be read. */
export type TokenKind = 'workflow' | 'app' | 'pat'

export interface TokenIdentity {
  kind: TokenKind
  login: string
  /** the account's id; derived from the login when absent */
  id?: number
  /** author name and e-mail GitHub puts on commits made through the API with this token */
  name: string
  email: string
}

/** The workflow's GITHUB_TOKEN, as GitHub names its commits. */
export const WORKFLOW_IDENTITY: TokenIdentity = {
  kind: 'workflow',
  login: 'github-actions[bot]',
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com'
}

/** How a branch is protected: classic branch protection (GH006) or a ruleset (GH013). */
export interface Protection {
  variant: 'GH006' | 'GH013'
  /** the rule lines GitHub prints, e.g. "Changes must be made through a pull request." */
  rules: string[]
  /** status-check contexts required on the branch (readable by a workflow token) */
  requiredChecks?: string[]
  /**
   * true when the only rule is "Commits must have verified signatures": API
   * commits with a workflow or App token (signed by GitHub) pass, git pushes
   * and PAT commits do not
   */
  signaturesOnly?: boolean
}

export interface PullRequest {
  number: number
  state: 'open' | 'closed'
  title: string
  body: string
  head: { ref: string; sha: string; label: string }
  base: { ref: string }
  html_url: string
  user: { login: string; type: string }
}

export interface ApiCommit {
  repository: string
  branch: string
  sha: string
  /** GitHub signs commits made through the API with a workflow or App token */
  verified: boolean
  token: TokenKind
  paths: string[]
}

/** A release made through `POST /releases`. */
export interface Release {
  id: number
  repository: string
  tag_name: string
  name: string
  body: string
  /** the commit the tag named when the release was made */
  target_sha: string
  html_url: string
}

/** How the repository answers a workflow token creating a pull request. */
export type PullRequestCreation = 'allowed' | 'forbidden-403' | 'forbidden-422'

/** The message GitHub gives when "Allow GitHub Actions to create and approve pull requests" is off. */
export const NOT_PERMITTED_MESSAGE = 'GitHub Actions is not permitted to create or approve pull requests.'

interface GraphQLError {
  type?: string
  path?: string[]
  message: string
}

export class GitHubServer {
  readonly requests: RecordedRequest[] = []
  /** `owner/repo#n` → comments, oldest first */
  readonly issues = new Map<string, IssueComment[]>()
  /** `owner/repo` → bare repository path */
  readonly repositories = new Map<string, string>()
  /** `owner/repo` → branch → protection */
  readonly protections = new Map<string, Map<string, Protection>>()
  /** `owner/repo` → pull requests, oldest first */
  readonly pulls = new Map<string, PullRequest[]>()
  /** every commit made through createCommitOnBranch */
  readonly apiCommits: ApiCommit[] = []
  /** every release made, oldest first */
  readonly releases: Release[] = []
  /** token → identity; a token not listed is the workflow token */
  readonly tokens = new Map<string, TokenIdentity>()
  /** when set, every request (or every one `refuseWhen` picks) is answered with this status and message */
  refuse?: Refusal
  refuseWhen?: (method: string, path: string) => boolean
  /** rate-limit refusals still to give, in order */
  readonly rateLimits: RateLimit[] = []
  /** when true, GraphQL `viewer` is refused (as on a server without it): clients fall back to REST */
  viewerRefused = false
  /** how pull-request creation by a workflow token is answered */
  pullRequestCreation: PullRequestCreation = 'allowed'
  /** request bodies larger than this are refused with 413 (GitHub caps API requests too) */
  maxRequestBytes = 45 * 1024 * 1024
  /**
   * Called with every request (after it is recorded, before it is answered):
   * a test holds requests here to make runs race, or changes the thread
   * between a listing and an update (a comment deleted meanwhile). A refusal
   * it returns is the answer (after the request was carried out or not, as
   * the test chose: GitHub at times answers 5xx to a write it made).
   */
  onRequest?: (method: string, path: string) => Promise<Refusal | void> | Refusal | void
  /**
   * Called after a createCommitOnBranch request is parsed and before the
   * branch tip is read: a test moves the branch here to race the API.
   */
  beforeCommit?: () => Promise<void> | void
  private nextId = 1000
  private nextPull = 100

  private constructor(
    private readonly server: Server,
    readonly url: string
  ) {}

  static async start(): Promise<GitHubServer> {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const instance = new GitHubServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`)
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      instance
        .handle(req, res)
        .catch((error: Error) => send(res, 500, { message: `loopback server: ${error.message}` }))
    })
    return instance
  }

  /** The GitHub refusal a workflow token without `pull-requests: write` gets. */
  static readonly NOT_ACCESSIBLE: Refusal = { status: 403, message: 'Resource not accessible by integration' }

  /** Serves `owner/repo` from a bare repository (for the GraphQL commit, refs, pulls). */
  addRepository(fullName: string, bare: string): void {
    this.repositories.set(fullName, bare)
    this.installHook(fullName)
  }

  /**
   * Protects `branch`: git pushes to it are refused by a pre-receive hook with
   * GitHub's words, API commits get the GraphQL equivalent (unless
   * `signaturesOnly` and the token's commits are signed).
   */
  protect(fullName: string, branch: string, protection: Protection): void {
    if (!this.protections.has(fullName)) this.protections.set(fullName, new Map())
    this.protections.get(fullName)!.set(branch, protection)
    this.installHook(fullName)
  }

  /** The refusal lines a push to `branch` gets (without git's `remote: ` prefix). */
  static refusalLines(fullName: string, branch: string, protection: Protection): string[] {
    const ref = `refs/heads/${branch}`
    if (protection.variant === 'GH006') {
      return [`error: GH006: Protected branch update failed for ${ref}.`, ...protection.rules.map((r) => `error: ${r}`)]
    }
    return [
      `error: GH013: Repository rule violations found for ${ref}.`,
      `Review all repository rules at https://github.com/${fullName}/rules?ref=${encodeURIComponent(ref)}`,
      '',
      ...protection.rules.flatMap((r) => [`- ${r}`, ''])
    ]
  }

  comments(owner: string, repo: string, issue: number): IssueComment[] {
    const key = `${owner}/${repo}#${issue}`
    if (!this.issues.has(key)) this.issues.set(key, [])
    return this.issues.get(key)!
  }

  addComment(owner: string, repo: string, issue: number, body: string, login = 'someone'): IssueComment {
    const comment = this.newComment(owner, repo, issue, body, login)
    this.comments(owner, repo, issue).push(comment)
    return comment
  }

  pullRequests(fullName: string): PullRequest[] {
    if (!this.pulls.has(fullName)) this.pulls.set(fullName, [])
    return this.pulls.get(fullName)!
  }

  async close(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve))
  }

  private identity(req: IncomingMessage): TokenIdentity {
    const token = (req.headers.authorization ?? '').replace(/^(token|bearer)\s+/i, '')
    return this.tokens.get(token) ?? WORKFLOW_IDENTITY
  }

  private newComment(owner: string, repo: string, issue: number, body: string, login: string): IssueComment {
    const id = this.nextId++
    const type = login.endsWith('[bot]') ? 'Bot' : 'User'
    return {
      id,
      body,
      user: { login, id: accountId(login), type },
      html_url: `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${id}`
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req)
    const path = req.url ?? '/'
    const size = Buffer.byteLength(raw)
    if (size > this.maxRequestBytes) {
      this.requests.push({
        method: req.method ?? '',
        path,
        authorization: req.headers.authorization,
        body: `(${size} bytes)`
      })
      return send(res, 413, { message: `Request body too large: ${size} bytes, the limit is ${this.maxRequestBytes}` })
    }
    const body = raw ? (JSON.parse(raw) as unknown) : undefined
    this.requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body })
    const url = new URL(path, this.url)
    // GitHub Enterprise Server's layout: REST under /api/v3, GraphQL at /api/graphql
    if (url.pathname === '/api/graphql') url.pathname = '/graphql'
    else if (url.pathname.startsWith('/api/v3/')) url.pathname = url.pathname.slice('/api/v3'.length)
    const method = req.method ?? 'GET'
    const answer = await this.onRequest?.(method, url.pathname)
    if (answer?.html !== undefined) {
      res.writeHead(answer.status, { 'content-type': 'text/html; charset=utf-8' })
      return void res.end(answer.html)
    }
    if (answer?.json !== undefined) {
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' })
      return void res.end(answer.json)
    }
    if (answer) return send(res, answer.status, { message: answer.message })
    if (this.refuse && (!this.refuseWhen || this.refuseWhen(method, url.pathname)))
      return send(res, this.refuse.status, { message: this.refuse.message })
    const limit = this.rateLimits.findIndex((l) => !l.match || l.match(method, url.pathname))
    if (limit >= 0) return rateLimited(res, this.rateLimits.splice(limit, 1)[0], url.pathname === '/graphql')
    if (url.pathname === '/user' && method === 'GET') {
      const who = this.identity(req)
      if (who.kind !== 'pat')
        return send(res, 403, { message: 'Resource not accessible by integration', status: '403' })
      return send(res, 200, { login: who.login, id: who.id ?? accountId(who.login), type: 'User' })
    }
    if (url.pathname === '/graphql' && method === 'POST')
      return this.graphql(req, res, body as { query?: string; variables?: Record<string, unknown> })

    const list = url.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/)
    const one = url.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/)
    if (list && method === 'GET') return this.list(res, url, list[1], list[2], Number(list[3]))
    if (list && method === 'POST') {
      const text = (body as { body: string }).body
      if (tooLong(text)) return send(res, 422, bodyTooLong())
      const comment = this.newComment(list[1], list[2], Number(list[3]), text, this.identity(req).login)
      this.comments(list[1], list[2], Number(list[3])).push(comment)
      return send(res, 201, comment)
    }
    if (one && (method === 'PATCH' || method === 'DELETE')) {
      const id = Number(one[3])
      const thread = [...this.issues.values()].find((comments) => comments.some((c) => c.id === id))
      const comment = thread?.find((c) => c.id === id)
      if (!thread || !comment) return send(res, 404, { message: 'Not Found' })
      if (method === 'DELETE') {
        thread.splice(thread.indexOf(comment), 1)
        res.writeHead(204)
        return void res.end()
      }
      const text = (body as { body: string }).body
      if (tooLong(text)) return send(res, 422, bodyTooLong())
      comment.body = text
      return send(res, 200, comment)
    }

    const repoPath = url.pathname.match(/^\/repos\/([^/]+)\/([^/]+)(\/.*)$/)
    if (repoPath) {
      const fullName = `${repoPath[1]}/${repoPath[2]}`
      const bare = this.repositories.get(fullName)
      if (!bare) return send(res, 404, notFound('repos'))
      return this.repoRoute(
        req,
        res,
        url,
        fullName,
        bare,
        method,
        repoPath[3],
        body as Record<string, unknown> | undefined
      )
    }
    send(res, 404, { message: 'Not Found' })
  }

  private async repoRoute(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    fullName: string,
    bare: string,
    method: string,
    rest: string,
    body: Record<string, unknown> | undefined
  ): Promise<void> {
    const who = this.identity(req)
    let m: RegExpMatchArray | null
    if (rest === '/pulls' && method === 'GET') {
      const head = url.searchParams.get('head')
      const base = url.searchParams.get('base')
      const state = url.searchParams.get('state') ?? 'open'
      const owner = fullName.split('/')[0]
      const found = this.pullRequests(fullName).filter(
        (p) =>
          (!head || `${owner}:${p.head.ref}` === head) &&
          (!base || p.base.ref === base) &&
          (state === 'all' || p.state === state)
      )
      return send(res, 200, found)
    }
    // GitHub's limits on a pull request: the title 256 characters, the body 65,536
    if ((rest === '/pulls' && method === 'POST') || (/^\/pulls\/\d+$/.test(rest) && method === 'PATCH')) {
      const refused = pullTooLong(body ?? {})
      if (refused) return send(res, 422, refused)
    }
    if (rest === '/pulls' && method === 'POST') return this.createPull(res, fullName, bare, who, body ?? {})
    if ((m = rest.match(/^\/pulls\/(\d+)$/))) {
      const pull = this.pullRequests(fullName).find((p) => p.number === Number(m![1]))
      if (!pull) return send(res, 404, notFound('pulls'))
      if (method === 'GET') return send(res, 200, pull)
      if (method === 'PATCH') {
        if (typeof body?.title === 'string') pull.title = body.title
        if (typeof body?.body === 'string') pull.body = body.body
        if (body?.state === 'open' || body?.state === 'closed') pull.state = body.state
        if (typeof body?.base === 'string') pull.base.ref = body.base
        pull.head.sha = (await tip(bare, pull.head.ref)) ?? pull.head.sha
        return send(res, 200, pull)
      }
    }
    if (rest === '/git/refs' && method === 'POST') return this.createRef(res, bare, body ?? {})
    if (rest === '/releases' && method === 'POST') return this.createRelease(res, fullName, bare, body ?? {})
    if ((m = rest.match(/^\/releases\/tags\/(.+)$/)) && method === 'GET') {
      const release = this.releases.find((r) => r.repository === fullName && r.tag_name === decodeURIComponent(m![1]))
      return release ? send(res, 200, release) : send(res, 404, notFound('releases'))
    }
    if ((m = rest.match(/^\/git\/matching-refs\/tags\/(.*)$/)) && method === 'GET') {
      const prefix = `refs/tags/${decodeURIComponent(m[1])}`
      // GitHub matches any prefix of the name; git's patterns match whole components only
      const refs = (await git(bare, ['for-each-ref', '--format=%(refname) %(objectname)', 'refs/tags/'])).stdout
      return send(
        res,
        200,
        refs
          .split('\n')
          .filter(Boolean)
          .map((l) => ({ ref: l.split(' ')[0], object: { sha: l.split(' ')[1], type: 'commit' } }))
          .filter((r) => r.ref.startsWith(prefix))
      )
    }
    if ((m = rest.match(/^\/git\/refs?\/tags\/(.+)$/))) {
      const ref = `refs/tags/${decodeURIComponent(m[1])}`
      const sha = (await git(bare, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).stdout.trim()
      if (method === 'GET') {
        if (!sha) return send(res, 404, notFound('git/refs', 'git/refs#get-a-reference'))
        return send(res, 200, { ref, object: { sha, type: 'commit' } })
      }
      if (method === 'PATCH') {
        if (!sha) return send(res, 422, { message: 'Reference does not exist', status: '422' })
        const target = String(body?.sha ?? '')
        if (body?.force !== true && (await git(bare, ['merge-base', '--is-ancestor', sha, target])).code !== 0)
          return send(res, 422, { message: 'Update is not a fast forward', status: '422' })
        const r = await git(bare, ['update-ref', ref, target])
        if (r.code !== 0) return send(res, 422, { message: 'Object does not exist', status: '422' })
        return send(res, 200, { ref, object: { sha: target, type: 'commit' } })
      }
    }
    if ((m = rest.match(/^\/git\/refs?\/heads\/(.+)$/))) {
      const branch = decodeURIComponent(m[1])
      if (method === 'GET') {
        const sha = await tip(bare, branch)
        if (!sha) return send(res, 404, notFound('git/refs', 'git/refs#get-a-reference'))
        return send(res, 200, { ref: `refs/heads/${branch}`, object: { sha, type: 'commit' } })
      }
      if (method === 'PATCH') return this.updateRef(res, bare, branch, body ?? {})
    }
    if ((m = rest.match(/^\/commits\/([0-9a-f]{40})$/)) && method === 'GET') {
      const api = this.apiCommits.find((c) => c.sha === m![1])
      const verification = api?.verified
        ? { verified: true, reason: 'valid', signature: '-----BEGIN PGP SIGNATURE-----(loopback)', payload: null }
        : { verified: false, reason: 'unsigned', signature: null, payload: null }
      return send(res, 200, { sha: m[1], commit: { verification } })
    }
    if ((m = rest.match(/^\/branches\/([^/]+(?:\/[^/]+)*?)\/protection$/)) && method === 'GET') {
      // Reading classic protection needs admin rights: a workflow token is refused.
      if (who.kind === 'workflow') return send(res, 403, { message: 'Resource not accessible by integration' })
      const protection = this.protections.get(fullName)?.get(decodeURIComponent(m[1]))
      if (!protection || protection.variant !== 'GH006') return send(res, 404, { message: 'Branch not protected' })
      return send(res, 200, { required_status_checks: checksOf(protection) })
    }
    if ((m = rest.match(/^\/branches\/(.+)$/)) && method === 'GET') {
      const branch = decodeURIComponent(m[1])
      const sha = await tip(bare, branch)
      if (!sha) return send(res, 404, { message: 'Branch not found' })
      const protection = this.protections.get(fullName)?.get(branch)
      const classic = protection?.variant === 'GH006' ? protection : undefined
      return send(res, 200, {
        name: branch,
        commit: { sha },
        protected: classic !== undefined,
        protection: classic
          ? { enabled: true, required_status_checks: checksOf(classic) }
          : { enabled: false, required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] } }
      })
    }
    if ((m = rest.match(/^\/rules\/branches\/(.+)$/)) && method === 'GET') {
      const protection = this.protections.get(fullName)?.get(decodeURIComponent(m[1]))
      if (!protection || protection.variant !== 'GH013') return send(res, 200, [])
      const rules: unknown[] = []
      if (!protection.signaturesOnly)
        rules.push({ type: 'pull_request', ruleset_source_type: 'Repository', ruleset_id: 1 })
      if (protection.rules.some((r) => /verified signatures/.test(r)))
        rules.push({ type: 'required_signatures', ruleset_id: 1 })
      if (protection.requiredChecks?.length) {
        rules.push({
          type: 'required_status_checks',
          ruleset_id: 1,
          parameters: {
            required_status_checks: protection.requiredChecks.map((context) => ({ context })),
            strict_required_status_checks_policy: false
          }
        })
      }
      return send(res, 200, rules)
    }
    send(res, 404, { message: 'Not Found' })
  }

  private async createPull(
    res: ServerResponse,
    fullName: string,
    bare: string,
    who: TokenIdentity,
    body: Record<string, unknown>
  ): Promise<void> {
    if (who.kind === 'workflow' && this.pullRequestCreation !== 'allowed') {
      const status = this.pullRequestCreation === 'forbidden-403' ? 403 : 422
      return send(res, status, {
        message: NOT_PERMITTED_MESSAGE,
        documentation_url: docs('pulls/pulls#create-a-pull-request'),
        status: String(status)
      })
    }
    const owner = fullName.split('/')[0]
    const headRef = String(body.head ?? '').replace(new RegExp(`^${owner}:`), '')
    const base = String(body.base ?? '')
    const headSha = await tip(bare, headRef)
    const baseSha = await tip(bare, base)
    if (!headSha || !baseSha) {
      return send(
        res,
        422,
        validationFailed({ resource: 'PullRequest', field: headSha ? 'base' : 'head', code: 'invalid' })
      )
    }
    if (this.pullRequests(fullName).some((p) => p.state === 'open' && p.head.ref === headRef && p.base.ref === base)) {
      return send(
        res,
        422,
        validationFailed({
          resource: 'PullRequest',
          code: 'custom',
          message: `A pull request already exists for ${owner}:${headRef}.`
        })
      )
    }
    const number = this.nextPull++
    const pull: PullRequest = {
      number,
      state: 'open',
      title: String(body.title ?? ''),
      body: String(body.body ?? ''),
      head: { ref: headRef, sha: headSha, label: `${owner}:${headRef}` },
      base: { ref: base },
      html_url: `https://github.com/${fullName}/pull/${number}`,
      user: { login: who.login, type: who.login.endsWith('[bot]') ? 'Bot' : 'User' }
    }
    this.pullRequests(fullName).push(pull)
    send(res, 201, pull)
  }

  /** A release for a tag that must exist in the bare repository (the release script pushes it first). */
  private async createRelease(
    res: ServerResponse,
    fullName: string,
    bare: string,
    body: Record<string, unknown>
  ): Promise<void> {
    const tag = String(body.tag_name ?? '')
    if (this.releases.some((r) => r.repository === fullName && r.tag_name === tag))
      return send(res, 422, {
        message: 'Validation Failed',
        errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }]
      })
    const sha = (await git(bare, ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`])).stdout.trim()
    if (!sha)
      return send(res, 422, {
        message: 'Validation Failed',
        errors: [{ resource: 'Release', code: 'invalid', field: 'tag_name' }]
      })
    const release: Release = {
      id: this.releases.length + 1,
      repository: fullName,
      tag_name: tag,
      name: String(body.name ?? tag),
      body: String(body.body ?? ''),
      target_sha: sha,
      html_url: `https://github.com/${fullName}/releases/tag/${tag}`
    }
    this.releases.push(release)
    send(res, 201, release)
  }

  private async createRef(res: ServerResponse, bare: string, body: Record<string, unknown>): Promise<void> {
    const ref = String(body.ref ?? '')
    const sha = String(body.sha ?? '')
    if (!/^refs\/(heads|tags)\/./.test(ref))
      return send(res, 422, {
        message: 'Reference name must start with refs/ and have at least two slashes.',
        status: '422'
      })
    if ((await git(bare, ['cat-file', '-t', sha])).stdout.trim() !== 'commit') {
      return send(res, 422, {
        message: 'Object does not exist',
        documentation_url: docs('git/refs#create-a-reference'),
        status: '422'
      })
    }
    const r = await git(bare, ['update-ref', ref, sha, '0'.repeat(40)])
    if (r.code !== 0)
      return send(res, 422, {
        message: 'Reference already exists',
        documentation_url: docs('git/refs#create-a-reference'),
        status: '422'
      })
    send(res, 201, { ref, object: { sha, type: 'commit' } })
  }

  private async updateRef(
    res: ServerResponse,
    bare: string,
    branch: string,
    body: Record<string, unknown>
  ): Promise<void> {
    const sha = String(body.sha ?? '')
    const current = await tip(bare, branch)
    if (!current) return send(res, 422, { message: 'Reference does not exist', status: '422' })
    if (body.force !== true && (await git(bare, ['merge-base', '--is-ancestor', current, sha])).code !== 0) {
      return send(res, 422, {
        message: 'Update is not a fast forward',
        documentation_url: docs('git/refs#update-a-reference'),
        status: '422'
      })
    }
    const r = await git(bare, ['update-ref', `refs/heads/${branch}`, sha, current])
    if (r.code !== 0) return send(res, 422, { message: 'Reference cannot be updated', status: '422' })
    send(res, 200, { ref: `refs/heads/${branch}`, object: { sha, type: 'commit' } })
  }

  private async graphql(
    req: IncomingMessage,
    res: ServerResponse,
    body: { query?: string; variables?: Record<string, unknown> }
  ): Promise<void> {
    const query = body?.query ?? ''
    const viewer =
      /^\s*(query\s*)?\{\s*viewer\s*\{\s*((?:login|databaseId)(?:\s+(?:login|databaseId))*)\s*\}\s*\}\s*$/.exec(query)
    if (viewer) {
      if (this.viewerRefused)
        return send(res, 200, { errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }] })
      // An installation token's viewer is its bot: github-actions[bot] for the workflow token.
      const who = this.identity(req)
      const fields = viewer[2].split(/\s+/)
      const answer: Record<string, unknown> = {}
      if (fields.includes('login')) answer.login = who.login
      if (fields.includes('databaseId')) answer.databaseId = who.id ?? accountId(who.login)
      return send(res, 200, { data: { viewer: answer } })
    }
    if (!/createCommitOnBranch/.test(query)) {
      return send(res, 200, {
        errors: [{ message: 'the loopback server answers only createCommitOnBranch and { viewer { login } }' }]
      })
    }
    const input = body.variables?.input as CommitInput | undefined
    if (!input)
      return send(res, 200, {
        errors: [{ message: 'Variable $input of type CreateCommitOnBranchInput! was provided invalid value' }]
      })
    const errors = await this.commitOnBranch(input, this.identity(req))
    if ('errors' in errors) return send(res, 200, { data: { createCommitOnBranch: null }, errors: errors.errors })
    const fullName = input.branch.repositoryNameWithOwner
    send(res, 200, {
      data: {
        createCommitOnBranch: {
          commit: { oid: errors.sha, url: `https://github.com/${fullName}/commit/${errors.sha}` }
        }
      }
    })
  }

  private async commitOnBranch(
    input: CommitInput,
    who: TokenIdentity
  ): Promise<{ sha: string } | { errors: GraphQLError[] }> {
    const path = ['createCommitOnBranch']
    const fail = (type: string | undefined, message: string): { errors: GraphQLError[] } => ({
      errors: [{ ...(type ? { type } : {}), path, message }]
    })
    if (!input.expectedHeadOid) {
      return fail(
        undefined,
        'Variable $input of type CreateCommitOnBranchInput! was provided invalid value for expectedHeadOid (Expected value to not be null)'
      )
    }
    const fullName = input.branch?.repositoryNameWithOwner ?? ''
    const branch = input.branch?.branchName ?? ''
    const bare = this.repositories.get(fullName)
    if (!bare) return fail('NOT_FOUND', `Could not resolve to a Repository with the name '${fullName}'.`)
    await this.beforeCommit?.()
    const head = await tip(bare, branch)
    if (!head) return fail('NOT_FOUND', `Could not resolve to a Ref with the name 'refs/heads/${branch}'.`)
    if (head !== input.expectedHeadOid)
      return fail(
        'STALE_DATA',
        `Expected branch to point to "${input.expectedHeadOid}" but it did not.  Pull and try again.`
      )

    const protection = this.protections.get(fullName)?.get(branch)
    if (protection && !(protection.signaturesOnly && who.kind !== 'pat')) {
      if (protection.variant === 'GH006') {
        return fail(
          'BRANCH_PROTECTION_RULE_VIOLATION',
          `protected branch '${branch}' check failed:\n  ${protection.rules.join('\n  ')}`
        )
      }
      return fail('UNPROCESSABLE', `Repository rule violations found\n\n${protection.rules.join('\n\n')}\n\n`)
    }

    const additions = input.fileChanges?.additions ?? []
    const deletions = input.fileChanges?.deletions ?? []
    for (const p of [...additions.map((a) => a.path), ...deletions.map((d) => d.path)]) {
      if (!p || p.startsWith('/') || p.split('/').some((s) => s === '' || s === '.' || s === '..' || s === '.git')) {
        return fail(
          'UNPROCESSABLE',
          `A path was requested for creation or deletion that is not valid: ${JSON.stringify(p)}`
        )
      }
    }
    const scratch = mkdtempSync(join(tmpdir(), 'graft-gh-index-'))
    try {
      const env = { GIT_INDEX_FILE: join(scratch, 'index') }
      await gitOk(bare, ['read-tree', head], { env })
      for (const a of additions) {
        const blob = (
          await gitOk(bare, ['hash-object', '-w', '--stdin'], { input: Buffer.from(a.contents, 'base64') })
        ).trim()
        await gitOk(bare, ['update-index', '--add', '--cacheinfo', `100644,${blob},${a.path}`], { env })
      }
      for (const d of deletions) await gitOk(bare, ['update-index', '--force-remove', '--', d.path], { env })
      const tree = (await gitOk(bare, ['write-tree'], { env })).trim()
      const message =
        [input.message.headline, input.message.body].filter((p) => p && p.trim() !== '').join('\n\n') + '\n'
      const identity = {
        GIT_AUTHOR_NAME: who.name,
        GIT_AUTHOR_EMAIL: who.email,
        GIT_COMMITTER_NAME: 'GitHub',
        GIT_COMMITTER_EMAIL: 'noreply@github.com'
      }
      const sha = (
        await gitOk(bare, ['commit-tree', tree, '-p', head], { input: Buffer.from(message), env: identity })
      ).trim()
      const moved = await git(bare, ['update-ref', `refs/heads/${branch}`, sha, head])
      if (moved.code !== 0)
        return fail(
          'STALE_DATA',
          `Expected branch to point to "${input.expectedHeadOid}" but it did not.  Pull and try again.`
        )
      this.apiCommits.push({
        repository: fullName,
        branch,
        sha,
        verified: who.kind !== 'pat',
        token: who.kind,
        paths: [...additions.map((a) => a.path), ...deletions.map((d) => d.path)]
      })
      return { sha }
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
  }

  /** Writes the bare repository's pre-receive hook from the protections of `fullName`. */
  private installHook(fullName: string): void {
    const bare = this.repositories.get(fullName)
    const branches = this.protections.get(fullName)
    if (!bare || !branches) return
    const cases = [...branches].map(([branch, protection]) => {
      const lines = GitHubServer.refusalLines(fullName, branch, protection).map(
        (l) => `      printf '%s\\n' ${shellQuote(l)} >&2`
      )
      return [`    ${shellQuote(`refs/heads/${branch}`)})`, ...lines, '      status=1;;'].join('\n')
    })
    const script = [
      '#!/bin/sh',
      '# Installed by the loopback GitHub server: refuses pushes to protected branches as GitHub does.',
      'status=0',
      'while read old new ref; do',
      '  case "$ref" in',
      ...cases,
      '  esac',
      'done',
      'exit $status',
      ''
    ].join('\n')
    const hook = join(bare, 'hooks', 'pre-receive')
    writeFileSync(hook, script)
    chmodSync(hook, 0o755)
  }

  private list(res: ServerResponse, url: URL, owner: string, repo: string, issue: number): void {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100)
    const page = Number(url.searchParams.get('page') ?? 1)
    const all = this.comments(owner, repo, issue)
    const last = Math.max(1, Math.ceil(all.length / perPage))
    const pageUrl = (p: number): string => {
      const u = new URL(url)
      u.searchParams.set('per_page', String(perPage))
      u.searchParams.set('page', String(p))
      return u.toString()
    }
    const links = []
    if (page < last) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(last)}>; rel="last"`)
    if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(page - 1)}>; rel="prev"`)
    const headers: Record<string, string> = links.length > 0 ? { link: links.join(', ') } : {}
    send(res, 200, all.slice((page - 1) * perPage, page * perPage), headers)
  }
}

interface CommitInput {
  branch: { repositoryNameWithOwner: string; branchName: string }
  message: { headline: string; body?: string }
  fileChanges?: { additions?: { path: string; contents: string }[]; deletions?: { path: string }[] }
  expectedHeadOid?: string
}

function checksOf(protection: Protection): {
  enforcement_level: string
  contexts: string[]
  checks: { context: string; app_id: null }[]
} {
  const contexts = protection.requiredChecks ?? []
  return {
    enforcement_level: contexts.length > 0 ? 'non_admins' : 'off',
    contexts,
    checks: contexts.map((context) => ({ context, app_id: null }))
  }
}

function docs(anchor: string): string {
  return `https://docs.github.com/rest/${anchor}`
}

function notFound(area: string, anchor = area): { message: string; documentation_url: string; status: string } {
  return { message: 'Not Found', documentation_url: docs(anchor), status: '404' }
}

function validationFailed(error: Record<string, string>): unknown {
  return {
    message: 'Validation Failed',
    errors: [error],
    documentation_url: docs('pulls/pulls#create-a-pull-request'),
    status: '422'
  }
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}

interface GitResult {
  code: number
  stdout: string
  stderr: string
}

function git(
  cwd: string,
  args: string[],
  options: { input?: Buffer; env?: NodeJS.ProcessEnv } = {}
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C', ...options.env },
      stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe']
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout!.on('data', (c: Buffer) => out.push(c))
    child.stderr!.on('data', (c: Buffer) => err.push(c))
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8')
      })
    )
    if (options.input) {
      child.stdin!.on('error', () => undefined)
      child.stdin!.end(options.input)
    }
  })
}

async function gitOk(
  cwd: string,
  args: string[],
  options: { input?: Buffer; env?: NodeJS.ProcessEnv } = {}
): Promise<string> {
  const r = await git(cwd, args, options)
  if (r.code !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.trim()}`)
  return r.stdout
}

/** The branch's tip in a bare repository, or undefined when there is no such branch. */
async function tip(bare: string, branch: string): Promise<string | undefined> {
  const r = await git(bare, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`])
  return r.code === 0 ? r.stdout.trim() : undefined
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** GitHub counts a body's characters (code points). */
function tooLong(text: string): boolean {
  return [...(text ?? '')].length > BODY_MAX_CHARS
}

/** GitHub's maximum length of an issue's or a pull request's title, in characters. */
export const TITLE_MAX_CHARS = 256

/** The 422 GitHub answers a pull request whose title or body is too long, or undefined. */
function pullTooLong(body: Record<string, unknown>): unknown {
  const over = (field: string, max: number) =>
    typeof body[field] === 'string' && [...(body[field] as string)].length > max
  const field = over('title', TITLE_MAX_CHARS) ? 'title' : over('body', BODY_MAX_CHARS) ? 'body' : undefined
  if (!field) return undefined
  return {
    message: 'Validation Failed',
    errors: [
      {
        resource: 'Issue',
        code: 'custom',
        field,
        message: `${field} is too long (maximum is ${field === 'title' ? TITLE_MAX_CHARS : BODY_MAX_CHARS} characters)`
      }
    ],
    documentation_url: docs('pulls/pulls#create-a-pull-request'),
    status: '422'
  }
}

function bodyTooLong(): unknown {
  return {
    message: 'Validation Failed',
    errors: [
      {
        resource: 'IssueComment',
        code: 'custom',
        field: 'body',
        message: `body is too long (maximum is ${BODY_MAX_CHARS} characters)`
      }
    ],
    documentation_url: docs('issues/comments#create-an-issue-comment'),
    status: '422'
  }
}

/** GitHub's answer to a request over a rate limit, headers included. */
function rateLimited(res: ServerResponse, limit: RateLimit, graphql: boolean): void {
  const now = Math.floor(Date.now() / 1000)
  const status = limit.status ?? 403
  if (limit.kind === 'primary') {
    const headers = {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(now + (limit.resetIn ?? 1)),
      'x-ratelimit-used': '5000',
      'x-ratelimit-resource': graphql ? 'graphql' : 'core'
    }
    const message = 'API rate limit exceeded for installation ID 4242.'
    if (graphql && limit.graphqlType === 'RATE_LIMIT') {
      const words = 'API rate limit already exceeded for installation ID 4242.'
      return send(res, 200, { errors: [{ type: 'RATE_LIMIT', code: 'graphql_rate_limit', message: words }] }, headers)
    }
    if (graphql) return send(res, 200, { errors: [{ type: 'RATE_LIMITED', message }] }, headers)
    return send(
      res,
      status,
      {
        message,
        documentation_url: docs('overview/rate-limits-for-the-rest-api#about-rate-limits'),
        status: String(status)
      },
      headers
    )
  }
  const headers: Record<string, string> = {
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4990',
    'x-ratelimit-reset': String(now + 3600),
    'x-ratelimit-resource': graphql ? 'graphql' : 'core'
  }
  if (limit.retryAfter !== undefined) headers['retry-after'] = String(limit.retryAfter)
  send(
    res,
    status,
    {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
        'If you reach out to GitHub Support for help, please include the request ID 0000:1111:2222222:3333333:44444444.',
      documentation_url: docs('overview/rate-limits-for-the-rest-api#about-secondary-rate-limits'),
      status: String(status)
    },
    headers
  )
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  res.end(JSON.stringify(body))
}
