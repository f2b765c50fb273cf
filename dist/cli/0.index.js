export const id = 0;
export const ids = [0];
export const modules = {

/***/ 3087:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ programEnv)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _which_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(181);
// The environment a program we run on the repository sees: an allowlist, not
// the runner's whole environment. The action's process holds the token
// (INPUT_TOKEN), AWS keys, the Actions runtime's tokens (ACTIONS_*) and every
// other input; git and DVC need none of them, and whatever they start (a hook,
// a filter, a DVC plugin) would inherit them. Each program gets the common
// variables below plus the few of its own, and what the caller sets for it.


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
];
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
];
/** What each program needs beyond the common set. */
const OWN = {
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
};
/** Variable-name prefixes each program may see: the locale, and pip's own configuration. */
const OWN_PREFIXES = {
    git: ['LC_'],
    dvc: ['LC_'],
    pip: ['LC_', 'PIP_']
};
/**
 * Lists of folders a program (or the dynamic loader) searches for what it
 * runs or loads. A relative entry — `.`, an empty one (which means `.`),
 * `node_modules/.bin` — names a folder of the directory the program runs in,
 * the repository: git would run a committed `ssh` for an SSH remote, the
 * loader would load a committed library into DVC. Only absolute entries are
 * kept, as io/which.ts looks programs up.
 */
const SEARCH_PATHS = new Set(['PATH', 'LD_LIBRARY_PATH', 'DYLD_LIBRARY_PATH']);
/**
 * Where git finds its own programs (git-remote-https, which a push runs with
 * the token's header): taken only when it lies outside the checkout.
 */
const PROGRAM_FOLDERS = new Set(['GIT_EXEC_PATH']);
/**
 * The variables of `source` that `program` may see (names compared
 * case-insensitively, as Windows does), search paths with their absolute
 * entries outside the checkout only (io/which.ts: the workspace, and `cwd`,
 * the repository the program runs in), then `set` on top.
 */
function programEnv(program, set = {}, source = process.env, cwd) {
    const allowed = new Set([...COMMON, ...OWN[program]]);
    const prefixes = OWN_PREFIXES[program];
    const untrusted = (0,_which_js__WEBPACK_IMPORTED_MODULE_1__/* .checkoutFolders */ .sK)(source, cwd);
    const env = {};
    for (const [name, value] of Object.entries(source)) {
        if (value === undefined)
            continue;
        const upper = name.toUpperCase();
        if (!allowed.has(upper) && !prefixes.some((p) => upper.startsWith(p)))
            continue;
        if (PROGRAM_FOLDERS.has(upper) && (!(0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(value) || (0,_which_js__WEBPACK_IMPORTED_MODULE_1__/* .insideAny */ .lM)(value, untrusted)))
            continue;
        env[name] = SEARCH_PATHS.has(upper) ? (0,_which_js__WEBPACK_IMPORTED_MODULE_1__/* .trustedEntries */ .Cq)(value, untrusted) : value;
    }
    return { ...env, ...set };
}


/***/ }),

/***/ 1983:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MB: () => (/* binding */ describeDuration),
/* harmony export */   Qd: () => (/* binding */ CommandError),
/* harmony export */   Rg: () => (/* binding */ CommandTimeout),
/* harmony export */   eF: () => (/* binding */ run),
/* harmony export */   zp: () => (/* binding */ OutputTooLarge)
/* harmony export */ });
/* unused harmony export spawnProblem */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _phrasing_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1677);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4296);
/* harmony import */ var _which_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(181);
// The one way the project runs a subprocess (git, dvc, pip). Plain Node, so the
// core and the CLI need nothing from @actions/*. Arguments are passed as an
// array: no shell, no quoting bugs. A program named without a folder is looked
// up on the absolute PATH entries only (see which.ts), never in the folder it
// runs in.





class CommandError extends Error {
    command;
    result;
    constructor(command, result) {
        super(`${command} exited with ${result.code}: ${result.stderr.trim() || result.stdout.trim()}`);
        this.command = command;
        this.result = result;
        this.name = 'CommandError';
    }
}
/** The program ran past its time limit and was stopped. */
class CommandTimeout extends Error {
    command;
    timeoutMs;
    constructor(command, timeoutMs) {
        super(`${command} did not finish within ${describeDuration(timeoutMs)} and was stopped`);
        this.command = command;
        this.timeoutMs = timeoutMs;
        this.name = 'CommandTimeout';
    }
}
/** The program's output passed the caller's limit; it was stopped, and nothing it printed is kept. */
class OutputTooLarge extends Error {
    command;
    maxOutputBytes;
    constructor(command, maxOutputBytes) {
        super(`${command} printed more than ${maxOutputBytes} bytes and was stopped`);
        this.command = command;
        this.maxOutputBytes = maxOutputBytes;
        this.name = 'OutputTooLarge';
    }
}
/** "90 s", "10 minutes": a time limit as messages say it. */
function describeDuration(ms) {
    if (ms < 120_000)
        return `${Math.max(1, Math.round(ms / 1000))} s`;
    return `${Math.round(ms / 60_000)} minutes`;
}
/** On POSIX a program that may be stopped runs in its own process group, so stopping it stops what it started too. */
const GROUPS = process.platform !== 'win32';
const MAX_STDERR_BYTES = 1024 * 1024;
const run = (file, args, options) => new Promise((resolve, reject) => {
    const env = options.env ?? process.env;
    // Node looks a program up on the child's PATH, else its own: so do we.
    const program = file.includes('/')
        ? file
        : (0,_which_js__WEBPACK_IMPORTED_MODULE_4__/* .which */ .K7)(file, env.PATH ?? process.env.PATH ?? '', (0,_which_js__WEBPACK_IMPORTED_MODULE_4__/* .checkoutFolders */ .sK)(process.env, options.cwd));
    if (program === undefined) {
        const planted = (0,_which_js__WEBPACK_IMPORTED_MODULE_4__/* .which */ .K7)(file, env.PATH ?? '', []) ?? (0,_which_js__WEBPACK_IMPORTED_MODULE_4__/* .which */ .K7)(file, process.env.PATH ?? '', []);
        reject(planted
            ? (0,_which_js__WEBPACK_IMPORTED_MODULE_4__/* .inCheckoutProblem */ .BK)(file, planted)
            : spawnProblem(file, options.cwd, Object.assign(new Error(`spawn ${file} ENOENT`), { code: 'ENOENT' })));
        return;
    }
    const stoppable = options.timeoutMs !== undefined || options.maxOutputBytes !== undefined;
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(program, args, {
        cwd: options.cwd,
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: stoppable && GROUPS
    });
    const closed = new Promise((done) => child.once('close', () => done()));
    if (stoppable && GROUPS && child.pid !== undefined)
        running.track(child.pid, closed);
    const out = [];
    const err = [];
    let outBytes = 0;
    let tooLarge = false;
    let timedOut = false;
    const timer = options.timeoutMs !== undefined
        ? setTimeout(() => {
            timedOut = true;
            stop(child.pid);
        }, options.timeoutMs)
        : undefined;
    child.stdout.on('data', (d) => {
        if (tooLarge)
            return;
        outBytes += d.length;
        if (options.maxOutputBytes !== undefined && outBytes > options.maxOutputBytes) {
            tooLarge = true;
            out.length = 0;
            stop(child.pid);
            return;
        }
        out.push(d);
    });
    let errBytes = 0;
    child.stderr.on('data', (d) => {
        // a program's complaints are read for a message: the first megabyte says it
        errBytes += d.length;
        if (errBytes <= MAX_STDERR_BYTES)
            err.push(d);
    });
    child.on('error', (error) => {
        clearTimeout(timer);
        reject(spawnProblem(file, options.cwd, error));
    });
    child.on('close', (code) => {
        clearTimeout(timer);
        if (timedOut) {
            reject(new CommandTimeout([file, ...args.slice(0, 3)].join(' '), options.timeoutMs));
            return;
        }
        if (tooLarge) {
            reject(new OutputTooLarge([file, ...args.slice(0, 3)].join(' '), options.maxOutputBytes));
            return;
        }
        const result = {
            code: code ?? 1,
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(err).toString('utf8')
        };
        if (result.code !== 0 && !options.allowFailure) {
            reject(new CommandError([file, ...args].join(' '), result));
        }
        else {
            resolve(result);
        }
    });
    // A child may exit without reading its stdin (EPIPE); its exit code tells what happened.
    child.stdin.on('error', () => { });
    child.stdin.end(options.input ?? '');
});
/**
 * The process groups of the programs running now in groups of their own. A
 * group does not get the signals sent to ours (Ctrl-C in a terminal), and the
 * runner, cancelling a step, stops only the action's own process: so when the
 * action ends — it exits, or a signal ends it — it stops them itself, rather
 * than leave a DVC or git running on in the workspace, holding its locks.
 */
class RunningGroups {
    groups = new Map();
    onExit = () => {
        for (const pid of this.groups.keys())
            stop(pid);
    };
    onSignal = (signal) => {
        const closing = [...this.groups.values()];
        this.onExit();
        // Another part of the program handles the signal (generate rolls back its writes): it decides.
        if (process.listenerCount(signal) > 1)
            return;
        // Else the signal's own effect, once the stopped programs are gone and the code awaiting them
        // ran its clean-up (a scratch .dvc/ removed): the process ends by the signal, as without us.
        this.disarm();
        const grace = new Promise((done) => setTimeout(done, 2000).unref());
        void Promise.race([Promise.all(closing), grace]).then(() => setImmediate(() => process.kill(process.pid, signal)));
    };
    track(pid, closed) {
        if (this.groups.size === 0)
            this.arm();
        this.groups.set(pid, closed);
        void closed.then(() => {
            this.groups.delete(pid);
            if (this.groups.size === 0)
                this.disarm();
        });
    }
    arm() {
        process.on('exit', this.onExit);
        for (const signal of STOP_SIGNALS)
            process.on(signal, this.onSignal);
    }
    disarm() {
        process.off('exit', this.onExit);
        for (const signal of STOP_SIGNALS)
            process.off(signal, this.onSignal);
    }
}
/** The signals that end a run: Ctrl-C, a cancelled workflow (SIGINT, then SIGTERM), a closed terminal. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const running = new RunningGroups();
/** Kills a timed program's whole process group (POSIX), or the program itself. */
function stop(pid) {
    if (pid === undefined)
        return;
    try {
        process.kill(GROUPS ? -pid : pid, 'SIGKILL');
    }
    catch {
        // already gone
    }
}
/**
 * A spawn failure as the user can act on it: Node says `spawn git ENOENT` both
 * when git is missing and when the working folder is, and `spawn ENOTDIR` when
 * the folder is a file. Other errors are returned unchanged.
 */
function spawnProblem(file, cwd, error) {
    if (error.code === 'ENOENT' && !(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(cwd)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .GraftError */ .Tz({
            message: `the folder ${cwd} does not exist, so ${file} cannot run there`,
            hint: `check ${(0,_phrasing_js__WEBPACK_IMPORTED_MODULE_2__/* .setting */ .Pe)('working-directory')}`
        });
    }
    if (error.code === 'ENOTDIR' || (error.code === 'ENOENT' && !(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)(cwd).isDirectory())) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .GraftError */ .Tz({
            message: `${cwd} is a file, not a folder, so ${file} cannot run there`,
            hint: `check ${(0,_phrasing_js__WEBPACK_IMPORTED_MODULE_2__/* .setting */ .Pe)('working-directory')}`
        });
    }
    if (error.code === 'ENOENT') {
        // The code stays on the error, so a caller that knows the program (dvc) can say how to install it.
        const missing = new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .GraftError */ .Tz({
            message: `${file} is not installed or not on PATH`,
            hint: `install ${file} on the runner (or add its folder to PATH) and run again`
        });
        return Object.assign(missing, { code: 'ENOENT' });
    }
    if (error.code === 'EACCES') {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .GraftError */ .Tz({
            message: `${file} was found on PATH but cannot be run (permission denied)`,
            hint: `make ${file} executable, or put a working ${file} first on PATH`
        });
    }
    return error;
}


/***/ }),

/***/ 5339:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DY: () => (/* binding */ isHttpRemote),
/* harmony export */   SK: () => (/* binding */ scrubSecret),
/* harmony export */   dp: () => (/* binding */ httpOrigin),
/* harmony export */   fl: () => (/* binding */ authConfig)
/* harmony export */ });
/* unused harmony exports authHeader, extraHeaderKey */
/** The header GitHub accepts for a workflow token or a PAT over HTTPS. */
function authHeader(token) {
    return `AUTHORIZATION: basic ${basicCredentials(token)}`;
}
function basicCredentials(token) {
    return Buffer.from(`x-access-token:${token}`).toString('base64');
}
/**
 * The config key the header goes under. actions/checkout persists its own
 * header as `http.https://github.com/.extraheader`; git lets a URL-specific
 * key win over the generic `http.extraheader`, so for an http(s) remote the
 * header is set (after clearing that list) under the same URL-specific key.
 */
function extraHeaderKey(remoteUrl) {
    if (/^https?:\/\//i.test(remoteUrl)) {
        const url = new URL(remoteUrl);
        return `http.${url.protocol}//${url.host}/.extraheader`;
    }
    return 'http.extraheader';
}
/** Whether git reaches `remoteUrl` over HTTP(S), where the token header applies. */
function isHttpRemote(remoteUrl) {
    return /^https?:\/\//i.test(remoteUrl);
}
/** `scheme://host[:port]` of an HTTP(S) URL, lower case, the default port left out; undefined for anything else. */
function httpOrigin(remoteUrl) {
    if (!isHttpRemote(remoteUrl))
        return undefined;
    try {
        return new URL(remoteUrl).origin.toLowerCase();
    }
    catch {
        return undefined;
    }
}
/** The configuration that adds the header to one git process. */
function authConfig(remoteUrl, token) {
    const key = extraHeaderKey(remoteUrl);
    return [
        // An empty value resets the header list (drops a persisted checkout header).
        { key, value: '' },
        { key, value: authHeader(token) }
    ];
}
/** Replaces the token, and its base64 form, wherever it appears. */
function scrubSecret(text, token) {
    if (!token)
        return text;
    return [token, basicCredentials(token)].reduce((t, secret) => t.split(secret).join('***'), text);
}


/***/ }),

/***/ 3000:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pl: () => (/* binding */ hardenedGitEnv),
/* harmony export */   TU: () => (/* binding */ Git),
/* harmony export */   n3: () => (/* binding */ LazyFetchError)
/* harmony export */ });
/* unused harmony exports GIT_TIME_LIMIT_MS, GIT_STALL_LIMIT_S */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4296);
/* harmony import */ var _repo_names_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3452);
/* harmony import */ var _repo_safe_read_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5828);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1983);
/* harmony import */ var _env_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3087);
/* harmony import */ var _git_auth_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5339);
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








/** A git command running longer than this is stopped (a stalled network, a huge fetch). */
const GIT_TIME_LIMIT_MS = 20 * 60_000;
/**
 * A transfer over HTTP(S) that moves no byte for this long is given up by git
 * itself (curl's low-speed limit: "Operation too slow. Less than 1 bytes/sec
 * transferred the last 60 seconds"): a host that hangs mid-pack, on a push or
 * a partial clone's fetch, costs a minute, not GIT_TIME_LIMIT_MS. A live
 * server sends progress or keep-alive packets every few seconds, even while
 * it packs or runs its hooks.
 */
const GIT_STALL_LIMIT_S = 60;
/**
 * Settings with a fixed name that make git run a program, or that would let a
 * command reach further than asked (signing, submodules, background gc).
 * An empty value turns a program setting off (git then runs none) or, for a
 * list (credential.helper), empties the list; `diff.external` empty makes a
 * diff that would use it fail instead of running something.
 */
const FIXED = [
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
];
/**
 * Settings keyed by a name (`section.<name>.key`): for each name the
 * configuration holds in `section`, these keys get these values. Filters run
 * on checkout, add, rebase and stash; diff drivers on diffs; merge drivers on
 * a rebase's conflicts (`false`: a conflict, never a program).
 */
const NAMED = {
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
};
/** Commands after which the configuration may read differently (`includeIf "onbranch:…"`): it is read again. */
const MOVES_HEAD = new Set(['checkout', 'switch', 'rebase', 'reset', 'update-ref', 'merge', 'commit', 'pull']);
/** What every Git of one repository shares: the configuration's overrides, read once (until HEAD moves). */
class Shared {
    facts;
}
/**
 * A partial clone could not fetch contents it does not hold (git's lazy
 * fetch from its promisor remote): the token was refused, or there was none.
 */
class LazyFetchError extends _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GraftError */ .Tz {
    constructor(remoteUrl, stderr, withheld) {
        const status = /returned error: (\d{3})/.exec(stderr)?.[1] ?? (/could not read Username/i.test(stderr) ? '401' : undefined);
        super({
            message: `this clone is partial (file contents are fetched when needed, as with actions/checkout's filter: blob:none), ` +
                `and fetching older contents from ${remoteUrl ?? 'its remote'} failed${status ? ` (HTTP ${status})` : ''}` +
                (withheld ? `; the token was not sent: ${withheld}` : ''),
            hint: 'give the action a `token` that may read the repository (it fetches them with it), or check out without `filter:` (a full clone)'
        });
        this.name = 'LazyFetchError';
    }
}
class Git {
    cwd;
    setup;
    /**
     * @param env variables set for git on top of the allowlisted environment
     *   (the identity, a scratch GIT_INDEX_FILE…); never the runner's own
     */
    constructor(cwd, env = {}, setup = { shared: new Shared() }) {
        this.cwd = cwd;
        this.setup = { ...setup, env };
    }
    /**
     * Runs git and returns stdout; throws CommandError on a non-zero exit, and
     * LazyFetchError when a partial clone could not fetch what the command needed.
     */
    async exec(args, input, limits = {}) {
        return this.stdoutOf(args, await this.tryExec(args, input, limits));
    }
    /** Runs git and returns the whole result, whatever the exit code. */
    async tryExec(args, input, limits = {}) {
        const facts = await this.facts();
        const { auth, lazyFetchToken } = this.setup;
        const lazy = facts.promisor && lazyFetchToken && !this.lazyTokenWithheld(facts) ? facts.promisor : undefined;
        const headers = [
            ...(lazy ? (0,_git_auth_js__WEBPACK_IMPORTED_MODULE_7__/* .authConfig */ .fl)(lazy.configured, lazyFetchToken) : []),
            ...(auth ? (0,_git_auth_js__WEBPACK_IMPORTED_MODULE_7__/* .authConfig */ .fl)(auth.url, auth.token) : [])
        ];
        // With the action's own credentials, no other (a helper would answer when the header is refused);
        // and none from a configuration file of the work tree, ever.
        const config = headers.length > 0 || facts.worktreeConfig
            ? [...facts.overrides, ...facts.credentialResets, ...headers]
            : facts.overrides;
        const env = gitProcessEnv(config, this.setup.env, this.cwd);
        try {
            const result = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_5__/* .run */ .eF)('git', withPackPrograms(args), {
                cwd: this.cwd,
                env,
                input,
                allowFailure: true,
                timeoutMs: GIT_TIME_LIMIT_MS,
                maxOutputBytes: limits.maxOutputBytes
            });
            // git's complaints may quote what it sent; its output is the repository's content, left as it is
            const secrets = [auth?.token, lazyFetchToken].filter((t) => t !== undefined);
            const said = result.code !== 0 && STALLED.test(result.stderr) ? { ...result, stderr: result.stderr + STALL_LINE } : result;
            return secrets.length > 0 ? { ...said, stderr: secrets.reduce(_git_auth_js__WEBPACK_IMPORTED_MODULE_7__/* .scrubSecret */ .SK, said.stderr) } : said;
        }
        catch (error) {
            if (error instanceof _exec_js__WEBPACK_IMPORTED_MODULE_5__/* .CommandTimeout */ .Rg)
                throw timeoutProblem(args, error.timeoutMs);
            throw error;
        }
        finally {
            if (MOVES_HEAD.has(args[0]))
                this.setup.shared.facts = undefined;
        }
    }
    /**
     * The same repository, whose commands give `token` to the fetches git makes
     * on its own in a partial clone (over HTTP(S) only): a clone made with
     * `filter: blob:none` and `persist-credentials: false` has no credentials of
     * its own for them.
     */
    withLazyFetchToken(token, server) {
        return new Git(this.cwd, this.setup.env, { ...this.setup, lazyFetchToken: token, tokenServer: server });
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
    async withRemoteAuth(remote, token) {
        const urls = await this.remoteUrls(remote);
        if (!(0,_git_auth_js__WEBPACK_IMPORTED_MODULE_7__/* .isHttpRemote */ .DY)(urls.configured) && !urls.used.some(_git_auth_js__WEBPACK_IMPORTED_MODULE_7__/* .isHttpRemote */ .DY))
            return this;
        const problem = tokenDestinationProblem(urls, await this.facts(), this.setup.tokenServer);
        if (problem)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GraftError */ .Tz({
                message: `the action does not give its token to git for ${remote}: ${problem}`,
                hint: TOKEN_DESTINATION_HINT
            });
        return new Git(this.cwd, this.setup.env, { ...this.setup, auth: { url: urls.configured, token } });
    }
    /** A remote's configured URL and the URLs git uses for it (a URL given as `remote` is its own). */
    async remoteUrls(remote) {
        const configured = (await this.tryExec(['config', '--get', `remote.${remote}.url`])).stdout.trim();
        if (!configured)
            return { name: remote, configured: remote, used: [remote] };
        const fetch = (await this.tryExec(['remote', 'get-url', remote])).stdout.trim();
        const push = (await this.tryExec(['remote', 'get-url', '--push', '--all', remote])).stdout.split('\n');
        return { name: remote, configured, used: [fetch, ...push].map((u) => u.trim()).filter(Boolean) };
    }
    /** Why the partial clone's own fetches may not carry the token, or undefined. */
    lazyTokenWithheld(facts) {
        const promisor = facts.promisor;
        if (!promisor || (!(0,_git_auth_js__WEBPACK_IMPORTED_MODULE_7__/* .isHttpRemote */ .DY)(promisor.configured) && !promisor.used.some(_git_auth_js__WEBPACK_IMPORTED_MODULE_7__/* .isHttpRemote */ .DY)))
            return 'not over HTTP(S)';
        return tokenDestinationProblem(promisor, facts, this.setup.tokenServer);
    }
    /**
     * Runs `git <args> -- <paths>` for any number of paths: never one command
     * line too long for the system (`spawn E2BIG`; Windows allows 32,767
     * characters). Commands that read pathspecs from stdin get them there
     * (`--pathspec-from-file`); others run once per batch of paths, their
     * outputs joined in order.
     */
    async execPaths(args, paths, limits = {}) {
        return this.stdoutOf([...args, '--', '…'], await this.tryExecPaths(args, paths, limits));
    }
    /** execPaths, returning the whole result (the first failure's code and message) whatever the exit code. */
    async tryExecPaths(args, paths, limits = {}) {
        // No path means no file here, never "every file" (what an empty pathspec means to git).
        if (paths.length === 0)
            return { code: 0, stdout: '', stderr: '' };
        if (PATHSPEC_FROM_STDIN.has(args[0])) {
            return this.tryExec([...args, '--pathspec-from-file=-', '--pathspec-file-nul'], paths.join('\0'), limits);
        }
        const joined = { code: 0, stdout: '', stderr: '' };
        let left = limits.maxOutputBytes;
        for (const batch of batches(paths)) {
            const r = await this.tryExec([...args, '--', ...batch], undefined, { maxOutputBytes: left });
            joined.stdout += r.stdout;
            joined.stderr += r.stderr;
            if (left !== undefined)
                left -= Buffer.byteLength(r.stdout);
            if (r.code !== 0)
                return { ...joined, code: r.code };
        }
        return joined;
    }
    /** Tracked files plus untracked files git does not ignore, `/`-separated. */
    async listFiles() {
        const out = await this.exec(['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
        return [...new Set(out.split('\0').filter(Boolean))];
    }
    async revParse(rev) {
        const r = await this.tryExec(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
        return r.code === 0 ? r.stdout.trim() : undefined;
    }
    /**
     * File contents at a revision, or undefined when the path does not exist there.
     * `./` makes the path relative to cwd, so a working-directory below the git root works.
     */
    async show(rev, path) {
        // a committed file of gigabytes must not exhaust memory: one file's text, as the resolver reads at most
        const args = ['show', '--no-textconv', `${rev}:./${path}`];
        const r = await this.tryExec(args, undefined, {
            maxOutputBytes: MAX_SHOWN_BYTES
        }).catch((error) => {
            if (!(error instanceof _exec_js__WEBPACK_IMPORTED_MODULE_5__/* .OutputTooLarge */ .zp))
                throw error;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GraftError */ .Tz({
                file: path,
                message: `${path} at ${rev.slice(0, 12)} is more than ${MAX_SHOWN_BYTES / (1024 * 1024)} MB, more than the action reads from one file`,
                hint: 'a prompt or a generated document is text of a sensible size: remove or split it'
            });
        });
        if (r.code !== 0)
            await this.throwIfLazyFetchFailed(args, r);
        return r.code === 0 ? r.stdout : undefined;
    }
    /**
     * The repository checked out in `dir` below this one (a submodule, a nested
     * repository), run by the same rules: its own configuration is read for its
     * overrides (a submodule's config may name diff drivers, filters and hooks
     * of its own), variables that name this repository's index or folders are
     * dropped (as git drops them for a submodule), and neither token goes with
     * it (its remote is not the action's).
     */
    below(dir) {
        const env = Object.fromEntries(Object.entries(this.setup.env).filter(([k]) => !REPO_LOCAL_ENV.has(k)));
        return new Git((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(this.cwd, dir), env);
    }
    /** The same repository with extra variables for git (e.g. a scratch `GIT_INDEX_FILE`). */
    withEnv(extra) {
        return new Git(this.cwd, { ...this.setup.env, ...extra }, this.setup);
    }
    /**
     * Every value the path setting `key` has in the repository's configuration
     * files (`~` expanded), last one winning; the overrides above are not among
     * them. For the one caller that must know the configured hooks folder.
     */
    async configuredPaths(key) {
        const r = await this.tryExec(['config', '--type=path', '--show-scope', '--get-all', key]);
        return r.stdout
            .split('\n')
            .filter((line) => line !== '' && !line.startsWith('command\t'))
            .map((line) => line.slice(line.indexOf('\t') + 1));
    }
    facts() {
        this.setup.shared.facts ??= readFacts(this.cwd);
        return this.setup.shared.facts;
    }
    async stdoutOf(args, result) {
        if (result.code === 0)
            return result.stdout;
        await this.throwIfLazyFetchFailed(args, result);
        throw new _exec_js__WEBPACK_IMPORTED_MODULE_5__/* .CommandError */ .Qd(['git', ...args].join(' '), result);
    }
    /** A failure of a command that does not itself talk to the remote, in a partial clone, from a fetch git made on its own. */
    async throwIfLazyFetchFailed(args, result) {
        if (REMOTE_COMMANDS.has(args[0]))
            return;
        const facts = await this.facts();
        const promisorUrl = facts.promisor?.configured;
        if (PROMISOR_FAILURE.test(result.stderr) || (promisorUrl && LAZY_FETCH_FAILURE.test(result.stderr))) {
            const withheld = this.setup.lazyFetchToken && facts.promisor ? this.lazyTokenWithheld(facts) : undefined;
            throw new LazyFetchError(promisorUrl, result.stderr, withheld === 'not over HTTP(S)' ? undefined : withheld);
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
]);
/** git's words when a lazy fetch from the promisor remote failed. */
const PROMISOR_FAILURE = /from promisor remote/i;
/** …and what a partial clone's fetch says when the host refused it. */
const LAZY_FETCH_FAILURE = /could not read Username|returned error: 40[13]|Authentication failed|unable to access/i;
/**
 * The fixed overrides, plus one for each named setting the configuration
 * holds — the submodules' configurations included (see submoduleConfigNames)
 * — and the promisor remote of a partial clone. Reading the configuration
 * runs no program; when it fails (no repository yet, a broken file), the
 * command itself will say so.
 */
async function readFacts(cwd) {
    const git = (args) => (0,_exec_js__WEBPACK_IMPORTED_MODULE_5__/* .run */ .eF)('git', args, {
        cwd,
        env: gitProcessEnv(FIXED, {}, cwd),
        allowFailure: true,
        timeoutMs: GIT_TIME_LIMIT_MS
    }).catch(() => undefined);
    // origin and name of each entry: `file:<path>\0<name>\0`
    const listed = (await git(['config', '--list', '--show-origin', '--name-only', '-z']))?.stdout.split('\0') ?? [];
    const names = listed.filter((_, i) => i % 2 === 1);
    const origins = new Set(listed.filter((o, i) => i % 2 === 0 && o.startsWith('file:')).map((o) => o.slice(5)));
    // `git submodule init` (and every clone or checkout with submodules) records submodule.<name>.url here
    const inSubmodules = names.some((n) => n.startsWith('submodule.')) ? await submoduleConfigNames(git, cwd) : [];
    const overrides = [...FIXED, ...namedOverrides([...names, ...inSubmodules])];
    const credentialResets = [
        { key: 'credential.helper', value: '' },
        ...names.filter((n) => /^credential\..+\.helper$/.test(n)).map((n) => ({ key: n, value: '' }))
    ];
    const facts = { overrides, credentialResets };
    if ([...origins].some((o) => o !== '.git/config'))
        facts.worktreeConfig = await worktreeFile(origins, git);
    const promisor = names.includes('extensions.partialclone')
        ? (await git(['config', '--get', 'extensions.partialClone']))?.stdout.trim()
        : names.find((n) => /^remote\..+\.promisor$/.test(n))?.slice('remote.'.length, -'.promisor'.length);
    if (!promisor)
        return facts;
    const configured = (await git(['config', '--get', `remote.${promisor}.url`]))?.stdout.trim();
    const used = (await git(['remote', 'get-url', promisor]))?.stdout.trim();
    if (configured)
        facts.promisor = { name: promisor, configured, used: used ? [used] : [] };
    return facts;
}
/**
 * The first of the configuration files git read (`origins`, as `git config
 * --show-origin` names them) that lies in the work tree — not in the git
 * folder — repository-relative; undefined when none does.
 */
async function worktreeFile(origins, git) {
    const where = (await git(['rev-parse', '--show-toplevel', '--absolute-git-dir']))?.stdout.split('\n') ?? [];
    const [top, gitDir] = where.map((p) => p.trim());
    if (!top || !gitDir)
        return undefined;
    const real = (p) => {
        try {
            return node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync.native(p);
        }
        catch {
            return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(p);
        }
    };
    const realTop = real(top);
    const realGitDir = real(gitDir);
    for (const origin of origins) {
        // git names the repository's own files relative to the top of the work tree
        const file = real((0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(origin) ? origin : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(top, origin));
        if (!(0,_repo_names_js__WEBPACK_IMPORTED_MODULE_3__/* .isWithin */ .UO)(realTop, file) || (0,_repo_names_js__WEBPACK_IMPORTED_MODULE_3__/* .isWithin */ .UO)(realGitDir, file))
            continue;
        const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(realTop, file).split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep);
        if (rel.some((part) => part === '.git'))
            continue; // another repository's git folder (a submodule's)
        return rel.join('/');
    }
    return undefined;
}
/** What to do when the action refuses to give git its token. */
const TOKEN_DESTINATION_HINT = "the action sends its token only to the server the workflow runs on, at the origin of the remote's own URL: " +
    'remove the url.<base>.insteadOf, pushurl or include (include.path, includeIf) an earlier step set (`git config --list --show-origin` shows where each setting comes from), ' +
    'and point origin at that server (actions/checkout does)';
/**
 * Why git would take the token somewhere it does not belong, or undefined:
 * an HTTP(S) URL git uses for the remote at another origin than the remote's
 * configured one (url.<base>.insteadOf, a pushurl), that origin not the
 * token's server, or a configuration file of the work tree (which could send
 * git through a proxy of its choosing or turn TLS checks off).
 */
function tokenDestinationProblem(urls, facts, server) {
    if (facts.worktreeConfig)
        return `git reads configuration from ${facts.worktreeConfig}, a file of the work tree that a pull request can change`;
    const origin = (0,_git_auth_js__WEBPACK_IMPORTED_MODULE_7__/* .httpOrigin */ .dp)(urls.configured);
    if (!origin)
        return `${urls.name} is not reached over HTTP(S) by its configured URL, but git's configuration rewrites it to HTTP(S)`;
    const elsewhere = urls.used.find((u) => (0,_git_auth_js__WEBPACK_IMPORTED_MODULE_7__/* .isHttpRemote */ .DY)(u) && (0,_git_auth_js__WEBPACK_IMPORTED_MODULE_7__/* .httpOrigin */ .dp)(u) !== origin);
    if (elsewhere)
        return `git's configuration sends ${urls.name} (${origin}) to ${(0,_git_auth_js__WEBPACK_IMPORTED_MODULE_7__/* .httpOrigin */ .dp)(elsewhere)} (url.<base>.insteadOf or a pushurl)`;
    const serverOrigin = server ? (0,_git_auth_js__WEBPACK_IMPORTED_MODULE_7__/* .httpOrigin */ .dp)(server) : undefined;
    if (server && origin !== serverOrigin)
        return `${urls.name} is at ${origin}, not on the server the workflow runs on (${serverOrigin ?? server})`;
    return undefined;
}
/** How deep into `modules/` (a submodule's name may hold `/`, and submodules nest) the configurations are looked for. */
const MAX_MODULES_DEPTH = 12;
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
async function submoduleConfigNames(git, cwd) {
    const common = (await git(['rev-parse', '--git-common-dir']))?.stdout.trim();
    if (!common)
        return [];
    const configs = [];
    const walk = (dir, depth) => {
        if (depth > MAX_MODULES_DEPTH)
            return;
        let entries;
        try {
            entries = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir, { withFileTypes: true });
        }
        catch {
            return;
        }
        // a submodule's git folder (its objects and refs are not walked), else a folder of a name holding `/`
        if (entries.some((e) => e.name === 'HEAD') && entries.some((e) => e.name === 'config' && e.isFile())) {
            configs.push((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'config'));
            walk((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'modules'), depth + 1);
        }
        else
            for (const e of entries)
                if (e.isDirectory())
                    walk((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, e.name), depth + 1);
    };
    walk((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, common), 'modules'), 0);
    const names = [];
    for (const file of configs) {
        const r = await git(['config', '--file', file, '--includes', '--list', '--name-only', '-z']);
        if (r?.code === 0)
            names.push(...r.stdout.split('\0'));
    }
    return names;
}
function namedOverrides(names) {
    const named = [];
    const seen = new Set();
    for (const name of names) {
        const first = name.indexOf('.');
        const last = name.lastIndexOf('.');
        if (first < 0 || last === first)
            continue; // no subsection
        const section = name.slice(0, first).toLowerCase();
        const subsection = name.slice(first + 1, last);
        const overrides = NAMED[section];
        if (!overrides || seen.has(`${section}.${subsection}`))
            continue;
        seen.add(`${section}.${subsection}`);
        for (const o of overrides)
            named.push({ key: `${section}.${subsection}.${o.key}`, value: o.value });
    }
    return named;
}
/**
 * The fixed overrides as environment, for a program that runs git itself
 * (DVC): its git runs no hook, fsmonitor or configured helper either.
 */
function hardenedGitEnv() {
    const env = gitProcessEnv(FIXED);
    return Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('GIT_')));
}
/**
 * The environment of one git process: the allowlist, `set`, and `config` as
 * command-line configuration. Never a prompt for credentials (CI has no one to
 * answer); messages in English, for matching.
 */
function gitProcessEnv(config, set = {}, cwd) {
    // Every pathspec is a literal path (a caller may still set 0): a document or dep named `docs/[v2]*.md`
    // names that file, never every file its glob matches, nor `:(magic)`.
    const env = { GIT_LITERAL_PATHSPECS: '1', ...set, GIT_CONFIG_COUNT: String(config.length) };
    config.forEach((e, i) => {
        env[`GIT_CONFIG_KEY_${i}`] = e.key;
        env[`GIT_CONFIG_VALUE_${i}`] = e.value;
    });
    return (0,_env_js__WEBPACK_IMPORTED_MODULE_6__/* .programEnv */ .q)('git', { ...env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }, process.env, cwd);
}
/** The most `show` returns: as much as the action reads from one file. */
const MAX_SHOWN_BYTES = _repo_safe_read_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_TEXT_BYTES */ .$D;
/** Commands that take their pathspecs on stdin (git 2.25+); others get them in batches. */
const PATHSPEC_FROM_STDIN = new Set(['add', 'reset', 'checkout', 'restore', 'rm', 'commit', 'stash']);
/** Characters of paths per command line: far below Linux's limit, and Windows' 32,767. */
const BATCH_CHARS = 16_000;
function batches(paths) {
    const out = [];
    let batch = [];
    let chars = 0;
    for (const path of paths) {
        if (batch.length > 0 && chars + path.length + 1 > BATCH_CHARS) {
            out.push(batch);
            batch = [];
            chars = 0;
        }
        batch.push(path);
        chars += path.length + 1;
    }
    if (batch.length > 0)
        out.push(batch);
    return out;
}
/**
 * A command that reaches a remote through a local path or SSH runs the
 * program remote.<name>.uploadpack (receivepack) names, and there the first
 * configured value wins over command-line configuration: the option does win.
 */
function withPackPrograms(args) {
    const [command, ...rest] = args;
    if (command === 'fetch' || command === 'ls-remote' || command === 'pull')
        return [command, '--upload-pack=git-upload-pack', ...rest];
    if (command === 'push')
        return [command, '--receive-pack=git-receive-pack', ...rest];
    return args;
}
/** curl's words when http.lowSpeedTime passed without a byte (curl error 28). */
const STALLED = /curl 28 Operation too slow|Operation too slow\. Less than/i;
/** Said after curl's words, as git's last line: what happened, in ours. */
const STALL_LINE = `\nfatal: the remote sent nothing for ${GIT_STALL_LIMIT_S} s mid-transfer (a host or proxy that hangs), so git gave up`;
/** Commands that talk to the remote themselves (their failures are theirs to read). */
const REMOTE_COMMANDS = new Set(['fetch', 'push', 'ls-remote', 'pull']);
function timeoutProblem(args, ms) {
    const remote = REMOTE_COMMANDS.has(args[0]);
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GraftError */ .Tz({
        message: `git ${args[0]} did not finish within ${(0,_exec_js__WEBPACK_IMPORTED_MODULE_5__/* .describeDuration */ .MB)(ms)} and was stopped`,
        hint: remote
            ? 'the remote did not answer in time: check that origin is reachable (a proxy?) and re-run the workflow'
            : 'the repository may be very large or its disk very slow; re-run, and report it if it happens again'
    });
}


/***/ }),

/***/ 181:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BK: () => (/* binding */ inCheckoutProblem),
/* harmony export */   Cq: () => (/* binding */ trustedEntries),
/* harmony export */   K7: () => (/* binding */ which),
/* harmony export */   lM: () => (/* binding */ insideAny),
/* harmony export */   m5: () => (/* binding */ foundOnlyInCheckout),
/* harmony export */   sK: () => (/* binding */ checkoutFolders)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4296);
/* harmony import */ var _repo_names_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3452);
// Finds an executable on PATH without spawning a shell. Only absolute PATH
// entries count: a relative one ('.', an empty entry, 'node_modules/.bin')
// names a folder of whatever directory the program runs in, which is the
// repository, so a file committed there would run as git or dvc. Go's
// exec.LookPath refuses the same (ErrDot, Go 1.19). For the same reason an
// absolute entry inside the checkout is skipped: workflows put
// `$GITHUB_WORKSPACE/bin`, `.venv/bin` or `node_modules/.bin` on PATH, and a
// pull request that commits `bin/git` there would run in git's place, as a
// child of the action (whose environment holds the token and the AWS keys).




/** `path` with symlinks resolved when it exists, else as written (resolved). */
function real(path) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(path);
    }
    catch {
        return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(path);
    }
}
/**
 * The folders whose content a pull request controls, so that no program is
 * taken from them: the workspace the runner checked out into
 * (GITHUB_WORKSPACE of `env`) and `also` (the repository a command runs in).
 */
function checkoutFolders(env = process.env, also) {
    return [env.GITHUB_WORKSPACE, also].filter((d) => !!d && (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(d));
}
/** True when `dir` is one of `folders` or inside one (as written, or with symlinks resolved). */
function insideAny(dir, folders) {
    if (folders.length === 0)
        return false;
    const lexical = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(dir);
    const resolved = real(dir);
    return folders.some((f) => (0,_repo_names_js__WEBPACK_IMPORTED_MODULE_3__/* .isWithin */ .UO)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(f), lexical) || (0,_repo_names_js__WEBPACK_IMPORTED_MODULE_3__/* .isWithin */ .UO)(real(f), resolved));
}
/** A search path (PATH, LD_LIBRARY_PATH) with its relative entries and its entries inside `untrusted` left out. */
function trustedEntries(list, untrusted) {
    return list
        .split(node_path__WEBPACK_IMPORTED_MODULE_1__.delimiter)
        .filter((dir) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(dir) && !insideAny(dir, untrusted))
        .join(node_path__WEBPACK_IMPORTED_MODULE_1__.delimiter);
}
function which(name, path = process.env.PATH ?? '', untrusted = checkoutFolders()) {
    for (const dir of trustedEntries(path, untrusted).split(node_path__WEBPACK_IMPORTED_MODULE_1__.delimiter)) {
        if (dir === '')
            continue;
        const candidate = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name);
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(candidate, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.X_OK);
            if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(candidate).isFile())
                return candidate;
        }
        catch {
            // not here; keep looking
        }
    }
    return undefined;
}
/**
 * Where `name` is on `path` when it is there only inside `untrusted` (the
 * checkout), so that "not installed" is not said of a program that is on
 * PATH but not taken; undefined when it is found outside, or nowhere.
 */
function foundOnlyInCheckout(name, path = process.env.PATH ?? '', untrusted = checkoutFolders()) {
    return which(name, path, untrusted) === undefined ? which(name, path, []) : undefined;
}
/** The program is on PATH only in a folder of the checkout, whose files a pull request decides. */
function inCheckoutProblem(name, found) {
    const problem = new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GraftError */ .Tz({
        message: `${name} was found on PATH only at ${found}, inside the checkout, and the action runs no program from the checkout`,
        hint: `install ${name} outside the workspace (a branch or pull request decides what the checkout holds), or put a ${name} from outside it on PATH`
    });
    return Object.assign(problem, { code: 'ENOENT' });
}


/***/ }),

/***/ 3452:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ah: () => (/* binding */ entryLexicalProblem),
/* harmony export */   Im: () => (/* binding */ isSameOrInside),
/* harmony export */   NP: () => (/* binding */ normalizeRepoPath),
/* harmony export */   P8: () => (/* binding */ showPath),
/* harmony export */   TC: () => (/* binding */ lexicalPathProblem),
/* harmony export */   UO: () => (/* binding */ isWithin),
/* harmony export */   Vh: () => (/* binding */ PIPELINE_FILES),
/* harmony export */   W3: () => (/* binding */ CONTROL),
/* harmony export */   YL: () => (/* binding */ DVC_SKIPPED_DIRS),
/* harmony export */   ss: () => (/* binding */ forbiddenFolder),
/* harmony export */   ys: () => (/* binding */ sameFileKey)
/* harmony export */ });
/* unused harmony export folderKey */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4325);
// The rules on a repository path's text, before any file is looked at: what a
// path is to the run (its role), the folders no path may be in, how a path is
// normalised and shown in a message. Shared by the resolver and by every
// reader that meets a path (dvc.yaml, dvc.lock, prompts, git's file lists).


/**
 * Folders DVC does not walk into inside a directory dep (dvc-data's walk
 * skips them), and neither do the resolver's tree check and the hasher, so
 * validate and generate judge the same entries. A `.git` of any kind is skipped.
 */
const DVC_SKIPPED_DIRS = new Set(['.git', '.hg', '.dvc']);
/** DVC's own pipeline files at the repository root: written by generate, never outputs of a stage. */
const PIPELINE_FILES = new Set(['dvc.yaml', 'dvc.lock']);
/** Folders no path may be in, by their case-folded name (see {@link folderKey}). */
const FORBIDDEN_FOLDERS = new Set(['.git', '.github', '.dvc']);
/** A Windows short (8.3) name of a forbidden folder: `GIT~1`, `GITHUB~2`, `DVC~1`, any case, trailing dots and spaces. */
const SHORT_NAME = /^(git|github|dvc)~[0-9]+[. ]*$/i;
/** What posix.normalize (or the trailing-slash rule) would change: `\\`, `//`, `.` or `..` segments, a final `/`. */
const NOT_NORMAL = /\\|\/\/|(?:^|\/)\.\.?(?:\/|$)|\/$/;
/** A control character (C0, DEL or C1: U+009B is the 8-bit CSI): refused in paths and model names, which reach logs and commands. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** `./docs//a.md/` → `docs/a.md`. Leaves `..` and absolute paths for the checks to refuse. */
function normalizeRepoPath(path) {
    if (path !== '' && !mayNeedNormalizing(path))
        return path; // the common case, without allocating
    const slashed = path.replace(/\\/g, '/');
    const normal = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize(slashed);
    return normal.length > 1 ? normal.replace(/\/+$/, '') : normal;
}
/** NOT_NORMAL.test(path), with substring searches first: they rule out the common path more cheaply than the expression. */
function mayNeedNormalizing(path) {
    const suspect = path.charCodeAt(0) === 46 /* . */ ||
        path.includes('/.') ||
        path.includes('\\') ||
        path.includes('//') ||
        path.endsWith('/');
    return suspect && NOT_NORMAL.test(path);
}
/**
 * True when the file-system path `inner` is `outer` or lies inside it (both
 * absolute, as written): by `relative`, where a folder named `..x` is inside
 * and only `..` itself, or `../…`, leads out.
 */
function isWithin(outer, inner) {
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.relative)(outer, inner);
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_0__.sep}`) && !(0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(rel));
}
/** True when `inner` equals `outer` or lies inside it, segment-aware (`a` holds `a/b`, not `ab`). */
function isSameOrInside(outer, inner) {
    return inner === outer || inner.startsWith(outer.endsWith('/') ? outer : `${outer}/`);
}
/**
 * A folder name as case-insensitive file systems (macOS, Windows) read it:
 * folded as {@link sameFileKey} folds a name (`.GIT.` is `.git`, and so is
 * `.gıt`, whose dotless ı is I in NTFS's upper-case table).
 */
function folderKey(segment) {
    return sameFileKey(segment);
}
/** The forbidden folder a `/`-separated relative path lies in, if any. */
function forbiddenFolder(relPath) {
    // Most paths hold no segment starting with '.' and no '~': no split needed.
    // (beyond ASCII, a segment may fold to one: HFS+ drops a leading zero-width joiner)
    const ascii = /^[\x00-\x7f]*$/.test(relPath);
    if (ascii && relPath.charCodeAt(0) !== 46 /* . */ && !relPath.includes('/.') && !relPath.includes('~'))
        return undefined;
    for (const segment of relPath.split('/')) {
        if (segment.includes('~')) {
            // Windows 8.3 short names: on an NTFS volume that keeps them, GIT~1 is .git and GITHUB~1 is .github
            const short = SHORT_NAME.exec(segment);
            if (short)
                return `.${short[1].toLowerCase()}`;
        }
        // cheap: every forbidden name starts with '.'
        if (segment.length < 4 || (ascii && segment.charCodeAt(0) !== 46) /* . */)
            continue;
        const key = folderKey(segment);
        if (FORBIDDEN_FOLDERS.has(key))
            return key;
    }
    return undefined;
}
/**
 * The code points HFS+ leaves out when it compares names (git's is_hfs_dotgit,
 * CVE-2014-9390): zero-width non-joiner and joiner, the bidirectional marks,
 * embeddings and overrides, the deprecated format characters, the BOM.
 */
const HFS_IGNORED = /[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/g;
/**
 * One key for the names a case-insensitive or normalising file system takes
 * for one file. macOS (APFS, HFS+) ignores letter case and Unicode
 * normalisation (`café` in NFC and NFD is one name); Windows (NTFS) compares
 * names through an upper-case table (`ı` and `i` are both `I` there) but keeps
 * NFC and NFD apart, though editors and git clients there often normalise.
 * Windows also drops trailing dots and spaces from each name (`a.md.` is
 * `a.md`). The key covers all of it, erring on the side of one file: NFC,
 * then upper case (the full mapping, so `ß` meets `ss` and `ﬁ` meets `fi`),
 * then lower case (so the Kelvin sign meets `k`), NFC again, and each
 * segment's trailing dots and spaces dropped. HFS+ also ignores some
 * invisible code points in a name (HFS_IGNORED): they are dropped first.
 */
function sameFileKey(path) {
    // printable ASCII (most paths): lower case is the whole fold, and nothing to normalise
    const folded = /^[\x20-\x7e]*$/.test(path)
        ? path.toLowerCase()
        : path.replace(HFS_IGNORED, '').normalize('NFC').toUpperCase().toLowerCase().normalize('NFC');
    return folded
        .split('/')
        .map((segment) => segment.replace(/[. ]+$/, ''))
        .join('/');
}
/** A path as a message may show it: control characters written as escapes (`\n`, `\u007f`). */
function showPath(path) {
    return (0,_log_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeControls */ .UN)(path);
}
/**
 * The checks that need no file system: empty, control characters, absolute,
 * `..` escapes, `.git/` `.github/` `.dvc/` (any case, any depth), and for
 * outputs the repository root, dvc.yaml and dvc.lock.
 * @returns the problem in words, or undefined when the text is acceptable.
 */
function lexicalPathProblem(rel, role) {
    if (rel.trim() === '')
        return `the ${role} path is empty`;
    if (CONTROL.test(rel))
        return `${showPath(rel)} holds a control character (a line break, tab, …); rename the file`;
    if ((0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(rel) || /^[A-Za-z]:[\\/]/.test(rel) || rel.startsWith('\\')) {
        return `${rel} is an absolute path; paths are relative to the repository root`;
    }
    const norm = normalizeRepoPath(rel);
    if (norm === '..' || norm.startsWith('../'))
        return `${rel} leaves the repository`;
    const folder = forbiddenFolder(norm);
    if (folder)
        return `${rel} is inside ${folder}/, which the action never reads or writes`;
    if (role === 'output') {
        if (norm === '.')
            return `${rel} is the repository root, not a file`;
        // in every spelling that is the same file on macOS or Windows (`DVC.lock`, `dvc.yaml.`)
        const pipelineFile = sameFileKey(norm);
        if (PIPELINE_FILES.has(pipelineFile))
            return `${rel} is the pipeline's own ${pipelineFile}`;
    }
    return undefined;
}
/** lexicalPathProblem for a name found inside a folder dep: only the folders the action never reads. */
function entryLexicalProblem(rel) {
    const folder = forbiddenFolder(rel);
    return folder ? `${rel} is inside ${folder}/, which the action never reads or writes` : undefined;
}


/***/ }),

/***/ 5828:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $3: () => (/* binding */ replaced),
/* harmony export */   $D: () => (/* binding */ MAX_TEXT_BYTES),
/* harmony export */   XF: () => (/* binding */ readRegularFile),
/* harmony export */   ZL: () => (/* binding */ NON_BLOCKING_READ)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
// Reading a file the resolver judged regular, so that whatever replaced it
// since cannot hang or fool the run; and the most the action reads at once.


/**
 * Reads (UTF-8) a file already judged a regular file, so that whatever
 * replaced it since cannot hang or fool the run: the open never blocks (a FIFO
 * opens at once), `noFollow` refuses a final symlink (for a real path, which
 * has none), and the file is read only if fstat still says regular file.
 * Source of the risk: another process on the runner (an earlier step) can swap
 * a file between the resolver's check and the read.
 * @param shown the repository-relative path, for the message
 * @returns the text; undefined when nothing is there (ENOENT)
 * @throws GraftError naming `shown` when something else is there now; other read errors as thrown
 */
function readRegularFile(abs, shown, options = {}) {
    const flags = NON_BLOCKING_READ | (options.noFollow ? (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW ?? 0) : 0);
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(abs, flags);
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT')
            return undefined;
        if (code === 'ELOOP' && options.noFollow)
            throw replaced(shown, 'a symlink');
        throw error;
    }
    try {
        const stats = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd);
        if (!stats.isFile())
            throw replaced(shown, 'a FIFO, a device or a folder');
        if (stats.size > MAX_TEXT_BYTES) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GraftError */ .Tz({
                file: shown,
                message: `${shown} is ${Math.round(stats.size / (1024 * 1024))} MB, more than the action reads from one file (${MAX_TEXT_BYTES / (1024 * 1024)} MB)`,
                hint: 'a prompt, a pipeline file or a source the model reads is text of a sensible size: remove or split it'
            });
        }
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(fd, 'utf8');
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}
/**
 * The most text the action reads into memory at once (one file, or one
 * document's sources): a JavaScript string holds about 512 M characters, and
 * gigabytes would exhaust the runner's memory first.
 */
const MAX_TEXT_BYTES = 256 * 1024 * 1024;
/**
 * Open flags for reading a file judged earlier: a FIFO swapped in since opens
 * at once instead of blocking (the caller then checks fstat says regular file).
 */
const NON_BLOCKING_READ = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK ?? 0);
/** The problem for a file judged regular that is something else (`what`) when read. */
function replaced(shown, what) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GraftError */ .Tz({
        file: shown,
        message: `${shown} is no longer a regular file: something replaced it with ${what} while the run read it`,
        hint: 'make it a regular file again, and make sure no other step changes the repository while the action runs'
    });
}


/***/ })

};
