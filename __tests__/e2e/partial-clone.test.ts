// Clones that are not what we expect (issue 21 §6), through dist/generate with
// real git, a private smart-HTTP host that requires the token, and the
// loopback Bedrock:
// - a blobless clone (actions/checkout's `filter: blob:none`) checked out with
//   persist-credentials: false: the old file contents the source diff needs
//   are fetched with the action's token, and the model sees what a full clone
//   shows it; with a token the host refuses, the run goes on with the full
//   current sources and says why in its own words — never git's raw "could
//   not fetch … from promisor remote";
// - a push token that expires (or is revoked) during the model calls: the run
//   says the token was refused, that App tokens last one hour and what to do —
//   not git's "could not read Username … terminal prompts disabled"; nothing
//   is pushed, and no credential helper is asked;
// - a host that takes the push and then hangs mid-answer: git gives up after
//   GIT_STALL_LIMIT_S without a byte (curl's low-speed limit), not after the
//   20-minute command limit; nothing is pushed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { runAction, type ActionRun } from '../support/action-runner.js'
import { BedrockServer, bedrockTestEnv, reply } from '../support/bedrock-server.js'
import { GitHttpServer } from '../support/git-http-server.js'
import { GIT_STALL_LIMIT_S } from '../../src/core/io/git.js'
import { buildGraftRepo, dvcCommit, graftStages, outputText } from '../support/graft-repo.js'
import { writeScript } from '../support/hostile-git.js'
import { GIT_ENV, TestRepo } from '../support/repo.js'

const TOKEN = 'ghs_LoopbackPartialCloneToken0123456789'
const HEADER = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`
const NAMES = ['alpha', 'beta']
const run = promisify(execFile)

/** Two documents generated at one commit; every source changed in a later one. */
function buildHistory(): TestRepo {
  const prompts = NAMES.map((n) => ({
    path: `docs/${n}.prompt.md`,
    deps: [`sources/${n}.md`],
    body: `Write the ${n} page.\n`
  }))
  const repo = buildGraftRepo({
    sources: Object.fromEntries(NAMES.map((n) => [`sources/${n}.md`, `${n} source, first version\n`])),
    prompts
  })
  const stages = graftStages(prompts)
  for (const n of NAMES) {
    const header = outputText(stages.find((s) => s.name === n)!).split('\n')[0]
    repo.write({
      [`sources/${n}.md`]: `${n} source, second version\n`,
      [`docs/${n}.md`]: `${header}\n# ${n}\n\nSecond.\n`
    })
  }
  dvcCommit(repo)
  repo.commit('regenerate both')
  for (const n of NAMES) repo.write({ [`sources/${n}.md`]: `${n} source, third version: CHANGED-${n.toUpperCase()}\n` })
  repo.commit('every source changes')
  return repo
}

function documentOf(prompt: string): string {
  const name = NAMES.find((n) => prompt.includes(`Write the ${n} page.`))
  if (!name) throw new Error(`a prompt for no known document:\n${prompt}`)
  return name
}

/** The run's log without its ::add-mask:: commands. */
const logOf = (r: ActionRun): string =>
  (r.stdout + r.stderr)
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n')

describe('generate in a clone that is not a plain full clone', () => {
  let repo: TestRepo
  let projectRoot: string
  let bare: string
  let host: GitHttpServer
  let bedrock: BedrockServer
  let env: Record<string, string>
  let reference: Map<string, string>

  /** A clone of the private host made with the token, which it does not keep (persist-credentials: false). */
  async function cloneOf(...options: string[]): Promise<TestRepo> {
    const dir = mkdtempSync(join(tmpdir(), 'graft-partial-'))
    await run('git', ['-c', `http.extraheader=${HEADER}`, 'clone', '-q', ...options, `${host.url}docs.git`, dir], {
      env: { ...process.env, ...GIT_ENV }
    })
    const clone = new TestRepo(dir)
    clone.git('config', 'user.name', 'Dev')
    clone.git('config', 'user.email', 'dev@example.com')
    return clone
  }

  async function generateIn(
    clone: TestRepo,
    inputs: Record<string, string> = {},
    event?: { name: string; payload: unknown }
  ): Promise<{ run: ActionRun; prompts: Map<string, string> }> {
    const first = bedrock.requests.length
    const result = await runAction('generate', {
      workspace: clone.root,
      inputs: { engine: 'native', push: 'false', cache: 'false', token: TOKEN, ...inputs },
      env,
      event
    })
    const prompts = new Map<string, string>()
    for (const r of bedrock.requests.slice(first)) {
      const text: string = r.body.messages[0].content[0].text
      prompts.set(documentOf(text), text)
    }
    return { run: result, prompts }
  }

  beforeAll(async () => {
    repo = buildHistory()
    projectRoot = mkdtempSync(join(tmpdir(), 'graft-git-host-'))
    bare = join(projectRoot, 'docs.git')
    execFileSync('git', ['clone', '-q', '--bare', repo.root, bare])
    host = await new GitHttpServer(projectRoot, TOKEN).start()
    bedrock = await new BedrockServer().start()
    bedrock.onRequest((req) => reply.document(`# ${documentOf(req.body.messages[0].content[0].text)}\n\nThird.\n`))
    env = bedrockTestEnv(bedrock.url)
    const full = await cloneOf()
    try {
      const { run: r, prompts } = await generateIn(full)
      expect(r.code).toBe(0)
      reference = prompts
    } finally {
      full.cleanup()
    }
  }, 120_000)

  afterAll(async () => {
    await bedrock?.close()
    await host?.close()
    repo?.cleanup()
    if (projectRoot) rmSync(projectRoot, { recursive: true, force: true })
  })

  it('the full clone diffs each document against its baseline (the reference)', () => {
    for (const n of NAMES) {
      expect(reference.get(n)).toContain(`-${n} source, second version`)
      expect(reference.get(n)).toContain(`+${n} source, third version`)
    }
  })

  describe('a blobless clone, checked out with persist-credentials: false', () => {
    async function blobless(): Promise<TestRepo> {
      const clone = await cloneOf('--filter=blob:none')
      expect(clone.git('config', 'remote.origin.promisor').trim()).toBe('true')
      expect(clone.git('config', '--list')).not.toMatch(/extraheader/i)
      // git alone cannot fetch an old file's contents from this host
      await expect(
        run('git', ['show', 'HEAD~1:sources/alpha.md'], {
          cwd: clone.root,
          env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }
        })
      ).rejects.toThrow(/could not read Username|promisor remote/)
      return clone
    }

    it("fetches the old contents with the action's token: the model sees what the full clone shows it", async () => {
      const clone = await blobless()
      try {
        const before = host.requests.length
        const { run: r, prompts } = await generateIn(clone)
        expect(r.code).toBe(0)
        expect(Object.fromEntries(prompts)).toEqual(Object.fromEntries(reference))
        const fetches = host.requests.slice(before)
        expect(fetches.length).toBeGreaterThan(0)
        for (const f of fetches) expect(f.authorization).toEqual([HEADER.replace('AUTHORIZATION: ', '')])
        expect(logOf(r)).not.toContain(TOKEN)
        expect(logOf(r)).not.toMatch(/promisor/i)
        expect(clone.git('config', '--list')).not.toMatch(/extraheader/i)
      } finally {
        clone.cleanup()
      }
    }, 120_000)

    it("with a token the host refuses: the full current sources, said in plain words, never git's raw error", async () => {
      const clone = await blobless()
      try {
        const { run: r, prompts } = await generateIn(clone, { token: 'ghs_NotTheRightToken' })
        expect(r.code).toBe(0)
        const log = logOf(r)
        expect(log).not.toMatch(/from promisor remote|could not read Username/)
        expect(log).not.toContain('ghs_NotTheRightToken')
        const warnings = log.split('\n').filter((l) => l.startsWith('::warning::'))
        expect(warnings.length).toBeGreaterThan(0)
        for (const w of warnings) {
          expect(w).toMatch(/this clone is partial .* fetching older contents from .* failed \(HTTP 403\)/)
          expect(w).toMatch(/full current sources/)
          expect(w).toMatch(/`token` that may read the repository/)
        }
        for (const n of NAMES) {
          expect(prompts.get(n)).not.toContain(`-${n} source`)
          expect(prompts.get(n)).toContain(`CHANGED-${n.toUpperCase()}`)
        }
      } finally {
        clone.cleanup()
      }
    }, 120_000)
  })

  it('origin on another server than GITHUB_SERVER_URL: the token goes to no git command, refused before any model call', async () => {
    const clone = await cloneOf('--filter=blob:none')
    try {
      const tipBefore = execFileSync('git', ['rev-parse', 'main'], { cwd: bare, encoding: 'utf8' }).trim()
      const calls = bedrock.requests.length
      host.requests.length = 0
      const r = await runAction('generate', {
        workspace: clone.root,
        inputs: { engine: 'native', push: 'true', cache: 'false', token: TOKEN },
        env: { ...env, GITHUB_SERVER_URL: 'https://github.com' },
        event: {
          name: 'push',
          payload: { ref: 'refs/heads/main', after: clone.head(), repository: { full_name: 'acme/docs' } }
        }
      })
      expect(r.code).not.toBe(0)
      const log = logOf(r)
      expect(log).toMatch(
        /the action does not give its token to git for origin: origin is at http:\/\/127\.0\.0\.1:\d+, not on the server the workflow runs on \(https:\/\/github\.com\)/
      )
      expect(log).not.toContain(TOKEN)
      expect(bedrock.requests).toHaveLength(calls)
      for (const q of host.requests) expect(q.authorization).toEqual([])
      expect(execFileSync('git', ['rev-parse', 'main'], { cwd: bare, encoding: 'utf8' }).trim()).toBe(tipBefore)
    } finally {
      clone.cleanup()
    }
  }, 120_000)

  it('a push token revoked during the model calls: the token is named as refused, with what to do; nothing is pushed', async () => {
    const clone = await cloneOf()
    const markers = mkdtempSync(join(tmpdir(), 'graft-helper-'))
    try {
      // a credential helper of the clone's own would answer git's request for a user name
      writeScript(join(markers, 'helper'), `#!/bin/sh\ntouch '${markers}/helper-ran'\n`)
      clone.git('config', 'credential.helper', join(markers, 'helper'))
      const tipBefore = execFileSync('git', ['rev-parse', 'main'], { cwd: bare, encoding: 'utf8' }).trim()
      host.requests.length = 0
      bedrock.onRequest((req) => {
        host.revoke() // the token expires while the documents are rendered
        return reply.document(`# ${documentOf(req.body.messages[0].content[0].text)}\n\nThird.\n`)
      })
      const { run: r } = await generateIn(
        clone,
        { push: 'true' },
        {
          name: 'push',
          payload: { ref: 'refs/heads/main', after: clone.head(), repository: { full_name: 'acme/docs' } }
        }
      )
      expect(r.code).not.toBe(0)
      const log = logOf(r)
      expect(log).toMatch(/origin refused the token while pushing to main \(HTTP 401\): it has expired or was revoked/)
      expect(log).toMatch(/GitHub App installation token .* lasts one hour/)
      expect(log).not.toMatch(/could not read Username|terminal prompts disabled/)
      expect(log).not.toContain(TOKEN)
      expect(host.requests.some((q) => q.url.endsWith('git-receive-pack') && q.method === 'GET')).toBe(true)
      expect(execFileSync('git', ['rev-parse', 'main'], { cwd: bare, encoding: 'utf8' }).trim()).toBe(tipBefore)
      expect(readdirSync(markers)).toEqual(['helper'])
    } finally {
      host.revoke(false)
      clone.cleanup()
      rmSync(markers, { recursive: true, force: true })
    }
  }, 120_000)

  it(
    'a host that hangs mid-answer to the push: the run ends after the stall limit (not 20 minutes), names what happened; nothing is pushed',
    async () => {
      const clone = await cloneOf()
      try {
        const tipBefore = execFileSync('git', ['rev-parse', 'main'], { cwd: bare, encoding: 'utf8' }).trim()
        host.stallWhen = (method, url) => method === 'POST' && url.endsWith('git-receive-pack')
        bedrock.onRequest((req) => reply.document(`# ${documentOf(req.body.messages[0].content[0].text)}\n\nFourth.\n`))
        const started = Date.now()
        const { run: r } = await generateIn(
          clone,
          { push: 'true' },
          {
            name: 'push',
            payload: { ref: 'refs/heads/main', after: clone.head(), repository: { full_name: 'acme/docs' } }
          }
        )
        const ms = Date.now() - started
        console.log(`a push the host stops answering mid-way: the run ended after ${ms} ms`)
        expect(r.code).not.toBe(0)
        expect(ms).toBeLessThan((GIT_STALL_LIMIT_S + 60) * 1000)
        const log = logOf(r)
        expect(log).toMatch(
          new RegExp(
            `git push to main failed: .*the remote sent nothing for ${GIT_STALL_LIMIT_S} s mid-transfer \\(a host or proxy that hangs\\), so git gave up`,
            'i'
          )
        )
        expect(log).not.toContain(TOKEN)
        expect(execFileSync('git', ['rev-parse', 'main'], { cwd: bare, encoding: 'utf8' }).trim()).toBe(tipBefore)
      } finally {
        host.stallWhen = undefined
        clone.cleanup()
      }
    },
    (GIT_STALL_LIMIT_S + 120) * 1000
  )
})
