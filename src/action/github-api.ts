// The GitHub API calls of publishing, through Octokit (@actions/github):
// GraphQL createCommitOnBranch (classified into the core's CommitApiAnswer),
// the rolling pull request (find by head, create, update), and what a
// workflow token may read about a branch's required checks. The API base is
// read at call time from GITHUB_API_URL (GraphQL at `<base>/graphql`).
import { getOctokit } from '@actions/github'
import type { CommitApi, CommitApiAnswer, CommitOnBranchRequest } from '../core/publish/api-commit.js'
import { scrubSecret } from '../core/publish/auth.js'

type Octokit = ReturnType<typeof getOctokit>

export function octokitFor(token: string): Octokit {
  return getOctokit(token, { baseUrl: process.env.GITHUB_API_URL || 'https://api.github.com' })
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
  const text = scrubSecret(
    errors?.map((e) => e.message ?? '').join(' / ') || (error instanceof Error ? error.message : String(error)),
    token
  )
    .replace(/\s*\n\s*/g, ' / ')
    .replace(/( \/ )+/g, ' / ')
    .replace(/ \/ $/, '')
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
  body: string
): Promise<RollingPullRequest> {
  const octokit = octokitFor(token)
  const [owner, repo] = repository.split('/')
  const { data: open } = await octokit.rest.pulls.list({
    owner,
    repo,
    head: `${owner}:${head}`,
    base,
    state: 'open',
    per_page: 10
  })
  if (open.length > 0) {
    const pr = open[0]
    await octokit.rest.pulls.update({ owner, repo, pull_number: pr.number, title, body })
    return { number: pr.number, url: pr.html_url, action: 'updated' }
  }
  const { data: pr } = await octokit.rest.pulls.create({ owner, repo, head, base, title, body })
  return { number: pr.number, url: pr.html_url, action: 'created' }
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
