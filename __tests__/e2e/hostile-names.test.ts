// Repository names and input values reach the terminal and the Actions log:
// the CLI (plain, and --json, on success and on failure) and the action's
// annotations show C0 and C1 controls and bidirectional overrides as escapes,
// so a file name or an input value cannot recolour, rewrite or reorder what a
// reader sees, nor start a workflow command.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { BUNDLE_NODE, PROJECT_ROOT, runAction } from '../support/action-runner.js'
import { AWS_ENV_KEYS, BedrockServer, bedrockTestEnv } from '../support/bedrock-server.js'
import { exampleRepo } from '../support/example-repo.js'
import { GIT_ENV, type TestRepo } from '../support/repo.js'

const CLI = join(PROJECT_ROOT, 'dist/cli/index.js')
/** What must never reach a reader raw: C0 (but the line break), DEL, C1, bidirectional marks and controls. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/

interface Run {
  code: number
  stdout: string
  stderr: string
}

function cli(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...GIT_ENV, FORCE_COLOR: '0' }
  for (const k of [...AWS_ENV_KEYS, 'GITHUB_ACTIONS', 'NO_COLOR', 'CI']) delete env[k]
  Object.assign(env, extra)
  return new Promise((resolve) => {
    execFile(BUNDLE_NODE, [CLI, ...args], { env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    )
  })
}

const PROMPT = '---\ndeps:\n  - sources/api.md\n---\nWrite it.\n'

describe('hostile names in the CLI', () => {
  let repo: TestRepo
  beforeEach(() => {
    repo = exampleRepo()
  })
  afterEach(() => repo.cleanup())

  it('a prompt whose name holds a right-to-left override: listed with the override as an escape, plain and --json', async () => {
    repo.write({ 'docs/evil\u202etxt.prompt.md': PROMPT })
    const plain = await cli(['validate', '--engine', 'native', '-C', repo.root])
    expect(plain.code).toBe(0)
    expect(plain.stdout).toContain('docs/evil\\u202etxt.md')
    expect(plain.stdout + plain.stderr).not.toMatch(RAW)

    const json = await cli(['validate', '--json', '--engine', 'native', '-C', repo.root])
    expect(json.code).toBe(0)
    expect(json.stdout).not.toMatch(RAW)
    expect(JSON.parse(json.stdout).stale_files).toContain('docs/evil\u202etxt.md')
  })

  it('sync and sync --check name a prompt holding a right-to-left override with the override as an escape', async () => {
    repo.write({ 'docs/evil\u202etxt.prompt.md': PROMPT })
    repo.commit('a prompt with a hostile name')
    const check = await cli(['sync', '--check', '-C', repo.root])
    expect(check.code).toBe(1)
    expect(check.stdout).toContain('docs/evil\\u202etxt.prompt.md')
    expect(check.stdout + check.stderr).not.toMatch(RAW)
    const wrote = await cli(['sync', '-C', repo.root])
    expect(wrote.code).toBe(0)
    expect(wrote.stdout).toContain('docs/evil\\u202etxt.prompt.md')
    expect(wrote.stdout + wrote.stderr).not.toMatch(RAW)
  })

  it('generate: the per-document lines and "Changed:" show an output named with a right-to-left override as an escape', async () => {
    const bedrock = await new BedrockServer().start()
    try {
      const out = 'docs/evil\u202edm.exe.md'
      repo.write({ 'docs/evil.prompt.md': `---\nout: ${JSON.stringify(out)}\ndeps: []\n---\nWrite it.\n` })
      repo.commit('a prompt with a hostile output name')
      const run = await cli(['generate', '--engine', 'native', '-C', repo.root, out], bedrockTestEnv(bedrock.url))
      expect(run.code).toBe(0)
      expect(run.stdout).toContain('docs/evil\\u202edm.exe.md: GENERATE')
      expect(run.stdout).toMatch(/^Changed: .*docs\/evil\\u202edm\.exe\.md/m)
      expect(run.stdout + run.stderr).not.toMatch(RAW)
    } finally {
      await bedrock.close()
    }
  })

  it('a prompt whose name holds the 8-bit CSI (U+009B) is refused, named with escapes, plain and --json', async () => {
    repo.write({ 'docs/evil\u009b31m.prompt.md': PROMPT })
    const before = repo.snapshot()
    const plain = await cli(['validate', '--engine', 'native', '-C', repo.root])
    expect(plain.code).toBe(1)
    expect(plain.stderr).toContain('docs/evil\\u009b31m.prompt.md holds a control character')
    expect(plain.stdout + plain.stderr).not.toMatch(RAW)

    const json = await cli(['validate', '--json', '--engine', 'native', '-C', repo.root])
    expect(json.code).toBe(1)
    expect(json.stdout).not.toMatch(RAW)
    const report = JSON.parse(json.stdout) as { ok: boolean; problems: { message: string }[] }
    expect(report.ok).toBe(false)
    expect(report.problems.map((p) => p.message).join('\n')).toContain('docs/evil\\u009b31m.prompt.md')
    expect(repo.snapshot()).toEqual(before)
  })
})

describe('hostile input values in the action', () => {
  let repo: TestRepo
  beforeEach(() => {
    repo = exampleRepo()
  })
  afterEach(() => repo.cleanup())

  it('an input value with escape codes, C1 controls and a line that looks like a command: echoed as escapes, on one line', async () => {
    const run = await runAction('validate', {
      workspace: repo.root,
      inputs: { engine: 'nat\u001b[8mive\u009b2J\u202e\n::add-mask::x' }
    })
    expect(run.code).toBe(1)
    const error = run.stdout.split('\n').find((l) => l.startsWith('::error title=graft-action::input engine'))
    expect(error).toBeDefined()
    expect(error).toContain('nat\\u001b[8mive\\u009b2J\\u202e')
    expect(error).not.toMatch(RAW)
    expect(run.stdout.split('\n').filter((l) => l.startsWith('::add-mask::'))).toEqual([])
  })
})
