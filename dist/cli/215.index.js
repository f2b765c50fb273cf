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
/* harmony import */ var _core_repo_names_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3452);
/* harmony import */ var _core_io_git_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3000);
/* harmony import */ var _core_io_which_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(181);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7593);
/* harmony import */ var _core_nearest_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(8465);
/* harmony import */ var _help_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(7911);
// `graft-action hook install`: a git pre-commit hook that runs validate and
// blocks a commit leaving a document stale or dvc.yaml out of sync. The hook
// goes where git looks for hooks (core.hooksPath, else .git/hooks); a hook
// this command did not write is kept unless --force, which saves a copy.









const hookHelp = () => (0,_help_js__WEBPACK_IMPORTED_MODULE_7__/* .helpPage */ .r)({
    usage: 'graft-action hook install [options]',
    about: 'Writes a git pre-commit hook that runs "graft-action validate --fail-on-stale"\n' +
        'and blocks a commit that leaves a generated document stale or dvc.yaml out of\n' +
        'sync with the prompts. "git commit --no-verify" skips it once. The hook checks\n' +
        'the working tree, so unstaged edits count too. It runs graft-action from PATH,\n' +
        'else from the repository (node_modules, or where this copy lies inside it), so\n' +
        'it keeps working when the clone moves; never a copy in a folder git tracks files\n' +
        'in, which the branch checked out would decide.',
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
        throw new _args_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .eb({ message: 'hook needs a command: install', hint: 'run "graft-action hook --help"' });
    const near = (0,_core_nearest_js__WEBPACK_IMPORTED_MODULE_8__/* .nearest */ .p)(sub, ['install']);
    throw new _args_js__WEBPACK_IMPORTED_MODULE_6__/* .UsageError */ .eb({
        message: `unknown hook command "${sub}"${near ? `; did you mean "${near}"?` : ''}`,
        hint: 'run "graft-action hook --help"'
    });
}
async function install(argv) {
    const { values } = (0,_args_js__WEBPACK_IMPORTED_MODULE_6__/* .parseCommandLine */ .Du)('hook install', argv, {
        force: { type: 'boolean', default: false },
        cwd: { type: 'string', short: 'C', default: '.' }
    });
    if (values.help) {
        process.stdout.write(hookHelp());
        return 0;
    }
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(values.cwd);
    const git = new _core_io_git_js__WEBPACK_IMPORTED_MODULE_4__/* .Git */ .TU(dir);
    const top = await git.tryExec(['rev-parse', '--show-toplevel']);
    if (top.code !== 0) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GraftError */ .Tz({
            message: `${dir} is not in a git repository`,
            hint: 'run "git init" first, or pass -C <repository>'
        });
    }
    const root = top.stdout.trim();
    const gitDir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(dir, (await git.exec(['rev-parse', '--git-common-dir'])).trim());
    // Every git command runs with hooks off (core.hooksPath=/dev/null), so the configured folder is asked for by name.
    const configured = (await git.configuredPaths('core.hooksPath')).at(-1);
    const hooksDir = configured ? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(root, configured) : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(gitDir, 'hooks');
    // A core.hooksPath outside the repository (a global one, say) is shared: a hook
    // written there would run, and block commits, in every repository that uses it.
    // pre-commit refuses any core.hooksPath for the same reason.
    if (!(0,_core_repo_names_js__WEBPACK_IMPORTED_MODULE_3__/* .isSameOrInside */ .Im)(realOrSelf(root), realOrSelf(hooksDir)) &&
        !(0,_core_repo_names_js__WEBPACK_IMPORTED_MODULE_3__/* .isSameOrInside */ .Im)(realOrSelf(gitDir), realOrSelf(hooksDir))) {
        // the runner's own `-c core.hooksPath` (scope "command") is not where the user set it
        const origin = (await git.tryExec(['config', '--show-scope', '--show-origin', '--get-all', 'core.hooksPath'])).stdout
            .split('\n')
            .filter((line) => line !== '' && !line.startsWith('command\t'))
            .at(-1)
            ?.split('\t')[1];
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GraftError */ .Tz({
            message: `core.hooksPath${origin ? ` (${origin})` : ''} is ${hooksDir}, outside this repository: a pre-commit hook there would run in every repository that uses it, so none was written`,
            hint: `call "graft-action validate --fail-on-stale" from ${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(hooksDir, 'pre-commit')} yourself, or give this repository its own hooks (git config --local core.hooksPath .git/hooks) and install again`
        });
    }
    const hook = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(hooksDir, 'pre-commit');
    const shown = (0,_core_repo_names_js__WEBPACK_IMPORTED_MODULE_3__/* .isWithin */ .UO)(root, hook) ? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, hook) : hook;
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
/** `path` with its symlinks resolved, as far as it exists. */
function realOrSelf(path) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(path);
    }
    catch {
        return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path) === path ? path : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(realOrSelf((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path)), (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(path));
    }
}
/** `file` relative to `root` when it lies inside it, else undefined. */
function inside(root, file) {
    const base = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(root);
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(base, file);
    return rel === '' || !(0,_core_repo_names_js__WEBPACK_IMPORTED_MODULE_3__/* .isWithin */ .UO)(base, file) ? undefined : rel.split('\\').join('/');
}
/** The validate command the hook runs, to type here: graft-action when on PATH, else this CLI; -C unless run in `dir`. */
function hookCheckCommand(dir) {
    const graft = (0,_core_io_which_js__WEBPACK_IMPORTED_MODULE_5__/* .which */ .K7)('graft-action') ? 'graft-action' : `node ${shellQuote(thisCli())}`;
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
 *
 * What it runs is what the developer installed, never what a checkout brought:
 * relative PATH entries are dropped (a hook runs in the top of the work tree,
 * so '.' or 'node_modules/.bin' would name the checkout's files), and a
 * graft-action or node found in a folder of the work tree that git tracks
 * files in (a committed node_modules/graft-action, a committed .bin shim, a
 * vendored copy) is passed over with a note, as it is the checked-out branch's
 * code. pre-commit does the same for its own program (the path written at
 * install time); husky hooks are the repository's own scripts by design.
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
        "# Only absolute PATH entries: this hook runs in the work tree, where '.' or",
        "# 'node_modules/.bin' would name files a checkout put there (shell builtins only here).",
        'path=',
        'set -f',
        'IFS=:',
        'for d in $PATH; do case $d in /*) path=${path:+$path:}$d ;; esac; done',
        'PATH=$path',
        'top=$(git rev-parse --show-toplevel) && top=$(CDPATH= cd -P -- "$top" && pwd -P) || exit 1',
        '# in_checkout DIR: DIR lies in a folder of this work tree that git tracks files in,',
        '# so the branch checked out decides what is there. Prints that folder.',
        'in_checkout() {',
        '  d=$(CDPATH= cd -P -- "$1" 2>/dev/null && pwd -P) || return 1',
        '  case $d/ in "$top"/*) ;; *) return 1 ;; esac',
        '  rel=${d#"$top"}',
        '  rel=${rel#/}',
        '  first=${rel%%/*}',
        '  [ -n "$first" ] || first=${2:-.}',
        '  git -C "$top" ls-files --error-unmatch -- ":(literal)$first" >/dev/null 2>&1 || return 1',
        '  echo "$first"',
        '}',
        '# Nor the folders of the work tree that git tracks files in.',
        'path=',
        'for d in $PATH; do in_checkout "$d" >/dev/null || path=${path:+$path:}$d; done',
        'unset IFS',
        'set +f',
        'PATH=$path',
        '# checked_out FILE: FILE (its symlinks followed) is in such a folder; says so.',
        'checked_out() {',
        '  f=$1 n=0',
        '  while [ -L "$f" ] && [ "$n" -lt 20 ]; do',
        '    l=$(readlink "$f") || break',
        '    case $l in /*) f=$l ;; *) f=$(dirname -- "$f")/$l ;; esac',
        '    n=$((n + 1))',
        '  done',
        '  where=$(in_checkout "$(dirname -- "$f")" "$(basename -- "$f")") || return 1',
        '  echo "graft-action: not running $1: git tracks files in $where, so the branch checked out decides what it is." >&2',
        '}',
        "# graft-action: on PATH, else the repository's own copy (relative to the top of the",
        '# work tree, so a moved clone still finds it), else the copy that wrote this hook.',
        'cli=',
        'found=$(command -v graft-action 2>/dev/null)',
        'if [ -n "$found" ] && ! checked_out "$found"; then',
        '  set -- graft-action',
        'else',
        ...candidates.map((c) => `  [ -z "$cli" ] && [ -f "$top"/${shellQuote(c)} ] && ! checked_out "$top"/${shellQuote(c)} && cli="$top"/${shellQuote(c)}`),
        ...(own ? [] : [`  [ -z "$cli" ] && [ -f ${shellQuote(cli)} ] && cli=${shellQuote(cli)}`]),
        '  if [ -z "$cli" ]; then',
        `    echo "graft-action: this pre-commit hook cannot find graft-action: it is not on PATH, and not in this repository (${REPOSITORY_INSTALL}) outside what git tracks." >&2`,
        '    echo "Put graft-action on PATH, or run \\"graft-action hook install\\" again from where it is; skip this check once with \\"git commit --no-verify\\"." >&2',
        '    exit 1',
        '  fi',
        '  node=$(command -v node 2>/dev/null)',
        '  if [ -n "$node" ] && ! checked_out "$node"; then',
        '    set -- "$node" "$cli"',
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


/***/ })

};
