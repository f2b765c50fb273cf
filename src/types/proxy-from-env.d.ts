// proxy-from-env 2 ships no type declarations.
declare module 'proxy-from-env' {
  /** The proxy URL for `url` under HTTPS_PROXY/HTTP_PROXY/ALL_PROXY/NO_PROXY (any case), or '' for none. */
  export function getProxyForUrl(url: string | URL): string
}
