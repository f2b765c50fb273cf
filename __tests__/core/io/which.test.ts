// The one lookup of programs on PATH (which) and the one runner (run): only
// absolute PATH entries count, so a program that lies in the folder a command
// runs in (the repository) is never run as git or dvc through '.', an empty
// entry or 'node_modules/.bin' on PATH.
import { beforeEach, describe, expect, it } from '@jest/globals'
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { run } from '../../../src/core/io/exec.js'
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
