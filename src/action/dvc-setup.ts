// Puts DVC on the runner for engine "dvc": the one on PATH when there is one,
// else a virtual environment in the runner's tool cache, installed with pip and
// kept with @actions/cache. The cache is a speed-up only: every call to it goes
// through actions-cache.ts (time limits; the first failure turns it off for
// the run), never a failed run.
import * as core from '@actions/core'
import { cacheUsable, restore as restoreCache, save as saveCache } from './actions-cache.js'
import { actionLog } from './report.js'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GraftError } from '../core/errors.js'
import { foundOnlyInCheckout, which } from '../core/io/which.js'
import { dvcVersion } from '../core/io/dvc.js'
import { programEnv } from '../core/io/env.js'
import { run, type RunResult } from '../core/io/exec.js'
import { escapeLog } from '../core/log.js'

export interface EnsureDvcOptions {
  /** pip version spec after `dvc==`: `3.*` (default), `3.67.*`, `3.67.1` */
  version: string
  /** restore/save the virtual environment with @actions/cache */
  useCache: boolean
}

const VERSION_PATTERN = /^\d+(\.\d+){0,2}(\.\*)?$/

/** Returns the path of a working `dvc` executable, installing it when needed. */
export async function ensureDvc(options: EnsureDvcOptions): Promise<string> {
  const onPath = which('dvc')
  if (onPath) {
    actionLog.info(`DVC: using ${onPath} from PATH`)
    return onPath
  }
  const planted = foundOnlyInCheckout('dvc')
  if (planted)
    actionLog.info(
      `DVC: not using ${planted}, which lies inside the checkout (see docs/security.md): using the action's own`
    )
  const version = checkVersion(options.version)
  const venv = join(process.env.RUNNER_TOOL_CACHE || tmpdir(), 'graft-action', `dvc-${version.replace(/\*/g, 'x')}`)
  const dvc = venvBin(venv, 'dvc')

  core.startGroup(`Installing DVC ${version}`)
  try {
    if (await works(dvc)) {
      actionLog.info(`DVC: reusing ${dvc}`)
      return dvc
    }
    const python = await pythonInfo()
    const key = `graft-dvc-${version}-${process.platform}-${process.arch}-py${python.version}-${python.id}`
    if (options.useCache && (await restore(venv, key)) && (await works(dvc))) {
      actionLog.info(`DVC: restored ${dvc} from the cache (${key})`)
      return dvc
    }
    await install(venv, version)
    if (options.useCache) await save(venv, key)
    return dvc
  } finally {
    core.endGroup()
  }
}

function checkVersion(raw: string): string {
  const version = raw.trim() || '3.*'
  if (!VERSION_PATTERN.test(version)) {
    throw new GraftError({
      message: `dvc-version "${raw}" is not a version`,
      hint: 'use a version such as 3.*, 3.67.* or 3.67.1'
    })
  }
  return version
}

function venvBin(venv: string, name: string): string {
  return process.platform === 'win32' ? join(venv, 'Scripts', `${name}.exe`) : join(venv, 'bin', name)
}

/** Whether `dvc --version` answers, asked through the one DVC runner. */
async function works(dvc: string): Promise<boolean> {
  if (!existsSync(dvc)) return false
  return dvcVersion(dvc).then(
    () => true,
    () => false
  )
}

/** Python and pip see no secret either: the allowlist, plus pip's own configuration and the network's. */
function pipEnv(): NodeJS.ProcessEnv {
  return programEnv('pip')
}

/** Python's version and a short id of the interpreter: a venv only works with the one that made it. */
async function pythonInfo(): Promise<{ version: string; id: string }> {
  const script = 'import sys; print("%d.%d.%d" % sys.version_info[:3]); print(sys.base_prefix)'
  const r = await run('python3', ['-c', script], { cwd: tmpdir(), env: pipEnv(), allowFailure: true }).catch(
    () => undefined
  )
  if (!r || r.code !== 0) {
    throw new GraftError({
      message: 'engine "dvc" needs Python 3 to install DVC, and python3 was not found',
      hint: 'add actions/setup-python before this step, install DVC yourself, or use engine "native"'
    })
  }
  const [version, prefix] = r.stdout.trim().split('\n')
  return {
    version,
    id: createHash('sha256')
      .update(prefix ?? '')
      .digest('hex')
      .slice(0, 8)
  }
}

async function install(venv: string, version: string): Promise<void> {
  rmSync(venv, { recursive: true, force: true })
  mkdirSync(venv, { recursive: true })
  actionLog.info(`DVC: creating a virtual environment in ${venv}`)
  try {
    await step(
      await run('python3', ['-m', 'venv', venv], { cwd: venv, env: pipEnv(), allowFailure: true }),
      'python3 -m venv',
      'install the python3-venv package'
    )
    actionLog.info(`DVC: pip install "dvc==${version}" (tens of seconds)`)
    const pip = await run(
      venvBin(venv, 'python'),
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', `dvc==${version}`],
      { cwd: venv, env: pipEnv(), allowFailure: true }
    )
    await step(
      pip,
      `pip install "dvc==${version}"`,
      'check that PyPI is reachable and that the version exists, or use engine "native"'
    )
    if (!(await works(venvBin(venv, 'dvc')))) {
      throw new GraftError({
        message: `DVC installed in ${venv} does not run`,
        hint: 'use engine "native" and report the problem'
      })
    }
  } catch (error) {
    rmSync(venv, { recursive: true, force: true })
    throw error
  }
}

async function step(result: RunResult, what: string, hint: string): Promise<void> {
  if (result.code === 0) return
  const tail = (result.stderr || result.stdout).trim().split('\n').slice(-5).join(' ')
  throw new GraftError({ message: `${what} failed (exit ${result.code}): ${tail}`, hint })
}

/** The virtual environment's archive (tens of MB) may take this long once the service answered a lookup. */
const VENV_ARCHIVE_MS = 60_000

async function restore(venv: string, key: string): Promise<boolean> {
  if (!cacheAvailable('restore')) return false
  const hit = await restoreCache([venv], key, { archiveMs: VENV_ARCHIVE_MS })
  if (!hit && cacheUsable()) core.notice(escapeLog(`DVC cache: no entry for ${key}; installing`))
  return hit !== undefined
}

async function save(venv: string, key: string): Promise<void> {
  if (!cacheAvailable('save')) return
  if (await saveCache([venv], key, { archiveMs: VENV_ARCHIVE_MS })) actionLog.info(`DVC cache: saved ${key}`)
}

function cacheAvailable(what: string): boolean {
  if (cacheUsable()) return true
  core.notice(`DVC cache: ${what} skipped, the cache service is not available here (or failed earlier in this run)`)
  return false
}
