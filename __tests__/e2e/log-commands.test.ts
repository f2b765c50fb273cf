// Repository names in the Actions log never form a workflow command (issue 19
// §2), through dist/validate as a runner runs it. The runner reads the
// `::name::` form only at the start of a line, but the old `##[name]` form
// anywhere in a line (actions/runner, ActionCommand.TryParse): a prompt whose
// output is named `docs/x ##[stop-commands]t.md` would otherwise turn off the
// action's own commands, and `##[add-mask]`, `##[error]` or `##[set-output]`
// inside a name would act for the action. More stale documents than GitHub
// shows as annotations, so the rest are printed as log lines, names and all.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { runAction } from '../support/action-runner.js'
import { exampleRepo } from '../support/example-repo.js'
import { runnerCommands } from '../support/runner-commands.js'
import type { TestRepo } from '../support/repo.js'

const HOSTILE = [
  'docs/a ##[stop-commands]pause.md',
  'docs/b ##[add-mask]stale.md',
  'docs/c ##[error file=README.md,line=1]forged.md',
  'docs/d ##[set-output name=is_stale]false.md',
  'docs/e ##[group]x.md'
]

describe('hostile output names in the log (dist/validate)', () => {
  let repo: TestRepo
  beforeEach(() => {
    repo = exampleRepo()
    const prompts: Record<string, string> = {}
    // enough stale documents that some are logged as plain lines, not annotations
    for (let i = 0; i < 12; i++) {
      const out = HOSTILE[i % HOSTILE.length].replace(/\.md$/, ` ${i}.md`)
      prompts[`docs/p${i}.prompt.md`] = `---\nout: ${JSON.stringify(out)}\ndeps: []\n---\nWrite.\n`
    }
    repo.write(prompts)
    repo.commit('prompts with hostile output names')
  })
  afterEach(() => repo.cleanup())

  it('every line that names them is inert: the runner obeys only the action’s own commands', async () => {
    const run = await runAction('validate', { workspace: repo.root, inputs: { engine: 'native' } })
    expect(run.code).toBe(0)
    expect(run.outputs.is_stale).toBe('true')
    // the names are in the log (so the test shows what it claims)
    expect(run.stdout).toContain('stop-commands]pause')
    const obeyed = runnerCommands(run.stdout)
    expect(obeyed.length).toBeGreaterThan(0) // the action's own notices
    expect(obeyed.filter((c) => c.form !== '::').map((c) => c.line)).toEqual([])
    for (const c of obeyed) expect(c.form).toBe('::')
    for (const c of obeyed) expect(['notice', 'warning', 'error', 'group', 'endgroup', 'add-mask']).toContain(c.name)
  })
})

describe('a hidden character in an output name, with fail-on-stale (dist/validate)', () => {
  let repo: TestRepo
  beforeEach(() => {
    repo = exampleRepo()
    // a right-to-left override and an Arabic letter mark: the name reads `docs/evil` + reversed text
    const out = 'docs/\u202eevil\u061cdm.exe.md'
    repo.write({ 'docs/p.prompt.md': `---\nout: ${JSON.stringify(out)}\ndeps: []\n---\nWrite.\n` })
    repo.commit('a prompt whose output holds bidi controls')
  })
  afterEach(() => repo.cleanup())

  it('the failing step names it with escapes, on every line the runner shows', async () => {
    const run = await runAction('validate', {
      workspace: repo.root,
      inputs: { engine: 'native', 'fail-on-stale': 'true' }
    })
    expect(run.code).toBe(1)
    const failure = run.stdout.split('\n').find((l) => l.startsWith('::error::'))
    expect(failure).toContain('stale')
    expect(failure).toContain('\\u202e')
    expect(run.stdout + run.stderr).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/)
  })
})
