// Prompts DVC or git would refuse later (issue 10 §9) are refused before any
// spend, on the prompt's line: through the generate bundle as a runner runs
// it, with the real AWS SDK against the loopback Bedrock server. Each case
// checks the annotation (file, line, what is wrong, what to do), that no
// model request was made and that no file changed; validate says the same.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { runAction, type ActionRun } from '../support/action-runner.js'
import { BedrockServer, bedrockTestEnv } from '../support/bedrock-server.js'
import { exampleRepo } from '../support/example-repo.js'
import { realStatus, runDvc } from '../support/real-dvc.js'
import type { TestRepo } from '../support/repo.js'

/** [case, files to add, annotation file, line, message pattern, hint text] */
const cases: [string, Record<string, string>, string, number, RegExp, string][] = [
  [
    'a prompt file name giving a stage name with @ (DVC refuses the whole dvc.yaml)',
    { 'docs/a@b.prompt.md': '---\ndeps:\n  - sources/api.md\n---\nX.\n' },
    'docs/a@b.prompt.md',
    1,
    /the file name gives the stage name a@b, which holds @: `@` makes DVC read it as a foreach entry and refuse the whole dvc\.yaml/,
    'rename the prompt file without @ (e.g. docs/a-b.prompt.md)'
  ],
  [
    'a stage name with : (DVC cannot address it; the . is fine)',
    { 'docs/v1.2:notes.prompt.md': '---\ndeps:\n  - sources/api.md\n---\nX.\n' },
    'docs/v1.2:notes.prompt.md',
    1,
    /stage name v1\.2:notes, which holds :: `:` splits a DVC target into file and stage/,
    'rename the prompt file without : (e.g. docs/v1.2-notes.prompt.md)'
  ],
  [
    'a dep on the repository root written `.` (YAML 1.1 reads it as a string, as PyYAML does)',
    { 'docs/pipeline.prompt.md': '---\ndeps: [.]\n---\nX.\n' },
    'docs/pipeline.prompt.md',
    2,
    /dep \. is the repository root \(the folder holding dvc\.yaml and dvc\.lock; `\.\/` is the same\): DVC would hash the whole repository/,
    'remove . from `deps`, and list the folders or files the document is about instead'
  ],
  [
    'an empty dep',
    { 'docs/pipeline.prompt.md': '---\ndeps:\n  - ""\n---\nX.\n' },
    'docs/pipeline.prompt.md',
    3,
    /dep "" is empty: DVC stops with an unexpected error on an empty dep/,
    'list the folders or files the document is about instead'
  ],
  [
    'a dep on /',
    { 'docs/pipeline.prompt.md': '---\ndeps:\n  - /\n---\nX.\n' },
    'docs/pipeline.prompt.md',
    3,
    /dep \/ is the root of the file system, not a path in the repository/,
    'list the folders or files the document is about instead'
  ],
  [
    'a dep on dvc.lock',
    { 'docs/pipeline.prompt.md': '---\ndeps:\n  - sources/api.md\n  - dvc.lock\n---\nX.\n' },
    'docs/pipeline.prompt.md',
    4,
    /dep dvc\.lock is the pipeline's own dvc\.lock: every run rewrites it, so docs\/pipeline\.md would be stale again after every run/,
    'remove dvc.lock from `deps`'
  ],
  [
    'a dep on dvc.yaml',
    { 'docs/pipeline.prompt.md': '---\ndeps:\n  - ./dvc.yaml\n---\nX.\n' },
    'docs/pipeline.prompt.md',
    3,
    /dep dvc\.yaml is the pipeline's own dvc\.yaml/,
    'remove dvc.yaml from `deps`'
  ],
  [
    'a dep on the repository root (it holds dvc.lock)',
    { 'docs/pipeline.prompt.md': '---\ndeps:\n  - ./\n---\nX.\n' },
    'docs/pipeline.prompt.md',
    3,
    /dep \. is the repository root \(the folder holding dvc\.yaml and dvc\.lock/,
    'remove . from `deps`'
  ],
  [
    'out equal to its own dep',
    { 'docs/self.prompt.md': '---\ndeps:\n  - docs/self.md\nout: docs/self.md\n---\nX.\n' },
    'docs/self.prompt.md',
    3,
    /dep docs\/self\.md is the prompt's own output: the document would read what it writes/,
    'set `out` to another file'
  ],
  [
    'out inside the folder the prompt depends on',
    { 'docs/tour.prompt.md': '---\ndeps:\n  - sources\nout: sources/tour.md\n---\nX.\n' },
    'docs/tour.prompt.md',
    3,
    /the prompt's output sources\/tour\.md lies inside its dep sources: the document would read what it writes/,
    'set `out` to a path outside sources'
  ],
  [
    'out under an existing file',
    { 'docs/tour.prompt.md': '---\ndeps:\n  - sources/api.md\nout: sources/api.md/tour.md\n---\nX.\n' },
    'docs/tour.prompt.md',
    4,
    /output sources\/api\.md\/tour\.md: .*sources\/api\.md is a file, not a folder/,
    'set `out` to a path that does not lie under the file sources/api.md'
  ],
  [
    'out that is an existing folder',
    { 'docs/tour.prompt.md': '---\ndeps:\n  - docs/overview.md\nout: sources\n---\nX.\n' },
    'docs/tour.prompt.md',
    4,
    /output sources: sources is a folder, not a file/,
    'remove or rename the folder sources'
  ],
  [
    'a UTF-8 BOM before the frontmatter (never a prompt without deps, never a damaged dvc.yaml)',
    {
      'docs/overview.prompt.md':
        '\uFEFF---\ndeps:\n  - sources/architecture.md\n  - sources/api.md\n---\nWrite an overview.\n'
    },
    'docs/overview.prompt.md',
    1,
    /the file starts with a UTF-8 byte order mark \(BOM\) before the frontmatter, which Graft does not read: its deps would be ignored/,
    'save the file as UTF-8 without BOM'
  ],
  [
    'a dep written with backslashes: missing, as DVC on Linux sees it (not normalised)',
    { 'docs/win.prompt.md': '---\ndeps:\n  - sources\\api.md\n---\nX.\n' },
    'docs/win.prompt.md',
    3,
    /dep sources\\api\.md does not exist: DVC on Linux \(as on GitHub's runners\) reads a backslash as part of a file name/,
    'write the path with forward slashes: sources/api.md'
  ],
  [
    'out over a hand-written file (no Graft header, no stage in dvc.lock writes it)',
    { 'docs/intro.prompt.md': '---\ndeps:\n  - sources/api.md\nout: README.md\n---\nX.\n' },
    'docs/intro.prompt.md',
    4,
    /README\.md already exists and was not written by Graft \(no Graft header on line 1, and no stage in dvc\.lock writes it\): generate would overwrite it/,
    'set `out` to a file that does not exist yet, or move README.md away'
  ],
  [
    'the default out over a hand-written file: line 1',
    { 'docs/notes.md': 'My own notes.\n', 'docs/notes.prompt.md': '---\ndeps:\n  - sources/api.md\n---\nX.\n' },
    'docs/notes.prompt.md',
    1,
    /docs\/notes\.md already exists and was not written by Graft/,
    'move docs/notes.md away'
  ],
  [
    'two outputs that differ only in letter case: one file on macOS and Windows (issue 19 §7)',
    {
      'docs/guide.prompt.md': '---\ndeps:\n  - sources/api.md\nout: docs/Guide.md\n---\nX.\n',
      'docs/guide2.prompt.md': '---\ndeps:\n  - sources/api.md\nout: docs/guide.md\n---\nX.\n'
    },
    'docs/guide2.prompt.md',
    4,
    /docs\/guide\.prompt\.md and docs\/guide2\.prompt\.md both write docs\/guide\.md: docs\/Guide\.md and docs\/guide\.md differ only in letter case, Unicode normalisation or trailing dots and spaces, so they are one file on macOS or Windows/,
    'give one of them another `out`'
  ],
  [
    'two outputs, café in NFC and in NFD (issue 19 §7)',
    {
      'docs/caf\u00e9.prompt.md': '---\ndeps:\n  - sources/api.md\n---\nX.\n',
      'docs/other.prompt.md': '---\ndeps:\n  - sources/api.md\nout: docs/cafe\u0301.md\n---\nX.\n'
    },
    'docs/other.prompt.md',
    4,
    /docs\/caf\u00e9\.prompt\.md and docs\/other\.prompt\.md both write docs\/cafe\u0301\.md: .*one file on macOS or Windows/,
    'give one of them another `out`'
  ],
  [
    'an output that an existing file spells otherwise: one file on macOS and Windows (issue 19 §7)',
    { 'docs/intro.prompt.md': '---\ndeps:\n  - sources/api.md\nout: readme.md\n---\nX.\n' },
    'docs/intro.prompt.md',
    4,
    /output readme\.md and the file README\.md differ only in letter case.*one file on macOS or Windows, where writing the document would overwrite README\.md/,
    'set `out` to a name of its own, or rename README.md'
  ],
  [
    'a dep whose name holds a control character',
    { 'docs/tab.prompt.md': '---\ndeps:\n  - "sources/a\\tb.md"\n---\nX.\n' },
    'docs/tab.prompt.md',
    3,
    /holds a control character/,
    'list paths inside the repository'
  ]
]

describe('prompts refused before any spend (issue 10 §9)', () => {
  let repo: TestRepo
  let server: BedrockServer
  const run = (entry: string, inputs: Record<string, string> = {}): Promise<ActionRun> =>
    runAction(entry, {
      workspace: repo.root,
      inputs: { push: 'false', engine: 'native', ...inputs },
      env: bedrockTestEnv(server.url)
    })

  beforeEach(async () => {
    repo = exampleRepo()
    server = await new BedrockServer().start()
  })
  afterEach(async () => {
    await server.close()
    repo.cleanup()
  })

  it.each(cases)(
    '%s',
    async (_name, files, file, line, message, hint) => {
      repo.write(files)
      repo.commit('a prompt to refuse')
      const before = repo.snapshot()
      for (const entry of ['generate', 'validate']) {
        const result = await run(entry)
        expect([entry, result.code]).toEqual([entry, 1])
        const annotation = result.stdout
          .split('\n')
          .find((l) => l.startsWith(`::error title=graft-action,file=${file.replace(/:/g, '%3A')},line=${line}::`))
        expect([entry, annotation]).toEqual([entry, expect.stringMatching(message)])
        expect(result.stdout).toContain(hint)
      }
      expect(server.requests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
    },
    120_000
  )

  it('the stage-name rule is the real DVC’s: @ breaks dvc status of the whole dvc.yaml, : breaks addressing; _ and - are fine', async () => {
    const stage = (name: string): string =>
      `stages:\n  "${name}":\n    cmd: cp sources/api.md out.txt\n    deps:\n    - sources/api.md\n    outs:\n    - out.txt:\n        cache: false\n`
    repo.write({ 'dvc.yaml': stage('a@b') })
    const at = await runDvc(repo.root, ['status', '--json'])
    expect(at.code).not.toBe(0)
    expect(at.stderr).toContain("Stage 'a@b' not found")
    repo.write({ 'dvc.yaml': stage('a:b') })
    const colon = await runDvc(repo.root, ['status', '--json', 'a:b'])
    expect(colon.code).not.toBe(0)
    repo.write({ 'dvc.yaml': stage('a_b-c') })
    const fine = await runDvc(repo.root, ['status', '--json', 'a_b-c'])
    expect(fine.code).toBe(0)
    expect(JSON.parse(fine.stdout)).toHaveProperty('a_b-c')
  }, 120_000)

  // A document's stage with `params:` (added by hand to dvc.yaml): DVC keeps
  // the values in the stage's lock entry, which generate wrote without them, so
  // the real `dvc status` called the pushed tip changed ("params.yaml: new"),
  // validate called the document stale again, and every run regenerated it (a
  // model call each time). Refused before any call, at the stage's line.
  it('a stage with params: generate stops before any call (it cannot record them), naming the stage and what to do; validate says so beforehand', async () => {
    const yaml = repo.read('dvc.yaml')
    repo.write({
      'params.yaml': 'style: terse\n',
      'dvc.yaml': yaml.replace('  overview:\n', '  overview:\n    params:\n    - style\n'),
      'docs/overview.prompt.md': repo.read('docs/overview.prompt.md') + '\nBe brief.\n'
    })
    repo.commit('params on a document stage')
    const before = repo.snapshot()
    const result = await run('generate', { engine: 'dvc' })
    expect(result.code).toBe(1)
    const line = yaml.slice(0, yaml.indexOf('  overview:\n')).split('\n').length
    expect(result.stdout).toContain(
      `::error title=graft-action,file=dvc.yaml,line=${line}::stage overview has params: generate cannot record param values in dvc.lock`
    )
    expect(result.stdout).toContain('remove params: from stage overview and list the params file among the prompt')
    // the pull request's check says so beforehand, as a notice on the same line
    const validated = await run('validate', { engine: 'dvc' })
    expect(validated.code).toBe(0)
    expect(validated.stdout).toContain(
      `::notice title=graft-action,file=dvc.yaml,line=${line}::stage overview has params: generate cannot record param values in dvc.lock`
    )
    expect(server.requests).toHaveLength(0)
    expect(repo.snapshot()).toEqual(before)
  }, 120_000)

  it('an existing output with a Graft header that dvc.lock does not know (a lost lock entry) is accepted', async () => {
    repo.write({
      'docs/notes.md': repo.read('docs/faq.md'),
      'docs/notes.prompt.md': '---\ndeps:\n  - sources/api.md\n---\nX.\n'
    })
    repo.commit('a prompt whose output Graft wrote')
    const validated = await run('validate')
    expect(validated.code).toBe(0)
    expect(JSON.parse(validated.outputs.stale_stages)).toEqual(['notes'])
  }, 120_000)

  it('duplicate deps, and the prompt listing itself: accepted with a notice on each line; generate leaves what DVC calls up to date', async () => {
    repo.write({
      'docs/faq.prompt.md': repo
        .read('docs/faq.prompt.md')
        .replace(
          '  - docs/release-notes.md\n',
          '  - docs/release-notes.md\n  - docs/overview.md\n  - docs/faq.prompt.md\n'
        )
    })
    repo.commit('deps listed twice')
    const validated = await run('validate')
    expect(validated.code).toBe(0)
    expect(validated.stdout).toContain(
      '::notice title=graft-action,file=docs/faq.prompt.md,line=5::dep docs/overview.md is listed again (first on line 3): accepted (dvc.yaml lists it twice)'
    )
    expect(validated.stdout).toContain(
      '::notice title=graft-action,file=docs/faq.prompt.md,line=6::dep docs/faq.prompt.md is the prompt file itself, which its stage depends on anyway'
    )
    expect(JSON.parse(validated.outputs.stale_stages)).toEqual(['faq', 'index'])
    const generated = await run('generate')
    expect(generated.code).toBe(0)
    // dvc.yaml now lists the repeated deps as the prompt does, and DVC finds nothing to rerun
    expect(repo.read('dvc.yaml')).toMatch(
      /    - docs\/faq\.prompt\.md\n    - docs\/overview\.md\n    - docs\/release-notes\.md\n    - docs\/overview\.md\n    - docs\/faq\.prompt\.md\n/
    )
    expect(await realStatus(repo.root)).toEqual({})
    const again = await run('validate')
    expect(again.outputs.is_stale).toBe('false')
  }, 240_000)
})
