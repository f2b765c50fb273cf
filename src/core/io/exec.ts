// The one way the project runs a subprocess (git, dvc, pip). Plain Node, so the
// core and the CLI need nothing from @actions/*. Arguments are passed as an
// array: no shell, no quoting bugs. A program named without a folder is looked
// up on the absolute PATH entries only (see which.ts), never in the folder it
// runs in.
import { spawn } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { setting } from '../phrasing.js'
import { GraftError } from '../errors.js'
import { checkoutFolders, inCheckoutProblem, which } from './which.js'

export interface RunOptions {
  cwd: string
  env?: NodeJS.ProcessEnv
  /** text written to the child's stdin */
  input?: string
  /** resolve instead of throwing on a non-zero exit */
  allowFailure?: boolean
  /**
   * Stop the program (and what it started) after this many milliseconds and
   * reject with a CommandTimeout: a program reading repository content may
   * never end (a FIFO, an endless file, a stalled network).
   */
  timeoutMs?: number
  /** stop the program once its output (stdout) passes this many bytes, and reject with OutputTooLarge */
  maxOutputBytes?: number
}

export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: RunResult
  ) {
    super(`${command} exited with ${result.code}: ${result.stderr.trim() || result.stdout.trim()}`)
    this.name = 'CommandError'
  }
}

/** The program ran past its time limit and was stopped. */
export class CommandTimeout extends Error {
  constructor(
    readonly command: string,
    readonly timeoutMs: number
  ) {
    super(`${command} did not finish within ${describeDuration(timeoutMs)} and was stopped`)
    this.name = 'CommandTimeout'
  }
}

/** The program's output passed the caller's limit; it was stopped, and nothing it printed is kept. */
export class OutputTooLarge extends Error {
  constructor(
    readonly command: string,
    readonly maxOutputBytes: number
  ) {
    super(`${command} printed more than ${maxOutputBytes} bytes and was stopped`)
    this.name = 'OutputTooLarge'
  }
}

/** "90 s", "10 minutes": a time limit as messages say it. */
export function describeDuration(ms: number): string {
  if (ms < 120_000) return `${Math.max(1, Math.round(ms / 1000))} s`
  return `${Math.round(ms / 60_000)} minutes`
}

export type Runner = (file: string, args: string[], options: RunOptions) => Promise<RunResult>

/** On POSIX a program that may be stopped runs in its own process group, so stopping it stops what it started too. */
const GROUPS = process.platform !== 'win32'
const MAX_STDERR_BYTES = 1024 * 1024

export const run: Runner = (file, args, options) =>
  new Promise((resolve, reject) => {
    const env = options.env ?? process.env
    // Node looks a program up on the child's PATH, else its own: so do we.
    const program = file.includes('/')
      ? file
      : which(file, env.PATH ?? process.env.PATH ?? '', checkoutFolders(process.env, options.cwd))
    if (program === undefined) {
      const planted = which(file, env.PATH ?? '', []) ?? which(file, process.env.PATH ?? '', [])
      reject(
        planted
          ? inCheckoutProblem(file, planted)
          : spawnProblem(file, options.cwd, Object.assign(new Error(`spawn ${file} ENOENT`), { code: 'ENOENT' }))
      )
      return
    }
    const stoppable = options.timeoutMs !== undefined || options.maxOutputBytes !== undefined
    const child = spawn(program, args, {
      cwd: options.cwd,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: stoppable && GROUPS
    })
    const closed = new Promise<void>((done) => child.once('close', () => done()))
    if (stoppable && GROUPS && child.pid !== undefined) running.track(child.pid, closed)
    const out: Buffer[] = []
    const err: Buffer[] = []
    let outBytes = 0
    let tooLarge = false
    let timedOut = false
    const timer =
      options.timeoutMs !== undefined
        ? setTimeout(() => {
            timedOut = true
            stop(child.pid)
          }, options.timeoutMs)
        : undefined
    child.stdout.on('data', (d: Buffer) => {
      if (tooLarge) return
      outBytes += d.length
      if (options.maxOutputBytes !== undefined && outBytes > options.maxOutputBytes) {
        tooLarge = true
        out.length = 0
        stop(child.pid)
        return
      }
      out.push(d)
    })
    let errBytes = 0
    child.stderr.on('data', (d: Buffer) => {
      // a program's complaints are read for a message: the first megabyte says it
      errBytes += d.length
      if (errBytes <= MAX_STDERR_BYTES) err.push(d)
    })
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      reject(spawnProblem(file, options.cwd, error))
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      if (timedOut) {
        reject(new CommandTimeout([file, ...args.slice(0, 3)].join(' '), options.timeoutMs!))
        return
      }
      if (tooLarge) {
        reject(new OutputTooLarge([file, ...args.slice(0, 3)].join(' '), options.maxOutputBytes!))
        return
      }
      const result = {
        code: code ?? 1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8')
      }
      if (result.code !== 0 && !options.allowFailure) {
        reject(new CommandError([file, ...args].join(' '), result))
      } else {
        resolve(result)
      }
    })
    // A child may exit without reading its stdin (EPIPE); its exit code tells what happened.
    child.stdin.on('error', () => {})
    child.stdin.end(options.input ?? '')
  })

/**
 * The process groups of the programs running now in groups of their own. A
 * group does not get the signals sent to ours (Ctrl-C in a terminal), and the
 * runner, cancelling a step, stops only the action's own process: so when the
 * action ends — it exits, or a signal ends it — it stops them itself, rather
 * than leave a DVC or git running on in the workspace, holding its locks.
 */
class RunningGroups {
  private readonly groups = new Map<number, Promise<void>>()
  private readonly onExit = (): void => {
    for (const pid of this.groups.keys()) stop(pid)
  }
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    const closing = [...this.groups.values()]
    this.onExit()
    // Another part of the program handles the signal (generate rolls back its writes): it decides.
    if (process.listenerCount(signal) > 1) return
    // Else the signal's own effect, once the stopped programs are gone and the code awaiting them
    // ran its clean-up (a scratch .dvc/ removed): the process ends by the signal, as without us.
    this.disarm()
    const grace = new Promise<void>((done) => setTimeout(done, 2000).unref())
    void Promise.race([Promise.all(closing), grace]).then(() => setImmediate(() => process.kill(process.pid, signal)))
  }

  track(pid: number, closed: Promise<void>): void {
    if (this.groups.size === 0) this.arm()
    this.groups.set(pid, closed)
    void closed.then(() => {
      this.groups.delete(pid)
      if (this.groups.size === 0) this.disarm()
    })
  }

  private arm(): void {
    process.on('exit', this.onExit)
    for (const signal of STOP_SIGNALS) process.on(signal, this.onSignal)
  }

  private disarm(): void {
    process.off('exit', this.onExit)
    for (const signal of STOP_SIGNALS) process.off(signal, this.onSignal)
  }
}

/** The signals that end a run: Ctrl-C, a cancelled workflow (SIGINT, then SIGTERM), a closed terminal. */
const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

const running = new RunningGroups()

/** Kills a timed program's whole process group (POSIX), or the program itself. */
function stop(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    process.kill(GROUPS ? -pid : pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

/**
 * A spawn failure as the user can act on it: Node says `spawn git ENOENT` both
 * when git is missing and when the working folder is, and `spawn ENOTDIR` when
 * the folder is a file. Other errors are returned unchanged.
 */
export function spawnProblem(file: string, cwd: string, error: NodeJS.ErrnoException): Error {
  if (error.code === 'ENOENT' && !existsSync(cwd)) {
    return new GraftError({
      message: `the folder ${cwd} does not exist, so ${file} cannot run there`,
      hint: `check ${setting('working-directory')}`
    })
  }
  if (error.code === 'ENOTDIR' || (error.code === 'ENOENT' && !statSync(cwd).isDirectory())) {
    return new GraftError({
      message: `${cwd} is a file, not a folder, so ${file} cannot run there`,
      hint: `check ${setting('working-directory')}`
    })
  }
  if (error.code === 'ENOENT') {
    // The code stays on the error, so a caller that knows the program (dvc) can say how to install it.
    const missing = new GraftError({
      message: `${file} is not installed or not on PATH`,
      hint: `install ${file} on the runner (or add its folder to PATH) and run again`
    })
    return Object.assign(missing, { code: 'ENOENT' })
  }
  if (error.code === 'EACCES') {
    return new GraftError({
      message: `${file} was found on PATH but cannot be run (permission denied)`,
      hint: `make ${file} executable, or put a working ${file} first on PATH`
    })
  }
  return error
}
