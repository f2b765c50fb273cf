// A private git host on loopback: git's own smart-HTTP server (`git
// http-backend`, run as CGI per request) behind a check of the Authorization
// header, as GitHub answers for a private repository: no header → 401 (git then
// asks for a user name, which it may not prompt for), a wrong one → 403, and
// the token once revoked (or expired: revoke()) → 401, as GitHub answers a
// token that is no longer valid. Every request is recorded with the
// Authorization headers it carried. Partial clones (`--filter=blob:none`) are
// served, and the objects they fetch later one by one.
import { spawn } from 'node:child_process'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface GitRequest {
  method: string
  url: string
  authorization: string[]
}

export class GitHttpServer {
  readonly requests: GitRequest[] = []
  private server?: Server
  private revoked = false
  /**
   * Requests this picks are taken in whole and answered with headers and the
   * first bytes of git's answer, then nothing more: a host that hangs mid-pack.
   * The connection stays open until the server closes.
   */
  stallWhen?: (method: string, url: string) => boolean

  /**
   * @param projectRoot folder holding the bare repositories (served as /<name>.git)
   * @param token the one token admitted, sent as `basic base64(x-access-token:<token>)`
   */
  constructor(
    private readonly projectRoot: string,
    private readonly token: string
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res))
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    return this
  }

  /** http://127.0.0.1:<port>/ */
  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`
  }

  /** From now on the token is refused with 401, as GitHub refuses an expired or revoked token (false: valid again). */
  revoke(revoked = true): void {
    this.revoked = revoked
  }

  close(): Promise<void> {
    this.server?.closeAllConnections()
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const authorization = req.headersDistinct.authorization ?? []
    this.requests.push({ method: req.method ?? 'GET', url: req.url ?? '', authorization })
    const expected = `basic ${Buffer.from(`x-access-token:${this.token}`).toString('base64')}`
    if (authorization.length === 0) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="loopback git"', 'content-type': 'text/plain' })
      res.end('authentication required\n')
      return
    }
    if (this.revoked && authorization.length === 1 && authorization[0].toLowerCase() === expected.toLowerCase()) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="GitHub"', 'content-type': 'text/plain' })
      res.end('Invalid username or token. Password authentication is not supported for Git operations.\n')
      return
    }
    if (authorization.length !== 1 || authorization[0].toLowerCase() !== expected.toLowerCase()) {
      res.writeHead(403, { 'content-type': 'text/plain' })
      res.end('Permission to acme/docs.git denied.\n')
      return
    }
    if (this.stallWhen?.(req.method ?? 'GET', req.url ?? '')) {
      req.resume()
      req.on('end', () => {
        const service = (req.url ?? '').includes('receive-pack') ? 'receive-pack' : 'upload-pack'
        res.writeHead(200, { 'content-type': `application/x-git-${service}-result` })
        res.write('00') // half a packet line, then silence
      })
      return
    }
    this.backend(req, res)
  }

  /** One CGI run of `git http-backend`: its header lines become the response's status and headers. */
  private backend(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://loopback')
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: this.projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      REMOTE_USER: 'x-access-token',
      REMOTE_ADDR: '127.0.0.1',
      // partial clones, and the objects they fetch one by one afterwards
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'uploadpack.allowFilter',
      GIT_CONFIG_VALUE_0: 'true',
      GIT_CONFIG_KEY_1: 'uploadpack.allowAnySHA1InWant',
      GIT_CONFIG_VALUE_1: 'true',
      ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] } : {}),
      ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {})
    }
    const cgi = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'inherit'] })
    req.pipe(cgi.stdin)
    let head = Buffer.alloc(0)
    let headersSent = false
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headersSent) {
        res.write(chunk)
        return
      }
      head = Buffer.concat([head, chunk])
      const end =
        head.indexOf('\r\n\r\n') >= 0
          ? head.indexOf('\r\n\r\n') + 4
          : head.indexOf('\n\n') >= 0
            ? head.indexOf('\n\n') + 2
            : -1
      if (end < 0) return
      let status = 200
      for (const line of head.subarray(0, end).toString('latin1').split(/\r?\n/).filter(Boolean)) {
        const at = line.indexOf(':')
        const name = line.slice(0, at).trim()
        const value = line.slice(at + 1).trim()
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10)
        else res.setHeader(name, value)
      }
      res.writeHead(status)
      headersSent = true
      res.write(head.subarray(end))
    })
    cgi.on('close', () => {
      if (!headersSent) res.writeHead(502)
      res.end()
    })
  }
}
