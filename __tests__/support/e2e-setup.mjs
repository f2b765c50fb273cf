// Global setup of the end-to-end project: the suites run the bundles in dist/,
// so first rebuild them when src/ (or package.json, the lock, tsconfig, the
// bundle scripts) differs from what they were built from (dist/inputs.sha256)
// — an end-to-end run never tests stale code — then put DVC on PATH.
// Plain JavaScript: jest loads globalSetup untransformed.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import dvcOnPath from './dvc-on-path.mjs'

export default function e2eSetup() {
  const root = fileURLToPath(new URL('../..', import.meta.url))
  execFileSync(process.execPath, ['scripts/bundle.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' })
  dvcOnPath()
}
