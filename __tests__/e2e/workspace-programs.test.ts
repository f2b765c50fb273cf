// A program committed in the checkout never runs as git or DVC (issue 19 §1 and
// §3, another member of "a relative PATH entry ran the work tree's own ssh").
// Workflows put folders of the workspace on PATH with absolute paths (`echo
// "$GITHUB_WORKSPACE/bin" >> "$GITHUB_PATH"`, a virtual environment's
// `.venv/bin`, `node_modules/.bin`): a pull request that commits `bin/git` or
// `bin/dvc` there would have it run in the action's place, as a child of the
// action's process — which holds the token and the AWS keys (a program of the
// same user reads them from /proc/<ppid>/environ), besides what git is given
// to push. Through the bundles as a runner runs them: validate with the real
// DVC, generate with a push to a bare origin; neither planted program runs.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction } from '../support/action-runner.js'
import { BedrockServer, bedrockTestEnv } from '../support/bedrock-server.js'
import { exampleRepo } from '../support/example-repo.js'
import { writeScript } from '../support/hostile-git.js'
import type { TestRepo } from '../support/repo.js'

describe('git and dvc committed in a folder of the workspace that is on PATH', () => {
  let repo: TestRepo
  let origin: string
  let markers: string
  let bedrock: BedrockServer
  beforeEach(async () => {
    repo = exampleRepo()
    markers = mkdtempSync(join(tmpdir(), 'graft-planted-'))
    mkdirSync(repo.path('bin'))
    for (const program of ['git', 'dvc']) {
      // records that it ran, then fails: the action must never start it
      writeScript(repo.path(`bin/${program}`), `#!/bin/sh\ntouch '${markers}/${program}'\nexit 1\n`)
    }
    repo.write({ 'sources/changelog.md': `${repo.read('sources/changelog.md')}\n## 9.9.9\n- planted\n` })
    repo.commit('bin/git and bin/dvc, and a changed source')
    origin = repo.addOrigin()
    bedrock = await new BedrockServer().start()
  })
  afterEach(async () => {
    await bedrock.close()
    repo.cleanup()
    for (const dir of [origin, markers]) rmSync(dir, { recursive: true, force: true })
  })

  it('validate (the real DVC) and generate with a push run the real programs, never the planted ones', async () => {
    const env = { ...bedrockTestEnv(bedrock.url), PATH: `${repo.path('bin')}:${process.env.PATH}` }
    const validate = await runAction('validate', {
      workspace: repo.root,
      inputs: { engine: 'dvc', comment: 'false', cache: 'false' },
      env
    })
    expect(readdirSync(markers)).toEqual([])
    expect(validate.code).toBe(0)
    expect(validate.stdout).toMatch(/engine dvc: \d+ stale document/)
    const generate = await runAction('main', {
      workspace: repo.root,
      inputs: { command: 'generate', engine: 'native', comment: 'false', cache: 'false' },
      env,
      event: { name: 'push', payload: { ref: 'refs/heads/main', after: repo.head() } }
    })
    expect(readdirSync(markers)).toEqual([])
    expect(generate.code).toBe(0)
    expect(generate.outputs.pushed).toBe('true')
    expect(existsSync(join(markers, 'git'))).toBe(false)
  }, 180_000)
})
