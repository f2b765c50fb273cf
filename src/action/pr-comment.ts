// The sticky pull-request comment: one comment per pipeline (working
// directory), found by a hidden marker naming the pipeline **and** by its
// author — only a comment written by the account the token acts as is ever
// taken for the bot's, so a human who posts (or edits in) the marker is left
// alone. Updated in place on every run.
//
// The comment is a courtesy: when the token may not comment (403, or 404 for a
// private repository it cannot see), or GitHub's rate limit refuses it, the
// caller gets a reason to show as a notice, never an exception. A report GitHub
// refuses (422 "Body is too long", a rate limit, a server error) never leaves
// an older report standing: the old comment is replaced by a short note saying
// so, or deleted when even that is refused.
import type { Markdown } from './gfm.js'
import { isIdentity, octokitFor, rateLimitCause, tokenIdentity, type TokenIdentity } from './github-api.js'

/** The marker of comments written before there was one comment per pipeline: taken as the root pipeline's. */
export const LEGACY_MARKER = '<!-- graft-action:sticky -->'

/**
 * The hidden first line of the pipeline's sticky comment. The pipeline is
 * URI-encoded, so no name can end the HTML comment (`>` is always encoded).
 */
export function stickyMarker(pipeline: string): string {
  return `<!-- graft-action:sticky pipeline=${encodeURIComponent(pipeline)} -->`
}

export interface UpsertCommentInput {
  token: string
  owner: string
  repo: string
  prNumber: number
  /** the working directory, relative to the workspace, `/`-separated (`.` for the root): see pipelineOf */
  pipeline: string
  /** the report; the marker is put on its first line */
  body: Markdown
  /** the short note that replaces the comment when GitHub refuses the report, given GitHub's reason */
  refused: (reason: string) => Markdown
}

export type UpsertCommentResult =
  | { ok: true; action: 'created' | 'updated' | 'unchanged'; id: number }
  /** `standing`: what is on the pull request now, when not the report */
  | { ok: false; reason: string; standing?: Standing }

/** What is on the pull request after a refusal: the note, nothing (deleted, or there was none), the old report, or unknown (the comments could not be read). */
export type Standing = 'note' | 'deleted' | 'none' | 'old report' | 'unknown'

/** Statuses that mean "this token may not comment here", not a bug. */
const NOT_PERMITTED = new Set([401, 403, 404])

type Octokit = ReturnType<typeof octokitFor>

export async function upsertPrComment(input: UpsertCommentInput): Promise<UpsertCommentResult> {
  const octokit = octokitFor(input.token)
  const where = { owner: input.owner, repo: input.repo, issue_number: input.prNumber }
  const marker = stickyMarker(input.pipeline)
  const body = `${marker}\n${input.body}`
  let existing: { id: number; body: string } | undefined
  let listed = false
  try {
    const identity = await tokenIdentity(input.token)
    if (!identity) {
      return {
        ok: false,
        reason:
          'GitHub did not say which account the token acts as (GraphQL `viewer` and REST `/user` both refused), ' +
          "so the bot's comment cannot be told from a person's; check the `token` input"
      }
    }
    existing = await findSticky(octokit, where, input.pipeline, identity)
    listed = true
    if (!existing) {
      const created = await octokit.rest.issues.createComment({ ...where, body })
      return { ok: true, action: 'created', id: created.data.id }
    }
    if (existing.body === body) return { ok: true, action: 'unchanged', id: existing.id }
    await octokit.rest.issues.updateComment({ owner: input.owner, repo: input.repo, comment_id: existing.id, body })
    return { ok: true, action: 'updated', id: existing.id }
  } catch (error) {
    const reason = refusalReason(error)
    const status = (error as { status?: number }).status
    // A token that may not write comments cannot replace the old one either.
    if (!rateLimitCause(error) && status !== undefined && NOT_PERMITTED.has(status)) {
      return { ok: false, reason, standing: !listed ? 'unknown' : existing ? 'old report' : 'none' }
    }
    // the comments could not be read: a note posted now might stand beside an older report it cannot see
    if (!listed) return { ok: false, reason, standing: 'unknown' }
    const note = `${marker}\n${input.refused(shortReason(error))}`
    return { ok: false, reason, standing: await replaceWithNote(octokit, input, where, existing?.id, note) }
  }
}

/**
 * After GitHub refused the report: the old comment becomes `note` (or a new
 * note is posted when there was none); when that is refused too, the old
 * comment is deleted, so what stands is never an earlier run's report.
 */
async function replaceWithNote(
  octokit: Octokit,
  input: UpsertCommentInput,
  where: { owner: string; repo: string; issue_number: number },
  id: number | undefined,
  note: string
): Promise<Standing> {
  try {
    if (id === undefined) await octokit.rest.issues.createComment({ ...where, body: note })
    else await octokit.rest.issues.updateComment({ owner: input.owner, repo: input.repo, comment_id: id, body: note })
    return 'note'
  } catch {
    if (id === undefined) return 'none'
  }
  try {
    await octokit.rest.issues.deleteComment({ owner: input.owner, repo: input.repo, comment_id: id })
    return 'deleted'
  } catch {
    return 'old report'
  }
}

/** GitHub's reason, for the note on the pull request: the status and its words, or the rate limit. */
function shortReason(error: unknown): string {
  const limited = rateLimitCause(error)
  if (limited) return limited
  const e = error as {
    status?: number
    message?: string
    response?: { data?: { message?: string; errors?: { message?: string }[] } }
  }
  // GitHub's own words ("body is too long (maximum is 65536 characters)"), not Octokit's JSON dump
  const data = e.response?.data
  const detail = data?.errors
    ?.map((x) => x.message)
    .filter(Boolean)
    .join('; ')
  const message = (detail || data?.message || e.message || String(error)).split('\n')[0].slice(0, 300)
  return e.status ? `HTTP ${e.status}: ${message}` : message
}

/** What the notice says: rate limiting when that was the cause, permissions when the token may not comment. */
function refusalReason(error: unknown): string {
  const limited = rateLimitCause(error)
  if (limited) {
    return `${limited} refused the pull request comment, and the action does not wait that long; the next run writes it`
  }
  const status = (error as { status?: number }).status
  if (status !== undefined && NOT_PERMITTED.has(status)) {
    return (
      `could not write the pull request comment (HTTP ${status}: ${(error as Error).message}); ` +
      'give the workflow `permissions: pull-requests: write`, or set `comment: false`'
    )
  }
  return `GitHub refused the pull request comment (${shortReason(error)})`
}

/**
 * The pipeline's sticky comment: the first comment, page after page, whose
 * first line is the pipeline's marker (or, for the root pipeline, the legacy
 * marker) and whose author is the token's own account.
 */
async function findSticky(
  octokit: Octokit,
  where: { owner: string; repo: string; issue_number: number },
  pipeline: string,
  identity: TokenIdentity
): Promise<{ id: number; body: string } | undefined> {
  const markers = new Set([stickyMarker(pipeline), ...(pipeline === '.' ? [LEGACY_MARKER] : [])])
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, { ...where, per_page: 100 })
  for await (const page of pages) {
    const found = page.data.find(
      (c) => markers.has((c.body ?? '').trimStart().split('\n')[0].trim()) && isIdentity(c.user, identity)
    )
    if (found) return { id: found.id, body: found.body ?? '' }
  }
  return undefined
}
