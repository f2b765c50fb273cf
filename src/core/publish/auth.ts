// Authentication for one git command at a time. The token travels as an HTTP
// header set through GIT_CONFIG_* environment variables of that one process:
// never in .git/config, never in the remote URL, never on a command line
// (where `ps` and error messages would show it).
import type { Git } from '../io/git.js'
import type { RunResult } from '../io/exec.js'

/** The header GitHub accepts for a workflow token or a PAT over HTTPS. */
export function authHeader(token: string): string {
  return `AUTHORIZATION: basic ${basicCredentials(token)}`
}

function basicCredentials(token: string): string {
  return Buffer.from(`x-access-token:${token}`).toString('base64')
}

/**
 * The config key the header goes under. actions/checkout persists its own
 * header as `http.https://github.com/.extraheader`; git lets a URL-specific
 * key win over the generic `http.extraheader`, so for an http(s) remote the
 * header is set (after clearing that list) under the same URL-specific key.
 */
export function extraHeaderKey(remoteUrl: string): string {
  if (/^https?:\/\//i.test(remoteUrl)) {
    const url = new URL(remoteUrl)
    return `http.${url.protocol}//${url.host}/.extraheader`
  }
  return 'http.extraheader'
}

/** Environment that adds the header to one git process, after any GIT_CONFIG_* already set. */
export function authEnv(remoteUrl: string, token: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const key = extraHeaderKey(remoteUrl)
  const start = Number.parseInt(base.GIT_CONFIG_COUNT ?? '0', 10) || 0
  return {
    GIT_CONFIG_COUNT: String(start + 2),
    // An empty value resets the header list (drops a persisted checkout header).
    [`GIT_CONFIG_KEY_${start}`]: key,
    [`GIT_CONFIG_VALUE_${start}`]: '',
    [`GIT_CONFIG_KEY_${start + 1}`]: key,
    [`GIT_CONFIG_VALUE_${start + 1}`]: authHeader(token)
  }
}

/** Replaces the token, and its base64 form, wherever it appears. */
export function scrubSecret(text: string, token: string | undefined): string {
  if (!token) return text
  return [token, basicCredentials(token)].reduce((t, secret) => t.split(secret).join('***'), text)
}

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
  let runner = git
  if (token) {
    const url = await remoteUrl(git, remote)
    runner = git.withEnv(authEnv(url, token))
  }
  const result = await runner.tryExec(args)
  return { code: result.code, stdout: scrubSecret(result.stdout, token), stderr: scrubSecret(result.stderr, token) }
}

/** The URL git will use for `remote` (insteadOf applied); a URL or path passes through. */
async function remoteUrl(git: Git, remote: string): Promise<string> {
  const r = await git.tryExec(['remote', 'get-url', remote])
  return r.code === 0 ? r.stdout.trim() : remote
}
