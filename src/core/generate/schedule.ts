// Runs tasks in dependency order: a task starts once every task it depends on
// has finished, with at most `concurrency` running at once. A failure the
// caller calls local (one document's own: a timeout, a cut-off reply) stops
// only what depends on the failed task, so the others still run (and their
// work is kept, e.g. in the render cache); any other failure, or stop(),
// stops new starts at once. The tasks in flight always finish. Then, if
// anything failed, DagFailed is thrown.

export interface DagTask<T> {
  id: string
  /** ids of other tasks in this run that must finish first */
  after: string[]
  run: () => Promise<T>
}

export interface DagOptions {
  /** true when the failure belongs to its task alone, so independent tasks may go on; default: none is */
  isLocal?: (error: unknown) => boolean
  /** polled before each start: a reason to start nothing more (e.g. a spent budget), or undefined */
  stopReason?: () => string | undefined
}

/** What a run that did not complete left behind. */
export class DagFailed extends Error {
  constructor(
    /** every failure, in the order they happened */
    readonly failures: Array<{ id: string; error: unknown }>,
    /** tasks that finished */
    readonly done: string[],
    /** tasks never started: behind a failed task, or after the run stopped */
    readonly skipped: string[],
    /** why new starts stopped before the run ran out of tasks, if they did */
    readonly stopped?: string
  ) {
    super(failures.length > 0 ? errorMessage(failures[0].error) : (stopped ?? 'the run stopped'))
    this.name = 'DagFailed'
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export async function runDag<T>(
  tasks: DagTask<T>[],
  concurrency: number,
  options: DagOptions = {}
): Promise<Map<string, T>> {
  const results = new Map<string, T>()
  const pending = new Map(tasks.map((t) => [t.id, t]))
  const running = new Map<string, Promise<void>>()
  const failures: Array<{ id: string; error: unknown }> = []
  const failed = new Set<string>()
  let stopped: string | undefined

  const ids = new Set(tasks.map((t) => t.id))
  const ready = (t: DagTask<T>): boolean => t.after.every((id) => results.has(id) || !ids.has(id))
  const blocked = (t: DagTask<T>): boolean => t.after.some((id) => failed.has(id))

  while ((pending.size > 0 && !stopped) || running.size > 0) {
    if (!stopped) stopped = options.stopReason?.()
    if (!stopped) {
      for (const task of [...pending.values()]) {
        if (running.size >= Math.max(1, concurrency)) break
        if (blocked(task)) {
          // a task behind a failed one never starts; neither does what lies behind it
          pending.delete(task.id)
          failed.add(task.id)
          continue
        }
        if (!ready(task)) continue
        pending.delete(task.id)
        running.set(
          task.id,
          task.run().then(
            (value) => {
              results.set(task.id, value)
              running.delete(task.id)
            },
            (error: unknown) => {
              failures.push({ id: task.id, error })
              failed.add(task.id)
              if (!(options.isLocal?.(error) ?? false)) stopped ??= errorMessage(error)
              running.delete(task.id)
            }
          )
        )
      }
    }
    if (running.size === 0) {
      if (stopped || pending.size === 0) break
      // a pass removes what waits on a failed task; go round again until none is left
      if ([...pending.values()].some(blocked)) continue
      if (failures.length > 0) break
      throw new Error(`tasks can never start: ${[...pending.keys()].join(', ')}`)
    }
    await Promise.race(running.values())
  }
  if (failures.length > 0 || stopped) {
    const skipped = tasks.map((t) => t.id).filter((id) => !results.has(id) && !failures.some((f) => f.id === id))
    throw new DagFailed(failures, [...results.keys()], skipped, stopped)
  }
  return results
}
