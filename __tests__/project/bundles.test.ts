// The committed bundles: one ESM bundle per entrypoint, and the validate bundle
// (the fast, secret-free path) carries no AWS SDK.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { PROJECT_ROOT } from '../support/action-runner.js'

const bundle = (name: string): string => readFileSync(join(PROJECT_ROOT, 'dist', name, 'index.js'), 'utf8')

describe('dist/', () => {
  it.each(['main', 'validate', 'generate', 'cli'])('dist/%s is an ES module bundle', (name) => {
    expect(JSON.parse(readFileSync(join(PROJECT_ROOT, 'dist', name, 'package.json'), 'utf8'))).toEqual({ type: 'module' })
    expect(bundle(name).length).toBeGreaterThan(1000)
  })

  it('the validate bundle carries no AWS SDK; the generate bundle does', () => {
    expect(bundle('validate')).not.toMatch(/BedrockRuntime/)
    expect(bundle('generate')).toMatch(/BedrockRuntime/)
  })

  it.each(['action.yml', 'validate/action.yml', 'generate/action.yml'])('%s runs a bundle that exists', (file) => {
    const action = parse(readFileSync(join(PROJECT_ROOT, file), 'utf8')) as { runs: { main: string } }
    expect(existsSync(join(PROJECT_ROOT, file, '..', action.runs.main))).toBe(true)
  })
})
