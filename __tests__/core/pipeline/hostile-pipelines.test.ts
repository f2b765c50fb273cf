// Pipelines a hostile or unusual repository really has, judged by the real DVC
// (issue 22; issue 19 §4): what sync (and generate, which edits dvc.yaml the
// same way) writes must be read by DVC as it was meant, and `dvc repro` must
// run exactly the written arguments — nothing hidden in a name runs.
import { afterEach, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { parse } from 'yaml'
import { GraftError } from '../../../src/core/errors.js'
import { silentLog } from '../../../src/core/log.js'
import { describeSyncChange, planSync, writeSync } from '../../../src/core/pipeline/sync.js'
import { validate } from '../../../src/core/validate/validate.js'
import { buildGraftRepo, dvcCommit, requireDvc, type PromptSpec } from '../../support/graft-repo.js'
import { realStatus, runDvc } from '../../support/real-dvc.js'
import type { TestRepo } from '../../support/repo.js'

const dvcPath = requireDvc()
const withDvc = { find: async () => dvcPath, install: async (): Promise<string> => dvcPath }

/** The stale stages validate finds with `engine`. */
async function staleStages(repo: TestRepo, engine: 'native' | 'dvc'): Promise<string[]> {
  const report = await validate({ root: repo.root, engine, dvc: withDvc, log: silentLog })
  return report.stale.map((d) => d.stage)
}

/** Records its arguments, one per line, in args.txt; writes the file named `--out=FILE` (or after `--out`). */
const RECORDER = [
  'printf "%s\\n" "$@" >> args.txt',
  'for a in "$@"; do case "$a" in --out=*) printf "x\\n" > "${a#--out=}";; esac; done',
  ''
].join('\n')

const repos: TestRepo[] = []
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup()
})

function base(more: PromptSpec[] = []): TestRepo {
  const repo = buildGraftRepo({
    sources: { 'src/a.md': 'alpha\n', 'tools/rec.sh': RECORDER },
    prompts: [{ path: 'docs/a.prompt.md', deps: ['src/a.md'], body: 'A.\n' }, ...more]
  })
  repos.push(repo)
  return repo
}

async function sync(repo: TestRepo): Promise<void> {
  await writeSync(repo.root, await planSync(repo.root))
}

describe("a repository's own command template, quoted as /bin/sh reads it", () => {
  it('`"--out={out}"`: a new prompt whose output holds $(…), backticks and quotes gets it as one literal argument; nothing runs', async () => {
    const repo = base()
    repo.write({
      'dvc.yaml': repo
        .read('dvc.yaml')
        .replace(/cmd: .*(\n {6}.*)*/, `cmd: sh tools/rec.sh "--prompt=docs/a.prompt.md" '--out=docs/a.md' --name="a"`)
    })
    dvcCommit(repo)
    const outs = ['docs/$(touch pwned).md', 'docs/`touch tick`.md', 'docs/it\'s "q".md', 'docs/-dash.md']
    outs.forEach((out, i) =>
      repo.write({ [`docs/n${i}.prompt.md`]: `---\ndeps:\n  - src/a.md\nout: ${JSON.stringify(out)}\n---\nN.\n` })
    )
    repo.commit('prompts with outputs a shell would read otherwise')
    await sync(repo)
    const stages = parse(repo.read('dvc.yaml')).stages as Record<string, { cmd: string }>
    for (const [i, out] of outs.entries()) {
      const stage = `n${i}`
      repo.remove('args.txt')
      const repro = await runDvc(repo.root, ['repro', '--force', '--single-item', stage])
      expect([stage, stages[stage].cmd, repro.code]).toEqual([stage, stages[stage].cmd, 0])
      const shown = out.startsWith('-') ? `./${out}` : out
      expect(repo.read('args.txt')).toBe(`--prompt=docs/n${i}.prompt.md\n--out=${shown}\n--name=${stage}\n`)
    }
    for (const made of ['pwned', 'tick', 'docs/pwned', 'docs/tick'])
      expect([made, existsSync(repo.path(made))]).toEqual([made, false])
  }, 120_000)
})

describe('a prompt whose stage name is taken by a stage that is not its own', () => {
  /** A helper as issue 22 §1 has it: no deps, always_changed, one cache: false output. */
  const HELPER =
    '  fetch_metrics:\n    cmd: curl -s https://example.invalid/m > src/metrics.json\n    outs:\n' +
    '    - src/metrics.json:\n        cache: false\n    always_changed: true\n'

  it('is refused on line 1 of the prompt, naming the stage and its line; the helper stays as written', async () => {
    const repo = base()
    repo.write({ 'dvc.yaml': repo.read('dvc.yaml') + HELPER, 'src/metrics.json': '{}\n' })
    dvcCommit(repo)
    repo.write({ 'docs/fetch-metrics.prompt.md': '---\ndeps:\n  - src/a.md\n---\nThe fetch.\n' })
    repo.commit("a helper, and a prompt whose Graft stage name is the helper's")
    const before = repo.snapshot()
    const line = repo.read('dvc.yaml').split('\n').indexOf('  fetch_metrics:') + 1
    const error = await planSync(repo.root).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GraftError)
    expect((error as GraftError).problems).toEqual([
      {
        file: 'docs/fetch-metrics.prompt.md',
        line: 1,
        message: `the file name gives the stage name fetch_metrics, and dvc.yaml already has a stage fetch_metrics (line ${line}) that is not this prompt's: it does not read docs/fetch-metrics.prompt.md; writing the prompt's stage would replace that one (its command, deps and outputs)`,
        hint: 'rename the prompt file, or rename the stage fetch_metrics in dvc.yaml'
      }
    ])
    expect(repo.snapshot()).toEqual(before)
    expect(await realStatus(repo.root)).toEqual({ fetch_metrics: ['always changed'] })
  }, 60_000)

  it("a stage of that name which reads the prompt is the prompt's own (hand-written, or with other deps): no clash", async () => {
    const repo = base()
    repo.write({
      'docs/b.prompt.md': '---\ndeps:\n  - src/a.md\n---\nB.\n',
      'dvc.yaml':
        repo.read('dvc.yaml') +
        '  b:\n    cmd: make b\n    deps:\n    - src/a.md\n    - docs/b.prompt.md\n    outs:\n    - docs/b.md:\n        cache: false\n'
    })
    repo.commit('a stage for b written by hand')
    const plan = await planSync(repo.root)
    expect(plan.changes.map((c) => [c.kind, c.stage])).toEqual([['deps', 'b']])
  }, 60_000)
})

describe('dvc.yaml and dvc.lock whose lines end with a lone CR (classic Mac OS)', () => {
  it('are read as DVC reads them (clean), and sync edits them in their own style, DVC reading the result', async () => {
    const repo = base([{ path: 'docs/b.prompt.md', deps: ['src/a.md'], body: 'B.\n' }])
    for (const file of ['dvc.yaml', 'dvc.lock']) repo.write({ [file]: repo.read(file).replace(/\n/g, '\r') })
    repo.commit('CR line ends')
    expect(await realStatus(repo.root)).toEqual({})
    for (const engine of ['native', 'dvc'] as const)
      expect([engine, await staleStages(repo, engine)]).toEqual([engine, []])

    repo.remove('docs/b.prompt.md')
    repo.write({ 'docs/c.prompt.md': '---\ndeps:\n  - src/a.md\n---\nC.\n' })
    await sync(repo)
    for (const file of ['dvc.yaml', 'dvc.lock']) expect([file, /\n/.test(repo.read(file))]).toEqual([file, false])
    expect(repo.read('dvc.yaml')).toMatch(
      /\r {2}c:\r {4}cmd: bash scripts\/render_llm\.sh --prompt docs\/c\.prompt\.md/
    )
    // DVC reads both: the orphan b is gone with its lock entry, c is new, a untouched
    expect(await realStatus(repo.root)).toEqual({
      c: [
        { 'changed deps': { 'docs/c.prompt.md': 'modified', 'src/a.md': 'modified' } },
        { 'changed outs': { 'docs/c.md': 'deleted' } }
      ]
    })
  }, 60_000)
})

describe('a document no prompt writes any more, which other stages still read', () => {
  /** a → docs/a.md, read by b and by a helper stage; c alone. */
  function readers(): TestRepo {
    const repo = base([
      { path: 'docs/b.prompt.md', deps: ['docs/a.md'], body: 'B.\n' },
      { path: 'docs/c.prompt.md', deps: ['src/a.md'], body: 'C.\n' }
    ])
    repo.write({
      'dvc.yaml':
        repo.read('dvc.yaml') +
        '  count:\n    cmd: wc -l docs > count.txt\n    deps:\n    - docs\n    outs:\n    - count.txt:\n        cache: false\n',
      'count.txt': '3\n'
    })
    dvcCommit(repo)
    repo.commit('a helper reading the docs folder')
    return repo
  }

  it("deleted prompt: its document stays, and the words name who still reads it instead of only 'delete it'; DVC finds no missing dep", async () => {
    const repo = readers()
    repo.remove('docs/a.prompt.md')
    const plan = await planSync(repo.root)
    expect(plan.changes.map((c) => describeSyncChange(c, 'did'))).toEqual([
      'removed stage a and its dvc.lock entry: its prompt docs/a.prompt.md is gone (renamed or deleted); docs/a.md is left in place and no prompt writes it any more, but stages b, count still read it: it stays a source, no longer regenerated — edit it by hand from now on, or take it out of those deps before deleting it'
    ])
    await writeSync(repo.root, plan)
    // the helper reads the folder, whose prompt file went: DVC says so; nothing else, and no dep is missing
    expect(await realStatus(repo.root)).toEqual({ count: [{ 'changed deps': { docs: 'modified' } }] })
  }, 60_000)

  it('a prompt moved to another folder (same stage name): its old document is named as left behind, with its readers', async () => {
    const repo = readers()
    for (const name of ['a', 'c']) {
      repo.write({ [`guide/${name}.prompt.md`]: repo.read(`docs/${name}.prompt.md`) })
      repo.remove(`docs/${name}.prompt.md`)
    }
    const plan = await planSync(repo.root)
    expect(plan.changes.map((c) => describeSyncChange(c, 'did'))).toEqual([
      'rewrote stage a for its new output (guide/a.prompt.md) and its dvc.lock entry; docs/a.md is left in place and no prompt writes it any more, but stages b, count still read it: it stays a source, no longer regenerated — edit it by hand from now on, or take it out of those deps before deleting it',
      // the helper reads the whole folder, so the old document too
      'rewrote stage c for its new output (guide/c.prompt.md) and its dvc.lock entry; docs/c.md is left in place and no prompt writes it any more, but stage count still reads it: it stays a source, no longer regenerated — edit it by hand from now on, or take it out of those deps before deleting it'
    ])
  }, 60_000)
})

describe('a stage whose deps come from a YAML merge key (<<), as DVC reads it', () => {
  it('is read with the merged deps: clean where DVC is clean, stale where DVC says so, with either engine', async () => {
    const repo = base([{ path: 'docs/b.prompt.md', deps: ['src/a.md'], body: 'B.\n' }])
    // b's deps shared through an anchor and merged into a (ruamel merges `<<`; the yaml package alone would not)
    const yaml = repo
      .read('dvc.yaml')
      .replace(
        /( {2}a:\n)((?: {4}.*\n| {6}.*\n)*?) {4}deps:\n {4}- docs\/a\.prompt\.md\n {4}- src\/a\.md\n/,
        '$1    <<: &shared\n      deps:\n      - docs/a.prompt.md\n      - src/a.md\n$2'
      )
    expect(yaml).toContain('<<: &shared')
    repo.write({ 'dvc.yaml': yaml })
    repo.commit('deps through a merge key')
    expect(await realStatus(repo.root)).toEqual({})
    for (const engine of ['native', 'dvc'] as const)
      expect([engine, await staleStages(repo, engine)]).toEqual([engine, []])
    expect((await planSync(repo.root)).changes).toEqual([])

    repo.write({ 'src/a.md': 'alpha, changed\n' })
    expect(Object.keys(await realStatus(repo.root)).sort()).toEqual(['a', 'b'])
    for (const engine of ['native', 'dvc'] as const)
      expect([engine, (await staleStages(repo, engine)).sort()]).toEqual([engine, ['a', 'b']])
  }, 60_000)
})

describe('a dvc.yaml an older Graft wrote (its render scripts listed before each prompt)', () => {
  it('a deleted prompt’s stage is still known as Graft’s: removed with its lock entry, and DVC is clean afterwards', async () => {
    const repo = base([{ path: 'docs/b.prompt.md', deps: ['src/a.md'], body: 'B.\n' }])
    const scripts = ['scripts/render_llm.sh', 'scripts/pack_prompt.py', 'scripts/ensure_llm.py']
    repo.write(Object.fromEntries(scripts.map((f) => [f, `# ${f}\n`])))
    repo.write({
      'dvc.yaml': repo.read('dvc.yaml').replace(/( {4}deps:\n)/g, `$1${scripts.map((f) => `    - ${f}\n`).join('')}`)
    })
    dvcCommit(repo)
    repo.commit('the older layout')
    expect(await realStatus(repo.root)).toEqual({})
    repo.remove('docs/b.prompt.md')
    const plan = await planSync(repo.root)
    expect(plan.changes.filter((c) => c.kind === 'remove').map((c) => [c.stage, c.prompt, c.lockEntry])).toEqual([
      ['b', 'docs/b.prompt.md', true]
    ])
    await writeSync(repo.root, plan)
    expect(repo.read('dvc.yaml')).not.toMatch(/^ {2}b:/m)
    expect(repo.read('dvc.lock')).not.toMatch(/^ {2}b:/m)
    expect(await realStatus(repo.root)).toEqual({})
  }, 60_000)
})
