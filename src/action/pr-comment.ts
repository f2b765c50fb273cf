// The sticky pull-request comment: one comment per pipeline (working
// directory), found by a hidden marker naming the pipeline **and** by its
// author — only a comment written by the account the token acts as is ever
// taken for the bot's, so a human who posts (or edits in) the marker is left
// alone. Updated in place on every run.
//
// The comment is a courtesy: when the token may not comment (403, or 404 for a
// private repository it cannot see), or GitHub's rate limit refuses it, the
// caller gets a reason to show as a notice, never an exception. A report GitHub
// refuses (422 "Body is too long", a rate limit, a server error, a locked
// conversation) never leaves an older report standing: the old comment is
// replaced by a short note saying so, or deleted when even that is refused.
//
// There is only ever one: two runs that raced (neither found a comment, both
// posted one) would leave the loser's report standing beside later ones, so
// after posting a new comment the list is read again, and every run keeps the
// oldest of its comments and deletes the others. A comment deleted between the
// listing and the update is posted anew.
import type { Markdown } from './gfm.js'
import { EXPIRED_TOKEN_HINT } from '../core/io/remote-auth.js'
import {
  githubReason,
  isIdentity,
  octokitFor,
  rateLimitCause,
  timeoutCause,
  tokenIdentity,
  type TokenIdentity
} from './github-api.js'

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
  /** the pull request comes from a fork: GitHub gives its `pull_request` runs a read-only token */
  fromFork?: boolean
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

/** The characters the marker line adds to a report: builders of the body leave room for it. */
export function markerLength(pipeline: string): number {
  return stickyMarker(pipeline).length + 1
}

export async function upsertPrComment(input: UpsertCommentInput): Promise<UpsertCommentResult> {
  const octokit = octokitFor(input.token)
  const where = { owner: input.owner, repo: input.repo, issue_number: input.prNumber }
  const marker = stickyMarker(input.pipeline)
  const body = `${marker}\n${input.body}`
  const update = (id: number, text: string) =>
    octokit.rest.issues.updateComment({ owner: input.owner, repo: input.repo, comment_id: id, body: text })
  let existing: { id: number; body: string } | undefined
  let identity: TokenIdentity | undefined
  let listed = false
  try {
    identity = await tokenIdentity(input.token)
    if (!identity) {
      return {
        ok: false,
        reason:
          'GitHub did not say which account the token acts as (GraphQL `viewer` and REST `/user` both refused), ' +
          "so the bot's comment cannot be told from a person's; check the `token` input"
      }
    }
    const self = identity
    const ours = async () => (await findSticky(octokit, where, input.pipeline, self)).ours
    const found = await findSticky(octokit, where, input.pipeline, self)
    const [first, ...duplicates] = found.ours
    existing = first
    listed = true
    await deleteComments(octokit, input, [...duplicates, ...found.legacy])
    if (!existing) {
      const created = await octokit.rest.issues.createComment({ ...where, body })
      return { ok: true, action: 'created', id: await settleRace(created.data.id, ours, update, body, input) }
    }
    if (existing.body === body) return { ok: true, action: 'unchanged', id: existing.id }
    try {
      await update(existing.id, body)
    } catch (error) {
      // deleted since the listing (by a person, or a racing run): the report is posted anew
      if ((error as { status?: number }).status !== 404) throw error
      existing = undefined
      const created = await octokit.rest.issues.createComment({ ...where, body })
      return { ok: true, action: 'created', id: created.data.id }
    }
    return { ok: true, action: 'updated', id: existing.id }
  } catch (error) {
    const reason = refusalReason(error, input.fromFork ?? false)
    const status = (error as { status?: number }).status
    // GitHub at times answers 5xx to a write it made (probot/probot#921): if the report is there, it was posted
    if (identity && listed && status !== undefined && status >= 500 && !timeoutCause(error)) {
      const landed = await findSticky(octokit, where, input.pipeline, identity)
        .then((found) => found.ours.find((c) => c.body === body))
        .catch(() => undefined)
      if (landed) return { ok: true, action: existing ? 'updated' : 'created', id: landed.id }
    }
    // A token that may not write comments cannot replace the old one either.
    if (!rateLimitCause(error) && !isLocked(error) && status !== undefined && NOT_PERMITTED.has(status)) {
      return { ok: false, reason, standing: !listed ? 'unknown' : existing ? 'old report' : 'none' }
    }
    // the comments could not be read: a note posted now might stand beside an older report it cannot see
    if (!listed) return { ok: false, reason, standing: 'unknown' }
    // an API that does not answer would not take a note either: not asked again
    if (timeoutCause(error)) return { ok: false, reason, standing: existing ? 'old report' : 'none' }
    const note = `${marker}\n${input.refused(githubReason(error))}`
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

/**
 * After posting a new comment: when a racing run posted its own meanwhile,
 * the oldest of them stays (holding this report) and the others are deleted.
 * Both runs settle on the same comment without coordinating. Best effort: the
 * id of the comment that holds the report.
 */
async function settleRace(
  created: number,
  ours: () => Promise<{ id: number }[]>,
  update: (id: number, body: string) => Promise<unknown>,
  body: string,
  input: UpsertCommentInput
): Promise<number> {
  try {
    const [oldest, ...others] = await ours()
    if (!oldest || others.length === 0) return created
    if (oldest.id !== created) await update(oldest.id, body)
    await deleteComments(octokitFor(input.token), input, others)
    return oldest.id
  } catch {
    return created
  }
}

/** Deletes the run's own surplus comments, best effort (one already gone was deleted by the racing run). */
async function deleteComments(octokit: Octokit, input: UpsertCommentInput, comments: { id: number }[]): Promise<void> {
  for (const c of comments) {
    await octokit.rest.issues
      .deleteComment({ owner: input.owner, repo: input.repo, comment_id: c.id })
      .catch(() => undefined)
  }
}

/** GitHub refuses comments on a locked conversation (403 "… because issue is locked"): not a missing permission. */
function isLocked(error: unknown): boolean {
  const e = error as { status?: number; message?: string }
  return e.status === 403 && /\blocked\b/i.test(e.message ?? '')
}

/** What the notice says: rate limiting when that was the cause, permissions when the token may not comment. */
function refusalReason(error: unknown, fromFork: boolean): string {
  const late = timeoutCause(error)
  if (late) return `${late}, so the pull request comment was not written; the next run writes it`
  const limited = rateLimitCause(error)
  if (limited) {
    return `${limited} refused the pull request comment, and the action does not wait that long; the next run writes it`
  }
  if (isLocked(error)) {
    return (
      `could not write the pull request comment: the conversation is locked (${githubReason(error)}); ` +
      'GitHub takes comments on a locked conversation only from collaborators, which the workflow token and App tokens are not: unlock it, or set `comment: false`'
    )
  }
  const status = (error as { status?: number }).status
  if (status === 401) {
    return (
      `GitHub refused the token (${githubReason(error)}): it has expired or was revoked, so the pull request comment was not written; ` +
      EXPIRED_TOKEN_HINT
    )
  }
  if (status !== undefined && NOT_PERMITTED.has(status) && fromFork) {
    // no `permissions:` can change it (marocchino/sticky-pull-request-comment#227)
    return (
      `could not write the pull request comment (${githubReason(error)}): this pull request comes from a fork, ` +
      "and GitHub gives a fork's `pull_request` run a read-only token whatever the workflow's `permissions:` say; " +
      'the report is in the job summary. To skip the attempt, set `comment: false` for forks ' +
      '(`comment: ${{ github.event.pull_request.head.repo.full_name == github.repository }}`)'
    )
  }
  if (status !== undefined && NOT_PERMITTED.has(status)) {
    return (
      `could not write the pull request comment (${githubReason(error)}); ` +
      'give the workflow `permissions: pull-requests: write`, or set `comment: false`'
    )
  }
  return `GitHub refused the pull request comment (${githubReason(error)})`
}

/**
 * The pipeline's sticky comments, oldest first: every comment whose first
 * line is the pipeline's marker (or, for the root pipeline, the legacy marker)
 * and whose author is the token's own account. One, unless runs raced.
 * `legacy`: for another pipeline, the token's comments with the legacy marker.
 * The jobs of a monorepo matrix shared that one comment before there was one
 * per pipeline; after the upgrade each posts its own, and the shared one,
 * holding whichever job's report came last, would stand for ever (only a root
 * pipeline adopts it): it is deleted.
 */
async function findSticky(
  octokit: Octokit,
  where: { owner: string; repo: string; issue_number: number },
  pipeline: string,
  identity: TokenIdentity
): Promise<{ ours: { id: number; body: string }[]; legacy: { id: number }[] }> {
  const root = pipeline === '.'
  const markers = new Set([stickyMarker(pipeline), ...(root ? [LEGACY_MARKER] : [])])
  const found = { ours: [] as { id: number; body: string }[], legacy: [] as { id: number }[] }
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, { ...where, per_page: 100 })
  for await (const page of pages) {
    for (const c of page.data) {
      if (!isIdentity(c.user, identity)) continue
      const first = (c.body ?? '').trimStart().split('\n')[0].trim()
      if (markers.has(first)) found.ours.push({ id: c.id, body: c.body ?? '' })
      else if (!root && first === LEGACY_MARKER) found.legacy.push({ id: c.id })
    }
  }
  return found
}
