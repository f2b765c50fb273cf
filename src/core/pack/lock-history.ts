// When did a stage's dvc.lock entry take its current value? That commit is the
// moment DVC (or this action) last brought the stage up to date: the output,
// its deps and the lock were committed together.
//
// One `git log` lists the commits that changed dvc.lock, one `git cat-file
// --batch-check` names the dvc.lock blob of each and of its parents, and each
// blob is parsed once: a run over hundreds of stages costs a few git calls.
import { parse } from 'yaml'
import { fastParseDvcLock } from '../dvc/dvclock-fast.js'
import type { Git } from '../io/git.js'

/** Walking further than this means the entry is older than anything useful. */
const MAX_COMMITS = 1000

interface LockCommit {
  commit: string
  parents: string[]
}

/** stage name → its entry as canonical JSON */
type Stages = Map<string, string> | undefined

export class LockHistory {
  private commits?: Promise<{ list: LockCommit[]; blobs: Map<string, string> }>
  private commitsHead?: string
  private readonly blobs = new Map<string, Promise<Stages>>()

  constructor(
    private readonly git: Git,
    private readonly lockPath: string
  ) {}

  /** Forgets the walked history, e.g. after fetching more of a shallow clone. */
  reset(): void {
    this.commits = undefined
  }

  /**
   * The newest commit reachable from HEAD whose dvc.lock holds the stage's current
   * entry while none of its parents does; undefined when HEAD has no entry for the
   * stage. So a regeneration merged from a branch is found on the branch, not at the
   * merge. A commit without parents (root, or the edge of a shallow clone) counts as
   * introducing whatever it holds.
   */
  async lastChange(stage: string): Promise<string | undefined> {
    const head = await this.git.revParse('HEAD')
    if (!head) return undefined
    const { list, blobs } = await this.walk(head)
    const current = await this.entry(blobs.get(head), stage)
    if (current === undefined) return undefined
    for (const { commit, parents } of list) {
      if ((await this.entry(blobs.get(commit), stage)) !== current) continue
      const inParent = await Promise.all(parents.map(async (p) => (await this.entry(blobs.get(p), stage)) === current))
      if (!inParent.includes(true)) return commit
    }
    return undefined
  }

  private walk(head: string): Promise<{ list: LockCommit[]; blobs: Map<string, string> }> {
    if (!this.commits || this.commitsHead !== head) {
      this.commitsHead = head
      this.commits = this.readHistory(head)
    }
    return this.commits
  }

  private async readHistory(head: string): Promise<{ list: LockCommit[]; blobs: Map<string, string> }> {
    const log = await this.git
      .withEnv({ GIT_LITERAL_PATHSPECS: '1' })
      .tryExec(['log', `--max-count=${MAX_COMMITS}`, '--format=%H %P', head, '--', this.lockPath])
    const list = (log.code === 0 ? log.stdout : '')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [commit, ...parents] = line.trim().split(' ')
        return { commit, parents }
      })
    const revs = [...new Set([head, ...list.flatMap((c) => [c.commit, ...c.parents])])]
    return { list, blobs: await this.lockBlobs(revs) }
  }

  /** rev → dvc.lock blob at that rev, for every rev that has one, in one git call. */
  private async lockBlobs(revs: string[]): Promise<Map<string, string>> {
    // `./`: the lock path is relative to cwd, which may be a folder below the git root.
    const input = revs.map((rev) => `${rev}:./${this.lockPath}\n`).join('')
    const out = await this.git.exec(['cat-file', '--batch-check=%(objectname) %(objecttype)'], input)
    const blobs = new Map<string, string>()
    out
      .split('\n')
      .slice(0, revs.length)
      .forEach((line, i) => {
        const [oid, type] = line.split(' ')
        if (type === 'blob') blobs.set(revs[i], oid)
      })
    return blobs
  }

  /** The stage's entry in a dvc.lock blob, as canonical JSON (see lockStageEntries). */
  private async entry(blob: string | undefined, stage: string): Promise<string | undefined> {
    if (!blob) return undefined
    if (!this.blobs.has(blob)) this.blobs.set(blob, this.parseBlob(blob))
    return (await this.blobs.get(blob))?.get(stage)
  }

  /** A corrupt historical lock is treated as holding no entries, not as an error. */
  private async parseBlob(blob: string): Promise<Stages> {
    try {
      return lockStageEntries(await this.git.exec(['cat-file', 'blob', blob]))
    } catch {
      return undefined
    }
  }
}

/**
 * Each stage's entry in a dvc.lock text → canonical JSON: keys sorted, an
 * empty or missing `deps` or `outs` left out, so a change of layout alone is
 * no change. A lock in DVC's own layout is read by the fast reader: the YAML
 * parser takes about half a second per 1000 stages, and a walk back through
 * history reads many blobs. Anything else goes to the YAML parser.
 * @returns undefined when the text holds no stages
 * @throws the YAML parser's error on text that is not YAML
 */
export function lockStageEntries(text: string): Map<string, string> | undefined {
  const fast = fastParseDvcLock(text)
  const stages: unknown = fast
    ? Object.fromEntries([...fast.stages].map(([name, s]) => [name, { cmd: s.cmd, deps: s.deps, outs: s.outs }]))
    : (parse(text) as { stages?: unknown } | null)?.stages
  if (typeof stages !== 'object' || stages === null || Object.keys(stages).length === 0) return undefined
  return new Map(Object.entries(stages).map(([name, value]) => [name, canonicalJson(value)]))
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v
    const sorted: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if ((k === 'deps' || k === 'outs') && (x === null || (Array.isArray(x) && x.length === 0))) continue
      sorted[k] = x
    }
    return sorted
  })
}

const histories = new WeakMap<Git, Map<string, LockHistory>>()

/** The history of `lockPath` for this Git instance, shared by every stage of a run. */
export function lockHistory(git: Git, lockPath = 'dvc.lock'): LockHistory {
  let byPath = histories.get(git)
  if (!byPath) histories.set(git, (byPath = new Map()))
  let history = byPath.get(lockPath)
  if (!history) byPath.set(lockPath, (history = new LockHistory(git, lockPath)))
  return history
}
