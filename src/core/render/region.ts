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
  if (explicit?.trim()) return { region: explicit.trim(), from: label }
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const value = process.env[name]?.trim()
    if (value) return { region: value, from: name }
  }
  const fromProfile = await profileRegion()
  if (fromProfile) return fromProfile
  return { region: DEFAULT_REGION, from: 'the default' }
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
