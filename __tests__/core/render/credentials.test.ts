// Exported keys and AWS_PROFILE together, as configure-aws-credentials leaves
// them next to a profile from another step or the runner image: the keys are
// used, as the AWS CLI uses them, whether the profile is missing or its
// credential_process fails. Without keys, the profile is the SDK's as before.
// The real SDK client against the loopback Bedrock, scratch HOME and config
// files, no instance metadata.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { BedrockRenderer, checkCredentials } from '../../../src/core/render/bedrock.js'
import {
  CredentialsTimeout,
  keysFirstProvider,
  refuseRepositoryAwsFiles,
  shadowedProfileNote
} from '../../../src/core/render/credentials.js'
import { workAbandoned } from '../../../src/core/abandoned.js'
import { GraftError } from '../../../src/core/errors.js'
import { BedrockServer, reply, useAwsEnv } from '../../support/bedrock-server.js'
import { scratchDir } from '../../support/scratch.js'

const SONNET = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'
const ENV_KEY = 'AKIAEXPORTEDKEYS0001'
const PROFILE_KEY = 'AKIAPROFILEKEYS00002'

let server: BedrockServer
let home: string
let restore: () => void

beforeEach(async () => {
  server = await new BedrockServer().start()
  home = scratchDir('graft-home')
  mkdirSync(join(home, '.aws'))
})

afterEach(async () => {
  restore()
  await server.close()
  rmSync(home, { recursive: true, force: true })
})

/** The environment of a job: Bedrock on loopback, a scratch HOME, no instance metadata, and `extra`. */
function env(extra: Record<string, string>): void {
  restore = useAwsEnv({
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: server.url,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    HOME: home,
    ...extra
  })
}

const exportedKeys = { AWS_ACCESS_KEY_ID: ENV_KEY, AWS_SECRET_ACCESS_KEY: 'exported-secret', AWS_SESSION_TOKEN: 'tok' }

/** A profile `deploy` whose credential_process exits 3 (an expired SSO helper, a missing tool). */
function failingProcessProfile(): void {
  const script = join(home, 'creds.sh')
  writeFileSync(script, '#!/bin/sh\necho "helper: session expired" >&2\nexit 3\n')
  chmodSync(script, 0o755)
  writeFileSync(join(home, '.aws', 'config'), `[profile deploy]\ncredential_process = ${script}\n`)
}

/** Renders once; returns the access key id the request was signed with. */
async function signedWith(): Promise<string | undefined> {
  const renderer = new BedrockRenderer({ region: 'us-east-1', log: { info() {}, warn() {} } })
  try {
    server.enqueue(reply.text('# Doc\n\nText.\n'))
    await renderer.render({ prompt: 'Write it.', modelId: SONNET, maxTokens: 100, timeoutMs: 5000, label: 'a.md' })
  } finally {
    renderer.close()
  }
  const auth = String(server.requests.at(-1)?.headers.authorization ?? '')
  return /Credential=([^/]+)\//.exec(auth)?.[1]
}

describe('exported keys and AWS_PROFILE together', () => {
  it('AWS_PROFILE names no profile: the keys are used, and the SDK does not warn', async () => {
    env({ ...exportedKeys, AWS_PROFILE: 'deploy' })
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      await expect(checkCredentials('us-east-1')).resolves.toBeUndefined()
      expect(await signedWith()).toBe(ENV_KEY)
      expect(warn).not.toHaveBeenCalled()
    } finally {
      warn.mockRestore()
    }
  })

  it("the profile's credential_process fails: the keys are used", async () => {
    failingProcessProfile()
    env({ ...exportedKeys, AWS_PROFILE: 'deploy' })
    await expect(checkCredentials('us-east-1')).resolves.toBeUndefined()
    expect(await signedWith()).toBe(ENV_KEY)
  })

  it('the profile works too: the keys still win, as in the AWS CLI; the log says so', async () => {
    writeFileSync(
      join(home, '.aws', 'credentials'),
      `[deploy]\naws_access_key_id = ${PROFILE_KEY}\naws_secret_access_key = profile-secret\n`
    )
    env({ ...exportedKeys, AWS_PROFILE: 'deploy' })
    expect(await signedWith()).toBe(ENV_KEY)
    expect(shadowedProfileNote()).toBe(
      'AWS_PROFILE is "deploy", and AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set too: using the exported keys, as the AWS CLI does (unset them to use the profile)'
    )
  })
})

describe('without exported keys, the SDK chain as before', () => {
  it('AWS_PROFILE with static keys: the profile is used, and nothing is noted', async () => {
    writeFileSync(
      join(home, '.aws', 'credentials'),
      `[deploy]\naws_access_key_id = ${PROFILE_KEY}\naws_secret_access_key = profile-secret\n`
    )
    env({ AWS_PROFILE: 'deploy' })
    expect(await signedWith()).toBe(PROFILE_KEY)
    expect(shadowedProfileNote()).toBeUndefined()
  })

  it("only one of the two keys: not a pair, so the profile's chain decides", async () => {
    writeFileSync(
      join(home, '.aws', 'credentials'),
      `[deploy]\naws_access_key_id = ${PROFILE_KEY}\naws_secret_access_key = profile-secret\n`
    )
    env({ AWS_PROFILE: 'deploy', AWS_ACCESS_KEY_ID: ENV_KEY })
    expect(await signedWith()).toBe(PROFILE_KEY)
  })

  it('a missing profile is named, with the profiles there are; no request reaches Bedrock', async () => {
    writeFileSync(join(home, '.aws', 'config'), '[profile dev]\nregion = eu-west-1\n')
    env({ AWS_PROFILE: 'deploy' })
    const error = await checkCredentials('us-east-1').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GraftError)
    expect((error as GraftError).message).toContain('AWS_PROFILE is "deploy", but no profile of that name is in')
    expect((error as GraftError).message).toContain('profiles there: dev')
    expect(server.requests).toHaveLength(0)
  })

  it('a failing credential_process is a credentials error, not a request', async () => {
    failingProcessProfile()
    env({ AWS_PROFILE: 'deploy' })
    const error = await checkCredentials('us-east-1').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GraftError)
    expect((error as GraftError).message).toContain('no AWS credentials found for Bedrock')
    expect(server.requests).toHaveLength(0)
  })
})

describe('a credential chain that hangs', () => {
  it("a profile's credential_process that never returns: given up at the time limit, and recorded as left running", async () => {
    const script = join(home, 'hangs.sh')
    writeFileSync(script, `#!/bin/sh\necho $$ > ${join(home, 'pid')}\nexec sleep 600\n`)
    chmodSync(script, 0o755)
    writeFileSync(join(home, '.aws', 'config'), `[profile deploy]\ncredential_process = ${script}\n`)
    env({ AWS_PROFILE: 'deploy' })
    const started = Date.now()
    try {
      const error = await keysFirstProvider({}, 1500)().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(CredentialsTimeout)
      expect((error as Error).message).toContain(
        "found nothing within 1.5 s: one of its sources hangs (a profile's credential_process"
      )
      expect(Date.now() - started).toBeLessThan(10_000)
      expect(workAbandoned()).toBe(true)
    } finally {
      try {
        process.kill(Number(readFileSync(join(home, 'pid'), 'utf8')))
      } catch {
        // it never started, or is gone
      }
    }
  })

  it('exported keys never wait on the chain', async () => {
    env({ ...exportedKeys, AWS_PROFILE: 'deploy' })
    await expect(keysFirstProvider({}, 1)()).resolves.toMatchObject({ accessKeyId: ENV_KEY })
  })
})

describe('AWS settings files in the repository', () => {
  it('AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE inside the checkout (a symlink to it too): refused, naming each', () => {
    const repo = join(home, 'repo')
    mkdirSync(join(repo, '.aws'), { recursive: true })
    symlinkSync(join(repo, '.aws'), join(home, 'link'))
    let error: unknown
    try {
      refuseRepositoryAwsFiles([repo], {
        AWS_CONFIG_FILE: join(home, 'link', 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(repo, '.aws', 'missing-credentials')
      })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(GraftError)
    const problems = (error as GraftError).problems
    expect(problems.map((p) => p.message.split(',')[0])).toEqual([
      `AWS_CONFIG_FILE is ${join(home, 'link', 'config')}`,
      `AWS_SHARED_CREDENTIALS_FILE is ${join(repo, '.aws', 'missing-credentials')}`
    ])
    expect(problems[0].message).toContain('credential_process (a command this step would run)')
    expect(problems[0].message).toContain('endpoint_url')
    expect(problems[0].hint).toContain('$RUNNER_TEMP')
  })

  it("a folder of the checkout whose name starts with '..' ('..aws') is inside it, not above it", () => {
    const repo = join(home, 'repo')
    mkdirSync(join(repo, '..aws'), { recursive: true })
    expect(() => refuseRepositoryAwsFiles([repo], { AWS_CONFIG_FILE: join(repo, '..aws', 'config') })).toThrow(
      /AWS_CONFIG_FILE is .*, a file in the repository/
    )
  })

  it('files outside the checkout, or none named: nothing to refuse', () => {
    const repo = join(home, 'repo')
    mkdirSync(repo)
    expect(() =>
      refuseRepositoryAwsFiles([repo], {
        AWS_CONFIG_FILE: join(home, '.aws', 'config'),
        AWS_SHARED_CREDENTIALS_FILE: ''
      })
    ).not.toThrow()
    expect(() =>
      refuseRepositoryAwsFiles([repo], { AWS_CONFIG_FILE: join(home, 'repo-other', 'config') })
    ).not.toThrow()
    expect(() => refuseRepositoryAwsFiles([repo], {})).not.toThrow()
  })
})
