export const id = 215;
export const ids = [215];
export const modules = {

/***/ 7215:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   hookCommand: () => (/* binding */ hookCommand),
/* harmony export */   hookHelp: () => (/* binding */ hookHelp)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4296);
/* harmony import */ var _core_io_git_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3000);
/* harmony import */ var _core_io_which_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2562);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7593);
/* harmony import */ var _core_nearest_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8465);
/* harmony import */ var _help_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7911);
// `graft-action hook install`: a git pre-commit hook that runs validate and
// blocks a commit leaving a document stale or dvc.yaml out of sync. The hook
// goes where git looks for hooks (core.hooksPath, else .git/hooks); a hook
// this command did not write is kept unless --force, which saves a copy.








const hookHelp = () => (0,_help_js__WEBPACK_IMPORTED_MODULE_6__/* .helpPage */ .r)({
    usage: 'graft-action hook install [options]',
    about: 'Writes a git pre-commit hook that runs "graft-action validate --fail-on-stale"\n' +
        'and blocks a commit that leaves a generated document stale or dvc.yaml out of\n' +
        'sync with the prompts. "git commit --no-verify" skips it once. The hook checks\n' +
        'the working tree, so unstaged edits count too. It runs graft-action from PATH,\n' +
        'else from the repository (node_modules, or where this copy lies inside it), so\n' +
        'it keeps working when the clone moves.',
    sections: [
        {
            heading: 'Options',
            rows: [
                ['--force', 'replace a pre-commit hook graft-action did not write (a copy is kept)'],
                ['-C, --cwd <dir>', 'the Graft repository (default: the current directory)'],
                ['-h, --help', 'show this help']
            ]
        }
    ]
});
/** The first line after the shebang of every hook this command writes: how it knows its own. */
const MARKER = '# graft-action pre-commit hook';
const BACKUP_SUFFIX = '.before-graft-action';
async function hookCommand(argv) {
    const [sub, ...rest] = argv;
    if (sub === 'install')
        return install(rest);
    if (sub === '--help' || sub === '-h') {
        process.stdout.write(hookHelp());
        return 0;
    }
    if (!sub)
        throw new _args_js__WEBPACK_IMPORTED_MODULE_5__/* .UsageError */ .eb({ message: 'hook needs a command: install', hint: 'run "graft-action hook --help"' });
    const near = (0,_core_nearest_js__WEBPACK_IMPORTED_MODULE_7__/* .nearest */ .p)(sub, ['install']);
    throw new _args_js__WEBPACK_IMPORTED_MODULE_5__/* .UsageError */ .eb({
        message: `unknown hook command "${sub}"${near ? `; did you mean "${near}"?` : ''}`,
        hint: 'run "graft-action hook --help"'
    });
}
async function install(argv) {
    const { values } = (0,_args_js__WEBPACK_IMPORTED_MODULE_5__/* .parseCommandLine */ .Du)('hook install', argv, {
        force: { type: 'boolean', default: false },
        cwd: { type: 'string', short: 'C', default: '.' }
    });
    if (values.help) {
        process.stdout.write(hookHelp());
        return 0;
    }
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(values.cwd);
    const git = new _core_io_git_js__WEBPACK_IMPORTED_MODULE_3__/* .Git */ .T(dir);
    const top = await git.tryExec(['rev-parse', '--show-toplevel']);
    if (top.code !== 0) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GraftError */ .Tz({
            message: `${dir} is not in a git repository`,
            hint: 'run "git init" first, or pass -C <repository>'
        });
    }
    const root = top.stdout.trim();
    const hooksDir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(dir, (await git.exec(['rev-parse', '--git-path', 'hooks'])).trim());
    const hook = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(hooksDir, 'pre-commit');
    const shown = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, hook)) || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, hook).startsWith('..') ? hook : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, hook);
    let replaced = '';
    if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(hook)) {
        const existing = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(hook, 'utf8');
        if (!existing.includes(MARKER)) {
            if (!values.force) {
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GraftError */ .Tz({
                    file: shown,
                    message: `a pre-commit hook that graft-action did not write is already there; it was left as it is`,
                    hint: `call "graft-action validate --fail-on-stale" from it yourself, or run "graft-action hook install --force" to replace it (a copy is kept as pre-commit${BACKUP_SUFFIX})`
                });
            }
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync)(hook, `${hook}${BACKUP_SUFFIX}`);
            replaced = ` (the previous hook is kept as ${shown}${BACKUP_SUFFIX})`;
        }
    }
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(hooksDir, { recursive: true });
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(hook, hookScript(root, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, dir)));
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.chmodSync)(hook, 0o755);
    process.stdout.write(`Installed the graft-action pre-commit hook in ${shown}${replaced}.\n`);
    process.stdout.write('Commits that leave a document stale or dvc.yaml out of sync are now blocked; "git commit --no-verify" skips the check once.\n');
    // What the hook runs, as the user can run it from here: try it now.
    process.stdout.write(`Run the same check now with: ${hookCheckCommand(dir)}\n`);
    return 0;
}
/** Where the repository may hold its own graft-action, relative to the top of its work tree. */
const REPOSITORY_INSTALL = 'node_modules/graft-action/dist/cli/index.js';
/** This CLI's bundle, resolved through symlinks. */
function thisCli() {
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(process.argv[1]);
}
/** `file` relative to `root` when it lies inside it, else undefined. */
function inside(root, file) {
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(root), file);
    return rel === '' || rel.startsWith('..') || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(rel) ? undefined : rel.split('\\').join('/');
}
/** The validate command the hook runs, to type here: graft-action when on PATH, else this CLI; -C unless run in `dir`. */
function hookCheckCommand(dir) {
    const graft = (0,_core_io_which_js__WEBPACK_IMPORTED_MODULE_4__/* .which */ .K)('graft-action') ? 'graft-action' : `node ${shellQuote(thisCli())}`;
    return `${graft} validate --fail-on-stale${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(process.cwd()) === dir ? '' : ` -C ${shellQuote(dir)}`}`;
}
/**
 * The hook. It finds graft-action when it runs, not when it was written, so it
 * keeps working when the clone moves or Node is elsewhere: graft-action on
 * PATH; else the repository's own copy (node_modules/graft-action, or the one
 * that wrote this hook when that lies inside the repository), by a path
 * relative to the top of the work tree; else the copy that wrote the hook, if
 * it is still there. A script copy runs with the node on PATH, else the Node
 * that wrote the hook. Nothing found: the commit is blocked with what to do.
 */
function hookScript(root, graftDir) {
    const cli = thisCli();
    const own = inside(root, cli);
    const candidates = [REPOSITORY_INSTALL, ...(own && own !== REPOSITORY_INSTALL ? [own] : [])];
    const where = graftDir === '' ? '"$top"' : `"$top"/${shellQuote(graftDir)}`;
    const lines = [
        '#!/bin/sh',
        `${MARKER}, written by "graft-action hook install" (run it again to update it).`,
        '# Blocks a commit that leaves a generated document stale or dvc.yaml out of sync',
        '# with the prompts. Skip it once with: git commit --no-verify',
        'top=$(git rev-parse --show-toplevel) || exit 1',
        "# graft-action: on PATH, else the repository's own copy (relative to the top of the",
        '# work tree, so a moved clone still finds it), else the copy that wrote this hook.',
        'cli=',
        'if command -v graft-action >/dev/null 2>&1; then',
        '  set -- graft-action',
        'else',
        ...candidates.map((c) => `  [ -z "$cli" ] && [ -f "$top"/${shellQuote(c)} ] && cli="$top"/${shellQuote(c)}`),
        ...(own ? [] : [`  [ -z "$cli" ] && [ -f ${shellQuote(cli)} ] && cli=${shellQuote(cli)}`]),
        '  if [ -z "$cli" ]; then',
        `    echo "graft-action: this pre-commit hook cannot find graft-action: it is not on PATH, and not in this repository (${REPOSITORY_INSTALL})." >&2`,
        '    echo "Put graft-action on PATH, or run \\"graft-action hook install\\" again from where it is; skip this check once with \\"git commit --no-verify\\"." >&2',
        '    exit 1',
        '  fi',
        '  if command -v node >/dev/null 2>&1; then',
        '    set -- node "$cli"',
        `  elif [ -x ${shellQuote(process.execPath)} ]; then`,
        `    set -- ${shellQuote(process.execPath)} "$cli"`,
        '  else',
        '    echo "graft-action: this pre-commit hook needs Node.js (20 or newer) on PATH." >&2',
        '    echo "Install Node.js, or skip this check once with \\"git commit --no-verify\\"." >&2',
        '    exit 1',
        '  fi',
        'fi',
        `dir=${where}`,
        '"$@" validate --fail-on-stale -C "$dir" && exit 0',
        'status=$?',
        'echo >&2',
        'echo "graft-action: commit blocked (above: what is stale or out of sync, and why)." >&2',
        'echo "Regenerate with \\"$* generate -C $dir\\", bring dvc.yaml in line with \\"$* sync -C $dir\\"," >&2',
        'echo "or skip this check once with \\"git commit --no-verify\\"." >&2',
        'exit $status',
        ''
    ];
    return lines.join('\n');
}
function shellQuote(s) {
    return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}


/***/ }),

/***/ 1983:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   eF: () => (/* binding */ run)
/* harmony export */ });
/* unused harmony exports CommandError, spawnProblem */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _phrasing_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1677);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4296);
// The one way the project runs a subprocess (git, dvc, pip). Plain Node, so the
// core and the CLI need nothing from @actions/*. Arguments are passed as an
// array: no shell, no quoting bugs.




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
const run = (file, args, options) => new Promise((resolve, reject) => {
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(file, args, {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: ['pipe', 'pipe', 'pipe']
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', (error) => reject(spawnProblem(file, options.cwd, error)));
    child.on('close', (code) => {
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

/***/ 3000:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ Git)
/* harmony export */ });
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1983);
// A small git command manager: every git call the project makes goes through
// here, so environment, cwd and error text are handled once.

class Git {
    cwd;
    env;
    constructor(cwd, env = process.env) {
        this.cwd = cwd;
        this.env = env;
    }
    /** Runs git and returns stdout; throws CommandError on a non-zero exit. */
    async exec(args, input) {
        return (await (0,_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF)('git', args, { cwd: this.cwd, env: this.gitEnv(), input })).stdout;
    }
    /** Runs git and returns the whole result, whatever the exit code. */
    async tryExec(args, input) {
        return (0,_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF)('git', args, { cwd: this.cwd, env: this.gitEnv(), input, allowFailure: true });
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
        const r = await this.tryExec(['show', `${rev}:./${path}`]);
        return r.code === 0 ? r.stdout : undefined;
    }
    /** The same repository with extra environment (e.g. a scratch `GIT_INDEX_FILE`). */
    withEnv(extra) {
        return new Git(this.cwd, { ...this.env, ...extra });
    }
    gitEnv() {
        // Never prompt for credentials in CI; keep messages in English for matching.
        return { ...this.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
    }
}


/***/ }),

/***/ 2562:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ which)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
// Finds an executable on PATH without spawning a shell.


function which(name, path = process.env.PATH ?? '') {
    for (const dir of path.split(node_path__WEBPACK_IMPORTED_MODULE_1__.delimiter).filter(Boolean)) {
        const candidate = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name);
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(candidate, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.X_OK);
            return candidate;
        }
        catch {
            // not here; keep looking
        }
    }
    return undefined;
}


/***/ })

};
