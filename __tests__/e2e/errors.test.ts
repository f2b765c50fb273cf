// Issue 10 §8: no raw Node or git error reaches the user. Each bad working
// folder or unreadable file goes through every bundle (validate, generate,
// main, the CLI); each message names the place and says what to do; no model
// is asked and no file changes.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { BUNDLE_NODE, PROJECT_ROOT, runAction } from '../support/action-runner.js'
import { BedrockServer, bedrockTestEnv } from '../support/bedrock-server.js'
import { exampleRepo } from '../support/example-repo.js'
import type { TestRepo } from '../support/repo.js'
import { scratchDir } from '../support/scratch.js'

/** Node's error codes, spawn failures and the engine's stack overflow, as they must never be shown. */
const RAW = /\bE[A-Z]{3,}\b|spawn |stack size/

interface Case {
  name: string
  /** prepares the repository; returns the working-directory input, extra env and the expected message */
  setup: (
    repo: TestRepo,
    scratch: string
  ) => { dir?: string; env?: Record<string, string>; message: RegExp; hint: RegExp; cliHint?: RegExp; file?: string }
}

const nested = (n: number): string => '['.repeat(n) + ']'.repeat(n)

const CASES: Case[] = [
  {
    name: 'a working-directory that does not exist',
    setup: () => ({
      dir: 'nope',
      message: /the working directory \S+\/nope does not exist/,
      hint: /set the `working-directory` input/,
      cliHint: /set -C to a folder of the repository; run it inside a git clone/
    })
  },
  {
    name: 'a working-directory that is a file',
    setup: (repo) => {
      repo.write({ afile: 'x\n' })
      return {
        dir: 'afile',
        message: /\S+\/afile is a file, not a folder/,
        hint: /working-directory/,
        cliHint: /set -C /
      }
    }
  },
  {
    name: 'a folder outside any git repository',
    setup: (repo, scratch) => {
      const plain = join(scratch, 'plain')
      mkdirSync(plain)
      return {
        dir: plain,
        message: /\S+\/plain is not inside a git repository/,
        hint: /actions\/checkout/,
        cliHint: /run it inside a git clone/
      }
    }
  },
  {
    name: 'a bare repository',
    setup: (repo, scratch) => {
      const bare = join(scratch, 'bare.git')
      repo.git('init', '-q', '--bare', bare)
      return {
        dir: bare,
        message: /bare\.git is a bare repository/,
        hint: /check the repository out first \(actions\/checkout\)/,
        cliHint: /run it inside a git clone/
      }
    }
  },
  {
    name: 'git missing from PATH',
    setup: (repo, scratch) => {
      const empty = join(scratch, 'bin')
      mkdirSync(empty)
      return { env: { PATH: empty }, message: /git is not installed or not on PATH/, hint: /install git/ }
    }
  },
  {
    name: 'dvc.yaml that is a folder',
    setup: (repo) => {
      repo.remove('dvc.yaml').write({ 'dvc.yaml/stages.yaml': 'x\n' })
      repo.commit('folder')
      return { message: /dvc\.yaml is a folder, not a file/, hint: /make dvc\.yaml a plain file/ }
    }
  },
  {
    name: 'dvc.lock that is a folder',
    setup: (repo) => {
      repo.remove('dvc.lock').write({ 'dvc.lock/x': 'x\n' })
      repo.commit('folder')
      return { message: /dvc\.lock is a folder, not a file/, hint: /make dvc\.lock a plain file/ }
    }
  },
  {
    name: 'an output that is a folder',
    setup: (repo) => {
      repo.remove('docs/faq.md').write({ 'docs/faq.md/x.md': 'x\n' })
      repo.commit('folder')
      return {
        message: /output docs\/faq\.md: docs\/faq\.md is a folder, not a file/,
        hint: /remove or rename the folder docs\/faq\.md/
      }
    }
  },
  {
    name: 'an output under a file',
    setup: (repo) => {
      repo.write({
        'docs/faq.prompt.md': repo.read('docs/faq.prompt.md').replace('---\n', '---\nout: docs/overview.md/faq.md\n')
      })
      repo.commit('under a file')
      return {
        message:
          /output docs\/overview\.md\/faq\.md: docs\/overview\.md\/faq\.md cannot exist: docs\/overview\.md is a file/,
        hint: /not lie under the file docs\/overview\.md/,
        file: 'docs/faq.prompt.md'
      }
    }
  },
  {
    name: 'a dep under a file',
    setup: (repo) => {
      repo.write({
        'docs/faq.prompt.md': repo.read('docs/faq.prompt.md').replace('docs/overview.md', 'docs/overview.md/part.md')
      })
      repo.commit('under a file')
      return {
        message: /docs\/overview\.md\/part\.md cannot exist: docs\/overview\.md is a file, not a folder/,
        hint: /fix the dep's path: docs\/overview\.md is a file/,
        file: 'docs/faq.prompt.md'
      }
    }
  },
  {
    name: 'deeply nested frontmatter',
    setup: (repo) => {
      repo.write({ 'docs/overview.prompt.md': `---\ndeps:\n  - sources/api.md\nx: ${nested(5000)}\n---\nWrite it.\n` })
      repo.commit('deep')
      return {
        message: /the frontmatter nests lists or mappings too deeply to read \(line 4/,
        hint: /remove the nesting/,
        file: 'docs/overview.prompt.md'
      }
    }
  },
  {
    name: 'deeply nested dvc.yaml',
    setup: (repo) => {
      repo.write({ 'dvc.yaml': repo.read('dvc.yaml') + `x: ${nested(5000)}\n` })
      repo.commit('deep')
      return {
        message: /dvc\.yaml nests lists or mappings too deeply to read/,
        hint: /remove the nesting/,
        file: 'dvc.yaml'
      }
    }
  },
  {
    name: 'deeply nested dvc.lock',
    setup: (repo) => {
      repo.write({ 'dvc.lock': repo.read('dvc.lock') + `x: ${nested(5000)}\n` })
      repo.commit('deep')
      return {
        message: /dvc\.lock nests lists or mappings too deeply to read/,
        hint: /remove the nesting/,
        file: 'dvc.lock'
      }
    }
  }
]

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      BUNDLE_NODE,
      [join(PROJECT_ROOT, 'dist/cli/index.js'), ...args],
      { env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr })
    )
  })
}

describe('errors name the place and say what to do (issue 10 §8)', () => {
  let repo: TestRepo
  let scratch: string
  let server: BedrockServer
  beforeAll(async () => {
    server = await new BedrockServer().start()
  })
  afterAll(() => server.close())
  beforeEach(() => {
    repo = exampleRepo()
    scratch = scratchDir('graft-errors')
  })
  afterEach(() => {
    repo.cleanup()
    rmSync(scratch, { recursive: true, force: true })
  })

  describe.each(CASES)('$name', ({ setup }) => {
    it.each(['validate', 'generate', 'main'])('through dist/%s', async (entry) => {
      const { dir, env, message, hint, file } = setup(repo, scratch)
      const before = repo.snapshot()
      const run = await runAction(entry, {
        workspace: repo.root,
        inputs: { engine: 'native', push: 'false', ...(dir ? { 'working-directory': dir } : {}) },
        env: { ...bedrockTestEnv(server.url), ...env },
        event: { name: 'workflow_dispatch', payload: {} }
      })
      expect(run.code).toBe(1)
      const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'))
      expect(errors.join('\n')).toMatch(message)
      expect(errors.join('\n')).toMatch(hint)
      if (file) expect(errors.join('\n')).toContain(`file=${file},line=`)
      for (const line of (run.stdout + run.stderr).split('\n')) expect(line).not.toMatch(RAW)
      expect(server.requests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
    })

    it.each(['validate', 'generate'])('through the CLI (%s)', async (command) => {
      const { dir, env, message, hint, cliHint } = setup(repo, scratch)
      const before = repo.snapshot()
      const root = dir ? (dir.startsWith('/') ? dir : join(repo.root, dir)) : repo.root
      const run = await cli([command, '--engine', 'native', '-C', root], { ...bedrockTestEnv(server.url), ...env })
      expect(run.code).not.toBe(0)
      expect(run.out).toMatch(message)
      expect(run.out).toMatch(cliHint ?? hint)
      // the CLI speaks of its options and of git, never of the action's inputs or checkout step
      expect(run.out).not.toMatch(/working-directory|actions\/checkout|the `[a-z-]+` input/)
      for (const line of run.out.split('\n')) expect(line).not.toMatch(RAW)
      expect(server.requests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
    })
  })

  describe('cycles and models are pinned where they are written', () => {
    const errorsOf = (stdout: string): string[] => stdout.split('\n').filter((l) => l.startsWith('::error'))

    it('a cycle is pinned on each prompt in the ring, at the dep that closes it, not on dvc.yaml', async () => {
      // overview now reads index, which reads getting-started and faq, which read overview
      repo.write({
        'docs/overview.prompt.md': repo
          .read('docs/overview.prompt.md')
          .replace('  - sources/api.md\n', '  - docs/index.md\n')
      })
      repo.commit('loop')
      const before = repo.snapshot()
      for (const entry of ['validate', 'generate']) {
        const run = await runAction(entry, {
          workspace: repo.root,
          inputs: { engine: 'native', push: 'false' },
          env: bedrockTestEnv(server.url)
        })
        expect(run.code).toBe(1)
        const cycle = errorsOf(run.stdout).filter((l) => l.includes('the pipeline has a cycle'))
        expect(cycle.length).toBeGreaterThanOrEqual(3)
        for (const line of cycle)
          expect(line).toMatch(/^::error title=graft-action,file=docs\/[a-z-]+\.prompt\.md,line=\d+::/)
        expect(cycle).toContainEqual(
          expect.stringMatching(
            /file=docs\/overview\.prompt\.md,line=4::.*the dep docs\/index\.md \(written by index\) closes it here/
          )
        )
        expect(cycle).toContainEqual(expect.stringMatching(/file=docs\/index\.prompt\.md,line=[34]::.*closes it here/))
        expect(run.stdout).not.toMatch(/file=dvc\.yaml/)
      }
      const cli1 = await cli(['validate', '--engine', 'native', '-C', repo.root], {})
      expect(cli1.out).toMatch(/docs\/overview\.prompt\.md:4: the pipeline has a cycle/)
      expect(server.requests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
    })

    it("a typo in a prompt's `model:` fails validate (the pull-request check) at its line", async () => {
      repo.write({
        'docs/faq.prompt.md': repo.read('docs/faq.prompt.md').replace('---\n', '---\nmodel: bc-v4.5-usa\n')
      })
      repo.commit('typo')
      const before = repo.snapshot()
      const run = await runAction('validate', {
        workspace: repo.root,
        inputs: { engine: 'native' },
        event: { name: 'pull_request', payload: {} }
      })
      expect(run.code).toBe(1)
      expect(errorsOf(run.stdout)).toContainEqual(
        expect.stringMatching(
          /^::error title=graft-action,file=docs\/faq\.prompt\.md,line=2::.*unknown model "bc-v4\.5-usa"/
        )
      )
      const cliRun = await cli(['validate', '--engine', 'native', '-C', repo.root], {})
      expect(cliRun.code).toBe(1)
      expect(cliRun.out).toMatch(/docs\/faq\.prompt\.md:2: unknown model "bc-v4\.5-usa"/)
      expect(repo.snapshot()).toEqual(before)
    })

    it('an unknown `model` input is an input error, not blamed on a prompt that names no model', async () => {
      repo.write({ 'sources/api.md': repo.read('sources/api.md') + '- cancel\n' })
      repo.commit('api')
      const before = repo.snapshot()
      for (const entry of ['generate', 'main']) {
        const run = await runAction(entry, {
          workspace: repo.root,
          inputs: { engine: 'native', push: 'false', model: 'sonnet' },
          env: bedrockTestEnv(server.url)
        })
        expect(run.code).toBe(1)
        const errors = errorsOf(run.stdout)
        expect(errors).toContainEqual(
          expect.stringMatching(/^::error title=graft-action::input model: unknown model "sonnet"/)
        )
        expect(errors.join('\n')).not.toMatch(/prompt\.md/)
      }
      const cliRun = await cli(
        ['generate', '--model', 'sonnet', '--engine', 'native', '-C', repo.root],
        bedrockTestEnv(server.url)
      )
      expect(cliRun.code).toBe(2) // a usage error
      expect(cliRun.out).toMatch(/--model: unknown model "sonnet"/)
      expect(cliRun.out).not.toMatch(/prompt\.md/)
      expect(server.requests).toHaveLength(0)
      expect(repo.snapshot()).toEqual(before)
    })
  })

  it('annotations name files from the repository root when working-directory is a subfolder', async () => {
    const site = exampleRepo()
    try {
      site.git('mv', 'docs', 'tmp-docs')
      // the example, moved one level down into site/
      for (const name of ['tmp-docs', 'sources', 'dvc.yaml', 'dvc.lock']) {
        mkdirSync(site.path('site'), { recursive: true })
        site.git('mv', name, `site/${name === 'tmp-docs' ? 'docs' : name}`)
      }
      site.write({ 'site/docs/bad.prompt.md': '---\ndeps: [\n---\nWrite it.\n' })
      site.commit('site/')
      const before = site.snapshot()
      const run = await runAction('validate', {
        workspace: site.root,
        inputs: { engine: 'native', 'working-directory': 'site' }
      })
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(/::error title=graft-action,file=site\/docs\/bad\.prompt\.md,line=\d+::/)
      expect(site.snapshot()).toEqual(before)
    } finally {
      site.cleanup()
    }
  })

  it('warns when working-directory lies outside the workspace', async () => {
    const outside = exampleRepo()
    try {
      const run = await runAction('validate', {
        workspace: repo.root,
        inputs: { engine: 'native', 'working-directory': outside.root }
      })
      expect(run.code).toBe(0)
      expect(run.stdout).toContain(`::warning::working-directory ${outside.root} is outside the workspace ${repo.root}`)
    } finally {
      outside.cleanup()
    }
  })
})
