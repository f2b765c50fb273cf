// The Bedrock region, found where AWS users expect it: what the run names, then
// the environment, then the profile's own `region` in the shared config files
// (read by the SDK's own config loader), then us-east-1.
import {
  NODE_REGION_CONFIG_FILE_OPTIONS,
  NODE_REGION_CONFIG_OPTIONS,
  getProfileName,
  loadConfig
} from '@smithy/core/config'
import { DEFAULT_REGION } from '../defaults.js'
import { GraftError } from '../errors.js'

export interface ResolvedRegion {
  region: string
  /** where it came from, for the log: "the aws-region input", "AWS_REGION", "profile dev in the AWS config files", … */
  from: string
}

/**
 * The region: `explicit` (the `aws-region` input, `--region`) when set, else
 * AWS_REGION, else AWS_DEFAULT_REGION (the AWS CLI's), else the `region` of the
 * profile the SDK would use (AWS_PROFILE, else `default`) in AWS_CONFIG_FILE /
 * AWS_SHARED_CREDENTIALS_FILE or ~/.aws/config and ~/.aws/credentials, else
 * {@link DEFAULT_REGION}. Never asks the instance metadata service (a laptop
 * would wait for it). Unreadable config files count as no region there.
 * @param label names `explicit` in `from` ("the aws-region input", "--region")
 */
export async function resolveRegion(explicit: string | undefined, label: string): Promise<ResolvedRegion> {
  return checked(await findRegion(explicit, label))
}

async function findRegion(explicit: string | undefined, label: string): Promise<ResolvedRegion> {
  if (explicit?.trim()) return { region: explicit.trim(), from: label }
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const value = process.env[name]?.trim()
    if (value) return { region: value, from: name }
  }
  const fromProfile = await profileRegion()
  if (fromProfile) return fromProfile
  return { region: DEFAULT_REGION, from: 'the default' }
}

/** What an AWS region name is made of (us-east-1, us-gov-west-1, eusc-de-east-1): one DNS label, in lower case. */
const REGION_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/**
 * The region, when it can be one: it becomes part of Bedrock's host name and of
 * every request's signature, so anything else (a typo, a space, a dot, upper
 * case) fails here, naming where it came from, and not as a failed call per document.
 * @throws GraftError naming the region's source.
 */
function checked(found: ResolvedRegion): ResolvedRegion {
  if (found.region.length <= 63 && REGION_NAME.test(found.region)) return found
  throw new GraftError({
    message: `the Bedrock region ${JSON.stringify(found.region.slice(0, 80))} (from ${found.from}) is not an AWS region name`,
    hint: 'an AWS region name is lower-case letters, digits and hyphens, e.g. us-east-1 or eu-west-3; fix it where it came from, or set the region explicitly (the `aws-region` input, `--region`)'
  })
}

async function profileRegion(): Promise<ResolvedRegion | undefined> {
  const profile = getProfileName({})
  try {
    const region = await loadConfig<string | undefined>(
      {
        // the environment was read above, in the order the AWS CLI reads it
        environmentVariableSelector: () => undefined,
        configFileSelector: NODE_REGION_CONFIG_OPTIONS.configFileSelector,
        default: () => undefined
      },
      { ...NODE_REGION_CONFIG_FILE_OPTIONS, profile, ignoreCache: true }
    )()
    return region?.trim()
      ? { region: region.trim(), from: `the region of profile ${profile} in the AWS config files` }
      : undefined
  } catch {
    return undefined
  }
}
