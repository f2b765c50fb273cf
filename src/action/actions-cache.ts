// The one way to GitHub's Actions cache (the render cache, the DVC
// installation): the cache is an optimisation, so it may never cost more than
// a few seconds or fail a run.
//
// @actions/cache has no time limit of its own on the cache service: its Twirp
// client (internal/shared/cacheTwirpClient.js) makes up to 5 attempts with
// 3 s × 1.5ⁿ sleeps between them (about 25 s per call while the service answers
// 503), and its HTTP client sets no socket timeout, so a service that accepts
// connections and never answers holds a call forever; neither can be set
// through restoreCache/saveCache. So every call here runs against a short
// limit of ours; after the first failure or timeout the run stops using the
// cache (said once in the log) and goes on without it. A call left behind keeps
// its socket or retry timer: run-end.ts ends the process when one was, so it
// cannot hold the step open after the work is done.
import * as cache from '@actions/cache'
import { actionLog } from './report.js'
import { abandonedCall } from './run-end.js'

/** How long one cache call may take before the run gives up on the cache. */
export const CACHE_CALL_LIMIT_MS = 5_000

let disabled: string | undefined

/** Whether the cache can be used now: the service is configured and nothing has failed yet in this run. */
export function cacheUsable(): boolean {
  if (disabled) return false
  let available = false
  try {
    available = cache.isFeatureAvailable()
  } catch {
    // treated as unavailable
  }
  if (!available) disable('the cache service is not available here', false)
  return available
}

/** Stops using the cache for the rest of the run; says why once. */
function disable(why: string, loud = true): void {
  if (disabled) return
  disabled = why
  if (loud) actionLog.warn(`Actions cache: ${why}; going on without the cache for the rest of this run.`)
  else actionLog.info(`Actions cache: ${why}; going on without it.`)
}

/**
 * One cache call (`what`, e.g. "restore graft-render-…") within `limitMs`.
 * Undefined when the cache is not usable, the call failed, or it did not
 * answer in time; the first failure or timeout turns the cache off for the run.
 */
export async function cacheCall<T>(
  what: string,
  call: () => Promise<T>,
  limitMs = CACHE_CALL_LIMIT_MS
): Promise<T | undefined> {
  if (!cacheUsable()) return undefined
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), limitMs)
    timer.unref()
  })
  try {
    const result = await Promise.race([call(), timeout])
    if (result === 'timeout') {
      abandonedCall()
      disable(`${what} did not finish within ${limitMs / 1000} s`)
      return undefined
    }
    // a call that finished after another one turned the cache off is not trusted either
    return disabled ? undefined : result
  } catch (error) {
    disable(`${what} failed (${(error as Error).message.split('\n')[0]})`)
    return undefined
  } finally {
    clearTimeout(timer)
  }
}

export interface CacheLimits {
  /**
   * For a large archive (the DVC installation): the time the archive itself
   * may take once the service has answered a lookup within CACHE_CALL_LIMIT_MS.
   * Without it, the whole call has CACHE_CALL_LIMIT_MS.
   */
  archiveMs?: number
}

/** restoreCache within the limits: the key restored, or undefined (a miss, or no cache). */
export async function restore(paths: string[], key: string, limits: CacheLimits = {}): Promise<string | undefined> {
  if (limits.archiveMs === undefined) return cacheCall(`restoring ${key}`, () => cache.restoreCache(paths, key))
  // a quick lookup first: a slow or silent service is found out in seconds, not after a long download limit
  const found = await cacheCall(`looking up ${key}`, () => cache.restoreCache(paths, key, [], { lookupOnly: true }))
  if (!found) return undefined
  const options = { timeoutInMs: limits.archiveMs, segmentTimeoutInMs: limits.archiveMs }
  return cacheCall(`restoring ${key}`, () => cache.restoreCache(paths, key, [], options), limits.archiveMs)
}

/** saveCache within the limits: whether the entry was saved. */
export async function save(paths: string[], key: string, limits: CacheLimits = {}): Promise<boolean> {
  const id = await cacheCall(`saving ${key}`, () => cache.saveCache(paths, key), limits.archiveMs)
  return id !== undefined && id !== -1
}
