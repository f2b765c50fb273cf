// The one lookup of programs on PATH (which) and the one runner (run): only
// absolute PATH entries count, so a program that lies in the folder a command
// runs in (the repository) is never run as git or dvc through '.', an empty
// entry or 'node_modules/.bin' on PATH.
import { beforeEach, describe, expect, it } from '@jest/globals'
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { run } from '../../../src/core/io/exec.js'
import { programEnv } from '../../../src/core/io/env.js'
import { which } from '../../../src/core/io/which.js'
import { scratchDir } from '../../support/scratch.js'

describe('which and run: absolute PATH entries only', () => {
  let dir: string
  let marker: string
  beforeEach(() => {
    dir = scratchDir('graft-which')
    marker = join(dir, 'ran')
    mkdirSync(join(dir, 'bin'))
    mkdirSync(join(dir, 'repo', 'node_modules', '.bin'), { recursive: true })
    const tool = `#!/bin/sh\ntouch '${marker}'\necho ran\n`
    for (const f of ['bin/tool', 'repo/tool', 'repo/node_modules/.bin/tool']) {
      writeFileSync(join(dir, f), tool)
      chmodSync(join(dir, f), 0o755)
    }
    mkdirSync(join(dir, 'bin', 'folder')) // a folder is never a program, even when it may be entered
  })

  it('skips relative and empty entries and folders; finds the program in an absolute one', () => {
    expect(which('tool', `.:node_modules/.bin::${join(dir, 'bin')}`)).toBe(join(dir, 'bin', 'tool'))
    expect(which('tool', '.:node_modules/.bin:')).toBeUndefined()
    expect(which('folder', join(dir, 'bin'))).toBeUndefined()
  })

  it('run does not run a program of the folder it runs in through a relative PATH entry', async () => {
    for (const PATH of ['.', 'node_modules/.bin', ':']) {
      await expect(run('tool', [], { cwd: join(dir, 'repo'), env: { PATH } })).rejects.toThrow(
        'tool is not installed or not on PATH'
      )
    }
    expect(existsSync(marker)).toBe(false)
    const r = await run('tool', [], { cwd: join(dir, 'repo'), env: { PATH: `.:${join(dir, 'bin')}` } })
    expect(r.stdout).toBe('ran\n')
  })
})

describe('which, run and programEnv: no program from inside the checkout, even through an absolute entry', () => {
  // `echo "$GITHUB_WORKSPACE/bin" >> "$GITHUB_PATH"`, a `.venv/bin`, `node_modules/.bin` made absolute:
  // a pull request that commits `bin/git` there would run in git's place, as a child of the action
  let dir: string
  let marker: string
  beforeEach(() => {
    dir = scratchDir('graft-which-workspace')
    marker = join(dir, 'ran')
    for (const d of ['bin', 'workspace/bin', 'workspace/repo/.venv/bin']) mkdirSync(join(dir, d), { recursive: true })
    const tool = `#!/bin/sh\ntouch '${marker}'\necho ran\n`
    for (const f of ['bin/tool', 'workspace/bin/tool', 'workspace/repo/.venv/bin/tool']) {
      writeFileSync(join(dir, f), tool)
      chmodSync(join(dir, f), 0o755)
    }
  })

  it('which skips entries inside the workspace or the folder given, and finds the one outside', () => {
    const inside = [
      join(dir, 'workspace/bin'),
      join(dir, 'workspace/repo/.venv/bin'),
      join(dir, 'workspace/repo/.venv/bin/../bin/..')
    ]
    const PATH = [...inside, join(dir, 'bin')].join(':')
    expect(which('tool', PATH, [join(dir, 'workspace')])).toBe(join(dir, 'bin', 'tool'))
    expect(which('tool', inside.join(':'), [join(dir, 'workspace')])).toBeUndefined()
    expect(which('tool', join(dir, 'workspace/repo/.venv/bin'), [join(dir, 'workspace/repo')])).toBeUndefined()
    // a folder of the workspace whose name starts with '..' is inside it, not above it
    mkdirSync(join(dir, 'workspace/..bin'))
    writeFileSync(join(dir, 'workspace/..bin/tool'), '#!/bin/sh\n')
    chmodSync(join(dir, 'workspace/..bin/tool'), 0o755)
    expect(which('tool', join(dir, 'workspace/..bin'), [join(dir, 'workspace')])).toBeUndefined()
    // a folder next to the workspace whose name starts the same is outside it
    expect(which('tool', join(dir, 'bin'), [join(dir, 'bi')])).toBe(join(dir, 'bin', 'tool'))
  })

  it('run, in the repository, takes no program from a PATH entry inside it, and says why', async () => {
    const repo = join(dir, 'workspace/repo')
    await expect(run('tool', [], { cwd: repo, env: { PATH: join(repo, '.venv/bin') } })).rejects.toThrow(
      `tool was found on PATH only at ${join(repo, '.venv/bin/tool')}, inside the checkout, and the action runs no program from the checkout`
    )
    expect(existsSync(marker)).toBe(false)
  })

  it("programEnv gives git and DVC search paths without the workspace's entries, and no GIT_EXEC_PATH inside it", () => {
    const workspace = join(dir, 'workspace')
    const source = {
      GITHUB_WORKSPACE: workspace,
      PATH: [join(workspace, 'bin'), join(dir, 'bin'), '/usr/bin'].join(':'),
      LD_LIBRARY_PATH: [join(workspace, 'repo/lib'), '/usr/lib'].join(':'),
      GIT_EXEC_PATH: join(workspace, 'repo/.git-core')
    }
    const git = programEnv('git', {}, source)
    expect(git.PATH).toBe([join(dir, 'bin'), '/usr/bin'].join(':'))
    expect(git.GIT_EXEC_PATH).toBeUndefined()
    expect(programEnv('git', {}, { ...source, GIT_EXEC_PATH: '/usr/lib/git-core' }).GIT_EXEC_PATH).toBe(
      '/usr/lib/git-core'
    )
    expect(programEnv('dvc', {}, source).LD_LIBRARY_PATH).toBe('/usr/lib')
    // the repository a command runs in counts too (the CLI, outside a workflow)
    const cli = { ...source, GITHUB_WORKSPACE: undefined }
    expect(programEnv('git', {}, cli, join(workspace, 'repo')).PATH).toBe(
      [join(workspace, 'bin'), join(dir, 'bin'), '/usr/bin'].join(':')
    )
    expect(programEnv('git', {}, cli, workspace).PATH).toBe([join(dir, 'bin'), '/usr/bin'].join(':'))
  })
})
