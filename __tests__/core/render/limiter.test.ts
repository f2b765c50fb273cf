// The adaptive limiter on its own: at most `limit` slots at once, one halving
// per wave of throttles, one more slot after a run of successes, up to max.
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

  it('halves the number in flight once per wave of throttles, and climbs back by one per run of successes, slower past the level that was throttled', async () => {
    const changes: LimiterChange[] = []
    const limiter = new AdaptiveLimiter(8, { onChange: (c) => changes.push(c) })
    const wave = await Promise.all(Array.from({ length: 8 }, () => limiter.acquire()))
    // four throttles of the same wave: one halving (8 in flight → 4)
    for (const slot of wave.slice(0, 4)) limiter.release(slot, 'throttled')
    expect(limiter.limit).toBe(4)
    // successes of attempts started before the halving say nothing about the new limit
    for (const slot of wave.slice(4)) limiter.release(slot, 'ok')
    expect(limiter.limit).toBe(4)
    const succeed = async (n: number): Promise<void> => {
      for (let i = 0; i < n; i++) limiter.release(await limiter.acquire(), 'ok')
    }
    await succeed(4) // a run as long as the limit: 4 → 5
    expect(limiter.limit).toBe(5)
    await succeed(5)
    await succeed(6)
    expect(limiter.limit).toBe(7)
    // 8 was throttled: the probe past 7 waits for four times as long a run
    await succeed(27)
    expect(limiter.limit).toBe(7)
    await succeed(1)
    expect(limiter.limit).toBe(8)
    expect(changes.map((c) => `${c.why} ${c.from}→${c.to}`)).toEqual(['throttled 8→4', 'recovered 4→5', 'recovered 5→6', 'recovered 6→7', 'recovered 7→8'])
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
