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
// EXTERNAL MODULE: ./src/action/report.ts + 1 modules
var report = __webpack_require__(9095);
// EXTERNAL MODULE: ./src/action/run-end.ts
var run_end = __webpack_require__(6363);
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



/** How long one cache call may take before the run gives up on the cache. */
const CACHE_CALL_LIMIT_MS = 5_000;
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
/**
 * One cache call (`what`, e.g. "restore graft-render-…") within `limitMs`.
 * Undefined when the cache is not usable, the call failed, or it did not
 * answer in time; the first failure or timeout turns the cache off for the run.
 */
async function cacheCall(what, call, limitMs = CACHE_CALL_LIMIT_MS) {
    if (!cacheUsable())
        return undefined;
    let timer;
    const timeout = new Promise((resolve) => {
        timer = setTimeout(() => resolve('timeout'), limitMs);
        timer.unref();
    });
    try {
        const result = await Promise.race([call(), timeout]);
        if (result === 'timeout') {
            (0,run_end/* abandonedCall */.L)();
            disable(`${what} did not finish within ${limitMs / 1000} s`);
            return undefined;
        }
        // a call that finished after another one turned the cache off is not trusted either
        return disabled ? undefined : result;
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
    return cacheCall(`restoring ${key}`, () => cache/* restoreCache */.P3(paths, key, [], options), limits.archiveMs);
}
/** saveCache within the limits: whether the entry was saved. */
async function save(paths, key, limits = {}) {
    const id = await cacheCall(`saving ${key}`, () => cache/* saveCache */.Io(paths, key), limits.archiveMs);
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
    const onPath = (0,which/* which */.K)('dvc');
    if (onPath) {
        report/* actionLog */.Zx.info(`DVC: using ${onPath} from PATH`);
        return onPath;
    }
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
async function works(dvc) {
    if (!(0,external_node_fs_.existsSync)(dvc))
        return false;
    const r = await (0,exec/* run */.eF)(dvc, ['--version'], {
        cwd: (0,external_node_os_.tmpdir)(),
        allowFailure: true,
        env: { ...process.env, DVC_NO_ANALYTICS: '1' }
    }).catch(() => undefined);
    return r?.code === 0;
}
/** Python's version and a short id of the interpreter: a venv only works with the one that made it. */
async function pythonInfo() {
    const script = 'import sys; print("%d.%d.%d" % sys.version_info[:3]); print(sys.base_prefix)';
    const r = await (0,exec/* run */.eF)('python3', ['-c', script], { cwd: (0,external_node_os_.tmpdir)(), allowFailure: true }).catch(() => undefined);
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
        await step(await (0,exec/* run */.eF)('python3', ['-m', 'venv', venv], { cwd: venv, allowFailure: true }), 'python3 -m venv', 'install the python3-venv package');
        report/* actionLog */.Zx.info(`DVC: pip install "dvc==${version}" (tens of seconds)`);
        const pip = await (0,exec/* run */.eF)(venvBin(venv, 'python'), ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', `dvc==${version}`], {
            cwd: venv,
            allowFailure: true
        });
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
        core.notice(`DVC cache: no entry for ${key}; installing`);
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


/***/ })

};
