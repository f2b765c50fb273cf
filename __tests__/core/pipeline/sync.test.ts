// sync's plan (core/pipeline/sync.ts) and the two removals it needs from the
// writers: stages out of dvc.yaml and entries out of dvc.lock, every other byte
// kept; and the plan on real git repositories (prompts found by git ls-files).
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { removeStagesFromDvcYaml } from '../../../src/core/dvc/dvcyaml-write.js'
import { parseDvcLock, removeLockStages } from '../../../src/core/dvc/dvclock.js'
import { GraftError } from '../../../src/core/errors.js'
import { planSync, writeSync } from '../../../src/core/pipeline/sync.js'
import { TestRepo } from '../../support/repo.js'

const YAML = `# pipeline
stages:
  a:
    cmd: make a
    deps:
    - a.prompt.md
    outs:
    - a.md:
        cache: false
  # b is the old one
  b:
    cmd: make b   # trailing
    deps: [b.prompt.md]
    outs:
    - b.md:
        cache: false

  c:
    cmd: make c
    deps:
    - c.prompt.md
    outs:
    - c.md:
        cache: false
# end
`

describe('removeStagesFromDvcYaml', () => {
  it('removes a middle stage with its trailing comment; comments between stages and blank lines stay', () => {
    const out = removeStagesFromDvcYaml(YAML, ['b'])
    expect(out).toBe(YAML.replace(/ {2}b:\n(?: {4}.*\n)+/, ''))
    expect(out).toContain('  # b is the old one\n')
    expect(Object.keys(parse(out).stages)).toEqual(['a', 'c'])
  })

  it('removes the last stage and keeps what follows it', () => {
    const out = removeStagesFromDvcYaml(YAML, ['c'])
    expect(out.endsWith('        cache: false\n\n# end\n')).toBe(true)
    expect(Object.keys(parse(out).stages)).toEqual(['a', 'b'])
  })

  it('leaves `stages: {}` when every stage goes, and ignores names it does not have', () => {
    const out = removeStagesFromDvcYaml(YAML, ['a', 'b', 'c', 'zzz'])
    expect(parse(out)).toEqual({ stages: {} })
    expect(out).toContain('# pipeline\nstages: {}\n')
  })

  it('refuses to remove a stage another one reuses through an anchor and alias, as an error naming dvc.yaml', () => {
    const shared =
      'stages:\n  a:\n    cmd: make a\n    deps: &d\n    - a.prompt.md\n  b:\n    cmd: make b\n    deps: *d\n'
    expect(() => removeStagesFromDvcYaml(shared, ['a'])).toThrow(GraftError)
    expect(() => removeStagesFromDvcYaml(shared, ['a'])).toThrow(
      /dvc\.yaml:2: removing stage a from dvc\.yaml would break the rest of it: another stage reuses its YAML through an anchor/
    )
    expect(removeStagesFromDvcYaml(shared, ['b'])).toBe(
      'stages:\n  a:\n    cmd: make a\n    deps: &d\n    - a.prompt.md\n'
    )
  })

  it('refuses flow-style stages, naming the line', () => {
    expect(() => removeStagesFromDvcYaml('stages: {a: {cmd: x}}\n', ['a'])).toThrow(GraftError)
  })
})

const entry = (name: string): string => `  ${name}:
    cmd: make ${name}
    deps:
    - path: ${name}.prompt.md
      hash: md5
      md5: 0123456789abcdef0123456789abcdef
      size: 1
    outs:
    - path: ${name}.md
      hash: md5
      md5: 0123456789abcdef0123456789abcdef
      size: 2
`
const LOCK = `schema: '2.0'\nstages:\n${entry('a')}${entry('b')}${entry('c')}`
const withNewline = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`)

describe('removeLockStages', () => {
  it('removes entries byte-exactly; the others read back unchanged', () => {
    expect(removeLockStages(LOCK, ['b'])).toBe(`schema: '2.0'\nstages:\n${entry('a')}${entry('c')}`)
    expect(removeLockStages(LOCK, ['c'])).toBe(`schema: '2.0'\nstages:\n${entry('a')}${entry('b')}`)
    expect(removeLockStages(LOCK, ['nope'])).toBe(LOCK)
  })

  it('cuts a lock in DVC layout by line numbers exactly as through the YAML tree', () => {
    // a trailing comment keeps the same content but sends the text to the YAML tree
    const comment = '# a comment\n'
    for (const text of [LOCK, LOCK.trimEnd()]) {
      for (const names of [['a'], ['b'], ['c'], ['a', 'c'], ['c', 'nope', 'a'], ['b', 'c']]) {
        const byLines = removeLockStages(text, names)
        expect(byLines).not.toBe(text)
        const byTree = removeLockStages(`${withNewline(text)}${comment}`, names)
        expect(byTree).toBe(`${withNewline(byLines)}${comment}`)
      }
    }
  })

  it('leaves a valid lock with `stages: {}` when every entry goes', () => {
    const out = removeLockStages(LOCK, ['a', 'b', 'c'])
    expect(out).toBe("schema: '2.0'\nstages: {}\n")
    expect(parseDvcLock(out).stages.size).toBe(0)
  })

  it('refuses a corrupt lock file rather than editing it', () => {
    expect(() => removeLockStages("schema: '2.0'\nstages:\n  a: [\n", ['a'])).toThrow(GraftError)
  })
})

describe('planSync', () => {
  let repo: TestRepo
  const prompt = (deps: string[]): string => `---\ndeps:\n${deps.map((d) => `  - ${d}\n`).join('')}---\nWrite it.\n`
  beforeEach(() => {
    repo = TestRepo.create({
      'src/x.md': 'x\n',
      'src/y.md': 'y\n',
      'docs/a.prompt.md': prompt(['src/x.md']),
      'dvc.yaml': `stages:\n  a:\n    cmd: gen docs/a.prompt.md docs/a.md\n    deps:\n    - docs/a.prompt.md\n    - src/x.md\n    outs:\n    - docs/a.md:\n        cache: false\n`
    })
    repo.commit('start')
  })
  afterEach(() => repo.cleanup())

  it('nothing to do when dvc.yaml matches the prompts', async () => {
    expect(await planSync(repo.root)).toEqual({ changes: [], files: [] })
  })

  it('a prompt whose out moved: its stage is rewritten (template kept) and its lock entry dropped', async () => {
    repo.write({
      'docs/a.prompt.md': `---\nout: docs/alpha.md\ndeps:\n  - src/y.md\n---\nWrite it.\n`,
      'dvc.lock': `schema: '2.0'\nstages:\n${entry('a')}`
    })
    repo.commit('moved')
    const plan = await planSync(repo.root)
    // docs/a.md was never written here: nothing is left behind
    expect(plan.changes).toEqual([
      { kind: 'outs', stage: 'a', prompt: 'docs/a.prompt.md', lockEntry: true, leftBehind: [], readers: [] }
    ])
    const yaml = plan.files.find((f) => f.path === 'dvc.yaml')!.text
    expect(parse(yaml).stages.a).toEqual({
      cmd: 'gen docs/a.prompt.md docs/alpha.md',
      deps: ['docs/a.prompt.md', 'src/y.md'],
      outs: [{ 'docs/alpha.md': { cache: false } }]
    })
    expect(plan.files.find((f) => f.path === 'dvc.lock')!.text).toBe("schema: '2.0'\nstages: {}\n")
  })

  it('writeSync writes the plan and a second plan finds nothing', async () => {
    repo.write({ 'docs/b.prompt.md': prompt(['docs/a.md']) })
    repo.commit('b')
    const plan = await planSync(repo.root)
    expect(plan.changes.map((c) => `${c.kind} ${c.stage}`)).toEqual(['add b'])
    await writeSync(repo.root, plan)
    expect(repo.read('dvc.yaml')).toContain('  b:\n    cmd: gen docs/b.prompt.md docs/b.md\n')
    expect((await planSync(repo.root)).changes).toEqual([])
  })

  // The repository's own command template comes from its Graft stages, the
  // orphan's too: in a one-document repository the renamed or moved prompt's
  // old stage is the only place it is written, and Graft's default command
  // (scripts/render_llm.sh, which the repository may not have) would replace it.
  it('a renamed prompt: the new stage keeps the command template the orphan was written in', async () => {
    repo.git('mv', 'docs/a.prompt.md', 'docs/alpha.prompt.md')
    repo.commit('renamed')
    const plan = await planSync(repo.root)
    expect(plan.changes.map((c) => `${c.kind} ${c.stage}`)).toEqual(['add alpha', 'remove a'])
    const yaml = parse(plan.files.find((f) => f.path === 'dvc.yaml')!.text)
    expect(yaml.stages.alpha.cmd).toBe('gen docs/alpha.prompt.md docs/alpha.md')
  })

  it('a prompt moved to another folder: its stage is rewritten in its own command template', async () => {
    repo.git('mv', 'docs/a.prompt.md', 'src/a.prompt.md')
    repo.commit('moved')
    const plan = await planSync(repo.root)
    expect(plan.changes.map((c) => `${c.kind} ${c.stage}`)).toEqual(['outs a'])
    const yaml = parse(plan.files.find((f) => f.path === 'dvc.yaml')!.text)
    expect(yaml.stages.a).toEqual({
      cmd: 'gen src/a.prompt.md src/a.md',
      deps: ['src/a.prompt.md', 'src/x.md'],
      outs: [{ 'src/a.md': { cache: false } }]
    })
  })

  // attack r4-review-b: only where no live stage says it. When the prompts'
  // own stages use Graft's default command, that is the repository's template;
  // a stale orphan written in another (an old script, long replaced) taught it
  // to every new stage.
  it("an orphan's command does not override the template the live stages use", async () => {
    const live = (name: string): string =>
      `  ${name}:\n    cmd: bash scripts/render_llm.sh --prompt docs/${name}.prompt.md --out docs/${name}.md --name ${name}\n    deps:\n    - docs/${name}.prompt.md\n    - src/x.md\n    outs:\n    - docs/${name}.md:\n        cache: false\n`
    repo.write({
      'dvc.yaml':
        `stages:\n${live('a')}` +
        '  old:\n    cmd: gen docs/old.prompt.md docs/old.md\n    deps:\n    - docs/old.prompt.md\n    outs:\n    - docs/old.md:\n        cache: false\n',
      'docs/b.prompt.md': prompt(['src/x.md'])
    })
    repo.commit('a live stage in the default command, an old orphan, a new prompt')
    const plan = await planSync(repo.root)
    expect(plan.changes.map((c) => `${c.kind} ${c.stage}`)).toEqual(['add b', 'remove old'])
    const yaml = parse(plan.files.find((f) => f.path === 'dvc.yaml')!.text)
    expect(yaml.stages.b.cmd).toBe('bash scripts/render_llm.sh --prompt docs/b.prompt.md --out docs/b.md --name b')
  })

  it('a prompt that does not parse: the error names it, and no plan is made', async () => {
    repo.write({ 'docs/b.prompt.md': '---\ndeps: [unclosed\n---\nx\n' })
    repo.commit('broken')
    await expect(planSync(repo.root)).rejects.toThrow(/docs\/b\.prompt\.md/)
  })
})
