// Pipelines as Graft and DVC users really have them (issue 22), end to end:
// dist/main and dist/validate run as a runner runs them, the real AWS SDK
// against the loopback Bedrock server, a bare origin, and the real DVC as the
// judge. For validate, the verdict is DVC's (plus what lies downstream); for
// generate, the real `dvc status` prints {} on a fresh clone of the pushed tip
// and a second validate there finds nothing stale.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'
import { runAction, type ActionRun } from '../support/action-runner.js'
import { BedrockServer, bedrockTestEnv, reply } from '../support/bedrock-server.js'
import { exampleRepo } from '../support/example-repo.js'
import { GitHubServer } from '../support/github-server.js'
import { dvcCommit } from '../support/graft-repo.js'
import { realStatus, runDvc } from '../support/real-dvc.js'
import { GIT_ENV, TestRepo } from '../support/repo.js'

const TOKEN = 'ghs_e2eSecretToken0123456789'
/** A stand-in for Graft's render script, which `dvc repro` runs: records its arguments, writes the output (after --out). */
const RECORDER = 'printf "%s\\n" "$@" >> args.txt\nprintf "x\\n" > "$4"\n'
const LFS_POINTER =
  'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n'

function gitIn(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' })
}

describe('pipelines as users have them (issue 22), through the bundles', () => {
  let repo: TestRepo
  let origin: string
  let bedrock: BedrockServer
  let github: GitHubServer
  const scratch: string[] = []

  beforeEach(async () => {
    repo = exampleRepo()
    origin = repo.addOrigin()
    bedrock = await new BedrockServer().start()
    bedrock.onRequest(() => reply.text(`# Doc ${bedrock.requests.length}\n\nNew text.\n`))
    github = await GitHubServer.start()
    github.addRepository('acme/docs', origin)
  })
  afterEach(async () => {
    await bedrock.close()
    await github.close()
    repo.cleanup()
    for (const dir of [origin, ...scratch.splice(0)]) rmSync(dir, { recursive: true, force: true })
  })

  /** Commits what is in the work tree, pushes it to main, and runs `command` for that push. */
  async function onPush(command: 'generate' | 'validate', inputs: Record<string, string> = {}): Promise<ActionRun> {
    const sha = repo.commit('a change')
    repo.git('push', '-q', 'origin', 'main')
    return runAction('main', {
      workspace: repo.root,
      event: { name: 'push', payload: { ref: 'refs/heads/main', after: sha, repository: { full_name: 'acme/docs' } } },
      inputs: { command, engine: 'native', token: TOKEN, comment: 'false', ...inputs },
      env: { ...bedrockTestEnv(bedrock.url), GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/docs' }
    })
  }

  /** validate in `dir` (no event: a plain run). */
  function validateIn(dir: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
    return runAction('validate', { workspace: dir, inputs: { engine: 'native', ...inputs } })
  }

  /** A fresh clone of origin's main: the pushed tip as the next developer or run sees it. */
  function tip(): TestRepo {
    const dir = mkdtempSync(join(tmpdir(), 'graft-tip-'))
    scratch.push(dir)
    execFileSync('git', ['clone', '-q', '--recurse-submodules', origin, dir], {
      env: { ...process.env, ...GIT_ENV, GIT_ALLOW_PROTOCOL: 'file' }
    })
    return new TestRepo(dir)
  }

  /** The pushed tip is clean to the real DVC and to a second validate (both engines). */
  async function expectCleanTip(): Promise<TestRepo> {
    const clone = tip()
    expect(await realStatus(clone.root)).toEqual({})
    for (const engine of ['native', 'dvc']) {
      const again = await validateIn(clone.root, { engine })
      expect([engine, again.code, again.outputs.is_stale]).toEqual([engine, 0, 'false'])
    }
    return clone
  }

  describe('§2 a renamed or deleted prompt', () => {
    it('renamed: validate names the orphan and what generate will do; generate removes it with its lock entry in the same commit, says so, and leaves the old document', async () => {
      repo.git('mv', 'docs/faq.prompt.md', 'docs/questions.prompt.md')
      repo.commit('rename the FAQ prompt')
      const validated = await validateIn(repo.root)
      expect(validated.code).toBe(0)
      expect(JSON.parse(validated.outputs.stale_stages)).toEqual(['questions', 'faq'])
      expect(validated.stdout).toContain(
        "orphaned: stage faq in dvc.yaml belongs to the prompt docs/faq.prompt.md, which is gone (renamed or deleted); generate removes the stage from dvc.yaml and its entry from dvc.lock in its commit, as Graft's own repro would"
      )
      // index reads the FAQ: the old document stays its source (deleting it would leave index a missing dep)
      const left =
        'docs/faq.md is left in place and no prompt writes it any more, but stage index still reads it: it stays a source, no longer regenerated — edit it by hand from now on, or take it out of those deps before deleting it'
      expect(validated.stdout).toContain(left)
      // DVC knows only the old stage (the new one is not in dvc.yaml yet): its prompt is gone
      expect(await realStatus(repo.root)).toEqual({ faq: [{ 'changed deps': { 'docs/faq.prompt.md': 'deleted' } }] })

      const generated = await onPush('generate')
      expect(generated.code).toBe(0)
      expect(generated.outputs.pushed).toBe('true')
      expect(JSON.parse(generated.outputs.generated_files)).toEqual(['docs/questions.md'])
      expect(bedrock.requests).toHaveLength(1)
      const said = `removed stage faq and its dvc.lock entry: its prompt docs/faq.prompt.md is gone (renamed or deleted); ${left}`
      expect(generated.stdout).toContain(`dvc.yaml: ${said}`)
      expect(generated.stdout).toContain('dvc.yaml: added stage questions (docs/questions.prompt.md)')
      expect(generated.summary).toContain('dvc.yaml is brought in line with the prompts')
      // the summary shows repository text with Markdown's punctuation escaped: read it without the escapes
      expect(generated.summary.replace(/\\(?=[!-/:-@[-`{-~])/g, '')).toContain(said)
      const message = gitIn(origin, 'log', '-1', '--format=%B', 'main')
      expect(message).toMatch(/^docs: regenerate 1 stale document\n/)
      expect(message).toContain('- docs/questions.md (GENERATE)')
      expect(message).toContain('\n\ndvc.yaml brought in line with the prompts:\n- added stage questions')
      expect(message).toContain(`\n- ${said}\n`)
      const clone = await expectCleanTip()
      expect(clone.read('dvc.yaml')).not.toMatch(/^ {2}faq:/m)
      expect(clone.read('dvc.lock')).not.toMatch(/^ {2}faq:/m)
      expect(clone.read('docs/faq.md')).toBe(repo.read('docs/faq.md')) // left, not deleted
    }, 240_000)

    it('renamed, keeping its output (`out:`): no clash of two stages writing one file; the old stage goes, the new one writes the document', async () => {
      repo.git('mv', 'docs/faq.prompt.md', 'docs/questions.prompt.md')
      repo.write({
        'docs/questions.prompt.md': repo
          .read('docs/questions.prompt.md')
          .replace('---\nWrite', 'out: docs/faq.md\n---\nWrite')
      })
      const generated = await onPush('generate')
      expect(generated.code).toBe(0)
      // same instructions, same sources, same document: MAINTAIN, no model call; the pipeline files change
      expect(bedrock.requests).toHaveLength(0)
      expect(generated.stdout).toContain('docs/faq.md: MAINTAIN')
      expect(generated.stdout).not.toContain('is left in place')
      expect(gitIn(origin, 'show', '--name-only', '--format=', 'main').trim().split('\n').sort()).toEqual([
        'dvc.lock',
        'dvc.yaml'
      ])
      const clone = await expectCleanTip()
      expect(clone.read('dvc.yaml')).toMatch(/^ {2}questions:\n.*--out docs\/faq\.md/m)
    }, 240_000)

    it('deleted: generate renders nothing and commits dvc.yaml and dvc.lock alone, saying why in the subject', async () => {
      repo.remove('docs/faq.prompt.md')
      const generated = await onPush('generate')
      expect(generated.code).toBe(0)
      expect(bedrock.requests).toHaveLength(0)
      expect(generated.outputs.pushed).toBe('true')
      expect(gitIn(origin, 'log', '-1', '--format=%s', 'main').trim()).toBe(
        'docs: bring dvc.yaml and dvc.lock in line with the prompts'
      )
      expect(gitIn(origin, 'show', '--name-only', '--format=', 'main').trim().split('\n').sort()).toEqual([
        'dvc.lock',
        'dvc.yaml'
      ])
      await expectCleanTip()
    }, 240_000)

    it('a stage of dvc.yaml that reads a prompt but is not Graft’s is never removed', async () => {
      repo.write({
        'dvc.yaml':
          repo.read('dvc.yaml') +
          '  lint_prompts:\n    cmd: wc -l docs/faq.prompt.md > lint.txt\n    deps:\n    - docs/faq.prompt.md\n    outs:\n    - lint.txt:\n        cache: false\n',
        'lint.txt': '3\n'
      })
      dvcCommit(repo)
      repo.git('mv', 'docs/faq.prompt.md', 'docs/questions.prompt.md')
      const generated = await onPush('generate')
      expect(generated.code).toBe(0)
      const clone = tip()
      expect(clone.read('dvc.yaml')).toContain('  lint_prompts:\n')
      expect(clone.read('dvc.yaml')).not.toMatch(/^ {2}faq:/m)
      // the helper now reads a file that is gone: DVC says so, and so does validate; nothing else
      expect(Object.keys(await realStatus(clone.root))).toEqual(['lint_prompts'])
    }, 240_000)
  })

  describe('§1 a helper stage that is always changed', () => {
    /** The issue's helper: no deps, always_changed, one cache: false output that a prompt reads. */
    function addHelper(): void {
      repo.write({
        'sources/metrics.json': '{"queue": 3}\n',
        'docs/metrics.prompt.md': '---\ndeps:\n  - sources/metrics.json\n---\nSummarise the metrics.\n',
        'docs/metrics.md':
          '<!-- Generated by Graft | model=bedrock-claude-v4.5-sonnet-us | sig=' +
          'a'.repeat(64) +
          ' | rev=workspace | 2026-11-20 -->\n# Metrics\n',
        'dvc.yaml':
          repo.read('dvc.yaml') +
          '  metrics:\n    cmd: bash scripts/render_llm.sh --prompt docs/metrics.prompt.md --out docs/metrics.md --name metrics\n' +
          '    deps:\n    - docs/metrics.prompt.md\n    - sources/metrics.json\n    outs:\n    - docs/metrics.md:\n        cache: false\n' +
          '  fetch_metrics:\n    cmd: curl -s https://example.invalid/metrics > sources/metrics.json\n    outs:\n' +
          '    - sources/metrics.json:\n        cache: false\n    always_changed: true\n'
      })
      dvcCommit(repo)
      repo.commit('a helper that refreshes a source from an API, and a document reading it')
    }

    it.each(['native', 'dvc'])(
      'engine %s: DVC flags the helper alone; no document is stale, fail-on-stale passes, and the helper gets its notice',
      async (engine) => {
        addHelper()
        expect(await realStatus(repo.root)).toEqual({ fetch_metrics: ['always changed'] })
        const validated = await validateIn(repo.root, { engine, 'fail-on-stale': 'true' })
        expect(validated.code).toBe(0)
        expect(validated.outputs.is_stale).toBe('false')
        expect(validated.outputs.stale_files).toBe('[]')
        expect(validated.outputs.stale_stages).toBe('[]')
        // seven prompts, seven documents: the helper is checked, but it is no document
        expect(validated.summary).toContain('Graft: all 7 document(s) up to date')
        const line = repo.read('dvc.yaml').split('\n').indexOf('  fetch_metrics:') + 1
        expect(validated.stdout).toMatch(
          new RegExp(
            `::notice title=graft-action,file=dvc\\.yaml,line=${line}::stage fetch_metrics is always changed \\(always_changed: true\\).*run \`dvc repro fetch_metrics\` and commit sources/metrics\\.json`
          )
        )
      },
      120_000
    )

    it('a helper whose output really changed is reported as before, and the document reading it waits for it', async () => {
      addHelper()
      repo.write({ 'sources/metrics.json': '{"queue": 4}\n' })
      const validated = await validateIn(repo.root, { 'fail-on-stale': 'true' })
      expect(validated.code).toBe(1)
      expect(JSON.parse(validated.outputs.stale_stages)).toEqual(['fetch_metrics', 'metrics'])
      expect(Object.keys(await realStatus(repo.root)).sort()).toEqual(['fetch_metrics', 'metrics'])
    }, 120_000)
  })

  describe('§3 stage names DVC accepts', () => {
    it('api.v2, notes [v2] and a=b: validated and generated as Graft names them; DVC runs what was written', async () => {
      repo.write({
        'docs/api.v2.prompt.md': '---\ndeps:\n  - sources/api.md\n---\nThe v2 API.\n',
        'docs/notes [v2].prompt.md': '---\ndeps:\n  - sources/changelog.md\n---\nNotes.\n',
        'docs/a=b.prompt.md': '---\ndeps:\n  - sources/api.md\n---\nA equals B.\n'
      })
      repo.commit('prompts with dots, brackets, spaces and =')
      const validated = await validateIn(repo.root)
      expect(validated.code).toBe(0)
      expect(JSON.parse(validated.outputs.stale_stages).sort()).toEqual(['a=b', 'api.v2', 'notes [v2]'])
      const generated = await onPush('generate')
      expect(generated.code).toBe(0)
      expect(bedrock.requests).toHaveLength(3)
      const clone = await expectCleanTip()
      // as PyYAML writes it (a long plain scalar folds at a space, also one inside the quotes)
      expect(parse(clone.read('dvc.yaml')).stages['notes [v2]'].cmd).toBe(
        "bash scripts/render_llm.sh --prompt 'docs/notes [v2].prompt.md' --out 'docs/notes [v2].md' --name 'notes [v2]'"
      )
      // `dvc repro` of one of them by name runs exactly the command written (a script that records its arguments)
      clone.write({ 'scripts/render_llm.sh': RECORDER })
      const repro = await runDvc(clone.root, ['repro', '--force', '--single-item', 'notes [v2]'])
      expect([repro.code, repro.stderr]).toEqual([0, ''])
      expect(clone.read('args.txt')).toBe(
        '--prompt\ndocs/notes [v2].prompt.md\n--out\ndocs/notes [v2].md\n--name\nnotes [v2]\n'
      )
    }, 240_000)
  })

  describe('issue 19 §4: names that become commands or YAML', () => {
    it('out: "docs/$(touch x).md", a folder named `cmd` and out "<<": quoted in cmd and in YAML; DVC reads the file and runs nothing hidden', async () => {
      repo.write({
        'docs/dollar.prompt.md': '---\ndeps:\n  - sources/api.md\nout: "docs/$(touch x).md"\n---\nX.\n',
        'docs/`touch y`/tick.prompt.md': '---\ndeps:\n  - sources/api.md\n---\nY.\n',
        'docs/merge.prompt.md': '---\ndeps:\n  - sources/api.md\nout: "<<"\n---\nZ.\n'
      })
      const generated = await onPush('generate')
      expect(generated.code).toBe(0)
      expect(bedrock.requests).toHaveLength(3)
      const clone = await expectCleanTip()
      const yaml = clone.read('dvc.yaml')
      expect(parse(yaml).stages.dollar.cmd).toContain("--out 'docs/$(touch x).md'")
      expect(yaml).toContain("    - '<<':\n        cache: false\n")
      clone.write({ 'scripts/render_llm.sh': RECORDER })
      for (const stage of ['dollar', 'tick', 'merge']) {
        const repro = await runDvc(clone.root, ['repro', '--force', '--single-item', stage])
        expect([stage, repro.code, repro.stderr]).toEqual([stage, 0, ''])
      }
      expect(clone.read('args.txt')).toBe(
        [
          '--prompt\ndocs/dollar.prompt.md\n--out\ndocs/$(touch x).md\n--name\ndollar',
          '--prompt\ndocs/`touch y`/tick.prompt.md\n--out\ndocs/`touch y`/tick.md\n--name\ntick',
          '--prompt\ndocs/merge.prompt.md\n--out\n<<\n--name\nmerge'
        ].join('\n') + '\n'
      )
      for (const made of ['x', 'y', 'docs/x', 'docs/y'])
        expect([made, gitIn(clone.root, 'status', '--porcelain', '--', made)]).toEqual([made, ''])
    }, 240_000)
  })

  describe('§4 odd file names inside a folder dep', () => {
    it('a control character, U+007F, a newline and a backslash in names: validate agrees with DVC, generate leaves DVC clean', async () => {
      repo.write({
        'sources/odd/del\u007fname.md': 'a\n',
        'sources/odd/new\nline.md': 'b\n',
        'sources/odd/back\\slash.md': 'c\n',
        'sources/odd/bell\u0007.md': 'd\n',
        'docs/odd.prompt.md': '---\ndeps:\n  - sources/odd\n---\nDescribe the odd files.\n'
      })
      repo.commit('a folder of odd names')
      const validated = await validateIn(repo.root)
      expect(validated.code).toBe(0)
      expect(JSON.parse(validated.outputs.stale_stages)).toEqual(['odd'])
      const generated = await onPush('generate')
      expect(generated.code).toBe(0)
      // the model is shown the names escaped (as git quotes them), never raw control characters
      const sent = bedrock.requests[0].body.messages[0].content[0].text as string
      expect(sent).toContain('--- a/sources/odd/del\\u007fname.md\n+++ b/sources/odd/del\\u007fname.md')
      expect(sent).toContain('--- a/sources/odd/new\\nline.md\n')
      expect(sent).not.toMatch(/[\u0007\u007f]/)
      await expectCleanTip()
    }, 240_000)
  })

  describe('§5 Git LFS pointers', () => {
    beforeEach(() => {
      // tracked with Git LFS (as `git lfs track` writes it); the checkout holds the pointer, not the file
      repo.write({
        '.gitattributes': 'sources/*.md filter=lfs diff=lfs merge=lfs -text\n',
        'sources/api.md': LFS_POINTER
      })
      repo.commit('the checkout holds the LFS pointer, not the file')
    })

    it('validate agrees with DVC (stale) and says why: the dep is a pointer, check out with lfs: true', async () => {
      expect(Object.keys(await realStatus(repo.root)).sort()).toEqual(['api_reference', 'overview'])
      const validated = await validateIn(repo.root)
      expect(JSON.parse(validated.outputs.stale_stages)).toEqual(expect.arrayContaining(['api_reference', 'overview']))
      expect(validated.stdout).toContain(
        'dep sources/api.md modified (sources/api.md is a Git LFS pointer, not the content: this checkout did not fetch LFS files; check out with `lfs: true`)'
      )
    }, 120_000)

    it('generate stops before anything is written or sent, naming the file on the prompt line, saying to check out with lfs: true', async () => {
      const before = repo.snapshot()
      const generated = await onPush('generate')
      expect(generated.code).toBe(1)
      expect(generated.stdout).toMatch(
        /::error title=graft-action,file=docs\/api-reference\.prompt\.md,line=3::sources\/api\.md is a Git LFS pointer, not the file's content/
      )
      expect(generated.stdout).toContain('actions/checkout with `lfs: true`')
      expect(bedrock.requests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
      expect(gitIn(origin, 'rev-parse', 'main')).toBe(repo.head() + '\n')
    }, 120_000)
  })

  describe('§5 a generated document tracked with Git LFS', () => {
    it('its pointer is named as such, not as a hand edit; generate stops before anything is sent or written, on the prompt', async () => {
      repo.write({ '.gitattributes': 'docs/faq.md filter=lfs diff=lfs merge=lfs -text\n', 'docs/faq.md': LFS_POINTER })
      repo.commit('the checkout holds the document’s LFS pointer')
      const validated = await validateIn(repo.root)
      expect(validated.stdout).toContain(
        'docs/faq.md edited by hand (its md5 differs from dvc.lock) (docs/faq.md is a Git LFS pointer, not the content: this checkout did not fetch LFS files; check out with `lfs: true`)'
      )
      const before = repo.snapshot()
      const generated = await onPush('generate')
      expect(generated.code).toBe(1)
      expect(generated.stdout).toMatch(
        /::error title=graft-action,file=docs\/faq\.prompt\.md,line=1::docs\/faq\.md, the document this prompt writes, is a Git LFS pointer, not the document/
      )
      expect(bedrock.requests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
      expect(gitIn(origin, 'rev-parse', 'main')).toBe(repo.head() + '\n')
    }, 240_000)
  })

  describe('§5 a generated document tracked with Git LFS, its content checked out', () => {
    it('generate stops before anything: its commit would hold the document where Git LFS expects a pointer', async () => {
      // lfs: true, so the document is there; the action commits with no filter program, git-lfs's included
      repo.write({ '.gitattributes': 'docs/faq.md filter=lfs diff=lfs merge=lfs -text\n' })
      repo.write({ 'sources/changelog.md': repo.read('sources/changelog.md') + '\n## 2.4.0\n' })
      const before = repo.snapshot()
      const generated = await onPush('generate')
      expect(generated.code).toBe(1)
      expect(generated.stdout).toMatch(
        /::error title=graft-action,file=docs\/faq\.prompt\.md,line=1::docs\/faq\.md, the document this prompt writes, is tracked with Git LFS/
      )
      expect(generated.stdout).toContain('git lfs untrack docs/faq.md')
      expect(bedrock.requests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
    }, 240_000)
  })

  describe('§5 a file that only looks like a Git LFS pointer', () => {
    it('is content where Git LFS does not track its path: generate goes on, and DVC agrees afterwards', async () => {
      // a repository documenting Git LFS keeps a sample pointer as a plain file (no filter=lfs for it)
      repo.write({
        '.gitattributes': 'assets/** filter=lfs diff=lfs merge=lfs -text\n',
        'sources/api.md': LFS_POINTER
      })
      const validated = await validateIn(repo.root)
      expect(validated.stdout).not.toContain('is a Git LFS pointer')
      const generated = await onPush('generate')
      expect([generated.code, generated.stdout]).toEqual([0, expect.not.stringContaining('Git LFS pointer')])
      expect(bedrock.requests.length).toBeGreaterThan(0)
      await expectCleanTip()
    }, 240_000)
  })

  describe('§6 a submodule as a folder dep', () => {
    let lib: TestRepo
    beforeEach(() => {
      lib = TestRepo.create({ 'queue.py': 'def drain(queue):\n    pass\n' }, 'graft-lib-')
      lib.commit('lib')
      scratch.push(lib.root)
      repo.git('-c', 'protocol.file.allow=always', 'submodule', '-q', 'add', lib.root, 'vendor/lib')
      repo.write({ 'docs/lib.prompt.md': '---\ndeps:\n  - vendor/lib\n---\nDocument the vendored library.\n' })
      repo.commit('vendor the library')
    })

    /** Bumps the submodule to a new commit of the library that renames `drain` to `flush`. */
    function bump(): void {
      lib.write({ 'queue.py': 'def flush(queue):\n    pass\n' })
      const sha = lib.commit('rename drain to flush')
      const sub = new TestRepo(repo.path('vendor/lib'))
      sub.git('-c', 'protocol.file.allow=always', 'fetch', '-q', 'origin')
      sub.git('checkout', '-q', sha)
      repo.commit('bump the library')
    }

    it("the model is shown the submodule's own file diff between its two commits; DVC agrees afterwards", async () => {
      const first = await onPush('generate')
      expect(first.code).toBe(0)
      bedrock.requests.length = 0
      bump()
      expect(Object.keys(await realStatus(repo.root))).toEqual(['lib'])
      const generated = await onPush('generate')
      expect(generated.code).toBe(0)
      const sent = bedrock.requests[0].body.messages[0].content[0].text as string
      expect(sent).toContain('--- a/vendor/lib/queue.py\n+++ b/vendor/lib/queue.py')
      expect(sent).toContain('-def drain(queue):\n+def flush(queue):')
      expect(sent).not.toContain('+Subproject commit')
      await expectCleanTip()
    }, 240_000)

    it('a checkout without its submodules (actions/checkout’s default): validate says why DVC calls the dep changed; generate stops before anything is sent or written', async () => {
      const first = await onPush('generate')
      expect(first.code).toBe(0)
      bedrock.requests.length = 0
      // a fresh clone, submodules not checked out: vendor/lib is an empty folder
      const dir = mkdtempSync(join(tmpdir(), 'graft-nosub-'))
      scratch.push(dir)
      execFileSync('git', ['clone', '-q', origin, dir], { env: { ...process.env, ...GIT_ENV } })
      const clone = new TestRepo(dir)
      clone.write({ 'NOTES.md': 'a developer commit after the bot’s\n' })
      clone.commit('notes')
      expect(await realStatus(clone.root)).toEqual({ lib: [{ 'changed deps': { 'vendor/lib': 'modified' } }] })
      const validated = await validateIn(clone.root)
      expect(validated.stdout).toContain(
        'dep vendor/lib modified (vendor/lib is a Git submodule this checkout did not check out, an empty folder here; check out with `submodules: true`)'
      )
      const before = clone.snapshot()
      const tipBefore = gitIn(origin, 'rev-parse', 'main')
      const generated = await runAction('main', {
        workspace: clone.root,
        event: {
          name: 'push',
          payload: { ref: 'refs/heads/main', after: clone.head(), repository: { full_name: 'acme/docs' } }
        },
        inputs: { command: 'generate', engine: 'native', token: TOKEN, comment: 'false' },
        env: { ...bedrockTestEnv(bedrock.url), GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/docs' }
      })
      expect(generated.code).toBe(1)
      expect(generated.stdout).toMatch(
        /::error title=graft-action,file=docs\/lib\.prompt\.md,line=3::vendor\/lib is a Git submodule this checkout did not check out/
      )
      expect(generated.stdout).toContain('actions/checkout with `submodules: true`')
      expect(bedrock.requests).toHaveLength(0)
      expect(clone.snapshot()).toEqual(before)
      expect(gitIn(origin, 'rev-parse', 'main')).toBe(tipBefore)
    }, 240_000)

    it('a hostile .gitmodules (ext:: URL, update = !command, a file:// URL to the runner’s disk): the submodule is read, nothing fetched, nothing run', async () => {
      const first = await onPush('generate')
      expect(first.code).toBe(0)
      bedrock.requests.length = 0
      const marker = join(mkdtempSync(join(tmpdir(), 'graft-marker-')), 'ran')
      scratch.push(dirname(marker))
      // a second library on the runner's disk, with a commit a fetch from it would bring
      const other = TestRepo.create({ 'stolen.txt': 'runner data\n' }, 'graft-other-')
      scratch.push(other.root)
      const stolen = other.commit('on the runner')
      repo.write({
        '.gitmodules':
          `[submodule "vendor/lib"]\n\tpath = vendor/lib\n\turl = ext::sh -c touch% ${marker}\n\tupdate = !touch ${marker}\n` +
          `[submodule "x"]\n\tpath = ../../x\n\turl = file://${other.root}\n[submodule "-u"]\n\tpath = -u\n\turl = -u/x\n`
      })
      bump()
      const generated = await onPush('generate')
      expect(generated.code).toBe(0)
      const sent = bedrock.requests[0].body.messages[0].content[0].text as string
      expect(sent).toContain('-def drain(queue):\n+def flush(queue):')
      expect(sent).not.toContain('runner data')
      expect(existsSync(marker)).toBe(false)
      const sub = new TestRepo(repo.path('vendor/lib'))
      expect(() => sub.git('cat-file', '-e', `${stolen}^{commit}`)).toThrow()
      expect(() => repo.git('cat-file', '-e', `${stolen}^{commit}`)).toThrow()
    }, 240_000)

    it("the submodule's old commit is not in the checkout: the model is shown its current files", async () => {
      const first = await onPush('generate')
      expect(first.code).toBe(0)
      bedrock.requests.length = 0
      // the submodule's history rewritten so the commit the document was generated from is gone (a shallow submodule)
      const sub = new TestRepo(repo.path('vendor/lib'))
      sub.git('config', 'user.name', 'Dev')
      sub.git('config', 'user.email', 'dev@example.com')
      sub.git('checkout', '-q', '--orphan', 'fresh')
      sub.write({ 'queue.py': 'def flush(queue):\n    pass\n' })
      sub.commit('fresh history')
      for (const ref of sub.git('for-each-ref', '--format=%(refname)').split('\n').filter(Boolean))
        if (ref !== 'refs/heads/fresh') sub.git('update-ref', '-d', ref)
      sub.git('reflog', 'expire', '--expire=now', '--all')
      sub.git('gc', '-q', '--prune=now')
      repo.commit('bump the library')
      const generated = await onPush('generate')
      expect(generated.code).toBe(0)
      const sent = bedrock.requests[0].body.messages[0].content[0].text as string
      expect(sent).toMatch(/Submodule vendor\/lib [0-9a-f]+\.\.\.[0-9a-f]+ \(commits not present\)/)
      expect(sent).toContain(
        '--- a/vendor/lib/queue.py\n+++ b/vendor/lib/queue.py\n@@ CURRENT CONTENT @@\ndef flush(queue):'
      )
    }, 240_000)
  })

  describe('§7 dvc.yaml and dvc.lock with CRLF line ends', () => {
    it('generate keeps one style per file (the file’s own: CRLF), and DVC reads both clean', async () => {
      for (const file of ['dvc.yaml', 'dvc.lock']) repo.write({ [file]: repo.read(file).replace(/\r?\n/g, '\r\n') })
      repo.remove('docs/overview.prompt.md') // an orphan removed, and a new prompt added: both files edited
      repo.write({
        'docs/glossary.prompt.md': '---\ndeps:\n  - sources/api.md\n---\nA glossary.\n',
        'sources/changelog.md': repo.read('sources/changelog.md') + '\n## 2.4.0\n- cancel()\n'
      })
      const generated = await onPush('generate')
      expect(generated.code).toBe(0)
      const clone = await expectCleanTip()
      for (const file of ['dvc.yaml', 'dvc.lock']) {
        const text = clone.read(file)
        expect([file, text.split('\r\n').length - 1]).toEqual([file, text.split('\n').length - 1])
        expect(text).toMatch(/^ {2}glossary:\r$/m)
      }
    }, 240_000)
  })

  describe('§8 messages', () => {
    it("a stale document's notice names the prompt and the line of the dep that changed", async () => {
      repo.write({ 'sources/changelog.md': repo.read('sources/changelog.md') + '\n## 2.4.0\n' })
      const validated = await validateIn(repo.root)
      const line = repo.read('docs/release-notes.prompt.md').split('\n').indexOf('  - sources/changelog.md') + 1
      expect(line).toBeGreaterThan(1)
      expect(validated.stdout).toMatch(
        new RegExp(
          `::notice title=Stale generated document,file=docs/release-notes\\.prompt\\.md,line=${line}::docs/release-notes\\.md is stale`
        )
      )
      // a document stale through its upstream: line 1 of its prompt
      expect(validated.stdout).toMatch(/::notice title=Stale generated document,file=docs\/faq\.prompt\.md,line=1::/)
    }, 120_000)

    it('prompts and no dvc.yaml: each reason names `graft-action sync` as the way to write dvc.yaml', async () => {
      repo.remove('dvc.yaml')
      repo.remove('dvc.lock')
      const validated = await validateIn(repo.root)
      expect(validated.outputs.is_stale).toBe('true')
      expect(validated.stdout).toContain(
        "there is no dvc.yaml yet, so no stage faq for docs/faq.prompt.md; run the action's generate (it writes dvc.yaml with the documents), or write dvc.yaml alone with `graft-action sync` (this action's CLI: docs/cli.md) and commit it"
      )
    }, 120_000)
  })
})
