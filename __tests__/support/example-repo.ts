// A fresh git repository holding a copy of examples/docs-site, committed: the
// sample Graft repository the README's demo uses.
import { cpSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_ROOT } from './action-runner.js'
import { TestRepo } from './repo.js'

export const EXAMPLE_DIR = join(PROJECT_ROOT, 'examples', 'docs-site')

/** The sample's stages in a valid dependency order, for assertions. */
export const EXAMPLE_UPSTREAMS: Record<string, string[]> = {
  'docs/overview.md': [],
  'docs/api-reference.md': [],
  'docs/release-notes.md': [],
  'docs/getting-started.md': ['docs/overview.md', 'docs/api-reference.md'],
  'docs/faq.md': ['docs/overview.md', 'docs/release-notes.md'],
  'docs/index.md': ['docs/getting-started.md', 'docs/faq.md']
}

export function exampleRepo(): TestRepo {
  const repo = TestRepo.create({}, 'graft-example')
  cpSync(EXAMPLE_DIR, repo.root, { recursive: true })
  repo.commit('docs-site, as last generated')
  return repo
}

/** True when every path comes after all of its upstreams that are also listed. */
export function inDependencyOrder(paths: string[]): boolean {
  return paths.every((p, i) => (EXAMPLE_UPSTREAMS[p] ?? []).every((u) => !paths.includes(u) || paths.indexOf(u) < i))
}
