// The CLI for a person at a terminal, run from its bundle: usage errors that
// suggest the nearest command or option and exit 2, one --engine check for
// every command, --version, --model errors that name the option, credential
// advice for a terminal (workflow advice only inside Actions), network
// failures named as such, and HTTPS_PROXY/NO_PROXY honoured for Bedrock.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BUNDLE_NODE, PROJECT_ROOT } from '../support/action-runner.js'
import { AWS_ENV_KEYS, BedrockServer, bedrockTestEnv } from '../support/bedrock-server.js'
import { ConnectProxy } from '../support/connect-proxy.js'
import { exampleRepo } from '../support/example-repo.js'
import type { TestRepo } from '../support/repo.js'
import { scratchDir } from '../support/scratch.js'

interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** The environment minus anything that could reach real AWS, a proxy or a workflow. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  for (const k of [
    ...AWS_ENV_KEYS,
    'GITHUB_ACTIONS',
    'FORCE_COLOR',
    'NO_COLOR',
    'HTTPS_PROXY',
    'https_proxy',
    'HTTP_PROXY',
    'http_proxy',
    'NO_PROXY',
    'no_proxy',
    'ALL_PROXY',
    'all_proxy'
  ]) {
    delete env[k]
  }
  return env
}

function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      BUNDLE_NODE,
      [join(PROJECT_ROOT, 'dist/cli/index.js'), ...args],
      { env: { ...cleanEnv(), ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    )
  })
}

const version = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version

describe('usage errors', () => {
  it('an unknown command suggests the nearest one, points at --help and exits 2', async () => {
    const run = await cli(['validat'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('unknown command "validat"')
    expect(run.stderr).toContain('did you mean "validate"?')
    expect(run.stderr).toContain('graft-action --help')
  })

  it('an unknown command with nothing near it lists the commands', async () => {
    const run = await cli(['frobnicate'])
    expect(run.code).toBe(2)
    expect(run.stderr).not.toContain('did you mean')
    expect(run.stderr).toMatch(/validate.*generate.*pack.*sync.*hook/s)
  })

  it.each([
    [['validate', '--engin', 'native'], '--engin', '--engine', 'graft-action validate --help'],
    [['generate', '--dryrun'], '--dryrun', '--dry-run', 'graft-action generate --help'],
    [['sync', '--chek'], '--chek', '--check', 'graft-action sync --help']
  ])('%j: an unknown option suggests the nearest one and exits 2', async (args, bad, near, help) => {
    const run = await cli([...args, '-C', tmpdir()])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`unknown option ${bad}`)
    expect(run.stderr).toContain(`did you mean ${near}?`)
    expect(run.stderr).toContain(help)
  })

  it('an option missing its value is a usage error (exit 2)', async () => {
    const run = await cli(['validate', '--engine'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--engine needs a value')
  })

  it('--version and -V print the version from package.json', async () => {
    for (const flag of ['--version', '-V']) {
      const run = await cli([flag])
      expect(run.code).toBe(0)
      expect(run.stdout).toBe(`graft-action ${version}\n`)
    }
  })

  it('--help lists every command, including sync and hook', async () => {
    const run = await cli(['--help'])
    expect(run.code).toBe(0)
    for (const command of ['validate', 'generate', 'pack', 'sync', 'hook install'])
      expect(run.stdout).toContain(command)
  })
})

describe('one --engine check for every command', () => {
  let repo: TestRepo
  beforeEach(() => {
    repo = exampleRepo()
  })
  afterEach(() => repo.cleanup())

  it.each([['validate'], ['generate'], ['generate', '--dry-run']])(
    '%j --engine foo is a usage error naming the choices, and says nothing of installing DVC',
    async (...command) => {
      const before = repo.snapshot()
      const run = await cli([...command, '--engine', 'foo', '-C', repo.root])
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('--engine must be auto, native or dvc, not "foo"')
      expect(run.stderr).not.toMatch(/pip install|not on PATH/)
      expect(repo.snapshot()).toEqual(before)
    }
  )
})

describe('--model', () => {
  let repo: TestRepo
  beforeEach(() => {
    repo = exampleRepo()
    repo.write({ 'sources/api.md': `${repo.read('sources/api.md')}- \`queue.cancel(id)\`\n` })
    repo.commit('api')
  })
  afterEach(() => repo.cleanup())

  it('an unknown --model names the option, not a prompt, lists the aliases one model a line, exits 2 and changes nothing', async () => {
    const before = repo.snapshot()
    const run = await cli(['generate', '--dry-run', '--engine', 'native', '--model', 'foo', '-C', repo.root])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^error: --model: unknown model "foo"/m)
    expect(run.stderr).not.toContain('.prompt.md')
    expect(run.stderr).toMatch(
      /^ {2}us\.anthropic\.claude-sonnet-4-5-20250929-v1:0: bedrock-claude-v4\.5-sonnet-us, bedrock-claude-sonnet-v4\.5-us, bc-v4\.5-us$/m
    )
    expect(run.stderr).toMatch(/^ {2}anthropic\.claude-3-haiku-20240307-v1:0: bedrock-claude-v3-haiku, /m)
    expect(run.stdout).toBe('')
    expect(repo.snapshot()).toEqual(before)
  })
})

describe('credentials, for a person at a terminal', () => {
  let repo: TestRepo
  let bedrock: BedrockServer
  let home: string
  beforeEach(async () => {
    repo = exampleRepo()
    repo.write({ 'sources/api.md': `${repo.read('sources/api.md')}- \`queue.cancel(id)\`\n` })
    repo.commit('api')
    bedrock = await new BedrockServer().start()
    home = scratchDir('graft-home')
  })
  afterEach(async () => {
    repo.cleanup()
    await bedrock.close()
  })

  /** No keys, no instance metadata, a scratch HOME, Bedrock on loopback (it must see no call). */
  const noCredentials = (): Record<string, string> => ({
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrock.url,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    HOME: home
  })

  it('with none found: AWS_PROFILE, aws sso login and ~/.aws, no workflow advice; nothing called, nothing changed', async () => {
    const before = repo.snapshot()
    const run = await cli(['generate', '--engine', 'native', '-C', repo.root], noCredentials())
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('no AWS credentials found for Bedrock')
    expect(run.stderr).toContain('AWS_PROFILE')
    expect(run.stderr).toContain('aws sso login')
    expect(run.stderr).toContain('~/.aws')
    expect(run.stderr).not.toMatch(/id-token|configure-aws-credentials|secrets\./)
    expect(bedrock.requests).toHaveLength(0)
    expect(repo.snapshot()).toEqual(before)
  })

  it('inside GitHub Actions (GITHUB_ACTIONS=true) the same failure gives the workflow advice', async () => {
    const run = await cli(['generate', '--engine', 'native', '-C', repo.root], {
      ...noCredentials(),
      GITHUB_ACTIONS: 'true'
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('id-token: write')
    expect(run.stderr).toContain('configure-aws-credentials')
    expect(run.stderr).not.toContain('aws sso login')
  })

  it('AWS_PROFILE naming a profile that does not exist says so and lists the profiles there are', async () => {
    mkdirSync(join(home, '.aws'))
    writeFileSync(join(home, '.aws', 'config'), '[default]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west-1\n')
    writeFileSync(join(home, '.aws', 'credentials'), '[ci]\naws_access_key_id = x\naws_secret_access_key = y\n')
    const before = repo.snapshot()
    const run = await cli(['generate', '--engine', 'native', '-C', repo.root], {
      ...noCredentials(),
      AWS_PROFILE: 'nope'
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(
      'AWS_PROFILE is "nope", but no profile of that name is in ~/.aws/config or ~/.aws/credentials'
    )
    expect(run.stderr).toMatch(/profiles there: ci, default, dev/)
    expect(bedrock.requests).toHaveLength(0)
    expect(repo.snapshot()).toEqual(before)
  })
})

describe('network failures and proxies', () => {
  let repo: TestRepo
  let bedrock: BedrockServer
  let proxy: ConnectProxy
  beforeEach(async () => {
    repo = exampleRepo()
    repo.write({ 'sources/changelog.md': `${repo.read('sources/changelog.md')}\n## 2.4.0\n- cancel\n` })
    repo.commit('changelog')
    bedrock = await new BedrockServer().start()
    proxy = await new ConnectProxy().start()
  })
  afterEach(async () => {
    repo.cleanup()
    await bedrock.close()
    await proxy.stop()
  })

  /** Valid dummy credentials; Bedrock wherever `endpoint` says. */
  const env = (endpoint: string, extra: Record<string, string> = {}): Record<string, string> => ({
    ...bedrockTestEnv(bedrock.url),
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: endpoint,
    ...extra
  })
  const port = (url: string): string => new URL(url).port
  const target = ['generate', '--engine', 'native', '--downstream', 'report', 'docs/release-notes.md', '-C']

  async function closedPort(): Promise<number> {
    const server: Server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port: p } = server.address() as { port: number }
    await new Promise<void>((resolve) => server.close(() => resolve()))
    return p
  }

  it('a refused connection is named a network failure, not a model problem, without retries', async () => {
    const before = repo.snapshot()
    const run = await cli([...target, repo.root], env(`http://127.0.0.1:${await closedPort()}`))
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/could not reach Bedrock .*ECONNREFUSED/)
    expect(run.stderr).toMatch(/network, DNS or a proxy/)
    expect(run.stderr).not.toMatch(/check the model id/)
    expect(repo.snapshot()).toEqual(before)
  })

  it('a host name that does not resolve is named a DNS failure', async () => {
    const run = await cli([...target, repo.root], env(`http://bedrock.proxy.test:${port(bedrock.url)}`))
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/could not reach Bedrock .*ENOTFOUND/)
    expect(run.stderr).toContain('HTTPS_PROXY')
    expect(run.stderr).not.toMatch(/check the model id/)
    expect(bedrock.requests).toHaveLength(0)
  })

  it('a TLS failure is named as one, with the proxy CA advice', async () => {
    // https to a server that speaks plain HTTP: the handshake fails
    const run = await cli([...target, repo.root], env(`https://127.0.0.1:${port(bedrock.url)}`))
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/TLS/)
    expect(run.stderr).toContain('NODE_EXTRA_CA_CERTS')
    expect(run.stderr).not.toMatch(/check the model id/)
  })

  it('HTTPS_PROXY/HTTP_PROXY: Bedrock is reached through the CONNECT proxy (a name only the proxy can resolve)', async () => {
    const endpoint = `http://bedrock.proxy.test:${port(bedrock.url)}`
    const run = await cli([...target, repo.root], env(endpoint, { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url }))
    expect(run.stderr).not.toContain('error:')
    expect(run.code).toBe(0)
    expect(proxy.tunnels).toContain(`bedrock.proxy.test:${port(bedrock.url)}`)
    expect(bedrock.requests).toHaveLength(1)
    expect(run.stdout).toContain('Changed: ')
  })

  it('NO_PROXY naming the host bypasses the proxy', async () => {
    const endpoint = `http://bedrock.proxy.test:${port(bedrock.url)}`
    const run = await cli(
      [...target, repo.root],
      env(endpoint, { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: 'bedrock.proxy.test' })
    )
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/ENOTFOUND/)
    expect(proxy.tunnels).toEqual([])
  })
})
