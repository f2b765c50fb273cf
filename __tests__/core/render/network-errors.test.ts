// A connection that could not be made is named for what it is — DNS, a refused
// or unreachable host, TLS — and is not retried; credential advice suits who
// reads it (a workflow's author, or a person at a terminal).
import { describe, expect, it } from '@jest/globals'
import {
  classify,
  credentialsHint,
  errorFacts,
  networkProblem,
  renderFailure
} from '../../../src/core/render/errors.js'

const context = { label: 'docs/a.md', modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', region: 'us-east-1' }

/** A Node system error as the http module raises it. */
function systemError(code: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { code, ...extra })
}

describe('errorFacts and networkProblem', () => {
  it.each([
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND bedrock-runtime.us-esat-1.amazonaws.com', 'dns'],
    ['EAI_AGAIN', 'getaddrinfo EAI_AGAIN bedrock-runtime.us-east-1.amazonaws.com', 'dns'],
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1', 'refused'],
    ['EHOSTUNREACH', 'connect EHOSTUNREACH 10.0.0.1:443', 'refused'],
    ['CERT_HAS_EXPIRED', 'certificate has expired', 'tls'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain', 'tls'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unable to get local issuer certificate', 'tls'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number', 'tls'],
    ['EPROTO', 'write EPROTO …:SSL routines:ssl3_get_record:wrong version number', 'tls']
  ])('%s is a %s problem, fatal (not retried)', (code, message, problem) => {
    const facts = errorFacts(systemError(code, message))
    expect(facts.code).toBe(code)
    expect(networkProblem(facts)).toBe(problem)
    expect(classify(facts)).toBe('fatal')
  })

  it('a reset connection stays a retryable server failure, not a network verdict', () => {
    const facts = errorFacts(systemError('ECONNRESET', 'read ECONNRESET'))
    expect(networkProblem(facts)).toBeUndefined()
    expect(classify(facts)).toBe('server')
  })

  it('reads the code and address from the parts of an AggregateError (happy eyeballs)', () => {
    const aggregate = Object.assign(
      new AggregateError([systemError('ECONNREFUSED', 'connect ECONNREFUSED ::1:9', { address: '::1', port: 9 })], ''),
      {
        code: 'ECONNREFUSED'
      }
    )
    const facts = errorFacts(aggregate)
    expect(facts).toMatchObject({ code: 'ECONNREFUSED', host: '::1:9', message: 'connect ECONNREFUSED ::1:9' })
    expect(networkProblem(facts)).toBe('refused')
  })

  it('an HTTP status is never a network problem, whatever the message says', () => {
    const facts = errorFacts(
      Object.assign(new Error('ENOTFOUND in the body'), {
        name: 'ValidationException',
        $metadata: { httpStatusCode: 400 }
      })
    )
    expect(networkProblem(facts)).toBeUndefined()
  })
})

describe('renderFailure for network problems', () => {
  it('DNS: names the host and the proxy variables, never the model id', () => {
    const error = renderFailure(
      systemError('ENOTFOUND', 'getaddrinfo ENOTFOUND bedrock.example', { hostname: 'bedrock.example' }),
      context,
      1
    )
    const [p] = error.problems
    expect(p.message).toMatch(
      /^could not reach Bedrock at bedrock\.example: the host name did not resolve \(ENOTFOUND: /
    )
    expect(p.message).toContain('this is the network, DNS or a proxy, not the model id')
    expect(p.hint).toContain('HTTPS_PROXY')
    expect(p.hint).not.toMatch(/model id/)
    expect(error.kind).toBe('fatal')
  })

  it('TLS: points at NODE_EXTRA_CA_CERTS', () => {
    const [p] = renderFailure(
      systemError('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'),
      context,
      1
    ).problems
    expect(p.message).toMatch(/^the TLS connection to Bedrock failed/)
    expect(p.hint).toContain('NODE_EXTRA_CA_CERTS')
  })
})

describe('credentialsHint', () => {
  it('inside Actions: the workflow steps', () => {
    const hint = credentialsHint('actions')
    expect(hint).toContain('id-token: write')
    expect(hint).toContain('configure-aws-credentials')
    expect(hint).not.toContain('aws sso login')
  })

  it('at a terminal: AWS_PROFILE, aws sso login, ~/.aws, keys; no workflow advice; the profile named when set', () => {
    const hint = credentialsHint('terminal', 'dev')
    expect(hint).toContain('AWS_PROFILE=dev')
    expect(hint).toContain('aws sso login --profile dev')
    expect(hint).toContain('~/.aws/config')
    expect(hint).toContain('AWS_ACCESS_KEY_ID')
    expect(hint).not.toMatch(/id-token|secrets\./)
  })

  it('a credentials error from a render call gives the advice of its audience', () => {
    const err = Object.assign(new Error('The security token included in the request is invalid.'), {
      name: 'UnrecognizedClientException'
    })
    expect(renderFailure(err, { ...context, audience: 'terminal' }, 1).problems[0].hint).toContain('aws sso login')
    expect(renderFailure(err, context, 1).problems[0].hint).toContain('id-token: write')
  })
})
