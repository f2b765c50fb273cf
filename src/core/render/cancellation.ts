// Cancelling a run (SIGTERM, SIGINT) reaches every model call in flight
// through one AbortSignal, shared by every document, attempt and retry wait.

/** The error of a call abandoned because the run was cancelled (classified fatal: never retried). */
export function cancelled(signal: AbortSignal): Error {
  const why = signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'cancelled')
  return Object.assign(new Error(`the run was cancelled (${why})`), { name: 'RunCancelled' })
}

/**
 * `work`, unless the run is cancelled first (the watcher is dropped as soon as
 * `work` settles).
 */
export async function unlessCancelled<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work
  if (signal.aborted) throw cancelled(signal)
  let unwatch = (): void => {}
  const stop = new Promise<never>((_resolve, reject) => {
    unwatch = whenAborted(signal, () => reject(cancelled(signal)))
  })
  try {
    return await Promise.race([work, stop])
  } finally {
    unwatch()
  }
}

/** What to do when a signal aborts, for every call in flight that watches it. */
const watchers = new WeakMap<AbortSignal, Set<() => void>>()

/**
 * Runs `fn` when `signal` aborts; returns a function that stops watching. The
 * run's one signal is shared by every document, attempt and retry wait, so it
 * gets one listener, whatever the concurrency, and each call adds and drops
 * its own watcher here: a listener per call would pile up past Node's limit of
 * 10 (MaxListenersExceededWarning) with a few documents in flight, and one left
 * behind per attempt would grow with every document of a long run.
 */
export function whenAborted(signal: AbortSignal, fn: () => void): () => void {
  let set = watchers.get(signal)
  if (!set) {
    const all = new Set<() => void>()
    signal.addEventListener('abort', () => [...all].forEach((watcher) => watcher()), { once: true })
    watchers.set(signal, all)
    set = all
  }
  set.add(fn)
  const mine = set
  return () => void mine.delete(fn)
}
