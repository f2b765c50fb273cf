// The adaptive limiter on its own: at most `limit` slots at once, one halving
// per wave of throttles, never above what the wave shows was admitted, one
// more slot after a run of successes, rarer probes past a throttled level, up to max.
import { describe, expect, it } from '@jest/globals'
import { AdaptiveLimiter, type LimiterChange } from '../../../src/core/render/limiter.js'

describe('AdaptiveLimiter', () => {
  it('hands out at most `limit` slots; a waiter gets the next free one', async () => {
    const limiter = new AdaptiveLimiter(2)
    const a = await limiter.acquire()
    await limiter.acquire()
    let third = false
    const waiting = limiter.acquire().then(() => (third = true))
    await new Promise((r) => setImmediate(r))
    expect(third).toBe(false)
    limiter.release(a, 'ok')
    await waiting
    expect(third).toBe(true)
  })

  /** `n` attempts one after another, each a success */
  const succeed = async (limiter: AdaptiveLimiter, n: number): Promise<void> => {
    for (let i = 0; i < n; i++) limiter.release(await limiter.acquire(), 'ok')
  }
  /** `size` attempts in flight at once; the first `throttles` are throttled, the rest succeed */
  const wave = async (limiter: AdaptiveLimiter, size: number, throttles: number): Promise<void> => {
    const slots = await Promise.all(Array.from({ length: size }, () => limiter.acquire()))
    for (const slot of slots.slice(0, throttles)) limiter.release(slot, 'throttled')
    for (const slot of slots.slice(throttles)) limiter.release(slot, 'ok')
  }

  it('halves the number in flight once per wave of throttles; the wave’s successes say nothing about the new limit', async () => {
    const changes: LimiterChange[] = []
    const limiter = new AdaptiveLimiter(8, { onChange: (c) => changes.push(c) })
    await wave(limiter, 8, 4) // the account admitted 4 of 8
    expect(limiter.limit).toBe(4)
    expect(changes.map((c) => `${c.why} ${c.from}→${c.to}`)).toEqual(['throttled 8→4'])
  })

  it('never stays above what the wave shows the account admitted (in flight minus throttled)', async () => {
    const limiter = new AdaptiveLimiter(8)
    await wave(limiter, 8, 6) // only 2 of 8 admitted: halving to 4 is not enough
    expect(limiter.limit).toBe(2)
  })

  it('climbs back by one per run as long as the limit, up to just below the level that was throttled', async () => {
    const changes: LimiterChange[] = []
    const limiter = new AdaptiveLimiter(8, { onChange: (c) => changes.push(c) })
    await wave(limiter, 8, 1) // throttled at 8 in flight, 7 admitted
    expect(limiter.limit).toBe(4)
    await succeed(limiter, 4)
    expect(limiter.limit).toBe(5)
    await succeed(limiter, 5 + 6)
    expect(limiter.limit).toBe(7)
    expect(changes.map((c) => `${c.why} ${c.from}→${c.to}`)).toEqual([
      'throttled 8→4',
      'recovered 4→5',
      'recovered 5→6',
      'recovered 6→7'
    ])
  })

  it('probes past the throttled level only after a run 16 times the limit, twice as long after a probe that was throttled', async () => {
    const limiter = new AdaptiveLimiter(8)
    await wave(limiter, 8, 4) // ceiling 5: 4 admitted
    await succeed(limiter, 16 * 4 - 1)
    expect(limiter.limit).toBe(4)
    await succeed(limiter, 1) // the probe
    expect(limiter.limit).toBe(5)
    await wave(limiter, 5, 1) // the probe was throttled: back to 2, climbing again to 4
    expect(limiter.limit).toBe(2)
    await succeed(limiter, 2 + 3)
    expect(limiter.limit).toBe(4)
    await succeed(limiter, 2 * 16 * 4 - 1)
    expect(limiter.limit).toBe(4)
    await succeed(limiter, 1)
    expect(limiter.limit).toBe(5)
  })

  it('a probe that holds (the quota grew) lets the limit climb on, up to max', async () => {
    const limiter = new AdaptiveLimiter(6)
    await wave(limiter, 6, 2) // 4 admitted: ceiling 5, limit 3
    expect(limiter.limit).toBe(3)
    await succeed(limiter, 3) // 3 → 4, just below the ceiling
    await succeed(limiter, 16 * 4) // probe: 4 → 5
    expect(limiter.limit).toBe(5)
    await succeed(limiter, 5) // five successes at 5: the ceiling moves up
    await succeed(limiter, 16 * 5) // the next probe: 5 → 6
    expect(limiter.limit).toBe(6)
    await succeed(limiter, 1000)
    expect(limiter.limit).toBe(6)
  })

  it('never goes below one', async () => {
    const limiter = new AdaptiveLimiter(2)
    limiter.release(await limiter.acquire(), 'throttled')
    expect(limiter.limit).toBe(1)
    limiter.release(await limiter.acquire(), 'throttled')
    expect(limiter.limit).toBe(1)
  })

  it('fixed: only counts; the limit never moves', async () => {
    const limiter = new AdaptiveLimiter(3, { fixed: true })
    const slot = await limiter.acquire()
    limiter.release(slot, 'throttled')
    expect(limiter.limit).toBe(3)
  })
})
