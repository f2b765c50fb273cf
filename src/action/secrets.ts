// Values the runner must never show: each is masked in the log (core.setSecret)
// and remembered, so generate can check every packed prompt for them before
// a model call (@actions/core keeps no list of what it masked).
import * as core from '@actions/core'
import { environmentSecrets } from '../core/pack/secrets.js'

const masked = new Set<string>()

/** Masks `value` in the log and remembers it. Empty values are ignored. */
export function maskSecret(value: string | undefined): void {
  if (!value) return
  core.setSecret(value)
  masked.add(value)
}

/** Every secret this run knows: masked values, the `token` input, and the AWS/GitHub keys in the environment. */
export function knownSecrets(): string[] {
  maskSecret(core.getInput('token').trim())
  for (const value of environmentSecrets(process.env)) maskSecret(value)
  return [...masked]
}
