// package-lock.json must hold every optional dependency of every locked
// package, for every platform: `npm ci` on npm 11 refuses a lock that lacks one
// ("Missing: @unrs/resolver-binding-… from lock file"), while npm 10 installs
// from it silently, so a lock written on one machine can break the quick start
// on another. How a lock loses them: `npm install` into an existing
// node_modules on npm ≥ 10.3 prunes the other platforms' variants
// (npm/cli#7961, npm/cli#4828), as does an install with --os/--cpu filters.
// The fix is to regenerate it with no node_modules present:
//   rm -rf node_modules package-lock.json && npm install
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../support/action-runner.js'

interface LockPackage {
  version?: string
  optionalDependencies?: Record<string, string>
  os?: string[]
  cpu?: string[]
}

const lock = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as {
  lockfileVersion: number
  packages: Record<string, LockPackage>
}

/** The lock key a dependency `name` of the package at `from` resolves to, by Node's lookup (nearest node_modules up). */
function resolveInLock(from: string, name: string): string | undefined {
  let base = from
  for (;;) {
    const key = `${base ? `${base}/` : ''}node_modules/${name}`
    if (lock.packages[key]) return key
    if (!base) return undefined
    const at = base.lastIndexOf('/node_modules/')
    base = at < 0 ? '' : base.slice(0, at)
  }
}

/** `[package, optional dependency]` pairs the lock lacks. */
function missingOptional(): string[][] {
  const missing: string[][] = []
  for (const [key, pkg] of Object.entries(lock.packages)) {
    for (const name of Object.keys(pkg.optionalDependencies ?? {})) {
      if (!resolveInLock(key, name)) missing.push([key || '(root)', name])
    }
  }
  return missing
}

describe('package-lock.json', () => {
  it('is lockfileVersion 3 (npm 7 and later, the npm of Node 20 and 24)', () => {
    expect(lock.lockfileVersion).toBe(3)
  })

  it('holds every optional dependency of every locked package, whatever the platform (regenerate without node_modules if this fails)', () => {
    expect(missingOptional()).toEqual([])
  })

  it('holds the platform bindings of unrs-resolver for Linux, macOS and Windows, not just this machine', () => {
    const bindings = Object.keys(lock.packages).filter((k) => k.startsWith('node_modules/@unrs/resolver-binding-'))
    const platforms = new Set(bindings.map((k) => lock.packages[k].os?.[0]))
    expect([...platforms].sort()).toEqual(expect.arrayContaining(['darwin', 'linux', 'win32']))
  })
})
