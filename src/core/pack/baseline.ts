// The baseline of a document: the revision at which it was last generated.
// Diffing the sources from there (not from HEAD~1) shows the model every change
// it has not seen yet, however many commits they span.
import { LazyFetchError, type Git } from '../io/git.js'
import { headerRev } from './header-rev.js'
import { phrasing } from '../phrasing.js'
import { lockHistory } from './lock-history.js'
import { deepen, describeStep, isShallow, shallowEdge, DEFAULT_DEEPEN_STEPS, type DeepenStep } from './shallow.js'

export interface Baseline {
  /** full commit sha; absent when there is nothing to compare against */
  rev?: string
  /** where the rev came from: the stage's dvc.lock entry, the output's header, the output's last commit */
  source: 'lock' | 'header' | 'output' | 'none'
  /** why there is no baseline, or how it was found, for the log */
  note?: string
  /** the baseline could not be read (a partial clone's fetch failed): the note is a warning */
  degraded?: boolean
}

export interface BaselineOptions {
  /** dvc.lock path, repository-relative */
  lockPath?: string
}

export interface BaselineStage {
  output: string
  name: string
}

/**
 * The commit `stage`'s output was last generated from, read from the history
 * there is. Fetches nothing: in a shallow clone, deepenForBaselines runs first,
 * once for the run; a baseline still at the edge of the fetched history is
 * unproven (the edge commit looks as if it created every file), so the
 * document gets no baseline and the full current sources, never HEAD~1.
 */
export async function findBaseline(git: Git, stage: BaselineStage, options: BaselineOptions = {}): Promise<Baseline> {
  const found = await locateReadable(git, stage, options)
  if (!(await atShallowEdge(git, found))) return found
  return missingHistory(
    stage,
    "it lies beyond the fetched history of this shallow clone; see the 'Shallow clone' line above"
  )
}

export interface DeepenOptions extends BaselineOptions {
  /** remote to fetch more history from (default origin) */
  remote?: string
  /** token for that fetch (the action's `token`); the CLI passes none, so the user's own git credentials apply */
  token?: string
  /** how to deepen, step by step, until every baseline is found (default 50, 500, then all) */
  deepenSteps?: DeepenStep[]
  log: { info(message: string): void; warn(message: string): void }
}

/**
 * Makes a shallow clone's history deep enough for the baseline of every one of
 * `stages`, once, before documents are packed in parallel (parallel fetches
 * collide on .git/shallow.lock). Each round finds every baseline, and while
 * any lies at the edge of the fetched history, fetches the next step of
 * `deepenSteps` — one fetch for all of them. Every fetch is logged; a failed
 * one is logged with git's message and ends the deepening (those documents
 * then get the full current sources: findBaseline). Never throws for git.
 * @returns the outputs whose baseline is still unproven (empty when every baseline was found, or the clone is not shallow)
 */
export async function deepenForBaselines(git: Git, stages: BaselineStage[], options: DeepenOptions): Promise<string[]> {
  const remote = options.remote ?? 'origin'
  const steps = [...(options.deepenSteps ?? DEFAULT_DEEPEN_STEPS)]
  for (;;) {
    if (!(await isShallow(git))) return []
    const found = await Promise.all(stages.map((stage) => locateReadable(git, stage, options)))
    const edge = await shallowEdge(git)
    const unproven = stages
      .filter((_s, i) => found[i].rev !== undefined && edge.has(found[i].rev!))
      .map((s) => s.output)
    if (unproven.length === 0) return []
    const step = steps.shift()
    const which = `${unproven.length} document(s): ${unproven.join(', ')}`
    if (step === undefined) {
      options.log.warn(
        `Shallow clone: after fetching more history, the baseline of ${which} is still not proven; they get the full current sources. ${fullHistoryHint()}`
      )
      return unproven
    }
    options.log.info(
      `Shallow clone: the baseline of ${which} may lie beyond the fetched history; fetching more, once for all: ${describeStep(remote, step)}`
    )
    const error = await deepen(git, remote, step, options.token)
    if (error) {
      options.log.warn(
        `Shallow clone: could not fetch more history (${describeStep(remote, step)}): ${error}. ` +
          `The baseline of ${which} is unknown, so they get the full current sources. ${fullHistoryHint()}`
      )
      return unproven
    }
    lockHistory(git, options.lockPath).reset()
  }
}

const fullHistoryHint = (): string => `To avoid this, ${phrasing().fullHistory}.`

async function atShallowEdge(git: Git, found: Baseline): Promise<boolean> {
  return found.rev !== undefined && (await isShallow(git)) && (await shallowEdge(git)).has(found.rev)
}

function missingHistory(stage: BaselineStage, why: string): Baseline {
  return {
    source: 'none',
    note:
      `the commit that last generated ${stage.output} is not available (${why}); ` +
      `the full current sources will be shown. ${fullHistoryHint()}`
  }
}

/**
 * locate, or no baseline when a partial clone cannot fetch the old dvc.lock
 * or output it needs: the document then gets its full current sources, and
 * the log says why (never git's own words).
 */
async function locateReadable(git: Git, stage: BaselineStage, options: BaselineOptions): Promise<Baseline> {
  try {
    return await locate(git, stage, options)
  } catch (error) {
    if (!(error instanceof LazyFetchError)) throw error
    return unreadable(stage.output, error)
  }
}

/** No baseline for `output`, because `error` (a failed fetch of a partial clone) kept the history unread. */
export function unreadable(output: string, error: LazyFetchError): Baseline {
  const problem = error.problems[0]
  return {
    source: 'none',
    degraded: true,
    note: `the history of ${output} cannot be read: ${problem.message}; it gets its full current sources instead of a diff — ${problem.hint}`
  }
}

/**
 * Picks the baseline from what history offers:
 * - L, the commit that gave the stage's dvc.lock entry its current value: `dvc repro`
 *   and this action commit output and lock together, so L is exact.
 * - H, the header's `rev=` (HEAD when the output was rendered), when it is an ancestor of
 *   HEAD; H is the render's parent, so it is at most a little older than the truth.
 * - O, the last commit that touched the output file.
 * L wins, unless H is newer than L: then the output was regenerated without the lock.
 * Without L, H wins when it is not newer than O (O can be a later hand edit, a reformat,
 * which re-read no source); taking the older of the two never loses a change, at worst it
 * shows one the document already reflects. A header newer than its file's own commit was
 * copied from elsewhere and is ignored.
 */
async function locate(git: Git, stage: BaselineStage, options: BaselineOptions): Promise<Baseline> {
  const lock = await lockHistory(git, options.lockPath).lastChange(stage.name)
  const header = await headerCommit(git, stage.output)
  if (lock) {
    if (header && header !== lock && (await isAncestor(git, lock, header))) {
      return { rev: header, source: 'header', note: `header rev is newer than the last dvc.lock change ${short(lock)}` }
    }
    return { rev: lock, source: 'lock' }
  }
  const output = await lastCommitTouching(git, stage.output)
  if (!output) {
    return { source: 'none', note: `${stage.output} has never been committed; the full current sources will be shown` }
  }
  if (header && (await isAncestor(git, header, output))) return { rev: header, source: 'header' }
  return { rev: output, source: 'output' }
}

/** The header's rev at HEAD, resolved to a full sha, when it names an ancestor of HEAD. */
async function headerCommit(git: Git, output: string): Promise<string | undefined> {
  const text = await git.show('HEAD', output)
  const rev = text === undefined ? undefined : headerRev(text)
  const sha = rev === undefined ? undefined : await git.revParse(rev)
  return sha && (await isAncestor(git, sha, 'HEAD')) ? sha : undefined
}

async function lastCommitTouching(git: Git, path: string): Promise<string | undefined> {
  const r = await git.tryExec(['log', '-1', '--format=%H', 'HEAD', '--', path])
  return r.code === 0 ? r.stdout.trim() || undefined : undefined
}

async function isAncestor(git: Git, ancestor: string, descendant: string): Promise<boolean> {
  return (await git.tryExec(['merge-base', '--is-ancestor', ancestor, descendant])).code === 0
}

function short(sha: string): string {
  return sha.slice(0, 7)
}
