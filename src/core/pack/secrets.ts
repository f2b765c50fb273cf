// The last line of defence before a model call: the packed prompt must hold
// none of the secrets this run knows (the token and its base64 forms, AWS
// secret and session keys, every value the adapter masked) and no string
// shaped like a credential. A hit stops the run before anything is sent.
import { GraftError } from '../errors.js'
import { SECRET_SHAPES } from './secret-shapes.js'

/** Shorter values are too likely to occur by chance (and GitHub masks nothing that short either). */
const MIN_SECRET_LENGTH = 8

/**
 * The values to look for: each given secret, and the base64 forms a token takes
 * in git's `http.extraheader` (`x-access-token:<token>`) and alone.
 */
export function secretForms(secrets: Iterable<string | undefined>): string[] {
  const forms = new Set<string>()
  for (const secret of secrets) {
    const value = secret?.trim()
    if (!value || value.length < MIN_SECRET_LENGTH) continue
    forms.add(value)
    forms.add(Buffer.from(value).toString('base64').replace(/=+$/, ''))
    forms.add(Buffer.from(`x-access-token:${value}`).toString('base64').replace(/=+$/, ''))
  }
  return [...forms]
}

/** The secrets a process environment holds that must never reach a prompt (the SDK's and git's). */
export function environmentSecrets(env: NodeJS.ProcessEnv): string[] {
  return [
    env.AWS_SECRET_ACCESS_KEY,
    env.AWS_SESSION_TOKEN,
    env.GITHUB_TOKEN,
    env.GH_TOKEN,
    env.ACTIONS_RUNTIME_TOKEN
  ].filter((v): v is string => typeof v === 'string' && v !== '')
}

/**
 * Throws when `packed` holds a known secret or a credential-shaped string.
 * `document` is the output being generated; the error names the file the
 * secret came from, read from the packed prompt's section markers.
 * @throws GraftError before any model call.
 */
export function assertNoSecrets(
  packed: string,
  knownForms: readonly string[],
  context: { document: string; prompt: string }
): void {
  for (const form of knownForms) {
    const at = packed.indexOf(form)
    if (at >= 0) throw leak(packed, at, 'a secret of this run (a token or key the runner holds)', context)
  }
  for (const shape of SECRET_SHAPES) {
    shape.pattern.lastIndex = 0
    for (let m = shape.pattern.exec(packed); m; m = shape.pattern.exec(packed)) {
      if (!shape.harmless?.(m[0])) throw leak(packed, m.index, shape.name, context)
    }
  }
}

function leak(packed: string, at: number, what: string, context: { document: string; prompt: string }): GraftError {
  const source = sourceAt(packed, at, context)
  return new GraftError({
    file: source,
    message: `stopped before calling the model for ${context.document}: the packed prompt holds ${what}, from ${source}`,
    hint: `remove the secret from ${source} (and rotate it if it was ever pushed), or drop that file from the prompt's deps; nothing was sent`
  })
}

/** Which file a position of the packed prompt shows: a diff's `+++ b/P`, the previous draft, or the prompt. */
function sourceAt(packed: string, at: number, context: { document: string; prompt: string }): string {
  const before = packed.slice(0, at)
  const section = /---BEGIN ([A-Z ]+)---/g
  let name = ''
  for (let m = section.exec(before); m; m = section.exec(before)) name = m[1]
  if (name === 'PREVIOUS DRAFT') return context.document
  if (name === 'SOURCE DIFF') {
    const headers = [...before.matchAll(/^(?:\+\+\+ b|--- a)\/(.+)$/gm)]
    if (headers.length > 0) return headers[headers.length - 1][1]
  }
  return context.prompt
}
