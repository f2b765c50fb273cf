// Reads and checks the action's inputs once, so the rest of the code gets
// plain typed values. Input names and defaults are the contract in action.yml.
import * as core from '@actions/core'
import { isAbsolute, resolve } from 'node:path'
import { GraftError } from '../core/errors.js'
import { parseTargetList } from '../core/targets.js'
import type { EngineChoice } from '../core/validate.js'

export interface ValidateInputs {
  root: string
  engine: EngineChoice
  targets: string[]
  failOnStale: boolean
  cache: boolean
  dvcVersion: string
}

export function getString(name: string, fallback = ''): string {
  return core.getInput(name).trim() || fallback
}

export function getBoolean(name: string, fallback: boolean): boolean {
  const raw = core.getInput(name).trim()
  if (raw === '') return fallback
  if (/^(true|yes|on|1)$/i.test(raw)) return true
  if (/^(false|no|off|0)$/i.test(raw)) return false
  throw new GraftError({ message: `input ${name} is "${raw}", not true or false`, hint: `set ${name}: true or ${name}: false` })
}

export function getChoice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
  const raw = getString(name, fallback)
  if ((choices as readonly string[]).includes(raw)) return raw as T
  throw new GraftError({ message: `input ${name} is "${raw}"`, hint: `use one of: ${choices.join(', ')}` })
}

export function getPositiveInt(name: string, fallback: number): number {
  const raw = getString(name)
  if (raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) {
    throw new GraftError({ message: `input ${name} is "${raw}", not a positive whole number`, hint: `e.g. ${name}: ${fallback}` })
  }
  return n
}

/** `working-directory`, relative to the workspace the runner checked out. */
export function getRoot(): string {
  const dir = getString('working-directory', '.')
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
  return isAbsolute(dir) ? dir : resolve(workspace, dir)
}

export function readValidateInputs(): ValidateInputs {
  return {
    root: getRoot(),
    engine: getChoice('engine', ['auto', 'dvc', 'native'] as const, 'auto'),
    targets: parseTargetList(core.getInput('targets')),
    failOnStale: getBoolean('fail-on-stale', false),
    cache: getBoolean('cache', true),
    dvcVersion: getString('dvc-version', '3.*')
  }
}

export interface GenerateInputs extends ValidateInputs {
  force: boolean
  model: string
  awsRegion: string
  maxTokens: number
  concurrency: number
  timeoutMinutes: number
  dryRun: boolean
}

export function readGenerateInputs(): GenerateInputs {
  return {
    ...readValidateInputs(),
    force: getBoolean('force', false),
    model: getString('model', 'bedrock-claude-v4.5-sonnet-us'),
    awsRegion: getString('aws-region', process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'us-east-1'),
    maxTokens: getPositiveInt('max-tokens', 16000),
    concurrency: getPositiveInt('concurrency', 4),
    timeoutMinutes: getPositiveInt('timeout-minutes', 10),
    dryRun: getBoolean('dry-run', false)
  }
}

export interface PublishInputs {
  push: boolean
  identity: { name: string; email: string }
  token: string
  comment: boolean
  allowUntrustedHead: boolean
}

export function readPublishInputs(): PublishInputs {
  const token = getString('token', process.env.GITHUB_TOKEN ?? '')
  if (token) core.setSecret(token)
  return {
    push: getBoolean('push', true),
    identity: {
      name: getString('commit-user-name', 'graft-bot[bot]'),
      email: getString('commit-user-email', 'graft-bot[bot]@users.noreply.github.com')
    },
    token,
    comment: getBoolean('comment', true),
    allowUntrustedHead: getBoolean('allow-untrusted-head', false)
  }
}
