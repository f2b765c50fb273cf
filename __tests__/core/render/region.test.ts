// The Bedrock region as AWS users expect it: the setting, then AWS_REGION, then
// AWS_DEFAULT_REGION, then the profile's own `region` in the shared config files
// (AWS_PROFILE, else default), then us-east-1. Scratch HOME and config files;
// no instance metadata.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { resolveRegion } from '../../../src/core/render/region.js'
import { useAwsEnv } from '../../support/bedrock-server.js'

let home: string
let restore: () => void

const CONFIG = '[default]\nregion = eu-west-1\n\n[profile dev]\nregion = ap-south-1\n\n[profile bare]\noutput = json\n'

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'graft-home-'))
  mkdirSync(join(home, '.aws'))
  writeFileSync(join(home, '.aws', 'config'), CONFIG)
  restore = useAwsEnv({ HOME: home, AWS_EC2_METADATA_DISABLED: 'true' })
})

afterEach(() => {
  restore()
  rmSync(home, { recursive: true, force: true })
})

describe('resolveRegion', () => {
  it("the default profile's region when nothing else names one", async () => {
    expect(await resolveRegion(undefined, '--region')).toEqual({
      region: 'eu-west-1',
      from: 'the region of profile default in the AWS config files'
    })
  })

  it("AWS_PROFILE's own region", async () => {
    process.env.AWS_PROFILE = 'dev'
    expect(await resolveRegion('', '--region')).toMatchObject({
      region: 'ap-south-1',
      from: expect.stringContaining('profile dev')
    })
  })

  it('the environment before the profile: AWS_REGION, then AWS_DEFAULT_REGION', async () => {
    process.env.AWS_PROFILE = 'dev'
    process.env.AWS_DEFAULT_REGION = 'ca-central-1'
    expect(await resolveRegion(undefined, '--region')).toEqual({ region: 'ca-central-1', from: 'AWS_DEFAULT_REGION' })
    process.env.AWS_REGION = 'us-west-2'
    expect(await resolveRegion(undefined, '--region')).toEqual({ region: 'us-west-2', from: 'AWS_REGION' })
  })

  it('the setting wins over everything', async () => {
    process.env.AWS_REGION = 'us-west-2'
    process.env.AWS_PROFILE = 'dev'
    expect(await resolveRegion(' eu-central-1 ', 'the aws-region input')).toEqual({
      region: 'eu-central-1',
      from: 'the aws-region input'
    })
  })

  it('a profile without a region, a profile that does not exist, or no config at all: us-east-1', async () => {
    process.env.AWS_PROFILE = 'bare'
    expect(await resolveRegion(undefined, '--region')).toEqual({ region: 'us-east-1', from: 'the default' })
    process.env.AWS_PROFILE = 'nope'
    expect((await resolveRegion(undefined, '--region')).region).toBe('us-east-1')
    delete process.env.AWS_PROFILE
    rmSync(join(home, '.aws'), { recursive: true })
    expect((await resolveRegion(undefined, '--region')).region).toBe('us-east-1')
  })

  it('AWS_CONFIG_FILE points the SDK at another file; the credentials file counts too', async () => {
    const other = join(home, 'elsewhere')
    writeFileSync(other, '[profile ci]\nregion = sa-east-1\n')
    process.env.AWS_CONFIG_FILE = other
    process.env.AWS_PROFILE = 'ci'
    expect((await resolveRegion(undefined, '--region')).region).toBe('sa-east-1')
    writeFileSync(join(home, '.aws', 'credentials'), '[keys]\naws_access_key_id = x\nregion = af-south-1\n')
    process.env.AWS_PROFILE = 'keys'
    expect((await resolveRegion(undefined, '--region')).region).toBe('af-south-1')
  })

  it('a config file that is not INI at all counts as no region', async () => {
    writeFileSync(join(home, '.aws', 'config'), '\u0000\u0001 binary [[[ \n')
    expect((await resolveRegion(undefined, '--region')).region).toBe('us-east-1')
  })
})
