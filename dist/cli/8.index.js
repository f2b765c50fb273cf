export const id = 8;
export const ids = [8];
export const modules = {

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
const run = (file, args, options) => new Promise((resolve, reject) => {
    const env = options.env ?? process.env;
    // Node looks a program up on the child's PATH, else its own: so do we.
    const program = file.includes('/') ? file : (0,_which_js__WEBPACK_IMPORTED_MODULE_4__/* .which */ .K)(file, env.PATH ?? process.env.PATH ?? '');
    if (program === undefined) {
        reject(spawnProblem(file, options.cwd, Object.assign(new Error(`spawn ${file} ENOENT`), { code: 'ENOENT' })));
        return;
    }
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(program, args, {
        cwd: options.cwd,
        env,
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

/***/ 181:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ which)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
// Finds an executable on PATH without spawning a shell. Only absolute PATH
// entries count: a relative one ('.', an empty entry, 'node_modules/.bin')
// names a folder of whatever directory the program runs in, which is the
// repository, so a file committed there would run as git or dvc. Go's
// exec.LookPath refuses the same (ErrDot, Go 1.19).


function which(name, path = process.env.PATH ?? '') {
    for (const dir of path.split(node_path__WEBPACK_IMPORTED_MODULE_1__.delimiter).filter((d) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(d))) {
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


/***/ }),

/***/ 6107:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $3: () => (/* binding */ replaced),
/* harmony export */   Im: () => (/* binding */ isSameOrInside),
/* harmony export */   NP: () => (/* binding */ normalizeRepoPath),
/* harmony export */   P8: () => (/* binding */ showPath),
/* harmony export */   TC: () => (/* binding */ lexicalPathProblem),
/* harmony export */   Vh: () => (/* binding */ PIPELINE_FILES),
/* harmony export */   W3: () => (/* binding */ CONTROL),
/* harmony export */   XF: () => (/* binding */ readRegularFile),
/* harmony export */   YL: () => (/* binding */ DVC_SKIPPED_DIRS),
/* harmony export */   ZL: () => (/* binding */ NON_BLOCKING_READ),
/* harmony export */   x_: () => (/* binding */ RepoPathChecker)
/* harmony export */ });
/* unused harmony exports folderKey, checkRepoPath, assertWritable */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4296);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4325);
// The one path resolver. Every path the action reads or writes — prompt files,
// deps and the files inside directory deps, dvc.yaml, dvc.lock, outputs and the
// previous drafts read from the work tree — comes from content a pull request
// can edit, so each goes through here before any byte is read or written. It
// decides where a path really lands after every symlink and refuses, with a
// message naming the path:
// - anything that lands outside the repository (the pipeline's root);
// - anything inside `.git/` (at any depth: nested repositories too), `.github/`
//   or `.dvc/`, compared case-insensitively and ignoring trailing dots and
//   spaces (on macOS and Windows runners `.GIT` and `.github.` are those
//   folders), for the declared path and the resolved one alike;
// - anything that is neither a regular file nor a folder (a FIFO would hang
//   the run, a device would never end);
// - control characters in a path, C0 and C1 (they would end up in logs and commands).
// Outputs must also be writable files: not a folder, not under a file.




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
/** A `..` after a separator: a real path holding it is left to path.relative. */
const UP = `${node_path__WEBPACK_IMPORTED_MODULE_1__.sep}..`;
/** `./docs//a.md/` → `docs/a.md`. Leaves `..` and absolute paths for the checks to refuse. */
function normalizeRepoPath(path) {
    if (path !== '' && !mayNeedNormalizing(path))
        return path; // the common case, without allocating
    const slashed = path.replace(/\\/g, '/');
    const normal = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.normalize(slashed);
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
/** True when `inner` equals `outer` or lies inside it, segment-aware (`a` holds `a/b`, not `ab`). */
function isSameOrInside(outer, inner) {
    return inner === outer || inner.startsWith(outer.endsWith('/') ? outer : `${outer}/`);
}
/**
 * A folder name as case-insensitive file systems (macOS, Windows) read it:
 * lower case, trailing dots and spaces dropped (`.GIT.` is `.git`).
 */
function folderKey(segment) {
    return segment.toLowerCase().replace(/[. ]+$/, '');
}
/** The forbidden folder a `/`-separated relative path lies in, if any. */
function forbiddenFolder(relPath) {
    // Most paths hold no segment starting with '.' and no '~': no split needed.
    if (relPath.charCodeAt(0) !== 46 /* . */ && !relPath.includes('/.') && !relPath.includes('~'))
        return undefined;
    for (const segment of relPath.split('/')) {
        if (segment.includes('~')) {
            // Windows 8.3 short names: on an NTFS volume that keeps them, GIT~1 is .git and GITHUB~1 is .github
            const short = SHORT_NAME.exec(segment);
            if (short)
                return `.${short[1].toLowerCase()}`;
        }
        if (segment.length < 4 || segment.charCodeAt(0) !== 46 /* . */)
            continue; // cheap: every forbidden name starts with '.'
        const key = folderKey(segment);
        if (FORBIDDEN_FOLDERS.has(key))
            return key;
    }
    return undefined;
}
/** A path as a message may show it: control characters written as escapes. */
function showPath(path) {
    return CONTROL.test(path) ? path.replace(new RegExp(CONTROL.source, 'g'), _log_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeCharacter */ .Vg) : path;
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
    if ((0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(rel) || /^[A-Za-z]:[\\/]/.test(rel) || rel.startsWith('\\')) {
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
        if (PIPELINE_FILES.has(norm))
            return `${rel} is the pipeline's own ${norm}`;
    }
    return undefined;
}
/**
 * A problem message for a repository-relative path, or undefined when it is
 * safe for `role` (see the file's header for the rules).
 */
function checkRepoPath(root, rel, role) {
    return new RepoPathChecker(root).check(rel, role);
}
/**
 * The resolver for one repository and one run: the root's real path and each
 * verdict are looked up once. It never notices the file system changing, so
 * make a new one for each run (and after writing).
 */
class RepoPathChecker {
    root;
    realRoot;
    /** the real root with a separator after it: what every real path inside starts with */
    rootPrefix;
    verdicts = {
        prompt: new Map(),
        dep: new Map(),
        output: new Map(),
        pipeline: new Map()
    };
    trees = new Map();
    landings = new Map();
    /** real folder → how often it was looked into, then its entries' kinds (see entryKind) */
    listings = new Map();
    /** real folder → what stops a write into it (null: nothing), asked once per folder */
    blockers = new Map();
    constructor(root) {
        this.root = root;
    }
    /** The problem with `rel` for `role`, or undefined when it may be used. */
    check(rel, role) {
        const verdicts = this.verdicts[role];
        if (verdicts.has(rel))
            return verdicts.get(rel);
        const verdict = this.judge(rel, role);
        verdicts.set(rel, verdict);
        return verdict;
    }
    /**
     * The real absolute path of `rel`, checked for `role`.
     * @throws GraftError naming `rel` (and `at`, the prompt and line that asked for it) when refused.
     */
    resolve(rel, role, at) {
        const problem = this.check(rel, role);
        if (problem)
            throw refusal(rel, role, problem, at);
        return this.land(normalizeRepoPath(rel)).real;
    }
    /**
     * Reads a file through the resolver; undefined when nothing is there.
     * @throws GraftError when the path is refused, or names a folder.
     */
    readText(rel, role, at) {
        const real = this.resolve(rel, role, at);
        const kind = this.land(normalizeRepoPath(rel)).kind;
        if (!kind)
            return undefined;
        if (kind === 'folder')
            throw refusal(rel, role, `${rel} is a folder, not a file`, at);
        return readRegularFile(real, showPath(normalizeRepoPath(rel)), { noFollow: true });
    }
    /**
     * The real path of `rel` when it passes the `role` checks and is a regular
     * file; undefined otherwise (nothing is thrown: for work done ahead, whose
     * refusals the run's own checks report).
     */
    regularFile(rel, role) {
        if (this.check(rel, role) !== undefined)
            return undefined;
        const landing = this.land(normalizeRepoPath(rel));
        return landing.kind === 'file' ? landing.real : undefined;
    }
    /** Whether `rel` exists, following symlinks (a dangling link does not). Call after check(). */
    exists(rel) {
        return this.land(normalizeRepoPath(rel)).kind !== undefined;
    }
    /**
     * For a folder dep: every entry below it, walked without following symlinked
     * folders (as DVC walks), must itself pass the `dep` rules.
     * @returns the first problem found, or undefined.
     */
    checkTree(rel) {
        const normal = normalizeRepoPath(rel);
        if (this.landings.get(normal)?.kind === 'file')
            return undefined; // most deps: no tree to walk
        if (this.trees.has(normal))
            return this.trees.get(normal);
        const verdict = this.walkTree(normal);
        this.trees.set(normal, verdict);
        return verdict;
    }
    walkTree(dir) {
        const landing = this.land(dir);
        if (landing.kind !== 'folder')
            return undefined;
        let entries;
        try {
            entries = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(landing.real, { withFileTypes: true });
        }
        catch {
            return undefined; // not a folder after all, or unreadable: the file checks speak for it
        }
        for (const entry of entries) {
            const child = dir === '.' ? entry.name : `${dir}/${entry.name}`;
            // exactly what DVC and hash.ts skip; anything else (a `.github/`, a `.GIT`, a `.dvc` file) is judged
            if (entry.name === '.git' || (entry.isDirectory() && DVC_SKIPPED_DIRS.has(entry.name)))
                continue;
            const problem = this.check(child, 'dep');
            if (problem)
                return problem;
            if (entry.isDirectory()) {
                const below = this.checkTree(child);
                if (below)
                    return below;
            }
        }
        return undefined;
    }
    judge(rel, role) {
        const lexical = lexicalPathProblem(rel, role);
        if (lexical)
            return lexical;
        const normal = normalizeRepoPath(rel);
        if (role === 'pipeline') {
            const own = lstatOrUndefined((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(this.root, normal));
            if (own?.isSymbolicLink())
                return `${normal} is a symlink; the action reads and writes the pipeline's files only as plain files`;
        }
        const landing = this.land(normal);
        if (landing.problem)
            return landing.problem;
        const where = this.repoRelative(landing.real);
        if (where === '..' || where.startsWith('../') || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(where))
            return `${this.through(normal)}, outside the repository`;
        const folder = where === normal ? undefined : forbiddenFolder(where); // `normal` itself passed the lexical checks
        if (folder)
            return `${this.through(normal)}, inside ${folder}/, which the action never reads or writes`;
        if (role === 'output' && where === '')
            return `${normal} is the repository root, not a file`;
        if (role === 'output' && PIPELINE_FILES.has(where))
            return `${this.through(normal)}, the pipeline's own ${where}`;
        const kind = landing.kind;
        if (!kind)
            return role === 'output' ? this.writableProblem(normal, landing.real) : undefined;
        if (kind !== 'file' && kind !== 'folder')
            return `${normal} is a ${kind}, not a regular file; the action reads only files and folders`;
        if (kind === 'folder' && (role === 'output' || role === 'prompt' || role === 'pipeline'))
            return `${normal} is a folder, not a file`;
        if (role === 'output')
            return this.writableProblem(normal, landing.real);
        return undefined;
    }
    /** "`link` is a symlink to `target`": the first symlink on the way to `normal`, for a message. */
    through(normal) {
        const parts = normal.split('/');
        for (let i = 1; i <= parts.length; i++) {
            const link = parts.slice(0, i).join('/');
            const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(this.realRootPath(), link);
            if (!lstatOrUndefined(abs)?.isSymbolicLink())
                continue;
            let target;
            try {
                target = node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync.native(abs);
            }
            catch {
                target = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(abs), (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readlinkSync)(abs));
            }
            const shown = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(this.realRootPath(), target).split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join('/');
            const inside = shown !== '' && !shown.startsWith('../') && !(0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(shown);
            return `${link} is a symlink to ${inside ? shown : target}${link === normal ? '' : ` (on the way to ${normal})`}`;
        }
        return `${normal} leads to ${this.land(normal).real}`;
    }
    /** An output's folder must be writable: the nearest existing one is asked. */
    writableProblem(normal, real) {
        const folder = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(real);
        let blocker = this.blockers.get(folder);
        if (blocker === undefined) {
            // The folder has usually landed already (as the output's parent): then only its permission is asked.
            const slash = normal.lastIndexOf('/');
            const parent = this.landings.get(slash < 0 ? '.' : normal.slice(0, slash));
            blocker = this.writeBlocker(folder, parent?.kind === 'folder' && parent.real === folder);
            this.blockers.set(folder, blocker);
        }
        if (blocker === null)
            return undefined;
        const shown = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(this.realRootPath(), blocker.dir).split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join('/') || '.';
        return blocker.isFile
            ? `${normal} cannot be written: ${shown} is a file, not a folder`
            : `${normal} cannot be written: its folder ${shown} ${NOT_WRITABLE}`;
    }
    /**
     * What stops a write into `dir`: its nearest existing ancestor, when that is
     * a file or not writable; else null. `landed`: `dir` is known to be a folder,
     * so only its permission is asked.
     */
    writeBlocker(dir, landed) {
        for (;;) {
            if (!landed) {
                const stats = statOrUndefined(dir);
                if (!stats) {
                    const up = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(dir);
                    if (up === dir)
                        return null;
                    dir = up;
                    continue;
                }
                if (!stats.isDirectory())
                    return { dir, isFile: true };
            }
            try {
                (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(dir, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.W_OK);
            }
            catch {
                return { dir, isFile: false };
            }
            return null;
        }
    }
    /** A real path relative to the real root, `/`-separated (`..` first when outside). */
    repoRelative(real) {
        const realRoot = this.realRootPath();
        const inside = (this.rootPrefix ??= realRoot.endsWith(node_path__WEBPACK_IMPORTED_MODULE_1__.sep) ? realRoot : realRoot + node_path__WEBPACK_IMPORTED_MODULE_1__.sep);
        if (real.startsWith(inside) && !real.includes(UP)) {
            const rel = real.slice(inside.length);
            return node_path__WEBPACK_IMPORTED_MODULE_1__.sep === '/' ? rel : rel.split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join('/');
        }
        return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(realRoot, real).split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join('/');
    }
    realRootPath() {
        return (this.realRoot ??= node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync.native(this.root));
    }
    /** Follows every symlink of `normal` (a normalised relative path); the part that does not exist yet is appended. */
    land(normal) {
        let landing = this.landings.get(normal);
        if (!landing) {
            landing = this.follow(normal);
            this.landings.set(normal, landing);
        }
        return landing;
    }
    follow(normal) {
        // The common case: the parent folder has landed (cached), and the last
        // component is no symlink, so it lands right inside the parent's real path.
        const slash = normal.lastIndexOf('/');
        const parent = normal === '.' ? undefined : this.land(slash < 0 ? '.' : normal.slice(0, slash));
        const name = slash < 0 ? normal : normal.slice(slash + 1);
        if (parent && !parent.problem && (!parent.kind || parent.kind === 'folder') && name !== '..' && name !== '') {
            const abs = parent.real.endsWith(node_path__WEBPACK_IMPORTED_MODULE_1__.sep) ? parent.real + name : parent.real + node_path__WEBPACK_IMPORTED_MODULE_1__.sep + name;
            if (!parent.kind)
                return { real: abs }; // below a folder that is not there (yet)
            const kind = this.entryKind(parent.real, name, abs);
            if (kind === null)
                return { real: abs };
            if (kind && kind !== 'symlink')
                return { real: abs, kind };
        }
        return this.walk(normal);
    }
    /**
     * What `name` is in the real folder `dir` (`abs` is the two joined), without
     * following it: null when nothing is there, undefined when unsure (the
     * caller takes the general path). The first looks into a folder are one
     * lstat each; then the folder is listed once (one readdir, dearer than an
     * lstat, answers for every entry, and makes no Stats objects). A name the listing lacks is
     * asked with lstat: on a case-insensitive volume it may be there in another
     * spelling, which the general path settles.
     */
    entryKind(dir, name, abs) {
        const state = this.listings.get(dir) ?? 0;
        let listing;
        if (typeof state === 'number')
            this.listings.set(dir, state < LOOKS_BEFORE_LISTING ? state + 1 : ((listing = listFolder(dir)) ?? 'unlistable'));
        else if (state !== 'unlistable')
            listing = state;
        const listed = listing?.get(name);
        if (listed)
            return listed;
        const stats = lstatOrMissing(abs);
        if (stats === null || stats === undefined)
            return stats;
        // There, yet not listed: another spelling on a case-insensitive volume (or made since): the general path settles it.
        return listing ? undefined : kindOf(stats);
    }
    /** The general case: realpath, and when something on the way is missing or dangling, a walk one component at a time. */
    walk(normal) {
        const realRoot = this.realRootPath();
        const abs = normal === '.' ? realRoot : realRoot + (realRoot.endsWith(node_path__WEBPACK_IMPORTED_MODULE_1__.sep) ? '' : node_path__WEBPACK_IMPORTED_MODULE_1__.sep) + normal.split('/').join(node_path__WEBPACK_IMPORTED_MODULE_1__.sep);
        try {
            const real = node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync.native(abs);
            const kind = kindOf((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(real));
            return { real, kind };
        }
        catch (error) {
            const code = error.code;
            if (code === 'ELOOP')
                return { real: abs, problem: `${normal} is a symlink loop` };
            if (code !== 'ENOENT' && code !== 'ENOTDIR')
                return { real: abs, problem: `${normal} cannot be read (${code ?? 'unknown error'})` };
        }
        // Something on the way is missing (or dangling): walk it, one component at a time.
        let current = realRoot;
        const parts = normal.split('/');
        for (let i = 0; i < parts.length; i++) {
            const next = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(current, parts[i]);
            const stats = lstatOrUndefined(next);
            if (!stats)
                return { real: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(next, ...parts.slice(i + 1)) };
            if (stats.isSymbolicLink()) {
                let target;
                try {
                    target = node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync.native(next);
                }
                catch (error) {
                    if (error.code === 'ELOOP')
                        return { real: next, problem: `${parts.slice(0, i + 1).join('/')} is a symlink loop` };
                    target = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(next), (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readlinkSync)(next)); // dangling: where it would write
                    return { real: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(target, ...parts.slice(i + 1)) };
                }
                current = target;
            }
            else if (!stats.isDirectory() && i < parts.length - 1) {
                return {
                    real: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(next, ...parts.slice(i + 1)),
                    problem: `${normal} cannot exist: ${parts.slice(0, i + 1).join('/')} is a file, not a folder`
                };
            }
            else {
                current = next;
            }
        }
        return { real: current };
    }
}
/** The end of the problem for an output whose folder the runner cannot write (the fix is a permission, not the path). */
const NOT_WRITABLE = 'is not writable';
/** The error for a refused path, pinned on the prompt line that asked for it when there is one. */
function refusal(rel, role, problem, at) {
    const verb = role === 'output' ? 'write' : 'read';
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GraftError */ .Tz({
        file: at?.file ?? showPath(rel),
        line: at?.line,
        message: `refusing to ${verb} ${showPath(rel)}: ${problem}`,
        hint: problem.endsWith(NOT_WRITABLE)
            ? 'make the folder writable for the runner (an earlier step may have changed its permissions), then re-run'
            : role === 'output'
                ? "outputs must be plain files inside the repository, outside .git/, .github/ and .dvc/; fix the prompt's `out` or remove the symlink"
                : 'paths must stay inside the repository, outside .git/, .github/ and .dvc/, and be regular files or folders; fix the path or remove the symlink'
    });
}
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
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd).isFile())
            throw replaced(shown, 'a FIFO, a device or a folder');
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(fd, 'utf8');
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}
/**
 * Open flags for reading a file judged earlier: a FIFO swapped in since opens
 * at once instead of blocking (the caller then checks fstat says regular file).
 */
const NON_BLOCKING_READ = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK ?? 0);
/** The problem for a file judged regular that is something else (`what`) when read. */
function replaced(shown, what) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GraftError */ .Tz({
        file: shown,
        message: `${shown} is no longer a regular file: something replaced it with ${what} while the run read it`,
        hint: 'make it a regular file again, and make sure no other step changes the repository while the action runs'
    });
}
/** Throws when an output may not be written; call it right before writing. */
function assertWritable(root, rel) {
    new RepoPathChecker(root).resolve(rel, 'output');
}
/** What `entry` is (a Stats from lstat or stat, or a Dirent from a listing). */
function kindOf(entry) {
    if (entry.isSymbolicLink())
        return 'symlink';
    if (entry.isFile())
        return 'file';
    if (entry.isDirectory())
        return 'folder';
    if (entry.isFIFO())
        return 'FIFO (named pipe)';
    if (entry.isSocket())
        return 'socket';
    if (entry.isCharacterDevice())
        return 'character device';
    if (entry.isBlockDevice())
        return 'block device';
    return 'special file';
}
function lstatOrUndefined(abs) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(abs, { throwIfNoEntry: false });
    }
    catch {
        return undefined; // e.g. a file where a folder was expected
    }
}
/** lstats into one folder before it is listed: a listing pays for itself in folders with many files read. */
const LOOKS_BEFORE_LISTING = 3;
/** A folder's entries and their kinds (no symlink followed); undefined when it cannot be listed. */
function listFolder(dir) {
    try {
        return new Map((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir, { withFileTypes: true }).map((entry) => [entry.name, kindOf(entry)]));
    }
    catch {
        return undefined;
    }
}
/** lstat; null when nothing is there, undefined on any other error (the caller then takes the general path). */
function lstatOrMissing(abs) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(abs, { throwIfNoEntry: false }) ?? null;
    }
    catch {
        return undefined;
    }
}
function statOrUndefined(abs) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(abs, { throwIfNoEntry: false });
    }
    catch {
        return undefined;
    }
}


/***/ })

};
