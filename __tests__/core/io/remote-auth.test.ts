import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync, rmSync } from 'node:fs'
import { Git } from '../../../src/core/io/git.js'
import { GraftError } from '../../../src/core/errors.js'
import { silentLog } from '../../../src/core/log.js'
import { authConfig, authHeader, extraHeaderKey, isHttpRemote, scrubSecret } from '../../../src/core/io/remote-auth.js'
import { commitFiles } from '../../../src/core/publish/commit.js'
import { pushWithRebase } from '../../../src/core/publish/push.js'
import { TestRepo } from '../../support/repo.js'

const TOKEN = 'ghs_SuperSecretToken0123456789'
const BASE64 = Buffer.from(`x-access-token:${TOKEN}`).toString('base64')
const bot = { name: 'graft-bot[bot]', email: 'graft-bot[bot]@users.noreply.github.com' }

describe('scoped push authentication', () => {
  let repo: TestRepo
  let git: Git
  beforeEach(async () => {
    repo = TestRepo.create({ 'docs/a.md': 'a1\n' })
    repo.commit('first')
    git = new Git(repo.root)
    repo.write({ 'docs/a.md': 'a2\n' })
    await commitFiles(git, { paths: ['docs/a.md'], identity: bot, message: 'docs: regenerate 1 stale document\n' })
  })
  afterEach(() => repo.cleanup())

  it('builds the header GitHub expects, under a URL-specific key for http(s) remotes', () => {
    expect(authHeader(TOKEN)).toBe(`AUTHORIZATION: basic ${BASE64}`)
    expect(extraHeaderKey('https://github.com/o/r.git')).toBe('http.https://github.com/.extraheader')
    expect(extraHeaderKey('http://127.0.0.1:8080/o/r')).toBe('http.http://127.0.0.1:8080/.extraheader')
    expect(extraHeaderKey('/tmp/origin.git')).toBe('http.extraheader')
    expect(authConfig('https://github.com/o/r', TOKEN)).toEqual([
      { key: 'http.https://github.com/.extraheader', value: '' },
      { key: 'http.https://github.com/.extraheader', value: `AUTHORIZATION: basic ${BASE64}` }
    ])
    // a token means nothing to a local path or an SSH remote: they never get it
    expect(isHttpRemote('https://github.com/o/r')).toBe(true)
    expect(isHttpRemote('/tmp/origin.git')).toBe(false)
    expect(isHttpRemote('git@github.com:o/r.git')).toBe(false)
  })

  it('scrubs the token and its base64 form from text', () => {
    expect(scrubSecret(`x ${TOKEN} y ${BASE64} z`, TOKEN)).toBe('x *** y *** z')
    expect(scrubSecret('nothing', undefined)).toBe('nothing')
  })

  it('leaves no token in .git/config or the remote URL after a push', async () => {
    const bare = repo.addOrigin()
    try {
      repo.write({ 'docs/a.md': 'a3\n' })
      await commitFiles(git, { paths: ['docs/a.md'], identity: bot, message: 'm\n' })
      const result = await pushWithRebase(git, { branch: 'main', token: TOKEN, log: silentLog })
      expect(result.pushed).toBe(true)
      const config = readFileSync(repo.path('.git/config'), 'utf8')
      for (const text of [config, repo.git('remote', '-v'), repo.git('config', '--list', '--show-origin')]) {
        expect(text).not.toContain(TOKEN)
        expect(text).not.toContain(BASE64)
        expect(text).not.toMatch(/extraheader/i)
      }
    } finally {
      rmSync(bare, { recursive: true, force: true })
    }
  })

  describe('over HTTP', () => {
    let server: Server
    let seen: { url: string; authorization: string[] }[]
    let base: string
    beforeEach(async () => {
      seen = []
      server = createServer((req, res) => {
        const auth = req.headersDistinct.authorization ?? []
        seen.push({ url: req.url ?? '', authorization: auth })
        res.writeHead(403, { 'content-type': 'text/plain' })
        res.end('Permission to owner/repo.git denied to github-actions[bot].\n')
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    })
    afterEach(async () => {
      await new Promise((resolve) => server.close(resolve))
    })

    it('sends only its own header (overriding one persisted by actions/checkout) and never prints the token', async () => {
      repo.git('remote', 'add', 'origin', `${base}owner/repo.git`)
      repo.git('config', `http.${base}.extraheader`, 'AUTHORIZATION: basic PERSISTED')
      const config = readFileSync(repo.path('.git/config'), 'utf8')
      const before = repo.snapshot()

      const attempt = pushWithRebase(git, { branch: 'main', token: TOKEN, log: silentLog })
      await expect(attempt).rejects.toThrow(GraftError)
      const message = ((await attempt.catch((e: unknown) => e)) as Error).message
      expect(message).toMatch(/the token may not push to main: .*403/)
      expect(message).toMatch(/permissions: contents: write/)
      expect(message).not.toContain(TOKEN)
      expect(message).not.toContain(BASE64)

      expect(seen.length).toBeGreaterThan(0)
      for (const request of seen) expect(request.authorization).toEqual([`basic ${BASE64}`])
      expect(seen[0].url).toBe('/owner/repo.git/info/refs?service=git-receive-pack')
      expect(readFileSync(repo.path('.git/config'), 'utf8')).toBe(config)
      expect(repo.snapshot()).toEqual(before)
    })
  })
})
