// How many model requests may be in flight at once, adapted to the account's
// Bedrock quota (additive increase, multiplicative decrease, as TCP and the
// AWS SDKs' adaptive retry mode do): a ThrottlingException halves the number
// in flight (at least one); a run of successes raises the limit by one, up to
// the `concurrency` input (to just below the level that was throttled after a
// run as long as the limit, past it after a run four times as long). Each
// attempt of a request holds a slot; a request
// waiting out its backoff holds none. One halving per wave: throttles of
// requests started before the last halving do not halve again.

/** A slot held by one attempt; give it back with release(). */
export interface Slot {
  /** the limiter's epoch when the slot was taken */
  readonly epoch: number
}

export type AttemptOutcome = 'ok' | 'throttled' | 'other'

export interface LimiterChange {
  from: number
  to: number
  why: 'throttled' | 'recovered'
}

export class AdaptiveLimiter {
  private current: number
  private inFlight = 0
  private epoch = 0
  private successes = 0
  /** requests in flight when Bedrock last throttled: probing at or past it waits for a longer run */
  private ceiling = Infinity
  private readonly waiting: Array<() => void> = []

  /**
   * @param max the most requests in flight (the `concurrency` input), ≥ 1
   * @param options.fixed keep `max` whatever happens (the limiter only counts)
   * @param options.onChange told each time the limit moves, for the log
   */
  constructor(
    readonly max: number,
    private readonly options: { fixed?: boolean; onChange?: (change: LimiterChange) => void } = {}
  ) {
    this.current = Math.max(1, max)
  }

  /** The number of requests currently allowed in flight. */
  get limit(): number {
    return this.current
  }

  /** Waits for a free slot. */
  async acquire(): Promise<Slot> {
    while (this.inFlight >= this.current) await new Promise<void>((resolve) => this.waiting.push(resolve))
    this.inFlight++
    return { epoch: this.epoch }
  }

  /**
   * Gives a slot back with the attempt's outcome. `throttled` halves the
   * in-flight count (this attempt included) unless a halving already answered
   * the wave this attempt belonged to; a run of `limit` consecutive successes
   * of attempts started since the last halving raises the limit by one, up to `max`.
   */
  release(slot: Slot, outcome: AttemptOutcome): void {
    const inFlight = this.inFlight
    this.inFlight--
    if (!this.options.fixed) {
      if (outcome === 'throttled') {
        this.successes = 0
        if (slot.epoch === this.epoch) {
          this.ceiling = inFlight
          const to = Math.max(1, Math.floor(Math.min(this.current, inFlight) / 2))
          this.epoch++
          this.move(to, 'throttled')
        }
      } else if (outcome === 'ok' && slot.epoch === this.epoch) {
        // only successes at the current limit say it is safe to go higher
        this.successes++
        // back up to just below the level that was throttled after `limit` successes; past it
        // (a probe that costs a throttle if the quota has not grown) after four times as many
        const run = this.current + 1 < this.ceiling ? this.current : 4 * this.current
        if (this.successes >= run && this.current < this.max) {
          this.successes = 0
          this.move(this.current + 1, 'recovered')
        }
      }
    }
    this.wake()
  }

  private move(to: number, why: LimiterChange['why']): void {
    if (to === this.current) return
    const from = this.current
    this.current = to
    this.options.onChange?.({ from, to, why })
  }

  /** Wakes as many waiters as there are free slots; each re-checks when it runs. */
  private wake(): void {
    const free = this.current - this.inFlight
    if (free > 0) for (const resolve of this.waiting.splice(0, free)) resolve()
  }
}
