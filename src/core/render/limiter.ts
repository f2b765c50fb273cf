// How many model requests may be in flight at once, adapted to the account's
// Bedrock quota (additive increase, multiplicative decrease, as TCP and the
// AWS SDKs' adaptive retry mode do): a ThrottlingException halves the number
// in flight (at least one); a run of successes raises the limit by one, up to
// the `concurrency` input. Each attempt of a request holds a slot; a request
// waiting out its backoff holds none. One halving per wave: throttles of
// requests started before the last halving do not halve again, but they tell
// how many the account admitted (in flight minus throttled), and the limit is
// never left above that.
//
// Climbing back is quick up to just below the level that was throttled (a run
// as long as the limit per step). Going past it is a probe that costs one
// throttled request and its 5 s backoff when the quota has not grown, so it
// waits for a run PROBE_RUN times the limit, twice as long after each probe
// that was throttled (quotas rarely grow within a run).

/** Successes per slot before probing past the level that was throttled. */
const PROBE_RUN = 16

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
  /** the lowest level known to be throttled: probing at or past it waits for a longer run */
  private ceiling = Infinity
  /** the last wave of throttles: requests in flight at its first throttle, and throttles counted */
  private wave = { inFlight: 0, throttles: 0 }
  /** probes past the ceiling that were throttled since the last one that held */
  private failedProbes = 0
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
   * the wave this attempt belonged to; each further throttle of that wave
   * lowers the estimate of what the account admits, and the limit with it. A
   * run of consecutive successes of attempts started since the last halving
   * raises the limit by one, up to `max` (see the file's header for the run's length).
   */
  release(slot: Slot, outcome: AttemptOutcome): void {
    const inFlight = this.inFlight
    this.inFlight--
    if (!this.options.fixed) {
      if (outcome === 'throttled') this.throttled(slot, inFlight)
      else if (outcome === 'ok' && slot.epoch === this.epoch) this.succeeded()
    }
    this.wake()
  }

  private throttled(slot: Slot, inFlight: number): void {
    this.successes = 0
    if (slot.epoch === this.epoch) {
      if (this.current >= this.ceiling) this.failedProbes++
      this.wave = { inFlight, throttles: 1 }
      this.ceiling = inFlight
      this.epoch++
      this.move(Math.max(1, Math.floor(Math.min(this.current, inFlight) / 2)), 'throttled')
    } else if (slot.epoch === this.epoch - 1) {
      // the same wave: the account admitted at most the others in flight
      this.wave.throttles++
      const admitted = Math.max(1, this.wave.inFlight - this.wave.throttles)
      this.ceiling = Math.min(this.ceiling, admitted + 1)
      if (this.current > admitted) this.move(admitted, 'throttled')
    }
  }

  private succeeded(): void {
    // only successes at the current limit say it is safe to go higher
    this.successes++
    const probing = this.current + 1 >= this.ceiling
    if (this.current >= this.ceiling && this.successes >= this.current) {
      // a probe held: the quota grew
      this.ceiling = this.current + 1
      this.failedProbes = 0
    }
    const run = probing ? PROBE_RUN * this.current * 2 ** this.failedProbes : this.current
    if (this.successes >= run && this.current < this.max) {
      this.successes = 0
      this.move(this.current + 1, 'recovered')
    }
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
