// The one way to the Actions cache, with the real @actions/cache against the
// loopback cache service: a healthy service saves and restores; one that
// answers 503 to everything, or never answers, costs one time limit, after
// which the run stops asking (and says so once).
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
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
  let out: string[]
  let writeSpy: ReturnType<typeof jest.spyOn>

  beforeEach(async () => {
    server = await new CacheServer().start()
    home = mkdtempSync(join(tmpdir(), 'graft-cache-unit-'))
    Object.assign(process.env, server.env(), { RUNNER_TEMP: join(home, 'temp'), GITHUB_WORKSPACE: home })
    mkdirSync(join(home, 'temp'))
    out = []
    // the action's log lines (and @actions/cache's) stay in the test, not in jest's output
    writeSpy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk))
      return true
    })
    jest.resetModules()
  })
  afterEach(async () => {
    writeSpy.mockRestore()
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

  it.each<[CacheMode]>([['unavailable'], ['silent']])(
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
