// validate end to end: the bundled dist/validate/index.js, run as a runner
// would, on real git repositories, with both engines.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { runAction } from '../support/action-runner.js'
import { exampleRepo, inDependencyOrder } from '../support/example-repo.js'
import type { TestRepo } from '../support/repo.js'
import { visibleText } from '../support/gfm-judge.js'

describe('dist/validate', () => {
  let repo: TestRepo
  beforeEach(() => {
    repo = exampleRepo()
  })
  afterEach(() => repo.cleanup())

  it.each(['native', 'dvc'])('reports an up-to-date repository as clean (engine %s)', async (engine) => {
    const run = await runAction('validate', { workspace: repo.root, inputs: { engine } })
    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ is_stale: 'false', stale_files: '[]', stale_stages: '[]' })
    expect(run.summary).toContain('all 6 document(s) up to date')
    expect(repo.git('status', '--porcelain')).toBe('')
  })

  it.each(['native', 'dvc'])(
    'names a changed source and everything downstream, in order (engine %s)',
    async (engine) => {
      repo.write({ 'sources/api.md': repo.read('sources/api.md') + '- `queue.cancel(id)`\n' })
      repo.commit('api: cancel')
      const run = await runAction('validate', { workspace: repo.root, inputs: { engine } })
      expect(run.code).toBe(0)
      expect(run.outputs.is_stale).toBe('true')
      const files: string[] = JSON.parse(run.outputs.stale_files)
      expect([...files].sort()).toEqual(
        ['docs/api-reference.md', 'docs/faq.md', 'docs/getting-started.md', 'docs/index.md', 'docs/overview.md'].sort()
      )
      expect(inDependencyOrder(files)).toBe(true)
      expect(JSON.parse(run.outputs.stale_stages)).toHaveLength(5)
      expect(visibleText(run.summary)).toContain('dep sources/api.md modified')
      expect(run.summary).toContain('upstream overview is stale')
      // the dvc engine's scratch .dvc/ is gone again
      expect(repo.git('status', '--porcelain', '--ignored')).toBe('')
    }
  )

  it('fails the step after reporting when fail-on-stale is set', async () => {
    repo.write({ 'sources/changelog.md': '# Changelog\n\n## 2.4.0\n- faster\n' })
    const run = await runAction('validate', {
      workspace: repo.root,
      inputs: { engine: 'native', 'fail-on-stale': 'true' }
    })
    expect(run.code).toBe(1)
    expect(run.outputs.is_stale).toBe('true')
    expect(JSON.parse(run.outputs.stale_files)).toEqual(['docs/release-notes.md', 'docs/faq.md', 'docs/index.md'])
    expect(run.stdout).toContain('::error::3 generated document(s) are stale')
  })

  it('limits the report to targets, given as output paths or stage names (downstream: report), and names what is stale outside them', async () => {
    repo.write({ 'sources/api.md': 'changed\n' })
    const run = await runAction('validate', {
      workspace: repo.root,
      inputs: { engine: 'native', targets: '["docs/index.md", "overview"]', downstream: 'report' }
    })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.outputs.stale_files)).toEqual(['docs/overview.md', 'docs/index.md'])
    expect(JSON.parse(run.outputs.left_stale)).toEqual([
      'docs/api-reference.md',
      'docs/getting-started.md',
      'docs/faq.md'
    ])
    expect(run.stdout).toContain(
      '3 document(s) outside the targets are stale: docs/api-reference.md (stale before the run, outside the targets: '
    )
    expect(run.summary).toContain('3 document(s) left stale outside the targets')
  })

  it('downstream: include (the default) takes what reads a target into the scope', async () => {
    repo.write({ 'sources/api.md': 'changed\n' })
    const run = await runAction('validate', { workspace: repo.root, inputs: { engine: 'native', targets: 'overview' } })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.outputs.stale_files)).toEqual([
      'docs/overview.md',
      'docs/getting-started.md',
      'docs/faq.md',
      'docs/index.md'
    ])
    expect(JSON.parse(run.outputs.left_stale)).toEqual(['docs/api-reference.md'])
  })

  it('reports a hand-edited generated document as such', async () => {
    repo.write({ 'docs/faq.md': '# FAQ\n\nWritten by hand.\n' })
    const run = await runAction('validate', { workspace: repo.root, inputs: { engine: 'native' } })
    expect(JSON.parse(run.outputs.stale_files)).toEqual(['docs/faq.md', 'docs/index.md'])
    expect(visibleText(run.summary)).toContain('docs/faq.md edited by hand')
    expect(run.summary).toContain('no valid Graft header')
  })

  it('reports a prompt missing from dvc.yaml as out of sync', async () => {
    repo.write({ 'docs/glossary.prompt.md': '---\ndeps:\n  - sources/api.md\n---\nWrite a glossary.\n' })
    const run = await runAction('validate', { workspace: repo.root, inputs: { engine: 'native' } })
    expect(JSON.parse(run.outputs.stale_files)).toEqual(['docs/glossary.md'])
    expect(visibleText(run.summary)).toContain('dvc.yaml out of sync')
  })

  describe('bad input: a clear error, an annotation, nothing changed', () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      [
        'frontmatter that is not YAML',
        { 'docs/faq.prompt.md': '---\ndeps: [a\n---\nbody\n' },
        /::error title=graft-action,file=docs\/faq\.prompt\.md,line=\d+/
      ],
      [
        'deps not a list',
        { 'docs/faq.prompt.md': '---\ndeps: docs/overview.md\n---\nbody\n' },
        /::error title=graft-action,file=docs\/faq\.prompt\.md,line=2/
      ],
      [
        'a dep that does not exist',
        { 'docs/faq.prompt.md': '---\ndeps:\n  - docs/missing.md\n---\nbody\n' },
        /docs\/missing\.md.*required by docs\/faq\.prompt\.md/
      ],
      ['a glob in deps', { 'docs/faq.prompt.md': '---\ndeps:\n  - sources/*.md\n---\nbody\n' }, /glob/i],
      [
        'an output under .github/',
        { 'docs/faq.prompt.md': '---\nout: .github/workflows/x.md\n---\nbody\n' },
        /\.github/
      ],
      [
        'an output outside the repository',
        { 'docs/faq.prompt.md': '---\nout: ../outside.md\n---\nbody\n' },
        /leaves the repository/
      ],
      ['dvc.yaml that is not YAML', { 'dvc.yaml': 'stages:\n  a: [\n' }, /::error title=graft-action,file=dvc\.yaml/],
      [
        'dvc.lock that is not YAML',
        { 'dvc.lock': 'schema: "2.0"\nstages: {\n' },
        /::error title=graft-action,file=dvc\.lock/
      ]
    ]
    it.each(cases)('%s', async (_name, files, expected) => {
      repo.write(files)
      const before = repo.snapshot()
      const run = await runAction('validate', { workspace: repo.root, inputs: { engine: 'native' } })
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(expected)
      expect(run.stdout).toContain('What to do')
      expect(repo.snapshot()).toEqual(before)
    })

    it('a cycle, naming the stages', async () => {
      repo.write({ 'docs/overview.prompt.md': '---\ndeps:\n  - docs/index.md\n---\nloop\n' })
      const before = repo.snapshot()
      const run = await runAction('validate', { workspace: repo.root, inputs: { engine: 'native' } })
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(/cycle/i)
      expect(run.stdout).toMatch(/overview/)
      expect(run.stdout).toMatch(/index/)
      expect(repo.snapshot()).toEqual(before)
    })

    it('two prompts with one stage name', async () => {
      repo.write({ 'other/faq.prompt.md': 'Another FAQ.\n' })
      const run = await runAction('validate', { workspace: repo.root, inputs: { engine: 'native' } })
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(/docs\/faq\.prompt\.md/)
      expect(run.stdout).toMatch(/other\/faq\.prompt\.md/)
    })

    it('a target that names no stage', async () => {
      const run = await runAction('validate', {
        workspace: repo.root,
        inputs: { engine: 'native', targets: 'docs/nope.md' }
      })
      expect(run.code).toBe(1)
      expect(run.stdout).toContain('target "docs/nope.md" names no stage and no output')
    })

    it('an engine that does not exist', async () => {
      const run = await runAction('validate', { workspace: repo.root, inputs: { engine: 'fast' } })
      expect(run.code).toBe(1)
      expect(run.stdout).toContain('input engine is "fast"')
    })
  })
})
