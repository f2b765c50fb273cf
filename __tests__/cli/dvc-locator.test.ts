// The CLI's DVC locator: the dvc on PATH, or words saying how to get one. In a
// workflow (GITHUB_WORKSPACE set) a dvc found only inside the workspace is not
// taken (io/which.ts), and the refusal says so instead of "dvc is not on PATH".
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { dvcOnPath } from '../../src/cli/dvc-locator.js'
import { scratchDir } from '../support/scratch.js'

describe('dvcOnPath', () => {
  let dir: string
  let saved: { PATH?: string; GITHUB_WORKSPACE?: string }
  beforeEach(() => {
    dir = scratchDir('graft-dvc-locator')
    saved = { PATH: process.env.PATH, GITHUB_WORKSPACE: process.env.GITHUB_WORKSPACE }
    mkdirSync(join(dir, 'workspace/.venv/bin'), { recursive: true })
    writeFileSync(join(dir, 'workspace/.venv/bin/dvc'), `#!/bin/sh\ntouch '${join(dir, 'ran')}'\n`)
    chmodSync(join(dir, 'workspace/.venv/bin/dvc'), 0o755)
  })
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  })

  it('a dvc on PATH only inside the workspace is named as such, not "not on PATH"', async () => {
    process.env.GITHUB_WORKSPACE = join(dir, 'workspace')
    process.env.PATH = [join(dir, 'workspace/.venv/bin'), '/nonexistent'].join(':')
    expect(await dvcOnPath.find()).toBeUndefined()
    await expect(dvcOnPath.install()).rejects.toThrow(
      `dvc was found on PATH only at ${join(dir, 'workspace/.venv/bin/dvc')}, inside the checkout, and the action runs no program from the checkout`
    )
    expect(existsSync(join(dir, 'ran'))).toBe(false)
  })

  it('no dvc anywhere: "dvc is not on PATH", with how to get one', async () => {
    process.env.GITHUB_WORKSPACE = join(dir, 'workspace')
    process.env.PATH = '/nonexistent'
    await expect(dvcOnPath.install()).rejects.toThrow('dvc is not on PATH')
  })

  it('outside a workflow, a dvc in a folder on PATH is found', async () => {
    delete process.env.GITHUB_WORKSPACE
    process.env.PATH = join(dir, 'workspace/.venv/bin')
    expect(await dvcOnPath.find()).toBe(join(dir, 'workspace/.venv/bin/dvc'))
  })
})
