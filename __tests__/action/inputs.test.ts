// The action's inputs, read the way the runner passes them (INPUT_<NAME> in
// the environment, read by @actions/core): booleans, choices, positive whole
// numbers, defaults from core/defaults.ts, and errors that name the input.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { PROJECT_ROOT } from '../support/action-runner.js'
import {
  getBoolean,
  getChoice,
  getPositiveInt,
  getRoot,
  getString,
  inputTypoWarnings,
  readGenerateInputs,
  readPublishInputs,
  readValidateInputs
} from '../../src/action/inputs.js'
import {
  DEFAULT_COMMIT_USER_EMAIL,
  DEFAULT_COMMIT_USER_NAME,
  DEFAULT_COMMIT_VIA,
  DEFAULT_CONCURRENCY,
  DEFAULT_DVC_VERSION,
  DEFAULT_MAX_TOKENS,
  DEFAULT_MODEL,
  DEFAULT_ON_PROTECTED,
  DEFAULT_TIMEOUT_MINUTES
} from '../../src/core/defaults.js'
import { GraftError } from '../../src/core/errors.js'
import { captureOutput } from '../support/capture.js'

/** The variables these tests touch: every INPUT_*, and those the defaults read. */
const TOUCHED = /^(INPUT_|GITHUB_WORKSPACE$|GITHUB_TOKEN$|AWS_REGION$|AWS_DEFAULT_REGION$)/
let saved: NodeJS.ProcessEnv
// @actions/core writes `::add-mask::` for the token to stdout: kept here, not in jest's output.
const output = captureOutput()

beforeEach(() => {
  saved = { ...process.env }
  for (const key of Object.keys(process.env)) if (TOUCHED.test(key)) delete process.env[key]
})

afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
  Object.assign(process.env, saved)
})

/** How the runner passes `with: { name: value }`. */
function input(name: string, value: string): void {
  process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
}

function thrown(fn: () => unknown): GraftError {
  try {
    fn()
  } catch (e) {
    if (e instanceof GraftError) return e
    throw e
  }
  throw new Error('expected a GraftError')
}

describe('single inputs', () => {
  it('strings are trimmed; empty or blank falls back', () => {
    input('model', '  my-model \n')
    expect(getString('model', 'x')).toBe('my-model')
    input('model', '   ')
    expect(getString('model', 'fallback')).toBe('fallback')
    expect(getString('never-set', 'fallback')).toBe('fallback')
  })

  it.each([
    ['true', true],
    ['TRUE', true],
    ['yes', true],
    ['On', true],
    ['1', true],
    [' false ', false],
    ['No', false],
    ['off', false],
    ['0', false]
  ])('boolean %p reads as %p', (raw, value) => {
    input('dry-run', raw)
    expect(getBoolean('dry-run', !value)).toBe(value)
  })

  it('an unset boolean takes its fallback', () => {
    expect(getBoolean('dry-run', true)).toBe(true)
    expect(getBoolean('dry-run', false)).toBe(false)
  })

  it('a boolean that is neither names the input, the value and what to write', () => {
    input('fail-on-stale', 'maybe')
    const e = thrown(() => getBoolean('fail-on-stale', false))
    expect(e.problems[0].message).toBe('input fail-on-stale is "maybe", not true or false')
    expect(e.problems[0].hint).toBe('set fail-on-stale: true or fail-on-stale: false')
  })

  it('a choice must be one of the list; unset takes the fallback', () => {
    expect(getChoice('engine', ['auto', 'dvc', 'native'] as const, 'auto')).toBe('auto')
    input('engine', ' native ')
    expect(getChoice('engine', ['auto', 'dvc', 'native'] as const, 'auto')).toBe('native')
    input('engine', 'Native')
    const e = thrown(() => getChoice('engine', ['auto', 'dvc', 'native'] as const, 'auto'))
    expect(e.problems[0].message).toBe('input engine must be auto, dvc or native, not "Native"; did you mean "native"?')
    expect(e.problems[0].hint).toBe('use one of: auto, dvc, native')
    input('engine', 'fast')
    expect(thrown(() => getChoice('engine', ['auto', 'dvc', 'native'] as const, 'auto')).problems[0].message).toBe(
      'input engine must be auto, dvc or native, not "fast"'
    )
  })

  it('a positive whole number; unset takes the fallback', () => {
    expect(getPositiveInt('concurrency', 7)).toBe(7)
    input('concurrency', ' 12 ')
    expect(getPositiveInt('concurrency', 7)).toBe(12)
  })

  it.each(['0', '-3', '2.5', 'four', '1e400', '0x'])(
    '%p is not a positive whole number, and the error names the input',
    (raw) => {
      input('max-tokens', raw)
      const e = thrown(() => getPositiveInt('max-tokens', 16000))
      expect(e.problems[0].message).toBe(`input max-tokens is "${raw}", not a positive whole number`)
      expect(e.problems[0].hint).toBe('e.g. 16000')
    }
  )

  it('working-directory: relative to GITHUB_WORKSPACE, absolute as given, "." by default', () => {
    process.env.GITHUB_WORKSPACE = '/tmp/ws'
    expect(getRoot()).toBe(resolve('/tmp/ws'))
    input('working-directory', 'docs/site')
    expect(getRoot()).toBe(resolve('/tmp/ws', 'docs/site'))
    input('working-directory', '/elsewhere/repo')
    expect(getRoot()).toBe('/elsewhere/repo')
  })

  it("working-directory in a folder of the workspace whose name starts with '..' is inside it: no warning", () => {
    process.env.GITHUB_WORKSPACE = '/tmp/ws'
    input('working-directory', '..docs')
    expect(readValidateInputs().root).toBe(resolve('/tmp/ws', '..docs'))
    expect(output.commands().filter((c) => c.startsWith('::warning::'))).toEqual([])
    input('working-directory', '../elsewhere')
    readValidateInputs()
    expect(output.commands().filter((c) => c.startsWith('::warning::'))).toHaveLength(1)
  })

  it('working-directory without GITHUB_WORKSPACE is relative to the current folder', () => {
    input('working-directory', 'sub')
    expect(getRoot()).toBe(resolve(process.cwd(), 'sub'))
  })
})

describe('the three input sets', () => {
  it('validate: nothing set gives the defaults', () => {
    process.env.GITHUB_WORKSPACE = '/tmp/ws'
    expect(readValidateInputs()).toMatchObject({
      root: resolve('/tmp/ws'),
      engine: 'auto',
      targets: [],
      failOnStale: false,
      cache: true,
      dvcVersion: DEFAULT_DVC_VERSION
    })
  })

  it('validate: every input read, targets parsed as a list', () => {
    process.env.GITHUB_WORKSPACE = '/tmp/ws'
    input('engine', 'dvc')
    input('targets', 'docs/a.md\noverview, b')
    input('fail-on-stale', 'true')
    input('cache', 'false')
    input('dvc-version', '3.50.1')
    expect(readValidateInputs()).toMatchObject({
      engine: 'dvc',
      targets: ['docs/a.md', 'overview', 'b'],
      failOnStale: true,
      cache: false,
      dvcVersion: '3.50.1'
    })
  })

  it('generate: nothing set gives the defaults of core/defaults.ts', () => {
    expect(readGenerateInputs()).toMatchObject({
      force: false,
      model: DEFAULT_MODEL,
      // empty: found as the SDK finds it, by the caller (render/region.ts)
      awsRegion: '',
      maxTokens: DEFAULT_MAX_TOKENS,
      concurrency: DEFAULT_CONCURRENCY,
      timeoutMinutes: DEFAULT_TIMEOUT_MINUTES,
      dryRun: false
    })
  })

  it('generate: aws-region is the input as given (the environment and the AWS profile are read later)', () => {
    process.env.AWS_REGION = 'ap-south-1'
    expect(readGenerateInputs().awsRegion).toBe('')
    input('aws-region', ' us-west-2 ')
    expect(readGenerateInputs().awsRegion).toBe('us-west-2')
  })

  it('generate: max-cost-usd is no limit when empty, dollars when set; model-prices is read and checked', () => {
    expect(readGenerateInputs().budget.maxCostUsd).toBeUndefined()
    expect(readGenerateInputs().prices.size).toBe(0)
    input('max-cost-usd', '2.50')
    input('model-prices', 'us.anthropic.claude-x-v1:0:\n  input: 1\n  output: 2\n')
    const read = readGenerateInputs()
    expect(read.budget.maxCostUsd).toBe(2.5)
    expect(read.prices.get('us.anthropic.claude-x-v1:0')).toEqual({ input: 1, output: 2 })
  })

  it.each(['0', '-1', 'NaN', 'Infinity', '1e3', '$5', '5 USD', '1,000', '1000001', '9'.repeat(400)])(
    'generate: max-cost-usd %j is refused, naming the input',
    (raw) => {
      input('max-cost-usd', raw)
      const error = thrown(() => readGenerateInputs())
      expect(error.message).toContain(`input max-cost-usd is "${raw}", not an amount of dollars above 0`)
      expect(error.problems[0].hint).toContain('leave it empty for no limit')
    }
  )

  it('generate: a model-prices that does not parse is refused, naming the input', () => {
    input('model-prices', '{"bc-v4.5-us": {"input": 3, "output": ')
    expect(thrown(() => readGenerateInputs()).message).toContain('input model-prices is not valid YAML')
  })

  it('generate: a bad number stops the read with the input named', () => {
    input('concurrency', '0')
    expect(() => readGenerateInputs()).toThrow('input concurrency is "0", not a positive whole number')
  })

  it('generate: a bad targets list stops the read', () => {
    input('targets', '["a",')
    expect(() => readGenerateInputs()).toThrow(/targets is not a valid JSON array/)
  })

  it('publish: nothing set gives the defaults; the token falls back to GITHUB_TOKEN; either is masked', () => {
    process.env.GITHUB_TOKEN = 'env-token'
    expect(readPublishInputs()).toMatchObject({
      push: true,
      identity: { name: DEFAULT_COMMIT_USER_NAME, email: DEFAULT_COMMIT_USER_EMAIL },
      token: 'env-token',
      comment: true,
      allowUntrustedHead: false,
      commitVia: DEFAULT_COMMIT_VIA,
      onProtected: DEFAULT_ON_PROTECTED
    })
    input('token', 'input-token')
    expect(readPublishInputs().token).toBe('input-token')
    expect(output.commands()).toEqual(['::add-mask::env-token', '::add-mask::input-token'])
  })

  it('publish: choices and booleans read; an unknown commit-via is refused with the choices', () => {
    input('push', 'false')
    input('commit-via', 'git')
    input('on-protected', 'fail')
    input('commit-user-name', 'Docs Bot')
    expect(readPublishInputs()).toMatchObject({
      push: false,
      commitVia: 'git',
      onProtected: 'fail',
      identity: { name: 'Docs Bot', email: DEFAULT_COMMIT_USER_EMAIL }
    })
    input('commit-via', 'ssh')
    const e = thrown(() => readPublishInputs())
    expect(e.problems[0].message).toBe('input commit-via must be api or git, not "ssh"')
    expect(e.problems[0].hint).toBe('use one of: api, git')
  })
})

describe('inputTypoWarnings', () => {
  const actionInputs = (file: string): string[] =>
    Object.keys((parse(readFileSync(join(PROJECT_ROOT, file), 'utf8')) as { inputs: Record<string, unknown> }).inputs)

  it('knows every input of the three action.yml files: none of them is taken for a typo', () => {
    const names = [
      ...new Set(['action.yml', 'validate/action.yml', 'generate/action.yml'].flatMap((f) => actionInputs(f)))
    ]
    expect(names.length).toBeGreaterThan(20)
    const env = Object.fromEntries(names.map((n) => [`INPUT_${n.toUpperCase()}`, 'x']))
    expect(inputTypoWarnings(env)).toEqual([])
  })

  it('names the input a near miss was meant to be, and leaves far names to the runner', () => {
    expect(
      inputTypoWarnings({ 'INPUT_FAIL-ON-STAL': 'true', 'INPUT_WORKING-DIRECTORY': '.', INPUT_SOMETHING: 'x' })
    ).toEqual(['input fail-on-stal is not an input of graft-action, so it is ignored; did you mean fail-on-stale?'])
    expect(inputTypoWarnings({ INPUT_CONCURENCY: '2' })).toEqual([
      'input concurency is not an input of graft-action, so it is ignored; did you mean concurrency?'
    ])
  })
})
