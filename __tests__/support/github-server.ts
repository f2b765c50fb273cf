// A loopback stand-in for the part of the GitHub REST API the sticky PR
// comment uses: list (paginated, with Link headers), create, update. Records
// every request, and can be switched to refuse them all as GitHub does for a
// token without the permission.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  /** path with query string, e.g. /repos/o/r/issues/1/comments?per_page=100&page=1 */
  path: string
  authorization?: string
  body?: unknown
}

export interface IssueComment {
  id: number
  body: string
  user: { login: string; type: string }
  html_url: string
}

export interface Refusal {
  status: number
  message: string
}

export class GitHubServer {
  readonly requests: RecordedRequest[] = []
  /** `owner/repo#n` → comments, oldest first */
  readonly issues = new Map<string, IssueComment[]>()
  /** when set, every request is answered with this status and message */
  refuse?: Refusal
  private nextId = 1000

  private constructor(
    private readonly server: Server,
    readonly url: string
  ) {}

  static async start(): Promise<GitHubServer> {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const instance = new GitHubServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`)
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void instance.handle(req, res))
    return instance
  }

  /** The GitHub refusal a workflow token without `pull-requests: write` gets. */
  static readonly NOT_ACCESSIBLE: Refusal = { status: 403, message: 'Resource not accessible by integration' }

  comments(owner: string, repo: string, issue: number): IssueComment[] {
    const key = `${owner}/${repo}#${issue}`
    if (!this.issues.has(key)) this.issues.set(key, [])
    return this.issues.get(key)!
  }

  addComment(owner: string, repo: string, issue: number, body: string, login = 'someone'): IssueComment {
    const comment = this.newComment(owner, repo, issue, body, login)
    this.comments(owner, repo, issue).push(comment)
    return comment
  }

  async close(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve))
  }

  private newComment(owner: string, repo: string, issue: number, body: string, login: string): IssueComment {
    const id = this.nextId++
    const type = login.endsWith('[bot]') ? 'Bot' : 'User'
    return { id, body, user: { login, type }, html_url: `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${id}` }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req)
    const body = raw ? (JSON.parse(raw) as unknown) : undefined
    const path = req.url ?? '/'
    this.requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body })
    if (this.refuse) return send(res, this.refuse.status, { message: this.refuse.message })

    const url = new URL(path, this.url)
    const list = url.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/)
    const one = url.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/)
    if (list && req.method === 'GET') return this.list(res, url, list[1], list[2], Number(list[3]))
    if (list && req.method === 'POST') {
      const comment = this.newComment(list[1], list[2], Number(list[3]), (body as { body: string }).body, 'github-actions[bot]')
      this.comments(list[1], list[2], Number(list[3])).push(comment)
      return send(res, 201, comment)
    }
    if (one && req.method === 'PATCH') {
      const id = Number(one[3])
      const comment = [...this.issues.values()].flat().find((c) => c.id === id)
      if (!comment) return send(res, 404, { message: 'Not Found' })
      comment.body = (body as { body: string }).body
      return send(res, 200, comment)
    }
    send(res, 404, { message: 'Not Found' })
  }

  private list(res: ServerResponse, url: URL, owner: string, repo: string, issue: number): void {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100)
    const page = Number(url.searchParams.get('page') ?? 1)
    const all = this.comments(owner, repo, issue)
    const last = Math.max(1, Math.ceil(all.length / perPage))
    const pageUrl = (p: number): string => {
      const u = new URL(url)
      u.searchParams.set('per_page', String(perPage))
      u.searchParams.set('page', String(p))
      return u.toString()
    }
    const links = []
    if (page < last) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(last)}>; rel="last"`)
    if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(page - 1)}>; rel="prev"`)
    const headers: Record<string, string> = links.length > 0 ? { link: links.join(', ') } : {}
    send(res, 200, all.slice((page - 1) * perPage, page * perPage), headers)
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  res.end(JSON.stringify(body))
}
