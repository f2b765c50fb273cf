// Where graft-action runs: Linux (x64 and arm64, the hosted runners the test
// suite stands in for), and macOS untested. Windows is refused at the start,
// with what to do, rather than failing later on a path or a shell.
import type { Problem } from './errors.js'

/**
 * The problem with running on `platform` (Node's `process.platform`) under a
 * runner whose `RUNNER_OS` is `runnerOs`, or undefined when it is supported.
 */
export function unsupportedPlatform(platform: string, runnerOs?: string): Problem | undefined {
  if (platform !== 'win32' && runnerOs !== 'Windows') return undefined
  const where = runnerOs === 'Windows' ? 'a Windows runner (RUNNER_OS is Windows)' : 'Windows'
  return {
    message: `graft-action does not run on ${where}: it supports Linux (x64 and arm64)`,
    hint:
      runnerOs === 'Windows'
        ? 'run this job on a Linux runner, e.g. `runs-on: ubuntu-latest` (or `ubuntu-24.04-arm`)'
        : 'run it under WSL (Windows Subsystem for Linux), or in a Linux container'
  }
}
