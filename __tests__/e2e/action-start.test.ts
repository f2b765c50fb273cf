// What every entry of the action checks first, run from the bundles as a runner
// would: a Windows runner is refused at once, with what to do; a choice input
// with a typo names the nearest valid value; a `with:` name near a real input
// gets a warning naming it.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { runAction } from '../support/action-runner.js'
import { exampleRepo } from '../support/example-repo.js'
import type { TestRepo } from '../support/repo.js'

describe('the action on a runner it does not support', () => {
  let repo: TestRepo
  beforeEach(() => {
    repo = exampleRepo()
  })
  afterEach(() => repo.cleanup())

  it.each(['main', 'validate', 'generate'])(
    '%s on a Windows runner (RUNNER_OS=Windows) fails at once, naming a Linux runner, and reads nothing',
    async (entry) => {
      const before = repo.snapshot()
      const run = await runAction(entry, {
        workspace: repo.root,
        inputs: { engine: 'native', push: 'false' },
        env: { RUNNER_OS: 'Windows' }
      })
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(
        /::error title=graft-action::graft-action does not run on a Windows runner \(RUNNER_OS is Windows\): it supports Linux \(x64 and arm64\)/
      )
      expect(run.stdout).toContain('runs-on: ubuntu-latest')
      // nothing past the check ran: no pipeline read, no outputs set
      expect(run.stdout).not.toContain('Reading prompts')
      expect(run.outputs).toEqual({})
      expect(repo.snapshot()).toEqual(before)
    }
  )

  it('a Linux runner (RUNNER_OS=Linux) goes on', async () => {
    const run = await runAction('validate', {
      workspace: repo.root,
      inputs: { engine: 'native' },
      env: { RUNNER_OS: 'Linux' }
    })
    expect(run.code).toBe(0)
    expect(run.outputs.is_stale).toBe('false')
  })
})

describe('input typos', () => {
  let repo: TestRepo
  beforeEach(() => {
    repo = exampleRepo()
  })
  afterEach(() => repo.cleanup())

  it.each([
    ['validate', { engine: 'natve' }, 'input engine must be auto, native or dvc, not "natve"; did you mean "native"?'],
    ['validate', { 'hand-edits': 'keeep' }, 'did you mean "keep"?'],
    ['validate', { downstream: 'includ' }, 'did you mean "include"?'],
    [
      'main',
      { command: 'validat' },
      'input command must be auto, validate or generate, not "validat"; did you mean "validate"?'
    ],
    ['generate', { 'commit-via': 'gitt', push: 'false' }, 'did you mean "git"?'],
    ['generate', { 'on-protected': 'pull_request', push: 'false' }, 'did you mean "pull-request"?']
  ])('%s with %j names the nearest value and changes nothing', async (entry, inputs, said) => {
    const before = repo.snapshot()
    const run = await runAction(entry, { workspace: repo.root, inputs: { engine: 'native', ...inputs } })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(said)
    expect(repo.snapshot()).toEqual(before)
  })

  it('a with: name near an input gets a warning naming it; the run goes on', async () => {
    const run = await runAction('validate', {
      workspace: repo.root,
      inputs: { engine: 'native', 'fail-on-stal': 'true', 'unrelated-thing': 'x' }
    })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(
      '::warning::input fail-on-stal is not an input of graft-action, so it is ignored; did you mean fail-on-stale?'
    )
    // a name far from every input is left to the runner's own warning
    expect(run.stdout).not.toContain('unrelated-thing')
  })
})
