// Property: on random trees of files, folder symlinks and file symlinks (inside,
// outside, into .git/ and .github/, dangling, loops), every path the resolver
// accepts lands inside the repository and outside the forbidden folders, after
// following every link the way the kernel does.
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { type PathRole } from '../../../src/core/repo/names.js'
import { RepoPathChecker } from '../../../src/core/repo/resolver.js'
import { prng } from '../../support/random.js'
import { scratchDir } from '../../support/scratch.js'

const FOLDERS = ['docs', 'docs/a', 'src', '.git', '.github/workflows', '.dvc', 'sub/.git', 'docs/.GIT']
const NAMES = ['x.md', 'y.md', 'config', 'ci.yml']

/** Where a path really lands (following every link), or undefined for a dangling path or a loop. */
function kernelLanding(root: string, rel: string): string | undefined {
  // Walk up to the nearest existing ancestor: what the kernel would write through.
  let probe = join(root, rel)
  const rest: string[] = []
  for (;;) {
    try {
      return join(realpathSync(probe), ...rest.reverse())
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ELOOP') return undefined
      if (probe === root) return undefined
      const parts = probe.split(sep)
      rest.push(parts.pop()!)
      probe = parts.join(sep)
    }
  }
}

function forbidden(relPath: string): boolean {
  return relPath.split(sep).some((seg) => ['.git', '.github', '.dvc'].includes(seg.toLowerCase().replace(/[. ]+$/, '')))
}

describe('the path resolver on random trees', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'seed %i: every accepted path lands inside the repository and outside .git/, .github/, .dvc/',
    (seed) => {
      const random = prng(seed)
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
      const base = scratchDir('graft-prop')
      const root = join(base, 'repo')
      const outside = join(base, 'outside')
      try {
        mkdirSync(outside, { recursive: true })
        writeFileSync(join(outside, 'secret'), 's')
        for (const f of FOLDERS) mkdirSync(join(root, f), { recursive: true })
        for (const f of FOLDERS) for (const n of NAMES) if (random() < 0.5) writeFileSync(join(root, f, n), n)
        const targets = [
          outside,
          join(outside, 'secret'),
          '/proc/self/environ',
          ...FOLDERS.map((f) => join(root, f)),
          ...FOLDERS.flatMap((f) => NAMES.map((n) => join(root, f, n))),
          join(root, 'missing', 'nowhere')
        ]
        const links: string[] = []
        for (let i = 0; i < 14; i++) {
          const at = join(pick(['docs', 'docs/a', 'src', '']), `link${i}`)
          const target = random() < 0.15 && links.length > 0 ? join(root, pick(links)) : pick(targets) // sometimes a link to a link (loops too)
          const relTarget = random() < 0.5 ? relative(join(root, at, '..'), target) : target
          try {
            symlinkSync(relTarget, join(root, at))
            links.push(at)
          } catch {
            // the name is taken: skip
          }
        }
        const candidates = new Set<string>()
        for (const l of links)
          for (const n of ['', ...NAMES, 'workflows/ci.yml', 'a/x.md', 'new.md']) candidates.add(n ? `${l}/${n}` : l)
        for (const f of FOLDERS) for (const n of NAMES) candidates.add(`${f}/${n}`)
        const checker = new RepoPathChecker(root)
        const realRoot = realpathSync(root)
        let accepted = 0
        for (const rel of candidates) {
          for (const role of ['dep', 'output', 'prompt'] as PathRole[]) {
            if (checker.check(rel, role) !== undefined) continue
            accepted++
            expect(forbidden(rel)).toBe(false)
            const landing = kernelLanding(root, rel)
            if (landing === undefined) continue // dangling: the resolver judged the link's target itself
            const inside = relative(realRoot, landing)
            expect([rel, role, inside.startsWith('..')]).toEqual([rel, role, false])
            expect([rel, role, forbidden(inside)]).toEqual([rel, role, false])
          }
        }
        expect(accepted).toBeGreaterThan(0)
      } finally {
        rmSync(base, { recursive: true, force: true })
      }
    }
  )
})
