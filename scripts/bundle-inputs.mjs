// What the bundles in dist/ are built from, and whether they were built from
// what is there now. `node scripts/bundle.mjs` records a digest of its inputs in
// dist/inputs.sha256; `--if-stale` (run first by the end-to-end tests, so they
// never test a bundle older than the code) rebuilds when the digest differs.
// Content, not modification times: a checkout or stash that rewrites dist/
// after src/ must not pass for fresh.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

/** dist/<name>/index.js ← entry point */
export const ENTRIES = {
  main: 'src/action/main.ts',
  validate: 'src/action/validate.ts',
  generate: 'src/action/generate.ts',
  cli: 'src/cli/index.ts'
}

/** The file in dist/ holding the digest of the inputs it was built from. */
export const STAMP = 'dist/inputs.sha256'

/** Files outside src/ that change what ncc emits (package.json: the CLI prints its version). */
const INPUT_FILES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'scripts/bundle.mjs',
  'scripts/bundle-inputs.mjs'
]

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(path) : [path]
  })
}

/**
 * SHA-256 over every input's path and bytes (src/**, package.json,
 * package-lock.json, tsconfig.json, the bundle scripts), in path order; hex.
 * @param {string} root project root
 */
export function inputsDigest(root) {
  const files = [...filesUnder(join(root, 'src')), ...INPUT_FILES.map((f) => join(root, f))]
    .map((f) => relative(root, f).split('\\').join('/'))
    .sort()
  const hash = createHash('sha256')
  for (const f of files) {
    hash.update(`${f}\0`)
    hash.update(readFileSync(join(root, f)))
    hash.update('\0')
  }
  return hash.digest('hex')
}

/**
 * Why dist/ must be rebuilt, or undefined when every bundle is there and the
 * recorded digest matches the inputs now.
 * @param {string} root project root
 * @returns {string | undefined}
 */
export function staleReason(root) {
  for (const name of Object.keys(ENTRIES)) {
    if (!existsSync(join(root, 'dist', name, 'index.js'))) return `dist/${name}/index.js is missing`
  }
  const stamp = join(root, STAMP)
  if (!existsSync(stamp)) return `${STAMP} is missing (a partial or older build)`
  if (readFileSync(stamp, 'utf8').trim() !== inputsDigest(root))
    return 'src/ (or the lock, tsconfig, the bundle scripts) changed since dist/ was built'
  return undefined
}
