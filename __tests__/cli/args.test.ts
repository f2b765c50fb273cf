// The CLI's shared parsing: usage errors (exit status 2) that name the nearest
// option or command, and option values checked by the core's wording.
import { describe, expect, it } from '@jest/globals'
import { GraftError } from '../../src/core/errors.js'
import { UsageError, asUsage, parseCommandLine } from '../../src/cli/args.js'
import { nearest } from '../../src/core/nearest.js'

const options = {
  engine: { type: 'string' as const, default: 'auto' },
  'dry-run': { type: 'boolean' as const, default: false },
  cwd: { type: 'string' as const, short: 'C', default: '.' }
}

function usage(fn: () => unknown): UsageError {
  try {
    fn()
  } catch (e) {
    if (e instanceof UsageError) return e
    throw e
  }
  throw new Error('no usage error')
}

describe('nearest', () => {
  it('finds a typo, not an unrelated word', () => {
    expect(nearest('validat', ['validate', 'generate', 'pack'])).toBe('validate')
    expect(nearest('genrate', ['validate', 'generate', 'pack'])).toBe('generate')
    expect(nearest('frobnicate', ['validate', 'generate', 'pack'])).toBeUndefined()
    expect(nearest('--dryrun', ['--engine', '--dry-run', '--cwd'])).toBe('--dry-run')
  })
})

describe('parseCommandLine', () => {
  it('parses options, short forms and positionals, and adds --help', () => {
    const { values, positionals } = parseCommandLine<{ engine: string; cwd: string; help: boolean }>(
      'validate',
      ['-C', 'x', 'docs/a.md', '--engine', 'dvc'],
      options
    )
    expect(values).toMatchObject({ engine: 'dvc', cwd: 'x', help: false })
    expect(positionals).toEqual(['docs/a.md'])
  })

  it("an unknown option: exit 2, the nearest option, the command's --help", () => {
    const e = usage(() => parseCommandLine('validate', ['--engin', 'native'], options))
    expect(e.exitCode).toBe(2)
    expect(e.problems[0].message).toBe('unknown option --engin for validate; did you mean --engine?')
    expect(e.problems[0].hint).toBe('run "graft-action validate --help" for its options')
  })

  it('an option missing its value, and a flag given one', () => {
    expect(usage(() => parseCommandLine('validate', ['--engine'], options)).problems[0].message).toBe(
      '--engine needs a value'
    )
    expect(usage(() => parseCommandLine('validate', ['--dry-run=yes'], options)).problems[0].message).toBe(
      '--dry-run takes no value'
    )
  })
})

describe('asUsage', () => {
  it('turns a GraftError from a value check into a usage error with the same words', () => {
    const e = usage(() =>
      asUsage(() => {
        throw new GraftError({ message: '--engine must be auto, native or dvc, not "x"', hint: 'h' })
      })
    )
    expect(e.problems[0]).toEqual({ message: '--engine must be auto, native or dvc, not "x"', hint: 'h' })
  })

  it('lets other errors through', () => {
    expect(() =>
      asUsage(() => {
        throw new TypeError('bug')
      })
    ).toThrow(TypeError)
  })
})
