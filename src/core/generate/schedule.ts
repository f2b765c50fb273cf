// Runs tasks in dependency order: a task starts once every task it depends on
// has finished, with at most `concurrency` running at once. The first failure
// stops new starts; the tasks in flight finish, then the failure is thrown.

export interface DagTask<T> {
  id: string
  /** ids of other tasks in this run that must finish first */
  after: string[]
  run: () => Promise<T>
}

export async function runDag<T>(tasks: DagTask<T>[], concurrency: number): Promise<Map<string, T>> {
  const results = new Map<string, T>()
  const pending = new Map(tasks.map((t) => [t.id, t]))
  const running = new Map<string, Promise<void>>()
  let failure: { error: unknown } | undefined

  const ids = new Set(tasks.map((t) => t.id))
  const ready = (t: DagTask<T>): boolean => t.after.every((id) => results.has(id) || !ids.has(id))

  while ((pending.size > 0 && !failure) || running.size > 0) {
    if (!failure) {
      for (const task of [...pending.values()]) {
        if (running.size >= Math.max(1, concurrency)) break
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
              failure ??= { error }
              running.delete(task.id)
            }
          )
        )
      }
    }
    if (running.size === 0) {
      if (pending.size > 0 && !failure) throw new Error(`tasks can never start: ${[...pending.keys()].join(', ')}`)
      break
    }
    await Promise.race(running.values())
  }
  if (failure) throw failure.error
  return results
}
