// Runs the real `dvc` (found on PATH) in a test repository: a scratch `.dvc/`
// folder is created for the call and removed afterwards, so snapshots of the
// repository stay comparable.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { scratchDir } from './scratch.js'

/** DVC's site cache for the test file (else DVC writes /var/tmp/dvc). */
let siteCache: string | undefined

export function runDvc(root: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const scratch = !existsSync(join(root, '.dvc'))
  if (scratch) mkdirSync(join(root, '.dvc'))
  siteCache ??= scratchDir('graft-test-dvc-site')
  const env = { ...process.env, DVC_NO_ANALYTICS: '1', DVC_SITE_CACHE_DIR: siteCache }
  return new Promise((resolve) => {
    execFile('dvc', args, { cwd: root, env }, (error, stdout, stderr) => {
      if (scratch) rmSync(join(root, '.dvc'), { recursive: true, force: true })
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    })
  })
}

/** `dvc status --json`, parsed. */
export async function realStatus(root: string): Promise<Record<string, unknown>> {
  const r = await runDvc(root, ['status', '--json'])
  if (r.code !== 0) throw new Error(`dvc status failed (${r.code}): ${r.stderr}`)
  return JSON.parse(r.stdout) as Record<string, unknown>
}
