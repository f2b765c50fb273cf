// Where graft-action runs: Linux and macOS go on; Windows, told by Node or by
// the runner's RUNNER_OS, is refused with what to do.
import { describe, expect, it } from '@jest/globals'
import { unsupportedPlatform } from '../../src/core/platform.js'

describe('unsupportedPlatform', () => {
  it.each([
    ['linux', undefined],
    ['linux', 'Linux'],
    ['darwin', 'macOS']
  ])('%s (RUNNER_OS %s) is supported', (platform, runnerOs) => {
    expect(unsupportedPlatform(platform, runnerOs)).toBeUndefined()
  })

  it('a Windows runner: names RUNNER_OS and a Linux runner to use', () => {
    const p = unsupportedPlatform('win32', 'Windows')
    expect(p?.message).toBe(
      'graft-action does not run on a Windows runner (RUNNER_OS is Windows): it supports Linux (x64 and arm64)'
    )
    expect(p?.hint).toContain('runs-on: ubuntu-latest')
    // the runner's word alone is enough (Node's platform is checked as well)
    expect(unsupportedPlatform('linux', 'Windows')?.message).toContain('RUNNER_OS is Windows')
  })

  it('Windows outside a runner (the CLI): suggests WSL', () => {
    const p = unsupportedPlatform('win32')
    expect(p?.message).toBe('graft-action does not run on Windows: it supports Linux (x64 and arm64)')
    expect(p?.hint).toContain('WSL')
  })
})
