// Rebuilds every ncc bundle in dist/ from src/. One bundle per entrypoint, so
// the validate bundle never carries the AWS SDK.
//   node scripts/bundle.mjs [entry…]     rebuild (all, or the named entries)
//   node scripts/bundle.mjs --if-stale   rebuild all only when dist/ was built from other inputs
// A full build records the digest of its inputs in dist/inputs.sha256; a
// partial one removes it, so the next --if-stale rebuilds everything.
import { execFileSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ENTRIES, STAMP, inputsDigest, staleReason } from './bundle-inputs.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const ifStale = args.includes('--if-stale')
const only = args.filter((a) => a !== '--if-stale')

if (ifStale) {
  const reason = staleReason(root)
  if (!reason) process.exit(0)
  process.stderr.write(`Rebuilding dist/: ${reason}\n`)
}
const digest = inputsDigest(root)
rmSync(join(root, STAMP), { force: true })
for (const [name, entry] of Object.entries(ENTRIES)) {
  if (only.length > 0 && !only.includes(name)) continue
  rmSync(join(root, 'dist', name), { recursive: true, force: true })
  execFileSync(
    'npx',
    ['ncc', 'build', entry, '-o', `dist/${name}`, '--license', 'licenses.txt', '--transpile-only', '--quiet'],
    { stdio: 'inherit', cwd: root }
  )
}
if (only.length === 0) writeFileSync(join(root, STAMP), `${digest}\n`)
