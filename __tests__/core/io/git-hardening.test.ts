// The git runner on a repository whose configuration runs programs from the
// work tree (issue 19 §3): every command the action makes — listing, show,
// the source diff, commit, checkout, fetch, rebase (clean and conflicting),
// push — runs none of them, and git's own environment holds no secret; the
// token reaches only the commands that talk to the remote, over HTTP.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Git } from '../../../src/core/io/git.js'
import { programEnv } from '../../../src/core/io/env.js'
import { GraftError } from '../../../src/core/errors.js'
import { silentLog } from '../../../src/core/log.js'
import { sourceDiff } from '../../../src/core/pack/source-diff.js'
import { commitFiles } from '../../../src/core/publish/commit.js'
import { pushWithRebase, remoteTip } from '../../../src/core/publish/push.js'
import { GitHttpServer } from '../../support/git-http-server.js'
import { armHostileGitConfig, ranPrograms, writeScript } from '../../support/hostile-git.js'
import { GIT_ENV, TestRepo } from '../../support/repo.js'

const bot = { name: 'graft-bot[bot]', email: 'graft-bot[bot]@users.noreply.github.com' }
const TOKEN = 'ghs_HardeningTestToken0123456789'
const BASE64 = Buffer.from(`x-access-token:${TOKEN}`).toString('base64')
const SECRETS: Record<string, string> = {
  INPUT_TOKEN: TOKEN,
  GITHUB_TOKEN: TOKEN,
  AWS_ACCESS_KEY_ID: 'AKIAHARDENINGTEST0001',
  AWS_SECRET_ACCESS_KEY: 'hardening/secret/access/key/0123456789abcdef',
  AWS_SESSION_TOKEN: 'hardening-session-token-0123456789',
  ACTIONS_RUNTIME_TOKEN: 'actions-runtime-token-0123456789',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'id-token-request-0123456789',
  'INPUT_AWS-REGION': 'us-east-1'
}

/** Sets the runner's secrets in this process's environment for one test; returns the undo. */
function withSecrets(): () => void {
  const before = Object.fromEntries(Object.keys(SECRETS).map((k) => [k, process.env[k]]))
  Object.assign(process.env, SECRETS)
  return () => {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}

function otherClone(bare: string): TestRepo {
  const dir = mkdtempSync(join(tmpdir(), 'graft-other-'))
  execFileSync('git', ['clone', '-q', bare, dir], { env: { ...process.env, ...GIT_ENV } })
  return new TestRepo(dir)
}

describe('git with hooks and configured programs in the work tree', () => {
  let repo: TestRepo
  let bare: string
  let other: TestRepo
  let markers: string
  let restore: () => void
  let base: string

  beforeEach(() => {
    repo = TestRepo.create({ 'docs/a.md': 'a1\n', 'docs/b.md': 'b1\n', 'src/x.ts': 'x1\n' })
    base = repo.commit('first')
    bare = repo.addOrigin()
    other = otherClone(bare)
    markers = mkdtempSync(join(tmpdir(), 'graft-markers-'))
    armHostileGitConfig(repo, markers)
    other.git('pull', '-q', 'origin', 'main')
    restore = withSecrets()
  })
  afterEach(() => {
    restore()
    for (const dir of [repo.root, bare, other.root, markers]) rmSync(dir, { recursive: true, force: true })
  })

  it('runs no hook, filter, driver, helper or fsmonitor through a whole publish with a rebase', async () => {
    const git = new Git(repo.root)
    expect((await git.listFiles()).sort()).toContain('docs/a.md')
    expect(await git.show('HEAD', 'docs/a.md')).toBe('a1\n')
    await git.exec(['checkout', '-q', '-B', 'main'])

    repo.write({ 'src/x.ts': 'x2\n' })
    const diff = await sourceDiff(git, ['src/x.ts'], base)
    expect(diff.text).toContain('+x2')

    // someone else pushes meanwhile: the push is rejected, the bot commit is rebased and pushed again
    other.write({ 'docs/b.md': 'b2\n' })
    other.commit('other')
    other.git('push', '-q', 'origin', 'HEAD:main')
    repo.write({ 'docs/a.md': 'a2\n' })
    await commitFiles(git, { paths: ['docs/a.md'], identity: bot, message: 'docs: regenerate\n' })
    const result = await pushWithRebase(git, { branch: 'main', log: silentLog })
    expect(result.pushed).toBe(true)
    expect(await remoteTip(git, 'main')).toBe(result.sha)

    expect(ranPrograms(markers)).toEqual([])
  })

  it('runs no merge driver on a conflicting rebase: the conflict is named and nothing ran', async () => {
    const git = new Git(repo.root)
    other.write({ 'docs/a.md': 'theirs\n' })
    other.commit('other')
    other.git('push', '-q', 'origin', 'HEAD:main')
    repo.write({ 'docs/a.md': 'ours\n' })
    await commitFiles(git, { paths: ['docs/a.md'], identity: bot, message: 'docs: regenerate\n' })
    const attempt = pushWithRebase(git, { branch: 'main', log: silentLog })
    await expect(attempt).rejects.toThrow(GraftError)
    await expect(attempt).rejects.toThrow(/docs\/a\.md.*conflicts/)
    expect(ranPrograms(markers)).toEqual([])
  })
})

describe("git's environment", () => {
  let restore: () => void
  beforeEach(() => {
    restore = withSecrets()
  })
  afterEach(() => restore())

  it('holds only the allowlist: no token, no AWS keys, no INPUT_* or ACTIONS_* variable', () => {
    const env = programEnv('git', { GIT_INDEX_FILE: '/tmp/index' })
    for (const name of Object.keys(SECRETS)) expect(env[name]).toBeUndefined()
    expect(JSON.stringify(env)).not.toContain(TOKEN)
    expect(env.PATH).toBe(process.env.PATH)
    expect(env.GIT_INDEX_FILE).toBe('/tmp/index')
    expect(Object.keys(programEnv('dvc')).some((k) => /^(INPUT_|ACTIONS_|AWS_|GITHUB_TOKEN)/.test(k))).toBe(false)
  })

  describe('against a private HTTP remote', () => {
    let repo: TestRepo
    let projects: string
    let host: GitHttpServer
    let wrapper: string
    let path: string | undefined

    beforeEach(async () => {
      projects = mkdtempSync(join(tmpdir(), 'graft-projects-'))
      execFileSync('git', ['init', '-q', '--bare', '-b', 'main', join(projects, 'docs.git')])
      host = await new GitHttpServer(projects, TOKEN).start()
      repo = TestRepo.create({ 'docs/a.md': 'a1\n' })
      repo.commit('first')
      repo.git('remote', 'add', 'origin', `${host.url}docs.git`)
      // asynchronous: the loopback git host answers from this process
      await promisify(execFile)(
        'git',
        ['-c', `http.extraheader=AUTHORIZATION: basic ${BASE64}`, 'push', '-q', 'origin', 'HEAD:main'],
        {
          cwd: repo.root,
          env: { ...process.env, ...GIT_ENV }
        }
      )
      // a `git` first on PATH that records each call's arguments and environment, then runs the real one
      wrapper = mkdtempSync(join(tmpdir(), 'graft-git-wrapper-'))
      const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim()
      writeScript(
        join(wrapper, 'git'),
        `#!/bin/sh\nn=$$\necho "$*" > '${wrapper}/call-'$n.args\nenv > '${wrapper}/call-'$n.env\nexec '${real}' "$@"\n`
      )
      path = process.env.PATH
      process.env.PATH = `${wrapper}:${path}`
    })
    afterEach(async () => {
      process.env.PATH = path
      await host.close()
      for (const dir of [repo.root, projects, wrapper]) rmSync(dir, { recursive: true, force: true })
    })

    it('gives the token header only to fetch, push and ls-remote, and no secret to any git process', async () => {
      const git = new Git(repo.root)
      repo.write({ 'docs/a.md': 'a2\n' })
      await commitFiles(git, { paths: ['docs/a.md'], identity: bot, message: 'docs\n' })
      const result = await pushWithRebase(git, { branch: 'main', token: TOKEN, log: silentLog })
      expect(result.pushed).toBe(true)
      expect(await remoteTip(git, 'main', TOKEN)).toBe(result.sha)

      const calls = readdirSync(wrapper)
        .filter((f) => f.endsWith('.args'))
        .map((f) => ({
          args: readFileSync(join(wrapper, f), 'utf8').trim(),
          env: readFileSync(join(wrapper, f.replace(/\.args$/, '.env')), 'utf8')
        }))
        .filter((call) => !call.args.startsWith('http-backend')) // the loopback host's own
      expect(calls.length).toBeGreaterThan(5)
      for (const call of calls) {
        const talksToRemote = /^(push|fetch|ls-remote)\b/.test(call.args)
        if (!talksToRemote)
          expect({ args: call.args, header: call.env.includes(BASE64) }).toEqual({ args: call.args, header: false })
        for (const [name, value] of Object.entries(SECRETS)) {
          if (name === 'INPUT_TOKEN' || name === 'GITHUB_TOKEN') continue // the header's own token is checked above
          expect(call.env).not.toContain(value)
        }
        expect(call.env).not.toMatch(/^(INPUT_|ACTIONS_|AWS_)/m)
        if (!talksToRemote) expect(call.env).not.toContain(TOKEN)
        expect(call.env).toContain('GIT_CONFIG_KEY_0=core.hooksPath')
      }
      expect(calls.some((c) => c.args.startsWith('push') && c.env.includes(BASE64))).toBe(true)
    })
  })
})
