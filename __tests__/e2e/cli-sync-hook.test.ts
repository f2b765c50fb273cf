// `graft-action sync` and `graft-action hook install`, run from the CLI bundle
// in real git repositories: sync rewrites dvc.yaml from the prompts in the
// repository's own layout and command template and drops the stages and lock
// entries of deleted prompts; the hook blocks a commit that leaves documents
// stale or dvc.yaml out of sync, and `git commit --no-verify` skips it.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { BUNDLE_NODE, PROJECT_ROOT } from '../support/action-runner.js'
import { exampleRepo } from '../support/example-repo.js'
import { GIT_ENV, TestRepo } from '../support/repo.js'
import { scratchDir } from '../support/scratch.js'

interface Run {
  code: number
  stdout: string
  stderr: string
}

function run(file: string, args: string[], cwd?: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env: { ...process.env, ...GIT_ENV, GITHUB_ACTIONS: '' } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    )
  })
}
const cli = (args: string[]): Promise<Run> => run(BUNDLE_NODE, [join(PROJECT_ROOT, 'dist/cli/index.js'), ...args])

const DVC_YAML = `# Our pipeline: one stage per prompt, rendered by make-doc.
stages:
  one:
    cmd: make-doc docs/one.prompt.md > docs/one.md
    deps:
    - docs/one.prompt.md
    - sources/a.md
    outs:
    - docs/one.md:
        cache: false
  old_doc:
    cmd: make-doc docs/old-doc.prompt.md > docs/old-doc.md
    deps:
    - docs/old-doc.prompt.md
    - sources/a.md
    outs:
    - docs/old-doc.md:
        cache: false
  two:
    cmd: make-doc docs/two.prompt.md > docs/two.md   # keep this comment
    deps:
    - docs/two.prompt.md
    - sources/a.md
    outs:
    - docs/two.md:
        cache: false
  site:
    cmd: python build.py
    deps:
    - build.py
    outs:
    - public
`

const lockStage = (name: string, dep: string, out: string): string => `  ${name}:
    cmd: make-doc ${dep} > ${out}
    deps:
    - path: ${dep}
      hash: md5
      md5: 0123456789abcdef0123456789abcdef
      size: 10
    outs:
    - path: ${out}
      hash: md5
      md5: fedcba9876543210fedcba9876543210
      size: 20
`
const DVC_LOCK = `schema: '2.0'
stages:
${lockStage('one', 'docs/one.prompt.md', 'docs/one.md')}${lockStage('old_doc', 'docs/old-doc.prompt.md', 'docs/old-doc.md')}${lockStage('two', 'docs/two.prompt.md', 'docs/two.md')}`

const prompt = (deps: string[]): string => `---\ndeps:\n${deps.map((d) => `  - ${d}\n`).join('')}---\nWrite it.\n`

describe('graft-action sync', () => {
  let repo: TestRepo
  beforeEach(() => {
    repo = TestRepo.create({
      'sources/a.md': 'a\n',
      'sources/b.md': 'b\n',
      'build.py': 'print()\n',
      'docs/one.prompt.md': prompt(['sources/a.md']),
      'docs/one.md': 'one\n',
      'docs/two.prompt.md': prompt(['sources/a.md', 'sources/b.md']),
      'docs/two.md': 'two\n',
      'docs/three.prompt.md': prompt(['docs/one.md']),
      'dvc.yaml': DVC_YAML,
      'dvc.lock': DVC_LOCK
    })
    repo.commit('pipeline; old-doc.prompt.md deleted, three added, two gained a dep')
  })
  afterEach(() => repo.cleanup())

  it('--check lists what sync would change, exits 1 and writes nothing', async () => {
    const before = repo.snapshot()
    const r = await cli(['sync', '--check', '-C', repo.root])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('add stage three (docs/three.prompt.md)')
    expect(r.stdout).toContain('update the deps of stage two')
    expect(r.stdout).toContain(
      'remove stage old_doc and its dvc.lock entry: its prompt docs/old-doc.prompt.md is gone (renamed or deleted)'
    )
    expect(repo.snapshot()).toEqual(before)
  })

  it("adds, updates and removes stages in the file's own layout and command template, and drops deleted prompts' lock entries", async () => {
    const r = await cli(['sync', '-C', repo.root])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('added stage three (docs/three.prompt.md)')
    expect(r.stdout).toContain('removed stage old_doc')
    const yaml = repo.read('dvc.yaml')
    // the stage of the deleted prompt is gone; everything else as written
    expect(yaml).not.toContain('old_doc')
    expect(yaml).toContain('# Our pipeline: one stage per prompt, rendered by make-doc.\n')
    expect(yaml).toContain('    cmd: make-doc docs/two.prompt.md > docs/two.md   # keep this comment\n')
    expect(yaml).toContain('    deps:\n    - docs/two.prompt.md\n    - sources/a.md\n    - sources/b.md\n')
    // a new stage in the repository's command template
    expect(yaml).toContain(
      '  three:\n    cmd: make-doc docs/three.prompt.md > docs/three.md\n    deps:\n    - docs/three.prompt.md\n    - docs/one.md\n'
    )
    // a stage that is not Graft's is kept
    expect(yaml).toContain('  site:\n    cmd: python build.py\n')
    const lock = repo.read('dvc.lock')
    expect(lock).not.toContain('old_doc')
    expect(lock).toBe(
      `schema: '2.0'\nstages:\n${lockStage('one', 'docs/one.prompt.md', 'docs/one.md')}${lockStage('two', 'docs/two.prompt.md', 'docs/two.md')}`
    )

    // a second run finds nothing to do and changes nothing
    const after = repo.snapshot()
    const again = await cli(['sync', '-C', repo.root])
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('dvc.yaml is in sync with the prompts')
    expect(repo.snapshot()).toEqual(after)
    expect((await cli(['sync', '--check', '-C', repo.root])).code).toBe(0)
  })

  it('writes a new dvc.yaml in Graft layout when there is none', async () => {
    repo.remove('dvc.yaml').remove('dvc.lock')
    const r = await cli(['sync', '-C', repo.root])
    expect(r.code).toBe(0)
    const yaml = repo.read('dvc.yaml')
    expect(yaml).toContain('stages:\n  one:\n')
    expect(yaml).toContain('cmd: bash scripts/render_llm.sh --prompt docs/three.prompt.md --out docs/three.md')
    expect(existsSync(repo.path('dvc.lock'))).toBe(false)
  })

  it('a prompt with a broken frontmatter fails with its file and line, and nothing is written', async () => {
    repo.write({ 'docs/three.prompt.md': '---\ndeps: nope\n---\nbody\n' })
    const before = repo.snapshot()
    const r = await cli(['sync', '-C', repo.root])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^error: docs\/three\.prompt\.md:2: /m)
    expect(repo.snapshot()).toEqual(before)
  })
})

describe('graft-action hook install', () => {
  let repo: TestRepo
  beforeEach(() => {
    repo = exampleRepo()
  })
  afterEach(() => repo.cleanup())

  const hookPath = (): string => repo.path('.git/hooks/pre-commit')
  const commit = (...extra: string[]): Promise<Run> => run('git', ['commit', '-q', '-m', 'change', ...extra], repo.root)

  it('installs an executable pre-commit hook that blocks a commit leaving documents stale; --no-verify skips it', async () => {
    const r = await cli(['hook', 'install', '-C', repo.root])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('.git/hooks/pre-commit')
    expect(statSync(hookPath()).mode & 0o111).not.toBe(0)

    // a change no document depends on commits fine
    repo.write({ 'README.md': 'notes\n' })
    repo.git('add', '-A')
    const fine = await commit()
    expect(fine.code).toBe(0)

    // a source change without regenerating: blocked, HEAD unchanged, the way out named
    const head = repo.head()
    repo.write({ 'sources/changelog.md': `${repo.read('sources/changelog.md')}\n## 2.4.0\n- cancel\n` })
    repo.git('add', '-A')
    const blocked = await commit()
    expect(blocked.code).not.toBe(0)
    expect(blocked.stdout + blocked.stderr).toContain('docs/release-notes.md')
    expect(blocked.stderr).toContain('git commit --no-verify')
    expect(repo.head()).toBe(head)

    const skipped = await commit('--no-verify')
    expect(skipped.code).toBe(0)
    expect(repo.head()).not.toBe(head)
  }, 180_000) // five CLI processes and three commits: minutes on a loaded machine

  it('blocks a commit that leaves dvc.yaml out of sync with the prompts', async () => {
    expect((await cli(['hook', 'install', '-C', repo.root])).code).toBe(0)
    repo.write({ 'docs/glossary.prompt.md': prompt(['sources/api.md']) })
    repo.git('add', '-A')
    const blocked = await commit()
    expect(blocked.code).not.toBe(0)
    expect(blocked.stdout + blocked.stderr).toContain('dvc.yaml out of sync')
  })

  it('installing again replaces its own hook; a foreign hook is refused unless --force, which keeps a copy', async () => {
    expect((await cli(['hook', 'install', '-C', repo.root])).code).toBe(0)
    const again = await cli(['hook', 'install', '-C', repo.root])
    expect(again.code).toBe(0)

    const foreign = '#!/bin/sh\necho my own checks\n'
    writeFileSync(hookPath(), foreign)
    chmodSync(hookPath(), 0o755)
    const refused = await cli(['hook', 'install', '-C', repo.root])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('.git/hooks/pre-commit')
    expect(refused.stderr).toContain('--force')
    expect(readFileSync(hookPath(), 'utf8')).toBe(foreign)

    const forced = await cli(['hook', 'install', '--force', '-C', repo.root])
    expect(forced.code).toBe(0)
    expect(readFileSync(hookPath(), 'utf8')).toContain('graft-action')
    expect(readFileSync(`${hookPath()}.before-graft-action`, 'utf8')).toBe(foreign)
  })

  it('honours core.hooksPath', async () => {
    repo.git('config', 'core.hooksPath', '.githooks')
    const r = await cli(['hook', 'install', '-C', repo.root])
    expect(r.code).toBe(0)
    expect(existsSync(repo.path('.githooks/pre-commit'))).toBe(true)
    expect(existsSync(hookPath())).toBe(false)
  })

  it('a core.hooksPath outside the repository (a global one) is shared by every repository: refused, nothing written', async () => {
    const shared = scratchDir('graft-global-hooks')
    repo.git('config', 'core.hooksPath', shared) // as `git config --global core.hooksPath` would
    const r = await cli(['hook', 'install', '-C', repo.root])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`core.hooksPath (file:.git/config) is ${shared}, outside this repository`)
    expect(r.stderr).toContain('git config --local core.hooksPath .git/hooks')
    expect(readdirSync(shared)).toEqual([])
    expect(existsSync(hookPath())).toBe(false)
  })

  it('outside a git repository it fails, says so, and writes nothing', async () => {
    const dir = scratchDir('graft-not-git')
    const r = await cli(['hook', 'install', '-C', dir])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('is not in a git repository')
    expect(readdirSync(dir)).toEqual([])
  })
})
