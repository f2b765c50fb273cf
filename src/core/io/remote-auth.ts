// Authentication for one git command at a time. The token travels as an HTTP
// header given to that one process as command-line configuration (the git
// runner's GIT_CONFIG_* variables): never in .git/config, never in the remote
// URL, never on a command line (where `ps` and error messages would show it),
// and only to a remote reached over HTTP(S) — a token means nothing to a
// local path or an SSH remote, so they never see it.
import { GraftError } from '../errors.js'
import type { Git } from './git.js'
import { scrubSecret } from './git-auth.js'
import type { RunResult } from './exec.js'

export { authConfig, authHeader, extraHeaderKey, isHttpRemote, scrubSecret } from '../io/git-auth.js'

/**
 * Runs one git command against `remote` with the token (when given); never
 * throws for a non-zero exit, and the returned output carries no secret.
 */
export async function gitWithAuth(
  git: Git,
  remote: string,
  token: string | undefined,
  args: string[]
): Promise<RunResult> {
  const result = await (await withToken(git, remote, token)).tryExec(args)
  return { code: result.code, stdout: scrubSecret(result.stdout, token), stderr: scrubSecret(result.stderr, token) }
}

/**
 * git's words when the remote did not take the credentials it was given (HTTP
 * 401): git then asks for a user name, which it may not prompt for in CI.
 */
export function isTokenRefused(text: string): boolean {
  return /could not read Username|terminal prompts disabled|returned error: 401|Authentication failed|Invalid username or password/i.test(
    text
  )
}

/** What to do about a token GitHub refused with 401 (expired or revoked), for git and for the API alike. */
export const EXPIRED_TOKEN_HINT =
  'a GitHub App installation token (actions/create-github-app-token) lasts one hour from its creation: create it in the same job right before this step, and keep the run under the hour (fewer documents per run: max-documents or targets); replace a revoked or expired personal access token in its secret; then re-run the workflow'

/**
 * The error for a token the remote refused while `doing` (e.g. "pushing to
 * main"): what it means, and what to do — never git's "could not read Username".
 */
export function tokenRefused(doing: string, token: string | undefined): GraftError {
  return new GraftError({
    message: token
      ? `origin refused the token while ${doing} (HTTP 401): it has expired or was revoked`
      : `origin asked for credentials while ${doing} (HTTP 401), and the action was given no token`,
    hint: token
      ? EXPIRED_TOKEN_HINT
      : 'pass `token` (the default ${{ github.token }}, or an App token or PAT that may write to the repository), then re-run the workflow'
  })
}

/**
 * `git` with the token's header for `remote` when it is reached over HTTP(S)
 * (io/git.ts withRemoteAuth: only where the token belongs); `git` itself otherwise.
 */
export async function withToken(git: Git, remote: string, token: string | undefined): Promise<Git> {
  return token ? git.withRemoteAuth(remote, token) : git
}
