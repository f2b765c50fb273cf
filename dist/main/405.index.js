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
/* harmony import */ var _core_io_exec_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(1983);
// Puts DVC on the runner for engine "dvc": the one on PATH when there is one,
// else a virtual environment in the runner's tool cache, installed with pip and
// kept with @actions/cache. The cache is a speed-up only: every call to it goes
// through actions-cache.ts (time limits; the first failure turns it off for
// the run), never a failed run.










const VERSION_PATTERN = /^\d+(\.\d+){0,2}(\.\*)?$/;
/** Returns the path of a working `dvc` executable, installing it when needed. */
async function ensureDvc(options) {
    const onPath = (0,_core_io_which_js__WEBPACK_IMPORTED_MODULE_8__/* .which */ .K)('dvc');
    if (onPath) {
        _report_js__WEBPACK_IMPORTED_MODULE_2__/* .actionLog */ .Zx.info(`DVC: using ${onPath} from PATH`);
        return onPath;
    }
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
async function works(dvc) {
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_4__.existsSync)(dvc))
        return false;
    const r = await (0,_core_io_exec_js__WEBPACK_IMPORTED_MODULE_9__/* .run */ .eF)(dvc, ['--version'], {
        cwd: (0,node_os__WEBPACK_IMPORTED_MODULE_5__.tmpdir)(),
        allowFailure: true,
        env: { ...process.env, DVC_NO_ANALYTICS: '1' }
    }).catch(() => undefined);
    return r?.code === 0;
}
/** Python's version and a short id of the interpreter: a venv only works with the one that made it. */
async function pythonInfo() {
    const script = 'import sys; print("%d.%d.%d" % sys.version_info[:3]); print(sys.base_prefix)';
    const r = await (0,_core_io_exec_js__WEBPACK_IMPORTED_MODULE_9__/* .run */ .eF)('python3', ['-c', script], { cwd: (0,node_os__WEBPACK_IMPORTED_MODULE_5__.tmpdir)(), allowFailure: true }).catch(() => undefined);
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
        await step(await (0,_core_io_exec_js__WEBPACK_IMPORTED_MODULE_9__/* .run */ .eF)('python3', ['-m', 'venv', venv], { cwd: venv, allowFailure: true }), 'python3 -m venv', 'install the python3-venv package');
        _report_js__WEBPACK_IMPORTED_MODULE_2__/* .actionLog */ .Zx.info(`DVC: pip install "dvc==${version}" (tens of seconds)`);
        const pip = await (0,_core_io_exec_js__WEBPACK_IMPORTED_MODULE_9__/* .run */ .eF)(venvBin(venv, 'python'), ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', `dvc==${version}`], {
            cwd: venv,
            allowFailure: true
        });
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
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.notice(`DVC cache: no entry for ${key}; installing`);
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


/***/ })

};
