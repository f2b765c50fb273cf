// Outgoing HTTP through the proxy the environment names (core/io/proxy.ts):
// the real agent against a loopback CONNECT proxy and a loopback server whose
// name only the proxy resolves.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, get, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { EnvProxyAgent, proxyFor } from '../../../src/core/io/proxy.js'
import { ConnectProxy } from '../../support/connect-proxy.js'

const KEYS = [
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy'
]
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]))
function useEnv(env: Record<string, string>): void {
  for (const k of KEYS) delete process.env[k]
  Object.assign(process.env, env)
}
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
})

describe('proxyFor', () => {
  it('HTTPS_PROXY for https, HTTP_PROXY for http, either case; none when unset', () => {
    useEnv({ HTTPS_PROXY: 'http://proxy.corp:3128', http_proxy: 'http://plain.corp:8080' })
    expect(proxyFor('https://bedrock-runtime.us-east-1.amazonaws.com')).toBe('http://proxy.corp:3128')
    expect(proxyFor('http://example.com')).toBe('http://plain.corp:8080')
    useEnv({})
    expect(proxyFor('https://api.github.com')).toBeUndefined()
  })

  it('NO_PROXY: exact hosts, domain suffixes, ports, and *', () => {
    useEnv({ HTTPS_PROXY: 'http://proxy.corp:3128', NO_PROXY: 'api.github.com,.internal,git.corp:8443' })
    expect(proxyFor('https://api.github.com/repos')).toBeUndefined()
    expect(proxyFor('https://ghe.internal')).toBeUndefined()
    expect(proxyFor('https://git.corp:8443')).toBeUndefined()
    expect(proxyFor('https://git.corp')).toBe('http://proxy.corp:3128')
    useEnv({ HTTPS_PROXY: 'http://proxy.corp:3128', no_proxy: '*' })
    expect(proxyFor('https://anything.example')).toBeUndefined()
  })
})

describe('EnvProxyAgent', () => {
  let server: Server
  let proxy: ConnectProxy
  let port: number
  beforeAll(async () => {
    server = createServer((req, res) => res.end(`hello ${req.url}`))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
    proxy = await new ConnectProxy().start()
  })
  afterAll(async () => {
    await proxy.stop()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  function fetchVia(agent: EnvProxyAgent, url: string): Promise<string> {
    return new Promise((resolve, reject) => {
      get(url, { agent }, (res) => {
        let body = ''
        res.on('data', (c: Buffer) => (body += c.toString()))
        res.on('end', () => resolve(body))
      }).on('error', reject)
    })
  }

  it('tunnels through the proxy when one applies, decided per request from the environment', async () => {
    const agent = new EnvProxyAgent()
    useEnv({ HTTP_PROXY: proxy.url })
    expect(await fetchVia(agent, `http://service.proxy.test:${port}/x`)).toBe('hello /x')
    expect(proxy.tunnels).toContain(`service.proxy.test:${port}`)
    // NO_PROXY now names the host: the same agent goes direct (and the name does not resolve)
    useEnv({ HTTP_PROXY: proxy.url, NO_PROXY: 'service.proxy.test' })
    await expect(fetchVia(agent, `http://service.proxy.test:${port}/y`)).rejects.toMatchObject({ code: 'ENOTFOUND' })
    // a host NO_PROXY does not name still goes through the proxy (loopback included, as curl does)
    expect(await fetchVia(agent, `http://127.0.0.1:${port}/z`)).toBe('hello /z')
    expect(proxy.tunnels.at(-1)).toBe(`127.0.0.1:${port}`)
    agent.destroy()
  })
})
