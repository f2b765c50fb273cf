// Our own retry policy for model calls (the SDK's is switched off): transient
// failures back off on a fixed schedule, a timeout is retried once with twice
// the time, a request refused for a clock the SDK has since corrected is
// retried once at once, anything else stops at once.
import type { FailureKind } from './errors.js'

export const DEFAULT_BACKOFF_MS = [5000, 15000, 45000]

export interface RetryPolicy {
  /** waits before the 2nd, 3rd, … try after throttling or a server error */
  backoffMs: number[]
  sleep: (ms: number) => Promise<void>
  classify: (err: unknown) => FailureKind
  /** called before each retry: why, and how long we wait */
  onRetry: (err: unknown, kind: FailureKind, waitMs: number, nextAttempt: number) => void
}

/** The last error of a call that will not be retried, with how many tries it took. */
export class AttemptsFailed extends Error {
  constructor(
    readonly last: unknown,
    readonly attempts: number
  ) {
    super(last instanceof Error ? last.message : String(last))
    this.name = 'AttemptsFailed'
  }
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `attempt(n, timeoutMs)` until it succeeds or the policy gives up;
 * throws AttemptsFailed. The timeout doubles after a timed-out try.
 */
export async function withRetries<T>(
  attempt: (n: number, timeoutMs: number) => Promise<T>,
  timeoutMs: number,
  policy: RetryPolicy
): Promise<{ value: T; attempts: number }> {
  let backoffsUsed = 0
  let timeoutRetried = false
  let clockRetried = false
  let limit = timeoutMs
  for (let n = 1; ; n++) {
    try {
      return { value: await attempt(n, limit), attempts: n }
    } catch (err) {
      const kind = policy.classify(err)
      let waitMs = 0
      if ((kind === 'throttled' || kind === 'server') && backoffsUsed < policy.backoffMs.length) {
        waitMs = policy.backoffMs[backoffsUsed++]
      } else if (kind === 'clock' && !clockRetried) {
        // the SDK has corrected its clock offset: the same request, signed again, at once
        clockRetried = true
      } else if (kind === 'timeout' && !timeoutRetried) {
        timeoutRetried = true
        limit *= 2
      } else {
        throw new AttemptsFailed(err, n)
      }
      policy.onRetry(err, kind, waitMs, n + 1)
      if (waitMs > 0) await policy.sleep(waitMs)
    }
  }
}
