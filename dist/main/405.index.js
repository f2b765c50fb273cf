export const id = 405;
export const ids = [405];
export const modules = {

/***/ 6405:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ensureDvc: () => (/* binding */ ensureDvc)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3838);
/* harmony import */ var _actions_cache_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1731);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1658);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_6___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_6__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4296);
/* harmony import */ var _core_io_which_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2562);
/* harmony import */ var _core_io_dvc_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(5847);
/* harmony import */ var _core_io_env_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(3087);
/* harmony import */ var _core_io_exec_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(1983);
/* harmony import */ var _core_log_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(4325);
// Puts DVC on the runner for engine "dvc": the one on PATH when there is one,
// else a virtual environment in the runner's tool cache, installed with pip and
// kept with @actions/cache. The cache is a speed-up only: every call to it goes
// through actions-cache.ts (time limits; the first failure turns it off for
// the run), never a failed run.













const VERSION_PATTERN = /^\d+(\.\d+){0,2}(\.\*)?$/;
/** Returns the path of a working `dvc` executable, installing it when needed. */
async function ensureDvc(options) {
    const onPath = (0,_core_io_which_js__WEBPACK_IMPORTED_MODULE_8__/* .which */ .K7)('dvc');
    if (onPath) {
        _report_js__WEBPACK_IMPORTED_MODULE_2__/* .actionLog */ .Zx.info(`DVC: using ${onPath} from PATH`);
        return onPath;
    }
    const planted = (0,_core_io_which_js__WEBPACK_IMPORTED_MODULE_8__/* .foundOnlyInCheckout */ .m5)('dvc');
    if (planted)
        _report_js__WEBPACK_IMPORTED_MODULE_2__/* .actionLog */ .Zx.info(`DVC: not using ${planted}, which lies inside the checkout (see docs/security.md): using the action's own`);
    const version = checkVersion(options.version);
    const venv = (0,node_path__WEBPACK_IMPORTED_MODULE_6__.join)(process.env.RUNNER_TOOL_CACHE || (0,node_os__WEBPACK_IMPORTED_MODULE_5__.tmpdir)(), 'graft-action', `dvc-${version.replace(/\*/g, 'x')}`);
    const dvc = venvBin(venv, 'dvc');
    _actions_core__WEBPACK_IMPORTED_MODULE_0__.startGroup(`Installing DVC ${version}`);
    try {
        if (await works(dvc)) {
            _report_js__WEBPACK_IMPORTED_MODULE_2__/* .actionLog */ .Zx.info(`DVC: reusing ${dvc}`);
            return dvc;
        }
        const python = await pythonInfo();
        const key = `graft-dvc-${version}-${process.platform}-${process.arch}-py${python.version}-${python.id}`;
        if (options.useCache && (await restore(venv, key)) && (await works(dvc))) {
            _report_js__WEBPACK_IMPORTED_MODULE_2__/* .actionLog */ .Zx.info(`DVC: restored ${dvc} from the cache (${key})`);
            return dvc;
        }
        await install(venv, version);
        if (options.useCache)
            await save(venv, key);
        return dvc;
    }
    finally {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.endGroup();
    }
}
function checkVersion(raw) {
    const version = raw.trim() || '3.*';
    if (!VERSION_PATTERN.test(version)) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .GraftError */ .Tz({
            message: `dvc-version "${raw}" is not a version`,
            hint: 'use a version such as 3.*, 3.67.* or 3.67.1'
        });
    }
    return version;
}
function venvBin(venv, name) {
    return process.platform === 'win32' ? (0,node_path__WEBPACK_IMPORTED_MODULE_6__.join)(venv, 'Scripts', `${name}.exe`) : (0,node_path__WEBPACK_IMPORTED_MODULE_6__.join)(venv, 'bin', name);
}
/** Whether `dvc --version` answers, asked through the one DVC runner. */
async function works(dvc) {
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_4__.existsSync)(dvc))
        return false;
    return (0,_core_io_dvc_js__WEBPACK_IMPORTED_MODULE_9__/* .dvcVersion */ .Cs)(dvc).then(() => true, () => false);
}
/** Python and pip see no secret either: the allowlist, plus pip's own configuration and the network's. */
function pipEnv() {
    return (0,_core_io_env_js__WEBPACK_IMPORTED_MODULE_10__/* .programEnv */ .q)('pip');
}
/** Python's version and a short id of the interpreter: a venv only works with the one that made it. */
async function pythonInfo() {
    const script = 'import sys; print("%d.%d.%d" % sys.version_info[:3]); print(sys.base_prefix)';
    const r = await (0,_core_io_exec_js__WEBPACK_IMPORTED_MODULE_11__/* .run */ .eF)('python3', ['-c', script], { cwd: (0,node_os__WEBPACK_IMPORTED_MODULE_5__.tmpdir)(), env: pipEnv(), allowFailure: true }).catch(() => undefined);
    if (!r || r.code !== 0) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .GraftError */ .Tz({
            message: 'engine "dvc" needs Python 3 to install DVC, and python3 was not found',
            hint: 'add actions/setup-python before this step, install DVC yourself, or use engine "native"'
        });
    }
    const [version, prefix] = r.stdout.trim().split('\n');
    return {
        version,
        id: (0,node_crypto__WEBPACK_IMPORTED_MODULE_3__.createHash)('sha256')
            .update(prefix ?? '')
            .digest('hex')
            .slice(0, 8)
    };
}
async function install(venv, version) {
    (0,node_fs__WEBPACK_IMPORTED_MODULE_4__.rmSync)(venv, { recursive: true, force: true });
    (0,node_fs__WEBPACK_IMPORTED_MODULE_4__.mkdirSync)(venv, { recursive: true });
    _report_js__WEBPACK_IMPORTED_MODULE_2__/* .actionLog */ .Zx.info(`DVC: creating a virtual environment in ${venv}`);
    try {
        await step(await (0,_core_io_exec_js__WEBPACK_IMPORTED_MODULE_11__/* .run */ .eF)('python3', ['-m', 'venv', venv], { cwd: venv, env: pipEnv(), allowFailure: true }), 'python3 -m venv', 'install the python3-venv package');
        _report_js__WEBPACK_IMPORTED_MODULE_2__/* .actionLog */ .Zx.info(`DVC: pip install "dvc==${version}" (tens of seconds)`);
        const pip = await (0,_core_io_exec_js__WEBPACK_IMPORTED_MODULE_11__/* .run */ .eF)(venvBin(venv, 'python'), ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', `dvc==${version}`], { cwd: venv, env: pipEnv(), allowFailure: true });
        await step(pip, `pip install "dvc==${version}"`, 'check that PyPI is reachable and that the version exists, or use engine "native"');
        if (!(await works(venvBin(venv, 'dvc')))) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .GraftError */ .Tz({
                message: `DVC installed in ${venv} does not run`,
                hint: 'use engine "native" and report the problem'
            });
        }
    }
    catch (error) {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_4__.rmSync)(venv, { recursive: true, force: true });
        throw error;
    }
}
async function step(result, what, hint) {
    if (result.code === 0)
        return;
    const tail = (result.stderr || result.stdout).trim().split('\n').slice(-5).join(' ');
    throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .GraftError */ .Tz({ message: `${what} failed (exit ${result.code}): ${tail}`, hint });
}
/** The virtual environment's archive (tens of MB) may take this long once the service answered a lookup. */
const VENV_ARCHIVE_MS = 60_000;
async function restore(venv, key) {
    if (!cacheAvailable('restore'))
        return false;
    const hit = await (0,_actions_cache_js__WEBPACK_IMPORTED_MODULE_1__/* .restore */ .PF)([venv], key, { archiveMs: VENV_ARCHIVE_MS });
    if (!hit && (0,_actions_cache_js__WEBPACK_IMPORTED_MODULE_1__/* .cacheUsable */ .d0)())
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.notice((0,_core_log_js__WEBPACK_IMPORTED_MODULE_12__/* .escapeLog */ .Ah)(`DVC cache: no entry for ${key}; installing`));
    return hit !== undefined;
}
async function save(venv, key) {
    if (!cacheAvailable('save'))
        return;
    if (await (0,_actions_cache_js__WEBPACK_IMPORTED_MODULE_1__/* .save */ .UN)([venv], key, { archiveMs: VENV_ARCHIVE_MS }))
        _report_js__WEBPACK_IMPORTED_MODULE_2__/* .actionLog */ .Zx.info(`DVC cache: saved ${key}`);
}
function cacheAvailable(what) {
    if ((0,_actions_cache_js__WEBPACK_IMPORTED_MODULE_1__/* .cacheUsable */ .d0)())
        return true;
    _actions_core__WEBPACK_IMPORTED_MODULE_0__.notice(`DVC cache: ${what} skipped, the cache service is not available here (or failed earlier in this run)`);
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
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1983);
/* harmony import */ var _env_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3087);
/* harmony import */ var _git_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3000);
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
