// A small git command manager: every git call the project makes goes through
// here, so environment, cwd and error text are handled once.
import { join } from 'node:path'
import { run, type RunResult } from './exec.js'

export class Git {
  constructor(
    readonly cwd: string,
    private readonly env: NodeJS.ProcessEnv = process.env
  ) {}

  /** Runs git and returns stdout; throws CommandError on a non-zero exit. */
  async exec(args: string[], input?: string): Promise<string> {
    return (await run('git', args, { cwd: this.cwd, env: this.gitEnv(), input })).stdout
  }

  /** Runs git and returns the whole result, whatever the exit code. */
  async tryExec(args: string[], input?: string): Promise<RunResult> {
    return run('git', args, { cwd: this.cwd, env: this.gitEnv(), input, allowFailure: true })
  }

  /** Tracked files plus untracked files git does not ignore, `/`-separated. */
  async listFiles(): Promise<string[]> {
    const out = await this.exec(['ls-files', '-z', '--cached', '--others', '--exclude-standard'])
    return [...new Set(out.split('\0').filter(Boolean))]
  }

  async revParse(rev: string): Promise<string | undefined> {
    const r = await this.tryExec(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])
    return r.code === 0 ? r.stdout.trim() : undefined
  }

  /**
   * File contents at a revision, or undefined when the path does not exist there.
   * `./` makes the path relative to cwd, so a working-directory below the git root works.
   */
  async show(rev: string, path: string): Promise<string | undefined> {
    const r = await this.tryExec(['show', `${rev}:./${path}`])
    return r.code === 0 ? r.stdout : undefined
  }

  /** The repository checked out in `dir` below this one (a submodule), run the same way. */
  below(dir: string): Git {
    return new Git(join(this.cwd, dir), this.env)
  }

  /** The same repository with extra environment (e.g. a scratch `GIT_INDEX_FILE`). */
  withEnv(extra: NodeJS.ProcessEnv): Git {
    return new Git(this.cwd, { ...this.env, ...extra })
  }

  private gitEnv(): NodeJS.ProcessEnv {
    // Never prompt for credentials in CI; keep messages in English for matching.
    return { ...this.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }
  }
}
