// A loopback stand-in for GitHub's cache service as @actions/cache v6 speaks
// to it (cache service v2): Twirp JSON calls at
// ACTIONS_RESULTS_URL/twirp/github.actions.results.api.v1.CacheService/<Method>
// — CreateCacheEntry, FinalizeCacheEntryUpload, GetCacheEntryDownloadURL —
// and the archive itself through "signed" blob URLs on the same server: an
// Azure Blob single-shot PUT (x-ms-blob-type: BlockBlob, what the toolkit's
// Azure SDK sends for archives under 128 MiB) to upload, a plain GET to
// download (the toolkit downloads non-*.blob.core.windows.net URLs with its
// HTTP client). Entries are immutable, looked up by key and version, then by
// restore-key prefix, newest first, as the real service does. Every call is
// recorded for assertions. `mode` makes it have a bad day: 'unavailable'
// answers every request with 503 (as the service does during an incident),
// 'silent' accepts every connection and never answers, 'slow' answers every
// request correctly but only after `delayMs` (under the action's limit per
// call), 'trickle' sends a 200's headers and then its body a byte a second,
// 'reset' drops every connection unanswered (ECONNRESET), 'malformed' answers
// 200 with a body that is not Twirp's JSON, 'status' answers every request
// with `status` and a Twirp error (429 as when the service throttles a
// repository, 400 as the retired service answered). The protocol was read from
// node_modules/@actions/cache/lib (cache.js, internal/shared/cacheTwirpClient.js,
// internal/uploadUtils.js, internal/downloadUtils.js, generated/results/api/v1/cache.js).
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

const SERVICE = '/twirp/github.actions.results.api.v1.CacheService/'
const BLOB = /^\/devstoreaccount1\/actions-cache\/([0-9a-f-]+)$/

interface Entry {
  key: string
  version: string
  blobId: string
  finalized: boolean
  created: number
}

export interface CacheCall {
  method: string
  key?: string
  /** GetCacheEntryDownloadURL: whether an entry was found */
  hit?: boolean
}

/** How the service behaves: well, down (503 to everything), or accepting connections and never answering. */
export type CacheMode = 'normal' | 'unavailable' | 'silent' | 'slow' | 'trickle' | 'reset' | 'malformed' | 'status'

export class CacheServer {
  readonly calls: CacheCall[] = []
  mode: CacheMode = 'normal'
  /** how long the 'slow' mode waits before each answer */
  delayMs = 1500
  /** what the 'status' mode answers */
  status = 429
  /** requests that reached the service in a mode other than 'normal' and 'slow' */
  refused = 0
  /** requests answered late in the 'slow' mode */
  delayed = 0
  private readonly entries: Entry[] = []
  private readonly blobs = new Map<string, Buffer>()
  private readonly server: Server
  private counter = 0

  constructor() {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ code: 'internal', msg: String(err) }))
      })
    })
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    return this
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo
    return `http://127.0.0.1:${port}/`
  }

  /** The environment a runner gives a job so @actions/cache finds this service. */
  env(): Record<string, string> {
    return {
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: this.url,
      ACTIONS_RUNTIME_TOKEN: 'loopback-runtime-token'
    }
  }

  /** Keys of the finalized entries, oldest first. */
  get keys(): string[] {
    return this.entries.filter((e) => e.finalized).map((e) => e.key)
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.mode === 'silent') {
      this.refused++
      return // the socket stays open, unanswered, until close()
    }
    if (this.mode === 'unavailable') {
      this.refused++
      req.resume()
      res.writeHead(503, { 'content-type': 'text/plain' })
      return void res.end('Service Unavailable')
    }
    if (this.mode === 'reset') {
      this.refused++
      return void req.socket.destroy()
    }
    if (this.mode === 'status') {
      this.refused++
      req.resume()
      const code = this.status === 429 ? 'resource_exhausted' : 'invalid_argument'
      return twirpError(res, this.status, code, `cache service answers ${this.status}`)
    }
    if (this.mode === 'malformed') {
      this.refused++
      req.resume()
      res.writeHead(200, { 'content-type': 'application/json' })
      return void res.end('<html><body>upstream connect error or disconnect/reset before headers</body></html>')
    }
    if (this.mode === 'trickle') {
      this.refused++
      req.resume()
      res.writeHead(200, { 'content-type': 'application/json' })
      const body = JSON.stringify({ ok: false, message: 'x'.repeat(600) })
      let sent = 0
      const timer = setInterval(() => {
        if (res.destroyed || sent >= body.length) {
          clearInterval(timer)
          if (!res.destroyed) res.end()
          return
        }
        res.write(body[sent++])
      }, 1000)
      res.on('close', () => clearInterval(timer))
      return
    }
    if (this.mode === 'slow') {
      this.delayed++
      await new Promise((resolve) => setTimeout(resolve, this.delayMs))
    }
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const url = new URL(req.url ?? '/', this.url)
    if (req.method === 'POST' && url.pathname.startsWith(SERVICE)) {
      if (req.headers.authorization !== 'Bearer loopback-runtime-token')
        return twirpError(res, 401, 'unauthenticated', 'no runtime token')
      return this.rpc(url.pathname.slice(SERVICE.length), JSON.parse(body.toString('utf8') || '{}'), res)
    }
    const blob = BLOB.exec(url.pathname)
    if (blob && req.method === 'PUT') return this.upload(blob[1], url, req, body, res)
    if (blob && req.method === 'GET') return this.download(blob[1], url, res)
    res.writeHead(404)
    res.end()
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private rpc(method: string, request: any, res: ServerResponse): void {
    const key = typeof request.key === 'string' ? request.key : undefined
    const version = typeof request.version === 'string' ? request.version : ''
    switch (method) {
      case 'CreateCacheEntry': {
        this.calls.push({ method, key })
        if (this.entries.some((e) => e.key === key && e.version === version)) {
          return json(res, { ok: false, message: `cache entry ${key} already exists` })
        }
        const entry: Entry = {
          key: key ?? '',
          version,
          blobId: randomUUID(),
          finalized: false,
          created: ++this.counter
        }
        this.entries.push(entry)
        return json(res, { ok: true, signed_upload_url: this.blobUrl(entry, 'upload') })
      }
      case 'FinalizeCacheEntryUpload': {
        this.calls.push({ method, key })
        const entry = this.entries.find((e) => e.key === key && e.version === version && !e.finalized)
        if (!entry || !this.blobs.has(entry.blobId)) return json(res, { ok: false, message: `no upload for ${key}` })
        entry.finalized = true
        return json(res, { ok: true, entry_id: String(entry.created) })
      }
      case 'GetCacheEntryDownloadURL': {
        const restoreKeys: string[] = Array.isArray(request.restore_keys) ? request.restore_keys : []
        const found = this.lookup(key ?? '', restoreKeys, version)
        this.calls.push({ method, key, hit: found !== undefined })
        if (!found) return json(res, { ok: false })
        return json(res, { ok: true, signed_download_url: this.blobUrl(found, 'download'), matched_key: found.key })
      }
    }
    twirpError(res, 404, 'bad_route', `no method ${method}`)
  }

  /** Exact key first, then each restore key as a prefix; newest entry wins; version must match. */
  private lookup(key: string, restoreKeys: string[], version: string): Entry | undefined {
    const usable = this.entries
      .filter((e) => e.finalized && e.version === version)
      .sort((a, b) => b.created - a.created)
    const exact = usable.find((e) => e.key === key)
    if (exact) return exact
    for (const prefix of [key, ...restoreKeys]) {
      const match = usable.find((e) => e.key.startsWith(prefix))
      if (match) return match
    }
    return undefined
  }

  private blobUrl(entry: Entry, use: 'upload' | 'download'): string {
    return `${this.url}devstoreaccount1/actions-cache/${entry.blobId}?sp=${use === 'upload' ? 'w' : 'r'}&sig=${entry.blobId.slice(0, 8)}`
  }

  private upload(id: string, url: URL, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    const entry = this.entries.find((e) => e.blobId === id)
    if (!entry || url.searchParams.get('sp') !== 'w' || entry.finalized)
      return blobError(res, 403, 'AuthorizationPermissionMismatch')
    if (req.headers['x-ms-blob-type'] !== 'BlockBlob') return blobError(res, 400, 'InvalidHeaderValue')
    this.blobs.set(id, body)
    res.writeHead(201, {
      etag: `"0x${entry.created.toString(16)}"`,
      'last-modified': new Date().toUTCString(),
      'x-ms-request-id': randomUUID(),
      'x-ms-version': '2024-11-04',
      'x-ms-request-server-encrypted': 'true'
    })
    res.end()
  }

  private download(id: string, url: URL, res: ServerResponse): void {
    const bytes = this.blobs.get(id)
    if (!bytes || url.searchParams.get('sp') !== 'r') return blobError(res, 404, 'BlobNotFound')
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) })
    res.end(bytes)
  }
}

function json(res: ServerResponse, body: object): void {
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

function twirpError(res: ServerResponse, status: number, code: string, msg: string): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify({ code, msg }))
}

function blobError(res: ServerResponse, status: number, code: string): void {
  res.writeHead(status, { 'content-type': 'application/xml', 'x-ms-error-code': code })
  res.end(`<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code></Error>`)
}
