import { afterEach, describe, expect, it } from '@jest/globals'
import { symlinkSync, rmSync } from 'node:fs'
import { GraftError, type Problem } from '../../../src/core/errors.js'
import {
  discoverPrompts,
  isPromptPath,
  outputPathFor,
  parsePrompt,
  stageNameFor
} from '../../../src/core/graft/prompts.js'
import { sameFileKey } from '../../../src/core/repo/names.js'
import { TestRepo } from '../../support/repo.js'
import { scratchDir } from '../../support/scratch.js'

/** The problems a call throws as a GraftError (fails the test when it does not throw one). */
function problemsOf(fn: () => unknown): Problem[] {
  try {
    fn()
  } catch (e) {
    if (e instanceof GraftError) return e.problems
    throw e
  }
  throw new Error('expected a GraftError')
}

async function problemsOfAsync(fn: () => Promise<unknown>): Promise<Problem[]> {
  try {
    await fn()
  } catch (e) {
    if (e instanceof GraftError) return e.problems
    throw e
  }
  throw new Error('expected a GraftError')
}

const P = 'docs/a.prompt.md'

describe('prompt names and paths', () => {
  it('recognises prompt files outside node_modules and .git', () => {
    expect(isPromptPath('docs/how-it-works.prompt.md')).toBe(true)
    expect(isPromptPath('a.prompt.md')).toBe(true)
    expect(isPromptPath('docs/a.md')).toBe(false)
    expect(isPromptPath('node_modules/x/a.prompt.md')).toBe(false)
    expect(isPromptPath('web/node_modules/a.prompt.md')).toBe(false)
    expect(isPromptPath('.git/a.prompt.md')).toBe(false)
    expect(isPromptPath('docs/.prompt.md')).toBe(false)
  })

  it('names stages and outputs as Graft does', () => {
    expect(stageNameFor('docs/a/how-it-works.prompt.md')).toBe('how_it_works')
    expect(stageNameFor('x-y-z.prompt.md')).toBe('x_y_z')
    // Graft removes every ".prompt" from the stem (stem.replace(".prompt", ""))
    expect(stageNameFor('docs/v2.prompter.prompt.md')).toBe('v2er')
    expect(outputPathFor('docs/a/how-it-works.prompt.md')).toBe('docs/a/how-it-works.md')
    expect(outputPathFor('top.prompt.md')).toBe('top.md')
    expect(outputPathFor('docs/a.prompt.md', 'out/b.md')).toBe('out/b.md')
  })
})

describe('parsePrompt', () => {
  it('reads every key and keeps the body byte for byte', () => {
    const body = '\n# Title\r\n\nWrite  the doc.\n---\nnot frontmatter: true\n'
    const text = `---\n# model: commented out\ndeps:\n  - ./docs/src/a.md\n  - docs/raw/\nout: gen/a.md\nmodel: bc-v4.5-us\nmax_tokens: 8000\ntemperature: 0.5\nextra: ignored\n---\n${body}`
    expect(parsePrompt(P, text)).toEqual({
      path: P,
      stageName: 'a',
      deps: ['docs/src/a.md', 'docs/raw'],
      out: 'gen/a.md',
      outLine: 6,
      model: 'bc-v4.5-us',
      modelLine: 7,
      maxTokens: 8000,
      maxTokensLine: 8,
      depLines: [4, 5],
      temperature: 0.5,
      body
    })
  })

  it('records deps listed again, and the prompt listing itself, with their lines (accepted, for a notice)', () => {
    const text = '---\ndeps:\n  - src/a.md\n  - ./src/a.md\n  - docs/a.prompt.md\n  - src/b.md\n---\nB\n'
    const prompt = parsePrompt(P, text)
    expect(prompt.deps).toEqual(['src/a.md', 'src/a.md', 'docs/a.prompt.md', 'src/b.md'])
    expect(prompt.repeatedDeps).toEqual([
      { dep: 'src/a.md', line: 4, firstLine: 3 },
      { dep: 'docs/a.prompt.md', line: 5, firstLine: undefined }
    ])
    expect(parsePrompt(P, '---\ndeps:\n  - src/a.md\n---\nB\n').repeatedDeps).toBeUndefined()
  })

  it('treats a file without frontmatter, or with an empty one, as Graft does', () => {
    expect(parsePrompt(P, 'Just write.\n')).toMatchObject({ deps: [], out: 'docs/a.md', body: 'Just write.\n' })
    expect(parsePrompt(P, '---\n---\nBody\n')).toMatchObject({ deps: [], body: '---\n---\nBody\n' })
    expect(parsePrompt(P, '---\n# only a comment\n---\nBody\n')).toMatchObject({ deps: [], body: 'Body\n' })
    expect(parsePrompt(P, '---\ndeps:\nmodel:\n---\nB')).toMatchObject({ deps: [], body: 'B' })
    expect(parsePrompt(P, '')).toMatchObject({ deps: [], body: '' })
  })

  it('gives the same answer twice for the same text (no gray-matter cache surprises)', () => {
    const text = '---\ndeps: [x.md]\n---\nB\n'
    expect(parsePrompt(P, text)).toEqual(parsePrompt(P, text))
    expect(parsePrompt('other.prompt.md', text).path).toBe('other.prompt.md')
  })

  it.each([
    ['invalid YAML', '---\ndeps: [a.md\nmodel: x\n---\n', 3, /not valid YAML/, /fix the YAML/],
    ['a list, not a mapping', '---\n- a.md\n---\n', 2, /not a mapping/, /key: value/],
    ['deps not a list', '---\nmodel: m\ndeps: docs/a.md\n---\n', 3, /`deps` must be a list of paths/, /one `- path/],
    ['a dep that is not a string', '---\ndeps:\n  - 12\n---\n', 2, /item 12 is not a string/, /quote/],
    [
      'a glob in a dep',
      '---\ndeps:\n  - docs/a.md\n  - docs/*.md\n---\n',
      4,
      /dep docs\/\*\.md contains a glob/,
      /Graft does not expand globs; list the files, or name the directory/
    ],
    [
      'an absolute dep',
      '---\ndeps:\n  - /etc/passwd\n---\n',
      3,
      /dep \/etc\/passwd is an absolute path/,
      /inside the repository/
    ],
    [
      'a dep leaving the repository',
      '---\ndeps:\n  - ../x.md\n---\n',
      3,
      /leaves the repository/,
      /inside the repository/
    ],
    ['out not a string', '---\nout: [a.md]\n---\n', 2, /`out` must be a path/, /out: docs/],
    ['out under .github', '---\nout: .github/x.md\n---\n', 2, /out \.github\/x\.md is inside \.github\//, /set `out`/],
    ['model not a string', '---\nmodel: 4.5\n---\n', 2, /`model` must be a string/, /model alias/],
    ['max_tokens zero', '---\nmax_tokens: 0\n---\n', 2, /positive integer, not 0/, /max_tokens: 16000/],
    ['max_tokens a fraction', '---\nmax_tokens: 1.5\n---\n', 2, /positive integer/, /max_tokens/],
    ['temperature above 1', '---\ntemperature: 1.5\n---\n', 2, /from 0 to 1, not 1.5/, /temperature: 0.7/],
    ['temperature a string', '---\ntemperature: hot\n---\n', 2, /from 0 to 1, not "hot"/, /temperature/],
    ['a key given twice', '---\ndeps: []\ndeps: [a.md]\n---\n', 3, /not valid YAML/, /fix the YAML/],
    ['CRLF line endings', '---\r\ndeps: [a.md]\r\n---\r\nB\r\n', 1, /CRLF/, /convert the file to LF/],
    ['unclosed frontmatter', '---\ndeps: [a.md]\nWrite it.\n', 1, /never closed/, /add a line `---`/],
    ['closing line without newline', '---\ndeps: [a.md]\n---', 1, /no newline after it/, /end the file with a newline/],
    ['a --- look-alike inside', '---\ndeps: [a.md]\n----\nx: 1\n---\nB\n', 1, /ambiguous/, /exactly `---`/]
  ])('reports %s with file, line and what to do', (_what, text, line, message, hint) => {
    const [problem] = problemsOf(() => parsePrompt(P, text))
    expect(problem.file).toBe(P)
    expect(problem.line).toBe(line)
    expect(problem.message).toMatch(message)
    expect(problem.hint).toMatch(hint)
  })

  it('reports every bad key of one file at once', () => {
    const problems = problemsOf(() => parsePrompt(P, '---\nmodel: 1\nmax_tokens: -1\ntemperature: 3\n---\n'))
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4])
  })
})

describe('discoverPrompts', () => {
  let repo: TestRepo
  afterEach(() => repo.cleanup())

  const discover = async (): Promise<ReturnType<typeof discoverPrompts>> => {
    const files = repo.git('ls-files', '--cached', '--others', '--exclude-standard').split('\n').filter(Boolean)
    return discoverPrompts(repo.root, files)
  }

  it('finds prompts, sorted by path segments as Graft sorts pathlib paths', async () => {
    repo = TestRepo.create({
      'docs/a-b/x.prompt.md': 'X\n',
      'docs/a/y.prompt.md': '---\ndeps:\n  - docs/a-b/x.md\n  - src\n---\nY\n',
      'src/code.ts': 'code\n',
      'node_modules/pkg/z.prompt.md': 'ignored\n',
      'docs/a/notes.md': 'not a prompt\n'
    })
    const prompts = await discover()
    // string order would put docs/a-b/ first ('-' < '/'); segment order puts docs/a/ first
    expect(prompts.map((p) => p.path)).toEqual(['docs/a/y.prompt.md', 'docs/a-b/x.prompt.md'])
    expect(prompts[0]).toMatchObject({ stageName: 'y', out: 'docs/a/y.md', deps: ['docs/a-b/x.md', 'src'] })
  })

  it('an output that is dvc.yaml or dvc.lock under another spelling is refused, also before those files exist', async () => {
    repo = TestRepo.create({
      'docs/a.prompt.md': '---\nout: DVC.lock\n---\nA\n',
      'docs/b.prompt.md': '---\nout: Dvc.Yaml\n---\nB\n'
    })
    const problems = await problemsOfAsync(discover)
    expect(problems.map((p) => `${p.file}:${p.line} ${p.message.split(':')[0]}`)).toEqual([
      "docs/a.prompt.md:2 out DVC.lock is the pipeline's own dvc.lock",
      "docs/b.prompt.md:2 out Dvc.Yaml is the pipeline's own dvc.yaml"
    ])
  })

  it('collects every problem across prompts into one error, and changes nothing', async () => {
    const outside = scratchDir('graft-outside')
    repo = TestRepo.create({
      'docs/one/intro.prompt.md': '---\ndeps:\n  - docs/missing.md\n---\nA\n',
      'docs/two/intro.prompt.md': 'B\n',
      'docs/c.prompt.md': '---\nout: docs/shared.md\n---\nC\n',
      'docs/d.prompt.md': '---\nout: docs/shared.md\n---\nD\n',
      'docs/e.prompt.md': '---\nout: docs/c.prompt.md\n---\nE\n',
      'docs/f.prompt.md': '---\nout: escape/f.md\ndeps:\n  - escape/secret.md\n---\nF\n',
      'docs/g.prompt.md': '---\ndeps: nope\n---\nG\n'
    })
    symlinkSync(outside, repo.path('escape'))
    try {
      const before = repo.snapshot()
      const problems = await problemsOfAsync(discover)
      const text = problems.map((p) => `${p.file}:${p.line ?? '-'} ${p.message} | ${p.hint}`)
      expect(text).toEqual([
        expect.stringMatching(/^docs\/g\.prompt\.md:2 `deps` must be a list/),
        expect.stringMatching(
          /^docs\/two\/intro\.prompt\.md:- docs\/one\/intro\.prompt\.md and docs\/two\/intro\.prompt\.md both make the stage intro; Graft's generator would silently drop one of them \| rename one/
        ),
        expect.stringMatching(
          /^docs\/d\.prompt\.md:2 docs\/c\.prompt\.md and docs\/d\.prompt\.md both write docs\/shared\.md/
        ),
        expect.stringMatching(/^docs\/e\.prompt\.md:2 output docs\/c\.prompt\.md is a prompt file/),
        expect.stringMatching(
          /^docs\/f\.prompt\.md:2 output escape\/f\.md: escape is a symlink to .*, outside the repository/
        ),
        expect.stringMatching(/^docs\/f\.prompt\.md:4 dep escape\/secret\.md: escape is a symlink/),
        expect.stringMatching(
          /^docs\/one\/intro\.prompt\.md:3 docs\/missing\.md \(required by docs\/one\/intro\.prompt\.md\) does not exist \| create it, fix the path, or remove it from `deps`/
        )
      ])
      expect(repo.snapshot()).toEqual(before)
    } finally {
      rmSync(outside, { recursive: true, force: true })
    }
  })

  // A dep DVC tracks (`dvc add data.csv` commits data.csv.dvc; the data itself
  // is in DVC's cache and remote, gitignored): a checkout has no data.csv
  // until `dvc pull`. "does not exist — create it, fix the path, or remove it"
  // sent the user the wrong way; the message names the .dvc file and the pull.
  it('a dep tracked by a .dvc file (or inside a tracked folder) that is not pulled: says so and what to run', async () => {
    repo = TestRepo.create({
      'data.csv.dvc': 'outs:\n- md5: 0\n  path: data.csv\n',
      'images.dvc': 'outs:\n- md5: 0.dir\n  path: images\n',
      'docs/a.prompt.md': '---\ndeps:\n  - data.csv\n  - images/logo.png\n---\nA\n'
    })
    const problems = await problemsOfAsync(discover)
    expect(problems.map((p) => `${p.file}:${p.line} ${p.message} | ${p.hint}`)).toEqual([
      "docs/a.prompt.md:3 data.csv (required by docs/a.prompt.md) is not in this checkout: DVC tracks it (data.csv.dvc), and DVC-tracked data is not in git | fetch it before this step: `dvc pull data.csv.dvc` with your DVC remote's credentials",
      "docs/a.prompt.md:4 images/logo.png (required by docs/a.prompt.md) is not in this checkout: DVC tracks it (images.dvc), and DVC-tracked data is not in git | fetch it before this step: `dvc pull images.dvc` with your DVC remote's credentials"
    ])
  })

  // The same hint for a hostile name (attack r4-review-b): the suggested
  // command is pasted into a shell, so the .dvc file is one quoted word, as
  // every command the messages suggest (shellPath): `dvc pull $(touch x).csv.dvc`
  // pasted as written ran touch.
  it('the suggested dvc pull quotes the .dvc file as one shell word', async () => {
    repo = TestRepo.create({
      '$(touch x).csv.dvc': 'outs:\n- md5: 0\n  path: $(touch x).csv\n',
      '-v.dvc': 'outs:\n- md5: 0.dir\n  path: -v\n',
      'docs/a.prompt.md': "---\ndeps:\n  - '$(touch x).csv'\n  - -v/y.png\n---\nA\n"
    })
    const problems = await problemsOfAsync(discover)
    expect(problems.map((p) => p.hint)).toEqual([
      "fetch it before this step: `dvc pull '$(touch x).csv.dvc'` with your DVC remote's credentials",
      "fetch it before this step: `dvc pull ./-v.dvc` with your DVC remote's credentials"
    ])
  })

  it('checks model names at their frontmatter line: a typo fails here, before any generate', async () => {
    repo = TestRepo.create({
      'docs/a.prompt.md': '---\ndeps:\n  - src.md\nmodel: bc-v4.5-usa\n---\nA\n',
      'docs/b.prompt.md':
        '---\n# the fast reader declines quoted values; the YAML reader must give the line too\nmodel: "bc v4.5"\n---\nB\n',
      'docs/b2.prompt.md': '---\nmodel: "bedrock-claude-haiku "\n---\nB2\n',
      'docs/c.prompt.md': '---\nmodel: us.anthropic.claude-sonnet-4-5-20250929-v1:0\n---\nC\n',
      'docs/d.prompt.md': '---\nmax_tokens: 100\nmodel: bc-v4.5-us\n---\nD\n',
      'docs/e.prompt.md': '---\nmodel: "bc\\tv4"\n---\nE\n',
      'src.md': 'x\n'
    })
    const before = repo.snapshot()
    const problems = await problemsOfAsync(discover)
    expect(problems.map((p) => [p.file, p.line, p.message])).toEqual([
      ['docs/a.prompt.md', 4, 'unknown model "bc-v4.5-usa"'],
      ['docs/b.prompt.md', 3, 'unknown model "bc v4.5"'],
      ['docs/e.prompt.md', 2, 'model "bc\\tv4" holds a control character (a line break, tab, …)']
    ])
    expect(problems[0].hint).toMatch(
      /^set `model:` in the frontmatter to a Bedrock model id.*bedrock-claude-v4.5-sonnet-us/s
    )
    expect(repo.snapshot()).toEqual(before)
  })

  it("accepts a dep that is another prompt's output, or a folder holding one, before it exists", async () => {
    repo = TestRepo.create({
      'docs/base.prompt.md': '---\nout: gen/base.md\n---\nBase\n',
      'docs/top.prompt.md': '---\ndeps:\n  - gen/base.md\n  - gen\n---\nTop\n'
    })
    const prompts = await discover()
    expect(prompts.map((p) => p.deps)).toEqual([[], ['gen/base.md', 'gen']])
  })
})

describe('sameFileKey: names a case-insensitive or normalising file system takes for one file (issue 19 §7)', () => {
  it.each([
    ['docs/Guide.md', 'docs/guide.md'],
    ['docs/caf\u00e9.md', 'docs/cafe\u0301.md'],
    ['DOCS/CAF\u00c9.md', 'docs/cafe\u0301.md'],
    ['docs/stra\u00dfe.md', 'docs/STRASSE.md'],
    ['docs/\u0131.md', 'docs/I.md'],
    ['docs/\u212a.md', 'docs/k.md'],
    ['docs/\u03c3\u03c2.md', 'docs/\u03a3\u03a3.md'],
    ['Docs./guide.md ', 'docs/Guide.md'],
    // HFS+ ignores these in a name (git's is_hfs_dotgit)
    ['docs/gu\u200cide.md', 'docs/guide.md'],
    ['docs/\ufeffguide\u206a.md', 'docs/guide.md']
  ])('%s and %s are one file', (a, b) => {
    expect(sameFileKey(a)).toBe(sameFileKey(b))
  })

  it.each([
    ['docs/guide.md', 'docs/guides.md'],
    ['docs/a.md', 'docs/a .md'],
    ['docs/\u00e9.md', 'docs/e.md']
  ])('%s and %s stay two files', (a, b) => {
    expect(sameFileKey(a)).not.toBe(sameFileKey(b))
  })
})
