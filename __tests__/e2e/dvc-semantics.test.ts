// DVC's own stage semantics, end to end (issue 10 §10): the bundles run as a
// runner runs them, the real AWS SDK against the loopback Bedrock server, and
// the real `dvc status` as the judge of what generate leaves behind.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { BUNDLE_NODE, PROJECT_ROOT, runAction, type ActionRun } from '../support/action-runner.js'
import { BedrockServer, bedrockTestEnv } from '../support/bedrock-server.js'
import { exampleRepo } from '../support/example-repo.js'
import type { TestRepo } from '../support/repo.js'
import { parseDocument } from 'yaml'
import { dvcCommit } from '../support/graft-repo.js'
import { realStatus } from '../support/real-dvc.js'
import { visibleText } from '../support/gfm-judge.js'

/** The CLI bundle, as a person runs it. */
function cliRun(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(BUNDLE_NODE, [join(PROJECT_ROOT, 'dist/cli/index.js'), ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    )
  })
}

describe('DVC stage semantics through the bundles', () => {
  let repo: TestRepo
  let server: BedrockServer
  const run = (entry: string, inputs: Record<string, string> = {}): Promise<ActionRun> =>
    runAction(entry, { workspace: repo.root, inputs: { push: 'false', ...inputs }, env: bedrockTestEnv(server.url) })

  beforeEach(async () => {
    repo = exampleRepo()
    server = await new BedrockServer().start()
  })
  afterEach(async () => {
    await server.close()
    repo.cleanup()
  })

  describe('.dvcignore inside a directory dep', () => {
    beforeEach(() => {
      repo.write({
        '.dvcignore': '# scratch files DVC must not hash\n*.log\n',
        'sources/debug.log': 'noise\n',
        'docs/tour.prompt.md': '---\ndeps:\n  - sources\n---\nGive a tour of every source file.\n'
      })
      repo.commit('a tour of the sources folder, and an ignored log in it')
    })

    it.each(['native', 'auto'])(
      'generate (engine %s) writes the lock entry DVC would: dvc status prints {} afterwards',
      async (engine) => {
        const generated = await run('generate', { engine, targets: 'docs/tour.md' })
        expect(generated.code).toBe(0)
        expect(server.requests).toHaveLength(1)
        expect(JSON.parse(generated.outputs.generated_files)).toEqual(['docs/tour.md'])
        expect(await realStatus(repo.root)).not.toHaveProperty('tour')
        // the ignored file changes: neither DVC nor validate sees it
        repo.write({ 'sources/debug.log': 'more noise\n' })
        expect(await realStatus(repo.root)).not.toHaveProperty('tour')
        const validated = await run('validate', { engine: 'native', targets: 'docs/tour.md' })
        expect(validated.code).toBe(0)
        expect(validated.outputs.is_stale).toBe('false')
      },
      240_000
    )

    it('validate (native) calls the folder changed only when a file DVC counts changes', async () => {
      await run('generate', { engine: 'native', targets: 'docs/tour.md' })
      repo.write({ 'sources/api.md': repo.read('sources/api.md') + '- `queue.drain()`\n' })
      const validated = await run('validate', { engine: 'native', targets: 'docs/tour.md' })
      expect(validated.outputs.is_stale).toBe('true')
      expect(visibleText(validated.summary)).toContain('dep sources modified')
    }, 240_000)

    it('a .dvcignore inside the directory dep: an error naming it, as DVC refuses it; no model call, nothing changed', async () => {
      repo.write({ 'sources/.dvcignore': '*.tmp\n' })
      repo.commit('nested dvcignore')
      const before = repo.snapshot()
      const generated = await run('generate', { engine: 'native' })
      expect(generated.code).toBe(1)
      expect(generated.stdout).toMatch(/::error title=graft-action,file=sources\/\.dvcignore::.*DVC refuses it/)
      expect(generated.stdout).toContain('move its rules to a .dvcignore above that directory')
      expect(server.requests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
    })

    it('an output that .dvcignore ignores: an error on the rule line; no model call, nothing changed', async () => {
      repo.write({ '.dvcignore': '# scratch\n*.log\ndocs/faq.md\n' })
      repo.commit('ignore an output')
      const before = repo.snapshot()
      const validated = await run('validate', { engine: 'native' })
      expect(validated.code).toBe(1)
      expect(validated.stdout).toMatch(
        /::error title=graft-action,file=\.dvcignore,line=3::output docs\/faq\.md of stage faq is ignored by \.dvcignore:3/
      )
      expect(validated.stdout).toContain('remove or narrow the rule')
      expect(server.requests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
    })
  })

  /** Sets (or, with undefined, removes) a key of a stage in dvc.yaml, as `dvc freeze` would. */
  const setStageKey = (stage: string, key: string, value: unknown): void => {
    const doc = parseDocument(repo.read('dvc.yaml'))
    if (value === undefined) doc.deleteIn(['stages', stage, key])
    else doc.setIn(['stages', stage, key], value)
    repo.write({ 'dvc.yaml': doc.toString() })
  }

  describe('an always_changed helper stage that is not a prompt', () => {
    beforeEach(() => {
      const header =
        '<!-- Generated by Graft | model=bedrock-claude-v4.5-sonnet-us | sig=' +
        'a'.repeat(64) +
        ' | rev=workspace | 2026-11-20 -->\n'
      repo.write({
        'tools/input.txt': 'queue sizes by hour\n',
        'made.txt': 'queue sizes by hour\n',
        'docs/extras.prompt.md': '---\ndeps:\n  - made.txt\n---\nSummarise what the helper made.\n',
        'docs/extras.md': `${header}# Extras\n\nQueue sizes.\n`,
        'dvc.yaml':
          repo.read('dvc.yaml') +
          '  extras:\n    cmd: bash scripts/render_llm.sh --prompt docs/extras.prompt.md --out docs/extras.md --name extras\n' +
          '    deps:\n    - docs/extras.prompt.md\n    - made.txt\n    outs:\n    - docs/extras.md:\n        cache: false\n' +
          '  helper:\n    cmd: cp tools/input.txt made.txt\n    deps:\n    - tools/input.txt\n    outs:\n    - made.txt:\n' +
          '        cache: false\n    always_changed: true\n'
      })
      dvcCommit(repo)
      repo.commit('a helper stage, always changed, and a document reading its output')
    })

    it.each(['native', 'auto'])(
      'validate (engine %s) flags the helper alone, saying to run `dvc repro helper`; `targets` clears it',
      async (engine) => {
        expect(await realStatus(repo.root)).toEqual({ helper: ['always changed'] })
        const validated = await run('validate', { engine, 'fail-on-stale': 'true' })
        expect(validated.code).toBe(1)
        expect(JSON.parse(validated.outputs.stale_stages)).toEqual(['helper'])
        expect(validated.stdout).toContain(
          'not a prompt stage: graft-action does not render it; run `dvc repro helper` and commit its outputs'
        )
        const targeted = await run('validate', {
          engine,
          'fail-on-stale': 'true',
          targets: 'docs/extras.md\ndocs/faq.md'
        })
        expect(targeted.code).toBe(0)
        expect(targeted.outputs.is_stale).toBe('false')
        expect(server.requests).toHaveLength(0)
      },
      240_000
    )

    it('generate renders the documents that are stale, warns that the helper stays stale, and DVC agrees afterwards', async () => {
      repo.write({ 'sources/changelog.md': repo.read('sources/changelog.md') + '\n## 2.1.0\n- `queue.drain()`\n' })
      repo.commit('a release')
      const generated = await run('generate', { engine: 'native' })
      expect(generated.code).toBe(0)
      expect(server.requests).toHaveLength(3)
      expect(JSON.parse(generated.outputs.generated_files).sort()).toEqual([
        'docs/faq.md',
        'docs/index.md',
        'docs/release-notes.md'
      ])
      expect(generated.stdout).toMatch(
        /::warning::made\.txt \(stage helper\) stays stale, generate does not render it: always changed; not a prompt stage: .*run `dvc repro helper`/
      )
      expect(await realStatus(repo.root)).toEqual({ helper: ['always changed'] })
    }, 240_000)

    it("the helper's dep changed: the document reading its output waits for `dvc repro helper`, generate leaves it and renders nothing", async () => {
      repo.write({ 'tools/input.txt': 'queue sizes by minute\n' })
      repo.commit('the helper input changed')
      const before = repo.snapshot()
      const generated = await run('generate', { engine: 'native' })
      expect(generated.code).toBe(0)
      expect(server.requests).toHaveLength(0)
      expect(generated.stdout).toMatch(
        /::warning::docs\/extras\.md \(stage extras\) stays stale.*waits for helper \(not a prompt stage\): run `dvc repro helper` and commit, then regenerate/
      )
      // the CLI's pack says the same instead of packing a prompt generate would not send
      const pack = await cliRun(['pack', '-C', repo.root, 'docs/extras.md'])
      expect(pack.code).toBe(1)
      expect(pack.stderr).toContain('generate would not render docs/extras.md now')
      expect(pack.stderr).toContain('run `dvc repro helper`')
      expect(repo.snapshot()).toEqual(before)
    }, 240_000)
  })

  describe('a frozen document', () => {
    beforeEach(() => {
      setStageKey('faq', 'frozen', true)
      repo.commit('freeze the FAQ')
    })

    it('is never stale through its upstream, and generate does not regenerate it; DVC agrees afterwards', async () => {
      repo.write({ 'sources/changelog.md': repo.read('sources/changelog.md') + '\n## 2.1.0\n- `queue.drain()`\n' })
      repo.commit('a release')
      const faq = repo.read('docs/faq.md')
      const validated = await run('validate', { engine: 'native' })
      expect(JSON.parse(validated.outputs.stale_stages)).toEqual(['release_notes'])
      const generated = await run('generate', { engine: 'native' })
      expect(generated.code).toBe(0)
      expect(server.requests).toHaveLength(1)
      expect(JSON.parse(generated.outputs.generated_files)).toEqual(['docs/release-notes.md'])
      expect(repo.read('docs/faq.md')).toBe(faq)
      expect(await realStatus(repo.root)).toEqual({})
    }, 240_000)

    it('its own prompt changed: not stale (DVC checks no dep of a frozen stage)', async () => {
      repo.write({ 'docs/faq.prompt.md': repo.read('docs/faq.prompt.md') + 'Keep answers short.\n' })
      repo.commit('prompt edit')
      expect(await realStatus(repo.root)).toEqual({})
      const generated = await run('generate', { engine: 'native' })
      expect(generated.code).toBe(0)
      expect(server.requests).toHaveLength(0)
    }, 240_000)

    it('forced by name: refused on its dvc.yaml line, no model call, nothing changed', async () => {
      const before = repo.snapshot()
      const generated = await run('generate', { engine: 'native', force: 'true', targets: 'docs/faq.md' })
      expect(generated.code).toBe(1)
      expect(generated.stdout).toMatch(
        /::error title=graft-action,file=dvc\.yaml,line=\d+::stage faq is frozen \(frozen: true in dvc\.yaml\), so it is never regenerated, even with force/
      )
      expect(generated.stdout).toContain('dvc unfreeze faq')
      expect(server.requests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
    }, 240_000)
  })
})
