// A loopback forward proxy that speaks only CONNECT, as corporate HTTPS
// proxies do: it records each tunnel's target and connects it to 127.0.0.1 on
// the requested port, whatever the host name. So a client told to use it can
// name a host no resolver knows (bedrock.proxy.test) and still reach a loopback
// server — which proves the request went through the proxy: without it the
// name fails with ENOTFOUND. Requests in any other form get 405.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'

export class ConnectProxy {
  /** `host:port` of every CONNECT, in order */
  readonly tunnels: string[] = []
  /** request lines the proxy refused (not CONNECT) */
  readonly refused: string[] = []
  private readonly server: Server
  private readonly sockets = new Set<Socket>()

  constructor() {
    this.server = createServer((req, res) => {
      this.refused.push(`${req.method} ${req.url}`)
      res.writeHead(405, { 'content-type': 'text/plain' })
      res.end('this proxy only tunnels (CONNECT)\n')
    })
    this.server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => this.tunnel(req, client, head))
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    return this
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private tunnel(req: IncomingMessage, client: Socket, head: Buffer): void {
    const target = req.url ?? ''
    this.tunnels.push(target)
    const port = Number(/:(\d+)$/.exec(target)?.[1])
    this.sockets.add(client)
    client.on('close', () => this.sockets.delete(client))
    client.on('error', () => client.destroy())
    if (!Number.isInteger(port) || port < 1) {
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n')
      return
    }
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    this.sockets.add(upstream)
    upstream.on('close', () => this.sockets.delete(upstream))
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'))
  }
}
