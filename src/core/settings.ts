// Settings given as text (action inputs, CLI options) turned into values, with
// one wording for every adapter's errors.
import { GraftError } from './errors.js'
import { nearest } from './nearest.js'

/** The staleness engines a user may choose (validate.ts runs them). */
export const ENGINE_CHOICES = ['auto', 'native', 'dvc'] as const
export type EngineSetting = (typeof ENGINE_CHOICES)[number]

/** What a targeted run does with what lies downstream of its targets (pipeline/targets.ts scopeOf; see defaults.ts). */
export const DOWNSTREAM_POLICIES = ['include', 'report'] as const
export type DownstreamPolicy = (typeof DOWNSTREAM_POLICIES)[number]

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
  return parseChoice(
    raw,
    ENGINE_CHOICES,
    label,
    'auto: the real DVC when it is on PATH, else the native engine; native: no DVC needed; dvc: the real `dvc status`'
  )
}

/**
 * The downstream policy from `raw` ("--downstream", "input downstream").
 * @throws GraftError when `raw` is not include or report.
 */
export function parseDownstream(raw: string, label: string): DownstreamPolicy {
  return parseChoice(
    raw,
    DOWNSTREAM_POLICIES,
    label,
    'include: regenerate the targets with every document that reads them; report: only the targets, naming what is left stale'
  )
}

/**
 * One of `choices` from `raw` (trimmed); `label` names the setting in the error
 * ("--engine", "input engine"), which lists the choices and suggests the nearest
 * one to what was typed. The one check behind every choice setting.
 * @throws GraftError when `raw` is none of `choices`.
 */
export function parseChoice<T extends string>(raw: string, choices: readonly T[], label: string, hint?: string): T {
  const value = raw.trim()
  if ((choices as readonly string[]).includes(value)) return value as T
  const near = nearest(value, choices)
  const list = choices.length > 1 ? `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}` : choices[0]
  throw new GraftError({
    message: `${label} must be ${list}, not "${raw}"${near ? `; did you mean "${near}"?` : ''}`,
    hint: hint ?? `use one of: ${choices.join(', ')}`
  })
}
