// The AWS environment on a bad day, end to end through dist/generate as a
// runner runs it (loopback Bedrock, STS and instance-metadata stand-ins):
// - a profile's credential_process that never returns, an STS that never
//   answers a web-identity role assumption, an instance-metadata service that
//   never answers: the step ends, naming the cause, and no model request is made;
// - a region that is no AWS region name: refused before any request, naming where it came from;
// - AWS settings files inside the repository (a pull request could write a
//   credential_process or an endpoint_url there): refused before the SDK reads them.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { runAction, type ActionRun } from '../support/action-runner.js'
import { BedrockServer } from '../support/bedrock-server.js'
import { exampleRepo } from '../support/example-repo.js'
import type { TestRepo } from '../support/repo.js'
import { scratchDir } from '../support/scratch.js'

jest.setTimeout(150_000)

/** A server that accepts every request and never answers it; records what came. */
async function silentServer(): Promise<{ server: Server; url: string; seen: string[] }> {
  const seen: string[] = []
  const server = createServer((req: IncomingMessage) => void seen.push(`${req.method} ${req.url}`))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
}

describe('the AWS environment (dist/generate)', () => {
  let repo: TestRepo
  let bedrock: BedrockServer
  let home: string
  /** a run with no AWS keys: the SDK's chain decides */
  const generate = (env: Record<string, string | undefined>, inputs: Record<string, string> = {}): Promise<ActionRun> =>
    runAction('generate', {
      workspace: repo.root,
      inputs: { engine: 'native', push: 'false', ...inputs },
      env: {
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrock.url,
        AWS_REGION: 'us-east-1',
        AWS_EC2_METADATA_DISABLED: 'true',
        HOME: home,
        ...env
      }
    })

  beforeEach(async () => {
    repo = exampleRepo()
    repo.write({ 'sources/api.md': repo.read('sources/api.md') + '\n## cancel(job)\n\nStops a job.\n' })
    repo.commit('api: cancel')
    bedrock = await new BedrockServer().start()
    home = scratchDir('graft-home')
    mkdirSync(join(home, '.aws'))
  })
  afterEach(async () => {
    await bedrock.close()
    repo.cleanup()
  })

  const noRequests = (): void => {
    expect(bedrock.requests).toHaveLength(0)
    expect(bedrock.countRequests).toHaveLength(0)
  }

  it("a profile's credential_process that never returns: the step ends at the time limit, naming the cause", async () => {
    const pidFile = join(home, 'helper.pid')
    const script = join(home, 'helper.sh')
    writeFileSync(script, `#!/bin/sh\necho $$ > ${pidFile}\nexec sleep 600\n`)
    chmodSync(script, 0o755)
    writeFileSync(join(home, '.aws', 'config'), `[profile deploy]\ncredential_process = ${script}\n`)
    const before = repo.snapshot()
    const started = Date.now()
    try {
      const run = await generate({ AWS_PROFILE: 'deploy' })
      const seconds = (Date.now() - started) / 1000
      console.log(`credential_process that hangs: the step ended after ${seconds.toFixed(1)} s (limit 30 s)`)
      expect(seconds).toBeLessThan(90)
      expect(run.code).not.toBe(0)
      expect(run.stdout).toContain(
        "::error title=graft-action::the AWS SDK's credential chain found nothing within 30 s: one of its sources hangs (a profile's credential_process"
      )
      expect(run.stdout).toContain('`AWS_PROFILE=deploy aws sts get-caller-identity` asks the same chain')
      noRequests()
      expect(repo.snapshot()).toEqual(before)
    } finally {
      if (existsSync(pidFile)) {
        try {
          process.kill(Number(readFileSync(pidFile, 'utf8')))
        } catch {
          // already gone
        }
      }
    }
  })

  it('web identity with an STS that never answers: the step ends, naming the credentials', async () => {
    const sts = await silentServer()
    writeFileSync(join(home, 'token'), 'eyJhbGciOiJub25lIn0.e30.')
    try {
      const started = Date.now()
      const run = await generate({
        AWS_WEB_IDENTITY_TOKEN_FILE: join(home, 'token'),
        AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/docs',
        AWS_ENDPOINT_URL_STS: sts.url
      })
      const seconds = (Date.now() - started) / 1000
      console.log(`STS that never answers: the step ended after ${seconds.toFixed(1)} s`)
      expect(seconds).toBeLessThan(90)
      expect(sts.seen.length).toBeGreaterThan(0)
      expect(run.code).not.toBe(0)
      // each STS attempt ends at the client's 20 s request limit; the SDK retries it, and the chain's 30 s limit ends the wait
      expect(run.stdout).toContain(
        "::error title=graft-action::the AWS SDK's credential chain found nothing within 30 s: one of its sources hangs"
      )
      expect(run.stdout).toContain('STS (for a role or web identity) and the SSO portal must be reachable')
      noRequests()
    } finally {
      await closeServer(sts.server)
    }
  })

  it('no credentials and an instance-metadata service that never answers: asked last, briefly; the step ends', async () => {
    const imds = await silentServer()
    try {
      const started = Date.now()
      const run = await generate({ AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url })
      const seconds = (Date.now() - started) / 1000
      console.log(`instance metadata that never answers: the step ended after ${seconds.toFixed(1)} s`)
      expect(seconds).toBeLessThan(60)
      expect(imds.seen.length).toBeGreaterThan(0)
      expect(run.code).not.toBe(0)
      expect(run.stdout).toContain('::error title=graft-action::no AWS credentials found for Bedrock')
      noRequests()
    } finally {
      await closeServer(imds.server)
    }
  })

  it('keys exported and no region anywhere: us-east-1, and neither the region lookup nor the credentials ask the instance-metadata service', async () => {
    const imds = await silentServer()
    try {
      const run = await generate({
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_REGION: undefined,
        AWS_EC2_METADATA_DISABLED: undefined,
        AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url
      })
      expect(run.code).toBe(0)
      expect(run.stdout).toContain('Bedrock region: us-east-1 (from the default)')
      expect(bedrock.requests).toHaveLength(5)
      expect(imds.seen).toEqual([])
    } finally {
      await closeServer(imds.server)
    }
  })

  it.each([
    ['AWS_REGION', { AWS_REGION: 'us-east-1.attacker.example' }, {}],
    ['the aws-region input', {}, { 'aws-region': 'us-east-1 ' + 'us-west-2' }]
  ])('a region that is no AWS region name (from %s): refused before any request', async (from, env, inputs) => {
    const before = repo.snapshot()
    const run = await generate({ AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', ...env }, inputs)
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(
      new RegExp(`::error title=graft-action::the Bedrock region "[^"]+" \\(from ${from}\\) is not an AWS region name`)
    )
    noRequests()
    expect(repo.snapshot()).toEqual(before)
  })

  it('AWS_CONFIG_FILE in the repository: refused before the SDK reads it; its credential_process never runs, its endpoint_url gets nothing', async () => {
    const spy = await silentServer()
    try {
      const marker = join(home, 'ran')
      repo.write({
        '.aws/config': `[default]\nregion = us-east-1\nendpoint_url = ${spy.url}\ncredential_process = /bin/sh -c "touch ${marker}"\n`
      })
      repo.commit('aws settings, in the repository')
      const before = repo.snapshot()
      const run = await generate({
        AWS_CONFIG_FILE: join(repo.root, '.aws', 'config'),
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: undefined
      })
      expect(run.code).not.toBe(0)
      expect(run.stdout).toContain(
        `::error title=graft-action::AWS_CONFIG_FILE is ${join(repo.root, '.aws', 'config')}, a file in the repository`
      )
      expect(existsSync(marker)).toBe(false)
      expect(spy.seen).toEqual([])
      noRequests()
      expect(repo.snapshot()).toEqual(before)
    } finally {
      await closeServer(spy.server)
    }
  })
})
