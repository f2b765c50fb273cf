// DVC's own stage semantics (issue 10 §10), judged by the real DVC: frozen
// stages, an always_changed helper stage that is not a prompt, and the orphaned
// stage a renamed prompt leaves. For each state the native engine must print
// what `dvc status --json` prints, and validate — with either engine — must
// call stale exactly the stages whose outputs `dvc repro` would change: a
// frozen stage never (not through its deps, not through an upstream), a
// document reading an always_changed helper's output never on that account,
// a document reading a changed helper's output only after `dvc repro` of it.
import { afterAll, beforeAll, describe, expect, it, test } from '@jest/globals'
import { parseDocument } from 'yaml'
import { readDvcYaml } from '../../../src/core/dvc/dvcyaml.js'
import { readDvcLock } from '../../../src/core/dvc/dvclock.js'
import { silentLog } from '../../../src/core/log.js'
import { dvcStatus } from '../../../src/core/status/dvc.js'
import { nativeStatus, toDvcJson } from '../../../src/core/status/native.js'
import { validate, type ValidationReport } from '../../../src/core/validate/validate.js'
import type { Reason } from '../../../src/core/types.js'
import { buildGraftRepo, copyRepo, dvcCommit, requireDvc } from '../../support/graft-repo.js'
import { runDvc } from '../../support/real-dvc.js'
import type { TestRepo } from '../../support/repo.js'

const dvcPath = requireDvc()
const withDvc = { find: async () => dvcPath, install: async (): Promise<string> => dvcPath }
const noDvc = {
  find: async () => undefined,
  install: async (): Promise<string> => Promise.reject(new Error('no install in tests'))
}

type Mutation = (repo: TestRepo) => void

/** A helper stage no prompt defines: copies tools/input.txt to made.txt (cache: false), always_changed. */
const HELPER =
  '  helper:\n    cmd: cp tools/input.txt made.txt\n    deps:\n    - tools/input.txt\n    outs:\n    - made.txt:\n        cache: false\n    always_changed: true\n'

/**
 * intro (src/a.md) → guide (docs/intro.md) → advanced (docs/guide.md);
 * helper (tools/input.txt) → made.txt → notes; solo (src/b.md) alone.
 */
function buildBase(): TestRepo {
  const repo = buildGraftRepo({
    sources: { 'src/a.md': 'alpha\n', 'src/b.md': 'beta\n', 'tools/input.txt': 'made\n', 'made.txt': 'made\n' },
    prompts: [
      { path: 'docs/intro.prompt.md', deps: ['src/a.md'], body: 'Introduce.\n' },
      { path: 'docs/guide.prompt.md', deps: ['docs/intro.md'], body: 'Guide.\n' },
      { path: 'docs/advanced.prompt.md', deps: ['docs/guide.md'], body: 'Go further.\n' },
      { path: 'docs/notes.prompt.md', deps: ['made.txt'], body: 'Notes on what the helper made.\n' },
      { path: 'docs/solo.prompt.md', deps: ['src/b.md'], body: 'Alone.\n' }
    ]
  })
  repo.write({ 'dvc.yaml': repo.read('dvc.yaml') + HELPER })
  dvcCommit(repo)
  repo.commit('a helper stage')
  return repo
}

const edit =
  (path: string, text: string): Mutation =>
  (r) =>
    void r.write({ [path]: text })
const append =
  (path: string, text: string): Mutation =>
  (r) =>
    void r.write({ [path]: r.read(path) + text })
const all =
  (...ms: Mutation[]): Mutation =>
  (r) =>
    ms.forEach((m) => m(r))
/** `frozen: true` on a stage of dvc.yaml, as `dvc freeze` sets it. */
const freeze =
  (stage: string): Mutation =>
  (r) => {
    const doc = parseDocument(r.read('dvc.yaml'))
    if (!doc.hasIn(['stages', stage])) throw new Error(`no stage ${stage}`)
    doc.setIn(['stages', stage, 'frozen'], true)
    r.write({ 'dvc.yaml': doc.toString() })
  }
/** The helper without always_changed, so the other states are judged alone. */
const steady: Mutation = (r) => {
  const doc = parseDocument(r.read('dvc.yaml'))
  doc.deleteIn(['stages', 'helper', 'always_changed'])
  r.write({ 'dvc.yaml': doc.toString() })
}
/** Renames a prompt (and its output) without touching dvc.yaml: its stage is orphaned. */
const renamePrompt =
  (from: string, to: string): Mutation =>
  (r) => {
    r.write({ [`docs/${to}.prompt.md`]: r.read(`docs/${from}.prompt.md`) })
    r.remove(`docs/${from}.prompt.md`)
  }

interface Expected {
  /** what `dvc status --json` prints */
  dvc: Record<string, unknown[]>
  /** stage → reason kinds validate gives it; stages absent are not stale */
  stale: Record<string, string[]>
  /** a piece of text each of these stages' reasons must hold */
  says?: Record<string, string>
  /** stage → a piece of text of its notice (a stage only always changed is no stale document) */
  notices?: Record<string, string>
}

const states: [string, Mutation, Expected][] = [
  [
    'always_changed helper, nothing else changed: DVC flags the helper only; validate calls nothing stale and gives the helper a notice with the `dvc repro` to run',
    () => {},
    {
      dvc: { helper: ['always changed'] },
      stale: {},
      notices: { helper: 'run `dvc repro helper` and commit made.txt' }
    }
  ],
  [
    "the helper's dep changed: the document reading its output waits for `dvc repro helper`; unrelated documents are not stale",
    edit('tools/input.txt', 'made anew\n'),
    {
      dvc: { helper: [{ 'changed deps': { 'tools/input.txt': 'modified' } }, 'always changed'] },
      stale: { helper: ['changed-dep', 'always-changed', 'not-a-prompt'], notes: ['upstream-stale', 'needs-repro'] },
      says: { notes: 'run `dvc repro helper` and commit, then regenerate' }
    }
  ],
  [
    "the helper's output edited: DVC flags both; the document reads a changed dep",
    edit('made.txt', 'edited\n'),
    {
      dvc: {
        helper: [{ 'changed outs': { 'made.txt': 'modified' } }, 'always changed'],
        notes: [{ 'changed deps': { 'made.txt': 'modified' } }]
      },
      stale: {
        helper: ['changed-out', 'always-changed', 'not-a-prompt'],
        notes: ['changed-dep', 'upstream-stale', 'needs-repro']
      }
    }
  ],
  [
    'frozen stage whose dep changed: DVC reports nothing, nothing is stale',
    all(steady, freeze('intro'), append('src/a.md', 'more\n')),
    { dvc: {}, stale: {} }
  ],
  [
    'frozen stage downstream of a changed stage: only the upstream is stale, not the frozen stage nor what lies behind it',
    all(steady, freeze('guide'), append('src/a.md', 'more\n')),
    { dvc: { intro: [{ 'changed deps': { 'src/a.md': 'modified' } }] }, stale: { intro: ['changed-dep'] } }
  ],
  [
    'frozen stage whose output was edited: DVC flags the output; validate says generate leaves it and what to run',
    all(steady, freeze('advanced'), append('docs/advanced.md', 'by hand\n')),
    {
      dvc: { advanced: [{ 'changed outs': { 'docs/advanced.md': 'modified' } }] },
      stale: { advanced: ['edited-by-hand', 'frozen'] },
      says: { advanced: 'generate never regenerates it' }
    }
  ],
  [
    'frozen helper still always_changed: DVC flags it (status checks always_changed and outputs of a frozen stage); validate gives it a notice',
    freeze('helper'),
    {
      dvc: { helper: ['always changed'] },
      stale: {},
      notices: { helper: 'dvc unfreeze helper' }
    }
  ],
  [
    'frozen helper whose dep changed: DVC checks no dep of it and never reruns it, so the document reading its output is not blocked',
    all(freeze('helper'), edit('tools/input.txt', 'made anew\n')),
    { dvc: { helper: ['always changed'] }, stale: {}, notices: { helper: 'frozen' } }
  ],
  [
    'renamed prompt: the orphaned stage is told to leave dvc.yaml and dvc.lock, not to run dvc repro; it blocks nothing',
    all(steady, renamePrompt('solo', 'single')),
    {
      dvc: { solo: [{ 'changed deps': { 'docs/solo.prompt.md': 'deleted' } }] },
      stale: { solo: ['changed-dep', 'dvc-yaml-out-of-sync'], single: ['not-in-lock', 'dvc-yaml-out-of-sync'] },
      says: {
        solo: 'orphaned: stage solo in dvc.yaml belongs to the prompt docs/solo.prompt.md, which is gone (renamed or deleted); generate removes the stage from dvc.yaml and its entry from dvc.lock in its commit'
      }
    }
  ]
]

function staleKinds(report: ValidationReport): Record<string, string[]> {
  return Object.fromEntries(report.stale.map((d) => [d.stage, d.reasons.map((r: Reason) => r.kind)]))
}

describe('frozen, always_changed and orphaned stages: native engine = dvc status, and validate agrees with DVC', () => {
  let base: TestRepo
  beforeAll(() => {
    base = buildBase()
  })
  afterAll(() => base?.cleanup())

  test.each(states)('%s', async (_name, mutate, expected) => {
    const repo = copyRepo(base)
    try {
      mutate(repo)
      const dvcYaml = (await readDvcYaml(repo.root))!
      const dvc = toDvcJson(await dvcStatus(repo.root, { dvcPath }))
      expect(dvc).toEqual(expected.dvc)
      expect(toDvcJson(await nativeStatus(repo.root, dvcYaml, await readDvcLock(repo.root)))).toEqual(dvc)
      for (const engine of ['dvc', 'native'] as const) {
        const report = await validate({
          root: repo.root,
          engine,
          dvc: engine === 'dvc' ? withDvc : noDvc,
          log: silentLog
        })
        expect([engine, staleKinds(report)]).toEqual([engine, expected.stale])
        for (const [stage, text] of Object.entries(expected.says ?? {})) {
          expect(
            report.stale
              .find((d) => d.stage === stage)!
              .reasons.map((r) => r.text)
              .join('\n')
          ).toContain(text)
        }
        const notices = report.notices.map((n) => `${n.message} — ${n.hint}`)
        for (const [stage, text] of Object.entries(expected.notices ?? {}))
          expect(notices.find((n) => n.startsWith(`stage ${stage} is always changed`))).toContain(text)
        if (!expected.notices) expect(notices.filter((n) => / is always changed /.test(n))).toEqual([])
      }
    } finally {
      repo.cleanup()
    }
  })

  it('`targets` clears a stale helper: a document it does not feed validates clean', async () => {
    const repo = copyRepo(base)
    try {
      append('src/b.md', 'more\n')(repo)
      const report = await validate({
        root: repo.root,
        engine: 'native',
        targets: ['docs/intro.md', 'docs/notes.md'],
        dvc: noDvc,
        log: silentLog
      })
      expect(report.stale).toEqual([])
      const solo = await validate({
        root: repo.root,
        engine: 'native',
        targets: ['docs/solo.md'],
        dvc: noDvc,
        log: silentLog
      })
      expect(solo.stale.map((d) => d.stage)).toEqual(['solo'])
    } finally {
      repo.cleanup()
    }
  })

  it('DVC agrees: after `dvc repro helper` (always_changed, same output) the document reading it is still up to date', async () => {
    const repo = copyRepo(base)
    try {
      const repro = await runDvc(repo.root, ['repro', '--single-item', 'helper'])
      expect(repro.code).toBe(0)
      expect(repro.stdout).toContain("Running stage 'helper'")
      const dvc = toDvcJson(await dvcStatus(repo.root, { dvcPath }))
      expect(dvc).toEqual({ helper: ['always changed'] })
      const report = await validate({ root: repo.root, engine: 'native', dvc: noDvc, log: silentLog })
      expect(report.stale.map((d) => d.stage)).toEqual([])
      expect(report.notices.map((n) => n.message)).toEqual([expect.stringMatching(/^stage helper is always changed/)])
    } finally {
      repo.cleanup()
    }
  })
})

// foreach and matrix stages (issue 22: pipelines as DVC users have them). DVC
// locks and reports them item by item (`tr@de`, `mx@b`); validate read the
// stage as one (`tr`), found no `tr` in dvc.lock and called it "never
// generated" on every run, while `dvc status` was `{}` (so fail-on-stale could
// never pass), dropped the items DVC did report, and missed the document that
// reads one item's output. The native engine refuses these stages (it says to
// use DVC), so validate with the real DVC must agree with it. A target naming
// the stage stands for its items, as `dvc repro tr` takes it (`dvc status tr`
// does not: treeverse/dvc#7385).
describe('foreach and matrix stages: validate with the real DVC agrees with `dvc status`', () => {
  const LOOPS =
    'vars:\n- langs:\n    en: {src: data/a.txt}\n    de: {src: data/b.txt}\n' +
    'stages:\n' +
    '  tr:\n    foreach: ${langs}\n    do:\n      cmd: cp ${item.src} src/${key}.txt\n      deps:\n      - ${item.src}\n      outs:\n      - src/${key}.txt:\n          cache: false\n' +
    '  mx:\n    matrix:\n      l: [a, b]\n    cmd: cp data/${item.l}.txt src/m${item.l}.txt\n    deps:\n    - data/${item.l}.txt\n    outs:\n    - src/m${item.l}.txt:\n        cache: false\n'
  let base: TestRepo
  beforeAll(() => {
    base = buildGraftRepo({
      sources: {
        'data/a.txt': 'a\n',
        'data/b.txt': 'b\n',
        'src/en.txt': 'a\n',
        'src/de.txt': 'b\n',
        'src/ma.txt': 'a\n',
        'src/mb.txt': 'b\n'
      },
      prompts: [{ path: 'docs/intro.prompt.md', deps: ['src/mb.txt'], body: 'Introduce.\n' }]
    })
    const yaml = base.read('dvc.yaml')
    if (!/^stages:\n/m.test(yaml)) throw new Error('no stages: line')
    base.write({ 'dvc.yaml': yaml.replace(/^stages:\n/m, LOOPS) })
    dvcCommit(base)
    base.commit('foreach and matrix stages')
  })
  afterAll(() => base?.cleanup())

  const lineOf = (repo: TestRepo, text: string): number => {
    const yaml = repo.read('dvc.yaml')
    return yaml.slice(0, yaml.indexOf(text)).split('\n').length
  }
  const judge = async (mutate: Mutation): Promise<{ dvc: unknown; report: ValidationReport; repo: TestRepo }> => {
    const repo = copyRepo(base)
    mutate(repo)
    const dvc = toDvcJson(await dvcStatus(repo.root, { dvcPath }))
    const report = await validate({ root: repo.root, engine: 'dvc', dvc: withDvc, log: silentLog })
    return { dvc, report, repo }
  }

  it('clean: `dvc status` is {} and nothing is stale (no item is "never generated")', async () => {
    const { dvc, report, repo } = await judge(() => {})
    try {
      expect(dvc).toEqual({})
      expect(report.pipeline.stages.map((s) => s.name).sort()).toEqual(['intro', 'mx@a', 'mx@b', 'tr@de', 'tr@en'])
      expect(staleKinds(report)).toEqual({})
    } finally {
      repo.cleanup()
    }
  })

  it("a changed item: the items DVC reports, and the document reading one's output waits for it", async () => {
    const { dvc, report, repo } = await judge(edit('data/b.txt', 'b2\n'))
    try {
      expect(dvc).toEqual({
        'tr@de': [{ 'changed deps': { 'data/b.txt': 'modified' } }],
        'mx@b': [{ 'changed deps': { 'data/b.txt': 'modified' } }]
      })
      expect(staleKinds(report)).toEqual({
        'tr@de': ['changed-dep', 'not-a-prompt'],
        'mx@b': ['changed-dep', 'not-a-prompt'],
        intro: ['upstream-stale', 'needs-repro']
      })
      const tr = report.stale.find((d) => d.stage === 'tr@de')!
      expect(tr.at).toEqual({ file: 'dvc.yaml', line: lineOf(repo, '  tr:\n') })
      expect(tr.reasons.map((r) => r.text)).toContain(
        'not a prompt stage: graft-action does not render it; run `dvc repro tr@de` and commit its outputs'
      )
    } finally {
      repo.cleanup()
    }
  })

  it('an item added since dvc.lock: DVC reports it, and so does validate (at the stage line)', async () => {
    const { dvc, report, repo } = await judge(
      (r) =>
        void r.write({
          'dvc.yaml': r
            .read('dvc.yaml')
            .replace('    de: {src: data/b.txt}\n', '    de: {src: data/b.txt}\n    fr: {src: data/b.txt}\n')
        })
    )
    try {
      expect(Object.keys(dvc as object)).toEqual(['tr@fr'])
      expect(staleKinds(report)).toEqual({ 'tr@fr': ['changed-dep', 'changed-out', 'not-a-prompt'] })
      expect(report.stale[0].at).toEqual({ file: 'dvc.yaml', line: lineOf(repo, '  tr:\n') })
    } finally {
      repo.cleanup()
    }
  })

  // attack r4-review-b: an item dvc.lock does not hold yet is in no graph, so a
  // target naming its stage (`tr`, as in `dvc repro tr`) or the item itself
  // (`tr@fr`, as in `dvc repro tr@fr`) left it "outside the targets", or was
  // refused as naming no stage, while DVC reports and runs it ("both individual
  // foreach stages (train@1) and groups (train) may be used in commands that
  // accept stage targets": treeverse/dvc.org#4010).
  it('an item added since dvc.lock is in scope of a target naming its stage or the item', async () => {
    const { report, repo } = await judge(
      (r) =>
        void r.write({
          'dvc.yaml': r
            .read('dvc.yaml')
            .replace('    de: {src: data/b.txt}\n', '    de: {src: data/b.txt}\n    fr: {src: data/b.txt}\n')
        })
    )
    try {
      expect(report.stale.map((d) => d.stage)).toEqual(['tr@fr'])
      for (const targets of [['tr'], ['tr@fr'], ['./tr@fr']]) {
        const scoped = await validate({ root: repo.root, engine: 'dvc', dvc: withDvc, targets, log: silentLog })
        expect([targets, scoped.stale.map((d) => d.stage), scoped.outsideTargets.length]).toEqual([
          targets,
          ['tr@fr'],
          0
        ])
      }
      const other = await validate({ root: repo.root, engine: 'dvc', dvc: withDvc, targets: ['mx'], log: silentLog })
      expect([other.stale.length, other.outsideTargets.map((d) => d.stage)]).toEqual([0, ['tr@fr']])
      await expect(
        validate({ root: repo.root, engine: 'dvc', dvc: withDvc, targets: ['nope@fr'], log: silentLog })
      ).rejects.toThrow(/target "nope@fr" names no stage and no output/)
    } finally {
      repo.cleanup()
    }
  })

  it('always_changed in `do:`: each item is always changed, a helper (a notice each, nothing stale)', async () => {
    const { dvc, report, repo } = await judge(
      (r) =>
        void r.write({
          'dvc.yaml': r.read('dvc.yaml').replace('    do:\n', '    do:\n      always_changed: true\n')
        })
    )
    try {
      expect(dvc).toEqual({ 'tr@en': ['always changed'], 'tr@de': ['always changed'] })
      expect(staleKinds(report)).toEqual({})
      expect(report.notices.map((n) => n.message)).toEqual([
        expect.stringMatching(
          /^stage tr@en is always changed \(always_changed: true\).* documents reading src\/en\.txt are judged by their own content$/
        ),
        expect.stringMatching(/^stage tr@de is always changed \(always_changed: true\)/)
      ])
    } finally {
      repo.cleanup()
    }
  })

  it('a target naming the foreach stage stands for its items, as in `dvc repro tr`', async () => {
    const { report, repo } = await judge(edit('data/b.txt', 'b2\n'))
    try {
      const scoped = await validate({
        root: repo.root,
        engine: 'dvc',
        dvc: withDvc,
        targets: ['tr'],
        downstream: 'report',
        log: silentLog
      })
      expect(scoped.stale.map((d) => d.stage)).toEqual(['tr@de'])
      expect(report.stale.length).toBe(3)
    } finally {
      repo.cleanup()
    }
  })
})

// A helper stage with `wdir:` (issue 22: pipelines as DVC users have them):
// DVC reads its deps and outs inside that folder. validate took `outs:
// [made.txt]` for the root's made.txt, so the document reading sub/made.txt
// was not downstream of it: it was called up to date while `dvc repro` would
// rerun the helper and then it, and the stale helper's output was named wrong.
describe('a helper stage with wdir: its paths are inside that folder, as DVC reads them', () => {
  it('the document reading the helper output waits for it; the output is named with its folder', async () => {
    const repo = buildGraftRepo({
      sources: { 'sub/r.txt': 'r\n', 'sub/made.txt': 'r\n' },
      prompts: [{ path: 'docs/intro.prompt.md', deps: ['sub/made.txt'], body: 'Introduce.\n' }]
    })
    try {
      repo.write({
        'dvc.yaml':
          repo.read('dvc.yaml') +
          '  prep:\n    wdir: sub\n    cmd: cp r.txt made.txt\n    deps:\n    - r.txt\n    outs:\n    - made.txt:\n        cache: false\n'
      })
      dvcCommit(repo)
      repo.commit('a helper in sub/')
      repo.write({ 'sub/r.txt': 'r2\n' })
      expect(toDvcJson(await dvcStatus(repo.root, { dvcPath }))).toEqual({
        prep: [{ 'changed deps': { 'sub/r.txt': 'modified' } }]
      })
      const report = await validate({ root: repo.root, engine: 'dvc', dvc: withDvc, log: silentLog })
      expect(staleKinds(report)).toEqual({
        prep: ['changed-dep', 'not-a-prompt'],
        intro: ['upstream-stale', 'needs-repro']
      })
      expect(report.stale.find((d) => d.stage === 'prep')!.outputs).toEqual(['sub/made.txt'])
    } finally {
      repo.cleanup()
    }
  })
})

// A foreach stage whose `do:` has `wdir:` (attack r4-review-b): dvc.lock
// records each item's paths inside that folder (`path: made-b.txt` for
// sub/made-b.txt, as the real DVC writes it), and its items were linked by
// those paths as if they were the root's: the document reading sub/made-b.txt
// was called up to date while `dvc repro` would rerun tr@b and then it.
describe('a foreach stage with wdir in do: its items are linked inside that folder', () => {
  it('the document reading one item output waits for it; the item output is named with its folder', async () => {
    const repo = buildGraftRepo({
      sources: { 'sub/r.txt': 'r\n', 'sub/made-a.txt': 'r\n', 'sub/made-b.txt': 'r\n', 'up.txt': 'u\n' },
      prompts: [{ path: 'docs/intro.prompt.md', deps: ['sub/made-b.txt'], body: 'Introduce.\n' }]
    })
    try {
      repo.write({
        'dvc.yaml':
          repo.read('dvc.yaml') +
          '  tr:\n    foreach: [a, b]\n    do:\n      wdir: sub\n      cmd: cp r.txt made-${item}.txt\n      deps:\n      - r.txt\n      - ../up.txt\n' +
          '      outs:\n      - made-${item}.txt:\n          cache: false\n'
      })
      dvcCommit(repo)
      repo.commit('a foreach helper in sub/')
      repo.write({ 'sub/r.txt': 'r2\n' })
      expect(toDvcJson(await dvcStatus(repo.root, { dvcPath }))).toEqual({
        'tr@a': [{ 'changed deps': { 'sub/r.txt': 'modified' } }],
        'tr@b': [{ 'changed deps': { 'sub/r.txt': 'modified' } }]
      })
      const report = await validate({ root: repo.root, engine: 'dvc', dvc: withDvc, log: silentLog })
      expect(staleKinds(report)).toEqual({
        'tr@a': ['changed-dep', 'not-a-prompt'],
        'tr@b': ['changed-dep', 'not-a-prompt'],
        intro: ['upstream-stale', 'needs-repro']
      })
      expect(report.stale.find((d) => d.stage === 'tr@b')!.outputs).toEqual(['sub/made-b.txt'])
      // the dep written `../up.txt` inside sub/ is the root's up.txt, a repository path
      expect(report.pipeline.stages.find((s) => s.name === 'tr@a')!.deps.sort()).toEqual(['sub/r.txt', 'up.txt'])
    } finally {
      repo.cleanup()
    }
  })
})
