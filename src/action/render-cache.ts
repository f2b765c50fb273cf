// The render cache on GitHub's cache service: one entry per rendered text,
// keyed by the sha256 of the model and the packed prompt. Every call is
// guarded: without the cache service (local runs, GHES without it) the run
// goes on and simply renders.
import * as cache from '@actions/cache'
import * as core from '@actions/core'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RenderCache } from '../core/generate/generate.js'

export function actionsRenderCache(): RenderCache | undefined {
  if (!cache.isFeatureAvailable()) {
    core.info('Render cache: the cache service is not available here; rendering without it.')
    return undefined
  }
  const dir = join(process.env.RUNNER_TEMP || tmpdir(), 'graft-render-cache')
  const pathFor = (key: string): string => join(dir, `${key}.md`)
  return {
    async get(key) {
      try {
        await mkdir(dir, { recursive: true })
        const hit = await cache.restoreCache([pathFor(key)], `graft-render-${key}`)
        return hit ? await readFile(pathFor(key), 'utf8') : undefined
      } catch (error) {
        core.info(`Render cache: restore skipped (${(error as Error).message})`)
        return undefined
      }
    },
    async put(key, text) {
      try {
        await mkdir(dir, { recursive: true })
        await writeFile(pathFor(key), text)
        await cache.saveCache([pathFor(key)], `graft-render-${key}`)
      } catch (error) {
        core.info(`Render cache: save skipped (${(error as Error).message})`)
      }
    }
  }
}
