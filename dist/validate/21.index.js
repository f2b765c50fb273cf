export const id = 21;
export const ids = [21];
export const modules = {

/***/ 5402:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dvcStatus: () => (/* binding */ dvcStatus)
/* harmony export */ });
/* unused harmony exports dvcVersion, parseDvcStatusJson */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _io_exec_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7265);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4296);
/* harmony import */ var _phrasing_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1677);
// Engine "dvc": asks the real `dvc status --json` and reads its answer into a
// PipelineStatus. DVC needs a `.dvc/` folder, and Graft repositories ignore it
// (a fresh clone has none), so a scratch one is made for the run and removed
// afterwards; whatever DVC adds inside an existing `.dvc/` is removed too.






const INSTALL_HINT = 'install DVC 3 (pip install "dvc==3.*"), put it on PATH, or use engine "native"';
async function dvcStatus(root, options = {}) {
    const dvcPath = options.dvcPath ?? 'dvc';
    const env = options.env ?? process.env;
    const siteCache = env.DVC_SITE_CACHE_DIR ? undefined : (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'graft-dvc-site-'));
    const workspace = prepareDvcDir(root);
    try {
        const result = await runDvc(dvcPath, ['status', '--json'], root, {
            ...env,
            DVC_NO_ANALYTICS: '1',
            ...(siteCache ? { DVC_SITE_CACHE_DIR: siteCache } : {})
        });
        if (result.code !== 0)
            throw dvcFailure(root, result);
        return parseDvcStatusJson(result.stdout);
    }
    finally {
        workspace.restore();
        if (siteCache)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(siteCache, { recursive: true, force: true });
    }
}
/** `dvc --version`, e.g. "3.67.1". */
async function dvcVersion(dvcPath = 'dvc') {
    const result = await runDvc(dvcPath, ['--version'], process.cwd(), { ...process.env, DVC_NO_ANALYTICS: '1' });
    if (result.code !== 0) {
        throw new GraftError({ message: `${dvcPath} --version failed: ${firstLine(result)}`, hint: INSTALL_HINT });
    }
    return result.stdout.trim();
}
/** Reads what `dvc status --json` prints. Keys (`sub/dvc.yaml:name`, `name@key`) are kept as-is. */
function parseDvcStatusJson(stdout) {
    let data;
    try {
        data = JSON.parse(stdout);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .GraftError */ .Tz({
            message: `dvc status --json printed something that is not JSON: ${stdout.trim().slice(0, 200)}`,
            hint: 'run `dvc status --json` in the repository to see what DVC says'
        });
    }
    if (!isRecord(data)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .GraftError */ .Tz({ message: 'dvc status --json did not print a JSON object', hint: 'use DVC 3' });
    }
    const status = new Map();
    for (const [stage, items] of Object.entries(data)) {
        status.set(stage, stageStatus(Array.isArray(items) ? items : []));
    }
    return status;
}
function stageStatus(items) {
    const s = { changedDeps: {}, changedOuts: {}, changedCommand: false, alwaysChanged: false };
    for (const item of items) {
        if (item === 'changed command')
            s.changedCommand = true;
        else if (item === 'always changed')
            s.alwaysChanged = true;
        else if (isRecord(item)) {
            Object.assign(s.changedDeps, pathStates(item['changed deps']));
            Object.assign(s.changedOuts, pathStates(item['changed outs']));
        }
        // Anything else ("changed checksum" of .dvc files) leaves the stage reported, without detail.
    }
    return s;
}
function pathStates(value) {
    const out = {};
    if (!isRecord(value))
        return out;
    for (const [path, state] of Object.entries(value)) {
        // A params file maps to {key: state}; the file as a whole counts as modified.
        out[path] = typeof state === 'string' ? state : 'modified';
    }
    return out;
}
/**
 * Makes sure `<root>/.dvc` exists. A scratch folder is removed whole afterwards;
 * in an existing one, only the entries DVC added (at its top and in tmp/) go.
 */
function prepareDvcDir(root) {
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, '.dvc');
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(dir)) {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(dir);
        // Outside git, DVC refuses to run unless told there is no SCM.
        if (!insideGitWorkTree(root))
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'config'), '[core]\n    no_scm = true\n');
        return { restore: () => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(dir, { recursive: true, force: true }) };
    }
    const before = { top: entries(dir), tmp: entries((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'tmp')) };
    return {
        restore: () => {
            const tmpExisted = before.top.has('tmp');
            for (const name of entries(dir)) {
                if (!before.top.has(name))
                    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, name), { recursive: true, force: true });
            }
            if (!tmpExisted)
                return;
            for (const name of entries((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'tmp'))) {
                if (!before.tmp.has(name))
                    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'tmp', name), { recursive: true, force: true });
            }
        }
    };
}
function entries(dir) {
    try {
        return new Set((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir));
    }
    catch {
        return new Set();
    }
}
/** A `.git` (folder or file) in root or above: no subprocess needed. */
function insideGitWorkTree(root) {
    for (let dir = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(root);; dir = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(dir)) {
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, '.git')))
            return true;
        if ((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(dir) === dir)
            return false;
    }
}
// ---- running DVC and reading its failures --------------------------------
async function runDvc(dvcPath, args, cwd, env) {
    try {
        return await (0,_io_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)(dvcPath, args, { cwd, env, allowFailure: true });
    }
    catch (error) {
        if (error.code === 'ENOENT') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .GraftError */ .Tz({ message: `DVC was not found (${dvcPath})`, hint: INSTALL_HINT });
        }
        throw error;
    }
}
/** What each documented DVC exit code means, and what to do about it. */
const EXIT_MEANINGS = {
    253: {
        meaning: 'DVC says this is not a DVC repository',
        get hint() {
            return `point ${(0,_phrasing_js__WEBPACK_IMPORTED_MODULE_5__/* .setting */ .Pe)('working-directory')} at the folder that holds dvc.yaml`;
        }
    },
    251: {
        meaning: 'DVC configuration error',
        file: '.dvc/config',
        hint: 'fix or remove .dvc/config and .dvc/config.local (a Graft repository needs no DVC config)'
    },
    254: {
        meaning: 'DVC rejected the arguments of `dvc status --json`',
        hint: 'this DVC is too old or too new; install DVC 3 (pip install "dvc==3.*") or use engine "native"'
    },
    255: {
        meaning: 'DVC failed',
        hint: 'if another DVC process holds the repository lock, wait for it; if none runs, delete .dvc/tmp/lock'
    }
};
function dvcFailure(root, result) {
    const text = dvcMessage(result);
    const known = EXIT_MEANINGS[result.code];
    if (known) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .GraftError */ .Tz({
            message: `${known.meaning} (exit ${result.code}): ${text}`,
            file: known.file,
            hint: known.hint
        });
    }
    return new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .GraftError */ .Tz(syntaxProblem(text) ?? {
        message: `dvc status failed (exit ${result.code}) in ${root}: ${text}`,
        hint: 'run `dvc status` in the repository to see the full error'
    });
}
/** `'./dvc.yaml' is invalid.` / `'sub/dvc.lock' validation failed.` → file and first line number. */
function syntaxProblem(text) {
    const file = /'(?:\.\/)?([^']+\.(?:yaml|lock))' (?:is invalid|validation failed)/.exec(text)?.[1];
    if (!file)
        return undefined;
    const line = /\bline (\d+)/.exec(text)?.[1];
    return {
        file,
        line: line ? Number(line) : undefined,
        message: `DVC cannot read ${file}: ${text}`,
        hint: file.endsWith('.lock')
            ? `fix ${file} or restore it from git (git checkout -- ${file})`
            : `fix the YAML of ${file} (regenerate it from the prompts if it is Graft's)`
    };
}
/** DVC's stderr without "ERROR:" prefixes, code excerpts and blank lines, on one line. */
function dvcMessage(result) {
    const lines = (result.stderr || result.stdout)
        .split('\n')
        .map((l) => l.replace(/^ERROR:\s*/, '').trimEnd())
        .filter((l) => l.trim() !== '' && !/^\s*\d+(\s|$)/.test(l));
    return lines.join(' ').replace(/\s+/g, ' ').trim() || `no message (exit ${result.code})`;
}
function firstLine(result) {
    return (result.stderr || result.stdout).trim().split('\n')[0] ?? '';
}
function isRecord(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}


/***/ })

};
