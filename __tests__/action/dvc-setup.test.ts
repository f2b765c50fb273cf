// ensureDvc: DVC from PATH when present, else a real pip install into the
// runner's tool cache (once in the suite: tens of seconds), with @actions/cache
// unavailable as it is outside GitHub — a notice, never a failure.
import { afterEach, beforeEach, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { accessSync, constants, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { ensureDvc } from '../../src/action/dvc-setup.js'
import { GraftError } from '../../src/core/errors.js'
import { captureOutput } from '../support/capture.js'
import { requireDvc } from '../support/graft-repo.js'
import { scratchDir } from '../support/scratch.js'

const realDvc = requireDvc()
const installedVersion = execFileSync(realDvc, ['--version'], { encoding: 'utf8' }).trim()

const saved = { ...process.env }
let toolCache: string
// @actions/core writes workflow commands to stdout: read them there.
const output = captureOutput()

function pathWithoutDvc(): string {
  return (saved.PATH ?? '')
    .split(delimiter)
    .filter((dir) => {
      try {
        accessSync(join(dir, 'dvc'), constants.X_OK)
        return false
      } catch {
        return true
      }
    })
    .join(delimiter)
}

beforeEach(() => {
  toolCache = scratchDir('graft-toolcache')
  process.env.RUNNER_TOOL_CACHE = toolCache
  process.env.RUNNER_TEMP = toolCache
  delete process.env.ACTIONS_RESULTS_URL
  delete process.env.ACTIONS_CACHE_URL
})
afterEach(() => {
  process.env = { ...saved }
  rmSync(toolCache, { recursive: true, force: true })
})

test('uses the dvc already on PATH and installs nothing', async () => {
  process.env.PATH = `${dirname(realDvc)}${delimiter}${pathWithoutDvc()}`
  expect(await ensureDvc({ version: '3.*', useCache: true })).toBe(realDvc)
  expect(readdirSync(toolCache)).toEqual([])
})

test('rejects a dvc-version that is not a version, before touching anything', async () => {
  process.env.PATH = pathWithoutDvc()
  const error = await ensureDvc({ version: '3; rm -rf /', useCache: true }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(GraftError)
  expect((error as GraftError).problems[0]).toMatchObject({
    message: 'dvc-version "3; rm -rf /" is not a version',
    hint: 'use a version such as 3.*, 3.67.* or 3.67.1'
  })
  expect(readdirSync(toolCache)).toEqual([])
})

test('installs DVC into RUNNER_TOOL_CACHE with pip when PATH has none, then reuses it', async () => {
  process.env.PATH = pathWithoutDvc()
  const dvc = await ensureDvc({ version: installedVersion, useCache: true })
  expect(dvc).toBe(join(toolCache, 'graft-action', `dvc-${installedVersion}`, 'bin', 'dvc'))
  expect(execFileSync(dvc, ['--version'], { encoding: 'utf8' }).trim()).toBe(installedVersion)
  const log = output.stdout
  expect(log).toContain(`::group::Installing DVC ${installedVersion}`)
  expect(log).toContain('::notice::DVC cache: restore skipped, the cache service is not available here')
  expect(log).toContain('::notice::DVC cache: save skipped, the cache service is not available here')
  expect(log).toContain('::endgroup::')
  expect(log).toContain(`DVC: pip install "dvc==${installedVersion}"`)

  // the second call reuses the install: it says so, and creates no environment and runs no pip
  output.clear()
  expect(await ensureDvc({ version: installedVersion, useCache: true })).toBe(dvc)
  expect(output.stdout).toContain(`DVC: reusing ${dvc}`)
  expect(output.stdout).not.toContain('DVC: creating a virtual environment')
  expect(output.stdout).not.toContain('DVC: pip install')
  expect(existsSync(join(toolCache, 'graft-action', `dvc-${installedVersion}`, 'pyvenv.cfg'))).toBe(true)

  // a dvc on PATH only inside the workspace (a .venv/bin an earlier step put there) is not taken, and it says why
  const workspace = join(toolCache, 'workspace')
  mkdirSync(join(workspace, '.venv/bin'), { recursive: true })
  writeFileSync(join(workspace, '.venv/bin/dvc'), '#!/bin/sh\nexit 0\n', { mode: 0o755 })
  process.env.GITHUB_WORKSPACE = workspace
  process.env.PATH = `${join(workspace, '.venv/bin')}${delimiter}${pathWithoutDvc()}`
  output.clear()
  expect(await ensureDvc({ version: installedVersion, useCache: true })).toBe(dvc)
  expect(output.stdout).toContain(
    `DVC: not using ${join(workspace, '.venv/bin/dvc')}, which lies inside the checkout (see docs/security.md): using the action's own`
  )
}, 600000)
