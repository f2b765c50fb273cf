// DVC's own stage semantics, end to end (issue 10 §10): the bundles run as a
// runner runs them, the real AWS SDK against the loopback Bedrock server, and
// the real `dvc status` as the judge of what generate leaves behind.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { runAction, type ActionRun } from '../support/action-runner.js'
import { BedrockServer, bedrockTestEnv } from '../support/bedrock-server.js'
import { exampleRepo } from '../support/example-repo.js'
import type { TestRepo } from '../support/repo.js'
import { realStatus } from '../support/real-dvc.js'

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

    it.each(['native', 'auto'])('generate (engine %s) writes the lock entry DVC would: dvc status prints {} afterwards', async (engine) => {
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
    }, 240_000)

    it('validate (native) calls the folder changed only when a file DVC counts changes', async () => {
      await run('generate', { engine: 'native', targets: 'docs/tour.md' })
      repo.write({ 'sources/api.md': repo.read('sources/api.md') + '- `queue.drain()`\n' })
      const validated = await run('validate', { engine: 'native', targets: 'docs/tour.md' })
      expect(validated.outputs.is_stale).toBe('true')
      expect(validated.summary).toContain('dep sources modified')
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
      expect(validated.stdout).toMatch(/::error title=graft-action,file=\.dvcignore,line=3::output docs\/faq\.md of stage faq is ignored by \.dvcignore:3/)
      expect(validated.stdout).toContain('remove or narrow the rule')
      expect(server.requests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
    })
  })
})
