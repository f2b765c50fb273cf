// The render cache on GitHub's cache service: one entry per rendered text,
// keyed by the sha256 of the model, its output limit and temperature, the
// update style asked for (edits or rewrite) and the packed prompt
// (core/generate/render-document.ts); an entry also says how its text was
// obtained (edits, rewrite, edits→rewrite). Every call goes through
// actions-cache.ts (a short time limit; the first failure turns the cache off
// for the run): without the cache service (local runs, GHES without it), or
// with one that is down or slow, the run goes on and simply renders.
//
// The texts live under the runner user's home and are named to @actions/cache
// as `~/…`: the service versions an entry by a hash of the path list exactly as
// given, so an absolute path under RUNNER_TEMP (which differs between
// self-hosted runners' work folders, and between act's jobs) never matched an
// entry another runner saved. `~/…` is the same string on every runner, as in
// the caches actions/setup-* keep. A text only passes through that folder: the
// cache service keeps the entry, and the home of a self-hosted runner keeps
// nothing of ours once a call is done.
import { cacheUsable, restore, save } from './actions-cache.js'
import { actionLog } from './report.js'
import { rmdirSync, rmSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import type { RenderCache } from '../core/generate/generate.js'

export function actionsRenderCache(): RenderCache | undefined {
  if (!cacheUsable()) {
    actionLog.info('Render cache: the cache service is not available here; rendering without it.')
    return undefined
  }
  const relativeDir = '.cache/graft-action/render'
  const dir = join(homedir(), relativeDir)
  const pathFor = (key: string): string => join(dir, `${key}.md`)
  /** the same file as @actions/cache names it (it expands `~` to the home folder) */
  const cachePathFor = (key: string): string => `~/${relativeDir}/${key}.md`
  // Documents render concurrently: the folders go only when no call is using them.
  let inFlight = 0
  const done = (key: string): void => {
    inFlight--
    try {
      rmSync(pathFor(key), { force: true })
      // synchronous, so no other call can start between the check and the removal;
      // rmdir fails on a folder that is not empty (someone else's files): left as it is
      if (inFlight === 0) for (const folder of [dir, dirname(dir)]) rmdirSync(folder)
    } catch {
      // the cache is a speed-up: tidying it never fails a run
    }
  }
  return {
    async get(key) {
      if (!cacheUsable()) return undefined
      inFlight++
      try {
        await mkdir(dir, { recursive: true })
        const hit = await restore([cachePathFor(key)], `graft-render-${key}`)
        return hit ? await readFile(pathFor(key), 'utf8') : undefined
      } catch (error) {
        actionLog.info(`Render cache: restore skipped (${(error as Error).message})`)
        return undefined
      } finally {
        done(key)
      }
    },
    async put(key, text) {
      if (!cacheUsable()) return
      inFlight++
      try {
        await mkdir(dir, { recursive: true })
        await writeFile(pathFor(key), text)
        await save([cachePathFor(key)], `graft-render-${key}`)
      } catch (error) {
        actionLog.info(`Render cache: save skipped (${(error as Error).message})`)
      } finally {
        done(key)
      }
    }
  }
}
