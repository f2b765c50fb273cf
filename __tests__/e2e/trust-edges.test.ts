// Trust at the edges (issue 19 §1 and §3), through the bundles as a runner
// runs them:
// - the real DVC (engine auto picks it: dvc.yaml has a `vars:` key) on hostile
//   content: a symlinked .dvc/tmp/lock, `vars:` naming a file outside the
//   workspace with a `${key}` dep, an alias bomb under a stage's meta — each
//   refused naming the file (and line), before any model request, nothing
//   outside the workspace written, no value read from outside in the log or
//   the summary;
// - git on a repository whose configuration runs programs from the work tree
//   (husky's core.hooksPath, fsmonitor, diff.external, textconv, filters,
//   merge drivers, credential helpers…): validate and generate, with a bare
//   origin, a rebase onto a moved branch and a pull request's checkout, run none
//   of them — so no hook ever sees the token or the AWS keys.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction, type ActionRun } from '../support/action-runner.js'
import { BedrockServer, bedrockTestEnv } from '../support/bedrock-server.js'
import { exampleRepo } from '../support/example-repo.js'
import { GitHubServer } from '../support/github-server.js'
import { armHostileGitConfig, ranPrograms, writeScript } from '../support/hostile-git.js'
import { GIT_ENV, type TestRepo } from '../support/repo.js'

const TOKEN = 'ghs_' + 'TrustEdgesToken0123456789abcdefABCDEF'
const AWS_SECRET = 'trust/edges/secret/access/key/0123456789'
const SECRET = 'OUTSIDE-WORKSPACE-VALUE-51c2'

const unmasked = (r: ActionRun): string =>
  (r.stdout + r.stderr)
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n')

describe('the real DVC on hostile content (engine auto, dvc.yaml with vars:)', () => {
  let repo: TestRepo
  let outside: string
  let bedrock: BedrockServer

  const run = (entry: 'validate' | 'generate'): Promise<ActionRun> =>
    runAction(entry, {
      workspace: repo.root,
      inputs: { engine: 'auto', token: TOKEN, push: 'false', comment: 'false', cache: 'false' },
      env: { ...bedrockTestEnv(bedrock.url), AWS_SECRET_ACCESS_KEY: AWS_SECRET }
    })

  let plainDvcYaml: string

  /** dvc.yaml with `vars:` (so engine auto runs DVC) naming `vars`, and optionally a stage reading `${key}`. */
  function withVars(vars: string, leak = false): void {
    const stages = leak ? 'stages:\n  leak:\n    cmd: echo leak\n    deps:\n    - ${key}\n' : 'stages:\n'
    repo.write({ 'dvc.yaml': plainDvcYaml.replace('stages:\n', `vars:\n  - ${vars}\n${stages}`) })
  }

  beforeEach(async () => {
    repo = exampleRepo()
    plainDvcYaml = repo.read('dvc.yaml')
    repo.write({ 'params.yaml': 'key: sources/api.md\n' })
    withVars('params.yaml')
    repo.commit('vars')
    outside = mkdtempSync(join(tmpdir(), 'graft-outside-'))
    writeFileSync(join(outside, 'values.yaml'), `key: ${SECRET}\n`)
    bedrock = await new BedrockServer().start()
  })
  afterEach(async () => {
    await bedrock.close()
    repo.cleanup()
    rmSync(outside, { recursive: true, force: true })
  })

  it('runs DVC on the plain repository (the engine these cases exercise)', async () => {
    const r = await run('validate')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/engine dvc: \d+ stale document/)
  })

  it('a symlinked .dvc/tmp/lock to a file outside: refused naming it, the file untouched, no model request', async () => {
    const victim = join(outside, 'victim')
    writeFileSync(victim, 'precious\n')
    const mtime = statSync(victim).mtimeMs
    mkdirSync(repo.path('.dvc/tmp'), { recursive: true })
    symlinkSync(victim, repo.path('.dvc/tmp/lock'))
    for (const entry of ['validate', 'generate'] as const) {
      const r = await run(entry)
      expect(r.code).toBe(1)
      expect(r.stdout).toMatch(
        /::error [^:]*file=\.dvc\/tmp\/lock[^:]*::refusing to run DVC: \.dvc\/tmp\/lock is a symlink/
      )
      expect(r.summary).toContain('.dvc/tmp/lock')
    }
    expect(readFileSync(victim, 'utf8')).toBe('precious\n')
    expect(statSync(victim).mtimeMs).toBe(mtime)
    expect(bedrock.requests).toHaveLength(0)
  })

  it('vars naming a file outside, read by a ${key} dep: refused at its line; the value never printed', async () => {
    withVars(join(outside, 'values.yaml'), true)
    const line =
      repo
        .read('dvc.yaml')
        .split('\n')
        .indexOf(`  - ${join(outside, 'values.yaml')}`) + 1
    for (const entry of ['validate', 'generate'] as const) {
      const r = await run(entry)
      expect(r.code).toBe(1)
      expect(r.stdout).toMatch(new RegExp(`::error [^:]*file=dvc\\.yaml,line=${line}::`))
      expect(r.stdout).toMatch(/refusing to run DVC: vars names .*values\.yaml, outside the repository/)
      expect(unmasked(r)).not.toContain(SECRET)
      expect(r.summary).not.toContain(SECRET)
    }
    expect(bedrock.requests).toHaveLength(0)
  })

  it('a .dvcignore on the way to the outputs, linked to a file outside: refused naming it; its lines never printed', async () => {
    // DVC reads the .dvcignore of every folder down to each path it checks, through a link, and quoted a line
    // that is no valid pattern (a trailing backslash) whole in its error
    writeFileSync(join(outside, 'credentials'), `aws_secret_access_key=${SECRET}\\\n`)
    symlinkSync(join(outside, 'credentials'), repo.path('docs/.dvcignore'))
    for (const entry of ['validate', 'generate'] as const) {
      const r = await run(entry)
      expect(r.code).toBe(1)
      expect(r.stdout).toMatch(
        /::error [^:]*file=docs\/\.dvcignore[^:]*::refusing to run DVC: docs\/\.dvcignore is a symlink/
      )
      expect(unmasked(r)).not.toContain(SECRET)
      expect(r.summary).not.toContain(SECRET)
    }
    expect(bedrock.requests).toHaveLength(0)
  })

  it('an alias bomb under a stage meta: refused fast at its line, DVC never started', async () => {
    const bomb = ['      a: &a [x, x, x, x, x, x, x, x, x]']
    for (const [c, p] of ['ba', 'cb', 'dc', 'ed', 'fe', 'gf', 'hg', 'ih'])
      bomb.push(`      ${c}: &${c} [${Array(9).fill(`*${p}`).join(', ')}]`)
    repo.write({
      'dvc.yaml': repo.read('dvc.yaml').replace('    deps:\n', `    meta:\n${bomb.join('\n')}\n    deps:\n`)
    })
    const started = Date.now()
    const r = await run('validate')
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/::error [^:]*file=dvc\.yaml,line=\d+::.*alias bomb/)
    expect(r.stdout).not.toMatch(/engine dvc/)
  })
})

describe('git with hooks and configured programs in the work tree', () => {
  let repo: TestRepo
  let origin: string
  let markers: string
  let bedrock: BedrockServer
  let github: GitHubServer

  const gitIn = (dir: string, ...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } })

  const run = (entry: 'main' | 'validate', event?: { name: string; payload: unknown }): Promise<ActionRun> =>
    runAction(entry, {
      workspace: repo.root,
      event,
      inputs: { command: 'generate', engine: 'native', token: TOKEN, comment: 'false' },
      env: {
        ...bedrockTestEnv(bedrock.url),
        AWS_SECRET_ACCESS_KEY: AWS_SECRET,
        GITHUB_API_URL: github.url,
        GITHUB_REPOSITORY: 'acme/docs'
      }
    })

  /** Forgets what the test's own git calls ran: the runs are what is checked. */
  const clearMarkers = (): void => {
    rmSync(markers, { recursive: true, force: true })
    mkdirSync(markers)
  }

  beforeEach(async () => {
    repo = exampleRepo()
    origin = repo.addOrigin()
    markers = mkdtempSync(join(tmpdir(), 'graft-markers-'))
    bedrock = await new BedrockServer().start()
    github = await GitHubServer.start()
  })
  afterEach(async () => {
    await bedrock.close()
    await github.close()
    repo.cleanup()
    for (const dir of [origin, markers]) rmSync(dir, { recursive: true, force: true })
  })

  it('validate, then generate on a push that must rebase onto a moved main: nothing configured runs', async () => {
    repo.write({ 'sources/changelog.md': `${repo.read('sources/changelog.md')}\n## 9.9.9\n- hardened\n` })
    repo.commit('changelog')
    armHostileGitConfig(repo, markers) // commits and pushes the tools, then points the config at them
    const trigger = repo.head()
    // someone pushes meanwhile: the bot commit is rebased before its push
    const other = mkdtempSync(join(tmpdir(), 'graft-other-'))
    try {
      gitIn(tmpdir(), 'clone', '-q', origin, other)
      writeFileSync(join(other, 'unrelated.txt'), 'meanwhile\n')
      gitIn(other, 'add', 'unrelated.txt')
      gitIn(other, 'commit', '-q', '-m', 'meanwhile')
      gitIn(other, 'push', '-q', 'origin', 'HEAD:main')
    } finally {
      rmSync(other, { recursive: true, force: true })
    }

    clearMarkers()
    const validate = await run('validate')
    expect(validate.code).toBe(0)
    const generate = await run('main', {
      name: 'push',
      payload: { ref: 'refs/heads/main', after: trigger, repository: { full_name: 'acme/docs' } }
    })
    expect(generate.code).toBe(0)
    expect(generate.outputs.pushed).toBe('true')
    expect(gitIn(origin, 'log', '-1', '--format=%s', 'main')).toMatch(/^docs: regenerate/)
    expect(gitIn(origin, 'log', '-2', '--format=%s', 'main').split('\n')[1]).toBe('meanwhile')
    expect(ranPrograms(markers)).toEqual([])
  })

  it("a pull request: the head branch's checkout, commit and push run nothing configured", async () => {
    repo.git('checkout', '-q', '-b', 'feature')
    repo.write({ 'sources/changelog.md': `${repo.read('sources/changelog.md')}\n## 9.9.9\n- hardened\n` })
    repo.commit('changelog: 9.9.9')
    armHostileGitConfig(repo, markers) // on the head branch, pushed there
    const head = repo.head()
    // the runner's checkout: the merge commit, detached (made by the test's own git, with the programs off)
    const calm = (...args: string[]): string =>
      repo.git(
        ...['filter.evil.clean', 'filter.evil.smudge', 'filter.evil.process', 'filter.included.clean'].flatMap((k) => [
          '-c',
          `${k}=`
        ]),
        '-c',
        'filter.evil.required=false',
        '-c',
        'commit.gpgSign=false',
        '-c',
        'core.hooksPath=/dev/null',
        '-c',
        'core.fsmonitor=false',
        ...args
      )
    calm('checkout', '-q', 'main')
    calm('merge', '-q', '--no-ff', '--no-edit', 'feature')
    calm('checkout', '-q', '--detach', 'HEAD')
    clearMarkers()
    const r = await run('main', {
      name: 'pull_request',
      payload: {
        action: 'synchronize',
        number: 7,
        pull_request: {
          number: 7,
          state: 'open',
          head: { ref: 'feature', sha: head, repo: { full_name: 'acme/docs' } },
          base: { ref: 'main', repo: { full_name: 'acme/docs' } }
        },
        repository: { full_name: 'acme/docs' }
      }
    })
    expect(r.code).toBe(0)
    expect(r.outputs.pushed).toBe('true')
    expect(gitIn(origin, 'log', '-1', '--format=%s', 'feature')).toMatch(/^docs: regenerate/)
    expect(ranPrograms(markers)).toEqual([])
  })
})

describe('a run cancelled while DVC runs (the runner signals only the action)', () => {
  let repo: TestRepo
  let bin: string

  beforeEach(() => {
    repo = exampleRepo()
    bin = mkdtempSync(join(tmpdir(), 'graft-slow-dvc-'))
    // a DVC that takes its time (a huge pipeline, a slow disk): it says where it runs, then waits
    writeScript(
      join(bin, 'dvc'),
      `#!/bin/sh\nif [ "$1" = "--version" ]; then echo 3.67.1; exit 0; fi\necho $$ > '${bin}/pid'\nexec sleep 120\n`
    )
  })
  afterEach(() => {
    const pid = existsSync(join(bin, 'pid')) ? Number(readFileSync(join(bin, 'pid'), 'utf8')) : undefined
    if (pid && alive(pid)) process.kill(pid, 'SIGKILL')
    repo.cleanup()
    rmSync(bin, { recursive: true, force: true })
  })

  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0)
      return true
    } catch {
      return false
    }
  }

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s: DVC is stopped with the action, and the scratch .dvc/ is gone from the workspace',
    async (signal) => {
      const r = await runAction('validate', {
        workspace: repo.root,
        inputs: { engine: 'dvc', cache: 'false', comment: 'false' },
        env: { PATH: `${bin}:${process.env.PATH}` },
        timeoutMs: 60_000,
        onStart: (child) => {
          const poll = setInterval(() => {
            if (!existsSync(join(bin, 'pid'))) return
            clearInterval(poll)
            child.kill(signal)
          }, 50)
          child.once('exit', () => clearInterval(poll))
        }
      })
      expect(r.timedOut).toBe(false)
      expect(existsSync(join(bin, 'pid'))).toBe(true)
      const pid = Number(readFileSync(join(bin, 'pid'), 'utf8'))
      for (let i = 0; i < 40 && alive(pid); i++) await new Promise((done) => setTimeout(done, 50))
      expect(alive(pid)).toBe(false)
      expect(existsSync(repo.path('.dvc'))).toBe(false)
      expect(repo.git('status', '--porcelain')).toBe('')
    },
    90_000
  )
})

describe('what every program the action starts sees', () => {
  let repo: TestRepo
  let origin: string
  let bin: string
  let calls: string
  let bedrock: BedrockServer
  let github: GitHubServer

  beforeEach(async () => {
    repo = exampleRepo()
    origin = repo.addOrigin()
    bin = mkdtempSync(join(tmpdir(), 'graft-wrappers-'))
    calls = mkdtempSync(join(tmpdir(), 'graft-calls-'))
    // `git` and `dvc` first on PATH: each call records its arguments and environment, then runs the real one
    for (const program of ['git', 'dvc']) {
      const real = execFileSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).trim()
      writeScript(
        join(bin, program),
        `#!/bin/sh\nn=${program}-$$\necho "$*" > '${calls}/'$n.args\nenv > '${calls}/'$n.env\nexec '${real}' "$@"\n`
      )
    }
    bedrock = await new BedrockServer().start()
    github = await GitHubServer.start()
  })
  afterEach(async () => {
    await bedrock.close()
    await github.close()
    repo.cleanup()
    for (const dir of [origin, bin, calls]) rmSync(dir, { recursive: true, force: true })
  })

  it('no git or DVC process of validate (engine dvc) and generate with a push holds a secret', async () => {
    repo.write({ 'sources/changelog.md': `${repo.read('sources/changelog.md')}\n## 9.9.9\n- env\n` })
    repo.commit('changelog')
    repo.git('push', '-q', 'origin', 'HEAD:main')
    const env = {
      ...bedrockTestEnv(bedrock.url),
      PATH: `${bin}:${process.env.PATH}`,
      AWS_SECRET_ACCESS_KEY: AWS_SECRET,
      AWS_SESSION_TOKEN: 'trust-edges-session-token-0123456789',
      ACTIONS_RUNTIME_TOKEN: 'trust-edges-runtime-token-0123456789',
      GITHUB_API_URL: github.url,
      GITHUB_REPOSITORY: 'acme/docs'
    }
    const validate = await runAction('validate', {
      workspace: repo.root,
      inputs: { engine: 'dvc', token: TOKEN, comment: 'false', cache: 'false' },
      env
    })
    expect(validate.code).toBe(0)
    expect(validate.stdout).toMatch(/engine dvc: 3 stale document/)
    const generate = await runAction('main', {
      workspace: repo.root,
      inputs: { command: 'generate', engine: 'native', token: TOKEN, comment: 'false', cache: 'false' },
      env,
      event: {
        name: 'push',
        payload: { ref: 'refs/heads/main', after: repo.head(), repository: { full_name: 'acme/docs' } }
      }
    })
    expect(generate.code).toBe(0)
    expect(generate.outputs.pushed).toBe('true')

    const recorded = readdirSync(calls).filter((f) => f.endsWith('.env'))
    expect(recorded.some((f) => f.startsWith('dvc-'))).toBe(true)
    expect(recorded.filter((f) => f.startsWith('git-')).length).toBeGreaterThan(10)
    const base64 = Buffer.from(`x-access-token:${TOKEN}`).toString('base64')
    for (const file of recorded) {
      const text = readFileSync(join(calls, file), 'utf8')
      const args = readFileSync(join(calls, file.replace(/\.env$/, '.args')), 'utf8').trim()
      for (const secret of [TOKEN, base64, AWS_SECRET, env.AWS_SESSION_TOKEN, env.ACTIONS_RUNTIME_TOKEN])
        expect({ call: `${file}: ${args}`, holds: text.includes(secret) }).toEqual({
          call: `${file}: ${args}`,
          holds: false
        })
      expect(text).not.toMatch(
        /^(INPUT_|ACTIONS_|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|GITHUB_TOKEN)/m
      )
    }
  }, 180_000)
})
