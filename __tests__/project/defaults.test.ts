// Every default stated in an action.yml equals the one the code falls back to
// (src/core/defaults.ts), so the docs, the three actions and the CLI agree.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { ACTION_INPUT_DEFAULTS } from '../../src/core/defaults.js'
import { PROJECT_ROOT } from '../support/action-runner.js'

const ACTIONS = ['action.yml', 'validate/action.yml', 'generate/action.yml']

describe.each(ACTIONS)('%s', (file) => {
  const inputs = (
    parse(readFileSync(join(PROJECT_ROOT, file), 'utf8')) as { inputs: Record<string, { default?: string }> }
  ).inputs

  it('states each input default as src/core/defaults.ts does', () => {
    const stated = Object.entries(inputs).filter(([name]) => name in ACTION_INPUT_DEFAULTS)
    expect(stated.length).toBeGreaterThan(0)
    for (const [name, input] of stated)
      expect({ name, default: String(input.default ?? '') }).toEqual({ name, default: ACTION_INPUT_DEFAULTS[name] })
  })

  it('lists no input with a fixed default that defaults.ts does not know', () => {
    const dynamic = new Set(['aws-region', 'token'])
    const unknown = Object.keys(inputs).filter((name) => !dynamic.has(name) && !(name in ACTION_INPUT_DEFAULTS))
    expect(unknown).toEqual([])
  })
})
