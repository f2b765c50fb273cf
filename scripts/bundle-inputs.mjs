// What the bundles in dist/ are built from, and whether they are older than it.
// Used by `node scripts/bundle.mjs --if-stale`, which the end-to-end tests run
// first so that they never test a bundle older than the code.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** dist/<name>/index.js ← entry point */
export const ENTRIES = {
  main: 'src/action/main.ts',
  validate: 'src/action/validate.ts',
  generate: 'src/action/generate.ts',
  cli: 'src/cli/index.ts'
}

/** Files outside src/ that change what ncc emits. */
const INPUT_FILES = ['package-lock.json', 'tsconfig.json', 'scripts/bundle.mjs', 'scripts/bundle-inputs.mjs']

function newestUnder(dir) {
  let newest = { path: dir, mtimeMs: 0 }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    const found = entry.isDirectory() ? newestUnder(path) : { path, mtimeMs: statSync(path).mtimeMs }
    if (found.mtimeMs > newest.mtimeMs) newest = found
  }
  return newest
}

/**
 * Why dist/ must be rebuilt, or undefined when every bundle is newer than every
 * input (modification times: src/**, package-lock.json, tsconfig.json, the bundle
 * scripts). Errs towards rebuilding: a checkout that writes src/ after dist/ counts as stale.
 * @param {string} root project root
 * @returns {string | undefined}
 */
export function staleReason(root) {
  let oldest
  for (const name of Object.keys(ENTRIES)) {
    const bundle = join(root, 'dist', name, 'index.js')
    if (!existsSync(bundle)) return `dist/${name}/index.js is missing`
    const mtimeMs = statSync(bundle).mtimeMs
    if (!oldest || mtimeMs < oldest.mtimeMs) oldest = { path: `dist/${name}/index.js`, mtimeMs }
  }
  const inputs = [newestUnder(join(root, 'src')), ...INPUT_FILES.map((f) => ({ path: join(root, f), mtimeMs: statSync(join(root, f)).mtimeMs }))]
  const newest = inputs.reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a))
  if (newest.mtimeMs > oldest.mtimeMs) return `${newest.path.slice(root.length).replace(/^\//, '')} is newer than ${oldest.path}`
  return undefined
}
