// The one git runner: every git command the project makes goes through here,
// so environment, configuration, time limit and error text are handled once.
//
// git runs on a repository a pull request can shape, with a configuration an
// earlier step may have set (husky points core.hooksPath into the work tree;
// tools add fsmonitor hooks, filters, diff drivers). Any program git starts
// would run with what git's environment holds, so every command runs
// - with hooks and every configured program off: the settings below and, for
//   settings keyed by a name (filter.<driver>.clean, diff.<driver>.textconv,
//   merge.<driver>.driver, credential.<url>.helper…), an override for each
//   name the configuration holds (read with `git config --list`, includes
//   followed); the overrides go in as command-line configuration
//   (GIT_CONFIG_COUNT…), which wins over every config file — except
//   remote.<name>.uploadpack and receivepack, where the first value wins, so
//   the commands that reach a remote name the programs on their command line;
// - with an allowlisted environment (io/env.ts): no token, no AWS keys, no
//   INPUT_* or ACTIONS_* variables; the token is added only to the commands
//   that talk to the remote (publish/auth.ts), as an HTTP header;
// - with a time limit, named when it stops a command.
import { GraftError } from '../errors.js'
import { CommandError, CommandTimeout, OutputTooLarge, describeDuration, run, type RunResult } from './exec.js'

/** Limits of one command beyond the runner's own. */
export interface GitLimits {
  /** stop git once its output passes this many bytes (exec.ts OutputTooLarge) */
  maxOutputBytes?: number
}
import { programEnv } from './env.js'

/** One configuration entry given to a git process, after every config file. */
export interface ConfigEntry {
  key: string
  value: string
}

/** A git command running longer than this is stopped (a stalled network, a huge fetch). */
export const GIT_TIME_LIMIT_MS = 20 * 60_000

/**
 * Settings with a fixed name that make git run a program, or that would let a
 * command reach further than asked (signing, submodules, background gc).
 * An empty value turns a program setting off (git then runs none) or, for a
 * list (credential.helper), empties the list; `diff.external` empty makes a
 * diff that would use it fail instead of running something.
 */
const FIXED: ConfigEntry[] = [
  { key: 'core.hooksPath', value: '/dev/null' },
  { key: 'core.fsmonitor', value: 'false' },
  { key: 'core.useBuiltinFSMonitor', value: 'false' },
  { key: 'core.sshCommand', value: 'ssh' },
  { key: 'core.gitProxy', value: '' },
  { key: 'core.askPass', value: '' },
  { key: 'core.pager', value: 'cat' },
  { key: 'core.editor', value: ':' },
  { key: 'sequence.editor', value: ':' },
  { key: 'core.alternateRefsCommand', value: '' },
  { key: 'diff.external', value: '' },
  { key: 'credential.helper', value: '' },
  { key: 'protocol.ext.allow', value: 'never' },
  { key: 'commit.gpgSign', value: 'false' },
  { key: 'tag.gpgSign', value: 'false' },
  { key: 'push.gpgSign', value: 'false' },
  { key: 'log.showSignature', value: 'false' },
  { key: 'merge.verifySignatures', value: 'false' },
  { key: 'gc.auto', value: '0' },
  { key: 'maintenance.auto', value: 'false' },
  { key: 'submodule.recurse', value: 'false' },
  { key: 'fetch.recurseSubmodules', value: 'false' },
  { key: 'push.recurseSubmodules', value: 'no' }
]

/**
 * Settings keyed by a name (`section.<name>.key`): for each name the
 * configuration holds in `section`, these keys get these values. Filters run
 * on checkout, add, rebase and stash; diff drivers on diffs; merge drivers on
 * a rebase's conflicts (`false`: a conflict, never a program).
 */
const NAMED: Record<string, ConfigEntry[]> = {
  filter: [
    { key: 'clean', value: '' },
    { key: 'smudge', value: '' },
    { key: 'process', value: '' },
    { key: 'required', value: 'false' }
  ],
  diff: [
    { key: 'textconv', value: '' },
    { key: 'command', value: '' }
  ],
  merge: [{ key: 'driver', value: 'false' }],
  credential: [{ key: 'helper', value: '' }],
  hook: [{ key: 'command', value: ':' }]
}

/** Commands after which the configuration may read differently (`includeIf "onbranch:…"`): it is read again. */
const MOVES_HEAD = new Set(['checkout', 'switch', 'rebase', 'reset', 'update-ref', 'merge', 'commit', 'pull'])

/** What every Git of one repository shares: the configuration's overrides, read once (until HEAD moves). */
class Shared {
  overrides?: Promise<ConfigEntry[]>
}

export class Git {
  constructor(
    readonly cwd: string,
    /** variables set for git on top of the allowlisted environment (GIT_INDEX_FILE, the identity…) */
    private readonly env: NodeJS.ProcessEnv = {},
    /** configuration given after the overrides (the remote's auth header) */
    private readonly config: ConfigEntry[] = [],
    private readonly shared: Shared = new Shared()
  ) {}

  /** Runs git and returns stdout; throws CommandError on a non-zero exit. */
  async exec(args: string[], input?: string, limits: GitLimits = {}): Promise<string> {
    return stdoutOf(args, await this.tryExec(args, input, limits))
  }

  /** Runs git and returns the whole result, whatever the exit code. */
  async tryExec(args: string[], input?: string, limits: GitLimits = {}): Promise<RunResult> {
    const env = this.gitEnv(await this.overrides())
    try {
      return await run('git', withPackPrograms(args), {
        cwd: this.cwd,
        env,
        input,
        allowFailure: true,
        timeoutMs: GIT_TIME_LIMIT_MS,
        maxOutputBytes: limits.maxOutputBytes
      })
    } catch (error) {
      if (error instanceof CommandTimeout) throw timeoutProblem(args, error.timeoutMs)
      throw error
    } finally {
      if (MOVES_HEAD.has(args[0])) this.shared.overrides = undefined
    }
  }

  /**
   * Runs `git <args> -- <paths>` for any number of paths: never one command
   * line too long for the system (`spawn E2BIG`; Windows allows 32,767
   * characters). Commands that read pathspecs from stdin get them there
   * (`--pathspec-from-file`); others run once per batch of paths, their
   * outputs joined in order.
   */
  async execPaths(args: string[], paths: string[], limits: GitLimits = {}): Promise<string> {
    return stdoutOf([...args, '--', '…'], await this.tryExecPaths(args, paths, limits))
  }

  /** execPaths, returning the whole result (the first failure's code and message) whatever the exit code. */
  async tryExecPaths(args: string[], paths: string[], limits: GitLimits = {}): Promise<RunResult> {
    // No path means no file here, never "every file" (what an empty pathspec means to git).
    if (paths.length === 0) return { code: 0, stdout: '', stderr: '' }
    if (PATHSPEC_FROM_STDIN.has(args[0])) {
      return this.tryExec([...args, '--pathspec-from-file=-', '--pathspec-file-nul'], paths.join('\0'), limits)
    }
    const joined: RunResult = { code: 0, stdout: '', stderr: '' }
    let left = limits.maxOutputBytes
    for (const batch of batches(paths)) {
      const r = await this.tryExec([...args, '--', ...batch], undefined, { maxOutputBytes: left })
      joined.stdout += r.stdout
      joined.stderr += r.stderr
      if (left !== undefined) left -= Buffer.byteLength(r.stdout)
      if (r.code !== 0) return { ...joined, code: r.code }
    }
    return joined
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
    // a committed file of gigabytes must not exhaust memory: one file's text, as the resolver reads at most
    const r = await this.tryExec(['show', '--no-textconv', `${rev}:./${path}`], undefined, {
      maxOutputBytes: MAX_SHOWN_BYTES
    }).catch((error: unknown) => {
      if (!(error instanceof OutputTooLarge)) throw error
      throw new GraftError({
        file: path,
        message: `${path} at ${rev.slice(0, 12)} is more than ${MAX_SHOWN_BYTES / (1024 * 1024)} MB, more than the action reads from one file`,
        hint: 'a prompt or a generated document is text of a sensible size: remove or split it'
      })
    })
    return r.code === 0 ? r.stdout : undefined
  }

  /** The same repository with extra variables for git (e.g. a scratch `GIT_INDEX_FILE`). */
  withEnv(extra: NodeJS.ProcessEnv): Git {
    return new Git(this.cwd, { ...this.env, ...extra }, this.config, this.shared)
  }

  /** The same repository with extra configuration for each command (after the overrides, so it wins). */
  withConfig(entries: ConfigEntry[]): Git {
    return new Git(this.cwd, this.env, [...this.config, ...entries], this.shared)
  }

  /**
   * Every value the path setting `key` has in the repository's configuration
   * files (`~` expanded), last one winning; the overrides above are not among
   * them. For the one caller that must know the configured hooks folder.
   */
  async configuredPaths(key: string): Promise<string[]> {
    const r = await this.tryExec(['config', '--type=path', '--show-scope', '--get-all', key])
    return r.stdout
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('command\t'))
      .map((line) => line.slice(line.indexOf('\t') + 1))
  }

  private overrides(): Promise<ConfigEntry[]> {
    this.shared.overrides ??= readOverrides(this.cwd)
    return this.shared.overrides
  }

  private gitEnv(overrides: ConfigEntry[]): NodeJS.ProcessEnv {
    return gitProcessEnv([...overrides, ...this.config], this.env)
  }
}

/**
 * The fixed overrides, plus one for each named setting the configuration
 * holds. Reading the configuration runs no program; when it fails (no
 * repository yet, a broken file), the command itself will say so.
 */
async function readOverrides(cwd: string): Promise<ConfigEntry[]> {
  const r = await run('git', ['config', '--list', '--name-only', '-z'], {
    cwd,
    env: gitProcessEnv(FIXED),
    allowFailure: true,
    timeoutMs: GIT_TIME_LIMIT_MS
  }).catch(() => undefined)
  const named: ConfigEntry[] = []
  const seen = new Set<string>()
  for (const name of r?.stdout.split('\0') ?? []) {
    const first = name.indexOf('.')
    const last = name.lastIndexOf('.')
    if (first < 0 || last === first) continue // no subsection
    const section = name.slice(0, first).toLowerCase()
    const subsection = name.slice(first + 1, last)
    const overrides = NAMED[section]
    if (!overrides || seen.has(`${section}.${subsection}`)) continue
    seen.add(`${section}.${subsection}`)
    for (const o of overrides) named.push({ key: `${section}.${subsection}.${o.key}`, value: o.value })
  }
  return [...FIXED, ...named]
}

/**
 * The fixed overrides as environment, for a program that runs git itself
 * (DVC): its git runs no hook, fsmonitor or configured helper either.
 */
export function hardenedGitEnv(): NodeJS.ProcessEnv {
  const env = gitProcessEnv(FIXED)
  return Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('GIT_')))
}

/**
 * The environment of one git process: the allowlist, `set`, and `config` as
 * command-line configuration. Never a prompt for credentials (CI has no one to
 * answer); messages in English, for matching.
 */
function gitProcessEnv(config: ConfigEntry[], set: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...set, GIT_CONFIG_COUNT: String(config.length) }
  config.forEach((e, i) => {
    env[`GIT_CONFIG_KEY_${i}`] = e.key
    env[`GIT_CONFIG_VALUE_${i}`] = e.value
  })
  return programEnv('git', { ...env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' })
}

/** The most `show` returns (paths.ts MAX_TEXT_BYTES; io/ does not import the resolver). */
const MAX_SHOWN_BYTES = 256 * 1024 * 1024

/** Commands that take their pathspecs on stdin (git 2.25+); others get them in batches. */
const PATHSPEC_FROM_STDIN = new Set(['add', 'reset', 'checkout', 'restore', 'rm', 'commit', 'stash'])
/** Characters of paths per command line: far below Linux's limit, and Windows' 32,767. */
const BATCH_CHARS = 16_000

function batches(paths: string[]): string[][] {
  const out: string[][] = []
  let batch: string[] = []
  let chars = 0
  for (const path of paths) {
    if (batch.length > 0 && chars + path.length + 1 > BATCH_CHARS) {
      out.push(batch)
      batch = []
      chars = 0
    }
    batch.push(path)
    chars += path.length + 1
  }
  if (batch.length > 0) out.push(batch)
  return out
}

function stdoutOf(args: string[], result: RunResult): string {
  if (result.code !== 0) throw new CommandError(['git', ...args].join(' '), result)
  return result.stdout
}

/**
 * A command that reaches a remote through a local path or SSH runs the
 * program remote.<name>.uploadpack (receivepack) names, and there the first
 * configured value wins over command-line configuration: the option does win.
 */
function withPackPrograms(args: string[]): string[] {
  const [command, ...rest] = args
  if (command === 'fetch' || command === 'ls-remote' || command === 'pull')
    return [command, '--upload-pack=git-upload-pack', ...rest]
  if (command === 'push') return [command, '--receive-pack=git-receive-pack', ...rest]
  return args
}

function timeoutProblem(args: string[], ms: number): GraftError {
  const remote = ['fetch', 'push', 'ls-remote', 'pull'].includes(args[0])
  return new GraftError({
    message: `git ${args[0]} did not finish within ${describeDuration(ms)} and was stopped`,
    hint: remote
      ? 'the remote did not answer in time: check that origin is reachable (a proxy?) and re-run the workflow'
      : 'the repository may be very large or its disk very slow; re-run, and report it if it happens again'
  })
}
