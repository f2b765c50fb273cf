// The token as git sends it to a remote over HTTP(S): one header, given to
// one git process as command-line configuration. Here (io/) because the git
// runner itself gives it to the fetches git makes on its own in a partial
// clone (old file contents), besides the commands that talk to the remote
// (io/remote-auth.ts).
import type { ConfigEntry } from './git.js'

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

/** `scheme://host[:port]` of an HTTP(S) URL, lower case, the default port left out; undefined for anything else. */
export function httpOrigin(remoteUrl: string): string | undefined {
  if (!isHttpRemote(remoteUrl)) return undefined
  try {
    return new URL(remoteUrl).origin.toLowerCase()
  } catch {
    return undefined
  }
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
