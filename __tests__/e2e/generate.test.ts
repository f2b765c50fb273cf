// generate end to end: dist/generate/index.js run as a runner would, the real
// AWS SDK talking to the loopback Bedrock server, real git, real dvc.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { parse } from 'yaml'
import { runAction, type ActionRun } from '../support/action-runner.js'
import { BedrockServer, bedrockTestEnv, isEditRequest, reply } from '../support/bedrock-server.js'
import { exampleRepo } from '../support/example-repo.js'
import type { TestRepo } from '../support/repo.js'
import { realStatus } from '../support/real-dvc.js'

const actionLine = (prompt: string): string => /- Action required: (\w+)/.exec(prompt)?.[1] ?? 'none'
const promptOf = (server: BedrockServer, i: number): string => server.requests[i].body.messages[0].content[0].text

describe('dist/generate', () => {
  let repo: TestRepo
  let server: BedrockServer
  const generate = (inputs: Record<string, string> = {}): Promise<ActionRun> =>
    runAction('generate', {
      workspace: repo.root,
      inputs: { engine: 'native', push: 'false', ...inputs },
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

  describe('targets and what lies downstream of them (issue 10 §2)', () => {
    it('downstream: include (the default): a forced target regenerates with everything that reads it; nothing is left stale', async () => {
      server.onRequest(() => reply.document(`# Doc ${server.requests.length}\n\nNew text.\n`))
      const run = await generate({ targets: 'docs/faq.md', force: 'true' })
      expect(run.code).toBe(0)
      expect(JSON.parse(run.outputs.generated_files)).toEqual(['docs/faq.md', 'docs/index.md'])
      expect(run.outputs.left_stale).toBe('[]')
      expect(run.stdout).not.toContain('Documents left stale')
      expect(await realStatus(repo.root)).toEqual({})
    })

    it('downstream: report: only the target; what reads it is named in the log, the summary and left_stale', async () => {
      server.onRequest(() => reply.document('# FAQ\n\nNew text.\n'))
      const run = await generate({ targets: 'docs/faq.md', force: 'true', downstream: 'report' })
      expect(run.code).toBe(0)
      expect(server.requests).toHaveLength(1)
      expect(JSON.parse(run.outputs.generated_files)).toEqual(['docs/faq.md'])
      expect(JSON.parse(run.outputs.left_stale)).toEqual(['docs/index.md'])
      expect(run.stdout).toMatch(
        /::warning title=Documents left stale::1 document\(s\) outside the targets are stale after this run: docs\/index\.md \(reads docs\/faq\.md/
      )
      expect(run.summary).toContain('1 document(s) left stale outside the targets')
      // what it says is true: the real dvc calls index stale
      expect(Object.keys(await realStatus(repo.root))).toEqual(['index'])
    })

    it('downstream: report also names documents that were stale outside the targets before the run', async () => {
      repo.write({ 'sources/api.md': repo.read('sources/api.md') + '\nA new endpoint.\n' })
      repo.commit('api')
      server.onRequest(() => reply.document('# Notes\n\nNew text.\n'))
      const run = await generate({ targets: 'docs/release-notes.md', force: 'true', downstream: 'report' })
      expect(run.code).toBe(0)
      const left = JSON.parse(run.outputs.left_stale) as string[]
      expect(left).toContain('docs/api-reference.md')
      expect(left).toContain('docs/faq.md')
      expect(run.stdout).toMatch(/docs\/api-reference\.md \(stale before the run, outside the targets: /)
    })

    it('a bad downstream value is an input error, before any call', async () => {
      const before = repo.snapshot()
      const run = await generate({ targets: 'docs/faq.md', downstream: 'everything' })
      expect(run.code).not.toBe(0)
      expect(run.stdout).toContain('input downstream must be include or report, not "everything"')
      expect(server.requests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
    })
  })

  it('makes no call and writes nothing when everything is up to date', async () => {
    const run = await generate()
    expect(run.code).toBe(0)
    expect(server.requests).toHaveLength(0)
    expect(run.outputs.generated_files).toBe('[]')
    expect(repo.git('status', '--porcelain')).toBe('')
  })

  it('a dvc.lock it cannot edit (stages in flow style) is refused before any model call, naming the file', async () => {
    // JSON is YAML in flow style: DVC and validate read it; the action rewrites only block layout
    repo.write({
      'dvc.lock': `${JSON.stringify(parse(repo.read('dvc.lock')))}\n`,
      'sources/changelog.md': `${repo.read('sources/changelog.md')}\nOne more line.\n`
    })
    repo.commit('flow-style lock, a source change')
    const before = repo.snapshot()
    const run = await generate()
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(
      /::error title=graft-action,file=dvc\.lock::the "stages" of dvc\.lock are written in flow style \(\{\.\.\.\}\), which this tool does not edit/
    )
    expect(server.requests).toHaveLength(0)
    expect(repo.snapshot()).toEqual(before)
  })

  it('UPDATE: a source change flows through a 3-level DAG in dependency order, and dvc agrees afterwards', async () => {
    repo.write({
      'sources/changelog.md': repo
        .read('sources/changelog.md')
        .replace('## 2.3.0', '## 2.4.0\n- `cancel()`\n\n## 2.3.0')
    })
    repo.commit('changelog: 2.4.0')
    server.onRequest((req) => reply.document(`# Doc ${server.requests.length}\n\nfor ${req.modelId}\n`))
    const run = await generate()
    expect(run.code).toBe(0)
    expect(JSON.parse(run.outputs.generated_files)).toEqual(['docs/release-notes.md', 'docs/faq.md', 'docs/index.md'])
    expect(server.requests.map((r) => actionLine(r.body.messages[0].content[0].text))).toEqual([
      'UPDATE',
      'UPDATE',
      'UPDATE'
    ])
    expect(server.requests[0].modelId).toBe('us.anthropic.claude-sonnet-4-5-20250929-v1:0')
    // UPDATE asks for edits to the previous draft (update-style: edits, the default)
    expect(server.requests.every(isEditRequest)).toBe(true)
    // faq sees the release notes' new text against their old text
    expect(promptOf(server, 1)).toContain('---BEGIN SOURCE DIFF---')
    expect(promptOf(server, 1)).toMatch(/-.*2\.2\.0|\+# Doc 1/)
    expect(repo.read('docs/release-notes.md')).toMatch(
      /^<!-- Generated by Graft \| model=bedrock-claude-v4\.5-sonnet-us \| sig=[0-9a-f]{64} \| rev=[0-9a-f]{7,} \| \d{4}-\d{2}-\d{2} -->\n# Doc 1/
    )
    expect(await realStatus(repo.root)).toEqual({})
    expect(run.summary).toContain('UPDATE')
    expect(run.summary).toMatch(/rendered<br>\+\d+ −\d+ of \d+ lines, edits/)
  })

  it('shows the model every commit since the last generation, not only the last one', async () => {
    repo.write({ 'sources/architecture.md': repo.read('sources/architecture.md') + '\nFIRST-COMMIT-CHANGE\n' })
    repo.commit('one')
    repo.write({ 'sources/api.md': repo.read('sources/api.md') + '\nSECOND-COMMIT-CHANGE\n' })
    repo.commit('two')
    repo.write({ 'sources/config.yaml': repo.read('sources/config.yaml') + 'third: true\n' })
    repo.commit('three')
    const run = await generate({ targets: 'docs/overview.md', downstream: 'report' })
    expect(run.code).toBe(0)
    expect(server.requests).toHaveLength(1)
    expect(promptOf(server, 0)).toContain('+FIRST-COMMIT-CHANGE')
    expect(promptOf(server, 0)).toContain('+SECOND-COMMIT-CHANGE')
  })

  it('REFINE when only the prompt body changed; REFRESH when both changed; GENERATE for a new prompt', async () => {
    repo.write({
      'docs/release-notes.prompt.md': repo.read('docs/release-notes.prompt.md') + 'Mention the upgrade command.\n'
    })
    repo.write({ 'docs/overview.prompt.md': repo.read('docs/overview.prompt.md') + 'Add a diagram.\n' })
    repo.write({ 'sources/architecture.md': repo.read('sources/architecture.md') + '\nNew part.\n' })
    repo.write({ 'docs/glossary.prompt.md': '---\ndeps:\n  - sources/api.md\n---\nWrite a glossary.\n' })
    repo.commit('prompts')
    const run = await generate({
      targets: 'docs/release-notes.md\ndocs/overview.md\ndocs/glossary.md',
      downstream: 'report'
    })
    expect(run.code).toBe(0)
    const byDoc = new Map(
      server.requests.map((r) => [r.body.messages[0].content[0].text, actionLine(r.body.messages[0].content[0].text)])
    )
    expect([...byDoc.values()].sort()).toEqual(['GENERATE', 'REFINE', 'REFRESH'])
    const refine = server.requests
      .map((r) => r.body.messages[0].content[0].text)
      .find((t) => actionLine(t) === 'REFINE')!
    expect(refine).toContain('---BEGIN PROMPT DIFF---')
    expect(refine).toContain('+Mention the upgrade command.')
    // the new prompt gained a stage in dvc.yaml and a lock entry
    expect(repo.read('dvc.yaml')).toContain('glossary:')
    expect(repo.read('dvc.lock')).toContain('docs/glossary.md')
    expect(await realStatus(repo.root)).not.toHaveProperty('glossary')
  })

  it('MAINTAIN: a frontmatter-only edit makes no call, keeps the text byte-identical and refreshes the lock', async () => {
    const before = repo.read('docs/release-notes.md')
    repo.write({
      'docs/release-notes.prompt.md': repo
        .read('docs/release-notes.prompt.md')
        .replace('---\ndeps', '---\n# reviewed\ndeps')
    })
    repo.commit('comment in frontmatter')
    const run = await generate()
    expect(run.code).toBe(0)
    expect(server.requests).toHaveLength(0)
    expect(repo.read('docs/release-notes.md')).toBe(before)
    expect(run.outputs.generated_files).toBe('[]')
    expect(await realStatus(repo.root)).toEqual({})
    expect(run.summary).toContain('MAINTAIN')
  })

  it('dry-run packs and reports but calls no model and writes nothing', async () => {
    repo.write({ 'sources/api.md': 'changed\n' })
    const before = repo.snapshot()
    const run = await generate({ 'dry-run': 'true' })
    expect(run.code).toBe(0)
    expect(server.requests).toHaveLength(0)
    expect(repo.snapshot()).toEqual(before)
    expect(run.summary).toContain('dry run')
  })

  describe('all or nothing: a failing document leaves every file as it was', () => {
    const faults: [string, () => ReturnType<typeof reply.text> | ReturnType<typeof reply.error>, RegExp][] = [
      ['access denied', reply.accessDenied, /AccessDenied|access/i],
      ['a reply cut off for length', () => reply.maxTokens(), /max_tokens|max-tokens/],
      ['an empty reply', reply.empty, /no text/i],
      [
        'a bare Claude 4 id',
        () =>
          reply.validation(
            'Invocation of model ID anthropic.claude-sonnet-4 with on-demand throughput isn’t supported.'
          ),
        /us\.|inference profile/
      ]
    ]
    it.each(faults)('%s', async (_name, fault, message) => {
      repo.write({ 'sources/changelog.md': 'changed\n' })
      const before = repo.snapshot()
      // the first document renders, the second fails (whole-document replies: update-styles.test.ts has edit mode's faults)
      server.enqueue(reply.text('# Release notes\n'), fault())
      const run = await generate({ concurrency: '1', 'update-style': 'rewrite' })
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(message)
      expect(run.stdout).toContain('docs/faq.md')
      expect(repo.snapshot()).toEqual(before)
    })
  })

  it('fails before any call when credentials are missing, naming both ways to provide them', async () => {
    repo.write({ 'sources/api.md': 'changed\n' })
    const before = repo.snapshot()
    const run = await runAction('generate', {
      workspace: repo.root,
      inputs: { engine: 'native', push: 'false' },
      env: {
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: server.url,
        AWS_REGION: 'us-east-1',
        AWS_EC2_METADATA_DISABLED: 'true',
        HOME: join(repo.root, '..', 'no-home')
      }
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/configure-aws-credentials/)
    expect(run.stdout).toMatch(/AWS_ACCESS_KEY_ID/)
    expect(server.requests).toHaveLength(0)
    expect(repo.snapshot()).toEqual(before)
  })

  it('a second run after committing the result makes no call', async () => {
    repo.write({ 'sources/changelog.md': 'changed\n' })
    repo.commit('changelog')
    expect((await generate()).code).toBe(0)
    const calls = server.requests.length
    repo.commit('regenerated')
    const again = await generate()
    expect(again.code).toBe(0)
    expect(server.requests).toHaveLength(calls)
    expect(again.outputs.is_stale).toBe('false')
  })
})
