// The baseline of a document: the revision at which it was last generated.
// Diffing the sources from there (not from HEAD~1) shows the model every change
// it has not seen yet, however many commits they span.
import type { Git } from '../io/git.js'
import { headerRev } from './header-rev.js'
import { lockHistory } from './lock-history.js'
import { deepen, describeStep, isShallow, shallowEdge, DEFAULT_DEEPEN_STEPS, type DeepenStep } from './shallow.js'

export interface Baseline {
  /** full commit sha; absent when there is nothing to compare against */
  rev?: string
  /** where the rev came from: the stage's dvc.lock entry, the output's header, the output's last commit */
  source: 'lock' | 'header' | 'output' | 'none'
  /** why there is no baseline, or how it was found, for the log */
  note?: string
}

export interface BaselineOptions {
  /** dvc.lock path, repository-relative */
  lockPath?: string
  /** remote to deepen a shallow clone from */
  remote?: string
  /** how to deepen a shallow clone, step by step, until the baseline is found */
  deepenSteps?: DeepenStep[]
  log?: { info(message: string): void; warn(message: string): void }
}

export interface BaselineStage {
  output: string
  name: string
}

export async function findBaseline(git: Git, stage: BaselineStage, options: BaselineOptions = {}): Promise<Baseline> {
  const remote = options.remote ?? 'origin'
  const steps = [...(options.deepenSteps ?? DEFAULT_DEEPEN_STEPS)]
  for (;;) {
    const found = await locate(git, stage, options)
    if (!found.rev || !(await isShallow(git)) || !(await shallowEdge(git)).has(found.rev)) return found
    // Found only at the edge of a shallow clone: the real baseline may be older.
    const step = steps.shift()
    if (step === undefined) return missingHistory(stage, 'the history is still shallow after fetching all of it')
    options.log?.info(`${stage.output}: shallow clone, baseline not in the fetched history; ${describeStep(remote, step)}`)
    const error = await deepen(git, remote, step)
    if (error) {
      options.log?.warn(`${stage.output}: could not fetch more history (${error})`)
      return missingHistory(stage, `fetching more history from ${remote} failed`)
    }
    lockHistory(git, options.lockPath).reset()
  }
}

function missingHistory(stage: BaselineStage, why: string): Baseline {
  return {
    source: 'none',
    note:
      `the commit that last generated ${stage.output} is not available (${why}); ` +
      'the full current sources will be shown. Use actions/checkout with fetch-depth: 0 to avoid this.'
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
