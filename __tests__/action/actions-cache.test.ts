// The one way to the Actions cache, with the real @actions/cache against the
// loopback cache service: a healthy service saves and restores; one that never
// answers costs one time limit, after which the run stops asking (and says so
// once); so does one whose failures the toolkit swallows (a reset connection,
// 429, 400), and one that answers every request slowly. (503 to everything and
// a body that is not Twirp's: end to end, see below.)
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CacheServer, type CacheMode } from '../support/cache-server.js'
import type * as ActionsCache from '../../src/action/actions-cache.js'

type CacheModule = typeof ActionsCache

describe('actions-cache', () => {
  let server: CacheServer
  let home: string
  const saved = { ...process.env }
  let out: string[] = []
  // The action's log lines (and @actions/cache's) stay in the test, not in jest's output. One
  // capture for the whole file, never taken away: a call the action gave up on goes on inside the
  // toolkit and prints its failure line later, through the action's watcher stacked on this capture.
  const realWrite = process.stdout.write
  const capture = ((chunk: string | Uint8Array) => {
    out.push(String(chunk))
    return true
  }) as typeof process.stdout.write
  beforeAll(() => {
    process.stdout.write = capture
  })
  afterAll(async () => {
    // the silent service's call fails when its connection closes: its line is let through the watcher first
    await new Promise((resolve) => setTimeout(resolve, 500))
    if (process.stdout.write === capture) process.stdout.write = realWrite
  })

  beforeEach(async () => {
    server = await new CacheServer().start()
    home = mkdtempSync(join(tmpdir(), 'graft-cache-unit-'))
    Object.assign(process.env, server.env(), { RUNNER_TEMP: join(home, 'temp'), GITHUB_WORKSPACE: home })
    mkdirSync(join(home, 'temp'))
    out = []
    jest.resetModules()
  })
  afterEach(async () => {
    await server.close()
    process.env = { ...saved }
    rmSync(home, { recursive: true, force: true })
  })

  /** A fresh copy of the module: its "cache is off" state belongs to one run. */
  const load = (): Promise<CacheModule> => import('../../src/action/actions-cache.js')

  it('a healthy service: save, then restore brings the file back', async () => {
    const { save, restore } = await load()
    const file = join(home, 'text.md')
    writeFileSync(file, 'rendered text')
    expect(await save([file], 'graft-render-k1')).toBe(true)
    rmSync(file)
    expect(await restore([file], 'graft-render-k1')).toBe('graft-render-k1')
    expect(readFileSync(file, 'utf8')).toBe('rendered text')
    expect(await restore([file], 'graft-render-k1', { archiveMs: 10_000 })).toBe('graft-render-k1')
    expect(out.join('')).not.toContain('going on without the cache')
  })

  // Two jobs (a matrix, a push and its pull request) render the same text and both save it: the service
  // refuses the second CreateCacheEntry. Answered as a Twirp `ok: false` ("… already exists"), the toolkit
  // prints "::warning::Cache reservation failed: …", an annotation (one of GitHub's 10 per step) for an entry
  // that is there (actions/cache#1541; toolkit#1966 quietened only the 409 form). Not a failure: no
  // annotation, and the cache stays on.
  it('an entry that already exists (another job saved it): no warning annotation, the cache stays on and serves it', async () => {
    const { save, restore, cacheUsable } = await load()
    const file = join(home, 'text.md')
    writeFileSync(file, 'rendered text')
    expect(await save([file], 'graft-render-k1')).toBe(true)
    expect(await save([file], 'graft-render-k1')).toBe(false)
    expect(out.join('')).not.toMatch(/^::(warning|error)/m)
    expect(out.join('')).not.toContain('going on without the cache')
    expect(cacheUsable()).toBe(true)
    rmSync(file)
    expect(await restore([file], 'graft-render-k1')).toBe('graft-render-k1')
  })

  it("the line for an entry another job saved goes through the log's escaper (the service's words hold the key)", async () => {
    const { save } = await load()
    const file = join(home, 'text.md')
    writeFileSync(file, 'rendered text')
    const key = 'graft-render-##[stop-commands]x\u202e'
    expect(await save([file], key)).toBe(true)
    expect(await save([file], key)).toBe(false)
    // our line (the toolkit's own debug and info lines are its business)
    const ours = out
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('Actions cache:'))
    expect(ours).toEqual([
      'Actions cache: cache entry graft-render-##\\u005bstop-commands]x\\u202e already exists (saved by another job); nothing to save'
    ])
  })

  it('a service that answers each request slowly (under the limit): the slow call is used, then the cache is off', async () => {
    const { restore, save, cacheUsable, CACHE_SLOW_MS, CACHE_CALL_LIMIT_MS } = await load()
    server.mode = 'slow'
    server.delayMs = 1100 // a save is three requests: 3.3 s and its archive, slower than CACHE_SLOW_MS and within the limit
    expect(3 * server.delayMs).toBeGreaterThan(CACHE_SLOW_MS)
    expect(3 * server.delayMs).toBeLessThan(CACHE_CALL_LIMIT_MS)
    const file = join(home, 'text.md')
    writeFileSync(file, 'rendered text')
    expect(await save([file], 'graft-render-k1')).toBe(true)
    expect(server.keys).toEqual(['graft-render-k1'])
    expect(cacheUsable()).toBe(false)
    const asked = server.delayed
    expect(await restore([file], 'graft-render-k1')).toBeUndefined()
    expect(server.delayed).toBe(asked)
    expect(out.join('')).toMatch(
      /::warning::Actions cache: saving graft-render-k1 took \d+\.\d s \(the cache service is slow\); going on without the cache for the rest of this run\./
    )
  })

  it.each<[string, CacheMode, number, RegExp]>([
    ['resets connections', 'reset', 0, /ECONNRESET/],
    ['throttles (429: actions/cache#1163)', 'status', 429, /Rate limited/],
    ['answers 400 (the retired service: leafo/gh-actions-lua#58)', 'status', 400, /non-retryable error/]
  ])(
    'a service that %s: the failure the toolkit swallows (a miss and an annotation of its own) turns the cache off, said once by the action',
    async (_what, mode, status, cause) => {
      const { restore, save, cacheUsable } = await load()
      server.mode = mode
      server.status = status
      const file = join(home, 'text.md')
      writeFileSync(file, 'x')
      expect(await restore([file], 'graft-render-k1')).toBeUndefined()
      expect(cacheUsable()).toBe(false)
      const calls = server.refused
      expect(await save([file], 'graft-render-k2')).toBe(false)
      expect(server.refused).toBe(calls)
      const log = out.join('')
      expect(log).not.toMatch(/::(warning|error)::Failed to (restore|save)/)
      const said = log.match(/::warning::Actions cache: .*going on without the cache for the rest of this run/g) ?? []
      expect(said).toHaveLength(1)
      expect(said[0]).toMatch(cause)
    }
  )

  // A call given up on keeps running inside the toolkit: one that answers 503 or a body that is not
  // Twirp's sleeps between its five attempts and prints its failure line up to half a minute later,
  // in whatever test file jest runs next. Those two are proven end to end, where the action runs in
  // a process of its own (e2e/platform-limits.test.ts); the silent service's call ends here, when the
  // server closes, so it comes last.
  it.each<[CacheMode]>([['silent']])(
    'a service %s: the first call ends within its limit, every later one at once, said once',
    async (mode) => {
      const { restore, save, cacheUsable, CACHE_CALL_LIMIT_MS } = await load()
      server.mode = mode
      const file = join(home, 'text.md')
      writeFileSync(file, 'x')
      let started = Date.now()
      expect(await restore([file], 'graft-render-k1')).toBeUndefined()
      const first = Date.now() - started
      expect(first).toBeLessThan(CACHE_CALL_LIMIT_MS + 1500)
      expect(cacheUsable()).toBe(false)
      const calls = server.refused
      started = Date.now()
      expect(await save([file], 'graft-render-k2')).toBe(false)
      expect(await restore([file], 'graft-render-k3', { archiveMs: 60_000 })).toBeUndefined()
      expect(Date.now() - started).toBeLessThan(100)
      expect(server.refused).toBe(calls) // nothing more was asked
      const said = out.join('').match(/going on without the cache for the rest of this run/g) ?? []
      expect(said).toHaveLength(1)
    }
  )
})
