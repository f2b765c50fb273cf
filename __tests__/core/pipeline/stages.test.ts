import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { parse } from 'yaml'
import { GraftError, type Problem } from '../../../src/core/errors.js'
import { pyyamlDump } from '../../support/ruamel.js'
import {
  leftBehindText,
  applyTemplate,
  commandTemplate,
  deriveTemplate,
  graftCommand,
  graftStage,
  pipelineDrift
} from '../../../src/core/pipeline/stages.js'
import { parseDocument } from 'yaml'
import {
  addStagesToDvcYaml,
  formatDvcYaml,
  formatStageYaml,
  updateStageDeps,
  updateStagesDeps
} from '../../../src/core/dvc/dvcyaml-write.js'
import type { DvcYaml, PromptFile, StageDef } from '../../../src/core/types.js'
import { TestRepo } from '../../support/repo.js'
import { dvcCommit, requireDvc } from '../../support/graft-repo.js'
import { scratchDir } from '../../support/scratch.js'

function prompt(path: string, deps: string[] = [], out?: string): PromptFile {
  const base = path.split('/').pop()!.replace('.prompt.md', '')
  return { path, stageName: base.replace(/-/g, '_'), deps, out: out ?? path.replace('.prompt.md', '.md'), body: 'B\n' }
}

function problemsOf(fn: () => unknown): Problem[] {
  try {
    fn()
  } catch (e) {
    if (e instanceof GraftError) return e.problems
    throw e
  }
  throw new Error('expected a GraftError')
}

const how = prompt('docs/how-it-works.prompt.md', ['docs/sources/a.md'])

describe('stages from prompts', () => {
  it("writes Graft's command and stage", () => {
    expect(graftCommand(how)).toBe(
      'bash scripts/render_llm.sh --prompt docs/how-it-works.prompt.md --out docs/how-it-works.md --name how_it_works'
    )
    expect(graftStage(how)).toEqual({
      name: 'how_it_works',
      cmd: graftCommand(how),
      deps: ['docs/how-it-works.prompt.md', 'docs/sources/a.md'],
      outs: [{ path: 'docs/how-it-works.md', cache: false }]
    })
  })

  it("learns a repository's own command template from an existing stage and applies it", () => {
    const a = prompt('docs/a.prompt.md')
    const existing: StageDef = {
      ...graftStage(a),
      cmd: 'python tools/render.py --prompt=docs/a.prompt.md "docs/a.md" --stage a --tag a_b'
    }
    const template = deriveTemplate(existing, a)
    expect(template).toBe('python tools/render.py --prompt={prompt} "{out}" --stage {name} --tag a_b')
    expect(applyTemplate(template!, how)).toBe(
      'python tools/render.py --prompt=docs/how-it-works.prompt.md "docs/how-it-works.md" --stage how_it_works --tag a_b'
    )
    expect(graftStage(how, template).cmd).toBe(applyTemplate(template!, how))
    const dvc: DvcYaml = { stages: [existing], unsupported: [] }
    expect(commandTemplate([a, how], dvc)).toBe(template)
    expect(commandTemplate([a], { stages: [graftStage(a)], unsupported: [] })).toBeUndefined()
    expect(deriveTemplate({ ...existing, cmd: 'make all' }, a)).toBeUndefined()
  })

  it("learns no template that would keep the old stage's prompt or output (every new stage would write that document)", () => {
    const a = prompt('docs/a.prompt.md')
    const tmp = 'python r.py --prompt docs/a.prompt.md --out=docs/a.md.tmp && mv docs/a.md.tmp docs/a.md'
    expect(deriveTemplate({ ...graftStage(a), cmd: tmp }, a)).toBeUndefined()
    // a command holding a placeholder's text: new stages would get it filled in
    const braces = "python r.py --fmt '{name}: {out}' docs/a.prompt.md docs/a.md"
    expect(deriveTemplate({ ...graftStage(a), cmd: braces }, a)).toBeUndefined()
    // the spellings a template's own quoting gives a value are recognised: inside "…", a `$` has a backslash
    const dollar = { ...a, out: 'docs/$a.md' }
    const quoted = 'python r.py "--prompt=docs/a.prompt.md" "--out=docs/\\$a.md"'
    expect(deriveTemplate({ ...graftStage(dollar), cmd: quoted }, dollar)).toBe(
      'python r.py "--prompt={prompt}" "--out={out}"'
    )
  })
})

describe('leftBehindText', () => {
  it('names who still reads a document left behind, at most five of them', () => {
    const readers = Array.from({ length: 7 }, (_, i) => `s${i}`)
    expect(leftBehindText(['docs/a.md'], readers, 'change')).toBe(
      '; docs/a.md is left in place and no prompt writes it any more, but stages s0, s1, s2, s3, s4 and 2 more still read it: it stays a source, no longer regenerated — edit it by hand from now on, or take it out of those deps before deleting it'
    )
    expect(leftBehindText([], readers, 'change')).toBe('')
  })
})

describe('pipelineDrift', () => {
  const a = prompt('docs/a.prompt.md', ['docs/src.md', 'docs/b.md'])
  const b = prompt('docs/b.prompt.md')
  const c = prompt('docs/c.prompt.md')

  it('finds nothing when dvc.yaml matches, whatever the command and ./ spelling', () => {
    const stages = [
      { ...graftStage(a), cmd: 'other template', deps: ['./docs/a.prompt.md', 'docs/src.md', 'docs/b.md'] },
      graftStage(b)
    ]
    expect(pipelineDrift([a, b], { stages, unsupported: [] })).toEqual([])
  })

  it('reports missing stages, orphans, deps and outs that differ; ignores non-Graft stages', () => {
    const dvc: DvcYaml = {
      stages: [
        { ...graftStage(a), deps: ['docs/a.prompt.md', 'docs/b.md', 'docs/src.md'] },
        {
          ...graftStage(b),
          deps: ['docs/b.prompt.md', 'docs/old.md'],
          outs: [{ path: 'docs/elsewhere.md', cache: false }]
        },
        {
          name: 'gone',
          cmd: 'x',
          deps: ['docs/gone.prompt.md'],
          outs: [{ path: 'docs/gone.md', cache: false }],
          line: 14
        },
        { name: 'train', cmd: 'python train.py', deps: ['data.csv'], outs: [{ path: 'model.pkl', cache: true }] },
        // not Graft's: a stage reading prompts under another name, one with a prompt dep not first, one with two outputs
        { name: 'lint', cmd: 'lint', deps: ['docs/old.prompt.md'], outs: [{ path: 'lint.txt', cache: false }] },
        { name: 'late', cmd: 'x', deps: ['x.txt', 'docs/late.prompt.md'], outs: [{ path: 'l.md', cache: false }] },
        {
          name: 'two',
          cmd: 'x',
          deps: ['docs/two.prompt.md'],
          outs: [
            { path: 'two.md', cache: false },
            { path: 'three.md', cache: false }
          ]
        },
        // Graft's, but its prompt is still on disk (git ignores it): not an orphan either
        {
          name: 'ignored',
          cmd: 'x',
          deps: ['docs/ignored.prompt.md'],
          outs: [{ path: 'docs/ignored.md', cache: false }]
        }
      ],
      unsupported: []
    }
    const onDisk = new Set(['docs/ignored.prompt.md', 'docs/gone.md'])
    const drift = pipelineDrift([a, b, c], dvc, { exists: (p) => onDisk.has(p) })
    expect(drift.map((d) => [d.kind, d.stage, d.file, d.line])).toEqual([
      ['deps-differ', 'a', 'docs/a.prompt.md', undefined],
      ['deps-differ', 'b', 'docs/b.prompt.md', undefined],
      ['outs-differ', 'b', 'docs/b.prompt.md', undefined],
      ['missing-stage', 'c', 'docs/c.prompt.md', undefined],
      ['orphan-stage', 'gone', 'dvc.yaml', 14]
    ])
    expect(drift[0].text).toBe(
      "the deps of stage a in dvc.yaml do not match docs/a.prompt.md (order differs: dvc.yaml has docs/a.prompt.md, docs/b.md, docs/src.md); run the action's generate, or set its deps to: docs/a.prompt.md, docs/src.md, docs/b.md"
    )
    expect(drift[1].text).toMatch(/\(not in the prompt: docs\/old\.md\)/)
    expect(drift[2].text).toMatch(
      /missing docs\/b\.md; not in the prompt: docs\/elsewhere\.md\).*set its outs to: docs\/b\.md/
    )
    expect(drift[3].text).toBe(
      "dvc.yaml has no stage c for docs/c.prompt.md; run the action's generate (it adds the stage), or run `graft-action sync` (this action's CLI) and commit dvc.yaml, or add the stage by hand:\n" +
        '  c:\n    cmd: bash scripts/render_llm.sh --prompt docs/c.prompt.md --out docs/c.md --name\n      c\n' +
        '    deps:\n    - docs/c.prompt.md\n    outs:\n    - docs/c.md:\n        cache: false\n'
    )
    expect(drift[4].text).toBe(
      'orphaned: stage gone in dvc.yaml belongs to the prompt docs/gone.prompt.md, which is gone (renamed or deleted); ' +
        "generate removes the stage from dvc.yaml and its entry from dvc.lock in its commit, as Graft's own repro would " +
        '(locally: `graft-action sync`), or restore the prompt; docs/gone.md is left in place: no prompt writes it any more, ' +
        'so delete it (git rm) if no longer wanted'
    )
    expect(drift[4]).toMatchObject({ prompt: 'docs/gone.prompt.md', leftBehind: ['docs/gone.md'] })
  })

  it('reports every prompt as missing when there is no dvc.yaml, naming `graft-action sync` as the way to write it', () => {
    const drift = pipelineDrift([a, b], undefined)
    expect(drift.map((d) => d.kind)).toEqual(['missing-stage', 'missing-stage'])
    expect(drift[0].text).toBe(
      "there is no dvc.yaml yet, so no stage a for docs/a.prompt.md; run the action's generate (it writes dvc.yaml with the documents), or write dvc.yaml alone with `graft-action sync` (this action's CLI: docs/cli.md) and commit it"
    )
  })
})

// What PyYAML's safe_dump(sort_keys=False, default_flow_style=False) writes for
// these stages (generated once with PyYAML 6.0.3, Graft's writer).
const PYYAML_STAGES = `stages:
  how_it_works:
    cmd: bash scripts/render_llm.sh --prompt docs/how-it-works.prompt.md --out docs/how-it-works.md
      --name how_it_works
    deps:
    - docs/how-it-works.prompt.md
    - docs/sources/a.md
    outs:
    - docs/how-it-works.md:
        cache: false
  a:
    cmd: bash scripts/render_llm.sh --prompt a.prompt.md --out a.md --name a
    deps:
    - a.prompt.md
    - 'yes'
    - 'on'
    - '1.0'
    - 'x: y'
    - '#x'
    - docs/some very long directory name with spaces in it/and another long directory/file
      name.md
    - -x
    - a b
    outs:
    - a.md:
        cache: false
  very_long_name_of_a_stage_that_goes_on:
    cmd: bash scripts/render_llm.sh --prompt docs/very/deep/folder/structure/very-long-name-of-a-stage-that-goes-on.prompt.md
      --out docs/very/deep/folder/structure/very-long-name-of-a-stage-that-goes-on.md
      --name very_long_name_of_a_stage_that_goes_on
    deps:
    - docs/very/deep/folder/structure/very-long-name-of-a-stage-that-goes-on.prompt.md
    outs:
    - docs/very/deep/folder/structure/very-long-name-of-a-stage-that-goes-on.md:
        cache: false
`

const long = prompt('docs/very/deep/folder/structure/very-long-name-of-a-stage-that-goes-on.prompt.md')
const odd = prompt('a.prompt.md', [
  'yes',
  'on',
  '1.0',
  'x: y',
  '#x',
  'docs/some very long directory name with spaces in it/and another long directory/file name.md',
  '-x',
  'a b'
])

describe('writing a new dvc.yaml', () => {
  it("matches Graft's bytes: header, blank line, PyYAML layout, quoting and folding", () => {
    const text = formatDvcYaml([graftStage(how), graftStage(odd), graftStage(long)])
    const [header, rest] = text.split('\n\n')
    expect(header.split('\n').every((l) => l.startsWith('# '))).toBe(true)
    expect(header).toMatch(/generated by graft-action from the \*\.prompt\.md files/)
    expect(rest).toBe(PYYAML_STAGES)
    expect(addStagesToDvcYaml(undefined, [graftStage(how)])).toBe(formatDvcYaml([graftStage(how)]))
    const read = parse(text) as { stages: Record<string, { cmd: string; deps: string[] }> }
    expect(read.stages.very_long_name_of_a_stage_that_goes_on.cmd).toBe(graftStage(long).cmd)
    expect(read.stages.a.deps).toEqual(graftStage(odd).deps)
  })

  it('writes a stage name or output of 128 characters and more as PyYAML does: an explicit `? key`, folded like a value', async () => {
    const name = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ')
    const outs = [
      `docs/${Array.from({ length: 30 }, (_, i) => `part${i}`).join(' ')}.md`,
      `docs/${Array.from({ length: 25 }, (_, i) => `it's${i}`).join(' ')}: x.md`,
      // past 1024 characters no implicit key can be read back (YAML's limit, in ruamel as in the yaml package)
      Array.from({ length: 6 }, (_, i) => `${i}${'d'.repeat(200)}`).join('/'),
      `docs/${'b'.repeat(115)}.md`, // 123 characters: explicit (PyYAML counts the `!!str` tag too)
      `docs/${'c'.repeat(114)}.md` // 122: simple
    ]
    const stage: StageDef = { name, cmd: 'x', deps: ['a'], outs: outs.map((path) => ({ path, cache: false })) }
    const [pyyaml] = await pyyamlDump([
      { stages: { [name]: { cmd: 'x', deps: ['a'], outs: outs.map((o) => ({ [o]: { cache: false } })) } } }
    ])
    expect(`stages:\n${formatStageYaml(stage, 2)}`).toBe(pyyaml)
  })

  it('is read by the real dvc: dvc.lock records the exact command and status is clean', () => {
    const repo = TestRepo.create({
      'docs/how-it-works.prompt.md': 'How\n',
      'docs/sources/a.md': 'a\n',
      'docs/how-it-works.md': 'out\n',
      [long.path]: 'Long\n',
      [long.out]: 'long out\n'
    })
    try {
      const stages = [graftStage(how), graftStage(long)]
      repo.write({ 'dvc.yaml': formatDvcYaml(stages) })
      dvcCommit(repo)
      const lock = parse(repo.read('dvc.lock')) as { stages: Record<string, { cmd: string }> }
      for (const s of stages) expect(lock.stages[s.name].cmd).toBe(s.cmd)
      expect(dvcStatus(repo)).toEqual({})
    } finally {
      repo.cleanup()
    }
  })
})

/** `dvc status --json` in a scratch .dvc/ that is removed afterwards. */
function dvcStatus(repo: TestRepo): unknown {
  mkdirSync(repo.path('.dvc'), { recursive: true })
  const site = scratchDir('graft-site')
  try {
    const out = execFileSync(requireDvc(), ['status', '--json'], {
      cwd: repo.root,
      env: { ...process.env, DVC_NO_ANALYTICS: '1', DVC_SITE_CACHE_DIR: site },
      encoding: 'utf8'
    })
    return JSON.parse(out)
  } finally {
    rmSync(site, { recursive: true, force: true })
    repo.remove('.dvc')
  }
}

describe('adding stages to an existing dvc.yaml', () => {
  const c = graftStage(prompt('docs/c.prompt.md', ['docs/x.md']))
  // folded as PyYAML folds it: `--name` ends past column 80
  const NEW_C =
    '  c:\n    cmd: bash scripts/render_llm.sh --prompt docs/c.prompt.md --out docs/c.md --name\n      c\n    deps:\n    - docs/c.prompt.md\n    - docs/x.md\n    outs:\n    - docs/c.md:\n        cache: false\n'

  it('appends after the last stage and keeps every existing byte, comments included', () => {
    const existing = [
      '# my own header',
      'vars:',
      '  - params.yaml',
      'stages:',
      '  a:   # the first one',
      "    cmd: 'echo   a'",
      '    deps: [docs/a.prompt.md]',
      '    outs:',
      '      - docs/a.md:',
      '          cache: false',
      '  # a comment after the last stage',
      '',
      'artifacts:',
      '  m:',
      '    path: m.pkl',
      ''
    ].join('\n')
    const result = addStagesToDvcYaml(existing, [c])
    const at = existing.indexOf('  # a comment after')
    expect(result).toBe(existing.slice(0, at) + NEW_C + existing.slice(at))
    expect(Object.keys((parse(result) as { stages: object }).stages)).toEqual(['a', 'c'])
  })

  it('follows the indentation of the existing stages and their line endings', () => {
    const existing = 'stages:\r\n    a:\r\n        cmd: x\r\n        deps:\r\n        - docs/a.prompt.md\r\n'
    const result = addStagesToDvcYaml(existing, [c])
    expect(result.startsWith(existing)).toBe(true)
    // stage keys at column 4 like the existing ones; inside the new stage, two more per level
    expect(result.slice(existing.length)).toBe(NEW_C.replace(/^(?=.)/gm, '  ').replace(/\n/g, '\r\n'))
    expect((parse(result) as { stages: { c: StageDef } }).stages.c.cmd).toBe(c.cmd)
  })

  it('fills an empty `stages:` and adds `stages:` to a file that has none', () => {
    expect(addStagesToDvcYaml('# x\nstages:\n', [c])).toBe(`# x\nstages:\n${NEW_C}`)
    expect(addStagesToDvcYaml('stages: # none yet', [c])).toBe(`stages: # none yet\n${NEW_C}`)
    expect(addStagesToDvcYaml('# only comments', [c])).toBe(`# only comments\nstages:\n${NEW_C}`)
    expect(addStagesToDvcYaml('', [c])).toBe(`stages:\n${NEW_C}`)
  })

  it('is still read by the real dvc after appending', () => {
    const repo = TestRepo.create({
      'docs/a.prompt.md': 'A\n',
      'docs/a.md': 'a\n',
      'docs/c.prompt.md': 'C\n',
      'docs/x.md': 'x\n',
      'docs/c.md': 'c\n'
    })
    try {
      const a = graftStage(prompt('docs/a.prompt.md'))
      repo.write({ 'dvc.yaml': addStagesToDvcYaml(formatDvcYaml([a]), [c]) })
      dvcCommit(repo)
      expect((parse(repo.read('dvc.lock')) as { stages: Record<string, { cmd: string }> }).stages.c.cmd).toBe(c.cmd)
      expect(dvcStatus(repo)).toEqual({})
    } finally {
      repo.cleanup()
    }
  })

  it('refuses a broken or unusual dvc.yaml with file, line and what to do', () => {
    const repo = TestRepo.create({ 'dvc.yaml': 'stages:\n  a:\n    cmd: [x\n' })
    try {
      const before = repo.snapshot()
      const [syntax] = problemsOf(() => addStagesToDvcYaml(repo.read('dvc.yaml'), [c]))
      expect(syntax).toMatchObject({ file: 'dvc.yaml', line: 4 })
      expect(syntax.message).toMatch(/^dvc.yaml is not valid YAML/)
      expect(syntax.hint).toMatch(/fix dvc.yaml/)
      const [flow] = problemsOf(() => addStagesToDvcYaml('# c\nstages: {a: {cmd: x}}\n', [c]))
      expect(flow).toMatchObject({ file: 'dvc.yaml', line: 2, message: expect.stringMatching(/not a block mapping/) })
      const [list] = problemsOf(() => addStagesToDvcYaml('- a\n', [c]))
      expect(list).toMatchObject({ file: 'dvc.yaml', line: 1, message: expect.stringMatching(/not a mapping/) })
      expect(() =>
        addStagesToDvcYaml(
          NEW_C.replace(/^ {2}/gm, '')
            .replace(/^/, 'stages:\n  ')
            .replace(/\n(?!$)/g, '\n  '),
          [c]
        )
      ).toThrow(/already has a stage c/)
      expect(repo.snapshot()).toEqual(before)
    } finally {
      repo.cleanup()
    }
  })
})

describe('updateStageDeps', () => {
  const stage = { ...graftStage(prompt('docs/a.prompt.md', ['docs/new.md', 'yes'])), cmd: 'unchanged' }

  it('replaces a block list in place and keeps everything else', () => {
    const existing =
      'stages:\n  a:  # keep\n    cmd: custom command\n    deps:  # sources\n      - docs/a.prompt.md\n      - docs/old.md\n    outs:\n      - docs/a.md\n'
    expect(updateStageDeps(existing, stage)).toBe(
      "stages:\n  a:  # keep\n    cmd: custom command\n    deps:  # sources\n      - docs/a.prompt.md\n      - docs/new.md\n      - 'yes'\n    outs:\n      - docs/a.md\n"
    )
  })

  it('keeps a flow list a flow list, and writes a list where there was none', () => {
    expect(updateStageDeps('stages:\n  a:\n    cmd: c\n    deps: [docs/a.prompt.md]\n', stage)).toBe(
      "stages:\n  a:\n    cmd: c\n    deps: [docs/a.prompt.md, docs/new.md, 'yes']\n"
    )
    expect(updateStageDeps('stages:\n  a:\n    cmd: c\n    deps:\n    outs: []\n', stage)).toBe(
      "stages:\n  a:\n    cmd: c\n    deps:\n    - docs/a.prompt.md\n    - docs/new.md\n    - 'yes'\n    outs: []\n"
    )
    expect(updateStageDeps('stages:\n  a:\n    cmd: c\n    outs: []\n', stage)).toBe(
      "stages:\n  a:\n    cmd: c\n    deps:\n    - docs/a.prompt.md\n    - docs/new.md\n    - 'yes'\n    outs: []\n"
    )
  })

  it('refuses a stage that is not there', () => {
    expect(() => updateStageDeps('stages:\n  b:\n    cmd: c\n', stage)).toThrow(/no stage a/)
  })

  it('puts a new deps list after a block-scalar cmd, not inside the next key, and refuses a result that does not parse', () => {
    const existing = 'stages:\n  a:\n    cmd: >-\n      long\n      command\n    outs:\n    - o\n  b:\n    cmd: y\n'
    for (const deps of [[], ['z.md']]) {
      const text = updateStageDeps(existing, { ...stage, name: 'a', deps })
      expect(text).toContain('      command\n    deps:')
      expect(text).toContain('    outs:\n    - o\n')
      const doc = parseDocument(text)
      expect(doc.errors).toEqual([])
      expect(doc.getIn(['stages', 'a', 'cmd'])).toBe('long command')
      expect((doc.getIn(['stages', 'a', 'deps']) as { toJSON(): unknown }).toJSON()).toEqual(deps)
    }
  })

  it('refuses to change deps that other stages share through a YAML anchor, naming the line', () => {
    const shared = 'stages:\n  a:\n    cmd: x\n    deps: &shared [s.md]\n  b:\n    cmd: y\n    deps: *shared\n'
    expect(problemsOf(() => updateStageDeps(shared, { ...stage, name: 'a', deps: ['t.md'] }))).toEqual([
      {
        file: 'dvc.yaml',
        line: 4,
        message:
          'stage a: its deps list carries the YAML anchor &shared, which other stages may reuse (*shared); changing it would change them too',
        hint: 'write the list out in full in each stage that uses it (no &shared or *shared), then run again'
      }
    ])
    // the stage holding the alias gets a list of its own; the other keeps its deps
    const out = updateStageDeps(shared, { ...stage, name: 'b', deps: ['t.md'] })
    expect(parseDocument(out).toJS()).toEqual({
      stages: { a: { cmd: 'x', deps: ['s.md'] }, b: { cmd: 'y', deps: ['t.md'] } }
    })
    // a whole stage shared: the edit would reach the other stage
    const whole = 'stages:\n  a: &base\n    cmd: x\n    deps: [s.md]\n  b: *base\n'
    expect(problemsOf(() => updateStageDeps(whole, { ...stage, name: 'a', deps: ['t.md'] }))).toMatchObject([
      {
        file: 'dvc.yaml',
        message: expect.stringMatching(/would also change stage b: they share YAML through an anchor/)
      }
    ])
  })

  it('updates many stages in one pass exactly as one at a time, whatever form each deps list has', () => {
    const existing = [
      'stages:',
      '  block:  # a comment',
      '    cmd: c',
      '    deps:',
      '      - old.md',
      '  flow:',
      '    cmd: c',
      '    deps: [old.md]',
      '  empty:',
      '    cmd: c',
      '    deps:',
      '    outs: []',
      '  none:',
      '    cmd: c',
      '  untouched:',
      '    cmd: c',
      '    deps: [keep.md]',
      '  last:',
      '    cmd: c',
      '    deps:',
      '    - old.md'
    ].join('\n')
    const names = ['last', 'none', 'block', 'empty', 'flow'] // not in file order
    const updated = names.map((name, i) => ({ ...stage, name, deps: [`new-${i}.md`, 'yes', 'docs/x.md'] }))
    const oneAtATime = updated.reduce((text, s) => updateStageDeps(text, s), existing)
    expect(updateStagesDeps(existing, updated)).toBe(oneAtATime)
    expect(oneAtATime).toContain('  untouched:\n    cmd: c\n    deps: [keep.md]\n')
    expect(updateStagesDeps(existing, [])).toBe(existing)
    expect(updateStagesDeps(existing.replaceAll('\n', '\r\n'), updated)).toBe(oneAtATime.replaceAll('\n', '\r\n'))
    expect(() => updateStagesDeps(existing, [...updated, { ...stage, name: 'gone' }])).toThrow(/no stage gone/)
  })
})
