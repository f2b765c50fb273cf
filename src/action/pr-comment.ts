// The sticky pull-request comment: one comment, found by a hidden marker and
// updated in place on every run. The comment is a courtesy: when the token may
// not comment (403, or 404 for a private repository it cannot see) the caller
// gets a reason to show as a notice, never an exception.
import { getOctokit } from '@actions/github'

export const STICKY_MARKER = '<!-- graft-action:sticky -->'

export interface UpsertCommentInput {
  token: string
  owner: string
  repo: string
  prNumber: number
  /** Markdown; the marker is added at the top when absent */
  body: string
}

export type UpsertCommentResult =
  { ok: true; action: 'created' | 'updated' | 'unchanged'; id: number } | { ok: false; reason: string }

/** Statuses that mean "this token may not comment here", not a bug. */
const NOT_PERMITTED = new Set([401, 403, 404])

export async function upsertPrComment(input: UpsertCommentInput): Promise<UpsertCommentResult> {
  // The API base is read at call time: @actions/github reads GITHUB_API_URL once, at import.
  const octokit = getOctokit(input.token, { baseUrl: process.env.GITHUB_API_URL || 'https://api.github.com' })
  const where = { owner: input.owner, repo: input.repo, issue_number: input.prNumber }
  const body = input.body.includes(STICKY_MARKER) ? input.body : `${STICKY_MARKER}\n${input.body}`
  try {
    const existing = await findSticky(octokit, where)
    if (!existing) {
      const created = await octokit.rest.issues.createComment({ ...where, body })
      return { ok: true, action: 'created', id: created.data.id }
    }
    if (existing.body === body) return { ok: true, action: 'unchanged', id: existing.id }
    await octokit.rest.issues.updateComment({ owner: input.owner, repo: input.repo, comment_id: existing.id, body })
    return { ok: true, action: 'updated', id: existing.id }
  } catch (error) {
    const status = (error as { status?: number }).status
    if (status !== undefined && NOT_PERMITTED.has(status)) {
      return {
        ok: false,
        reason:
          `could not write the pull request comment (HTTP ${status}: ${(error as Error).message}); ` +
          'give the workflow `permissions: pull-requests: write`, or set `comment: false`'
      }
    }
    throw error
  }
}

type Octokit = ReturnType<typeof getOctokit>

/** The first comment that starts with the marker, reading page after page until found. */
async function findSticky(
  octokit: Octokit,
  where: { owner: string; repo: string; issue_number: number }
): Promise<{ id: number; body: string } | undefined> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, { ...where, per_page: 100 })
  for await (const page of pages) {
    const found = page.data.find((c) => (c.body ?? '').trimStart().startsWith(STICKY_MARKER))
    if (found) return { id: found.id, body: found.body ?? '' }
  }
  return undefined
}
