// The committed bundles: one ESM bundle per entrypoint, and the validate bundle
// (the fast, secret-free path) carries no AWS SDK.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { PROJECT_ROOT } from '../support/action-runner.js'

const bundle = (name: string): string => readFileSync(join(PROJECT_ROOT, 'dist', name, 'index.js'), 'utf8')

describe('dist/', () => {
  it.each(['main', 'validate', 'generate', 'cli'])('dist/%s is an ES module bundle', (name) => {
    expect(JSON.parse(readFileSync(join(PROJECT_ROOT, 'dist', name, 'package.json'), 'utf8'))).toEqual({
      type: 'module'
    })
    expect(bundle(name).length).toBeGreaterThan(1000)
  })

  it('the validate bundle carries no AWS SDK; the generate bundle does', () => {
    expect(bundle('validate')).not.toMatch(/BedrockRuntime/)
    expect(bundle('generate')).toMatch(/BedrockRuntime/)
  })

  it('the validate entry leaves the DVC installer and the cache client to chunks loaded on demand', () => {
    // what only the dvc engine or the cache needs: @actions/cache and its Azure storage client
    expect(bundle('validate')).not.toMatch(/BlockBlobClient|GetCacheEntryDownloadURL/)
    expect(
      readdirSync(join(PROJECT_ROOT, 'dist', 'validate')).filter((f) => /^\d+\.index\.js$/.test(f)).length
    ).toBeGreaterThan(0)
  })

  it.each(['action.yml', 'validate/action.yml', 'generate/action.yml'])('%s runs a bundle that exists', (file) => {
    const action = parse(readFileSync(join(PROJECT_ROOT, file), 'utf8')) as { runs: { main: string } }
    expect(existsSync(join(PROJECT_ROOT, file, '..', action.runs.main))).toBe(true)
  })
})
