// Source files sometimes hold example credentials (`.env` samples, CI snippets).
// Graft masks anything shaped like an AWS variable assignment before the text
// leaves the machine; so do we.

const AWS_ASSIGNMENT = /(AWS_[A-Z0-9_]*=)\S+/g

export function redactSecrets(text: string): string {
  return text.replace(AWS_ASSIGNMENT, '$1***')
}
