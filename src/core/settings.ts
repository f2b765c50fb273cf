// Settings given as text (action inputs, CLI options) turned into values, with
// one wording for every adapter's errors.
import { GraftError } from './errors.js'
import { DOWNSTREAM_POLICIES, type DownstreamPolicy } from './pipeline/targets.js'

/** The staleness engines a user may choose (validate.ts runs them). */
export const ENGINE_CHOICES = ['auto', 'native', 'dvc'] as const
export type EngineSetting = (typeof ENGINE_CHOICES)[number]

/**
 * A positive whole number from `raw`; `label` names the setting in the error
 * (e.g. "input concurrency", "--concurrency").
 * @throws GraftError when `raw` is not a whole number ≥ 1.
 */
export function parsePositiveInt(raw: string, label: string, example: number): number {
  const n = Number(raw.trim())
  if (raw.trim() === '' || !Number.isInteger(n) || n < 1) {
    throw new GraftError({ message: `${label} is "${raw}", not a positive whole number`, hint: `e.g. ${example}` })
  }
  return n
}

/** The largest max-cost-usd accepted: a larger figure is a slip (leave the setting empty for no limit). */
const MOST_USD = 1_000_000

/**
 * A run's limit in dollars from `raw` ("input max-cost-usd", "--max-cost-usd"):
 * a plain decimal number above 0 (`5`, `2.50`), up to a million; empty is no
 * limit (undefined).
 * @throws GraftError for anything else (0, negative, NaN, Infinity, exponents, units), naming the setting.
 */
export function parseUsd(raw: string, label: string): number | undefined {
  const text = raw.trim()
  if (text === '') return undefined
  const usd = /^(?:\d+(?:\.\d*)?|\.\d+)$/.test(text) ? Number(text) : NaN
  if (!Number.isFinite(usd) || usd <= 0 || usd > MOST_USD) {
    throw new GraftError({
      message: `${label} is "${raw}", not an amount of dollars above 0`,
      hint: `write a plain number of US dollars, e.g. 5 or 2.50 (no $ sign, at most ${MOST_USD}); leave it empty for no limit`
    })
  }
  return usd
}

/**
 * The engine choice from `raw`; `label` names the setting in the error
 * ("--engine", "input engine"). The same check for every command and input.
 * @throws GraftError when `raw` is not auto, native or dvc.
 */
export function parseEngineChoice(raw: string, label: string): EngineSetting {
  const value = raw.trim()
  if ((ENGINE_CHOICES as readonly string[]).includes(value)) return value as EngineSetting
  throw new GraftError({
    message: `${label} must be auto, native or dvc, not "${raw}"`,
    hint: 'auto: the real DVC when it is on PATH, else the native engine; native: no DVC needed; dvc: the real `dvc status`'
  })
}

/**
 * The downstream policy from `raw` ("--downstream", "input downstream").
 * @throws GraftError when `raw` is not include or report.
 */
export function parseDownstream(raw: string, label: string): DownstreamPolicy {
  const value = raw.trim()
  if ((DOWNSTREAM_POLICIES as readonly string[]).includes(value)) return value as DownstreamPolicy
  throw new GraftError({
    message: `${label} must be include or report, not "${raw}"`,
    hint: 'include: regenerate the targets with every document that reads them; report: only the targets, naming what is left stale'
  })
}
