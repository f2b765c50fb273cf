// Reads and checks the action's inputs once, so the rest of the code gets
// plain typed values. Input names and defaults are the contract in action.yml.
import * as core from '@actions/core'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import {
  DEFAULT_COMMIT_USER_EMAIL,
  DEFAULT_COMMIT_USER_NAME,
  DEFAULT_COMMIT_VIA,
  DEFAULT_ON_PROTECTED,
  DEFAULT_CONCURRENCY,
  DEFAULT_DVC_VERSION,
  DEFAULT_DOWNSTREAM,
  DEFAULT_HAND_EDITS,
  DEFAULT_MAX_DOCUMENTS,
  DEFAULT_MAX_INPUT_TOKENS,
  DEFAULT_MAX_OUTPUT_TOKENS,
  DEFAULT_MAX_TOKENS,
  DEFAULT_MODEL,
  DEFAULT_TIMEOUT_MINUTES,
  ACTION_INPUT_DEFAULTS,
  DEFAULT_UPDATE_STYLE
} from '../core/defaults.js'
import { GraftError } from '../core/errors.js'
import { resolveModelSetting } from '../core/graft/models.js'
import { parseChoice, parseDownstream, parseEngineChoice, parsePositiveInt, parseUsd } from '../core/settings.js'
import { nearest } from '../core/nearest.js'
import { parseModelPrices, type PriceOverrides } from '../core/render/prices.js'
import { maskSecret } from './secrets.js'
import { parseTargetList } from '../core/pipeline/targets.js'
import type { DownstreamPolicy } from '../core/settings.js'
import type { EngineChoice } from '../core/validate/validate.js'
import type { Budget } from '../core/generate/budget.js'
import { parseHandEditPolicy, type HandEditPolicy } from '../core/validate/hand-edits.js'
import { escapeLog } from '../core/log.js'
import { isWithin } from '../core/repo/names.js'
import { parseUpdateStyle, type UpdateStyle } from '../core/pack/update-style.js'

export interface ValidateInputs {
  root: string
  engine: EngineChoice
  targets: string[]
  downstream: DownstreamPolicy
  failOnStale: boolean
  cache: boolean
  dvcVersion: string
  /** a generated document edited by hand: keep, regenerate or fail */
  handEdits: HandEditPolicy
}

export function getString(name: string, fallback = ''): string {
  return core.getInput(name).trim() || fallback
}

export function getBoolean(name: string, fallback: boolean): boolean {
  const raw = core.getInput(name).trim()
  if (raw === '') return fallback
  if (/^(true|yes|on|1)$/i.test(raw)) return true
  if (/^(false|no|off|0)$/i.test(raw)) return false
  throw new GraftError({
    message: `input ${name} is "${raw}", not true or false`,
    hint: `set ${name}: true or ${name}: false`
  })
}

/** A choice input; a value that is none of `choices` fails, suggesting the nearest. */
export function getChoice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
  return parseChoice(getString(name, fallback), choices, `input ${name}`)
}

/** Inputs with no fixed default (ACTION_INPUT_DEFAULTS lists the rest). */
const RUN_DEPENDENT_INPUTS = ['aws-region', 'token']

/**
 * Warnings for `with:` names that are not inputs but lie near one (`fail-on-stal`):
 * the runner warns of every unknown input with the whole list, but names no
 * suggestion, and an input the action never reads changes nothing silently.
 */
export function inputTypoWarnings(env: NodeJS.ProcessEnv = process.env): string[] {
  const known = [...Object.keys(ACTION_INPUT_DEFAULTS), ...RUN_DEPENDENT_INPUTS]
  const byEnv = new Set(known.map((k) => `INPUT_${k.replace(/ /g, '_').toUpperCase()}`))
  return Object.keys(env)
    .filter((key) => key.startsWith('INPUT_') && !byEnv.has(key))
    .flatMap((key) => {
      const typed = key.slice('INPUT_'.length).toLowerCase()
      const near = nearest(typed, known)
      return near ? [`input ${typed} is not an input of graft-action, so it is ignored; did you mean ${near}?`] : []
    })
}

export function getPositiveInt(name: string, fallback: number): number {
  const raw = getString(name)
  return raw === '' ? fallback : parsePositiveInt(raw, `input ${name}`, fallback)
}

/** `working-directory`, relative to the workspace the runner checked out. */
export function getRoot(): string {
  const dir = getString('working-directory', '.')
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
  return isAbsolute(dir) ? dir : resolve(workspace, dir)
}

/**
 * `file` (relative to the working-directory, or absolute) as GitHub reads an
 * annotation's path: relative to the repository root (GITHUB_WORKSPACE), `/`-separated.
 * A path outside the workspace stays absolute (GitHub then shows no file).
 */
export function annotationPath(file: string | undefined): string | undefined {
  if (!file) return undefined
  const workspace = resolve(process.env.GITHUB_WORKSPACE || process.cwd())
  const rel = relative(workspace, resolve(getRoot(), file))
  return isWithin(workspace, resolve(getRoot(), file)) ? rel.split(sep).join('/') : file
}

/**
 * The pipeline a run is about: its working-directory relative to the
 * workspace, `/`-separated, without `./` or a trailing slash; `.` for the
 * workspace itself. `packages/api`, `./packages/api/` and an absolute path to
 * it are one pipeline (one sticky comment).
 */
export function pipelineOf(root: string = getRoot()): string {
  const workspace = resolve(process.env.GITHUB_WORKSPACE || process.cwd())
  const rel = relative(workspace, resolve(root)).split(sep).join('/')
  return rel === '' ? '.' : rel
}

/** Warns once when the working-directory lies outside the checked-out workspace. */
function warnOutsideWorkspace(root: string): void {
  const workspace = process.env.GITHUB_WORKSPACE
  if (!workspace) return
  if (!isWithin(resolve(workspace), root)) {
    core.warning(
      escapeLog(
        `working-directory ${root} is outside the workspace ${workspace}: graft-action reads files the checkout did not put there. ` +
          'Set working-directory to a folder of the repository, relative to the workspace.'
      )
    )
  }
}

export function readValidateInputs(): ValidateInputs {
  const root = getRoot()
  warnOutsideWorkspace(root)
  return {
    root,
    engine: parseEngineChoice(getString('engine', 'auto'), 'input engine'),
    targets: parseTargetList(core.getInput('targets')),
    downstream: parseDownstream(getString('downstream', DEFAULT_DOWNSTREAM), 'input downstream'),
    failOnStale: getBoolean('fail-on-stale', false),
    cache: getBoolean('cache', true),
    dvcVersion: getString('dvc-version', DEFAULT_DVC_VERSION),
    handEdits: parseHandEditPolicy(getString('hand-edits', DEFAULT_HAND_EDITS), 'input hand-edits')
  }
}

export interface GenerateInputs extends ValidateInputs {
  force: boolean
  model: string
  /** the `aws-region` input; empty: the region is found as the SDK finds it (render/region.ts, resolved by the caller) */
  awsRegion: string
  maxTokens: number
  concurrency: number
  timeoutMinutes: number
  dryRun: boolean
  budget: Budget
  /** UPDATE/REFINE/REFRESH: edits to the previous draft, or the whole document */
  updateStyle: UpdateStyle
  /** `model-prices`: the run's own prices, over the list prices */
  prices: PriceOverrides
}

/** The `model` input, checked as an input: a typo fails here, naming the input, not a prompt. */
function getModel(): string {
  const model = getString('model', DEFAULT_MODEL)
  resolveModelSetting(model, 'input model')
  return model
}

export function readGenerateInputs(): GenerateInputs {
  return {
    ...readValidateInputs(),
    force: getBoolean('force', false),
    model: getModel(),
    awsRegion: getString('aws-region'),
    maxTokens: getPositiveInt('max-tokens', DEFAULT_MAX_TOKENS),
    concurrency: getPositiveInt('concurrency', DEFAULT_CONCURRENCY),
    timeoutMinutes: getPositiveInt('timeout-minutes', DEFAULT_TIMEOUT_MINUTES),
    dryRun: getBoolean('dry-run', false),
    updateStyle: parseUpdateStyle(getString('update-style', DEFAULT_UPDATE_STYLE), 'input update-style'),
    budget: {
      maxDocuments: getPositiveInt('max-documents', DEFAULT_MAX_DOCUMENTS),
      maxInputTokens: getPositiveInt('max-input-tokens', DEFAULT_MAX_INPUT_TOKENS),
      maxOutputTokens: getPositiveInt('max-output-tokens', DEFAULT_MAX_OUTPUT_TOKENS),
      maxCostUsd: parseUsd(getString('max-cost-usd'), 'input max-cost-usd')
    },
    prices: parseModelPrices(core.getInput('model-prices'), 'input model-prices')
  }
}

export interface PublishInputs {
  push: boolean
  identity: { name: string; email: string }
  token: string
  /**
   * The GitHub server the token belongs to (GITHUB_SERVER_URL, set on every
   * runner): git sends the token to no other origin (io/git.ts).
   */
  server?: string
  comment: boolean
  allowUntrustedHead: boolean
  /** `api`: GraphQL createCommitOnBranch (Verified, author = the token); `git`: git commit and push */
  commitVia: 'api' | 'git'
  /** when protection refuses the commit: one rolling pull request, or fail */
  onProtected: 'pull-request' | 'fail'
}

export function readPublishInputs(): PublishInputs {
  const token = getString('token', process.env.GITHUB_TOKEN ?? '')
  maskSecret(token)
  return {
    push: getBoolean('push', true),
    identity: {
      name: getString('commit-user-name', DEFAULT_COMMIT_USER_NAME),
      email: getString('commit-user-email', DEFAULT_COMMIT_USER_EMAIL)
    },
    token,
    server: process.env.GITHUB_SERVER_URL || undefined,
    comment: getBoolean('comment', true),
    allowUntrustedHead: getBoolean('allow-untrusted-head', false),
    commitVia: getChoice('commit-via', ['api', 'git'] as const, DEFAULT_COMMIT_VIA),
    onProtected: getChoice('on-protected', ['pull-request', 'fail'] as const, DEFAULT_ON_PROTECTED)
  }
}
