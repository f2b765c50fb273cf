// Dependabot's configuration: grouped weekly updates that a breaking release
// cannot block. A group takes minor and patch updates only (a major comes in a
// pull request of its own), and the majors this project cannot take as a
// routine bump (TypeScript 7, which ncc and ts-jest do not support; @types/node
// past the oldest Node the action runs on) are not proposed.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { PROJECT_ROOT } from '../support/action-runner.js'

interface Update {
  'package-ecosystem': string
  groups?: Record<string, { patterns: string[]; 'update-types'?: string[] }>
  ignore?: { 'dependency-name': string; 'update-types'?: string[] }[]
}
const config = parse(readFileSync(join(PROJECT_ROOT, '.github/dependabot.yml'), 'utf8')) as { updates: Update[] }

describe('.github/dependabot.yml', () => {
  it('covers npm and github-actions, each in groups of minor and patch updates only', () => {
    expect(config.updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm'])
    for (const u of config.updates) {
      const groups = Object.entries(u.groups ?? {})
      expect(groups.length).toBeGreaterThan(0)
      for (const [name, g] of groups)
        expect(`${name}: ${[...(g['update-types'] ?? ['all'])].sort()}`).toBe(`${name}: minor,patch`)
    }
  })

  it('does not propose TypeScript 7 or an @types/node past Node 20', () => {
    const npm = config.updates.find((u) => u['package-ecosystem'] === 'npm')!
    const ignoredMajors = (npm.ignore ?? [])
      .filter((i) => i['update-types']?.includes('version-update:semver-major'))
      .map((i) => i['dependency-name'])
    expect(ignoredMajors).toEqual(expect.arrayContaining(['typescript', '@types/node']))
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>
    }
    expect(pkg.devDependencies.typescript).toMatch(/^[~^]?5/)
    expect(pkg.devDependencies['@types/node']).toMatch(/^[~^]?20\./)
  })
})
