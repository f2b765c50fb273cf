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
//
// Two more ways a bad day shows: a service that answers every call, each
// slowly (a second or two per request, under the limit), would cost that on
// every document — so a call slower than CACHE_SLOW_MS turns the cache off too,
// once its result is used; and most failures never reach us as errors (see
// watchToolkit).
import * as cache from '@actions/cache'
import { actionLog } from './report.js'
import { escapeLog } from '../core/log.js'
import { abandonedCall } from './run-end.js'

/** How long one cache call may take before the run gives up on the cache. */
export const CACHE_CALL_LIMIT_MS = 5_000
/** A small entry's call (a lookup, a rendered text) this slow means the service is having a bad day. */
export const CACHE_SLOW_MS = 3_000

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

// @actions/cache swallows most failures — a reset or refused connection, a
// 4xx, its own rate limit: restoreCache then answers "no entry", saveCache -1,
// and the toolkit prints "Failed to restore: …" (or save) as a warning or
// error annotation of its own, once per call, while the cache stays on. That
// line is the only sign of them (the package exports nothing else), so while a
// call is in flight the action's stdout is watched for it: the line is taken as
// the call's failure (the cache is turned off and that is said once, by us) and
// is not printed.
const TOOLKIT_FAILURE = /^::(?:warning|error)::(?:Failed to (?:restore|save)|Cache reservation failed): ([^\r\n]*)/
/**
 * The service refuses to create an entry that is there already (another job
 * saved the same text first). Answered as a Twirp `ok: false`, the toolkit
 * warns "Cache reservation failed: … already exists" — an annotation, one of
 * GitHub's ten per step, about nothing wrong (actions/cache#1541). Said as a
 * log line; the cache stays on. Any other refused reservation is a failure.
 */
const ALREADY_SAVED = /already exists/i
let watching = 0
let unwatch: (() => void) | undefined
let toolkitFailure: string | undefined

function watchToolkit(): void {
  if (watching++ > 0) return
  const stdout = process.stdout
  const write = stdout.write
  const watcher = function (this: unknown, chunk: string | Uint8Array, ...rest: unknown[]) {
    const failed = TOOLKIT_FAILURE.exec(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
    if (!failed) return (write as (...args: unknown[]) => boolean).call(stdout, chunk, ...rest)
    // the workflow command's escaping undone, its first line kept
    const said = failed[1].split('%0A')[0].replace(/%0D/g, '').replace(/%25/g, '%')
    if (ALREADY_SAVED.test(said)) {
      return (write as (...args: unknown[]) => boolean).call(
        stdout,
        `${escapeLog(`Actions cache: ${said} (saved by another job); nothing to save`)}\n`,
        ...rest
      )
    }
    toolkitFailure ??= said
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined
    done?.()
    return true
  } as typeof stdout.write
  stdout.write = watcher
  unwatch = () => {
    // unless something else took stdout over meanwhile
    if (stdout.write === watcher) stdout.write = write
  }
}

function unwatchToolkit(): void {
  if (--watching > 0) return
  unwatch?.()
  unwatch = undefined
}

/**
 * One cache call (`what`, e.g. "restore graft-render-…") within `limitMs`.
 * Undefined when the cache is not usable, the call failed, or it did not
 * answer in time; the first failure or timeout turns the cache off for the
 * run. A call slower than `slowMs` is used, and turns the cache off after it.
 */
export async function cacheCall<T>(
  what: string,
  call: () => Promise<T>,
  limitMs = CACHE_CALL_LIMIT_MS,
  slowMs = CACHE_SLOW_MS
): Promise<T | undefined> {
  if (!cacheUsable()) return undefined
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), limitMs)
    timer.unref()
  })
  const started = Date.now()
  watchToolkit()
  // watched until the toolkit is done, also when we stopped waiting for it
  const running = call().finally(unwatchToolkit)
  try {
    const result = await Promise.race([running, timeout])
    if (result === 'timeout') {
      abandonedCall()
      disable(`${what} did not finish within ${limitMs / 1000} s`)
      return undefined
    }
    if (toolkitFailure) {
      disable(`${what} failed (${toolkitFailure})`)
      return undefined
    }
    const took = Date.now() - started
    if (took > slowMs) disable(`${what} took ${(took / 1000).toFixed(1)} s (the cache service is slow)`)
    // a call that finished after another one turned the cache off is not trusted either, unless it was this slow one
    return disabled && took <= slowMs ? undefined : result
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
  // a large archive may take long without the service being slow
  const archive = limits.archiveMs
  return cacheCall(`restoring ${key}`, () => cache.restoreCache(paths, key, [], options), archive, archive)
}

/** saveCache within the limits: whether the entry was saved. */
export async function save(paths: string[], key: string, limits: CacheLimits = {}): Promise<boolean> {
  const { archiveMs } = limits
  const id = await cacheCall(`saving ${key}`, () => cache.saveCache(paths, key), archiveMs, archiveMs)
  return id !== undefined && id !== -1
}
