// HTTPS_PROXY/HTTP_PROXY/NO_PROXY in the action: a pull-request run of
// dist/main reaches Bedrock and the GitHub API only through a loopback CONNECT
// proxy. Both services are named by hosts no resolver knows (*.proxy.test), so
// a request that skipped the proxy would fail with ENOTFOUND.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { runAction, type ActionRun } from '../support/action-runner.js'
import { BedrockServer, bedrockTestEnv } from '../support/bedrock-server.js'
import { ConnectProxy } from '../support/connect-proxy.js'
import { exampleRepo } from '../support/example-repo.js'
import { GitHubServer } from '../support/github-server.js'
import type { TestRepo } from '../support/repo.js'

const TOKEN = 'ghs_proxySecretToken0123456789'

describe('the action behind a proxy (dist/main)', () => {
  let repo: TestRepo
  let bedrock: BedrockServer
  let github: GitHubServer
  let proxy: ConnectProxy

  beforeEach(async () => {
    repo = exampleRepo()
    repo.addOrigin()
    bedrock = await new BedrockServer().start()
    github = await GitHubServer.start()
    proxy = await new ConnectProxy().start()
  })
  afterEach(async () => {
    await bedrock.close()
    await github.close()
    await proxy.stop()
    repo.cleanup()
  })

  const behind = (url: string): string => url.replace('127.0.0.1', 'service.proxy.test')
  const hostOf = (url: string): string => new URL(url).host

  /** A same-repository pull request whose head changed a source; the runner's checkout is the detached merge. */
  function pullRequest(): { name: string; payload: unknown } {
    repo.git('checkout', '-q', '-b', 'feature')
    repo.write({ 'sources/changelog.md': `${repo.read('sources/changelog.md')}\n## 2.4.0\n- cancel()\n` })
    const headSha = repo.commit('changelog: 2.4.0')
    repo.git('push', '-q', 'origin', 'feature')
    repo.git('checkout', '-q', 'main')
    repo.git('merge', '-q', '--no-ff', '--no-edit', 'feature')
    repo.git('checkout', '-q', '--detach', 'HEAD')
    repo.git('branch', '-q', '-D', 'feature')
    return {
      name: 'pull_request',
      payload: {
        action: 'synchronize',
        number: 7,
        pull_request: {
          number: 7,
          state: 'open',
          head: { ref: 'feature', sha: headSha, repo: { full_name: 'acme/docs' } },
          base: { ref: 'main', repo: { full_name: 'acme/docs' } }
        },
        repository: { full_name: 'acme/docs' }
      }
    }
  }

  const run = (env: Record<string, string>): Promise<ActionRun> =>
    runAction('main', {
      workspace: repo.root,
      event: pullRequest(),
      inputs: { command: 'generate', engine: 'native', token: TOKEN },
      env: {
        ...bedrockTestEnv(bedrock.url),
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: behind(bedrock.url),
        GITHUB_API_URL: behind(github.url),
        GITHUB_REPOSITORY: 'acme/docs',
        ...env
      }
    })

  it('Bedrock and the pull-request comment go through the CONNECT proxy that HTTPS_PROXY/HTTP_PROXY name', async () => {
    const result = await run({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url })
    expect(result.stdout).not.toMatch(/^::error/m)
    expect(result.code).toBe(0)
    expect(bedrock.requests.length).toBeGreaterThan(0)
    expect(github.comments('acme', 'docs', 7)).toHaveLength(1)
    expect(proxy.tunnels).toEqual(expect.arrayContaining([hostOf(behind(bedrock.url)), hostOf(behind(github.url))]))
    expect(proxy.refused).toEqual([])
  })

  it('NO_PROXY sends Bedrock direct (here: an unknown host, so a network error that says so, nothing written)', async () => {
    const result = await run({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: 'service.proxy.test' })
    expect(result.code).not.toBe(0)
    expect(result.stdout).toMatch(/could not reach Bedrock .*ENOTFOUND/)
    expect(result.stdout).not.toMatch(/check the model id/)
    expect(proxy.tunnels).not.toContain(hostOf(behind(bedrock.url)))
    expect(bedrock.requests).toHaveLength(0)
  })
})
