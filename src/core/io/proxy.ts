// Outgoing HTTP(S) through the proxy the environment names, as curl, git and
// the AWS CLI do: HTTPS_PROXY for https URLs, HTTP_PROXY for http ones (either
// case; ALL_PROXY as a fallback), NO_PROXY for hosts reached directly. The
// rules are proxy-from-env's; the tunnel (CONNECT, then TLS to the target for
// https) is https-proxy-agent's. Corporate runners and laptops need this: Node's
// own http module ignores these variables (before Node 24's NODE_USE_ENV_PROXY).
import type { ClientRequest } from 'node:http'
import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { Agent, type AgentConnectOpts } from 'agent-base'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { getProxyForUrl } from 'proxy-from-env'

/**
 * An http.Agent that decides per request: directly (a plain keep-alive agent)
 * when no proxy applies to the target URL, else through a CONNECT tunnel to
 * the proxy, one tunnel agent per proxy URL. The environment is read at each
 * request, so a process may set it after creating the agent.
 */
export class EnvProxyAgent extends Agent {
  private readonly direct: { http: HttpAgent; https: HttpsAgent }
  private readonly tunnels = new Map<string, HttpsProxyAgent<string>>()

  constructor() {
    super({ keepAlive: true })
    this.direct = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) }
  }

  connect(_req: ClientRequest, opts: AgentConnectOpts): HttpAgent {
    const scheme = opts.secureEndpoint ? 'https' : 'http'
    const proxy = proxyFor(`${scheme}://${hostForUrl(opts.host ?? 'localhost')}:${opts.port}`)
    if (!proxy) return this.direct[scheme]
    let tunnel = this.tunnels.get(proxy)
    if (!tunnel) {
      tunnel = new HttpsProxyAgent(proxy, { keepAlive: true })
      this.tunnels.set(proxy, tunnel)
    }
    return tunnel
  }

  /** Closes every pooled socket (direct and tunnelled). */
  override destroy(): void {
    this.direct.http.destroy()
    this.direct.https.destroy()
    for (const tunnel of this.tunnels.values()) tunnel.destroy()
    super.destroy()
  }
}

/**
 * The proxy URL for `url` under the environment's HTTPS_PROXY / HTTP_PROXY /
 * ALL_PROXY / NO_PROXY, or undefined for a direct connection.
 */
export function proxyFor(url: string): string | undefined {
  return getProxyForUrl(url) || undefined
}

/** IPv6 literals go in brackets in a URL. */
function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}
