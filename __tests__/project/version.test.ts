// One version everywhere: package.json, the newest CHANGELOG.md section and
// `graft-action --version` (the bundle) name the same one, and the release
// script reads that section the same way.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { BUNDLE_NODE, PROJECT_ROOT } from '../support/action-runner.js'

const read = (file: string): string => readFileSync(join(PROJECT_ROOT, file), 'utf8')
const version = (JSON.parse(read('package.json')) as { version: string }).version

describe('the version', () => {
  it('package.json names a MAJOR.MINOR.PATCH version, the same as package-lock.json', () => {
    expect(version).toMatch(/^\d+\.\d+\.\d+$/)
    expect((JSON.parse(read('package-lock.json')) as { version: string }).version).toBe(version)
  })

  it("is the newest CHANGELOG.md section's, and that section says what changed", () => {
    const newest = /^## (\d+\.\d+\.\d+)\b/m.exec(read('CHANGELOG.md'))?.[1]
    expect(newest).toBe(version)
    const notes = execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'release.mjs'), 'notes', version], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8'
    })
    expect(notes.trim().length).toBeGreaterThan(0)
  })

  it('is what graft-action --version prints', () => {
    const printed = execFileSync(BUNDLE_NODE, [join(PROJECT_ROOT, 'dist', 'cli', 'index.js'), '--version'], {
      encoding: 'utf8'
    })
    expect(printed).toBe(`graft-action ${version}\n`)
  })
})
