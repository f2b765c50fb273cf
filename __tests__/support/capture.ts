// What the code under test prints, kept in the test's own buffer. The action's
// code (src/action, through @actions/core) writes workflow commands such as
// `::add-mask::…` and `::error::…` to process.stdout; in jest's output a runner
// would obey them (environment.mjs fails a file that lets one through). A test
// file that runs action code in-process calls captureOutput() once at its top:
// each test then starts with an empty buffer, and may assert on it.
import { afterEach, beforeEach } from '@jest/globals'

type Write = typeof process.stdout.write

export interface CapturedOutput {
  /** what was written to process.stdout in this test */
  readonly stdout: string
  /** what was written to process.stderr in this test */
  readonly stderr: string
  /** the workflow commands among the stdout lines, as written: `::add-mask::value` */
  commands(): string[]
  /** empties both buffers (to look at what comes next) */
  clear(): void
}

function text(chunk: unknown): string {
  return typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8')
}

/** Captures process.stdout and process.stderr during every test of the file (from beforeEach to afterEach). */
export function captureOutput(): CapturedOutput {
  const out = { stdout: '', stderr: '' }
  const saved: [NodeJS.WriteStream, Write][] = []
  beforeEach(() => {
    out.stdout = ''
    out.stderr = ''
    for (const [stream, key] of [
      [process.stdout, 'stdout'],
      [process.stderr, 'stderr']
    ] as const) {
      saved.push([stream, stream.write])
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        out[key] += text(chunk)
        const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined
        callback?.()
        return true
      }) as Write
    }
  })
  afterEach(() => {
    for (const [stream, write] of saved.splice(0)) stream.write = write
  })
  return {
    get stdout() {
      return out.stdout
    },
    get stderr() {
      return out.stderr
    },
    commands: () => out.stdout.split('\n').filter((line) => line.startsWith('::')),
    clear: () => {
      out.stdout = ''
      out.stderr = ''
    }
  }
}
