// Rebuilds every ncc bundle in dist/ from src/. One bundle per entrypoint, so
// the validate bundle never carries the AWS SDK.
//   node scripts/bundle.mjs [entry…]     rebuild (all, or the named entries)
//   node scripts/bundle.mjs --if-stale   rebuild all only when an input is newer than a bundle
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ENTRIES, staleReason } from './bundle-inputs.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const ifStale = args.includes('--if-stale')
const only = args.filter((a) => a !== '--if-stale')

if (ifStale) {
  const reason = staleReason(root)
  if (!reason) process.exit(0)
  process.stderr.write(`Rebuilding dist/: ${reason}\n`)
}
for (const [name, entry] of Object.entries(ENTRIES)) {
  if (only.length > 0 && !only.includes(name)) continue
  rmSync(`${root}/dist/${name}`, { recursive: true, force: true })
  execFileSync(
    'npx',
    ['ncc', 'build', entry, '-o', `dist/${name}`, '--license', 'licenses.txt', '--transpile-only', '--quiet'],
    { stdio: 'inherit', cwd: root }
  )
}
