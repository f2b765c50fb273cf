// The one git runner: every git command the project makes goes through here,
// so environment, configuration, time limit and error text are handled once.
//
// git runs on a repository a pull request can shape, with a configuration an
// earlier step may have set (husky points core.hooksPath into the work tree;
// tools add fsmonitor hooks, filters, diff drivers). Any program git starts
// would run with what git's environment holds, so every command runs
// - with hooks and every configured program off: the settings below and, for
//   settings keyed by a name (filter.<driver>.clean, diff.<driver>.textconv,
//   merge.<driver>.driver…), an override for each name the configuration
//   holds (read with `git config --list`, includes followed); the overrides go
//   in as command-line configuration (GIT_CONFIG_COUNT…), which wins over
//   every config file — except remote.<name>.uploadpack and receivepack,
//   where the first value wins, so the commands that reach a remote name the
//   programs on their command line;
// - with an allowlisted environment (io/env.ts): no token, no AWS keys, no
//   INPUT_* or ACTIONS_* variables; the token is added only to the commands
//   that talk to the remote (io/remote-auth.ts) and to the fetches git makes on
//   its own in a partial clone, as an HTTP header, and those then ask no
//   credential helper (credential.helper and credential.<url>.helper emptied);
//   without the action's token (the CLI), the user's own credentials apply;
// - with a time limit, named when it stops a command.
import { readdirSync, realpathSync, type Dirent } from 'node:fs'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { GraftError } from '../errors.js'
import { isWithin } from '../repo/names.js'
import { MAX_TEXT_BYTES } from '../repo/safe-read.js'
import { CommandError, CommandTimeout, OutputTooLarge, describeDuration, run, type RunResult } from './exec.js'
import { programEnv } from './env.js'
import { authConfig, httpOrigin, isHttpRemote, scrubSecret } from './git-auth.js'

/** Limits of one command beyond the runner's own. */
export interface GitLimits {
  /** stop git once its output passes this many bytes (exec.ts OutputTooLarge) */
  maxOutputBytes?: number
}

/** One configuration entry given to a git process, after every config file. */
export interface ConfigEntry {
  key: string
  value: string
}

/** A git command running longer than this is stopped (a stalled network, a huge fetch). */
export const GIT_TIME_LIMIT_MS = 20 * 60_000

/**
 * A transfer over HTTP(S) that moves no byte for this long is given up by git
 * itself (curl's low-speed limit: "Operation too slow. Less than 1 bytes/sec
 * transferred the last 60 seconds"): a host that hangs mid-pack, on a push or
 * a partial clone's fetch, costs a minute, not GIT_TIME_LIMIT_MS. A live
 * server sends progress or keep-alive packets every few seconds, even while
 * it packs or runs its hooks.
 */
export const GIT_STALL_LIMIT_S = 60

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
  { key: 'push.recurseSubmodules', value: 'no' },
  { key: 'http.lowSpeedLimit', value: '1' },
  { key: 'http.lowSpeedTime', value: String(GIT_STALL_LIMIT_S) }
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
  hook: [{ key: 'command', value: ':' }]
}

/** Commands after which the configuration may read differently (`includeIf "onbranch:…"`): it is read again. */
const MOVES_HEAD = new Set(['checkout', 'switch', 'rebase', 'reset', 'update-ref', 'merge', 'commit', 'pull'])

/** What every Git of one repository shares: the configuration's overrides, read once (until HEAD moves). */
class Shared {
  facts?: Promise<RepoFacts>
}

/** What the runner reads of a repository's configuration once (again after HEAD moves). */
interface RepoFacts {
  overrides: ConfigEntry[]
  /** empty every credential helper the configuration names, for a command that authenticates with the action's token */
  credentialResets: ConfigEntry[]
  /**
   * The remote a partial clone (`--filter=blob:none`) fetches missing objects
   * from, as git fetches them on its own in the middle of a diff, show or
   * rebase: its URL as configured, and the URLs git uses (url.*.insteadOf applied).
   */
  promisor?: RemoteUrls
  /**
   * A configuration file git reads from the work tree (an include.path or
   * includeIf pointing there), repository-relative: a pull request can change
   * it, so no command gets the token while git reads it, and no credential
   * helper runs.
   */
  worktreeConfig?: string
}

/** A remote's URL as its configuration writes it, and the URLs git really uses for it. */
interface RemoteUrls {
  name: string
  configured: string
  /** fetch URL, then every push URL, after url.<base>.insteadOf / pushInsteadOf */
  used: string[]
}

/**
 * A partial clone could not fetch contents it does not hold (git's lazy
 * fetch from its promisor remote): the token was refused, or there was none.
 */
export class LazyFetchError extends GraftError {
  constructor(remoteUrl: string | undefined, stderr: string, withheld?: string) {
    const status =
      /returned error: (\d{3})/.exec(stderr)?.[1] ?? (/could not read Username/i.test(stderr) ? '401' : undefined)
    super({
      message:
        `this clone is partial (file contents are fetched when needed, as with actions/checkout's filter: blob:none), ` +
        `and fetching older contents from ${remoteUrl ?? 'its remote'} failed${status ? ` (HTTP ${status})` : ''}` +
        (withheld ? `; the token was not sent: ${withheld}` : ''),
      hint: 'give the action a `token` that may read the repository (it fetches them with it), or check out without `filter:` (a full clone)'
    })
    this.name = 'LazyFetchError'
  }
}

/** How one Git runs its commands besides the runner's own rules. */
interface GitSetup {
  /** variables set for git on top of the allowlisted environment (GIT_INDEX_FILE, the identity…) */
  env: NodeJS.ProcessEnv
  /** the token for a remote reached over HTTP(S), for the commands that talk to it (io/remote-auth.ts) */
  auth?: { url: string; token: string }
  /** the token git's own fetches in a partial clone carry (see RepoFacts.promisor) */
  lazyFetchToken?: string
  /**
   * The server the token belongs to (`https://github.com`, a GHES URL): git
   * sends it to no other origin. Unset: the remote's configured origin only.
   */
  tokenServer?: string
  shared: Shared
}

export class Git {
  private readonly setup: GitSetup

  /**
   * @param env variables set for git on top of the allowlisted environment
   *   (the identity, a scratch GIT_INDEX_FILE…); never the runner's own
   */
  constructor(
    readonly cwd: string,
    env: NodeJS.ProcessEnv = {},
    setup: Omit<GitSetup, 'env'> = { shared: new Shared() }
  ) {
    this.setup = { ...setup, env }
  }

  /**
   * Runs git and returns stdout; throws CommandError on a non-zero exit, and
   * LazyFetchError when a partial clone could not fetch what the command needed.
   */
  async exec(args: string[], input?: string, limits: GitLimits = {}): Promise<string> {
    return this.stdoutOf(args, await this.tryExec(args, input, limits))
  }

  /** Runs git and returns the whole result, whatever the exit code. */
  async tryExec(args: string[], input?: string, limits: GitLimits = {}): Promise<RunResult> {
    const facts = await this.facts()
    const { auth, lazyFetchToken } = this.setup
    const lazy = facts.promisor && lazyFetchToken && !this.lazyTokenWithheld(facts) ? facts.promisor : undefined
    const headers = [
      ...(lazy ? authConfig(lazy.configured, lazyFetchToken!) : []),
      ...(auth ? authConfig(auth.url, auth.token) : [])
    ]
    // With the action's own credentials, no other (a helper would answer when the header is refused);
    // and none from a configuration file of the work tree, ever.
    const config =
      headers.length > 0 || facts.worktreeConfig
        ? [...facts.overrides, ...facts.credentialResets, ...headers]
        : facts.overrides
    const env = gitProcessEnv(config, this.setup.env, this.cwd)
    try {
      const result = await run('git', withPackPrograms(args), {
        cwd: this.cwd,
        env,
        input,
        allowFailure: true,
        timeoutMs: GIT_TIME_LIMIT_MS,
        maxOutputBytes: limits.maxOutputBytes
      })
      // git's complaints may quote what it sent; its output is the repository's content, left as it is
      const secrets = [auth?.token, lazyFetchToken].filter((t): t is string => t !== undefined)
      const said =
        result.code !== 0 && STALLED.test(result.stderr) ? { ...result, stderr: result.stderr + STALL_LINE } : result
      return secrets.length > 0 ? { ...said, stderr: secrets.reduce(scrubSecret, said.stderr) } : said
    } catch (error) {
      if (error instanceof CommandTimeout) throw timeoutProblem(args, error.timeoutMs)
      throw error
    } finally {
      if (MOVES_HEAD.has(args[0])) this.setup.shared.facts = undefined
    }
  }

  /**
   * The same repository, whose commands give `token` to the fetches git makes
   * on its own in a partial clone (over HTTP(S) only): a clone made with
   * `filter: blob:none` and `persist-credentials: false` has no credentials of
   * its own for them.
   */
  withLazyFetchToken(token: string | undefined, server?: string): Git {
    return new Git(this.cwd, this.setup.env, { ...this.setup, lazyFetchToken: token, tokenServer: server })
  }

  /**
   * The same repository, whose commands send `token` to `remote` (a name or a
   * URL) as a header when git reaches it over HTTP(S), and ask no credential
   * helper: for the commands that talk to the remote (io/remote-auth.ts).
   * The header is keyed to the remote's origin as configured, and given only
   * when every URL git uses for the remote over HTTP(S) has that origin (no
   * url.*.insteadOf or pushurl taking it elsewhere), that origin is the token's
   * server, and git reads no configuration file from the work tree.
   * @throws GraftError naming where git would take the token otherwise
   */
  async withRemoteAuth(remote: string, token: string): Promise<Git> {
    const urls = await this.remoteUrls(remote)
    if (!isHttpRemote(urls.configured) && !urls.used.some(isHttpRemote)) return this
    const problem = tokenDestinationProblem(urls, await this.facts(), this.setup.tokenServer)
    if (problem)
      throw new GraftError({
        message: `the action does not give its token to git for ${remote}: ${problem}`,
        hint: TOKEN_DESTINATION_HINT
      })
    return new Git(this.cwd, this.setup.env, { ...this.setup, auth: { url: urls.configured, token } })
  }

  /** A remote's configured URL and the URLs git uses for it (a URL given as `remote` is its own). */
  private async remoteUrls(remote: string): Promise<RemoteUrls> {
    const configured = (await this.tryExec(['config', '--get', `remote.${remote}.url`])).stdout.trim()
    if (!configured) return { name: remote, configured: remote, used: [remote] }
    const fetch = (await this.tryExec(['remote', 'get-url', remote])).stdout.trim()
    const push = (await this.tryExec(['remote', 'get-url', '--push', '--all', remote])).stdout.split('\n')
    return { name: remote, configured, used: [fetch, ...push].map((u) => u.trim()).filter(Boolean) }
  }

  /** Why the partial clone's own fetches may not carry the token, or undefined. */
  private lazyTokenWithheld(facts: RepoFacts): string | undefined {
    const promisor = facts.promisor
    if (!promisor || (!isHttpRemote(promisor.configured) && !promisor.used.some(isHttpRemote)))
      return 'not over HTTP(S)'
    return tokenDestinationProblem(promisor, facts, this.setup.tokenServer)
  }

  /**
   * Runs `git <args> -- <paths>` for any number of paths: never one command
   * line too long for the system (`spawn E2BIG`; Windows allows 32,767
   * characters). Commands that read pathspecs from stdin get them there
   * (`--pathspec-from-file`); others run once per batch of paths, their
   * outputs joined in order.
   */
  async execPaths(args: string[], paths: string[], limits: GitLimits = {}): Promise<string> {
    return this.stdoutOf([...args, '--', '…'], await this.tryExecPaths(args, paths, limits))
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
    const args = ['show', '--no-textconv', `${rev}:./${path}`]
    const r = await this.tryExec(args, undefined, {
      maxOutputBytes: MAX_SHOWN_BYTES
    }).catch((error: unknown) => {
      if (!(error instanceof OutputTooLarge)) throw error
      throw new GraftError({
        file: path,
        message: `${path} at ${rev.slice(0, 12)} is more than ${MAX_SHOWN_BYTES / (1024 * 1024)} MB, more than the action reads from one file`,
        hint: 'a prompt or a generated document is text of a sensible size: remove or split it'
      })
    })
    if (r.code !== 0) await this.throwIfLazyFetchFailed(args, r)
    return r.code === 0 ? r.stdout : undefined
  }

  /**
   * The repository checked out in `dir` below this one (a submodule, a nested
   * repository), run by the same rules: its own configuration is read for its
   * overrides (a submodule's config may name diff drivers, filters and hooks
   * of its own), variables that name this repository's index or folders are
   * dropped (as git drops them for a submodule), and neither token goes with
   * it (its remote is not the action's).
   */
  below(dir: string): Git {
    const env = Object.fromEntries(Object.entries(this.setup.env).filter(([k]) => !REPO_LOCAL_ENV.has(k)))
    return new Git(join(this.cwd, dir), env)
  }

  /** The same repository with extra variables for git (e.g. a scratch `GIT_INDEX_FILE`). */
  withEnv(extra: NodeJS.ProcessEnv): Git {
    return new Git(this.cwd, { ...this.setup.env, ...extra }, this.setup)
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

  private facts(): Promise<RepoFacts> {
    this.setup.shared.facts ??= readFacts(this.cwd)
    return this.setup.shared.facts
  }

  private async stdoutOf(args: string[], result: RunResult): Promise<string> {
    if (result.code === 0) return result.stdout
    await this.throwIfLazyFetchFailed(args, result)
    throw new CommandError(['git', ...args].join(' '), result)
  }

  /** A failure of a command that does not itself talk to the remote, in a partial clone, from a fetch git made on its own. */
  private async throwIfLazyFetchFailed(args: string[], result: RunResult): Promise<void> {
    if (REMOTE_COMMANDS.has(args[0])) return
    const facts = await this.facts()
    const promisorUrl = facts.promisor?.configured
    if (PROMISOR_FAILURE.test(result.stderr) || (promisorUrl && LAZY_FETCH_FAILURE.test(result.stderr))) {
      const withheld = this.setup.lazyFetchToken && facts.promisor ? this.lazyTokenWithheld(facts) : undefined
      throw new LazyFetchError(promisorUrl, result.stderr, withheld === 'not over HTTP(S)' ? undefined : withheld)
    }
  }
}

/** Variables that name one repository's own files (git's local_repo_env): not passed to another repository's git. */
const REPO_LOCAL_ENV = new Set([
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_DIR',
  'GIT_GRAFT_FILE',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_OBJECT_DIRECTORY',
  'GIT_PREFIX',
  'GIT_REPLACE_REF_BASE',
  'GIT_SHALLOW_FILE',
  'GIT_WORK_TREE'
])

/** git's words when a lazy fetch from the promisor remote failed. */
const PROMISOR_FAILURE = /from promisor remote/i
/** …and what a partial clone's fetch says when the host refused it. */
const LAZY_FETCH_FAILURE = /could not read Username|returned error: 40[13]|Authentication failed|unable to access/i

/**
 * The fixed overrides, plus one for each named setting the configuration
 * holds — the submodules' configurations included (see submoduleConfigNames)
 * — and the promisor remote of a partial clone. Reading the configuration
 * runs no program; when it fails (no repository yet, a broken file), the
 * command itself will say so.
 */
async function readFacts(cwd: string): Promise<RepoFacts> {
  const git = (args: string[]): Promise<RunResult | undefined> =>
    run('git', args, {
      cwd,
      env: gitProcessEnv(FIXED, {}, cwd),
      allowFailure: true,
      timeoutMs: GIT_TIME_LIMIT_MS
    }).catch(() => undefined)
  // origin and name of each entry: `file:<path>\0<name>\0`
  const listed = (await git(['config', '--list', '--show-origin', '--name-only', '-z']))?.stdout.split('\0') ?? []
  const names = listed.filter((_, i) => i % 2 === 1)
  const origins = new Set(listed.filter((o, i) => i % 2 === 0 && o.startsWith('file:')).map((o) => o.slice(5)))
  // `git submodule init` (and every clone or checkout with submodules) records submodule.<name>.url here
  const inSubmodules = names.some((n) => n.startsWith('submodule.')) ? await submoduleConfigNames(git, cwd) : []
  const overrides = [...FIXED, ...namedOverrides([...names, ...inSubmodules])]
  const credentialResets = [
    { key: 'credential.helper', value: '' },
    ...names.filter((n) => /^credential\..+\.helper$/.test(n)).map((n) => ({ key: n, value: '' }))
  ]
  const facts: RepoFacts = { overrides, credentialResets }
  if ([...origins].some((o) => o !== '.git/config')) facts.worktreeConfig = await worktreeFile(origins, git)
  const promisor = names.includes('extensions.partialclone')
    ? (await git(['config', '--get', 'extensions.partialClone']))?.stdout.trim()
    : names.find((n) => /^remote\..+\.promisor$/.test(n))?.slice('remote.'.length, -'.promisor'.length)
  if (!promisor) return facts
  const configured = (await git(['config', '--get', `remote.${promisor}.url`]))?.stdout.trim()
  const used = (await git(['remote', 'get-url', promisor]))?.stdout.trim()
  if (configured) facts.promisor = { name: promisor, configured, used: used ? [used] : [] }
  return facts
}

/**
 * The first of the configuration files git read (`origins`, as `git config
 * --show-origin` names them) that lies in the work tree — not in the git
 * folder — repository-relative; undefined when none does.
 */
async function worktreeFile(
  origins: Set<string>,
  git: (args: string[]) => Promise<RunResult | undefined>
): Promise<string | undefined> {
  const where = (await git(['rev-parse', '--show-toplevel', '--absolute-git-dir']))?.stdout.split('\n') ?? []
  const [top, gitDir] = where.map((p) => p.trim())
  if (!top || !gitDir) return undefined
  const real = (p: string): string => {
    try {
      return realpathSync.native(p)
    } catch {
      return resolve(p)
    }
  }
  const realTop = real(top)
  const realGitDir = real(gitDir)
  for (const origin of origins) {
    // git names the repository's own files relative to the top of the work tree
    const file = real(isAbsolute(origin) ? origin : resolve(top, origin))
    if (!isWithin(realTop, file) || isWithin(realGitDir, file)) continue
    const rel = relative(realTop, file).split(sep)
    if (rel.some((part) => part === '.git')) continue // another repository's git folder (a submodule's)
    return rel.join('/')
  }
  return undefined
}

/** What to do when the action refuses to give git its token. */
const TOKEN_DESTINATION_HINT =
  "the action sends its token only to the server the workflow runs on, at the origin of the remote's own URL: " +
  'remove the url.<base>.insteadOf, pushurl or include (include.path, includeIf) an earlier step set (`git config --list --show-origin` shows where each setting comes from), ' +
  'and point origin at that server (actions/checkout does)'

/**
 * Why git would take the token somewhere it does not belong, or undefined:
 * an HTTP(S) URL git uses for the remote at another origin than the remote's
 * configured one (url.<base>.insteadOf, a pushurl), that origin not the
 * token's server, or a configuration file of the work tree (which could send
 * git through a proxy of its choosing or turn TLS checks off).
 */
function tokenDestinationProblem(urls: RemoteUrls, facts: RepoFacts, server: string | undefined): string | undefined {
  if (facts.worktreeConfig)
    return `git reads configuration from ${facts.worktreeConfig}, a file of the work tree that a pull request can change`
  const origin = httpOrigin(urls.configured)
  if (!origin)
    return `${urls.name} is not reached over HTTP(S) by its configured URL, but git's configuration rewrites it to HTTP(S)`
  const elsewhere = urls.used.find((u) => isHttpRemote(u) && httpOrigin(u) !== origin)
  if (elsewhere)
    return `git's configuration sends ${urls.name} (${origin}) to ${httpOrigin(elsewhere)} (url.<base>.insteadOf or a pushurl)`
  const serverOrigin = server ? httpOrigin(server) : undefined
  if (server && origin !== serverOrigin)
    return `${urls.name} is at ${origin}, not on the server the workflow runs on (${serverOrigin ?? server})`
  return undefined
}

/** How deep into `modules/` (a submodule's name may hold `/`, and submodules nest) the configurations are looked for. */
const MAX_MODULES_DEPTH = 12

/**
 * The setting names of every submodule's own configuration
 * (`<git dir>/modules/<name>/config`, nested ones below it). git starts a git
 * of its own in a submodule for some commands (`add` and `status` ask a
 * checked-out submodule whether it is modified, with `git status`), and that
 * git reads the submodule's configuration, not this one's: its filters,
 * drivers and hooks get their overrides here, so the environment it inherits
 * turns them off too. Walked on disk without following symlinks; each file
 * read with `git config --file` (no program runs).
 */
async function submoduleConfigNames(
  git: (args: string[]) => Promise<RunResult | undefined>,
  cwd: string
): Promise<string[]> {
  const common = (await git(['rev-parse', '--git-common-dir']))?.stdout.trim()
  if (!common) return []
  const configs: string[] = []
  const walk = (dir: string, depth: number): void => {
    if (depth > MAX_MODULES_DEPTH) return
    let entries: Dirent[]
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      return
    }
    // a submodule's git folder (its objects and refs are not walked), else a folder of a name holding `/`
    if (entries.some((e) => e.name === 'HEAD') && entries.some((e) => e.name === 'config' && e.isFile())) {
      configs.push(join(dir, 'config'))
      walk(join(dir, 'modules'), depth + 1)
    } else for (const e of entries) if (e.isDirectory()) walk(join(dir, e.name), depth + 1)
  }
  walk(join(resolve(cwd, common), 'modules'), 0)
  const names: string[] = []
  for (const file of configs) {
    const r = await git(['config', '--file', file, '--includes', '--list', '--name-only', '-z'])
    if (r?.code === 0) names.push(...r.stdout.split('\0'))
  }
  return names
}

function namedOverrides(names: string[]): ConfigEntry[] {
  const named: ConfigEntry[] = []
  const seen = new Set<string>()
  for (const name of names) {
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
  return named
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
function gitProcessEnv(config: ConfigEntry[], set: NodeJS.ProcessEnv = {}, cwd?: string): NodeJS.ProcessEnv {
  // Every pathspec is a literal path (a caller may still set 0): a document or dep named `docs/[v2]*.md`
  // names that file, never every file its glob matches, nor `:(magic)`.
  const env: NodeJS.ProcessEnv = { GIT_LITERAL_PATHSPECS: '1', ...set, GIT_CONFIG_COUNT: String(config.length) }
  config.forEach((e, i) => {
    env[`GIT_CONFIG_KEY_${i}`] = e.key
    env[`GIT_CONFIG_VALUE_${i}`] = e.value
  })
  return programEnv('git', { ...env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }, process.env, cwd)
}

/** The most `show` returns: as much as the action reads from one file. */
const MAX_SHOWN_BYTES = MAX_TEXT_BYTES

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

/** curl's words when http.lowSpeedTime passed without a byte (curl error 28). */
const STALLED = /curl 28 Operation too slow|Operation too slow\. Less than/i
/** Said after curl's words, as git's last line: what happened, in ours. */
const STALL_LINE = `\nfatal: the remote sent nothing for ${GIT_STALL_LIMIT_S} s mid-transfer (a host or proxy that hangs), so git gave up`

/** Commands that talk to the remote themselves (their failures are theirs to read). */
const REMOTE_COMMANDS = new Set(['fetch', 'push', 'ls-remote', 'pull'])

function timeoutProblem(args: string[], ms: number): GraftError {
  const remote = REMOTE_COMMANDS.has(args[0])
  return new GraftError({
    message: `git ${args[0]} did not finish within ${describeDuration(ms)} and was stopped`,
    hint: remote
      ? 'the remote did not answer in time: check that origin is reachable (a proxy?) and re-run the workflow'
      : 'the repository may be very large or its disk very slow; re-run, and report it if it happens again'
  })
}
