// What the action and the CLI do when pointed at the wrong folder: nothing to
// check is an error naming the folder, never "all 0 document(s) up to date"
// (issue 10 §7). Run through the bundles as a runner and a user would.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { BUNDLE_NODE, PROJECT_ROOT, runAction } from '../support/action-runner.js'
import { BedrockServer, bedrockTestEnv } from '../support/bedrock-server.js'
import { exampleRepo } from '../support/example-repo.js'
import { TestRepo } from '../support/repo.js'

function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(BUNDLE_NODE, [join(PROJECT_ROOT, 'dist/cli/index.js'), ...args], { cwd }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    )
  })
}

describe('a working-directory with nothing to check', () => {
  let repo: TestRepo
  let server: BedrockServer
  beforeEach(async () => {
    repo = exampleRepo()
    server = await new BedrockServer().start()
  })
  afterEach(async () => {
    await server.close()
    repo.cleanup()
  })

  it.each([
    ['validate', { 'fail-on-stale': 'true' }],
    ['validate', {}],
    ['main', { command: 'auto' }],
    ['generate', {}]
  ])('%s %j: an error naming the folder and the dvc.yaml above it', async (entry, inputs) => {
    repo.write({ 'site/README.txt': 'no prompts here\n' })
    repo.commit('an unrelated folder')
    const before = repo.snapshot()
    const run = await runAction(entry, {
      workspace: repo.root,
      inputs: { engine: 'native', push: 'false', 'working-directory': 'site', ...inputs },
      env: bedrockTestEnv(server.url)
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(
      `${join(repo.root, 'site')} holds no *.prompt.md file and no dvc.yaml: there is nothing to validate`
    )
    expect(run.stdout).toContain(`${join(repo.root, 'dvc.yaml')} above it holds a pipeline`)
    expect(run.stdout).toContain('set `working-directory: .`')
    expect(run.stdout).not.toMatch(/up to date/)
    expect(run.outputs.is_stale).not.toBe('false')
    expect(server.requests).toHaveLength(0)
    expect(repo.snapshot()).toEqual(before)
  })

  it('a repository with no pipeline at all: the error names the folder, no pipeline above', async () => {
    const empty = TestRepo.create({ 'README.md': '# nothing\n' }, 'graft-empty')
    try {
      const before = empty.snapshot()
      const run = await runAction('validate', {
        workspace: empty.root,
        inputs: { engine: 'native', 'fail-on-stale': 'true' }
      })
      expect(run.code).toBe(1)
      expect(run.stdout).toContain(`${empty.root} holds no *.prompt.md file and no dvc.yaml`)
      expect(run.stdout).toContain('set the `working-directory` input to the folder that holds dvc.yaml')
      expect(run.stdout).not.toContain('above it')
      expect(run.stdout).not.toMatch(/up to date/)
      expect(empty.snapshot()).toEqual(before)
    } finally {
      empty.cleanup()
    }
  })

  it('a dvc.yaml with no stages and no prompts is an error on dvc.yaml', async () => {
    const empty = TestRepo.create({ 'dvc.yaml': 'stages: {}\n' }, 'graft-empty')
    try {
      const run = await runAction('validate', { workspace: empty.root, inputs: { engine: 'native' } })
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(
        /::error title=graft-action,file=dvc\.yaml::.*declares no stages and there is no \*\.prompt\.md file/
      )
    } finally {
      empty.cleanup()
    }
  })

  it('a sub-folder holding prompts of the pipeline above: one error pointing at the pipeline root', async () => {
    const before = repo.snapshot()
    const run = await runAction('validate', {
      workspace: repo.root,
      inputs: { engine: 'native', 'working-directory': 'docs' }
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(
      `${join(repo.root, 'docs')} has no dvc.yaml, but ${join(repo.root, 'dvc.yaml')} above it has stages that read and write files in this folder`
    )
    expect(run.stdout).toContain('set `working-directory: .`')
    expect(run.stdout).not.toContain('does not exist')
    expect(repo.snapshot()).toEqual(before)
  })

  it('the CLI run from a sub-folder says the same, once, instead of a "does not exist" per dep', async () => {
    const run = await cli(['validate', '--engine', 'native'], repo.path('docs'))
    expect(run.code).not.toBe(0)
    const text = run.stdout + run.stderr
    expect(text).toContain(`has no dvc.yaml, but ${join(repo.root, 'dvc.yaml')} above it`)
    expect(text).toContain(`-C ${repo.root}`)
    expect(text).not.toContain('does not exist')
    expect(text).not.toMatch(/up to date/)
  })

  it('the CLI in an empty sub-folder names it and the pipeline above', async () => {
    mkdirSync(repo.path('empty'))
    const run = await cli(['validate', '--engine', 'native', '--fail-on-stale'], repo.path('empty'))
    expect(run.code).not.toBe(0)
    const text = run.stdout + run.stderr
    expect(text).toContain(`${repo.path('empty')} holds no *.prompt.md file and no dvc.yaml`)
    expect(text).toContain(`above it holds a pipeline`)
  })
})
