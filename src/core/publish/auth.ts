// Authentication for one git command at a time. The token travels as an HTTP
// header given to that one process as command-line configuration (the git
// runner's GIT_CONFIG_* variables): never in .git/config, never in the remote
// URL, never on a command line (where `ps` and error messages would show it),
// and only to a remote reached over HTTP(S) — a token means nothing to a
// local path or an SSH remote, so they never see it.
import type { ConfigEntry, Git } from '../io/git.js'
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

/** Whether git reaches `remoteUrl` over HTTP(S), where the token header applies. */
export function isHttpRemote(remoteUrl: string): boolean {
  return /^https?:\/\//i.test(remoteUrl)
}

/** The configuration that adds the header to one git process. */
export function authConfig(remoteUrl: string, token: string): ConfigEntry[] {
  const key = extraHeaderKey(remoteUrl)
  return [
    // An empty value resets the header list (drops a persisted checkout header).
    { key, value: '' },
    { key, value: authHeader(token) }
  ]
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
  const result = await (await withToken(git, remote, token)).tryExec(args)
  return { code: result.code, stdout: scrubSecret(result.stdout, token), stderr: scrubSecret(result.stderr, token) }
}

/** `git` with the token's header for `remote` when it is reached over HTTP(S); `git` itself otherwise. */
export async function withToken(git: Git, remote: string, token: string | undefined): Promise<Git> {
  if (!token) return git
  const url = await remoteUrl(git, remote)
  return isHttpRemote(url) ? git.withConfig(authConfig(url, token)) : git
}

/** The URL git will use for `remote` (insteadOf applied); a URL or path passes through. */
async function remoteUrl(git: Git, remote: string): Promise<string> {
  const r = await git.tryExec(['remote', 'get-url', remote])
  return r.code === 0 ? r.stdout.trim() : remote
}
