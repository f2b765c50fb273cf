// Strings that are credentials by their shape alone, whatever they are assigned
// to. Prefixes from AWS's access key id format and GitHub's token formats.

export interface SecretShape {
  name: string
  pattern: RegExp
  /** documented example values that are safe to show */
  harmless?: (hit: string) => boolean
}

/** AWS's documentation examples (AKIAIOSFODNN7EXAMPLE, …) end in EXAMPLE. */
const awsExample = (hit: string): boolean => hit.endsWith('EXAMPLE')

export const SECRET_SHAPES: readonly SecretShape[] = [
  { name: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, harmless: awsExample },
  { name: 'a GitHub token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}\b/g },
  { name: 'a GitHub fine-grained token', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,}\b/g }
]
