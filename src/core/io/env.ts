// The environment a program we run on the repository sees: an allowlist, not
// the runner's whole environment. The action's process holds the token
// (INPUT_TOKEN), AWS keys, the Actions runtime's tokens (ACTIONS_*) and every
// other input; git and DVC need none of them, and whatever they start (a hook,
// a filter, a DVC plugin) would inherit them. Each program gets the common
// variables below plus the few of its own, and what the caller sets for it.
import { isAbsolute } from 'node:path'
import { checkoutFolders, insideAny, trustedEntries } from './which.js'

/** Where programs are, whose home, the locale and time zone, the temp folder, and the OS's own essentials. */
const COMMON = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TMPDIR',
  'XDG_CONFIG_HOME',
  // not a secret: the runner finds the processes a job left running by it, and stops them when the job
  // ends (a self-hosted runner's "Cleaning up orphan processes"); a git or DVC without it would outlive it
  'RUNNER_TRACKING_ID',
  // Windows: programs do not start without some of these
  'SYSTEMROOT',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
  'TEMP',
  'TMP',
  'USERPROFILE',
  'HOMEDRIVE',
  'HOMEPATH',
  'APPDATA',
  'LOCALAPPDATA',
  'PROGRAMDATA'
]

/** Proxies and the certificate authorities a corporate network needs, as the runner configured them. */
const NETWORK = [
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'ALL_PROXY',
  'NO_PROXY',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'CURL_CA_BUNDLE',
  'REQUESTS_CA_BUNDLE'
]

/** What each program needs beyond the common set. */
const OWN: Record<Program, string[]> = {
  // where git itself lives and which config files it reads; an SSH agent for an SSH remote
  git: [
    ...NETWORK,
    'GIT_EXEC_PATH',
    'GIT_CONFIG_NOSYSTEM',
    'GIT_CONFIG_GLOBAL',
    'GIT_CONFIG_SYSTEM',
    'GIT_SSL_CAINFO',
    'GIT_SSL_CAPATH',
    'SSH_AUTH_SOCK'
  ],
  // how a Python program finds its interpreter and libraries (virtual environments, conda, pyenv
  // shims) — never PYTHONPATH or PYTHONHOME: DVC runs in the repository, and a workflow's
  // `PYTHONPATH: .` would let a pull request's `sitecustomize.py` or `yaml.py` run inside it
  dvc: [
    'VIRTUAL_ENV',
    'CONDA_PREFIX',
    'CONDA_DEFAULT_ENV',
    'PYENV_ROOT',
    'PYENV_VERSION',
    'LD_LIBRARY_PATH',
    'DYLD_LIBRARY_PATH'
  ],
  // pip fetches DVC from the index the runner is configured for
  pip: [...NETWORK, 'VIRTUAL_ENV', 'LD_LIBRARY_PATH', 'DYLD_LIBRARY_PATH']
}

/** Variable-name prefixes each program may see: the locale, and pip's own configuration. */
const OWN_PREFIXES: Record<Program, string[]> = {
  git: ['LC_'],
  dvc: ['LC_'],
  pip: ['LC_', 'PIP_']
}

export type Program = 'git' | 'dvc' | 'pip'

/**
 * Lists of folders a program (or the dynamic loader) searches for what it
 * runs or loads. A relative entry — `.`, an empty one (which means `.`),
 * `node_modules/.bin` — names a folder of the directory the program runs in,
 * the repository: git would run a committed `ssh` for an SSH remote, the
 * loader would load a committed library into DVC. Only absolute entries are
 * kept, as io/which.ts looks programs up.
 */
const SEARCH_PATHS = new Set(['PATH', 'LD_LIBRARY_PATH', 'DYLD_LIBRARY_PATH'])

/**
 * Where git finds its own programs (git-remote-https, which a push runs with
 * the token's header): taken only when it lies outside the checkout.
 */
const PROGRAM_FOLDERS = new Set(['GIT_EXEC_PATH'])

/**
 * The variables of `source` that `program` may see (names compared
 * case-insensitively, as Windows does), search paths with their absolute
 * entries outside the checkout only (io/which.ts: the workspace, and `cwd`,
 * the repository the program runs in), then `set` on top.
 */
export function programEnv(
  program: Program,
  set: NodeJS.ProcessEnv = {},
  source: NodeJS.ProcessEnv = process.env,
  cwd?: string
): NodeJS.ProcessEnv {
  const allowed = new Set([...COMMON, ...OWN[program]])
  const prefixes = OWN_PREFIXES[program]
  const untrusted = checkoutFolders(source, cwd)
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined) continue
    const upper = name.toUpperCase()
    if (!allowed.has(upper) && !prefixes.some((p) => upper.startsWith(p))) continue
    if (PROGRAM_FOLDERS.has(upper) && (!isAbsolute(value) || insideAny(value, untrusted))) continue
    env[name] = SEARCH_PATHS.has(upper) ? trustedEntries(value, untrusted) : value
  }
  return { ...env, ...set }
}
