// Settings given as text (action inputs, CLI options) turned into values, with
// one wording for every adapter's errors.
import { GraftError } from './errors.js'

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
