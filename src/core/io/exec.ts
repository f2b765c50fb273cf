// The one way the project runs a subprocess (git, dvc, pip). Plain Node, so the
// core and the CLI need nothing from @actions/*. Arguments are passed as an
// array: no shell, no quoting bugs.
import { spawn } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { setting } from '../phrasing.js'
import { GraftError } from '../errors.js'

export interface RunOptions {
  cwd: string
  env?: NodeJS.ProcessEnv
  /** text written to the child's stdin */
  input?: string
  /** resolve instead of throwing on a non-zero exit */
  allowFailure?: boolean
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

export type Runner = (file: string, args: string[], options: RunOptions) => Promise<RunResult>

export const run: Runner = (file, args, options) =>
  new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe']
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (d: Buffer) => out.push(d))
    child.stderr.on('data', (d: Buffer) => err.push(d))
    child.on('error', (error: NodeJS.ErrnoException) => reject(spawnProblem(file, options.cwd, error)))
    child.on('close', (code) => {
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
