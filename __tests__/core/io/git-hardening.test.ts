// The git runner on a repository whose configuration runs programs from the
// work tree (issue 19 §3): every command the action makes — listing, show,
// the source diff, commit, checkout, fetch, rebase (clean and conflicting),
// push — runs none of them, and git's own environment holds no secret; the
// token reaches only the commands that talk to the remote, over HTTP.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile, execFileSync } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { promisify } from 'node:util'
import { copyFileSync, mkdirSync, mkdtempSync, utimesSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Git } from '../../../src/core/io/git.js'
import { programEnv } from '../../../src/core/io/env.js'
import { GraftError } from '../../../src/core/errors.js'
import { silentLog } from '../../../src/core/log.js'
import { sourceDiff } from '../../../src/core/pack/source-diff.js'
import { commitFiles } from '../../../src/core/publish/commit.js'
import { gitWithAuth } from '../../../src/core/io/remote-auth.js'
import { pushWithRebase, remoteTip } from '../../../src/core/publish/push.js'
import { GitHttpServer } from '../../support/git-http-server.js'
import { armHostileGitConfig, ranPrograms, writeScript } from '../../support/hostile-git.js'
import { GIT_ENV, TestRepo } from '../../support/repo.js'
import { scratchDir } from '../../support/scratch.js'

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

describe('programs git looks up on PATH', () => {
  let repo: TestRepo
  let markers: string
  let path: string | undefined

  beforeEach(() => {
    repo = TestRepo.create({ 'docs/a.md': 'a\n' })
    markers = mkdtempSync(join(tmpdir(), 'graft-markers-'))
    // a pull request's `ssh` in a folder that a relative PATH entry names (`node_modules/.bin`, `.`)
    repo.write({ 'tools/ssh': `#!/bin/sh\necho "$*" >> '${markers}/ssh-ran'\nexit 1\n` })
    execFileSync('chmod', ['+x', repo.path('tools/ssh')])
    repo.commit('tools')
    repo.git('remote', 'add', 'origin', 'ssh://git@example.invalid/acme/docs.git')
    path = process.env.PATH
    process.env.PATH = ['tools', '', path].join(':')
  })
  afterEach(() => {
    process.env.PATH = path
    for (const dir of [repo.root, markers]) rmSync(dir, { recursive: true, force: true })
  })

  it("never runs the work tree's program through a relative PATH entry (an SSH remote's ssh)", async () => {
    const r = await new Git(repo.root).tryExec(['ls-remote', 'origin'])
    expect(r.code).not.toBe(0)
    expect(readdirSync(markers)).toEqual([])
  })

  it('search paths keep their absolute entries only; the runner tracking id stays', () => {
    const source = {
      PATH: `tools::/usr/bin:.:${join(tmpdir(), 'bin')}`,
      LD_LIBRARY_PATH: ':/opt/lib:lib',
      RUNNER_TRACKING_ID: 'github_0a1b2c'
    }
    expect(programEnv('git', {}, source).PATH).toBe(`/usr/bin:${join(tmpdir(), 'bin')}`)
    expect(programEnv('dvc', {}, source)).toMatchObject({
      LD_LIBRARY_PATH: '/opt/lib',
      RUNNER_TRACKING_ID: 'github_0a1b2c'
    })
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

    it('with the token server given, still pushes to origin on that server', async () => {
      const git = new Git(repo.root).withLazyFetchToken(undefined, host.url)
      expect(await remoteTip(git, 'main', TOKEN)).toMatch(/^[0-9a-f]{40}$/)
    })

    it("with actions/checkout's persisted credentials in a file outside the work tree (includeIf gitdir): only the action's token is sent", async () => {
      // checkout (runner 2.329+) keeps its header in a file under RUNNER_TEMP, included for this repository
      const temp = mkdtempSync(join(tmpdir(), 'graft-runner-temp-'))
      try {
        const stale = Buffer.from('x-access-token:ghs_ExpiredCheckoutToken').toString('base64')
        const credentials = join(temp, 'git-credentials-0a1b.config')
        execFileSync('git', [
          'config',
          '--file',
          credentials,
          `http.${host.url}.extraheader`,
          `AUTHORIZATION: basic ${stale}`
        ])
        repo.git('config', `includeIf.gitdir:${repo.path('.git')}/.path`, credentials)
        const before = host.requests.length
        const git = new Git(repo.root).withLazyFetchToken(undefined, host.url)
        expect(await remoteTip(git, 'main', TOKEN)).toMatch(/^[0-9a-f]{40}$/)
        const sent = host.requests.slice(before)
        expect(sent.length).toBeGreaterThan(0)
        for (const r of sent) expect(r.authorization).toEqual([`basic ${BASE64}`])
      } finally {
        rmSync(temp, { recursive: true, force: true })
      }
    })

    describe('where git would take the token elsewhere', () => {
      let listener: Server
      let elsewhere: string
      /** what reached the other server (or proxy): its Authorization headers and request targets */
      let seen: string[]

      beforeEach(async () => {
        seen = []
        listener = createServer((req, res) => {
          seen.push(...(req.headersDistinct.authorization ?? []), req.url ?? '')
          res.writeHead(401, { 'www-authenticate': 'Basic realm="elsewhere"' }).end()
        })
        await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve))
        elsewhere = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/`
      })
      afterEach(() => new Promise<void>((resolve) => listener.close(() => resolve())))

      const refused = async (promise: Promise<unknown>): Promise<string> => {
        const error = await promise.then(
          () => undefined,
          (e: unknown) => e
        )
        expect(error).toBeInstanceOf(GraftError)
        return (error as GraftError).message
      }

      it('url.<base>.insteadOf sending origin to another host: refused, naming it; the other host never sees the token', async () => {
        repo.git('config', `url.${elsewhere}.insteadOf`, host.url)
        const message = await refused(remoteTip(new Git(repo.root), 'main', TOKEN))
        expect(message).toMatch(
          /does not give its token to git for origin: .*sends origin \(http:\/\/127\.0\.0\.1:\d+\) to http:\/\/127\.0\.0\.1:\d+ \(url\.<base>\.insteadOf/
        )
        expect(seen.join('\n')).not.toContain(BASE64)
      })

      it('an ssh origin that insteadOf rewrites to HTTP(S): refused, the token never sent', async () => {
        repo.git('remote', 'set-url', 'origin', 'git@example.invalid:acme/docs.git')
        repo.git('config', `url.${elsewhere}.insteadOf`, 'git@example.invalid:')
        const message = await refused(gitWithAuth(new Git(repo.root), 'origin', TOKEN, ['ls-remote', 'origin']))
        expect(message).toMatch(/origin is not reached over HTTP\(S\) by its configured URL/)
        expect(seen).toEqual([])
      })

      it('a pushurl on another host: refused before the push', async () => {
        repo.git('remote', 'set-url', '--push', 'origin', `${elsewhere}docs.git`)
        const message = await refused(gitWithAuth(new Git(repo.root), 'origin', TOKEN, ['push', 'origin', 'HEAD:main']))
        expect(message).toMatch(/sends origin .* to http:\/\/127\.0\.0\.1:\d+ \(url\.<base>\.insteadOf or a pushurl\)/)
        expect(seen).toEqual([])
      })

      it('origin on another server than the one the token belongs to: refused, naming both', async () => {
        const git = new Git(repo.root).withLazyFetchToken(undefined, 'https://github.com')
        const before = host.requests.length
        const message = await refused(remoteTip(git, 'main', TOKEN))
        expect(message).toMatch(
          /origin is at http:\/\/127\.0\.0\.1:\d+, not on the server the workflow runs on \(https:\/\/github\.com\)/
        )
        expect(host.requests).toHaveLength(before)
      })

      it('a configuration file of the work tree (include.path) setting a proxy: the token is not given to git', async () => {
        repo.write({ 'team.gitconfig': `[http]\n\tproxy = ${elsewhere}\n` })
        repo.git('config', 'include.path', '../team.gitconfig')
        const before = host.requests.length
        const message = await refused(remoteTip(new Git(repo.root), 'main', TOKEN))
        expect(message).toMatch(
          /git reads configuration from team\.gitconfig, a file of the work tree that a pull request can change/
        )
        expect(seen).toEqual([])
        expect(host.requests).toHaveLength(before)
      })

      it('a global configuration an earlier step pointed into the work tree (GIT_CONFIG_GLOBAL): the token is not given to git', async () => {
        repo.write({ 'ci.gitconfig': `[http]\n\tproxy = ${elsewhere}\n` })
        const global = process.env.GIT_CONFIG_GLOBAL
        process.env.GIT_CONFIG_GLOBAL = repo.path('ci.gitconfig')
        try {
          const message = await refused(remoteTip(new Git(repo.root), 'main', TOKEN))
          expect(message).toMatch(/git reads configuration from ci\.gitconfig, a file of the work tree/)
          expect(seen).toEqual([])
        } finally {
          if (global === undefined) delete process.env.GIT_CONFIG_GLOBAL
          else process.env.GIT_CONFIG_GLOBAL = global
        }
      })

      it('a credential helper from a configuration file of the work tree never runs, with or without the token', async () => {
        const markers = mkdtempSync(join(tmpdir(), 'graft-markers-'))
        try {
          writeScript(join(markers, 'helper'), `#!/bin/sh\necho ran >> '${markers}/ran'\n`)
          repo.write({ 'team.gitconfig': `[credential]\n\thelper = ${join(markers, 'helper')}\n` })
          repo.git('config', 'include.path', '../team.gitconfig')
          const r = await new Git(repo.root).tryExec(['ls-remote', 'origin'])
          expect(r.code).not.toBe(0) // the host wants credentials, and none is given
          expect(readdirSync(markers)).toEqual(['helper'])
        } finally {
          rmSync(markers, { recursive: true, force: true })
        }
      })
    })
  })
})

// A submodule has a configuration of its own (.git/modules/<name>/config),
// which the parent's overrides do not name: its diff drivers, filters, hooks.
// git's own `--submodule=diff` starts a git in the submodule that would run
// them; the source diff runs the submodule's diff itself, through the runner
// (Git.below), which reads that configuration for its overrides.
describe('a submodule whose own configuration runs programs', () => {
  let repo: TestRepo
  let lib: TestRepo
  let markers: string
  let tools: string
  let base: string
  let restore: () => void

  /** A program (outside the work tree) that records its run under `markers` as `name`, then behaves as `then`. */
  function recorderScript(name: string, then: string): string {
    const path = join(tools, name)
    writeScript(
      path,
      ['#!/bin/sh', `echo "$0 $*" >> '${markers}/${name}'`, `env > '${markers}/${name}.env'`, then, ''].join('\n')
    )
    return path
  }

  beforeEach(() => {
    markers = scratchDir('graft-sub-markers')
    tools = scratchDir('graft-sub-tools')
    lib = TestRepo.create(
      { 'queue.py': 'def drain(queue):\n    pass\n', '.gitattributes': '* diff=evil filter=evil\n' },
      'graft-sub-lib'
    )
    lib.commit('lib')
    repo = TestRepo.create({ 'README.md': 'r\n' }, 'graft-sub-top')
    repo.git('-c', 'protocol.file.allow=always', 'submodule', '-q', 'add', lib.root, 'vendor/lib')
    base = repo.commit('vendor the library')
    lib.write({ 'queue.py': 'def flush(queue):\n    pass\n' })
    const sha = lib.commit('rename drain to flush')
    const sub = new TestRepo(repo.path('vendor/lib'))
    sub.git('-c', 'protocol.file.allow=always', 'fetch', '-q', 'origin')
    sub.git('checkout', '-q', sha)
    repo.commit('bump the library')
    // the submodule's own configuration (not the parent's) names the programs
    const hooks = join(tools, 'hooks')
    mkdirSync(hooks)
    for (const hook of ['post-checkout', 'post-index-change', 'reference-transaction', 'pre-commit'])
      writeScript(join(hooks, hook), `#!/bin/sh\necho ran >> '${markers}/hook-${hook}'\n`)
    const settings: Array<[string, string]> = [
      ['core.hooksPath', hooks],
      ['core.fsmonitor', recorderScript('fsmonitor', 'exit 1')],
      ['diff.external', recorderScript('diff-external', 'exit 0')],
      ['diff.evil.textconv', recorderScript('textconv', 'cat "$1"')],
      ['diff.evil.command', recorderScript('diff-command', 'exit 0')],
      ['filter.evil.clean', recorderScript('filter-clean', 'cat')],
      ['filter.evil.smudge', recorderScript('filter-smudge', 'cat')],
      ['core.pager', recorderScript('pager', 'cat')]
    ]
    for (const [key, value] of settings) sub.git('config', key, value)
    restore = withSecrets()
  })
  afterEach(() => {
    restore()
    repo.cleanup()
    lib.cleanup()
  })

  it("the model sees the submodule's own file diff, and none of its programs ran", async () => {
    const diff = await sourceDiff(new Git(repo.root), ['vendor/lib'], base)
    expect(diff.changed).toBe(true)
    expect(diff.text).toMatch(/^Submodule vendor\/lib [0-9a-f]{7}\.\.[0-9a-f]{7}:$/m)
    expect(diff.text).toContain('--- a/vendor/lib/queue.py\n+++ b/vendor/lib/queue.py')
    expect(diff.text).toContain('-def drain(queue):\n+def flush(queue):')
    expect(diff.text).not.toContain('Subproject commit')
    expect(ranPrograms(markers)).toEqual([])
  })

  it('its current files (no baseline) are listed in its own checkout, and none of its programs ran', async () => {
    const diff = await sourceDiff(new Git(repo.root), ['vendor/lib'], undefined)
    expect(diff.text).toContain(
      '--- a/vendor/lib/queue.py\n+++ b/vendor/lib/queue.py\n@@ NEW FILE @@\ndef flush(queue):'
    )
    expect(ranPrograms(markers)).toEqual([])
  })

  it('git add of the submodule in the parent (git then asks the submodule with a git status of its own) runs none of its programs', async () => {
    const index = join(tools, 'index')
    const dirty = (): void => {
      copyFileSync(repo.path('.git/index'), index)
      const later = new Date(Date.now() + 5_000)
      utimesSync(repo.path('vendor/lib/queue.py'), later, later) // the submodule's status must read the file again
    }
    dirty()
    await new Git(repo.root, { GIT_INDEX_FILE: index }).exec(['add', '--all', '--', 'vendor/lib'])
    expect(ranPrograms(markers)).toEqual([])
    // the same command without the submodule's overrides: its status runs the clean filter
    dirty()
    execFileSync('git', ['add', '--all', '--', 'vendor/lib'], {
      cwd: repo.root,
      env: { ...process.env, ...GIT_ENV, GIT_INDEX_FILE: index }
    })
    expect(ranPrograms(markers).map((p) => p.name)).toContain('filter-clean')
  })

  it('(the arming is live: git’s own --submodule=diff runs the submodule’s diff driver, even with the parent’s overrides)', () => {
    execFileSync(
      'git',
      ['diff', '--no-ext-diff', '--no-textconv', '--submodule=diff', base, 'HEAD', '--', 'vendor/lib'],
      {
        cwd: repo.root,
        env: {
          ...process.env,
          ...GIT_ENV,
          GIT_CONFIG_COUNT: '1',
          GIT_CONFIG_KEY_0: 'core.hooksPath',
          GIT_CONFIG_VALUE_0: '/dev/null'
        }
      }
    )
    expect(ranPrograms(markers).map((p) => p.name)).toContain('diff-command')
  })
})
