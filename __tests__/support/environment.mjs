// The test environment of every jest project: node's, plus two checks that
// keep a test file honest about what it leaves behind.
//
// - Temporary files. Each test file gets its own temporary directory (TMPDIR,
//   so os.tmpdir() in the test and in every subprocess that inherits the
//   environment), inside the run's (global-setup.mjs). Folders made with
//   scratchDir() (support/scratch.ts) are removed once the file has run, after
//   its afterAll hooks; anything else still there then fails the file, named.
// - Workflow commands. A line such as `::add-mask::x` or `::error::…` that the
//   code under test writes to the worker's real stdout/stderr, or logs through
//   console, would be obeyed by the runner that runs the suite: it is printed
//   inert and fails the file. Tests capture the action's output instead
//   (support/capture.ts).
//
// The failures are reported through jest-circus's unhandled errors: the file
// fails ("Test suite failed to run") and its tests still count.
import { TestEnvironment } from 'jest-environment-node'
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import {
  HOW_TO_CLEAN,
  PROJECT_ROOT,
  RUN_TMPDIR_VAR,
  defang,
  describeEntries,
  workflowCommandLines
} from './hygiene.mjs'

/** A message-only error: jest prints it without a code frame of this file. */
function failure(message) {
  const error = new Error(message)
  error.stack = ''
  return error
}

function defangError(error) {
  if (!error || typeof error !== 'object') return
  for (const key of ['message', 'stack']) {
    try {
      if (typeof error[key] === 'string' && workflowCommandLines(error[key]).length > 0) error[key] = defang(error[key])
    } catch {
      // a read-only property: left as it is
    }
  }
}

export default class HygieneEnvironment extends TestEnvironment {
  constructor(config, context) {
    const testFile = relative(PROJECT_ROOT, context.testPath)
    const base = process.env[RUN_TMPDIR_VAR] || tmpdir()
    mkdirSync(base, { recursive: true })
    const fileTmp = mkdtempSync(join(base, `${testFile.replace(/^__tests__\//, '').replace(/[^\w.-]+/g, '_')}-`))
    const savedTmpdir = process.env.TMPDIR
    // Before super(): jest copies process.env into the test's global then.
    process.env.TMPDIR = fileTmp
    super(config, context)
    this.testFile = testFile
    this.fileTmp = fileTmp
    this.savedTmpdir = savedTmpdir
    this.scratch = []
    this.commands = []
    this.testConsole = context.console
    this.global.__graftScratch = { add: (path) => this.scratch.push(path) }
    this.restoreStreams = [process.stdout, process.stderr].map((stream) => this.guard(stream))
  }

  /** Wraps stream.write: workflow commands are recorded and printed inert. Returns the undo. */
  guard(stream) {
    const write = stream.write
    const commands = this.commands
    const name = stream === process.stdout ? 'stdout' : 'stderr'
    stream.write = function guardedWrite(chunk, ...rest) {
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined
      const found = text === undefined ? [] : workflowCommandLines(text)
      if (found.length === 0) return write.call(this, chunk, ...rest)
      commands.push(...found.map((line) => `${name}: ${line.trim()}`))
      return write.call(this, defang(text), ...rest)
    }
    return () => {
      stream.write = write
    }
  }

  async handleTestEvent(event, state) {
    // A failed test's message may quote what the code printed (a run's stdout):
    // made inert, since jest prints it. It already fails, so no more is said.
    if (event.name === 'test_done') for (const error of event.test.errors.flat()) defangError(error)
    if (event.name !== 'run_finish') return
    // After every hook of the file: remove what the helpers made, then look.
    for (const path of this.scratch.splice(0)) rmSync(path, { recursive: true, force: true, maxRetries: 3 })
    const left = readdirSync(this.fileTmp)
    if (left.length > 0) {
      state.unhandledErrors.push(
        failure(
          `${this.testFile} left ${left.length} entr${left.length === 1 ? 'y' : 'ies'} in its temporary directory:\n` +
            `${describeEntries(this.fileTmp, left).join('\n')}\n${HOW_TO_CLEAN}`
        )
      )
      for (const name of left) rmSync(join(this.fileTmp, name), { recursive: true, force: true, maxRetries: 3 })
    }
    for (const entry of this.testConsole?.getBuffer?.() ?? []) {
      const found = workflowCommandLines(entry.message)
      if (found.length === 0) continue
      this.commands.push(...found.map((line) => `console.${entry.type}: ${line.trim()}`))
      entry.message = defang(entry.message)
    }
    if (this.commands.length > 0) {
      const shown = this.commands.slice(0, 10).map((c) => `  ${c}`)
      if (this.commands.length > 10) shown.push(`  … and ${this.commands.length - 10} more`)
      state.unhandledErrors.push(
        failure(
          `${this.testFile} let ${this.commands.length} workflow command(s) reach jest's output ` +
            `(a runner would obey them):\n${shown.join('\n')}\n` +
            'Capture the output of the code under test with captureOutput() from __tests__/support/capture.ts ' +
            'and assert on it, rather than letting it through or logging it.'
        )
      )
    }
  }

  async teardown() {
    for (const restore of this.restoreStreams) restore()
    if (this.savedTmpdir === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = this.savedTmpdir
    for (const path of this.scratch.splice(0)) rmSync(path, { recursive: true, force: true, maxRetries: 3 })
    rmSync(this.fileTmp, { recursive: true, force: true, maxRetries: 3 })
    await super.teardown()
  }
}
