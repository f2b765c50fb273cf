// Which AWS credentials a run uses. The SDK's default chain, with one change:
// exported keys (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, what
// aws-actions/configure-aws-credentials sets) come first even when AWS_PROFILE
// is set. The JS SDK v3 takes the profile first, so an AWS_PROFILE left by
// another step or the runner image (a profile that does not exist here, or
// whose credential_process fails) hides valid keys; the AWS CLI, the JS SDK v2
// and botocore take the keys, and the v3 maintainers call that the intended
// order (aws/aws-sdk-js-v3#2549, #6277). Both halves are the SDK's own providers.
import { fromEnv } from '@aws-sdk/credential-provider-env'
import { defaultProvider, type DefaultProviderInit } from '@aws-sdk/credential-provider-node'

type Chain = ReturnType<typeof defaultProvider>
type Provider = (properties?: Parameters<Chain>[0]) => Promise<Awaited<ReturnType<Chain>>>

/**
 * A drop-in for the client's `credentialDefaultProvider`: the environment's
 * keys when both are set, else the SDK's default chain (AWS_PROFILE, SSO,
 * web identity, shared files, credential_process, container and instance
 * metadata) built with the same client config.
 */
export function keysFirstProvider(init: DefaultProviderInit = {}): Provider {
  const keys = fromEnv(init)
  const chain = defaultProvider(init)
  return async (properties) => {
    try {
      return await keys()
    } catch (error) {
      // fromEnv says "try the next provider" when the keys are not there; anything else is real
      if (!(error as { tryNextLink?: boolean }).tryNextLink) throw error
    }
    return chain(properties)
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
