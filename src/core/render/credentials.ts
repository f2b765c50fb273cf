// Which AWS credentials a run uses. The SDK's default chain, with one change:
// exported keys (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, what
// aws-actions/configure-aws-credentials sets) come first even when AWS_PROFILE
// is set. The JS SDK v3 takes the profile first, so an AWS_PROFILE left by
// another step or the runner image (a profile that does not exist here, or
// whose credential_process fails) hides valid keys; the AWS CLI, the JS SDK v2
// and botocore take the keys, and the v3 maintainers call that the intended
// order (aws/aws-sdk-js-v3#2549, #6277). Both halves are the SDK's own providers.
// The chain has a time limit: the SDK runs a profile's credential_process with
// no limit, and a stalled STS or SSO endpoint can hold it as long, so a helper
// that never returns would hang the step until the job's timeout.
import { fromEnv } from '@aws-sdk/credential-provider-env'
import { defaultProvider, type DefaultProviderInit } from '@aws-sdk/credential-provider-node'
import { realpathSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { abandonWork } from '../abandoned.js'
import { GraftError } from '../errors.js'
import { isWithin } from '../repo/names.js'

type Chain = ReturnType<typeof defaultProvider>
type Provider = (properties?: Parameters<Chain>[0]) => Promise<Awaited<ReturnType<Chain>>>

/**
 * How long the SDK's chain may take to find credentials: far more than a
 * credential_process, an STS role assumption or the metadata service take when
 * they work; a person at a terminal gets longer (a helper may ask for an MFA code).
 */
export const CREDENTIALS_TIMEOUT_MS = { actions: 30_000, terminal: 120_000 } as const

/**
 * A drop-in for the client's `credentialDefaultProvider`: the environment's
 * keys when both are set, else the SDK's default chain (AWS_PROFILE, SSO,
 * web identity, shared files, credential_process, container and instance
 * metadata) built with the same client config, given `limitMs` to answer.
 */
export function keysFirstProvider(
  init: DefaultProviderInit = {},
  limitMs: number = CREDENTIALS_TIMEOUT_MS.actions
): Provider {
  const keys = fromEnv(init)
  const chain = defaultProvider(init)
  return async (properties) => {
    try {
      return await keys()
    } catch (error) {
      // fromEnv says "try the next provider" when the keys are not there; anything else is real
      if (!(error as { tryNextLink?: boolean }).tryNextLink) throw error
    }
    return withinLimit(chain(properties), limitMs)
  }
}

/** The chain's answer, or a CredentialsTimeout once `limitMs` passed (the chain is left running, and recorded as such). */
function withinLimit<T>(work: Promise<T>, limitMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      abandonWork()
      reject(new CredentialsTimeout(limitMs))
    }, limitMs)
  })
  work.catch(() => undefined) // a chain given up on must not surface later
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

/** The SDK's chain found no credentials in time: something in it hangs. */
export class CredentialsTimeout extends Error {
  constructor(readonly limitMs: number) {
    super(
      `the AWS SDK's credential chain found nothing within ${limitMs / 1000} s: one of its sources hangs ` +
        "(a profile's credential_process, SSO, a role assumed through STS, or the container or instance metadata service)"
    )
    this.name = 'CredentialsTimeout'
  }
}

/**
 * A sentence for the log when AWS_PROFILE is set but the exported keys are
 * used instead (as the AWS CLI does); undefined otherwise.
 */
export function shadowedProfileNote(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!env.AWS_PROFILE || !env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) return undefined
  return (
    `AWS_PROFILE is "${env.AWS_PROFILE}", and AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set too: ` +
    'using the exported keys, as the AWS CLI does (unset them to use the profile)'
  )
}

/** The AWS settings files the SDK reads instead of ~/.aws when these name them. */
const AWS_FILE_VARIABLES = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'] as const

/**
 * Refuses AWS settings files inside `checkouts` (the repository): a pull request
 * could then write what the SDK reads — a profile's credential_process (a command
 * this process would run, with its secrets), its region, its endpoint_url (where
 * Bedrock requests, prompts included, would go).
 * @throws GraftError naming the variable and the file.
 */
export function refuseRepositoryAwsFiles(checkouts: string[], env: NodeJS.ProcessEnv = process.env): void {
  const roots = checkouts.map(real)
  const problems = AWS_FILE_VARIABLES.flatMap((name) => {
    const value = env[name]?.trim()
    if (!value) return []
    const file = real(resolve(value))
    const inside = roots.find((root) => isWithin(root, file))
    if (inside === undefined) return []
    return [
      {
        message:
          `${name} is ${value}, a file in the repository: a pull request could change what the AWS SDK reads there — ` +
          "a profile's credential_process (a command this step would run), its region, or its endpoint_url (where Bedrock requests, prompts included, would go)",
        hint: `keep AWS settings outside the checkout: write them in an earlier step to a file under $RUNNER_TEMP (or ~/.aws) and point ${name} there, or let aws-actions/configure-aws-credentials export keys`
      }
    ]
  })
  if (problems.length > 0) throw new GraftError(problems)
}

/** The path with every symlink resolved, as far as it exists. */
function real(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    const parent = dirname(path)
    return parent === path ? path : join(real(parent), basename(path))
  }
}
