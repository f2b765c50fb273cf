export const id = 604;
export const ids = [604];
export const modules = {

/***/ 9604:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ensureDvc: () => (/* binding */ ensureDvc)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: ./node_modules/@actions/cache/lib/cache.js + 340 modules
var cache = __webpack_require__(1691);
// EXTERNAL MODULE: ./src/action/report.ts
var report = __webpack_require__(1658);
// EXTERNAL MODULE: ./src/core/log.ts
var log = __webpack_require__(4325);
// EXTERNAL MODULE: ./src/action/run-end.ts + 1 modules
var run_end = __webpack_require__(6432);
;// CONCATENATED MODULE: ./src/action/actions-cache.ts
// The one way to GitHub's Actions cache (the render cache, the DVC
// installation): the cache is an optimisation, so it may never cost more than
// a few seconds or fail a run.
//
// @actions/cache has no time limit of its own on the cache service: its Twirp
// client (internal/shared/cacheTwirpClient.js) makes up to 5 attempts with
// 3 s × 1.5ⁿ sleeps between them (about 25 s per call while the service answers
// 503), and its HTTP client sets no socket timeout, so a service that accepts
// connections and never answers holds a call forever; neither can be set
// through restoreCache/saveCache. So every call here runs against a short
// limit of ours; after the first failure or timeout the run stops using the
// cache (said once in the log) and goes on without it. A call left behind keeps
// its socket or retry timer: run-end.ts ends the process when one was, so it
// cannot hold the step open after the work is done.
//
// Two more ways a bad day shows: a service that answers every call, each
// slowly (a second or two per request, under the limit), would cost that on
// every document — so a call slower than CACHE_SLOW_MS turns the cache off too,
// once its result is used; and most failures never reach us as errors (see
// watchToolkit).




/** How long one cache call may take before the run gives up on the cache. */
const CACHE_CALL_LIMIT_MS = 5_000;
/** A small entry's call (a lookup, a rendered text) this slow means the service is having a bad day. */
const CACHE_SLOW_MS = 3_000;
let disabled;
/** Whether the cache can be used now: the service is configured and nothing has failed yet in this run. */
function cacheUsable() {
    if (disabled)
        return false;
    let available = false;
    try {
        available = cache/* isFeatureAvailable */.w3();
    }
    catch {
        // treated as unavailable
    }
    if (!available)
        disable('the cache service is not available here', false);
    return available;
}
/** Stops using the cache for the rest of the run; says why once. */
function disable(why, loud = true) {
    if (disabled)
        return;
    disabled = why;
    if (loud)
        report/* actionLog */.Zx.warn(`Actions cache: ${why}; going on without the cache for the rest of this run.`);
    else
        report/* actionLog */.Zx.info(`Actions cache: ${why}; going on without it.`);
}
// @actions/cache swallows most failures — a reset or refused connection, a
// 4xx, its own rate limit: restoreCache then answers "no entry", saveCache -1,
// and the toolkit prints "Failed to restore: …" (or save) as a warning or
// error annotation of its own, once per call, while the cache stays on. That
// line is the only sign of them (the package exports nothing else), so while a
// call is in flight the action's stdout is watched for it: the line is taken as
// the call's failure (the cache is turned off and that is said once, by us) and
// is not printed.
const TOOLKIT_FAILURE = /^::(?:warning|error)::(?:Failed to (?:restore|save)|Cache reservation failed): ([^\r\n]*)/;
/**
 * The service refuses to create an entry that is there already (another job
 * saved the same text first). Answered as a Twirp `ok: false`, the toolkit
 * warns "Cache reservation failed: … already exists" — an annotation, one of
 * GitHub's ten per step, about nothing wrong (actions/cache#1541). Said as a
 * log line; the cache stays on. Any other refused reservation is a failure.
 */
const ALREADY_SAVED = /already exists/i;
let watching = 0;
let unwatch;
let toolkitFailure;
function watchToolkit() {
    if (watching++ > 0)
        return;
    const stdout = process.stdout;
    const write = stdout.write;
    const watcher = function (chunk, ...rest) {
        const failed = TOOLKIT_FAILURE.exec(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        if (!failed)
            return write.call(stdout, chunk, ...rest);
        // the workflow command's escaping undone, its first line kept
        const said = failed[1].split('%0A')[0].replace(/%0D/g, '').replace(/%25/g, '%');
        if (ALREADY_SAVED.test(said)) {
            return write.call(stdout, `${(0,log/* escapeLog */.Ah)(`Actions cache: ${said} (saved by another job); nothing to save`)}\n`, ...rest);
        }
        toolkitFailure ??= said;
        const done = rest.find((r) => typeof r === 'function');
        done?.();
        return true;
    };
    stdout.write = watcher;
    unwatch = () => {
        // unless something else took stdout over meanwhile
        if (stdout.write === watcher)
            stdout.write = write;
    };
}
function unwatchToolkit() {
    if (--watching > 0)
        return;
    unwatch?.();
    unwatch = undefined;
}
/**
 * One cache call (`what`, e.g. "restore graft-render-…") within `limitMs`.
 * Undefined when the cache is not usable, the call failed, or it did not
 * answer in time; the first failure or timeout turns the cache off for the
 * run. A call slower than `slowMs` is used, and turns the cache off after it.
 */
async function cacheCall(what, call, limitMs = CACHE_CALL_LIMIT_MS, slowMs = CACHE_SLOW_MS) {
    if (!cacheUsable())
        return undefined;
    let timer;
    const timeout = new Promise((resolve) => {
        timer = setTimeout(() => resolve('timeout'), limitMs);
        timer.unref();
    });
    const started = Date.now();
    watchToolkit();
    // watched until the toolkit is done, also when we stopped waiting for it
    const running = call().finally(unwatchToolkit);
    try {
        const result = await Promise.race([running, timeout]);
        if (result === 'timeout') {
            (0,run_end/* abandonedCall */.L)();
            disable(`${what} did not finish within ${limitMs / 1000} s`);
            return undefined;
        }
        if (toolkitFailure) {
            disable(`${what} failed (${toolkitFailure})`);
            return undefined;
        }
        const took = Date.now() - started;
        if (took > slowMs)
            disable(`${what} took ${(took / 1000).toFixed(1)} s (the cache service is slow)`);
        // a call that finished after another one turned the cache off is not trusted either, unless it was this slow one
        return disabled && took <= slowMs ? undefined : result;
    }
    catch (error) {
        disable(`${what} failed (${error.message.split('\n')[0]})`);
        return undefined;
    }
    finally {
        clearTimeout(timer);
    }
}
/** restoreCache within the limits: the key restored, or undefined (a miss, or no cache). */
async function restore(paths, key, limits = {}) {
    if (limits.archiveMs === undefined)
        return cacheCall(`restoring ${key}`, () => cache/* restoreCache */.P3(paths, key));
    // a quick lookup first: a slow or silent service is found out in seconds, not after a long download limit
    const found = await cacheCall(`looking up ${key}`, () => cache/* restoreCache */.P3(paths, key, [], { lookupOnly: true }));
    if (!found)
        return undefined;
    const options = { timeoutInMs: limits.archiveMs, segmentTimeoutInMs: limits.archiveMs };
    // a large archive may take long without the service being slow
    const archive = limits.archiveMs;
    return cacheCall(`restoring ${key}`, () => cache/* restoreCache */.P3(paths, key, [], options), archive, archive);
}
/** saveCache within the limits: whether the entry was saved. */
async function save(paths, key, limits = {}) {
    const { archiveMs } = limits;
    const id = await cacheCall(`saving ${key}`, () => cache/* saveCache */.Io(paths, key), archiveMs, archiveMs);
    return id !== undefined && id !== -1;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/io/which.ts
var which = __webpack_require__(2562);
// EXTERNAL MODULE: ./src/core/io/dvc.ts
var io_dvc = __webpack_require__(5847);
// EXTERNAL MODULE: ./src/core/io/env.ts
var env = __webpack_require__(3087);
// EXTERNAL MODULE: ./src/core/io/exec.ts + 1 modules
var exec = __webpack_require__(7265);
;// CONCATENATED MODULE: ./src/action/dvc-setup.ts
// Puts DVC on the runner for engine "dvc": the one on PATH when there is one,
// else a virtual environment in the runner's tool cache, installed with pip and
// kept with @actions/cache. The cache is a speed-up only: every call to it goes
// through actions-cache.ts (time limits; the first failure turns it off for
// the run), never a failed run.













const VERSION_PATTERN = /^\d+(\.\d+){0,2}(\.\*)?$/;
/** Returns the path of a working `dvc` executable, installing it when needed. */
async function ensureDvc(options) {
    const onPath = (0,which/* which */.K7)('dvc');
    if (onPath) {
        report/* actionLog */.Zx.info(`DVC: using ${onPath} from PATH`);
        return onPath;
    }
    const planted = (0,which/* foundOnlyInCheckout */.m5)('dvc');
    if (planted)
        report/* actionLog */.Zx.info(`DVC: not using ${planted}, which lies inside the checkout (see docs/security.md): using the action's own`);
    const version = checkVersion(options.version);
    const venv = (0,external_node_path_.join)(process.env.RUNNER_TOOL_CACHE || (0,external_node_os_.tmpdir)(), 'graft-action', `dvc-${version.replace(/\*/g, 'x')}`);
    const dvc = venvBin(venv, 'dvc');
    core.startGroup(`Installing DVC ${version}`);
    try {
        if (await works(dvc)) {
            report/* actionLog */.Zx.info(`DVC: reusing ${dvc}`);
            return dvc;
        }
        const python = await pythonInfo();
        const key = `graft-dvc-${version}-${process.platform}-${process.arch}-py${python.version}-${python.id}`;
        if (options.useCache && (await dvc_setup_restore(venv, key)) && (await works(dvc))) {
            report/* actionLog */.Zx.info(`DVC: restored ${dvc} from the cache (${key})`);
            return dvc;
        }
        await install(venv, version);
        if (options.useCache)
            await dvc_setup_save(venv, key);
        return dvc;
    }
    finally {
        core.endGroup();
    }
}
function checkVersion(raw) {
    const version = raw.trim() || '3.*';
    if (!VERSION_PATTERN.test(version)) {
        throw new errors/* GraftError */.Tz({
            message: `dvc-version "${raw}" is not a version`,
            hint: 'use a version such as 3.*, 3.67.* or 3.67.1'
        });
    }
    return version;
}
function venvBin(venv, name) {
    return process.platform === 'win32' ? (0,external_node_path_.join)(venv, 'Scripts', `${name}.exe`) : (0,external_node_path_.join)(venv, 'bin', name);
}
/** Whether `dvc --version` answers, asked through the one DVC runner. */
async function works(dvc) {
    if (!(0,external_node_fs_.existsSync)(dvc))
        return false;
    return (0,io_dvc/* dvcVersion */.Cs)(dvc).then(() => true, () => false);
}
/** Python and pip see no secret either: the allowlist, plus pip's own configuration and the network's. */
function pipEnv() {
    return (0,env/* programEnv */.q)('pip');
}
/** Python's version and a short id of the interpreter: a venv only works with the one that made it. */
async function pythonInfo() {
    const script = 'import sys; print("%d.%d.%d" % sys.version_info[:3]); print(sys.base_prefix)';
    const r = await (0,exec/* run */.eF)('python3', ['-c', script], { cwd: (0,external_node_os_.tmpdir)(), env: pipEnv(), allowFailure: true }).catch(() => undefined);
    if (!r || r.code !== 0) {
        throw new errors/* GraftError */.Tz({
            message: 'engine "dvc" needs Python 3 to install DVC, and python3 was not found',
            hint: 'add actions/setup-python before this step, install DVC yourself, or use engine "native"'
        });
    }
    const [version, prefix] = r.stdout.trim().split('\n');
    return {
        version,
        id: (0,external_node_crypto_.createHash)('sha256')
            .update(prefix ?? '')
            .digest('hex')
            .slice(0, 8)
    };
}
async function install(venv, version) {
    (0,external_node_fs_.rmSync)(venv, { recursive: true, force: true });
    (0,external_node_fs_.mkdirSync)(venv, { recursive: true });
    report/* actionLog */.Zx.info(`DVC: creating a virtual environment in ${venv}`);
    try {
        await step(await (0,exec/* run */.eF)('python3', ['-m', 'venv', venv], { cwd: venv, env: pipEnv(), allowFailure: true }), 'python3 -m venv', 'install the python3-venv package');
        report/* actionLog */.Zx.info(`DVC: pip install "dvc==${version}" (tens of seconds)`);
        const pip = await (0,exec/* run */.eF)(venvBin(venv, 'python'), ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', `dvc==${version}`], { cwd: venv, env: pipEnv(), allowFailure: true });
        await step(pip, `pip install "dvc==${version}"`, 'check that PyPI is reachable and that the version exists, or use engine "native"');
        if (!(await works(venvBin(venv, 'dvc')))) {
            throw new errors/* GraftError */.Tz({
                message: `DVC installed in ${venv} does not run`,
                hint: 'use engine "native" and report the problem'
            });
        }
    }
    catch (error) {
        (0,external_node_fs_.rmSync)(venv, { recursive: true, force: true });
        throw error;
    }
}
async function step(result, what, hint) {
    if (result.code === 0)
        return;
    const tail = (result.stderr || result.stdout).trim().split('\n').slice(-5).join(' ');
    throw new errors/* GraftError */.Tz({ message: `${what} failed (exit ${result.code}): ${tail}`, hint });
}
/** The virtual environment's archive (tens of MB) may take this long once the service answered a lookup. */
const VENV_ARCHIVE_MS = 60_000;
async function dvc_setup_restore(venv, key) {
    if (!cacheAvailable('restore'))
        return false;
    const hit = await restore([venv], key, { archiveMs: VENV_ARCHIVE_MS });
    if (!hit && cacheUsable())
        core.notice((0,log/* escapeLog */.Ah)(`DVC cache: no entry for ${key}; installing`));
    return hit !== undefined;
}
async function dvc_setup_save(venv, key) {
    if (!cacheAvailable('save'))
        return;
    if (await save([venv], key, { archiveMs: VENV_ARCHIVE_MS }))
        report/* actionLog */.Zx.info(`DVC cache: saved ${key}`);
}
function cacheAvailable(what) {
    if (cacheUsable())
        return true;
    core.notice(`DVC cache: ${what} skipped, the cache service is not available here (or failed earlier in this run)`);
    return false;
}


/***/ }),

/***/ 5847:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cs: () => (/* binding */ dvcVersion),
/* harmony export */   Ix: () => (/* binding */ DVC_INSTALL_HINT),
/* harmony export */   l_: () => (/* binding */ runDvc)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _defaults_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5553);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4296);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7265);
/* harmony import */ var _env_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3087);
/* harmony import */ var _git_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4379);
// The one DVC runner: every `dvc` command the project makes (status, --version)
// goes through here. DVC runs on content a pull request shapes, so it gets
// - a time limit, named when it stops DVC (a dep that never ends reading, a
//   pipeline too large), with what to do;
// - an environment that holds no secret (io/env.ts: no token, no AWS keys, no
//   INPUT_* or ACTIONS_*: DVC needs none), with git's hooks and fsmonitor off
//   for any git DVC starts, no network (every proxy at a closed port) and no
//   cloud credentials of the runner's home (empty AWS, gcloud, Azure config);
// - its writable state outside the repository, in a scratch folder of the run
//   removed afterwards: the site cache (hash and index databases), the global
//   and system config folders (empty: the runner's own DVC config does not
//   apply), and the temp folder.
// What must hold inside the repository before DVC starts (`.dvc/`, vars and
// params files, dvc.yaml, dvc.lock) is the engine's to check: status/dvc.ts.








const DVC_INSTALL_HINT = 'install DVC 3 (pip install "dvc==3.*"), put it on PATH, or use engine "native"';
/** Runs `dvc <args>`; resolves whatever the exit code (the caller reads DVC's failures). */
async function runDvc(dvcPath, args, options) {
    const timeoutMs = options.timeoutMs ?? _defaults_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_DVC_TIME_LIMIT_MINUTES */ .AZ * 60_000;
    const scratch = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'graft-dvc-'));
    try {
        return await (0,_exec_js__WEBPACK_IMPORTED_MODULE_5__/* .run */ .eF)(dvcPath, args, {
            cwd: options.cwd,
            env: dvcEnv(scratch, options.cwd),
            allowFailure: true,
            timeoutMs
        });
    }
    catch (error) {
        if (error.code === 'ENOENT') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .GraftError */ .Tz({ message: `DVC was not found (${dvcPath})`, hint: DVC_INSTALL_HINT });
        }
        if (error instanceof _exec_js__WEBPACK_IMPORTED_MODULE_5__/* .CommandTimeout */ .Rg) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .GraftError */ .Tz({
                message: `dvc ${args[0]} did not finish within ${(0,_exec_js__WEBPACK_IMPORTED_MODULE_5__/* .describeDuration */ .MB)(timeoutMs)} and was stopped`,
                hint: 'a dep DVC reads may never end (a FIFO or device reached through a ${…} path), or the pipeline is very large: ' +
                    `run \`dvc ${args.join(' ')}\` locally to see where it spends its time, or use engine "native"`
            });
        }
        throw error;
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(scratch, { recursive: true, force: true });
    }
}
/** `dvc --version`, e.g. "3.67.1". */
async function dvcVersion(dvcPath = 'dvc') {
    const result = await runDvc(dvcPath, ['--version'], { cwd: (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), timeoutMs: 60_000 });
    if (result.code !== 0) {
        const first = (result.stderr || result.stdout).trim().split('\n')[0] ?? '';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .GraftError */ .Tz({ message: `${dvcPath} --version failed: ${first}`, hint: DVC_INSTALL_HINT });
    }
    return result.stdout.trim();
}
/** Every proxy variable at a port where nothing listens (discard), and no host exempt. */
const NO_NETWORK = Object.fromEntries(['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy'].map((name) => [
    name,
    'http://127.0.0.1:9'
]));
/** The allowlisted environment, with every folder DVC writes for itself inside `scratch`. */
function dvcEnv(scratch, cwd) {
    const dir = (name) => {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(scratch, name);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(path);
        return path;
    };
    const temp = dir('tmp');
    const none = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(scratch, 'none');
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(none, '');
    return (0,_env_js__WEBPACK_IMPORTED_MODULE_6__/* .programEnv */ .q)('dvc', {
        // `dvc status` needs no network: a dep a \${…} value turns into a URL reaches a closed port, and
        // finds no cloud credentials of the runner's home to sign a request with
        ...NO_NETWORK,
        AWS_CONFIG_FILE: none,
        AWS_SHARED_CREDENTIALS_FILE: none,
        AWS_EC2_METADATA_DISABLED: 'true',
        CLOUDSDK_CONFIG: dir('gcloud'),
        AZURE_CONFIG_DIR: dir('azure'),
        ...(0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .hardenedGitEnv */ .Pl)(),
        DVC_NO_ANALYTICS: '1',
        // Python 3.11+ puts no folder of the working directory on its path
        PYTHONSAFEPATH: '1',
        // the updater (dvc version) checks nothing in CI
        CI: 'true',
        DVC_SITE_CACHE_DIR: dir('site-cache'),
        DVC_GLOBAL_CONFIG_DIR: dir('global-config'),
        DVC_SYSTEM_CONFIG_DIR: dir('system-config'),
        TMPDIR: temp,
        TEMP: temp,
        TMP: temp
    }, process.env, cwd);
}


/***/ })

};
