// hand-edits: keep | regenerate | fail (issue 10 §6), through the bundles as a
// runner runs them: a generated document edited by hand and committed.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { BUNDLE_NODE, PROJECT_ROOT, runAction, type ActionRun } from '../support/action-runner.js'
import { BedrockServer, bedrockTestEnv, reply } from '../support/bedrock-server.js'
import { exampleRepo } from '../support/example-repo.js'
import type { TestRepo } from '../support/repo.js'
import { realStatus } from '../support/real-dvc.js'

const EDIT = 'A LINE A HUMAN ADDED BY HAND'
const promptOf = (server: BedrockServer, i: number): string => server.requests[i].body.messages[0].content[0].text

function cli(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(BUNDLE_NODE, [join(PROJECT_ROOT, 'dist/cli/index.js'), ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr })
    )
  })
}

describe('hand-edits (issue 10 §6)', () => {
  let repo: TestRepo
  let server: BedrockServer
  const run = (entry: string, inputs: Record<string, string> = {}): Promise<ActionRun> =>
    runAction(entry, {
      workspace: repo.root,
      inputs: { engine: 'native', push: 'false', ...inputs },
      env: bedrockTestEnv(server.url)
    })

  beforeEach(async () => {
    repo = exampleRepo()
    server = await new BedrockServer().start()
    // index.md has no downstream: only it is stale
    repo.write({ 'docs/index.md': repo.read('docs/index.md') + `\n${EDIT}\n` })
    repo.commit('index: a hand edit')
  })
  afterEach(async () => {
    await server.close()
    repo.cleanup()
  })

  it('keep (the default): accepts the edit into dvc.lock with no model call, and says so in the log and the summary', async () => {
    const edited = repo.read('docs/index.md')
    const lockBefore = repo.read('dvc.lock')
    const result = await run('generate')
    expect(result.code).toBe(0)
    expect(server.requests).toHaveLength(0)
    expect(repo.read('docs/index.md')).toBe(edited)
    expect(repo.read('dvc.lock')).not.toBe(lockBefore)
    expect(await realStatus(repo.root)).toEqual({})
    expect(result.stdout).toContain(
      'docs/index.md: edited by hand; with `hand-edits: keep` the edit is accepted as it is: no model call, and dvc.lock records its new hash'
    )
    expect(result.summary).toContain('hand edit kept (no call)')
    expect(result.summary).toMatch(
      /\*\*Hand edits kept\*\* \(`hand-edits: keep`\): `docs\/index\.md` was edited by hand; the edit is accepted as it is and dvc\.lock now records it/
    )
  })

  it('regenerate: sends it as REFRESH with the hand-edited text as the previous draft', async () => {
    server.onRequest(() => reply.document('# Index\n\nRewritten.\n'))
    const result = await run('generate', { 'hand-edits': 'regenerate' })
    expect(result.code).toBe(0)
    expect(server.requests).toHaveLength(1)
    const prompt = promptOf(server, 0)
    expect(prompt).toMatch(/- Action required: REFRESH \(edited by hand, and hand-edits is regenerate/)
    expect(prompt).toContain(EDIT)
    expect(repo.read('docs/index.md')).toContain('Rewritten.')
    expect(await realStatus(repo.root)).toEqual({})
    expect(result.summary).toContain('**Hand edits regenerated**')
  })

  it('fail: fails validate and generate naming the file, with no model call and nothing changed', async () => {
    const before = repo.snapshot()
    for (const entry of ['validate', 'generate', 'main']) {
      const result = await run(entry, { 'hand-edits': 'fail' })
      expect(result.code).toBe(1)
      expect(result.stdout).toMatch(
        /::error title=graft-action,file=docs\/index\.md::docs\/index\.md was edited by hand \(.*\), and `hand-edits: fail` refuses hand edits/
      )
      expect(result.stdout).toMatch(/revert the edit \(git checkout -- docs\/index\.md\)/)
    }
    const v = await cli(['validate', '--hand-edits', 'fail', '--engine', 'native', '-C', repo.root])
    expect(v.code).toBe(1)
    expect(v.out).toMatch(/docs\/index\.md: docs\/index\.md was edited by hand/)
    const g = await cli(['generate', '--hand-edits', 'fail', '--engine', 'native', '-C', repo.root])
    expect(g.code).toBe(1)
    expect(g.out).toMatch(/docs\/index\.md was edited by hand/)
    expect(server.requests).toHaveLength(0)
    expect(repo.snapshot()).toEqual(before)
  })

  it('an unknown policy is an input error', async () => {
    const result = await run('validate', { 'hand-edits': 'ignore' })
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(
      /::error title=graft-action::input hand-edits must be keep, regenerate or fail, not "ignore"/
    )
    const c = await cli(['generate', '--hand-edits', 'ignore', '-C', repo.root])
    expect(c.code).toBe(2)
    expect(c.out).toMatch(/--hand-edits must be keep, regenerate or fail, not "ignore"/)
  })
})
