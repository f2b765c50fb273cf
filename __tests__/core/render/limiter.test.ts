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

  it('halves the number in flight once per wave of throttles, at least one, and climbs back by one per run of successes', async () => {
    const changes: LimiterChange[] = []
    const limiter = new AdaptiveLimiter(8, { onChange: (c) => changes.push(c) })
    const wave = await Promise.all(Array.from({ length: 8 }, () => limiter.acquire()))
    // four throttles of the same wave: one halving (8 in flight → 4)
    for (const slot of wave.slice(0, 4)) limiter.release(slot, 'throttled')
    expect(limiter.limit).toBe(4)
    for (const slot of wave.slice(4)) limiter.release(slot, 'ok')
    // a throttle in the next wave halves again: 1 in flight → 1 (never 0)
    const lone = await limiter.acquire()
    limiter.release(lone, 'throttled')
    expect(limiter.limit).toBe(1)
    // a run of `limit` successes raises it by one
    for (let i = 0; i < 1; i++) limiter.release(await limiter.acquire(), 'ok')
    expect(limiter.limit).toBe(2)
    for (let i = 0; i < 2; i++) limiter.release(await limiter.acquire(), 'ok')
    expect(limiter.limit).toBe(3)
    expect(changes.map((c) => `${c.why} ${c.from}→${c.to}`)).toEqual(['throttled 8→4', 'throttled 4→1', 'recovered 1→2', 'recovered 2→3'])
  })

  it('fixed: only counts; the limit never moves', async () => {
    const limiter = new AdaptiveLimiter(3, { fixed: true })
    const slot = await limiter.acquire()
    limiter.release(slot, 'throttled')
    expect(limiter.limit).toBe(3)
  })
})
